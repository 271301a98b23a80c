//! Roles: the list, and a role's editor — its name, whether it administers, per
//! object how far each action reaches (a grid of selects, with a row for the objects
//! the role does not name, custom objects made later included), and per field of each
//! object whether it is hidden, read-only or read-write. Saved whole with
//! `save_role`, which refuses a change that would leave no active administrator.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rapport_domain::Role;
use rapport_domain::model::access::{FieldAccess, Grants, ObjectRights, Reach};
use rapport_domain::model::{Action, Schema, fold};
use uuid::Uuid;

use super::super::form::Pairs;
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::objects::ordered;
use super::users::role_name;
use super::{Admin, Errors, Notice, Tab, checked, chrome, refused, refused_status, sent, tabs, value};
use crate::AppState;

/// A role in the list.
pub struct RoleRow {
    pub href: String,
    pub name: String,
    pub standard: bool,
    pub admin: bool,
    pub holders: usize,
}

#[derive(Template)]
#[template(path = "settings_roles.html")]
struct RolesPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    roles: Vec<RoleRow>,
}

fn failed(tr: &Tr) -> impl Fn(rapport_domain::DomainError) -> Response + '_ {
    move |e| UiError::from(e).render(tr)
}

/// `GET /settings/roles`.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult {
    let tr = &viewer.tr;
    let roles = state.crm.roles(viewer.actor()).await.map_err(failed(tr))?;
    let memberships = state.crm.memberships(viewer.actor()).await.map_err(failed(tr))?;
    let mut rows: Vec<RoleRow> = roles
        .iter()
        .map(|r| RoleRow {
            href: format!("/settings/roles/{}", r.id),
            name: role_name(tr, r),
            standard: r.standard_key.is_some(),
            admin: r.grants.admin,
            holders: memberships.iter().filter(|m| m.roles.contains(&r.id)).count(),
        })
        .collect();
    rows.sort_by_key(|r| (!r.standard, r.name.to_lowercase()));
    let page =
        RolesPage { t: tr.clone(), chrome: chrome(&state, &viewer).await?, tabs: tabs(tr, "roles"), roles: rows };
    Ok(render(&page))
}

/// One select of the grid.
pub struct Cell {
    pub id: String,
    pub name: String,
    /// What the select is about, for its label: the object and the action.
    pub label: String,
    /// The action alone, shown beside the select when the grid is a card per object
    /// (on a phone); empty for a field's access.
    pub short: String,
    pub value: &'static str,
}

/// A row of the grid: an object (or the objects not named), its actions.
pub struct GridRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// The fields of one object with their access.
pub struct FieldGroup {
    pub id: String,
    pub label: String,
    /// How many fields are not read-write, in words (empty when none).
    pub limited: String,
    pub fields: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "settings_role.html")]
