//! Home over HTTP, on every database: today's tasks before the overdue ones and the
//! overdue newest first, each with the customer it is linked to; marking a task done
//! through the ordinary update (its version guarding a lost update, a stale one told
//! clearly); one stage table per pipeline; amounts one line per currency, never added
//! across currencies; stage names the demo wrote, in the user's language; a manager's
//! team view with each member's numbers, which a rep never gets.

use rapport_domain::model::{Actor, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{NewUser, User};
use serde_json::{Map, Value as Json, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, Time};
use uuid::Uuid;

use rapport_web::ui::format::Format;
use rust_decimal::Decimal;

use crate::app::{App, Session, spawn_app};
use crate::browser::{PASSWORD, teams};

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

/// An amount as Home shows it to an English user.
fn money(amount: &str, currency: &str) -> String {
    Format::new("en", "UTC").money(amount.parse::<Decimal>().unwrap(), currency)
}

/// Midnight today, UTC (the users here are on UTC).
fn today() -> OffsetDateTime {
    OffsetDateTime::now_utc().replace_time(Time::MIDNIGHT)
}

/// A user with a known password, signed in.
async fn seat(app: &App, email: &str, name: &str, role: &str, team: Option<&str>, locale: &str) -> (User, Session) {
    let new = NewUser {
        email: email.into(),
        display_name: name.into(),
        locale: Some(locale.into()),
        time_zone: Some("UTC".into()),
        roles: vec![role.into()],
        teams: team.into_iter().map(str::to_owned).collect(),
        password: Some(PASSWORD.into()),
    };
    let user = app.crm.add_user(&Actor::system(), new).await.unwrap().0;
    let session = app.sign_in(email, PASSWORD).await;
    (user, session)
}

async fn create(app: &App, object: &str, input: Json) -> rapport_domain::model::Record {
    app.crm.create(&Actor::system(), object, &obj(input)).await.unwrap()
}

/// An open task of `owner` due at `due`, linked to `customer` when given.
async fn task(app: &App, owner: Uuid, subject: &str, due: OffsetDateTime, customer: Option<(&str, Uuid)>) -> Uuid {
    let input = json!({"subject": subject, "status": "open", "due_at": iso(due), "owner": owner.to_string()});
    let made = create(app, "tasks", input).await;
    if let Some(record) = customer {
        app.crm.link_activity(&Actor::system(), ("tasks", made.id), record, made.created_at).await.unwrap();
    }
    made.id
}

/// The part of the page from the element with `id` to the end of its section.
fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} on the page"));
    let rest = &body[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in {text}"))
}

#[tokio::test]
async fn tasks_due_today_come_first_by_time_then_the_overdue_newest_first_each_with_its_customer() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let (rep, s) = seat(&app, "rep@example.com", "Rep", "sales_rep", None, "en").await;
        let (other, _) = seat(&app, "other@example.com", "Other", "sales_rep", None, "en").await;
        let mine = rep.id.to_string();
        let person = create(&app, "people", json!({"name": {"first": "Ilona", "last": "Tóth"}, "owner": mine})).await;
        let company = create(&app, "companies", json!({"name": "Duna Trading Kft.", "owner": mine})).await;
        // A record the rep may not read is not shown, nor said to be there.
        let hidden = create(&app, "companies", json!({"name": "Secret Holdings", "owner": other.id.to_string()})).await;
        let day = today();
        task(&app, rep.id, "Half a year late", day - Duration::days(180), None).await;
        let late =
            task(&app, rep.id, "Three days late", day - Duration::days(3), Some(("companies", company.id))).await;
        app.crm.link_activity(&Actor::system(), ("tasks", late), ("companies", hidden.id), day).await.unwrap();
        task(&app, rep.id, "Evening call", day + Duration::hours(20), None).await;
        task(&app, rep.id, "Yesterday's quote", day - Duration::hours(10), None).await;
        let morning = task(&app, rep.id, "Morning call", day + Duration::hours(1), Some(("people", person.id))).await;
        task(&app, rep.id, "Next week", day + Duration::days(7), None).await;
        task(&app, other.id, "Someone else's", day + Duration::hours(2), None).await;
        let done = create(
            &app,
            "tasks",
            json!({"subject": "Already done", "status": "done", "due_at": iso(day), "owner": rep.id.to_string()}),
        )
        .await;

        let (status, body) = app.page(&s, "/").await;
        assert_eq!(status, 200, "{at}");
        let tasks = section(&body, "home-tasks");
        let order = ["Morning call", "Evening call", "Yesterday&#39;s quote", "Three days late", "Half a year late"];
        let positions: Vec<usize> = order.iter().map(|subject| position(tasks, subject)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{at}: today's by time, then overdue newest first: {tasks}");
        // Today's come under their heading, the older ones under "Overdue", each of
        // those marked in words, not by colour alone.
        assert!(position(tasks, ">Today<") < positions[0] && positions[1] < position(tasks, ">Overdue<"), "{at}");
        let overdue_marks = tasks.matches("class=\"home-overdue\"").count();
        assert!(overdue_marks >= 3, "{at}: the overdue items say so: {tasks}");
        for absent in ["Next week", "Someone else", "Already done"] {
            assert!(!tasks.contains(absent), "{at}: {absent} is not due today or not the rep's");
        }
        assert!(!tasks.contains(&done.id.to_string()), "{at}");
        // Each task says for whom, as a link to the record it is linked to.
        let morning_item = &tasks[position(tasks, &format!("id=\"home-tasks-{morning}\""))..];
        let morning_item = &morning_item[..position(morning_item, "</li>")];
        assert!(
            morning_item.contains(&format!("href=\"/o/people/{}\"><bdi>Ilona Tóth</bdi></a>", person.id)),
            "{at}: {morning_item}"
        );
        assert!(
            tasks.contains(&format!("href=\"/o/companies/{}\"><bdi>Duna Trading Kft.</bdi></a>", company.id)),
            "{at}"
        );
        assert!(!body.contains("Secret Holdings") && !body.contains(&hidden.id.to_string()), "{at}");
    }
}

