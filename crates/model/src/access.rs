//! Who may do what. A role grants, per object, a *reach* for each action (every
//! record, the team's, one's own, none) and, per field, read-write, read-only or
//! hidden. A user's roles merge into one [`Grants`] (the most permissive rule wins,
//! as a user with two roles may do what either allows), which travels inside the
//! [`Actor`](crate::Actor): the store adds the read rule to the SQL of every read and
//! checks the write rules inside every unit of work, so no interface can forget them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::object::ObjectDef;

/// Which records of an object an action reaches. Ordered from least to most.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    #[default]
    None,
    /// Records the user owns.
    Own,
    /// Records the user owns or that belong to one of the user's teams.
    Team,
    All,
}

impl Reach {
    pub const ALL: [Reach; 4] = [Reach::None, Reach::Own, Reach::Team, Reach::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Reach::None => "none",
            Reach::Own => "own",
            Reach::Team => "team",
            Reach::All => "all",
        }
    }
}

/// What is done to records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Read,
    Edit,
    Delete,
    Export,
}

impl Action {
    pub const ALL: [Action; 5] = [Action::Create, Action::Read, Action::Edit, Action::Delete, Action::Export];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Read => "read",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Export => "export",
        }
    }

    /// Actions that change data (refused to read-only API tokens).
    pub fn writes(self) -> bool {
        matches!(self, Action::Create | Action::Edit | Action::Delete)
    }
}

/// The reach of each action on one object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectRights {
    #[serde(default)]
    pub create: Reach,
    #[serde(default)]
    pub read: Reach,
    #[serde(default)]
    pub edit: Reach,
    #[serde(default)]
    pub delete: Reach,
    #[serde(default)]
    pub export: Reach,
}

impl ObjectRights {
    /// The same reach for every action.
    pub fn uniform(reach: Reach) -> Self {
        ObjectRights { create: reach, read: reach, edit: reach, delete: reach, export: reach }
    }

    /// Reads as far as `reach` and nothing else.
    pub fn read_only(reach: Reach) -> Self {
        ObjectRights { read: reach, ..ObjectRights::default() }
    }

    pub fn reach(&self, action: Action) -> Reach {
        match action {
            Action::Create => self.create,
            Action::Read => self.read,
            Action::Edit => self.edit,
            Action::Delete => self.delete,
            // Exporting is reading in bulk: it never reaches further than reading.
            Action::Export => self.export.min(self.read),
        }
    }

    pub fn set(&mut self, action: Action, reach: Reach) {
        match action {
            Action::Create => self.create = reach,
            Action::Read => self.read = reach,
            Action::Edit => self.edit = reach,
            Action::Delete => self.delete = reach,
            Action::Export => self.export = reach,
        }
    }

    fn merge(self, other: ObjectRights) -> ObjectRights {
        ObjectRights {
            create: self.create.max(other.create),
            read: self.read.max(other.read),
            edit: self.edit.max(other.edit),
            delete: self.delete.max(other.delete),
            export: self.export.max(other.export),
        }
    }

    fn without_writes(self) -> ObjectRights {
        ObjectRights { create: Reach::None, edit: Reach::None, delete: Reach::None, ..self }
    }
}

/// How a role sees one field. Ordered from least to most.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldAccess {
    /// Not in answers, not matched by search, unknown to filters, sorts and writes.
    Hidden,
    ReadOnly,
    #[default]
    ReadWrite,
}

/// The rules of a role (or of several merged): what an administrator edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grants {
    /// Administrators reach every record and field and may change metadata, users,
    /// teams and roles.
    #[serde(default)]
    pub admin: bool,
    /// Rights on objects not listed in `objects` (custom objects made later included).
    #[serde(default)]
    pub default: ObjectRights,
    /// Rights per object id.
    #[serde(default)]
    pub objects: BTreeMap<String, ObjectRights>,
    /// Field rules per object id and field id; a field not listed is read-write.
    #[serde(default)]
    pub fields: BTreeMap<String, BTreeMap<String, FieldAccess>>,
    /// Set on the rules of a read-only API token: nothing may be changed with them,
    /// account settings included. Never stored.
    #[serde(skip)]
    pub read_only: bool,
}

