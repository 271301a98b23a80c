//! The calendar in a real browser and over HTTP: a meeting made by clicking a slot and
//! filling the form is on the calendar and in the database (in the user's time zone),
//! moves by dragging to another slot (keeping its length), with its "Reschedule" form
//! and in the month view; the week becomes a day list on a phone; a sales rep sees
//! nothing of another team; bad addresses name the parameter.

use rapport_domain::UserPatch;
use rapport_domain::model::filter::parse;
use rapport_domain::model::{Actor, Record, Value};
use rapport_domain::{ListQuery, User};
use serde_json::{Map, Value as Json, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::kanban::{drag, get, post_form, session};
use super::{Browser, PASSWORD, each_browser, teams, user};
use crate::app::{App, spawn_app};

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).unwrap()
}

fn when(record: &Record, field: &str) -> OffsetDateTime {
    match record.get(field) {
        Value::DateTime(t) => *t,
        other => panic!("{field} is {other:?}"),
    }
}

async fn in_athens(app: &App, user: &User) {
    let patch = UserPatch { time_zone: Some("Europe/Athens".into()), ..UserPatch::default() };
    app.crm.update_user(&Actor::system(), user.id, patch).await.unwrap();
}

async fn meeting_named(app: &App, subject: &str) -> Record {
    let filter = parse(&format!("subject[eq]:\"{subject}\"")).unwrap();
    let query = ListQuery { filter: Some(filter), limit: 10, ..ListQuery::default() };
    let mut found = app.crm.list(&Actor::system(), "meetings", query).await.unwrap().records;
    assert_eq!(found.len(), 1, "exactly one meeting {subject:?}");
    found.remove(0)
}

/// Waits until the stored meeting starts at `start`, and returns it.
async fn wait_for_start(app: &App, id: Uuid, start: &str) -> Record {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let record = app.crm.get(&Actor::system(), "meetings", id).await.unwrap();
        if when(&record, "starts_at") == at(start) {
            return record;
        }
        assert!(tokio::time::Instant::now() < deadline, "the meeting never started at {start}: {:?}", record.values);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn scroll_into_view(b: &Browser, css: &str) {
    let el = b.find(css).await;
    b.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&el).unwrap()])
        .await
        .unwrap();
}

