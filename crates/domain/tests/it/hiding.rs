//! Field-level rules through every read and write path, timelines, activity links,
//! reassignment and the audit trail as a restricted user sees them.

use rapport_domain::model::filter::parse;
use rapport_domain::model::sort::parse_sort;
use rapport_domain::model::{Actor, FieldError, Reason};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DomainError, ListQuery};
use serde_json::json;
use uuid::Uuid;

use crate::access::{World, obj};
use crate::demo::config;

fn actor(world: &World, key: &str) -> Actor {
    world.users.iter().find(|(k, _, _)| k == key).map(|(_, _, a)| a.clone()).unwrap()
}

fn field_errors(e: &DomainError) -> Vec<FieldError> {
    match e {
        DomainError::Store(s) => s.field_errors().to_vec(),
        _ => Vec::new(),
    }
}

/// The error a field that does not exist at all gets, with the field's name put in.
fn same_as_missing(hidden: &DomainError, missing: &DomainError, hidden_name: &str, missing_name: &str) {
    assert_eq!(hidden.code(), missing.code());
    assert_eq!(hidden.to_string().replace(hidden_name, "F"), missing.to_string().replace(missing_name, "F"));
}

#[tokio::test]
async fn a_hidden_field_is_absent_from_every_read_and_refused_on_write() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let (admin, marketing) = (actor(&world, "administrator"), actor(&world, "marketing"));
        let crm = &world.crm;
        let input = json!({"name": "Hidden Co", "tax_id": "EL094019245 zsecretq",
            "annual_revenue": {"amount": "1000", "currency": "EUR"}});
        let company = crm.create(&admin, "companies", &obj(input)).await.unwrap();
        let at = db.name();

        // Answers: get, list, export.
        let got = crm.get(&marketing, "companies", company.id).await.unwrap();
        assert!(!got.values.contains_key("tax_id"), "{at}: get shows a hidden field");
        assert!(got.values.contains_key("annual_revenue"), "{at}: a read-only field is readable");
        let listed = crm.list(&marketing, "companies", ListQuery { limit: 50, ..ListQuery::default() }).await.unwrap();
        assert!(listed.records.iter().all(|r| !r.values.contains_key("tax_id")), "{at}: list");
        assert!(listed.records.iter().any(|r| r.id == company.id));
        let mut csv = Vec::new();
        crm.export_csv(&marketing, "companies", ListQuery::default(), &mut csv).await.unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.lines().next().unwrap().contains("annual_revenue") && !csv.contains("tax_id"), "{at}: {csv}");
        assert!(!csv.contains("zsecretq"), "{at}: export leaks the hidden value");

        // Filter, sort and search cannot reach it, and say so as for a missing field.
        let by = |filter: &str| ListQuery { filter: Some(parse(filter).unwrap()), ..ListQuery::default() };
        let hidden = crm.list(&marketing, "companies", by("tax_id[eq]:x")).await.unwrap_err();
        let missing = crm.list(&marketing, "companies", by("nosuch[eq]:x")).await.unwrap_err();
        same_as_missing(&hidden, &missing, "tax_id", "nosuch");
        let hidden = crm.count(&marketing, "companies", by("tax_id[is]:not_null")).await.unwrap_err();
        assert_eq!(hidden.code(), "unknown_field", "{at}: count");
        let sort = |s: &str| ListQuery { sort: parse_sort(s).unwrap(), ..ListQuery::default() };
        let hidden = crm.list(&marketing, "companies", sort("tax_id[asc]")).await.unwrap_err();
        let missing = crm.list(&marketing, "companies", sort("nosuch[asc]")).await.unwrap_err();
        same_as_missing(&hidden, &missing, "tax_id", "nosuch");
        let search = ListQuery { q: Some("zsecretq".into()), ..ListQuery::default() };
        assert!(crm.list(&marketing, "companies", search.clone()).await.unwrap().records.is_empty(), "{at}: search");
        assert_eq!(crm.list(&admin, "companies", search).await.unwrap().records.len(), 1, "{at}: search as admin");

        // Writes: hidden is unknown, read-only is read-only; nothing changes.
        let hidden_write = obj(json!({"tax_id": "x", "description": "y"}));
        let refused = crm.update(&marketing, "companies", company.id, got.version, &hidden_write).await.unwrap_err();
        assert_eq!(field_errors(&refused), vec![FieldError::new("tax_id", Reason::UnknownField)], "{at}");
        let read_only_write = obj(json!({"annual_revenue": {"amount": "1", "currency": "EUR"}}));
        let refused = crm.update(&marketing, "companies", company.id, got.version, &read_only_write).await.unwrap_err();
        assert_eq!(field_errors(&refused), vec![FieldError::new("annual_revenue", Reason::ReadOnly)], "{at}");
        let unchanged = crm.get(&admin, "companies", company.id).await.unwrap();
        assert_eq!(unchanged.version, company.version, "{at}: a refused write changed the record");

        // The audit trail keeps the hidden field's history from those who may not see it.
        crm.update(&admin, "companies", company.id, unchanged.version, &obj(json!({"tax_id": "EL1 znewq"})))
            .await
            .unwrap();
        let theirs = crm.audit_of(&marketing, "companies", company.id).await.unwrap();
        let text = serde_json::to_string(
            &theirs.iter().map(|e| (&e.field_id, &e.old_value, &e.new_value)).collect::<Vec<_>>(),
        )
        .unwrap();
        assert!(!text.contains("zsecretq") && !text.contains("znewq") && !text.contains("tax_id"), "{at}: {text}");
        assert_eq!(theirs.len(), 1, "{at}: only the create entry is left");
        let all = crm.audit_of(&admin, "companies", company.id).await.unwrap();
        assert!(all.iter().any(|e| e.field_id.as_deref() == Some("tax_id")), "{at}");
    }
}

