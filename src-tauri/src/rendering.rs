//! How the web view draws on a machine without a graphics device.
//!
//! WebKitGTK composites the page through a GPU buffer-sharing path (DMA-BUF) when it can. On a
//! machine with no render node (`/dev/dri/renderD*`: virtual machines, remote desktops, CI
//! displays) that path runs on Mesa's software rasteriser instead, which maps an LLVM-based
//! shader compiler into the web process and costs about 100 MB of memory for nothing the app
//! needs: the canvas is boxes, lines and text. On such machines the app asks WebKit for its
//! plain shared-memory path. A user who sets the variable themselves keeps their choice, and a
//! machine with a render node keeps WebKit's default.

use std::path::Path;

/// The variable WebKitGTK reads to leave the DMA-BUF renderer out.
pub const DISABLE_DMABUF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Variables through which a user already chose how WebKit renders.
const USER_CHOICES: [&str; 2] = [DISABLE_DMABUF, "WEBKIT_DISABLE_COMPOSITING_MODE"];

/// Whether to turn the DMA-BUF renderer off, given what the user set and whether the machine
/// has a render node.
pub fn should_disable_dmabuf(user_set: impl Fn(&str) -> bool, has_render_node: bool) -> bool {
    !has_render_node && !USER_CHOICES.iter().any(|name| user_set(name))
}

/// Whether `folder` (normally `/dev/dri`) holds a render node.
pub fn has_render_node(folder: &Path) -> bool {
    std::fs::read_dir(folder)
        .map(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Chooses the renderer for this process. Call it first thing in `main`, before any thread starts.
pub fn choose_for_this_machine() {
    if should_disable_dmabuf(|name| std::env::var_os(name).is_some(), has_render_node(Path::new("/dev/dri"))) {
        // SAFETY: called from `main` before the GUI toolkit, the async runtime or any other
        // thread exists, so nothing can read the environment while it changes.
        unsafe { std::env::set_var(DISABLE_DMABUF, "1") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_without_a_render_node_leaves_the_dmabuf_renderer_out() {
        assert!(should_disable_dmabuf(|_| false, false));
    }

    #[test]
    fn a_machine_with_a_render_node_keeps_webkits_default() {
        assert!(!should_disable_dmabuf(|_| false, true));
    }

    #[test]
    fn a_choice_the_user_made_is_kept() {
        for chosen in USER_CHOICES {
            assert!(!should_disable_dmabuf(|name| name == chosen, false), "{chosen}");
        }
    }

    #[test]
    fn a_render_node_is_found_by_its_name() {
        let folder = std::env::temp_dir().join(format!("maestro-dri-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("card0"), b"").unwrap();
        assert!(!has_render_node(&folder), "a card alone is not a render node");
        std::fs::write(folder.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&folder));
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(!has_render_node(&folder), "a missing folder has no render node");
    }
}
