//! Record forms in the browser (issue 22, forms): a draft comes back after a reload
//! and says so, once per value, and Discard clears it; a draft left longer than its
//! lifetime does not come back in a fresh "New" form; the country is picked by its
//! Greek name and saved as its code; hobbies are checkboxes; a refused save sums up
//! its errors at the top, takes the focus there and links to each field; on a phone
//! Save stays under the thumb, above the tab bar. The New person form of each
//! language, desktop and phone, is saved as test output (`browser/forms/`).

use rapport_domain::NewUser;
use rapport_domain::model::Actor;
use serde_json::{Value, json};

use super::{Browser, PASSWORD, each_browser, output_dir};

/// A user of `role` who reads Rapport in `locale`, signed in.
async fn signed_in(b: &Browser, email: &str, locale: &str) {
    let new = NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        locale: Some(locale.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    b.app.crm.add_user(&Actor::system(), new).await.unwrap();
    b.sign_in(email, PASSWORD).await;
}

async fn value_of(b: &Browser, css: &str) -> String {
    b.find(css).await.prop("value").await.unwrap().unwrap_or_default()
}

/// The values of every input named `name`, in order.
async fn values(b: &Browser, name: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(`#record-form [name='${arguments[0]}']`)].map((i) => i.value)";
    let found = b.client.execute(script, vec![json!(name)]).await.unwrap();
    serde_json::from_value(found).unwrap()
}

/// The keys of the drafts this tab holds.
async fn drafts(b: &Browser) -> Vec<String> {
    let script = "return Object.keys(sessionStorage).filter((k) => k.startsWith('rapport-draft:'))";
    serde_json::from_value(b.client.execute(script, vec![]).await.unwrap()).unwrap()
}

async fn note_shown(b: &Browser) -> bool {
    let script = "const n = document.querySelector('#record-form [data-draft-note]'); return !!n && !n.hidden";
    b.client.execute(script, vec![]).await.unwrap() == Value::Bool(true)
}

/// Opens a fresh New person form (through another page, as a user comes back to it).
async fn fresh_new_person(b: &Browser) {
    b.goto("/o/people").await;
    b.find("main h1").await;
    b.goto("/o/people/new").await;
    b.find("#record-form").await;
}

#[tokio::test]
async fn a_draft_comes_back_after_a_reload_says_so_once_per_value_and_discard_clears_it() {
    each_browser("forms-draft-restored", |b: Browser| async move {
        signed_in(&b, "ada@forms.example", "en").await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Ada").await;
        b.type_into("#f\\.emails", "ada@example.com").await;
        b.click("[data-field='f.emails'] [data-add-another]").await;
        b.client.active_element().await.unwrap().send_keys("ada@work.example").await.unwrap();
        b.click("[data-field='f.hobbies'] input[value='music']").await;
        assert!(!note_shown(&b).await, "nothing was restored yet");

        // Reloaded (twice): the values are back, each once, and the form says so.
        for round in 0..2 {
            b.client.refresh().await.unwrap();
            b.find("#record-form").await;
            assert!(note_shown(&b).await, "round {round}: the form says it was restored");
            b.wait_for_text("#record-form [data-draft-note]", "Restored your unsaved changes").await;
            assert_eq!(value_of(&b, "[name='f.name.first']").await, "Ada");
            assert_eq!(values(&b, "f.emails").await, ["ada@example.com", "ada@work.example", ""], "round {round}");
            assert!(b.find("[data-field='f.hobbies'] input[value='music']").await.is_selected().await.unwrap());
        }
        b.client.execute("scrollTo(0, 0)", vec![]).await.unwrap();
        save_shot(&b, "draft-restored").await;

        // Discard: the form as it opened, the draft gone, also after a reload.
        let center = "document.querySelector('[data-discard-draft]').scrollIntoView({block: 'center'})";
        b.client.execute(center, vec![]).await.unwrap();
        b.click("[data-discard-draft]").await;
        assert_eq!(value_of(&b, "[name='f.name.first']").await, "");
        assert_eq!(values(&b, "f.emails").await, [""]);
        assert!(!b.find("[data-field='f.hobbies'] input[value='music']").await.is_selected().await.unwrap());
        assert!(!note_shown(&b).await);
        assert!(drafts(&b).await.is_empty(), "the draft is dropped");
        b.client.refresh().await.unwrap();
        b.find("#record-form").await;
        assert_eq!(value_of(&b, "[name='f.name.first']").await, "");
        assert!(!note_shown(&b).await);

        // The form discarded into works as before: typed, saved, its draft dropped.
        b.type_into("[name='f.name.first']", "Ada").await;
        b.type_into("[name='f.name.last']", "Lovelace").await;
        b.type_into("#f\\.emails", "ada@example.com").await;
        assert_eq!(drafts(&b).await.len(), 1);
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path("/o/people/0").await;
        assert!(drafts(&b).await.is_empty(), "saving drops the draft");
    })
    .await;
}

