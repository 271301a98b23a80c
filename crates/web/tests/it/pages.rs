//! Every page of every object, for every role, in every language (issue 19). Each
//! standard role and a custom role that reaches only its own records and has fields
//! hidden signs in and opens, for every object the metadata holds (the standard ones
//! and a custom one made here, so objects added later are covered without a change
//! here), its list, its board when it has a select field, a record page and its edit
//! form, the new form and the CSV export; and the home page, the calendar's three
//! views, the profile and the search page. A page the role may use must answer 200,
//! one it may not 403 or 404 — never 400 or 5xx. In Greek, Hungarian and Arabic no
//! word of the English interface may be left on a page; the hidden fields' names and
//! values appear on no page and in no export; a search finds a person that exists.
//!
//! (The browser tests check what only a browser can: the phone width and the quick
//! search's results on screen.)

use std::collections::{BTreeSet, HashMap};

use rapport_domain::demo::{DemoLocale, DemoSize, load};
use rapport_domain::model::access::{FieldAccess, ObjectRights, Reach};
use rapport_domain::model::field::{FieldDef, FieldType, SelectOption};
use rapport_domain::model::{Action, Actor, Grants, ObjectDef, Record, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, ListQuery, NewUser, UserPatch};
use reqwest::header::COOKIE;
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use crate::app::{App, spawn_app};
use crate::words::{english_only_words, visible_text, words};

pub(crate) const PASSWORD: &str = "a long enough passphrase for tests";
/// The fields the custom role may not see. Each holds a value of its own on a record
/// of that role's, which must appear on no page of a role the field is hidden from.
const HIDDEN: [(&str, &str); 3] = [("person", "occupation"), ("company", "tax_id"), ("project", "budget_note")];

fn secret(field: &str) -> String {
    format!("zsecret{}q", field.replace('_', ""))
}
const LANGUAGES: [&str; 4] = ["en", "el", "hu", "ar"];
const OWN_ONLY: &str = "Own records only";

/// A signed-in user of one role.
pub(crate) struct Seat {
    pub role: String,
    pub email: String,
    pub id: Uuid,
    pub actor: Actor,
    pub cookie: String,
}

#[tokio::test]
async fn every_page_of_every_object_opens_for_every_role_in_every_language() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let seats = company(&app).await;
        let data = data_words(&app.crm).await;
        let mut opened = 0;
        for seat in &seats {
            for language in LANGUAGES {
                let patch = UserPatch { locale: Some(language.into()), ..UserPatch::default() };
                app.crm.update_user(&Actor::system(), seat.id, patch).await.unwrap();
                opened += open_every_page(&app, seat, language, &data, at).await;
            }
        }
        eprintln!("{at}: {opened} pages opened for {} roles in {} languages", seats.len(), LANGUAGES.len());
    }
}

