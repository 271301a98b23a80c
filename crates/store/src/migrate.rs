//! Embedded migrations, the same version numbers on both backends. All pending
//! migrations run in one transaction: on PostgreSQL under a transaction-level advisory
//! lock, so that processes starting together do not race (the second waits, then finds
//! nothing to do); on SQLite on the writer thread. A failing migration leaves the
//! database as it was.

use rapport_model::{Logical, standard};
use sea_query::{Expr, ExprTrait, Query};

use crate::conn::{Backend, BoxFuture, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::meta;
use crate::types::{sql_type, to_sea};

type Step = for<'a> fn(&'a Conn<'a>) -> BoxFuture<'a, Result<()>>;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub run: Step,
}

/// Every migration, in order. Never edit a released one: add a new one.
pub fn migrations() -> Vec<Migration> {
    vec![
        Migration { version: 1, name: "system tables", run: |c| Box::pin(system_tables(c)) },
        Migration { version: 2, name: "standard objects", run: |c| Box::pin(standard_objects(c)) },
        Migration { version: 3, name: "retired field ids", run: |c| Box::pin(retired_fields(c)) },
    ]
}

pub fn latest_version() -> i64 {
    migrations().last().map_or(0, |m| m.version)
}

/// Arbitrary, fixed: the advisory lock key of Rapport's migrations.
const LOCK_KEY: i64 = 0x5261_7070_6f72_7431;

/// Runs the pending migrations inside the caller's transaction; returns how many ran.
pub async fn run_pending(conn: &Conn<'_>) -> Result<usize> {
    let b = conn.backend();
    if b == Backend::Postgres {
        conn.batch(&format!("SELECT pg_advisory_xact_lock({LOCK_KEY})")).await?;
    }
    conn.batch(&format!(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version {} PRIMARY KEY, name {} NOT NULL, applied_at {} NOT NULL){}",
        sql_type(b, Logical::Integer),
        sql_type(b, Logical::Text),
        sql_type(b, Logical::DateTime),
        if b == Backend::Sqlite { " STRICT" } else { "" }
    ))
    .await?;
    let applied = applied_versions(conn).await?;
    let known = latest_version();
    if let Some(found) = applied.iter().copied().max().filter(|v| *v > known) {
        return Err(StoreError::SchemaTooNew { found, known });
    }
    let mut ran = 0;
    for m in migrations().into_iter().filter(|m| !applied.contains(&m.version)) {
        (m.run)(conn).await.map_err(|e| StoreError::Migration {
            version: m.version,
            name: m.name.into(),
            message: e.to_string(),
        })?;
        let now = crate::now();
        let insert = Query::insert()
            .into_table("schema_migrations")
            .columns(["version", "name", "applied_at"])
            .values_panic([
                to_sea(b, Logical::Integer, &Cell::Int(m.version))?.into(),
                to_sea(b, Logical::Text, &Cell::Text(m.name.into()))?.into(),
                to_sea(b, Logical::DateTime, &Cell::DateTime(now))?.into(),
            ])
            .to_owned();
        conn.execute(&insert).await?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        ran += 1;
    }
    Ok(ran)
}

pub async fn applied_versions(conn: &Conn<'_>) -> Result<Vec<i64>> {
    let select = Query::select()
        .column("version")
        .from("schema_migrations")
        .order_by("version", sea_query::Order::Asc)
        .to_owned();
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.iter().filter_map(|r| r.first().and_then(Cell::as_i64)).collect())
}

/// Whether the database already holds a table (used to tell a fresh database).
pub async fn has_table(conn: &Conn<'_>, name: &str) -> Result<bool> {
    let select = match conn.backend() {
        Backend::Sqlite => {
            Query::select().expr(Expr::cust("1")).from("sqlite_master").and_where(Expr::col("name").eq(name)).to_owned()
        }
        Backend::Postgres => Query::select()
            .expr(Expr::cust("1::bigint"))
            .from(("information_schema", "tables"))
            .and_where(Expr::col("table_name").eq(name))
            .and_where(Expr::cust("table_schema = current_schema()"))
            .to_owned(),
    };
    Ok(!conn.query(&select, &[Logical::Integer]).await?.is_empty())
}

async fn system_tables(conn: &Conn<'_>) -> Result<()> {
    let b = conn.backend();
    for stmt in system_ddl(b) {
        conn.batch(&stmt).await?;
    }
    Ok(())
}

