//! The kanban board in a real browser and over HTTP: an opportunity dragged to another
//! stage with WebDriver pointer actions and moved with the keyboard and the "Move to"
//! menu is stored, the columns' counts and sums follow; a stale card goes back with a
//! message; a sales rep sees nothing of another team and cannot move what is not
//! theirs; bad addresses and moves get clear answers and change nothing.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::elements::Element;
use rapport_domain::model::{Actor, Record, Value};
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use super::{Browser, PASSWORD, each_browser, teams, user};
use crate::app::{App, spawn_app};

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

/// A pipeline with its stages, in order: Qualify, Proposal, Won, Lost.
pub struct Pipeline {
    pub id: Uuid,
    pub stages: Vec<Uuid>,
}

pub async fn pipeline(app: &App, name: &str, default: bool) -> Pipeline {
    let sys = Actor::system();
    let pipeline = app
        .crm
        .create(&sys, "pipelines", &obj(json!({"name": name, "is_default": default, "position": 1})))
        .await
        .unwrap();
    let mut stages = Vec::new();
    for (i, (stage, kind)) in
        [("Qualify", "open"), ("Proposal", "open"), ("Won", "won"), ("Lost", "lost")].iter().enumerate()
    {
        let input = json!({"pipeline": pipeline.id.to_string(), "name": stage, "position": i, "kind": kind});
        stages.push(app.crm.create(&sys, "stages", &obj(input)).await.unwrap().id);
    }
    Pipeline { id: pipeline.id, stages }
}

pub async fn opportunity(
    app: &App,
    pipeline: &Pipeline,
    name: &str,
    stage: usize,
    amount: &str,
    owner: Uuid,
    team: Option<Uuid>,
) -> Record {
    let mut input = json!({
        "name": name,
        "pipeline": pipeline.id.to_string(),
        "stage": pipeline.stages[stage].to_string(),
        "amount": {"amount": amount, "currency": "EUR"},
        "owner": owner.to_string(),
    });
    if let Some(team) = team {
        input["team"] = json!(team.to_string());
    }
    app.crm.create(&Actor::system(), "opportunities", &obj(input)).await.unwrap()
}

/// The stage an opportunity is stored in, and its version.
async fn stored_stage(app: &App, id: Uuid) -> (Uuid, i64) {
    let record = app.crm.get(&Actor::system(), "opportunities", id).await.unwrap();
    match record.get("stage") {
        Value::Uuid(stage) => (*stage, record.version),
        other => panic!("an opportunity without a stage: {other:?}"),
    }
}

fn column(stage: Uuid) -> String {
    format!("section[data-column='{stage}']")
}

fn card(id: Uuid) -> String {
    format!("[data-card][data-id='{id}']")
}

