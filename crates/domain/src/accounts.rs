//! Users, teams and roles. Administrators manage them; each change is one unit of
//! work with its security event, so the trail never misses one. A user's actor —
//! the merged rules of their roles and their teams — is built here for every
//! request, so a role change applies at the next request, in every process.

use rapport_model::access::Grants;
use rapport_model::roles::standard_roles;
use rapport_model::{Actor, FieldError, ModelError, Reason, Schema};
use rapport_store::events::{self, NewEvent};
use rapport_store::users::{self, RoleRow, TeamRow, UserRow};
use rapport_store::{Conn, StoreError};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::{DomainError, Result};
use crate::password;

/// A user as the interfaces see it (never with the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub time_zone: String,
    pub is_active: bool,
    pub must_change_password: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<&UserRow> for User {
    fn from(row: &UserRow) -> Self {
        User {
            id: row.id,
            email: row.email.clone(),
            display_name: row.display_name.clone(),
            locale: row.locale.clone(),
            time_zone: row.time_zone.clone(),
            is_active: row.is_active,
            must_change_password: row.must_change_password,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    pub id: Uuid,
    pub name: String,
    /// Set for the standard roles (`sales_rep`, …).
    pub standard_key: Option<String>,
    pub grants: Grants,
}

impl Role {
    fn from_row(row: &RoleRow) -> Result<Role> {
        let grants = serde_json::from_value(row.rules.clone())
            .map_err(|e| StoreError::Database(format!("role {} has unreadable rules: {e}", row.name)))?;
        Ok(Role { id: row.id, name: row.name.clone(), standard_key: row.standard_key.clone(), grants })
    }
}

/// A new user.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    /// Roles by id, standard key or name.
    pub roles: Vec<String>,
    /// Teams by id or name.
    pub teams: Vec<String>,
    /// `None` makes a one-time password that must be changed at the first sign-in.
    pub password: Option<String>,
}

/// What may change about a user.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    /// Administrators only.
    pub is_active: Option<bool>,
}

/// The locales a user may choose: a language, and for Arabic Latin digits instead of
/// Arabic-Indic ones (the Unicode `nu` keyword).
pub const LOCALES: [&str; 5] = ["en", "el", "hu", "ar", "ar-u-nu-latn"];

fn invalid(field: &str, reason: Reason) -> DomainError {
    DomainError::Store(ModelError::invalid(field, reason).into())
}

/// An email as stored: trimmed, lower-cased, checked like every email field.
pub(crate) fn normalize_email(email: &str) -> Result<String> {
    rapport_model::contact::normalize_email(email).map_err(|_| invalid("email", Reason::NotAnEmail))
}

fn check_profile(display_name: &str, locale: &str, time_zone: &str) -> Result<()> {
    let mut errors = Vec::new();
    if display_name.trim().is_empty() {
        errors.push(FieldError::new("display_name", Reason::Required));
    } else if display_name.chars().count() > 200 {
        errors.push(FieldError::new("display_name", Reason::TooLong { max: 200 }));
    }
    if !LOCALES.contains(&locale) {
        errors.push(FieldError::new("locale", Reason::UnknownOption { value: locale.to_owned() }));
    }
    if !valid_time_zone(time_zone) {
        errors.push(FieldError::new("time_zone", Reason::UnknownOption { value: time_zone.to_owned() }));
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Store(ModelError::Invalid(errors).into())) }
}

/// An IANA zone name (`Europe/Athens`) or `UTC` that the bundled tz database knows:
/// a name merely shaped like one (`Mars/Olympus`) would leave its user in UTC without
/// a word.
fn valid_time_zone(zone: &str) -> bool {
    zone == "UTC"
        || (zone.len() <= 64
            && zone.split('/').count() >= 2
            && zone
                .split('/')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+')))
            && jiff::tz::db().get(zone).is_ok())
}

fn require_admin(actor: &Actor) -> Result<()> {
    if actor.is_admin() && !actor.is_read_only() {
        Ok(())
    } else {
        Err(StoreError::Forbidden { object: "users".into(), action: "administer" }.into())
    }
}

