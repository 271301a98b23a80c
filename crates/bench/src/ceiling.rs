//! The ceiling server: the least a server can do to answer the HTTP benchmark's reads
//! from the same database — axum, one prepared statement for a person and one for the
//! contact points of the person or the page, JSON written straight from the driver's
//! values into the answer. It checks no token, keeps no cursor seal, reads no metadata
//! per request and knows no roles: it is the limit of this machine, database, driver
//! and HTTP stack, the figure Rapport is divided by, not a product.
//!
//! Its answers hold the same fields as Rapport's (`GET /api/v1/people?limit=50`,
//! `GET /api/v1/people/{id}`): the system columns, each stored field under its API name
//! (the parts of a name or an address as an object), the contact points as arrays.
//! Values are written as the driver gives them (a date as SQLite stores it, say), not
//! formatted as Rapport formats them: the same amount of JSON, not the same bytes.

use std::collections::HashMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_domain::model::{ColumnRole, Schema};
use uuid::Uuid;

use crate::{DatabaseArgs, Narrowing, contacts_sql, page_sql};

/// What each selected column becomes in the answer.
struct Out {
    /// The JSON key: a system column's name or a field's API name.
    key: String,
    /// For a part of a composite field (`name__given`): the part's key inside it.
    part: Option<String>,
    /// Folded copies (`name__f`) are read (the cursor needs them) but not answered.
    shown: bool,
}

/// The statements, per backend, and what the answer is made of.
struct Ceiling {
    columns: Vec<Out>,
    /// Contact fields by id: their API names.
    contact_fields: HashMap<String, String>,
    /// The index of `name__f` among the columns (the cursor's key).
    folded_name: usize,
    db: Db,
}

enum Db {
    Sqlite { readers: Vec<std::sync::Mutex<rusqlite::Connection>>, next: AtomicUsize, sql: SqliteSql },
    Postgres { clients: Vec<(tokio_postgres::Client, PgSql)>, next: AtomicUsize },
}

struct SqliteSql {
    first: String,
    after: String,
    filtered_first: String,
    filtered_after: String,
    get: String,
    page_contacts: String,
    one_contacts: String,
}

struct PgSql {
    first: tokio_postgres::Statement,
    after: tokio_postgres::Statement,
    filtered_first: tokio_postgres::Statement,
    filtered_after: tokio_postgres::Statement,
    get: tokio_postgres::Statement,
    /// The contact points of an array of ids: one statement for any number of them
    /// (a list padded to 200 parameters made PostgreSQL plan for 200 rows and scan the
    /// whole table).
    contacts: tokio_postgres::Statement,
}

/// The contact points of the people in an array, on PostgreSQL.
const PG_CONTACTS: &str = "SELECT \"record_id\", \"field_id\", \"value\", \"normalized\", \"label\", \"is_primary\", \"opt_out\", \"invalid\" \
     FROM \"contact_points\" WHERE \"object_id\" = $1 AND \"record_id\" = ANY($2) \
     ORDER BY \"record_id\" ASC, \"field_id\" ASC, \"position\" ASC";

/// The most a list answers, as Rapport's API.
const MAX_LIMIT: i64 = 200;

