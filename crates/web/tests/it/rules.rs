//! A business rule's refusal reaches the API and the pages typed — its own code, the
//! field, a 422 — in the caller's language, and leaves nothing written, on every
//! database.

use rapport_domain::model::Actor;
use rapport_domain::model::Value::Text;
use rapport_domain::testing::each_database;
use rapport_domain::{ListQuery, NewUser};
use reqwest::Method;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, ORIGIN};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::app::{App, spawn_app};
use crate::records::{call, ok, token_for};

/// A pipeline with two stages (10 % and 60 %), and a stage of another pipeline.
async fn pipelines(app: &App) -> (Uuid, Uuid, Uuid, Uuid) {
    let system = Actor::system();
    let create = |object: &'static str, input: Value| {
        let crm = app.crm.clone();
        async move { crm.create(&Actor::system(), object, input.as_object().unwrap()).await.unwrap().id }
    };
    let ours = create("pipelines", json!({"name": "New business"})).await;
    let theirs = create("pipelines", json!({"name": "Renewals"})).await;
    let qualify =
        create("stages", json!({"pipeline": ours.to_string(), "name": "Qualify", "probability": "10", "kind": "open"}))
            .await;
    let propose =
        create("stages", json!({"pipeline": ours.to_string(), "name": "Propose", "probability": "60", "kind": "open"}))
            .await;
    let negotiate = create(
        "stages",
        json!({"pipeline": theirs.to_string(), "name": "Negotiate", "probability": "30", "kind": "open"}),
    )
    .await;
    assert_eq!(app.crm.count(&system, "stages", ListQuery::default()).await.unwrap(), 3);
    (ours, qualify, propose, negotiate)
}

async fn deals(app: &App) -> i64 {
    app.crm.count(&Actor::system(), "opportunities", ListQuery::default()).await.unwrap()
}

/// Asserts the rule's problem: 422, its code, and `field` named with the code.
async fn assert_rule_problem(response: reqwest::Response, field: &str, at: &str) -> Value {
    assert_eq!(response.status(), 422, "{at}");
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json", "{at}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "stage_not_in_pipeline", "{at}: {body}");
    assert_eq!(body["type"], "https://rapport.invalid/problems/stage_not_in_pipeline", "{at}");
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{at}: {body}");
    assert_eq!((errors[0]["field"].as_str(), errors[0]["code"].as_str()), (Some(field), Some("stage_not_in_pipeline")));
    body
}

