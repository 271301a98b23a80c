//! A module is metadata: a custom "visit" object, marked for the navigation, the
//! calendar and the quick actions through the metadata API, is reached in a real
//! browser from the navigation bar (on a desktop and, through the folded menu, on a
//! phone), logged from a person's page with its quick action, and drawn on the
//! calendar — with no code of its own.

use rapport_domain::model::{Actor, ObjectDef};
use serde_json::json;

use super::{PASSWORD, each_browser};

#[tokio::test]
async fn a_custom_object_is_reached_from_the_navigation_the_record_page_and_the_calendar() {
    each_browser("modules", |b| async move {
        b.user("admin@example.com", "administrator", None).await;
        let visit: ObjectDef = serde_json::from_value(crate::behaviour::visit()).unwrap();
        let sys = Actor::system();
        b.app.crm.create_object(&sys, visit).await.unwrap();
        let person = json!({"name": {"first": "Maria", "last": "Kovács"}});
        let person = b.app.crm.create(&sys, "people", person.as_object().unwrap()).await.unwrap();
        b.sign_in("admin@example.com", PASSWORD).await;

        // The navigation bar has the new object; its list opens.
        b.click("#nav > ul > li > a[href='/o/visits']").await;
        b.wait_for_path("/o/visits").await;

        // A person's page offers the quick action; logging a visit puts it on the
        // timeline.
        b.goto(&format!("/o/people/{}", person.id)).await;
        b.click("#tab-visits").await;
        b.type_into("[id='q-visits-f.subject']", "Showroom visit").await;
        b.click("#quick-visits button[type=submit]").await;
        b.wait_for_text("#timeline", "Showroom visit").await;

        // Due tomorrow at ten (the quick action's preset): on the week's calendar.
        let tomorrow = time::OffsetDateTime::now_utc().date().next_day().unwrap();
        b.goto(&format!("/calendar?view=week&date={tomorrow}")).await;
        b.wait_for_text(".cal-grid", "Showroom visit").await;

        // On a phone, the folded menu holds it too.
        b.phone(390, 844).await;
        b.goto("/").await;
        b.click(".menu-toggle").await;
        b.click("#nav > ul > li > a[href='/o/visits']").await;
        b.wait_for_path("/o/visits").await;
        b.desktop().await;
    })
    .await;
}
