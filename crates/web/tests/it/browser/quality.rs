//! The quality bar: conflicting edits are shown, never overwritten; an expired session
//! loses nothing typed; bulk actions do all or nothing; pages fit a phone; error pages
//! help.

use rapport_domain::model::Actor;
use serde_json::{Map, Value, json};

use super::{Browser, PASSWORD, each_browser};

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

async fn person(b: &Browser, owner: uuid::Uuid, first: &str, title: &str) -> uuid::Uuid {
    let input = obj(json!({"name": {"first": first, "last": "Tóth"}, "title": title, "owner": owner.to_string()}));
    b.app.crm.create(&Actor::system(), "people", &input).await.unwrap().id
}

async fn title_of(b: &Browser, id: uuid::Uuid) -> Value {
    let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
    let record = b.app.crm.get(&Actor::system(), "people", id).await.unwrap();
    record.to_json(schema.object("person").unwrap())["title"].clone()
}

#[tokio::test]
async fn a_conflicting_edit_shows_both_values_and_the_user_chooses() {
    each_browser("conflict", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let id = person(&b, user.id, "Judit", "Buyer").await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto(&format!("/o/people/{id}")).await;
        b.click("button[aria-keyshortcuts='e']").await;
        b.find("#record-form").await;
        // Someone else saves first.
        let mut change = Map::new();
        change.insert("title".into(), json!("Chief buyer"));
        b.app.crm.update(&Actor::system(), "people", id, 1, &change).await.unwrap();
        b.type_into("#record-form [name='f.title']", "Purchasing manager").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_text(".conflict", "Chief buyer").await;
        b.wait_for_text(".conflict", "Purchasing manager").await;
        assert_eq!(title_of(&b, id).await, json!("Chief buyer"), "nothing was overwritten");
        // Keep mine: saved over theirs, knowingly.
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path(&format!("/o/people/{id}")).await;
        b.wait_for_text("#fields", "Purchasing manager").await;
        assert_eq!(title_of(&b, id).await, json!("Purchasing manager"));
    })
    .await;
}

#[tokio::test]
async fn an_edit_writes_only_what_the_user_changed_and_keeps_other_changes() {
    each_browser("merge", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let input = obj(json!({
            "name": {"first": "Dóra", "last": "Nagy"}, "title": "Buyer", "owner": user.id.to_string(),
            "emails": [{"value": "dora@example.hu", "label": "work", "opt_out": true, "primary": true}],
        }));
        let id = b.app.crm.create(&Actor::system(), "people", &input).await.unwrap().id;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto(&format!("/o/people/{id}")).await;
        b.click("button[aria-keyshortcuts='e']").await;
        b.find("#record-form").await;
        // Someone else changes another field meanwhile.
        let mut change = Map::new();
        change.insert("occupation".into(), json!("Engineer"));
        b.app.crm.update(&Actor::system(), "people", id, 1, &change).await.unwrap();
        b.type_into("#record-form [name='f.title']", "Head buyer").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path(&format!("/o/people/{id}")).await;
        b.wait_for_text("#fields", "Head buyer").await;
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let stored =
            b.app.crm.get(&Actor::system(), "people", id).await.unwrap().to_json(schema.object("person").unwrap());
        assert_eq!(stored["title"], json!("Head buyer"));
        assert_eq!(stored["occupation"], json!("Engineer"), "the other change is kept");
        // The email the form only showed keeps what the form does not show.
        let email = &stored["emails"][0];
        assert_eq!((email["label"].clone(), email["opt_out"].clone()), (json!("work"), json!(true)), "{email}");
    })
    .await;
}

