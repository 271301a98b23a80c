//! Users, roles, sessions, sign-in throttling, API tokens and the security trail.

use rapport_domain::model::access::{Grants, ObjectRights, Reach};
use rapport_domain::model::{Action, Actor};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, Login, NewUser, SessionPolicy, TokenRequest, UserPatch};
use serde_json::json;
use time::Duration;

use crate::access::{PASSWORD, World, add_user, obj};
use crate::demo::config;

fn login(email: &str, password: &str) -> Login {
    Login { email: email.into(), password: password.into(), address: Some("192.0.2.7".into()), ..Login::default() }
}

fn admin() -> Actor {
    Actor::system()
}

#[tokio::test]
async fn sign_in_sessions_rotation_and_logout() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let at = db.name();
        let id = add_user(&crm, "Eleni@Example.GR", "sales_rep", "").await;
        // Emails are matched as stored: trimmed and lower-cased.
        let first = crm.login(login("  eleni@example.gr ", PASSWORD)).await.unwrap();
        assert_eq!(first.user.id, id, "{at}");
        let principal = crm.session(&first.id).await.unwrap();
        assert_eq!(principal.actor.user_id(), Some(id));
        assert_eq!(principal.actor.reach("company", Action::Read), Reach::Team, "{at}: the role's rules");

        // Wrong password, unknown email: the same answer.
        let wrong = crm.login(login("eleni@example.gr", "not-the-password-at-all")).await.unwrap_err();
        let unknown = crm.login(login("nobody@example.gr", PASSWORD)).await.unwrap_err();
        assert_eq!((wrong.code(), wrong.to_string()), (unknown.code(), unknown.to_string()), "{at}");
        assert_eq!(wrong.code(), "invalid_credentials");

        // Signing in again with the old session ends it (rotation).
        let second =
            crm.login(Login { replaces: Some(first.id.clone()), ..login("eleni@example.gr", PASSWORD) }).await.unwrap();
        assert_ne!(second.id, first.id);
        assert_eq!(crm.session(&first.id).await.unwrap_err().code(), "unauthenticated", "{at}");
        let third = crm.login(login("eleni@example.gr", PASSWORD)).await.unwrap();
        crm.logout(&second.id).await.unwrap();
        assert_eq!(crm.session(&second.id).await.unwrap_err().code(), "unauthenticated", "{at}");
        crm.session(&third.id).await.unwrap();
        let fourth = crm.login(login("eleni@example.gr", PASSWORD)).await.unwrap();
        let actor = crm.session(&third.id).await.unwrap().actor;
        assert_eq!(crm.logout_everywhere(&actor).await.unwrap(), 2, "{at}");
        for s in [&third.id, &fourth.id] {
            assert_eq!(crm.session(s).await.unwrap_err().code(), "unauthenticated", "{at}");
        }
        assert_eq!(crm.session("garbage").await.unwrap_err().code(), "unauthenticated");

        // Deactivated users cannot sign in, and their sessions end.
        let fifth = crm.login(login("eleni@example.gr", PASSWORD)).await.unwrap();
        let patch = UserPatch { is_active: Some(false), ..UserPatch::default() };
        crm.update_user(&admin(), id, patch).await.unwrap();
        assert_eq!(crm.session(&fifth.id).await.unwrap_err().code(), "unauthenticated", "{at}");
        assert_eq!(crm.login(login("eleni@example.gr", PASSWORD)).await.unwrap_err().code(), "invalid_credentials");
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_their_absolute_end() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        add_user(&crm, "idle@example.gr", "read_only", "").await;
        let idle = crm.clone().with_session_policy(SessionPolicy { idle: Duration::ZERO, ..SessionPolicy::default() });
        let session = idle.login(login("idle@example.gr", PASSWORD)).await.unwrap();
        assert_eq!(idle.session(&session.id).await.unwrap_err().code(), "unauthenticated", "{at}: idle");
        // The same session under the normal policy is live: the expiry is the policy's.
        crm.session(&session.id).await.unwrap();
        // With the default 4 hours: a session last used 5 hours ago has ended; one used
        // 3 hours ago is live, and using it moves its idle end.
        let store = db.open().await;
        let age = |id: &str, ago: Duration| {
            let (hash, at) = (rapport_domain::secret::digest(id), time::OffsetDateTime::now_utc() - ago);
            store.system_write(move |c| {
                Box::pin(async move { rapport_store::credentials::touch_session(c, &hash, at).await })
            })
        };
        let stale = crm.login(login("idle@example.gr", PASSWORD)).await.unwrap();
        age(&stale.id, Duration::hours(5)).await.unwrap();
        assert_eq!(crm.session(&stale.id).await.unwrap_err().code(), "unauthenticated", "{at}: 5 h idle");
        let recent = crm.login(login("idle@example.gr", PASSWORD)).await.unwrap();
        age(&recent.id, Duration::hours(3)).await.unwrap();
        crm.session(&recent.id).await.unwrap();
        let hash = rapport_domain::secret::digest(&recent.id);
        let seen = store
            .system_read(move |c| Box::pin(async move { rapport_store::credentials::session_by_hash(c, &hash).await }))
            .await
            .unwrap()
            .unwrap()
            .last_seen_at;
        assert!(time::OffsetDateTime::now_utc() - seen < Duration::minutes(1), "{at}: use moves the idle end");
        let short =
            crm.clone().with_session_policy(SessionPolicy { absolute: Duration::ZERO, ..SessionPolicy::default() });
        let session = short.login(login("idle@example.gr", PASSWORD)).await.unwrap();
        assert_eq!(crm.session(&session.id).await.unwrap_err().code(), "unauthenticated", "{at}: absolute");
    }
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account_and_per_address() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db))
            .await
            .unwrap()
            .with_session_policy(SessionPolicy { max_failures_per_address: 8, ..SessionPolicy::default() });
        add_user(&crm, "target@example.gr", "read_only", "").await;
        add_user(&crm, "bystander@example.gr", "read_only", "").await;
        for _ in 0..5 {
            let e = crm.login(login("target@example.gr", "wrong-password-guess-123")).await.unwrap_err();
            assert_eq!(e.code(), "invalid_credentials", "{at}");
        }
        // Now even the right password is refused for this account, from anywhere…
        let elsewhere = Login { address: Some("198.51.100.1".into()), ..login("target@example.gr", PASSWORD) };
        let throttled = crm.login(elsewhere).await.unwrap_err();
        assert_eq!(throttled.code(), "too_many_attempts", "{at}");
        assert!(matches!(throttled, rapport_domain::DomainError::Throttled { retry_after_secs: 900 }));
        // …an unknown account gets the same after as many failures…
        for _ in 0..5 {
            let _ = crm.login(Login { address: Some("203.0.113.9".into()), ..login("ghost@example.gr", "x") }).await;
        }
        let ghost = Login { address: Some("203.0.113.10".into()), ..login("ghost@example.gr", "x") };
        assert_eq!(crm.login(ghost).await.unwrap_err().code(), "too_many_attempts", "{at}");
        // …another account from a fresh address is untouched…
        let other = Login { address: Some("198.51.100.2".into()), ..login("bystander@example.gr", PASSWORD) };
        crm.login(other).await.unwrap();
        // …but the address that failed 5 times for the target and 3 more is blocked.
        for email in ["a@example.gr", "b@example.gr", "c@example.gr"] {
            let _ = crm.login(login(email, "guess")).await;
        }
        let same_address = crm.login(login("bystander@example.gr", PASSWORD)).await.unwrap_err();
        assert_eq!(same_address.code(), "too_many_attempts", "{at}: per address");

        // Guessing the current password from a session is throttled like sign-in.
        let id = add_user(&crm, "changer@example.gr", "read_only", "").await;
        let actor = crm.actor_for(id).await.unwrap();
        for _ in 0..5 {
            let e = crm.change_password(&actor, "guess-guess-guess-1", "a-new-long-passphrase", None).await;
            assert_eq!(e.unwrap_err().code(), "invalid_credentials", "{at}");
        }
        let e = crm.change_password(&actor, PASSWORD, "a-new-long-passphrase", None).await.unwrap_err();
        assert_eq!(e.code(), "too_many_attempts", "{at}: password change");
    }
}

