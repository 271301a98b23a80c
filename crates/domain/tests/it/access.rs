//! The permission matrix (issue 4): for every standard role × standard object ×
//! action × ownership (own, team, other), the outcome through get, list, count,
//! search, export, edit, delete and create is the role's rule — on every database.
//! The expected outcome comes from an oracle written here from the definition of
//! reach (not from the code under test), and a few spot checks pin the standard
//! roles themselves.

use std::collections::BTreeSet;

use rapport_domain::files::NewFile;
use rapport_domain::model::access::Reach;
use rapport_domain::model::filter::parse;
use rapport_domain::model::roles::standard_roles;
use rapport_domain::model::{Action, Actor, FieldAccess};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DomainError, ListQuery, NewUser};
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use crate::demo::config;

/// Whose a record is, seen from the acting user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Owned by the actor (and put in a team the actor is not in).
    Own,
    /// Owned by a team mate, in the actor's team.
    Team,
    /// Owned by someone of another team.
    Other,
}

const OWNERSHIPS: [Ownership; 3] = [Ownership::Own, Ownership::Team, Ownership::Other];

/// The oracle: what a reach lets an actor do to a record of an ownership.
fn allowed(reach: Reach, ownership: Ownership) -> bool {
    match reach {
        Reach::All => true,
        Reach::Team => ownership != Ownership::Other,
        Reach::Own => ownership == Ownership::Own,
        Reach::None => false,
    }
}

pub const PASSWORD: &str = "correct-violet-stapler-engine";

/// Users of every standard role in team North, a team mate (North) and an outsider
/// (South), with the records every object needs to point at.
pub struct World {
    pub crm: Crm,
    /// (role key, user id, actor)
    pub users: Vec<(String, Uuid, Actor)>,
    pub mate: Uuid,
    pub outsider: Uuid,
    pub north: Uuid,
    pub south: Uuid,
    refs: Refs,
}

struct Refs {
    company: Uuid,
    person: Uuid,
    pipeline: Uuid,
    stage: Uuid,
}

pub fn obj(j: Json) -> Map<String, Json> {
    j.as_object().cloned().unwrap_or_default()
}

pub async fn add_user(crm: &Crm, email: &str, role: &str, team: &str) -> Uuid {
    let new = NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        roles: vec![role.into()],
        teams: if team.is_empty() { Vec::new() } else { vec![team.into()] },
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    crm.add_user(&Actor::system(), new).await.unwrap().0.id
}