/// The system tables: metadata, users and teams, audit log, contact points, the
/// activity links that make timelines, and tags on records.
pub fn system_ddl(b: Backend) -> Vec<String> {
    let t = |l| sql_type(b, l);
    let (uuid, int, text, boolean, ts, json) = (
        t(Logical::Uuid),
        t(Logical::Integer),
        t(Logical::Text),
        t(Logical::Boolean),
        t(Logical::DateTime),
        t(Logical::Json),
    );
    let strict = if b == Backend::Sqlite { " STRICT" } else { "" };
    let serial = match b {
        Backend::Sqlite => "INTEGER PRIMARY KEY".to_owned(),
        Backend::Postgres => "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY".to_owned(),
    };
    vec![
        format!(
            "CREATE TABLE meta_objects (id {text} PRIMARY KEY, api_name {text} NOT NULL UNIQUE, position {int} NOT NULL, def {json} NOT NULL, created_at {ts} NOT NULL){strict}"
        ),
        format!(
            "CREATE TABLE meta_fields (object_id {text} NOT NULL REFERENCES meta_objects (id), id {text} NOT NULL, api_name {text} NOT NULL, position {int} NOT NULL, def {json} NOT NULL, PRIMARY KEY (object_id, id), UNIQUE (object_id, api_name)){strict}"
        ),
        format!("CREATE TABLE meta_version (id {int} PRIMARY KEY, version {int} NOT NULL){strict}"),
        "INSERT INTO meta_version (id, version) VALUES (1, 0)".to_owned(),
        format!(
            "CREATE TABLE users (id {uuid} PRIMARY KEY, email {text} NOT NULL, display_name {text} NOT NULL, locale {text} NOT NULL, time_zone {text} NOT NULL, is_active {boolean} NOT NULL, created_at {ts} NOT NULL, updated_at {ts} NOT NULL){strict}"
        ),
        "CREATE UNIQUE INDEX ux_users_email ON users (email)".to_owned(),
        format!(
            "CREATE TABLE teams (id {uuid} PRIMARY KEY, name {text} NOT NULL UNIQUE, created_at {ts} NOT NULL){strict}"
        ),
        format!(
            "CREATE TABLE team_members (team_id {uuid} NOT NULL REFERENCES teams (id), user_id {uuid} NOT NULL REFERENCES users (id), PRIMARY KEY (team_id, user_id)){strict}"
        ),
        "CREATE INDEX ix_team_members_user ON team_members (user_id)".to_owned(),
        format!(
            "CREATE TABLE audit_log (seq {serial}, at {ts} NOT NULL, actor_id {uuid}, object_id {text} NOT NULL, record_id {uuid} NOT NULL, action {text} NOT NULL, field_id {text}, old_value {json}, new_value {json}){strict}"
        ),
        "CREATE INDEX ix_audit_record ON audit_log (object_id, record_id, seq)".to_owned(),
        "CREATE INDEX ix_audit_actor ON audit_log (actor_id, seq)".to_owned(),
        format!(
            "CREATE TABLE contact_points (id {uuid} PRIMARY KEY, object_id {text} NOT NULL, record_id {uuid} NOT NULL, field_id {text} NOT NULL, kind {text} NOT NULL, value {text} NOT NULL, normalized {text} NOT NULL, label {text}, is_primary {boolean} NOT NULL, opt_out {boolean} NOT NULL, invalid {boolean} NOT NULL, position {int} NOT NULL){strict}"
        ),
        "CREATE INDEX ix_contact_points_record ON contact_points (object_id, record_id, field_id, position)".to_owned(),
        "CREATE INDEX ix_contact_points_value ON contact_points (kind, normalized)".to_owned(),
        format!(
            "CREATE TABLE activity_links (activity_object {text} NOT NULL, activity_id {uuid} NOT NULL, record_object {text} NOT NULL, record_id {uuid} NOT NULL, at {ts} NOT NULL, PRIMARY KEY (activity_object, activity_id, record_object, record_id)){strict}"
        ),
        "CREATE INDEX ix_activity_links_timeline ON activity_links (record_object, record_id, at, activity_id)"
            .to_owned(),
        format!(
            "CREATE TABLE record_tags (tag_id {uuid} NOT NULL, object_id {text} NOT NULL, record_id {uuid} NOT NULL, PRIMARY KEY (tag_id, object_id, record_id)){strict}"
        ),
        "CREATE INDEX ix_record_tags_record ON record_tags (object_id, record_id)".to_owned(),
    ]
}

async fn standard_objects(conn: &Conn<'_>) -> Result<()> {
    for object in standard::standard_objects() {
        meta::create_object(conn, &object).await?;
    }
    Ok(())
}

/// The ids (column names) of purged fields, which are never given out again: a new
/// column under an old name, maybe of another type, would break the statements that
/// PostgreSQL connections of every process keep prepared for the old one.
async fn retired_fields(conn: &Conn<'_>) -> Result<()> {
    let b = conn.backend();
    let (text, ts) = (sql_type(b, Logical::Text), sql_type(b, Logical::DateTime));
    let strict = if b == Backend::Sqlite { " STRICT" } else { "" };
    conn.batch(&format!(
        "CREATE TABLE meta_retired_fields (object_id {text} NOT NULL REFERENCES meta_objects (id), field_id {text} NOT NULL, \
         retired_at {ts} NOT NULL, PRIMARY KEY (object_id, field_id)){strict}"
    ))
    .await
}
