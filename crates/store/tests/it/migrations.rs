//! Migrations (DESIGN §6): processes that start together on one fresh database end
//! with one correct schema; a failing migration stops the start with a clear message
//! and leaves the database as it was; a migrated database is not migrated again; a
//! database newer than the program is refused.

use std::collections::BTreeSet;

use rapport_model::standard::standard_objects;
use rapport_store::migrate::latest_version;
use rapport_store::{Location, StoreError};

use crate::harness::{EmptyDb, admin, each_backend, each_empty, empty_postgres, pg_url, reopen};

/// Runs one statement without results.
async fn execute(location: &Location, sql: &str) {
    match location {
        Location::Sqlite { path } => {
            rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
        }
        Location::Postgres { url, .. } => admin(url).await.batch_execute(sql).await.unwrap(),
    }
}

/// Runs a query whose one column is text (the same SQL on both databases).
async fn strings(location: &Location, sql: &str) -> Vec<String> {
    match location {
        Location::Sqlite { path } => {
            let conn = rusqlite::Connection::open(path).unwrap();
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().collect::<Result<_, _>>().unwrap()
        }
        Location::Postgres { url, .. } => {
            admin(url).await.query(sql, &[]).await.unwrap().iter().map(|r| r.get::<_, String>(0)).collect()
        }
    }
}

async fn tables(location: &Location) -> BTreeSet<String> {
    let sql = match location {
        Location::Sqlite { .. } => "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
        Location::Postgres { .. } => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        }
    };
    strings(location, sql).await.into_iter().collect()
}

/// `version:name:applied_at` of each applied migration.
async fn applied(location: &Location) -> Vec<String> {
    strings(
        location,
        "SELECT CAST(version AS TEXT) || ':' || name || ':' || CAST(applied_at AS TEXT) FROM schema_migrations ORDER BY version",
    )
    .await
}

/// Checks that a database holds exactly one complete schema.
async fn assert_migrated_once(name: &str, location: &Location) {
    // Ordered by the column, not by the text the cast makes ("10" < "9"), which a bare
    // `version` names on PostgreSQL.
    let versions =
        strings(location, "SELECT CAST(version AS TEXT) FROM schema_migrations ORDER BY schema_migrations.version")
            .await;
    let expected: Vec<String> = (1..=latest_version()).map(|v| v.to_string()).collect();
    assert_eq!(versions, expected, "{name}: every migration applied exactly once");
    let objects = strings(location, "SELECT id FROM meta_objects ORDER BY position").await;
    let standard: Vec<String> = standard_objects().into_iter().map(|o| o.id).collect();
    assert_eq!(objects, standard, "{name}: each standard object once");
    let fields = strings(location, "SELECT CAST(COUNT(*) AS TEXT) FROM meta_fields").await;
    let expected_fields: usize = standard_objects().iter().map(|o| o.fields.len()).sum();
    assert_eq!(fields, vec![expected_fields.to_string()], "{name}: each standard field once");
    assert_eq!(strings(location, "SELECT CAST(COUNT(*) AS TEXT) FROM meta_version").await, vec!["1"], "{name}");
    let tables = tables(location).await;
    for object in standard_objects() {
        assert!(tables.contains(&object.table()), "{name}: {} exists", object.table());
    }
}

#[tokio::test]
async fn stores_opening_one_fresh_database_at_once_migrate_it_once() {
    for db in each_empty().await {
        let (a, b) = tokio::join!(reopen(&db.location), reopen(&db.location));
        let (a, b) = (
            a.unwrap_or_else(|e| panic!("{}: the first store: {e}", db.name)),
            b.unwrap_or_else(|e| panic!("{}: the second store: {e}", db.name)),
        );
        assert_migrated_once(db.name, &db.location).await;
        // Both work on the one schema.
        let actor = rapport_model::Actor::system();
        let input = crate::harness::input(serde_json::json!({"name": "Acme"}));
        let made = a.create(&actor, "companies", &input).await.unwrap();
        assert_eq!(b.get(&actor, "companies", made.id).await.unwrap().id, made.id, "{}", db.name);
    }
}