/// A small demo company, a custom object with records, a custom role that reaches
/// only its own records and has a field of people, of companies and of the custom
/// object hidden, and a signed-in user of each role.
pub(crate) async fn company(app: &App) -> Vec<Seat> {
    let crm = &app.crm;
    let system = Actor::system();
    let size = DemoSize { companies: 6, people: 16, leads: 6, opportunities: 6, activities: 40 };
    let summary = load(crm, &size, DemoLocale::En).await.unwrap();
    let team = summary.logins.iter().find(|l| l.role == "sales_rep").map(|l| l.team).unwrap();
    crm.create_object(&system, project_object()).await.unwrap();
    let mut grants = Grants { default: ObjectRights::uniform(Reach::Own), ..Grants::default() };
    for (object, field) in HIDDEN {
        grants.fields.entry(object.into()).or_default().insert(field.into(), FieldAccess::Hidden);
    }
    crm.save_role(&system, None, OWN_ONLY, grants).await.unwrap();
    every_object_has_records(crm).await;

    let roles = ["administrator", "sales_manager", "sales_rep", "service_agent", "marketing", "read_only", OWN_ONLY];
    let mut seats = Vec::new();
    for (i, role) in roles.into_iter().enumerate() {
        let email = format!("seat{i}@pages.example");
        let new = NewUser {
            email: email.clone(),
            display_name: format!("Seat {i}"),
            roles: vec![role.into()],
            teams: vec![team.into()],
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        let (user, _) = crm.add_user(&system, new).await.unwrap();
        let actor = crm.actor_for(user.id).await.unwrap();
        let cookie = sign_in(app, &email).await;
        seats.push(Seat { role: role.into(), email, id: user.id, actor, cookie });
    }
    let own = seats.last().unwrap();
    give_records(crm, own).await;
    seats
}

/// A custom object with a board (a select field), a date, a relation and a text field
/// that the custom role may not see.
fn project_object() -> ObjectDef {
    let field = |api: &str, label: &str, kind: FieldType| {
        let mut f = FieldDef::new(api, label, kind);
        f.api_name = api.into();
        f
    };
    let mut title = field("title", "Title", FieldType::Text { max_length: Some(200) });
    (title.required, title.indexed, title.searchable) = (true, true, true);
    let phases = ["plan", "build", "done"].map(|p| SelectOption::new(p, p)).to_vec();
    ObjectDef {
        id: "project".into(),
        api_name: "projects".into(),
        label: "Project".into(),
        label_plural: "Projects".into(),
        is_standard: false,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: Some("title".into()),
        fields: vec![
            title,
            field("phase", "Phase", FieldType::Select { options: phases }),
            field("due_on", "Due on", FieldType::Date),
            field("company", "Company", FieldType::Relation { target: "company".into() }),
            field("budget_note", "Budget note", FieldType::Text { max_length: None }),
        ],
    }
}

/// One record at least of every object, made from the metadata alone: the required
/// fields filled by type, relations to a record of their target. Objects whose
/// required fields Rapport writes itself (stored files) get a file attached to a
/// person.
async fn every_object_has_records(crm: &Crm) {
    let system = Actor::system();
    // Relations need their targets first: a few rounds settle any order.
    for _ in 0..4 {
        let schema = crm.schema(&system).await.unwrap();
        for object in schema.all().filter(|o| !o.hidden) {
            if crm.count(&system, &object.api_name, ListQuery::default()).await.unwrap() > 0 {
                continue;
            }
            if object.fields.iter().any(|f| f.required && f.read_only) {
                let person = first(crm, "people").await.unwrap();
                let file = rapport_domain::files::NewFile {
                    file_name: "notes.txt",
                    content_type: "text/plain",
                    bytes: b"minutes of the meeting",
                };
                crm.attach(&system, ("people", person.id), file).await.unwrap();
                continue;
            }
            if let Some(input) = sample_input(crm, &schema, object).await {
                crm.create(&system, &object.api_name, &input).await.unwrap();
            }
        }
    }
}

/// The first record of an object, as the system reads it.
async fn first(crm: &Crm, object: &str) -> Option<Record> {
    let query = ListQuery { limit: 1, ..ListQuery::default() };
    crm.list(&Actor::system(), object, query).await.unwrap().records.into_iter().next()
}

/// A valid new record of `object`: its required fields and its custom object's
/// select, by type; `None` while a relation's target has no record yet.
async fn sample_input(
    crm: &Crm,
    schema: &rapport_domain::model::Schema,
    object: &ObjectDef,
) -> Option<Map<String, Json>> {
    let mut input = Map::new();
    for field in object.visible_fields().filter(|f| f.required || !object.is_standard) {
        let value = match &field.kind {
            FieldType::Text { .. } | FieldType::LongText => json!(format!("Sample {}", object.label)),
            FieldType::FullName => json!({"first": "Sample", "last": object.label}),
            FieldType::Integer { .. } | FieldType::Rating { .. } => json!(1),
            FieldType::Decimal { .. } | FieldType::Percent { .. } => json!("1"),
            FieldType::Currency { .. } => json!({"amount": "10", "currency": "EUR"}),
            FieldType::Boolean => json!(true),
            FieldType::Date => json!("2026-12-01"),
            FieldType::DateTime => json!("2026-12-01T10:00:00Z"),
            FieldType::Select { options } | FieldType::MultiSelect { options } => {
                let first = options.first()?.value.clone();
                if matches!(field.kind, FieldType::MultiSelect { .. }) { json!([first]) } else { json!(first) }
            }
            FieldType::Email { .. } => json!("sample@example.com"),
            FieldType::Phone { .. } => json!("+302101234567"),
            FieldType::Url { .. } => json!("https://example.com"),
            FieldType::Relation { target } => {
                let target = schema.object(target).ok()?;
                json!(first(crm, &target.api_name).await?.id.to_string())
            }
            _ => continue,
        };
        input.insert(field.api_name.clone(), value);
    }
    Some(input)
}

/// The custom role's user owns one record of every object, whose hidden fields hold
/// their secret values.
async fn give_records(crm: &Crm, own: &Seat) {
    let system = Actor::system();
    let team = own.actor.teams().first().copied();
    let schema = crm.schema(&system).await.unwrap();
    for object in schema.all().filter(|o| !o.hidden) {
        let Some(record) = first(crm, &object.api_name).await else { continue };
        crm.reassign(&system, &object.api_name, &[record.id], Some(Some(own.id)), Some(team)).await.unwrap();
        for (_, field) in HIDDEN.iter().filter(|(o, _)| *o == object.id) {
            let api = object.field(field).map(|f| f.api_name.clone()).unwrap();
            let current = crm.get(&system, &object.api_name, record.id).await.unwrap();
            let change = json!({ api: secret(field) }).as_object().cloned().unwrap();
            crm.update(&system, &object.api_name, record.id, current.version, &change).await.unwrap();
        }
    }
}

async fn sign_in(app: &App, email: &str) -> String {
    app.sign_in(email, PASSWORD).await.cookie
}

/// The words of everything the company holds (its records, users, teams, roles,
/// objects and fields), which a page may show in any language.
async fn data_words(crm: &Crm) -> BTreeSet<String> {
    let system = Actor::system();
    let schema = crm.schema(&system).await.unwrap();
    let mut text = serde_json::to_string(&schema).unwrap();
    for object in schema.all() {
        let query = ListQuery { limit: 500, ..ListQuery::default() };
        for record in crm.list(&system, &object.api_name, query).await.unwrap().records {
            text.push_str(&record.to_json(object).to_string());
        }
    }
    for user in crm.users(&system).await.unwrap() {
        text.push_str(&format!(" {} {} ", user.display_name, user.email));
    }
    for team in crm.teams(&system).await.unwrap() {
        text.push_str(&format!(" {} ", team.name));
    }
    for role in crm.roles(&system).await.unwrap() {
        text.push_str(&format!(" {} ", role.name));
    }
    words(&text)
}

/// What a page should answer the role: 200 when it may, else a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Open,
    Refused,
}