#[tokio::test]
async fn an_edit_forms_draft_is_its_records_own_and_comes_back_when_the_form_opens_again() {
    each_browser("forms-draft-edit", |b: Browser| async move {
        signed_in(&b, "dan@forms.example", "en").await;
        let mut ids = Vec::new();
        for (first, title) in [("Dan", "Buyer"), ("Eve", "Chemist")] {
            let input = json!({"name": {"first": first, "last": "Test"}, "title": title});
            let made = b.app.crm.create(&Actor::system(), "people", input.as_object().unwrap()).await.unwrap();
            ids.push(made.id);
        }
        b.goto(&format!("/o/people/{}", ids[0])).await;
        b.click("button[aria-keyshortcuts='e']").await;
        b.type_into("#record-form [name='f.title']", "Head buyer").await;
        // Another record's form is not this one's draft.
        b.goto(&format!("/o/people/{}", ids[1])).await;
        b.click("button[aria-keyshortcuts='e']").await;
        assert_eq!(value_of(&b, "#record-form [name='f.title']").await, "Chemist");
        assert!(!note_shown(&b).await);
        // Back on the first, its form opens with the change, and says so.
        b.goto(&format!("/o/people/{}", ids[0])).await;
        b.click("button[aria-keyshortcuts='e']").await;
        b.find("#record-form [data-draft-note]:not([hidden])").await;
        assert_eq!(value_of(&b, "#record-form [name='f.title']").await, "Head buyer");
        // Discard puts back the saved value, and the form still saves.
        b.click("[data-discard-draft]").await;
        assert_eq!(value_of(&b, "#record-form [name='f.title']").await, "Buyer");
        b.type_into("#record-form [name='f.title']", "Chief buyer").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_text("main", "Chief buyer").await;
        assert!(drafts(&b).await.is_empty(), "saved, the draft is gone");
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let person = schema.object("person").unwrap().clone();
        let stored = b.app.crm.get(&Actor::system(), "people", ids[0]).await.unwrap().to_json(&person);
        assert_eq!(stored["title"], json!("Chief buyer"));
    })
    .await;
}

#[tokio::test]
async fn an_abandoned_new_person_draft_does_not_come_back_after_it_expires() {
    each_browser("forms-draft-expires", |b: Browser| async move {
        signed_in(&b, "bo@forms.example", "en").await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Bo").await;
        b.type_into("#f\\.emails", "bo@example.com").await;
        let keys = drafts(&b).await;
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(keys[0].ends_with(":/o/people"), "a draft per form: {keys:?}");

        // Left for another page and back soon: still offered, and said so.
        fresh_new_person(&b).await;
        assert_eq!(value_of(&b, "[name='f.name.first']").await, "Bo");
        assert!(note_shown(&b).await);

        // Left for longer than a draft lives (its time set back 31 minutes, as the
        // script reads it): a fresh New form is empty, and the draft is gone.
        let age = "Object.keys(sessionStorage).filter((k) => k.startsWith('rapport-draft:')).forEach((k) => { \
            const d = JSON.parse(sessionStorage.getItem(k)); d.at -= 31 * 60 * 1000; \
            sessionStorage.setItem(k, JSON.stringify(d)); })";
        b.client.execute(age, vec![]).await.unwrap();
        fresh_new_person(&b).await;
        assert_eq!(value_of(&b, "[name='f.name.first']").await, "");
        assert_eq!(values(&b, "f.emails").await, [""], "nothing comes back, let alone twice");
        assert!(!note_shown(&b).await);
        assert!(drafts(&b).await.is_empty(), "the expired draft is dropped");

        // Cancel drops a draft too.
        b.type_into("[name='f.name.first']", "Cy").await;
        assert_eq!(drafts(&b).await.len(), 1);
        b.click("#record-form a[data-drop-draft]").await;
        b.wait_for_path("/o/people").await;
        assert!(drafts(&b).await.is_empty(), "cancelling drops the draft");
        fresh_new_person(&b).await;
        assert_eq!(value_of(&b, "[name='f.name.first']").await, "");
    })
    .await;
}

#[tokio::test]
async fn the_country_is_picked_by_its_greek_name_and_hobbies_are_ticked() {
    each_browser("forms-country-hobbies", |b: Browser| async move {
        signed_in(&b, "eleni@forms.example", "el").await;
        b.goto("/o/people/new").await;
        let country = "select[name='f.address.country']";
        // The installation's region (GR in the tests) is chosen, named in Greek.
        let chosen = "const s = document.querySelector(arguments[0]); return s.options[s.selectedIndex].text";
        assert_eq!(b.client.execute(chosen, vec![json!(country)]).await.unwrap(), json!("Ελλάδα"));
        b.type_into("[name='f.name.first']", "Ελένη").await;
        b.type_into("[name='f.name.last']", "Χριστοδούλου").await;
        b.type_into("[name='f.address.city']", "Λευκωσία").await;
        b.click(&format!("{country} option[value='CY']")).await;
        assert_eq!(b.client.execute(chosen, vec![json!(country)]).await.unwrap(), json!("Κύπρος"));
        // Hobbies: a checkbox each, several ticked.
        for hobby in ["music", "travel", "cooking"] {
            b.click(&format!("[data-field='f.hobbies'] label:has(input[value='{hobby}'])")).await;
        }
        b.click("#record-form button[type=submit]").await;
        let path = b.wait_for_path("/o/people/0").await;
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        let person = schema.object("person").unwrap().clone();
        let stored = b.app.crm.get(&Actor::system(), "people", id).await.unwrap().to_json(&person);
        assert_eq!(stored["address"]["country"], json!("CY"));
        assert_eq!(stored["hobbies"], json!(["music", "travel", "cooking"]));
    })
    .await;
}