#[tokio::test]
async fn a_task_is_marked_done_with_its_version_and_a_stale_version_is_told_clearly() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let (rep, s) = seat(&app, "rep@example.com", "Rep", "sales_rep", None, "en").await;
        let day = today();
        let first = task(&app, rep.id, "Send the price list", day + Duration::hours(9), None).await;
        let second = task(&app, rep.id, "Call back about the invoice", day - Duration::days(1), None).await;
        let (_, body) = app.page(&s, "/").await;
        assert!(body.contains(&format!("hx-post=\"/home/done/tasks/{first}\"")), "{at}: a mark-done button");

        // Done: the item goes (an empty answer) with a toast, and the task is done.
        let response = app
            .client
            .post(app.url(&format!("/home/done/tasks/{first}")))
            .header("Cookie", &s.cookie)
            .header("X-CSRF-Token", &s.csrf)
            .header("Origin", &app.base)
            .header("HX-Request", "true")
            .form(&[("version", "1"), ("list", "tasks")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{at}");
        let trigger = response.headers()["hx-trigger"].to_str().unwrap().to_owned();
        let toast: Json = serde_json::from_str(&trigger).unwrap();
        assert_eq!(toast["rapport:toast"], "Done: Send the price list", "{at}");
        let stored = app.crm.get(&Actor::system(), "tasks", first).await.unwrap();
        assert_eq!(stored.get("status"), &Value::Text("done".into()), "{at}");
        assert!(matches!(stored.get("completed_at"), Value::DateTime(_)), "{at}: the rule stamps it");
        let (_, body) = app.page(&s, "/").await;
        assert!(!section(&body, "home-tasks").contains("Send the price list"), "{at}: gone from Home");

        // Changed meanwhile (here: its subject): the item comes back as it is now, with
        // what happened, and stays open.
        let patch = obj(json!({"subject": "Call back about invoice 2026-114"}));
        app.crm.update(&Actor::system(), "tasks", second, 1, &patch).await.unwrap();
        let (status, fragment) =
            app.post_page(&s, &format!("/home/done/tasks/{second}"), &[("version", "1"), ("list", "tasks")]).await;
        assert_eq!(status, 409, "{at}: {fragment}");
        assert!(fragment.contains("Someone changed this meanwhile"), "{at}: {fragment}");
        assert!(fragment.contains("Call back about invoice 2026-114"), "{at}: shown as it is now");
        assert!(fragment.contains("name=\"version\" value=\"2\""), "{at}: with the version it has now");
        let stored = app.crm.get(&Actor::system(), "tasks", second).await.unwrap();
        assert_eq!(stored.get("status"), &Value::Text("open".into()), "{at}");
        // With the version it has now, it is done.
        let (status, _) =
            app.post_page(&s, &format!("/home/done/tasks/{second}"), &[("version", "2"), ("list", "tasks")]).await;
        assert_eq!(status, 200, "{at}");

        // No version, an unknown list, a list that has no "done", another's task:
        // clear answers, nothing changed, never a 5xx.
        let third = task(&app, rep.id, "Prepare the contract", day + Duration::hours(10), None).await;
        let path = format!("/home/done/tasks/{third}");
        let (status, body) = app.post_page(&s, &path, &[("version", "x"), ("list", "tasks")]).await;
        assert_eq!(status, 400, "{at}");
        assert!(body.contains("did not say which version"), "{at}: {body}");
        assert_eq!(app.post_page(&s, &path, &[("version", "1"), ("list", "nonsense")]).await.0, 404, "{at}");
        let call = create(
            &app,
            "calls",
            json!({"subject": "Intro", "direction": "outbound", "started_at": iso(day), "owner": rep.id.to_string()}),
        )
        .await;
        let (status, _) =
            app.post_page(&s, &format!("/home/done/calls/{}", call.id), &[("version", "1"), ("list", "calls")]).await;
        assert_eq!(status, 404, "{at}: calls are not marked done");
        let (stranger, _) = seat(&app, "stranger@example.com", "Stranger", "sales_rep", None, "en").await;
        let theirs = task(&app, stranger.id, "Not the rep's", day, None).await;
        let (status, _) =
            app.post_page(&s, &format!("/home/done/tasks/{theirs}"), &[("version", "1"), ("list", "tasks")]).await;
        assert!(status == 403 || status == 404, "{at}: {status}");
        for id in [third, theirs] {
            let stored = app.crm.get(&Actor::system(), "tasks", id).await.unwrap();
            assert_eq!(stored.get("status"), &Value::Text("open".into()), "{at}");
        }
    }
}

