//! `/healthz` answers while the process runs; `/readyz` says whether the database does.

use rapport_domain::testing::each_database;
use serde_json::Value;

use crate::app::spawn_app;

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
