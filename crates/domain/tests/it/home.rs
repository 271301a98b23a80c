//! Home's rules, on every database: which open opportunities need attention (past
//! their expected close, nothing planned on their timeline, unchanged for the rotting
//! days) with a clock the test moves; the records an activity is linked to, within
//! the reader's reach; who manages a team and who its members are.

use rapport_domain::Crm;
use rapport_domain::home::{AttentionQuery, NeedsAttention, manages_team};
use rapport_domain::model::{Actor, Filter};
use rapport_domain::testing::each_database;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::access::{add_user, obj};
use crate::demo::config;

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

/// What needs attention `days` from now, for `actor`'s own opportunities: each
/// record's name and reasons (past, nothing planned, rotting).
async fn attention(crm: &Crm, actor: &Actor, days: i64) -> Vec<(String, (bool, bool, bool))> {
    let now = OffsetDateTime::now_utc() + Duration::days(days);
    let query = AttentionQuery { filter: Some(Filter::eq("owner", "me")), now, today: now.date(), limit: 50 };
    let found: Vec<NeedsAttention> = crm.needing_attention(actor, "opportunities", query).await.unwrap();
    let name = |f: &NeedsAttention| match f.record.get("name") {
        rapport_domain::model::Value::Text(t) => t.clone(),
        _ => String::new(),
    };
    let mut out: Vec<_> = found.iter().map(|f| (name(f), (f.past, f.no_next_step, f.rotting))).collect();
    out.sort();
    out
}

#[tokio::test]
async fn open_opportunities_need_attention_when_late_unplanned_or_left_alone() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let sys = Actor::system();
        crm.create_team(&sys, "Athens").await.unwrap();
        let rep = add_user(&crm, "rep@home.test", "sales_rep", "Athens").await;
        let other = add_user(&crm, "other@home.test", "sales_rep", "Athens").await;
        let pipeline = crm.create(&sys, "pipelines", &obj(json!({"name": "Sales"}))).await.unwrap().id;
        let stage = |name: &str, kind: &str| {
            let (crm, input) = (crm.clone(), obj(json!({"pipeline": pipeline, "name": name, "kind": kind})));
            async move { crm.create(&Actor::system(), "stages", &input).await.unwrap().id }
        };
        let (open, won) = (stage("Proposal", "open").await, stage("Won", "won").await);
        let today = OffsetDateTime::now_utc().date();
        let deal = |name: &str, stage: Uuid, owner: Uuid, close_in: i64| {
            let close = (today + Duration::days(close_in)).to_string();
            let input =
                obj(json!({"name": name, "pipeline": pipeline, "stage": stage, "owner": owner, "close_date": close}));
            let crm = crm.clone();
            async move { crm.create(&Actor::system(), "opportunities", &input).await.unwrap().id }
        };
        let planned = deal("Planned", open, rep, 60).await;
        let late = deal("Late", open, rep, -3).await;
        let unplanned = deal("Unplanned", open, rep, 60).await;
        let closing = deal("Closing soon", open, rep, 10).await;
        deal("Won long ago", won, rep, -100).await;
        deal("Someone else's", open, other, -3).await;
        // Planned: a meeting next week and a task due in 40 days; Late: a task next week.
        // Unplanned: only a task already done, and one of the past.
        let now = OffsetDateTime::now_utc();
        // The rep's own activities (one the rep may not read would count for nothing).
        let activity = |object: &'static str, mut input: serde_json::Value, on: Uuid| {
            let crm = crm.clone();
            input["owner"] = json!(rep);
            async move {
                let made = crm.create(&Actor::system(), object, &obj(input)).await.unwrap();
                crm.link_activity(&Actor::system(), (object, made.id), ("opportunities", on), made.created_at)
                    .await
                    .unwrap();
            }
        };
        let week = now + Duration::days(7);
        activity(
            "meetings",
            json!({"subject": "Visit", "starts_at": iso(week), "ends_at": iso(week + Duration::hours(1))}),
            planned,
        )
        .await;
        activity(
            "tasks",
            json!({"subject": "Follow up", "status": "open", "due_at": iso(now + Duration::days(40))}),
            planned,
        )
        .await;
        activity("tasks", json!({"subject": "Chase", "status": "open", "due_at": iso(week)}), late).await;
        activity("tasks", json!({"subject": "Sent", "status": "done", "due_at": iso(week)}), unplanned).await;
        activity(
            "tasks",
            json!({"subject": "Missed", "status": "open", "due_at": iso(now - Duration::days(1))}),
            unplanned,
        )
        .await;
        activity("tasks", json!({"subject": "Call", "status": "in_progress", "due_at": iso(week)}), closing).await;

        let actor = crm.actor_for(rep).await.unwrap();
        let at = db.name();
        // Now: the late one (it has a next step), the unplanned one.
        assert_eq!(
            attention(&crm, &actor, 0).await,
            vec![("Late".into(), (true, false, false)), ("Unplanned".into(), (false, true, false))],
            "{at}"
        );
        // In 20 days: the meeting and the chase are past, "Closing soon" should have
        // closed (its call is past too); Planned still has its task in 40 days.
        assert_eq!(
            attention(&crm, &actor, 20).await,
            vec![
                ("Closing soon".into(), (true, true, false)),
                ("Late".into(), (true, true, false)),
                ("Unplanned".into(), (false, true, false)),
            ],
            "{at}"
        );
        // In 31 days every open one has been left alone for more than 30 days.
        let later = attention(&crm, &actor, 31).await;
        assert_eq!(later.len(), 4, "{at}: {later:?}");
        assert!(later.iter().all(|(_, (_, _, rotting))| *rotting), "{at}: {later:?}");
        assert_eq!(later.iter().find(|(n, _)| n == "Planned").map(|(_, r)| *r), Some((false, false, true)), "{at}");
    }
}

