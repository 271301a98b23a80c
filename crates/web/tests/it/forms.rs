//! Record forms as sent by the server (issue 22, forms): the keyboard each input asks
//! a phone for, the country picked by name in the user's language with the
//! installation's region first chosen (and not written on its own), amounts typed as
//! the user's language writes them, options as checkboxes, the error summary at the
//! top, and API names suggested for labels in Greek, Arabic and Hungarian.

use rapport_domain::ListQuery;
use rapport_domain::NewUser;
use rapport_domain::model::{Actor, FieldDef, FieldType, Record};
use rapport_domain::testing::each_database;
use serde_json::{Value, json};

use crate::app::{App, Session, spawn_app};

const PASSWORD: &str = "a long enough passphrase for tests";

/// An administrator reading Rapport in `locale`, signed in.
async fn admin_in(app: &App, email: &str, locale: &str) -> Session {
    let new = NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        locale: Some(locale.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    app.crm.add_user(&Actor::system(), new).await.unwrap();
    app.sign_in(email, PASSWORD).await
}

/// The opening tag of the element whose `name` (or `id`) attribute is `name`.
fn tag<'a>(html: &'a str, attribute: &str, name: &str) -> &'a str {
    let needle = format!("{attribute}=\"{name}\"");
    let at = html.find(&needle).unwrap_or_else(|| panic!("no element with {needle}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

async fn stored(app: &App, object: &str, id: uuid::Uuid) -> Value {
    let schema = app.crm.schema(&Actor::system()).await.unwrap();
    let def = schema.object_by_api(object).unwrap().clone();
    let record: Record = app.crm.get(&Actor::system(), object, id).await.unwrap();
    record.to_json(&def)
}

/// The records of `object`, newest last.
async fn all(app: &App, object: &str) -> Vec<Value> {
    let schema = app.crm.schema(&Actor::system()).await.unwrap();
    let def = schema.object_by_api(object).unwrap().clone();
    let query = ListQuery { limit: 100, ..ListQuery::default() };
    let page = app.crm.list(&Actor::system(), object, query).await.unwrap();
    page.records.iter().map(|r| r.to_json(&def)).collect()
}

#[tokio::test]
async fn inputs_ask_for_the_keyboard_their_value_needs() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let s = admin_in(&app, "keys@forms.example", "en").await;
        let (status, person) = app.page(&s, "/o/people/new").await;
        assert_eq!(status, 200, "{at}");
        // The first email and phone inputs of a person (several of each).
        let email = tag(&person, "id", "f.emails");
        assert!(email.contains(r#"type="email""#) && email.contains(r#"autocomplete="email""#), "{at}: {email}");
        let phone = tag(&person, "id", "f.phones");
        assert!(phone.contains(r#"type="tel""#) && phone.contains(r#"autocomplete="tel""#), "{at}: {phone}");
        let websites = tag(&person, "id", "f.websites");
        assert!(websites.contains(r#"type="url""#), "{at}: {websites}");
        let first = tag(&person, "name", "f.name.first");
        assert!(first.contains(r#"autocomplete="given-name""#), "{at}: {first}");
        assert!(tag(&person, "name", "f.name.last").contains(r#"autocomplete="family-name""#), "{at}");
        assert!(tag(&person, "name", "f.address.street").contains(r#"autocomplete="street-address""#), "{at}");
        assert!(tag(&person, "name", "f.address.postcode").contains(r#"autocomplete="postal-code""#), "{at}");
        assert!(tag(&person, "name", "f.address.country").starts_with("<select"), "{at}: the country is picked");
        assert!(first.contains(r#"enterkeyhint="done""#), "{at}: {first}");

        let (_, deal) = app.page(&s, "/o/opportunities/new").await;
        let amount = tag(&deal, "name", "f.amount.amount");
        assert!(amount.contains(r#"inputmode="decimal""#), "{at}: {amount}");
        let probability = tag(&deal, "name", "f.probability");
        assert!(probability.contains(r#"inputmode="decimal""#), "{at}: {probability}");

        // An integer field asks for digits only.
        let field = FieldDef::new("seats", "Seats", FieldType::Integer { min: None, max: None });
        app.crm.add_field(&Actor::system(), "companies", field).await.unwrap();
        let (_, company) = app.page(&s, "/o/companies/new").await;
        let seats = tag(&company, "name", "f.seats");
        assert!(seats.contains(r#"inputmode="numeric""#) && seats.contains(r#"type="number""#), "{at}: {seats}");
    }
}

#[tokio::test]
async fn the_country_is_a_list_of_names_in_the_users_language_starting_at_the_default_region() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let s = admin_in(&app, "el@forms.example", "el").await;
        let (_, page) = app.page(&s, "/o/people/new").await;
        // The installation's region (GR in the tests) is chosen, named in Greek.
        assert!(page.contains(r#"<option value="GR" selected>Ελλάδα</option>"#), "{at}");
        assert!(page.contains(r#"<option value="CY">Κύπρος</option>"#), "{at}");
        assert!(page.contains(r#"<option value="HU">Ουγγαρία</option>"#), "{at}");
        assert!(!page.contains("Country (code)"), "{at}: no code to type");

        // Chosen, the country is stored as its code.
        let (status, _) = app
            .post_page(
                &s,
                "/o/people",
                &[
                    ("f.name.first", "Ελένη"),
                    ("f.name.last", "Χριστοδούλου"),
                    ("f.address.city", "Λευκωσία"),
                    ("f.address.country", "CY"),
                    ("_default.f.address.country", "GR"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{at}");
        // Left as the form chose it with no address typed, no address is written.
        let (status, _) = app
            .post_page(
                &s,
                "/o/people",
                &[
                    ("f.name.first", "Νίκος"),
                    ("f.name.last", "Αλεξίου"),
                    ("f.address.street", ""),
                    ("f.address.country", "GR"),
                    ("_default.f.address.country", "GR"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{at}");
        let people = all(&app, "people").await;
        let eleni = people.iter().find(|p| p["name"]["first"] == "Ελένη").unwrap();
        assert_eq!(eleni["address"]["country"], "CY", "{at}");
        assert_eq!(eleni["address"]["city"], "Λευκωσία", "{at}");
        let nikos = people.iter().find(|p| p["name"]["first"] == "Νίκος").unwrap();
        assert_eq!(nikos["address"], Value::Null, "{at}: the untouched default is no address");

        // An edit form shows the stored country, and keeps a code the list lacks.
        let id: uuid::Uuid = eleni["id"].as_str().unwrap().parse().unwrap();
        let (_, edit) = app.page(&s, &format!("/o/people/{id}/edit")).await;
        assert!(edit.contains(r#"<option value="CY" selected>Κύπρος</option>"#), "{at}");
        assert!(!edit.contains("_default.f.address.country"), "{at}: an edit form has no default");
        let en = admin_in(&app, "en@forms.example", "en").await;
        let (_, edit) = app.page(&en, &format!("/o/people/{id}/edit")).await;
        assert!(edit.contains(r#"<option value="CY" selected>Cyprus</option>"#), "{at}");
        assert_eq!(stored(&app, "people", id).await["address"]["country"], "CY", "{at}");
    }
}

#[tokio::test]
async fn amounts_are_read_as_the_users_language_writes_them() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let budget = FieldDef::new("budget", "Budget", FieldType::Currency { scale: 2 });
        app.crm.add_field(&Actor::system(), "companies", budget).await.unwrap();
        for (locale, typed, expected) in [
            ("el", "1.234,50", "1234.50"),
            ("el", "12,5", "12.50"),
            ("el", "1.500", "1500.00"),
            ("hu", "1 234,5", "1234.50"),
            ("en", "1,234.5", "1234.50"),
            ("en", "12.5", "12.50"),
            ("ar", "١٬٢٣٤٫٥", "1234.50"),
        ] {
            let s = admin_in(&app, &format!("{locale}-{}@amounts.example", typed.len()), locale).await;
            let name = format!("Company {locale} {typed}");
            let (status, body) = app
                .post_page(
                    &s,
                    "/o/companies",
                    &[("f.name", &name), ("f.budget.amount", typed), ("f.budget.currency", "EUR")],
                )
                .await;
            assert_eq!(status, 200, "{at}: {locale} {typed}: {body}");
            let companies = all(&app, "companies").await;
            let company = companies.iter().find(|d| d["name"] == name.as_str()).unwrap();
            assert_eq!(company["budget"]["amount"], expected, "{at}: {locale} {typed}");
            // The edit form shows it back as the language writes a decimal.
            let id = company["id"].as_str().unwrap();
            let (_, edit) = app.page(&s, &format!("/o/companies/{id}/edit")).await;
            let shown = if matches!(locale, "el" | "hu") { expected.replace('.', ",") } else { expected.to_owned() };
            assert!(tag(&edit, "name", "f.budget.amount").contains(&format!("value=\"{shown}\"")), "{at}: {shown}");
        }
        // What is no number is still refused beside the amount.
        let s = admin_in(&app, "bad@amounts.example", "el").await;
        let (status, body) = app
            .post_page(
                &s,
                "/o/companies",
                &[("f.name", "Bad"), ("f.budget.amount", "πολλά"), ("f.budget.currency", "EUR")],
            )
            .await;
        assert_eq!(status, 422, "{at}: {body}");
        assert!(body.contains(r#"id="f.budget-error""#), "{at}: {body}");
    }
}

#[tokio::test]
async fn several_options_are_checkboxes_and_all_ticked_ones_are_saved() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let s = admin_in(&app, "hobbies@forms.example", "en").await;
        let (_, page) = app.page(&s, "/o/people/new").await;
        assert!(!page.contains("multiple size="), "{at}: no ctrl-click list");
        let music = tag(&page, "name", r#"f.hobbies" value="music"#);
        assert!(music.contains(r#"type="checkbox""#) && music.contains(r#"name="f.hobbies""#), "{at}: {music}");
        let (status, _) = app
            .post_page(
                &s,
                "/o/people",
                &[
                    ("f.name.first", "Réka"),
                    ("f.name.last", "Szabó"),
                    ("f.hobbies", ""),
                    ("f.hobbies", "music"),
                    ("f.hobbies", "travel"),
                    ("f.hobbies", "cooking"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{at}");
        let people = all(&app, "people").await;
        let reka = people.iter().find(|p| p["name"]["first"] == "Réka").unwrap();
        assert_eq!(reka["hobbies"], json!(["music", "travel", "cooking"]), "{at}");
        // The edit form has them ticked; unticking all clears the field.
        let id: uuid::Uuid = reka["id"].as_str().unwrap().parse().unwrap();
        let (_, edit) = app.page(&s, &format!("/o/people/{id}/edit")).await;
        assert!(tag(&edit, "name", r#"f.hobbies" value="travel"#).contains("checked"), "{at}");
        assert!(!tag(&edit, "name", r#"f.hobbies" value="sport"#).contains("checked"), "{at}");
        let version = reka["version"].as_i64().unwrap().to_string();
        let (status, _) =
            app.post_page(&s, &format!("/o/people/{id}"), &[("_version", &version), ("f.hobbies", "")]).await;
        assert_eq!(status, 200, "{at}");
        let hobbies = stored(&app, "people", id).await["hobbies"].clone();
        assert!(hobbies.as_array().is_none_or(Vec::is_empty), "{at}: {hobbies}");
    }
}

#[tokio::test]
async fn a_refused_form_sums_up_its_errors_at_the_top_with_links_to_the_fields() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let s = admin_in(&app, "summary@forms.example", "el").await;
        let (status, body) = app
            .post_page(
                &s,
                "/o/people",
                &[("f.name.first", "Ζωή"), ("f.emails", "not-an-email"), ("f.websites", "also not a site")],
            )
            .await;
        assert_eq!(status, 422, "{at}");
        let summary_at = body.find("data-error-summary").expect("a summary");
        let grid_at = body.find("form-grid").unwrap();
        assert!(summary_at < grid_at, "{at}: the summary comes before the fields");
        let summary = tag(&body, "class", "error-summary");
        assert!(summary.contains(r#"role="alert""#) && summary.contains(r#"tabindex="-1""#), "{at}: {summary}");
        assert!(body.contains(r##"<a href="#f.emails" data-focus="f.emails">"##), "{at}: {body}");
        // In the user's language, counting the fields.
        assert!(body.contains("Δεν αποθηκεύτηκε: ελέγξτε 2 πεδία"), "{at}");
        // And still beside each field.
        assert!(body.contains(r#"id="f.emails-error""#), "{at}");
        // A form with nothing wrong has no summary.
        let (_, fresh) = app.page(&s, "/o/people/new").await;
        assert!(!fresh.contains("data-error-summary"), "{at}");
    }
}

#[tokio::test]
async fn api_names_are_suggested_for_greek_arabic_and_hungarian_labels() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let s = admin_in(&app, "names@forms.example", "el").await;
        let suggestion = |label: &str| {
            let mut url = reqwest::Url::parse(&app.url("/settings/api-name")).unwrap();
            url.query_pairs_mut()
                .append_pair("for", "field")
                .append_pair("label", label)
                .append_pair("api_scope", "people");
            let path = format!("{}?{}", url.path(), url.query().unwrap_or_default());
            let (app, s) = (&app, &s);
            async move { app.page(s, &path).await.1 }
        };
        assert!(suggestion("Ημερομηνία γέννησης").await.contains("imerominia_gennisis"), "{at}");
        assert!(suggestion("تاريخ الميلاد").await.contains("tarykh_almylad"), "{at}");
        assert!(suggestion("Születési dátum").await.contains("szuletesi_datum"), "{at}");
        // Nothing to make a name of: a numbered one.
        assert!(suggestion("★★★").await.contains("field_1"), "{at}");

        // Added with the suggestion, the field takes it.
        let (status, body) = app
            .post_page(
                &s,
                "/settings/objects/people/fields",
                &[("label", "Ημερομηνία γάμου"), ("api_name", ""), ("api_scope", "people"), ("type", "date")],
            )
            .await;
        assert_eq!(status, 200, "{at}: {body}");
        let schema = app.crm.schema(&Actor::system()).await.unwrap();
        let people = schema.object_by_api("people").unwrap();
        let field = people.fields.iter().find(|f| f.label == "Ημερομηνία γάμου").expect("the field was added");
        assert_eq!(field.api_name, "imerominia_gamou", "{at}");
        // And the new-field form suggests it from the start for a label typed.
        let (_, form) = app.page(&s, "/settings/objects/people/fields/form?label=%E2%98%85&type=text").await;
        assert!(form.contains(r#"placeholder="field_1""#), "{at}");
    }
}
