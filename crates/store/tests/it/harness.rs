//! Test databases: a fresh SQLite file per test, and, when RAPPORT_TEST_POSTGRES_URL is
//! set, a fresh PostgreSQL database per test cloned from a migrated template (DESIGN
//! §8). With RAPPORT_TEST_REQUIRE_ALL=1 a missing PostgreSQL is a failure, not a skip.

use std::sync::OnceLock;

use rapport_model::ValueContext;
use rapport_store::{Location, Store, StoreOptions};
use tokio::sync::Mutex;

pub struct TestDb {
    pub store: Store,
    pub name: &'static str,
    _guard: Guard,
}

enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { admin_url, database } = self {
            let (url, db) = (admin_url.clone(), database.clone());
            // A drop cannot await; a short-lived runtime on its own thread can.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build();
                if let Ok(rt) = rt {
                    rt.block_on(async move {
                        if let Ok((client, conn)) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await {
                            tokio::spawn(conn);
                            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

fn postgres_url() -> Option<String> {
    std::env::var("RAPPORT_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())
}

fn require_all() -> bool {
    std::env::var("RAPPORT_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

pub fn values() -> ValueContext {
    ValueContext { default_region: "GR".into() }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rapport.db");
    let store = Store::open(StoreOptions { location: Location::Sqlite { path }, values: values() }).await.expect("open sqlite");
    TestDb { store, name: "sqlite", _guard: Guard::Sqlite(dir) }
}

/// Replaces the database name of a PostgreSQL URL.
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

/// The template is named after what migrations create, so a change to them makes a new one.
fn template_name() -> String {
    let text = format!(
        "{:?}{:?}",
        rapport_store::migrate::system_ddl(rapport_store::Backend::Postgres),
        rapport_model::standard::standard_objects()
    );
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("rapport_tpl_{hash:016x}")
}

static TEMPLATE: OnceLock<Mutex<bool>> = OnceLock::new();

async fn ensure_template(url: &str) -> String {
    let name = template_name();
    let lock = TEMPLATE.get_or_init(|| Mutex::new(false));
    let mut ready = lock.lock().await;
    if !*ready {
        let client = admin(url).await;
        // Test binaries may run at once: one builds the template, the others wait.
        client.batch_execute("SELECT pg_advisory_lock(727274)").await.expect("lock");
        let exists = !client.query("SELECT 1 FROM pg_database WHERE datname = $1", &[&name]).await.expect("query").is_empty();
        if !exists {
            let building = format!("{name}_building");
            client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)")).await.expect("drop");
            client.batch_execute(&format!("CREATE DATABASE \"{building}\"")).await.expect("create template");
            {
                let options = StoreOptions {
                    location: Location::Postgres { url: with_database(url, &building), pool_size: 2 },
                    values: values(),
                };
                let store = Store::open(options).await.expect("migrate template");
                drop(store);
            }
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

pub async fn postgres() -> Option<TestDb> {
    let Some(url) = postgres_url() else {
        assert!(!require_all(), "RAPPORT_TEST_REQUIRE_ALL=1 but RAPPORT_TEST_POSTGRES_URL is not set");
        return None;
    };
    let template = ensure_template(&url).await;
    let database = format!("rapport_test_{}", uuid::Uuid::now_v7().simple());
    let client = admin(&url).await;
    client
        .batch_execute(&format!("CREATE DATABASE \"{database}\" TEMPLATE \"{template}\""))
        .await
        .expect("create test database from template");
    let options =
        StoreOptions { location: Location::Postgres { url: with_database(&url, &database), pool_size: 4 }, values: values() };
    let store = Store::open(options).await.expect("open postgres");
    Some(TestDb { store, name: "postgres", _guard: Guard::Postgres { admin_url: url, database } })
}

/// One fresh database per backend that is available.
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}
