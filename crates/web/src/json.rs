//! Request bodies: JSON read within the route's size limit, checked as all text that
//! arrives is ([`crate::input::check_json`]: no NUL, no key given twice), then
//! deserialized; each refusal (malformed JSON, wrong shape, unknown fields, no JSON
//! content type, too large) is a problem like every other error instead of axum's
//! plain-text ones. The body is read only here, after the handler's earlier
//! extractors (the caller's credentials) have passed.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::input::{BodyKind, body_kind};
use crate::problem::Problem;

/// A JSON request body of type `T`; put it last among a handler's arguments.
pub struct JsonBody<T>(pub T);

impl<T, S> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        if body_kind(request.headers()) != BodyKind::Json {
            let detail = "expected request with `Content-Type: application/json`";
            return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", detail));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", rejection.body_text())
            } else {
                Problem::new(StatusCode::BAD_REQUEST, "unreadable_body", rejection.body_text())
            }
        })?;
        crate::input::check_json(&bytes).map_err(|refused| refused.problem())?;
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        Ok(JsonBody(value))
    }
}
