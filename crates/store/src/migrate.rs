//! Embedded migrations, the same version numbers on both backends. All pending
//! migrations run in one transaction: on PostgreSQL under a transaction-level advisory
//! lock, so that processes starting together do not race (the second waits, then finds
//! nothing to do); on SQLite on the writer thread. A failing migration leaves the
//! database as it was.

use rapport_model::{FieldType, Logical, standard};
use sea_query::{ExprTrait, Query};

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
        Migration { version: 4, name: "identity", run: |c| Box::pin(identity(c)) },
        Migration { version: 5, name: "installation secrets", run: |c| Box::pin(installation_secrets(c)) },
        Migration { version: 6, name: "views", run: |c| Box::pin(views(c)) },
        Migration { version: 7, name: "search sound keys", run: |c| Box::pin(crate::search::reindex_all(c)) },
        Migration { version: 8, name: "text sorts folded", run: |c| Box::pin(text_sort_indexes(c)) },
        Migration { version: 9, name: "object behaviour", run: |c| Box::pin(meta::set_standard_behaviour(c)) },
        Migration { version: 10, name: "record events", run: |c| Box::pin(record_events(c)) },
        Migration { version: 11, name: "security version", run: |c| Box::pin(security_version(c)) },
        Migration {
            version: 12,
            name: "search index without pending list",
            run: |c| Box::pin(search_without_pending_list(c)),
        },
        Migration {
            version: 13,
            name: "list columns and navigation icons",
            run: |c| Box::pin(meta::add_standard_behaviour(c, &["list", "nav.icon"])),
        },
        Migration { version: 14, name: "home lists", run: |c| Box::pin(meta::refresh_standard_home(c)) },
        Migration { version: 15, name: "board stamps and rotting stages", run: |c| Box::pin(board_stamps(c)) },
        Migration { version: 16, name: "record page", run: |c| Box::pin(record_page(c)) },
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

/// Sortable text fields sort by their folded copy since this version: their keyset
/// index moves from the value column to it (same name, so later DDL finds it).
async fn text_sort_indexes(conn: &Conn<'_>) -> Result<()> {
    let schema = meta::load_schema(conn).await?;
    for object in schema.all() {
        for field in object.stored_fields().filter(|f| f.indexed && matches!(f.kind, FieldType::Text { .. })) {
            let name = crate::ddl::index_name("ix", &object.table(), &field.id);
            conn.batch(&format!("DROP INDEX IF EXISTS {}", crate::ddl::q(&name))).await?;
            for stmt in crate::ddl::field_indexes(object, field).into_iter().filter(|s| s.contains(&name)) {
                conn.batch(&stmt).await?;
            }
        }
    }
    Ok(())
}

/// PostgreSQL's search indexes stop keeping a pending list (see `ddl::create_search_table`): the
/// list they hold is merged into the index now, since a vacuum might be far off.
async fn search_without_pending_list(conn: &Conn<'_>) -> Result<()> {
    if conn.backend() != Backend::Postgres {
        return Ok(());
    }
    let schema = meta::load_schema(conn).await?;
    for object in schema.all().filter(|o| o.has_search()) {
        let index = format!("gx_{}", object.search_table());
        conn.batch(&format!("ALTER INDEX {} SET (fastupdate = off)", crate::ddl::q(&index))).await?;
        conn.batch(&format!("SELECT gin_clean_pending_list('{}'::regclass)", crate::ddl::q(&index))).await?;
    }
    Ok(())
}

/// Boards say how long a record has been in its column (`behaviour.board.since`),
/// stages after how many days a record in them rots (`behaviour.stages.rotting`), cards
/// name related records (`behaviour.board.card`) and activities are planned work until
/// done (`behaviour.planned`). A database made before gets the standard fields and
/// capabilities that carry them (those an administrator purged or whose API name is
/// taken excepted), and each record its stamp from its history: the last change of
/// the board's field, else its creation.
async fn board_stamps(conn: &Conn<'_>) -> Result<()> {
    let schema = meta::load_schema(conn).await?;
    for standard in standard::standard_objects() {
        let Ok(stored) = schema.object(&standard.id) else { continue };
        let mut object = stored.clone();
        let retired = meta::retired_field_ids(conn, &object.id).await?;
        for field in &standard.fields {
            let taken = object.fields.iter().any(|f| f.id == field.id || f.api_name == field.api_name);
            if taken || retired.contains(&field.id) {
                continue;
            }
            let mut field = field.clone();
            field.position = object.fields.iter().map(|f| f.position.saturating_add(1)).max().unwrap_or(0);
            meta::add_field(conn, &object, &field).await?;
            object.fields.push(field);
        }
        let behaviour = with_board_capabilities(&object, &standard.behaviour);
        if behaviour != object.behaviour {
            object.behaviour = behaviour;
            meta::update_object(conn, &object).await?;
        }
        backfill_since(conn, &object).await?;
    }
    Ok(())
}