#[tokio::test]
async fn passwords_change_reset_and_one_time() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let new = NewUser {
            email: "new@example.gr".into(), display_name: "Νίκος Παππάς".into(), ..NewUser::default()
        };
        let (user, one_time) = crm.add_user(&admin(), new).await.unwrap();
        let one_time = one_time.expect("a one-time password when none is given");
        assert!(user.must_change_password, "{at}");
        let kept = crm.login(login("new@example.gr", &one_time)).await.unwrap();
        assert!(kept.user.must_change_password);
        let other = crm.login(login("new@example.gr", &one_time)).await.unwrap();
        let actor = crm.session(&kept.id).await.unwrap().actor;

        // A one-time password is for changing it: no lasting credential comes from it.
        let mint =
            crm.create_token(&actor, user.id, TokenRequest { name: "x".into(), ..TokenRequest::default() }).await;
        assert_eq!(mint.unwrap_err().code(), "forbidden", "{at}");
        let weak = crm.change_password(&actor, &one_time, "short", Some(&kept.id)).await.unwrap_err();
        assert_eq!((weak.code(), weak.field()), ("too_short", Some("new_password")), "{at}");
        let wrong = crm.change_password(&actor, "not-it-at-all-really", "a-much-better-passphrase", None).await;
        assert_eq!(wrong.unwrap_err().code(), "invalid_credentials", "{at}");
        crm.change_password(&actor, &one_time, "a-much-better-passphrase", Some(&kept.id)).await.unwrap();
        crm.session(&kept.id).await.unwrap();
        assert_eq!(crm.session(&other.id).await.unwrap_err().code(), "unauthenticated", "{at}: other sessions end");
        assert_eq!(crm.login(login("new@example.gr", &one_time)).await.unwrap_err().code(), "invalid_credentials");
        let after = crm.login(login("new@example.gr", "a-much-better-passphrase")).await.unwrap();
        assert!(!after.user.must_change_password, "{at}");

        let reset = crm.reset_password(&admin(), user.id).await.unwrap();
        assert_eq!(crm.session(&kept.id).await.unwrap_err().code(), "unauthenticated", "{at}: a reset ends sessions");
        assert!(crm.login(login("new@example.gr", &reset)).await.unwrap().user.must_change_password);
        // Nobody but an administrator resets another's password.
        assert_eq!(crm.reset_password(&actor, user.id).await.unwrap_err().code(), "forbidden");
    }
}