impl Grants {
    /// Everything, for administrators.
    pub fn administrator() -> Self {
        Grants { admin: true, default: ObjectRights::uniform(Reach::All), ..Grants::default() }
    }

    pub fn rights(&self, object_id: &str) -> ObjectRights {
        if self.admin {
            return ObjectRights::uniform(Reach::All);
        }
        self.objects.get(object_id).copied().unwrap_or(self.default)
    }

    pub fn reach(&self, object_id: &str, action: Action) -> Reach {
        self.rights(object_id).reach(action)
    }

    pub fn field(&self, object_id: &str, field_id: &str) -> FieldAccess {
        if self.admin {
            return FieldAccess::ReadWrite;
        }
        self.fields.get(object_id).and_then(|f| f.get(field_id)).copied().unwrap_or_default()
    }

    /// The rules of several roles as one: each action reaches as far as the widest
    /// role lets it, and each field is as open as the most open role leaves it.
    pub fn merge<'a>(roles: impl IntoIterator<Item = &'a Grants>) -> Grants {
        let roles: Vec<&Grants> = roles.into_iter().collect();
        if roles.iter().any(|r| r.admin) {
            return Grants::administrator();
        }
        let mut merged = Grants::default();
        for role in &roles {
            merged.default = merged.default.merge(role.default);
        }
        let object_ids: Vec<&String> = roles.iter().flat_map(|r| r.objects.keys().chain(r.fields.keys())).collect();
        for id in &object_ids {
            let rights = roles.iter().fold(ObjectRights::default(), |acc, r| acc.merge(r.rights(id)));
            if rights != merged.default {
                merged.objects.insert((*id).clone(), rights);
            }
        }
        let field_keys: Vec<(&String, &String)> =
            roles.iter().flat_map(|r| r.fields.iter().flat_map(|(o, fs)| fs.keys().map(move |f| (o, f)))).collect();
        for (object_id, field_id) in field_keys {
            // Only a role that reads the object says anything about its fields: a role
            // with no access to leads must not open the fields another role closes.
            let access = roles
                .iter()
                .filter(|r| r.reach(object_id, Action::Read) > Reach::None)
                .map(|r| r.field(object_id, field_id))
                .max()
                .unwrap_or(FieldAccess::Hidden);
            if access != FieldAccess::ReadWrite {
                merged.fields.entry(object_id.clone()).or_default().insert(field_id.clone(), access);
            }
        }
        merged
    }

    /// The same rules without any write (read-only API tokens).
    pub fn without_writes(&self) -> Grants {
        let mut out = if self.admin {
            Grants { default: ObjectRights::uniform(Reach::All), ..Grants::default() }
        } else {
            self.clone()
        };
        out.read_only = true;
        out.default = out.default.without_writes();
        for rights in out.objects.values_mut() {
            *rights = rights.without_writes();
        }
        for fields in out.fields.values_mut() {
            for access in fields.values_mut() {
                *access = (*access).min(FieldAccess::ReadOnly);
            }
        }
        out
    }

    /// The object as this role sees it: hidden fields are gone (so answers, search,
    /// filters, sorts and writes all ignore them alike) and read-only fields refuse
    /// input.
    pub fn view<'a>(&self, object: &'a ObjectDef) -> Cow<'a, ObjectDef> {
        let ruled = self.fields.get(&object.id).is_some_and(|f| f.values().any(|a| *a != FieldAccess::ReadWrite));
        if self.admin || !ruled {
            return Cow::Borrowed(object);
        }
        let mut view = object.clone();
        view.fields.retain(|f| self.field(&object.id, &f.id) != FieldAccess::Hidden);
        for field in &mut view.fields {
            if self.field(&object.id, &field.id) == FieldAccess::ReadOnly {
                field.read_only = true;
            }
        }
        Cow::Owned(view)
    }

    /// Whether a field rule names a field the object has (roles are checked against
    /// the schema when saved).
    pub fn unknown_fields<'a>(&'a self, object: &'a ObjectDef) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .get(&object.id)
            .into_iter()
            .flat_map(|f| f.keys())
            .filter(|id| object.field(id).is_none())
            .map(String::as_str)
    }
}

