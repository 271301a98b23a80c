//! The interface in the user's language: Arabic pages run right to left with the
//! navigation mirrored; a Greek user finds an accented name typed without accents.
//! Each main page is saved per locale as test output.

use rapport_domain::NewUser;
use rapport_domain::model::Actor;
use serde_json::json;

use super::{Browser, PASSWORD, each_browser, output_dir};

async fn user_in(b: &Browser, email: &str, locale: &str, zone: &str) {
    let new = NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        locale: Some(locale.into()),
        time_zone: Some(zone.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    b.app.crm.add_user(&Actor::system(), new).await.unwrap();
}

async fn save_pages(b: &Browser, locale: &str) {
    // Into docs/img when scripts/screenshots asks, else beside the other test output.
    let dir = std::env::var_os("RAPPORT_SCREENSHOTS_DIR")
        .map_or_else(|| output_dir().join("locales"), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, path) in [
        ("home", "/"),
        ("people", "/o/people"),
        ("new-person", "/o/people/new"),
        ("kanban", "/kanban/opportunities"),
        ("calendar", "/calendar"),
    ] {
        b.goto(path).await;
        b.find("main").await;
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{locale}-{name}.png")), png).unwrap();
    }
}

#[tokio::test]
async fn arabic_pages_run_right_to_left_with_the_navigation_mirrored() {
    each_browser("rtl", |b: Browser| async move {
        user_in(&b, "amal@example.com", "ar", "Asia/Riyadh").await;
        b.sign_in("amal@example.com", PASSWORD).await;
        let html = b.find("html").await;
        assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
        assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
        // The brand starts the header on the right, the account ends it on the left.
        let x = |css: &'static str| {
            let b = &b;
            async move { b.find(css).await.rectangle().await.unwrap().0 }
        };
        let (brand, account) = (x(".brand").await, x(".account").await);
        assert!(brand > account, "brand at {brand}, account at {account}: not mirrored");
        // Lists and forms too.
        b.goto("/o/people/new").await;
        // The form's grid fills from the right, and its text runs right to left.
        let fields = b.find_all("#record-form .form-grid > .field").await;
        let (first, second) = (fields[0].rectangle().await.unwrap().0, fields[1].rectangle().await.unwrap().0);
        assert!(first > second, "the first field at {first}, the second at {second}");
        let direction = b
            .client
            .execute("return getComputedStyle(document.querySelector('label')).direction", vec![])
            .await
            .unwrap();
        assert_eq!(direction, serde_json::json!("rtl"));
        save_pages(&b, "ar").await;
    })
    .await;
}

#[tokio::test]
async fn a_greek_user_finds_an_accented_name_typed_without_accents() {
    each_browser("el-search", |b: Browser| async move {
        user_in(&b, "eleni@example.com", "el", "Europe/Athens").await;
        b.sign_in("eleni@example.com", PASSWORD).await;
        assert_eq!(b.find("html").await.attr("lang").await.unwrap().as_deref(), Some("el"));
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Ελένη").await;
        b.type_into("[name='f.name.last']", "Παπαδοπούλου").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path("/o/people/0").await;
        b.goto("/").await;
        b.type_into("#global-search", "ελενη παπαδοπουλου").await;
        b.wait_for_text("header #search-results", "Ελένη Παπαδοπούλου").await;
        // Final sigma and capitals fold too.
        b.goto("/o/people?q=ΠΑΠΑΔΟΠΟΥΛΟΥ").await;
        b.wait_for_text("#rows", "Ελένη Παπαδοπούλου").await;
        let people = b
            .app
            .crm
            .list(&Actor::system(), "people", rapport_domain::ListQuery { limit: 5, ..Default::default() })
            .await
            .unwrap();
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        assert_eq!(
            people.records[0].to_json(schema.object("person").unwrap())["name"],
            json!({"first": "Ελένη", "last": "Παπαδοπούλου"})
        );
        save_pages(&b, "el").await;
    })
    .await;
}

#[tokio::test]
async fn a_hungarian_users_pages_are_in_hungarian() {
    each_browser("hu", |b: Browser| async move {
        user_in(&b, "eszter@example.com", "hu", "Europe/Budapest").await;
        b.sign_in("eszter@example.com", PASSWORD).await;
        assert_eq!(b.find("html").await.attr("lang").await.unwrap().as_deref(), Some("hu"));
        let nav = b.find("#nav").await.text().await.unwrap();
        assert!(
            nav.contains(&rapport_web::ui::i18n::Tr::new("hu").t("nav-calendar")) && !nav.contains("Calendar"),
            "{nav}"
        );
        save_pages(&b, "hu").await;
    })
    .await;
}
