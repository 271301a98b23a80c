//! SQLite's write-ahead log stays bounded under sustained writes (issue 21): the
//! checkpointer copies it into the database off the commit path and the writer sends
//! it back to its start once it passes about 64 MiB (`store/src/sqlite.rs`,
//! docs/OPERATIONS.md "SQLite: memory, the write-ahead log and disk"). Without that, a
//! passive checkpoint never wins against a busy writer and the log grows with every
//! commit. PostgreSQL keeps its own log (`max_wal_size`), not Rapport's to bound.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rapport_store::StoreError;

use crate::harness;

/// Each write replaces one row's blob: 128 KiB, some 33 WAL frames of 4 KiB.
const BLOB: u64 = 128 * 1024;
const WRITERS: u64 = 8;
const WRITES_EACH: u64 = 300;
/// The bound the log is held to: one and a half times `journal_size_limit` (128 MiB,
/// twice what the log reaches between two restarts), since a restart waits for readers
/// of older snapshots and, when they are slow on a busy machine, comes a group or two
/// later. The writes below put about 300 MiB through it; a log never restarted holds
/// all of it.
const BOUND: u64 = 192 * 1024 * 1024;

#[tokio::test]
async fn the_sqlite_write_ahead_log_stays_bounded_under_sustained_writes() {
    let db = harness::sqlite().await;
    let wal = {
        let mut path = harness::sqlite_path(&db.location).as_os_str().to_owned();
        path.push("-wal");
        std::path::PathBuf::from(path)
    };
    let rows = (0..WRITERS).map(|w| format!("({w})")).collect::<Vec<_>>().join(",");
    let create =
        format!("CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, b BLOB); INSERT INTO wal_probe (id) VALUES {rows}");
    db.store.db().write(move |c| Box::pin(async move { c.batch(&create).await })).await.unwrap();

    // The log's largest size, sampled while the writes run.
    let (done, largest) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
    let sampler = std::thread::spawn({
        let (done, largest, wal) = (Arc::clone(&done), Arc::clone(&largest), wal.clone());
        move || {
            while !done.load(Ordering::Relaxed) {
                largest.fetch_max(std::fs::metadata(&wal).map_or(0, |m| m.len()), Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    });
    // Readers keep reading meanwhile, as a server's do: a reader of an older snapshot
    // is what a restart of the log must wait for.
    let reader = tokio::spawn({
        let (store, done) = (db.store.clone(), Arc::clone(&done));
        async move {
            while !done.load(Ordering::Relaxed) {
                let read =
                    store.db().read(|c| Box::pin(async move { c.batch("SELECT count(b) FROM wal_probe").await }));
                read.await.unwrap();
            }
        }
    });
    let mut writers = tokio::task::JoinSet::new();
    for w in 0..WRITERS {
        let store = db.store.clone();
        writers.spawn(async move {
            for _ in 0..WRITES_EACH {
                let update = format!("UPDATE wal_probe SET b = randomblob({BLOB}) WHERE id = {w}");
                let write = store.db().write(move |c| Box::pin(async move { c.batch(&update).await }));
                write.await.map_err(|e: StoreError| e.to_string()).unwrap();
            }
        });
    }
    while let Some(writer) = writers.join_next().await {
        writer.unwrap();
    }
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    reader.await.unwrap();

    let written = WRITERS * WRITES_EACH * BLOB;
    let largest = largest.load(Ordering::Relaxed);
    assert!(written > BOUND + BOUND / 2, "the test must write well past the bound to mean anything");
    assert!(largest > 0, "the log at {} was never seen", wal.display());
    assert!(
        largest <= BOUND,
        "the write-ahead log reached {} MiB while {} MiB were written: it is not sent back to its start",
        largest / (1024 * 1024),
        written / (1024 * 1024)
    );
    // Each row holds its last blob whole: the restarts lost no committed write.
    let sizes = db
        .store
        .db()
        .read(|c| {
            Box::pin(async move {
                let sql = rapport_store::conn::Sql {
                    text: "SELECT count(*) FROM wal_probe WHERE length(b) = 131072".to_owned(),
                    values: sea_query::Values(Vec::new()),
                };
                c.query_sql(&sql, &[rapport_model::Logical::Integer]).await
            })
        })
        .await
        .unwrap();
    assert_eq!(sizes[0][0].as_i64(), Some(WRITERS as i64));
}
