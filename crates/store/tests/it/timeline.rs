//! A record's timeline by when things happen (issue 22): a link sits at its
//! activity's time (a call's start, a task's due time: the field the object's
//! `behaviour.calendar.start` names, else its creation) and moves with it; the
//! upcoming part holds the open activities of objects with done states and the others
//! still to come, soonest first, the history the rest, newest first; a part can be of
//! one object only, and the counts per object are one read. On each backend.

use rapport_model::{Actor, Record};
use rapport_store::ObjectPatch;
use rapport_store::timeline::{Link, Part, Window};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::harness::each_backend;

fn obj(v: Value) -> serde_json::Map<String, Value> {
    v.as_object().cloned().unwrap()
}

fn text(t: OffsetDateTime) -> String {
    rapport_model::value::format_datetime(t)
}

/// Whole seconds: what both databases keep of a time given in seconds.
fn second(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_nanosecond(0).unwrap()
}

fn window(part: Part, objects: Option<Vec<String>>) -> Window {
    Window { part, now: OffsetDateTime::now_utc(), objects }
}

/// Makes an activity and puts it on `person`'s timeline at its creation, as links were
/// made before they followed their activity's time.
async fn linked(s: &rapport_store::Store, person: Uuid, object: &str, values: Value) -> Record {
    let actor = Actor::system();
    let made = s.create(&actor, object, &obj(values)).await.unwrap();
    s.link_activity(&actor, (object, made.id), ("people", person), made.created_at).await.unwrap();
    made
}

async fn at_of(s: &rapport_store::Store, person: Uuid, id: Uuid) -> OffsetDateTime {
    let links = s.timeline_part(&Actor::system(), ("people", person), window(Part::All, None), None, 50).await.unwrap();
    links.into_iter().find(|l| l.activity_id == id).unwrap().at
}

#[tokio::test]
async fn links_follow_their_activitys_time() {
    for db in each_backend().await {
        let (s, name, actor) = (&db.store, db.name, Actor::system());
        let person = s.create(&actor, "people", &obj(json!({"name": {"first": "Réka"}}))).await.unwrap().id;
        let now = second(OffsetDateTime::now_utc());
        let call = linked(
            s,
            person,
            "calls",
            json!({"subject": "A", "direction": "inbound", "started_at": text(now - Duration::days(3))}),
        )
        .await;
        let moved = now - Duration::days(20);
        s.update(&actor, "calls", call.id, call.version, &obj(json!({"started_at": text(moved)}))).await.unwrap();
        assert_eq!(at_of(s, person, call.id).await, moved, "{name}: the call's new start");

        let task = linked(
            s,
            person,
            "tasks",
            json!({"subject": "B", "status": "open", "due_at": text(now + Duration::days(2))}),
        )
        .await;
        s.update(&actor, "tasks", task.id, task.version, &obj(json!({"due_at": null}))).await.unwrap();
        assert_eq!(at_of(s, person, task.id).await, task.created_at, "{name}: without a due time, its creation");

        // A note has no time of its own: its link stays where it was put.
        let note = s.create(&actor, "notes", &obj(json!({"body": "C"}))).await.unwrap();
        let put = now - Duration::days(100);
        s.link_activity(&actor, ("notes", note.id), ("people", person), put).await.unwrap();
        s.update(&actor, "notes", note.id, note.version, &obj(json!({"body": "C, again"}))).await.unwrap();
        assert_eq!(at_of(s, person, note.id).await, put, "{name}: a note keeps its place");

        // A task's time named by another field moves every task's links to it (or to
        // the task's creation where the field is empty).
        let reminded = linked(
            s,
            person,
            "tasks",
            json!({"subject": "D", "status": "open",
            "due_at": text(now + Duration::days(5)), "remind_at": text(now + Duration::days(4))}),
        )
        .await;
        let schema = s.schema().await.unwrap();
        let mut behaviour = schema.object("task").unwrap().behaviour.clone();
        behaviour.calendar.as_mut().unwrap().start = "remind_at".into();
        let patch = ObjectPatch { behaviour: Some(behaviour), ..ObjectPatch::default() };
        s.update_object(&actor, "tasks", patch).await.unwrap();
        assert_eq!(at_of(s, person, reminded.id).await, now + Duration::days(4), "{name}: at the reminder now");
        assert_eq!(at_of(s, person, task.id).await, task.created_at, "{name}");
    }
}

