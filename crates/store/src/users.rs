//! Users, teams and roles: the rows of the system tables behind sign-in and access
//! control, read and written by the domain's units of work (through
//! [`Store::system_write`](crate::Store::system_write)). The store checks only what the
//! database must keep true (unique emails, team and role names, rows that exist); the
//! rules — who may do what, how an email is normalised — are the domain's.

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query, SelectStatement, SimpleExpr};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn, Row};
use crate::error::{Result, StoreError};
use crate::system::{Cells, datetime, distinct, existing, opt_text, require, taken, text, unique_violation, uuid};
use crate::types::bind;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub time_zone: String,
    pub is_active: bool,
    /// An argon2id PHC string; `None` for a user who cannot sign in with a password.
    pub password_hash: Option<String>,
    /// Set for a one-time password an administrator gave out.
    pub must_change_password: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub id: Uuid,
    pub name: String,
    /// The key of a standard role that Rapport ships (seeded once, then the
    /// administrator's to change); `None` for roles an administrator made.
    pub standard_key: Option<String>,
    /// The role's permissions, in the domain's format.
    pub rules: Json,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

const USER_COLUMNS: [&str; 10] = [
    "id",
    "email",
    "display_name",
    "locale",
    "time_zone",
    "is_active",
    "password_hash",
    "must_change_password",
    "created_at",
    "updated_at",
];

const USER_KINDS: [Logical; 10] = [
    Logical::Uuid,
    Logical::Text,
    Logical::Text,
    Logical::Text,
    Logical::Text,
    Logical::Boolean,
    Logical::Text,
    Logical::Boolean,
    Logical::DateTime,
    Logical::DateTime,
];

const TEAM_COLUMNS: [&str; 3] = ["id", "name", "created_at"];
const TEAM_KINDS: [Logical; 3] = [Logical::Uuid, Logical::Text, Logical::DateTime];

const ROLE_COLUMNS: [&str; 6] = ["id", "name", "standard_key", "rules", "created_at", "updated_at"];
const ROLE_KINDS: [Logical; 6] =
    [Logical::Uuid, Logical::Text, Logical::Text, Logical::Json, Logical::DateTime, Logical::DateTime];

// ---- users ----------------------------------------------------------------------

/// The values of every user column but `id` and `created_at`, by column name.
fn user_changes(b: Backend, user: &UserRow) -> Result<Vec<(&'static str, SimpleExpr)>> {
    Ok(vec![
        ("email", text(b, &user.email)?),
        ("display_name", text(b, &user.display_name)?),
        ("locale", text(b, &user.locale)?),
        ("time_zone", text(b, &user.time_zone)?),
        ("is_active", bind(b, Logical::Boolean, &Cell::Bool(user.is_active))?),
        ("password_hash", bind(b, Logical::Text, &opt_text(user.password_hash.as_deref()))?),
        ("must_change_password", bind(b, Logical::Boolean, &Cell::Bool(user.must_change_password))?),
        ("updated_at", datetime(b, user.updated_at)?),
    ])
}

fn email_taken(e: StoreError) -> StoreError {
    unique_violation(e, "users", "email", "ux_users_email", "email")
}

/// Adds a user; an email another user has is refused as a duplicate `email`.
pub async fn insert_user(conn: &Conn<'_>, user: &UserRow) -> Result<()> {
    if taken(conn, "users", "email", &user.email, user.id).await? {
        return Err(StoreError::duplicate("email"));
    }
    let b = conn.backend();
    let (mut columns, mut values) = (vec!["id", "created_at"], vec![uuid(b, user.id)?, datetime(b, user.created_at)?]);
    for (column, value) in user_changes(b, user)? {
        columns.push(column);
        values.push(value);
    }
    let insert = Query::insert().into_table("users").columns(columns).values_panic(values).to_owned();
    conn.execute(&insert).await.map_err(email_taken)?;
    Ok(())
}

/// Writes every column of a user but `id` and `created_at`.
pub async fn update_user(conn: &Conn<'_>, user: &UserRow) -> Result<()> {
    if taken(conn, "users", "email", &user.email, user.id).await? {
        return Err(StoreError::duplicate("email"));
    }
    let b = conn.backend();
    let mut update = Query::update();
    update.table("users").and_where(Expr::col("id").eq(uuid(b, user.id)?));
    for (column, value) in user_changes(b, user)? {
        update.value(column, value);
    }
    match conn.execute(&update).await.map_err(email_taken)? {
        0 => Err(StoreError::NotFound { object: "users".into(), id: user.id }),
        _ => Ok(()),
    }
}

