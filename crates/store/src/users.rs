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

use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::freshness::bump_security;
use crate::system::{Cells, distinct, existing, require, taken, text, unique_violation, uuid};
use crate::table::system_table;
use crate::types::bind;

system_table! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct UserRow in "users" {
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
}

system_table! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct TeamRow in "teams" {
        pub id: Uuid,
        pub name: String,
        pub created_at: OffsetDateTime,
    }
}

system_table! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct RoleRow in "roles" {
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
}

/// The columns a change to a user or a role never writes.
const FIXED: [&str; 2] = ["id", "created_at"];

/// Of a row's bound columns, those a change writes.
fn changes(bound: Vec<(&'static str, SimpleExpr)>) -> impl Iterator<Item = (&'static str, SimpleExpr)> {
    bound.into_iter().filter(|(column, _)| !FIXED.contains(column))
}

// ---- users ----------------------------------------------------------------------

fn email_taken(e: StoreError) -> StoreError {
    unique_violation(e, "users", "email", "ux_users_email", "email")
}

/// Adds a user; an email another user has is refused as a duplicate `email`.
pub async fn insert_user(conn: &Conn<'_>, user: &UserRow) -> Result<()> {
    if taken(conn, "users", "email", &user.email, user.id).await? {
        return Err(StoreError::duplicate("email"));
    }
    conn.execute(&user.insert(conn.backend())?).await.map_err(email_taken)?;
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
    for (column, value) in changes(user.bound(b)?) {
        update.value(column, value);
    }
    match conn.execute(&update).await.map_err(email_taken)? {
        0 => Err(StoreError::NotFound { object: "users".into(), id: user.id }),
        _ => bump_security(conn).await,
    }
}

async fn one_user(conn: &Conn<'_>, select: SelectStatement) -> Result<Option<UserRow>> {
    conn.query_opt(&select, UserRow::KINDS).await?.map(UserRow::decode).transpose()
}

/// The user's row for a change: locked until the unit of work ends on PostgreSQL (on
/// SQLite the single writer serialises units anyway), so two changes to one user, an
/// administrator deactivating them and their own password change say, cannot overwrite
/// each other.
pub async fn user_for_update(conn: &Conn<'_>, id: Uuid) -> Result<Option<UserRow>> {
    let b = conn.backend();
    let mut select = UserRow::select();
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
    one_user(conn, UserRow::select().and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned()).await
}

/// The user with exactly this email (the domain lower-cases emails before they get
/// here, on the way in and on look-up).
pub async fn user_by_email(conn: &Conn<'_>, email: &str) -> Result<Option<UserRow>> {
    let b = conn.backend();
    one_user(conn, UserRow::select().and_where(Expr::col("email").eq(text(b, email)?)).to_owned()).await
}

/// Every user, by email.
pub async fn list_users(conn: &Conn<'_>) -> Result<Vec<UserRow>> {
    let select = UserRow::select().order_by("email", Order::Asc).to_owned();
    conn.query(&select, UserRow::KINDS).await?.into_iter().map(UserRow::decode).collect()
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
    let insert = team.insert(conn.backend())?;
    conn.execute(&insert).await.map_err(|e| unique_violation(e, "teams", "name", "teams_name_key", "name"))?;
    Ok(())
}

/// Every team, by name.
pub async fn list_teams(conn: &Conn<'_>) -> Result<Vec<TeamRow>> {
    let select = TeamRow::select().order_by("name", Order::Asc).to_owned();
    conn.query(&select, TeamRow::KINDS).await?.into_iter().map(TeamRow::decode).collect()
}

pub async fn team_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<TeamRow>> {
    let b = conn.backend();
    let select = TeamRow::select().and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    conn.query_opt(&select, TeamRow::KINDS).await?.map(TeamRow::decode).transpose()
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
    bump_security(conn).await?;
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
    conn.query(&select, &[Logical::Uuid]).await?.into_iter().map(|row| Cells::new(table, row).take()).collect()
}

/// The teams of a user.
pub async fn teams_of(conn: &Conn<'_>, user_id: Uuid) -> Result<Vec<Uuid>> {
    linked(conn, "team_members", "team_id", "user_id", user_id).await
}

/// The members of a team.
pub async fn members_of(conn: &Conn<'_>, team_id: Uuid) -> Result<Vec<Uuid>> {
    linked(conn, "team_members", "user_id", "team_id", team_id).await
}

/// The active users who are members of any of `team_ids`, by name: one statement
/// (a manager's team view).
pub async fn active_members_of(conn: &Conn<'_>, team_ids: &[Uuid]) -> Result<Vec<UserRow>> {
    if team_ids.is_empty() {
        return Ok(Vec::new());
    }
    let b = conn.backend();
    let teams = team_ids.iter().map(|t| uuid(b, *t)).collect::<Result<Vec<_>>>()?;
    let members = Query::select()
        .column(("team_members", "user_id"))
        .from("team_members")
        .and_where(Expr::col(("team_members", "team_id")).is_in(teams))
        .to_owned();
    let select = UserRow::select()
        .and_where(Expr::col(("users", "id")).in_subquery(members))
        .and_where(Expr::col(("users", "is_active")).eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .order_by(("users", "display_name"), Order::Asc)
        .order_by(("users", "id"), Order::Asc)
        .to_owned();
    conn.query(&select, UserRow::KINDS).await?.into_iter().map(UserRow::decode).collect()
}

// ---- roles ----------------------------------------------------------------------

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
    let updated = RoleRow::COLUMNS.iter().copied().filter(|column| !FIXED.contains(column));
    let insert = role
        .insert(conn.backend())?
        .on_conflict(OnConflict::column("id").update_columns(updated).to_owned())
        .to_owned();
    conn.execute(&insert).await.map_err(role_taken)?;
    bump_security(conn).await
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
    let insert = role.insert(b)?.on_conflict(OnConflict::new().do_nothing().to_owned()).to_owned();
    Ok(conn.execute(&insert).await? == 1)
}

/// Every role, by name.
pub async fn list_roles(conn: &Conn<'_>) -> Result<Vec<RoleRow>> {
    let select = RoleRow::select().order_by("name", Order::Asc).to_owned();
    conn.query(&select, RoleRow::KINDS).await?.into_iter().map(RoleRow::decode).collect()
}

pub async fn role_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<RoleRow>> {
    let b = conn.backend();
    let select = RoleRow::select().and_where(Expr::col(("roles", "id")).eq(uuid(b, id)?)).to_owned();
    conn.query_opt(&select, RoleRow::KINDS).await?.map(RoleRow::decode).transpose()
}

/// Removes a role and takes it from everyone who had it; false when there was none.
pub async fn delete_role(conn: &Conn<'_>, id: Uuid) -> Result<bool> {
    let b = conn.backend();
    let holders = Query::delete().from_table("user_roles").and_where(Expr::col("role_id").eq(uuid(b, id)?)).to_owned();
    conn.execute(&holders).await?;
    bump_security(conn).await?;
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
    bump_security(conn).await?;
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
    let select = RoleRow::select()
        .inner_join("user_roles", Expr::col(("user_roles", "role_id")).equals(("roles", "id")))
        .and_where(Expr::col(("user_roles", "user_id")).eq(uuid(b, user_id)?))
        .order_by(("roles", "name"), Order::Asc)
        .to_owned();
    conn.query(&select, RoleRow::KINDS).await?.into_iter().map(RoleRow::decode).collect()
}
