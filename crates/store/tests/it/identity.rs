//! The system tables of identity (migration 4) on each backend: users, teams, roles and
//! their holders, sessions, API tokens and the security event log, each written and
//! read back through the store's functions in units of work.

use rapport_model::Logical;
use rapport_store::credentials::{self, SessionRow, TokenRow};
use rapport_store::events::{self, NewEvent};
use rapport_store::users::{self, RoleRow, TeamRow, UserRow};
use rapport_store::{Cell, Store, StoreError, now};
use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::harness::{each_backend, refused};

/// Runs `$body` as one unit of work over the system tables, with the connection `$c`.
macro_rules! write {
    ($store:expr, |$c:ident| $body:expr) => {
        $store.system_write(move |$c| Box::pin(async move { $body })).await
    };
}

/// Runs `$body` as one read of the system tables.
macro_rules! read {
    ($store:expr, |$c:ident| $body:expr) => {
        $store.system_read(move |$c| Box::pin(async move { $body })).await.unwrap()
    };
}

fn user(email: &str) -> UserRow {
    let at = now();
    UserRow {
        id: Uuid::now_v7(),
        email: email.into(),
        display_name: format!("User {email}"),
        locale: "el".into(),
        time_zone: "Europe/Athens".into(),
        is_active: true,
        password_hash: None,
        must_change_password: false,
        created_at: at,
        updated_at: at,
    }
}

fn team(name: &str) -> TeamRow {
    TeamRow { id: Uuid::now_v7(), name: name.into(), created_at: now() }
}

fn role(name: &str, standard_key: Option<&str>) -> RoleRow {
    let at = now();
    RoleRow {
        id: Uuid::now_v7(),
        name: name.into(),
        standard_key: standard_key.map(Into::into),
        rules: json!({"objects": {"people": ["read"]}}),
        created_at: at,
        updated_at: at,
    }
}

async fn add_user(store: &Store, email: &str) -> UserRow {
    let u = user(email);
    let row = u.clone();
    write!(store, |c| users::insert_user(c, &row).await).unwrap();
    u
}

async fn add_team(store: &Store, name: &str) -> TeamRow {
    let t = team(name);
    let row = t.clone();
    write!(store, |c| users::insert_team(c, &row).await).unwrap();
    t
}

async fn add_role(store: &Store, name: &str) -> RoleRow {
    let r = role(name, None);
    let row = r.clone();
    write!(store, |c| users::upsert_role(c, &row).await).unwrap();
    r
}

#[track_caller]
fn assert_not_found<T: std::fmt::Debug>(backend: &str, result: Result<T, StoreError>, table: &str, missing: Uuid) {
    match result {
        Err(StoreError::NotFound { object, id }) => assert_eq!((object.as_str(), id), (table, missing), "{backend}"),
        other => panic!("{backend}: expected {table} {missing} not found, got {other:?}"),
    }
}

#[tokio::test]
async fn users_round_trip_and_emails_are_unique() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let bea = add_user(s, "bea@example.com").await;
        let mut al = user("al@example.com");
        al.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into());
        al.must_change_password = true;
        al.is_active = false;
        let row = al.clone();
        write!(s, |c| users::insert_user(c, &row).await).unwrap();

        let (id, email) = (al.id, al.email.clone());
        assert_eq!(read!(s, |c| users::user_by_id(c, id).await), Some(al.clone()), "{name}: by id");
        assert_eq!(read!(s, |c| users::user_by_email(c, &email).await), Some(al.clone()), "{name}: by email");
        assert_eq!(read!(s, |c| users::user_by_email(c, "AL@example.com").await), None, "{name}: exact match");
        assert_eq!(read!(s, |c| users::user_by_id(c, Uuid::now_v7()).await), None, "{name}: unknown id");
        assert_eq!(read!(s, |c| users::list_users(c).await), vec![al.clone(), bea.clone()], "{name}: by email");

        let mut twin = user("bea@example.com");
        twin.display_name = "Another Bea".into();
        let row = twin.clone();
        refused(name, "a taken email", write!(s, |c| users::insert_user(c, &row).await), "email", "duplicate");
        assert_eq!(read!(s, |c| users::list_users(c).await).len(), 2, "{name}: the refused user was not added");
    }
}