/// `object`'s capabilities with those of `standard` that migration 15 brought, where
/// the object has not got them and has the fields they name.
fn with_board_capabilities(
    object: &rapport_model::ObjectDef,
    standard: &rapport_model::Behaviour,
) -> rapport_model::Behaviour {
    let has = |id: &String| object.field(id).is_some_and(|f| !f.hidden);
    let mut behaviour = object.behaviour.clone();
    if let (Some(board), Some(theirs)) = (&mut behaviour.board, &standard.board) {
        if board.since.is_none() {
            board.since = theirs.since.clone().filter(has);
        }
        if board.card.is_empty() {
            board.card = theirs.card.iter().filter(|f| has(f)).cloned().collect();
        }
    }
    if let (Some(stages), Some(theirs)) = (&mut behaviour.stages, &standard.stages)
        && stages.rotting.is_none()
    {
        stages.rotting = theirs.rotting.clone().filter(has);
    }
    if behaviour.planned.is_none() {
        behaviour.planned = standard.planned.clone().filter(|p| has(&p.when) && has(&p.done.field));
    }
    behaviour
}

/// Stamps the records of a board that has `since` and no stamp yet with when they
/// entered their column, as their audit trail says (else their creation).
async fn backfill_since(conn: &Conn<'_>, object: &rapport_model::ObjectDef) -> Result<()> {
    let Some(board) = &object.behaviour.board else { return Ok(()) };
    let (Some(since), Some(by)) = (board.since.as_ref(), board.default.as_ref()) else { return Ok(()) };
    // Ids are names (letters, digits, underscores): safe to write into the statement.
    if ![&object.id, since, by].iter().all(|n| rapport_model::field::is_valid_name(n)) {
        return Ok(());
    }
    let (table, column) = (crate::ddl::q(&object.table()), crate::ddl::q(since));
    conn.batch(&format!(
        "UPDATE {table} SET {column} = COALESCE((SELECT MAX(a.at) FROM audit_log a WHERE a.object_id = '{object}' \
         AND a.record_id = {table}.id AND a.field_id = '{by}'), {table}.created_at) WHERE {column} IS NULL",
        object = object.id
    ))
    .await
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
            "CREATE TABLE activity_links (activity_object {text} NOT NULL, activity_id {uuid} NOT NULL, record_object {text} NOT NULL, record_id {uuid} NOT NULL, at {ts} NOT NULL, live {boolean} NOT NULL, PRIMARY KEY (activity_object, activity_id, record_object, record_id)){strict}"
        ),
        "CREATE INDEX ix_activity_links_timeline ON activity_links (record_object, record_id, at, activity_id)"
            .to_owned(),
        format!(
            "CREATE TABLE record_tags (tag_id {uuid} NOT NULL, object_id {text} NOT NULL, record_id {uuid} NOT NULL, PRIMARY KEY (tag_id, object_id, record_id)){strict}"
        ),
        "CREATE INDEX ix_record_tags_record ON record_tags (object_id, record_id)".to_owned(),
    ]
}

/// The standard objects as migration 2 was released: without the capabilities that
/// migration 9 gives them, and with the labels migration 16 changed.
pub fn released_standard_objects() -> Vec<rapport_model::ObjectDef> {
    let mut objects = standard::standard_objects();
    for object in &mut objects {
        object.behaviour = rapport_model::Behaviour::default();
        object.fields.retain(|f| !LATER_FIELDS.contains(&(object.id.as_str(), f.id.as_str())));
        for field in &mut object.fields {
            if let Some((_, released)) =
                RELABELLED.iter().find(|(id, _)| (object.id.as_str(), field.id.as_str()) == *id)
            {
                field.label = (*released).to_owned();
            }
        }
    }
    objects
}