fn expect(allowed: bool) -> Expect {
    if allowed { Expect::Open } else { Expect::Refused }
}

/// Opens every page for the seat in its current language; gives how many.
/// Every page of the interface for `seat`: each object's list, count, export, new
/// form and board, a record page and edit form of its own, one out of its reach, and
/// the pages of no object. With the last name of a person it may read, to search for.
pub(crate) async fn every_page(crm: &Crm, seat: &Seat) -> (Vec<(String, Expect)>, Option<(String, Uuid)>) {
    let schema = crm.schema(&Actor::system()).await.unwrap();
    let mut pages: Vec<(String, Expect)> = Vec::new();
    let mut search_for = None;
    for object in schema.all().filter(|o| !o.hidden) {
        let view = seat.actor.view(object);
        let reach = |action| seat.actor.reach(&object.id, action) != Reach::None;
        let base = format!("/o/{}", object.api_name);
        pages.push((base.clone(), expect(reach(Action::Read))));
        pages.push((format!("{base}/count"), expect(reach(Action::Read))));
        pages.push((format!("{base}/export.csv"), expect(reach(Action::Export))));
        pages.push((format!("{base}/new"), expect(reach(Action::Create))));
        if view.visible_fields().any(|f| matches!(f.kind, FieldType::Select { .. })) {
            pages.push((format!("/kanban/{}", object.api_name), expect(reach(Action::Read))));
        }
        let query = ListQuery { limit: 1, ..ListQuery::default() };
        let readable = if reach(Action::Read) {
            crm.list(&seat.actor, &object.api_name, query).await.unwrap().records
        } else {
            Vec::new()
        };
        if let Some(record) = readable.first() {
            pages.push((format!("{base}/{}", record.id), Expect::Open));
            let editable = seat.actor.may(&object.id, Action::Edit, record.owner_id, record.team_id);
            pages.push((format!("{base}/{}/edit", record.id), expect(editable)));
            if object.id == "person"
                && let Value::Name(name) = record.get("name")
            {
                search_for = name.last.clone().map(|last| (last, record.id));
            }
        }
        // A record out of the role's reach is as missing as one that never was.
        if let Some(other) = first_out_of_reach(crm, seat, object).await {
            pages.push((format!("{base}/{other}"), Expect::Refused));
        }
    }
    for path in ["/", "/calendar", "/calendar?view=week", "/calendar?view=month", "/me", "/search?q=a"] {
        pages.push((path.to_owned(), Expect::Open));
    }
    if let Some((last, _)) = &search_for {
        pages.push((format!("/search?q={}", urlencoding(last)), Expect::Open));
    }
    (pages, search_for)
}

