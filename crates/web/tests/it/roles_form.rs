//! The role form of the settings (issue 19): an object the form does not list (made
//! after the page was drawn, or left out by a script) follows the default the form
//! posts, not `none`.

use rapport_domain::NewUser;
use rapport_domain::model::access::Reach;
use rapport_domain::model::{Action, Actor};
use rapport_domain::testing::each_database;
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN};

use crate::app::spawn_app;

#[tokio::test]
async fn a_role_posted_without_an_objects_selects_follows_the_posted_default() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let password = "a long enough passphrase for tests";
        let admin = NewUser {
            email: "admin@roles.example".into(),
            display_name: "Admin".into(),
            roles: vec!["administrator".into()],
            password: Some(password.into()),
            ..NewUser::default()
        };
        app.crm.add_user(&Actor::system(), admin).await.unwrap();
        let session = app.sign_in("admin@roles.example", password).await;
        let form = "name=Readers&d.create=none&d.read=all&d.edit=none&d.delete=none&d.export=team\
                    &o.opportunity.read=none";
        let saved = app
            .client
            .post(app.url("/settings/roles"))
            .header(ORIGIN, &app.base)
            .header(COOKIE, &session.cookie)
            .header("x-csrf-token", &session.csrf)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .unwrap();
        assert!(saved.status().is_success() || saved.status().is_redirection(), "{at}: {}", saved.status());
        let roles = app.crm.roles(&Actor::system()).await.unwrap();
        let role = roles.iter().find(|r| r.name == "Readers").unwrap_or_else(|| panic!("{at}: no role in {roles:?}"));
        for object in ["person", "company", "task"] {
            assert_eq!(role.grants.reach(object, Action::Read), Reach::All, "{at}: {object} follows the default");
            assert_eq!(role.grants.reach(object, Action::Export), Reach::Team, "{at}: {object}");
            assert_eq!(role.grants.reach(object, Action::Edit), Reach::None, "{at}: {object}");
        }
        assert_eq!(role.grants.reach("opportunity", Action::Read), Reach::None, "{at}: what was posted for it");
    }
}
