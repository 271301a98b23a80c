//! `/healthz` answers while the process runs; `/readyz` says whether the database does.

use rapport_domain::testing::{TestDatabase, each_database};
use rapport_domain::{Crm, DatabaseConfig};
use serde_json::Value;

struct App {
    base: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

async fn spawn_app(db: &TestDatabase) -> App {
    let config = DatabaseConfig {
        url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        pool_size: 4,
        default_region: "GR".into(),
    };
    let crm = Crm::open(&config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(rapport_web::serve(listener, crm, async move {
        let _ = rx.await;
    }));
    App { base, _shutdown: tx }
}

#[tokio::test]
async fn health_and_readiness() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let health = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
        assert_eq!(health.status(), 200, "{}", db.name());
        let body: Value = health.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        let ready = reqwest::get(format!("{}/readyz", app.base)).await.unwrap();
        assert_eq!(ready.status(), 200, "{}", db.name());
        let body: Value = ready.json().await.unwrap();
        assert_eq!(body["database"], db.name());
        let missing = reqwest::get(format!("{}/no-such-page", app.base)).await.unwrap();
        assert_eq!(missing.status(), 404);
    }
}
