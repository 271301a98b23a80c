//! The administrators' settings in the browser: custom objects and fields of every
//! kind that then work in record forms, users with one-time passwords, roles that
//! hide fields, pipelines and their stages — and what must not happen: a sales rep in
//! the settings, or a bad name half written.

use std::time::Duration;

use rapport_domain::model::access::FieldAccess;
use rapport_domain::model::{Actor, FieldType};
use serde_json::{Map, Value, json};

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::elements::Element;

use rapport_web::ui::i18n::Tr;

use super::{Browser, PASSWORD, WAIT, each_browser, teams};

/// WebDriver's key codes of ↑ and ↓.
const ARROW_UP: char = '\u{E013}';

/// Drags `from` (a handle) to just above the middle of `to` (a row) with WebDriver
/// pointer actions: press, a small move that makes it a drag, the way there, release.
async fn drag_above(b: &Browser, from: &Element, to: &Element) {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: from.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 0.0, y: -8.0 })
        .then(PointerAction::MoveToElement {
            element: to.clone(),
            duration: Some(Duration::from_millis(300)),
            x: 0.0,
            y: -12.0,
        })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    b.client.perform_actions(mouse).await.unwrap();
    b.client.release_actions().await.unwrap();
}

/// Presses a key on whatever has the focus.
async fn press(b: &Browser, key: char) {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    b.client.perform_actions(keys).await.unwrap();
    b.client.release_actions().await.unwrap();
}

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

