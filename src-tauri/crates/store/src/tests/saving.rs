//! Saving keeps who may read the file, follows links, and is atomic under random kills.

use super::sample;
use crate::{load, save};
use maestro_model::{Element, Model};
use std::path::{Path, PathBuf};
use std::process::Command;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_mode_and_a_new_file_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.maestro");
    save(&sample(), &path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&path) & 0o077 & !0o044, 0, "a new file is not writable by others");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    save(&Model::new("changed"), &path).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(load(&path).unwrap().name, "changed");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    save(&sample(), &path).unwrap();
    assert_eq!(mode(&path), 0o640);
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_owner_and_group_where_the_process_may() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owned.maestro");
    save(&sample(), &path).unwrap();
    let me = std::fs::metadata(&path).unwrap();
    // As the superuser the file can be given to another user; otherwise it stays the user's own.
    let (uid, gid) = if me.uid() == 0 { (65534, 65534) } else { (me.uid(), me.gid()) };
    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
    save(&Model::new("again"), &path).unwrap();
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!((after.uid(), after.gid()), (uid, gid));
}

#[cfg(target_os = "linux")]
#[test]
fn saving_keeps_the_files_access_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.maestro");
    save(&sample(), &path).unwrap();
    let acl = |args: &[&str]| {
        let out = Command::new(args[0]).args(&args[1..]).arg(&path).output().expect("the acl tools (Debian: acl)");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    acl(&["setfacl", "-m", "u:65534:rw"]);
    assert!(acl(&["getfacl", "--omit-header", "--numeric"]).contains("user:65534:rw-"));
    save(&Model::new("with an access list"), &path).unwrap();
    assert!(acl(&["getfacl", "--omit-header", "--numeric"]).contains("user:65534:rw-"), "the named entry is kept");
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_replaces_the_file_it_names_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_folder = dir.path().join("models");
    std::fs::create_dir(&real_folder).unwrap();
    let real = real_folder.join("real.maestro");
    save(&sample(), &real).unwrap();
    let link = dir.path().join("link.maestro");
    std::os::unix::fs::symlink("models/real.maestro", &link).unwrap();
    let second = dir.path().join("link-to-link.maestro");
    std::os::unix::fs::symlink(&link, &second).unwrap();

    save(&Model::new("through the links"), &second).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::symlink_metadata(&second).unwrap().file_type().is_symlink());
    assert_eq!(load(&real).unwrap().name, "through the links");
    assert_eq!(names_in(&real_folder), ["real.maestro"], "the temporary file was made beside the real file");

    let looped = dir.path().join("loop.maestro");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let error = save(&sample(), &looped).unwrap_err();
    assert!(error.to_string().contains("too many symbolic links"), "{error}");
}

#[test]
fn temporary_files_of_crashed_saves_are_removed_and_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crew.maestro");
    // One that an earlier version left, one of a process that is gone, one of a live process
    // (process 1 always runs) and an unrelated hidden file.
    let gone = dir.path().join(".crew.maestro.999999999-0.saving");
    let legacy = dir.path().join(".crew.maestro.saving");
    let live = dir.path().join(".crew.maestro.1-0.saving");
    let unrelated = dir.path().join(".crew.maestro.notes");
    for p in [&gone, &legacy, &live, &unrelated] {
        std::fs::write(p, b"half a file").unwrap();
    }
    save(&sample(), &path).unwrap();
    assert_eq!(names_in(dir.path()), [".crew.maestro.1-0.saving", ".crew.maestro.notes", "crew.maestro"]);
}

#[test]
fn a_save_never_overwrites_a_file_where_its_temporary_file_would_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crew.maestro");
    // Whatever already sits at the name the next save would pick is left alone.
    let taken = dir.path().join(format!(".crew.maestro.{}-0.saving", std::process::id()));
    std::fs::write(&taken, b"someone else's").unwrap();
    save(&sample(), &path).unwrap();
    save(&sample(), &path).unwrap();
    assert_eq!(load(&path).unwrap(), sample());
    assert!(!taken.exists() || std::fs::read(&taken).unwrap() == b"someone else's");
}

/// The environment variable that turns the kill test into the process that saves.
const SAVE_LOOP: &str = "MAESTRO_STORE_SAVE_LOOP";

/// A model that takes a few milliseconds to save, so that kills land inside saves.
fn big(name: &str) -> Model {
    let mut model = sample();
    model.name = name.into();
    for i in 0..300 {
        model.elements.push(Element {
            id: format!("{name}-{i}").into(),
            kind: "tool".into(),
            name: format!("{name} element {i}"),
            ..Default::default()
        });
    }
    model
}

/// The two models the saving process writes in turn: the file must always hold one of them.
fn either() -> [Model; 2] {
    [big("first"), big("second")]
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_model_every_time() {
    if let Some(path) = std::env::var_os(SAVE_LOOP) {
        let path = PathBuf::from(path);
        for model in either().iter().cycle() {
            save(model, &path).unwrap();
        }
        return;
    }
    const KILLS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.maestro");
    let models = either();
    save(&models[0], &path).unwrap();
    let me = std::env::current_exe().unwrap();
    // A small generator is enough for kill times; the seed is printed to repeat a failure.
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("kill seed {seed}");
    let mut state = seed;
    let mut temporaries_seen = std::collections::HashSet::new();
    for kill in 0..KILLS {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut child = Command::new(&me)
            .args(["--exact", "tests::saving::saves_killed_at_random_moments_leave_a_whole_model_every_time"])
            .args(["--test-threads", "1", "--nocapture"])
            .env(SAVE_LOOP, &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(5_000 + state % 40_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let loaded = load(&path).unwrap_or_else(|e| panic!("kill {kill} (seed {seed}) left a broken file: {e}"));
        assert!(models.contains(&loaded), "kill {kill} (seed {seed}) left a model that was never saved");
        temporaries_seen.extend(names_in(dir.path()).into_iter().filter(|n| n.ends_with(".saving")));
    }
    // The temporary files that the kills left behind go with the next save.
    save(&models[1], &path).unwrap();
    assert_eq!(names_in(dir.path()), ["killed.maestro"]);
    let landed_in_a_save = temporaries_seen.len();
    eprintln!("{landed_in_a_save} of {KILLS} kills landed inside a save");
    assert!(landed_in_a_save > KILLS / 10, "too few kills landed inside a save ({landed_in_a_save}) to test anything");
}