/// A pipeline with its stages (name, kind), in order; returns its id and the stages'.
async fn pipeline(app: &App, name: &str, position: i64, stages: &[(&str, &str)]) -> (Uuid, Vec<Uuid>) {
    let id = create(app, "pipelines", json!({"name": name, "position": position})).await.id;
    let mut ids = Vec::new();
    for (i, (stage, kind)) in stages.iter().enumerate() {
        let input = json!({"pipeline": id.to_string(), "name": stage, "position": i, "kind": kind});
        ids.push(create(app, "stages", input).await.id);
    }
    (id, ids)
}

async fn deal(app: &App, (pipeline, stage): (Uuid, Uuid), owner: Uuid, amount: (&str, &str)) -> Uuid {
    let input = json!({"name": format!("Deal {}", Uuid::now_v7()), "pipeline": pipeline.to_string(),
        "stage": stage.to_string(), "owner": owner.to_string(),
        "amount": {"amount": amount.0, "currency": amount.1}});
    create(app, "opportunities", input).await.id
}

#[tokio::test]
async fn each_pipeline_has_its_own_stage_table_with_one_line_per_currency() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let (rep, s) = seat(&app, "rep@example.com", "Rep", "sales_rep", None, "en").await;
        let sales = [("Qualify", "open"), ("Proposal", "open"), ("Won", "won"), ("Lost", "lost")];
        let (new_business, a) = pipeline(&app, "New business", 1, &sales).await;
        let (renewals, b) =
            pipeline(&app, "Renewals", 2, &[("Due", "open"), ("Quoted", "open"), ("Renewed", "won")]).await;
        deal(&app, (new_business, a[0]), rep.id, ("1000", "EUR")).await;
        deal(&app, (new_business, a[0]), rep.id, ("250.5", "EUR")).await;
        deal(&app, (new_business, a[0]), rep.id, ("500", "GBP")).await;
        deal(&app, (new_business, a[1]), rep.id, ("200000", "HUF")).await;
        deal(&app, (new_business, a[2]), rep.id, ("9999", "EUR")).await;
        deal(&app, (renewals, b[1]), rep.id, ("3000", "SAR")).await;

        let (_, body) = app.page(&s, "/").await;
        let board = section(&body, "home-board-opportunity");
        assert_eq!(board.matches("<table class=\"home-stages\"").count(), 2, "{at}: one table per pipeline: {board}");
        let first = &board[position(board, "<bdi>New business</bdi>")..position(board, "<bdi>Renewals</bdi>")];
        let second = &board[position(board, "<bdi>Renewals</bdi>")..];
        for stage in ["Qualify", "Proposal"] {
            assert!(
                first.contains(&format!("<bdi>{stage}</bdi>")) && !second.contains(&format!("<bdi>{stage}</bdi>")),
                "{at}"
            );
        }
        for stage in ["Due", "Quoted"] {
            assert!(
                second.contains(&format!("<bdi>{stage}</bdi>")) && !first.contains(&format!("<bdi>{stage}</bdi>")),
                "{at}"
            );
        }
        assert!(!board.contains("Won") && !board.contains("Renewed"), "{at}: open stages only");
        // Qualify holds euros and pounds: one line each, never added together.
        let qualify = &first[position(first, "<bdi>Qualify</bdi>")..];
        let qualify = &qualify[..position(qualify, "</tr>")];
        let lines = |items: &[(&str, &str)]| {
            items.iter().map(|(a, c)| format!("<span>{}</span>", money(a, c))).collect::<String>()
        };
        assert!(qualify.contains(&lines(&[("1250.50", "EUR"), ("500", "GBP")])), "{at}: {qualify}");
        assert!(!board.contains(" + "), "{at}: no sums of strings");
        // Each table's total is per currency too.
        let total = &first[position(first, "<tfoot>")..];
        assert!(total.contains("<span>4</span>"), "{at}: {total}");
        assert!(total.contains(&lines(&[("1250.50", "EUR"), ("500", "GBP"), ("200000", "HUF")])), "{at}: {total}");
        assert!(second.contains(&lines(&[("3000", "SAR")])), "{at}: {second}");
    }
}