/// The child half of `processes_opening_one_fresh_database_at_once_migrate_it_once`:
/// opens a store on the database named by `RAPPORT_TEST_MIGRATE_URL` (or, run on its
/// own, on a fresh one) and checks that it is usable.
#[tokio::test]
#[ignore = "run as a child process by processes_opening_one_fresh_database_at_once_migrate_it_once"]
async fn child_process_opens_a_store() {
    let own;
    let location = match std::env::var("RAPPORT_TEST_MIGRATE_URL") {
        Ok(url) => Location::parse(&url, 2).expect("valid URL"),
        Err(_) => {
            own = crate::harness::empty_sqlite();
            own.location.clone()
        }
    };
    let store = reopen(&location).await.unwrap_or_else(|e| panic!("child process: open: {e}"));
    let schema = store.schema().await.unwrap();
    assert!(schema.object_by_api("companies").is_ok(), "child process: the standard objects are there");
}

#[tokio::test]
async fn processes_opening_one_fresh_database_at_once_migrate_it_once() {
    let Some(db) = empty_postgres().await else {
        return;
    };
    let exe = std::env::current_exe().unwrap();
    let spawn = || {
        std::process::Command::new(&exe)
            .args(["--exact", "migrations::child_process_opens_a_store", "--ignored", "--test-threads=1"])
            .env("RAPPORT_TEST_MIGRATE_URL", pg_url(&db.location))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(), spawn()];
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "postgres: a child process failed: {}\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_migrated_once(db.name, &db.location).await;
}

/// A table that migration 2 wants to create is already there.
async fn collide(db: &EmptyDb) {
    let sql = match db.location {
        Location::Sqlite { .. } => {
            "CREATE TABLE obj_company (legacy TEXT) STRICT; INSERT INTO obj_company VALUES ('kept')"
        }
        Location::Postgres { .. } => "CREATE TABLE obj_company (legacy text); INSERT INTO obj_company VALUES ('kept')",
    };
    execute(&db.location, sql).await;
}

#[tokio::test]
async fn a_failing_migration_leaves_the_database_as_it_was() {
    for db in each_empty().await {
        let name = db.name;
        collide(&db).await;
        let before = tables(&db.location).await;
        let err = match reopen(&db.location).await {
            Err(e) => e,
            Ok(_) => panic!("{name}: opening a database that cannot be migrated succeeded"),
        };
        let StoreError::Migration { version, name: migration, message } = &err else {
            panic!("{name}: expected a migration error, got {err:?}")
        };
        assert_eq!((*version, migration.as_str()), (2, "standard objects"), "{name}: the failing migration is named");
        assert!(message.contains("obj_company"), "{name}: the message says what failed: {message}");
        let text = err.to_string();
        assert!(
            text.contains("left as it was") && text.contains("fix the cause and start again"),
            "{name}: the message says what to do: {text}"
        );
        assert_eq!(err.code(), "migration_failed", "{name}");

        // Nothing of migrations 1 or 2 is left: not the bookkeeping, not the tables.
        assert_eq!(tables(&db.location).await, before, "{name}: the same tables as before");
        assert_eq!(
            strings(&db.location, "SELECT legacy FROM obj_company").await,
            vec!["kept"],
            "{name}: the colliding table and its data are untouched"
        );
        let cols = crate::harness::catalog_columns(&db.location, "obj_company").await;
        assert_eq!(cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["legacy"], "{name}");

        // Fixing the cause and starting again works.
        execute(&db.location, "DROP TABLE obj_company").await;
        reopen(&db.location).await.unwrap_or_else(|e| panic!("{name}: open after the fix: {e}"));
        assert_migrated_once(name, &db.location).await;
    }
}

#[tokio::test]
async fn a_migrated_database_is_not_migrated_again() {
    for db in each_backend().await {
        let name = db.name;
        let before = applied(&db.location).await;
        assert_eq!(before.len(), usize::try_from(latest_version()).unwrap(), "{name}: {before:?}");
        let version = db.store.schema().await.unwrap().version;
        let again = reopen(&db.location).await.unwrap_or_else(|e| panic!("{name}: reopen: {e}"));
        assert_eq!(applied(&db.location).await, before, "{name}: no migration ran again");
        assert_eq!(again.schema().await.unwrap().version, version, "{name}: metadata untouched");
        assert_migrated_once(name, &db.location).await;
    }
}

