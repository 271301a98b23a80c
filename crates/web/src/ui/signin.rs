//! Signing in and out in the browser, changing the password and the user's own
//! preferences (locale, time zone). Sign-in is a plain form POST (no session, so no
//! CSRF token yet; the Origin guard covers it); it returns the user to the page that
//! sent them here.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::response::{IntoResponse, Response};
use rapport_domain::{Login, UserPatch};
use serde::Deserialize;

use super::i18n::{LOCALE_CHOICES, Tr};
use super::page::{Chrome, PageResult, UiError, Viewer, accept_language, redirect, render, safe_return};
use crate::AppState;
use crate::cookie;
use crate::peer::Peer;
use crate::problem::Problem;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    version: &'static str,
    email: String,
    next: String,
    error: String,
}

#[derive(Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

fn next_or_home(next: Option<String>) -> String {
    next.filter(|n| safe_return(n)).unwrap_or_else(|| "/".to_owned())
}

/// `GET /login`.
pub async fn form(headers: HeaderMap, Query(params): Query<NextParam>) -> Response {
    let t = Tr::for_accept_language(accept_language(&headers));
    let next = next_or_home(params.next);
    render(&LoginPage { t, version: super::assets::version(), email: String::new(), next, error: String::new() })
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// `POST /login`: a session and back to where the user was, or the form again with
/// the email kept and a message that does not tell which of the two was wrong.
pub async fn submit(
    State(state): State<AppState>,
    Peer(address): Peer,
    headers: HeaderMap,
    Form(body): Form<LoginForm>,
) -> Response {
    let t = Tr::for_accept_language(accept_language(&headers));
    let next = next_or_home(body.next);
    let login = Login {
        email: body.email.clone(),
        password: body.password,
        address: address.map(|a| a.to_string()),
        user_agent: headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
        replaces: cookie::session_id(&headers, &state.site).map(str::to_owned),
    };
    match state.crm.login(login).await {
        Ok(session) => {
            let cookie = cookie::set_session(&state.site, &session.id, session.expires_at);
            let to = if session.user.must_change_password { "/password".to_owned() } else { next };
            ([(SET_COOKIE, cookie)], redirect(&to, false)).into_response()
        }
        Err(e) => {
            let problem = Problem::from(e);
            let error = match problem.code {
                "too_many_attempts" => t.t("login-throttled"),
                "invalid_credentials" | "unauthenticated" => t.t("login-failed"),
                _ => t.t("error-server"),
            };
            let page = LoginPage { t, version: super::assets::version(), email: body.email, next, error };
            super::page::render_status(problem.status, &page)
        }
    }
}

/// `POST /logout` (htmx, with the CSRF token).
pub async fn logout(State(state): State<AppState>, viewer: Viewer) -> Response {
    if let Some(id) = viewer.caller.session_id()
        && let Err(e) = state.crm.logout(id).await
    {
        return UiError::from(e).render(&viewer.tr);
    }
    ([(SET_COOKIE, cookie::clear_session(&state.site))], redirect("/login", viewer.htmx)).into_response()
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    t: Tr,
    chrome: Chrome,
    display_name: String,
    locale: String,
    time_zone: String,
    locales: Vec<(&'static str, &'static str)>,
    must_change: bool,
    errors: Vec<(String, String)>,
}

impl ProfilePage {
    fn error(&self, field: &str) -> String {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()).unwrap_or_default()
    }

    /// The time zone picker, the zone chosen (or sent) selected.
    fn zone_groups(&self) -> Vec<super::settings::zones::ZoneGroup> {
        super::settings::zones::groups(&self.t, &self.time_zone)
    }
}

async fn profile_page(state: &AppState, viewer: &Viewer) -> Result<ProfilePage, UiError> {
    let user = viewer.caller.user();
    Ok(ProfilePage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(state, "profile").await?,
        display_name: user.display_name.clone(),
        locale: user.locale.clone(),
        time_zone: user.time_zone.clone(),
        locales: LOCALE_CHOICES.to_vec(),
        must_change: user.must_change_password,
        errors: Vec::new(),
    })
}

/// `GET /me`: preferences and the password.
pub async fn profile(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let page = profile_page(&state, &viewer).await?;
    Ok(render(&page))
}

/// `GET /password`: where a one-time password must be replaced (the only page such a
/// session may see).
pub async fn password_page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    profile(State(state), viewer).await
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    display_name: String,
    locale: String,
    time_zone: String,
}

/// `POST /me`: saves name, locale and time zone; the page comes back in the new locale.
pub async fn save_preferences(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(body): Form<PreferencesForm>,
) -> PageResult {
    let patch = UserPatch {
        display_name: Some(body.display_name.clone()),
        locale: Some(body.locale.clone()),
        time_zone: Some(body.time_zone.clone()),
        is_active: None,
    };
    let id = viewer.caller.user().id;
    match state.crm.update_user(viewer.actor(), id, patch).await {
        Ok(_) => Ok(redirect("/me?saved=1", viewer.htmx)),
        Err(e) => {
            let problem = Problem::from(e);
            let mut page = profile_page(&state, &viewer).await?;
            page.display_name = body.display_name;
            page.locale = body.locale;
            page.time_zone = body.time_zone;
            page.errors =
                super::settings::zones::explained(&viewer.tr, super::form::field_messages(&viewer.tr, &problem));
            // A refused value is the form again (422, which htmx swaps in), not a toast.
            let status = if problem.status == axum::http::StatusCode::BAD_REQUEST {
                axum::http::StatusCode::UNPROCESSABLE_ENTITY
            } else {
                problem.status
            };
            Ok(super::page::render_status(status, &page))
        }
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

/// `POST /me/password`: the current password and a new one; other sessions end.
pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(body): Form<PasswordForm>,
) -> PageResult {
    let keep = viewer.caller.session_id().map(str::to_owned);
    match state.crm.change_password(viewer.actor(), &body.current, &body.new, keep.as_deref()).await {
        Ok(()) => Ok(redirect("/me?saved=1", viewer.htmx)),
        Err(e) => {
            let problem = Problem::from(e);
            let mut page = profile_page(&state, &viewer).await?;
            page.errors = super::form::field_messages(&viewer.tr, &problem);
            Ok(super::page::render_status(problem.status, &page))
        }
    }
}