/// Account changes are never made with a read-only API token.
pub(crate) fn require_writer(actor: &Actor) -> Result<()> {
    if actor.is_read_only() {
        Err(StoreError::Forbidden { object: "account".into(), action: "change" }.into())
    } else {
        Ok(())
    }
}

fn require_self_or_admin(actor: &Actor, user_id: Uuid) -> Result<()> {
    if actor.is_admin() || actor.user_id() == Some(user_id) { Ok(()) } else { Err(not_found_user(user_id)) }
}

fn not_found_user(id: Uuid) -> DomainError {
    StoreError::NotFound { object: "users".into(), id }.into()
}

/// Records a security event by `actor` inside the caller's unit of work.
pub(crate) async fn event(
    conn: &Conn<'_>,
    actor: &Actor,
    kind: &str,
    subject: Option<&str>,
    detail: serde_json::Value,
) -> rapport_store::Result<()> {
    let detail = (!detail.is_null()).then_some(detail);
    events::record(conn, &NewEvent { actor_id: actor.user_id(), kind, subject, address: None, detail }).await
}

/// Finds roles named by id, standard key or name.
fn resolve_roles(all: &[RoleRow], wanted: &[String]) -> Result<Vec<Uuid>> {
    wanted
        .iter()
        .map(|w| {
            all.iter()
                .find(|r| r.id.to_string() == *w || r.standard_key.as_deref() == Some(w) || r.name == *w)
                .map(|r| r.id)
                .ok_or_else(|| invalid("roles", Reason::UnknownOption { value: w.clone() }))
        })
        .collect()
}

fn resolve_teams(all: &[TeamRow], wanted: &[String]) -> Result<Vec<Uuid>> {
    wanted
        .iter()
        .map(|w| {
            all.iter()
                .find(|t| t.id.to_string() == *w || t.name == *w)
                .map(|t| t.id)
                .ok_or_else(|| invalid("teams", Reason::UnknownOption { value: w.clone() }))
        })
        .collect()
}

/// Whether at least one active user holds an administrator role (roles read as
/// [`principal`] reads them: unreadable rules grant nothing).
async fn has_active_admin(conn: &Conn<'_>) -> rapport_store::Result<bool> {
    let admin_roles: Vec<Uuid> = users::list_roles(conn)
        .await?
        .iter()
        .filter(|r| serde_json::from_value::<Grants>(r.rules.clone()).is_ok_and(|g| g.admin))
        .map(|r| r.id)
        .collect();
    users::any_active_holder(conn, &admin_roles).await
}

/// Fails the unit (so it rolls back) when it leaves no active administrator where
/// there was one (`had`, read before the change).
async fn keep_an_admin(conn: &Conn<'_>, had: bool) -> Result<()> {
    if !had || has_active_admin(conn).await? { Ok(()) } else { Err(DomainError::LastAdministrator) }
}

impl Crm {
    /// Writes the standard roles that are missing (by key); changed ones are left as
    /// the administrator made them.
    pub(crate) async fn ensure_standard_roles(&self) -> Result<()> {
        let now = rapport_store::now();
        let rows: Vec<RoleRow> = standard_roles()
            .into_iter()
            .map(|r| {
                Ok(RoleRow {
                    id: Uuid::now_v7(),
                    name: r.name.to_owned(),
                    standard_key: Some(r.key.to_owned()),
                    rules: serde_json::to_value(&r.grants).map_err(|e| StoreError::Database(e.to_string()))?,
                    created_at: now,
                    updated_at: now,
                })
            })
            .collect::<Result<_>>()?;
        self.system_write(move |c| {
            Box::pin(async move {
                for row in &rows {
                    users::insert_role_if_missing(c, row).await?;
                }
                Ok(())
            })
        })
        .await?;
        Ok(())
    }