impl World {
    pub async fn new(crm: Crm) -> World {
        let system = Actor::system();
        let north = crm.create_team(&system, "North").await.unwrap().id;
        let south = crm.create_team(&system, "South").await.unwrap().id;
        let mut users = Vec::new();
        for role in standard_roles() {
            let id = add_user(&crm, &format!("{}@matrix.test", role.key), role.key, "North").await;
            users.push((role.key.to_owned(), id, crm.actor_for(id).await.unwrap()));
        }
        let mate = add_user(&crm, "mate@matrix.test", "sales_rep", "North").await;
        let outsider = add_user(&crm, "outsider@matrix.test", "sales_rep", "South").await;
        // What the samples point at belongs to the team mate in North: readable by every
        // standard role of North that reads the object (a relation to a record one
        // may not read is refused as unknown).
        let make = |object: &'static str, mut input: Json| {
            let crm = crm.clone();
            input["owner"] = json!(mate);
            input["team"] = json!(north);
            async move { crm.create(&Actor::system(), object, &obj(input)).await.unwrap().id }
        };
        let company = make("companies", json!({"name": "Reference company"})).await;
        let person = make("people", json!({"name": {"first": "Ref", "last": "Person"}})).await;
        let pipeline = make("pipelines", json!({"name": "Reference pipeline"})).await;
        let stage = make("stages", json!({"pipeline": pipeline, "name": "Open", "kind": "open"})).await;
        World { crm, users, mate, outsider, north, south, refs: Refs { company, person, pipeline, stage } }
    }

    /// The owner and team a record of `ownership` gets, for acting user `user`.
    pub fn owner_of(&self, user: Uuid, ownership: Ownership) -> (Uuid, Uuid) {
        match ownership {
            Ownership::Own => (user, self.south),
            Ownership::Team => (self.mate, self.north),
            Ownership::Other => (self.outsider, self.south),
        }
    }

    /// A valid new record of `object`, with `token` in its label (searchable where
    /// the object has search).
    fn sample(&self, object: &str, token: &str) -> Json {
        let r = &self.refs;
        match object {
            "companies" => json!({"name": format!("Company {token}"), "tax_id": format!("TX{token}")}),
            "people" => json!({"name": {"first": "Pat", "last": token}}),
            "affiliations" => json!({"person": r.person, "company": r.company, "role": token}),
            "pipelines" => json!({"name": format!("Pipeline {token}")}),
            "stages" => json!({"pipeline": r.pipeline, "name": format!("Stage {token}"), "kind": "open"}),
            "leads" => json!({"name": {"first": "Lee", "last": token}, "status": "new"}),
            "opportunities" => {
                json!({"name": format!("Deal {token}"), "pipeline": r.pipeline, "stage": r.stage})
            }
            "tasks" => json!({"subject": format!("Task {token}"), "status": "open"}),
            "notes" => json!({"body": format!("Note {token}")}),
            "calls" => json!({"subject": format!("Call {token}"), "direction": "inbound",
                "started_at": "2026-01-01T10:00:00Z"}),
            "meetings" => json!({"subject": format!("Meeting {token}"),
                "starts_at": "2026-01-02T10:00:00Z", "ends_at": "2026-01-02T11:00:00Z"}),
            "tags" => json!({"name": format!("tag {token}")}),
            other => panic!("no sample for {other}"),
        }
    }

    /// A change every role that may edit the object may make.
    fn edit(object: &str) -> Json {
        match object {
            "companies" | "opportunities" | "tasks" => json!({"description": "changed"}),
            "people" => json!({"occupation": "changed"}),
            "affiliations" => json!({"role": "changed"}),
            "pipelines" | "stages" => json!({"position": 7}),
            "leads" => json!({"company_name": "changed"}),
            "notes" => json!({"title": "changed"}),
            "calls" => json!({"notes": "changed"}),
            "meetings" => json!({"location": "changed"}),
            "tags" => json!({"color": "red"}),
            "attachments" => json!({"file_name": "changed.txt"}),
            other => panic!("no edit for {other}"),
        }
    }

    /// Creates a record of `object` owned as given, as the system.
    pub async fn record(&self, object: &str, token: &str, owner: Uuid, team: Uuid) -> Uuid {
        let system = Actor::system();
        if object == "attachments" {
            let file =
                NewFile { file_name: &format!("{token}.txt"), content_type: "text/plain", bytes: token.as_bytes() };
            let id = self.crm.attach(&system, ("companies", self.refs.company), file).await.unwrap().id;
            self.crm.reassign(&system, "attachments", &[id], Some(Some(owner)), Some(Some(team))).await.unwrap();
            return id;
        }
        // Unique names stay unique; search still finds the shared token.
        let mut input = obj(self.sample(object, &format!("{token} u{}", Uuid::now_v7().simple())));
        input.insert("owner".into(), json!(owner));
        input.insert("team".into(), json!(team));
        self.crm.create(&system, object, &input).await.unwrap().id
    }
}

fn ids_filter(ids: &[Uuid]) -> ListQuery {
    let list: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let filter = parse(&format!("id[in]:[{}]", list.join(","))).unwrap();
    ListQuery { filter: Some(filter), limit: 50, ..ListQuery::default() }
}

/// The error code of a refusal, or "ok".
fn outcome<T>(result: &Result<T, DomainError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

/// What a refused action on a record answers: not found when the record is not
/// readable at all, forbidden when it is readable but the action is not allowed.
fn expected_code(read: bool, allowed: bool, reach_none: bool) -> &'static str {
    match (allowed, read) {
        (true, _) => "ok",
        (false, true) => "forbidden",
        (false, false) if reach_none => "forbidden",
        (false, false) => "not_found",
    }
}

struct Case<'a> {
    role: &'a str,
    object: &'a str,
    actor: &'a Actor,
    user: Uuid,
}