struct RolePage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    /// Where the form posts.
    action: String,
    is_new: bool,
    standard: bool,
    name: String,
    admin: bool,
    /// How many users hold the role, in words.
    holders: String,
    actions: Vec<String>,
    reaches: Vec<(&'static str, String)>,
    accesses: Vec<(&'static str, String)>,
    default_row: GridRow,
    objects: Vec<GridRow>,
    fields: Vec<FieldGroup>,
    notice: String,
    errors: Errors,
}

impl RolePage {
    /// Messages that are about the rules as a whole.
    fn general_error(&self) -> String {
        [self.errors.get(""), self.errors.get("objects"), self.errors.get("fields")]
            .into_iter()
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn access_str(access: FieldAccess) -> &'static str {
    match access {
        FieldAccess::Hidden => "hidden",
        FieldAccess::ReadOnly => "read_only",
        FieldAccess::ReadWrite => "read_write",
    }
}

fn parse_reach(text: &str) -> Option<Reach> {
    Reach::ALL.into_iter().find(|r| r.as_str() == text)
}

fn parse_access(text: &str) -> Option<FieldAccess> {
    [FieldAccess::Hidden, FieldAccess::ReadOnly, FieldAccess::ReadWrite].into_iter().find(|a| access_str(*a) == text)
}

fn grid_row(tr: &Tr, label: &str, prefix: &str, rights: ObjectRights) -> GridRow {
    GridRow {
        label: label.to_owned(),
        cells: Action::ALL
            .iter()
            .map(|action| Cell {
                id: format!("{}-{}", prefix.replace('.', "-"), action.as_str()),
                name: format!("{prefix}.{}", action.as_str()),
                label: tr.args(
                    "settings-role-cell",
                    &[
                        ("object", label.into()),
                        ("action", tr.t(&format!("settings-action-{}", action.as_str())).into()),
                    ],
                ),
                short: tr.t(&format!("settings-action-{}", action.as_str())),
                value: match action {
                    Action::Create => rights.create,
                    Action::Read => rights.read,
                    Action::Edit => rights.edit,
                    Action::Delete => rights.delete,
                    Action::Export => rights.export,
                }
                .as_str(),
            })
            .collect(),
    }
}

fn role_page(
    tr: &Tr,
    chrome: Chrome,
    schema: &Schema,
    role: Option<&Role>,
    name: String,
    grants: &Grants,
    holders: usize,
) -> RolePage {
    let mut objects: Vec<_> = schema.all().collect();
    objects.sort_by_cached_key(|o| (!o.is_standard, fold(&o.label_plural)));
    RolePage {
        t: tr.clone(),
        chrome,
        tabs: tabs(tr, "roles"),
        action: role.map_or_else(|| "/settings/roles".to_owned(), |r| format!("/settings/roles/{}", r.id)),
        is_new: role.is_none(),
        standard: role.is_some_and(|r| r.standard_key.is_some()),
        name,
        admin: grants.admin,
        holders: tr.t1("settings-role-holders-count", "count", holders),
        actions: Action::ALL.iter().map(|a| tr.t(&format!("settings-action-{}", a.as_str()))).collect(),
        reaches: Reach::ALL.iter().map(|r| (r.as_str(), tr.t(&format!("settings-reach-{}", r.as_str())))).collect(),
        accesses: [FieldAccess::Hidden, FieldAccess::ReadOnly, FieldAccess::ReadWrite]
            .iter()
            .map(|a| (access_str(*a), tr.t(&format!("settings-access-{}", access_str(*a).replace('_', "-")))))
            .collect(),
        default_row: grid_row(tr, &tr.t("settings-role-other-objects"), "d", grants.default),
        objects: objects
            .iter()
            .map(|o| {
                let rights = grants.objects.get(&o.id).copied().unwrap_or(grants.default);
                grid_row(tr, &o.label_plural, &format!("o.{}", o.id), rights)
            })
            .collect(),
        fields: objects
            .iter()
            .map(|o| {
                let rules = grants.fields.get(&o.id);
                let fields: Vec<Cell> = ordered(o)
                    .into_iter()
                    .map(|f| {
                        let access = rules.and_then(|r| r.get(&f.id)).copied().unwrap_or_default();
                        Cell {
                            id: format!("f-{}-{}", o.id, f.id),
                            name: format!("f.{}.{}", o.id, f.id),
                            label: f.label.clone(),
                            short: String::new(),
                            value: access_str(access),
                        }
                    })
                    .collect();
                let limited = fields.iter().filter(|c| c.value != "read_write").count();
                FieldGroup {
                    id: o.id.clone(),
                    label: o.label_plural.clone(),
                    limited: if limited == 0 {
                        String::new()
                    } else {
                        tr.t1("settings-role-limited", "count", limited)
                    },
                    fields,
                }
            })
            .collect(),
        notice: String::new(),
        errors: Errors::default(),
    }
}

/// The rules the form describes. An input that was not sent (an object made after
/// the page was drawn) keeps the rule it had, or follows the posted default when it
/// had none of its own.
fn grants_from(pairs: &Pairs, schema: &Schema, before: &Grants) -> Grants {
    let rights_from = |prefix: &str, previous: ObjectRights| {
        let mut rights = previous;
        for action in Action::ALL {
            let name = format!("{prefix}.{}", action.as_str());
            if sent(pairs, &name)
                && let Some(reach) = parse_reach(&value(pairs, &name))
            {
                rights.set(action, reach);
            }
        }
        rights
    };
    let mut grants = Grants { admin: checked(pairs, "admin"), ..Grants::default() };
    grants.default = rights_from("d", before.default);
    for object in schema.all() {
        let previous = before.objects.get(&object.id).copied().unwrap_or(grants.default);
        let rights = rights_from(&format!("o.{}", object.id), previous);
        if rights != grants.default || before.objects.contains_key(&object.id) {
            grants.objects.insert(object.id.clone(), rights);
        }
        for field in &object.fields {
            let name = format!("f.{}.{}", object.id, field.id);
            let previous = before.fields.get(&object.id).and_then(|f| f.get(&field.id)).copied().unwrap_or_default();
            let access =
                if sent(pairs, &name) { parse_access(&value(pairs, &name)).unwrap_or(previous) } else { previous };
            if access != FieldAccess::ReadWrite {
                grants.fields.entry(object.id.clone()).or_default().insert(field.id.clone(), access);
            }
        }
    }
    grants
}

/// The schema with the names people read (standard objects and fields in the
/// viewer's language): the grid lists them so; the rules are by id.
async fn schema(state: &AppState, viewer: &Viewer) -> Result<Schema, Response> {
    viewer.schema(state).await.cloned().map_err(|e| e.render(&viewer.tr))
}

async fn role_by_id(state: &AppState, viewer: &Viewer, id: &str) -> Result<(Role, usize), Response> {
    let tr = &viewer.tr;
    let id: Uuid = id.parse().map_err(|_| UiError::not_found().render(tr))?;
    let roles = state.crm.roles(viewer.actor()).await.map_err(failed(tr))?;
    let role = roles.into_iter().find(|r| r.id == id).ok_or_else(|| UiError::not_found().render(tr))?;
    let memberships = state.crm.memberships(viewer.actor()).await.map_err(failed(tr))?;
    let holders = memberships.iter().filter(|m| m.roles.contains(&id)).count();
    Ok((role, holders))
}

/// `GET /settings/roles/new`: a role that reaches nothing until given rules.
pub async fn new(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult {
    let schema = schema(&state, &viewer).await?;
    let chrome = chrome(&state, &viewer).await?;
    let page = role_page(&viewer.tr, chrome, &schema, None, String::new(), &Grants::default(), 0);
    Ok(render(&page))
}

/// `GET /settings/roles/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let (role, holders) = role_by_id(&state, &viewer, &id).await?;
    let schema = schema(&state, &viewer).await?;
    let chrome = chrome(&state, &viewer).await?;
    let name = role_name(&viewer.tr, &role);
    let mut page = role_page(&viewer.tr, chrome, &schema, Some(&role), name, &role.grants, holders);
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

async fn store(state: &AppState, viewer: &Viewer, role: Option<(Role, usize)>, pairs: Pairs) -> PageResult {
    let tr = &viewer.tr;
    let schema = schema(state, viewer).await?;
    let before = role.as_ref().map(|(r, _)| r.grants.clone()).unwrap_or_default();
    let grants = grants_from(&pairs, &schema, &before);
    let name = value(&pairs, "name");
    // A standard role that keeps its translated name keeps its stored one.
    let stored_name = match &role {
        Some((r, _)) if name == role_name(tr, r) => r.name.clone(),
        _ => name.clone(),
    };
    let id = role.as_ref().map(|(r, _)| r.id);
    let errors = if name.is_empty() {
        Errors(vec![("name".into(), tr.t("field-required"))])
    } else {
        match state.crm.save_role(viewer.actor(), id, &stored_name, grants.clone()).await {
            Ok(saved) => return Ok(redirect(&format!("/settings/roles/{}?saved=1", saved.id), viewer.htmx)),
            Err(e) => {
                let problem = refused(e)?;
                let status = refused_status(&problem);
                let errors = Errors::of(tr, &problem).replace(tr, "name", "field-duplicate", "settings-role-taken");
                let chrome = chrome(state, viewer).await?;
                let holders = role.as_ref().map_or(0, |(_, h)| *h);
                let mut page = role_page(tr, chrome, &schema, role.as_ref().map(|(r, _)| r), name, &grants, holders);
                page.errors = errors;
                return Ok(render_status(status, &page));
            }
        }
    };
    let chrome = chrome(state, viewer).await?;
    let holders = role.as_ref().map_or(0, |(_, h)| *h);
    let mut page = role_page(tr, chrome, &schema, role.as_ref().map(|(r, _)| r), name, &grants, holders);
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// `POST /settings/roles`: a new role.
pub async fn create(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    store(&state, &viewer, None, pairs).await
}

/// `POST /settings/roles/{id}`: the role's name and rules, saved whole.
pub async fn save(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let role = role_by_id(&state, &viewer, &id).await?;
    store(&state, &viewer, Some(role), pairs).await
}
