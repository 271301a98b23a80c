//! The record page (issue 22, item 3) over HTTP, on both databases: the timeline in
//! the order things happen with what is upcoming pinned above, its filters by kind,
//! the empty fields folded behind "Show all fields" with the right count, the head's
//! call, WhatsApp and email links, and durations typed and shown in minutes (the
//! parser's cases, and a duration that is none refused beside its field with nothing
//! written).

use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use rapport_domain::{NewUser, UserPatch};
use rapport_web::ui::duration::{self, DurationError};
use rapport_web::ui::i18n::Tr;
use serde_json::{Map, Value as Json, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::{App, Session, spawn_app};

const PASSWORD: &str = "a long enough passphrase for tests";

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

fn at(t: OffsetDateTime) -> String {
    rapport_domain::model::value::format_datetime(t)
}

/// An administrator signed in, in `locale`.
async fn admin(app: &App, locale: &str) -> Session {
    let new = NewUser {
        email: "ana@example.com".into(),
        display_name: "Ana".into(),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    let (user, _) = app.crm.add_user(&Actor::system(), new).await.unwrap();
    let patch = UserPatch { locale: Some(locale.into()), ..UserPatch::default() };
    app.crm.update_user(&Actor::system(), user.id, patch).await.unwrap();
    app.sign_in("ana@example.com", PASSWORD).await
}

async fn person(app: &App, values: Json) -> Uuid {
    app.crm.create(&Actor::system(), "people", &obj(values)).await.unwrap().id
}

/// Puts an activity on a person's timeline as the quick actions do.
async fn log(app: &App, person: Uuid, object: &str, values: Json) {
    app.crm.log_activity(&Actor::system(), object, &obj(values), ("people", person)).await.unwrap();
}

/// The part of `html` from `start` to `end` (or its end).
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &html[from..];
    rest.find(end).map_or(rest, |to| &rest[..to])
}

/// Where each text is in `html`, failing on one that is missing.
fn positions(html: &str, texts: &[&str]) -> Vec<usize> {
    texts.iter().map(|t| html.find(t).unwrap_or_else(|| panic!("{t:?} is not where expected"))).collect()
}

fn ascending(positions: &[usize]) -> bool {
    positions.windows(2).all(|w| w[0] < w[1])
}

/// Entries are made in one order and happen in another: the page shows them by when
/// they happen, open tasks and future meetings first (soonest first, an overdue task
/// at the top), then the history newest first.
#[tokio::test]
async fn the_timeline_is_in_the_order_things_happen_with_what_is_upcoming_pinned_above() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let s = admin(&app, "en").await;
        let now = OffsetDateTime::now_utc();
        let days = |n: i64| now + Duration::days(n);
        let id = person(&app, json!({"name": {"first": "Réka", "last": "Farkas"}})).await;
        // Made in this order; each happens at another time.
        let call = |subject: &str, when| json!({"subject": subject, "direction": "outbound", "started_at": at(when)});
        let task =
            |subject: &str, when, status: &str| json!({"subject": subject, "due_at": at(when), "status": status});
        let meeting = |subject: &str, when: OffsetDateTime| json!({"subject": subject, "starts_at": at(when), "ends_at": at(when + Duration::hours(1))});
        log(&app, id, "calls", call("Hist call three days ago", days(-3))).await;
        log(&app, id, "meetings", meeting("Next meeting in a week", days(7))).await;
        log(&app, id, "calls", call("Hist call ten days ago", days(-10))).await;
        log(&app, id, "tasks", task("Next task in two days", days(2), "open")).await;
        log(&app, id, "tasks", task("Hist task done yesterday", days(-1), "done")).await;
        log(&app, id, "tasks", task("Next task overdue five days", days(-5), "open")).await;
        log(&app, id, "meetings", meeting("Hist meeting two days ago", days(-2))).await;
        log(&app, id, "tasks", task("Hist task done next month", days(30), "done")).await;

        let (status, html) = app.page(&s, &format!("/o/people/{id}")).await;
        assert_eq!(status, 200, "{}", db.name());
        let upcoming = between(&html, "<ol class=\"timeline upcoming\">", "</ol>");
        let history = between(&html, "<ol class=\"timeline history\">", "</ol>");
        let soonest_first = ["Next task overdue five days", "Next task in two days", "Next meeting in a week"];
        assert!(ascending(&positions(upcoming, &soonest_first)), "{}: upcoming soonest first", db.name());
        assert!(!upcoming.contains("Hist "), "{}: nothing past or done is pinned", db.name());
        let newest_first = [
            "Hist task done next month",
            "Hist task done yesterday",
            "Hist meeting two days ago",
            "Hist call three days ago",
            "Hist call ten days ago",
        ];
        assert!(ascending(&positions(history, &newest_first)), "{}: history newest first", db.name());
        assert!(!history.contains("Next "), "{}: the upcoming are not repeated", db.name());
        // The upcoming group comes first, and the overdue task says so.
        assert!(html.find("timeline upcoming") < html.find("timeline history"));
        assert!(between(&html, "<li class=\"entry kind-tasks overdue\"", "</li>").contains("Next task overdue"));
        // The head names the next activity: the overdue task.
        let next = between(&html, "id=\"next-activity\"", "</p>");
        assert!(next.contains("Next task overdue five days") && next.contains("Overdue"), "{next}");

        // A meeting moved to last month moves down the page: links follow their time.
        let moved = app.crm.timeline_page(&Actor::system(), "people", id, None, 50).await.unwrap();
        let meeting_id = moved
            .entries
            .iter()
            .find_map(|e| match &e.what {
                rapport_domain::timeline::What::Activity { record, .. }
                    if format!("{:?}", record.values).contains("Next meeting in a week") =>
                {
                    Some((record.id, record.version))
                }
                _ => None,
            })
            .unwrap();
        let input = obj(json!({"starts_at": at(days(-40)), "ends_at": at(days(-40) + Duration::hours(1))}));
        app.crm.update(&Actor::system(), "meetings", meeting_id.0, meeting_id.1, &input).await.unwrap();
        let (_, html) = app.page(&s, &format!("/o/people/{id}")).await;
        let history = between(&html, "<ol class=\"timeline history\">", "</ol>");
        let order = positions(history, &["Hist call ten days ago", "Next meeting in a week"]);
        assert!(ascending(&order), "{}: the moved meeting is the oldest entry now", db.name());
        // The API's timeline is in the same order, newest first, each at its time.
        let page = app.crm.timeline_page(&Actor::system(), "people", id, None, 50).await.unwrap();
        assert!(page.entries.windows(2).all(|w| w[0].at >= w[1].at), "{}", db.name());
        assert_eq!(page.entries.len(), 8);
    }
}

