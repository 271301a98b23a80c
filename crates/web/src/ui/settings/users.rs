//! Users and teams: the list of users with their roles and teams, a new user (whose
//! one-time password is shown once, on the answer itself), a user's page — profile,
//! roles and teams, deactivation, a new one-time password — and the teams.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use rapport_domain::model::roles::standard_role;
use rapport_domain::{NewUser, Role, Team, User, UserPatch};
use uuid::Uuid;

use super::super::form::Pairs;
use super::super::i18n::{LOCALE_CHOICES, Tr};
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::zones::{self, ZoneGroup};
use super::{Admin, Errors, Notice, Tab, checked, chrome, missing, refused, refused_status, tabs, value, values};
use crate::AppState;

/// A role or team to tick.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A role's name as the viewer reads it: a standard role that kept its name has a
/// translated one.
pub fn role_name(tr: &Tr, role: &Role) -> String {
    if let Some(key) = role.standard_key.as_deref()
        && standard_role(key).is_some_and(|r| r.name == role.name)
    {
        let id = format!("settings-role-{}", key.replace('_', "-"));
        if tr.has(&id) {
            return tr.t(&id);
        }
    }
    role.name.clone()
}

fn failed(tr: &Tr) -> impl Fn(rapport_domain::DomainError) -> Response + '_ {
    move |e| UiError::from(e).render(tr)
}

fn role_choices(tr: &Tr, roles: &[Role], chosen: &[String]) -> Vec<Choice> {
    let mut out: Vec<Choice> = roles
        .iter()
        .map(|r| Choice {
            value: r.id.to_string(),
            label: role_name(tr, r),
            checked: chosen.contains(&r.id.to_string()),
        })
        .collect();
    out.sort_by_key(|c| c.label.to_lowercase());
    out
}

fn team_choices(teams: &[Team], chosen: &[String]) -> Vec<Choice> {
    let mut out: Vec<Choice> = teams
        .iter()
        .map(|t| Choice { value: t.id.to_string(), label: t.name.clone(), checked: chosen.contains(&t.id.to_string()) })
        .collect();
    out.sort_by_key(|c| c.label.to_lowercase());
    out
}

/// A user in the list.
pub struct UserRow {
    pub id: Uuid,
    pub href: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub teams: Vec<String>,
    pub active: bool,
    pub must_change: bool,
}

/// The fields of a user's profile, as typed.
pub struct Profile {
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub time_zone: String,
}

#[derive(Template)]
#[template(path = "settings_users.html")]
struct UsersPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    users: Vec<UserRow>,
    profile: Profile,
    locales: Vec<(&'static str, &'static str)>,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    errors: Errors,
}

impl UsersPage {
    /// The time zone picker, the zone typed selected.
    fn zone_groups(&self) -> Vec<ZoneGroup> {
        zones::groups(&self.t, &self.profile.time_zone)
    }
}

/// What the users' pages read: users, roles, teams and who holds which.
struct Directory {
    users: Vec<User>,
    roles: Vec<Role>,
    teams: Vec<Team>,
    memberships: Vec<rapport_domain::settings::Membership>,
}

async fn directory(state: &AppState, viewer: &Viewer) -> Result<Directory, Response> {
    let actor = viewer.actor();
    let fail = failed(&viewer.tr);
    Ok(Directory {
        users: state.crm.users(actor).await.map_err(&fail)?,
        roles: state.crm.roles(actor).await.map_err(&fail)?,
        teams: state.crm.teams(actor).await.map_err(&fail)?,
        memberships: state.crm.memberships(actor).await.map_err(&fail)?,
    })
}

impl Directory {
    fn of(&self, user: Uuid) -> (Vec<Uuid>, Vec<Uuid>) {
        self.memberships
            .iter()
            .find(|m| m.user_id == user)
            .map(|m| (m.roles.clone(), m.teams.clone()))
            .unwrap_or_default()
    }
}

async fn users_page(state: &AppState, viewer: &Viewer) -> Result<UsersPage, Response> {
    let tr = &viewer.tr;
    let dir = directory(state, viewer).await?;
    let mut users: Vec<UserRow> = dir
        .users
        .iter()
        .map(|u| {
            let (role_ids, team_ids) = dir.of(u.id);
            UserRow {
                id: u.id,
                href: format!("/settings/users/{}", u.id),
                name: u.display_name.clone(),
                email: u.email.clone(),
                roles: dir.roles.iter().filter(|r| role_ids.contains(&r.id)).map(|r| role_name(tr, r)).collect(),
                teams: dir.teams.iter().filter(|t| team_ids.contains(&t.id)).map(|t| t.name.clone()).collect(),
                active: u.is_active,
                must_change: u.must_change_password,
            }
        })
        .collect();
    users.sort_by_key(|u| (!u.active, u.name.to_lowercase()));
    let me = viewer.caller.user();
    Ok(UsersPage {
        t: tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(tr, "users"),
        users,
        profile: Profile {
            email: String::new(),
            display_name: String::new(),
            locale: me.locale.clone(),
            time_zone: me.time_zone.clone(),
        },
        locales: LOCALE_CHOICES.to_vec(),
        roles: role_choices(tr, &dir.roles, &[]),
        teams: team_choices(&dir.teams, &[]),
        errors: Errors::default(),
    })
}