#[tokio::test]
async fn updating_a_user_writes_every_column_but_id_and_creation() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let al = add_user(s, "al@example.com").await;
        let bea = add_user(s, "bea@example.com").await;

        let mut changed = UserRow {
            email: "alan@example.com".into(),
            display_name: "Alan".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            is_active: false,
            password_hash: Some("$argon2id$new".into()),
            must_change_password: true,
            created_at: al.created_at - Duration::days(3),
            updated_at: al.updated_at + Duration::minutes(5),
            ..al.clone()
        };
        let row = changed.clone();
        write!(s, |c| users::update_user(c, &row).await).unwrap();
        changed.created_at = al.created_at;
        let id = al.id;
        assert_eq!(read!(s, |c| users::user_by_id(c, id).await), Some(changed.clone()), "{name}: created_at kept");

        // The password can be taken away again.
        let mut cleared = changed.clone();
        cleared.password_hash = None;
        let row = cleared.clone();
        write!(s, |c| users::update_user(c, &row).await).unwrap();
        assert_eq!(read!(s, |c| users::user_by_id(c, id).await), Some(cleared.clone()), "{name}: no password");

        let mut clash = cleared.clone();
        clash.email = bea.email.clone();
        let row = clash.clone();
        refused(name, "a taken email", write!(s, |c| users::update_user(c, &row).await), "email", "duplicate");
        assert_eq!(read!(s, |c| users::user_by_id(c, id).await), Some(cleared), "{name}: unchanged after refusal");

        let ghost = user("ghost@example.com");
        let ghost_id = ghost.id;
        assert_not_found(name, write!(s, |c| users::update_user(c, &ghost).await), "users", ghost_id);
    }
}

/// Users made before migration 4 have no password and need not change one.
#[tokio::test]
async fn users_written_without_the_identity_columns_get_their_defaults() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let id = Uuid::now_v7();
        write!(s, |c| {
            let b = c.backend();
            let bind = |l, cell: Cell| rapport_store::types::bind(b, l, &cell);
            let at = Cell::DateTime(now());
            let insert = sea_query::Query::insert()
                .into_table("users")
                .columns([
                    "id",
                    "email",
                    "display_name",
                    "locale",
                    "time_zone",
                    "is_active",
                    "created_at",
                    "updated_at",
                ])
                .values_panic([
                    bind(Logical::Uuid, Cell::Uuid(id))?,
                    bind(Logical::Text, Cell::Text("old@example.com".into()))?,
                    bind(Logical::Text, Cell::Text("Old".into()))?,
                    bind(Logical::Text, Cell::Text("en".into()))?,
                    bind(Logical::Text, Cell::Text("UTC".into()))?,
                    bind(Logical::Boolean, Cell::Bool(true))?,
                    bind(Logical::DateTime, at.clone())?,
                    bind(Logical::DateTime, at)?,
                ])
                .to_owned();
            c.execute(&insert).await
        })
        .unwrap();
        let old = read!(s, |c| users::user_by_id(c, id).await).unwrap();
        assert_eq!((old.password_hash, old.must_change_password), (None, false), "{name}");
    }
}

#[tokio::test]
async fn a_failed_unit_writes_nothing() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let row = user("half@example.com");
        let result: Result<(), StoreError> = write!(s, |c| {
            users::insert_user(c, &row).await?;
            Err(StoreError::Database("the unit failed after the insert".into()))
        });
        assert!(result.is_err(), "{name}");
        assert!(read!(s, |c| users::list_users(c).await).is_empty(), "{name}: the insert was rolled back");
    }
}

#[tokio::test]
async fn only_active_users_count_as_owners() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let active = add_user(s, "active@example.com").await;
        let mut inactive = user("inactive@example.com");
        inactive.is_active = false;
        let row = inactive.clone();
        write!(s, |c| users::insert_user(c, &row).await).unwrap();
        let unknown = Uuid::now_v7();
        let other = add_user(s, "other@example.com").await;

        let ids = vec![other.id, unknown, inactive.id, active.id, other.id];
        let found = read!(s, |c| users::users_exist_active(c, &ids).await);
        assert_eq!(found, vec![other.id, active.id], "{name}: active ones, in the order asked, once each");
        assert!(read!(s, |c| users::users_exist_active(c, &[]).await).is_empty(), "{name}: none asked");
    }
}

