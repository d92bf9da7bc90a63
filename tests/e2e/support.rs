//! Driving the real app: tauri-driver (which starts WebKitWebDriver and the app), a WebDriver
//! session, and helpers that find things by `data-testid`, wait for them, and take screenshots.
//!
//! Needs `MAESTRO_APP` (the built binary) and `TAURI_DRIVER`; `cargo xtask test` sets both and
//! provides a display. `MAESTRO_SCREENSHOTS` is where screenshots go.

use anyhow::{Context, Result, bail, ensure};
use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MOUSE_BUTTON_RIGHT, MouseActions, PointerAction,
};
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
    std::env::var_os(name)
        .map(PathBuf::from)
        .with_context(|| format!("{name} is not set: run the end-to-end tests through `cargo xtask test`"))
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// A box on the screen, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn centre(&self) -> (f64, f64) {
        (self.left + self.width / 2.0, self.top + self.height / 2.0)
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.left + other.width
            && other.left < self.left + self.width
            && self.top < other.top + other.height
            && other.top < self.top + self.height
    }

    pub fn contains(&self, other: &Rect) -> bool {
        other.left >= self.left
            && other.top >= self.top
            && other.left + other.width <= self.left + self.width
            && other.top + other.height <= self.top + self.height
    }
}

/// One running app with a WebDriver session on its window.
pub struct App {
    client: Client,
    driver: Child,
    /// The app's own data folder, removed with it (see [`App::launch`]).
    _data: Option<tempfile::TempDir>,
}

/// Where the canvas is on the page and what part of the diagram it shows.
pub struct CanvasView {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// The diagram's offset and zoom, as in the view's transform.
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl CanvasView {
    /// Where a point of the diagram is on the page.
    pub fn page(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.left + self.x + x * self.zoom, self.top + self.y + y * self.zoom)
    }
}

impl App {
    /// Starts the app with `args` and waits until it shows its document. A driver that accepts
    /// the connection but fails to open the session (it happens now and then when the machine is
    /// busy) is stopped and started again on fresh ports, up to three times.
    pub async fn launch(args: &[OsString]) -> Result<App> {
        // Each app keeps its data (recovery copies) to itself: one test's unsaved model is never
        // offered to the next.
        let data = tempfile::tempdir().context("a data folder for the app")?;
        let mut app = Self::launch_with_data(args, data.path()).await?;
        app._data = Some(data);
        Ok(app)
    }

    /// Starts the app with `data` as its data folder (`XDG_DATA_HOME`), which outlives it: a
    /// second app started on it finds what the first left.
    #[allow(dead_code)]
    pub async fn launch_with_data(args: &[OsString], data: &std::path::Path) -> Result<App> {
        let mut last = None;
        for _ in 0..3 {
            match Self::launch_once(args, data).await {
                Ok(app) => return Ok(app),
                Err(error) if format!("{error:#}").contains("opening a WebDriver session") => last = Some(error),
                Err(error) => return Err(error),
            }
        }
        Err(last.expect("three attempts were made"))
    }

    async fn launch_once(args: &[OsString], data: &std::path::Path) -> Result<App> {
        let application = env_path("MAESTRO_APP")?;
        let (port, native_port) = (free_port()?, free_port()?);
        // Its own process group, so that the driver, WebKitWebDriver and the app stop together.
        let mut driver = Command::new(env_path("TAURI_DRIVER")?)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .process_group(0)
            .env("XDG_DATA_HOME", data)
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("starting tauri-driver")?;
        let deadline = Instant::now() + WAIT;
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if let Some(status) = driver.try_wait()? {
                bail!("tauri-driver exited at start ({status})");
            }
            if Instant::now() > deadline {
                bail!("tauri-driver did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": application, "args": args },
        });
        let connected = ClientBuilder::rustls()?
            .capabilities(capabilities.as_object().expect("an object").clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        let client = match connected {
            Ok(client) => client,
            Err(error) => {
                stop_group(&mut driver);
                return Err(anyhow::Error::new(error).context("opening a WebDriver session on the app"));
            }
        };
        let app = App { client, driver, _data: None };
        app.find("document-title").await.context("the app never showed its document")?;
        Ok(app)
    }