#[tokio::test]
async fn api_tokens_scope_revocation_and_expiry() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let id = add_user(&crm, "bot@example.gr", "sales_manager", "").await;
        let owner = crm.actor_for(id).await.unwrap();
        let full = crm
            .create_token(&owner, id, TokenRequest { name: "sync".into(), ..TokenRequest::default() })
            .await
            .unwrap();
        assert!(full.secret.starts_with("rpt_"));
        let principal = crm.authenticate_token(&full.secret).await.unwrap();
        let company = crm.create(&principal.actor, "companies", &obj(json!({"name": "Via token"}))).await.unwrap();

        let read = TokenRequest { name: "report".into(), read_only: true, ..TokenRequest::default() };
        let read = crm.create_token(&owner, id, read).await.unwrap();
        let reader = crm.authenticate_token(&read.secret).await.unwrap().actor;
        crm.get(&reader, "companies", company.id).await.unwrap();
        let refused = crm.create(&reader, "companies", &obj(json!({"name": "Nope"}))).await.unwrap_err();
        assert_eq!(refused.code(), "forbidden", "{at}: read-only token writes");
        let refused = crm.update(&reader, "companies", company.id, company.version, &obj(json!({"name": "x"}))).await;
        assert_eq!(refused.unwrap_err().code(), "forbidden", "{at}");
        // Nor does it change the account: password, profile, tokens, sessions.
        let e = crm.change_password(&reader, PASSWORD, "another-long-passphrase-9", None).await.unwrap_err();
        assert_eq!(e.code(), "forbidden", "{at}");
        let e = crm.update_user(&reader, id, UserPatch { display_name: Some("x".into()), ..UserPatch::default() });
        assert_eq!(e.await.unwrap_err().code(), "forbidden", "{at}");
        let e = crm.create_token(&reader, id, TokenRequest { name: "y".into(), ..TokenRequest::default() }).await;
        assert_eq!(e.unwrap_err().code(), "forbidden", "{at}");
        assert_eq!(crm.logout_everywhere(&reader).await.unwrap_err().code(), "forbidden", "{at}");

        // The secret is shown once: the list has no secret, and it is stored as a digest.
        let listed = crm.tokens(&owner, id).await.unwrap();
        assert_eq!(listed.len(), 2);
        assert!(!serde_json::to_string(&listed).unwrap().contains(&full.secret[4..]));

        crm.revoke_token(&owner, Some(id), full.info.id).await.unwrap();
        assert_eq!(crm.authenticate_token(&full.secret).await.unwrap_err().code(), "unauthenticated", "{at}");
        assert_eq!(
            crm.revoke_token(&owner, Some(id), full.info.id).await.unwrap_err().code(),
            "not_found",
            "{at}: twice"
        );
        assert_eq!(crm.authenticate_token("rpt_madeup").await.unwrap_err().code(), "unauthenticated");

        // An expired token: written straight to the database, as no API makes one.
        let (secret, hash) = rapport_domain::secret::new_api_token();
        let now = time::OffsetDateTime::now_utc();
        let row = rapport_store::credentials::TokenRow {
            id: uuid::Uuid::now_v7(),
            user_id: id,
            name: "old".into(),
            hash,
            read_only: false,
            created_at: now - Duration::days(30),
            expires_at: Some(now - Duration::days(1)),
            revoked_at: None,
            last_used_at: None,
        };
        let store = db.open().await;
        store
            .system_write(move |c| Box::pin(async move { rapport_store::credentials::insert_token(c, &row).await }))
            .await
            .unwrap();
        assert_eq!(crm.authenticate_token(&secret).await.unwrap_err().code(), "unauthenticated", "{at}: expired");
        let past =
            TokenRequest { name: "past".into(), expires_at: Some(now - Duration::hours(1)), ..TokenRequest::default() };
        assert_eq!(crm.create_token(&owner, id, past).await.unwrap_err().code(), "validation_failed");

        // Someone else's tokens do not exist for a non-administrator.
        let other = add_user(&crm, "other@example.gr", "sales_rep", "").await;
        let other = crm.actor_for(other).await.unwrap();
        assert_eq!(crm.tokens(&other, id).await.unwrap_err().code(), "not_found");
        assert_eq!(crm.revoke_token(&other, Some(id), read.info.id).await.unwrap_err().code(), "not_found");
        let other_id = other.user_id();
        assert_eq!(crm.revoke_token(&other, other_id, read.info.id).await.unwrap_err().code(), "not_found");
        // Even an administrator revoking "their own" token by id touches only theirs.
        assert_eq!(crm.revoke_token(&admin(), other_id, read.info.id).await.unwrap_err().code(), "not_found");
        crm.authenticate_token(&read.secret).await.unwrap();
    }
}