#[tokio::test]
async fn teams_have_unique_names_and_memberships_are_replaced() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let sales = add_team(s, "Sales").await;
        let ops = add_team(s, "Ops").await;
        let board = add_team(s, "Board").await;
        assert_eq!(
            read!(s, |c| users::list_teams(c).await),
            vec![board.clone(), ops.clone(), sales.clone()],
            "{name}: by name"
        );
        let id = sales.id;
        assert_eq!(read!(s, |c| users::team_by_id(c, id).await), Some(sales.clone()), "{name}");
        assert_eq!(read!(s, |c| users::team_by_id(c, Uuid::now_v7()).await), None, "{name}");
        let row = team("Sales");
        refused(name, "a taken team name", write!(s, |c| users::insert_team(c, &row).await), "name", "duplicate");
        assert_eq!(read!(s, |c| users::list_teams(c).await).len(), 3, "{name}: not added");

        let unknown = Uuid::now_v7();
        let ids = vec![unknown, ops.id, sales.id];
        assert_eq!(read!(s, |c| users::teams_exist(c, &ids).await), vec![ops.id, sales.id], "{name}");

        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let sorted = |mut v: Vec<Uuid>| {
            v.sort();
            v
        };
        let (al_id, bea_id) = (al.id, bea.id);
        let teams = vec![sales.id, ops.id, sales.id];
        write!(s, |c| users::set_memberships(c, al_id, &teams).await).unwrap();
        let teams = vec![sales.id];
        write!(s, |c| users::set_memberships(c, bea_id, &teams).await).unwrap();
        assert_eq!(read!(s, |c| users::teams_of(c, al_id).await), sorted(vec![sales.id, ops.id]), "{name}");
        let sales_id = sales.id;
        assert_eq!(read!(s, |c| users::members_of(c, sales_id).await), sorted(vec![al.id, bea.id]), "{name}");

        // Replacing: the old teams go, the new ones come; other users keep theirs.
        let teams = vec![board.id];
        write!(s, |c| users::set_memberships(c, al_id, &teams).await).unwrap();
        assert_eq!(read!(s, |c| users::teams_of(c, al_id).await), vec![board.id], "{name}: replaced");
        assert_eq!(read!(s, |c| users::members_of(c, sales_id).await), vec![bea.id], "{name}: al left sales");

        // An unknown team is refused and changes nothing.
        let teams = vec![ops.id, unknown];
        assert_not_found(name, write!(s, |c| users::set_memberships(c, al_id, &teams).await), "teams", unknown);
        assert_eq!(read!(s, |c| users::teams_of(c, al_id).await), vec![board.id], "{name}: unchanged");
        let ghost = Uuid::now_v7();
        let teams = vec![ops.id];
        assert_not_found(name, write!(s, |c| users::set_memberships(c, ghost, &teams).await), "users", ghost);

        write!(s, |c| users::set_memberships(c, al_id, &[]).await).unwrap();
        assert!(read!(s, |c| users::teams_of(c, al_id).await).is_empty(), "{name}: no teams left");
    }
}

