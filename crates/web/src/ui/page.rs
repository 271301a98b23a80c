//! What every page has: the signed-in [`Viewer`] (a session caller, sent to sign in
//! when it has none), the [`Chrome`] around the page (navigation, search, the CSRF
//! token htmx sends back), rendering with the page headers, and error pages.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_SECURITY_POLICY, LOCATION, REFERRER_POLICY};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use rapport_domain::model::{Actor, ObjectDef, Schema};

use super::assets;
use super::avatar::Avatar;
use super::format::Format;
use super::i18n::Tr;
use super::icon::Icon;
use crate::AppState;
use crate::auth::Caller;
use crate::problem::Problem;

/// Only this origin, no inline script or style: whatever a value holds, it cannot run.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                      connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The signed-in user of a page, with their locale and time zone.
pub struct Viewer {
    pub caller: Caller,
    pub tr: Tr,
    pub format: Format,
    /// Whether htmx asked (the answer is a fragment, and redirects go by header).
    pub htmx: bool,
    /// The schema as this viewer sees it, read once per request.
    schema: tokio::sync::OnceCell<std::sync::Arc<Schema>>,
}

impl Viewer {
    pub fn actor(&self) -> &Actor {
        self.caller.actor()
    }

    /// The schema as this viewer sees it (objects and fields within their rules, the
    /// standard names in their language), read at the first use in a request and kept
    /// for the rest of it.
    pub async fn schema(&self, state: &AppState) -> Result<&Schema, UiError> {
        let schema = self
            .schema
            .get_or_try_init(|| async {
                let mut schema = state.crm.schema(self.actor()).await?;
                super::labels::localize(&mut schema, &self.tr);
                Ok::<_, rapport_domain::DomainError>(std::sync::Arc::new(schema))
            })
            .await?;
        Ok(schema)
    }

    /// The page frame for this viewer, `section` marking the current navigation entry.
    pub async fn chrome(&self, state: &AppState, section: &str) -> Result<Chrome, UiError> {
        let schema = self.schema(state).await?;
        let item = |o: &ObjectDef| NavItem {
            href: format!("/o/{}", o.api_name),
            label: o.label_plural.clone(),
            key: o.api_name.clone(),
            icon: Icon::named(o.behaviour.nav.as_ref().and_then(|n| n.icon.as_deref()).unwrap_or_default()),
        };
        let in_bar: Vec<&ObjectDef> = schema.nav_objects().into_iter().filter(|o| !o.hidden).collect();
        let board_href = in_bar
            .iter()
            .find(|o| o.behaviour.board.as_ref().is_some_and(|b| b.default.is_some()))
            .map(|o| format!("/kanban/{}", o.api_name))
            .unwrap_or_default();
        let mut nav: Vec<NavItem> = in_bar.into_iter().map(item).collect();
        let in_bar = |o: &ObjectDef| nav.iter().any(|n| n.key == o.api_name);
        let mut others: Vec<&ObjectDef> = schema.all().filter(|o| !o.hidden && !in_bar(o)).collect();
        others.sort_by_key(|o| (o.behaviour.nav.as_ref().map_or(0, |n| n.rank), o.label_plural.clone()));
        let more = others.into_iter().map(item).collect();
        nav.shrink_to_fit();
        Ok(Chrome {
            user_id: self.caller.user().id.to_string(),
            user_name: self.caller.user().display_name.clone(),
            avatar: Avatar::of(&self.caller.user().display_name),
            csrf: self.caller.csrf_token().unwrap_or_default().to_owned(),
            nav,
            more,
            board_href,
            section: section.to_owned(),
            is_admin: self.actor().is_admin(),
            version: assets::version(),
        })
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let htmx = parts.headers.contains_key("hx-request");
        let caller = match Caller::from_request_parts(parts, state).await {
            Ok(caller) => caller,
            Err(problem) => return Err(refusal(parts, htmx, problem)),
        };
        let user = caller.user();
        let tr = Tr::new(&user.locale);
        crate::problem_text::use_locale(&tr);
        let format = Format::new(&user.locale, &user.time_zone).with_phone_region(state.crm.default_region());
        Ok(Viewer { caller, tr, format, htmx, schema: tokio::sync::OnceCell::new() })
    }
}

/// Why a request has no viewer, as the browser should see it: sign in (and come back
/// here), change the one-time password, or an error page.
fn refusal(parts: &Parts, htmx: bool, problem: Problem) -> Response {
    if problem.status == StatusCode::UNAUTHORIZED {
        let back = return_path(parts);
        return redirect(&format!("/login?next={}", urlencode(&back)), htmx);
    }
    if problem.code == "password_change_required" {
        return redirect("/password", htmx);
    }
    UiError::from_problem(problem).render(&Tr::for_accept_language(accept_language(&parts.headers)))
}

/// Where to return after signing in: this page for a GET, the page the request came
/// from (htmx tells) otherwise. Only paths of this site, never an absolute URL.
fn return_path(parts: &Parts) -> String {
    let own = if parts.method == axum::http::Method::GET && !parts.headers.contains_key("hx-request") {
        parts.uri.path_and_query().map(|p| p.as_str().to_owned()).filter(|p| safe_return(p))
    } else {
        current_page(&parts.headers)
    };
    own.unwrap_or_else(|| "/".to_owned())
}

/// The page an htmx request came from (`HX-Current-URL`), as a path of this site.
pub fn current_page(headers: &HeaderMap) -> Option<String> {
    headers
        .get("hx-current-url")
        .and_then(|v| v.to_str().ok())
        .and_then(|url| url.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|p| safe_return(p))
}

