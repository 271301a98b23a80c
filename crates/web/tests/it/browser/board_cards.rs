//! Board cards as a salesperson reads them, over HTTP and in a real browser: a deal's
//! company and contact, how long it has been in its stage (stamped when the stage
//! changes, and only then), its next activity (or a highlighted "no activity"), a
//! rotting highlight after the stage's days with the column's count of rotting deals,
//! counts in the reader's digits (Arabic-Indic in Arabic), a card dragged with a finger
//! after a long press, a board that fits a 360 px phone without widening the page, and
//! a stage's rotting time set in Settings.

use std::time::Duration;

use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::elements::Element;
use rapport_domain::NewUser;
use rapport_domain::model::{Actor, Record, Value};
use serde_json::{Map, Value as Json, json};
use time::OffsetDateTime;
use uuid::Uuid;

use super::kanban::{Pipeline, opportunity, pipeline, post_form, session};
use super::{Browser, PASSWORD, each_browser, output_dir, user};
use crate::app::{App, spawn_app};

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

fn column(stage: Uuid) -> String {
    format!("section[data-column='{stage}']")
}

fn card(id: Uuid) -> String {
    format!("[data-card][data-id='{id}']")
}

/// When an opportunity entered its stage, as stored.
async fn entered(app: &App, id: Uuid) -> OffsetDateTime {
    let record = app.crm.get(&Actor::system(), "opportunities", id).await.unwrap();
    match record.get("stage_entered_at") {
        Value::DateTime(t) => *t,
        other => panic!("an opportunity without its stage stamp: {other:?}"),
    }
}

/// Puts a record's stage stamp `days` days in the past (as a demo or an import does).
async fn entered_days_ago(app: &App, id: Uuid, days: i64) -> OffsetDateTime {
    let at = rapport_domain::model::value::truncate_to_micros(OffsetDateTime::now_utc() - time::Duration::days(days))
        .unwrap();
    app.crm.stamp_column_entry(&Actor::system(), "opportunities", &[(id, at)]).await.unwrap();
    at
}

/// Makes deals in the first stage rot after `days` days.
async fn rots_after(app: &App, stage: Uuid, days: i64) {
    let sys = Actor::system();
    let version = app.crm.get(&sys, "stages", stage).await.unwrap().version;
    app.crm.update(&sys, "stages", stage, version, &obj(json!({ "rotting_days": days }))).await.unwrap();
}

/// A task on a record's timeline, due `days` from now, with a status.
async fn task(app: &App, on: (&str, Uuid), subject: &str, days: i64, status: &str) -> Record {
    let due = OffsetDateTime::now_utc() + time::Duration::days(days);
    let input = obj(json!({
        "subject": subject,
        "status": status,
        "due_at": rapport_domain::model::value::format_datetime(due),
    }));
    app.crm.log_activity(&Actor::system(), "tasks", &input, on).await.unwrap()
}

fn near_now(t: OffsetDateTime) -> bool {
    (OffsetDateTime::now_utc() - t).abs() < time::Duration::minutes(2)
}

#[tokio::test]
async fn the_stage_stamp_follows_the_stage_and_nothing_else() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let ana = user(&app, "ana@example.com", "administrator", None).await;
        let p = pipeline(&app, "Sales", true).await;
        let olive = opportunity(&app, &p, "Olive oil deal", 0, "1000", ana.id, None).await;
        assert!(near_now(entered(&app, olive.id).await), "{at}: a new deal enters its stage now");

        // Ten days ago; editing another field leaves the stamp alone.
        let before = entered_days_ago(&app, olive.id, 10).await;
        let sys = Actor::system();
        let version = app.crm.get(&sys, "opportunities", olive.id).await.unwrap().version;
        let edited = obj(json!({"amount": {"amount": "1500", "currency": "EUR"}, "name": "Olive oil, more"}));
        app.crm.update(&sys, "opportunities", olive.id, version, &edited).await.unwrap();
        assert_eq!(entered(&app, olive.id).await, before, "{at}: an edit that keeps the stage keeps the stamp");

        // Nobody sets the stamp by hand: it is read-only.
        let version = app.crm.get(&sys, "opportunities", olive.id).await.unwrap().version;
        let forged = obj(json!({"stage_entered_at": "2020-01-01T00:00:00Z"}));
        let refused = app.crm.update(&sys, "opportunities", olive.id, version, &forged).await.unwrap_err();
        assert!(format!("{refused:?}").contains("ReadOnly"), "{at}: {refused:?}");
        assert_eq!(entered(&app, olive.id).await, before, "{at}");

        // The board shows ten days; moving the card stamps the move.
        let s = session(&app, "ana@example.com").await;
        let (status, page) = app.page(&s, "/kanban/opportunities").await;
        assert_eq!(status, 200, "{at}: {page}");
        assert!(page.contains("10 days") && page.contains("In this column for 10 days"), "{at}: {page}");
        let path = format!("/kanban/opportunities/{}/move", olive.id);
        let version = app.crm.get(&sys, "opportunities", olive.id).await.unwrap().version.to_string();
        let to = p.stages[1].to_string();
        let (status, board) = post_form(&app, &s, &path, &[("to", &to), ("version", &version)]).await;
        assert_eq!(status, 200, "{at}: {board}");
        let after = entered(&app, olive.id).await;
        assert!(after > before && near_now(after), "{at}: the move is stamped ({before} → {after})");
        assert!(board.contains("data-days") && board.contains(">Since today<"), "{at}: {board}");
    }
}