#[tokio::test]
async fn roles_round_trip_upsert_and_have_unique_names() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let viewer = add_role(s, "Viewer").await;
        let admin = add_role(s, "Admin").await;
        assert_eq!(read!(s, |c| users::list_roles(c).await), vec![admin.clone(), viewer.clone()], "{name}: by name");
        let id = viewer.id;
        assert_eq!(read!(s, |c| users::role_by_id(c, id).await), Some(viewer.clone()), "{name}");
        assert_eq!(read!(s, |c| users::role_by_id(c, Uuid::now_v7()).await), None, "{name}");

        // Upsert by id: everything but created_at changes.
        let mut changed = RoleRow {
            name: "Reader".into(),
            standard_key: Some("reader".into()),
            rules: json!({"objects": {"companies": ["read", "update"]}}),
            created_at: viewer.created_at - Duration::days(1),
            updated_at: viewer.updated_at + Duration::hours(1),
            ..viewer.clone()
        };
        let row = changed.clone();
        write!(s, |c| users::upsert_role(c, &row).await).unwrap();
        changed.created_at = viewer.created_at;
        assert_eq!(read!(s, |c| users::role_by_id(c, id).await), Some(changed.clone()), "{name}: updated");
        assert_eq!(read!(s, |c| users::list_roles(c).await).len(), 2, "{name}: no new role");

        let row = role("Admin", None);
        refused(name, "a new role, taken name", write!(s, |c| users::upsert_role(c, &row).await), "name", "duplicate");
        let mut row = changed.clone();
        row.name = "Admin".into();
        refused(
            name,
            "a renamed role, taken name",
            write!(s, |c| users::upsert_role(c, &row).await),
            "name",
            "duplicate",
        );
        let row = role("Another reader", Some("reader"));
        let result = write!(s, |c| users::upsert_role(c, &row).await);
        refused(name, "a taken standard key", result, "standard_key", "duplicate");
        assert_eq!(read!(s, |c| users::role_by_id(c, id).await), Some(changed), "{name}: unchanged after refusals");
        assert_eq!(read!(s, |c| users::list_roles(c).await).len(), 2, "{name}: nothing added");
    }
}

#[tokio::test]
async fn standard_roles_are_inserted_once_and_then_left_alone() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let sales = role("Sales rep", Some("sales_rep"));
        let row = sales.clone();
        assert!(write!(s, |c| users::insert_role_if_missing(c, &row).await).unwrap(), "{name}: inserted");

        // The administrator renamed it; seeding again leaves it as they made it.
        let mut renamed = sales.clone();
        renamed.name = "Account executive".into();
        let row = renamed.clone();
        write!(s, |c| users::upsert_role(c, &row).await).unwrap();
        let row = sales.clone();
        assert!(!write!(s, |c| users::insert_role_if_missing(c, &row).await).unwrap(), "{name}: by key");
        let id = sales.id;
        assert_eq!(read!(s, |c| users::role_by_id(c, id).await), Some(renamed), "{name}: kept as changed");

        // Without a standard key, the name decides.
        let custom = role("Interns", None);
        let row = custom.clone();
        assert!(write!(s, |c| users::insert_role_if_missing(c, &row).await).unwrap(), "{name}");
        let row = role("Interns", None);
        assert!(!write!(s, |c| users::insert_role_if_missing(c, &row).await).unwrap(), "{name}: by name");

        // A standard role whose name a custom role took is refused, not dropped.
        let row = role("Interns", Some("interns"));
        let result = write!(s, |c| users::insert_role_if_missing(c, &row).await);
        refused(name, "a standard role with a taken name", result, "name", "duplicate");
        assert_eq!(read!(s, |c| users::list_roles(c).await).len(), 2, "{name}: two roles");
    }
}

