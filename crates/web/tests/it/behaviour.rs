//! Object behaviour is metadata: a custom object made through the API and marked for
//! the calendar, the quick actions and the navigation is on the calendar, offered on a
//! person's page and in the navigation at once, with no code; capabilities that do not
//! fit their object are refused naming the property; a field a capability uses cannot
//! be hidden; standard fields keep their API names.

use reqwest::Method;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::app::{App, Session, spawn_app};
use crate::records::{call, ok, refused, token_for};

const PASSWORD: &str = "a long enough passphrase for tests";

/// A "visit": an activity with a date-time, on the calendar for its length, in the
/// navigation bar first, and a quick action of record pages.
pub fn visit() -> Value {
    json!({"id": "visit", "api_name": "visits", "label": "Visit", "label_plural": "Visits", "is_activity": true,
        "label_field": "subject",
        "fields": [
            {"api_name": "subject", "label": "Subject", "type": "text", "required": true, "searchable": true},
            {"api_name": "visit_at", "label": "When", "type": "date_time", "required": true, "indexed": true},
            {"api_name": "length_seconds", "label": "Length", "type": "integer"},
            {"api_name": "note", "label": "Note", "type": "long_text"}],
        "behaviour": {
            "nav": {"group": "main", "rank": 5},
            "search_rank": 5,
            "calendar": {"start": "visit_at", "duration": "length_seconds"},
            "quick": {"rank": 1, "fields": ["subject", "visit_at"],
                "presets": [{"field": "visit_at", "value": {"day_at": {"days": 1, "hour": 10}}}]}}})
}

async fn admin(app: &App) -> (String, Session) {
    let token = token_for(app, "admin@example.com", "administrator", None).await;
    (token, app.sign_in("admin@example.com", PASSWORD).await)
}

/// The navigation bar's own entries (not those under "More").
fn bar(page: &str) -> &str {
    let nav = page.split("<nav id=\"nav\"").nth(1).unwrap_or("");
    nav.split("<details class=\"more\">").next().unwrap_or(nav)
}

#[tokio::test]
async fn a_custom_object_goes_on_the_calendar_the_quick_actions_and_the_navigation_by_metadata() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let (token, s) = admin(&app).await;
        ok(call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(visit())).await, 201).await;

        let (status, home) = app.page(&s, "/").await;
        assert_eq!(status, 200, "{at}");
        assert!(bar(&home).contains("href=\"/o/visits\""), "{at}: visits are in the bar: {}", bar(&home));

        // A quick action on a person's page makes a visit on the person's timeline.
        let person = json!({"name": {"first": "Eleni", "last": "Papadopoulou"}});
        let person = ok(call(&app, &token, Method::POST, "/api/v1/people", Some(person)).await, 201).await;
        let person_id = person["id"].as_str().unwrap();
        let (status, page) = app.page(&s, &format!("/o/people/{person_id}")).await;
        assert_eq!(status, 200, "{at}");
        assert!(page.contains("id=\"q-visits-f.subject\"") && page.contains("id=\"q-visits-f.visit_at\""), "{at}");
        assert!(!page.contains("id=\"q-visits-f.note\""), "{at}: only the quick action's fields");
        let when = OffsetDateTime::now_utc().replace_time(time::macros::time!(12:00));
        let local = format!("{}T12:00", when.date());
        let path = format!("/o/people/{person_id}/log/visits");
        let (status, timeline) = app.post_page(&s, &path, &[("f.subject", "Shop visit"), ("f.visit_at", &local)]).await;
        assert_eq!(status, 200, "{at}: {timeline}");
        assert!(timeline.contains("Shop visit"), "{at}: the visit is on the timeline");

        // On the calendar of its week, for its length.
        let made = json!({"subject": "Warehouse visit", "visit_at": when.format(&Rfc3339).unwrap(),
            "length_seconds": 5400});
        ok(call(&app, &token, Method::POST, "/api/v1/visits", Some(made)).await, 201).await;
        let (status, calendar) = app.page(&s, &format!("/calendar?view=week&date={}", when.date())).await;
        assert_eq!(status, 200, "{at}");
        assert!(calendar.contains("Warehouse visit") && calendar.contains("Shop visit"), "{at}: {calendar}");

        // A renamed field keeps its capability (capabilities name fields by id).
        let rename = json!({"api_name": "visited_at"});
        ok(call(&app, &token, Method::PATCH, "/api/v1/meta/objects/visits/fields/visit_at", Some(rename)).await, 200)
            .await;
        let (_, calendar) = app.page(&s, &format!("/calendar?view=week&date={}", when.date())).await;
        assert!(calendar.contains("Warehouse visit"), "{at}: still on the calendar after the rename");
    }
}

