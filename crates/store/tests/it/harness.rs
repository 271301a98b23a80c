//! Test databases for the store's tests, over `rapport_store::testing` (shared with
//! the other crates): each test gets fresh databases, migrated or empty.

use rapport_store::testing::{self, TestDatabase};
use rapport_store::{Location, Store, StoreOptions};

pub use rapport_store::testing::{admin, values};

pub struct TestDb {
    pub store: Store,
    pub name: &'static str,
    /// Where the database is: a second `Store` can be opened on it.
    pub location: Location,
    _db: TestDatabase,
}

/// A fresh database that nothing has migrated yet (for migration tests).
pub struct EmptyDb {
    pub name: &'static str,
    pub location: Location,
    _db: TestDatabase,
}

async fn opened(db: TestDatabase) -> TestDb {
    TestDb { store: db.open().await, name: db.name(), location: db.location.clone(), _db: db }
}

fn empty(db: TestDatabase) -> EmptyDb {
    EmptyDb { name: db.name(), location: db.location.clone(), _db: db }
}

pub async fn sqlite() -> TestDb {
    opened(testing::sqlite()).await
}

pub async fn postgres() -> Option<TestDb> {
    match testing::postgres().await {
        Some(db) => Some(opened(db).await),
        None => None,
    }
}

/// One fresh migrated database per backend that is available.
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

/// A new SQLite file that nothing has touched yet.
pub fn empty_sqlite() -> EmptyDb {
    empty(testing::sqlite())
}

/// A new, empty PostgreSQL database (not cloned from the template).
pub async fn empty_postgres() -> Option<EmptyDb> {
    testing::empty_postgres().await.map(empty)
}

/// One empty database per backend that is available.
pub async fn each_empty() -> Vec<EmptyDb> {
    let mut dbs = vec![empty_sqlite()];
    dbs.extend(empty_postgres().await);
    dbs
}

/// Opens another `Store` on the same database, as a second process would.
pub async fn reopen(location: &Location) -> Result<Store, rapport_store::StoreError> {
    Store::open(StoreOptions::new(location.clone(), values())).await
}

/// The URL of a PostgreSQL location (panics on SQLite: a test bug).
pub fn pg_url(location: &Location) -> &str {
    match location {
        Location::Postgres { url, .. } => url,
        Location::Sqlite { .. } => panic!("not a PostgreSQL location"),
    }
}

/// The file of a SQLite location (panics on PostgreSQL: a test bug).
pub fn sqlite_path(location: &Location) -> &std::path::Path {
    match location {
        Location::Sqlite { path } => path,
        Location::Postgres { .. } => panic!("not a SQLite location"),
    }
}

/// A JSON object literal as the input map of a create or update.
pub fn input(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    value.as_object().cloned().expect("a JSON object")
}

/// Asserts that a call was refused as invalid input and returns the field errors.
#[track_caller]
pub fn invalid<T: std::fmt::Debug>(
    backend: &str,
    what: &str,
    result: Result<T, rapport_store::StoreError>,
) -> Vec<rapport_model::FieldError> {
    match result {
        Err(rapport_store::StoreError::Model(rapport_model::ModelError::Invalid(errors))) => errors,
        other => panic!("{backend}: {what}: expected a validation error, got {other:?}"),
    }
}

/// Asserts that a call was refused with exactly one field error: `field` for `code`.
#[track_caller]
pub fn refused<T: std::fmt::Debug>(
    backend: &str,
    what: &str,
    result: Result<T, rapport_store::StoreError>,
    field: &str,
    code: &str,
) {
    let errors = invalid(backend, what, result);
    let got: Vec<(String, &str)> = errors.iter().map(|e| (e.field.clone(), e.reason.code())).collect();
    assert_eq!(got, vec![(field.to_owned(), code)], "{backend}: {what}: {errors:?}");
}

/// A column as the database's own catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogColumn {
    pub name: String,
    /// SQLite's declared type or PostgreSQL's `information_schema` data type.
    pub sql_type: String,
    pub nullable: bool,
    /// Part of the primary key (SQLite; on PostgreSQL always false).
    pub primary_key: bool,
}

/// The columns of `table` in order, read from the catalog (empty: no such table).
pub async fn catalog_columns(location: &Location, table: &str) -> Vec<CatalogColumn> {
    match location {
        Location::Sqlite { path } => {
            let conn = rusqlite::Connection::open(path).expect("open the SQLite file");
            let mut stmt = conn
                .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")
                .expect("prepare");
            stmt.query_map([table], |r| {
                Ok(CatalogColumn {
                    name: r.get(0)?,
                    sql_type: r.get(1)?,
                    nullable: r.get::<_, i64>(2)? == 0,
                    primary_key: r.get::<_, i64>(3)? > 0,
                })
            })
            .expect("pragma_table_info")
            .collect::<Result<Vec<_>, _>>()
            .expect("read pragma_table_info")
        }
        Location::Postgres { url, .. } => {
            let client = admin(url).await;
            let rows = client
                .query(
                    "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                    &[&table],
                )
                .await
                .expect("information_schema.columns");
            rows.iter()
                .map(|r| CatalogColumn {
                    name: r.get(0),
                    sql_type: r.get(1),
                    nullable: r.get::<_, String>(2) == "YES",
                    primary_key: false,
                })
                .collect()
        }
    }
}

/// A custom object made of `fields` (the first names its records).
pub fn custom(id: &str, api_name: &str, fields: Vec<rapport_model::FieldDef>) -> rapport_model::ObjectDef {
    rapport_model::ObjectDef {
        id: id.into(),
        api_name: api_name.into(),
        label: id.into(),
        label_plural: api_name.into(),
        is_standard: false,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: fields.first().map(|f| f.id.clone()),
        fields,
    }
}