#[tokio::test]
async fn a_meeting_is_made_from_a_slot_and_rescheduled_by_drag_and_by_form() {
    each_browser("calendar-meeting", |b: Browser| async move {
        let ana = b.user("ana@example.com", "administrator", None).await;
        in_athens(&b.app, &ana).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/calendar?view=week&date=2026-03-04").await;
        // The week runs from Monday to Sunday.
        let heads = b.find_all(".cal-col-head").await;
        assert_eq!(heads.len(), 7);
        assert_eq!(heads[0].text().await.unwrap(), "Mon 2");
        assert_eq!(heads[6].text().await.unwrap(), "Sun 8");
        b.wait_for_text("h1", "2 Mar 2026 – 8 Mar 2026").await;

        // Tuesday 10:00: the form starts then and lasts an hour.
        b.click(".cal-grid a.cal-slot[data-slot='2026-03-03T10:00']").await;
        let starts = b.find("#meeting-form [name='f.starts_at']").await.prop("value").await.unwrap();
        let ends = b.find("#meeting-form [name='f.ends_at']").await.prop("value").await.unwrap();
        assert_eq!((starts.as_deref(), ends.as_deref()), (Some("2026-03-03T10:00"), Some("2026-03-03T11:00")));
        // Without a subject it is refused beside the field, and nothing is made.
        b.click("#meeting-form button[type=submit]").await;
        b.wait_for_text("#meeting-form [data-field='f.subject'] .error", "Required").await;
        let none = b.app.crm.count(&Actor::system(), "meetings", ListQuery::default()).await.unwrap();
        assert_eq!(none, 0);
        b.type_into("#meeting-form [name='f.subject']", "Tasting in Kalamata").await;
        b.type_into("#meeting-form [name='f.location']", "Kalamata").await;
        b.click("#meeting-form button[type=submit]").await;
        b.wait_for_text(".cal-grid", "Tasting in Kalamata").await;
        let made = meeting_named(&b.app, "Tasting in Kalamata").await;
        // 10:00 in Athens is 08:00 UTC in March.
        assert_eq!(when(&made, "starts_at"), at("2026-03-03T08:00:00Z"));
        assert_eq!(when(&made, "ends_at"), at("2026-03-03T09:00:00Z"));
        assert_eq!(made.owner_id, Some(ana.id));
        // On Tuesday's column, from 10:00 to 11:00.
        let event = format!(".cal-grid [data-event][data-id='{}']", made.id);
        let class = b.find(&event).await.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.contains("dc-3") && class.contains("rs-22") && class.contains("re-24"), "{class}");

        // Drag it to Thursday 14:00: it keeps its hour.
        scroll_into_view(&b, ".cal-grid a.cal-slot[data-slot='2026-03-05T13:00']").await;
        let from = b.find(&format!("{event} .cal-when")).await;
        let to = b.find(".cal-grid a.cal-slot[data-slot='2026-03-05T14:00']").await;
        drag(&b, &from, &to).await;
        let moved = wait_for_start(&b.app, made.id, "2026-03-05T12:00:00Z").await;
        assert_eq!(when(&moved, "ends_at"), at("2026-03-05T13:00:00Z"), "the meeting keeps its length");
        assert_eq!(moved.version, made.version + 1);
        b.wait_for_text("#cal-notice", "Moved “Tasting in Kalamata”").await;
        let class = b.find(&event).await.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.contains("dc-5") && class.contains("rs-30"), "{class}");

        // The keyboard's way: the Reschedule form.
        b.click(&format!("{event} .cal-reschedule summary")).await;
        let input = b.find(&format!("{event} input[name=start]")).await;
        assert_eq!(input.prop("value").await.unwrap().as_deref(), Some("2026-03-05T14:00"));
        b.client
            .execute("arguments[0].value = '2026-03-06T09:30'", vec![serde_json::to_value(&input).unwrap()])
            .await
            .unwrap();
        b.click(&format!("{event} .cal-reschedule button[type=submit]")).await;
        let moved = wait_for_start(&b.app, made.id, "2026-03-06T07:30:00Z").await;
        assert_eq!(when(&moved, "ends_at"), at("2026-03-06T08:30:00Z"));

        // The month: the meeting on its day; dropped on another day it keeps its time.
        b.goto("/calendar?view=month&date=2026-03-06").await;
        b.wait_for_text("td[data-slot='2026-03-06']", "Tasting in Kalamata").await;
        let month_heads = b.find_all("table.cal-month thead th").await;
        assert_eq!(month_heads[0].text().await.unwrap(), "Monday");
        let from = b.find(&format!("td[data-slot='2026-03-06'] [data-event][data-id='{}'] .cal-when", made.id)).await;
        let to = b.find("td[data-slot='2026-03-10']").await;
        drag(&b, &from, &to).await;
        wait_for_start(&b.app, made.id, "2026-03-10T07:30:00Z").await;
        b.wait_for_text("td[data-slot='2026-03-10']", "Tasting in Kalamata").await;
        // A day of the month opens the form for that day.
        b.click("td[data-slot='2026-03-12'] a.cal-new").await;
        let starts = b.find("#meeting-form [name='f.starts_at']").await.prop("value").await.unwrap();
        assert_eq!(starts.as_deref(), Some("2026-03-12T09:00"));

        // On a phone the week is a list of days, and no view is wider than the phone.
        b.phone(360, 740).await;
        for view in ["day", "week", "month"] {
            b.goto(&format!("/calendar?view={view}&date=2026-03-10")).await;
            b.find("#calendar").await;
            let fits = b
                .client
                .execute("return Math.max(document.documentElement.scrollWidth, innerWidth) <= 361", vec![])
                .await;
            assert_eq!(fits.unwrap(), json!(true), "the {view} view is wider than a 360 px phone");
        }
        b.goto("/calendar?view=week&date=2026-03-10").await;
        b.find(".cal-list").await;
        assert!(b.find(".cal-list").await.is_displayed().await.unwrap());
        assert!(!b.find(".cal-scroll").await.is_displayed().await.unwrap());
        let list = b.find(".cal-list").await.text().await.unwrap();
        assert!(list.contains("Tuesday, 10 March 2026") && list.contains("Tasting in Kalamata"), "{list}");
    })
    .await;
}

