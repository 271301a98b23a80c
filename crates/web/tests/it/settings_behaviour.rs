//! An object's behaviour in the settings (issue 20): an administrator puts a custom
//! object on the calendar, in the navigation bar and on a board with no code, and a
//! field of the wrong kind is refused beside its control, with nothing saved. Plain
//! HTTP with a signed-in session, as the form posts.

use rapport_domain::NewUser;
use rapport_domain::model::behaviour::NavGroup;
use rapport_domain::model::{Actor, FieldDef, FieldType, SelectOption};
use rapport_domain::testing::each_database;
use reqwest::header::{COOKIE, ORIGIN};
use serde_json::json;

use crate::app::{App, Session, spawn_app};

const PASSWORD: &str = "a long enough passphrase for tests";

async fn admin(app: &App) -> Session {
    let new = NewUser {
        email: "admin@visits.example".into(),
        display_name: "Admin".into(),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    app.crm.add_user(&Actor::system(), new).await.unwrap();
    app.sign_in("admin@visits.example", PASSWORD).await
}

/// Posts a form as a page does; the answer's status and HTML (after a redirect).
async fn post(app: &App, session: &Session, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let response = app
        .client
        .post(app.url(path))
        .header(ORIGIN, &app.base)
        .header(COOKIE, &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A field added to the visits through the metadata calls; its id.
async fn add_field(app: &App, api_name: &str, label: &str, kind: FieldType) -> String {
    let field = FieldDef { id: String::new(), ..FieldDef::new(api_name, label, kind) };
    app.crm.add_field(&Actor::system(), "visits", field).await.unwrap().id
}

/// The text of the element with `id` in `html` (up to its closing tag).
fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in the page"));
    let rest = &html[at..];
    &rest[..rest.find("</").unwrap_or(rest.len())]
}

#[tokio::test]
async fn a_custom_object_goes_on_the_calendar_the_navigation_bar_and_a_board() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let session = admin(&app).await;
        let made = post(
            &app,
            &session,
            "/settings/objects",
            &[("label", "Visit"), ("label_plural", "Visits"), ("api_name", "visits")],
        )
        .await;
        assert_eq!(made.0, 200, "{at}: the object is made");
        let visit_at = add_field(&app, "visit_at", "Visit at", FieldType::DateTime).await;
        let options = vec![SelectOption::new("planned", "Planned"), SelectOption::new("done", "Done")];
        let outcome = add_field(&app, "outcome", "Outcome", FieldType::Select { options }).await;
        let schema = app.crm.schema(&Actor::system()).await.unwrap();
        let visits = schema.object_by_api("visits").unwrap().clone();
        let name = visits.label_field.clone().unwrap();
        let path = "/settings/objects/visits/behaviour";

        // The form offers only date-time fields to start with.
        let (status, page) = app.page(&session, path).await;
        assert_eq!(status, 200, "{at}");
        let start = element(&page, "calendar_start");
        assert!(page.contains(&format!("<option value=\"{visit_at}\"")), "{at}: {start}");
        assert!(!page.contains(&format!("<option value=\"{name}\"")), "{at}: the name is no date");

        // A text field posted as the start is refused beside the start's select.
        let (status, page) = post(
            &app,
            &session,
            path,
            &[("nav_group", "main"), ("nav_rank", "70"), ("calendar", "true"), ("calendar_start", &name)],
        )
        .await;
        assert_eq!(status, 422, "{at}");
        assert!(element(&page, "calendar_start-error").contains("Choose a date and time field."), "{at}: {page}");
        assert!(page.contains("aria-describedby=\"calendar_start-error\""), "{at}: the select names its message");
        let stored = app.crm.schema(&Actor::system()).await.unwrap().object_by_api("visits").unwrap().behaviour.clone();
        assert!(stored.is_empty(), "{at}: nothing was saved: {stored:?}");

        // A rank that is no number is refused beside its input.
        let (status, page) = post(&app, &session, path, &[("nav_group", "main"), ("nav_rank", "first")]).await;
        assert_eq!(status, 422, "{at}");
        assert!(element(&page, "nav_rank-error").contains("whole number"), "{at}");

        // On the calendar by its date, in the bar, with a board by outcome.
        let (status, page) = post(
            &app,
            &session,
            path,
            &[
                ("nav_group", "main"),
                ("nav_rank", "70"),
                ("search_rank", ""),
                ("calendar", "false"),
                ("calendar", "true"),
                ("calendar_start", &visit_at),
                ("calendar_end", ""),
                ("calendar_duration", ""),
                ("calendar_schedule", "false"),
                ("board", "false"),
                ("board", "true"),
                ("board_default", &outcome),
                ("board_sum", ""),
                ("board_home", "false"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{at}: {page}");
        assert!(page.contains("Saved."), "{at}");
        let stored = app.crm.schema(&Actor::system()).await.unwrap().object_by_api("visits").unwrap().behaviour.clone();
        assert_eq!(stored.nav.as_ref().map(|n| (n.group, n.rank)), Some((NavGroup::Main, 70)), "{at}");
        assert_eq!(stored.calendar.as_ref().map(|c| c.start.as_str()), Some(visit_at.as_str()), "{at}");
        assert_eq!(stored.board.as_ref().and_then(|b| b.default.as_deref()), Some(outcome.as_str()), "{at}");
        assert!(stored.quick.is_none(), "{at}: a visit is no activity");

        // The object page says so; the bar has the visits.
        let (_, page) = app.page(&session, "/settings/objects/visits").await;
        assert!(element(&page, "behaviour").contains("Behaviour"), "{at}");
        assert!(page.contains("On the calendar") && page.contains("In the navigation bar"), "{at}");
        let (_, home) = app.page(&session, "/").await;
        let entries = bar(&home);
        assert!(entries.contains("href=\"/o/visits\"") && entries.contains(">Visits<"), "{at}: in the bar: {entries}");

        // A visit on a day is on that day's calendar, and on the board's column.
        let me = app.crm.user_by_email(&Actor::system(), "admin@visits.example").await.unwrap();
        let record = json!({
            "name": "Olive grove in Kalamata",
            "visit_at": "2026-03-10T10:00:00Z",
            "outcome": "planned",
            "owner": me.id.to_string(),
        });
        app.crm.create(&Actor::system(), "visits", record.as_object().unwrap()).await.unwrap();
        let (status, calendar) = app.page(&session, "/calendar?view=week&date=2026-03-10").await;
        assert_eq!(status, 200, "{at}");
        assert!(calendar.contains("Olive grove in Kalamata"), "{at}: the visit is on the calendar");
        let (_, other_week) = app.page(&session, "/calendar?view=week&date=2026-04-10").await;
        assert!(!other_week.contains("Olive grove in Kalamata"), "{at}: and only on its week");
        let (status, board) = app.page(&session, "/kanban/visits").await;
        assert_eq!(status, 200, "{at}");
        assert!(board.contains("Planned") && board.contains("Olive grove in Kalamata"), "{at}");

        // Turned off again, what the form does not show stays as it was.
        let (status, _) =
            post(&app, &session, path, &[("nav_group", "more"), ("calendar", "false"), ("board", "false")]).await;
        assert_eq!(status, 200, "{at}");
        let stored = app.crm.schema(&Actor::system()).await.unwrap().object_by_api("visits").unwrap().behaviour.clone();
        assert!(stored.is_empty(), "{at}: {stored:?}");
        let (_, home) = app.page(&session, "/").await;
        assert!(!bar(&home).contains("href=\"/o/visits\""), "{at}: back under More");
        assert!(home.contains("href=\"/o/visits\""), "{at}");
    }
}

/// The navigation bar's own entries (before "More").
fn bar(page: &str) -> &str {
    let nav = &page[page.find("id=\"nav\"").unwrap()..];
    &nav[..nav.find("class=\"more\"").or_else(|| nav.find("</nav>")).unwrap()]
}

#[tokio::test]
async fn an_activity_gets_a_quick_action_with_its_presets_kept() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let session = admin(&app).await;
        let schema = app.crm.schema(&Actor::system()).await.unwrap();
        // The standard activity with a quick action and presets: its quick form's fields
        // are changed through the form, its presets stay.
        let activity = schema
            .objects
            .values()
            .find(|o| o.is_activity && o.behaviour.quick.as_ref().is_some_and(|q| !q.presets.is_empty()))
            .unwrap()
            .clone();
        let before = activity.behaviour.clone();
        let quick = before.quick.clone().unwrap();
        let kept = &quick.fields[..1];
        let path = format!("/settings/objects/{}/behaviour", activity.api_name);
        let (status, page) = app.page(&session, &path).await;
        assert_eq!(status, 200, "{at}");
        for field in &quick.fields {
            assert!(page.contains(&format!("id=\"quick_fields-{field}\"")), "{at}: {field} is offered");
        }
        // The form as drawn, with one quick field ticked.
        let mut form: Vec<(String, String)> = form_of(&page);
        form.retain(|(k, v)| k != "quick_fields" || kept.contains(v));
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, page) = post(&app, &session, &path, &pairs).await;
        assert_eq!(status, 200, "{at}: {page}");
        let after = app.crm.schema(&Actor::system()).await.unwrap().objects[&activity.id].behaviour.clone();
        let after_quick = after.quick.clone().unwrap();
        assert_eq!(after_quick.fields, kept, "{at}");
        assert_eq!(after_quick.presets, quick.presets, "{at}: presets kept");
        assert_eq!(after_quick.rank, quick.rank, "{at}");
        assert_eq!((after.calendar, after.home, after.nav), (before.calendar, before.home, before.nav), "{at}");

        // No field ticked is refused beside the fields.
        form.retain(|(k, _)| k != "quick_fields");
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, page) = post(&app, &session, &path, &pairs).await;
        assert_eq!(status, 422, "{at}");
        assert!(element(&page, "quick_fields-error").contains("at least one"), "{at}");
    }
}

