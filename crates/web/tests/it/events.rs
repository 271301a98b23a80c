//! `GET /api/v1/events` on every database: the events of writes made through the API,
//! with fields by their API names at read time, paged by `next_after`; administrators
//! only; every malformed parameter refused by name.

use rapport_domain::FieldPatch;
use rapport_domain::model::{Actor, FieldDef, FieldType};
use rapport_domain::testing::each_database;
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{App, spawn_app};
use crate::records::{call, ok, refused, token_for};

/// `GET /api/v1/events?{query}` once its page holds `count` events. On PostgreSQL a
/// transaction still open anywhere in the cluster (other tests run at once) holds
/// numbering back until it ends: waited for, two minutes at most.
async fn page_of(app: &App, token: &str, query: &str, count: usize) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let page = ok(call(app, token, Method::GET, &format!("/api/v1/events?{query}"), None).await, 200).await;
        if page["data"].as_array().map_or(0, Vec::len) >= count || std::time::Instant::now() > deadline {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn administrators_page_through_the_events_of_writes() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        let mut mileage = FieldDef::new("", "Mileage", FieldType::Integer { min: None, max: None });
        mileage.api_name = "mileage".into();
        let mileage = app.crm.add_field(&Actor::system(), "people", mileage).await.unwrap();

        let input = json!({"name": {"first": "Ana", "last": "Ruiz"}, "mileage": 10});
        let made = ok(call(&app, &token, Method::POST, "/api/v1/people", Some(input)).await, 201).await;
        let path = format!("/api/v1/people/{}", made["id"].as_str().unwrap());
        let patch = json!({"title": "CTO", "mileage": 12, "version": 1});
        ok(call(&app, &token, Method::PATCH, &path, Some(patch)).await, 200).await;
        // Renamed after the writes: events name fields as the schema names them now.
        let rename = FieldPatch { api_name: Some("distance".into()), ..FieldPatch::default() };
        app.crm.update_field(&Actor::system(), "people", &mileage.id, rename).await.unwrap();

        let page = page_of(&app, &token, "limit=1", 1).await;
        assert_eq!(page["next_after"], 1, "{at}: {page}");
        let created = &page["data"][0];
        assert_eq!(
            (&created["position"], &created["kind"], &created["object"], &created["record_id"]),
            (&json!(1), &json!("created"), &json!("people"), &made["id"]),
            "{at}: {created}"
        );
        assert!(created["actor_id"].is_string() && created["at"].is_string(), "{at}: {created}");
        assert_eq!(created["changes"]["distance"], json!({"old": null, "new": 10}), "{at}: {created}");

        let page = page_of(&app, &token, "after=1&object=people", 1).await;
        let updated = &page["data"][0];
        assert_eq!(page["data"].as_array().map(Vec::len), Some(1), "{at}: {page}");
        assert_eq!(updated["kind"], "updated", "{at}");
        assert_eq!(
            updated["changes"],
            json!({"distance": {"old": 10, "new": 12}, "title": {"old": null, "new": "CTO"}}),
            "{at}: only what changed, old and new"
        );
        let after = page["next_after"].as_i64().unwrap();
        let empty =
            ok(call(&app, &token, Method::GET, &format!("/api/v1/events?after={after}"), None).await, 200).await;
        assert_eq!(empty, json!({"data": [], "next_after": after}), "{at}: nothing after the last one");
        let companies = ok(call(&app, &token, Method::GET, "/api/v1/events?object=companies", None).await, 200).await;
        assert_eq!(companies["data"], json!([]), "{at}");
    }
}

#[tokio::test]
async fn events_are_for_administrators_and_bad_parameters_are_named() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let rep = token_for(&app, "rep@example.com", "sales_rep", None).await;
        let response = call(&app, &rep, Method::GET, "/api/v1/events", None).await;
        assert_eq!(response.status(), 403, "{at}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "forbidden", "{at}");

        let theirs = ok(call(&app, &rep, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        assert!(theirs["paths"].get("/api/v1/events").is_none(), "{at}: not in a sales rep's document");

        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        let doc = ok(call(&app, &token, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        let operation = &doc["paths"]["/api/v1/events"]["get"];
        assert_eq!(operation["operationId"], "listEvents", "{at}: in an administrator's document");
        for (query, field, code) in [
            ("after=-1", "after", "out_of_range"),
            ("after=first", "after", "out_of_range"),
            ("limit=0", "limit", "out_of_range"),
            ("limit=1001", "limit", "out_of_range"),
            ("object=unicorns", "object", "unknown_object"),
            ("after=1&after=2", "after", "repeated"),
            ("cursor=abc", "cursor", "unknown_parameter"),
        ] {
            let response = call(&app, &token, Method::GET, &format!("/api/v1/events?{query}"), None).await;
            refused(response, 400, field, code).await;
        }
    }
}
