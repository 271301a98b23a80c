//! Test databases for every crate's integration tests (feature `test-support`): a
//! fresh SQLite file per test, and, when `RAPPORT_TEST_POSTGRES_URL` is set, a fresh
//! PostgreSQL database per test cloned from a migrated template (DESIGN §8), dropped
//! when the test ends. With `RAPPORT_TEST_REQUIRE_ALL=1` a missing PostgreSQL fails the
//! test instead of skipping it.

#![allow(clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::OnceLock;

use rapport_model::ValueContext;
use tokio::sync::Mutex;

use crate::{Backend, Location, Store, StoreOptions};

/// A database that exists for one test.
pub struct TestDatabase {
    pub backend: Backend,
    /// `Some` for PostgreSQL.
    pub url: Option<String>,
    /// The data directory (the SQLite file lives here; a scratch folder for PostgreSQL).
    pub data_dir: PathBuf,
    pub location: Location,
    _guard: Guard,
}

impl TestDatabase {
    pub fn name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Opens (and migrates) a store on it.
    pub async fn open(&self) -> Store {
        Store::open(StoreOptions::new(self.location.clone(), values())).await.expect("open test store")
    }
}

enum Guard {
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String, _dir: tempfile::TempDir },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { admin_url, database, .. } = self {
            let (url, db) = (admin_url.clone(), database.clone());
            // A drop cannot await; a short-lived runtime on its own thread can.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    rt.block_on(async move {
                        if let Ok((client, conn)) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await {
                            tokio::spawn(conn);
                            let _ =
                                client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var("RAPPORT_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())
}

pub fn require_all() -> bool {
    std::env::var("RAPPORT_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// The phone region tests use.
pub fn values() -> ValueContext {
    ValueContext { default_region: "GR".into() }
}

pub fn sqlite() -> TestDatabase {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rapport.db");
    TestDatabase {
        backend: Backend::Sqlite,
        url: None,
        data_dir: dir.path().to_owned(),
        location: Location::Sqlite { path },
        _guard: Guard::Dir(dir),
    }
}

/// The URL with another database name.
pub fn with_database(url: &str, database: &str) -> String {
    let mut config: tokio_postgres::Config = url.parse().expect("valid RAPPORT_TEST_POSTGRES_URL");
    config.dbname(database);
    let user = config.get_user().unwrap_or("postgres").to_owned();
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let password = config.get_password().map(|p| format!(":{}", String::from_utf8_lossy(p))).unwrap_or_default();
    format!("postgres://{user}{password}@{host}:{port}/{database}")
}

pub async fn admin(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connect to PostgreSQL");
    tokio::spawn(conn);
    client
}

/// Named after what the migrations create, so a change to them makes a new template.
fn template_name() -> String {
    let pg = Backend::Postgres;
    let objects = rapport_model::standard::standard_objects();
    let tables: Vec<Vec<String>> = objects.iter().map(|o| crate::ddl::create_object(pg, o)).collect();
    let text = format!(
        "{}{:?}{:?}{:?}{:?}{:?}{tables:?}",
        crate::migrate::latest_version(),
        crate::migrate::system_ddl(pg),
        crate::migrate::identity_ddl(pg),
        crate::migrate::views_ddl(pg),
        crate::migrate::record_events_ddl(pg),
        objects
    );
    let hash = crate::ddl::fnv1a(&text);
    format!("rapport_tpl_{hash:016x}")
}

static TEMPLATE: OnceLock<Mutex<bool>> = OnceLock::new();

async fn ensure_template(url: &str) -> String {
    let name = template_name();
    let mut ready = TEMPLATE.get_or_init(|| Mutex::new(false)).lock().await;
    if !*ready {
        let client = admin(url).await;
        // Test binaries may run at once: one builds the template, the others wait.
        client.batch_execute("SELECT pg_advisory_lock(727274)").await.expect("lock");
        let exists =
            !client.query("SELECT 1 FROM pg_database WHERE datname = $1", &[&name]).await.expect("query").is_empty();
        if !exists {
            let building = format!("{name}_building");
            client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)")).await.expect("drop");
            client.batch_execute(&format!("CREATE DATABASE \"{building}\"")).await.expect("create template");
            let location = Location::Postgres { url: with_database(url, &building), pool_size: 2 };
            let options = StoreOptions::new(location, values());
            drop(Store::open(options).await.expect("migrate template"));
            rename_when_closed(&client, &building, &name).await;
        }
        client.batch_execute("SELECT pg_advisory_unlock(727274)").await.expect("unlock");
        *ready = true;
    }
    name
}

/// Renaming fails while the closed pool's connections are still going away.
async fn rename_when_closed(client: &tokio_postgres::Client, from: &str, to: &str) {
    let sql = format!("ALTER DATABASE \"{from}\" RENAME TO \"{to}\"");
    for _ in 0..100 {
        if client.batch_execute(&sql).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("could not rename the template database {from}");
}

/// A fresh migrated PostgreSQL database, or `None` when none is configured (a failure
/// under `RAPPORT_TEST_REQUIRE_ALL=1`).
pub async fn postgres() -> Option<TestDatabase> {
    postgres_database(true).await
}

/// A fresh PostgreSQL database that nothing has migrated (for migration tests).
pub async fn empty_postgres() -> Option<TestDatabase> {
    postgres_database(false).await
}

async fn postgres_database(migrated: bool) -> Option<TestDatabase> {
    let Some(url) = postgres_url() else {
        assert!(!require_all(), "RAPPORT_TEST_REQUIRE_ALL=1 but RAPPORT_TEST_POSTGRES_URL is not set");
        return None;
    };
    let database = format!("rapport_test_{}", uuid::Uuid::now_v7().simple());
    let create = if migrated {
        format!("CREATE DATABASE \"{database}\" TEMPLATE \"{}\"", ensure_template(&url).await)
    } else {
        format!("CREATE DATABASE \"{database}\"")
    };
    admin(&url).await.batch_execute(&create).await.expect("create test database");
    let db_url = with_database(&url, &database);
    let dir = tempfile::tempdir().expect("temp dir");
    Some(TestDatabase {
        backend: Backend::Postgres,
        url: Some(db_url.clone()),
        data_dir: dir.path().to_owned(),
        location: Location::Postgres { url: db_url, pool_size: 4 },
        _guard: Guard::Postgres { admin_url: url, database, _dir: dir },
    })
}

/// One fresh database per available backend.
pub async fn each_database() -> Vec<TestDatabase> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres().await);
    dbs
}
