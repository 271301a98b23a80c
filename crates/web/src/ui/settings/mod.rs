//! Settings, for administrators only: objects with their fields and behaviour, users,
//! teams, roles with their field permissions, and the pipelines with their stages.
//! Everyone else gets the 403 page at every address here.
//!
//! Forms post with htmx (so the CSRF header goes along). A saved change goes back to
//! its page (`HX-Redirect`); a refused one shows the page again, status 422 (or 409
//! for the last-administrator guard), with each message beside its input and what
//! was typed kept. One-time passwords are answered as the page itself, never put in an
//! address, so they are shown once.

pub mod behaviour;
pub mod fields;
pub mod objects;
pub mod pipelines;
pub mod roles;
pub mod users;
pub mod zones;

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use rapport_domain::model::fold;
use serde::Deserialize;

use super::form::Pairs;
use super::i18n::Tr;
use super::page::{Chrome, PageResult, UiError, Viewer, render};
use crate::AppState;
use crate::problem::Problem;

/// Every address of the settings.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(page))
        .route("/settings/api-name", get(api_name))
        .route("/settings/objects", get(objects::list).post(objects::create))
        .route("/settings/objects/{object}", get(objects::page).post(objects::save))
        .route("/settings/objects/{object}/hidden", post(objects::set_hidden))
        .route("/settings/objects/{object}/behaviour", get(behaviour::page).post(behaviour::save))
        .route("/settings/objects/{object}/fields", post(fields::create))
        .route("/settings/objects/{object}/fields/new", get(fields::new))
        .route("/settings/objects/{object}/fields/form", get(fields::refresh))
        .route("/settings/objects/{object}/fields/{field}", get(fields::page).post(fields::save))
        .route(
            "/settings/objects/{object}/fields/{field}/options",
            get(fields::refresh_options).post(fields::save_options),
        )
        .route("/settings/objects/{object}/fields/{field}/move", post(fields::move_field))
        .route("/settings/objects/{object}/fields/{field}/hidden", post(fields::set_hidden))
        .route("/settings/users", get(users::list).post(users::create))
        .route("/settings/users/{id}", get(users::page).post(users::save))
        .route("/settings/users/{id}/access", post(users::save_access))
        .route("/settings/users/{id}/active", post(users::set_active))
        .route("/settings/users/{id}/password", post(users::reset_password))
        .route("/settings/teams", get(users::teams).post(users::create_team))
        .route("/settings/roles", get(roles::list).post(roles::create))
        .route("/settings/roles/new", get(roles::new))
        .route("/settings/roles/{id}", get(roles::page).post(roles::save))
        .route("/settings/boards", get(pipelines::list).post(pipelines::create))
        .route("/settings/boards/{id}", get(pipelines::page).post(pipelines::rename))
        .route("/settings/boards/{id}/move", post(pipelines::move_pipeline))
        .route("/settings/boards/{id}/default", post(pipelines::make_default))
        .route("/settings/boards/{id}/stages", post(pipelines::add_stage))
        .route("/settings/boards/{id}/stages/{stage}", post(pipelines::save_stage))
        .route("/settings/boards/{id}/stages/order", post(pipelines::reorder_stages))
}

/// The sections of the settings, in the order the navigation shows them: key (the
/// address under `/settings/` and the message ids `settings-{key}`,
/// `settings-{key}-hint`).
pub const SECTIONS: [&str; 5] = ["objects", "users", "teams", "roles", "boards"];

/// The signed-in viewer of a settings address, who must be an administrator (and
/// not on a read-only token): anyone else gets the 403 page, before the handler runs
/// or reads a form.
pub struct Admin(pub Viewer);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let actor = viewer.actor();
        if actor.is_admin() && !actor.is_read_only() {
            Ok(Admin(viewer))
        } else {
            Err(UiError::forbidden().render(&viewer.tr))
        }
    }
}

/// The 404 page: an address naming something that is not there.
pub fn missing(tr: &Tr) -> Response {
    UiError::not_found().render(tr)
}