#[tokio::test]
async fn capabilities_that_do_not_fit_are_refused_naming_the_property() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let (token, _) = admin(&app).await;
        let mut bad = visit();
        bad["behaviour"]["calendar"]["start"] = json!("subject");
        let answer = call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(bad)).await;
        refused(answer, 400, "behaviour.calendar.start", "wrong_type").await;
        let mut bad = visit();
        bad["behaviour"]["calendar"]["duration"] = json!("no_such_field");
        let answer = call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(bad)).await;
        refused(answer, 400, "behaviour.calendar.duration", "unknown_field").await;
        let schema = ok(call(&app, &token, Method::GET, "/api/v1/meta/objects", None).await, 200).await;
        let names: Vec<&str> =
            schema["data"].as_array().unwrap().iter().filter_map(|o| o["api_name"].as_str()).collect();
        assert!(!names.contains(&"visits"), "{at}: nothing was made");

        // Made right, its used fields cannot be hidden until the capability changes.
        ok(call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(visit())).await, 201).await;
        let hide = json!({"hidden": true});
        let path = "/api/v1/meta/objects/visits/fields/visit_at";
        refused(call(&app, &token, Method::PATCH, path, Some(hide.clone())).await, 400, "hidden", "used_by").await;
        let board = json!({"behaviour": {"board": {"default": "visit_at"}}});
        let answer = call(&app, &token, Method::PATCH, "/api/v1/meta/objects/visits", Some(board)).await;
        refused(answer, 400, "behaviour.board.default", "wrong_type").await;
        // A preset must make a date-time the calendar holds, at an hour the day has.
        for value in [
            json!({"in_minutes": i64::MAX}),
            json!({"day_at": {"days": 1, "hour": 24}}),
            json!({"day_at": {"days": -100_000, "hour": 9}}),
            json!({"day_at": {"days": i64::MIN, "hour": 9}}),
            json!({"in_minutes": i64::MIN}),
        ] {
            let quick = json!({"behaviour": {"quick": {"fields": ["visit_at"], "presets": [{"field": "visit_at", "value": value}]}}});
            let answer = call(&app, &token, Method::PATCH, "/api/v1/meta/objects/visits", Some(quick)).await;
            refused(answer, 400, "behaviour.quick.presets.0.value", "out_of_range").await;
        }
        // Off the calendar, the field can go.
        let quiet = json!({"behaviour": {"nav": {"group": "more"}}});
        ok(call(&app, &token, Method::PATCH, "/api/v1/meta/objects/visits", Some(quiet)).await, 200).await;
        ok(call(&app, &token, Method::PATCH, path, Some(hide)).await, 200).await;

        // A standard field's option a capability needs, and its API name, stay.
        let due = "/api/v1/meta/objects/tasks/fields/due_at";
        let rename = json!({"api_name": "deadline"});
        refused(call(&app, &token, Method::PATCH, due, Some(rename)).await, 400, "api_name", "read_only").await;
        let status = "/api/v1/meta/objects/tasks/fields/status";
        let fewer = json!({"options": [{"value": "open", "label": "Open"}, {"value": "in_progress", "label": "Doing"},
            {"value": "done", "label": "Done"}]});
        refused(call(&app, &token, Method::PATCH, status, Some(fewer)).await, 400, "options", "used_by").await;

        // The administrator's OpenAPI document describes objects with their behaviour.
        let doc = ok(call(&app, &token, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        let body = |path: &str, op: &str| {
            doc["paths"][path][op]["requestBody"]["content"]["application/json"]["schema"].clone()
        };
        let made = body("/api/v1/meta/objects", "post");
        assert_eq!(made["properties"]["behaviour"]["properties"]["calendar"]["required"], json!(["start"]), "{at}");
        let changed = body("/api/v1/meta/objects/{object}", "patch");
        let quick = &changed["properties"]["behaviour"]["allOf"][0]["properties"]["quick"];
        assert_eq!(quick["required"], json!(["fields"]), "{at}: {changed}");
    }
}