#[tokio::test]
async fn roles_are_edited_at_runtime_and_an_administrator_always_remains() {
    for db in each_database().await {
        let at = db.name();
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let crm = &world.crm;
        let (key, admin_id, admin) = world.users.iter().find(|(k, _, _)| k == "administrator").cloned().unwrap();
        assert_eq!(key, "administrator");
        let rep = world.users.iter().find(|(k, _, _)| k == "sales_rep").map(|(_, id, _)| *id).unwrap();

        // Non-administrators manage nothing.
        let rep_actor = crm.actor_for(rep).await.unwrap();
        assert_eq!(crm.roles(&rep_actor).await.unwrap_err().code(), "forbidden");
        let new = NewUser { email: "x@example.gr".into(), display_name: "X".into(), ..NewUser::default() };
        assert_eq!(crm.add_user(&rep_actor, new).await.unwrap_err().code(), "forbidden", "{at}");

        // A custom role: rules must name real objects and fields; changes apply at once.
        let mut grants = Grants { default: ObjectRights::read_only(Reach::Own), ..Grants::default() };
        grants.fields.entry("company".into()).or_default().insert("no_such_field".into(), Default::default());
        let bad = crm.save_role(&admin, None, "Auditor", grants.clone()).await.unwrap_err();
        assert_eq!(bad.code(), "validation_failed", "{at}");
        grants.fields.clear();
        let role = crm.save_role(&admin, None, "Auditor", grants.clone()).await.unwrap();
        crm.set_user_roles(&admin, rep, &["Auditor".into()]).await.unwrap();
        assert_eq!(crm.actor_for(rep).await.unwrap().reach("company", Action::Read), Reach::Own, "{at}");
        grants.default = ObjectRights::read_only(Reach::All);
        crm.save_role(&admin, Some(role.id), "Auditor", grants).await.unwrap();
        assert_eq!(crm.actor_for(rep).await.unwrap().reach("company", Action::Read), Reach::All, "{at}");

        // The last administrator can be neither demoted nor deactivated.
        let demote = crm.set_user_roles(&admin, admin_id, &["read_only".into()]).await.unwrap_err();
        assert_eq!(demote.code(), "last_administrator", "{at}");
        let off = UserPatch { is_active: Some(false), ..UserPatch::default() };
        assert_eq!(crm.update_user(&admin, admin_id, off).await.unwrap_err().code(), "last_administrator");
        assert!(crm.actor_for(admin_id).await.unwrap().is_admin(), "{at}: the refused change left no trace");

        // Every change is in the trail: of the actor and of the user changed.
        let events = crm.security_events(&admin, admin_id, 100).await.unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert!(kinds.iter().filter(|k| **k == "role_change").count() >= 3, "{at}: {kinds:?}");
        let rep_events = crm.security_events(&rep_actor, rep, 100).await.unwrap();
        assert!(rep_events.iter().any(|e| e.kind == "role_change"), "{at}: the rep sees changes to their account");
        assert_eq!(crm.security_events(&rep_actor, admin_id, 10).await.unwrap_err().code(), "not_found");
    }
}