#[tokio::test]
async fn arabic_board_counts_and_days_are_in_arabic_indic_digits() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let new = NewUser {
            email: "layla@example.com".into(),
            display_name: "ليلى الحربي".into(),
            roles: vec!["administrator".into()],
            locale: Some("ar".into()),
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        let layla = app.crm.add_user(&Actor::system(), new).await.unwrap().0;
        let p = pipeline(&app, "المبيعات", true).await;
        for (name, stage) in [("صفقة التمور", 0), ("صفقة العسل", 0), ("صفقة القهوة", 2)] {
            opportunity(&app, &p, name, stage, "1000", layla.id, None).await;
        }
        let twelve = opportunity(&app, &p, "صفقة الزيت", 0, "500", layla.id, None).await;
        entered_days_ago(&app, twelve.id, 12).await;
        let s = session(&app, "layla@example.com").await;
        let (status, page) = app.page(&s, "/kanban/opportunities").await;
        assert_eq!(status, 200, "{at}: {page}");
        assert!(page.contains("data-count>٣<") && page.contains("data-count>١<"), "{at}: counts: {page}");
        assert!(!page.contains("data-count>3<") && !page.contains("data-count>1<"), "{at}: Latin counts: {page}");
        assert!(page.contains("١٢ يومًا"), "{at}: days: {page}");
    }
}

/// The board's cards, text and all, for a scenario.
struct Deals {
    p: Pipeline,
    olive: Record,
    feta: Record,
    honey: Record,
    wine: Record,
}

async fn deals(b: &Browser, owner: Uuid) -> Deals {
    let app = &b.app;
    let sys = Actor::system();
    let p = pipeline(app, "Sales", true).await;
    rots_after(app, p.stages[0], 7).await;
    let company = app.crm.create(&sys, "companies", &obj(json!({"name": "Olympus Foods"}))).await.unwrap();
    let person = app
        .crm
        .create(&sys, "people", &obj(json!({"name": {"first": "Maria", "last": "Papadopoulou"}})))
        .await
        .unwrap();
    let olive =
        opportunity(app, &p, "Olive oil for the summer menu of the Olympus hotels", 0, "12500", owner, None).await;
    let version = olive.version;
    let related = obj(json!({"company": company.id.to_string(), "person": person.id.to_string()}));
    let olive = app.crm.update(&sys, "opportunities", olive.id, version, &related).await.unwrap();
    let feta = opportunity(app, &p, "Feta deal", 0, "250.50", owner, None).await;
    let honey = opportunity(app, &p, "Honey deal", 1, "300", owner, None).await;
    let wine = opportunity(app, &p, "Wine deal", 2, "900", owner, None).await;
    entered_days_ago(app, olive.id, 12).await;
    entered_days_ago(app, feta.id, 3).await;
    // Olive: a done task (not next), an open one tomorrow (next), a later meeting.
    task(app, ("opportunities", olive.id), "Old call list", -2, "done").await;
    task(app, ("opportunities", olive.id), "Send the offer", 1, "open").await;
    task(app, ("opportunities", olive.id), "Visit the hotel", 6, "open").await;
    // Feta: only an overdue task; honey: nothing planned.
    task(app, ("opportunities", feta.id), "Chase the invoice", -3, "in_progress").await;
    Deals { p, olive, feta, honey, wine }
}

