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