/// The chips filter the timeline by kind (over htmx, and as links without script):
/// each kind on the timeline with its count, and field changes.
#[tokio::test]
async fn the_timeline_filters_by_kind() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let s = admin(&app, "en").await;
        let now = OffsetDateTime::now_utc();
        let id = person(&app, json!({"name": {"first": "Gábor", "last": "Kiss"}})).await;
        for (i, subject) in ["First call", "Second call"].iter().enumerate() {
            let started = at(now - Duration::days(i64::try_from(i).unwrap() + 1));
            log(&app, id, "calls", json!({"subject": subject, "direction": "inbound", "started_at": started})).await;
        }
        log(&app, id, "notes", json!({"title": "A note", "body": "Prefers Tuesdays."})).await;
        let stored = app.crm.get(&Actor::system(), "people", id).await.unwrap();
        app.crm.update(&Actor::system(), "people", id, stored.version, &obj(json!({"title": "Buyer"}))).await.unwrap();

        let (_, page) = app.page(&s, &format!("/o/people/{id}")).await;
        let chips = between(&page, "class=\"timeline-filters\"", "</nav>");
        for text in ["All", "Calls <span class=\"count\">2</span>", "Notes <span class=\"count\">1</span>", "Changes"] {
            assert!(chips.contains(text), "{}: {text:?} in {chips}", db.name());
        }
        assert!(!chips.contains("Meetings"), "{}: no chip for a kind the timeline lacks", db.name());
        assert!(page.contains("First call") && page.contains("A note") && page.contains("Buyer"));

        let (status, calls) = app.page(&s, &format!("/o/people/{id}/timeline?kind=calls")).await;
        assert_eq!(status, 200);
        assert!(calls.contains("First call") && calls.contains("Second call"), "{}", db.name());
        assert!(!calls.contains("A note") && !calls.contains("change-line"), "{}: calls only", db.name());
        let current = between(&calls, "aria-current=\"true\"", "</a>");
        assert!(current.contains("Calls"), "{current}");

        let (_, changes) = app.page(&s, &format!("/o/people/{id}/timeline?kind=changes")).await;
        assert!(changes.contains("change-line") && changes.contains("Buyer"), "{}", db.name());
        assert!(!changes.contains("First call") && !changes.contains("A note"), "{}: changes only", db.name());

        // Without script the chip is a link to the page filtered.
        let (status, notes_page) = app.page(&s, &format!("/o/people/{id}?kind=notes")).await;
        assert_eq!(status, 200);
        let timeline = between(&notes_page, "id=\"timeline\"", "id=\"fields\"");
        assert!(timeline.contains("A note") && !timeline.contains("First call"), "{}", db.name());
        // An unknown kind is everything, never an error.
        let (status, all) = app.page(&s, &format!("/o/people/{id}/timeline?kind=nonsense")).await;
        assert_eq!(status, 200);
        assert!(all.contains("First call") && all.contains("A note"));
    }
}