/// Reads: get, list, count, search and export over the three records of a case.
async fn check_reads(world: &World, case: &Case<'_>, ids: &[(Ownership, Uuid)], token: &str) {
    let crm = &world.crm;
    let def = crm.schema(&Actor::system()).await.unwrap().object_by_api(case.object).unwrap().clone();
    let read = case.actor.reach(&def.id, Action::Read);
    let export = case.actor.reach(&def.id, Action::Export);
    let expect_read: BTreeSet<Uuid> = ids.iter().filter(|(o, _)| allowed(read, *o)).map(|(_, id)| *id).collect();
    let expect_export: BTreeSet<Uuid> = ids.iter().filter(|(o, _)| allowed(export, *o)).map(|(_, id)| *id).collect();
    let all: Vec<Uuid> = ids.iter().map(|(_, id)| *id).collect();
    let at = format!("{} on {} ({read:?} read)", case.role, case.object);

    for (ownership, id) in ids {
        let got = crm.get(case.actor, case.object, *id).await;
        let want = expected_code(false, allowed(read, *ownership), read == Reach::None);
        assert_eq!(outcome(&got), want, "get {ownership:?}: {at}");
    }
    let list = crm.list(case.actor, case.object, ids_filter(&all)).await;
    let count = crm.count(case.actor, case.object, ids_filter(&all)).await;
    if read == Reach::None {
        assert_eq!(outcome(&list), "forbidden", "list: {at}");
        assert_eq!(outcome(&count), "forbidden", "count: {at}");
    } else {
        let seen: BTreeSet<Uuid> = list.unwrap().records.iter().map(|r| r.id).collect();
        assert_eq!(seen, expect_read, "list: {at}");
        assert_eq!(count.unwrap(), expect_read.len() as i64, "count: {at}");
        if def.has_search() {
            // The token is this case's alone: a search that ignored `q`, or the reach,
            // would find other rows.
            let query = ListQuery { q: Some(token.to_owned()), limit: 50, ..ListQuery::default() };
            let found: BTreeSet<Uuid> =
                crm.list(case.actor, case.object, query).await.unwrap().records.iter().map(|r| r.id).collect();
            assert_eq!(found, expect_read, "search: {at}");
        }
    }
    let mut csv = Vec::new();
    let exported = crm.export_csv(case.actor, case.object, ids_filter(&all), &mut csv).await;
    if export == Reach::None {
        assert_eq!(outcome(&exported), "forbidden", "export: {at}");
    } else {
        let text = String::from_utf8(csv).unwrap();
        let rows: BTreeSet<Uuid> = text.lines().skip(1).filter_map(|l| l.split(',').next()?.parse().ok()).collect();
        assert_eq!(rows, expect_export, "export: {at}");
        assert_eq!(exported.unwrap(), expect_export.len(), "export count: {at}");
    }
}

/// Writes: edit, then delete, each of the three records; then create one of each
/// ownership.
async fn check_writes(world: &World, case: &Case<'_>, ids: &[(Ownership, Uuid)]) {
    let crm = &world.crm;
    let def = crm.schema(&Actor::system()).await.unwrap().object_by_api(case.object).unwrap().clone();
    let read = case.actor.reach(&def.id, Action::Read);
    let at = format!("{} on {}", case.role, case.object);
    for (action, name) in [(Action::Edit, "edit"), (Action::Delete, "delete")] {
        let reach = case.actor.reach(&def.id, action);
        for (ownership, id) in ids {
            let version = crm.get(&Actor::system(), case.object, *id).await.unwrap().version;
            let done = match action {
                Action::Edit => crm.update(case.actor, case.object, *id, version, &obj(World::edit(case.object))).await,
                _ => crm.delete(case.actor, case.object, *id, Some(version)).await,
            };
            let want = expected_code(allowed(read, *ownership), allowed(reach, *ownership), read == Reach::None);
            assert_eq!(outcome(&done), want, "{name} {ownership:?}: {at} ({reach:?})");
            let after = crm.get_including_deleted(&Actor::system(), case.object, *id).await.unwrap();
            let changed = after.version != version;
            assert_eq!(changed, want == "ok", "{name} {ownership:?} changed the record: {at}");
        }
    }
    if case.object == "attachments" {
        return; // made only through `attach`, checked in its own test
    }
    let reach = case.actor.reach(&def.id, Action::Create);
    for ownership in OWNERSHIPS {
        // A new own record goes into the actor's team: one in a foreign team is a
        // case of its own (see `assignments_stay_within_reach`).
        let (owner, team) = match ownership {
            Ownership::Own => (case.user, world.north),
            other => world.owner_of(case.user, other),
        };
        let mut input = obj(world.sample(case.object, &format!("new{}", Uuid::now_v7().simple())));
        // Fields the role may not write are left out (they have their own test).
        input.retain(|k, _| {
            def.fields
                .iter()
                .find(|f| f.api_name == *k)
                .is_none_or(|f| case.actor.field_access(&def.id, &f.id) == FieldAccess::ReadWrite)
        });
        input.insert("owner".into(), json!(owner));
        input.insert("team".into(), json!(team));
        let made = crm.create(case.actor, case.object, &input).await;
        let want = if allowed(reach, ownership) { "ok" } else { "forbidden" };
        assert_eq!(outcome(&made), want, "create {ownership:?}: {at} ({reach:?})");
    }
}