/// Standard fields added after their object was released (object id, field id):
/// migration 2 makes the objects without them, as it always did, and migration 15
/// adds them to every database, new or old.
const LATER_FIELDS: [(&str, &str); 2] = [("opportunity", "stage_entered_at"), ("stage", "rotting_days")];

/// Standard fields whose labels migration 16 changed, with the label they were released
/// with: (object id, field id), label.
const RELABELLED: [((&str, &str), &str); 1] = [(("call", "duration_seconds"), "Duration (seconds)")];

async fn standard_objects(conn: &Conn<'_>) -> Result<()> {
    for object in released_standard_objects() {
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

/// Secrets of this installation, made once: the key list cursors are sealed under (so
/// a cursor can be neither read nor changed by a client), shared by every process on
/// the database. Migration 5 made it for HMAC signatures; `page` now derives its cipher
/// key from it, so no installation needs a new one.
async fn installation_secrets(conn: &Conn<'_>) -> Result<()> {
    let b = conn.backend();
    let text = sql_type(b, Logical::Text);
    let strict = if b == Backend::Sqlite { " STRICT" } else { "" };
    conn.batch(&format!("CREATE TABLE installation_secrets (name {text} PRIMARY KEY, value {text} NOT NULL){strict}"))
        .await?;
    let key: [u8; 32] = rand::random();
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let insert = Query::insert()
        .into_table("installation_secrets")
        .columns(["name", "value"])
        .values_panic([
            to_sea(b, Logical::Text, &Cell::Text("cursor_key".into()))?.into(),
            to_sea(b, Logical::Text, &Cell::Text(hex))?.into(),
        ])
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// The key that list cursors are sealed under (made by migration 5; `page` derives the cipher key from it).
pub async fn cursor_key(conn: &Conn<'_>) -> Result<Vec<u8>> {
    let b = conn.backend();
    let select = Query::select()
        .column("value")
        .from("installation_secrets")
        .and_where(sea_query::Expr::col("name").eq(to_sea(b, Logical::Text, &Cell::Text("cursor_key".into()))?))
        .to_owned();
    let hex = conn.query(&select, &[Logical::Text]).await?.into_iter().next().and_then(|r| r.into_iter().next());
    let hex = hex.and_then(Cell::into_text).ok_or_else(|| StoreError::Database("the cursor key is missing".into()))?;
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16))
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|_| StoreError::Database("the cursor key is malformed".into()))
}

async fn identity(conn: &Conn<'_>) -> Result<()> {
    for stmt in identity_ddl(conn.backend()) {
        conn.batch(&stmt).await?;
    }
    Ok(())
}