/// Fields without a value are folded behind "Show all fields (N empty)", N counted
/// right; the filled ones are in their sections.
#[tokio::test]
async fn empty_fields_are_folded_behind_show_all_with_their_count() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let s = admin(&app, "en").await;
        let values = json!({"name": {"first": "Anna", "last": "Nagy"}, "title": "Head buyer",
                            "emails": [{"value": "anna@example.hu"}]});
        let id = person(&app, values).await;
        let schema = app.crm.schema(&Actor::system()).await.unwrap();
        let people = schema.object("person").unwrap();
        let empty = people.visible_fields().count() - 3;
        let (_, html) = app.page(&s, &format!("/o/people/{id}")).await;
        let fields = between(&html, "id=\"fields\"", "</section>");
        let (shown, folded) = fields.split_at(fields.find("<details class=\"empty-fields\">").unwrap());
        assert!(folded.contains(&format!("Show all fields ({empty} empty)")), "{}: {folded}", db.name());
        for filled in ["Head buyer", "anna@example.hu", "Anna Nagy"] {
            assert!(shown.contains(filled), "{}: {filled} shown", db.name());
        }
        for label in ["Occupation", "Birthday", "Websites"] {
            assert!(folded.contains(label) && !shown.contains(label), "{}: {label} folded", db.name());
        }
        assert_eq!(folded.matches("<dt>").count(), empty, "{}", db.name());
        assert!(!shown.contains("class=\"empty\""), "{}: no dash in the sections", db.name());
    }
}

