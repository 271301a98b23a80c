//! The app under test: a real server on a random loopback port with its own database
//! (zero2prod's `spawn_app`), stopped when the `App` is dropped.

use rapport_domain::testing::TestDatabase;
use rapport_domain::{Crm, DatabaseConfig, SessionPolicy};
use rapport_web::WebConfig;

pub struct App {
    /// `http://127.0.0.1:{port}`, which is also the origin a page of the app has.
    pub base: String,
    pub crm: Crm,
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// A signed-in HTTP client: the session cookie and CSRF token of a user.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl App {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A page as `s` sees it: status and body.
    pub async fn page(&self, s: &Session, path: &str) -> (u16, String) {
        let response = self.client.get(self.url(path)).header(reqwest::header::COOKIE, &s.cookie).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// A form posted by a page of the app (htmx, with the session's CSRF token).
    pub async fn post_page(&self, s: &Session, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let response = self
            .client
            .post(self.url(path))
            .header(reqwest::header::COOKIE, &s.cookie)
            .header("X-CSRF-Token", &s.csrf)
            .header(reqwest::header::ORIGIN, &self.base)
            .header("HX-Request", "true")
            .form(form)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Signs in as a page of the app does (`POST /auth/login` with its Origin).
    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        use reqwest::header::{ORIGIN, SET_COOKIE};
        let response = self
            .client
            .post(self.url("/auth/login"))
            .header(ORIGIN, &self.base)
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{email} signs in");
        let cookie = response.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
        let body: serde_json::Value = response.json().await.unwrap();
        Session { cookie, csrf: body["csrf_token"].as_str().unwrap().to_owned() }
    }
}

pub async fn spawn_app(db: &TestDatabase) -> App {
    spawn_app_with(db, WebConfig::default(), SessionPolicy::default()).await
}

pub async fn spawn_app_with(db: &TestDatabase, config: WebConfig, policy: SessionPolicy) -> App {
    spawn_app_in(db, "GR", config, policy).await
}

/// The app of an installation in `region` (phone numbers typed without a country
/// code are of it, and shown in its national format).
pub async fn spawn_app_in(db: &TestDatabase, region: &str, config: WebConfig, policy: SessionPolicy) -> App {
    let database = DatabaseConfig {
        url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        pool_size: 4,
        default_region: region.into(),
        event_retention_days: 30,
    };
    let crm = Crm::open(&database).await.unwrap().with_session_policy(policy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(rapport_web::serve_with(listener, crm.clone(), config, async move {
        let _ = rx.await;
    }));
    App { base, crm, client: reqwest::Client::new(), _shutdown: tx }
}