#[tokio::test]
async fn a_rule_that_refuses_a_write_leaves_nothing_written_through_the_api_and_the_form() {
    for db in each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let (ours, qualify, propose, negotiate) = pipelines(&app).await;
        let token = token_for(&app, "rep@rules.example", "sales_rep", None).await;
        let wrong = json!({"name": "Big deal", "pipeline": ours.to_string(), "stage": negotiate.to_string()});
        let right = json!({"name": "Small deal", "pipeline": ours.to_string(), "stage": qualify.to_string()});

        // One record, in Hungarian: the detail is the rule's own message.
        let request = app.client.post(app.url("/api/v1/opportunities")).bearer_auth(&token);
        let response = request.header(ACCEPT_LANGUAGE, "hu").json(&wrong).send().await.unwrap();
        let body = assert_rule_problem(response, "stage", at).await;
        let detail = body["detail"].as_str().unwrap();
        assert!(detail.contains("„Negotiate”") && detail.contains("„New business”"), "{at}: {detail}");
        assert_eq!(body["errors"][0]["message"], body["detail"], "{at}");

        // A batch: the second item is named, and the first is not written either.
        let batch = call(&app, &token, Method::POST, "/api/v1/opportunities", Some(json!([right, wrong]))).await;
        assert_rule_problem(batch, "1.stage", at).await;
        assert_eq!(deals(&app).await, 0, "{at}: nothing of the batch was written");

        // A change to another pipeline's stage.
        let made = ok(call(&app, &token, Method::POST, "/api/v1/opportunities", Some(right.clone())).await, 201).await;
        assert_eq!(made["probability"], "10", "{at}: derived from the stage");
        let path = format!("/api/v1/opportunities/{}", made["id"].as_str().unwrap());
        let change = json!({"stage": negotiate.to_string(), "version": 1});
        assert_rule_problem(call(&app, &token, Method::PATCH, &path, Some(change)).await, "stage", at).await;
        let now = ok(call(&app, &token, Method::GET, &path, None).await, 200).await;
        assert_eq!((now["version"].as_i64(), now["stage"].as_str()), (Some(1), Some(qualify.to_string().as_str())));

        // The record form of a Greek-speaking user: 422, the message beside the field.
        let password = "a long enough passphrase for tests";
        let user = NewUser {
            email: "greek@rules.example".into(),
            display_name: "Ελένη".into(),
            locale: Some("el".into()),
            roles: vec!["sales_rep".into()],
            password: Some(password.into()),
            ..NewUser::default()
        };
        app.crm.add_user(&Actor::system(), user).await.unwrap();
        let session = app.sign_in("greek@rules.example", password).await;
        let post = |path: String, form: String| {
            app.client
                .post(app.url(&path))
                .header(ORIGIN, &app.base)
                .header(COOKIE, &session.cookie)
                .header("x-csrf-token", &session.csrf)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form)
                .send()
        };
        let form = format!("f.name=Big+deal&f.pipeline={ours}&f.stage={negotiate}");
        let posted = post("/o/opportunities".into(), form).await.unwrap();
        assert_eq!(posted.status(), 422, "{at}");
        let page = posted.text().await.unwrap();
        assert!(page.contains("class=\"field invalid\" data-field=\"f.stage\""), "{at}: the stage is marked");
        let message = "Το στάδιο «Negotiate» δεν ανήκει στη ροή πωλήσεων «New business»";
        let beside = page.split("data-field=\"f.stage\"").nth(1).and_then(|rest| rest.split("data-field=").next());
        assert!(beside.is_some_and(|field| field.contains(message)), "{at}: the message is beside the stage: {page}");
        assert_eq!(deals(&app).await, 1, "{at}: the form wrote nothing");

        // A deal moved on the board takes its new stage's probability.
        let form = format!("f.name=Board+deal&f.pipeline={ours}&f.stage={qualify}");
        assert!(post("/o/opportunities".into(), form).await.unwrap().status().is_success(), "{at}");
        let query = ListQuery { limit: 10, ..ListQuery::default() };
        let all = app.crm.list(&Actor::system(), "opportunities", query).await.unwrap().records;
        let card = all.iter().find(|r| r.get("name") == &Text("Board deal".into())).expect("the form made it");
        let moved = format!("by=stage&pipeline={ours}&to={propose}&version={}", card.version);
        let answer = post(format!("/kanban/opportunities/{}/move", card.id), moved).await.unwrap();
        assert_eq!(answer.status(), 200, "{at}");
        let now = app.crm.get(&Actor::system(), "opportunities", card.id).await.unwrap();
        assert_eq!(now.get("stage"), &rapport_domain::model::Value::Uuid(propose), "{at}");
        assert_eq!(now.get("probability").to_json(), json!("60"), "{at}: the stage's probability");

        // A bulk edit from the list that a rule refuses changes none of the selection.
        let form = format!("f.name=Second+deal&f.pipeline={ours}&f.stage={qualify}");
        assert!(post("/o/opportunities".into(), form).await.unwrap().status().is_success(), "{at}");
        let query = ListQuery { limit: 10, ..ListQuery::default() };
        let all = app.crm.list(&Actor::system(), "opportunities", query).await.unwrap().records;
        let other = all.iter().find(|r| r.get("name") == &Text("Second deal".into())).expect("made").clone();
        let bulk = format!("action=set&field=stage&f.stage={negotiate}&id={}&id={}", card.id, other.id);
        let refused = post("/o/opportunities/bulk".into(), bulk).await.unwrap();
        assert_eq!(refused.status(), 400, "{at}");
        let page = refused.text().await.unwrap();
        assert!(page.contains("δεν ανήκει στη ροή πωλήσεων"), "{at}: said in Greek: {page}");
        for (id, version) in [(card.id, now.version), (other.id, other.version)] {
            let after = app.crm.get(&Actor::system(), "opportunities", id).await.unwrap();
            assert_eq!(after.version, version, "{at}: unchanged");
        }
    }
}

/// Every refusal of Rapport's rules reads with its specifics in every language.
#[test]
fn every_rules_refusal_reads_in_every_language() {
    use rapport_web::problem::Message;
    use rapport_web::problem_text::render;
    use rapport_web::ui::i18n::Tr;
    let refusals = rapport_domain::Rules::standard().refusals();
    assert!(!refusals.is_empty(), "the standard rules can refuse");
    for refusal in refusals {
        let message = Message::new(refusal.message_id, refusal.args.clone());
        let english = render(&message, &Tr::new("en"));
        for locale in ["en", "el", "hu", "ar"] {
            let text = render(&message, &Tr::new(locale));
            assert!(!text.contains('{') && text != refusal.message_id, "{locale} {}: {text}", refusal.message_id);
            assert!(refusal.args.iter().all(|(_, value)| text.contains(value.as_str())), "{locale}: {text}");
            if locale != "en" {
                assert_ne!(text, english, "{locale} {}", refusal.message_id);
            }
        }
    }
}
