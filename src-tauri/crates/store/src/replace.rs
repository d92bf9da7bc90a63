//! Replacing a file atomically without changing who may read it.
//!
//! The new contents go into a temporary file of a unique name in the same folder, created
//! exclusively (nothing there is overwritten or followed), given the old file's owner, mode and
//! access list, synced, and renamed over the old file: a crash at any moment leaves either the
//! old file or the new one, never a mix. A symbolic link is followed to the file it names, which
//! is replaced in its own folder, so the link stays a link. Temporary files that a crashed save
//! left behind are removed on the next save to the same file.

use crate::StoreError;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many links are followed before a chain of them counts as a loop.
const MAX_LINKS: usize = 40;
/// The end of every temporary file's name.
const TEMP_SUFFIX: &str = ".saving";

/// Writes `bytes` to `path`, replacing any file there only once the new one is complete.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = follow_links(path)?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "model".into());
    remove_stale_temporaries(&folder, &name);
    let existing = std::fs::metadata(&target).ok().filter(|m| m.is_file());
    let (temp, mut file) = create_temporary(&folder, &name, existing.is_some()).map_err(io(&folder))?;
    let written = (|| {
        file.write_all(bytes)?;
        if let Some(old) = &existing {
            keep_access(&file, old, &target);
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &target)
    })();
    if let Err(source) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(StoreError::Io { path: target, source });
    }
    // Make the rename itself durable; not every filesystem allows syncing a folder.
    if let Ok(folder) = File::open(&folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The file that `path` names once every symbolic link on the way is followed; `path` itself
/// when it is not a link (or does not exist yet).
fn follow_links(path: &Path) -> Result<PathBuf, StoreError> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link =
                    std::fs::read_link(&current).map_err(|source| StoreError::Io { path: current.clone(), source })?;
                current = match current.parent() {
                    Some(folder) if link.is_relative() => folder.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(StoreError::Io { path: path.to_owned(), source: std::io::Error::other("too many symbolic links (a loop?)") })
}

/// Creates `.NAME.PID-N.saving` in `folder`, failing rather than reusing anything already there.
/// It starts readable by its owner only when it will take an existing file's access, so the
/// contents are never more exposed than the old file's; a new file gets the usual mode.
fn create_temporary(folder: &Path, name: &str, private: bool) -> std::io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if private { 0o600 } else { 0o666 });
        }
        #[cfg(not(unix))]
        let _ = private;
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Gives `file` the owner, group, mode and access list of `old` (the file at `target`), as far
/// as this process may: only the superuser may give a file away, and a filesystem without
/// access lists has none to copy.
fn keep_access(file: &File, old: &std::fs::Metadata, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        // If the owner could not be kept, at least keep the group.
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    let _ = file.set_permissions(old.permissions());
    #[cfg(target_os = "linux")]
    acl::copy(target, file);
    #[cfg(not(target_os = "linux"))]
    let _ = target;
}

/// Removes temporary files of earlier saves of `name` whose process is gone.
fn remove_stale_temporaries(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let prefix = format!(".{name}.");
    // The one fixed name that earlier versions used.
    let legacy = format!(".{name}{TEMP_SUFFIX}");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let owner = file_name
            .strip_prefix(&prefix)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, n)| Some(pid.parse::<u32>().ok()?).filter(|_| n.parse::<u64>().is_ok()));
        let stale = match owner {
            Some(pid) => pid != std::process::id() && !process_is_running(pid),
            None => file_name == legacy,
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs, for files named after the process that wrote them. A
/// process that has ended but not been reaped by its parent (a zombie) does not run.
pub fn process_is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            // The state follows the command name, which is in parentheses and may hold anything.
            stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
        })
    } else {
        // Without a cheap way to ask, assume it runs: a leftover file is harmless, removing
        // another process's file in use is not.
        true
    }
}

#[cfg(target_os = "linux")]
mod acl {
    //! POSIX access lists live in an extended attribute; copying it keeps every named user and
    //! group entry the old file had.

    use std::ffi::CString;
    use std::fs::File;
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    const ACCESS_ACL: &std::ffi::CStr = c"system.posix_acl_access";

    pub(super) fn copy(from: &Path, to: &File) {
        let Ok(from) = CString::new(from.as_os_str().as_bytes()) else { return };
        let mut value = vec![0u8; 4096];
        // SAFETY: `from` and the attribute name are NUL-terminated strings that outlive the
        // call; `value` is a writable buffer of the length passed.
        let len = unsafe { libc::getxattr(from.as_ptr(), ACCESS_ACL.as_ptr(), value.as_mut_ptr().cast(), value.len()) };
        if len <= 0 {
            return;
        }
        // SAFETY: the descriptor is open for the duration of the call; `value[..len]` is
        // initialised, as getxattr reported.
        unsafe {
            libc::fsetxattr(to.as_raw_fd(), ACCESS_ACL.as_ptr(), value.as_ptr().cast(), len as usize, 0);
        }
    }
}
