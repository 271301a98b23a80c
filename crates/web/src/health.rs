//! Liveness and readiness for load balancers and orchestrators: `/healthz` says the
//! process answers; `/readyz` says the database answers too.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::AppState;

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
/// because tests hold pages to a fixed number of statements with it.)
pub async fn metrics() -> impl axum::response::IntoResponse {
    let body = format!(
        "# HELP rapport_database_statements_total Statements this process sent to its database.\n\
         # TYPE rapport_database_statements_total counter\n\
         rapport_database_statements_total {}\n",
        rapport_domain::statements_run()
    );
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}
