//! SQLite's reader connections refuse writes (`PRAGMA query_only`): every write must go
//! through the writer thread's unit of work, so a write slipped into `Db::read` fails
//! instead of committing on its own beside the group commit. PostgreSQL reads share
//! pooled clients with writes, so it has no such guard (docs/SECURITY.md).

use rapport_model::Logical;
use rapport_store::StoreError;

use crate::harness;

const INSERT: &str = "INSERT INTO installation_secrets (name, value) VALUES ('written-by-a-read', 'x')";
const COUNT: &str = "SELECT count(*) FROM installation_secrets WHERE name = 'written-by-a-read'";

#[tokio::test]
async fn a_write_through_a_sqlite_read_fails_and_changes_nothing() {
    let db = harness::sqlite().await;
    let attempt = db.store.db().read(|c| Box::pin(async move { c.batch(INSERT).await })).await;
    match attempt {
        Err(StoreError::Database(message)) => assert!(message.contains("readonly"), "{message}"),
        other => panic!("a write through a reader connection was not refused: {other:?}"),
    }
    // The same statement through the writer works: the refusal is the reader's alone.
    db.store.db().write(|c| Box::pin(async move { c.batch(INSERT).await })).await.unwrap();
    let rows = db
        .store
        .db()
        .read(|c| {
            Box::pin(async move {
                let sql = rapport_store::conn::Sql { text: COUNT.to_owned(), values: sea_query::Values(Vec::new()) };
                c.query_sql(&sql, &[Logical::Integer]).await
            })
        })
        .await
        .unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(1));
}

/// PostgreSQL's freshness read goes on one connection shared by every request
/// (`Db::read_shared`): when the server ends it (a restart, an administrator), the next
/// read is answered all the same, on a new connection, and sees what changed.
#[tokio::test]
async fn the_shared_freshness_connection_is_replaced_when_the_server_ends_it() {
    let Some(db) = harness::postgres().await else { return };
    let before = db.store.versions().await.unwrap();
    let (admin, connection) = tokio_postgres::connect(harness::pg_url(&db.location), tokio_postgres::NoTls)
        .await
        .expect("connect to PostgreSQL");
    tokio::spawn(connection);
    let ended = admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .await
        .unwrap();
    assert!(!ended.is_empty(), "the store's connections were there to end");
    admin.batch_execute("UPDATE security_version SET version = version + 1 WHERE id = 1").await.unwrap();
    let after = db.store.versions().await.expect("answered on a new connection");
    assert_eq!(after.security, before.security + 1, "and it reads the database as it is now");
}