/// Who may sign in and what they may do: password columns on users, roles and their
/// holders, browser sessions, API tokens, the security event log (sign-ins,
/// lock-outs, changes to users and roles), which like the audit log is only appended to,
/// and the sign-in attempts the throttle counts.
/// Sessions and tokens are stored by a digest of their secret, never the secret itself.
pub fn identity_ddl(b: Backend) -> Vec<String> {
    let t = |l| sql_type(b, l);
    let (uuid, text, boolean, ts, json) =
        (t(Logical::Uuid), t(Logical::Text), t(Logical::Boolean), t(Logical::DateTime), t(Logical::Json));
    let strict = if b == Backend::Sqlite { " STRICT" } else { "" };
    let serial = match b {
        Backend::Sqlite => "INTEGER PRIMARY KEY",
        Backend::Postgres => "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    };
    vec![
        format!("ALTER TABLE users ADD COLUMN password_hash {text}"),
        // FALSE is a boolean on PostgreSQL and the integer 0 on SQLite (STRICT INTEGER).
        format!("ALTER TABLE users ADD COLUMN must_change_password {boolean} NOT NULL DEFAULT FALSE"),
        format!(
            "CREATE TABLE roles (id {uuid} PRIMARY KEY, name {text} NOT NULL UNIQUE, standard_key {text}, rules {json} NOT NULL, created_at {ts} NOT NULL, updated_at {ts} NOT NULL){strict}"
        ),
        "CREATE UNIQUE INDEX ux_roles_standard_key ON roles (standard_key) WHERE standard_key IS NOT NULL".to_owned(),
        format!(
            "CREATE TABLE user_roles (user_id {uuid} NOT NULL REFERENCES users (id), role_id {uuid} NOT NULL REFERENCES roles (id), PRIMARY KEY (user_id, role_id)){strict}"
        ),
        "CREATE INDEX ix_user_roles_role ON user_roles (role_id)".to_owned(),
        format!(
            "CREATE TABLE sessions (id_hash {text} PRIMARY KEY, user_id {uuid} NOT NULL REFERENCES users (id), csrf_token {text} NOT NULL, created_at {ts} NOT NULL, last_seen_at {ts} NOT NULL, expires_at {ts} NOT NULL, address {text}, user_agent {text}){strict}"
        ),
        "CREATE INDEX ix_sessions_user ON sessions (user_id)".to_owned(),
        format!(
            "CREATE TABLE api_tokens (id {uuid} PRIMARY KEY, user_id {uuid} NOT NULL REFERENCES users (id), name {text} NOT NULL, hash {text} NOT NULL UNIQUE, read_only {boolean} NOT NULL, created_at {ts} NOT NULL, expires_at {ts}, revoked_at {ts}, last_used_at {ts}){strict}"
        ),
        "CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)".to_owned(),
        format!(
            "CREATE TABLE security_events (seq {serial}, at {ts} NOT NULL, actor_id {uuid}, kind {text} NOT NULL, subject {text}, address {text}, detail {json}){strict}"
        ),
        "CREATE INDEX ix_security_events_subject ON security_events (kind, subject, at)".to_owned(),
        "CREATE INDEX ix_security_events_address ON security_events (kind, address, at)".to_owned(),
        "CREATE INDEX ix_security_events_actor ON security_events (actor_id, seq)".to_owned(),
        "CREATE INDEX ix_security_events_about ON security_events (subject, seq)".to_owned(),
        "CREATE INDEX ix_sessions_last_seen ON sessions (last_seen_at)".to_owned(),
        "CREATE INDEX ix_sessions_expires ON sessions (expires_at)".to_owned(),
        format!(
            "CREATE TABLE login_attempts (id {uuid} PRIMARY KEY, subject {text} NOT NULL, address {text}, at {ts} NOT NULL, succeeded {boolean} NOT NULL){strict}"
        ),
        "CREATE INDEX ix_login_attempts_subject ON login_attempts (subject, at)".to_owned(),
        "CREATE INDEX ix_login_attempts_address ON login_attempts (address, at)".to_owned(),
    ]
}

async fn views(conn: &Conn<'_>) -> Result<()> {
    for stmt in views_ddl(conn.backend()) {
        conn.batch(&stmt).await?;
    }
    Ok(())
}

/// What users keep of their lists: saved list views (a name for a filter, a sort, the
/// columns and the search words of one object's list, the owner's alone or shared with
/// everyone who may read the object) and the records each user opened last, for the
/// "recently viewed" menu. Objects are named by their id, which never changes (API
/// names may). A view's name is unique per owner and object, so a user picks views by
/// name; recent views are keyed by the record, so opening it again moves it up.
pub fn views_ddl(b: Backend) -> Vec<String> {
    let t = |l| sql_type(b, l);
    let (uuid, text, boolean, ts) = (t(Logical::Uuid), t(Logical::Text), t(Logical::Boolean), t(Logical::DateTime));
    let strict = if b == Backend::Sqlite { " STRICT" } else { "" };
    vec![
        format!(
            "CREATE TABLE saved_views (id {uuid} PRIMARY KEY, object_id {text} NOT NULL, owner_id {uuid} NOT NULL REFERENCES users (id), \
             name {text} NOT NULL, shared {boolean} NOT NULL, filter {text} NOT NULL DEFAULT '', sort {text} NOT NULL DEFAULT '', \
             columns {text} NOT NULL DEFAULT '', q {text} NOT NULL DEFAULT '', created_at {ts} NOT NULL, updated_at {ts} NOT NULL, \
             CONSTRAINT ux_saved_views_name UNIQUE (object_id, owner_id, name)){strict}"
        ),
        format!(
            "CREATE TABLE recent_views (user_id {uuid} NOT NULL REFERENCES users (id), object_id {text} NOT NULL, \
             record_id {uuid} NOT NULL, viewed_at {ts} NOT NULL, PRIMARY KEY (user_id, object_id, record_id)){strict}"
        ),
        "CREATE INDEX ix_recent_views_user ON recent_views (user_id, viewed_at)".to_owned(),
    ]
}

/// The counter every change to who may do what moves (see `freshness`).
async fn security_version(conn: &Conn<'_>) -> Result<()> {
    let (int, strict) =
        (sql_type(conn.backend(), Logical::Integer), if conn.backend() == Backend::Sqlite { " STRICT" } else { "" });
    conn.batch(&format!("CREATE TABLE security_version (id {int} PRIMARY KEY, version {int} NOT NULL){strict}"))
        .await?;
    conn.batch("INSERT INTO security_version (id, version) VALUES (1, 0)").await
}

async fn record_events(conn: &Conn<'_>) -> Result<()> {
    for stmt in record_events_ddl(conn.backend()) {
        conn.batch(&stmt).await?;
    }
    Ok(())
}

/// The outbox of record events (`record_events.rs`): rows appended by writers with an
/// insertion id (`seq`) and no `position`, numbered later by the settle step. PostgreSQL rows also carry the id of the
/// transaction that wrote them (`tx`), which the settle step compares with the oldest
/// running transaction; SQLite has one writer and needs none.
pub fn record_events_ddl(b: Backend) -> Vec<String> {
    let t = |l| sql_type(b, l);
    let (uuid, int, text, ts, json) =
        (t(Logical::Uuid), t(Logical::Integer), t(Logical::Text), t(Logical::DateTime), t(Logical::Json));
    let (serial, tx, strict) = match b {
        Backend::Sqlite => ("INTEGER PRIMARY KEY", "", " STRICT"),
        Backend::Postgres => (
            "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            ", tx xid8 NOT NULL DEFAULT pg_current_xact_id()",
            "",
        ),
    };
    vec![
        format!(
            "CREATE TABLE record_events (seq {serial}, position {int}, at {ts} NOT NULL, actor_id {uuid}, \
             object_id {text} NOT NULL, record_id {uuid} NOT NULL, kind {text} NOT NULL, changes {json}, \
             activity_object {text}, activity_id {uuid}{tx}){strict}"
        ),
        "CREATE UNIQUE INDEX ux_record_events_position ON record_events (position) WHERE position IS NOT NULL"
            .to_owned(),
        "CREATE INDEX ix_record_events_unsettled ON record_events (seq) WHERE position IS NULL".to_owned(),
        "CREATE INDEX ix_record_events_object ON record_events (object_id, position) WHERE position IS NOT NULL"
            .to_owned(),
    ]
}

/// The record page's redesign: the standard objects get their key facts (where they
/// have none); a call's duration, typed and shown in minutes now, is labelled
/// "Duration" where it still has its released "Duration (seconds)" ([`RELABELLED`]);
/// and every activity link moves to its activity's time (links used to sit at their
/// activity's creation).
async fn record_page(conn: &Conn<'_>) -> Result<()> {
    meta::add_standard_behaviour(conn, &["facts"]).await?;
    let schema = meta::load_schema(conn).await?;
    for standard in standard::standard_objects() {
        let Ok(stored) = schema.object(&standard.id) else { continue };
        for ((_, field_id), released) in RELABELLED.iter().filter(|((o, _), _)| *o == standard.id) {
            // Only a label still as released: one an administrator chose is theirs.
            let (Some(now), Some(field)) = (stored.field(field_id), standard.field(field_id)) else { continue };
            if now.label == *released {
                let mut relabelled = now.clone();
                relabelled.label.clone_from(&field.label);
                meta::update_field(conn, &stored.id, &relabelled).await?;
            }
        }
    }
    for object in schema.all().filter(|o| o.is_activity) {
        crate::timeline::follow_when_all(conn, object).await?;
    }
    Ok(())
}