/// Drags `from` onto `to` with WebDriver pointer actions: press, a small move that
/// makes it a drag, the way to the target, release.
pub async fn drag(b: &Browser, from: &Element, to: &Element) {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: from.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 12.0, y: 8.0 })
        .then(PointerAction::MoveToElement {
            element: to.clone(),
            duration: Some(Duration::from_millis(250)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    b.client.perform_actions(mouse).await.unwrap();
    b.client.release_actions().await.unwrap();
}

/// Presses a key on whatever has the focus.
pub async fn press(b: &Browser, key: char) {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    b.client.perform_actions(keys).await.unwrap();
    b.client.release_actions().await.unwrap();
}

/// Waits until a column shows `count` records.
async fn wait_for_count(b: &Browser, stage: Uuid, count: i64) {
    let css = format!("{} [data-count]", column(stage));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let shown = match b.client.find(fantoccini::Locator::Css(&css)).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if shown.trim() == count.to_string() {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "column {stage} never showed {count} (shows {shown:?})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn column_text(b: &Browser, stage: Uuid) -> String {
    b.find(&column(stage)).await.text().await.unwrap()
}

#[tokio::test]
async fn opportunities_move_between_stages_by_drag_keyboard_and_menu() {
    each_browser("kanban-move", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        let p = pipeline(&b.app, "Sales", true).await;
        let olive = opportunity(&b.app, &p, "Olive oil deal", 0, "1000", ana.id, None).await;
        let feta = opportunity(&b.app, &p, "Feta deal", 0, "250.50", ana.id, None).await;
        let honey = opportunity(&b.app, &p, "Honey deal", 1, "300", ana.id, None).await;
        let [qualify, proposal, won, _lost] = [p.stages[0], p.stages[1], p.stages[2], p.stages[3]];
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        b.find("#board").await;
        // Columns in stage order, with exact counts and sums.
        let headings: Vec<String> = {
            let mut out = Vec::new();
            for h in b.find_all(".board-column h2").await {
                out.push(h.text().await.unwrap());
            }
            out
        };
        assert_eq!(headings, ["Qualify", "Proposal", "Won", "Lost"]);
        wait_for_count(&b, qualify, 2).await;
        assert!(column_text(&b, qualify).await.contains("€1,250.50"));
        assert!(column_text(&b, proposal).await.contains("€300.00"));
        let text = column_text(&b, qualify).await;
        assert!(text.contains("Olive oil deal") && text.contains("€1,000.00"), "{text}");
        let owner = b.find(&format!("{} .board-owner", card(olive.id))).await;
        assert_eq!(owner.attr("title").await.unwrap().as_deref(), Some("ana"), "the owner's avatar names her");
        assert_eq!(owner.text().await.unwrap(), "A");

        // Drag the olive oil deal to Proposal.
        let from = b.find(&format!("{} .board-amount", card(olive.id))).await;
        let to = b.find(&format!("{} [data-drop]", column(proposal))).await;
        drag(&b, &from, &to).await;
        wait_for_count(&b, proposal, 2).await;
        wait_for_count(&b, qualify, 1).await;
        let (stage, version) = stored_stage(&b.app, olive.id).await;
        assert_eq!(stage, proposal, "the drop is stored");
        assert_eq!(version, olive.version + 1);
        assert!(column_text(&b, proposal).await.contains("€1,300.00"));
        assert!(column_text(&b, qualify).await.contains("€250.50"));
        b.wait_for_text("#board-notice", "Moved “Olive oil deal” to Proposal").await;

        // The keyboard: focus the feta card and press →.
        let feta_card = b.find(&card(feta.id)).await;
        b.client.execute("arguments[0].focus()", vec![serde_json::to_value(&feta_card).unwrap()]).await.unwrap();
        press(&b, '\u{E014}').await;
        wait_for_count(&b, proposal, 3).await;
        wait_for_count(&b, qualify, 0).await;
        assert_eq!(stored_stage(&b.app, feta.id).await.0, proposal);
        assert!(column_text(&b, qualify).await.contains("Nothing here"));
        assert!(column_text(&b, proposal).await.contains("€1,550.50"));
        // The focus stays on the card, so → again moves it on.
        let focused = b.client.execute("return document.activeElement.dataset.id || ''", vec![]).await.unwrap();
        assert_eq!(focused, json!(feta.id.to_string()));
        press(&b, '\u{E014}').await;
        wait_for_count(&b, won, 1).await;
        assert_eq!(stored_stage(&b.app, feta.id).await.0, won);

        // The "Move to" menu.
        b.click(&format!("{} .board-move summary", card(honey.id))).await;
        b.find(&format!("{} select[name=to]", card(honey.id))).await.select_by_value(&won.to_string()).await.unwrap();
        b.click(&format!("{} .board-move button[type=submit]", card(honey.id))).await;
        wait_for_count(&b, won, 2).await;
        assert_eq!(stored_stage(&b.app, honey.id).await.0, won);
        assert!(column_text(&b, won).await.contains("€550.50"));
        assert!(column_text(&b, proposal).await.contains("€1,000.00"));

        // On a phone the columns scroll sideways inside the board, not the page.
        b.phone(360, 740).await;
        b.goto("/kanban/opportunities").await;
        b.find("#board").await;
        let fits =
            b.client.execute("return Math.max(document.documentElement.scrollWidth, innerWidth) <= 361", vec![]).await;
        assert_eq!(fits.unwrap(), json!(true), "the board is wider than a 360 px phone");
    })
    .await;
}

#[tokio::test]
async fn a_card_changed_by_someone_else_goes_back_with_a_message() {
    each_browser("kanban-conflict", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        let p = pipeline(&b.app, "Sales", true).await;
        let olive = opportunity(&b.app, &p, "Olive oil deal", 0, "1000", ana.id, None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        b.find(&card(olive.id)).await;
        // Meanwhile someone renames it.
        let renamed = b
            .app
            .crm
            .update(
                &Actor::system(),
                "opportunities",
                olive.id,
                olive.version,
                &obj(json!({"name": "Olive oil deal 2"})),
            )
            .await
            .unwrap();
        let from = b.find(&format!("{} .board-amount", card(olive.id))).await;
        let to = b.find(&format!("{} [data-drop]", column(p.stages[2]))).await;
        drag(&b, &from, &to).await;
        b.wait_for_text("#board-message", "Someone else changed this record").await;
        // The card is back in its stage, as saved (with the new name); nothing moved.
        b.wait_for_text(&column(p.stages[0]), "Olive oil deal 2").await;
        assert!(!column_text(&b, p.stages[2]).await.contains("Olive oil"));
        let (stage, version) = stored_stage(&b.app, olive.id).await;
        assert_eq!((stage, version), (p.stages[0], renamed.version));
        // Moving it again now works (the board carries the new version).
        let from = b.find(&format!("{} .board-amount", card(olive.id))).await;
        let to = b.find(&format!("{} [data-drop]", column(p.stages[2]))).await;
        drag(&b, &from, &to).await;
        wait_for_count(&b, p.stages[2], 1).await;
        assert_eq!(stored_stage(&b.app, olive.id).await.0, p.stages[2]);
    })
    .await;
}

#[tokio::test]
async fn a_sales_rep_sees_no_cards_of_another_team_and_moves_only_own_ones() {
    each_browser("kanban-reach", |b: Browser| async move {
        teams(&b.app, &["Athens", "Budapest"]).await;
        let nikos = b.user("nikos@example.com", "sales_rep", Some("Athens")).await;
        let maria = b.user("maria@example.com", "sales_rep", Some("Athens")).await;
        let eszter = b.user("eszter@example.com", "sales_rep", Some("Budapest")).await;
        let all_teams = b.app.crm.teams(&Actor::system()).await.unwrap();
        let team = |name: &str| all_teams.iter().find(|t| t.name == name).unwrap().id;
        let p = pipeline(&b.app, "Sales", true).await;
        let own = opportunity(&b.app, &p, "Athens own deal", 0, "100", nikos.id, Some(team("Athens"))).await;
        let mate = opportunity(&b.app, &p, "Athens mate deal", 0, "20", maria.id, Some(team("Athens"))).await;
        let theirs = opportunity(&b.app, &p, "Budapest deal", 0, "5000", eszter.id, Some(team("Budapest"))).await;
        b.sign_in("nikos@example.com", PASSWORD).await;
        b.goto("/kanban/opportunities").await;
        wait_for_count(&b, p.stages[0], 2).await;
        let text = b.page_text().await;
        assert!(text.contains("Athens own deal") && text.contains("Athens mate deal"), "{text}");
        assert!(!text.contains("Budapest deal") && !text.contains("5,000") && !text.contains("5,120"), "{text}");
        assert!(column_text(&b, p.stages[0]).await.contains("€120.00"));
        // Search and filter keep to the same reach.
        b.goto("/kanban/opportunities?q=deal&filter=amount%5Bgte%5D%3A50").await;
        wait_for_count(&b, p.stages[0], 1).await;
        assert!(!b.page_text().await.contains("Budapest"));
        b.goto("/kanban/opportunities").await;
        // Only the rep's own card can be moved.
        assert_eq!(b.find_all(&format!("{}[data-movable]", card(own.id))).await.len(), 1);
        assert!(b.find_all(&format!("{}[data-movable]", card(mate.id))).await.is_empty());
        // A move of the team mate's card, sent anyway, is refused and changes nothing;
        // one of the other team's is answered as if it did not exist.
        let post = |id: Uuid, version: i64| {
            format!(
                "const body = new URLSearchParams({{to: '{to}', version: '{version}'}});\
                 const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];\
                 const done = arguments[arguments.length - 1];\
                 fetch('/kanban/opportunities/{id}/move', {{method: 'POST', body, headers: {{'X-CSRF-Token': token}}}})\
                   .then(async r => done([r.status, await r.text()]));",
                to = p.stages[1]
            )
        };
        let answer = b.client.execute_async(&post(mate.id, mate.version), vec![]).await.unwrap();
        assert_eq!(answer[0], json!(403));
        assert!(answer[1].as_str().unwrap().contains("You may not move this record"), "{answer}");
        assert!(!answer[1].as_str().unwrap().contains("Budapest"));
        assert_eq!(stored_stage(&b.app, mate.id).await, (p.stages[0], mate.version));
        let answer = b.client.execute_async(&post(theirs.id, theirs.version), vec![]).await.unwrap();
        assert_eq!(answer[0], json!(404));
        assert_eq!(stored_stage(&b.app, theirs.id).await, (p.stages[0], theirs.version));
        // The rep's own card moves.
        let from = b.find(&format!("{} .board-amount", card(own.id))).await;
        let to = b.find(&format!("{} [data-drop]", column(p.stages[1]))).await;
        drag(&b, &from, &to).await;
        wait_for_count(&b, p.stages[1], 1).await;
        assert_eq!(stored_stage(&b.app, own.id).await.0, p.stages[1]);
    })
    .await;
}

pub use crate::app::Session;

/// A signed-in HTTP client of `email` (with the browser tests' password).
pub async fn session(app: &App, email: &str) -> Session {
    app.sign_in(email, PASSWORD).await
}

pub async fn get(app: &App, s: &Session, path: &str) -> (u16, String) {
    app.page(s, path).await
}

pub async fn post_form(app: &App, s: &Session, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    app.post_page(s, path, form).await
}

#[tokio::test]
async fn boards_answer_bad_addresses_and_moves_clearly_and_change_nothing() {
    for db in rapport_domain::testing::each_database().await {
        let app = spawn_app(&db).await;
        let ana = user(&app, "ana@example.com", "administrator", None).await;
        let p = pipeline(&app, "Sales", true).await;
        let olive = opportunity(&app, &p, "Olive oil deal", 0, "1000", ana.id, None).await;
        let s = session(&app, "ana@example.com").await;

        // A field the board cannot be made by names the ones it can.
        let (status, body) = get(&app, &s, "/kanban/opportunities?by=colour").await;
        assert_eq!(status, 400, "{}", db.name());
        assert!(body.contains("“colour” is not a choice field of Opportunities"), "{body}");
        assert!(body.contains("Stage, Source, Lost reason"), "{body}");
        let (status, body) = get(&app, &s, "/kanban/opportunities?group=nope").await;
        assert_eq!(status, 400);
        assert!(body.contains("There is no pipeline “nope”") && body.contains("Sales"), "{body}");
        // An object without a select field says so; an unknown object is not found.
        let (status, body) = get(&app, &s, "/kanban/pipelines").await;
        assert_eq!(status, 400);
        assert!(body.contains("no choice field"), "{body}");
        assert_eq!(get(&app, &s, "/kanban/nothing").await.0, 404);
        // A malformed filter is shown on the board page, not a crash.
        let (status, body) = get(&app, &s, "/kanban/opportunities?filter=amount%5Bgte%5D%3A").await;
        assert_eq!(status, 400);
        assert!(body.contains("board-problem"), "{body}");
        // A board by another select field: its options are the columns.
        let (status, body) = get(&app, &s, "/kanban/opportunities?by=source").await;
        assert_eq!(status, 200);
        assert!(body.contains("data-column=\"website\"") && body.contains("data-column=\"referral\""));
        // The no-value column holds the records without a source.
        assert!(body.contains("data-column=\"\""), "{body}");

        // A column holds at most 50 cards; its count and sum are the whole column's, and
        // the rest are a link away, in the list.
        let many: Vec<Map<String, Json>> = (0..55)
            .map(|i| {
                obj(json!({"name": format!("Bulk deal {i:02}"), "pipeline": p.id.to_string(),
                    "stage": p.stages[3].to_string(), "amount": {"amount": "1.10", "currency": "EUR"}}))
            })
            .collect();
        app.crm.create_many(&Actor::system(), "opportunities", &many).await.unwrap();
        let (status, body) = get(&app, &s, "/kanban/opportunities").await;
        assert_eq!(status, 200);
        let lost = &body[body.find(&format!("data-column=\"{}\"", p.stages[3])).unwrap()..];
        assert!(lost.contains("data-count>55<") && lost.contains("€60.50"), "{lost}");
        assert_eq!(lost.matches("data-card ").count(), 50);
        assert!(lost.contains("5 more in the list"), "{lost}");
        let start = lost.find("href=\"/o/opportunities?filter=").unwrap() + "href=\"".len();
        let href = lost[start..].split('"').next().unwrap().replace("&amp;", "&");
        assert!(href.contains(&p.stages[3].to_string()), "{href}");
        let (status, list) = get(&app, &s, &href).await;
        assert_eq!(status, 200, "{href}");
        assert!(list.contains("Bulk deal 54") || list.contains("Bulk deal 00"), "the list shows the column's records");

        // A move to a column the board does not have: 422, and nothing changes.
        let path = format!("/kanban/opportunities/{}/move", olive.id);
        let version = olive.version.to_string();
        let (status, body) = post_form(&app, &s, &path, &[("to", "no-such-stage"), ("version", &version)]).await;
        assert_eq!(status, 422, "{}: {body}", db.name());
        assert!(body.contains("is not a column of this board") && body.contains("data-board"), "{body}");
        assert_eq!(stored_stage(&app, olive.id).await, (p.stages[0], olive.version));
        let other = pipeline(&app, "Export", false).await;
        let (status, _) =
            post_form(&app, &s, &path, &[("to", &other.stages[1].to_string()), ("version", &version)]).await;
        assert_eq!(status, 422, "a stage of another pipeline is not a column of this board");
        assert_eq!(stored_stage(&app, olive.id).await, (p.stages[0], olive.version));
        let (status, _) = post_form(&app, &s, &path, &[("to", "nope"), ("version", &version), ("by", "source")]).await;
        assert_eq!(status, 422, "an unknown option of a select board");
        // A stale version: 409, the board as saved.
        let stale = (olive.version - 1).to_string();
        let (status, body) = post_form(&app, &s, &path, &[("to", &p.stages[1].to_string()), ("version", &stale)]).await;
        assert_eq!(status, 409);
        assert!(body.contains("Someone else changed this record"), "{body}");
        assert_eq!(stored_stage(&app, olive.id).await, (p.stages[0], olive.version));
        // The board of another pipeline, and a move there by its own columns.
        let (status, body) = post_form(
            &app,
            &s,
            &path,
            &[("to", &other.stages[2].to_string()), ("version", &version), ("group", &other.id.to_string())],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let stored = app.crm.get(&Actor::system(), "opportunities", olive.id).await.unwrap();
        assert_eq!(stored.get("stage"), &Value::Uuid(other.stages[2]));
        assert_eq!(stored.get("pipeline"), &Value::Uuid(other.id), "the record follows its stage's pipeline");
    }
}
