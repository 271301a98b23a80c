//! Crash safety (DESIGN §3, issue 19): `rapport serve` is SIGKILLed at a random moment
//! while concurrent clients create people with emails and phones, update them (PATCH
//! with the version read) and write all-or-nothing batches. After each kill:
//!
//! - on SQLite, the file as the kill left it passes `PRAGMA integrity_check` and
//!   `PRAGMA foreign_key_check`;
//! - on both databases the tables agree with each other: one search row and one
//!   `create` audit entry per person, no contact point or audit entry of a missing
//!   person, and one `title` audit entry per update the record's version counts;
//! - restarted on the same database, the server holds every acknowledged write (a 2xx
//!   answer with its body received): every acknowledged create with its values, every
//!   acknowledged update's values or a later write's, each batch wholly present or
//!   wholly absent (acknowledged ones present), no record nobody sent, and every
//!   person's contact points.
//!
//! A write the kill left unanswered may or may not have happened; the next check
//! decides which, and from then on it is held to that.
//!
//! `RAPPORT_CRASH_ROUNDS` kills (default 2); the long form is
//! `RAPPORT_CRASH_ROUNDS=10 cargo test -p rapport --test it crash -- --nocapture`.
//! The moment of each kill comes from a seeded RNG; the seed is printed, and
//! `RAPPORT_CRASH_SEED=<seed>` replays the same choices (the interleaving of the
//! clients is up to the machine).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_domain::testing::{TestDatabase, each_database};
use serde_json::{Value as Json, json};

use crate::serve::rapport;

/// Concurrent clients writing while the server is killed.
const CLIENTS: u64 = 6;
/// However slow the machine, a step that takes longer than this is a hang, not a delay.
const PATIENCE: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_a_kill() {
    let (seed, rounds) = (seed(), rounds());
    println!("crash: seed {seed}, {rounds} rounds (replay with RAPPORT_CRASH_SEED={seed})");
    for db in each_database().await {
        let started = Instant::now();
        let mut rng = StdRng::seed_from_u64(seed);
        let token = admin_token(&db);
        let mut ledger = Ledger::default();
        let mut server = Server::start(&db);
        for round in 0..rounds {
            let at = format!("{} round {round} (RAPPORT_CRASH_SEED={seed})", db.name());
            let round_started = Instant::now();
            let mut written = write_until_killed(&mut server, &token, &ledger, round, &mut rng).await;
            let writing = round_started.elapsed();
            assert!(written.failures.is_empty(), "{at}: {:#?}\n{}", written.failures, server.log_tail());
            let counts = crash_image_checks(&db, &at).await;
            ledger.take(std::mem::take(&mut written.events));
            server = Server::start(&db);
            let checked = verify(&server, &token, &mut ledger, &mut rng, &at).await;
            assert_eq!(counts.people, checked.people, "{at}: the tables and the API disagree on how many people");
            assert_eq!(counts.contact_points, checked.contact_points, "{at}: contact points in the table vs the API");
            report(&at, &written, &checked, writing, round_started.elapsed() - writing);
        }
        drop(server);
        println!("crash: {}: {rounds} rounds in {:.1} s", db.name(), started.elapsed().as_secs_f64());
    }
}

/// One round's figures (shown with `--nocapture`).
fn report(at: &str, written: &Written, checked: &Checked, writing: Duration, checking: Duration) {
    println!(
        "crash: {at}: {} acknowledged ({} creates, {} updates, {} batches of {} people); {} unanswered at the kill, \
         {} of them written ({} batches, {} written whole); {} people and {} contact points checked; \
         {:.1} s writing, {:.1} s checking",
        written.acknowledged,
        written.creates,
        written.updates,
        written.batches,
        written.batch_people,
        checked.unanswered,
        checked.happened,
        checked.unanswered_batches,
        checked.batches_written,
        checked.people,
        checked.contact_points,
        writing.as_secs_f64(),
        checking.as_secs_f64()
    );
}