/// Starts the ceiling server on a free loopback port; it runs until the process ends.
pub async fn start(database: &DatabaseArgs, schema: &Schema, connections: usize) -> anyhow::Result<SocketAddr> {
    let columns = crate::select_list(schema)?;
    let person = schema.object_by_api("people")?;
    let mut outs: Vec<Out> = rapport_domain::model::object::SYSTEM_COLUMNS
        .iter()
        .map(|c| Out { key: (*c).to_owned(), part: None, shown: true })
        .collect();
    for field in person.stored_fields() {
        for column in field.columns() {
            let (part, shown) = match column.role {
                ColumnRole::Part(p) => (Some(p.to_owned()), true),
                ColumnRole::Folded => (None, false),
                _ => (None, true),
            };
            outs.push(Out { key: field.api_name.clone(), part, shown });
        }
    }
    let folded_name = rapport_domain::model::object::SYSTEM_COLUMNS.len()
        + person
            .stored_fields()
            .flat_map(|f| f.columns())
            .position(|c| c.name == "name__f")
            .context("people have no name__f column")?;
    let contact_fields = person
        .fields
        .iter()
        .filter(|f| f.kind.contact_kind().is_some())
        .map(|f| (f.id.clone(), f.api_name.clone()))
        .collect();
    let get_sql = |p: &dyn Fn(usize) -> String| {
        format!(
            "SELECT {columns} FROM \"obj_person\" WHERE \"obj_person\".\"id\" = {} AND \"obj_person\".\"deleted_at\" IS NULL",
            p(1)
        )
    };
    let config = database.config();
    let db = match config.url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            let pg = |n: usize| format!("${n}");
            let mut clients = Vec::new();
            for _ in 0..connections.max(1) {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
                tokio::spawn(connection);
                let sql = PgSql {
                    first: client.prepare(&page_sql(&columns, false, Narrowing::None, &pg)).await?,
                    after: client.prepare(&page_sql(&columns, true, Narrowing::None, &pg)).await?,
                    filtered_first: client.prepare(&page_sql(&columns, false, Narrowing::Filter, &pg)).await?,
                    filtered_after: client.prepare(&page_sql(&columns, true, Narrowing::Filter, &pg)).await?,
                    get: client.prepare(&get_sql(&pg)).await?,
                    contacts: client.prepare(PG_CONTACTS).await?,
                };
                clients.push((client, sql));
            }
            Db::Postgres { clients, next: AtomicUsize::new(0) }
        }
        other => {
            let path = match other {
                Some(url) => std::path::PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(url)),
                None => config.data_dir.join("rapport.db"),
            };
            let mut readers = Vec::new();
            for _ in 0..connections.max(1) {
                let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                conn.execute_batch("PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;")?;
                conn.set_prepared_statement_cache_capacity(16);
                readers.push(std::sync::Mutex::new(conn));
            }
            let q = |n: usize| format!("?{n}");
            let sql = SqliteSql {
                first: page_sql(&columns, false, Narrowing::None, &q),
                after: page_sql(&columns, true, Narrowing::None, &q),
                filtered_first: page_sql(&columns, false, Narrowing::FilterAlongTheSort, &q),
                filtered_after: page_sql(&columns, true, Narrowing::FilterAlongTheSort, &q),
                get: get_sql(&q),
                page_contacts: contacts_sql(MAX_LIMIT as usize, &q),
                one_contacts: contacts_sql(1, &q),
            };
            Db::Sqlite { readers, next: AtomicUsize::new(0), sql }
        }
    };
    let state = Arc::new(Ceiling { columns: outs, contact_fields, folded_name, db });
    let app = axum::Router::new()
        .route("/api/v1/people", axum::routing::get(list))
        .route("/api/v1/people/{id}", axum::routing::get(get))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// Rapport's `limit` and `cursor`; the two-condition filter as two plain parameters
/// (`lead_source` and `gender`, both or neither), since the ceiling parses no filter
/// language.
#[derive(serde::Deserialize)]
struct ListParams {
    limit: Option<i64>,
    cursor: Option<String>,
    lead_source: Option<String>,
    gender: Option<String>,
}