#[tokio::test]
async fn a_database_newer_than_the_program_is_refused() {
    for db in each_backend().await {
        let name = db.name;
        let newer = latest_version() + 1;
        let sql = match db.location {
            Location::Sqlite { .. } => {
                format!(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({newer}, 'from the future', 0)"
                )
            }
            Location::Postgres { .. } => {
                format!(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({newer}, 'from the future', now())"
                )
            }
        };
        execute(&db.location, &sql).await;
        let before = tables(&db.location).await;
        match reopen(&db.location).await {
            Err(StoreError::SchemaTooNew { found, known }) => {
                assert_eq!((found, known), (newer, latest_version()), "{name}");
            }
            Err(other) => panic!("{name}: expected SchemaTooNew, got {other:?}"),
            Ok(_) => panic!("{name}: a database newer than the program was opened"),
        }
        assert_eq!(tables(&db.location).await, before, "{name}: nothing changed");
        let versions = strings(
            &db.location,
            "SELECT CAST(version AS TEXT) FROM schema_migrations ORDER BY schema_migrations.version",
        )
        .await;
        assert_eq!(versions.last(), Some(&newer.to_string()), "{name}: the newer version is kept");
    }
}

/// A database that lacks a migration (3, the retired field ids) gets just that one,
/// and keeps what it had.
#[tokio::test]
async fn an_older_database_runs_only_the_pending_migration() {
    for db in each_backend().await {
        let name = db.name;
        let table = "meta_retired_fields";
        execute(&db.location, &format!("DROP TABLE {table}; DELETE FROM schema_migrations WHERE version = 3")).await;
        let before = applied(&db.location).await;
        assert!(!before.iter().any(|m| m.starts_with("3:")), "{name}: {before:?}");
        let version = db.store.schema().await.unwrap().version;
        let again = reopen(&db.location).await.unwrap_or_else(|e| panic!("{name}: upgrade: {e}"));
        let after = applied(&db.location).await;
        let (three, others): (Vec<String>, Vec<String>) = after.into_iter().partition(|m| m.starts_with("3:"));
        assert_eq!(others, before, "{name}: the other migrations are not run again");
        assert_eq!(three.len(), 1, "{name}: migration 3 ran once");
        assert!(tables(&db.location).await.contains(table), "{name}: {table} is back");
        assert_eq!(again.schema().await.unwrap().version, version, "{name}: metadata untouched");
        assert_migrated_once(name, &db.location).await;
    }
}

/// A database whose sortable text fields were indexed on their value column (made
/// before migration 8) gets the index on their folded copy, the sort key, as a new
/// database has it.
#[tokio::test]
async fn migration_8_moves_text_sort_indexes_to_the_folded_copy() {
    for db in each_backend().await {
        let name = db.name;
        let index = rapport_store::ddl::index_name("ix", "obj_company", "name");
        let definition = match &db.location {
            Location::Sqlite { .. } => format!("SELECT sql FROM sqlite_schema WHERE name = '{index}'"),
            Location::Postgres { .. } => format!("SELECT indexdef FROM pg_indexes WHERE indexname = '{index}'"),
        };
        let now = strings(&db.location, &definition).await;
        assert!(now.len() == 1 && now[0].contains("name__f"), "{name}: a new database: {now:?}");
        execute(
            &db.location,
            &format!(
                "DROP INDEX \"{index}\"; CREATE INDEX \"{index}\" ON \"obj_company\" (\"name\", \"id\") WHERE \"deleted_at\" IS NULL; \
                 DELETE FROM schema_migrations WHERE version = 8"
            ),
        )
        .await;
        let before = strings(&db.location, &definition).await;
        assert!(!before[0].contains("name__f"), "{name}: as before migration 8: {before:?}");
        reopen(&db.location).await.unwrap_or_else(|e| panic!("{name}: upgrade: {e}"));
        let after = strings(&db.location, &definition).await;
        assert!(after.len() == 1 && after[0].contains("name__f"), "{name}: upgraded: {after:?}");
        assert_migrated_once(name, &db.location).await;
    }
}

/// PostgreSQL's search indexes keep no pending list (a search scanned it whole, fifty
/// times slower after an import): new databases make them so, and migration 12 turns
/// it off on older ones and merges what their list held.
#[tokio::test]
async fn migration_12_turns_off_the_search_indexes_pending_list() {
    let Some(db) = crate::harness::postgres().await else { return };
    let definition =
        "SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = 'gx_srch_person'";
    let now = strings(&db.location, definition).await;
    assert_eq!(now, vec!["fastupdate=off".to_owned()], "a new database");
    execute(
        &db.location,
        "ALTER INDEX gx_srch_person SET (fastupdate = on); DELETE FROM schema_migrations WHERE version = 12",
    )
    .await;
    assert_eq!(strings(&db.location, definition).await, vec!["fastupdate=on".to_owned()], "as before migration 12");
    reopen(&db.location).await.unwrap_or_else(|e| panic!("upgrade: {e}"));
    assert_eq!(strings(&db.location, definition).await, vec!["fastupdate=off".to_owned()], "upgraded");
    assert_migrated_once(db.name, &db.location).await;
}