async fn open_every_page(app: &App, seat: &Seat, language: &str, data: &BTreeSet<String>, at: &str) -> usize {
    let crm = &app.crm;
    let schema = crm.schema(&Actor::system()).await.unwrap();
    let (pages, search_for) = every_page(crm, seat).await;
    let english = (language != "en").then(|| english_only_words(language));
    // Fields hidden from this role, named by no other field of any object.
    let every_field = |o: &ObjectDef| o.fields.iter().map(|f| f.api_name.clone()).collect::<Vec<_>>();
    let hidden_names: Vec<String> = schema
        .objects
        .values()
        .flat_map(|o| o.fields.iter().filter(|f| seat.actor.field_access(&o.id, &f.id) == FieldAccess::Hidden))
        .map(|f| f.api_name.clone())
        .filter(|name| {
            let seen = schema.all().flat_map(every_field).filter(|n| n == name).count();
            seen == 1
        })
        .collect();
    let mut bodies: HashMap<String, String> = HashMap::new();
    for (path, wanted) in &pages {
        let response = app.client.get(app.url(path)).header(COOKIE, &seat.cookie).send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        let who = format!("{at}: {} in {language}: {path}", seat.role);
        match wanted {
            Expect::Open => assert_eq!(status, 200, "{who}: {}", excerpt(&body)),
            Expect::Refused => assert!(matches!(status, 403 | 404), "{who}: expected a refusal, got {status}"),
        }
        for (object, field) in HIDDEN {
            if seat.actor.field_access(object, field) == FieldAccess::Hidden {
                assert!(!body.contains(&secret(field)), "{who}: the hidden {object}.{field}'s value is on the page");
            }
        }
        for name in &hidden_names {
            assert!(!mentions_field(&body, name), "{who}: the hidden field `{name}` is named on the page");
        }
        if status == 200
            && !path.ends_with(".csv")
            && let Some(english) = &english
        {
            let text = visible_text(&body);
            let text = text.split_whitespace().filter(|w| !w.contains('@')).collect::<Vec<_>>().join(" ");
            let left: Vec<String> =
                words(&text).into_iter().filter(|w| english.contains(w) && !data.contains(w)).collect();
            assert!(left.is_empty(), "{who}: English left: {left:?}");
        }
        bodies.insert(path.clone(), body);
    }
    if let Some((last, id)) = &search_for {
        let page = &bodies[&format!("/search?q={}", urlencoding(last))];
        assert!(page.contains(&id.to_string()), "{at}: {} in {language}: searching {last} finds the person", seat.role);
    }
    pages.len()
}