fn json(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn failed(e: anyhow::Error) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

/// A person's row and its contact points, as driver values made JSON-ready.
type Row = Vec<serde_json::Value>;
/// (record id, field id, the point as JSON).
type Point = (Uuid, String, serde_json::Value);

async fn list(State(c): State<Arc<Ceiling>>, Query(params): Query<ListParams>) -> Response {
    let limit = params.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    let after = params.cursor.as_deref().and_then(decode_cursor);
    let filter = params.lead_source.zip(params.gender);
    match c.read_page(limit + 1, after, filter).await {
        Ok((mut rows, points)) => {
            let has_more = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            let next = rows.last().filter(|_| has_more).and_then(|r| c.cursor(r));
            let mut out = Vec::with_capacity(rows.len() * 1024);
            out.extend_from_slice(b"{\"data\":[");
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                c.write_record(&mut out, row, &points);
            }
            let _ = write!(out, "],\"page\":{{\"next_cursor\":");
            let _ = serde_json::to_writer(&mut out, &next);
            let _ = write!(out, ",\"has_more\":{has_more}}}}}");
            json(out)
        }
        Err(e) => failed(e),
    }
}

async fn get(State(c): State<Arc<Ceiling>>, Path(id): Path<String>) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else { return StatusCode::NOT_FOUND.into_response() };
    match c.read_one(id).await {
        Ok(Some((row, points))) => {
            let mut out = Vec::with_capacity(2048);
            c.write_record(&mut out, &row, &points);
            json(out)
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => failed(e),
    }
}

