//! Text that arrives (issue 19): NUL characters, bytes that are not UTF-8, malformed
//! escapes and repeated JSON keys are refused at the edge with a 400 that names the
//! parameter, in the caller's language, alike on both databases — signed in or not,
//! in a query, a path, a form or a JSON body — and nothing is written.

use rapport_domain::testing::each_database;
use reqwest::Method;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};

use crate::records::{call, ok, token_for};

/// Asserts a 400 naming `field` with `code`, and gives the problem.
async fn refused_at_the_edge(response: reqwest::Response, field: &str, code: &str, at: &str) -> Value {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(status, 400, "{at}: {field}: {body}");
    let named = body["errors"].as_array().is_some_and(|e| e.iter().any(|e| e["field"] == field && e["code"] == code));
    assert!(named, "{at}: expected {field}/{code} in {body}");
    body
}

#[tokio::test]
async fn nul_and_invalid_text_are_refused_naming_the_parameter() {
    for db in each_database().await {
        let app = spawn(&db).await;
        let at = db.name();
        let token = token_for(&app, "admin@input.example", "administrator", None).await;
        let get = |path: String| {
            let (app, token) = (&app, token.clone());
            async move { call(app, &token, Method::GET, &path, None).await }
        };
        for (query, parameter) in [
            ("filter=name[contains]:a%00b", "filter"),
            ("filter=emails[eq]:a%00@example.com", "filter"),
            ("filter=address.city[in]:[x,%00]", "filter"),
            ("filter=title[like]:%00%25", "filter"),
            ("q=%00", "q"),
            ("order_by=name%00", "order_by"),
            ("cursor=%00", "cursor"),
        ] {
            refused_at_the_edge(get(format!("/api/v1/people?{query}")).await, parameter, "nul_character", at).await;
        }
        refused_at_the_edge(get("/api/v1/people?q=%FF%FE".into()).await, "q", "invalid_utf8", at).await;
        refused_at_the_edge(get("/api/v1/people?q=%".into()).await, "q", "malformed_query", at).await;
        refused_at_the_edge(get("/api/v1/people?q=%4".into()).await, "q", "malformed_query", at).await;
        refused_at_the_edge(get("/api/v1/people%00".into()).await, "path", "nul_character", at).await;
        refused_at_the_edge(get("/api/v1/%C0%AF".into()).await, "path", "invalid_utf8", at).await;

        // Bodies: a record, a token's name, a field's label, a team in settings.
        let person = json!({"name": {"first": "Nul\u{0}l", "last": "X"}});
        let answer = call(&app, &token, Method::POST, "/api/v1/people", Some(person)).await;
        refused_at_the_edge(answer, "name.first", "nul_character", at).await;
        let token_name = json!({"name": "ci\u{0}"});
        let answer = call(&app, &token, Method::POST, "/api/v1/me/tokens", Some(token_name)).await;
        refused_at_the_edge(answer, "name", "nul_character", at).await;
        let field = json!({"api_name": "shoe_size", "label": "Shoe\u{0}size", "type": "integer"});
        let answer = call(&app, &token, Method::POST, "/api/v1/meta/objects/people/fields", Some(field)).await;
        refused_at_the_edge(answer, "label", "nul_character", at).await;
        let key = json!({"name": {"first": "A"}, "em\u{0}ails": []});
        let answer = call(&app, &token, Method::POST, "/api/v1/people", Some(key)).await;
        refused_at_the_edge(answer, "emails", "nul_character", at).await;

        // Signed out: the sign-in form and the sign-in API.
        let login = json!({"email": "admin@input.example\u{0}", "password": "x"});
        let answer = app.client.post(app.url("/auth/login")).header(ORIGIN, &app.base).json(&login).send().await;
        refused_at_the_edge(answer.unwrap(), "email", "nul_character", at).await;
        let form = app
            .client
            .post(app.url("/login"))
            .header(ORIGIN, &app.base)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("email=a%00%40example.com&password=x")
            .send()
            .await
            .unwrap();
        refused_at_the_edge(form, "email", "nul_character", at).await;
        let page = app
            .client
            .get(app.url("/o/people?q=%00"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(ACCEPT_LANGUAGE, "hu")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 400, "{at}: a browser gets a page");
        assert!(page.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{at}");
        assert!(page.text().await.unwrap().contains("NUL karakter"), "{at}: says why, in Hungarian");

        // Without credentials a record route reads no body at all: refused (403 by the
        // Origin check, 401 with a bad token), whatever the body holds.
        let stranger = |body: String| {
            app.client.post(app.url("/api/v1/people")).header(CONTENT_TYPE, "application/json").body(body).send()
        };
        assert_eq!(stranger(r#"{"name": {"first": "\u0000"}}"#.into()).await.unwrap().status(), 403, "{at}");
        let large = format!("[{}]", vec![r#"{"a": 1}"#; 1_100_000].join(","));
        let bad_token = app
            .client
            .post(app.url("/api/v1/people"))
            .bearer_auth("rpt_not_a_token")
            .header(CONTENT_TYPE, "application/json")
            .body(large)
            .send()
            .await
            .unwrap();
        assert_eq!(bad_token.status(), 401, "{at}: not read before the caller is known");

        // Nothing was written.
        let people = ok(get("/api/v1/people".into()).await, 200).await;
        assert_eq!(people["data"].as_array().map(Vec::len), Some(0), "{at}");
        let object = ok(get("/api/v1/meta/objects/people".into()).await, 200).await;
        assert!(!object.to_string().contains("shoe_size"), "{at}");
    }
}

#[tokio::test]
async fn a_json_key_given_twice_is_refused_and_refusals_speak_the_callers_language() {
    for db in each_database().await {
        let app = spawn(&db).await;
        let at = db.name();
        let token = token_for(&app, "admin@input.example", "administrator", None).await;
        let post = |body: &'static str, language: &'static str| {
            app.client
                .post(app.url("/api/v1/people"))
                .bearer_auth(&token)
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT_LANGUAGE, language)
                .body(body)
                .send()
        };
        let twice = r#"{"name": {"first": "A", "last": "B", "first": "C"}}"#;
        refused_at_the_edge(post(twice, "en").await.unwrap(), "name.first", "repeated", at).await;
        let top = r#"{"name": {"first": "A"}, "title": "x", "title": "y"}"#;
        refused_at_the_edge(post(top, "en").await.unwrap(), "title", "repeated", at).await;
        let greek = refused_at_the_edge(
            post(r#"{"name": {"first": "\u0000"}}"#, "el").await.unwrap(),
            "name.first",
            "nul_character",
            at,
        )
        .await;
        assert!(greek["errors"][0]["message"].as_str().unwrap_or("").contains("NUL"), "{at}: {greek}");
        assert!(greek["title"].as_str().is_some_and(|t| !t.contains("Bad")), "{at}: in Greek: {greek}");
        // Deep nesting and malformed JSON stay what they were: malformed.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let answer = app
            .client
            .post(app.url("/api/v1/people"))
            .bearer_auth(&token)
            .header(CONTENT_TYPE, "application/json")
            .body(deep)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 400, "{at}");
        // An escaped backslash before u0000 is no NUL.
        let fine = r#"{"name": {"first": "back\\u0000slash"}}"#;
        ok(post(fine, "en").await.unwrap(), 201).await;
    }
}

/// Search text is bounded (a search is one index query per searchable field, and the
/// databases bound those): too many words or characters are refused naming `q`, by
/// the API and the search page alike; the most that is allowed runs on both databases.
#[tokio::test]
async fn search_text_is_bounded() {
    for db in each_database().await {
        let app = spawn(&db).await;
        let at = db.name();
        let token = token_for(&app, "admin@search.example", "administrator", None).await;
        let words = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>().join("+");
        let get = |query: String| {
            let (app, token) = (&app, token.clone());
            async move { call(app, &token, Method::GET, &format!("/api/v1/people?{query}"), None).await }
        };
        ok(get(format!("q={}", words(20))).await, 200).await;
        let answer = get(format!("q={}", words(21))).await;
        refused_at_the_edge(answer, "q", "too_many", at).await;
        let answer = get(format!("q={}", "a".repeat(501))).await;
        refused_at_the_edge(answer, "q", "too_long", at).await;
        let huge = format!("q={}", "ab+".repeat(8_000));
        refused_at_the_edge(get(huge).await, "q", "too_long", at).await;

        let password = "a long enough passphrase for tests";
        let user = rapport_domain::NewUser {
            email: "page@search.example".into(),
            display_name: "Page".into(),
            roles: vec!["administrator".into()],
            password: Some(password.into()),
            ..rapport_domain::NewUser::default()
        };
        app.crm.add_user(&rapport_domain::model::Actor::system(), user).await.unwrap();
        let session = app.sign_in("page@search.example", password).await;
        let page = app
            .client
            .get(app.url(&format!("/search?q={}", words(40))))
            .header(reqwest::header::COOKIE, &session.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 400, "{at}: the search page refuses it too, as a page");
    }
}

async fn spawn(db: &rapport_domain::testing::TestDatabase) -> crate::app::App {
    crate::app::spawn_app(db).await
}