/// Waits until the input matched by `css` holds `expected` (htmx swaps are
/// asynchronous).
async fn wait_for_value(b: &Browser, css: &str, expected: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(el) = b.client.find(fantoccini::Locator::Css(css)).await
            && el.prop("value").await.ok().flatten().as_deref() == Some(expected)
        {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "`{css}` never held {expected:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Accepts the confirmation an `hx-confirm` button asks for.
async fn confirm(b: &Browser) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while b.client.accept_alert().await.is_err() {
        assert!(tokio::time::Instant::now() < deadline, "no confirmation was asked");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Chooses an option of a select (which fires its `change`).
async fn choose(b: &Browser, css: &str, value: &str) {
    b.find(css).await.select_by_value(value).await.unwrap();
}

async fn sign_out(b: &Browser) {
    b.click(".account button").await;
    b.wait_for_path("/login").await;
}

/// The fields of an object, by API name, as stored.
async fn field_names(b: &Browser, object: &str) -> Vec<String> {
    let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
    schema.object_by_api(object).unwrap().fields.iter().map(|f| f.api_name.clone()).collect()
}

#[tokio::test]
async fn a_custom_object_with_a_select_field_is_usable_in_its_new_record_form() {
    each_browser("settings-object", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/settings").await;
        b.click("a[href='/settings/objects']").await;
        b.type_into("#label", "Project").await;
        b.type_into("#label_plural", "Projects").await;
        // The API name is suggested from the label, and used when none is typed.
        b.wait_for_text("#api_name-suggestion", "projects").await;
        b.click("#object-form button[type=submit]").await;
        assert_eq!(b.wait_for_path("/settings/objects/projects").await, "/settings/objects/projects");
        b.wait_for_text("#fields", "Name").await;

        // A select field with an options editor: rows typed, one added, one moved up.
        b.click("a[href='/settings/objects/projects/fields/new']").await;
        b.type_into("#label", "Phase").await;
        b.wait_for_text("#api_name-suggestion", "phase").await;
        choose(&b, "#type", "select").await;
        b.find("#options").await;
        b.type_into("#opt-label-0", "Planning").await;
        b.type_into("#opt-label-1", "Delivery").await;
        b.click("#option-add").await;
        b.find("#opt-label-3").await;
        wait_for_value(&b, "#opt-label-1", "Delivery").await;
        b.type_into("#opt-label-3", "Closed").await;
        b.click("[data-option='1'] button[value='up:1']").await;
        wait_for_value(&b, "#opt-label-0", "Delivery").await;
        wait_for_value(&b, "#opt-label-1", "Planning").await;
        // The label survived every redraw.
        wait_for_value(&b, "#label", "Phase").await;
        b.click("#required").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text(".notice", "field was added").await;
        b.wait_for_text("#fields", "Phase").await;

        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let projects = schema.object_by_api("projects").unwrap().clone();
        let phase = projects.fields.iter().find(|f| f.api_name == "phase").expect("the field was added");
        assert!(phase.required);
        let FieldType::Select { options } = &phase.kind else { panic!("a select field: {:?}", phase.kind) };
        let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(
            values,
            ["delivery", "planning", "closed"],
            "in the order the editor left them, empty rows left out"
        );

        // The field is in the object's new-record form at once, and a record is made with it.
        b.goto("/o/projects/new").await;
        b.type_into("[name='f.name']", "Apollo").await;
        choose(&b, "select[name='f.phase']", "planning").await;
        b.click("#record-form button[type=submit]").await;
        let path = b.wait_for_path("/o/projects/0").await;
        b.wait_for_text("#fields", "Planning").await;
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let record = b.app.crm.get(&Actor::system(), "projects", id).await.unwrap();
        assert_eq!(record.to_json(&projects)["phase"], json!("planning"));
        assert_eq!(record.to_json(&projects)["name"], json!("Apollo"));
    })
    .await;
}

#[tokio::test]
async fn a_field_added_to_people_shows_on_a_persons_page_in_its_section() {
    each_browser("settings-people-field", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        let person = b
            .app
            .crm
            .create(&Actor::system(), "people", &obj(json!({"name": {"first": "Gábor", "last": "Kiss"}})))
            .await
            .unwrap();
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/settings/objects/people/fields/new").await;
        b.type_into("#label", "Shoe size").await;
        b.wait_for_text("#api_name-suggestion", "shoe_size").await;
        choose(&b, "#type", "integer").await;
        b.type_into("#min", "50").await;
        b.type_into("#max", "20").await;
        b.type_into("#section", "Fitting").await;
        // A range upside down is refused beside the input, and nothing is added.
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#field-form .error", "must not be below").await;
        assert!(!field_names(&b, "people").await.contains(&"shoe_size".to_owned()));
        b.type_into("#min", "20").await;
        b.type_into("#max", "50").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#fields", "Shoe size").await;

        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let people = schema.object("person").unwrap().clone();
        let field = people.fields.iter().find(|f| f.api_name == "shoe_size").unwrap();
        assert_eq!(field.kind, FieldType::Integer { min: Some(20), max: Some(50) });
        assert_eq!(field.section.as_deref(), Some("Fitting"));
        let stored = b.app.crm.get(&Actor::system(), "people", person.id).await.unwrap();
        b.app
            .crm
            .update(&Actor::system(), "people", person.id, stored.version, &obj(json!({"shoe_size": 43})))
            .await
            .unwrap();

        b.goto(&format!("/o/people/{}", person.id)).await;
        b.wait_for_text("#fields", "Fitting").await;
        let text = b.find("#fields").await.text().await.unwrap();
        assert!(text.contains("Shoe size") && text.contains("43"), "{text}");

        // Moved to the top and put in another section, the field follows.
        b.goto("/settings/objects/people").await;
        let before = b.app.crm.schema(&Actor::system()).await.unwrap().object("person").unwrap().clone();
        let id = &before.fields.iter().find(|f| f.api_name == "shoe_size").unwrap().id;
        b.click(&format!("#field-{id} button[value='earlier']")).await;
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let now = b.app.crm.schema(&Actor::system()).await.unwrap().object("person").unwrap().clone();
            let mut order: Vec<_> = now.fields.iter().collect();
            order.sort_by_key(|f| f.position);
            let at = order.iter().position(|f| f.id == *id).unwrap();
            if at + 2 == order.len() {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "the field never moved up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        b.goto(&format!("/settings/objects/people/fields/{id}")).await;
        b.type_into("#label", "Shoe size (EU)").await;
        b.type_into("#section", "Sizes").await;
        b.click("#field-edit button[type=submit]").await;
        b.wait_for_text(".notice", "Saved").await;
        b.goto(&format!("/o/people/{}", person.id)).await;
        b.wait_for_text("#fields", "Sizes").await;
        assert!(b.find("#fields").await.text().await.unwrap().contains("Shoe size (EU)"));
    })
    .await;
}

#[tokio::test]
async fn a_new_user_gets_roles_teams_and_a_one_time_password_shown_once() {
    each_browser("settings-user", |b: Browser| async move {
        teams(&b.app, &["Athens", "Budapest"]).await;
        let ana = b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;

        // The last administrator cannot deactivate herself: a clear refusal.
        b.goto(&format!("/settings/users/{}", ana.id)).await;
        b.click("#deactivate").await;
        confirm(&b).await;
        b.wait_for_text(".form-error", "at least one active administrator").await;
        assert!(b.app.crm.user(&Actor::system(), ana.id).await.unwrap().is_active);

        let system = Actor::system();
        let roles = b.app.crm.roles(&system).await.unwrap();
        let rep = roles.iter().find(|r| r.standard_key.as_deref() == Some("sales_rep")).unwrap();
        let all_teams = b.app.crm.teams(&system).await.unwrap();
        let athens = all_teams.iter().find(|t| t.name == "Athens").unwrap();

        b.goto("/settings/users").await;
        b.type_into("#email", "Nikos@Example.com").await;
        b.type_into("#display_name", "Nikos Georgiou").await;
        b.click(&format!("#user-form input[name=role][value='{}']", rep.id)).await;
        b.click(&format!("#user-form input[name=team][value='{}']", athens.id)).await;
        b.click("#user-form button[type=submit]").await;
        let password = b.find("#one-time-password").await.text().await.unwrap();
        assert!(password.len() >= 12, "{password}");
        let path = b.wait_for_path("/settings/users/0").await;
        let text = b.page_text().await;
        assert!(text.contains("nikos@example.com"), "{text}");

        let nikos = b.app.crm.user_by_email(&system, "nikos@example.com").await.unwrap();
        assert_eq!(path, format!("/settings/users/{}", nikos.id));
        assert!(nikos.must_change_password);
        let memberships = b.app.crm.memberships(&system).await.unwrap();
        let his = memberships.iter().find(|m| m.user_id == nikos.id).unwrap();
        assert_eq!(his.roles, vec![rep.id]);
        assert_eq!(his.teams, vec![athens.id]);

        // Shown once: the page again has no password, and the list names his role and team.
        b.goto(&path).await;
        b.find("#user-access").await;
        assert!(b.find_all("#one-time-password").await.is_empty());
        assert!(!b.page_text().await.contains(&password));
        b.goto("/settings/users").await;
        let row = b.find(&format!("tr[data-user='{}']", nikos.id)).await.text().await.unwrap();
        assert!(row.contains("Sales rep") && row.contains("Athens"), "{row}");

        // The password works, once, and must be changed.
        sign_out(&b).await;
        b.goto("/login").await;
        b.type_into("#email", "nikos@example.com").await;
        b.type_into("#password", &password).await;
        b.click("form button[type=submit]").await;
        assert_eq!(b.wait_for_path("/password").await, "/password");
        // The page asks for a new password and nothing else; once chosen, Rapport opens.
        b.wait_for_text("main", "one-time password").await;
        b.goto("/o/people").await;
        assert_eq!(b.wait_for_path("/password").await, "/password", "nothing else opens before the change");
        b.type_into("#current", &password).await;
        b.type_into("#new", "olive groves by the sea at dusk").await;
        b.click("form[hx-post='/me/password'] button[type=submit]").await;
        b.wait_for_path("/me").await;
        b.goto("/").await;
        b.wait_for_text("h1", "Hello").await;
    })
    .await;
}

#[tokio::test]
async fn a_role_that_hides_a_field_hides_it_from_its_users() {
    each_browser("settings-role", |b: Browser| async move {
        teams(&b.app, &["Athens"]).await;
        b.user("ana@example.com", "administrator", None).await;
        let nikos = b.user("nikos@example.com", "sales_rep", Some("Athens")).await;
        let person = b
            .app
            .crm
            .create(
                &Actor::system(),
                "people",
                &obj(json!({"name": {"first": "Eleni", "last": "Pappa"}, "title": "Chief buyer", "owner": nikos.id.to_string()})),
            )
            .await
            .unwrap();
        let page = format!("/o/people/{}", person.id);
        // Before: the rep sees the title.
        b.sign_in("nikos@example.com", PASSWORD).await;
        b.goto(&page).await;
        b.wait_for_text("#fields", "Chief buyer").await;
        sign_out(&b).await;

        b.sign_in("ana@example.com", PASSWORD).await;
        let roles = b.app.crm.roles(&Actor::system()).await.unwrap();
        let rep = roles.iter().find(|r| r.standard_key.as_deref() == Some("sales_rep")).unwrap().clone();
        b.goto("/settings/roles").await;
        b.click(&format!("a[href='/settings/roles/{}']", rep.id)).await;
        b.find("#rights").await;
        // The grid shows the role's rules: a rep reads the team's people.
        let read = b.find("#o-person-read").await.prop("value").await.unwrap();
        assert_eq!(read.as_deref(), Some("team"));
        b.click("#fields-person summary").await;
        choose(&b, "#f-person-title", "hidden").await;
        b.click("#role-form button[type=submit]").await;
        b.wait_for_text(".notice", "Saved").await;
        let saved = b.app.crm.roles(&Actor::system()).await.unwrap().into_iter().find(|r| r.id == rep.id).unwrap();
        assert_eq!(saved.grants.field("person", "title"), FieldAccess::Hidden);
        // Nothing else changed.
        let mut expected = rep.grants.clone();
        expected.fields.entry("person".into()).or_default().insert("title".into(), FieldAccess::Hidden);
        assert_eq!(saved.grants.fields, expected.fields);
        assert_eq!(saved.grants.default, rep.grants.default);
        for (object, rights) in &rep.grants.objects {
            assert_eq!(saved.grants.rights(object), *rights, "{object}");
        }
        sign_out(&b).await;

        b.sign_in("nikos@example.com", PASSWORD).await;
        b.goto(&page).await;
        b.wait_for_text("#fields", "Pappa").await;
        let text = b.find("#fields").await.text().await.unwrap();
        assert!(!text.contains("Chief buyer"), "{text}");
        for label in b.find_all("#fields dt").await {
            assert_ne!(label.text().await.unwrap(), "Title", "the field itself is gone");
        }
    })
    .await;
}

#[tokio::test]
async fn stages_are_added_and_put_in_order_by_dragging_and_by_keys() {
    each_browser("settings-pipeline", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/settings/boards").await;
        b.type_into("#pipeline-name", "New business").await;
        b.click("#pipeline-form button[type=submit]").await;
        let path = b.wait_for_path("/settings/boards/0").await;
        let pipeline: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        b.wait_for_text("h1", "New business").await;

        // A stage without a name is refused beside the name, and none is made.
        b.type_into("#new-stage-probability", "10").await;
        b.click("#stage-new button[type=submit]").await;
        b.wait_for_text("#stage-new .error", "Required").await;
        let stages = |b: &Browser| {
            let crm = b.app.crm.clone();
            async move {
                let page = crm
                    .list(&Actor::system(), "stages", rapport_domain::ListQuery { limit: 50, ..Default::default() })
                    .await
                    .unwrap();
                let mut rows: Vec<(i64, String, String)> = page
                    .records
                    .iter()
                    .map(|r| {
                        let text = |f: &str| match r.get(f) {
                            rapport_domain::model::Value::Text(t) => t.clone(),
                            _ => String::new(),
                        };
                        let position = match r.get("position") {
                            rapport_domain::model::Value::Integer(i) => *i,
                            _ => -1,
                        };
                        (position, text("name"), text("kind"))
                    })
                    .collect();
                rows.sort();
                rows
            }
        };
        assert!(stages(&b).await.is_empty());

        b.type_into("#new-stage-name", "Qualification").await;
        b.click("#stage-new button[type=submit]").await;
        b.find("[data-stage] input[value='Qualification']").await;
        b.type_into("#new-stage-name", "Won").await;
        choose(&b, "#new-stage-kind", "won").await;
        b.type_into("#new-stage-probability", "100").await;
        b.click("#stage-new button[type=submit]").await;
        b.find("[data-stage] input[value='Won']").await;
        assert_eq!(
            stages(&b).await,
            [(0, "Qualification".to_owned(), "open".to_owned()), (1, "Won".to_owned(), "won".to_owned())]
        );

        b.type_into("#new-stage-name", "Proposal").await;
        b.click("#stage-new button[type=submit]").await;
        b.find("[data-stage] input[value='Proposal']").await;
        let names = |rows: Vec<(i64, String, String)>| rows.into_iter().map(|(_, n, _)| n).collect::<Vec<_>>();
        assert_eq!(names(stages(&b).await), ["Qualification", "Won", "Proposal"]);
        let id_of = |name: &'static str| {
            let b = &b;
            async move {
                let css = format!("[data-stage]:has(input[value='{name}'])");
                b.find(&css).await.attr("data-stage").await.unwrap().unwrap()
            }
        };
        let (qualification, won, proposal) =
            (id_of("Qualification").await, id_of("Won").await, id_of("Proposal").await);
        let handle = |id: &str| format!("[data-stage='{id}'] [data-reorder-handle]");
        // Nothing to save yet.
        assert!(b.find("[data-reorder-save]").await.prop("disabled").await.unwrap().as_deref() == Some("true"));

        // Won dragged by its handle (pointer actions) above Qualification: the list
        // shows it at once; nothing is stored until the order is saved, in one unit.
        let from = b.find(&handle(&won)).await;
        let to = b.find(&format!("[data-stage='{qualification}']")).await;
        drag_above(&b, &from, &to).await;
        b.find(&format!("#stage-list > [data-stage='{won}']:first-child")).await;
        b.wait_for_text("[data-reorder-status]", "not saved yet").await;
        assert_eq!(names(stages(&b).await), ["Qualification", "Won", "Proposal"], "not saved before Save");
        b.click("[data-reorder-save]").await;
        b.wait_for_text(".notice", "new order is saved").await;
        assert_eq!(
            stages(&b).await,
            [
                (0, "Won".to_owned(), "won".to_owned()),
                (1, "Qualification".to_owned(), "open".to_owned()),
                (2, "Proposal".to_owned(), "open".to_owned())
            ]
        );

        // By keys: Proposal's handle focused, up twice; the move is announced.
        b.goto(&path).await;
        b.click(&handle(&proposal)).await;
        press(&b, ARROW_UP).await;
        press(&b, ARROW_UP).await;
        b.find(&format!("#stage-list > [data-stage='{proposal}']:first-child")).await;
        b.wait_for_text("[data-reorder-status]", "“Proposal” is now 1 of 3.").await;
        let focused = b
            .client
            .execute("return document.activeElement.closest('[data-stage]').dataset.stage", vec![])
            .await
            .unwrap();
        assert_eq!(focused, json!(proposal), "the handle keeps the focus");
        // Undo puts the saved order back; moved again and saved.
        b.click("[data-reorder-undo]").await;
        b.find(&format!("#stage-list > [data-stage='{won}']:first-child")).await;
        b.wait_for_text("[data-reorder-status]", "saved order").await;
        b.click(&handle(&proposal)).await;
        press(&b, ARROW_UP).await;
        b.find(&format!("#stage-list > [data-stage='{won}'] + [data-stage='{proposal}']")).await;
        b.click("[data-reorder-save]").await;
        b.wait_for_text(".notice", "new order is saved").await;
        assert_eq!(names(stages(&b).await), ["Won", "Proposal", "Qualification"]);

        // An order from a page drawn before a stage was added changes nothing.
        b.goto(&path).await;
        b.find(&handle(&qualification)).await;
        b.app
            .crm
            .create(
                &Actor::system(),
                "stages",
                &obj(json!({"pipeline": pipeline.to_string(), "name": "Lost", "position": 3, "kind": "lost"})),
            )
            .await
            .unwrap();
        b.click(&handle(&qualification)).await;
        press(&b, ARROW_UP).await;
        b.click("[data-reorder-save]").await;
        b.wait_for_text(".form-error", "changed since this page was opened").await;
        assert_eq!(names(stages(&b).await), ["Won", "Proposal", "Qualification", "Lost"]);
        let record = b.app.crm.get(&Actor::system(), "pipelines", pipeline).await.unwrap();
        assert_eq!(
            record.get("is_default"),
            &rapport_domain::model::Value::Bool(true),
            "the first pipeline is the default"
        );
    })
    .await;
}