/// The values a browser would post from the behaviour form as drawn: each input's
/// name and value (checkboxes when ticked, hidden twins always), each select's chosen
/// option.
fn form_of(page: &str) -> Vec<(String, String)> {
    let form = &page[page.find("id=\"behaviour-form\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        tag.find(&key).map(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
    };
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        if tag.starts_with("<input") {
            let ticked = !tag.contains("type=\"checkbox\"") || tag.contains(" checked");
            if let (Some(name), Some(value), true) = (attr(tag, "name"), attr(tag, "value"), ticked) {
                out.push((name, value));
            }
        } else if tag.starts_with("<select") {
            let name = attr(tag, "name").unwrap();
            let body = &rest[..rest.find("</select>").unwrap()];
            let chosen = body.split("<option").find(|o| o.contains(" selected")).and_then(|o| attr(o, "value"));
            out.push((name, chosen.unwrap_or_default()));
        }
        rest = &rest[end..];
    }
    out
}

/// A record of `object` by its id, as the API shows it.
async fn record_json(app: &App, object: &str, id: uuid::Uuid) -> serde_json::Value {
    let schema = app.crm.schema(&Actor::system()).await.unwrap();
    let def = schema.object_by_api(object).unwrap();
    app.crm.get(&Actor::system(), object, id).await.unwrap().to_json(def)
}