    /// Adds a user (administrators). Returns the user and, when no password was
    /// given, a one-time password to hand over (it must be changed at first sign-in).
    pub async fn add_user(&self, actor: &Actor, new: NewUser) -> Result<(User, Option<String>)> {
        require_admin(actor)?;
        let email = normalize_email(&new.email)?;
        let locale = new.locale.unwrap_or_else(|| "en".to_owned());
        let time_zone = new.time_zone.unwrap_or_else(|| "UTC".to_owned());
        check_profile(&new.display_name, &locale, &time_zone)?;
        let (password, one_time) = match new.password {
            Some(p) => (p, None),
            None => {
                let p = password::generate();
                (p.clone(), Some(p))
            }
        };
        let context = [email.as_str(), new.display_name.as_str()];
        password::check_new(&password, &context)
            .map_err(|rejection| DomainError::Password { field: "password", rejection })?;
        let hash = hash_password(&password).await?;
        let now = rapport_store::now();
        let row = UserRow {
            id: Uuid::now_v7(),
            email,
            display_name: new.display_name.trim().to_owned(),
            locale,
            time_zone,
            is_active: true,
            password_hash: Some(hash),
            must_change_password: one_time.is_some(),
            created_at: now,
            updated_at: now,
        };
        let (actor, wanted_roles, wanted_teams) = (actor.clone(), new.roles, new.teams);
        let user = User::from(&row);
        self.system_write(move |c| {
            Box::pin(async move {
                let role_ids = resolve_roles(&users::list_roles(c).await?, &wanted_roles)?;
                let team_ids = resolve_teams(&users::list_teams(c).await?, &wanted_teams)?;
                users::insert_user(c, &row).await?;
                users::set_user_roles(c, row.id, &role_ids).await?;
                users::set_memberships(c, row.id, &team_ids).await?;
                let detail = json!({ "email": row.email, "roles": role_ids, "teams": team_ids });
                Ok(event(c, &actor, "user_create", Some(&row.id.to_string()), detail).await?)
            })
        })
        .await?;
        Ok((user, one_time))
    }

    /// Every user (any signed-in user may list them: owners are chosen from them).
    pub async fn users(&self, actor: &Actor) -> Result<Vec<User>> {
        if actor.user_id().is_none() && !actor.is_admin() {
            return Err(DomainError::Unauthenticated);
        }
        let rows = self.store().system_read(|c| Box::pin(users::list_users(c))).await?;
        Ok(rows.iter().map(User::from).collect())
    }

    pub async fn user(&self, actor: &Actor, id: Uuid) -> Result<User> {
        let row = self.store().system_read(move |c| Box::pin(users::user_by_id(c, id))).await?;
        match row {
            Some(row) if actor.user_id().is_some() || actor.is_admin() => Ok(User::from(&row)),
            _ => Err(not_found_user(id)),
        }
    }

    pub async fn user_by_email(&self, actor: &Actor, email: &str) -> Result<User> {
        require_admin(actor)?;
        let email = normalize_email(email)?;
        let row =
            self.store().system_read(move |c| Box::pin(async move { users::user_by_email(c, &email).await })).await?;
        row.map(|r| User::from(&r)).ok_or_else(|| invalid("email", Reason::UnknownRecord))
    }

    /// Changes a user's profile (the user or an administrator); only administrators
    /// (de)activate, and never the last active administrator. Deactivating ends the
    /// user's sessions.
    pub async fn update_user(&self, actor: &Actor, id: Uuid, patch: UserPatch) -> Result<User> {
        require_self_or_admin(actor, id)?;
        require_writer(actor)?;
        if patch.is_active.is_some() {
            require_admin(actor)?;
        }
        let actor = actor.clone();
        let row = self
            .system_write(move |c| {
                Box::pin(async move {
                    users::lock_accounts(c).await?;
                    let mut row = users::user_for_update(c, id)
                        .await?
                        .ok_or(StoreError::NotFound { object: "users".into(), id })?;
                    if let Some(name) = patch.display_name {
                        row.display_name = name.trim().to_owned();
                    }
                    row.locale = patch.locale.unwrap_or(row.locale);
                    row.time_zone = patch.time_zone.unwrap_or(row.time_zone);
                    check_profile(&row.display_name, &row.locale, &row.time_zone)?;
                    let deactivated = patch.is_active == Some(false) && row.is_active;
                    let had_admin = deactivated && has_active_admin(c).await?;
                    row.is_active = patch.is_active.unwrap_or(row.is_active);
                    row.updated_at = rapport_store::now();
                    users::update_user(c, &row).await?;
                    if deactivated {
                        rapport_store::credentials::delete_sessions_of(c, id).await?;
                        keep_an_admin(c, had_admin).await?;
                    }
                    let detail = json!({ "display_name": row.display_name, "locale": row.locale,
                        "time_zone": row.time_zone, "is_active": row.is_active });
                    event(c, &actor, "user_update", Some(&id.to_string()), detail).await?;
                    Ok(row)
                })
            })
            .await?;
        Ok(User::from(&row))
    }