/// A cursor is the last row's folded name and id, in hex: nothing sealed, since the
/// ceiling trusts its callers.
fn decode_cursor(text: &str) -> Option<(String, Uuid)> {
    let (name, id) = text.split_once('.')?;
    let bytes = (0..name.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(name.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some((String::from_utf8(bytes).ok()?, Uuid::parse_str(id).ok()?))
}

impl Ceiling {
    fn cursor(&self, row: &Row) -> Option<String> {
        let name = row.get(self.folded_name)?.as_str()?;
        let id = row.get(1)?.as_str()?;
        Some(format!("{}.{id}", name.bytes().map(|b| format!("{b:02x}")).collect::<String>()))
    }

    /// The record's JSON: its columns by key (parts gathered into their field's
    /// object) and its contact points by field.
    fn write_record(&self, out: &mut Vec<u8>, row: &Row, points: &[Point]) {
        out.push(b'{');
        let (mut wrote_any, mut open): (bool, Option<&str>) = (false, None);
        for (value, column) in row.iter().zip(&self.columns) {
            if !column.shown {
                continue;
            }
            match &column.part {
                Some(part) => {
                    if open == Some(column.key.as_str()) {
                        out.push(b',');
                    } else {
                        if open.is_some() {
                            out.push(b'}');
                        }
                        if wrote_any {
                            out.push(b',');
                        }
                        let _ = serde_json::to_writer(&mut *out, &column.key);
                        out.extend_from_slice(b":{");
                        open = Some(&column.key);
                    }
                    let _ = serde_json::to_writer(&mut *out, part);
                }
                None => {
                    if open.take().is_some() {
                        out.push(b'}');
                    }
                    if wrote_any {
                        out.push(b',');
                    }
                    let _ = serde_json::to_writer(&mut *out, &column.key);
                }
            }
            out.push(b':');
            let _ = serde_json::to_writer(&mut *out, value);
            wrote_any = true;
        }
        if open.is_some() {
            out.push(b'}');
        }
        let id = uuid_of(row);
        for (field_id, api_name) in &self.contact_fields {
            out.push(b',');
            let _ = serde_json::to_writer(&mut *out, api_name);
            out.extend_from_slice(b":[");
            let mine = points.iter().filter(|(record, field, _)| Some(*record) == id && field == field_id);
            for (i, (_, _, point)) in mine.enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let _ = serde_json::to_writer(&mut *out, point);
            }
            out.push(b']');
        }
        out.push(b'}');
    }

    /// Runs `work` on reader `reader` on a blocking thread (SQLite calls block).
    async fn sqlite<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&rusqlite::Connection, &SqliteSql) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let me = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let Db::Sqlite { readers, next, sql } = &me.db else { anyhow::bail!("not a SQLite ceiling") };
            let reader = &readers[next.fetch_add(1, Ordering::Relaxed) % readers.len()];
            let conn = reader.lock().map_err(|_| anyhow::anyhow!("a reader was poisoned"))?;
            work(&conn, sql)
        })
        .await?
    }

    async fn read_page(
        self: &Arc<Self>,
        limit: i64,
        after: Option<(String, Uuid)>,
        filter: Option<(String, String)>,
    ) -> anyhow::Result<(Vec<Row>, Vec<Point>)> {
        match &self.db {
            Db::Sqlite { .. } => {
                self.sqlite(move |conn, sql| {
                    let rows = match (&after, &filter) {
                        (Some((name, id)), None) => {
                            sqlite_rows(conn, &sql.after, &[name, &id.as_bytes().as_slice(), &limit])?
                        }
                        (None, None) => sqlite_rows(conn, &sql.first, &[&limit])?,
                        (Some((name, id)), Some((source, gender))) => sqlite_rows(
                            conn,
                            &sql.filtered_after,
                            &[name, &id.as_bytes().as_slice(), &limit, source, gender],
                        )?,
                        (None, Some((source, gender))) => {
                            sqlite_rows(conn, &sql.filtered_first, &[&limit, source, gender])?
                        }
                    };
                    let ids: Vec<[u8; 16]> = rows.iter().filter_map(uuid_of).map(|u| *u.as_bytes()).collect();
                    let points = sqlite_points(conn, &sql.page_contacts, &ids, MAX_LIMIT as usize)?;
                    Ok((rows, points))
                })
                .await
            }
            Db::Postgres { clients, next } => {
                let (client, sql) = &clients[next.fetch_add(1, Ordering::Relaxed) % clients.len()];
                let rows = match (&after, &filter) {
                    (Some((name, id)), None) => client.query(&sql.after, &[name, id, &limit]).await?,
                    (None, None) => client.query(&sql.first, &[&limit]).await?,
                    (Some((name, id)), Some((source, gender))) => {
                        client.query(&sql.filtered_after, &[name, id, &limit, source, gender]).await?
                    }
                    (None, Some((source, gender))) => {
                        client.query(&sql.filtered_first, &[&limit, source, gender]).await?
                    }
                };
                let rows: Vec<Row> = rows.iter().map(pg_row).collect::<anyhow::Result<_>>()?;
                let ids: Vec<Uuid> = rows.iter().filter_map(uuid_of).collect();
                let points = pg_points(client, &sql.contacts, &ids).await?;
                Ok((rows, points))
            }
        }
    }

    async fn read_one(self: &Arc<Self>, id: Uuid) -> anyhow::Result<Option<(Row, Vec<Point>)>> {
        match &self.db {
            Db::Sqlite { .. } => {
                self.sqlite(move |conn, sql| {
                    let Some(row) = sqlite_rows(conn, &sql.get, &[&id.as_bytes().as_slice()])?.pop() else {
                        return Ok(None);
                    };
                    let points = sqlite_points(conn, &sql.one_contacts, &[*id.as_bytes()], 1)?;
                    Ok(Some((row, points)))
                })
                .await
            }
            Db::Postgres { clients, next } => {
                let (client, sql) = &clients[next.fetch_add(1, Ordering::Relaxed) % clients.len()];
                let Some(row) = client.query_opt(&sql.get, &[&id]).await? else { return Ok(None) };
                let points = pg_points(client, &sql.contacts, &[id]).await?;
                Ok(Some((pg_row(&row)?, points)))
            }
        }
    }
}

/// The id of a row (the second system column), as answered.
fn uuid_of(row: &Row) -> Option<Uuid> {
    row.get(1)?.as_str().and_then(|s| Uuid::parse_str(s).ok())
}

fn sqlite_value(value: rusqlite::types::ValueRef<'_>) -> serde_json::Value {
    use rusqlite::types::ValueRef as V;
    match value {
        V::Null => serde_json::Value::Null,
        V::Integer(i) => i.into(),
        V::Real(f) => f.into(),
        V::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        V::Blob(b) => Uuid::from_slice(b).map_or(serde_json::Value::Null, |u| u.to_string().into()),
    }
}