fn select_users() -> SelectStatement {
    Query::select().columns(USER_COLUMNS).from("users").to_owned()
}

fn user(row: Row) -> Result<UserRow> {
    let mut c = Cells::new("users", row);
    Ok(UserRow {
        id: c.uuid()?,
        email: c.text()?,
        display_name: c.text()?,
        locale: c.text()?,
        time_zone: c.text()?,
        is_active: c.boolean()?,
        password_hash: c.opt_text()?,
        must_change_password: c.boolean()?,
        created_at: c.datetime()?,
        updated_at: c.datetime()?,
    })
}

async fn one_user(conn: &Conn<'_>, select: SelectStatement) -> Result<Option<UserRow>> {
    conn.query_opt(&select, &USER_KINDS).await?.map(user).transpose()
}

/// The user's row for a change: locked until the unit of work ends on PostgreSQL (on
/// SQLite the single writer serialises units anyway), so two changes to one user, an
/// administrator deactivating them and their own password change say, cannot overwrite
/// each other.
pub async fn user_for_update(conn: &Conn<'_>, id: Uuid) -> Result<Option<UserRow>> {
    let b = conn.backend();
    let mut select = select_users();
    select.and_where(Expr::col("id").eq(uuid(b, id)?));
    if b == Backend::Postgres {
        select.lock(sea_query::LockType::Update);
    }
    one_user(conn, select).await
}

/// Serialises the units of work that can take administrator rights away (role
/// changes, deactivations), so that the last administrator check of one always sees
/// what the other committed. A transaction-level advisory lock on PostgreSQL; the
/// single writer does it on SQLite.
pub async fn lock_accounts(conn: &Conn<'_>) -> Result<()> {
    if conn.backend() == Backend::Postgres {
        conn.batch("SELECT pg_advisory_xact_lock(7526411553721083251)").await?;
    }
    Ok(())
}