#[tokio::test]
async fn the_security_trail_has_every_kind_of_event() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let id = add_user(&crm, "trail@example.gr", "sales_manager", "").await;
        let _ = crm.login(login("trail@example.gr", "wrong-password-guess-123")).await;
        let session = crm.login(login("trail@example.gr", PASSWORD)).await.unwrap();
        let actor = crm.session(&session.id).await.unwrap().actor;
        let mut out = Vec::new();
        crm.export_csv(&actor, "companies", Default::default(), &mut out).await.unwrap();
        let token =
            crm.create_token(&actor, id, TokenRequest { name: "t".into(), ..TokenRequest::default() }).await.unwrap();
        crm.revoke_token(&actor, Some(id), token.info.id).await.unwrap();
        crm.change_password(&actor, PASSWORD, "another-long-passphrase-2", Some(&session.id)).await.unwrap();
        crm.logout(&session.id).await.unwrap();
        let events = crm.security_events(&actor, id, 100).await.unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        for kind in ["user_create", "login", "export", "token_create", "token_revoke", "password_change", "logout"] {
            assert!(kinds.contains(&kind), "{at}: no {kind} in {kinds:?}");
        }
        assert_eq!(kinds.first(), Some(&"logout"), "{at}: newest first");
        // A failed sign-in is recorded against the email tried (no user acted).
        let failed = events.iter().find(|e| e.kind == "login_failed").expect("the failed sign-in");
        assert_eq!((failed.actor_id, failed.subject.as_deref()), (None, Some("trail@example.gr")), "{at}");
        assert_eq!(failed.address.as_deref(), Some("192.0.2.7"));
    }
}

#[tokio::test]
async fn parallel_guesses_are_throttled_as_strictly_as_sequential_ones() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        add_user(&crm, "victim@example.gr", "read_only", "").await;
        let mut guesses = tokio::task::JoinSet::new();
        for n in 0..24 {
            let crm = crm.clone();
            let address = format!("198.51.100.{n}");
            guesses.spawn(async move {
                let guess = Login { address: Some(address), ..login("victim@example.gr", "guessing-guessing-1") };
                crm.login(guess).await.unwrap_err().code()
            });
        }
        let codes = guesses.join_all().await;
        let checked = codes.iter().filter(|c| **c == "invalid_credentials").count();
        assert_eq!(checked, 5, "{at}: {codes:?}");
        assert_eq!(codes.iter().filter(|c| **c == "too_many_attempts").count(), 19, "{at}");
    }
}