#[tokio::test]
async fn every_role_object_action_and_ownership() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let schema = world.crm.schema(&Actor::system()).await.unwrap();
        let objects: Vec<String> = schema.all().map(|o| o.api_name.clone()).collect();
        assert_eq!(objects.len(), 13, "every standard object is in the matrix");
        let mut checked = 0;
        for (role, user, actor) in &world.users {
            for object in &objects {
                let token = format!("k{}", Uuid::now_v7().simple());
                let mut ids = Vec::new();
                for ownership in OWNERSHIPS {
                    let (owner, team) = world.owner_of(*user, ownership);
                    ids.push((ownership, world.record(object, &token, owner, team).await));
                }
                let case = Case { role, object, actor, user: *user };
                check_reads(&world, &case, &ids, &token).await;
                check_writes(&world, &case, &ids).await;
                checked += 1;
            }
        }
        assert_eq!(checked, 6 * 13, "{}", db.name());
    }
}

#[tokio::test]
async fn the_standard_roles_say_what_their_names_promise() {
    for db in each_database().await {
        standard_roles_spot_checks(&db).await;
    }
}

async fn standard_roles_spot_checks(db: &rapport_domain::testing::TestDatabase) {
    let world = World::new(Crm::open(&config(db)).await.unwrap()).await;
    let actor = |key: &str| world.users.iter().find(|(k, _, _)| k == key).map(|(_, _, a)| a.clone()).unwrap();
    let (rep, service, read_only, admin) =
        (actor("sales_rep"), actor("service_agent"), actor("read_only"), actor("administrator"));
    let other = world.record("companies", "kspot", world.outsider, world.south).await;
    // A rep cannot see another team's customer; it looks like no record at all.
    let hidden = world.crm.get(&rep, "companies", other).await.unwrap_err();
    assert_eq!(hidden.code(), "not_found");
    let nobody = Uuid::now_v7();
    let missing = world.crm.get(&rep, "companies", nobody).await.unwrap_err();
    assert_eq!(missing.code(), "not_found");
    assert_eq!(
        hidden.to_string().replace(&other.to_string(), "ID"),
        missing.to_string().replace(&nobody.to_string(), "ID")
    );
    // The service desk sees no deals; read-only users change nothing.
    assert_eq!(world.crm.list(&service, "opportunities", ListQuery::default()).await.unwrap_err().code(), "forbidden");
    let visible = world.crm.get(&read_only, "companies", other).await.unwrap();
    let edit = world.crm.update(&read_only, "companies", other, visible.version, &obj(json!({"name": "x"}))).await;
    assert_eq!(edit.unwrap_err().code(), "forbidden");
    // Only administrators change metadata or purge.
    let mut field = rapport_domain::model::FieldDef::new("", "loyalty", rapport_domain::model::FieldType::Boolean);
    field.api_name = "loyalty".into();
    assert_eq!(world.crm.add_field(&rep, "companies", field.clone()).await.unwrap_err().code(), "forbidden");
    world.crm.add_field(&admin, "companies", field).await.unwrap();
    let manager = actor("sales_manager");
    world.crm.delete(&admin, "companies", other, None).await.unwrap();
    assert_eq!(world.crm.purge(&manager, "companies", other).await.unwrap_err().code(), "forbidden");
    world.crm.purge(&admin, "companies", other).await.unwrap();
}

#[tokio::test]
async fn bulk_writes_follow_the_same_rules() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let at = db.name();
        let rep = world.users.iter().find(|(k, _, _)| k == "sales_rep").map(|(_, id, a)| (*id, a.clone())).unwrap();
        let crm = &world.crm;
        let system = Actor::system();
        let count = || crm.count(&system, "companies", ListQuery::default());
        let before = count().await.unwrap();
        // An owner who does not exist is an error of that item; nothing is written.
        let items = vec![obj(json!({"name": "Fine"})), obj(json!({"name": "Ghost-owned", "owner": Uuid::now_v7()}))];
        let e = crm.bulk_create(&Actor::system(), "companies", items).await.unwrap_err();
        let fields: Vec<String> = match &e {
            DomainError::Store(s) => s.field_errors().iter().map(|f| f.field.clone()).collect(),
            _ => Vec::new(),
        };
        assert_eq!(fields, vec!["1.owner".to_owned()], "{at}: {e}");
        // A rep may bulk-create own records, not a colleague's; a hidden or read-only
        // field is refused per item as in single creates.
        let mine = vec![obj(json!({"name": "Own 1"})), obj(json!({"name": "Own 2"}))];
        assert_eq!(crm.bulk_create(&rep.1, "companies", mine).await.unwrap(), 2, "{at}");
        let theirs = vec![obj(json!({"name": "For mate", "owner": world.mate, "team": world.south}))];
        assert_eq!(crm.bulk_create(&rep.1, "companies", theirs).await.unwrap_err().code(), "forbidden", "{at}");
        let read_only = vec![obj(json!({"name": "Taxed", "tax_id": "EL1"}))];
        assert_eq!(crm.bulk_create(&rep.1, "companies", read_only).await.unwrap_err().code(), "validation_failed");
        assert_eq!(count().await.unwrap(), before + 2, "{at}: only the allowed batch was written");
        let owned = crm.list(&rep.1, "companies", ListQuery { limit: 100, ..ListQuery::default() }).await.unwrap();
        assert!(owned.records.iter().filter(|r| r.owner_id == Some(rep.0)).count() >= 2, "{at}");
    }
}

