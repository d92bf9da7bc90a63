//! Driving the real app: tauri-driver (which starts WebKitWebDriver and the app), a WebDriver
//! session, and helpers that find things by `data-testid`, wait for them, and take screenshots.
//!
//! Needs `MAESTRO_APP` (the built binary) and `TAURI_DRIVER`; `cargo xtask test` sets both and
//! provides a display. `MAESTRO_SCREENSHOTS` is where screenshots go.

use anyhow::{Context, Result, bail};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

const WAIT: Duration = Duration::from_secs(15);

fn env_path(name: &str) -> Result<PathBuf> {
    std::env::var_os(name).map(PathBuf::from).with_context(|| {
        format!("{name} is not set: run the end-to-end tests through `cargo xtask test`")
    })
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// One running app with a WebDriver session on its window.
pub struct App {
    client: Client,
    driver: Child,
}

impl App {
    /// Starts the app with `args` and waits until it shows its document.
    pub async fn launch(args: &[OsString]) -> Result<App> {
        let application = env_path("MAESTRO_APP")?;
        let (port, native_port) = (free_port()?, free_port()?);
        let mut driver = Command::new(env_path("TAURI_DRIVER")?)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .kill_on_drop(true)
            .spawn()
            .context("starting tauri-driver")?;
        let deadline = Instant::now() + WAIT;
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if let Some(status) = driver.try_wait()? {
                bail!("tauri-driver exited at start ({status})");
            }
            if Instant::now() > deadline {
                bail!("tauri-driver did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let args: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": application, "args": args },
        });
        let client = ClientBuilder::rustls()?
            .capabilities(capabilities.as_object().expect("an object").clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("opening a WebDriver session on the app")?;
        let app = App { client, driver };
        app.find("document-title")
            .await
            .context("the app never showed its document")?;
        Ok(app)
    }

    /// Ends the session, which closes the app, then stops the driver.
    pub async fn quit(mut self) -> Result<()> {
        self.client.close().await?;
        let _ = self.driver.kill().await;
        Ok(())
    }

    /// The element with this `data-testid`, waiting for it to appear.
    pub async fn find(&self, id: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&testid(id)))
            .await
            .with_context(|| format!("no element with data-testid '{id}' appeared"))
    }

    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    /// Waits until `css` matches exactly `expected` elements.
    pub async fn wait_for_count(&self, css: &str, expected: usize) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self.count(css).await?;
            if found == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("expected {expected} elements matching {css}, found {found}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn wait_until_gone(&self, id: &str) -> Result<()> {
        self.wait_for_count(&testid(id), 0).await
    }

    pub async fn click(&self, id: &str) -> Result<()> {
        self.find(id)
            .await?
            .click()
            .await
            .with_context(|| format!("clicking '{id}'"))
    }

    pub async fn text(&self, id: &str) -> Result<String> {
        Ok(self.find(id).await?.text().await?.trim().to_owned())
    }

    /// Waits until the element's text is `expected`.
    pub async fn wait_for_text(&self, id: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(id).await?;
            if text == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("'{id}' shows {text:?}, expected {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn double_click(&self, id: &str) -> Result<()> {
        let element = self.find(id).await?;
        let mut mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        for _ in 0..2 {
            mouse = mouse
                .then(PointerAction::Down {
                    button: MOUSE_BUTTON_LEFT,
                })
                .then(PointerAction::Up {
                    button: MOUSE_BUTTON_LEFT,
                });
        }
        self.client
            .perform_actions(mouse)
            .await
            .context("double-clicking")?;
        Ok(())
    }

    /// Presses on the element, moves by (`dx`, `dy`) in steps as a hand would, and releases.
    pub async fn drag_by(&self, id: &str, dx: f64, dy: f64) -> Result<()> {
        let element = self.find(id).await?;
        let mut mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        const STEPS: u32 = 8;
        for _ in 0..STEPS {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(30)),
                x: dx / STEPS as f64,
                y: dy / STEPS as f64,
            });
        }
        mouse = mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client
            .perform_actions(mouse)
            .await
            .context("dragging")?;
        Ok(())
    }

    pub async fn press(&self, key: Key) -> Result<()> {
        let active = self.client.active_element().await?;
        active.send_keys(&char::from(key).to_string()).await?;
        Ok(())
    }

    pub async fn document_title(&self) -> Result<String> {
        Ok(self.client.title().await?)
    }

    /// A node's position on the canvas (its CSS translate), in canvas units.
    pub async fn node_position(&self, element_id: &str) -> Result<(f64, f64)> {
        let style = self
            .find(&format!("element-{element_id}"))
            .await?
            .attr("style")
            .await?
            .unwrap_or_default();
        parse_translate(&style)
            .with_context(|| format!("no translate() in the style of {element_id}: {style}"))
    }

    /// Saves a screenshot of the window as `name.png` and fails if it is blank.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = std::env::var_os("MAESTRO_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png)?;
        let variety = crate::pixels::variety(&png)?;
        if !variety.looks_drawn() {
            bail!("screenshot {} looks blank: {variety:?}", path.display());
        }
        Ok(path)
    }
}

fn parse_translate(style: &str) -> Option<(f64, f64)> {
    let inner = style.split("translate(").nth(1)?.split(')').next()?;
    let mut parts = inner
        .split(',')
        .map(|p| p.trim().trim_end_matches("px").parse::<f64>());
    Some((parts.next()?.ok()?, parts.next()?.ok()?))
}

#[test]
fn reads_a_translate_from_a_style() {
    assert_eq!(
        parse_translate("z-index: 0; transform: translate(120px, -8.5px); "),
        Some((120.0, -8.5))
    );
    assert_eq!(parse_translate("transform: none"), None);
}
