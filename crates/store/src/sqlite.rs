//! SQLite: one writer thread that commits the requests waiting at that moment together
//! (each in its own savepoint, one fsync per group), and a few reader connections used
//! off the async runtime. WAL mode with `synchronous=FULL`: an acknowledged write is
//! on disk (DESIGN §3, "Writes are durable and fast").

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::task::{Context, Poll, Waker};

use tokio::sync::oneshot;

use crate::conn::{BoxFuture, Conn};
use crate::error::{Result, StoreError};

/// How many requests one commit may carry at most.
const MAX_GROUP: usize = 512;

type Finish = Box<dyn FnOnce(Option<StoreError>) + Send>;
type Job = Box<dyn for<'a> FnOnce(&'a Conn<'a>) -> (bool, Finish) + Send>;

pub struct SqliteDb {
    writer: mpsc::Sender<Job>,
    readers: Arc<ReaderPool>,
    /// The checkpoint thread stops when this is dropped.
    _alive: Arc<()>,
}

struct ReaderPool {
    idle: Mutex<Vec<Mutex<rusqlite::Connection>>>,
    available: Condvar,
}

/// WAL frames (4 KiB pages) past which the writer restarts the WAL: about 64 MiB.
const WAL_RESTART_FRAMES: i64 = 16_384;

/// The WAL file's size kept after a restart (bytes): above what it reaches between two
/// restarts, so that it is reused rather than cut back and grown again each time.
const WAL_SIZE_LIMIT: i64 = 128 * 1024 * 1024;

/// How long the writer waits for readers of older snapshots when it restarts the WAL;
/// if they are not done, it tries again after the next group.
const RESTART_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// Checkpoints move the WAL into the database file off the commit path: a thread does
/// it passively (`PASSIVE` never waits for the writer or readers), once a second while
/// the WAL is small. A passive checkpoint cannot send the WAL back to its start while
/// writes keep coming, and a second connection can never win the write lock from a
/// busy writer, so under a long import the WAL would grow without end. Past
/// `WAL_RESTART_FRAMES` the checkpointer copies without pause until it has caught up
/// with the last commit, then raises `restart`; the writer, after the group it has just
/// answered, takes a `RESTART` checkpoint, which has only that group's frames left to
/// copy: a pause of a few milliseconds once per ~64 MiB of writes, not the copy of the
/// whole log with its database fsync on the commit path.
///
/// A passive checkpoint syncs the database file only when no commit came while it
/// copied, which under steady writes is never: the pages it copied would then all be
/// flushed by the writer's restart, on the commit path (30–130 ms at a million people,
/// measured with `perf trace`). So the checkpointer syncs the database file itself
/// after each checkpoint that copied frames, and the restart has only its own few
/// pages left to flush.
fn spawn_checkpointer(path: &Path, alive: std::sync::Weak<()>, restart: Arc<AtomicBool>) -> Result<()> {
    let conn = open_connection(path, CHECKPOINTER_CACHE_KIB)?;
    let database_file =
        std::fs::File::open(path).map_err(|e| StoreError::Unavailable(format!("{}: {e}", path.display())))?;
    std::thread::Builder::new()
        .name("rapport-sqlite-checkpoint".into())
        .spawn(move || {
            let mut pause = std::time::Duration::from_secs(1);
            let mut synced = 0;
            while alive.upgrade().is_some() {
                std::thread::sleep(pause);
                pause = std::time::Duration::from_secs(1);
                let passive = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
                    Ok((row.get::<_, i64>(1)?, row.get::<_, i64>(2)?))
                });
                let (frames, copied) = match passive {
                    Ok(counts) => counts,
                    Err(e) => {
                        tracing::warn!(error = %e, "WAL checkpoint failed");
                        continue;
                    }
                };
                if copied != synced {
                    if let Err(e) = database_file.sync_data() {
                        tracing::warn!(error = %e, "could not sync the database file after a checkpoint");
                        continue;
                    }
                    synced = copied;
                }
                if frames > WAL_RESTART_FRAMES {
                    if copied == frames {
                        restart.store(true, Ordering::Relaxed);
                    }
                    pause = std::time::Duration::from_millis(if copied == frames { 20 } else { 1 });
                }
            }
        })
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    Ok(())
}

/// Page cache of each connection, in KiB. Every SQLite connection keeps a cache of
/// its own, so resident memory follows connections × cache: the writer, which touches
/// the most pages per unit (indexes, search, audit), gets the most; readers share the
/// operating system's file cache below theirs; the checkpointer only copies the WAL.
const WRITER_CACHE_KIB: u32 = 16 * 1024;
const READER_CACHE_KIB: u32 = 8 * 1024;
const CHECKPOINTER_CACHE_KIB: u32 = 1024;

