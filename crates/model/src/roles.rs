//! The standard roles as data. They are written to the database at start when
//! missing (by their key), and an administrator may change them afterwards: the rules
//! here are the starting point, not a cage.

use crate::access::{FieldAccess, Grants, ObjectRights, Reach};

/// A standard role: a stable key, an English name and description (translated at
/// the edge by key), and its rules.
#[derive(Debug, Clone)]
pub struct StandardRole {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub grants: Grants,
}

/// Objects every user reads in full: the settings a sales process is made of.
const REFERENCE: [&str; 3] = ["pipeline", "stage", "tag"];
/// Activities: what users log about their work.
const ACTIVITIES: [&str; 5] = ["task", "note", "call", "meeting", "attachment"];

fn rights(create: Reach, read: Reach, edit: Reach, delete: Reach, export: Reach) -> ObjectRights {
    ObjectRights { create, read, edit, delete, export }
}

fn with_objects(mut grants: Grants, ids: &[&str], rights: ObjectRights) -> Grants {
    for id in ids {
        grants.objects.insert((*id).to_owned(), rights);
    }
    grants
}

fn with_fields(mut grants: Grants, object: &str, fields: &[(&str, FieldAccess)]) -> Grants {
    let entry = grants.fields.entry(object.to_owned()).or_default();
    for (field, access) in fields {
        entry.insert((*field).to_owned(), *access);
    }
    grants
}

fn reference_readable(grants: Grants) -> Grants {
    with_objects(grants, &REFERENCE, ObjectRights::read_only(Reach::All))
}

fn sales_manager() -> Grants {
    use Reach::{All, Team};
    let grants = Grants { default: rights(All, All, Team, Team, All), ..Grants::default() };
    with_objects(grants, &REFERENCE, ObjectRights::uniform(All))
}

/// Sees and works the customers of the team, changes only what is the rep's own.
fn sales_rep() -> Grants {
    use FieldAccess::ReadOnly;
    use Reach::{None, Own, Team};
    let grants = reference_readable(Grants { default: rights(Own, Team, Own, Own, None), ..Grants::default() });
    let grants = with_fields(grants, "company", &[("annual_revenue", ReadOnly), ("tax_id", ReadOnly)]);
    with_fields(grants, "lead", &[("score", ReadOnly)])
}

/// Helps any customer, keeps their contact data right, sees no deals.
fn service_agent() -> Grants {
    use FieldAccess::Hidden;
    use Reach::{All, None, Own, Team};
    let grants = Grants { default: rights(Own, All, Own, None, None), ..Grants::default() };
    let grants = with_objects(grants, &["person", "company", "affiliation"], rights(Own, All, All, None, None));
    let grants = with_objects(grants, &["lead", "opportunity"], ObjectRights::default());
    let grants = with_objects(grants, &ACTIVITIES, rights(Own, Team, Own, Own, None));
    let grants = reference_readable(grants);
    with_fields(grants, "company", &[("annual_revenue", Hidden), ("tax_id", Hidden)])
}

/// Works leads and audiences, exports lists, reads deals for campaign returns.
fn marketing() -> Grants {
    use FieldAccess::{Hidden, ReadOnly};
    use Reach::{All, Own, Team};
    let grants = Grants { default: rights(Own, All, Own, Own, All), ..Grants::default() };
    let grants = with_objects(grants, &["lead"], rights(All, All, All, Team, All));
    let grants = with_objects(grants, &["person", "company"], rights(Own, All, All, Reach::None, All));
    let grants = with_objects(grants, &["opportunity"], ObjectRights { export: All, ..ObjectRights::read_only(All) });
    let grants = reference_readable(grants);
    let grants = with_fields(grants, "company", &[("tax_id", Hidden), ("annual_revenue", ReadOnly)]);
    with_fields(grants, "person", &[("family_notes", Hidden)])
}

/// Reads everything but private notes; changes and exports nothing.
fn read_only() -> Grants {
    let grants = Grants { default: ObjectRights::read_only(Reach::All), ..Grants::default() };
    let grants = with_fields(grants, "person", &[("family_notes", FieldAccess::Hidden)]);
    with_fields(grants, "company", &[("tax_id", FieldAccess::Hidden)])
}

pub fn standard_roles() -> Vec<StandardRole> {
    vec![
        StandardRole {
            key: "administrator",
            name: "Administrator",
            description: "Everything, including settings, users, teams and roles.",
            grants: Grants::administrator(),
        },
        StandardRole {
            key: "sales_manager",
            name: "Sales manager",
            description: "Reads and exports all records; edits and deletes the team's.",
            grants: sales_manager(),
        },
        StandardRole {
            key: "sales_rep",
            name: "Sales rep",
            description: "Reads the team's records; creates, edits and deletes own ones.",
            grants: sales_rep(),
        },
        StandardRole {
            key: "service_agent",
            name: "Service agent",
            description: "Reads all customers and edits their details; no leads or deals.",
            grants: service_agent(),
        },
        StandardRole {
            key: "marketing",
            name: "Marketing",
            description: "Works leads, reads and exports customers and deals.",
            grants: marketing(),
        },
        StandardRole {
            key: "read_only",
            name: "Read-only",
            description: "Reads records; changes and exports nothing.",
            grants: read_only(),
        },
    ]
}

/// The standard role with `key`.
pub fn standard_role(key: &str) -> Option<StandardRole> {
    standard_roles().into_iter().find(|r| r.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Action;
    use crate::standard::standard_objects;

    #[test]
    fn field_rules_name_fields_that_exist() {
        let objects = standard_objects();
        for role in standard_roles() {
            for object in &objects {
                let unknown: Vec<&str> = role.grants.unknown_fields(object).collect();
                assert!(unknown.is_empty(), "{} names unknown fields of {}: {unknown:?}", role.key, object.id);
            }
            for id in role.grants.objects.keys().chain(role.grants.fields.keys()) {
                assert!(objects.iter().any(|o| &o.id == id), "{} names unknown object {id}", role.key);
            }
        }
    }

    #[test]
    fn a_sales_rep_reads_the_team_and_changes_own_records() {
        let rep = standard_role("sales_rep").map(|r| r.grants).unwrap_or_default();
        assert_eq!(rep.reach("company", Action::Read), Reach::Team);
        assert_eq!(rep.reach("company", Action::Edit), Reach::Own);
        assert_eq!(rep.reach("company", Action::Export), Reach::None);
        assert_eq!(rep.reach("stage", Action::Read), Reach::All);
        assert_eq!(rep.field("company", "annual_revenue"), FieldAccess::ReadOnly);
    }
}