/// The frame of a settings page: the chrome with "Settings" current, and the entry
/// of the settings navigation this page is under.
pub async fn chrome(state: &AppState, viewer: &Viewer) -> Result<Chrome, Response> {
    viewer.chrome(state, "settings").await.map_err(|e| e.render(&viewer.tr))
}

/// One entry of the settings navigation.
pub struct Tab {
    pub href: String,
    pub label: String,
    pub current: bool,
}

pub fn tabs(tr: &Tr, current: &str) -> Vec<Tab> {
    SECTIONS
        .iter()
        .map(|key| Tab {
            href: format!("/settings/{key}"),
            label: tr.t(&format!("settings-{key}")),
            current: *key == current,
        })
        .collect()
}

/// Messages beside inputs, by input name; `""` for the form as a whole.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<(String, String)>);

impl Errors {
    /// The message(s) for `key`, empty when none.
    pub fn get(&self, key: &str) -> String {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, m)| m.as_str()).collect::<Vec<_>>().join(" ")
    }

    pub fn add(&mut self, key: &str, message: String) {
        self.0.push((key.to_owned(), message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The messages of a refused change, by the input each is about.
    pub fn of(tr: &Tr, problem: &Problem) -> Errors {
        if problem.code == "last_administrator" {
            return Errors(vec![(String::new(), tr.t("settings-last-admin"))]);
        }
        Errors(super::form::field_messages(tr, problem))
    }

    /// Renames the input a message is about (`id` → `api_name`).
    pub fn rename(mut self, from: &str, to: &str) -> Errors {
        for (key, _) in &mut self.0 {
            if key == from {
                *key = to.to_owned();
            }
        }
        self
    }

    /// Renames the inputs messages are about, all at once (`from` → `to` pairs), so
    /// that one rename never catches another's result.
    pub fn rekey<K: AsRef<str>>(mut self, names: &[(K, &str)]) -> Errors {
        for (key, _) in &mut self.0 {
            if let Some((_, to)) = names.iter().find(|(from, _)| from.as_ref() == key.as_str()) {
                *key = (*to).to_owned();
            }
        }
        self
    }

    /// Messages about inputs other than `inputs` become the form's own (`""`): a
    /// form shows them rather than losing them.
    pub fn about_only(mut self, inputs: &[&str]) -> Errors {
        for (key, _) in &mut self.0 {
            if !inputs.contains(&key.as_str()) {
                key.clear();
            }
        }
        self
    }

    /// Replaces the message of `code`-refusals of `key` with a more telling one.
    pub fn replace(mut self, tr: &Tr, key: &str, generic: &str, id: &str) -> Errors {
        let generic = tr.t(generic);
        for (k, message) in &mut self.0 {
            if k == key && *message == generic {
                *message = tr.t(id);
            }
        }
        self
    }
}

/// A change the domain refused, as the problem its form is shown again with (see
/// [`Errors::of`], [`refused_status`]). A failure that is no refusal — the database
/// failing, or what was being changed gone (404) — is the page's error instead.
pub fn refused(e: impl Into<Problem>) -> Result<Problem, UiError> {
    let problem = e.into();
    if problem.status.is_server_error() || problem.status == StatusCode::NOT_FOUND {
        return Err(UiError::from_problem(problem));
    }
    Ok(problem)
}

/// The status a refused change is shown with: 409 for a conflict, 422 otherwise.
pub fn refused_status(problem: &Problem) -> StatusCode {
    if problem.status == StatusCode::CONFLICT { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY }
}

/// The last value sent for `name`, trimmed.
pub fn value(pairs: &Pairs, name: &str) -> String {
    pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned()).unwrap_or_default()
}

/// Whether a value was sent for `name` at all.
pub fn sent(pairs: &Pairs, name: &str) -> bool {
    pairs.iter().any(|(k, _)| k == name)
}

/// Every value sent for `name`, in order, trimmed (empty ones too).
pub fn values(pairs: &Pairs, name: &str) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned()).collect()
}

/// Whether a checkbox `name` is ticked (its hidden `false` twin does not count).
pub fn checked(pairs: &Pairs, name: &str) -> bool {
    pairs.iter().any(|(k, v)| k == name && (v == "true" || v == "on"))
}