#[tokio::test]
async fn a_sales_rep_gets_the_forbidden_page_at_every_settings_address() {
    each_browser("settings-forbidden", |b: Browser| async move {
        let nikos = b.user("nikos@example.com", "sales_rep", None).await;
        let system = Actor::system();
        let role = b.app.crm.roles(&system).await.unwrap()[0].id;
        let pipeline = b.app.crm.create(&system, "pipelines", &obj(json!({"name": "Sales"}))).await.unwrap().id;
        b.sign_in("nikos@example.com", PASSWORD).await;
        assert!(b.find_all("a[href='/settings']").await.is_empty(), "no way to the settings in the navigation");
        for path in [
            "/settings".to_owned(),
            "/settings/api-name?for=object&label=x".to_owned(),
            "/settings/objects".to_owned(),
            "/settings/objects/people".to_owned(),
            "/settings/objects/people/fields/new".to_owned(),
            "/settings/objects/people/fields/form?type=select".to_owned(),
            "/settings/objects/people/behaviour".to_owned(),
            "/settings/objects/people/fields/title".to_owned(),
            "/settings/users".to_owned(),
            format!("/settings/users/{}", nikos.id),
            "/settings/teams".to_owned(),
            "/settings/roles".to_owned(),
            "/settings/roles/new".to_owned(),
            format!("/settings/roles/{role}"),
            "/settings/boards".to_owned(),
            format!("/settings/boards/{pipeline}"),
        ] {
            b.goto(&path).await;
            b.wait_for_text("h1", "You do not have access").await;
        }
        // Posting from a page (with its CSRF token) is refused too, and changes nothing.
        b.goto("/").await;
        b.find("#global-search").await;
        let before = b.app.crm.schema(&system).await.unwrap();
        for (path, body) in [
            ("/settings/objects", "label=Spy&label_plural=Spies&api_name=spies"),
            ("/settings/objects/people/fields", "label=Spy&api_name=spy&type=text"),
            ("/settings/objects/people/behaviour", "nav_group=more&calendar=false"),
            ("/settings/users", "email=spy%40example.com&display_name=Spy&locale=en&time_zone=UTC"),
            ("/settings/teams", "name=Spies"),
        ] {
            let script = "const [path, body, done] = arguments; \
                const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']; \
                fetch(path, {method: 'POST', headers: {'X-CSRF-Token': token, 'Content-Type': 'application/x-www-form-urlencoded'}, body}) \
                  .then(r => done(r.status), () => done(0));";
            let status = b.client.execute_async(script, vec![json!(path), json!(body)]).await.unwrap();
            assert_eq!(status, json!(403), "{path}");
        }
        let schema = b.app.crm.schema(&system).await.unwrap();
        assert_eq!(schema.objects.len(), before.objects.len());
        let people = |s: &rapport_domain::model::Schema| s.object_by_api("people").unwrap().behaviour.clone();
        assert_eq!(people(&schema), people(&before), "the behaviour is as it was");
        assert!(!field_names(&b, "people").await.contains(&"spy".to_owned()));
        assert!(b.app.crm.user_by_email(&system, "spy@example.com").await.is_err());
        assert!(b.app.crm.teams(&system).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn bad_names_are_refused_beside_their_inputs_and_change_nothing() {
    each_browser("settings-invalid", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        let system = Actor::system();
        let objects_before = b.app.crm.schema(&system).await.unwrap().objects.len();

        // An object without labels.
        b.goto("/settings/objects").await;
        b.click("#object-form button[type=submit]").await;
        b.wait_for_text("#label-error", "Required").await;
        b.wait_for_text("#label_plural-error", "Required").await;
        // An API name another object has.
        b.type_into("#label", "Human").await;
        b.type_into("#label_plural", "Humans").await;
        b.wait_for_text("#api_name-suggestion", "humans").await;
        b.type_into("#api_name", "people").await;
        b.click("#object-form button[type=submit]").await;
        b.wait_for_text("#api_name-error", "already has this API name").await;
        wait_for_value(&b, "#label", "Human").await;
        // One that is not a name.
        b.type_into("#api_name", "Bad Name").await;
        b.click("#object-form button[type=submit]").await;
        b.wait_for_text("#api_name-error", "Not a valid name").await;
        assert_eq!(b.app.crm.schema(&system).await.unwrap().objects.len(), objects_before);

        // A field without a label, one whose API name is taken, a select without choices.
        let fields_before = field_names(&b, "people").await;
        b.goto("/settings/objects/people/fields/new").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#label-error", "Required").await;
        b.type_into("#label", "Title").await;
        b.wait_for_text("#api_name-suggestion", "title").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#api_name-error", "already has this API name").await;
        b.type_into("#api_name", "loyalty").await;
        choose(&b, "#type", "select").await;
        b.find("#options").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#options-error", "at least one choice").await;
        // Two choices with one value.
        b.type_into("#opt-label-0", "Gold").await;
        b.type_into("#opt-value-1", "gold").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("[data-option='1'] .error", "Another choice has this value").await;
        // A relation without its object.
        choose(&b, "#type", "relation").await;
        b.find("#target").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text("#target-error", "Choose the object").await;
        assert_eq!(field_names(&b, "people").await, fields_before);

        // An existing field left without a label.
        b.goto("/settings/objects/people/fields/title").await;
        b.type_into("#label", "").await;
        b.click("#field-edit button[type=submit]").await;
        b.wait_for_text("#label-error", "Required").await;
        let schema = b.app.crm.schema(&system).await.unwrap();
        assert_eq!(schema.object("person").unwrap().field("title").unwrap().label, "Title");

        // A team that exists.
        b.goto("/settings/teams").await;
        b.type_into("#team-name", "Athens").await;
        b.click("#team-form button[type=submit]").await;
        b.wait_for_text("#teams-list", "Athens").await;
        b.type_into("#team-name", "Athens").await;
        b.click("#team-form button[type=submit]").await;
        b.wait_for_text("#team-name-error", "Another team already has this name").await;
        assert_eq!(b.app.crm.teams(&system).await.unwrap().len(), 1);
    })
    .await;
}

/// An administrator reading Rapport in `locale`, with a name in its script.
async fn admin_in(b: &Browser, email: &str, name: &str, locale: &str) -> rapport_domain::User {
    let new = rapport_domain::NewUser {
        email: email.into(),
        display_name: name.into(),
        locale: Some(locale.into()),
        time_zone: Some("Europe/Athens".into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..rapport_domain::NewUser::default()
    };
    b.app.crm.add_user(&Actor::system(), new).await.unwrap().0
}

/// Every settings page, with a pipeline of two stages and a role to open.
async fn settings_pages(b: &Browser, me: uuid::Uuid) -> Vec<String> {
    let system = Actor::system();
    let pipeline = b.app.crm.create(&system, "pipelines", &obj(json!({"name": "Πωλήσεις"}))).await.unwrap().id;
    for (i, name) in ["Επαφή", "Πρόταση"].iter().enumerate() {
        let stage = json!({"pipeline": pipeline.to_string(), "name": name, "position": i, "kind": "open"});
        b.app.crm.create(&system, "stages", &obj(stage)).await.unwrap();
    }
    let roles = b.app.crm.roles(&system).await.unwrap();
    let rep = roles.iter().find(|r| r.standard_key.as_deref() == Some("sales_rep")).unwrap().id;
    vec![
        "/settings".to_owned(),
        "/settings/objects".to_owned(),
        "/settings/objects/people".to_owned(),
        "/settings/objects/people/behaviour".to_owned(),
        "/settings/objects/people/fields/new".to_owned(),
        "/settings/objects/people/fields/title".to_owned(),
        "/settings/objects/leads/fields/status".to_owned(),
        "/settings/users".to_owned(),
        format!("/settings/users/{me}"),
        "/settings/teams".to_owned(),
        "/settings/roles".to_owned(),
        "/settings/roles/new".to_owned(),
        format!("/settings/roles/{rep}"),
        "/settings/boards".to_owned(),
        format!("/settings/boards/{pipeline}"),
        "/me".to_owned(),
    ]
}

/// How much wider than the window the page is (`scrollWidth` past `innerWidth`).
async fn wider_than_window(b: &Browser) -> i64 {
    let script = "return document.documentElement.scrollWidth - window.innerWidth";
    b.client.execute(script, vec![]).await.unwrap().as_i64().unwrap_or(1)
}

#[tokio::test]
async fn every_settings_page_fits_a_phone_in_every_language() {
    each_browser("settings-phone", |b: Browser| async move {
        let people = [
            ("ana@example.com", "Ana", "en"),
            ("eleni@example.com", "Ελένη", "el"),
            ("gabor@example.com", "Gábor", "hu"),
            ("layla@example.com", "ليلى", "ar"),
        ];
        let mut ids = Vec::new();
        for (email, name, locale) in people {
            ids.push(admin_in(&b, email, name, locale).await.id);
        }
        let pages = settings_pages(&b, ids[0]).await;
        for (i, (email, _, locale)) in people.iter().enumerate() {
            if i > 0 {
                sign_out(&b).await;
            }
            b.desktop().await;
            b.sign_in(email, PASSWORD).await;
            b.phone(360, 800).await;
            for path in &pages {
                b.goto(path).await;
                b.find("main h1").await;
                let wider = wider_than_window(&b).await;
                assert!(wider <= 0, "{locale}: {path} is wider than a 360px phone by {wider}px");
            }
        }
    })
    .await;
}

/// The page's own words (text in its language, not identifiers in `<code>`), the
/// title and the options included.
async fn own_words(b: &Browser) -> String {
    let script = "const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
                  const parts = []; \
                  while (walker.nextNode()) { \
                    const parent = walker.currentNode.parentElement; \
                    const own = parent.closest('[lang]').lang === document.documentElement.lang; \
                    if (own && !parent.closest('code, kbd, script, style')) parts.push(walker.currentNode.data); \
                  } \
                  return parts.join(' ') + ' ' + document.title;";
    let text = b.client.execute(script, vec![]).await.unwrap();
    text.as_str().unwrap_or_default().split_whitespace().filter(|w| !w.contains('@')).collect::<Vec<_>>().join(" ")
}

/// Latin words of two letters or more that are not all capitals (codes such as UTC
/// and GMT) nor a name (Rapport's, WhatsApp's).
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !["Rapport", "WhatsApp"].contains(w) && !w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn greek_and_arabic_settings_name_objects_and_fields_in_their_language() {
    each_browser("settings-own-language", |b: Browser| async move {
        let eleni = admin_in(&b, "eleni@example.com", "Ελένη", "el").await;
        admin_in(&b, "layla@example.com", "ليلى", "ar").await;
        let pages = settings_pages(&b, eleni.id).await;
        let roles = b.app.crm.roles(&Actor::system()).await.unwrap();
        let rep = roles.iter().find(|r| r.standard_key.as_deref() == Some("sales_rep")).unwrap().id;
        for (email, locale) in [("eleni@example.com", "el"), ("layla@example.com", "ar")] {
            let tr = Tr::new(locale);
            // The names as the messages give them (locales/*/schema.ftl).
            let people = tr.t("std-object-person-plural");
            let companies = tr.t("std-object-company-plural");
            let title = tr.t("std-field-person-title");
            assert!(
                !people.is_ascii() && !companies.is_ascii() && !title.is_ascii(),
                "{locale}: {people} {companies} {title}"
            );
            if locale != "el" {
                sign_out(&b).await;
            }
            b.sign_in(email, PASSWORD).await;

            // The roles page lists the objects by their names in the user's language.
            b.goto(&format!("/settings/roles/{rep}")).await;
            b.find("#rights").await;
            let mut rows = Vec::new();
            for th in b.find_all("#rights tbody th[scope=row]").await {
                rows.push(th.text().await.unwrap());
            }
            assert!(rows.contains(&people) && rows.contains(&companies), "{locale}: {rows:?}");
            assert!(!rows.iter().any(|r| r == "People" || r == "Companies"), "{locale}: {rows:?}");
            let group = b.find("#fields-person summary").await.text().await.unwrap();
            assert!(group.starts_with(&people), "{locale}: {group}");
            b.click("#fields-person summary").await;
            b.wait_for_text("#fields-person", &title).await;

            // The new field's title names the object in the language, in its quotes.
            b.goto("/settings/objects/people/fields/new").await;
            let h1 = b.find("main h1").await.text().await.unwrap();
            assert_eq!(h1, tr.t1("settings-field-new-title", "object", people.as_str()), "{locale}");
            assert!(h1.contains(&format!("«{people}»")), "{locale}: {h1}");
            assert!(latin_words(&h1).is_empty() && !h1.contains("People"), "{locale}: {h1}");
            assert!(latin_words(&b.client.title().await.unwrap()).is_empty(), "{locale}: the window title");

            // A field's page: its name in the language, its API name a quiet line.
            b.goto("/settings/objects/people/fields/title").await;
            assert_eq!(b.find("main h1").await.text().await.unwrap(), title, "{locale}");
            assert_eq!(b.find("main .api-name code").await.text().await.unwrap(), "title");

            // No page of the settings shows a word of English (identifiers in <code>
            // and data aside).
            for path in &pages {
                b.goto(path).await;
                b.find("main h1").await;
                let left = latin_words(&own_words(&b).await);
                assert!(left.is_empty(), "{locale}: Latin words on {path}: {left:?}");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_field_of_every_type_is_added_and_the_object_is_relabelled_and_hidden() {
    each_browser("settings-every-type", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/settings/objects").await;
        b.type_into("#label", "Asset").await;
        b.type_into("#label_plural", "Assets").await;
        b.type_into("#api_name", "assets").await;
        b.click("#object-form button[type=submit]").await;
        b.wait_for_path("/settings/objects/assets").await;

        let types: Vec<&str> = FieldType::all().iter().map(FieldType::type_name).collect();
        for &kind in &types {
            b.goto("/settings/objects/assets/fields/new").await;
            b.type_into("#label", &format!("Field {kind}")).await;
            b.type_into("#api_name", &format!("f_{kind}")).await;
            choose(&b, "#type", kind).await;
            match kind {
                "select" | "multi_select" => {
                    b.type_into("#opt-label-0", "Alpha").await;
                    b.type_into("#opt-label-1", "Άλφα").await;
                }
                "relation" => choose(&b, "#target", "company").await,
                "decimal" => {
                    b.type_into("#precision", "10").await;
                    b.type_into("#scale", "3").await;
                }
                "rating" => b.type_into("#rating_max", "10").await,
                "email" | "phone" => b.click("#multiple").await,
                _ => {}
            }
            wait_for_value(&b, "#type", kind).await;
            b.click("#field-form button[type=submit]").await;
            b.wait_for_text(".notice", "field was added").await;
        }
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let assets = schema.object_by_api("assets").unwrap();
        for &kind in &types {
            let field =
                assets.fields.iter().find(|f| f.api_name == format!("f_{kind}")).unwrap_or_else(|| panic!("{kind}"));
            assert_eq!(field.kind.type_name(), kind);
        }
        let field = |name: &str| assets.fields.iter().find(|f| f.api_name == name).unwrap().kind.clone();
        assert_eq!(field("f_decimal"), FieldType::Decimal { precision: 10, scale: 3 });
        assert_eq!(field("f_rating"), FieldType::Rating { max: 10 });
        assert_eq!(field("f_email"), FieldType::Email { multiple: true });
        assert_eq!(field("f_url"), FieldType::Url { multiple: false });
        assert_eq!(field("f_relation"), FieldType::Relation { target: "company".into() });
        let FieldType::MultiSelect { options } = field("f_multi_select") else { panic!() };
        let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["alpha", "Άλφα"], "a Greek label is its own value");

        // The new-record form has an input for every field people fill in.
        b.goto("/o/assets/new").await;
        b.find("#record-form").await;
        for kind in types.iter().filter(|k| **k != "attachment") {
            let name = format!("f.f_{kind}");
            let found = b.find_all(&format!("#record-form [name='{name}'], #record-form [name^='{name}.']")).await;
            assert!(!found.is_empty(), "no input for {kind}");
        }

        // Relabelled, then hidden: out of the navigation and the lists, data kept.
        b.goto("/settings/objects/assets").await;
        b.type_into("#label_plural", "Equipment").await;
        b.click("#object-names button[type=submit]").await;
        b.wait_for_text(".notice", "Saved").await;
        b.wait_for_text("h1", "Equipment").await;
        b.click("button[name='hidden'][value='true']:not([hx-post*='/fields/'])").await;
        confirm(&b).await;
        b.wait_for_text("h1", "Hidden").await;
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let assets = schema.object_by_api("assets").unwrap();
        assert!(assets.hidden);
        assert_eq!(assets.label_plural, "Equipment");
        assert!(b.find_all("#nav a[href='/o/assets']").await.is_empty());
        // Hidden: out of the navigation, but an administrator still reaches its
        // records (to look before unhiding); others do not (the store refuses them).
        b.goto("/o/assets").await;
        b.wait_for_text("h1", "Equipment").await;
        b.goto("/settings/objects/assets").await;
        b.click("button[name='hidden'][value='false']:not([hx-post*='/fields/'])").await;
        b.wait_for_text(".notice", "Saved").await;
        assert!(!b.app.crm.schema(&Actor::system()).await.unwrap().object_by_api("assets").unwrap().hidden);
    })
    .await;
}

/// The options of the leads' `status`, by value, as stored.
async fn status_values(b: &Browser) -> Vec<String> {
    let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
    let status = schema.object_by_api("leads").unwrap().field("status").unwrap().clone();
    status.kind.options().iter().map(|o| o.value.clone()).collect()
}

#[tokio::test]
async fn a_lead_status_is_added_and_one_in_use_cannot_be_removed() {
    each_browser("settings-lead-status", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        let before = status_values(&b).await;
        assert_eq!(before, ["new", "contacted", "qualified", "unqualified", "converted"]);

        // A row added at the end, typed into and moved up before "Converted".
        b.goto("/settings/objects/leads/fields/status").await;
        b.find("#field-options #options").await;
        wait_for_value(&b, "#opt-label-4", "Converted").await;
        b.click("#option-add").await;
        b.find("#opt-label-5").await;
        b.type_into("#opt-label-5", "Nurturing").await;
        b.click("[data-option='5'] button[value='up:5']").await;
        wait_for_value(&b, "#opt-label-4", "Nurturing").await;
        wait_for_value(&b, "#opt-label-5", "Converted").await;
        b.click("#options-save").await;
        b.wait_for_text(".notice", "Saved").await;
        assert_eq!(status_values(&b).await, ["new", "contacted", "qualified", "unqualified", "nurturing", "converted"]);

        // A lead is given the new status in the lead form.
        b.goto("/o/leads/new").await;
        b.type_into("[name='f.name.first']", "Ada").await;
        b.type_into("[name='f.name.last']", "Byron").await;
        choose(&b, "select[name='f.status']", "nurturing").await;
        b.click("#record-form button[type=submit]").await;
        let path = b.wait_for_path("/o/leads/0").await;
        b.wait_for_text("#fields", "Nurturing").await;
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let leads = schema.object_by_api("leads").unwrap().clone();
        let lead = b.app.crm.get(&Actor::system(), "leads", id).await.unwrap();
        assert_eq!(lead.to_json(&leads)["status"], json!("nurturing"));

        // Removing the status the lead holds is refused beside the editor; nothing changes.
        b.goto("/settings/objects/leads/fields/status").await;
        wait_for_value(&b, "#opt-label-4", "Nurturing").await;
        b.click("[data-option='4'] button[value='remove:4']").await;
        wait_for_value(&b, "#opt-label-4", "Converted").await;
        b.click("#options-save").await;
        b.wait_for_text("#field-options #options-error", "nurturing").await;
        wait_for_value(&b, "#opt-label-4", "Converted").await;
        assert_eq!(status_values(&b).await, ["new", "contacted", "qualified", "unqualified", "nurturing", "converted"]);
    })
    .await;
}

/// Saves the page and the form as they look, for people to look at (not compared):
/// into `RAPPORT_SCREENSHOTS_DIR` when set, else the test output.
async fn save_form(b: &Browser, name: &str) {
    let dir = std::env::var_os("RAPPORT_SCREENSHOTS_DIR")
        .map_or_else(|| super::output_dir().join("behaviour"), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), b.client.screenshot().await.unwrap()).unwrap();
    // Part by part, each scrolled into the window first: a screenshot of an element
    // is cut at the window's edge.
    for (i, part) in b.find_all(".behaviour-part").await.into_iter().enumerate() {
        let element = serde_json::to_value(&part).unwrap();
        b.client.execute("arguments[0].scrollIntoView({block: 'start'})", vec![element]).await.unwrap();
        std::fs::write(dir.join(format!("{name}-part{i}.png")), part.screenshot().await.unwrap()).unwrap();
    }
}

/// How much wider than `width` the page is.
async fn overflow(b: &Browser, width: u32) -> i64 {
    let script = format!("return Math.max(document.documentElement.scrollWidth, innerWidth) - {width}");
    b.client.execute(&script, vec![]).await.unwrap().as_i64().unwrap_or(1)
}

#[tokio::test]
async fn a_custom_object_is_put_on_the_calendar_and_in_the_bar_through_its_behaviour() {
    each_browser("settings-behaviour", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        let arabic = rapport_domain::NewUser {
            email: "layla@example.com".into(),
            display_name: "Layla".into(),
            locale: Some("ar".into()),
            roles: vec!["administrator".into()],
            password: Some(PASSWORD.into()),
            ..rapport_domain::NewUser::default()
        };
        b.app.crm.add_user(&Actor::system(), arabic).await.unwrap();
        b.sign_in("ana@example.com", PASSWORD).await;
        // A custom object with a date and time field, made in the settings.
        b.goto("/settings/objects").await;
        b.type_into("#label", "Visit").await;
        b.type_into("#label_plural", "Visits").await;
        b.type_into("#api_name", "visits").await;
        b.click("#object-form button[type=submit]").await;
        b.wait_for_path("/settings/objects/visits").await;
        b.click("a[href='/settings/objects/visits/fields/new']").await;
        b.type_into("#label", "Visit at").await;
        b.wait_for_text("#api_name-suggestion", "visit_at").await;
        choose(&b, "#type", "datetime").await;
        wait_for_value(&b, "#type", "datetime").await;
        b.click("#field-form button[type=submit]").await;
        b.wait_for_text(".notice", "field was added").await;
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let visits = schema.object_by_api("visits").unwrap().clone();
        let visit_at = visits.fields.iter().find(|f| f.api_name == "visit_at").unwrap().id.clone();
        let in_bar = "#nav > ul > li > a[href='/o/visits']";
        assert!(b.find_all(in_bar).await.is_empty(), "not in the bar yet");

        // From the object's page to its behaviour: in the bar, on the calendar.
        b.click("#behaviour a[href='/settings/objects/visits/behaviour']").await;
        b.wait_for_path("/settings/objects/visits/behaviour").await;
        choose(&b, "#nav_group", "main").await;
        b.click("#calendar").await;
        choose(&b, "#calendar_start", &visit_at).await;
        b.click("#behaviour-form button[type=submit]").await;
        b.wait_for_text(".notice", "Saved").await;
        b.find(in_bar).await;
        let saved = b.app.crm.schema(&Actor::system()).await.unwrap().object_by_api("visits").unwrap().clone();
        assert_eq!(saved.behaviour.calendar.map(|c| c.start), Some(visit_at.clone()));

        // The form as it looks, wide and on a phone, in English and in Arabic.
        for (who, locale) in [("ana@example.com", "en"), ("layla@example.com", "ar")] {
            if locale != "en" {
                sign_out(&b).await;
                b.sign_in(who, PASSWORD).await;
            }
            b.client.set_window_size(1440, 1100).await.unwrap();
            b.goto("/settings/objects/visits/behaviour").await;
            b.find("#behaviour-form").await;
            save_form(&b, &format!("behaviour-{locale}-1440")).await;
            b.phone(390, 844).await;
            b.goto("/settings/objects/visits/behaviour").await;
            b.find("#behaviour-form").await;
            assert!(overflow(&b, 390).await <= 0, "{locale}: the form is wider than the phone");
            save_form(&b, &format!("behaviour-{locale}-390")).await;
            // An activity's form has its quick action too.
            b.goto("/settings/objects/tasks/behaviour").await;
            b.find("#quick_fields").await;
            assert!(overflow(&b, 390).await <= 0, "{locale}: an activity's form is wider than the phone");
            save_form(&b, &format!("behaviour-tasks-{locale}-390")).await;
            b.desktop().await;
        }
    })
    .await;
}

/// Saves the page as it looks, whole, for people to look at (not compared): into
/// `RAPPORT_SCREENSHOTS_DIR` when set, else the test output.
async fn save_page(b: &Browser, name: &str) {
    let dir = std::env::var_os("RAPPORT_SCREENSHOTS_DIR")
        .map_or_else(|| super::output_dir().join("settings"), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), b.client.screenshot().await.unwrap()).unwrap();
}

#[tokio::test]
async fn the_settings_pages_as_they_look_in_greek_and_arabic() {
    each_browser("settings-look", |b: Browser| async move {
        let eleni = admin_in(&b, "eleni@example.com", "Ελένη", "el").await;
        admin_in(&b, "layla@example.com", "ليلى", "ar").await;
        let pages = settings_pages(&b, eleni.id).await;
        let shots = [
            ("objects", "/settings/objects"),
            ("object", "/settings/objects/people"),
            ("field-new", "/settings/objects/people/fields/new"),
            ("field", "/settings/objects/people/fields/title"),
            ("role", pages[12].as_str()),
            ("user", pages[8].as_str()),
            ("pipeline", pages[14].as_str()),
        ];
        for (email, locale) in [("eleni@example.com", "el"), ("layla@example.com", "ar")] {
            if locale != "el" {
                sign_out(&b).await;
            }
            b.desktop().await;
            b.sign_in(email, PASSWORD).await;
            for (width, height) in [(1440, 1600), (390, 2200)] {
                if width < 1000 {
                    b.phone(width, height).await;
                } else {
                    b.client.set_window_size(width, height).await.unwrap();
                }
                for (name, path) in shots {
                    b.goto(path).await;
                    b.find("main h1").await;
                    assert!(wider_than_window(&b).await <= 0, "{locale}: {path} at {width}px");
                    save_page(&b, &format!("{name}-{locale}-{width}")).await;
                }
            }
        }
    })
    .await;
}