/// `RAPPORT_CRASH_SEED`, or a fresh one.
fn seed() -> u64 {
    match std::env::var("RAPPORT_CRASH_SEED") {
        Ok(text) => text.trim().parse().expect("RAPPORT_CRASH_SEED is a whole number"),
        Err(_) => rand::random(),
    }
}

/// `RAPPORT_CRASH_ROUNDS` (kills per database), 2 by default.
fn rounds() -> u32 {
    std::env::var("RAPPORT_CRASH_ROUNDS").map_or(2, |text| text.trim().parse().expect("RAPPORT_CRASH_ROUNDS"))
}

/// An administrator and their API token, made with the command line before the server
/// starts, as an operator would.
fn admin_token(db: &TestDatabase) -> String {
    let email = "crash@example.com";
    let out = rapport(db).args(["user", "add", "--admin", email]).output().unwrap();
    assert!(out.status.success(), "{}: {}", db.name(), String::from_utf8_lossy(&out.stderr));
    let out = rapport(db).args(["token", "create", "--user", email]).output().unwrap();
    assert!(out.status.success(), "{}: {}", db.name(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A running `rapport serve`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Server {
    /// Starts the server on the database and waits (boundedly) for its address.
    fn start(db: &TestDatabase) -> Server {
        let log = db.data_dir.join("serve.log");
        let stderr = File::options().create(true).append(true).open(&log).unwrap();
        let mut child = rapport(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--api-rate-limit", "0"])
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads what the server prints to the end, so that it never writes into a
        // closed pipe, and hands over the address.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("running at ").nth(1) {
                    let _ = tx.send(rest.split_whitespace().next().unwrap_or("").trim_end_matches('/').to_owned());
                }
            }
        });
        let mut server = Server { child, base: String::new(), log };
        match rx.recv_timeout(PATIENCE) {
            Ok(base) => server.base = base,
            Err(_) => panic!("{}: the server did not say where it runs\n{}", db.name(), server.log_tail()),
        }
        server
    }

    /// SIGKILL: no shutdown, no flush, nothing the process could do about it.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// The end of what the server wrote to stderr, for failure messages.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        format!("server log ({}):\n{}", self.log.display(), lines[lines.len().saturating_sub(30)..].join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a client wrote into a person: the key (the last name, never changed, unique
/// per create) and the fields the updates change.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Person {
    key: String,
    title: String,
    emails: Vec<String>,
    phones: Vec<String>,
}

impl Person {
    /// A person with fresh values; `tag` makes every write's values its own.
    fn new(key: &str, tag: &str, rng: &mut StdRng) -> Person {
        let emails = (0..rng.random_range(1..=3)).map(|i| format!("{key}.{tag}.{i}@crash.example")).collect();
        let phones =
            (0..rng.random_range(0..=2)).map(|_| format!("+3069{:08}", rng.random_range(0..100_000_000))).collect();
        Person { key: key.to_owned(), title: format!("title {tag}"), emails, phones }
    }

    fn body(&self) -> Json {
        json!({
            "name": {"first": "Crash", "last": self.key},
            "title": self.title,
            "emails": self.emails,
            "phones": self.phones,
        })
    }

    /// The person as the server answers it (normalised contact points, which are what
    /// was sent: lower-case emails and E.164 phones).
    fn answered(record: &Json) -> Person {
        let points = |field: &str| -> Vec<String> {
            let items = record[field].as_array().cloned().unwrap_or_default();
            items.iter().map(|p| p["normalized"].as_str().unwrap_or_default().to_owned()).collect()
        };
        Person {
            key: record["name"]["last"].as_str().unwrap_or_default().to_owned(),
            title: record["title"].as_str().unwrap_or_default().to_owned(),
            emails: points("emails"),
            phones: points("phones"),
        }
    }
}