#[tokio::test]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let mut survivor: Option<uuid::Uuid> = None;
        for round in 0..6 {
            let a = add_user(&crm, &format!("a{round}@example.gr"), "administrator", "").await;
            let b = add_user(&crm, &format!("b{round}@example.gr"), "administrator", "").await;
            // Only a and b are administrators when they race.
            if let Some(earlier) = survivor {
                crm.set_user_roles(&Actor::system(), earlier, &["read_only".into()]).await.unwrap();
            }
            let (actor_a, actor_b) = (crm.actor_for(a).await.unwrap(), crm.actor_for(b).await.unwrap());
            let demoted = ["read_only".to_owned()];
            let (one, two) =
                tokio::join!(crm.set_user_roles(&actor_a, b, &demoted), crm.set_user_roles(&actor_b, a, &demoted));
            let refused =
                [&one, &two].iter().filter(|r| r.as_ref().is_err_and(|e| e.code() == "last_administrator")).count();
            assert_eq!((one.is_ok() as usize + two.is_ok() as usize, refused), (1, 1), "{at}: round {round}");
            let a_admin = crm.actor_for(a).await.unwrap().is_admin();
            let b_admin = crm.actor_for(b).await.unwrap().is_admin();
            assert!(a_admin ^ b_admin, "{at}: round {round}: exactly one administrator is left");
            survivor = Some(if a_admin { a } else { b });
        }
    }
}

/// Each process caches the principal behind a credential; a change made by another
/// process (another `rapport serve`, the command line) is obeyed from the next request
/// on: new roles, edited rules, teams, a revoked token, a deactivated user.
#[tokio::test]
async fn a_change_made_by_another_process_is_obeyed_at_the_next_request() {
    for db in each_database().await {
        let at = db.name();
        let (here, there) = (Crm::open(&config(&db)).await.unwrap(), Crm::open(&config(&db)).await.unwrap());
        let id = add_user(&here, "kostas@example.gr", "sales_rep", "").await;
        let owner = here.actor_for(id).await.unwrap();
        let token = here.create_token(&owner, id, TokenRequest { name: "sync".into(), ..TokenRequest::default() });
        let token = token.await.unwrap().secret;
        let session = here.login(login("kostas@example.gr", PASSWORD)).await.unwrap().id;
        let reach = |actor: &Actor| actor.reach("company", Action::Read);
        for _ in 0..2 {
            assert_eq!(reach(&here.authenticate_token(&token).await.unwrap().actor), Reach::Team, "{at}");
            assert_eq!(reach(&here.session(&session).await.unwrap().actor), Reach::Team, "{at}");
        }

        let grants = Grants { default: ObjectRights::read_only(Reach::Own), ..Grants::default() };
        let role = there.save_role(&admin(), None, "Auditor", grants).await.unwrap();
        there.set_user_roles(&admin(), id, &["Auditor".into()]).await.unwrap();
        assert_eq!(reach(&here.authenticate_token(&token).await.unwrap().actor), Reach::Own, "{at}: new roles");
        assert_eq!(reach(&here.session(&session).await.unwrap().actor), Reach::Own, "{at}: new roles");
        let grants = Grants { default: ObjectRights::read_only(Reach::All), ..Grants::default() };
        there.save_role(&admin(), Some(role.id), "Auditor", grants).await.unwrap();
        assert_eq!(reach(&here.session(&session).await.unwrap().actor), Reach::All, "{at}: edited rules");

        let team = there.create_team(&admin(), "Thessaloniki").await.unwrap();
        there.set_user_teams(&admin(), id, &["Thessaloniki".into()]).await.unwrap();
        let Actor::User { teams, .. } = here.authenticate_token(&token).await.unwrap().actor else { panic!("{at}") };
        assert_eq!(teams, vec![team.id], "{at}: new teams");

        let listed = there.tokens(&admin(), id).await.unwrap();
        there.revoke_token(&admin(), None, listed[0].id).await.unwrap();
        assert_eq!(here.authenticate_token(&token).await.unwrap_err().code(), "unauthenticated", "{at}: revoked");
        here.session(&session).await.unwrap();
        let off = UserPatch { is_active: Some(false), ..UserPatch::default() };
        there.update_user(&admin(), id, off).await.unwrap();
        assert_eq!(here.session(&session).await.unwrap_err().code(), "unauthenticated", "{at}: deactivated");
    }
}
