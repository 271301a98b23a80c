//! `rapport-web` owns HTTP: the axum router, health and readiness probes, sign-in,
//! sessions and API tokens, and (in later issues) the rest of the JSON API under
//! /api/v1 and the HTML interface. It reaches data only through `rapport-domain`.
//!
//! Security at the edge, in one place each: [`auth::Caller`] authenticates, enforces
//! the CSRF token and read-only tokens on writes and holds a session with a one-time
//! password to changing it; [`origin::guard`] checks the Origin of every
//! state-changing request that is not bearer-authenticated (and of every one to
//! `/auth/*`);
//! [`input::guard`] refuses text no route may take (NUL, bytes that are not UTF-8,
//! malformed escapes, repeated JSON keys);
//! [`problem::Problem`] turns every error into an RFC 9457 answer without internals.

pub mod auth;
pub mod config;
pub mod cookie;
pub mod docs;
pub mod duplicates;
pub mod events;
pub mod headers;
pub mod health;
pub mod input;
pub mod json;
pub mod limits;
pub mod listing;
pub mod me;
pub mod meta;
pub mod openapi;
pub mod origin;
pub mod peer;
pub mod problem;
pub mod problem_text;
pub mod records;
pub mod sessions;
pub mod timeline;
pub mod tokens;
pub mod ui;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use rapport_domain::Crm;

pub use auth::Caller;
pub use config::{ConfigError, Site, WebConfig};
pub use problem::Problem;

/// The largest body the account and session routes take: their bodies are a few
/// short strings, and a bound keeps a client from making the server buffer megabytes.
pub const AUTH_BODY_LIMIT: usize = 64 * 1024;

/// The longest a request may take: a page, an export chunk or a batch of 1,000
/// records takes far less; a longer one is stuck, and holding its connection helps
/// no one.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub crm: Crm,
    pub site: Arc<Site>,
    pub limits: Arc<limits::RateLimiter>,
}

/// The whole application. The Origin guard is a layer over all of it, so no
/// state-changing route, present or future, is outside it.
pub fn router(crm: Crm, config: &WebConfig) -> Result<Router, ConfigError> {
    let limiter = limits::RateLimiter::new(config.api_rate_limit);
    let state = AppState { crm, site: Arc::new(Site::new(config)?), limits: Arc::new(limiter) };
    let accounts = Router::new()
        .route("/auth/login", post(sessions::login))
        .route("/auth/logout", post(sessions::logout))
        .route("/auth/logout-everywhere", post(sessions::logout_everywhere))
        .route("/auth/session", get(sessions::current))
        .route("/api/v1/me", get(me::show))
        .route("/api/v1/me/password", post(me::change_password))
        .route("/api/v1/me/tokens", get(tokens::list).post(tokens::create))
        .route("/api/v1/me/tokens/{id}", delete(tokens::revoke))
        .layer(DefaultBodyLimit::max(AUTH_BODY_LIMIT))
        .layer(axum::middleware::map_response(no_store));
    let metadata = Router::new()
        .route("/api/v1/openapi.json", get(openapi::serve))
        .route("/api/v1/meta/objects", get(meta::objects).post(meta::create_object))
        .route("/api/v1/meta/objects/{object}", get(meta::object).patch(meta::update_object))
        .route("/api/v1/meta/objects/{object}/fields", post(meta::add_field))
        .route("/api/v1/meta/objects/{object}/fields/{field}", axum::routing::patch(meta::update_field))
        .layer(DefaultBodyLimit::max(meta::META_BODY_LIMIT));
    let records = Router::new()
        // A fixed path beats `/api/v1/{object}`: no object may be named `events`.
        .route("/api/v1/events", get(events::list))
        .route("/api/v1/{object}", get(records::list).post(records::create))
        .route("/api/v1/{object}/duplicates", post(duplicates::suggest))
        .route("/api/v1/{object}/{id}", get(records::get).patch(records::update).delete(records::delete))
        .route("/api/v1/{object}/{id}/restore", post(records::restore))
        .route("/api/v1/{object}/{id}/timeline", get(timeline::page))
        .route("/api/v1/{object}/{id}/{related}", get(records::related))
        .layer(DefaultBodyLimit::max(records::RECORDS_BODY_LIMIT))
        .layer(axum::middleware::map_response(private));
    Ok(Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/docs", get(docs::page))
        .route("/api/docs/rapidoc.js", get(docs::script))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .merge(accounts)
        .merge(metadata)
        .merge(records)
        .merge(ui::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(one_request))
        .layer(axum::middleware::from_fn_with_state(state.clone(), origin::guard))
        // Before any handler reads text, and inside the language negotiation.
        .layer(axum::middleware::from_fn(input::guard))
        // Outside the Origin guard, so its refusals are in the request's language too.
        .layer(axum::middleware::from_fn(problem_text::negotiate))
        // Answers compress when the client asks (lists of records shrink about 5×);
        // a request that takes longer than the timeout is cut off with 503: the server,
        // not the client, was slow, and a write may still complete (clients check
        // before retrying).
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .with_state(state))
}

/// Runs a request in its own freshness scope: the caller's credential check reads the
/// metadata and security versions in one statement, and the reads after it in the
/// request trust the schema checked there (see `rapport_store::freshness`).
async fn one_request(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    rapport_domain::request_scope(next.run(request)).await
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    crm: Crm,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, crm, WebConfig::default(), shutdown).await
}

/// [`serve`] with settings. Connections carry their peer address, which sign-in
/// throttling counts by (see [`peer`]). A public URL that is not one fails here,
/// before anything is served.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    crm: Crm,
    config: WebConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(crm, &config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Answers that carry a CSRF token, a token secret or account data are never stored
/// by browsers or proxies.
async fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Record answers depend on who asks (their rules): caches keep them per caller.
async fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("private, no-cache"));
    headers.insert(axum::http::header::VARY, HeaderValue::from_static("Authorization, Cookie"));
    response
}

/// Nothing here: a page that helps for a browser, a problem for a program.
async fn not_found(headers: axum::http::HeaderMap, uri: axum::http::Uri) -> Response {
    let browser = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if browser && !uri.path().starts_with("/api/") {
        let tr = ui::i18n::Tr::for_accept_language(ui::page::accept_language(&headers));
        return ui::page::UiError::not_found().render(&tr);
    }
    Problem::new(StatusCode::NOT_FOUND, "not_found", "there is nothing at this address").into_response()
}

async fn method_not_allowed() -> Problem {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this address does not take this method")
}
