//! A virtual X display (Xvfb) for machines without a screen: CI, servers, containers.

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Xvfb; stopped when dropped.
pub struct VirtualDisplay {
    pub name: String,
    child: Child,
}

impl VirtualDisplay {
    pub fn start() -> Result<Self> {
        let number = (99..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .context("no free X display number between 99 and 199")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start Xvfb")?;
        let mut display = Self { name, child };
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(15);
        while !Path::new(&socket).exists() {
            if let Some(status) = display.child.try_wait()? {
                bail!("Xvfb exited at start ({status})");
            }
            if Instant::now() > deadline {
                bail!("Xvfb did not open display {} within 15 s", display.name);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("xtask: started a virtual display {}", display.name);
        Ok(display)
    }
}

impl Drop for VirtualDisplay {
    /// SIGTERM lets Xvfb remove its socket and lock file; SIGKILL only if it does not stop.
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// True when a graphical session is available to open windows on.
pub fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}