#[tokio::test]
async fn a_refused_save_sums_up_the_errors_at_the_top_and_focus_goes_there() {
    each_browser("forms-error-summary", |b: Browser| async move {
        signed_in(&b, "zoe@forms.example", "en").await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Zoe").await;
        b.type_into("#f\\.emails", "not-an-email").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_text("#record-form [data-error-summary]", "Not saved: check one field").await;
        let focused = "return document.activeElement.hasAttribute('data-error-summary')";
        assert_eq!(b.client.execute(focused, vec![]).await.unwrap(), json!(true), "focus moved to the summary");
        save_shot(&b, "error-summary").await;
        let link = b.find("[data-error-summary] a").await;
        assert_eq!(link.attr("href").await.unwrap().as_deref(), Some("#f.emails"));
        assert!(link.text().await.unwrap().contains("Emails"));
        // Still beside the field too.
        b.wait_for_text("[data-field='f.emails'] .error", "Not an email").await;
        // The link takes the user to the field, focused to type.
        link.click().await.unwrap();
        let at = b.client.execute("return document.activeElement.id", vec![]).await.unwrap();
        assert_eq!(at, json!("f.emails"));
        // Typed what was refused is kept, once.
        assert_eq!(values(&b, "f.emails").await, ["not-an-email", ""]);
    })
    .await;
}

/// The window as it is, saved as test output (`browser/forms/{name}.png`).
async fn save_shot(b: &Browser, name: &str) {
    let dir = output_dir().join("forms");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), b.client.screenshot().await.unwrap()).unwrap();
}

/// The whole page as a PNG, below the fold too (Chrome's `captureBeyondViewport`).
async fn whole_page(b: &Browser) -> Vec<u8> {
    use base64::Engine;
    let params = json!({"format": "png", "captureBeyondViewport": true});
    let shot = b.client.issue_cmd(super::Cdp("Page.captureScreenshot", params)).await.unwrap();
    base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap_or_default()).unwrap()
}

/// Where the element `css` is in the window: its top and bottom, and the window's
/// height and the tab bar's top (the window's bottom when there is none).
async fn placed(b: &Browser, css: &str) -> (f64, f64, f64, f64) {
    let script = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
        const bar = document.querySelector('nav.tabbar'); \
        const barTop = bar && getComputedStyle(bar).display !== 'none' ? bar.getBoundingClientRect().top : innerHeight; \
        return [r.top, r.bottom, innerHeight, barTop];";
    let found: Vec<f64> = serde_json::from_value(b.client.execute(script, vec![json!(css)]).await.unwrap()).unwrap();
    (found[0], found[1], found[2], found[3])
}

#[tokio::test]
async fn on_a_phone_save_stays_above_the_tab_bar_in_every_language() {
    each_browser("forms-phone", |b: Browser| async move {
        let dir = output_dir().join("forms");
        std::fs::create_dir_all(&dir).unwrap();
        for locale in ["en", "el", "ar"] {
            b.desktop().await;
            signed_in(&b, &format!("{locale}@phone.example"), locale).await;
            b.goto("/o/people/new").await;
            b.find("#record-form").await;
            std::fs::write(dir.join(format!("new-person-{locale}-desktop.png")), whole_page(&b).await).unwrap();
            b.phone(390, 844).await;
            b.goto("/o/people/new").await;
            b.find("#record-form").await;
            let save = "#record-form button[type=submit]";
            // As the form opens, and half way down it: Save in sight, above the tab bar.
            for scroll in [0.0, 0.5] {
                let to = format!("scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * {scroll})");
                b.client.execute(&to, vec![]).await.unwrap();
                let (top, bottom, height, bar) = placed(&b, save).await;
                assert!(bar < height, "{locale}: the tab bar shows on a phone");
                assert!(
                    top >= 0.0 && bottom <= bar + 0.5,
                    "{locale} at {scroll}: Save at {top}–{bottom}, bar at {bar}"
                );
                let shot = b.client.screenshot().await.unwrap();
                std::fs::write(dir.join(format!("new-person-{locale}-phone-{}.png", scroll * 100.0)), shot).unwrap();
            }
            let wide = "return document.documentElement.scrollWidth";
            let width = b.client.execute(wide, vec![]).await.unwrap().as_f64().unwrap();
            assert!(width <= 390.0, "{locale}: the form is {width} px wide on a 390 px phone");
            b.client.delete_all_cookies().await.unwrap();
        }
    })
    .await;
}
