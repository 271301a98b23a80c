//! Record events (the outbox of record writes), on both databases: every write appends
//! exactly one event with what it changed, a write that fails appends none, bulk
//! writes append theirs, pages by `after` never skip or repeat an event while writers
//! run, only administrators read them, and the settle step prunes old ones.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use rapport_model::{Actor, Grants};
use rapport_store::record_events::{EventPage, Kind, RecordEvent};
use rapport_store::{Location, Store, StoreError};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{TestDb, admin, each_backend, input, refused};

fn administrator() -> Actor {
    Actor::user(Uuid::now_v7(), Vec::new(), Grants::administrator())
}

/// Every event after `after`, page by page.
async fn all_after(store: &Store, after: i64) -> Vec<RecordEvent> {
    let (mut events, mut after) = (Vec::new(), after);
    loop {
        let EventPage { events: page, next_after } =
            store.record_events(&Actor::system(), after, None, 100).await.unwrap();
        if page.is_empty() {
            return events;
        }
        events.extend(page);
        after = next_after;
    }
}

/// Every event after `after` once at least `count` are numbered. On PostgreSQL a
/// transaction still open anywhere in the cluster (other tests run at once) holds
/// numbering back until it ends: waited for, two minutes at most.
async fn events_after(store: &Store, after: i64, count: usize) -> Vec<RecordEvent> {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let events = all_after(store, after).await;
        if events.len() >= count || std::time::Instant::now() > deadline {
            return events;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// How many events were appended, numbered or not (read from the table itself).
async fn appended(location: &Location) -> i64 {
    let sql = "SELECT count(*) FROM record_events";
    match location {
        Location::Sqlite { path } => {
            rusqlite::Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
        }
        Location::Postgres { url, .. } => admin(url).await.query_one(sql, &[]).await.unwrap().get(0),
    }
}

/// `{field: (old, new)}` of an event, by API name.
fn changes(event: &RecordEvent) -> BTreeMap<String, (Value, Value)> {
    event.changes.iter().map(|c| (c.field.clone(), (c.old.clone(), c.new.clone()))).collect()
}

fn kinds(events: &[RecordEvent]) -> Vec<(Kind, Uuid)> {
    events.iter().map(|e| (e.kind, e.record_id)).collect()
}

#[tokio::test]
async fn each_write_appends_one_event_with_what_it_changed() {
    for TestDb { store, name, location, .. } in each_backend().await {
        let actor = administrator();
        let company = input(json!({"name": "Acme", "employees": 12, "industry": "retail"}));
        let made = store.create(&actor, "companies", &company).await.unwrap();
        let events = events_after(&store, 0, 1).await;
        assert_eq!(kinds(&events), vec![(Kind::Created, made.id)], "{name}");
        let created = &events[0];
        assert_eq!((created.position, created.object.as_str()), (1, "companies"), "{name}");
        assert_eq!(created.actor_id, actor.user_id(), "{name}");
        let expected: BTreeMap<String, (Value, Value)> =
            [("employees", json!(12)), ("industry", json!("retail")), ("name", json!("Acme"))]
                .into_iter()
                .map(|(f, v)| (f.to_owned(), (Value::Null, v)))
                .collect();
        assert_eq!(changes(created), expected, "{name}: a create lists every value it set");

        // An update lists only what changed (industry is given but the same).
        let patch = input(json!({"name": "Acme Ltd", "employees": null, "industry": "retail"}));
        let changed = store.update(&actor, "companies", made.id, made.version, &patch).await.unwrap();
        let events = events_after(&store, 1, 1).await;
        assert_eq!(kinds(&events), vec![(Kind::Updated, made.id)], "{name}");
        let expected: BTreeMap<String, (Value, Value)> = [
            ("employees".to_owned(), (json!(12), Value::Null)),
            ("name".to_owned(), (json!("Acme"), json!("Acme Ltd"))),
        ]
        .into_iter()
        .collect();
        assert_eq!(changes(&events[0]), expected, "{name}: old → new of the changed fields only");

        // An update that changes nothing writes nothing, and appends nothing.
        store.update(&actor, "companies", made.id, changed.version, &patch).await.unwrap();
        assert_eq!(appended(&location).await, 2, "{name}: no change, no event");

        // A link appends `linked` on the record, naming the activity (whose create
        // has its own event).
        let task = input(json!({"subject": "Call Acme", "status": "open"}));
        let task = store.create(&actor, "tasks", &task).await.unwrap();
        let at = rapport_store::now();
        store.link_activity(&actor, ("tasks", task.id), ("companies", made.id), at).await.unwrap();

        store.delete(&actor, "companies", made.id, None).await.unwrap();
        store.restore(&actor, "companies", made.id).await.unwrap();
        store.delete(&actor, "companies", made.id, None).await.unwrap();
        store.purge(&actor, "companies", made.id).await.unwrap();
        let events = events_after(&store, 2, 6).await;
        assert_eq!(
            kinds(&events),
            vec![
                (Kind::Created, task.id),
                (Kind::Linked, made.id),
                (Kind::Deleted, made.id),
                (Kind::Restored, made.id),
                (Kind::Deleted, made.id),
                (Kind::Purged, made.id),
            ],
            "{name}"
        );
        let positions: Vec<i64> = events.iter().map(|e| e.position).collect();
        assert_eq!(positions, (3..=8).collect::<Vec<i64>>(), "{name}: one position after another");
        let linked = &events[1];
        let activity = linked.activity.as_ref().map(|a| (a.object.as_str(), a.id));
        assert_eq!(activity, Some(("tasks", task.id)), "{name}");
        assert!(events[2..].iter().all(|e| e.changes.is_empty() && e.activity.is_none()), "{name}");

        // One object's events.
        let tasks = store.record_events(&actor, 0, Some("tasks"), 100).await.unwrap();
        assert_eq!(kinds(&tasks.events), vec![(Kind::Created, task.id)], "{name}");
        assert_eq!(tasks.next_after, 3, "{name}: the next page starts after the last event");
    }
}

/// A reassignment is an update of `team`; an upsert is a create, then an update (or
/// nothing when nothing changes).
#[tokio::test]
async fn reassignments_and_upserts_append_theirs() {
    for TestDb { store, name, .. } in each_backend().await {
        let actor = Actor::system();
        let team = rapport_store::users::TeamRow {
            id: Uuid::now_v7(),
            name: "Sales".into(),
            created_at: rapport_store::now(),
        };
        let row = team.clone();
        store
            .system_write(move |c| Box::pin(async move { rapport_store::users::insert_team(c, &row).await }))
            .await
            .unwrap();
        let made = store.create(&actor, "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        store
            .transaction(&actor, move |tx| {
                Box::pin(async move { tx.reassign("companies", made.id, None, Some(Some(team.id))).await })
            })
            .await
            .unwrap();
        let tag = input(json!({"name": "vip"}));
        let (first, created) = store.upsert(&actor, "tags", "name", &tag).await.unwrap();
        let (again, created_again) = store.upsert(&actor, "tags", "name", &tag).await.unwrap();
        assert!(created && !created_again && first.id == again.id, "{name}");
        store.upsert(&actor, "tags", "name", &input(json!({"name": "vip", "color": "red"}))).await.unwrap();

        let events = events_after(&store, 0, 4).await;
        assert_eq!(
            kinds(&events),
            vec![
                (Kind::Created, made.id),
                (Kind::Updated, made.id),
                (Kind::Created, first.id),
                (Kind::Updated, first.id)
            ],
            "{name}: an upsert that changes nothing appends nothing"
        );
        let team_change = (Value::Null, json!(team.id.to_string()));
        assert_eq!(changes(&events[1]), BTreeMap::from([("team".to_owned(), team_change)]), "{name}");
        let color = (Value::Null, json!("red"));
        assert_eq!(changes(&events[3]), BTreeMap::from([("color".to_owned(), color)]), "{name}");
    }
}

#[tokio::test]
async fn a_write_that_fails_appends_nothing() {
    for TestDb { store, name, location, .. } in each_backend().await {
        let actor = Actor::system();
        let made = store.create(&actor, "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        assert_eq!(appended(&location).await, 1, "{name}");

        // A stale version inside a unit of work that wrote first: all of it rolls back.
        let outcome = store
            .transaction(&actor, move |tx| {
                Box::pin(async move {
                    tx.create("companies", &input(json!({"name": "Globex"}))).await?;
                    tx.update("companies", made.id, made.version, &input(json!({"name": "Acme 2"}))).await?;
                    tx.update("companies", made.id, made.version, &input(json!({"name": "Acme 3"}))).await
                })
            })
            .await;
        assert!(matches!(outcome, Err(StoreError::Conflict { .. })), "{name}: {outcome:?}");

        // A batch whose second item is invalid: none of it.
        let batch = [input(json!({"name": "Initech"})), input(json!({"employees": -1}))];
        let outcome = store.create_many(&actor, "companies", &batch).await;
        assert!(outcome.is_err(), "{name}");

        // A stale update on its own, and a bulk create with one bad item.
        let stale = store.update(&actor, "companies", made.id, made.version + 5, &input(json!({"name": "X"}))).await;
        assert!(matches!(stale, Err(StoreError::Conflict { .. })), "{name}");
        let bulk = vec![input(json!({"name": "Hooli"})), input(json!({"name": ""}))];
        assert!(store.bulk_create(&actor, "companies", bulk).await.is_err(), "{name}");

        assert_eq!(appended(&location).await, 1, "{name}: no event of a write that failed");
        let names = store.list(&actor, "companies", rapport_store::ListQuery::default()).await.unwrap().records.len();
        assert_eq!(names, 1, "{name}: and no record either");
    }
}

#[tokio::test]
async fn bulk_create_appends_one_event_per_record() {
    for TestDb { store, name, .. } in each_backend().await {
        let actor = administrator();
        // More than a SQLite chunk (1,000 records), so events come from two units.
        let n = 1_500;
        let inputs: Vec<_> =
            (0..n).map(|i| input(json!({"name": format!("Company {i:04}"), "employees": i}))).collect();
        assert_eq!(store.bulk_create(&actor, "companies", inputs).await.unwrap(), n, "{name}");
        let events = events_after(&store, 0, n).await;
        assert_eq!(events.len(), n, "{name}");
        let positions: Vec<i64> = events.iter().map(|e| e.position).collect();
        assert_eq!(positions, (1..=i64::try_from(n).unwrap()).collect::<Vec<_>>(), "{name}");
        let records: BTreeSet<Uuid> = events.iter().map(|e| e.record_id).collect();
        assert_eq!(records.len(), n, "{name}: one event per record");
        let stored = store.list(&actor, "companies", rapport_store::ListQuery { limit: 500, ..Default::default() });
        let first = stored.await.unwrap().records;
        assert!(first.iter().all(|r| records.contains(&r.id)), "{name}: the events name the records written");
        for event in &events {
            assert_eq!((event.kind, event.actor_id), (Kind::Created, actor.user_id()), "{name}");
            let c = changes(event);
            let i = c["employees"].1.as_i64().unwrap();
            assert_eq!(c["name"], (Value::Null, json!(format!("Company {i:04}"))), "{name}");
        }
    }
}

/// Eight writers create fifty records each while a reader pages with `after`: the
/// reader ends with every event exactly once, positions 1, 2, 3, … with no gap.
#[tokio::test]
async fn pages_by_after_miss_nothing_while_writers_commit() {
    const WRITERS: usize = 8;
    const EACH: usize = 50;
    for TestDb { store, name, .. } in each_backend().await {
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let store = store.clone();
            writers.push(tokio::spawn(async move {
                let (actor, mut ids) = (administrator(), Vec::new());
                for i in 0..EACH {
                    let company = input(json!({"name": format!("W{w} {i}")}));
                    ids.push(store.create(&actor, "companies", &company).await.unwrap().id);
                }
                ids
            }));
        }
        let reader = {
            let store = store.clone();
            tokio::spawn(async move { read_until(&store, WRITERS * EACH).await })
        };
        let mut written = BTreeSet::new();
        for writer in writers {
            written.extend(writer.await.unwrap());
        }
        let seen = reader.await.unwrap();
        let positions: Vec<i64> = seen.iter().map(|e| e.position).collect();
        let expected: Vec<i64> = (1..=i64::try_from(WRITERS * EACH).unwrap()).collect();
        assert_eq!(positions, expected, "{name}: every position once, in order, no gap");
        let records: BTreeSet<Uuid> = seen.iter().map(|e| e.record_id).collect();
        assert_eq!(records, written, "{name}: an event for every write, and only those");
    }
}

/// Pages (of an odd size, so pages end anywhere) until `count` events are read; each
/// page must start right after the last, or be empty. Bounded: two minutes of pages.
async fn read_until(store: &Store, count: usize) -> Vec<RecordEvent> {
    let (mut seen, mut after) = (Vec::<RecordEvent>::new(), 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while seen.len() < count {
        assert!(std::time::Instant::now() < deadline, "only {} of {count} events after two minutes", seen.len());
        let page = store.record_events(&Actor::system(), after, None, 37).await.unwrap();
        if let Some(first) = page.events.first() {
            assert_eq!(first.position, after + 1, "a page starts right after the one before");
        } else {
            // Nothing new yet: let the writers run.
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        after = page.next_after;
        seen.extend(page.events);
    }
    seen
}

/// PostgreSQL: a transaction that appended an event and is still open holds back
/// the numbering of events committed after it, which then follow it in insertion
/// order: nothing is numbered past a row that may still commit.
#[tokio::test]
async fn an_open_writer_holds_back_positions_until_it_commits() {
    for TestDb { store, name, location, .. } in each_backend().await {
        let Location::Postgres { url, .. } = &location else { continue };
        let slow = admin(url).await;
        slow.batch_execute(
            "BEGIN; INSERT INTO record_events (at, object_id, record_id, kind) \
             VALUES (now(), 'company', '00000000-0000-7000-8000-000000000001', 'deleted')",
        )
        .await
        .unwrap();
        let made = store.create(&Actor::system(), "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        let page = store.record_events(&Actor::system(), 0, None, 100).await.unwrap();
        assert!(page.events.is_empty(), "{name}: nothing is numbered past the open writer: {page:?}");
        slow.batch_execute("COMMIT").await.unwrap();
        let events = events_after(&store, 0, 2).await;
        let slow_id = Uuid::parse_str("00000000-0000-7000-8000-000000000001").unwrap();
        assert_eq!(kinds(&events), vec![(Kind::Deleted, slow_id), (Kind::Created, made.id)], "{name}");
        assert_eq!(events.iter().map(|e| e.position).collect::<Vec<_>>(), vec![1, 2], "{name}");
    }
}

/// PostgreSQL: the later of two writes of a record may belong to a transaction that
/// took its id before the earlier one's. While an unrelated writer whose id lies
/// between them is open, the earlier write's event must wait — and so must the later
/// one, which is then numbered after it, in the order they were made.
#[tokio::test]
async fn a_later_write_is_never_numbered_before_an_earlier_one() {
    for TestDb { store, name, location, .. } in each_backend().await {
        let Location::Postgres { url, .. } = &location else { continue };
        let actor = Actor::system();
        let made = store.create(&actor, "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        assert_eq!(events_after(&store, 0, 1).await.len(), 1, "{name}");
        let later = admin(url).await;
        later.batch_execute("BEGIN; SELECT pg_current_xact_id()").await.unwrap();
        let between = admin(url).await;
        between.batch_execute("BEGIN; SELECT pg_current_xact_id()").await.unwrap();
        let rename = input(json!({"name": "Acme 2"}));
        store.update(&actor, "companies", made.id, made.version, &rename).await.unwrap();
        // The later write, made after the earlier one committed, by the oldest writer.
        later
            .batch_execute(&format!(
                "INSERT INTO record_events (at, object_id, record_id, kind, changes) \
                 VALUES (now(), 'company', '{}', 'updated', '{{}}'); COMMIT",
                made.id
            ))
            .await
            .unwrap();
        let page = store.record_events(&actor, 1, None, 100).await.unwrap();
        assert!(page.events.is_empty(), "{name}: neither is numbered while the writer between is open: {page:?}");
        between.batch_execute("COMMIT").await.unwrap();
        let events = events_after(&store, 1, 2).await;
        let order: Vec<(i64, usize)> = events.iter().map(|e| (e.position, e.changes.len())).collect();
        assert_eq!(order, vec![(2, 1), (3, 0)], "{name}: the earlier update (its name changed) first");
    }
}

#[tokio::test]
async fn only_administrators_read_events_and_bad_parameters_are_named() {
    for TestDb { store, name, .. } in each_backend().await {
        let stranger = Actor::user(Uuid::now_v7(), Vec::new(), Grants::default());
        let refused_stranger = store.record_events(&stranger, 0, None, 10).await;
        assert!(matches!(refused_stranger, Err(StoreError::Forbidden { .. })), "{name}: {refused_stranger:?}");
        let actor = Actor::system();
        refused(name, "after", store.record_events(&actor, -1, None, 10).await, "after", "out_of_range");
        refused(name, "limit 0", store.record_events(&actor, 0, None, 0).await, "limit", "out_of_range");
        refused(name, "limit", store.record_events(&actor, 0, None, 1_001).await, "limit", "out_of_range");
        let unknown = store.record_events(&actor, 0, Some("unicorns"), 10).await;
        refused(name, "object", unknown, "object", "unknown_object");
    }
}

/// Moves the time of the events at positions up to `upto` back by `days`.
async fn age(location: &Location, upto: i64, days: i64) {
    match location {
        Location::Sqlite { path } => {
            let micros = days * 86_400 * 1_000_000;
            let sql = format!("UPDATE record_events SET at = at - {micros} WHERE position <= {upto}");
            rusqlite::Connection::open(path).unwrap().execute_batch(&sql).unwrap();
        }
        Location::Postgres { url, .. } => {
            let sql = format!("UPDATE record_events SET at = at - interval '{days} days' WHERE position <= {upto}");
            admin(url).await.batch_execute(&sql).await.unwrap();
        }
    }
}

#[tokio::test]
async fn settling_prunes_events_past_the_retention_and_positions_go_on() {
    for TestDb { store, name, location, .. } in each_backend().await {
        let actor = Actor::system();
        for i in 0..5 {
            store.create(&actor, "companies", &input(json!({"name": format!("C{i}")}))).await.unwrap();
        }
        assert_eq!(events_after(&store, 0, 5).await.len(), 5, "{name}: settled");
        // The default retention is 30 days: 31 days old is past it, 29 is not.
        age(&location, 5, 29).await;
        age(&location, 3, 2).await;
        let settled = store.settle_record_events().await.unwrap();
        assert_eq!((settled.numbered, settled.pruned), (0, 3), "{name}");
        let left: Vec<i64> = all_after(&store, 0).await.iter().map(|e| e.position).collect();
        assert_eq!(left, vec![4, 5], "{name}");

        // Even when every event is old, the newest stays until a newer one is
        // numbered: positions go on after it, never from 1 again.
        age(&location, 5, 60).await;
        assert_eq!(store.settle_record_events().await.unwrap().pruned, 1, "{name}");
        let left: Vec<i64> = all_after(&store, 0).await.iter().map(|e| e.position).collect();
        assert_eq!(left, vec![5], "{name}");
        let made = store.create(&actor, "companies", &input(json!({"name": "Later"}))).await.unwrap();
        let events = events_after(&store, 5, 1).await;
        let left: Vec<(i64, Uuid)> = events.iter().map(|e| (e.position, e.record_id)).collect();
        assert_eq!(left, vec![(6, made.id)], "{name}");
        store.settle_record_events().await.unwrap();
        assert_eq!(appended(&location).await, 1, "{name}: the old newest one went when the next came");
    }
}