#[tokio::test]
async fn user_roles_are_replaced_and_go_with_their_role() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let (viewer, editor, admin) =
            (add_role(s, "Viewer").await, add_role(s, "Editor").await, add_role(s, "Admin").await);
        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let (al_id, bea_id) = (al.id, bea.id);

        let ids = vec![viewer.id, editor.id, viewer.id];
        write!(s, |c| users::set_user_roles(c, al_id, &ids).await).unwrap();
        let ids = vec![editor.id];
        write!(s, |c| users::set_user_roles(c, bea_id, &ids).await).unwrap();
        assert_eq!(read!(s, |c| users::roles_of(c, al_id).await), vec![editor.clone(), viewer.clone()], "{name}");

        let ids = vec![admin.id];
        write!(s, |c| users::set_user_roles(c, al_id, &ids).await).unwrap();
        assert_eq!(read!(s, |c| users::roles_of(c, al_id).await), vec![admin.clone()], "{name}: replaced");
        assert_eq!(read!(s, |c| users::roles_of(c, bea_id).await), vec![editor.clone()], "{name}: others kept");

        let unknown = Uuid::now_v7();
        let ids = vec![viewer.id, unknown];
        assert_not_found(name, write!(s, |c| users::set_user_roles(c, al_id, &ids).await), "roles", unknown);
        assert_eq!(read!(s, |c| users::roles_of(c, al_id).await), vec![admin.clone()], "{name}: unchanged");

        // Deleting a role takes it from its holders.
        let editor_id = editor.id;
        assert!(write!(s, |c| users::delete_role(c, editor_id).await).unwrap(), "{name}: deleted");
        assert!(read!(s, |c| users::roles_of(c, bea_id).await).is_empty(), "{name}: bea lost it");
        assert_eq!(read!(s, |c| users::role_by_id(c, editor_id).await), None, "{name}");
        assert!(!write!(s, |c| users::delete_role(c, editor_id).await).unwrap(), "{name}: already gone");
        assert_eq!(read!(s, |c| users::list_roles(c).await), vec![admin, viewer], "{name}: the others stay");

        write!(s, |c| users::set_user_roles(c, al_id, &[]).await).unwrap();
        assert!(read!(s, |c| users::roles_of(c, al_id).await).is_empty(), "{name}: none left");
    }
}

fn session(user_id: Uuid, last_seen_at: OffsetDateTime, expires_at: OffsetDateTime) -> SessionRow {
    SessionRow {
        id_hash: format!("{:064x}", Uuid::now_v7().as_u128()),
        user_id,
        csrf_token: Uuid::now_v7().simple().to_string(),
        created_at: last_seen_at - Duration::minutes(1),
        last_seen_at,
        expires_at,
        address: Some("203.0.113.7".into()),
        user_agent: None,
    }
}

async fn add_session(store: &Store, row: &SessionRow) {
    let row = row.clone();
    write!(store, |c| credentials::insert_session(c, &row).await).unwrap();
}

async fn session_by(store: &Store, hash: &str) -> Option<SessionRow> {
    let hash = hash.to_owned();
    read!(store, |c| credentials::session_by_hash(c, &hash).await)
}

async fn token_by(store: &Store, hash: &str) -> Option<TokenRow> {
    let hash = hash.to_owned();
    read!(store, |c| credentials::token_by_hash(c, &hash).await)
}

/// The sessions among `rows` that are still there.
async fn session_hashes(store: &Store, rows: &[&SessionRow]) -> Vec<String> {
    let mut out = Vec::new();
    for row in rows {
        if session_by(store, &row.id_hash).await.is_some() {
            out.push(row.id_hash.clone());
        }
    }
    out
}

#[tokio::test]
async fn sessions_round_trip_and_end() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let t = now();
        let mut one = session(al.id, t, t + Duration::hours(12));
        one.user_agent = Some("Firefox".into());
        let (two, three) = (session(al.id, t, t + Duration::hours(12)), session(bea.id, t, t + Duration::hours(12)));
        for row in [&one, &two, &three] {
            add_session(s, row).await;
        }
        let hash = one.id_hash.clone();
        assert_eq!(session_by(s, &hash).await, Some(one.clone()), "{name}");
        assert_eq!(read!(s, |c| credentials::session_by_hash(c, "nope").await), None, "{name}");

        let later = t + Duration::minutes(7);
        let h = hash.clone();
        write!(s, |c| credentials::touch_session(c, &h, later).await).unwrap();
        let touched = session_by(s, &hash).await.unwrap();
        assert_eq!(touched, SessionRow { last_seen_at: later, ..one.clone() }, "{name}: only last_seen_at moved");

        let h = hash.clone();
        assert!(write!(s, |c| credentials::delete_session(c, &h).await).unwrap(), "{name}: signed out");
        assert!(!write!(s, |c| credentials::delete_session(c, &hash).await).unwrap(), "{name}: already gone");
        let al_id = al.id;
        assert_eq!(write!(s, |c| credentials::delete_sessions_of(c, al_id).await).unwrap(), 1, "{name}: two left");
        assert_eq!(session_hashes(s, &[&one, &two, &three]).await, vec![three.id_hash.clone()], "{name}: bea's stays");
    }
}

