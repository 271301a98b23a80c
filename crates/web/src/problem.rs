//! Every error the API gives is an RFC 9457 problem (`application/problem+json`):
//! a `type` URI and a `code` that programs branch on and that never change, the HTTP
//! `status`, a `title` for the status, a `detail` for people, and `errors` naming each
//! refused field with its own code. Internal failures say only that something failed:
//! their cause goes to the log, never into a response.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_domain::DomainError;
use serde::Serialize;

/// Where problem types are named; `.invalid` because the URIs identify, not locate.
const TYPE_BASE: &str = "https://rapport.invalid/problems/";

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
}

/// An error answer.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    pub errors: Vec<FieldProblem>,
    /// Seconds for `Retry-After` (throttled sign-in).
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Problem {
        Problem { status, code, detail: detail.into(), errors: Vec::new(), retry_after: None }
    }

    pub fn unauthenticated() -> Problem {
        Problem::from(DomainError::Unauthenticated)
    }

    /// A state-changing request that failed the CSRF defences (token or origin).
    pub fn csrf_failed(detail: &str) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, "csrf_failed", detail)
    }

    /// A signed-in user with a one-time password asked for anything but changing it.
    pub fn password_change_required() -> Problem {
        const CODE: &str = "password_change_required";
        let detail = "this account signed in with a one-time password: change the password first \
                      (POST /api/v1/me/password), then try again";
        Problem::new(status_of(CODE), CODE, detail)
    }

    /// An API token over its rate: try again in `retry_after` seconds.
    pub fn rate_limited(retry_after: u64) -> Problem {
        let detail = format!("this API token made too many requests; try again in {retry_after} s");
        Problem {
            retry_after: Some(retry_after),
            ..Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", detail)
        }
    }

    /// A failure whose cause must not reach the client: logged here, answered as 500.
    fn internal(error: &dyn std::fmt::Display, code: &'static str) -> Problem {
        tracing::error!(error = %error, code, "request failed");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "the server failed to answer this request")
    }

    fn validation(detail: String, errors: Vec<FieldProblem>) -> Problem {
        Problem { errors, ..Problem::new(StatusCode::BAD_REQUEST, "validation_failed", detail) }
    }

    /// A validation problem about one field (for refusals made at the edge).
    pub fn field(field: &str, code: &str, detail: impl Into<String>) -> Problem {
        Problem::validation(detail.into(), vec![FieldProblem { field: field.to_owned(), code: code.to_owned() }])
    }
}

impl From<DomainError> for Problem {
    fn from(e: DomainError) -> Problem {
        match &e {
            DomainError::Store(store) if !store.field_errors().is_empty() => {
                let errors = store
                    .field_errors()
                    .iter()
                    .map(|f| FieldProblem { field: f.field.clone(), code: f.reason.code().to_owned() })
                    .collect();
                Problem::validation(e.to_string(), errors)
            }
            DomainError::Password { field, rejection } => Problem::field(field, rejection.code(), e.to_string()),
            DomainError::Throttled { retry_after_secs } => Problem {
                retry_after: Some(*retry_after_secs),
                ..Problem::new(StatusCode::TOO_MANY_REQUESTS, e.code(), e.to_string())
            },
            DomainError::Store(store) if store.code() == "partly_written" => {
                // The store names the cause by its code; answer with the cause's status.
                let cause = store.args().into_iter().find(|(k, _)| *k == "cause").map(|(_, v)| v);
                match cause.as_deref().map(status_of) {
                    Some(status) if !status.is_server_error() => Problem::new(status, e.code(), e.to_string()),
                    _ => Problem::internal(&e, e.code()),
                }
            }
            _ => match status_of(e.code()) {
                StatusCode::SERVICE_UNAVAILABLE => {
                    tracing::error!(error = %e, "database unavailable");
                    Problem::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        e.code(),
                        "the database is unavailable; try again shortly",
                    )
                }
                status if status.is_server_error() => Problem::internal(&e, e.code()),
                status => Problem::new(status, e.code(), e.to_string()),
            },
        }
    }
}

/// The status of each stable error code of the domain and the store. A code this
/// table does not know is a 500 whose cause is logged: a new error must be placed
/// here before its text reaches a client.
fn status_of(code: &str) -> StatusCode {
    match code {
        "validation_failed"
        | "unknown_field"
        | "invalid_filter"
        | "invalid_cursor"
        | "not_sortable"
        | "invalid_operator"
        | "invalid_filter_value" => StatusCode::BAD_REQUEST,
        "unauthenticated" | "invalid_credentials" => StatusCode::UNAUTHORIZED,
        "forbidden" | "password_change_required" => StatusCode::FORBIDDEN,
        "not_found" | "unknown_object" => StatusCode::NOT_FOUND,
        "version_conflict" | "schema_changed" | "not_empty" | "last_administrator" => StatusCode::CONFLICT,
        "file_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "too_many_attempts" | "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "database_unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A body that is not the JSON the route takes: 400 (malformed or of the wrong shape,
/// unknown fields included), 415 without a JSON content type, 413 when too large.
impl From<JsonRejection> for Problem {
    fn from(rejection: JsonRejection) -> Problem {
        let (status, code) = match &rejection {
            JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            JsonRejection::JsonDataError(_) => (StatusCode::BAD_REQUEST, "invalid_body"),
            JsonRejection::MissingJsonContentType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
            }
            _ => (StatusCode::BAD_REQUEST, "unreadable_body"),
        };
        Problem::new(status, code, rejection.body_text())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    code: &'a str,
    detail: &'a str,
    errors: &'a [FieldProblem],
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = Body {
            kind: format!("{TYPE_BASE}{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            code: self.code,
            detail: &self.detail,
            errors: &self.errors,
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(secs) = self.retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            // RFC 9110 §15.5.2: a 401 names a scheme the client can answer with.
            headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"rapport\""));
        }
        response
    }
}