/// `GET /settings/users`.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult {
    Ok(render(&users_page(&state, &viewer).await?))
}

/// The answer that shows a one-time password: the user's page itself (never an
/// address that would keep it), which the browser's address then names.
fn with_password_page(page: &UserPage) -> Response {
    let mut response = render(page);
    if let Ok(url) = HeaderValue::from_str(&format!("/settings/users/{}", page.user.id)) {
        response.headers_mut().insert("hx-push-url", url);
    }
    response
}

/// `POST /settings/users`: a new user with a one-time password, shown once on the
/// answer; or the form again with the messages.
pub async fn create(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    let tr = &viewer.tr;
    let profile = Profile {
        email: value(&pairs, "email"),
        display_name: value(&pairs, "display_name"),
        locale: value(&pairs, "locale"),
        time_zone: value(&pairs, "time_zone"),
    };
    let (roles, teams) = (values(&pairs, "role"), values(&pairs, "team"));
    let mut errors = Errors::default();
    if profile.email.is_empty() {
        errors.add("email", tr.t("field-required"));
    }
    if profile.display_name.is_empty() {
        errors.add("display_name", tr.t("field-required"));
    }
    if errors.is_empty() {
        let new = NewUser {
            email: profile.email.clone(),
            display_name: profile.display_name.clone(),
            locale: Some(profile.locale.clone()),
            time_zone: Some(profile.time_zone.clone()),
            roles: roles.clone(),
            teams: teams.clone(),
            password: None,
        };
        match state.crm.add_user(viewer.actor(), new).await {
            Ok((user, one_time)) => {
                let mut page = user_page(&state, &viewer, user.id).await?;
                page.one_time = one_time.unwrap_or_default();
                page.notice = tr.t("settings-user-created");
                return Ok(with_password_page(&page));
            }
            Err(e) => {
                let problem = refused(e)?;
                errors = Errors(zones::explained(tr, Errors::of(tr, &problem).0)).replace(
                    tr,
                    "email",
                    "field-duplicate",
                    "settings-email-taken",
                );
            }
        }
    }
    let mut page = users_page(&state, &viewer).await?;
    let dir_roles = state.crm.roles(viewer.actor()).await.map_err(failed(tr))?;
    let dir_teams = state.crm.teams(viewer.actor()).await.map_err(failed(tr))?;
    page.roles = role_choices(tr, &dir_roles, &roles);
    page.teams = team_choices(&dir_teams, &teams);
    page.profile = profile;
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

#[derive(Template)]
#[template(path = "settings_user.html")]
struct UserPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    user: User,
    profile: Profile,
    locales: Vec<(&'static str, &'static str)>,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    /// A one-time password just made: shown on this answer only.
    one_time: String,
    is_self: bool,
    notice: String,
    errors: Errors,
}

impl UserPage {
    /// The time zone picker, the user's zone (or the one sent) selected.
    fn zone_groups(&self) -> Vec<ZoneGroup> {
        zones::groups(&self.t, &self.profile.time_zone)
    }
}

async fn user_page(state: &AppState, viewer: &Viewer, id: Uuid) -> Result<UserPage, Response> {
    let tr = &viewer.tr;
    let dir = directory(state, viewer).await?;
    let user = dir.users.iter().find(|u| u.id == id).cloned().ok_or_else(|| UiError::not_found().render(tr))?;
    let (role_ids, team_ids) = dir.of(id);
    let role_ids: Vec<String> = role_ids.iter().map(Uuid::to_string).collect();
    let team_ids: Vec<String> = team_ids.iter().map(Uuid::to_string).collect();
    Ok(UserPage {
        t: tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(tr, "users"),
        profile: Profile {
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            locale: user.locale.clone(),
            time_zone: user.time_zone.clone(),
        },
        locales: LOCALE_CHOICES.to_vec(),
        roles: role_choices(tr, &dir.roles, &role_ids),
        teams: team_choices(&dir.teams, &team_ids),
        one_time: String::new(),
        is_self: viewer.caller.user().id == id,
        notice: String::new(),
        errors: Errors::default(),
        user,
    })
}