async fn team_id(app: &App, name: &str) -> Uuid {
    app.crm.teams(&Actor::system()).await.unwrap().into_iter().find(|t| t.name == name).unwrap().id
}

async fn activity(app: &App, object: &str, input: Json) -> Record {
    app.crm.create(&Actor::system(), object, &obj(input)).await.unwrap()
}

#[tokio::test]
async fn a_sales_rep_sees_no_events_of_another_team() {
    each_browser("calendar-reach", |b: Browser| async move {
        teams(&b.app, &["Athens", "Budapest"]).await;
        let nikos = b.user("nikos@example.com", "sales_rep", Some("Athens")).await;
        let maria = b.user("maria@example.com", "sales_rep", Some("Athens")).await;
        let eszter = b.user("eszter@example.com", "sales_rep", Some("Budapest")).await;
        let (athens, budapest) = (team_id(&b.app, "Athens").await, team_id(&b.app, "Budapest").await);
        let owned = |who: &User, team: Uuid, fields: Json| {
            let mut input = fields;
            input["owner"] = json!(who.id.to_string());
            input["team"] = json!(team.to_string());
            input
        };
        let own = activity(
            &b.app,
            "meetings",
            owned(&nikos, athens, json!({"subject": "Athens own meeting", "starts_at": "2026-03-03T09:00:00Z", "ends_at": "2026-03-03T10:00:00Z"})),
        )
        .await;
        let mate = activity(
            &b.app,
            "meetings",
            owned(&maria, athens, json!({"subject": "Athens mate meeting", "starts_at": "2026-03-04T09:00:00Z", "ends_at": "2026-03-04T10:30:00Z"})),
        )
        .await;
        activity(
            &b.app,
            "meetings",
            owned(&eszter, budapest, json!({"subject": "Budapest meeting", "starts_at": "2026-03-04T09:00:00Z", "ends_at": "2026-03-04T10:00:00Z"})),
        )
        .await;
        activity(
            &b.app,
            "calls",
            owned(&nikos, athens, json!({"subject": "Athens call", "direction": "outbound", "started_at": "2026-03-03T12:00:00Z", "duration_seconds": 900})),
        )
        .await;
        activity(
            &b.app,
            "calls",
            owned(&eszter, budapest, json!({"subject": "Budapest call", "direction": "inbound", "started_at": "2026-03-03T12:00:00Z"})),
        )
        .await;
        activity(
            &b.app,
            "tasks",
            owned(&nikos, athens, json!({"subject": "Athens task", "status": "open", "due_at": "2026-03-05T15:00:00Z"})),
        )
        .await;
        activity(
            &b.app,
            "tasks",
            owned(&eszter, budapest, json!({"subject": "Budapest task", "status": "open", "due_at": "2026-03-05T15:00:00Z"})),
        )
        .await;
        b.sign_in("nikos@example.com", PASSWORD).await;

        // Their own calendar: own meeting, call and task.
        b.goto("/calendar?view=week&date=2026-03-03").await;
        b.wait_for_text(".cal-grid", "Athens own meeting").await;
        let text = b.find(".cal-grid").await.text().await.unwrap();
        assert!(text.contains("Athens call") && text.contains("Athens task"), "{text}");
        assert!(text.contains("12:00–12:15"), "a call lasts its duration: {text}");
        assert!(!text.contains("mate") && !text.contains("Budapest"), "{text}");
        // The team's: the team mate's too, but theirs cannot be moved.
        b.goto(&format!("/calendar?view=week&date=2026-03-03&owner=team:{athens}")).await;
        b.wait_for_text(".cal-grid", "Athens mate meeting").await;
        assert!(!b.find("#calendar").await.text().await.unwrap().contains("Budapest"));
        assert_eq!(b.find_all(&format!(".cal-grid [data-id='{}'][data-movable]", own.id)).await.len(), 1);
        assert!(b.find_all(&format!(".cal-grid [data-id='{}'][data-movable]", mate.id)).await.is_empty());
        // The other team, or one of its people: nothing.
        for owner in [format!("team:{budapest}"), eszter.id.to_string()] {
            for view in ["week", "month", "day"] {
                b.goto(&format!("/calendar?view={view}&date=2026-03-04&owner={owner}")).await;
                b.find("#calendar").await;
                let text = b.find("main").await.text().await.unwrap();
                assert!(!text.contains("Budapest meeting") && !text.contains("Budapest call") && !text.contains("Budapest task"), "{view} {owner}: {text}");
                assert!(text.contains("Nothing is scheduled here"), "{view} {owner}: {text}");
            }
        }
        // The month of the team shows both meetings on their days.
        b.goto(&format!("/calendar?view=month&date=2026-03-03&owner=team:{athens}")).await;
        b.wait_for_text("td[data-slot='2026-03-04']", "Athens mate meeting").await;
        b.wait_for_text("td[data-slot='2026-03-03']", "Athens own meeting").await;
        assert!(!b.find("#calendar").await.text().await.unwrap().contains("Budapest"));
    })
    .await;
}

