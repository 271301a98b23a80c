//! Saved list views and recently viewed records, on every database: who sees and who
//! changes a view, how a bad view is refused, and that the recently viewed list only
//! ever holds what its user may read now.

use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use rapport_domain::views::RECENT_PER_USER;
use rapport_domain::{Crm, DomainError, SavedView, TokenRequest, ViewInput};
use serde_json::json;
use uuid::Uuid;

use crate::access::{add_user, obj};
use crate::demo::config;

fn system() -> Actor {
    Actor::system()
}

fn people(name: &str) -> ViewInput {
    ViewInput { object: "people".into(), name: name.into(), ..ViewInput::default() }
}

/// `(field, code)` of each field error of a refused call.
#[track_caller]
fn refusals<T: std::fmt::Debug>(at: &str, result: Result<T, DomainError>) -> Vec<(String, String)> {
    match result {
        Err(DomainError::Store(e)) if !e.field_errors().is_empty() => {
            e.field_errors().iter().map(|f| (f.field.clone(), f.reason.code().to_owned())).collect()
        }
        other => panic!("{at}: expected a validation error, got {other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect()
}

#[track_caller]
fn code<T: std::fmt::Debug>(result: Result<T, DomainError>) -> &'static str {
    match result {
        Err(e) => e.code(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn names(views: &[SavedView]) -> Vec<(&str, Uuid)> {
    views.iter().map(|v| (v.name.as_str(), v.owner_id)).collect()
}

struct Users {
    crm: Crm,
    rep: (Uuid, Actor),
    mate: (Uuid, Actor),
    admin: (Uuid, Actor),
}

async fn users(crm: Crm) -> Users {
    crm.create_team(&system(), "North").await.unwrap();
    crm.create_team(&system(), "South").await.unwrap();
    let mut made = Vec::new();
    for (email, role) in
        [("rep@views.test", "sales_rep"), ("mate@views.test", "sales_rep"), ("boss@views.test", "administrator")]
    {
        let id = add_user(&crm, email, role, "North").await;
        made.push((id, crm.actor_for(id).await.unwrap()));
    }
    let mut made = made.into_iter();
    let mut next = || made.next().unwrap();
    Users { rep: next(), mate: next(), admin: next(), crm }
}

#[tokio::test]
async fn views_are_their_owners_and_shared_ones_are_seen_but_not_changed_by_others() {
    for db in each_database().await {
        let at = db.name();
        let Users { crm, rep: (rep_id, rep), mate: (mate_id, mate), admin: (_, admin) } =
            users(Crm::open(&config(&db)).await.unwrap()).await;

        let input = ViewInput {
            filter: " occupation[contains]:engineer ".into(),
            sort: "name[asc],created_at[desc]".into(),
            columns: "name, emails,owner, name".into(),
            q: " Αθήνα ".into(),
            ..people("  Engineers  ")
        };
        let mine = crm.save_view(&rep, None, input).await.unwrap();
        assert_eq!(
            (mine.name.as_str(), mine.object.as_str(), mine.owner_id, mine.shared, mine.editable),
            ("Engineers", "people", rep_id, false, true),
            "{at}: trimmed, the actor's own"
        );
        assert_eq!(
            (mine.filter.as_str(), mine.sort.as_str(), mine.q.as_str()),
            ("occupation[contains]:engineer", "name[asc],created_at[desc]", "Αθήνα"),
            "{at}"
        );
        assert_eq!(mine.columns, ["name", "emails", "owner"], "{at}: columns trimmed, each once");
        let board = crm.save_view(&rep, None, ViewInput { shared: true, ..people("beta board") }).await.unwrap();
        let theirs = crm.save_view(&mate, None, people("Alpha")).await.unwrap();
        let same_name = crm.save_view(&mate, None, people("beta board")).await.unwrap();

        // By folded name (not byte order), the actor's own first where names are equal.
        let seen = crm.saved_views(&rep, "people").await.unwrap();
        assert_eq!(names(&seen), [("beta board", rep_id), ("Engineers", rep_id)], "{at}: the rep's");
        assert_eq!(seen[0], board, "{at}: as saved");
        let seen = crm.saved_views(&mate, "people").await.unwrap();
        assert_eq!(
            names(&seen),
            [("Alpha", mate_id), ("beta board", mate_id), ("beta board", rep_id)],
            "{at}: the mate's and the shared one"
        );
        assert_eq!((seen[2].editable, seen[1].editable), (false, true), "{at}");
        assert_eq!(names(&crm.saved_views(&mate, "companies").await.unwrap()), [], "{at}: per object");
        // Views belong to users: the system actor has none of its own.
        assert_eq!(names(&crm.saved_views(&system(), "people").await.unwrap()), [("beta board", rep_id)], "{at}");
        assert_eq!(code(crm.save_view(&system(), None, people("Jobs")).await), "forbidden", "{at}");

        // Others may not change or delete a view: a shared one is forbidden, a
        // private one does not exist for them.
        let rename = people("Taken over");
        assert_eq!(code(crm.save_view(&mate, Some(board.id), rename.clone()).await), "forbidden", "{at}");
        assert_eq!(code(crm.delete_view(&mate, board.id).await), "forbidden", "{at}");
        assert_eq!(code(crm.save_view(&mate, Some(mine.id), rename.clone()).await), "not_found", "{at}");
        assert_eq!(code(crm.delete_view(&mate, mine.id).await), "not_found", "{at}");
        assert_eq!(crm.saved_views(&rep, "people").await.unwrap()[0], board, "{at}: unchanged");

        // An administrator may; the view stays its owner's.
        let renamed = crm.save_view(&admin, Some(board.id), ViewInput { shared: true, ..rename }).await.unwrap();
        assert_eq!(
            (renamed.name.as_str(), renamed.owner_id, renamed.created_at),
            ("Taken over", rep_id, board.created_at)
        );
        assert!(renamed.updated_at >= board.updated_at, "{at}");

        // The owner changes everything but the object.
        let changed = ViewInput { shared: true, filter: String::new(), columns: String::new(), ..people("Engineers") };
        let updated = crm.save_view(&rep, Some(mine.id), changed).await.unwrap();
        assert_eq!((updated.shared, updated.filter.as_str(), updated.columns.len()), (true, "", 0), "{at}");
        assert_eq!((updated.id, updated.created_at), (mine.id, mine.created_at), "{at}");
        let moved = ViewInput { object: "companies".into(), ..people("Engineers") };
        assert_eq!(refusals(at, crm.save_view(&rep, Some(mine.id), moved).await), pairs(&[("object", "read_only")]));

        // A read-only token changes no view, not even its owner's.
        let token = TokenRequest { name: "report".into(), read_only: true, ..TokenRequest::default() };
        let token = crm.create_token(&rep, rep_id, token).await.unwrap();
        let reader = crm.authenticate_token(&token.secret).await.unwrap().actor;
        assert_eq!(code(crm.save_view(&reader, None, people("Via token")).await), "forbidden", "{at}");
        assert_eq!(code(crm.save_view(&reader, Some(mine.id), people("Via token")).await), "forbidden", "{at}");
        assert_eq!(code(crm.delete_view(&reader, mine.id).await), "forbidden", "{at}");
        assert!(crm.saved_views(&reader, "people").await.unwrap().iter().all(|v| !v.editable), "{at}");

        // An object the actor may not read: neither its views nor a new one.
        let agent = add_user(&crm, "agent@views.test", "service_agent", "North").await;
        let agent = crm.actor_for(agent).await.unwrap();
        let deals = ViewInput { object: "opportunities".into(), ..people("Deals") };
        assert_eq!(code(crm.saved_views(&agent, "opportunities").await), "forbidden", "{at}");
        assert_eq!(code(crm.save_view(&agent, None, deals).await), "forbidden", "{at}");
        assert_eq!(code(crm.saved_views(&agent, "gadgets").await), "unknown_object", "{at}");

        crm.delete_view(&rep, mine.id).await.unwrap();
        crm.delete_view(&mate, same_name.id).await.unwrap();
        crm.delete_view(&admin, theirs.id).await.unwrap();
        assert_eq!(code(crm.delete_view(&rep, mine.id).await), "not_found", "{at}: twice");
        assert_eq!(names(&crm.saved_views(&mate, "people").await.unwrap()), [("Taken over", rep_id)], "{at}");
    }
}

#[tokio::test]
async fn bad_views_are_refused_naming_each_field_and_change_nothing() {
    for db in each_database().await {
        let at = db.name();
        let Users { crm, rep: (_, rep), admin: (admin_id, admin), .. } =
            users(Crm::open(&config(&db)).await.unwrap()).await;
        let everything_wrong = ViewInput {
            name: "   ".into(),
            filter: "occupation[eq]:x,".into(),
            sort: "name[up]".into(),
            columns: "name,shoe_size".into(),
            q: "q".repeat(501),
            ..people("")
        };
        assert_eq!(
            refusals(at, crm.save_view(&rep, None, everything_wrong).await),
            pairs(&[
                ("name", "required"),
                ("filter", "malformed"),
                ("sort", "malformed"),
                ("columns", "unknown_option"),
                ("q", "too_long"),
            ]),
            "{at}"
        );
        let typo = ViewInput { filter: "occupation[eq]:x,".into(), ..people("a") };
        let message = crm.save_view(&rep, None, typo).await.unwrap_err().to_string();
        assert!(message.contains("`filter`") && message.contains("(at character "), "{at}: says where: {message}");
        let cases = [
            (people(&"n".repeat(101)), ("name", "too_long")),
            // As many search words as a list takes, and no more (issue 19).
            (ViewInput { q: vec!["w"; 21].join(" "), ..people("a") }, ("q", "too_many")),
            // Checked as a list applies it: fields, operators and values.
            (ViewInput { filter: "shoe_size[eq]:42".into(), ..people("a") }, ("filter", "malformed")),
            (ViewInput { filter: "created_at[gt]:yesterday".into(), ..people("a") }, ("filter", "malformed")),
            (ViewInput { filter: "emails[gt]:a".into(), ..people("a") }, ("filter", "malformed")),
            (ViewInput { filter: "x".repeat(10_001), ..people("a") }, ("filter", "too_long")),
            // Sorted only by fields with an index.
            (ViewInput { sort: "occupation".into(), ..people("a") }, ("sort", "malformed")),
            (ViewInput { sort: "a,b,c,d".into(), ..people("a") }, ("sort", "malformed")),
            (ViewInput { columns: "name,,Name".into(), ..people("a") }, ("columns", "unknown_option")),
        ];
        for (input, expected) in cases {
            let what = format!("{at}: {input:?}");
            assert_eq!(refusals(&what, crm.save_view(&rep, None, input).await), pairs(&[expected]), "{what}");
        }
        // A field hidden from the saver cannot be filtered by or shown; one the saver
        // sees can, and a reader who may not see it does not get it as a column.
        let reader = add_user(&crm, "reader@views.test", "read_only", "North").await;
        let reader = crm.actor_for(reader).await.unwrap();
        let private = ViewInput { filter: "family_notes[contains]:x".into(), ..people("Family") };
        assert_eq!(
            refusals(at, crm.save_view(&reader, None, private.clone()).await),
            pairs(&[("filter", "malformed")])
        );
        let shown = ViewInput { columns: "name,family_notes".into(), shared: true, ..people("Family") };
        assert_eq!(
            refusals(at, crm.save_view(&reader, None, shown.clone()).await),
            pairs(&[("columns", "unknown_option")])
        );
        assert!(crm.saved_views(&rep, "people").await.unwrap().is_empty(), "{at}: nothing was saved");
        assert!(crm.saved_views(&reader, "people").await.unwrap().is_empty(), "{at}: nothing was saved");
        let family = crm.save_view(&admin, None, shown).await.unwrap();
        assert_eq!(family.columns, ["name", "family_notes"], "{at}");
        let seen = crm.saved_views(&reader, "people").await.unwrap();
        assert_eq!(
            (seen.len(), seen[0].columns.clone()),
            (1, vec!["name".to_owned()]),
            "{at}: the hidden column left out"
        );

        // A name is its owner's once per object.
        let open = crm.save_view(&rep, None, people("Open")).await.unwrap();
        let again = crm.save_view(&rep, None, ViewInput { shared: true, ..people(" Open ") }).await;
        assert_eq!(refusals(at, again), pairs(&[("name", "name_taken")]), "{at}");
        let other = crm.save_view(&rep, None, people("Closed")).await.unwrap();
        let clash = crm.save_view(&rep, Some(other.id), people("Open")).await;
        assert_eq!(refusals(at, clash), pairs(&[("name", "name_taken")]), "{at}: renamed onto it");
        crm.save_view(&rep, None, ViewInput { object: "companies".into(), ..people("Open") }).await.unwrap();
        crm.save_view(&admin, None, people("Open")).await.unwrap();
        let listed = crm.saved_views(&rep, "people").await.unwrap();
        let expected = [("Closed", other.owner_id), ("Family", admin_id), ("Open", open.owner_id)];
        assert_eq!(names(&listed), expected, "{at}: unchanged, with the shared one");
        assert_eq!(listed[2], open, "{at}");
        // An administrator renaming the rep's view is held to the rep's names.
        let held = crm.save_view(&admin, Some(other.id), people("Open")).await;
        assert_eq!(refusals(at, held), pairs(&[("name", "name_taken")]), "{at}");
    }
}

#[tokio::test]
async fn recently_viewed_records_are_the_newest_the_user_may_still_read() {
    for db in each_database().await {
        let at = db.name();
        let Users { crm, rep: (rep_id, rep), mate: (mate_id, _), .. } =
            users(Crm::open(&config(&db)).await.unwrap()).await;
        let north = crm.teams(&system()).await.unwrap().into_iter().find(|t| t.name == "North").unwrap().id;
        let make = |object: &'static str, input: serde_json::Value, owner: Uuid| {
            let crm = crm.clone();
            let mut input = input;
            input["owner"] = json!(owner);
            input["team"] = json!(north);
            async move { crm.create(&system(), object, &obj(input)).await.unwrap().id }
        };
        let person = |last: &str| json!({"name": {"first": "Pat", "last": last}});
        let p1 = make("people", person("One"), mate_id).await;
        let p2 = make("people", person("Two"), mate_id).await;
        let own = make("people", person("Own"), rep_id).await;
        let c1 = make("companies", json!({"name": "Acme"}), mate_id).await;
        for (object, id) in [("people", p1), ("companies", c1), ("people", p2), ("people", own), ("people", p1)] {
            crm.record_view(&rep, object, id).await.unwrap();
        }
        let recent = |actor: Actor, limit: usize| {
            let crm = crm.clone();
            async move {
                let got = crm.recent_records(&actor, limit).await.unwrap();
                got.into_iter().map(|(object, r)| (object, r.id)).collect::<Vec<_>>()
            }
        };
        let listed = |items: &[(&str, Uuid)]| items.iter().map(|(o, id)| ((*o).to_owned(), *id)).collect::<Vec<_>>();
        assert_eq!(
            recent(rep.clone(), 10).await,
            listed(&[("people", p1), ("people", own), ("people", p2), ("companies", c1)]),
            "{at}: newest first, each once"
        );
        assert_eq!(recent(rep.clone(), 2).await, listed(&[("people", p1), ("people", own)]), "{at}: the limit");
        assert_eq!(recent(rep.clone(), 0).await, listed(&[]), "{at}");

        // Deleted records drop out.
        crm.delete(&system(), "people", p2, None).await.unwrap();
        assert_eq!(
            recent(rep.clone(), 10).await,
            listed(&[("people", p1), ("people", own), ("companies", c1)]),
            "{at}: deleted"
        );

        // Moved to another team, the rep no longer reads North's records: only their own.
        crm.set_user_teams(&system(), rep_id, &["South".to_owned()]).await.unwrap();
        let moved = crm.actor_for(rep_id).await.unwrap();
        assert_eq!(recent(moved.clone(), 10).await, listed(&[("people", own)]), "{at}: after the move");
        crm.set_user_teams(&system(), rep_id, &["North".to_owned()]).await.unwrap();
        assert_eq!(recent(rep.clone(), 1).await, listed(&[("people", p1)]), "{at}: back in North");

        // Nobody else's list, and none for the system actor or through a read-only token.
        let mate = crm.actor_for(mate_id).await.unwrap();
        assert_eq!(recent(mate, 10).await, listed(&[]), "{at}: per user");
        crm.record_view(&system(), "people", p1).await.unwrap();
        assert_eq!(recent(system(), 10).await, listed(&[]), "{at}");
        let token = TokenRequest { name: "report".into(), read_only: true, ..TokenRequest::default() };
        let token = crm.create_token(&rep, rep_id, token).await.unwrap();
        let reader = crm.authenticate_token(&token.secret).await.unwrap().actor;
        crm.record_view(&reader, "companies", c1).await.unwrap();
        assert_eq!(recent(reader, 1).await, listed(&[("people", p1)]), "{at}: the token noted nothing");

        // An object out of reach is refused; a service agent reads no deals.
        let agent = add_user(&crm, "agent@views.test", "service_agent", "North").await;
        let agent = crm.actor_for(agent).await.unwrap();
        assert_eq!(code(crm.record_view(&agent, "opportunities", Uuid::now_v7()).await), "forbidden", "{at}");

        // Only the newest are kept.
        let kept = usize::try_from(RECENT_PER_USER).unwrap();
        let inputs: Vec<_> = (0..kept + 3)
            .map(|i| obj(json!({"name": format!("Company {i}"), "owner": mate_id, "team": north})))
            .collect();
        let companies = crm.create_many(&system(), "companies", &inputs).await.unwrap();
        for company in &companies {
            crm.record_view(&rep, "companies", company.id).await.unwrap();
        }
        let newest: Vec<(String, Uuid)> =
            companies.iter().rev().take(kept).map(|c| ("companies".to_owned(), c.id)).collect();
        assert_eq!(recent(rep.clone(), 1000).await, newest, "{at}: the newest {kept}");
    }
}

/// Issue 19: a view an administrator shares whose filter or sort names a field hidden
/// from a reader is not offered to that reader (its text would show the field and
/// the value compared with it); views naming only fields the reader sees are.
#[tokio::test]
async fn a_shared_view_naming_a_hidden_field_is_not_offered_to_whom_it_is_hidden() {
    for db in each_database().await {
        let at = db.name();
        let Users { crm, admin: (admin_id, admin), .. } = users(Crm::open(&config(&db)).await.unwrap()).await;
        let companies = |name: &str, filter: &str, sort: &str| ViewInput {
            object: "companies".into(),
            name: name.into(),
            shared: true,
            filter: filter.into(),
            sort: sort.into(),
            columns: "name,tax_id".into(),
            ..ViewInput::default()
        };
        for input in [
            companies("By tax id", "tax_id[eq]:EL094019245", ""),
            companies("Nested", "and(name[startswith]:A,not(tax_id[is]:null))", ""),
            companies("Sorted by revenue", "", "annual_revenue[desc]"),
            companies("Plain", "name[startswith]:A", "name[asc]"),
        ] {
            crm.save_view(&admin, None, input).await.unwrap();
        }
        // A service agent sees neither the tax id nor the annual revenue.
        let agent = add_user(&crm, "agent@views.test", "service_agent", "North").await;
        let agent = crm.actor_for(agent).await.unwrap();
        let seen = crm.saved_views(&agent, "companies").await.unwrap();
        assert_eq!(names(&seen), [("Plain", admin_id)], "{at}");
        assert_eq!(seen[0].columns, ["name"], "{at}: the hidden column is left out");
        let text = serde_json::to_string(&seen).unwrap();
        assert!(!text.contains("tax_id") && !text.contains("EL094019245"), "{at}: {text}");
        assert!(!text.contains("annual_revenue"), "{at}: {text}");
        // The administrator, who sees the field, keeps all four.
        assert_eq!(crm.saved_views(&admin, "companies").await.unwrap().len(), 4, "{at}");
    }
}