    pub async fn teams(&self, actor: &Actor) -> Result<Vec<Team>> {
        if actor.user_id().is_none() && !actor.is_admin() {
            return Err(DomainError::Unauthenticated);
        }
        let rows = self.store().system_read(|c| Box::pin(users::list_teams(c))).await?;
        Ok(rows.into_iter().map(|t| Team { id: t.id, name: t.name }).collect())
    }

    pub async fn create_team(&self, actor: &Actor, name: &str) -> Result<Team> {
        require_admin(actor)?;
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(invalid("name", Reason::Required));
        }
        let row = TeamRow { id: Uuid::now_v7(), name, created_at: rapport_store::now() };
        let (actor, team) = (actor.clone(), Team { id: row.id, name: row.name.clone() });
        self.system_write(move |c| {
            Box::pin(async move {
                users::insert_team(c, &row).await?;
                Ok(event(c, &actor, "team_create", Some(&row.id.to_string()), json!({ "name": row.name })).await?)
            })
        })
        .await?;
        Ok(team)
    }

    /// Replaces a user's teams (administrators).
    pub async fn set_user_teams(&self, actor: &Actor, user_id: Uuid, teams: &[String]) -> Result<()> {
        require_admin(actor)?;
        let (actor, wanted) = (actor.clone(), teams.to_vec());
        self.system_write(move |c| {
            Box::pin(async move {
                users::user_by_id(c, user_id)
                    .await?
                    .ok_or(StoreError::NotFound { object: "users".into(), id: user_id })?;
                let ids = resolve_teams(&users::list_teams(c).await?, &wanted)?;
                users::set_memberships(c, user_id, &ids).await?;
                Ok(event(c, &actor, "team_change", Some(&user_id.to_string()), json!({ "teams": ids })).await?)
            })
        })
        .await?;
        Ok(())
    }

    pub async fn roles(&self, actor: &Actor) -> Result<Vec<Role>> {
        require_admin(actor)?;
        let rows = self.store().system_read(|c| Box::pin(users::list_roles(c))).await?;
        rows.iter().map(Role::from_row).collect()
    }

    /// Creates a role (`id` None) or replaces one's name and rules (administrators).
    /// The rules must name objects and fields that exist; a change that would leave
    /// no active administrator is refused.
    pub async fn save_role(&self, actor: &Actor, id: Option<Uuid>, name: &str, grants: Grants) -> Result<Role> {
        require_admin(actor)?;
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(invalid("name", Reason::Required));
        }
        check_grants(&*self.store().schema().await?, &grants)?;
        let rules = serde_json::to_value(&grants).map_err(|e| StoreError::Database(e.to_string()))?;
        let actor = actor.clone();
        let row = self
            .system_write(move |c| {
                Box::pin(async move {
                    users::lock_accounts(c).await?;
                    let now = rapport_store::now();
                    let existing = match id {
                        Some(id) => Some(
                            users::role_by_id(c, id)
                                .await?
                                .ok_or(StoreError::NotFound { object: "roles".into(), id })?,
                        ),
                        None => None,
                    };
                    let row = RoleRow {
                        id: id.unwrap_or_else(Uuid::now_v7),
                        name,
                        standard_key: existing.as_ref().and_then(|r| r.standard_key.clone()),
                        rules,
                        created_at: existing.as_ref().map_or(now, |r| r.created_at),
                        updated_at: now,
                    };
                    let had_admin = has_active_admin(c).await?;
                    users::upsert_role(c, &row).await?;
                    keep_an_admin(c, had_admin).await?;
                    let detail = json!({ "name": row.name, "rules": row.rules, "before": existing.map(|r| r.rules) });
                    event(c, &actor, "role_change", Some(&row.id.to_string()), detail).await?;
                    Ok(row)
                })
            })
            .await?;
        Role::from_row(&row)
    }

    /// Replaces a user's roles (administrators), never leaving no administrator.
    pub async fn set_user_roles(&self, actor: &Actor, user_id: Uuid, roles: &[String]) -> Result<()> {
        require_admin(actor)?;
        let (actor, wanted) = (actor.clone(), roles.to_vec());
        self.system_write(move |c| {
            Box::pin(async move {
                users::lock_accounts(c).await?;
                users::user_by_id(c, user_id)
                    .await?
                    .ok_or(StoreError::NotFound { object: "users".into(), id: user_id })?;
                let ids = resolve_roles(&users::list_roles(c).await?, &wanted)?;
                let before: Vec<Uuid> = users::roles_of(c, user_id).await?.iter().map(|r| r.id).collect();
                let had_admin = has_active_admin(c).await?;
                users::set_user_roles(c, user_id, &ids).await?;
                keep_an_admin(c, had_admin).await?;
                let detail = json!({ "roles": ids, "before": before });
                Ok(event(c, &actor, "role_change", Some(&user_id.to_string()), detail).await?)
            })
        })
        .await?;
        Ok(())
    }

    /// The actor of an active user: their teams and the merged rules of their roles.
    pub async fn actor_for(&self, user_id: Uuid) -> Result<Actor> {
        let found = self.store().system_read(move |c| Box::pin(principal(c, user_id))).await?;
        found.map(|(_, actor)| actor).ok_or(DomainError::Unauthenticated)
    }

    /// The security events of a user: what they did (sign-ins, exports, changes to
    /// users and roles), what was done to their account, and the failed sign-ins with
    /// their email, newest first. The user or an administrator.
    pub async fn security_events(&self, actor: &Actor, user_id: Uuid, limit: u64) -> Result<Vec<events::Event>> {
        require_self_or_admin(actor, user_id)?;
        let limit = limit.clamp(1, 1000);
        Ok(self
            .store()
            .system_read(move |c| {
                Box::pin(async move {
                    let mut by = events::of_actor(c, user_id, limit).await?;
                    let mut about = events::of_subject(c, &user_id.to_string(), limit).await?;
                    // Sign-ins are recorded by the email tried: the failed ones too.
                    if let Some(user) = users::user_by_id(c, user_id).await?.map(|u| u.email) {
                        about.extend(events::of_subject(c, &user, limit).await?);
                    }
                    by.extend(about.into_iter().filter(|e| e.actor_id != Some(user_id)));
                    by.sort_by_key(|e| std::cmp::Reverse(e.seq));
                    by.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
                    Ok(by)
                })
            })
            .await?)
    }
}