fn sqlite_rows(conn: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> anyhow::Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let n = stmt.column_count();
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push((0..n).map(|i| row.get_ref(i).map(sqlite_value)).collect::<Result<Row, _>>()?);
    }
    Ok(out)
}

/// A contact point as answered, from its row (`value`, `normalized`, `label`,
/// `is_primary`, `opt_out`, `invalid` after the record and field ids).
fn point(cells: [serde_json::Value; 6]) -> serde_json::Value {
    let flag = |v: &serde_json::Value| serde_json::Value::Bool(v.as_bool().unwrap_or(v.as_i64().unwrap_or(0) != 0));
    let [value, normalized, label, primary, opt_out, invalid] = cells;
    serde_json::json!({ "value": value, "normalized": normalized, "label": label,
        "primary": flag(&primary), "opt_out": flag(&opt_out), "invalid": flag(&invalid) })
}

/// The contact points of `ids`, with a statement written for `width` ids (a shorter
/// list repeats its last id, which matches the same rows).
fn sqlite_points(conn: &rusqlite::Connection, sql: &str, ids: &[[u8; 16]], width: usize) -> anyhow::Result<Vec<Point>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let padded: Vec<&[u8]> = (0..width).map(|i| ids.get(i).or(ids.last()).map_or(&[][..], |b| &b[..])).collect();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&"person"];
    params.extend(padded.iter().map(|b| b as &dyn rusqlite::ToSql));
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let record = Uuid::from_slice(row.get_ref(0)?.as_blob()?)?;
        let field: String = row.get(1)?;
        let cells: [serde_json::Value; 6] =
            std::array::from_fn(|i| row.get_ref(i + 2).map_or(serde_json::Value::Null, sqlite_value));
        out.push((record, field, point(cells)));
    }
    Ok(out)
}

fn pg_value(row: &tokio_postgres::Row, i: usize) -> anyhow::Result<serde_json::Value> {
    use tokio_postgres::types::Type;
    let t = row.columns()[i].type_();
    let j = |v: Option<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
    Ok(if *t == Type::INT8 {
        j(row.try_get::<_, Option<i64>>(i)?.map(Into::into))
    } else if *t == Type::UUID {
        j(row.try_get::<_, Option<Uuid>>(i)?.map(|u| u.to_string().into()))
    } else if *t == Type::TIMESTAMPTZ {
        j(row.try_get::<_, Option<time::OffsetDateTime>>(i)?.map(|t| t.unix_timestamp().into()))
    } else if *t == Type::DATE {
        j(row.try_get::<_, Option<time::Date>>(i)?.map(|d| d.to_string().into()))
    } else if *t == Type::BOOL {
        j(row.try_get::<_, Option<bool>>(i)?.map(Into::into))
    } else if *t == Type::JSONB || *t == Type::JSON {
        j(row.try_get::<_, Option<serde_json::Value>>(i)?)
    } else if *t == Type::TEXT || *t == Type::VARCHAR {
        j(row.try_get::<_, Option<String>>(i)?.map(Into::into))
    } else {
        serde_json::Value::Null
    })
}

fn pg_row(row: &tokio_postgres::Row) -> anyhow::Result<Row> {
    (0..row.len()).map(|i| pg_value(row, i)).collect()
}

async fn pg_points(
    client: &tokio_postgres::Client,
    statement: &tokio_postgres::Statement,
    ids: &[Uuid],
) -> anyhow::Result<Vec<Point>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for row in client.query(statement, &[&"person", &ids]).await? {
        let cells: [serde_json::Value; 6] = [
            pg_value(&row, 2)?,
            pg_value(&row, 3)?,
            pg_value(&row, 4)?,
            pg_value(&row, 5)?,
            pg_value(&row, 6)?,
            pg_value(&row, 7)?,
        ];
        out.push((row.try_get(0)?, row.try_get(1)?, point(cells)));
    }
    Ok(out)
}
