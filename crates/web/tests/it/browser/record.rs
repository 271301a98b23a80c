//! The record page in the browser (issue 22, item 3): a call logged through the quick
//! form shows its notes, outcome and length on the timeline, and scheduling a task
//! makes it the head's next activity without reloading; on a 390×844 phone "Log call"
//! and the first timeline entry are within the first thousand pixels, in every
//! language; at 360 px no language makes the page wider than the screen. The pages are
//! saved as test output (`browser/record/`, desktop and phone, each language) to be
//! looked at.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use rapport_domain::model::Actor;
use rapport_domain::{NewUser, UserPatch};
use serde_json::{Map, Value, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Browser, Cdp, PASSWORD, each_browser, output_dir};

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

async fn admin(b: &Browser, locale: &str) -> Uuid {
    let new = NewUser {
        email: "ana@example.com".into(),
        display_name: "Ana Lima".into(),
        locale: Some(locale.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    b.app.crm.add_user(&Actor::system(), new).await.unwrap().0.id
}

#[tokio::test]
async fn a_call_logged_with_notes_shows_its_notes_outcome_and_length() {
    each_browser("record-call", |b: Browser| async move {
        admin(&b, "en").await;
        let person = b
            .app
            .crm
            .create(&Actor::system(), "people", &obj(json!({"name": {"first": "Gábor", "last": "Kiss"}})))
            .await
            .unwrap();
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto(&format!("/o/people/{}", person.id)).await;
        b.find("#timeline").await;
        // Log call is the first quick action, open at once.
        b.type_into("#quick-calls input[name='f.subject']", "Asked about the catalogue").await;
        b.click("#quick-calls select[name='f.outcome'] option[value='voicemail']").await;
        b.type_into("#quick-calls input[name='f.duration_seconds']", "5").await;
        b.type_into("#quick-calls textarea[name='f.notes']", "Wants the spring catalogue by Friday.").await;
        b.click("#quick-calls button[type=submit]").await;
        b.wait_for_text("#timeline", "Wants the spring catalogue by Friday.").await;
        let entry = b.find("#timeline li.kind-calls").await.text().await.unwrap();
        for shown in ["Asked about the catalogue", "Left voicemail", "Outbound", "5 min", "Wants the spring catalogue"]
        {
            assert!(entry.contains(shown), "{shown:?} in {entry:?}");
        }
        assert!(!entry.contains("300"), "the length is not in seconds: {entry:?}");
        // Stored in seconds, as the API has always had it.
        let page = b.app.crm.timeline_page(&Actor::system(), "people", person.id, None, 10).await.unwrap();
        let rapport_domain::timeline::What::Activity { record, .. } = &page.entries[0].what else { panic!("a call") };
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        assert_eq!(record.to_json(schema.object("call").unwrap())["duration_seconds"], json!(300));

        // A task scheduled from the page is its next activity at once.
        b.click("#tab-tasks").await;
        b.type_into("#quick-tasks input[name='f.subject']", "Send the spring catalogue").await;
        b.click("#quick-tasks button[type=submit]").await;
        b.wait_for_text("#next-activity", "Send the spring catalogue").await;
        let upcoming = b.find("#timeline ol.upcoming").await.text().await.unwrap();
        assert!(upcoming.contains("Send the spring catalogue"), "{upcoming}");
        // The filters show one kind: the calls.
        b.click(".timeline-filters a[href*='kind=calls']").await;
        b.wait_for_text(".timeline-filters a[aria-current='true']", "Calls").await;
        let timeline = b.find("#timeline").await.text().await.unwrap();
        assert!(timeline.contains("Asked about the catalogue") && !timeline.contains("Send the spring"), "{timeline}");
        // "e" still edits.
        let press =
            KeyActions::new("keyboard".into()).then(KeyAction::Down { value: 'e' }).then(KeyAction::Up { value: 'e' });
        b.client.perform_actions(press).await.unwrap();
        b.client.release_actions().await.unwrap();
        b.find("#fields #record-form").await;
    })
    .await;
}

/// A person with what a real one has: contact points, a company, filled and empty
/// fields, calls, a note, an overdue task and a past meeting.
async fn busy_person(b: &Browser) -> Uuid {
    let system = Actor::system();
    let crm = &b.app.crm;
    let company = crm.create(&system, "companies", &obj(json!({"name": "Κυκλαδίτικα Κεραμικά ΑΕ"}))).await.unwrap();
    let person = crm
        .create(
            &system,
            "people",
            &obj(json!({
                "name": {"first": "Κωνσταντίνα", "last": "Παπαδοπούλου-Αλεξανδροπούλου"},
                "title": "Υπεύθυνη προμηθειών", "company": company.id.to_string(),
                "phones": [{"value": "+30 698 197 1008"}],
                "emails": [{"value": "konstantina.papadopoulou-alexandropoulou@kykladitika-keramika.example.gr"}],
                "address": {"street": "Λεωφόρος Βασιλίσσης Σοφίας 125", "city": "Αθήνα", "postcode": "115 21"},
                "lead_source": "referral", "hobbies": ["music", "travel"],
            })),
        )
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let at = |days: i64| rapport_domain::model::value::format_datetime(now + Duration::days(days));
    let link = |object: &'static str, values: Value| async move {
        crm.log_activity(&Actor::system(), object, &obj(values), ("people", person.id)).await.unwrap();
    };
    // Overdue: the head's next activity says so.
    link("tasks", json!({"subject": "Στείλε τον τιμοκατάλογο", "due_at": at(-1), "status": "open"})).await;
    link(
        "calls",
        json!({"subject": "Ερώτηση για παράδοση", "direction": "inbound", "started_at": at(-2),
        "outcome": "connected", "duration_seconds": 420, "notes": "Θέλει παράδοση την Τρίτη."}),
    )
    .await;
    link(
        "meetings",
        json!({"subject": "Επίσκεψη στο κατάστημα", "starts_at": at(-9), "ends_at": at(-9),
        "location": "Πειραιάς"}),
    )
    .await;
    link("notes", json!({"title": "Πληρωμές", "body": "Πληρώνει πάντα στις 60 ημέρες."})).await;
    person.id
}

/// Where an element ends, from the top of the page, in CSS pixels.
async fn bottom(b: &Browser, css: &str) -> f64 {
    let script = "const e = document.querySelector(arguments[0]); \
                  return e ? e.getBoundingClientRect().bottom + window.scrollY : -1;";
    let value = b.client.execute(script, vec![json!(css)]).await.unwrap();
    let bottom = value.as_f64().unwrap_or(-1.0);
    assert!(bottom > 0.0, "no {css} on the page");
    bottom
}

/// How much wider than the screen the page is (0 when it fits).
async fn overflow(b: &Browser, width: u32) -> i64 {
    let script = format!("return Math.max(document.documentElement.scrollWidth, innerWidth) - {width}");
    b.client.execute(&script, vec![]).await.unwrap().as_i64().unwrap_or(i64::MAX)
}

/// The whole page as a PNG (not only the window).
async fn save_page(b: &Browser, name: &str) {
    let dir = output_dir().join("record");
    std::fs::create_dir_all(&dir).unwrap();
    let shot = b
        .client
        .issue_cmd(Cdp("Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true})))
        .await
        .unwrap();
    use base64::Engine;
    let data = shot["data"].as_str().unwrap_or_default();
    let png = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test]
async fn on_a_phone_log_call_and_the_timeline_come_first_and_nothing_is_wider_than_the_screen() {
    each_browser("record-phone", |b: Browser| async move {
        let me = admin(&b, "en").await;
        let id = busy_person(&b).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        let page = format!("/o/people/{id}");
        let mut problems = Vec::new();
        for language in ["en", "el", "hu", "ar"] {
            let patch = UserPatch { locale: Some(language.into()), ..UserPatch::default() };
            b.app.crm.update_user(&Actor::system(), me, patch).await.unwrap();
            b.desktop().await;
            b.goto(&page).await;
            b.find("#timeline .entry").await;
            save_page(&b, &format!("{language}-desktop")).await;

            b.phone(390, 844).await;
            b.goto(&page).await;
            b.find("#timeline .entry").await;
            for (what, css) in [
                ("Log call", "#tab-calls"),
                ("the Log call button", "#quick-calls button[type=submit]"),
                ("the first timeline entry", "#timeline .entry"),
            ] {
                let at = bottom(&b, css).await;
                eprintln!("{language}: {what} ends {at:.0} px down on a 390×844 phone");
                if at > 1000.0 {
                    problems.push(format!("{language}: {what} ends {at} px down on a 390×844 phone"));
                }
            }
            // The quick actions and the timeline come before the fields on a phone.
            assert!(bottom(&b, "#timeline .entry").await < bottom(&b, "#fields h2").await, "{language}");
            save_page(&b, &format!("{language}-phone")).await;

            b.phone(360, 740).await;
            b.goto(&page).await;
            b.find("#timeline .entry").await;
            let wider = overflow(&b, 360).await;
            if wider > 0 {
                problems.push(format!("{language}: the page is {wider} px wider than a 360 px screen"));
            }
            // Opened, the folded fields and the rarer actions fit too.
            b.click(".more-actions summary").await;
            b.click(".empty-fields summary").await;
            let wider = overflow(&b, 360).await;
            if wider > 0 {
                problems.push(format!("{language}: with all fields and actions shown, {wider} px wider than 360 px"));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    })
    .await;
}