/// A user row and their actor, if the user exists and is active.
pub(crate) async fn principal(conn: &Conn<'_>, user_id: Uuid) -> rapport_store::Result<Option<(UserRow, Actor)>> {
    let Some(user) = users::user_by_id(conn, user_id).await?.filter(|u| u.is_active) else { return Ok(None) };
    let teams = users::teams_of(conn, user_id).await?;
    let roles = users::roles_of(conn, user_id).await?;
    let grants: Vec<Grants> = roles.iter().filter_map(|r| serde_json::from_value(r.rules.clone()).ok()).collect();
    let actor = Actor::user(user_id, teams, Grants::merge(&grants));
    Ok(Some((user, actor)))
}

/// Role rules may only name objects and fields that exist.
fn check_grants(schema: &Schema, grants: &Grants) -> Result<()> {
    let mut errors = Vec::new();
    for id in grants.objects.keys().chain(grants.fields.keys()) {
        if !schema.objects.contains_key(id) {
            errors.push(FieldError::new(format!("objects.{id}"), Reason::UnknownObject { name: id.clone() }));
        }
    }
    for object in schema.all() {
        for field in grants.unknown_fields(object) {
            errors.push(FieldError::new(format!("fields.{}.{field}", object.id), Reason::UnknownField));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Store(ModelError::Invalid(errors).into())) }
}

/// Argon2 takes tens of milliseconds of CPU on purpose: off the async runtime.
pub(crate) async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| StoreError::Database(format!("password hashing stopped: {e}")))?
        .map_err(|e| StoreError::Database(format!("password hashing failed: {e}")).into())
}