/// A return path that stays on this site: one leading slash, no scheme-relative `//`
/// or backslash tricks.
pub fn safe_return(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

pub fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())
}

/// A redirect: `303 See Other`, or for htmx `HX-Redirect` (a full page load).
pub fn redirect(to: &str, htmx: bool) -> Response {
    let Ok(value) = HeaderValue::from_str(to) else { return StatusCode::BAD_REQUEST.into_response() };
    if htmx {
        (StatusCode::OK, [("hx-redirect", value)]).into_response()
    } else {
        (StatusCode::SEE_OTHER, [(LOCATION, value)]).into_response()
    }
}

/// Percent-encodes a query value.
pub fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One navigation entry.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub key: String,
    pub icon: Icon,
}

/// The frame around every signed-in page.
pub struct Chrome {
    /// The signed-in user's id: page scripts keep each user's drafts apart.
    pub user_id: String,
    pub user_name: String,
    pub avatar: Avatar,
    pub csrf: String,
    pub nav: Vec<NavItem>,
    pub more: Vec<NavItem>,
    /// The board the navigation opens: the first object in the bar that has one.
    pub board_href: String,
    pub section: String,
    pub is_admin: bool,
    pub version: &'static str,
}

impl Chrome {
    /// Whether the current page is one of the entries under "More" (which then shows
    /// open, the current entry marked).
    pub fn more_current(&self) -> bool {
        self.more.iter().any(|item| item.key == self.section)
    }
}

/// Renders a template as a page: HTML, the content policy, never cached (pages carry
/// the CSRF token and records).
pub fn render(template: &impl Template) -> Response {
    render_status(StatusCode::OK, template)
}

pub fn render_status(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => with_page_headers((status, Html(html)).into_response()),
        Err(e) => {
            tracing::error!(error = %e, "a template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

pub fn with_page_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// An error shown as a page that helps: what happened and where to go.
#[derive(Debug)]
pub struct UiError {
    pub status: StatusCode,
    pub detail: String,
}

impl UiError {
    /// The problem's detail in the current request's language (the viewer's, once
    /// known: see [`crate::problem_text`]).
    pub fn from_problem(problem: Problem) -> UiError {
        let detail = crate::problem_text::detail(&problem, &crate::problem_text::current());
        UiError { status: problem.status, detail }
    }

    pub fn not_found() -> UiError {
        UiError { status: StatusCode::NOT_FOUND, detail: String::new() }
    }

    pub fn forbidden() -> UiError {
        UiError { status: StatusCode::FORBIDDEN, detail: String::new() }
    }

    /// A request that cannot be answered as asked; `detail` says why, in the
    /// viewer's words.
    pub fn bad_request(detail: String) -> UiError {
        UiError { status: StatusCode::BAD_REQUEST, detail }
    }

    pub fn render(&self, tr: &Tr) -> Response {
        let (title, hint) = match self.status {
            StatusCode::NOT_FOUND => ("error-not-found", "error-not-found-hint"),
            StatusCode::FORBIDDEN => ("error-forbidden", "error-forbidden-hint"),
            s if s.is_client_error() => ("error-bad-request", "error-bad-request-hint"),
            _ => ("error-server", "error-server-hint"),
        };
        let page = ErrorPage {
            t: tr.clone(),
            status: self.status.as_u16(),
            title: tr.t(title),
            hint: tr.t(hint),
            detail: if self.status.is_server_error() { String::new() } else { self.detail.clone() },
            version: assets::version(),
        };
        render_status(self.status, &page)
    }
}

impl From<rapport_domain::DomainError> for UiError {
    fn from(e: rapport_domain::DomainError) -> UiError {
        UiError::from_problem(e.into())
    }
}

impl From<Problem> for UiError {
    fn from(p: Problem) -> UiError {
        UiError::from_problem(p)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    status: u16,
    title: String,
    hint: String,
    detail: String,
    version: &'static str,
}

/// A page handler's answer: the page, or an error page in the viewer's locale.
pub type PageResult = Result<Response, PageError>;

/// Why a page handler did not answer with its page: an error to show as an error
/// page in the request's language, or an answer already made (a form with its
/// errors). Handlers use `?` on `UiError`, the domain's errors and made answers alike.
pub enum PageError {
    Error(UiError),
    Answer(Response),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::Error(e) => e.into_response(),
            PageError::Answer(response) => response,
        }
    }
}

impl From<UiError> for PageError {
    fn from(e: UiError) -> PageError {
        PageError::Error(e)
    }
}

impl From<Response> for PageError {
    fn from(response: Response) -> PageError {
        PageError::Answer(response)
    }
}

impl From<rapport_domain::DomainError> for PageError {
    fn from(e: rapport_domain::DomainError) -> PageError {
        PageError::Error(e.into())
    }
}

impl From<Problem> for PageError {
    fn from(problem: Problem) -> PageError {
        PageError::Error(UiError::from_problem(problem))
    }
}

/// An error is an error page in the request's language (the viewer's, once known).
impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        self.render(&crate::problem_text::current())
    }
}

/// The object of a page address (its API name), as the viewer sees it.
pub async fn object_of(state: &AppState, viewer: &Viewer, name: &str) -> Result<ObjectDef, UiError> {
    let schema = viewer.schema(state).await?;
    // The viewer's schema holds hidden objects for administrators only.
    schema.object_by_api(name).ok().cloned().ok_or_else(UiError::not_found)
}
