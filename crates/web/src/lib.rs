//! `rapport-web` owns HTTP: the axum router, health and readiness probes, and (in later
//! issues) the JSON API under /api/v1 and the HTML interface. It reaches data only
//! through `rapport-domain`.

pub mod health;

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use rapport_domain::Crm;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub crm: Crm,
}

pub fn router(crm: Crm) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .with_state(AppState { crm })
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    crm: Crm,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(crm)).with_graceful_shutdown(shutdown).await
}

async fn home() -> Html<&'static str> {
    Html(concat!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>Rapport</title></head><body><main>",
        "<h1>Rapport</h1><p>The server is running. The web interface arrives with its own issue; ",
        "<a href=\"/readyz\">/readyz</a> tells whether the database answers.</p>",
        "</main></body></html>"
    ))
}
