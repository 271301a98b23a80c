//! A sales rep's day on the demo company, as the user guide tells it: find a
//! customer, log a call, schedule a follow-up, move a deal, look at the week. Each main page is
//! saved as a screenshot — into `RAPPORT_SCREENSHOTS_DIR` when set (`scripts/screenshots`
//! writes docs/img for docs/USER-GUIDE.md), else beside the other test output.

use std::path::PathBuf;

use rapport_domain::demo::{DemoLocale, DemoSize, load};
use rapport_domain::model::Actor;

use super::{Browser, each_browser, output_dir};

fn shots_dir() -> PathBuf {
    match std::env::var_os("RAPPORT_SCREENSHOTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => output_dir().join("guide"),
    }
}

async fn shot(b: &Browser, name: &str) {
    b.settle().await;
    b.client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    let dir = shots_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test]
async fn a_sales_reps_day_on_the_demo_company() {
    each_browser("guide", |b: Browser| async move {
        let size = DemoSize { companies: 30, people: 120, leads: 40, opportunities: 40, activities: 400 };
        let demo = load(&b.app.crm, &size, DemoLocale::En).await.unwrap();
        let rep = demo.logins.iter().find(|l| l.email.starts_with("nikos")).unwrap();
        b.goto("/login").await;
        b.client.set_window_size(1280, 860).await.unwrap();
        shot(&b, "sign-in").await;
        b.sign_in(&rep.email, &rep.password).await;
        shot(&b, "home").await;

        // Find a customer: the first person of the rep's list, by part of the name.
        b.goto("/o/people").await;
        b.find("#rows tr[data-id]").await;
        shot(&b, "list").await;
        let first = b.find("#rows tr[data-id] td a").await.text().await.unwrap();
        let family = first.split_whitespace().last().unwrap().to_owned();
        b.goto("/").await;
        b.type_into("#global-search", &family).await;
        b.wait_for_text("header #search-results", &family).await;
        shot(&b, "search").await;
        b.click("header #search-results a").await;
        let path = b.wait_for_path("/o/").await;
        b.find("#timeline").await;
        shot(&b, "record").await;

        // Log a call, then schedule a follow-up task.
        b.type_into("#quick-calls input[name='f.subject']", "Talked about the spring order").await;
        b.click("#quick-calls button[type=submit]").await;
        b.wait_for_text("#timeline", "Talked about the spring order").await;
        b.click("#tab-tasks").await;
        b.type_into("#quick-tasks input[name='f.subject']", "Send the spring price list").await;
        b.click("#quick-tasks button[type=submit]").await;
        b.wait_for_text("#timeline", "Send the spring price list").await;
        shot(&b, "record-logged").await;
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let object = path.split('/').nth(2).unwrap().to_owned();
        let timeline = b.app.crm.timeline_page(&Actor::system(), &object, id, None, 50).await.unwrap();
        let texts: Vec<String> = timeline
            .entries
            .iter()
            .filter_map(|e| match &e.what {
                rapport_domain::timeline::What::Activity { record, .. } => Some(format!("{:?}", record.values)),
                _ => None,
            })
            .collect();
        assert!(
            texts.iter().any(|t| t.contains("spring order")) && texts.iter().any(|t| t.contains("spring price list"))
        );

        // Move a deal on to the next stage, with the keyboard.
        b.goto("/kanban/opportunities").await;
        // The first card the rep may move (their own).
        let card = b.find("#board [data-card]:has(.board-move)").await;
        let id: uuid::Uuid = card.attr("data-id").await.unwrap().unwrap().parse().unwrap();
        let before = b.app.crm.get(&Actor::system(), "opportunities", id).await.unwrap().version;
        shot(&b, "kanban").await;
        b.client.execute("arguments[0].focus()", vec![serde_json::to_value(&card).unwrap()]).await.unwrap();
        super::kanban::press(&b, '\u{E014}').await;
        b.wait_for_text("#board-notice", "Moved").await;
        assert_eq!(
            b.app.crm.get(&Actor::system(), "opportunities", id).await.unwrap().version,
            before + 1,
            "the move is stored"
        );

        // The week's calendar.
        b.goto("/calendar?view=week").await;
        b.find("main").await;
        shot(&b, "calendar").await;

        // The filter builder and the opportunities.
        b.goto("/o/opportunities").await;
        b.click("button[hx-get*='filter-builder']").await;
        b.find("#filter-builder form").await;
        shot(&b, "filter-builder").await;

        // The administrator's settings: a person's fields, and a role's rules.
        let admin = demo.logins.iter().find(|l| l.role == "administrator").unwrap();
        b.click(".account button").await;
        b.wait_for_path("/login").await;
        b.sign_in(&admin.email, &admin.password).await;
        b.goto("/settings/objects/people").await;
        b.find("main").await;
        shot(&b, "settings-fields").await;
        b.goto("/settings/roles").await;
        b.find("main").await;
        b.client.find(fantoccini::Locator::LinkText("Sales rep")).await.unwrap().click().await.unwrap();
        b.wait_for_path("/settings/roles/").await;
        b.find("main form").await;
        shot(&b, "settings-role").await;
    })
    .await;
}
