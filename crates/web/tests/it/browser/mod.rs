//! Browser tests: the real interface in a real Chromium (Debian's `chromium` and
//! `chromium-driver`), driven over WebDriver with fantoccini, against a real server
//! with its own database — on SQLite and on PostgreSQL.
//!
//! Each test starts its own ChromeDriver on a free port and a headless browser. When a
//! test fails, the page it was on is saved as a screenshot (and its HTML) under
//! `{CARGO_TARGET_TMPDIR}/browser/`. Without ChromeDriver the tests are skipped, unless
//! `RAPPORT_TEST_REQUIRE_ALL=1` (CI), where that is a failure.

mod board_cards;
mod calendar;
mod flows;
mod forms;
mod guards;
mod guide;
mod home;
mod kanban;
mod locales;
mod modules;
mod quality;
mod reach;
mod record;
mod settings;
mod visual;

use std::future::Future;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use rapport_domain::{NewUser, SessionPolicy, User};
use rapport_web::WebConfig;
use serde_json::json;

use crate::app::{App, spawn_app_in};

/// How long to wait for something to appear: generous, since a loaded CI machine can
/// be slow; a passing test never waits this long.
const WAIT: Duration = Duration::from_secs(15);

/// Where ChromeDriver is, if this machine has it.
fn chromedriver() -> Option<PathBuf> {
    let path =
        std::env::var_os("RAPPORT_CHROMEDRIVER").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromedriver".into());
    if path.exists() {
        Some(path)
    } else {
        let required = std::env::var("RAPPORT_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1");
        assert!(!required, "RAPPORT_TEST_REQUIRE_ALL=1 but there is no ChromeDriver at {}", path.display());
        eprintln!(
            "browser tests SKIPPED: no ChromeDriver at {} (apt-get install chromium chromium-driver)",
            path.display()
        );
        None
    }
}

/// A ChromeDriver process, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start_driver(path: &PathBuf) -> Driver {
    let port = free_port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ChromeDriver starts");
    let driver = Driver { child, port };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("ChromeDriver did not start listening on port {port}");
}

/// A browser on one app.
pub struct Browser {
    pub client: Client,
    pub app: App,
}

async fn open_browser(driver: &Driver, width: u32, height: u32) -> Client {
    let mut caps = serde_json::Map::new();
    let binary = std::env::var("RAPPORT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     format!("--window-size={width},{height}"), "--lang=en-US", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking"],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session starts")
}

/// Runs `scenario` in a fresh browser against a fresh app, once per database. On a
/// failure the page is saved before the test fails.
pub async fn each_browser<F, Fut>(test: &str, scenario: F)
where
    F: Fn(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    each_browser_in("GR", test, scenario).await;
}

/// [`each_browser`] on an installation in `region` (where phone numbers typed
/// without a country code belong), as `rapport serve --demo-locale` makes one.
pub async fn each_browser_in<F, Fut>(region: &str, test: &str, scenario: F)
where
    F: Fn(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(driver_path) = chromedriver() else { return };
    for db in each_database().await {
        // Dropped at the end of the round (also when the scenario fails), ending the
        // driver; the browser itself is closed through its session first.
        let driver = start_driver(&driver_path).await;
        let app = spawn_app_in(&db, region, WebConfig::default(), SessionPolicy::default()).await;
        let client = open_browser(&driver, 1280, 900).await;
        let db_name = db.name();
        let watcher = client.clone();
        let outcome = tokio::spawn(scenario(Browser { client, app })).await;
        if let Err(e) = outcome {
            save_failure(&watcher, &format!("{test}-{db_name}")).await;
            let _ = watcher.close().await;
            std::panic::resume_unwind(e.into_panic());
        }
        let _ = watcher.close().await;
    }
}

/// The folder failures are saved in.
pub fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

