//! Bulk creation: thousands of records in one call on each backend, readable, filterable,
//! searchable and audited like single creates; bad input refused whole.

use rapport_model::filter::parse;
use rapport_model::{Actor, SortKey};
use rapport_store::{ListQuery, StoreError};
use serde_json::{Map, Value, json};

use crate::harness::{each_backend, input, invalid};

/// More than one SQLite chunk and one PostgreSQL chunk, with a short last chunk.
const PEOPLE: usize = 5_321;

fn person(n: usize, company: Option<&str>) -> Map<String, Value> {
    let mut p = json!({
        "name": {"first": format!("Πέτρος{n}"), "last": if n == 4_242 { "Ζαχαρίου".to_owned() } else { format!("Bulk{}", n % 97) }},
        "emails": [{"value": format!("person{n}@bulk.example.gr"), "label": "work"}, format!("home{n}@example.hu")],
        "phones": ["210 123 4567"],
        "address": {"city": "Θεσσαλονίκη", "country": "GR"},
        "birthday": "1984-05-17",
        "hobbies": ["music"],
    });
    if let Some(c) = company {
        p["company"] = json!(c);
    }
    input(p)
}

fn query(filter: Option<&str>, q: Option<&str>) -> ListQuery {
    ListQuery {
        filter: filter.map(|f| parse(f).unwrap()),
        sort: vec![SortKey::asc("name")],
        limit: 50,
        cursor: None,
        q: q.map(str::to_owned),
    }
}

#[tokio::test]
async fn bulk_create_writes_rows_contacts_search_and_audit() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let actor = Actor::system();
        let company = s.create(&actor, "companies", &input(json!({"name": "Bulk Α.Ε."}))).await.unwrap();
        let company_id = company.id.to_string();
        let inputs: Vec<_> = (0..PEOPLE).map(|n| person(n, (n % 3 == 0).then_some(company_id.as_str()))).collect();
        let written = s.bulk_create(&actor, "people", inputs).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(written, PEOPLE, "{name}");
        assert_eq!(s.count(&actor, "people", ListQuery::default()).await.unwrap(), PEOPLE as i64, "{name}");

        let found = s.list(&actor, "people", query(Some("emails[eq]:Person4242@bulk.example.gr"), None)).await.unwrap();
        assert_eq!(found.records.len(), 1, "{name}: email filter");
        let id = found.records[0].id;
        let objdef = s.schema().await.unwrap().object_by_api("people").unwrap().clone();
        let got = s.get(&actor, "people", id).await.unwrap().to_json(&objdef);
        assert_eq!(got["name"]["first"], "Πέτρος4242", "{name}");
        assert_eq!(got["name"]["last"], "Ζαχαρίου", "{name}");
        assert_eq!(got["emails"][0]["normalized"], "person4242@bulk.example.gr", "{name}");
        assert_eq!(got["emails"][0]["primary"], true, "{name}");
        assert_eq!(got["emails"][1]["value"], "home4242@example.hu", "{name}");
        assert_eq!(got["phones"][0]["normalized"], "+302101234567", "{name}");
        assert_eq!(got["birthday"], "1984-05-17", "{name}");
        assert_eq!(got["company"], company_id, "{name}");
        assert_eq!(got["version"], 1, "{name}");

        // Folded search on a name part and on an email, as single creates index them.
        let hits = s.list(&actor, "people", query(None, Some("ζαχαριου"))).await.unwrap();
        assert_eq!(hits.records.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id], "{name}: search");
        let hits = s.list(&actor, "people", query(None, Some("person4242"))).await.unwrap();
        assert_eq!(hits.records.len(), 1, "{name}: search by email");

        // Pages are in name order across chunk boundaries, with no row twice.
        let mut seen = std::collections::HashSet::new();
        let mut cursor = None;
        let mut previous = String::new();
        for _ in 0..3 {
            let page = s.list(&actor, "people", ListQuery { cursor, ..query(None, None) }).await.unwrap();
            for r in &page.records {
                let key = match r.get("name") {
                    rapport_model::Value::Name(n) => n.sort_key(),
                    other => panic!("{name}: name is {other:?}"),
                };
                assert!(key >= previous, "{name}: {key} after {previous}");
                assert!(seen.insert(r.id), "{name}: {} twice", r.id);
                previous = key;
            }
            cursor = page.next_cursor;
        }

        let audit = s.audit_of(&actor, "people", id).await.unwrap();
        assert_eq!(audit.len(), 1, "{name}: {audit:?}");
        assert_eq!(audit[0].action, "create", "{name}");
        assert_eq!(audit[0].field_id, None, "{name}");
        let new = audit[0].new_value.as_ref().unwrap();
        assert_eq!(new["name"]["last"], "Ζαχαρίου", "{name}");
        assert_eq!(new["emails"][0]["value"], "person4242@bulk.example.gr", "{name}");

        // A record made one by one afterwards gets a later rowid than every bulk one.
        let single = s.create(&actor, "people", &person(PEOPLE, None)).await.unwrap();
        assert!(single.rid > found.records[0].rid, "{name}");
        assert_eq!(s.count(&actor, "people", ListQuery::default()).await.unwrap(), PEOPLE as i64 + 1, "{name}");
    }
}