/// The head calls, messages on WhatsApp and emails the record's first phone and
/// email, each number in full international form.
#[tokio::test]
async fn the_head_links_to_call_whatsapp_and_email_with_the_right_numbers() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let s = admin(&app, "en").await;
        let values = json!({"name": {"first": "Νίκος", "last": "Γεωργίου"},
            "phones": [{"value": "698 197 1008"}, {"value": "+30 2310 202077"}],
            "emails": [{"value": "nikos@example.gr"}], "title": "Owner"});
        let id = person(&app, values).await;
        let (_, html) = app.page(&s, &format!("/o/people/{id}")).await;
        let head = between(&html, "<header class=\"record-head\">", "</header>");
        assert!(head.contains("href=\"tel:+306981971008\""), "{}: {head}", db.name());
        assert!(head.contains("href=\"https://wa.me/306981971008\""), "{}", db.name());
        assert!(head.contains("href=\"mailto:nikos@example.gr\""), "{}", db.name());
        assert!(head.contains("Owner"), "{}: a key fact", db.name());

        // A single phone field (a lead's) works the same.
        let lead = app
            .crm
            .create(
                &Actor::system(),
                "leads",
                &obj(json!({"name": {"first": "Kata", "last": "Tóth"}, "status": "new", "phone": "+36 1 234 5678"})),
            )
            .await
            .unwrap();
        let (_, html) = app.page(&s, &format!("/o/leads/{}", lead.id)).await;
        let head = between(&html, "<header class=\"record-head\">", "</header>");
        assert!(head.contains("href=\"tel:+3612345678\"") && head.contains("https://wa.me/3612345678"), "{head}");
        assert!(!head.contains("mailto:"), "{}: no email, no email button", db.name());

        // Without a phone or an email there is nothing to call.
        let quiet = person(&app, json!({"name": {"first": "Dora", "last": "Quiet"}})).await;
        let (_, html) = app.page(&s, &format!("/o/people/{quiet}")).await;
        let head = between(&html, "<header class=\"record-head\">", "</header>");
        assert!(!head.contains("tel:") && !head.contains("wa.me") && !head.contains("mailto:"));
    }
}

#[test]
fn durations_are_typed_in_minutes_hours_and_minutes_or_with_units() {
    let ninety = Ok(Some(5_400));
    for typed in [
        "90",
        "1:30",
        "1h 30m",
        "1h30",
        "1 h 30 min",
        "90m",
        "90 min",
        "1.5h",
        "1,5 h",
        "١:٣٠",
        "٩٠",
        "1ώ 30λ",
        "1 ώρα 30 λεπτά",
        "1 óra 30 perc",
        "1س 30د",
        "١ ساعة و٣٠ دقيقة",
        " 90 ",
    ] {
        assert_eq!(duration::parse(typed), ninety, "{typed:?}");
    }
    assert_eq!(duration::parse("5"), Ok(Some(300)));
    assert_eq!(duration::parse("2m 5s"), Ok(Some(125)));
    assert_eq!(duration::parse("0:00:45"), Ok(Some(45)));
    assert_eq!(duration::parse(""), Ok(None));
    assert_eq!(duration::parse("  "), Ok(None));
    for garbage in ["soon", "-5", "1:75", "1h 1h", "5 apples", "1::30", "h", "1h 30m 2h", "5;", "1e3"] {
        assert_eq!(duration::parse(garbage), Err(DurationError::Unreadable), "{garbage:?}");
    }
    assert_eq!(duration::parse("20000h"), Err(DurationError::TooLong));
    // What a form shows for a stored duration reads back as the same seconds.
    for seconds in [0, 45, 300, 5_400, 125] {
        assert_eq!(duration::parse(&duration::input_value(seconds)), Ok(Some(seconds)), "{seconds}");
    }
}

#[test]
fn durations_read_in_minutes_in_each_language() {
    let cases = [
        ("en", 300, "5 min"),
        ("en", 4_800, "1 h 20 min"),
        ("en", 7_200, "2 h"),
        ("en", 45, "45 s"),
        ("en", 125, "2 min"),
        ("el", 300, "5 λεπ."),
        ("el", 4_800, "1 ώρ. 20 λεπ."),
        ("hu", 300, "5 perc"),
        ("hu", 4_800, "1 óra 20 perc"),
        ("ar", 300, "٥ دقائق"),
        ("ar", 4_800, "ساعة واحدة و٢٠ دقيقة"),
        ("ar-u-nu-latn", 660, "11 دقيقة"),
    ];
    for (locale, seconds, expected) in cases {
        assert_eq!(duration::text(&Tr::new(locale), seconds), expected, "{locale} {seconds}");
    }
}