#[tokio::test]
async fn stage_names_the_demo_wrote_are_shown_in_the_users_language() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let (rep, s) = seat(&app, "rep@example.com", "Rep", "sales_rep", None, "hu").await;
        let (id, stages) =
            pipeline(&app, "New business", 1, &[("Qualification", "open"), ("Negotiation", "open"), ("Won", "won")])
                .await;
        let (own, own_stages) = pipeline(&app, "Export", 2, &[("Samples sent", "open")]).await;
        deal(&app, (id, stages[0]), rep.id, ("10", "EUR")).await;
        deal(&app, (id, stages[1]), rep.id, ("10", "EUR")).await;
        deal(&app, (own, own_stages[0]), rep.id, ("10", "EUR")).await;
        let (_, body) = app.page(&s, "/").await;
        let board = section(&body, "home-board-opportunity");
        for name in ["<bdi>Új üzletek</bdi>", "<bdi>Minősítés</bdi>", "<bdi>Tárgyalás</bdi>"] {
            assert!(board.contains(name), "{at}: {name} in {board}");
        }
        // A name of the user's own is shown as it was written.
        assert!(board.contains("<bdi>Export</bdi>") && board.contains("<bdi>Samples sent</bdi>"), "{at}");
        assert!(!board.contains("Qualification"), "{at}");
    }
}

/// What the test made for one member, counted as it made it.
#[derive(Default)]
struct Expected {
    overdue_tasks: i64,
    meetings_today: i64,
    /// Per stage: count and euros.
    stages: [(i64, i64); 2],
}

async fn meeting(app: &App, owner: Uuid, starts: OffsetDateTime) {
    let input = json!({"subject": "Visit", "starts_at": iso(starts), "ends_at": iso(starts + Duration::minutes(45)),
        "owner": owner.to_string()});
    create(app, "meetings", input).await;
}

