//! Signing in and out of the browser session (`/auth/*`). Sign-in answers the CSRF
//! token the UI must send back with every change, and sets the session cookie; the
//! session id itself is never in a body, so page scripts cannot read it.

use axum::Json;
use axum::extract::State;
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_domain::{Login, User};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::AppState;
use crate::auth::Caller;
use crate::cookie;
use crate::json::JsonBody;
use crate::peer::Peer;
use crate::problem::Problem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    email: String,
    password: String,
}

#[derive(Serialize)]
struct Signed<'a> {
    user: &'a User,
    csrf_token: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: OffsetDateTime,
}

/// `POST /auth/login`. The session cookie the client still sends is ended
/// (rotation: a session id known before sign-in is never the signed-in one).
pub async fn login(
    State(state): State<AppState>,
    Peer(address): Peer,
    headers: HeaderMap,
    JsonBody(body): JsonBody<LoginBody>,
) -> Result<Response, Problem> {
    let login = Login {
        email: body.email,
        password: body.password,
        address: address.map(|a| a.to_string()),
        user_agent: headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
        replaces: cookie::session_id(&headers, &state.site).map(str::to_owned),
    };
    let session = state.crm.login(login).await?;
    let cookie = cookie::set_session(&state.site, &session.id, session.expires_at);
    let body = Signed { user: &session.user, csrf_token: &session.csrf_token, expires_at: session.expires_at };
    Ok(([(SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `POST /auth/logout`: ends this session and drops the cookie.
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    state.crm.logout(caller.require_session()?).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie::clear_session(&state.site))]).into_response())
}

/// `POST /auth/logout-everywhere`: ends every session of the user (a lost laptop).
/// API tokens stay; they are revoked one by one.
pub async fn logout_everywhere(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let ended = state.crm.logout_everywhere(caller.actor()).await?;
    Ok(([(SET_COOKIE, cookie::clear_session(&state.site))], Json(json!({ "ended": ended }))).into_response())
}

/// `GET /auth/session`: the signed-in user and the CSRF token, which the UI puts in
/// its pages.
pub async fn current(caller: Caller) -> Result<Response, Problem> {
    caller.require_session()?;
    let csrf_token = caller.csrf_token().unwrap_or_default();
    Ok(Json(json!({ "user": caller.user(), "csrf_token": csrf_token })).into_response())
}