/// What migrations 1–3 create is frozen: a database migrated by this release and one
/// migrated by a later release must be the same. A change to the standard schema or the
/// system tables belongs in a new migration; this test fails when an old one changes.
#[test]
fn released_migrations_do_not_change() {
    let mut text = String::new();
    for b in [rapport_store::Backend::Sqlite, rapport_store::Backend::Postgres] {
        text.push_str(&format!("{:?}", rapport_store::migrate::system_ddl(b)));
        for object in rapport_store::migrate::released_standard_objects() {
            text.push_str(&format!("{:?}", rapport_store::ddl::create_object(b, &object)));
        }
    }
    text.push_str(&serde_json::to_string(&rapport_store::migrate::released_standard_objects()).unwrap());
    text.push_str(&migration_names(1..=3));
    assert_eq!(
        format!("{:016x}", rapport_store::ddl::fnv1a(&text)),
        // Changed on purpose twice, each time with a migration that brings databases
        // made before to the same end: when sortable text fields took their folded copy
        // as sort key (migration 8 moves their index), and when PostgreSQL's search
        // indexes dropped their pending list (migration 12). See the tests below.
        "901ea8513f34bfff",
        "a released migration changed: add a new migration instead of editing standard.rs or system_ddl"
    );
}

/// Migration 4 (identity) is frozen the same way, on its own: later migrations leave the
/// hashes of the earlier ones as they are.
#[test]
fn the_identity_migration_does_not_change() {
    let mut text = String::new();
    for b in [rapport_store::Backend::Sqlite, rapport_store::Backend::Postgres] {
        text.push_str(&format!("{:?}", rapport_store::migrate::identity_ddl(b)));
    }
    text.push_str(&migration_names(4..=4));
    assert_eq!(
        format!("{:016x}", rapport_store::ddl::fnv1a(&text)),
        "fe20466347dbb20c",
        "a released migration changed: add a new migration instead of editing identity_ddl"
    );
}

/// Migration 6 (saved and recent views) is frozen the same way, on its own.
#[test]
fn the_views_migration_does_not_change() {
    let mut text = String::new();
    for b in [rapport_store::Backend::Sqlite, rapport_store::Backend::Postgres] {
        text.push_str(&format!("{:?}", rapport_store::migrate::views_ddl(b)));
    }
    text.push_str(&migration_names(6..=6));
    assert_eq!(
        format!("{:016x}", rapport_store::ddl::fnv1a(&text)),
        "17c00c4121ed021b",
        "a released migration changed: add a new migration instead of editing views_ddl"
    );
}

/// `(version, name)` of the migrations in `versions`, as text.
fn migration_names(versions: std::ops::RangeInclusive<i64>) -> String {
    let names: Vec<(i64, &str)> = rapport_store::migrate::migrations()
        .iter()
        .filter(|m| versions.contains(&m.version))
        .map(|m| (m.version, m.name))
        .collect();
    format!("{names:?}")
}

/// Migration 10 (record events) is frozen the same way, on its own.
#[test]
fn the_record_events_migration_does_not_change() {
    let mut text = String::new();
    for b in [rapport_store::Backend::Sqlite, rapport_store::Backend::Postgres] {
        text.push_str(&format!("{:?}", rapport_store::migrate::record_events_ddl(b)));
    }
    text.push_str(&migration_names(10..=10));
    assert_eq!(
        format!("{:016x}", rapport_store::ddl::fnv1a(&text)),
        "58fbb8fe913f9560",
        "a released migration changed: add a new migration instead of editing record_events_ddl"
    );
}

#[test]
fn a_release_adds_a_new_capability_only_where_its_parent_is_and_it_is_not() {
    use rapport_store::meta::add_missing;
    use serde_json::json;
    let want = json!({"nav": {"group": "main", "icon": "users"}, "list": {"columns": ["name"]}});
    let mut have = json!({"nav": {"group": "more"}});
    assert!(add_missing(&mut have, &want, "nav.icon"));
    assert!(add_missing(&mut have, &want, "list"));
    assert_eq!(have, json!({"nav": {"group": "more", "icon": "users"}, "list": {"columns": ["name"]}}));
    // Already there (an administrator's own choice), or its parent removed: left alone.
    assert!(!add_missing(&mut have, &json!({"list": {"columns": ["other"]}}), "list"));
    let mut removed = json!({});
    assert!(!add_missing(&mut removed, &want, "nav.icon"));
    assert_eq!(removed, json!({}));
}