/// One write as the client saw it.
#[derive(Debug)]
enum Event {
    Created {
        id: String,
        person: Person,
    },
    CreateUnanswered {
        person: Person,
    },
    BatchCreated {
        ids: Vec<String>,
        people: Vec<Person>,
    },
    BatchUnanswered {
        people: Vec<Person>,
    },
    /// `version`: the version the update made (acknowledged) or would have made.
    Updated {
        id: String,
        version: i64,
        person: Person,
    },
    UpdateUnanswered {
        id: String,
        version: i64,
        person: Person,
    },
}

/// What one version of a record may hold: the acknowledged write that made it, or
/// else any of the unanswered ones that would have.
#[derive(Default, Debug)]
struct Slot {
    acknowledged: Option<Person>,
    unanswered: Vec<Person>,
}

impl Slot {
    fn allows(&self, person: &Person) -> bool {
        match &self.acknowledged {
            Some(acked) => acked == person,
            None => self.unanswered.contains(person),
        }
    }
}

/// A record known to exist: its key, what each version may hold, and the highest
/// version an answer acknowledged.
#[derive(Debug)]
struct Known {
    key: String,
    acknowledged: i64,
    versions: BTreeMap<i64, Slot>,
}

impl Known {
    fn settled(version: i64, person: Person) -> Known {
        let key = person.key.clone();
        let slot = Slot { acknowledged: Some(person), unanswered: Vec::new() };
        Known { key, acknowledged: version, versions: BTreeMap::from([(version, slot)]) }
    }
}

/// Everything acknowledged so far, and what is still undecided.
#[derive(Default)]
struct Ledger {
    known: HashMap<String, Known>,
    /// Single creates left unanswered, by key.
    maybe: HashMap<String, Person>,
    /// Batches left unanswered.
    maybe_batches: Vec<Vec<Person>>,
}

impl Ledger {
    /// Adds a round's events: creates first, so that updates find their records.
    fn take(&mut self, mut events: Vec<Event>) {
        events.sort_by_key(|e| matches!(e, Event::Updated { .. } | Event::UpdateUnanswered { .. }));
        for event in events {
            match event {
                Event::Created { id, person } => {
                    self.known.insert(id, Known::settled(1, person));
                }
                Event::CreateUnanswered { person } => {
                    self.maybe.insert(person.key.clone(), person);
                }
                Event::BatchCreated { ids, people } => {
                    for (id, person) in ids.into_iter().zip(people) {
                        self.known.insert(id, Known::settled(1, person));
                    }
                }
                Event::BatchUnanswered { people } => self.maybe_batches.push(people),
                Event::Updated { id, version, person } => {
                    let known = self.known.get_mut(&id).expect("an update of a known record");
                    known.acknowledged = known.acknowledged.max(version);
                    known.versions.entry(version).or_default().acknowledged = Some(person);
                }
                Event::UpdateUnanswered { id, version, person } => {
                    let known = self.known.get_mut(&id).expect("an update of a known record");
                    known.versions.entry(version).or_default().unanswered.push(person);
                }
            }
        }
    }
}

/// What the clients of one round did.
#[derive(Default)]
struct Written {
    events: Vec<Event>,
    failures: Vec<String>,
    acknowledged: usize,
    creates: usize,
    updates: usize,
    batches: usize,
    batch_people: usize,
}

/// Shared by the clients of a round.
struct Round {
    base: String,
    token: String,
    http: reqwest::Client,
    /// Ids the clients may update: the known records and those created this round.
    ids: Mutex<Vec<String>>,
    acknowledged: AtomicUsize,
    killed: AtomicBool,
    round: u32,
}

