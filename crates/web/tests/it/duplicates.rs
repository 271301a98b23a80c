//! `POST /api/v1/{object}/duplicates` on every database: a Greek name typed in Latin
//! letters and a shared email suggest the record, another team's record is never
//! suggested, bad input is a problem naming the field, and the route is in the
//! OpenAPI document.

use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::spawn_app;
use crate::records::{call, ok, refused, token_for};

fn names(answer: &Value) -> Vec<String> {
    let data = answer["data"].as_array().unwrap_or_else(|| panic!("no data in {answer}"));
    data.iter()
        .map(|r| format!("{} {}", r["name"]["first"].as_str().unwrap(), r["name"]["last"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn possible_duplicates_through_the_api() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let system = Actor::system();
        let north = app.crm.create_team(&system, "North").await.unwrap().id;
        let south = app.crm.create_team(&system, "South").await.unwrap().id;
        let token = token_for(&app, "rep@dup.example", "sales_rep", Some("North")).await;
        for (first, last, email, team) in [
            ("Γιώργος", "Παπαδόπουλος", "giorgos@example.gr", north),
            ("Giorgos", "Papadopoulos", "south@example.gr", south),
        ] {
            let input = json!({"name": {"first": first, "last": last}, "emails": [email], "team": team});
            app.crm.create(&system, "people", input.as_object().unwrap()).await.unwrap();
        }
        let ask = |body: Value| call(&app, &token, Method::POST, "/api/v1/people/duplicates", Some(body));

        let latin = ok(ask(json!({"name": {"first": "Giorgos", "last": "Papadopoulos"}})).await, 200).await;
        assert_eq!(names(&latin), ["Γιώργος Παπαδόπουλος"], "{at}");
        assert_eq!(latin["data"][0]["emails"][0]["value"], "giorgos@example.gr", "{at}: a whole record");
        let by_email = ok(ask(json!({"emails": ["Giorgos@Example.gr"]})).await, 200).await;
        assert_eq!(names(&by_email), ["Γιώργος Παπαδόπουλος"], "{at}");
        let theirs = ok(ask(json!({"emails": ["south@example.gr"]})).await, 200).await;
        assert_eq!(names(&theirs), Vec::<String>::new(), "{at}: another team's record");
        let unrelated = ok(ask(json!({"name": {"first": "Maria", "last": "Ioannou"}})).await, 200).await;
        assert_eq!(names(&unrelated), Vec::<String>::new(), "{at}");

        refused(ask(json!({"id": "nope"})).await, 400, "id", "not_a_uuid").await;
        refused(ask(json!({"emails": ["not an email"]})).await, 400, "emails.0", "not_an_email").await;
        refused(ask(json!([1, 2])).await, 400, "body", "wrong_type").await;
        let unknown = call(&app, &token, Method::POST, "/api/v1/spaceships/duplicates", Some(json!({}))).await;
        assert_eq!(unknown.status(), 404, "{at}");

        let doc = ok(call(&app, &token, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        let operation = &doc["paths"]["/api/v1/people/duplicates"]["post"];
        assert_eq!(operation["operationId"], "duplicatesPeople", "{at}: {operation}");
        assert!(
            operation["requestBody"]["content"]["application/json"]["schema"]["properties"]["id"].is_object(),
            "{at}"
        );
    }
}

/// The request that once overflowed the server's stack (issue 19): thousands of
/// emails or phones in one duplicates request are refused naming the field and the
/// limit, the server keeps answering, and a full field of contact points (the most a
/// record holds) is looked up in one statement on both databases.
#[tokio::test]
async fn thousands_of_contact_points_are_refused_and_the_server_lives() {
    use rapport_domain::model::value::MAX_CONTACT_POINTS;
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let token = token_for(&app, "admin@dup.example", "administrator", None).await;
        let ask = |body: Value| call(&app, &token, Method::POST, "/api/v1/people/duplicates", Some(body));
        let emails = |n: usize| (0..n).map(|i| format!("person{i}@example.com")).collect::<Vec<_>>();
        let phones = (0..5_000).map(|i| format!("+30210{i:07}")).collect::<Vec<_>>();
        for body in [json!({"emails": emails(5_000)}), json!({"emails": emails(MAX_CONTACT_POINTS + 1)})] {
            let answer = ask(body).await;
            assert_eq!(answer.status(), 400, "{at}");
            let problem: Value = answer.json().await.unwrap();
            let error = &problem["errors"][0];
            assert_eq!((error["field"].as_str(), error["code"].as_str()), (Some("emails"), Some("too_many")), "{at}");
            assert!(error["message"].as_str().unwrap_or("").contains("100"), "{at}: names the limit: {problem}");
        }
        refused(ask(json!({"phones": phones})).await, 400, "phones", "too_many").await;
        // A create with as many is refused the same way, and nothing is written.
        let create = json!({"name": {"first": "Many", "last": "Mails"}, "emails": emails(5_000)});
        refused(call(&app, &token, Method::POST, "/api/v1/people", Some(create)).await, 400, "emails", "too_many")
            .await;

        let mut most = emails(MAX_CONTACT_POINTS);
        let input = json!({"name": {"first": "Many", "last": "Mails"}, "emails": most.clone()});
        ok(call(&app, &token, Method::POST, "/api/v1/people", Some(input)).await, 201).await;
        most.reverse();
        let found = ok(ask(json!({"emails": most})).await, 200).await;
        assert_eq!(names(&found), ["Many Mails"], "{at}");
        let alive = call(&app, &token, Method::GET, "/api/v1/people?limit=1", None).await;
        assert_eq!(alive.status(), 200, "{at}: the server still answers");
    }
}