#[tokio::test]
async fn timelines_links_and_reassignment_follow_the_rules() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let crm = &world.crm;
        let (rep, admin) = (actor(&world, "sales_rep"), actor(&world, "administrator"));
        let rep_id = rep.user_id().unwrap();
        let at = db.name();
        let company = world.record("companies", "ktl", world.mate, world.north).await;
        let hidden_company = world.record("companies", "ktl", world.outsider, world.south).await;
        let team_note = world.record("notes", "ktl", world.mate, world.north).await;
        let other_note = world.record("notes", "ktl", world.outsider, world.south).await;
        let when = rapport_store_now();
        for note in [team_note, other_note] {
            crm.link_activity(&admin, ("notes", note), ("companies", company), when).await.unwrap();
        }
        // The rep sees the team's note on the team's company, not the outsider's.
        let theirs = crm.timeline(&rep, "companies", company, None, 10).await.unwrap();
        assert_eq!(theirs.iter().map(|l| l.activity_id).collect::<Vec<_>>(), vec![team_note], "{at}");
        assert_eq!(crm.timeline(&admin, "companies", company, None, 10).await.unwrap().len(), 2, "{at}");
        let unseen = crm.timeline(&rep, "companies", hidden_company, None, 10).await.unwrap_err();
        assert_eq!(unseen.code(), "not_found", "{at}");

        // Linking: the activity must be the rep's to edit, the record theirs to read.
        let own_note = world.record("notes", "ktl", rep_id, world.north).await;
        let refused = crm.link_activity(&rep, ("notes", other_note), ("companies", company), when).await;
        assert_eq!(refused.unwrap_err().code(), "not_found", "{at}");
        let refused = crm.link_activity(&rep, ("notes", own_note), ("companies", hidden_company), when).await;
        assert_eq!(refused.unwrap_err().code(), "not_found", "{at}");
        crm.link_activity(&rep, ("notes", own_note), ("companies", company), when).await.unwrap();
        let audit = crm.audit_of(&admin, "companies", company).await.unwrap();
        assert_eq!(audit.iter().filter(|e| e.action == "link").count(), 3, "{at}: links are audited");
        // The rep's view of the trail names only the activities the rep may read.
        let theirs = crm.audit_of(&rep, "companies", company).await.unwrap();
        let linked: Vec<String> = theirs
            .iter()
            .filter(|e| e.action == "link")
            .filter_map(|e| e.new_value.as_ref()?.get("id")?.as_str().map(str::to_owned))
            .collect();
        assert_eq!(linked.len(), 2, "{at}: {linked:?}");
        assert!(!linked.contains(&other_note.to_string()), "{at}: the trail leaks the outsider's note");

        // Reassignment keeps history, checks the new owner, and is all or nothing.
        let mine = world.record("companies", "kre", rep_id, world.north).await;
        let bad = crm.reassign(&admin, "companies", &[mine], Some(Some(Uuid::now_v7())), None).await.unwrap_err();
        assert_eq!(field_errors(&bad), vec![FieldError::new("owner", Reason::UnknownRecord)], "{at}");
        let mixed = crm.reassign(&rep, "companies", &[mine, company], Some(Some(world.mate)), None).await;
        assert_eq!(mixed.unwrap_err().code(), "forbidden", "{at}: the rep may not edit the mate's company");
        let still = crm.get(&admin, "companies", mine).await.unwrap();
        assert_eq!(still.owner_id, Some(rep_id), "{at}: a refused batch changed a record");
        let moved = crm
            .reassign(&admin, "companies", &[mine, company], Some(Some(world.outsider)), Some(Some(world.south)))
            .await
            .unwrap();
        assert!(moved.iter().all(|r| r.owner_id == Some(world.outsider) && r.team_id == Some(world.south)));
        let history = crm.audit_of(&admin, "companies", mine).await.unwrap();
        let owner_change = history.iter().find(|e| e.field_id.as_deref() == Some("owner_id")).unwrap();
        assert_eq!(owner_change.old_value, Some(json!(rep_id.to_string())), "{at}");
        assert_eq!(owner_change.new_value, Some(json!(world.outsider.to_string())), "{at}");
        // Now out of the rep's reach: as if it did not exist.
        assert_eq!(crm.get(&rep, "companies", mine).await.unwrap_err().code(), "not_found", "{at}");
    }
}