async fn text_of(b: &Browser, css: &str) -> String {
    b.find(css).await.text().await.unwrap()
}

async fn screenshot(b: &Browser, name: &str) {
    b.settle().await;
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(output_dir().join(format!("{name}.png")), png).unwrap();
}

async fn fits_the_screen(b: &Browser) -> bool {
    let js = "return document.documentElement.scrollWidth <= window.innerWidth";
    b.client.execute(js, vec![]).await.unwrap() == json!(true)
}

#[tokio::test]
async fn cards_show_related_records_days_next_activity_and_rot() {
    each_browser("kanban-cards", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        let d = deals(&b, ana.id).await;
        let (qualify, proposal) = (d.p.stages[0], d.p.stages[1]);
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        b.find("#board").await;

        let olive = text_of(&b, &card(d.olive.id)).await;
        for expected in ["Olympus Foods", "Maria Papadopoulou", "€12,500.00", "12 days", "Rotting", "Send the offer"]
        {
            assert!(olive.contains(expected), "the olive card lacks {expected:?}: {olive}");
        }
        assert!(!olive.contains("Old call list") && !olive.contains("Visit the hotel"), "{olive}");
        let class = b.find(&card(d.olive.id)).await.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.contains("rotting"), "{class}");
        let avatar = text_of(&b, &format!("{} .avatar", card(d.olive.id))).await;
        assert_eq!(avatar, "A", "ana's initials");

        let feta = text_of(&b, &card(d.feta.id)).await;
        assert!(feta.contains("3 days") && feta.contains("Chase the invoice") && feta.contains("overdue"), "{feta}");
        assert!(!feta.contains("Rotting"), "three days is not past seven: {feta}");
        let honey = text_of(&b, &card(d.honey.id)).await;
        assert!(honey.contains("No activity planned") && honey.contains("Since today"), "{honey}");
        b.find(&format!("{} .board-next.missing", card(d.honey.id))).await;
        // A won deal needs no next step: no warning.
        let wine = text_of(&b, &card(d.wine.id)).await;
        assert!(wine.contains("Wine deal") && !wine.contains("No activity planned"), "{wine}");

        let head = text_of(&b, &format!("{} .board-column-head", column(qualify))).await;
        assert!(head.contains("1 rotting"), "{head}");
        let head = text_of(&b, &format!("{} .board-column-head", column(proposal))).await;
        assert!(!head.contains("rotting"), "{head}");
        screenshot(&b, "board-cards-en-desktop").await;

        // A phone: the columns scroll inside the board, the page does not widen.
        for width in [390, 360] {
            b.phone(width, 844).await;
            b.goto("/kanban/opportunities").await;
            b.find("#board").await;
            assert!(fits_the_screen(&b).await, "the board widens the page at {width} px");
            screenshot(&b, &format!("board-cards-en-{width}")).await;
        }
        b.desktop().await;

        // In Arabic, right to left, with Arabic-Indic digits.
        let new = NewUser {
            email: "layla@example.com".into(),
            display_name: "ليلى الحربي".into(),
            roles: vec!["administrator".into()],
            locale: Some("ar".into()),
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        b.app.crm.add_user(&Actor::system(), new).await.unwrap();
        b.client.delete_all_cookies().await.unwrap();
        b.sign_in("layla@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        b.find("#board").await;
        let count = text_of(&b, &format!("{} [data-count]", column(qualify))).await;
        assert_eq!(count, "٢", "Arabic-Indic counts");
        let head = text_of(&b, &format!("{} .board-column-head", column(qualify))).await;
        assert!(head.contains('١') && !head.contains('1'), "{head}");
        screenshot(&b, "board-cards-ar-desktop").await;
        for width in [390, 360] {
            b.phone(width, 844).await;
            b.goto("/kanban/opportunities").await;
            b.find("#board").await;
            assert!(fits_the_screen(&b).await, "the Arabic board widens the page at {width} px");
            screenshot(&b, &format!("board-cards-ar-{width}")).await;
        }
    })
    .await;
}

