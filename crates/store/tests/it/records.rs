//! Create, read, update, soft delete, restore and purge, with optimistic concurrency
//! and audit rows, on each backend.

use rapport_model::Actor;
use rapport_store::StoreError;
use serde_json::{Value, json};

use crate::harness::each_backend;

fn obj(v: Value) -> serde_json::Map<String, Value> {
    v.as_object().cloned().unwrap()
}

#[tokio::test]
async fn crud_round_trip() {
    for db in each_backend().await {
        let s = &db.store;
        let actor = Actor::system();
        let company = s.create(&actor, "companies", &obj(json!({"name": "Acme Α.Ε.", "employees": 12}))).await.unwrap();
        let person = s
            .create(
                &actor,
                "people",
                &obj(json!({
                    "name": {"first": "Γιώργος", "last": "Παπαδόπουλος"},
                    "emails": [{"value": "Giorgos@Example.GR", "label": "work"}, "home@example.gr"],
                    "phones": ["210 123 4567"],
                    "birthday": "1980-02-29",
                    "hobbies": ["music", "travel"],
                    "company": company.id.to_string(),
                    "address": {"city": "Αθήνα", "country": "GRC"}
                })),
            )
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.name));
        let got = s.get(&actor, "people", person.id).await.unwrap();
        let objdef = s.schema().await.unwrap().object_by_api("people").unwrap().clone();
        let j = got.to_json(&objdef);
        assert_eq!(j["name"]["last"], "Παπαδόπουλος", "{}", db.name);
        assert_eq!(j["emails"][0]["normalized"], "giorgos@example.gr", "{}", db.name);
        assert_eq!(j["emails"][0]["primary"], true);
        assert_eq!(j["emails"][1]["primary"], false);
        assert_eq!(j["phones"][0]["normalized"], "+302101234567");
        assert_eq!(j["birthday"], "1980-02-29");
        assert_eq!(j["hobbies"], json!(["music", "travel"]));
        assert_eq!(j["address"]["country"], "GR");
        assert_eq!(j["version"], 1);

        // The update is made by a user: the record and the audit log say who.
        let editor = Actor::user(uuid::Uuid::now_v7(), vec![], rapport_model::Grants::administrator());
        let updated =
            s.update(&editor, "people", person.id, 1, &obj(json!({"title": "CEO", "birthday": null}))).await.unwrap();
        assert_eq!(updated.updated_by, editor.user_id(), "{}", db.name);
        assert_eq!(updated.created_by, None, "{}", db.name);
        assert_eq!(updated.version, 2);
        let stale = s.update(&actor, "people", person.id, 1, &obj(json!({"title": "CTO"}))).await;
        assert!(matches!(stale, Err(StoreError::Conflict { expected: 1, actual: 2, .. })), "{}: {stale:?}", db.name);
        let again = s.get(&actor, "people", person.id).await.unwrap();
        assert_eq!(again.to_json(&objdef)["title"], "CEO");
        assert!(again.to_json(&objdef).get("birthday").is_none());

        let deleted = s.delete(&actor, "people", person.id, Some(2)).await.unwrap();
        assert!(deleted.deleted_at.is_some());
        assert!(matches!(s.get(&actor, "people", person.id).await, Err(StoreError::NotFound { .. })));
        s.restore(&actor, "people", person.id).await.unwrap();
        assert_eq!(s.get(&actor, "people", person.id).await.unwrap().version, 4);
        s.delete(&actor, "people", person.id, None).await.unwrap();
        s.purge(&actor, "people", person.id).await.unwrap();
        assert!(matches!(s.get_including_deleted(&actor, "people", person.id).await, Err(StoreError::NotFound { .. })));

        let audit = s.audit_of(&actor, "people", person.id).await.unwrap();
        let actions: Vec<(&str, Option<&str>)> =
            audit.iter().map(|a| (a.action.as_str(), a.field_id.as_deref())).collect();
        assert_eq!(
            actions,
            vec![
                ("create", None),
                ("update", Some("birthday")),
                ("update", Some("title")),
                ("delete", None),
                ("restore", None),
                ("delete", None),
                ("purge", None)
            ],
            "{}",
            db.name
        );
        let birthday = &audit[1];
        assert_eq!(birthday.old_value, Some(json!("1980-02-29")));
        assert_eq!(birthday.new_value, None);
        assert_eq!(birthday.actor_id, editor.user_id(), "{}", db.name);
        assert_eq!(audit[2].new_value, Some(json!("CEO")));
        assert_eq!(audit[0].actor_id, None, "{}: the system created it", db.name);
        let created = audit[0].new_value.as_ref().unwrap();
        assert_eq!(created["name"], json!({"first": "Γιώργος", "last": "Παπαδόπουλος"}), "{}", db.name);
    }
}