/// Runs the clients, kills the server once a random number of writes has been
/// acknowledged (plus a random few milliseconds, so the kill lands anywhere in a
/// request), and collects what the clients saw.
async fn write_until_killed(
    server: &mut Server,
    token: &str,
    ledger: &Ledger,
    round: u32,
    rng: &mut StdRng,
) -> Written {
    let shared = Arc::new(Round {
        base: server.base.clone(),
        token: token.to_owned(),
        http: reqwest::Client::builder().timeout(PATIENCE).build().unwrap(),
        ids: Mutex::new(ledger.known.keys().cloned().collect()),
        acknowledged: AtomicUsize::new(0),
        killed: AtomicBool::new(false),
        round,
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let (shared, client_rng) = (Arc::clone(&shared), StdRng::seed_from_u64(rng.random()));
            tokio::spawn(async move { client(&shared, n, client_rng).await })
        })
        .collect();
    let target = rng.random_range(30..=250);
    let deadline = Instant::now() + PATIENCE;
    // Polls progress; the moment of the kill is what is random, nothing is timed.
    while shared.acknowledged.load(Ordering::SeqCst) < target
        && !clients.iter().all(|c| c.is_finished())
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    tokio::time::sleep(Duration::from_millis(rng.random_range(0..20))).await;
    shared.killed.store(true, Ordering::SeqCst);
    server.kill();
    let mut written = Written::default();
    for client in clients {
        let done = tokio::time::timeout(PATIENCE, client).await.expect("a client outlived the server").unwrap();
        written.add(done);
    }
    // A slow machine only moves the kill earlier (the deadline); no write at all is a fault.
    if written.acknowledged == 0 {
        written.failures.push("no write was acknowledged before the kill".to_owned());
    }
    written
}

impl Written {
    fn add(&mut self, other: Written) {
        self.acknowledged += other.acknowledged;
        self.creates += other.creates;
        self.updates += other.updates;
        self.batches += other.batches;
        self.batch_people += other.batch_people;
        self.events.extend(other.events);
        self.failures.extend(other.failures);
    }
}

/// How a write request ended.
enum Answer {
    /// 2xx with the whole body.
    Acknowledged(Json),
    /// Refused with a 4xx: nothing was written.
    Refused(u16, String),
    /// No answer, a cut answer, or a 5xx (a 503 timeout may have written): it may have
    /// been written. While the server runs, this is a failure of its own.
    Unanswered(String),
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => return Answer::Unanswered(e.to_string()),
    };
    let status = response.status().as_u16();
    match (status, response.text().await) {
        (200..=299, Ok(text)) => match serde_json::from_str(&text) {
            Ok(json) => Answer::Acknowledged(json),
            Err(e) => Answer::Unanswered(format!("{status} with a cut body: {e}")),
        },
        (400..=499, Ok(text)) => Answer::Refused(status, text),
        (_, text) => Answer::Unanswered(format!("{status}: {text:?}")),
    }
}

/// One client: creates, updates and batches in a seeded random mix, until a request
/// goes unanswered (the server was killed) or a bound is reached.
async fn client(round: &Round, n: u64, mut rng: StdRng) -> Written {
    let mut out = Written::default();
    for step in 0..100_000u32 {
        // Ends in `x` so that no key is the start of another (search matches prefixes).
        let key = format!("r{}c{n}s{step}x", round.round);
        let choice = rng.random_range(0..100);
        let outcome = if choice < 40 {
            create(round, &key, &mut rng, &mut out).await
        } else if choice < 80 {
            update(round, &key, &mut rng, &mut out).await
        } else {
            batch(round, &key, &mut rng, &mut out).await
        };
        if let Err(why) = outcome {
            if !round.killed.load(Ordering::SeqCst) {
                out.failures.push(format!("client {n}: unanswered while the server ran: {why}"));
            }
            break;
        }
    }
    out
}

fn people(round: &Round, object_path: &str) -> String {
    format!("{}/api/v1/people{object_path}", round.base)
}

