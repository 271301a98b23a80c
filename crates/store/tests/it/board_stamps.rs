//! Migration 15 on a database made before it: the standard fields that carry a board's
//! stamps and a stage's rotting time are added, the capabilities that name them set,
//! and every deal gets its stamp from its history — the last change of its stage, else
//! its creation — on both databases.

use rapport_model::{Actor, Value};
use rapport_store::ObjectPatch;

use crate::harness::{each_backend, input, reopen};

#[tokio::test]
async fn an_older_database_gets_the_board_stamps_from_its_history() {
    for db in each_backend().await {
        let name = db.name;
        let (store, sys) = (&db.store, Actor::system());
        let pipeline = store.create(&sys, "pipelines", &input(serde_json::json!({"name": "Sales"}))).await.unwrap();
        let stage = |n: &str, i: i64| {
            input(serde_json::json!({"pipeline": pipeline.id.to_string(), "name": n, "position": i, "kind": "open"}))
        };
        let first = store.create(&sys, "stages", &stage("Qualify", 0)).await.unwrap();
        let second = store.create(&sys, "stages", &stage("Proposal", 1)).await.unwrap();
        let deal = |n: &str| {
            input(serde_json::json!({"name": n, "pipeline": pipeline.id.to_string(), "stage": first.id.to_string()}))
        };
        let still = store.create(&sys, "opportunities", &deal("Still")).await.unwrap();
        let moved = store.create(&sys, "opportunities", &deal("Moved")).await.unwrap();
        let to_second = input(serde_json::json!({"stage": second.id.to_string()}));
        let moved = store.update(&sys, "opportunities", moved.id, moved.version, &to_second).await.unwrap();
        let renamed = input(serde_json::json!({"name": "Moved, renamed"}));
        let moved_edit = store.update(&sys, "opportunities", moved.id, moved.version, &renamed).await.unwrap();

        // As it was before migration 15: no stamp, no rotting, no planned activities.
        let schema = store.schema().await.unwrap();
        for (object, strip) in [("opportunities", 0), ("stages", 1), ("tasks", 2), ("meetings", 2)] {
            let mut behaviour = schema.object_by_api(object).unwrap().behaviour.clone();
            match strip {
                0 => behaviour.board.iter_mut().for_each(|b| (b.since, b.card) = (None, Vec::new())),
                1 => behaviour.stages.iter_mut().for_each(|s| s.rotting = None),
                _ => behaviour.planned = None,
            }
            let patch = ObjectPatch { behaviour: Some(behaviour), ..ObjectPatch::default() };
            store.update_object(&sys, object, patch).await.unwrap();
        }
        crate::migrations::execute(
            &db.location,
            "ALTER TABLE obj_opportunity DROP COLUMN stage_entered_at; ALTER TABLE obj_stage DROP COLUMN rotting_days; \
             DELETE FROM meta_fields WHERE id IN ('stage_entered_at', 'rotting_days'); \
             DELETE FROM schema_migrations WHERE version = 15",
        )
        .await;

        let store = reopen(&db.location).await.unwrap_or_else(|e| panic!("{name}: upgrade: {e}"));
        let schema = store.schema().await.unwrap();
        let deals = schema.object_by_api("opportunities").unwrap();
        let board = deals.behaviour.board.clone().unwrap();
        assert_eq!(board.since.as_deref(), Some("stage_entered_at"), "{name}");
        assert_eq!(board.card, ["company", "person"], "{name}");
        assert!(deals.field("stage_entered_at").is_some_and(|f| f.read_only), "{name}");
        let stages = schema.object_by_api("stages").unwrap();
        assert_eq!(stages.behaviour.stages.as_ref().unwrap().rotting.as_deref(), Some("rotting_days"), "{name}");
        for activity in ["tasks", "meetings"] {
            assert!(schema.object_by_api(activity).unwrap().behaviour.planned.is_some(), "{name}: {activity}");
        }
        let stamp = |record: &rapport_model::Record| record.get("stage_entered_at").clone();
        let still = store.get(&sys, "opportunities", still.id).await.unwrap();
        assert_eq!(stamp(&still), Value::DateTime(still.created_at), "{name}: never moved: its creation");
        // The audit row of the move is written with the move, a moment after the row.
        let after = store.get(&sys, "opportunities", moved.id).await.unwrap();
        let Value::DateTime(at) = stamp(&after) else { panic!("{name}: no stamp: {after:?}") };
        assert!(at >= moved.updated_at && at < moved_edit.updated_at, "{name}: its move, not its later rename: {at}");
        crate::migrations::assert_migrated_once(name, &db.location).await;
    }
}