#[tokio::test]
async fn an_activity_links_the_records_the_reader_may_read() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let sys = Actor::system();
        crm.create_team(&sys, "Athens").await.unwrap();
        crm.create_team(&sys, "Budapest").await.unwrap();
        let rep = add_user(&crm, "rep@links.test", "sales_rep", "Athens").await;
        let far = add_user(&crm, "far@links.test", "sales_rep", "Budapest").await;
        let person = crm.create(&sys, "people", &obj(json!({"name": {"first": "Anna"}, "owner": rep}))).await.unwrap();
        let hidden = crm.create(&sys, "companies", &obj(json!({"name": "Far Kft.", "owner": far}))).await.unwrap();
        let task =
            crm.create(&sys, "tasks", &obj(json!({"subject": "Call", "status": "open", "owner": rep}))).await.unwrap();
        for (object, id) in [("people", person.id), ("companies", hidden.id)] {
            crm.link_activity(&sys, ("tasks", task.id), (object, id), task.created_at).await.unwrap();
        }
        let actor = crm.actor_for(rep).await.unwrap();
        let linked = crm.linked_records(&actor, "tasks", &[task.id]).await.unwrap();
        let seen: Vec<(String, Uuid)> = linked.iter().map(|l| (l.object.clone(), l.record.id)).collect();
        assert_eq!(seen, vec![("people".to_owned(), person.id)], "{}: not the other team's company", db.name());
        let all = crm.linked_records(&sys, "tasks", &[task.id]).await.unwrap();
        assert_eq!(all.len(), 2, "{}", db.name());
        // A task of someone the reader may not read links nothing.
        let theirs = crm
            .create(&sys, "tasks", &obj(json!({"subject": "Theirs", "status": "open", "owner": far})))
            .await
            .unwrap();
        crm.link_activity(&sys, ("tasks", theirs.id), ("people", person.id), theirs.created_at).await.unwrap();
        assert!(crm.linked_records(&actor, "tasks", &[theirs.id]).await.unwrap().is_empty(), "{}", db.name());
    }
}

#[tokio::test]
async fn a_manager_manages_the_team_a_rep_does_not_and_the_team_is_its_active_members() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let sys = Actor::system();
        crm.create_team(&sys, "Athens").await.unwrap();
        crm.create_team(&sys, "Budapest").await.unwrap();
        let boss = add_user(&crm, "boss@team.test", "sales_manager", "Athens").await;
        let rep = add_user(&crm, "rep@team.test", "sales_rep", "Athens").await;
        let gone = add_user(&crm, "gone@team.test", "sales_rep", "Athens").await;
        add_user(&crm, "far@team.test", "sales_rep", "Budapest").await;
        let alone = add_user(&crm, "alone@team.test", "sales_manager", "").await;
        let patch = rapport_domain::UserPatch { is_active: Some(false), ..Default::default() };
        crm.update_user(&sys, gone, patch).await.unwrap();
        let actor = |id| {
            let crm = crm.clone();
            async move { crm.actor_for(id).await.unwrap() }
        };
        let (boss_actor, rep_actor, alone_actor) = (actor(boss).await, actor(rep).await, actor(alone).await);
        assert!(manages_team(&boss_actor, "opportunity"), "{}", db.name());
        assert!(
            !manages_team(&rep_actor, "opportunity"),
            "{}: a rep reads the team's records but edits own",
            db.name()
        );
        assert!(!manages_team(&alone_actor, "opportunity"), "{}: no team, nothing to manage", db.name());
        let mut members: Vec<Uuid> = crm.team_members(&boss_actor).await.unwrap().iter().map(|u| u.id).collect();
        members.sort();
        let mut expected = vec![boss, rep];
        expected.sort();
        assert_eq!(members, expected, "{}: active members of the boss's team only", db.name());
        assert!(crm.team_members(&alone_actor).await.unwrap().is_empty(), "{}", db.name());
    }
}