#[tokio::test]
async fn bulk_create_refuses_bad_input_whole() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let actor = Actor::system();
        let mut inputs: Vec<_> = (0..2_500).map(|n| person(n, None)).collect();
        inputs[1_234].insert("emails".into(), json!(["not an email"]));
        inputs[2_001].remove("name");
        let errors = invalid(name, "bulk with bad items", s.bulk_create(&actor, "people", inputs).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("1234.emails.0", "not_an_email"), ("2001.name", "required")], "{name}");
        assert_eq!(s.count(&actor, "people", ListQuery::default()).await.unwrap(), 0, "{name}: nothing written");

        let missing = uuid::Uuid::now_v7().to_string();
        let inputs = vec![person(1, None), person(2, Some(&missing))];
        let errors = invalid(name, "bulk with a missing company", s.bulk_create(&actor, "people", inputs).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("1.company", "unknown_record")], "{name}");
        assert_eq!(s.count(&actor, "people", ListQuery::default()).await.unwrap(), 0, "{name}: nothing written");

        // Unique values: taken in the database, or used twice in the call.
        s.create(&actor, "pipelines", &input(json!({"name": "Existing"}))).await.unwrap();
        let inputs = vec![
            input(json!({"name": "Fresh"})),
            input(json!({"name": "existing"})),
            input(json!({"name": "Other"})),
            input(json!({"name": "FRESH"})),
        ];
        let errors = invalid(name, "bulk with duplicates", s.bulk_create(&actor, "pipelines", inputs).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("1.name", "duplicate"), ("3.name", "duplicate")], "{name}");
        assert_eq!(s.count(&actor, "pipelines", ListQuery::default()).await.unwrap(), 1, "{name}: nothing written");

        assert!(
            matches!(s.bulk_create(&actor, "no_such_things", vec![input(json!({}))]).await, Err(StoreError::Model(_))),
            "{name}"
        );
        assert_eq!(s.bulk_create(&actor, "people", Vec::new()).await.unwrap(), 0, "{name}");
    }
}