/// A finger on `from`, held for `hold` (or not), then moved onto `to` and lifted.
async fn touch_drag(b: &Browser, from: &Element, to: &Element, hold: Duration) {
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: from.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Pause { duration: hold })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 10.0, y: 6.0 })
        .then(PointerAction::MoveToElement {
            element: to.clone(),
            duration: Some(Duration::from_millis(300)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Up { button: 0 });
    b.client.perform_actions(finger).await.unwrap();
    b.client.release_actions().await.unwrap();
}

async fn stage_of(app: &App, id: Uuid) -> Uuid {
    match app.crm.get(&Actor::system(), "opportunities", id).await.unwrap().get("stage") {
        Value::Uuid(stage) => *stage,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_finger_moves_a_card_after_a_long_press_and_a_swipe_does_not() {
    each_browser("kanban-touch", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        let p = pipeline(&b.app, "Sales", true).await;
        let olive = opportunity(&b.app, &p, "Olive oil deal", 0, "1000", ana.id, None).await;
        let (qualify, proposal) = (p.stages[0], p.stages[1]);
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        b.find("#board").await;

        // A quick swipe is a scroll: the card stays.
        let from = b.find(&format!("{} .board-amount", card(olive.id))).await;
        let swipe = TouchActions::new("finger".into())
            .then(PointerAction::MoveToElement { element: from.clone(), duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(150)), x: 0.0, y: -160.0 })
            .then(PointerAction::Up { button: 0 });
        b.client.perform_actions(swipe).await.unwrap();
        b.client.release_actions().await.unwrap();
        b.settle().await;
        assert_eq!(stage_of(&b.app, olive.id).await, qualify, "a swipe moved the card");
        b.find(&format!("{} {}", column(qualify), card(olive.id))).await;

        // Held for a long press, the card follows the finger and lands in Proposal.
        let from = b.find(&format!("{} .board-amount", card(olive.id))).await;
        let to = b.find(&format!("{} [data-drop]", column(proposal))).await;
        touch_drag(&b, &from, &to, Duration::from_millis(450)).await;
        b.wait_for_text("#board-notice", "Moved “Olive oil deal” to Proposal").await;
        assert_eq!(stage_of(&b.app, olive.id).await, proposal, "the touch drop is stored");
        b.find(&format!("{} {}", column(proposal), card(olive.id))).await;
    })
    .await;
}

#[tokio::test]
async fn a_stage_rotting_time_is_set_in_settings_and_bad_ones_are_refused() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        user(&app, "ana@example.com", "administrator", None).await;
        let p = pipeline(&app, "Sales", true).await;
        let s = session(&app, "ana@example.com").await;
        let (status, page) = app.page(&s, &format!("/settings/boards/{}", p.id)).await;
        assert_eq!(status, 200, "{at}: {page}");
        assert!(page.contains("name=\"rotting_after\"") && page.contains("Rotting after (days)"), "{at}: {page}");

        let stage = p.stages[0];
        let stored = |app: &App| {
            let crm = app.crm.clone();
            async move { crm.get(&Actor::system(), "stages", stage).await.unwrap() }
        };
        let path = format!("/settings/boards/{}/stages/{stage}", p.id);
        let form = |version: String, days: &'static str| {
            vec![
                ("label", "Qualify".to_owned()),
                ("result", "open".to_owned()),
                ("rotting_after", days.to_owned()),
                ("_version", version),
            ]
        };
        let send = |fields: Vec<(&'static str, String)>| {
            let (app, s, path) = (&app, &s, path.clone());
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                post_form(app, s, &path, &pairs).await
            }
        };
        let (status, _) = send(form(stored(&app).await.version.to_string(), "14")).await;
        assert!(status < 400, "{at}: {status}");
        assert_eq!(stored(&app).await.get("rotting_days"), &Value::Integer(14), "{at}");

        // Zero days is refused beside the field, and nothing changes.
        let before = stored(&app).await;
        let (status, page) = send(form(before.version.to_string(), "0")).await;
        assert_eq!(status, 422, "{at}: {page}");
        assert!(page.contains("-rotting-error"), "{at}: the refusal is beside the field: {page}");
        assert_eq!(stored(&app).await.version, before.version, "{at}: nothing was saved");

        // Emptied, the stage never rots.
        let (status, _) = send(form(before.version.to_string(), "")).await;
        assert!(status < 400, "{at}: {status}");
        assert_eq!(stored(&app).await.get("rotting_days"), &Value::Null, "{at}");
    }
}