/// A soft-deleted activity leaves the timelines it is on and comes back on restore;
/// timelines are newest first and page by their cursor.
#[tokio::test]
async fn timelines_follow_activity_deletes() {
    for db in each_backend().await {
        let s = &db.store;
        let actor = Actor::system();
        let person =
            s.create(&actor, "people", &obj(json!({"name": {"first": "Réka", "last": "Farkas"}}))).await.unwrap();
        let mut calls = Vec::new();
        for (i, at) in ["2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"].iter().enumerate() {
            let input = obj(json!({"subject": format!("Call {i}"), "direction": "outbound", "started_at": at}));
            let call = s.create(&actor, "calls", &input).await.unwrap();
            let when = rapport_model::value::parse_datetime(at).unwrap();
            s.link_activity(&actor, ("calls", call.id), ("people", person.id), when).await.unwrap();
            calls.push((call.id, when));
        }
        let ids =
            |links: Vec<rapport_store::timeline::Link>| links.into_iter().map(|l| l.activity_id).collect::<Vec<_>>();
        let all = ids(s.timeline(&actor, "people", person.id, None, 10).await.unwrap());
        assert_eq!(all, vec![calls[2].0, calls[1].0, calls[0].0], "{}: newest first", db.name);
        let after_first =
            ids(s.timeline(&actor, "people", person.id, Some((calls[2].1, calls[2].0)), 10).await.unwrap());
        assert_eq!(after_first, vec![calls[1].0, calls[0].0], "{}: the cursor pages", db.name);

        s.delete(&actor, "calls", calls[1].0, None).await.unwrap();
        let live = ids(s.timeline(&actor, "people", person.id, None, 10).await.unwrap());
        assert_eq!(live, vec![calls[2].0, calls[0].0], "{}: a deleted call leaves the timeline", db.name);
        s.restore(&actor, "calls", calls[1].0).await.unwrap();
        let back = ids(s.timeline(&actor, "people", person.id, None, 10).await.unwrap());
        assert_eq!(back, all, "{}: and comes back with its restore", db.name);
    }
}

/// No lost update: writers who all read version 1 and change the record at once get
/// exactly one success; every other gets a conflict naming the version it is at, and
/// the record holds the winner's value.
#[tokio::test]
async fn of_concurrent_updates_from_one_version_exactly_one_wins() {
    for db in each_backend().await {
        let actor = Actor::system();
        let company = db.store.create(&actor, "companies", &obj(json!({"name": "Race Ltd"}))).await.unwrap();
        let mut writers = tokio::task::JoinSet::new();
        for i in 0..12 {
            let store = db.store.clone();
            let actor = actor.clone();
            writers.spawn(async move {
                let change = obj(json!({"description": format!("writer {i}")}));
                (i, store.update(&actor, "companies", company.id, 1, &change).await)
            });
        }
        let mut winners = Vec::new();
        while let Some(done) = writers.join_next().await {
            match done.unwrap() {
                (i, Ok(_)) => winners.push(i),
                (_, Err(StoreError::Conflict { expected: 1, actual: 2, .. })) => {}
                (_, Err(e)) => panic!("{}: {e}", db.name),
            }
        }
        assert_eq!(winners.len(), 1, "{}: {winners:?}", db.name);
        let now = db.store.get(&actor, "companies", company.id).await.unwrap();
        assert_eq!(now.version, 2, "{}", db.name);
        assert_eq!(
            now.get("description"),
            &rapport_model::Value::Text(format!("writer {}", winners[0])),
            "{}",
            db.name
        );
    }
}

/// Units that each make activities and link them to the same records, in orders of
/// their own, side by side (as the demo once seeded, and as people log calls on a
/// shared account): every one commits, none ends as a deadlock — a link only
/// share-locks the record it lands on — and every link is on its timeline.
#[tokio::test]
async fn units_linking_the_same_records_side_by_side_never_deadlock() {
    const UNITS: usize = 8;
    const CALLS: usize = 5;
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        let mut targets = Vec::new();
        for n in 0..3 {
            let person = obj(json!({"name": {"first": format!("Shared{n}"), "last": "Account"}}));
            targets.push(s.create(&actor, "people", &person).await.unwrap().id);
        }
        let mut units = tokio::task::JoinSet::new();
        for unit in 0..UNITS {
            let (s, actor) = (s.clone(), actor.clone());
            // Each unit walks the records from its own place, half of them backwards.
            let mut order: Vec<uuid::Uuid> = (0..targets.len()).map(|i| targets[(i + unit) % targets.len()]).collect();
            if unit % 2 == 1 {
                order.reverse();
            }
            units.spawn(async move {
                s.transaction(&actor, move |tx| {
                    Box::pin(async move {
                        for call in 0..CALLS {
                            let input =
                                json!({"subject": format!("Call {unit}.{call}"), "direction": "inbound", "started_at": "2026-02-01T09:00:00Z"});
                            let made = tx.create("calls", &obj(input)).await?;
                            for target in &order {
                                tx.link(("calls", made.id), ("people", *target), rapport_store::now()).await?;
                            }
                        }
                        Ok::<(), StoreError>(())
                    })
                })
                .await
            });
        }
        while let Some(done) = units.join_next().await {
            done.unwrap().unwrap_or_else(|e| panic!("{}: {e}", db.name));
        }
        for target in targets {
            let timeline = s.timeline(&actor, "people", target, None, 100).await.unwrap();
            assert_eq!(timeline.len(), UNITS * CALLS, "{}", db.name);
        }
    }
}