#[tokio::test]
async fn expired_sessions_are_removed_at_the_cut_off() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let al = add_user(s, "al@example.com").await;
        let now = now();
        let cutoff = now - Duration::minutes(30);
        let idle = session(al.id, cutoff - Duration::microseconds(1), now + Duration::hours(1));
        let at_cutoff = session(al.id, cutoff, now + Duration::hours(1));
        let ended = session(al.id, now, now);
        let live = session(al.id, now, now + Duration::microseconds(1));
        for row in [&idle, &at_cutoff, &ended, &live] {
            add_session(s, row).await;
        }
        let removed = write!(s, |c| credentials::delete_expired_sessions(c, cutoff, now).await).unwrap();
        assert_eq!(removed, 2, "{name}: the idle one and the one at its end");
        assert_eq!(
            session_hashes(s, &[&idle, &at_cutoff, &ended, &live]).await,
            vec![at_cutoff.id_hash.clone(), live.id_hash.clone()],
            "{name}"
        );
    }
}

fn token(user_id: Uuid, name: &str, created_at: OffsetDateTime) -> TokenRow {
    TokenRow {
        id: Uuid::now_v7(),
        user_id,
        name: name.into(),
        hash: format!("{:064x}", Uuid::now_v7().as_u128()),
        read_only: false,
        created_at,
        expires_at: None,
        revoked_at: None,
        last_used_at: None,
    }
}

#[tokio::test]
async fn tokens_round_trip_and_are_revoked_once_by_their_user() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let t = now();
        let mut old = token(al.id, "CI", t - Duration::days(2));
        old.read_only = true;
        old.expires_at = Some(t + Duration::days(90));
        let new = token(al.id, "laptop", t);
        let theirs = token(bea.id, "script", t);
        for row in [&old, &new, &theirs] {
            let row = row.clone();
            write!(s, |c| credentials::insert_token(c, &row).await).unwrap();
        }
        let (al_id, bea_id) = (al.id, bea.id);
        assert_eq!(read!(s, |c| credentials::tokens_of(c, al_id).await), vec![new.clone(), old.clone()], "{name}");
        let hash = old.hash.clone();
        assert_eq!(token_by(s, &hash).await, Some(old.clone()), "{name}");
        assert_eq!(read!(s, |c| credentials::token_by_hash(c, "nope").await), None, "{name}");

        let used = t + Duration::seconds(3);
        let old_id = old.id;
        write!(s, |c| credentials::touch_token(c, old_id, used).await).unwrap();
        let got = token_by(s, &hash).await.unwrap();
        assert_eq!(got.last_used_at, Some(used), "{name}");

        // Another user cannot revoke it; its user can, once.
        let first = t + Duration::minutes(1);
        assert!(!write!(s, |c| credentials::revoke_token(c, old_id, Some(bea_id), first).await).unwrap(), "{name}");
        assert_eq!(token_by(s, &hash).await.unwrap().revoked_at, None, "{name}");
        assert!(write!(s, |c| credentials::revoke_token(c, old_id, Some(al_id), first).await).unwrap(), "{name}");
        let second = t + Duration::minutes(2);
        assert!(!write!(s, |c| credentials::revoke_token(c, old_id, None, second).await).unwrap(), "{name}: once");
        let revoked = token_by(s, &hash).await.unwrap();
        assert_eq!(revoked, TokenRow { revoked_at: Some(first), last_used_at: Some(used), ..old }, "{name}");

        // Without a user (an administrator), any user's token.
        let theirs_id = theirs.id;
        assert!(write!(s, |c| credentials::revoke_token(c, theirs_id, None, second).await).unwrap(), "{name}");
        let new_hash = new.hash.clone();
        assert_eq!(token_by(s, &new_hash).await, Some(new), "{name}: untouched");
    }
}

async fn record(store: &Store, kind: &'static str, subject: Option<&'static str>, address: Option<&'static str>) {
    let event = NewEvent { actor_id: None, kind, subject, address, detail: None };
    write!(store, |c| events::record(c, &event).await).unwrap();
}