/// A call logged with a duration in hours and minutes is stored in seconds (the API's
/// field is unchanged) and read in minutes; a duration that is none is refused beside
/// its field and nothing is written. The edit form shows minutes, and saving it
/// unchanged changes nothing.
#[tokio::test]
async fn a_duration_that_is_none_is_refused_beside_its_field() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let s = admin(&app, "en").await;
        let id = person(&app, json!({"name": {"first": "Eszter", "last": "Kovács"}})).await;
        let path = format!("/o/people/{id}/log/calls");
        let form = |duration: &'static str| {
            vec![("f.subject", "Price call"), ("f.direction", "outbound"), ("f.duration_seconds", duration)]
        };
        let (status, body) = app.post_page(&s, &path, &form("soon")).await;
        assert_eq!(status, 422, "{}", db.name());
        let field = between(&body, "data-field=\"f.duration_seconds\"", "</div>");
        assert!(field.contains("Type minutes (90), hours and minutes (1:30) or units (1h 30m)."), "{field}");
        assert!(field.contains("value=\"soon\""), "{}: what was typed stays", db.name());
        assert!(app.crm.timeline_page(&Actor::system(), "people", id, None, 10).await.unwrap().entries.is_empty());

        let (status, body) = app.post_page(&s, &path, &form("1:30")).await;
        assert_eq!(status, 200, "{}: {body}", db.name());
        assert!(body.contains("1 h 30 min"), "{}", db.name());
        let entries = app.crm.timeline_page(&Actor::system(), "people", id, None, 10).await.unwrap().entries;
        let rapport_domain::timeline::What::Activity { record, .. } = &entries[0].what else { panic!("a call") };
        let schema = app.crm.schema(&Actor::system()).await.unwrap();
        let json = record.to_json(schema.object("call").unwrap());
        assert_eq!(json["duration_seconds"], json!(5_400), "{}: stored in seconds", db.name());

        let (_, edit) = app.page(&s, &format!("/o/calls/{}/edit", record.id)).await;
        let input = between(&edit, "data-field=\"f.duration_seconds\"", "</div>");
        assert!(input.contains("Duration (minutes)") && input.contains("value=\"90\""), "{input}");
        assert!(input.contains("type=\"text\""), "{input}");
        let version = record.version.to_string();
        let save = [
            ("_version", version.as_str()),
            ("_original", "1"),
            ("o.f.duration_seconds", "90"),
            ("f.duration_seconds", "1h 30m"),
            ("o.f.subject", "Price call"),
            ("f.subject", "Price call"),
        ];
        let (status, _) = app.post_page(&s, &format!("/o/calls/{}", record.id), &save).await;
        assert!(status < 400, "{}: {status}", db.name());
        let after = app.crm.get(&Actor::system(), "calls", record.id).await.unwrap();
        assert_eq!(after.version, record.version, "{}: the same duration is no change", db.name());
        // Typed differently, it is written.
        let save = [
            ("_version", version.as_str()),
            ("_original", "1"),
            ("o.f.duration_seconds", "90"),
            ("f.duration_seconds", "5"),
        ];
        app.post_page(&s, &format!("/o/calls/{}", record.id), &save).await;
        let after = app.crm.get(&Actor::system(), "calls", record.id).await.unwrap();
        assert_eq!(after.to_json(schema.object("call").unwrap())["duration_seconds"], json!(300));
        let (_, page) = app.page(&s, &format!("/o/calls/{}", record.id)).await;
        assert!(between(&page, "id=\"fields\"", "</section>").contains("5 min"), "{}", db.name());
        // A refused edit keeps the typed text beside its message.
        let save = [("_version", version.as_str()), ("f.duration_seconds", "an hour or so")];
        let (status, body) = app.post_page(&s, &format!("/o/calls/{}", record.id), &save).await;
        assert_eq!(status, 422);
        assert!(body.contains("Type minutes") && body.contains("value=\"an hour or so\""), "{}", db.name());
    }
}