/// `case_sensitive_like`: every LIKE pattern Rapport makes is compared with folded
/// text, and PostgreSQL's LIKE is case-sensitive; SQLite's default is not.
///
/// `temp_store` stays at its default (files): a sort holds up to the connection's
/// cache size in memory and writes the rest to a temporary file (in the operating
/// system's cache, never synced), so a page sorted from many thousands of rows on
/// each reader at once does not take resident memory past the budget; in memory, four
/// readers sorting a million people's filter matches took the server to 200 MiB.
fn open_connection(path: &Path, cache_kib: u32) -> Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(&format!(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; \
         PRAGMA cache_size=-{cache_kib}; PRAGMA case_sensitive_like=ON;",
    ))?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

/// Readers refuse writes (`query_only`): every write goes through the writer thread and
/// its group commit, so a write slipped into `Db::read` would otherwise commit on its own,
/// outside the unit of work and its savepoint, and fight the writer for the lock. With
/// the pragma it fails at once with SQLITE_READONLY, in tests as in production.
fn open_reader(path: &Path) -> Result<rusqlite::Connection> {
    let conn = open_connection(path, READER_CACHE_KIB)?;
    conn.execute_batch("PRAGMA query_only=ON;")?;
    Ok(conn)
}

impl SqliteDb {
    pub fn open(path: &Path, readers: usize) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(format!("{}: {e}", dir.display())))?;
        }
        let writer_conn = open_connection(path, WRITER_CACHE_KIB)?;
        writer_conn
            .execute_batch(&format!("PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WAL_SIZE_LIMIT};"))?;
        let (tx, rx) = mpsc::channel::<Job>();
        let restart = Arc::new(AtomicBool::new(false));
        let writer_restart = Arc::clone(&restart);
        std::thread::Builder::new()
            .name("rapport-sqlite-writer".into())
            .spawn(move || writer_loop(writer_conn, rx, &writer_restart))
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let alive = Arc::new(());
        spawn_checkpointer(path, Arc::downgrade(&alive), restart)?;
        let idle = (0..readers.max(1)).map(|_| open_reader(path).map(Mutex::new)).collect::<Result<Vec<_>>>()?;
        Ok(SqliteDb {
            writer: tx,
            readers: Arc::new(ReaderPool { idle: Mutex::new(idle), available: Condvar::new() }),
            _alive: alive,
        })
    }

    /// Runs a unit of work on the writer thread inside a savepoint of the current group
    /// commit, and answers once the group is durably committed.
    pub async fn write<T, E, F>(&self, unit: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T, E>> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |conn| {
            let outcome = run_to_completion(unit(conn));
            let ok = outcome.is_ok();
            let finish: Finish = Box::new(move |commit_error| {
                let answer = match (outcome, commit_error) {
                    (Ok(_), Some(e)) => Err(E::from(e)),
                    (outcome, _) => outcome,
                };
                let _ = tx.send(answer);
            });
            (ok, finish)
        });
        self.writer.send(job).map_err(|_| StoreError::Unavailable("the SQLite writer has stopped".into()))?;
        rx.await.map_err(|_| StoreError::Unavailable("the SQLite writer dropped a request".into()))?
    }

    /// Runs a read on a reader connection on a blocking thread.
    pub async fn read<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let pool = Arc::clone(&self.readers);
        tokio::task::spawn_blocking(move || {
            let conn = pool.take()?;
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| run_to_completion(query(&Conn::Sqlite(&conn)))));
            pool.give_back(conn);
            outcome.unwrap_or_else(|_| Err(StoreError::Database("a read panicked".into())))
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?
    }
}

impl SqliteDb {
    /// Runs a read of a few rows found by key (the freshness counters, a record by id)
    /// on the calling thread when a reader is idle: handing a few microseconds of work
    /// to the blocking pool costs more than the work, in thread wake-ups. With no
    /// reader idle it waits its turn like any read, off the runtime.
    pub async fn read_brief<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let Some(conn) = self.readers.try_take() else { return self.read(query).await };
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| run_to_completion(query(&Conn::Sqlite(&conn)))));
        self.readers.give_back(conn);
        outcome.unwrap_or_else(|_| Err(StoreError::Database("a read panicked".into())))
    }
}