#[tokio::test]
async fn a_manager_sees_each_members_numbers_and_a_rep_only_their_own_day() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        teams(&app, &["North", "South"]).await;
        let (_, boss) = seat(&app, "boss@example.com", "Boss", "sales_manager", Some("North"), "en").await;
        let (anna, anna_s) = seat(&app, "anna@example.com", "Anna North", "sales_rep", Some("North"), "en").await;
        let (bela, _) = seat(&app, "bela@example.com", "Béla North", "sales_rep", Some("North"), "en").await;
        let (sam, _) = seat(&app, "sam@example.com", "Sam South", "sales_rep", Some("South"), "en").await;
        let (id, stages) =
            pipeline(&app, "New business", 1, &[("Qualify", "open"), ("Proposal", "open"), ("Won", "won")]).await;
        let day = today();
        let now = OffsetDateTime::now_utc();
        let mut expected: Vec<(Uuid, Expected)> = Vec::new();
        for (n, member) in [anna.id, bela.id, sam.id].into_iter().enumerate() {
            let n = n as i64;
            let mut e = Expected::default();
            for k in 0..(n + 1) {
                task(&app, member, "Late", now - Duration::days(k + 1), None).await;
                e.overdue_tasks += 1;
            }
            // Done and future tasks are not overdue.
            task(&app, member, "Later", now + Duration::days(2), None).await;
            create(
                &app,
                "tasks",
                json!({"subject": "Done", "status": "done", "due_at": iso(now - Duration::days(1)),
                "owner": member.to_string()}),
            )
            .await;
            for k in 0..(2 - n).max(0) {
                meeting(&app, member, day + Duration::hours(8 + k)).await;
                e.meetings_today += 1;
            }
            meeting(&app, member, day + Duration::days(1) + Duration::hours(9)).await;
            for (stage, euros) in [(0, 100 * (n + 1)), (1, 1000), (1, 50)] {
                if stage == 1 && n == 1 {
                    continue;
                }
                deal(&app, (id, stages[stage]), member, (&euros.to_string(), "EUR")).await;
                e.stages[stage].0 += 1;
                e.stages[stage].1 += euros;
            }
            deal(&app, (id, stages[2]), member, ("777", "EUR")).await;
            expected.push((member, e));
        }

        let (status, body) = app.page(&boss, "/?view=team").await;
        assert_eq!(status, 200, "{at}");
        assert!(body.contains("href=\"/?view=team\" aria-current=\"page\""), "{at}: the switch says where we are");
        let summary = &body[position(&body, "id=\"home-team-summary\"")..];
        let summary = &summary[..position(summary, "</table>")];
        let money = |euros: i64| money(&euros.to_string(), "EUR");
        for (member, e) in expected.iter().filter(|(m, _)| *m != sam.id) {
            let row = &summary[position(summary, &format!("data-member=\"{member}\""))..];
            let row = &row[..position(row, "</tr>")];
            let cell = |column: &str| {
                let c = &row[position(row, &format!("data-column=\"{column}\""))..];
                let c = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
                c.strip_prefix("<div class=\"home-lines\">").and_then(|c| c.strip_suffix("</div>")).unwrap().to_owned()
            };
            assert_eq!(cell("tasks"), format!("<span>{}</span>", e.overdue_tasks), "{at}: {row}");
            assert_eq!(cell("meetings"), format!("<span>{}</span>", e.meetings_today), "{at}: {row}");
            let open = e.stages[0].0 + e.stages[1].0;
            assert_eq!(cell("board-opportunity"), format!("<span>{open}</span>"), "{at}: {row}");
            assert_eq!(
                cell("amount-opportunity"),
                format!("<span>{}</span>", money(e.stages[0].1 + e.stages[1].1)),
                "{at}"
            );
            // By stage, in the pipeline's table.
            let table = &body[position(&body, "id=\"home-team-opportunity-0\"")..];
            let row = &table[position(table, &format!("data-member=\"{member}\""))..];
            let row = &row[..position(row, "</tr>")];
            for (count, euros) in e.stages {
                let lines = if count == 0 {
                    "<td><div class=\"home-lines\"><span>0</span></div></td>".to_owned()
                } else {
                    format!(
                        "<td><div class=\"home-lines\"><span>{count}</span><span>{}</span></div></td>",
                        money(euros)
                    )
                };
                assert!(row.contains(&lines), "{at}: {lines} in {row}");
            }
        }
        assert!(
            !body.contains(&format!("data-member=\"{}\"", sam.id)) && !body.contains("Sam South"),
            "{at}: not the team"
        );

        // A rep has no team view, whatever the address says, and sees no one else's.
        let (status, body) = app.page(&anna_s, "/?view=team").await;
        assert_eq!(status, 200, "{at}");
        assert!(!body.contains("home-team-summary") && !body.contains("data-member"), "{at}");
        assert!(!body.contains("?view=team") && !body.contains("Béla North"), "{at}");
        assert!(body.contains("id=\"home-tasks\""), "{at}: their own day instead");
        let _ = bela;
    }
}