#[tokio::test]
async fn assignments_stay_within_reach() {
    for db in each_database().await {
        let world = World::new(Crm::open(&config(&db)).await.unwrap()).await;
        let at = db.name();
        let crm = &world.crm;
        let user =
            |key: &str| world.users.iter().find(|(k, _, _)| k == key).map(|(_, id, a)| (*id, a.clone())).unwrap();
        let ((rep_id, rep), (manager_id, manager)) = (user("sales_rep"), user("sales_manager"));

        // A rep creates own records in the own team only.
        let foreign = obj(json!({"name": "Planted", "owner": rep_id, "team": world.south}));
        assert_eq!(outcome(&crm.create(&rep, "companies", &foreign).await), "forbidden", "{at}");
        let mine = crm.create(&rep, "companies", &obj(json!({"name": "Mine"}))).await.unwrap();
        assert_eq!((mine.owner_id, mine.team_id), (Some(rep_id), Some(world.north)), "{at}: defaults");

        // A rep (edits own only) can neither give a record away nor orphan it.
        for (owner, team) in [(Some(Some(world.mate)), None), (Some(None), Some(None)), (None, Some(Some(world.south)))]
        {
            let moved = crm.reassign(&rep, "companies", &[mine.id], owner, team).await;
            assert_eq!(outcome(&moved), "forbidden", "{at}: {owner:?} {team:?}");
        }
        let version = mine.version;
        let orphan = crm.update(&rep, "companies", mine.id, version, &obj(json!({"owner": null, "team": null}))).await;
        assert_eq!(outcome(&orphan), "forbidden", "{at}");
        // Nor take it out of the team while keeping it (issue 19), by update or create.
        let teamless = crm.update(&rep, "companies", mine.id, version, &obj(json!({"team": null}))).await;
        assert_eq!(outcome(&teamless), "forbidden", "{at}: team null on an own record");
        let moved = crm.reassign(&rep, "companies", &[mine.id], None, Some(None)).await;
        assert_eq!(outcome(&moved), "forbidden", "{at}: reassigned to no team");
        let no_team = crm.create(&rep, "companies", &obj(json!({"name": "Teamless", "team": null}))).await;
        assert_eq!(outcome(&no_team), "forbidden", "{at}: created without the team");
        assert_eq!(crm.get(&rep, "companies", mine.id).await.unwrap().version, version, "{at}: nothing changed");

        // A manager (edits the team's) moves records within the team, not out of it.
        let moved = crm.reassign(&manager, "companies", &[mine.id], Some(Some(world.mate)), None).await.unwrap();
        assert_eq!(moved[0].owner_id, Some(world.mate), "{at}");
        let out =
            crm.reassign(&manager, "companies", &[mine.id], Some(Some(world.outsider)), Some(Some(world.south))).await;
        assert_eq!(outcome(&out), "forbidden", "{at}");
        let to_self = crm.reassign(&manager, "companies", &[mine.id], Some(Some(manager_id)), None).await;
        assert_eq!(outcome(&to_self), "ok", "{at}");

        // A relation to a record the rep cannot read is as unknown as a missing one.
        let hidden = world.record("companies", "kfar", world.outsider, world.south).await;
        let person = obj(json!({"name": {"first": "A", "last": "B"}, "company": hidden}));
        let e = crm.create(&rep, "people", &person).await.unwrap_err();
        let missing = obj(json!({"name": {"first": "A", "last": "B"}, "company": Uuid::now_v7()}));
        let m = crm.create(&rep, "people", &missing).await.unwrap_err();
        assert_eq!((e.code(), e.to_string()), (m.code(), m.to_string()), "{at}");

        // Restore follows the delete reach.
        let gone = world.record("companies", "kgone", world.mate, world.north).await;
        crm.delete(&Actor::system(), "companies", gone, None).await.unwrap();
        assert_eq!(outcome(&crm.restore(&rep, "companies", gone).await), "forbidden", "{at}: a mate's record");
        crm.restore(&manager, "companies", gone).await.unwrap();
    }
}
