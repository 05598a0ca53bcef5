//! Drives the real Lectern window: starts `tauri-driver` (which starts
//! WebKitWebDriver, which starts the release `lectern-app`) on a fresh data
//! folder, and hands the tests a WebDriver session.
//!
//! Run under a display (Xvfb) and a D-Bus session; `make test` does both.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// The release app under test.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("LECTERN_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/release/lectern-app"));
    assert!(path.exists(), "{} is missing: run `make app` first", path.display());
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let p = home.join("bin/tauri-driver");
    if p.exists() {
        p
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Two distinct free ports (for tauri-driver and for WebKitWebDriver): both are held while the
/// second is chosen, so the system cannot hand out the same port twice.
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

/// Reads `what` every 200 ms until `check` holds on it, for up to 15 s.
async fn poll<F: std::future::Future<Output = Vec<String>>>(
    what: &str,
    read: impl Fn() -> F,
    check: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let texts = read().await;
        if check(&texts) {
            return texts;
        }
        if Instant::now() > deadline {
            panic!("{what} never met the expectation; last seen: {texts:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A running app with its own data folder.
pub struct App {
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    driver: Child,
}

impl App {
    /// Starts the app on a new, empty data folder.
    pub async fn launch() -> App {
        Self::launch_in(tempfile::tempdir().unwrap()).await
    }

    /// Starts the app on the given data folder.
    pub async fn launch_in(data_dir: tempfile::TempDir) -> App {
        // Checked before any driver starts: a driver left running would hold the test's output open.
        let application = app_binary();
        let (port, native_port) = free_ports();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("LECTERN_DATA_DIR", data_dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start tauri-driver: run `make test`, which installs it");
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application }),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session from tauri-driver at {url}: {e}"),
            }
        };
        App { client, data_dir, driver }
    }

    /// Waits up to 15 s for an element.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// All elements matching `css` now.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// Waits up to 15 s until the element `css` is there and `check` holds on its text. A missing
    /// element never passes, so a negative check (`|t| !t.contains(..)`) checks the real element.
    pub async fn wait_for_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // None: no such element (yet), or it went stale while being read.
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.ok(),
                Err(_) => None,
            };
            if let Some(t) = &text {
                if check(t) {
                    return t.clone();
                }
            }
            if Instant::now() > deadline {
                match text {
                    None => panic!("no element {css} to read the text of"),
                    Some(t) => panic!("the text of {css} never met the expectation; last seen: {t:?}"),
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an async script (its last argument is the callback) and returns what it passes back.
    pub async fn js_async(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Clicks the element `css` (waiting for it). The UI redraws lists as data arrives, so an
    /// element found a moment ago may be gone: then it is found again.
    pub async fn click(&self, css: &str) {
        let mut tries = 0;
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(e) if tries < 5 => {
                    let _ = e;
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot click {css}: {e}"),
            }
        }
    }

    /// The texts of all elements matching `css`, read together: when the UI redraws the list
    /// while it is being read (an element goes stale), it is read again from the start.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        'again: loop {
            let mut out = Vec::new();
            for el in self.find_all(css).await {
                match el.text().await {
                    Ok(t) => out.push(t),
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue 'again;
                    }
                }
            }
            return out;
        }
    }

    /// The full text content of all elements matching `css`, read in one go. Unlike
    /// [`App::texts`] (what WebDriver deems visible), this includes text cut off with an
    /// ellipsis, as long outline titles are.
    pub async fn text_contents(&self, css: &str) -> Vec<String> {
        let script = "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);";
        let v = self.client.execute(script, vec![css.into()]).await.expect("read text contents");
        let texts = v.as_array().unwrap_or_else(|| panic!("the text contents of {css}: not a list: {v}"));
        texts.iter().map(|t| t.as_str().expect("an element's textContent").to_string()).collect()
    }

    /// Waits up to 15 s until `check` holds on the text contents of all elements matching `css`.
    pub async fn wait_for_text_contents(&self, css: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
        poll(&format!("the text contents of {css}"), || self.text_contents(css), check).await
    }

    /// Waits up to 15 s until `check` holds on the texts of all elements matching `css`.
    pub async fn wait_for_texts(&self, css: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
        poll(&format!("the texts of {css}"), || self.texts(css), check).await
    }

    /// The library file of this run.
    pub fn library_path(&self) -> PathBuf {
        self.data_dir.path().join("library.db")
    }

    /// Saves a screenshot under `target/screenshots/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// 新建 on a window showing only the demo lecture: waits for the new, empty lecture and puts
    /// the focus into its text; answers the editor's content element, ready for typing.
    pub async fn new_lecture(&self) -> Element {
        self.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
        self.click(r#"[data-testid="new-button"]"#).await;
        self.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 2).await;
        self.wait_for_editor(|t| t.is_empty()).await;
        let content = self.find(".cm-content").await;
        content.click().await.unwrap();
        content
    }

    /// The editor's text, line by line as CodeMirror shows it.
    pub async fn editor_text(&self) -> String {
        let script = "return Array.from(document.querySelectorAll('.cm-content .cm-line')).map(l => l.textContent).join('\\n');";
        self.js(script).await.as_str().unwrap().to_string()
    }

    /// Waits (up to 15 s) until the editor's text meets `check`; fails with the text last seen.
    pub async fn wait_for_editor(&self, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self.editor_text().await;
            if check(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "the editor's text never met the expectation: {text:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Closes the window, stops the driver, and waits (up to 15 s) until its process has exited: a window started
    /// while the last one is still leaving the session bus finds its single-instance name taken.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        wait_until_the_app_has_exited().await;
    }
}

/// Waits (up to 15 s) until no process runs the app under test; one still running then (it has
/// been seen, rarely, on a loaded machine) is killed. Then waits until the session bus has let go of
/// the window's single-instance name, so that the next test's window never finds it taken. The user's own way out, the window's close button, is tested
/// in save_faults.rs.
async fn wait_until_the_app_has_exited() {
    let app = std::fs::canonicalize(app_binary()).unwrap();
    let running = || -> Vec<String> {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter(|p| std::fs::read_link(p.path().join("exe")).is_ok_and(|exe| exe == app))
            .map(|p| p.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let pids = running();
        if pids.is_empty() {
            break;
        }
        if Instant::now() >= deadline {
            eprintln!("the closed window's process {pids:?} was still running after 15 s: killed");
            let _ = Command::new("kill").arg("-KILL").args(&pids).status();
            tokio::time::sleep(Duration::from_millis(500)).await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The bus lets go of the window's single-instance name a moment after its process is gone.
    let deadline = Instant::now() + Duration::from_secs(10);
    while single_instance_names().is_some_and(|n| n > 0) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How many single-instance names of the app the session bus holds (None when it cannot be asked).
fn single_instance_names() -> Option<usize> {
    let out = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).matches("app.lectern.desktop").count())
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