/// Creates one person; `Err` when unanswered.
async fn create(round: &Round, key: &str, rng: &mut StdRng, out: &mut Written) -> Result<(), String> {
    let person = Person::new(key, "c", rng);
    let request = round.http.post(people(round, "")).bearer_auth(&round.token).json(&person.body());
    match send(request).await {
        Answer::Acknowledged(record) => {
            let id = record["id"].as_str().unwrap_or_default().to_owned();
            check_echo(&person, &record, out);
            round.ids.lock().unwrap().push(id.clone());
            acknowledge(round, out);
            out.creates += 1;
            out.events.push(Event::Created { id, person });
            Ok(())
        }
        Answer::Refused(status, text) => {
            out.failures.push(format!("create {key}: {status} {text}"));
            Ok(())
        }
        Answer::Unanswered(why) => {
            out.events.push(Event::CreateUnanswered { person });
            Err(why)
        }
    }
}

/// Creates 2 to 40 people in one all-or-nothing request; `Err` when unanswered.
async fn batch(round: &Round, key: &str, rng: &mut StdRng, out: &mut Written) -> Result<(), String> {
    let size = rng.random_range(2..=40);
    let people_sent: Vec<Person> = (0..size).map(|i| Person::new(&format!("{key}i{i}x"), "b", rng)).collect();
    let body = Json::Array(people_sent.iter().map(Person::body).collect());
    let request = round.http.post(people(round, "")).bearer_auth(&round.token).json(&body);
    match send(request).await {
        Answer::Acknowledged(answer) => {
            let records = answer["data"].as_array().cloned().unwrap_or_default();
            if records.len() != size {
                out.failures.push(format!("batch {key}: {size} sent, {} answered", records.len()));
            }
            let ids: Vec<String> = records.iter().map(|r| r["id"].as_str().unwrap_or_default().to_owned()).collect();
            for (person, record) in people_sent.iter().zip(&records) {
                check_echo(person, record, out);
            }
            round.ids.lock().unwrap().extend(ids.iter().cloned());
            acknowledge(round, out);
            out.batches += 1;
            out.batch_people += size;
            out.events.push(Event::BatchCreated { ids, people: people_sent });
            Ok(())
        }
        Answer::Refused(status, text) => {
            out.failures.push(format!("batch {key}: {status} {text}"));
            Ok(())
        }
        Answer::Unanswered(why) => {
            out.events.push(Event::BatchUnanswered { people: people_sent });
            Err(why)
        }
    }
}

/// Reads a random person and changes its title, emails and phones with the version
/// read; another client may have changed it meanwhile (409, nothing written).
async fn update(round: &Round, key: &str, rng: &mut StdRng, out: &mut Written) -> Result<(), String> {
    let id = {
        let ids = round.ids.lock().unwrap();
        if ids.is_empty() { None } else { Some(ids[rng.random_range(0..ids.len())].clone()) }
    };
    let Some(id) = id else { return create(round, key, rng, out).await };
    let read = match send(round.http.get(people(round, &format!("/{id}"))).bearer_auth(&round.token)).await {
        Answer::Acknowledged(record) => record,
        Answer::Refused(status, text) => {
            out.failures.push(format!("read {id}: {status} {text}"));
            return Ok(());
        }
        Answer::Unanswered(why) => return Err(why),
    };
    let version = read["version"].as_i64().unwrap_or_default();
    let person = Person::new(&Person::answered(&read).key, &format!("u{key}"), rng);
    let mut body = person.body();
    body["version"] = json!(version);
    let request = round.http.patch(people(round, &format!("/{id}"))).bearer_auth(&round.token).json(&body);
    match send(request).await {
        Answer::Acknowledged(record) => {
            let made = record["version"].as_i64().unwrap_or_default();
            if made != version + 1 {
                out.failures.push(format!("update {id} at version {version} answered version {made}"));
            }
            check_echo(&person, &record, out);
            acknowledge(round, out);
            out.updates += 1;
            out.events.push(Event::Updated { id, version: made, person });
            Ok(())
        }
        Answer::Refused(409, _) => Ok(()),
        Answer::Refused(status, text) => {
            out.failures.push(format!("update {id}: {status} {text}"));
            Ok(())
        }
        Answer::Unanswered(why) => {
            out.events.push(Event::UpdateUnanswered { id, version: version + 1, person });
            Err(why)
        }
    }
}