#[tokio::test]
async fn calendar_addresses_and_moves_that_make_no_sense_are_refused_clearly() {
    for db in rapport_domain::testing::each_database().await {
        let app = spawn_app(&db).await;
        let ana = user(&app, "ana@example.com", "administrator", None).await;
        let s = session(&app, "ana@example.com").await;
        for (path, parameter) in [
            ("/calendar?date=2026-02-30", "date"),
            ("/calendar?date=yesterday", "date"),
            ("/calendar?view=year", "view"),
            ("/calendar?owner=team:42", "owner"),
            ("/calendar?owner=0191d5a2-0000-7000-8000-000000000000", "owner"),
            ("/calendar/new?start=noon", "start"),
        ] {
            let (status, body) = get(&app, &s, path).await;
            assert_eq!(status, 400, "{}: {path}", db.name());
            assert!(body.contains(&format!("The parameter “{parameter}”")), "{path}: {body}");
        }
        for path in ["/calendar", "/calendar?view=day&date=2026-03-02", "/calendar?view=month&date=2024-02-29&owner=me"]
        {
            assert_eq!(get(&app, &s, path).await.0, 200, "{path}");
        }
        let meeting = activity(
            &app,
            "meetings",
            json!({"subject": "Board", "starts_at": "2026-03-03T09:00:00Z", "ends_at": "2026-03-03T10:00:00Z", "owner": ana.id.to_string()}),
        )
        .await;
        let path = format!("/calendar/meetings/{}/move", meeting.id);
        let version = meeting.version.to_string();
        // A start that is not a time: 422, nothing changes.
        let (status, body) = post_form(&app, &s, &path, &[("start", "soon"), ("version", &version)]).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("“soon” is not a date and time"), "{body}");
        // A stale version: 409, nothing changes.
        let (status, body) = post_form(
            &app,
            &s,
            &path,
            &[("start", "2026-03-04T09:00"), ("version", &(meeting.version - 1).to_string())],
        )
        .await;
        assert_eq!(status, 409, "{body}");
        let stored = app.crm.get(&Actor::system(), "meetings", meeting.id).await.unwrap();
        assert_eq!((when(&stored, "starts_at"), stored.version), (at("2026-03-03T09:00:00Z"), meeting.version));
        // Only meetings, calls and tasks are on the calendar.
        let (status, _) =
            post_form(&app, &s, &format!("/calendar/people/{}/move", meeting.id), &[("start", "2026-03-04T09:00")])
                .await;
        assert_eq!(status, 404);
        // A good move of a meeting: an hour long still, from the new start.
        let (status, body) = post_form(&app, &s, &path, &[("start", "2026-03-04T16:15"), ("version", &version)]).await;
        assert_eq!(status, 200, "{body}");
        let stored = app.crm.get(&Actor::system(), "meetings", meeting.id).await.unwrap();
        assert_eq!(when(&stored, "starts_at"), at("2026-03-04T16:15:00Z"));
        assert_eq!(when(&stored, "ends_at"), at("2026-03-04T17:15:00Z"));
        // A meeting form without a subject comes back with the error beside the field,
        // and nothing is made.
        let (status, body) = post_form(
            &app,
            &s,
            "/calendar/new",
            &[("f.subject", ""), ("f.starts_at", "2026-03-05T10:00"), ("f.ends_at", "2026-03-05T11:00")],
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("meeting-form") && body.contains("Required"), "{body}");
        assert_eq!(app.crm.count(&Actor::system(), "meetings", ListQuery::default()).await.unwrap(), 1);
    }
}
