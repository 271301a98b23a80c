//! What the settings pages call beyond the API's calls: memberships, a field's section
//! and place, and records changed together — on every database.

use rapport_domain::model::{Actor, FieldDef, FieldType};
use rapport_domain::settings::Move;
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DomainError};
use serde_json::json;

use crate::access::{add_user, obj};
use crate::demo::config;

#[tokio::test]
async fn memberships_list_every_users_roles_and_teams() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let north = crm.create_team(&system, "North").await.unwrap();
        crm.create_team(&system, "South").await.unwrap();
        let rep = add_user(&crm, "rep@example.com", "sales_rep", "North").await;
        let boss = add_user(&crm, "boss@example.com", "administrator", "").await;
        crm.set_user_roles(&system, boss, &["administrator".into(), "marketing".into()]).await.unwrap();
        let roles = crm.roles(&system).await.unwrap();
        let role = |key: &str| roles.iter().find(|r| r.standard_key.as_deref() == Some(key)).unwrap().id;

        let all = crm.memberships(&system).await.unwrap();
        assert_eq!(all.len(), 2, "{at}");
        let of = |id| all.iter().find(|m| m.user_id == id).unwrap();
        assert_eq!(of(rep).roles, vec![role("sales_rep")], "{at}");
        assert_eq!(of(rep).teams, vec![north.id], "{at}");
        let mut boss_roles = of(boss).roles.clone();
        boss_roles.sort();
        let mut expected = vec![role("administrator"), role("marketing")];
        expected.sort();
        assert_eq!(boss_roles, expected, "{at}");
        assert!(of(boss).teams.is_empty(), "{at}");

        // Only administrators see who holds what.
        let rep_actor = crm.actor_for(rep).await.unwrap();
        assert_eq!(crm.memberships(&rep_actor).await.unwrap_err().code(), "forbidden", "{at}");
    }
}

#[tokio::test]
async fn a_field_moves_and_changes_section_as_metadata_only() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let field = FieldDef::new("", "Shoe size", FieldType::Integer { min: Some(10), max: Some(60) });
        let field = FieldDef { api_name: "shoe_size".into(), ..field };
        let added = crm.add_field(&system, "people", field).await.unwrap();
        let order = |crm: Crm| async move {
            let schema = crm.schema(&Actor::system()).await.unwrap();
            let mut fields = schema.object("person").unwrap().fields.clone();
            fields.sort_by_key(|f| f.position);
            fields.into_iter().map(|f| f.id).collect::<Vec<_>>()
        };
        let before = order(crm.clone()).await;
        assert_eq!(before.last(), Some(&added.id), "{at}: a new field comes last");

        crm.move_field(&system, "people", &added.id, Move::Earlier).await.unwrap();
        let after = order(crm.clone()).await;
        let n = after.len();
        assert_eq!(after[n - 2], added.id, "{at}");
        assert_eq!(after[n - 1], before[n - 2], "{at}: the neighbour took its place");
        // Positions are numbered again, without gaps or ties.
        let schema = crm.schema(&system).await.unwrap();
        let mut positions: Vec<i32> = schema.object("person").unwrap().fields.iter().map(|f| f.position).collect();
        positions.sort_unstable();
        assert_eq!(positions, (0..i32::try_from(n).unwrap()).collect::<Vec<_>>(), "{at}");
        // At the start, a move earlier changes nothing.
        let first = after[0].clone();
        crm.move_field(&system, "people", &first, Move::Earlier).await.unwrap();
        assert_eq!(order(crm.clone()).await, after, "{at}");

        let moved = crm.update_field(&system, "people", &added.id, section(Some("  Fitting "))).await.unwrap();
        assert_eq!(moved.section.as_deref(), Some("Fitting"), "{at}");
        let schema = crm.schema(&system).await.unwrap();
        assert_eq!(schema.object("person").unwrap().field(&added.id).unwrap().section.as_deref(), Some("Fitting"));
        crm.update_field(&system, "people", &added.id, section(Some(""))).await.unwrap();
        let schema = crm.schema(&system).await.unwrap();
        assert_eq!(schema.object("person").unwrap().field(&added.id).unwrap().section, None, "{at}");

        // Bad input changes nothing and names what is wrong.
        let long = "x".repeat(61);
        let e = crm.update_field(&system, "people", &added.id, section(Some(&long))).await.unwrap_err();
        assert_eq!(e.code(), "validation_failed", "{at}");
        let e = crm.move_field(&system, "people", "no_such_field", Move::Later).await.unwrap_err();
        assert_eq!(e.code(), "unknown_field", "{at}");
        let rep = add_user(&crm, "rep@example.com", "sales_rep", "").await;
        let rep = crm.actor_for(rep).await.unwrap();
        let e = crm.move_field(&rep, "people", &added.id, Move::Later).await.unwrap_err();
        assert_eq!(e.code(), "forbidden", "{at}");
        let e = crm.update_field(&rep, "people", &added.id, section(Some("Mine"))).await.unwrap_err();
        assert_eq!(e.code(), "forbidden", "{at}");
        assert_eq!(order(crm.clone()).await, after, "{at}");
    }
}

#[tokio::test]
async fn records_changed_together_change_all_or_none() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let a = crm
            .create(&system, "pipelines", &obj(json!({"name": "New business", "is_default": true, "position": 0})))
            .await
            .unwrap();
        let b = crm
            .create(&system, "pipelines", &obj(json!({"name": "Renewals", "is_default": false, "position": 1})))
            .await
            .unwrap();
        let swap = vec![
            (a.id, a.version, obj(json!({"is_default": false, "position": 1}))),
            (b.id, b.version, obj(json!({"is_default": true, "position": 0}))),
        ];
        let saved = crm.update_together(&system, "pipelines", swap).await.unwrap();
        assert_eq!(saved.len(), 2, "{at}");
        let get = |id| {
            let crm = crm.clone();
            async move { crm.get(&Actor::system(), "pipelines", id).await.unwrap() }
        };
        let (a2, b2) = (get(a.id).await, get(b.id).await);
        let pipeline = crm.schema(&system).await.unwrap().object("pipeline").unwrap().clone();
        assert_eq!(a2.to_json(&pipeline)["is_default"], json!(false), "{at}");
        assert_eq!(b2.to_json(&pipeline)["position"], json!(0), "{at}");

        // One stale version: nothing changes.
        let stale = vec![
            (a.id, a2.version, obj(json!({"name": "Sales"}))),
            (b.id, b.version, obj(json!({"name": "Renewal business"}))),
        ];
        let e = crm.update_together(&system, "pipelines", stale).await.unwrap_err();
        assert!(matches!(e, DomainError::Store(_)), "{at}");
        assert_eq!(e.code(), "version_conflict", "{at}");
        assert_eq!(get(a.id).await.to_json(&pipeline)["name"], json!("New business"), "{at}");
        assert_eq!(get(b.id).await.to_json(&pipeline)["name"], json!("Renewals"), "{at}");
    }
}

/// A patch that only moves a field to another section.
fn section(name: Option<&str>) -> rapport_domain::FieldPatch {
    rapport_domain::FieldPatch { section: Some(name.map(str::to_owned)), ..Default::default() }
}
