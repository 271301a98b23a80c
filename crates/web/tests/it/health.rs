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

/// `/metrics` (issue 19): this machine reads it; a client elsewhere (here: behind a
/// trusted proxy that forwards another address) needs the configured metrics token.
#[tokio::test]
async fn metrics_answer_loopback_and_the_metrics_token_only() {
    use crate::app::spawn_app_with;
    use rapport_domain::SessionPolicy;
    use rapport_web::WebConfig;
    for db in each_database().await {
        let at = db.name();
        let local = spawn_app(&db).await;
        let direct = reqwest::get(format!("{}/metrics", local.base)).await.unwrap();
        assert_eq!(direct.status(), 200, "{at}: loopback");
        assert!(direct.text().await.unwrap().contains("rapport_database_statements_total"), "{at}");
        drop(local);

        let config = WebConfig {
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            metrics_token: Some("scrape-secret-0123456789".into()),
            ..WebConfig::default()
        };
        let app = spawn_app_with(&db, config, SessionPolicy::default()).await;
        let remote = |token: Option<&str>| {
            let mut request = app.client.get(app.url("/metrics")).header("x-forwarded-for", "203.0.113.9");
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        assert_eq!(remote(None).await.unwrap().status(), 401, "{at}: another machine, no token");
        assert_eq!(remote(Some("scrape-secret-01234567")).await.unwrap().status(), 401, "{at}: a wrong token");
        assert_eq!(remote(Some("scrape-secret-0123456789")).await.unwrap().status(), 200, "{at}: the token");
    }
}