/// Activities put on timelines in bulk — as an import of past calls would — make the
/// same timelines, audit rows and events as one link at a time, a link already there
/// stays one; a call with a problem (an unknown object, a record that is not an
/// activity, a record that does not exist or that the actor may not reach) is refused
/// whole, naming each item, and writes nothing.
#[tokio::test]
async fn activities_are_linked_in_bulk_as_one_at_a_time() {
    use rapport_model::{FieldError, Grants};
    use rapport_store::NewLink;
    use rapport_store::record_events::Kind;
    use uuid::Uuid;

    for db in each_backend().await {
        let (s, name, actor) = (&db.store, db.name, Actor::system());
        let person = |first: &str| input(json!({"name": {"first": first, "last": "Linked"}}));
        let people = s.bulk_create_ids(&actor, "people", vec![person("One"), person("Two")]).await.unwrap();
        let call = |n: usize| {
            input(
                json!({"subject": format!("Call {n}"), "direction": "outbound", "started_at": "2026-01-01T09:00:00Z"}),
            )
        };
        let calls = s.bulk_create_ids(&actor, "calls", (0..3).map(call).collect()).await.unwrap();
        let day = |d: u8| rapport_model::value::parse_datetime(&format!("2026-01-0{d}T09:00:00Z")).unwrap();
        let link = |call: Uuid, object: &str, record: Uuid, at| NewLink {
            activity: ("calls".into(), call),
            record: (object.into(), record),
            at,
        };
        let links = vec![
            link(calls[0], "people", people[0], day(1)),
            link(calls[1], "people", people[0], day(2)),
            link(calls[2], "people", people[1], day(3)),
            link(calls[0], "people", people[1], day(1)),
        ];
        assert_eq!(s.bulk_link(&actor, links).await.unwrap(), 4, "{name}");
        // The same link again, in bulk and one at a time: still one on the timeline.
        assert_eq!(s.bulk_link(&actor, vec![link(calls[0], "people", people[0], day(1))]).await.unwrap(), 1);
        s.link_activity(&actor, ("calls", calls[0]), ("people", people[0]), day(1)).await.unwrap();
        let reader = &actor;
        let timeline = |id: Uuid| async move {
            let links = s.timeline(reader, "people", id, None, 10).await.unwrap();
            links.into_iter().map(|l| (l.activity_id, l.at)).collect::<Vec<_>>()
        };
        assert_eq!(timeline(people[0]).await, vec![(calls[1], day(2)), (calls[0], day(1))], "{name}");
        assert_eq!(timeline(people[1]).await, vec![(calls[2], day(3)), (calls[0], day(1))], "{name}");

        // Audited as a single link is: one `link` row per call, naming the activity.
        let audited = s.audit_of(&actor, "people", people[1]).await.unwrap();
        let linked: Vec<serde_json::Value> =
            audited.iter().filter(|e| e.action == "link").filter_map(|e| e.new_value.clone()).collect();
        let calls_object = s.schema().await.unwrap().object_by_api("calls").unwrap().id.clone();
        let named = |id: Uuid| json!({"object": calls_object, "id": id.to_string()});
        assert_eq!(linked, vec![named(calls[2]), named(calls[0])], "{name}");
        // And one `linked` event per link on the record, naming the activity.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        let events = loop {
            let mut events = Vec::new();
            let mut after = 0;
            loop {
                let page = s.record_events(&actor, after, Some("people"), 500).await.unwrap();
                if page.events.is_empty() {
                    break;
                }
                after = page.next_after;
                events.extend(page.events.into_iter().filter(|e| e.kind == Kind::Linked && e.record_id == people[1]));
            }
            if events.len() >= 2 || std::time::Instant::now() > deadline {
                break events;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        let activities: Vec<Option<Uuid>> = events.iter().map(|e| e.activity.as_ref().map(|a| a.id)).collect();
        assert_eq!(activities, vec![Some(calls[2]), Some(calls[0])], "{name}");

        // Refused whole, each item named, nothing written.
        let (fresh, missing) = (calls[1], Uuid::now_v7());
        let bad = vec![
            link(fresh, "people", people[1], day(4)),
            NewLink { activity: ("people".into(), people[0]), ..link(fresh, "people", people[1], day(4)) },
            link(fresh, "no_such_things", people[1], day(4)),
            link(fresh, "people", missing, day(4)),
        ];
        let errors = invalid(name, "bad links", s.bulk_link(&actor, bad).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e: &FieldError| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("1.activity", "unknown_object"), ("2.record", "unknown_object")], "{name}");
        let errors =
            invalid(name, "a missing record", s.bulk_link(&actor, vec![link(fresh, "people", missing, day(4))]).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("0.record", "unknown_record")], "{name}");
        let stranger = Actor::user(Uuid::now_v7(), Vec::new(), Grants::default());
        let errors =
            invalid(name, "out of reach", s.bulk_link(&stranger, vec![link(fresh, "people", people[1], day(4))]).await);
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.reason.code())).collect();
        assert_eq!(got, vec![("0.activity", "unknown_record"), ("0.record", "unknown_record")], "{name}");
        assert_eq!(timeline(people[1]).await, vec![(calls[2], day(3)), (calls[0], day(1))], "{name}: nothing written");
        assert_eq!(s.bulk_link(&actor, Vec::new()).await.unwrap(), 0, "{name}");
    }
}
