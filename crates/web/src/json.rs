//! Request bodies: axum's JSON extractor, with its rejections (malformed JSON, wrong
//! shape, unknown fields, no JSON content type, too large) answered as problems like
//! every other error instead of axum's plain-text ones.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

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
        let axum::Json(value) = axum::Json::<T>::from_request(request, state).await?;
        Ok(JsonBody(value))
    }
}