/// Every record of `object`, as the API shows them.
async fn records(app: &App, object: &str) -> Vec<serde_json::Value> {
    let schema = app.crm.schema(&Actor::system()).await.unwrap();
    let def = schema.object_by_api(object).unwrap().clone();
    let query = rapport_domain::ListQuery { limit: 50, ..Default::default() };
    let page = app.crm.list(&Actor::system(), object, query).await.unwrap();
    page.records.iter().map(|r| r.to_json(&def)).collect()
}

#[tokio::test]
async fn the_pipelines_page_writes_the_fields_the_stages_capability_names() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let session = admin(&app).await;
        let system = Actor::system();
        let schema = app.crm.schema(&system).await.unwrap();
        let stage = schema.all().find(|o| o.behaviour.stages.is_some()).unwrap().clone();
        let caps = stage.behaviour.stages.clone().unwrap();
        let group_id = stage.field(&caps.group).unwrap().kind.relation_target().unwrap().to_owned();
        let group = schema.objects[&group_id].clone();
        // Fields of their own, named by the capability instead of the standard ones.
        let field = |api: &str, kind: FieldType| FieldDef { id: String::new(), ..FieldDef::new(api, api, kind) };
        let step = FieldType::Integer { min: None, max: None };
        let add = |object: &str, f: FieldDef| {
            let (crm, object) = (app.crm.clone(), object.to_owned());
            async move { crm.add_field(&Actor::system(), &object, f).await.unwrap().id }
        };
        let order = add(&stage.api_name, field("step", step.clone())).await;
        let odds = add(&stage.api_name, field("odds", FieldType::Percent { scale: 0 })).await;
        let main_one = add(&group.api_name, field("main_one", FieldType::Boolean)).await;
        let group_order = add(&group.api_name, field("step", step)).await;
        let stages = rapport_domain::model::behaviour::Stages {
            order: Some(order),
            probability: Some(odds),
            group_default: Some(main_one),
            group_order: Some(group_order),
            ..caps.clone()
        };
        let behaviour = rapport_domain::model::Behaviour { stages: Some(stages), ..stage.behaviour.clone() };
        let patch = rapport_domain::ObjectPatch { behaviour: Some(behaviour), ..Default::default() };
        app.crm.update_object(&system, &stage.api_name, patch).await.unwrap();

        // Two pipelines: the first is the default, each after the one before.
        for name in ["Export", "Domestic"] {
            let (status, page) = post(&app, &session, "/settings/boards", &[("label", name)]).await;
            assert_eq!(status, 200, "{at}: {page}");
        }
        let made = records(&app, &group.api_name).await;
        let by_name =
            |name: &str| made.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{at}: {made:?}")).clone();
        let (export, domestic) = (by_name("Export"), by_name("Domestic"));
        assert_eq!((&export["main_one"], &export["step"]), (&json!(true), &json!(0)), "{at}: {export}");
        assert_eq!((&domestic["main_one"], &domestic["step"]), (&json!(false), &json!(1)), "{at}: {domestic}");
        assert_eq!(export["is_default"], json!(null), "{at}: the field the capability no longer names");

        // A stage with its probability in the capability's field.
        let id: uuid::Uuid = domestic["id"].as_str().unwrap().parse().unwrap();
        let path = format!("/settings/boards/{id}/stages");
        let (status, _) = post(&app, &session, &path, &[("label", "Offer"), ("chance", "40"), ("result", "won")]).await;
        assert_eq!(status, 200, "{at}");
        let (status, _) =
            post(&app, &session, &path, &[("label", "Closing"), ("chance", ""), ("result", "open")]).await;
        assert_eq!(status, 200, "{at}");
        let mut stages = records(&app, &stage.api_name).await;
        stages.sort_by_key(|s| s["step"].as_i64());
        let rows: Vec<_> = stages
            .iter()
            .map(|s| (s["name"].clone(), s["step"].clone(), s["odds"].clone(), s["kind"].clone()))
            .collect();
        assert_eq!(
            rows,
            [
                (json!("Offer"), json!(0), json!("40"), json!("won")),
                (json!("Closing"), json!(1), json!(null), json!("open"))
            ],
            "{at}"
        );
        assert!(stages.iter().all(|s| s["probability"].is_null() && s["position"].is_null()), "{at}: {stages:?}");
        // A stage without its name is refused beside the name input.
        let (status, page) = post(&app, &session, &path, &[("label", ""), ("result", "open")]).await;
        assert_eq!(status, 422, "{at}");
        assert!(element(&page, "new-stage-name-error").contains("Required"), "{at}");

        // Moved and made the default through the capability's fields.
        let closing: uuid::Uuid = stages[1]["id"].as_str().unwrap().parse().unwrap();
        let offer = stages[0]["id"].as_str().unwrap();
        let moved = format!("/settings/boards/{id}/stages/order");
        let order = [("ids", closing.to_string()), ("ids", offer.to_owned())];
        let order: Vec<(&str, &str)> = order.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(post(&app, &session, &moved, &order).await.0, 200, "{at}");
        assert_eq!(record_json(&app, &stage.api_name, closing).await["step"], json!(0), "{at}");
        let default = format!("/settings/boards/{id}/default");
        assert_eq!(post(&app, &session, &default, &[]).await.0, 200, "{at}");
        assert_eq!(record_json(&app, &group.api_name, id).await["main_one"], json!(true), "{at}");
        let export_id: uuid::Uuid = export["id"].as_str().unwrap().parse().unwrap();
        assert_eq!(record_json(&app, &group.api_name, export_id).await["main_one"], json!(false), "{at}");
        let place = |page: &str, name: &str| page.find(&format!(">{name}<")).unwrap_or_else(|| panic!("no {name}"));
        let (_, list) = app.page(&session, "/settings/boards").await;
        assert!(place(&list, "Export") < place(&list, "Domestic"), "{at}: in the capability's order");
        let moved = format!("/settings/boards/{id}/move");
        assert_eq!(post(&app, &session, &moved, &[("to", "earlier")]).await.0, 200, "{at}");
        assert_eq!(record_json(&app, &group.api_name, id).await["step"], json!(0), "{at}");
        let (_, list) = app.page(&session, "/settings/boards").await;
        assert!(place(&list, "Domestic") < place(&list, "Export"), "{at}: moved up");
    }
}