fn acknowledge(round: &Round, out: &mut Written) {
    round.acknowledged.fetch_add(1, Ordering::SeqCst);
    out.acknowledged += 1;
}

/// The answer to a write holds what was written.
fn check_echo(sent: &Person, record: &Json, out: &mut Written) {
    let answered = Person::answered(record);
    if &answered != sent {
        out.failures.push(format!("sent {sent:?}, answered {answered:?}"));
    }
}

/// Counts in the tables as the kill left them.
struct Counts {
    people: usize,
    contact_points: usize,
}

/// The database as the kill left it, before anything opens it again: on SQLite the
/// file's integrity and foreign keys, then on both databases the cross-table counts.
async fn crash_image_checks(db: &TestDatabase, at: &str) -> Counts {
    let counts = match &db.url {
        None => {
            let path = db.data_dir.join("rapport.db");
            sqlite_integrity(&path, at);
            sqlite_counts(&path)
        }
        Some(url) => postgres_counts(url, at).await,
    };
    counts.check(at)
}

fn sqlite_integrity(path: &Path, at: &str) {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(integrity, ["ok"], "{at}: PRAGMA integrity_check");
    let mut foreign = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let broken: Vec<String> =
        foreign.query_map([], |row| row.get::<_, String>(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert!(broken.is_empty(), "{at}: PRAGMA foreign_key_check names {broken:?}");
}

/// The cross-table counts, by name; each must be what [`TableCounts::check`] expects.
/// `{search_key}` is the search table's record key (`rowid` in FTS5, `rid` on PostgreSQL).
const COUNTS: [(&str, &str); 13] = [
    ("people", "SELECT count(*) FROM obj_person WHERE deleted_at IS NULL"),
    ("rows", "SELECT count(*) FROM obj_person"),
    ("search rows", "SELECT count(*) FROM srch_person"),
    (
        "people without a search row",
        "SELECT count(*) FROM obj_person p WHERE NOT EXISTS \
         (SELECT 1 FROM srch_person s WHERE s.{search_key} = p.rid)",
    ),
    ("create entries", "SELECT count(*) FROM audit_log WHERE object_id = 'person' AND action = 'create'"),
    (
        "people without a create entry",
        "SELECT count(*) FROM obj_person p WHERE NOT EXISTS (SELECT 1 FROM audit_log a \
         WHERE a.object_id = 'person' AND a.record_id = p.id AND a.action = 'create')",
    ),
    (
        "audit entries of missing people",
        "SELECT count(*) FROM audit_log a WHERE a.object_id = 'person' AND NOT EXISTS \
         (SELECT 1 FROM obj_person p WHERE p.id = a.record_id)",
    ),
    (
        // Every update changes the title, so a record at version v has v - 1 of them.
        "people whose title entries disagree with their version",
        "SELECT count(*) FROM obj_person p WHERE p.version - 1 <> (SELECT count(*) FROM audit_log a \
         WHERE a.object_id = 'person' AND a.record_id = p.id AND a.action = 'update' AND a.field_id = 'title')",
    ),
    ("contact points", "SELECT count(*) FROM contact_points WHERE object_id = 'person'"),
    // Record events are appended in the write's transaction: one `created` per person,
    // one `updated` per update, none of a person that is not there.
    ("created events", "SELECT count(*) FROM record_events WHERE object_id = 'person' AND kind = 'created'"),
    (
        "events of missing people",
        "SELECT count(*) FROM record_events e WHERE e.object_id = 'person' AND NOT EXISTS \
         (SELECT 1 FROM obj_person p WHERE p.id = e.record_id)",
    ),
    (
        "people whose update events disagree with their version",
        "SELECT count(*) FROM obj_person p WHERE p.version - 1 <> (SELECT count(*) FROM record_events e \
         WHERE e.object_id = 'person' AND e.record_id = p.id AND e.kind = 'updated')",
    ),
    (
        "contact points of missing people",
        "SELECT count(*) FROM contact_points c WHERE c.object_id = 'person' AND NOT EXISTS \
         (SELECT 1 FROM obj_person p WHERE p.id = c.record_id)",
    ),
];

struct TableCounts(BTreeMap<&'static str, i64>);

impl TableCounts {
    fn check(self, at: &str) -> Counts {
        let n = |name: &str| self.0[name];
        let people = n("people");
        let agree = [("rows", people), ("search rows", people), ("create entries", people), ("created events", people)];
        for (name, expected) in agree {
            assert_eq!(n(name), expected, "{at}: {name} vs people: {:?}", self.0);
        }
        for name in [
            "people without a search row",
            "people without a create entry",
            "audit entries of missing people",
            "people whose title entries disagree with their version",
            "contact points of missing people",
            "events of missing people",
            "people whose update events disagree with their version",
        ] {
            assert_eq!(n(name), 0, "{at}: {name}: {:?}", self.0);
        }
        Counts { people: people as usize, contact_points: n("contact points") as usize }
    }
}

fn sqlite_counts(path: &Path) -> TableCounts {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let counts = COUNTS.iter().map(|(name, sql)| {
        let sql = sql.replace("{search_key}", "rowid");
        (*name, conn.query_row(&sql, [], |row| row.get::<_, i64>(0)).unwrap())
    });
    TableCounts(counts.collect())
}

async fn postgres_counts(url: &str, at: &str) -> TableCounts {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    let connection = tokio::spawn(connection);
    until_the_dead_server_disconnects(&client, at).await;
    let mut counts = BTreeMap::new();
    for (name, sql) in COUNTS {
        let row = client.query_one(&sql.replace("{search_key}", "rid"), &[]).await.unwrap();
        counts.insert(name, row.get::<_, i64>(0));
    }
    drop(client);
    let _ = connection.await;
    TableCounts(counts)
}

/// A transaction the killed server had sent its COMMIT for may still commit after the
/// kill: its connection ends only then. Counting before that could miss it.
async fn until_the_dead_server_disconnects(client: &tokio_postgres::Client, at: &str) {
    let others = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                  AND backend_type = 'client backend' AND pid <> pg_backend_pid()";
    let deadline = Instant::now() + PATIENCE;
    while client.query_one(others, &[]).await.unwrap().get::<_, i64>(0) > 0 {
        assert!(Instant::now() < deadline, "{at}: the killed server's connections stay open");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// What a check after a restart covered.
struct Checked {
    people: usize,
    contact_points: usize,
    /// Writes left unanswered by the kill, and how many of them had happened.
    unanswered: usize,
    happened: usize,
    unanswered_batches: usize,
    batches_written: usize,
}

/// Checks the restarted server against the ledger, decides the unanswered writes, and
/// settles every record at what it holds now.
async fn verify(server: &Server, token: &str, ledger: &mut Ledger, rng: &mut StdRng, at: &str) -> Checked {
    let http = reqwest::Client::builder().timeout(PATIENCE).build().unwrap();
    let mut listed = list_people(&http, &server.base, token, at).await;
    let contact_points = listed.values().map(|(_, p)| p.emails.len() + p.phones.len()).sum();
    let people = listed.len();
    let mut by_key: HashMap<String, String> = listed.iter().map(|(id, (_, p))| (p.key.clone(), id.clone())).collect();
    assert_eq!(by_key.len(), people, "{at}: two people share a key");
    let mut unanswered = 0;
    let mut happened = 0;
    let unanswered_batches = ledger.maybe_batches.len();
    let mut batches_written = 0;
    for (id, known) in &mut ledger.known {
        let (version, person) = match listed.remove(id) {
            Some(found) => found,
            None => panic!("{at}: the acknowledged create of {id} is missing: {known:?}"),
        };
        unanswered += known.versions.values().map(|s| s.unanswered.len()).sum::<usize>();
        happened += usize::from(version > known.acknowledged);
        by_key.remove(&known.key);
        settle(known, id, version, person, at);
    }
    for (key, person) in std::mem::take(&mut ledger.maybe) {
        unanswered += 1;
        if let Some(id) = by_key.remove(&key) {
            happened += 1;
            adopt(ledger, &mut listed, id, &person, at);
        }
    }
    for batch in std::mem::take(&mut ledger.maybe_batches) {
        unanswered += 1;
        let present: Vec<String> = batch.iter().filter_map(|p| by_key.remove(&p.key)).collect();
        assert!(
            present.is_empty() || present.len() == batch.len(),
            "{at}: half a batch: {} of {} people from {}",
            present.len(),
            batch.len(),
            batch[0].key
        );
        happened += usize::from(!present.is_empty());
        batches_written += usize::from(!present.is_empty());
        for (id, person) in present.into_iter().zip(&batch) {
            adopt(ledger, &mut listed, id, person, at);
        }
    }
    assert!(listed.is_empty(), "{at}: people nobody sent: {:?}", listed.values().collect::<Vec<_>>());
    search_finds(&http, &server.base, token, ledger, rng, at).await;
    Checked { people, contact_points, unanswered, happened, unanswered_batches, batches_written }
}

/// Holds a record to what its writes allow, then keeps only what it holds now.
fn settle(known: &mut Known, id: &str, version: i64, person: Person, at: &str) {
    assert!(
        version >= known.acknowledged,
        "{at}: {id} is at version {version}, but version {} was acknowledged: {known:?}",
        known.acknowledged
    );
    let allowed = known.versions.get(&version).is_some_and(|slot| slot.allows(&person));
    assert!(allowed, "{at}: {id} at version {version} holds {person:?}, which no write made: {known:?}");
    *known = Known::settled(version, person);
}

/// An unanswered create that happened: it holds what was sent, at version 1.
fn adopt(ledger: &mut Ledger, listed: &mut BTreeMap<String, (i64, Person)>, id: String, sent: &Person, at: &str) {
    let (version, person) = listed.remove(&id).unwrap();
    assert_eq!((version, &person), (1, sent), "{at}: {id}, created unanswered, holds something else");
    ledger.known.insert(id, Known::settled(1, person));
}

/// Every person through the API, by id: its version and values.
async fn list_people(http: &reqwest::Client, base: &str, token: &str, at: &str) -> BTreeMap<String, (i64, Person)> {
    let mut all = BTreeMap::new();
    let mut cursor: Option<String> = None;
    for _page in 0..10_000 {
        let mut query = vec![("limit", "500".to_owned())];
        query.extend(cursor.take().map(|c| ("cursor", c)));
        let request = http.get(format!("{base}/api/v1/people")).bearer_auth(token).query(&query);
        let Answer::Acknowledged(page) = send(request).await else { panic!("{at}: the people list failed") };
        for record in page["data"].as_array().unwrap() {
            let id = record["id"].as_str().unwrap().to_owned();
            all.insert(id, (record["version"].as_i64().unwrap(), Person::answered(record)));
        }
        cursor = page["page"]["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            return all;
        }
    }
    panic!("{at}: the people list did not end");
}

/// A sample of the people is found by its key through search, and only it.
async fn search_finds(http: &reqwest::Client, base: &str, token: &str, ledger: &Ledger, rng: &mut StdRng, at: &str) {
    let mut ids: Vec<&String> = ledger.known.keys().collect();
    ids.sort();
    for _ in 0..ids.len().min(20) {
        let id = ids[rng.random_range(0..ids.len())];
        let key = &ledger.known[id].key;
        let request = http.get(format!("{base}/api/v1/people")).bearer_auth(token).query(&[("q", key)]);
        let Answer::Acknowledged(page) = send(request).await else { panic!("{at}: search for {key} failed") };
        let found: Vec<&str> = page["data"].as_array().unwrap().iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(found, [id.as_str()], "{at}: search for {key}");
    }
}
