//! The Origin check against cross-site request forgery: a state-changing request that
//! a browser could send with its ambient credentials (a cookie) must come from a page
//! of Rapport itself. It runs as a layer on the whole router, before any handler, so a
//! route cannot forget it; it covers sign-in too (login CSRF, where there is no
//! session and so no CSRF token yet). Requests with a bearer token are exempt: a
//! browser never attaches one by itself, and a cross-site page cannot add the header
//! without a CORS preflight, which Rapport does not grant. The exemption stops at
//! `/auth/*`: signing in and out is cookie business, sign-in never looks at the bearer
//! token, so a header there proves nothing about where the request came from.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth;
use crate::config::Site;
use crate::headers::only;
use crate::problem::Problem;

/// Refuses a state-changing request (without a bearer token, or to `/auth/*`) unless
/// its `Origin` (or, when a browser left that out, its `Referer`) is an allowed origin.
/// A request with neither is refused: current browsers send `Origin` with every POST,
/// PUT, PATCH and DELETE, so a request without either is not one from Rapport's pages.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let bearer = matches!(auth::bearer(request.headers()), Some(Ok(_))) && !is_session_route(request.uri().path());
    let exempt = request.method().is_safe() || bearer;
    if exempt || allowed(request.headers(), &state.site) {
        next.run(request).await
    } else {
        Problem::csrf_failed("the request did not come from a page of this site (Origin or Referer)").into_response()
    }
}

/// The sign-in and sign-out routes (`/auth` and everything under it, present or
/// future), which act on the session cookie whatever else the request carries.
fn is_session_route(path: &str) -> bool {
    path == "/auth" || path.starts_with("/auth/")
}

/// Whether the request's origin is one state changes may come from: the public URL's
/// origin when one is configured, else the request's own `Host` over either scheme.
fn allowed(headers: &HeaderMap, site: &Site) -> bool {
    let Some(from) = request_origin(headers) else { return false };
    match &site.public_origin {
        Some(public) => from == *public,
        None => {
            let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else { return false };
            ["http", "https"].iter().any(|scheme| of_url(&format!("{scheme}://{host}")).is_some_and(|o| o == from))
        }
    }
}

/// The origin the browser says the request comes from: `Origin`, or the origin of
/// `Referer` when there is no `Origin`. `Origin: null` (sandboxed frames, some
/// redirects) is no origin, and neither is a header sent twice.
fn request_origin(headers: &HeaderMap) -> Option<String> {
    let header = if headers.contains_key(ORIGIN) { only(headers, &ORIGIN)? } else { only(headers, &REFERER)? };
    header.to_str().ok().and_then(of_url)
}

/// The origin of an absolute http(s) URL, normalised as browsers serialise it:
/// lower-case scheme and host, no default port, no path. `None` for anything else
/// (`null`, other schemes, user info, no host).
pub fn of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest[..end].to_ascii_lowercase();
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    let valid = !authority.is_empty()
        && !authority.starts_with(':')
        && authority.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'));
    valid.then(|| format!("{scheme}://{authority}"))
}