fn rapport_store_now() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1000 * 1000).unwrap_or(now)
}

#[tokio::test]
async fn a_role_without_access_to_an_object_does_not_open_its_fields() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let at = db.name();
        let crm = &world.crm;
        // Sales rep (lead score read-only) + service agent (no leads at all).
        let id = crate::access::add_user(crm, "both@matrix.test", "sales_rep", "North").await;
        crm.set_user_roles(&Actor::system(), id, &["sales_rep".into(), "service_agent".into()]).await.unwrap();
        let both = crm.actor_for(id).await.unwrap();
        let lead = crm.create(&both, "leads", &obj(json!({"name": {"last": "Lead"}, "status": "new"}))).await.unwrap();
        let raise = crm.update(&both, "leads", lead.id, lead.version, &obj(json!({"score": 99}))).await.unwrap_err();
        assert_eq!(field_errors(&raise), vec![FieldError::new("score", Reason::ReadOnly)], "{at}");
        // What the service agent adds stays: companies' details are editable by it.
        let company = crm.create(&both, "companies", &obj(json!({"name": "Both Co"}))).await.unwrap();
        crm.update(&both, "companies", company.id, company.version, &obj(json!({"description": "x"}))).await.unwrap();
    }
}

#[tokio::test]
async fn a_read_only_user_leaves_no_file_behind_and_exports_are_recorded_first() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let at = db.name();
        let crm = &world.crm;
        let (read_only, manager) = (actor(&world, "read_only"), actor(&world, "sales_manager"));
        let company = world.record("companies", "kfile", world.mate, world.north).await;
        let bytes = b"only for this test, nowhere else".as_slice();
        let file = rapport_domain::files::NewFile { file_name: "x.txt", content_type: "text/plain", bytes };
        let refused = crm.attach(&read_only, ("companies", company), file).await.unwrap_err();
        assert_eq!(refused.code(), "forbidden", "{at}");
        let files = db.data_dir.join("files");
        let stored = std::fs::read_dir(&files).map(|d| d.count()).unwrap_or(0);
        assert_eq!(stored, 0, "{at}: the refused attachment's bytes were written");

        let mut out = Vec::new();
        crm.export_csv(&manager, "companies", ListQuery::default(), &mut out).await.unwrap();
        let me = manager.user_id().unwrap();
        let kinds: Vec<String> =
            crm.security_events(&manager, me, 10).await.unwrap().into_iter().map(|e| e.kind).collect();
        assert_eq!(kinds[..2], ["export_completed".to_owned(), "export".to_owned()], "{at}: {kinds:?}");
        // Refused before anything is written or recorded.
        let e = crm.export_csv(&read_only, "companies", ListQuery::default(), &mut Vec::new()).await.unwrap_err();
        assert_eq!(e.code(), "forbidden", "{at}");
    }
}