/// Whether an active user holds one of `role_ids` (two statements whatever the
/// number of users).
pub async fn any_active_holder(conn: &Conn<'_>, role_ids: &[Uuid]) -> Result<bool> {
    if role_ids.is_empty() {
        return Ok(false);
    }
    let b = conn.backend();
    let ids = role_ids.iter().map(|id| uuid(b, *id)).collect::<Result<Vec<_>>>()?;
    let select = Query::select()
        .column(("users", "id"))
        .from("users")
        .inner_join("user_roles", Expr::col(("user_roles", "user_id")).equals(("users", "id")))
        .and_where(Expr::col(("users", "is_active")).eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .and_where(Expr::col(("user_roles", "role_id")).is_in(ids))
        .limit(1)
        .to_owned();
    Ok(!conn.query(&select, &[Logical::Uuid]).await?.is_empty())
}

pub async fn user_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<UserRow>> {
    let b = conn.backend();
    one_user(conn, select_users().and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned()).await
}

/// The user with exactly this email (the domain lower-cases emails before they get
/// here, on the way in and on look-up).
pub async fn user_by_email(conn: &Conn<'_>, email: &str) -> Result<Option<UserRow>> {
    let b = conn.backend();
    one_user(conn, select_users().and_where(Expr::col("email").eq(text(b, email)?)).to_owned()).await
}

/// Every user, by email.
pub async fn list_users(conn: &Conn<'_>) -> Result<Vec<UserRow>> {
    let select = select_users().order_by("email", Order::Asc).to_owned();
    conn.query(&select, &USER_KINDS).await?.into_iter().map(user).collect()
}

/// Which of `ids` are active users, in the order given (for owner checks: a record can
/// be given only to someone who can still sign in).
pub async fn users_exist_active(conn: &Conn<'_>, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let active = Expr::col("is_active").eq(bind(conn.backend(), Logical::Boolean, &Cell::Bool(true))?);
    existing(conn, "users", ids, Some(active)).await
}

// ---- teams ----------------------------------------------------------------------

/// Adds a team; a name another team has is refused as a duplicate `name`.
pub async fn insert_team(conn: &Conn<'_>, team: &TeamRow) -> Result<()> {
    if taken(conn, "teams", "name", &team.name, team.id).await? {
        return Err(StoreError::duplicate("name"));
    }
    let b = conn.backend();
    let insert = Query::insert()
        .into_table("teams")
        .columns(TEAM_COLUMNS)
        .values_panic([uuid(b, team.id)?, text(b, &team.name)?, datetime(b, team.created_at)?])
        .to_owned();
    conn.execute(&insert).await.map_err(|e| unique_violation(e, "teams", "name", "teams_name_key", "name"))?;
    Ok(())
}

fn team(row: Row) -> Result<TeamRow> {
    let mut c = Cells::new("teams", row);
    Ok(TeamRow { id: c.uuid()?, name: c.text()?, created_at: c.datetime()? })
}

/// Every team, by name.
pub async fn list_teams(conn: &Conn<'_>) -> Result<Vec<TeamRow>> {
    let select = Query::select().columns(TEAM_COLUMNS).from("teams").order_by("name", Order::Asc).to_owned();
    conn.query(&select, &TEAM_KINDS).await?.into_iter().map(team).collect()
}

pub async fn team_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<TeamRow>> {
    let b = conn.backend();
    let select =
        Query::select().columns(TEAM_COLUMNS).from("teams").and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    conn.query_opt(&select, &TEAM_KINDS).await?.map(team).transpose()
}

/// Which of `ids` are teams, in the order given.
pub async fn teams_exist(conn: &Conn<'_>, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    existing(conn, "teams", ids, None).await
}

/// Makes `team_ids` the user's teams, replacing the ones before. An unknown user or
/// team is `NotFound` and changes nothing.
pub async fn set_memberships(conn: &Conn<'_>, user_id: Uuid, team_ids: &[Uuid]) -> Result<()> {
    let team_ids = distinct(team_ids);
    require(conn, "users", &[user_id]).await?;
    require(conn, "teams", &team_ids).await?;
    let b = conn.backend();
    let delete =
        Query::delete().from_table("team_members").and_where(Expr::col("user_id").eq(uuid(b, user_id)?)).to_owned();
    conn.execute(&delete).await?;
    if team_ids.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table("team_members").columns(["team_id", "user_id"]);
    for team_id in team_ids {
        insert.values_panic([uuid(b, team_id)?, uuid(b, user_id)?]);
    }
    conn.execute(&insert).await?;
    Ok(())
}

/// One uuid column of the rows of `table` where `key` is `id`, in uuid order.
async fn linked(conn: &Conn<'_>, table: &'static str, column: &str, key: &str, id: Uuid) -> Result<Vec<Uuid>> {
    let b = conn.backend();
    let select = Query::select()
        .column(column.to_owned())
        .from(table.to_owned())
        .and_where(Expr::col(key.to_owned()).eq(uuid(b, id)?))
        .order_by(column.to_owned(), Order::Asc)
        .to_owned();
    conn.query(&select, &[Logical::Uuid]).await?.into_iter().map(|row| Cells::new(table, row).uuid()).collect()
}

/// The teams of a user.
pub async fn teams_of(conn: &Conn<'_>, user_id: Uuid) -> Result<Vec<Uuid>> {
    linked(conn, "team_members", "team_id", "user_id", user_id).await
}

/// The members of a team.
pub async fn members_of(conn: &Conn<'_>, team_id: Uuid) -> Result<Vec<Uuid>> {
    linked(conn, "team_members", "user_id", "team_id", team_id).await
}

// ---- roles ----------------------------------------------------------------------

fn role_values(b: Backend, role: &RoleRow) -> Result<Vec<SimpleExpr>> {
    Ok(vec![
        uuid(b, role.id)?,
        text(b, &role.name)?,
        bind(b, Logical::Text, &opt_text(role.standard_key.as_deref()))?,
        bind(b, Logical::Json, &Cell::Json(role.rules.clone()))?,
        datetime(b, role.created_at)?,
        datetime(b, role.updated_at)?,
    ])
}

/// A role's name and standard key must be its own.
async fn check_role_unique(conn: &Conn<'_>, role: &RoleRow) -> Result<()> {
    if taken(conn, "roles", "name", &role.name, role.id).await? {
        return Err(StoreError::duplicate("name"));
    }
    if let Some(key) = &role.standard_key
        && taken(conn, "roles", "standard_key", key, role.id).await?
    {
        return Err(StoreError::duplicate("standard_key"));
    }
    Ok(())
}

fn role_taken(e: StoreError) -> StoreError {
    let e = unique_violation(e, "roles", "name", "roles_name_key", "name");
    unique_violation(e, "roles", "standard_key", "ux_roles_standard_key", "standard_key")
}

/// Adds a role, or changes the role with its id (all but `created_at`). A name (or
/// standard key) another role has is refused as a duplicate `name` (`standard_key`).
pub async fn upsert_role(conn: &Conn<'_>, role: &RoleRow) -> Result<()> {
    check_role_unique(conn, role).await?;
    let b = conn.backend();
    let insert = Query::insert()
        .into_table("roles")
        .columns(ROLE_COLUMNS)
        .values_panic(role_values(b, role)?)
        .on_conflict(
            OnConflict::column("id").update_columns(["name", "standard_key", "rules", "updated_at"]).to_owned(),
        )
        .to_owned();
    conn.execute(&insert).await.map_err(role_taken)?;
    Ok(())
}

/// Adds a role unless one with its standard key (or, for a role without one, its name)
/// is there; true when added. Seeding the standard roles uses it: a role the
/// administrator changed since is left as they made it, and processes that seed at once
/// add each role once. A role of another key with the same name is a duplicate `name`.
pub async fn insert_role_if_missing(conn: &Conn<'_>, role: &RoleRow) -> Result<bool> {
    let b = conn.backend();
    let by = match &role.standard_key {
        Some(key) => Expr::col("standard_key").eq(text(b, key)?),
        None => Expr::col("name").eq(text(b, &role.name)?),
    };
    let select = Query::select().column("id").from("roles").and_where(by).limit(1).to_owned();
    if conn.query_opt(&select, &[Logical::Uuid]).await?.is_some() {
        return Ok(false);
    }
    check_role_unique(conn, role).await?;
    // A process seeding at the same moment may have added it since the look-up.
    let insert = Query::insert()
        .into_table("roles")
        .columns(ROLE_COLUMNS)
        .values_panic(role_values(b, role)?)
        .on_conflict(OnConflict::new().do_nothing().to_owned())
        .to_owned();
    Ok(conn.execute(&insert).await? == 1)
}

fn role(row: Row) -> Result<RoleRow> {
    let mut c = Cells::new("roles", row);
    Ok(RoleRow {
        id: c.uuid()?,
        name: c.text()?,
        standard_key: c.opt_text()?,
        rules: c.json()?,
        created_at: c.datetime()?,
        updated_at: c.datetime()?,
    })
}

fn select_roles() -> SelectStatement {
    let mut select = Query::select();
    for column in ROLE_COLUMNS {
        select.column(("roles", column));
    }
    select.from("roles").to_owned()
}

/// Every role, by name.
pub async fn list_roles(conn: &Conn<'_>) -> Result<Vec<RoleRow>> {
    let select = select_roles().order_by("name", Order::Asc).to_owned();
    conn.query(&select, &ROLE_KINDS).await?.into_iter().map(role).collect()
}

pub async fn role_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<RoleRow>> {
    let b = conn.backend();
    let select = select_roles().and_where(Expr::col(("roles", "id")).eq(uuid(b, id)?)).to_owned();
    conn.query_opt(&select, &ROLE_KINDS).await?.map(role).transpose()
}

/// Removes a role and takes it from everyone who had it; false when there was none.
pub async fn delete_role(conn: &Conn<'_>, id: Uuid) -> Result<bool> {
    let b = conn.backend();
    let holders = Query::delete().from_table("user_roles").and_where(Expr::col("role_id").eq(uuid(b, id)?)).to_owned();
    conn.execute(&holders).await?;
    let delete = Query::delete().from_table("roles").and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    Ok(conn.execute(&delete).await? > 0)
}

/// Makes `role_ids` the user's roles, replacing the ones before. An unknown user or
/// role is `NotFound` and changes nothing.
pub async fn set_user_roles(conn: &Conn<'_>, user_id: Uuid, role_ids: &[Uuid]) -> Result<()> {
    let role_ids = distinct(role_ids);
    require(conn, "users", &[user_id]).await?;
    require(conn, "roles", &role_ids).await?;
    let b = conn.backend();
    let delete =
        Query::delete().from_table("user_roles").and_where(Expr::col("user_id").eq(uuid(b, user_id)?)).to_owned();
    conn.execute(&delete).await?;
    if role_ids.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table("user_roles").columns(["user_id", "role_id"]);
    for role_id in role_ids {
        insert.values_panic([uuid(b, user_id)?, uuid(b, role_id)?]);
    }
    conn.execute(&insert).await?;
    Ok(())
}

/// The roles a user has, by name (one query).
pub async fn roles_of(conn: &Conn<'_>, user_id: Uuid) -> Result<Vec<RoleRow>> {
    let b = conn.backend();
    let select = select_roles()
        .inner_join("user_roles", Expr::col(("user_roles", "role_id")).equals(("roles", "id")))
        .and_where(Expr::col(("user_roles", "user_id")).eq(uuid(b, user_id)?))
        .order_by(("roles", "name"), Order::Asc)
        .to_owned();
    conn.query(&select, &ROLE_KINDS).await?.into_iter().map(role).collect()
}