#[tokio::test]
async fn events_are_counted_by_kind_subject_address_and_time() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let start = now();
        record(s, "login_failed", Some("al@example.com"), Some("203.0.113.7")).await;
        record(s, "login_failed", Some("al@example.com"), Some("198.51.100.2")).await;
        record(s, "login_failed", Some("bea@example.com"), Some("203.0.113.7")).await;
        record(s, "login_succeeded", Some("al@example.com"), Some("203.0.113.7")).await;
        record(s, "login_failed", None, None).await;

        let count = |kind: &'static str, subject: Option<&'static str>, address: Option<&'static str>, since| {
            s.system_read(move |c| Box::pin(async move { events::count_since(c, kind, subject, address, since).await }))
        };
        let al = Some("al@example.com");
        let here = Some("203.0.113.7");
        assert_eq!(count("login_failed", None, None, start).await.unwrap(), 4, "{name}: the kind");
        assert_eq!(count("login_failed", al, None, start).await.unwrap(), 2, "{name}: the subject");
        assert_eq!(count("login_failed", None, here, start).await.unwrap(), 2, "{name}: the address");
        assert_eq!(count("login_failed", al, here, start).await.unwrap(), 1, "{name}: both");
        assert_eq!(count("login_succeeded", al, here, start).await.unwrap(), 1, "{name}: another kind");
        assert_eq!(count("password_changed", None, None, start).await.unwrap(), 0, "{name}: no such events");

        // The time: `since` is inclusive, and later events only are counted.
        let all = read!(s, |c| events::of_subject(c, "al@example.com", 10).await);
        let (newest, oldest) = (all[0].at, all[all.len() - 1].at);
        assert!(oldest >= start, "{name}: dated when recorded");
        assert_eq!(count("login_failed", al, None, oldest).await.unwrap(), 2, "{name}: from the first");
        assert_eq!(count("login_succeeded", al, None, newest).await.unwrap(), 1, "{name}: at the moment");
        let after = newest + Duration::microseconds(1);
        assert_eq!(count("login_succeeded", al, None, after).await.unwrap(), 0, "{name}: none after");
    }
}

#[tokio::test]
async fn events_read_back_newest_first() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let al = add_user(s, "al@example.com").await;
        let actor = al.id;
        for kind in ["login_succeeded", "token_created", "password_changed"] {
            write!(s, |c| {
                let detail = Some(json!({"kind": kind, "nested": [1, 2]}));
                let event =
                    NewEvent { actor_id: Some(actor), kind, subject: Some("al@example.com"), address: None, detail };
                events::record(c, &event).await
            })
            .unwrap();
        }
        record(s, "login_failed", Some("al@example.com"), Some("203.0.113.7")).await;
        record(s, "login_failed", Some("bea@example.com"), None).await;

        let mine = read!(s, |c| events::of_actor(c, actor, 10).await);
        let kinds: Vec<&str> = mine.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, vec!["password_changed", "token_created", "login_succeeded"], "{name}: newest first");
        assert!(mine.windows(2).all(|w| w[0].seq > w[1].seq && w[0].at >= w[1].at), "{name}: {mine:?}");
        let first = &mine[2];
        assert_eq!(first.actor_id, Some(actor), "{name}");
        assert_eq!(first.subject.as_deref(), Some("al@example.com"), "{name}");
        assert_eq!(first.address, None, "{name}");
        assert_eq!(first.detail, Some(json!({"kind": "login_succeeded", "nested": [1, 2]})), "{name}");

        let limited = read!(s, |c| events::of_actor(c, actor, 2).await);
        assert_eq!(limited, mine[..2].to_vec(), "{name}: the newest two");

        let about_al = read!(s, |c| events::of_subject(c, "al@example.com", 10).await);
        let kinds: Vec<&str> = about_al.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, vec!["login_failed", "password_changed", "token_created", "login_succeeded"], "{name}");
        assert_eq!(about_al[0].actor_id, None, "{name}: an anonymous attempt");
        assert_eq!(about_al[0].address.as_deref(), Some("203.0.113.7"), "{name}");
        assert_eq!(about_al[0].detail, None, "{name}");
        assert!(read!(s, |c| events::of_subject(c, "nobody", 10).await).is_empty(), "{name}");
    }
}
