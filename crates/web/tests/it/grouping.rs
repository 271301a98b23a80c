//! Phone numbers and amounts as people write them, on every page that shows them:
//! a phone grouped as its country groups it (national at the installation's region,
//! `+30 698 197 1008` from abroad) on the record page, the leads list and the search
//! results, whatever separators it was typed with; forint amounts without `,00`.

use rapport_domain::model::Actor;
use rapport_domain::testing::{TestDatabase, each_database};
use rapport_domain::{NewUser, SessionPolicy, UserPatch};
use rapport_web::WebConfig;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::app::{App, Session, spawn_app_in};

const PASSWORD: &str = "a long enough passphrase for tests";

/// An administrator who reads Rapport in `locale`, signed in.
async fn signed_in(app: &App, locale: &str) -> Session {
    let new = NewUser {
        email: "admin@example.com".into(),
        display_name: "Admin".into(),
        locale: Some(locale.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    app.crm.add_user(&Actor::system(), new).await.unwrap();
    app.sign_in("admin@example.com", PASSWORD).await
}

async fn create(app: &App, object: &str, input: Value) -> Uuid {
    let record = app.crm.create(&Actor::system(), object, input.as_object().unwrap()).await.unwrap();
    record.id
}

/// The text of a page with its markup taken out (`<bdi>` and links split numbers
/// from their labels, not within them).
fn words(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#43;", "+").replace("&#x2B;", "+")
}

/// A Greek mobile typed badly grouped, a Budapest landline and a lead's mobile typed
/// the Greek national way.
async fn customers(app: &App) -> (Uuid, Uuid) {
    let person = create(
        app,
        "people",
        json!({"name": {"first": "Δήμητρα", "last": "Καραγιάννη"}, "phones": ["+30 69 81971008", "+3614837539"]}),
    )
    .await;
    let lead = create(
        app,
        "leads",
        json!({"name": {"first": "Νίκος", "last": "Βλάχος"}, "status": "new", "phone": "+30 6981971009"}),
    )
    .await;
    (person, lead)
}

async fn app_in(db: &TestDatabase, region: &str) -> App {
    spawn_app_in(db, region, WebConfig::default(), SessionPolicy::default()).await
}

#[tokio::test]
async fn a_greek_mobile_is_grouped_as_greeks_write_it_on_every_page() {
    for db in each_database().await {
        let at = db.name();
        // A Greek installation: its own numbers in the national format.
        let app = app_in(&db, "GR").await;
        let admin = signed_in(&app, "en").await;
        let (person, _) = customers(&app).await;
        let (status, record) = app.page(&admin, &format!("/o/people/{person}")).await;
        assert_eq!(status, 200, "{at}");
        let text = words(&record);
        assert!(text.contains("698 197 1008"), "{at}: the record page shows {text}");
        assert!(text.contains("+36 1 483 7539"), "{at}: Budapest from Greece");
        assert!(!text.contains("69 81971008"), "{at}: the number as it was typed");
        assert!(record.contains("href=\"tel:+306981971008\""), "{at}: the link dials E.164");
        let (_, leads) = app.page(&admin, "/o/leads").await;
        assert!(words(&leads).contains("698 197 1009"), "{at}: the leads list");
        assert!(!leads.contains(">+306981971009<"), "{at}: the leads list shows E.164");
        let (_, found) =
            app.page(&admin, "/search?q=%CE%9A%CE%B1%CF%81%CE%B1%CE%B3%CE%B9%CE%AC%CE%BD%CE%BD%CE%B7").await;
        assert!(words(&found).contains("698 197 1008"), "{at}: the search results show {}", words(&found));
    }
    for db in each_database().await {
        let at = db.name();
        // A British installation: a Greek mobile from abroad, in whichever language.
        let app = app_in(&db, "GB").await;
        let admin = signed_in(&app, "el").await;
        let (person, _) = customers(&app).await;
        let (_, record) = app.page(&admin, &format!("/o/people/{person}")).await;
        assert!(words(&record).contains("+30 698 197 1008"), "{at}: the record page shows {}", words(&record));
        let (_, leads) = app.page(&admin, "/o/leads").await;
        assert!(words(&leads).contains("+30 698 197 1009"), "{at}: the leads list shows {}", words(&leads));
        // And a London number typed the British way is taken, and shown so.
        let london = create(&app, "companies", json!({"name": "Kestrel Foods Ltd", "phones": ["020 7946 0018"]})).await;
        let (_, company) = app.page(&admin, &format!("/o/companies/{london}")).await;
        assert!(words(&company).contains("020 7946 0018"), "{at}: {}", words(&company));
        assert!(company.contains("href=\"tel:+442079460018\""), "{at}");
    }
}

#[tokio::test]
async fn forint_amounts_have_no_decimals_and_euro_ones_keep_theirs() {
    for db in each_database().await {
        let at = db.name();
        let app = app_in(&db, "HU").await;
        let admin = signed_in(&app, "hu").await;
        let pipeline = create(&app, "pipelines", json!({"name": "Új üzletek", "is_default": true})).await;
        let stage =
            create(&app, "stages", json!({"pipeline": pipeline, "name": "Ajánlat", "position": 0, "kind": "open"}))
                .await;
        let deal = |name: &str, amount: &str, currency: &str| json!({"name": name, "pipeline": pipeline, "stage": stage, "amount": {"amount": amount, "currency": currency}});
        let forints = create(&app, "opportunities", deal("Éves beszállítás", "4920000.00", "HUF")).await;
        let euros = create(&app, "opportunities", deal("Spring order", "12500", "EUR")).await;
        let (_, page) = app.page(&admin, &format!("/o/opportunities/{forints}")).await;
        assert!(page.contains("4\u{a0}920\u{a0}000\u{a0}Ft"), "{at}: {}", words(&page));
        assert!(!page.contains("000,00\u{a0}Ft"), "{at}: forints with fillér");
        let (_, page) = app.page(&admin, &format!("/o/opportunities/{euros}")).await;
        assert!(page.contains("12\u{a0}500,00\u{a0}€"), "{at}: {}", words(&page));
        // In English, on the list too.
        let me = app.crm.user_by_email(&Actor::system(), "admin@example.com").await.unwrap();
        let patch = UserPatch { locale: Some("en".into()), ..UserPatch::default() };
        app.crm.update_user(&Actor::system(), me.id, patch).await.unwrap();
        let (_, list) = app.page(&admin, "/o/opportunities").await;
        assert!(list.contains("HUF\u{a0}4,920,000"), "{at}: {}", words(&list));
        assert!(!list.contains("HUF\u{a0}4,920,000.00"), "{at}: forints with fillér on the list");
        assert!(list.contains("€12,500.00"), "{at}: {}", words(&list));
    }
}