/// `GET /settings/users/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let mut page = user_page(&state, &viewer, id).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// A refused change shown on the user's page: 409 for the last-administrator guard,
/// 422 for a value.
async fn refused_on_page(
    state: &AppState,
    viewer: &Viewer,
    id: Uuid,
    e: rapport_domain::DomainError,
    keep: impl FnOnce(&mut UserPage),
) -> PageResult {
    let problem = refused(e)?;
    let mut page = user_page(state, viewer, id).await?;
    keep(&mut page);
    page.errors = Errors(zones::explained(&viewer.tr, Errors::of(&viewer.tr, &problem).0));
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/users/{id}`: name, language and time zone.
pub async fn save(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let patch = UserPatch {
        display_name: Some(value(&pairs, "display_name")),
        locale: Some(value(&pairs, "locale")),
        time_zone: Some(value(&pairs, "time_zone")),
        is_active: None,
    };
    match state.crm.update_user(viewer.actor(), id, patch).await {
        Ok(_) => Ok(redirect(&format!("/settings/users/{id}?saved=1"), viewer.htmx)),
        Err(e) => {
            refused_on_page(&state, &viewer, id, e, |page| {
                page.profile.display_name = value(&pairs, "display_name");
                page.profile.locale = value(&pairs, "locale");
                page.profile.time_zone = value(&pairs, "time_zone");
            })
            .await
        }
    }
}

/// `POST /settings/users/{id}/access`: the user's roles and teams. The last active
/// administrator keeps the administrator role.
pub async fn save_access(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let (roles, teams) = (values(&pairs, "role"), values(&pairs, "team"));
    let actor = viewer.actor();
    let saved = async {
        state.crm.set_user_roles(actor, id, &roles).await?;
        state.crm.set_user_teams(actor, id, &teams).await
    };
    match saved.await {
        Ok(()) => Ok(redirect(&format!("/settings/users/{id}?saved=1"), viewer.htmx)),
        Err(e) => {
            let tr = viewer.tr.clone();
            let all_roles = state.crm.roles(actor).await.unwrap_or_default();
            let all_teams = state.crm.teams(actor).await.unwrap_or_default();
            refused_on_page(&state, &viewer, id, e, |page| {
                page.roles = role_choices(&tr, &all_roles, &roles);
                page.teams = team_choices(&all_teams, &teams);
            })
            .await
        }
    }
}

/// `POST /settings/users/{id}/active` (`active=true|false`): a deactivated user's
/// sessions end and they cannot sign in; never the last active administrator.
pub async fn set_active(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let patch = UserPatch { is_active: Some(checked(&pairs, "active")), ..UserPatch::default() };
    match state.crm.update_user(viewer.actor(), id, patch).await {
        Ok(_) => Ok(redirect(&format!("/settings/users/{id}?saved=1"), viewer.htmx)),
        Err(e) => refused_on_page(&state, &viewer, id, e, |_| {}).await,
    }
}

/// `POST /settings/users/{id}/password`: a new one-time password, shown once; the
/// user's sessions end and they choose their own at the next sign-in.
pub async fn reset_password(State(state): State<AppState>, Admin(viewer): Admin, Path(id): Path<String>) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    match state.crm.reset_password(viewer.actor(), id).await {
        Ok(one_time) => {
            let mut page = user_page(&state, &viewer, id).await?;
            page.one_time = one_time;
            page.notice = viewer.tr.t("settings-password-reset-done");
            Ok(with_password_page(&page))
        }
        Err(e) => refused_on_page(&state, &viewer, id, e, |_| {}).await,
    }
}

/// A team in the list.
pub struct TeamRow {
    pub name: String,
    pub members: usize,
}

#[derive(Template)]
#[template(path = "settings_teams.html")]
struct TeamsPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    teams: Vec<TeamRow>,
    name: String,
    notice: String,
    errors: Errors,
}

async fn teams_page(state: &AppState, viewer: &Viewer) -> Result<TeamsPage, Response> {
    let fail = failed(&viewer.tr);
    let all = state.crm.teams(viewer.actor()).await.map_err(&fail)?;
    let memberships = state.crm.memberships(viewer.actor()).await.map_err(&fail)?;
    let mut teams: Vec<TeamRow> = all
        .iter()
        .map(|t| TeamRow {
            name: t.name.clone(),
            members: memberships.iter().filter(|m| m.teams.contains(&t.id)).count(),
        })
        .collect();
    teams.sort_by_key(|t| t.name.to_lowercase());
    Ok(TeamsPage {
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "teams"),
        teams,
        name: String::new(),
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/teams`.
pub async fn teams(State(state): State<AppState>, Admin(viewer): Admin, Query(notice): Query<Notice>) -> PageResult {
    let mut page = teams_page(&state, &viewer).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/teams`: a new team (names are unique).
pub async fn create_team(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    let tr = &viewer.tr;
    let name = value(&pairs, "name");
    let errors = match state.crm.create_team(viewer.actor(), &name).await {
        Ok(_) => return Ok(redirect("/settings/teams?saved=1", viewer.htmx)),
        Err(e) => {
            let problem = refused(e)?;
            Errors::of(tr, &problem).replace(tr, "name", "field-duplicate", "settings-team-taken")
        }
    };
    let mut page = teams_page(&state, &viewer).await?;
    page.name = name;
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
