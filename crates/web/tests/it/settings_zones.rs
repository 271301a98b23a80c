//! The time zone picker (issue 22): a user's zone is chosen from a list of the zones
//! Rapport knows, grouped by region, each city named in the user's language — on the
//! settings' user pages and on everyone's profile — and a zone that does not exist,
//! posted by hand, is refused beside the picker and changes nothing.

use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use rapport_domain::{NewUser, User};
use rapport_web::ui::i18n::Tr;

use crate::app::{App, spawn_app};

const PASSWORD: &str = "mauve lighthouse pickle orchestra";

async fn admin(app: &App, email: &str, locale: &str) -> User {
    let new = NewUser {
        email: email.into(),
        display_name: "Ana".into(),
        locale: Some(locale.into()),
        time_zone: Some("Europe/Athens".into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    app.crm.add_user(&Actor::system(), new).await.unwrap().0
}

async fn zone_of(app: &App, user: &User) -> String {
    app.crm.user(&Actor::system(), user.id).await.unwrap().time_zone
}

/// The `<option>` of `zone` in a page, as written.
fn option<'a>(body: &'a str, zone: &str) -> &'a str {
    let at = body.find(&format!("<option value=\"{zone}\"")).unwrap_or_else(|| panic!("no option for {zone}"));
    let end = body[at..].find("</option>").unwrap();
    &body[at..at + end]
}

#[tokio::test]
async fn a_zone_is_chosen_from_the_list_and_a_made_up_one_is_refused_beside_it() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let ana = admin(&app, "ana@example.com", "el").await;
        let s = app.sign_in("ana@example.com", PASSWORD).await;
        let tr = Tr::new("el");
        let page = format!("/settings/users/{}", ana.id);

        // A select, not a box to type in: the current zone selected, in Greek, under
        // its region.
        let (status, body) = app.page(&s, &page).await;
        assert_eq!(status, 200);
        assert!(body.contains("<select id=\"time_zone\" name=\"time_zone\""), "{body}");
        assert!(!body.contains("list=\"zones\""), "no free-text zone box is left");
        let athens = option(&body, "Europe/Athens");
        assert!(athens.contains(" selected"), "{athens}");
        assert!(athens.contains(">Αθήνα ("), "the city in Greek: {athens}");
        assert!(body.contains(&format!("<optgroup label=\"{}\">", tr.t("zone-region-europe"))));
        assert!(!option(&body, "Asia/Tokyo").contains(" selected"));

        // Garbage, and a name merely shaped like a zone: refused beside the picker,
        // with the message that says what to do; nothing saved.
        for bad in ["Mars/Olympus_Mons", "not a zone", "Europe/Atlantis"] {
            let form = [("display_name", "Ana"), ("locale", "el"), ("time_zone", bad)];
            let (status, body) = app.post_page(&s, &page, &form).await;
            assert_eq!(status, 422, "{bad}");
            assert!(body.contains("id=\"time_zone-error\""), "{bad}: {body}");
            assert!(body.contains(&tr.t("zone-unknown")), "{bad}");
            assert!(body.contains("aria-describedby=\"time_zone-error\""), "{bad}");
            assert_eq!(zone_of(&app, &ana).await, "Europe/Athens", "{bad} changed nothing");
        }

        // A zone from the list is saved, and is the one selected after.
        let form = [("display_name", "Ana"), ("locale", "el"), ("time_zone", "Asia/Tokyo")];
        let (status, _) = app.post_page(&s, &page, &form).await;
        assert_eq!(status, 200);
        assert_eq!(zone_of(&app, &ana).await, "Asia/Tokyo");
        let (_, body) = app.page(&s, &page).await;
        assert!(option(&body, "Asia/Tokyo").contains(" selected"));

        // Everyone's own profile has the same picker and the same refusal.
        let (status, body) = app.page(&s, "/me").await;
        assert_eq!(status, 200);
        assert!(option(&body, "Asia/Tokyo").contains(" selected"));
        let form = [("display_name", "Ana"), ("locale", "el"), ("time_zone", "Mars/Olympus_Mons")];
        let (status, body) = app.post_page(&s, "/me", &form).await;
        assert_eq!(status, 422);
        assert!(body.contains("id=\"time_zone-error\"") && body.contains(&tr.t("zone-unknown")), "{body}");
        assert_eq!(zone_of(&app, &ana).await, "Asia/Tokyo");
        let form = [("display_name", "Ana"), ("locale", "el"), ("time_zone", "UTC")];
        let (status, _) = app.post_page(&s, "/me", &form).await;
        assert_eq!(status, 200);
        assert_eq!(zone_of(&app, &ana).await, "UTC");

        // A new user's zone, from the list too; a made-up one makes no user.
        let form = [
            ("email", "nikos@example.com"),
            ("display_name", "Nikos"),
            ("locale", "en"),
            ("time_zone", "Nowhere/Else"),
        ];
        let (status, body) = app.post_page(&s, "/settings/users", &form).await;
        assert_eq!(status, 422);
        assert!(body.contains("id=\"time_zone-error\""), "{body}");
        assert!(app.crm.user_by_email(&Actor::system(), "nikos@example.com").await.is_err());
        let form = [
            ("email", "nikos@example.com"),
            ("display_name", "Nikos"),
            ("locale", "en"),
            ("time_zone", "Europe/Budapest"),
        ];
        let (status, _) = app.post_page(&s, "/settings/users", &form).await;
        assert_eq!(status, 200);
        let nikos = app.crm.user_by_email(&Actor::system(), "nikos@example.com").await.unwrap();
        assert_eq!(nikos.time_zone, "Europe/Budapest");
    }
}

#[tokio::test]
async fn cities_are_named_in_each_language_with_arabic_digits_in_the_offsets() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        admin(&app, "layla@example.com", "ar").await;
        admin(&app, "gabor@example.com", "hu").await;
        let s = app.sign_in("layla@example.com", PASSWORD).await;
        let (_, body) = app.page(&s, "/me").await;
        let riyadh = option(&body, "Asia/Riyadh");
        assert!(riyadh.contains("الرياض"), "{riyadh}");
        assert!(riyadh.contains('٣'), "the offset in Arabic-Indic digits: {riyadh}");
        let s = app.sign_in("gabor@example.com", PASSWORD).await;
        let (_, body) = app.page(&s, "/me").await;
        assert!(option(&body, "Europe/Athens").contains(">Athén ("), "{}", option(&body, "Europe/Athens"));
        // An alias is not offered beside its zone.
        assert!(!body.contains("<option value=\"Asia/Calcutta\""));
        assert!(body.contains("<option value=\"Asia/Kolkata\""));
    }
}