    /// The WebDriver session itself, for measurements (the app benchmark).
    #[allow(dead_code)]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session and stops the app with its driver.
    pub async fn quit(self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
        // Dropping `self` stops the process group.
    }

    /// The element with this `data-testid`, waiting for it to appear.
    pub async fn find(&self, id: &str) -> Result<Element> {
        // Looked up afresh until it is there. WebKit's driver can also fail now and then to read
        // an answer while the page is busy drawing; that is tried again too.
        let deadline = Instant::now() + WAIT;
        loop {
            match self.client.find(Locator::Css(&testid(id))).await {
                Ok(element) => return Ok(element),
                Err(error) if Instant::now() > deadline => {
                    return Err(error).with_context(|| format!("no element with data-testid '{id}' appeared"));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
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
                self.save_failure_screenshot(&format!("counting {css}")).await;
                bail!("expected {expected} elements matching {css}, found {found}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn wait_until_gone(&self, id: &str) -> Result<()> {
        self.wait_for_count(&testid(id), 0).await
    }

    /// Runs `step` until it succeeds or time is up. Every snapshot re-renders the canvas, so an
    /// element found a moment ago may be gone by the time it is used; the step then starts over
    /// with a fresh lookup. Steps must fail before they have any effect for this to be safe
    /// (WebDriver rejects a stale element before acting on it).
    async fn retrying<T, F, Fut>(&self, what: &str, mut step: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            match step().await {
                Ok(value) => return Ok(value),
                Err(e) if Instant::now() > deadline => {
                    self.save_failure_screenshot(what).await;
                    return Err(e.context(what.to_owned()));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Clicks the middle of the element with the pointer, as a mouse would. (WebDriver's element
    /// click applies WebKit's visibility heuristics, which misjudge nodes in the canvas's
    /// transformed pane.)
    pub async fn click(&self, id: &str) -> Result<()> {
        self.click_at(id, 0.0).await
    }

    /// Clicks `dx` pixels right (or left, when negative) of the element's middle.
    pub async fn click_at(&self, id: &str, dx: f64) -> Result<()> {
        self.click_with(id, dx, MOUSE_BUTTON_LEFT).await
    }

    /// Right-clicks `dx` pixels right (or left) of the element's middle, as for a context menu.
    pub async fn right_click_at(&self, id: &str, dx: f64) -> Result<()> {
        self.click_with(id, dx, MOUSE_BUTTON_RIGHT).await
    }

    async fn click_with(&self, id: &str, dx: f64, button: u64) -> Result<()> {
        self.retrying(&format!("clicking '{id}'"), || async {
            let element = self.find(id).await?;
            // Pointer actions do not scroll: bring the element into view first, as a user would.
            self.client
                .execute(
                    "arguments[0].scrollIntoView({block: 'nearest', inline: 'nearest'})",
                    vec![serde_json::to_value(&element)?],
                )
                .await?;
            let mouse = MouseActions::new("mouse".into())
                .then(PointerAction::MoveToElement { element, duration: None, x: dx, y: 0.0 })
                .then(PointerAction::Down { button })
                .then(PointerAction::Up { button });
            Ok(self.client.perform_actions(mouse).await?)
        })
        .await
    }

    /// The element's text as the DOM holds it. (WebKit's `getText` judges visibility itself and
    /// answers "" for text inside the canvas's transformed, clipped pane; the screenshots are
    /// what check that things are visible.)
    pub async fn text(&self, id: &str) -> Result<String> {
        self.retrying(&format!("reading '{id}'"), || async {
            let text = self.find(id).await?.prop("textContent").await?.unwrap_or_default();
            Ok(text.trim().to_owned())
        })
        .await
    }

    /// Waits until the element's text is `expected`. The element may be re-rendered meanwhile
    /// (every snapshot rebuilds the canvas), so it is looked up afresh each time.
    pub async fn wait_for_text(&self, id: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let shown = self.text(id).await;
            if let Ok(text) = &shown
                && text == expected
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                let html = self.outer_html(id).await.unwrap_or_default();
                bail!("'{id}' shows {shown:?}, expected {expected:?}; its HTML: {html}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `check` answers true; `what` says what was awaited when it never does.
    pub async fn wait_until<F, Fut>(&self, mut check: F, what: &str) -> Result<()>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<bool>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(true) = check().await {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.save_failure_screenshot(what).await;
                bail!("waited in vain for {what}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the element's text contains `part`.
    pub async fn wait_for_text_containing(&self, id: &str, part: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let shown = self.text(id).await?;
            if shown.contains(part) {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.save_failure_screenshot(&format!("text of {id}")).await;
                bail!("'{id}' shows {shown:?}, which does not contain {part:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn outer_html(&self, id: &str) -> Result<String> {
        let script = format!("return document.querySelector('{}')?.parentElement?.outerHTML ?? 'absent'", testid(id));
        Ok(self.client.execute(&script, vec![]).await?.as_str().unwrap_or_default().to_owned())
    }

    pub async fn double_click(&self, id: &str) -> Result<()> {
        self.retrying(&format!("double-clicking '{id}'"), || async {
            let element = self.find(id).await?;
            let mut mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            });
            for _ in 0..2 {
                mouse = mouse
                    .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
                    .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
            }
            Ok(self.client.perform_actions(mouse).await?)
        })
        .await
    }

    /// Presses on the element, moves by (`dx`, `dy`) in steps as a hand would, and releases.
    pub async fn drag_by(&self, id: &str, dx: f64, dy: f64) -> Result<()> {
        self.retrying(&format!("dragging '{id}'"), || async {
            let element = self.find(id).await?;
            let start = PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 };
            Ok(self.client.perform_actions(stepped_drag(start, dx, dy, 8, 30)).await?)
        })
        .await
    }

    /// Drags the element with data-testid `from` onto the element matching `onto`, dropping at
    /// the given fractions of its width and height, by dispatching the HTML5 drag events.
    pub async fn drag_html5(&self, from: &str, onto: &str, fx: f64, fy: f64) -> Result<()> {
        let script = format!(
            r#"const source = document.querySelector('{source}');
            const target = document.querySelector('{onto}');
            if (!source || !target) return false;
            const data = new DataTransfer();
            source.dispatchEvent(new DragEvent('dragstart', {{ bubbles: true, dataTransfer: data }}));
            const box = target.getBoundingClientRect();
            const at = {{ bubbles: true, cancelable: true, dataTransfer: data,
                clientX: box.left + box.width * {fx}, clientY: box.top + box.height * {fy} }};
            target.dispatchEvent(new DragEvent('dragover', at));
            target.dispatchEvent(new DragEvent('drop', at));
            source.dispatchEvent(new DragEvent('dragend', {{ bubbles: true, dataTransfer: data }}));
            return true;"#,
            source = testid(from)
        );
        let done = self.client.execute(&script, vec![]).await?;
        if done != serde_json::Value::Bool(true) {
            bail!("could not find '{from}' or '{onto}' to drag between");
        }
        Ok(())
    }

    /// An attribute of the element ("" when it has none).
    pub async fn attr(&self, id: &str, name: &str) -> Result<String> {
        self.retrying(&format!("reading {name} of '{id}'"), || async {
            Ok(self.find(id).await?.attr(name).await?.unwrap_or_default())
        })
        .await
    }

    /// Waits until the element's attribute has this value.
    pub async fn wait_for_attr(&self, id: &str, name: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.attr(id, name).await?;
            if value == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.save_failure_screenshot(&format!("{name} of {id}")).await;
                bail!("'{id}' has {name}={value:?}, expected {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The value of an input, select or text area.
    pub async fn value(&self, id: &str) -> Result<String> {
        self.retrying(&format!("reading the value of '{id}'"), || async {
            Ok(self.find(id).await?.prop("value").await?.unwrap_or_default())
        })
        .await
    }

    /// The element's box on the screen: left, top, width, height, in CSS pixels.
    pub async fn rect(&self, id: &str) -> Result<Rect> {
        let script = format!(
            "const r = document.querySelector('{}')?.getBoundingClientRect(); return r ? [r.left, r.top, r.width, r.height] : null;",
            testid(id)
        );
        let value = self.client.execute(&script, vec![]).await?;
        let numbers: Vec<f64> =
            serde_json::from_value(value).with_context(|| format!("no element '{id}' to measure"))?;
        Ok(Rect { left: numbers[0], top: numbers[1], width: numbers[2], height: numbers[3] })
    }

    /// Clicks inside the element at the given fractions of its width and height from its top-left.
    pub async fn click_in(&self, id: &str, fx: f64, fy: f64) -> Result<()> {
        let rect = self.rect(id).await?;
        self.retrying(&format!("clicking in '{id}'"), || async {
            let element = self.find(id).await?;
            let (x, y) = ((fx - 0.5) * rect.width, (fy - 0.5) * rect.height);
            let mouse = MouseActions::new("mouse".into())
                .then(PointerAction::MoveToElement { element, duration: None, x, y })
                .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
                .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
            Ok(self.client.perform_actions(mouse).await?)
        })
        .await
    }

    /// Clicks a point of the page.
    pub async fn click_point(&self, (x, y): (f64, f64)) -> Result<()> {
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x, y })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        Ok(self.client.perform_actions(mouse).await?)
    }

    /// Presses (`down`) or lets go of Shift.
    async fn shift(&self, down: bool) -> Result<()> {
        let value = char::from(Key::Shift);
        let action = if down { KeyAction::Down { value } } else { KeyAction::Up { value } };
        Ok(self.client.perform_actions(KeyActions::new("keyboard".into()).then(action)).await?)
    }

    /// Draws a selection box with Shift held, from one point of the page to another.
    pub async fn box_select(&self, from: (f64, f64), to: (f64, f64)) -> Result<()> {
        self.shift(true).await?;
        // Whole pixels, and moves that split evenly into the steps: the driver drops fractions.
        let (from, steps) = ((from.0.round(), from.1.round()), 8.0);
        let (dx, dy) = (((to.0 - from.0) / steps).round() * steps, ((to.1 - from.1) / steps).round() * steps);
        let start = PointerAction::MoveTo { duration: None, x: from.0, y: from.1 };
        let drawn = self.client.perform_actions(stepped_drag(start, dx, dy, steps as u32, 30)).await;
        self.shift(false).await?;
        Ok(drawn?)
    }

    /// Clicks the element with Shift held, adding it to the selection.
    pub async fn shift_click(&self, id: &str, dx: f64) -> Result<()> {
        self.shift(true).await?;
        let clicked = self.click_at(id, dx).await;
        self.shift(false).await?;
        clicked
    }

    /// Presses on the element matching `css`, moves by (`dx`, `dy`) in steps, and releases.
    pub async fn drag_css_by(&self, css: &str, dx: f64, dy: f64) -> Result<()> {
        let element = self.client.find(Locator::Css(css)).await.with_context(|| format!("nothing matches {css}"))?;
        let start = PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 };
        let mouse = stepped_drag(start, dx, dy, 8, 30);
        if let Err(error) = self.client.perform_actions(mouse).await {
            self.save_failure_screenshot(&format!("dragging {css}")).await;
            bail!("dragging {css}: {error:?}");
        }
        Ok(())
    }

    /// Presses at a point of the page, moves by (`dx`, `dy`) in `steps` steps of 40 ms, and releases.
    pub async fn drag_from_point(&self, (x, y): (f64, f64), dx: f64, dy: f64, steps: u32) -> Result<()> {
        let start = PointerAction::MoveTo { duration: None, x, y };
        Ok(self.client.perform_actions(stepped_drag(start, dx, dy, steps, 40)).await?)
    }

    /// Presses the mouse button at a point of the page and keeps it down, to drag by hand with
    /// [`App::move_pointer_by`] and look at the drag in progress; [`App::release`] drops it.
    pub async fn press_at(&self, (x, y): (f64, f64)) -> Result<()> {
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x: x.round(), y: y.round() })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
        Ok(self.client.perform_actions(mouse).await?)
    }

    /// Moves the pointer by (`dx`, `dy`) in `steps` steps of 40 ms, buttons as they are. Each step
    /// is whole pixels (the driver drops fractions) and together they make the move, rounded.
    pub async fn move_pointer_by(&self, dx: f64, dy: f64, steps: u32) -> Result<()> {
        let along = |total: f64, step: u32| (total * f64::from(step) / f64::from(steps)).round();
        let mut mouse = MouseActions::new("mouse".into());
        for step in 1..=steps {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(40)),
                x: along(dx, step) - along(dx, step - 1),
                y: along(dy, step) - along(dy, step - 1),
            });
        }
        Ok(self.client.perform_actions(mouse).await?)
    }

    /// Lets go of the mouse button where the pointer is, ending a drag begun with [`App::press_at`].
    pub async fn release(&self) -> Result<()> {
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        Ok(self.client.perform_actions(mouse).await?)
    }

    /// Presses on the element `from`, moves onto the element `onto` in steps, and releases there.
    pub async fn drag_onto(&self, from: &str, onto: &str) -> Result<()> {
        let (a, b) = (self.rect(from).await?, self.rect(onto).await?);
        let (dx, dy) = (b.centre().0 - a.centre().0, b.centre().1 - a.centre().1);
        self.drag_css_by(&testid(from), dx, dy).await
    }

    /// Answers a native message dialog (found by its title) by pressing `key` in it, e.g.
    /// "Escape" to keep editing or "Return" for the default answer. Native dialogs are not part
    /// of the page, so WebDriver cannot reach them; the X server can.
    pub async fn answer_native_dialog(&self, title: &str, key: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let window = loop {
            let output = std::process::Command::new("xdotool")
                .args(["search", "--name", title])
                .output()
                .context("running xdotool")?;
            let found = String::from_utf8_lossy(&output.stdout).lines().last().map(str::to_owned);
            if let Some(window) = found {
                break window;
            }
            if Instant::now() > deadline {
                bail!("no native dialog titled {title:?} appeared");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        // Give the dialog a moment to map and take its default focus.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let status = std::process::Command::new("xdotool")
            .args(["windowfocus", "--sync", &window, "key", "--clearmodifiers", key])
            .status()
            .context("running xdotool")?;
        ensure!(status.success(), "xdotool could not press {key} in the dialog");
        Ok(())
    }

    /// Answers a native file dialog (found by its title) with `path`: typed over the suggested
    /// name, as a user would, then Return.
    pub async fn save_in_native_dialog(&self, title: &str, path: &std::path::Path) -> Result<()> {
        let path = path.to_str().context("a path the dialog can take")?;
        let deadline = Instant::now() + WAIT;
        let window = loop {
            let output = std::process::Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", title])
                .output()
                .context("running xdotool")?;
            if let Some(window) = String::from_utf8_lossy(&output.stdout).lines().last() {
                break window.to_owned();
            }
            if Instant::now() > deadline {
                bail!("no file dialog titled {title:?} appeared");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        tokio::time::sleep(Duration::from_millis(600)).await;
        let xdotool = |args: &[&str]| -> Result<()> {
            let status = std::process::Command::new("xdotool").args(args).status().context("running xdotool")?;
            ensure!(status.success(), "xdotool {args:?} failed");
            Ok(())
        };
        // The dialog may be found before it is mapped; focusing it then fails, so try again a while.
        let focused = loop {
            let status = std::process::Command::new("xdotool")
                .args(["windowfocus", "--sync", &window, "key", "--clearmodifiers", "ctrl+a"])
                .status()
                .context("running xdotool")?;
            if status.success() {
                break true;
            }
            if Instant::now() > deadline {
                break false;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        ensure!(focused, "the file dialog titled {title:?} could not be focused");
        xdotool(&["type", "--delay", "20", path])?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["key", "Return"])?;
        Ok(())
    }

    /// Opens the native File menu (the window sits at the screen's top-left corner under a
    /// virtual display with no window manager) and presses `keys` in it, e.g. `["Down", "Return"]`.
    /// Native menus are not part of the page, so WebDriver cannot reach them; the X server can.
    pub async fn use_file_menu(&self, keys: &[&str]) -> Result<()> {
        let xdotool = |args: &[&str]| -> Result<()> {
            let status = std::process::Command::new("xdotool").args(args).status().context("running xdotool")?;
            ensure!(status.success(), "xdotool {args:?} failed");
            Ok(())
        };
        xdotool(&["mousemove", "19", "12", "click", "1"])?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        for key in keys {
            xdotool(&["key", key])?;
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        Ok(())
    }

    /// Types `text` into the element as a user would (no WebDriver "clear", which blurs it).
    pub async fn type_into(&self, id: &str, text: &str) -> Result<()> {
        self.retrying(&format!("typing into '{id}'"), || async { Ok(self.find(id).await?.send_keys(text).await?) })
            .await
    }

    /// Chooses the option with `value` in a `<select>`, as picking it from the list would.
    pub async fn select_option(&self, id: &str, value: &str) -> Result<()> {
        self.retrying(&format!("choosing '{value}' in '{id}'"), || async {
            let select = self.find(id).await?;
            select.select_by_value(value).await?;
            Ok(())
        })
        .await
    }

    /// Chooses the option whose text is `label` in a `<select>`.
    pub async fn select_label(&self, id: &str, label: &str) -> Result<()> {
        self.retrying(&format!("choosing '{label}' in '{id}'"), || async {
            self.find(id).await?.select_by_label(label).await?;
            Ok(())
        })
        .await
    }

    /// Waits until the element's class list includes `class`.
    pub async fn wait_for_class(&self, id: &str, class: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let classes = self.find(id).await?.attr("class").await.ok().flatten().unwrap_or_default();
            if classes.split_whitespace().any(|c| c == class) {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.save_failure_screenshot(&format!("class {class} on {id}")).await;
                bail!("'{id}' never got class '{class}' (has '{classes}')");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses Ctrl+Shift together with `key`.
    pub async fn press_ctrl_shift(&self, key: char) -> Result<()> {
        let (control, shift) = (char::from(Key::Control), char::from(Key::Shift));
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: shift })
            .then(KeyAction::Up { value: control });
        self.client.perform_actions(keys).await.context("pressing a shortcut")?;
        Ok(())
    }

    /// Gives the app's window the X server's keyboard focus (there is no window manager to do
    /// it), so that keys pressed with [`App::press_native`] reach it.
    pub async fn focus_window(&self) -> Result<()> {
        let status = std::process::Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "MAESTRO Studio", "windowfocus", "--sync"])
            .status()
            .context("running xdotool")?;
        ensure!(status.success(), "xdotool could not focus the app's window");
        Ok(())
    }

    /// Presses keys on the real keyboard of the X server, as a user would (`ctrl+a`, `BackSpace`,
    /// `Home`): unlike WebDriver's keys, these pass through GTK first, so the native menu's
    /// accelerators see them before the page does. The window must have the focus.
    pub async fn press_native(&self, keys: &[&str]) -> Result<()> {
        for key in keys {
            let status = std::process::Command::new("xdotool")
                .args(["key", "--clearmodifiers", key])
                .status()
                .context("running xdotool")?;
            ensure!(status.success(), "xdotool could not press {key}");
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
        Ok(())
    }

    /// Types `text` on the real keyboard of the X server.
    pub async fn type_native(&self, text: &str) -> Result<()> {
        let status = std::process::Command::new("xdotool")
            .args(["type", "--delay", "30", "--", text])
            .status()
            .context("running xdotool")?;
        ensure!(status.success(), "xdotool could not type {text:?}");
        tokio::time::sleep(Duration::from_millis(80)).await;
        Ok(())
    }

    /// Types one character on the keyboard, wherever the focus is.
    pub async fn press_char(&self, value: char) -> Result<()> {
        self.type_keys(&value.to_string()).await
    }

    /// Types `text` key by key, wherever the focus is.
    pub async fn type_keys(&self, text: &str) -> Result<()> {
        let mut keys = KeyActions::new("keyboard".into());
        for value in text.chars() {
            keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        self.client.perform_actions(keys).await.context("typing")?;
        Ok(())
    }

    /// The `data-testid` of the element that has the keyboard focus ("" when it has none).
    pub async fn focused_testid(&self) -> Result<String> {
        Ok(self.client.active_element().await?.attr("data-testid").await?.unwrap_or_default())
    }

    /// Presses Ctrl together with `key`, as a keyboard shortcut.
    pub async fn press_ctrl(&self, key: char) -> Result<()> {
        let control = char::from(Key::Control);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: control });
        self.client.perform_actions(keys).await.context("pressing a shortcut")?;
        Ok(())
    }

    /// Presses and releases a key on the keyboard, wherever the focus is.
    pub async fn press(&self, key: Key) -> Result<()> {
        let value = char::from(key);
        let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        self.client.perform_actions(keys).await.context("pressing a key")?;
        Ok(())
    }

    pub async fn document_title(&self) -> Result<String> {
        Ok(self.client.title().await?)
    }

    /// Waits until a native window (not the page) carries exactly this title.
    pub async fn wait_for_window_title(&self, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let output = std::process::Command::new("xdotool")
                .args(["search", "--name", "MAESTRO Studio", "getwindowname", "%@"])
                .output()
                .context("running xdotool")?;
            let titles = String::from_utf8_lossy(&output.stdout).into_owned();
            if titles.lines().any(|t| t == expected) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("no window titled {expected:?}; windows: {titles:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A node's position on the canvas (its CSS translate), in canvas units.
    pub async fn node_position(&self, element_id: &str) -> Result<(f64, f64)> {
        let id = format!("element-{element_id}");
        let style = self
            .retrying(&format!("reading the position of {element_id}"), || async {
                Ok(self.find(&id).await?.attr("style").await?.unwrap_or_default())
            })
            .await?;
        parse_translate(&style).with_context(|| format!("no translate() in the style of {element_id}: {style}"))
    }

    /// Runs a script on the page and answers its result, trying again a few times: while the
    /// page is busy with a large model, WebKit's driver now and then fails to read a result.
    pub async fn script(&self, text: &str) -> Result<serde_json::Value> {
        let mut attempt = 0;
        loop {
            match self.client.execute(text, vec![]).await {
                Ok(value) => return Ok(value),
                Err(error) if attempt >= 20 => return Err(error).with_context(|| format!("running {text}")),
                Err(_) => attempt += 1,
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The canvas's place on the page and its view of the diagram.
    pub async fn canvas_view(&self) -> Result<CanvasView> {
        let script = "const pane = document.querySelector('.svelte-flow').getBoundingClientRect(); \
            const m = new DOMMatrix(getComputedStyle(document.querySelector('.svelte-flow__viewport')).transform); \
            return [pane.left, pane.top, pane.width, pane.height, m.e, m.f, m.a];";
        let v: Vec<f64> =
            serde_json::from_value(self.client.execute(script, vec![]).await?).context("reading the view")?;
        ensure!(v.len() == 7, "the view reads as {v:?}");
        Ok(CanvasView { left: v[0], top: v[1], width: v[2], height: v[3], x: v[4], y: v[5], zoom: v[6] })
    }

    /// The ids of the elements drawn as components on the canvas.
    pub async fn drawn_elements(&self) -> Result<std::collections::BTreeSet<String>> {
        let script = "return [...document.querySelectorAll('.svelte-flow__node-element')].map(n => n.dataset.id);";
        Ok(serde_json::from_value(self.client.execute(script, vec![]).await?)?)
    }

    /// Keeps what the window showed when a step failed, to see why.
    async fn save_failure_screenshot(&self, what: &str) {
        let name: String = what.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(screenshot_dir().join(format!("FAILED-{name}.png")), png);
        }
    }

    /// Saves a screenshot of the window as `name.png` and fails if it is blank.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // WebKit's driver takes the picture after the page's next paint. Without compositing (the
        // app's choice on machines without a graphics device) a page that has nothing to repaint
        // never paints again, and the picture never comes: a one-pixel mark in a corner changes
        // its (all but invisible) colour every frame until the picture is taken.
        self.client.execute(PAINT_TICKLE_START, vec![]).await?;
        let png = self.client.screenshot().await;
        self.client.execute(PAINT_TICKLE_STOP, vec![]).await?;
        let png = png?;
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, &png)?;
        let variety = crate::pixels::variety(&png)?;
        if !variety.looks_drawn() {
            bail!("screenshot {} looks blank: {variety:?}", path.display());
        }
        Ok(path)
    }
}

impl Drop for App {
    /// Stops tauri-driver, WebKitWebDriver and the app, also when a test fails half-way.
    fn drop(&mut self) {
        stop_group(&mut self.driver);
    }
}

/// Stops a driver and everything in its process group.
fn stop_group(driver: &mut Child) {
    if let Some(pid) = driver.id() {
        let group = format!("-{pid}");
        for signal in ["-TERM", "-KILL"] {
            let _ = std::process::Command::new("kill").args([signal, "--", &group]).status();
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    let _ = driver.start_kill();
}

/// Pointer actions for a drag: go to `start`, press, move by (`dx`, `dy`) in `steps` steps of
/// `step_ms` as a hand would, release.
fn stepped_drag(start: PointerAction, dx: f64, dy: f64, steps: u32, step_ms: u64) -> MouseActions {
    let mut mouse =
        MouseActions::new("mouse".into()).then(start).then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
    for _ in 0..steps {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(step_ms)),
            x: dx / steps as f64,
            y: dy / steps as f64,
        });
    }
    mouse.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
}

/// Starts repainting one pixel every frame (see [`App::screenshot`]).
const PAINT_TICKLE_START: &str = r#"
    let mark = document.getElementById('e2e-paint-tickle');
    if (!mark) {
        mark = document.createElement('div');
        mark.id = 'e2e-paint-tickle';
        mark.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;z-index:2147483647;pointer-events:none';
        document.body.appendChild(mark);
    }
    let odd = false;
    const step = () => {
        odd = !odd;
        mark.style.backgroundColor = odd ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)';
        window.__e2eTickle = requestAnimationFrame(step);
    };
    step();
"#;

/// Stops the repainting and removes the mark.
const PAINT_TICKLE_STOP: &str = r#"
    cancelAnimationFrame(window.__e2eTickle);
    document.getElementById('e2e-paint-tickle')?.remove();
"#;

pub fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("MAESTRO_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn parse_translate(style: &str) -> Option<(f64, f64)> {
    let inner = style.split("translate(").nth(1)?.split(')').next()?;
    let mut parts = inner.split(',').map(|p| p.trim().trim_end_matches("px").parse::<f64>());
    let x = parts.next()?.ok()?;
    // Browsers write `translate(Xpx)` when y is zero.
    let y = match parts.next() {
        Some(y) => y.ok()?,
        None => 0.0,
    };
    Some((x, y))
}

#[test]
fn reads_a_translate_from_a_style() {
    assert_eq!(parse_translate("z-index: 0; transform: translate(120px, -8.5px); "), Some((120.0, -8.5)));
    assert_eq!(parse_translate("transform: translate(0px); visibility: visible"), Some((0.0, 0.0)));
    assert_eq!(parse_translate("transform: none"), None);
}