#[tokio::test]
async fn the_behaviour_form_and_its_refusals_are_in_the_users_language() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        for (locale, name) in [("el", "Ελένη"), ("hu", "Réka"), ("ar", "ليلى")] {
            let email = format!("{locale}@visits.example");
            let new = NewUser {
                email: email.clone(),
                display_name: name.into(),
                locale: Some(locale.into()),
                roles: vec!["administrator".into()],
                password: Some(PASSWORD.into()),
                ..NewUser::default()
            };
            app.crm.add_user(&Actor::system(), new).await.unwrap();
            let session = app.sign_in(&email, PASSWORD).await;
            let english = crate::words::english_only_words(locale);
            let refused = post(
                &app,
                &session,
                "/settings/objects/tasks/behaviour",
                &[("nav_rank", "x"), ("calendar", "true"), ("quick", "true")],
            )
            .await;
            assert_eq!(refused.0, 422, "{at} {locale}");
            let pages = [
                app.page(&session, "/settings/objects/tasks/behaviour").await,
                app.page(&session, "/settings/objects/opportunities/behaviour").await,
                app.page(&session, "/settings/objects/people").await,
                refused,
            ];
            for (i, (status, page)) in pages.iter().enumerate() {
                assert!(*status == 200 || *status == 422, "{at} {locale}: page {i}");
                let text = crate::words::visible_text(page);
                let left: Vec<String> =
                    crate::words::words(&text).into_iter().filter(|w| english.contains(w)).collect();
                assert!(left.is_empty(), "{at} {locale}: English left on page {i}: {left:?}\n{text}");
            }
        }
    }
}
