//! The Open Recent list: the models opened or saved lately, newest first, kept in a small JSON
//! file in the app's configuration folder. A missing or unreadable list is an empty one.

use std::path::{Path, PathBuf};

/// How many models the list remembers.
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Default)]
pub struct RecentFiles {
    /// Where the list is kept; `None` keeps it in memory only.
    store: Option<PathBuf>,
    paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// Reads the list kept at `store` (or starts an empty one).
    pub fn load(store: Option<PathBuf>) -> Self {
        let paths = store
            .as_deref()
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default();
        let mut recent = Self { store, paths: Vec::new() };
        for path in paths.into_iter().rev() {
            recent.remember_in_memory(path);
        }
        recent
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` first, once, and writes the list; failing to write it loses nothing but the list.
    pub fn remember(&mut self, path: &Path) {
        self.remember_in_memory(path.to_owned());
        if let Some(store) = &self.store {
            if let Some(dir) = store.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = serde_json::to_string_pretty(&self.paths).map(|text| std::fs::write(store, text));
        }
    }

    fn remember_in_memory(&mut self, path: PathBuf) {
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_comes_first_once_and_the_list_is_capped_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("config").join("recent.json");
        let mut recent = RecentFiles::load(Some(store.clone()));
        assert!(recent.paths().is_empty());
        for i in 0..12 {
            recent.remember(Path::new(&format!("/m/{i}.maestro")));
        }
        recent.remember(Path::new("/m/5.maestro"));
        assert_eq!(recent.paths().len(), MAX_RECENT);
        assert_eq!(recent.paths()[0], Path::new("/m/5.maestro"));
        assert_eq!(recent.paths()[1], Path::new("/m/11.maestro"));
        assert_eq!(recent.paths().iter().filter(|p| p.ends_with("5.maestro")).count(), 1);
        let reloaded = RecentFiles::load(Some(store.clone()));
        assert_eq!(reloaded.paths(), recent.paths());
        std::fs::write(&store, "not json").unwrap();
        assert!(RecentFiles::load(Some(store)).paths().is_empty(), "an unreadable list is an empty one");
    }
}