#[tokio::test]
async fn an_expired_session_sends_the_user_to_sign_in_and_back_with_what_they_typed() {
    each_browser("expired", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Réka").await;
        b.type_into("[name='f.name.last']", "Szabó").await;
        // The duplicate check runs half a second after typing stops; let it answer
        // while still signed in, so that the save is what meets the ended session
        // (were it the check, it would send the page to sign in under the click).
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        b.settle().await;
        // The session ends while the form is open (signed out everywhere).
        let actor = b.app.crm.actor_for(user.id).await.unwrap();
        b.app.crm.logout_everywhere(&actor).await.unwrap();
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path("/login").await;
        assert!(
            b.wait_for_url("next=").await.contains("%2Fo%2Fpeople%2Fnew")
                || b.wait_for_url("next=").await.contains("/o/people/new")
        );
        b.type_into("#email", "ana@example.com").await;
        b.type_into("#password", PASSWORD).await;
        b.click("form button[type=submit]").await;
        b.wait_for_path("/o/people/new").await;
        let first = b.find("[name='f.name.first']").await.prop("value").await.unwrap().unwrap_or_default();
        let last = b.find("[name='f.name.last']").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!((first.as_str(), last.as_str()), ("Réka", "Szabó"), "the typed values came back");
        let people = b
            .app
            .crm
            .list(&Actor::system(), "people", rapport_domain::ListQuery { limit: 10, ..Default::default() })
            .await
            .unwrap();
        assert!(people.records.is_empty(), "nothing was written while signed out");
    })
    .await;
}

#[tokio::test]
async fn bulk_reassign_and_delete_act_on_the_selected_records_only() {
    each_browser("bulk", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        let bob = b.user("bob@example.com", "sales_manager", None).await;
        let ids = [
            person(&b, ana.id, "Anna", "A").await,
            person(&b, ana.id, "Bori", "B").await,
            person(&b, ana.id, "Csilla", "C").await,
        ];
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/o/people").await;
        for id in &ids[..2] {
            b.click(&format!("input[name=id][value='{id}']")).await;
        }
        b.wait_for_text("[data-selected-count]", "2").await;
        b.click("details.bulk-more summary").await;
        b.find("#bulk-owner").await.select_by_value(&bob.id.to_string()).await.unwrap();
        b.click("button[value='reassign']").await;
        b.client.accept_alert().await.unwrap();
        b.wait_for_text("#rows", "Anna").await;
        b.settle().await;
        let owner = |id: uuid::Uuid| {
            let crm = b.app.crm.clone();
            async move { crm.get(&Actor::system(), "people", id).await.unwrap().owner_id }
        };
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while owner(ids[1]).await != Some(bob.id) && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(owner(ids[0]).await, Some(bob.id));
        assert_eq!(owner(ids[1]).await, Some(bob.id));
        assert_eq!(owner(ids[2]).await, Some(ana.id), "an unselected record keeps its owner");
        // Delete one.
        b.goto("/o/people").await;
        b.click(&format!("input[name=id][value='{}']", ids[2])).await;
        b.click("button[value='delete']").await;
        b.client.accept_alert().await.unwrap();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while b.app.crm.get(&Actor::system(), "people", ids[2]).await.is_ok() && tokio::time::Instant::now() < deadline
        {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(b.app.crm.get(&Actor::system(), "people", ids[2]).await.is_err(), "the selected record is in the bin");
        assert!(b.app.crm.get(&Actor::system(), "people", ids[0]).await.is_ok());
    })
    .await;
}

#[tokio::test]
async fn the_main_pages_fit_a_phone_and_errors_help() {
    each_browser("phone", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let id = person(&b, user.id, "Hanna", "A rather long job title for a narrow phone screen").await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.phone(360, 740).await;
        for path in [
            "/".to_owned(),
            "/o/people".to_owned(),
            format!("/o/people/{id}"),
            "/o/people/new".to_owned(),
            "/search?q=Hanna".to_owned(),
            "/me".to_owned(),
        ] {
            b.goto(&path).await;
            b.find("main").await;
            let fits = b
                .client
                // A phone widens its viewport (innerWidth) to a page wider than it.
                .execute("return Math.max(document.documentElement.scrollWidth, window.innerWidth) <= 361", vec![])
                .await
                .unwrap();
            assert_eq!(fits, json!(true), "{path} is wider than a 360 px phone");
        }
        // The menu folds away and opens.
        b.goto("/").await;
        assert!(!b.find("#nav").await.is_displayed().await.unwrap());
        b.click(".menu-toggle").await;
        assert!(b.find("#nav").await.is_displayed().await.unwrap());
        // A page that does not exist, and one the user may not see, say so and help.
        b.goto("/o/people/00000000-0000-7000-8000-000000000000").await;
        b.wait_for_text("h1", "does not exist").await;
        assert!(!b.find_all("a[href='/']").await.is_empty());
        b.goto("/o/nothing-here").await;
        b.wait_for_text("h1", "does not exist").await;
    })
    .await;
}