/// A record of `object` that exists but that the seat may not read, if any.
async fn first_out_of_reach(crm: &Crm, seat: &Seat, object: &ObjectDef) -> Option<Uuid> {
    let query = ListQuery { limit: 50, ..ListQuery::default() };
    let all = crm.list(&Actor::system(), &object.api_name, query).await.unwrap().records;
    all.into_iter().find(|r| !seat.actor.may(&object.id, Action::Read, r.owner_id, r.team_id)).map(|r| r.id)
}

/// Whether a page names a field by its API name where pages put field names: form
/// inputs, filter text, cell and sort links, CSV headers.
fn mentions_field(body: &str, name: &str) -> bool {
    [
        format!("\"{name}\""),
        format!("{name}["),
        format!("/{name}\""),
        format!(",{name},"),
        format!("{name},"),
        format!("={name}"),
    ]
    .iter()
    .any(|needle| body.contains(needle.as_str()))
}

fn excerpt(body: &str) -> String {
    visible_text(body).split_whitespace().take(60).collect::<Vec<_>>().join(" ")
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Issue 19: a related record the viewer may not read is said to be not shared with
/// them — no "(no name)", no link to a page that does not exist for them — while one
/// who may read it sees its name, linked.
#[tokio::test]
async fn a_related_record_out_of_reach_is_said_to_be_not_shared() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let crm = &app.crm;
        let system = Actor::system();
        let north = crm.create_team(&system, "North").await.unwrap();
        let south = crm.create_team(&system, "South").await.unwrap();
        let mut seats = HashMap::new();
        for (role, team) in [("sales_rep", &north), ("administrator", &south)] {
            let email = format!("{role}@related.example");
            let new = NewUser {
                email: email.clone(),
                display_name: role.into(),
                roles: vec![role.into()],
                teams: vec![team.name.clone()],
                password: Some(PASSWORD.into()),
                ..NewUser::default()
            };
            let (user, _) = crm.add_user(&system, new).await.unwrap();
            seats.insert(role, (user.id, sign_in(&app, &email).await));
        }
        let (rep, admin) = (seats["sales_rep"].0, seats["administrator"].0);
        let company = json!({"name": "Kalamata Olives SA", "owner": admin.to_string(), "team": south.id.to_string()});
        let company = crm.create(&system, "companies", company.as_object().unwrap()).await.unwrap();
        let person = json!({"name": {"first": "Eleni", "last": "Kosta"}, "company": company.id.to_string(),
                            "owner": rep.to_string(), "team": north.id.to_string()});
        let person = crm.create(&system, "people", person.as_object().unwrap()).await.unwrap();
        let link = format!("/r/company/{}", company.id);
        for path in [format!("/o/people/{}", person.id), "/o/people?columns=name,company".to_owned()] {
            let page = |role: &str| {
                let cookie = seats[role].1.clone();
                let url = app.url(&path);
                let client = app.client.clone();
                async move { client.get(url).header(COOKIE, cookie).send().await.unwrap().text().await.unwrap() }
            };
            let theirs = page("sales_rep").await;
            assert!(theirs.contains("Not shared with you"), "{at}: {path}: {}", excerpt(&theirs));
            assert!(!theirs.contains(&link) && !theirs.contains("Kalamata"), "{at}: {path}: no link, no name");
            assert!(!theirs.contains("(no name)"), "{at}: {path}");
            let admins = page("administrator").await;
            assert!(admins.contains(&link) && admins.contains("Kalamata Olives SA"), "{at}: {path}: the name, linked");
        }
    }
}