impl ReaderPool {
    /// An idle reader, if one is free right now.
    fn try_take(&self) -> Option<Mutex<rusqlite::Connection>> {
        self.idle.lock().ok()?.pop()
    }

    fn take(&self) -> Result<Mutex<rusqlite::Connection>> {
        let poisoned = || StoreError::Unavailable("the SQLite reader pool was poisoned".into());
        let mut idle = self.idle.lock().map_err(|_| poisoned())?;
        loop {
            if let Some(conn) = idle.pop() {
                return Ok(conn);
            }
            idle = self.available.wait(idle).map_err(|_| poisoned())?;
        }
    }

    fn give_back(&self, conn: Mutex<rusqlite::Connection>) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
            self.available.notify_one();
        }
    }
}

/// Polls a unit to completion. SQLite units do no other I/O than rusqlite calls, which
/// complete at once, so a unit that is still pending after a poll is a bug.
fn run_to_completion<T, E: From<StoreError>>(fut: impl Future<Output = Result<T, E>>) -> Result<T, E> {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        Poll::Ready(v) => v,
        Poll::Pending => Err(StoreError::Database("a SQLite unit of work waited on something else".into()).into()),
    }
}

fn writer_loop(conn: rusqlite::Connection, rx: mpsc::Receiver<Job>, restart: &AtomicBool) {
    let conn = Mutex::new(conn);
    while let Ok(first) = rx.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        commit_group(&conn, group);
        if restart.load(Ordering::Relaxed) && restart_wal(&conn) {
            restart.store(false, Ordering::Relaxed);
        }
    }
}

/// Sends the WAL back to its start, waiting at most `RESTART_WAIT` for readers of
/// older snapshots; whether it did.
fn restart_wal(conn: &Mutex<rusqlite::Connection>) -> bool {
    let Ok(c) = conn.lock() else { return false };
    let restarted = c.busy_timeout(RESTART_WAIT).and_then(|()| {
        c.query_row("PRAGMA wal_checkpoint(RESTART)", [], |row| row.get::<_, i64>(0)).map(|busy| busy == 0)
    });
    if let Err(e) = c.busy_timeout(std::time::Duration::from_secs(10)) {
        tracing::warn!(error = %e, "could not restore the writer's busy timeout");
    }
    restarted.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "WAL restart failed");
        false
    })
}

fn exec(conn: &Mutex<rusqlite::Connection>, sql: &str) -> Result<()> {
    let c = conn.lock().map_err(|_| StoreError::Database("writer connection poisoned".into()))?;
    Ok(c.execute_batch(sql)?)
}

fn commit_group(conn: &Mutex<rusqlite::Connection>, group: Vec<Job>) {
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE") {
        // Without a transaction nothing can run; dropping the requests answers each
        // caller with "unavailable".
        tracing::error!(error = %e, "could not begin a SQLite write transaction");
        drop(group);
        return;
    }
    let mut finishes = Vec::with_capacity(group.len());
    let mut jobs = group.into_iter();
    for job in jobs.by_ref() {
        finishes.push(run_in_savepoint(conn, job));
        if !in_transaction(conn) {
            // SQLite rolled the whole transaction back by itself (disk full, I/O error):
            // every request of the group so far is lost, and the rest must not run
            // outside a transaction.
            let lost = StoreError::Unavailable("the database rolled the write group back".into());
            tracing::error!("SQLite rolled back a write group; {} requests fail", finishes.len());
            for finish in finishes {
                finish(Some(lost.clone()));
            }
            return;
        }
    }
    let commit_error = exec(conn, "COMMIT").err();
    if commit_error.is_some() {
        let _ = exec(conn, "ROLLBACK");
    }
    for finish in finishes {
        finish(commit_error.clone());
    }
}

fn in_transaction(conn: &Mutex<rusqlite::Connection>) -> bool {
    conn.lock().is_ok_and(|c| !c.is_autocommit())
}

fn run_in_savepoint(conn: &Mutex<rusqlite::Connection>, job: Job) -> Finish {
    if let Err(e) = exec(conn, "SAVEPOINT unit") {
        tracing::error!(error = %e, "could not open a savepoint");
        drop(job);
        return Box::new(|_| {});
    }
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(&Conn::Sqlite(conn))));
    let (ok, finish) = match ran {
        Ok(r) => r,
        Err(_) => (false, Box::new(|_| {}) as Finish),
    };
    if !ok {
        let _ = exec(conn, "ROLLBACK TO unit");
    }
    let _ = exec(conn, "RELEASE unit");
    finish
}