/// Whether a record owned by `owner` in `team` is within `reach` of user `user` who
/// is in `teams`.
pub fn within(
    reach: Reach,
    user: uuid::Uuid,
    teams: &[uuid::Uuid],
    owner: Option<uuid::Uuid>,
    team: Option<uuid::Uuid>,
) -> bool {
    let own = owner == Some(user);
    match reach {
        Reach::None => false,
        Reach::Own => own,
        Reach::Team => own || team.is_some_and(|t| teams.contains(&t)),
        Reach::All => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(read: Reach, fields: &[(&str, FieldAccess)]) -> Grants {
        let mut g = Grants { default: ObjectRights::read_only(read), ..Grants::default() };
        for (f, a) in fields {
            g.fields.entry("person".into()).or_default().insert((*f).into(), *a);
        }
        g
    }

    #[test]
    fn merging_takes_the_widest_reach_and_the_most_open_field() {
        let a = role(Reach::Own, &[("income", FieldAccess::Hidden), ("score", FieldAccess::ReadOnly)]);
        let b = role(Reach::Team, &[("income", FieldAccess::ReadOnly)]);
        let m = Grants::merge([&a, &b]);
        assert_eq!(m.reach("person", Action::Read), Reach::Team);
        assert_eq!(m.field("person", "income"), FieldAccess::ReadOnly);
        // b does not mention `score`, so b leaves it read-write.
        assert_eq!(m.field("person", "score"), FieldAccess::ReadWrite);
        assert_eq!(m.reach("person", Action::Edit), Reach::None);
    }

    #[test]
    fn a_role_without_access_to_an_object_opens_none_of_its_fields() {
        let rep = role(Reach::Team, &[("score", FieldAccess::ReadOnly)]);
        let mut service = Grants { default: ObjectRights::read_only(Reach::All), ..Grants::default() };
        service.objects.insert("person".into(), ObjectRights::default());
        let m = Grants::merge([&rep, &service]);
        assert_eq!(m.field("person", "score"), FieldAccess::ReadOnly);
        assert_eq!(m.reach("person", Action::Read), Reach::Team);
    }

    #[test]
    fn export_never_reaches_further_than_read() {
        let rights = ObjectRights { read: Reach::Own, export: Reach::All, ..ObjectRights::default() };
        assert_eq!(rights.reach(Action::Export), Reach::Own);
    }

    #[test]
    fn without_writes_keeps_reads_only() {
        let g = Grants::administrator().without_writes();
        assert!(!g.admin);
        assert_eq!(g.reach("x", Action::Read), Reach::All);
        for action in [Action::Create, Action::Edit, Action::Delete] {
            assert_eq!(g.reach("x", action), Reach::None);
        }
    }

    #[test]
    fn reach_against_ownership() {
        let (me, mate, team, other_team) =
            (uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let teams = [team];
        assert!(within(Reach::Own, me, &teams, Some(me), None));
        assert!(!within(Reach::Own, me, &teams, Some(mate), Some(team)));
        assert!(within(Reach::Team, me, &teams, Some(mate), Some(team)));
        assert!(!within(Reach::Team, me, &teams, Some(mate), Some(other_team)));
        assert!(within(Reach::All, me, &teams, None, None));
        assert!(!within(Reach::None, me, &teams, Some(me), Some(team)));
    }
}
