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
