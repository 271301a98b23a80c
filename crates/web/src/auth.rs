//! Who is calling. A request proves it with `Authorization: Bearer <API token>` (for
//! programs) or with the session cookie (for the UI); the bearer token wins when both
//! are sent, and a bad one is refused rather than falling back to the cookie.
//!
//! [`Caller`] is the only way a handler gets an actor to call the domain with, and it
//! enforces the write rules as it is extracted, so a route cannot take a caller and
//! forget them. For every method that is not safe (POST, PUT, PATCH, DELETE, …):
//! - a cookie caller must send `X-CSRF-Token` equal to its session's token (the
//!   synchronizer-token pattern; the Origin check in [`crate::origin`] has already run
//!   as a layer on the whole router);
//! - a bearer caller with a read-only token is refused at once (`read_only_token`),
//!   a clearer answer than the domain's refusal of the write itself;
//! - other bearer callers need no CSRF token: a browser never sends the header by
//!   itself, so a forged cross-site request cannot carry it.
//!
//! A cookie caller whose password must be changed (signed in with a one-time password
//! an administrator handed over, which others may have seen) reaches only what it
//! takes to change it or leave: see [`before_password_change`]. Everything else is
//! `password_change_required`, here rather than in the routes so that no route, present
//! or future, can forget it.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use rapport_domain::model::Actor;
use rapport_domain::{Credential, Principal, User, secret};

use crate::AppState;
use crate::cookie;
use crate::headers::only;
use crate::problem::Problem;

/// The header the UI sends the session's CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    /// The session id, for a cookie caller (to sign out or keep the session).
    session: Option<String>,
}

impl Caller {
    pub fn actor(&self) -> &Actor {
        &self.principal.actor
    }

    pub fn user(&self) -> &User {
        &self.principal.user
    }

    /// The id of the session the caller came with; `None` for a bearer token.
    pub fn session_id(&self) -> Option<&str> {
        self.session.as_deref()
    }

    /// The session's CSRF token; `None` for a bearer token.
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.principal.credential {
            Credential::Session { csrf_token } => Some(csrf_token),
            Credential::Token { .. } => None,
        }
    }

    /// Refuses callers that did not come with a session cookie (routes about the
    /// browser session itself).
    pub fn require_session(&self) -> Result<&str, Problem> {
        self.session_id().ok_or_else(|| {
            Problem::new(StatusCode::FORBIDDEN, "forbidden", "this needs a session cookie, not an API token")
        })
    }

    /// The write rules for a method that is not safe.
    fn may_write(&self, headers: &HeaderMap) -> Result<(), Problem> {
        match &self.principal.credential {
            Credential::Session { csrf_token } => {
                let sent = only(headers, CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
                if sent.is_empty() || !secret::same(sent, csrf_token) {
                    return Err(Problem::csrf_failed("the X-CSRF-Token header is missing or wrong"));
                }
                Ok(())
            }
            Credential::Token { read_only: true, .. } => Err(Problem::new(
                StatusCode::FORBIDDEN,
                "read_only_token",
                "this API token is read-only; changes need a token made without read_only",
            )),
            Credential::Token { read_only: false, .. } => Ok(()),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let caller = match bearer(&parts.headers) {
            Some(token) => {
                let principal = state.crm.authenticate_token(token?).await?;
                if let Credential::Token { id, .. } = principal.credential {
                    state.limits.take(id).map_err(Problem::rate_limited)?;
                }
                Caller { principal, session: None }
            }
            None => {
                let id = cookie::session_id(&parts.headers, &state.site).ok_or_else(Problem::unauthenticated)?;
                Caller { principal: state.crm.session(id).await?, session: Some(id.to_owned()) }
            }
        };
        if !parts.method.is_safe() {
            caller.may_write(&parts.headers)?;
        }
        if caller.session.is_some()
            && caller.principal.user.must_change_password
            && !before_password_change(&parts.method, parts.uri.path())
        {
            return Err(Problem::password_change_required());
        }
        Ok(caller)
    }
}

/// The routes a session whose password must be changed may use: who am I (the UI
/// needs it to show the change form), the change itself, and signing out — in the API
/// and in the web interface (`/password`, `/me/password`, `/logout`). The request
/// path is compared as sent, so anything but these exact routes is refused (a variant
/// spelling matches no route anyway). Bearer tokens are not held to this: a token is
/// a credential of its own, made on purpose (and never while the password is pending
/// a change, since making one is not among these routes), not the one-time password.
fn before_password_change(method: &Method, path: &str) -> bool {
    matches!(
        (method.as_str(), path),
        ("GET", "/api/v1/me" | "/auth/session" | "/password")
            | ("POST", "/api/v1/me/password" | "/auth/logout" | "/auth/logout-everywhere" | "/me/password" | "/logout")
    )
}

/// The bearer token of a request: `None` without an `Authorization` header, an error
/// for another scheme, an unreadable header or two of them (refused, not ignored, so
/// a client that meant to send a token never silently acts through a cookie).
pub fn bearer(headers: &HeaderMap) -> Option<Result<&str, Problem>> {
    headers.get(AUTHORIZATION)?;
    let token = only(headers, &AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty());
    Some(token.ok_or_else(Problem::unauthenticated))
}
