//! What the interface must never do: show a record to someone whose rules do not
//! reach it, or run a script someone typed into a value.

use rapport_domain::model::Actor;
use serde_json::{Map, Value, json};

use super::{Browser, PASSWORD, each_browser, teams};

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

#[tokio::test]
async fn a_sales_rep_sees_nothing_of_another_team() {
    each_browser("reach", |b: Browser| async move {
        teams(&b.app, &["Athens", "Budapest"]).await;
        let nikos = b.user("nikos@example.com", "sales_rep", Some("Athens")).await;
        let eszter = b.user("eszter@example.com", "sales_rep", Some("Budapest")).await;
        let sys = Actor::system();
        let all_teams = b.app.crm.teams(&sys).await.unwrap();
        let team = |name: &str| all_teams.iter().find(|t| t.name == name).unwrap().id.to_string();
        let mine = b
            .app
            .crm
            .create(&sys, "people", &obj(json!({"name": {"first": "Eleni", "last": "Athenaia"}, "owner": nikos.id.to_string(), "team": team("Athens")})))
            .await
            .unwrap();
        let theirs = b
            .app
            .crm
            .create(&sys, "people", &obj(json!({"name": {"first": "Eleni", "last": "Budaiová"}, "owner": eszter.id.to_string(), "team": team("Budapest")})))
            .await
            .unwrap();
        b.sign_in("nikos@example.com", PASSWORD).await;
        // The list.
        b.goto("/o/people").await;
        let text = b.page_text().await;
        assert!(text.contains("Athenaia") && !text.contains("Budaiová"), "{text}");
        // Search, in the list and everywhere.
        b.goto("/o/people?q=Eleni").await;
        let text = b.page_text().await;
        assert!(text.contains("Athenaia") && !text.contains("Budaiová"), "{text}");
        b.type_into("#global-search", "Eleni").await;
        b.wait_for_text("header #search-results", "Athenaia").await;
        assert!(!b.find("header #search-results").await.text().await.unwrap().contains("Budaiová"));
        // The record itself, its editor and the relation look-up.
        b.goto(&format!("/o/people/{}", theirs.id)).await;
        b.wait_for_text("h1", "does not exist").await;
        b.goto(&format!("/o/people/{}/edit", theirs.id)).await;
        b.wait_for_text("h1", "does not exist").await;
        b.goto("/lookup/person?_lookup=Eleni").await;
        let text = b.page_text().await;
        assert!(text.contains("Athenaia") && !text.contains("Budaiová"), "{text}");
        // A sales rep may not export: no button, and the address itself is refused.
        b.goto("/o/people").await;
        assert!(b.find_all(".export-menu, [formaction*='/export.']").await.is_empty());
        let cookies = b.client.get_all_cookies().await.unwrap();
        let cookie = cookies.iter().map(|c| format!("{}={}", c.name(), c.value())).collect::<Vec<_>>().join("; ");
        let export = b.app.client.get(b.url("/o/people/export.csv")).header("cookie", cookie).send().await.unwrap();
        assert_eq!(export.status(), 403);
        let body = export.text().await.unwrap();
        assert!(!body.contains(&mine.id.to_string()) && !body.contains(&theirs.id.to_string()));
    })
    .await;
}

#[tokio::test]
async fn markup_in_values_is_shown_as_text_and_never_runs() {
    each_browser("xss", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        // A web address that is a script: refused by the model, or at least never a link.
        let fields = json!({"name": {"first": payload, "last": "Evil"}, "title": payload, "notes": payload, "owner": user.id.to_string()});
        let mut with_site = obj(fields.clone());
        with_site.insert("websites".into(), json!([{"value": "javascript:window.__xss=3"}]));
        let person = match b.app.crm.create(&Actor::system(), "people", &with_site).await {
            Ok(person) => person,
            Err(_) => b.app.crm.create(&Actor::system(), "people", &obj(fields)).await.unwrap(),
        };
        b.sign_in("ana@example.com", PASSWORD).await;
        for path in [
            "/o/people".to_owned(),
            "/o/people?columns=name,title,notes".to_owned(),
            format!("/o/people/{}", person.id),
            "/search?q=Evil".to_owned(),
        ] {
            b.goto(&path).await;
            b.find("main").await;
            let text = b.page_text().await;
            assert!(text.contains("<script>window.__xss=2</script>"), "{path} shows the markup as text: {text}");
            let ran = b.client.execute("return window.__xss === undefined ? 0 : window.__xss", vec![]).await.unwrap();
            assert_eq!(ran, json!(0), "{path} ran a script from a value");
            assert!(b.find_all("a[href^='javascript']").await.is_empty(), "{path} links to a script");
        }
        // The editor and the inline editor show it as a value, too.
        b.goto(&format!("/o/people/{}", person.id)).await;
        b.click("button[aria-keyshortcuts='e']").await;
        let value = b.find("#record-form [name='f.title']").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(value, payload);
        let ran = b.client.execute("return window.__xss === undefined ? 0 : window.__xss", vec![]).await.unwrap();
        assert_eq!(ran, json!(0));
    })
    .await;
}