async fn save_failure(client: &Client, name: &str) {
    let dir = output_dir();
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
    if let Ok(html) = client.source().await {
        let _ = std::fs::write(dir.join(format!("{name}.html")), html);
    }
    eprintln!("browser test failed: the page is saved in {}/{name}.png", dir.display());
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        self.app.url(path)
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.unwrap();
    }

    /// Waits for an element to appear (htmx swaps are asynchronous), and for htmx to
    /// have settled, so that what was swapped in is wired up before it is used.
    pub async fn find(&self, css: &str) -> Element {
        let wait_for = || async {
            self.client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no element `{css}` appeared: {e}"))
        };
        wait_for().await;
        self.settle().await;
        // Found again after htmx settled: the first one may have been swapped out.
        wait_for().await
    }

    /// Waits until no htmx request, swap or settle is under way.
    pub async fn settle(&self) {
        let busy =
            "return document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping, .htmx-request') !== null";
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.client.execute(busy, vec![]).await.is_ok_and(|v| v == serde_json::Value::Bool(true)) {
            assert!(tokio::time::Instant::now() < deadline, "htmx never settled");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// Waits until the page's text contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && el.text().await.unwrap_or_default().contains(text)
            {
                return;
            }
            assert!(tokio::time::Instant::now() < deadline, "`{css}` never contained {text:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the browser's address ends with `suffix` (after a redirect).
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let url = self.client.current_url().await.unwrap();
            let path = url.path().to_owned();
            if path.starts_with(prefix) {
                return path;
            }
            assert!(tokio::time::Instant::now() < deadline, "never reached {prefix}; still at {path}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the browser's whole address (with its query) contains `text`.
    pub async fn wait_for_url(&self, text: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let url = self.client.current_url().await.unwrap().to_string();
            if url.contains(text) {
                return url;
            }
            assert!(tokio::time::Instant::now() < deadline, "the address never contained {text:?}; still {url}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Replaces what an input holds with `text` (again on an input htmx replaced
    /// meanwhile).
    pub async fn type_into(&self, css: &str, text: &str) {
        for _ in 0..3 {
            let el = self.find(css).await;
            match el.clear().await {
                Ok(()) => {}
                Err(e) if replaced_meanwhile(&e) => continue,
                Err(e) => panic!("clearing `{css}` failed: {e}"),
            }
            el.send_keys(text).await.unwrap_or_else(|e| panic!("typing into `{css}` failed: {e}"));
            return;
        }
        panic!("`{css}` kept being replaced before it could be typed into");
    }

    /// Clicks the element; one that htmx replaced between finding and clicking is
    /// found again (a few times at most).
    pub async fn click(&self, css: &str) {
        for _ in 0..3 {
            let element = self.find(css).await;
            // In the middle of the screen, as a person would bring it, not at an edge
            // where a phone's tab bar lies over it (WebDriver scrolls only to the edge).
            let centre = "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})";
            let _ = self.client.execute(centre, vec![serde_json::to_value(&element).unwrap_or_default()]).await;
            match element.click().await {
                Ok(()) => return,
                Err(e) if replaced_meanwhile(&e) => {}
                Err(e) => panic!("clicking `{css}` failed: {e}"),
            }
        }
        panic!("`{css}` kept being replaced before it could be clicked");
    }

    /// The whole page's visible text.
    pub async fn page_text(&self) -> String {
        self.find("body").await.text().await.unwrap()
    }

    /// Makes the window a phone's screen `width` by `height` CSS pixels, as Chromium's
    /// device mode does: a mobile viewport that honours `<meta name="viewport">` and,
    /// as a phone does, widens itself to a page that is wider than the screen (a
    /// desktop window of the same width would not, and hides what a phone shows).
    pub async fn phone(&self, width: u32, height: u32) {
        let params = json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": true});
        self.client.issue_cmd(Cdp("Emulation.setDeviceMetricsOverride", params)).await.unwrap();
    }

    /// Back to the desktop window `phone` replaced.
    pub async fn desktop(&self) {
        self.client.issue_cmd(Cdp("Emulation.clearDeviceMetricsOverride", json!({}))).await.unwrap();
    }

    /// Signs in through the form.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.goto("/login").await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.click("form button[type=submit]").await;
        self.find("#global-search").await;
    }

    /// A user of `role` in `team` with a known password.
    pub async fn user(&self, email: &str, role: &str, team: Option<&str>) -> User {
        user(&self.app, email, role, team).await
    }
}

/// A Chrome DevTools command, through ChromeDriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp(&'static str, serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &reqwest::Url,
        session_id: Option<&str>,
    ) -> Result<reqwest::Url, <reqwest::Url as std::str::FromStr>::Err> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(json!({"cmd": self.0, "params": self.1}).to_string()))
    }
}

pub const PASSWORD: &str = "mauve lighthouse pickle orchestra";

pub async fn user(app: &App, email: &str, role: &str, team: Option<&str>) -> User {
    let new = NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        roles: vec![role.into()],
        teams: team.into_iter().map(str::to_owned).collect(),
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    app.crm.add_user(&Actor::system(), new).await.unwrap().0
}

/// Makes the teams named (idempotent per app).
pub async fn teams(app: &App, names: &[&str]) {
    for name in names {
        app.crm.create_team(&Actor::system(), name).await.unwrap();
    }
}

/// Whether a command failed because the element left the document between being
/// found and being used: WebDriver's stale reference, or, when the node goes in the
/// middle of the command, Chromium's inspector saying it no longer belongs to it.
fn replaced_meanwhile(error: &fantoccini::error::CmdError) -> bool {
    match error {
        fantoccini::error::CmdError::Standard(e) => {
            e.error == fantoccini::error::ErrorStatus::StaleElementReference
                || e.message.contains("does not belong to the document")
        }
        _ => false,
    }
}