#[tokio::test]
async fn the_upcoming_part_is_what_is_open_or_to_come_and_the_history_the_rest() {
    for db in each_backend().await {
        let (s, name, actor) = (&db.store, db.name, Actor::system());
        let person = s.create(&actor, "people", &obj(json!({"name": {"first": "Gábor"}}))).await.unwrap().id;
        let now = second(OffsetDateTime::now_utc());
        let day = |n: i64| text(now + Duration::days(n));
        let task =
            |subject: &str, due: String, status: &str| json!({"subject": subject, "due_at": due, "status": status});
        let meeting = |subject: &str, n: i64| json!({"subject": subject, "starts_at": day(n), "ends_at": day(n)});
        // Made in one order, happening in another; their links at their times.
        let mut made = Vec::new();
        for (object, values) in [
            ("tasks", task("overdue", day(-5), "open")),
            ("meetings", meeting("next week", 7)),
            ("tasks", task("done early", day(9), "done")),
            ("calls", json!({"subject": "last week", "direction": "inbound", "started_at": day(-7)})),
            ("tasks", task("tomorrow", day(1), "in_progress")),
            ("meetings", meeting("yesterday", -1)),
            ("tasks", task("cancelled", day(-2), "cancelled")),
            ("calls", json!({"subject": "planned call", "direction": "outbound", "started_at": day(3)})),
        ] {
            let record = s.create(&actor, object, &obj(values.clone())).await.unwrap();
            let when = ["due_at", "starts_at", "started_at"].iter().find_map(|k| values.get(*k)).unwrap();
            let when = rapport_model::value::parse_datetime(when.as_str().unwrap()).unwrap();
            s.link_activity(&actor, (object, record.id), ("people", person), when).await.unwrap();
            made.push((values["subject"].as_str().unwrap().to_owned(), record.id));
        }
        let subjects = |links: Vec<Link>| {
            links
                .into_iter()
                .map(|l| made.iter().find(|(_, id)| *id == l.activity_id).unwrap().0.clone())
                .collect::<Vec<_>>()
        };
        let read = |part, objects| s.timeline_part(&actor, ("people", person), window(part, objects), None, 50);
        let upcoming = subjects(read(Part::Upcoming, None).await.unwrap());
        assert_eq!(upcoming, ["overdue", "tomorrow", "planned call", "next week"], "{name}: soonest first");
        let history = subjects(read(Part::History, None).await.unwrap());
        assert_eq!(history, ["done early", "yesterday", "cancelled", "last week"], "{name}: newest first");
        let tasks = subjects(read(Part::Upcoming, Some(vec!["task".into()])).await.unwrap());
        assert_eq!(tasks, ["overdue", "tomorrow"], "{name}: tasks only");
        let calls = subjects(read(Part::History, Some(vec!["call".into()])).await.unwrap());
        assert_eq!(calls, ["last week"], "{name}: calls only");
        // The history pages by its cursor.
        let first = read(Part::History, None).await.unwrap();
        let after = (first[1].at, first[1].activity_id);
        let rest = subjects(
            s.timeline_part(&actor, ("people", person), window(Part::History, None), Some(after), 50).await.unwrap(),
        );
        assert_eq!(rest, ["cancelled", "last week"], "{name}");
        // Done, a task leaves the upcoming part.
        let overdue = made[0].1;
        let version = s.get(&actor, "tasks", overdue).await.unwrap().version;
        s.update(&actor, "tasks", overdue, version, &obj(json!({"status": "done"}))).await.unwrap();
        let upcoming = subjects(read(Part::Upcoming, None).await.unwrap());
        assert_eq!(upcoming, ["tomorrow", "planned call", "next week"], "{name}");

        let mut kinds = s.timeline_kinds(&actor, ("people", person)).await.unwrap();
        kinds.sort();
        let expected: Vec<(String, i64)> = vec![("calls".into(), 2), ("meetings".into(), 2), ("tasks".into(), 4)];
        assert_eq!(kinds, expected, "{name}");
    }
}