/// A custom object whose labels, option labels and every kind of value carry markup.
fn hostile_object(payload: &str) -> rapport_domain::model::ObjectDef {
    use rapport_domain::model::{FieldDef, FieldType as T, ObjectDef, SelectOption};
    let options = || vec![SelectOption::new("a", payload), SelectOption::new("b", "Plain")];
    let field = |id: &str, kind| FieldDef::new(id, &format!("{id} {payload}"), kind);
    ObjectDef {
        id: "hostile".into(),
        api_name: "hostiles".into(),
        label: format!("Hostile {payload}"),
        label_plural: format!("Hostiles {payload}"),
        is_standard: false,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: Some("title".into()),
        fields: vec![
            field("title", T::Text { max_length: Some(500) }).indexed(),
            field("body", T::LongText),
            field("qty", T::Integer { min: None, max: None }),
            field("price", T::Decimal { precision: 10, scale: 2 }),
            field("budget", T::Currency { scale: 2 }),
            field("share", T::Percent { scale: 2 }),
            field("active", T::Boolean),
            field("due_on", T::Date),
            field("seen_at", T::DateTime),
            field("stage", T::Select { options: options() }),
            field("colors", T::MultiSelect { options: options() }),
            field("email", T::Email { multiple: false }),
            field("phone", T::Phone { multiple: false }),
            field("site", T::Url { multiple: false }),
            field("emails", T::Email { multiple: true }),
            field("socials", T::Social),
            field("addr", T::Address),
            field("person_name", T::FullName),
            field("stars", T::Rating { max: 5 }),
            field("person", T::Relation { target: "person".into() }),
            field("data", T::Json),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.position = i32::try_from(i).unwrap();
            f.section = Some(format!("Section {payload}"));
            f
        })
        .collect(),
    }
}

#[tokio::test]
async fn markup_in_every_field_type_labels_and_options_stays_text() {
    each_browser("xss-types", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let sys = Actor::system();
        let payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        b.app.crm.create_object(&sys, hostile_object(payload)).await.unwrap();
        let person = b
            .app
            .crm
            .create(
                &sys,
                "people",
                &obj(json!({"name": {"first": payload, "last": "Evil"}, "owner": user.id.to_string()})),
            )
            .await
            .unwrap();
        let record = b
            .app
            .crm
            .create(
                &sys,
                "hostiles",
                &obj(json!({
                    "title": payload, "body": payload, "qty": 3, "price": "1.50",
                    "budget": {"amount": "10", "currency": "EUR"}, "share": "12.5", "active": true,
                    "due_on": "2026-12-01", "seen_at": "2026-11-26T10:00:00Z", "stage": "a", "colors": ["a", "b"],
                    "email": "evil@example.com", "phone": "+30 210 1234567", "site": "https://example.com/<script>",
                    "emails": [{"value": "x@example.com", "label": "<script>window.__xss=5</script>"}],
                    "socials": [{"value": payload, "label": "<b onclick=x>net</b>"}],
                    "addr": {"street": payload, "city": payload, "country": "GR"},
                    "person_name": {"first": payload, "last": payload}, "stars": 4,
                    "person": person.id.to_string(), "data": {"k": payload},
                    "owner": user.id.to_string(),
                })),
            )
            .await
            .unwrap();
        let columns = "title,body,budget,stage,colors,site,emails,socials,addr,person_name,person,data";
        b.sign_in("ana@example.com", PASSWORD).await;
        for path in [
            format!("/o/hostiles?columns={columns}"),
            format!("/o/hostiles/{}", record.id),
            "/o/hostiles/new".to_owned(),
            "/search?q=Evil".to_owned(),
            format!("/o/people/{}", person.id),
        ] {
            b.goto(&path).await;
            b.find("main").await;
            let ran = b.client.execute("return window.__xss === undefined ? 0 : window.__xss", vec![]).await.unwrap();
            assert_eq!(ran, json!(0), "{path} ran a script from a value or a label");
            assert!(b.find_all("main img, main script").await.is_empty(), "{path} turned markup into elements");
            let text = b.page_text().await;
            assert!(text.contains("<script>window.__xss=2</script>"), "{path} shows the markup as text");
        }
        // The editor and the inline editor.
        b.goto(&format!("/o/hostiles/{}", record.id)).await;
        b.click("button[aria-keyshortcuts='e']").await;
        b.find("#record-form").await;
        b.goto(&format!("/o/hostiles?columns={columns}")).await;
        let cell = b.find(&format!("tr[data-id='{}'] td.editable[data-label^='body']", record.id)).await;
        b.client
            .execute(
                "arguments[0].dispatchEvent(new MouseEvent('dblclick', {bubbles: true}))",
                vec![serde_json::to_value(&cell).unwrap()],
            )
            .await
            .unwrap();
        let area = b.find(&format!("tr[data-id='{}'] textarea", record.id)).await;
        assert_eq!(area.prop("value").await.unwrap().unwrap_or_default(), payload);
        let ran = b.client.execute("return window.__xss === undefined ? 0 : window.__xss", vec![]).await.unwrap();
        assert_eq!(ran, json!(0));
    })
    .await;
}
