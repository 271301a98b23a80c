//! Liveness and readiness for load balancers and orchestrators: `/healthz` says the
//! process answers; `/readyz` says the database answers too.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::AppState;
use crate::peer::Peer;
use crate::problem::Problem;

pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.crm.ready().await {
        Ok(()) => (StatusCode::OK, Json(json!({"status": "ready", "database": state.crm.backend_name()}))),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": state.crm.backend_name(), "code": e.code()})),
            )
        }
    }
}

/// `GET /metrics`, in Prometheus' text format: what this process has done so far.
/// (The operations issue adds request metrics; the statement count is here first
/// because tests hold pages to a fixed number of statements with it.) Counters tell
/// how busy an installation is, so they are not for everyone: a client on this
/// machine (loopback) reads them, and one elsewhere with the configured metrics
/// token; anyone else gets 401.
pub async fn metrics(State(state): State<AppState>, Peer(client): Peer, headers: HeaderMap) -> Response {
    if !may_read_metrics(&state, client, &headers) {
        return Problem::unauthenticated().into_response();
    }
    let body = format!(
        "# HELP rapport_database_statements_total Statements this process sent to its database.\n\
         # TYPE rapport_database_statements_total counter\n\
         rapport_database_statements_total {}\n",
        rapport_domain::statements_run()
    );
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

fn may_read_metrics(state: &AppState, client: Option<std::net::IpAddr>, headers: &HeaderMap) -> bool {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match (&state.site.metrics_token, bearer) {
        (Some(token), Some(given)) => same_secret(token.as_bytes(), given.as_bytes()),
        _ => client.is_some_and(|ip| ip.is_loopback()),
    }
}

/// Compares secrets in time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