/// An API name made from a label: folded, lower-case ASCII letters, digits and single
/// underscores, starting with a letter; empty when the label has no such letters
/// (then the administrator types one).
pub fn suggest_name(label: &str) -> String {
    let folded = fold(label);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if out.is_empty() && c.is_ascii_digit() {
                continue;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// The API name input of a form that makes one (a custom object or field): what was
/// typed, and the name suggested from the label, used when nothing was typed. The
/// suggestion is shown beside the input and follows the label as it is typed; the
/// input itself is never rewritten under the administrator's fingers.
#[derive(Debug, Clone, Default)]
pub struct ApiName {
    pub value: String,
    pub suggested: String,
    pub error: String,
    /// For a field's name: the API name of its object (a hidden input, so the live
    /// suggestion can avoid the object's names too); empty for an object's name.
    pub scope: String,
    /// The label the suggestion is made from.
    label: String,
}

impl ApiName {
    /// The name input as sent in `pairs`; `source` says which label names it:
    /// `object` (the plural label, else the singular) or `field`.
    pub fn from_pairs(pairs: &Pairs, source: &str) -> ApiName {
        let label = match source {
            "object" if !value(pairs, "label_plural").is_empty() => value(pairs, "label_plural"),
            _ => value(pairs, "label"),
        };
        let suggested = rapport_domain::model::api_name::from_label(&label).unwrap_or_default();
        ApiName {
            value: value(pairs, "api_name"),
            suggested,
            error: String::new(),
            scope: value(pairs, "api_scope"),
            label,
        }
    }

    /// The suggestion, or the first of `{fallback}_1`, `_2`… that `taken` does not
    /// hold when the label has nothing to make a name of.
    pub fn or_numbered(mut self, fallback: &str, taken: impl Fn(&str) -> bool) -> ApiName {
        if !self.label.trim().is_empty() {
            self.suggested = rapport_domain::model::api_name::suggest(&self.label, fallback, taken);
        }
        self
    }

    /// The name to use: the one typed, else the suggestion.
    pub fn chosen(&self) -> String {
        if self.value.is_empty() { self.suggested.clone() } else { self.value.clone() }
    }
}

#[derive(Template)]
#[template(path = "settings_api_suggestion.html")]
struct ApiNameFragment {
    t: Tr,
    api: ApiName,
}

/// `GET /settings/api-name?for=object|field&label=…`: the suggestion for the label
/// typed so far.
pub async fn api_name(State(state): State<AppState>, Admin(viewer): Admin, Query(pairs): Query<Pairs>) -> PageResult {
    let source = if value(&pairs, "for") == "object" { "object" } else { "field" };
    let mut api = ApiName::from_pairs(&pairs, source);
    if source == "field" {
        let schema = viewer.schema(&state).await?;
        if let Some(object) = schema.all().find(|o| o.api_name == api.scope) {
            api = fields::suggested_field_name(api, object);
        }
    }
    Ok(render(&ApiNameFragment { t: viewer.tr.clone(), api }))
}

/// A section of the overview.
pub struct Section {
    pub href: String,
    pub title: String,
    pub hint: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct OverviewPage {
    t: Tr,
    chrome: Chrome,
    sections: Vec<Section>,
}

/// `GET /settings`: the sections, with what each is for.
pub async fn page(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult {
    let tr = &viewer.tr;
    let sections = SECTIONS
        .iter()
        .map(|key| Section {
            href: format!("/settings/{key}"),
            title: tr.t(&format!("settings-{key}")),
            hint: tr.t(&format!("settings-{key}-hint")),
        })
        .collect();
    let page = OverviewPage { t: viewer.tr.clone(), chrome: chrome(&state, &viewer).await?, sections };
    Ok(render(&page))
}

/// A notice after a saved change (`?saved=1`).
#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    pub saved: Option<String>,
}

impl Notice {
    pub fn text(&self, tr: &Tr) -> String {
        match self.saved.as_deref() {
            Some("field") => tr.t("settings-field-added"),
            Some("order") => tr.t("settings-order-saved"),
            Some(_) => tr.t("settings-saved"),
            None => String::new(),
        }
    }
}
