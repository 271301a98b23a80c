//! Reading the request headers that security decisions rest on.

use axum::http::header::AsHeaderName;
use axum::http::{HeaderMap, HeaderValue};

/// The value of a header sent exactly once. A browser sends `Origin`, `Referer`,
/// `Authorization` and the CSRF header at most once each; a request with two is not
/// a browser's, and which copy a proxy or a check would read is anyone's guess, so it
/// gets no benefit of the doubt.
pub fn only<K: AsHeaderName + Copy>(headers: &HeaderMap, name: K) -> Option<&HeaderValue> {
    let mut values = headers.get_all(name).iter();
    let first = values.next()?;
    values.next().is_none().then_some(first)
}
