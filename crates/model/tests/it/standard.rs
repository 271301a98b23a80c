//! The standard schema is consistent: valid names, unique ids and API names, label
//! fields that exist, relations to objects that exist, and the fields people ask for.

use std::collections::HashSet;

use rapport_model::field::is_valid_name;
use rapport_model::standard::standard_objects;
use rapport_model::{FieldType, Schema};

#[test]
fn names_are_valid_and_unique() {
    let objects = standard_objects();
    let mut ids = HashSet::new();
    let mut apis = HashSet::new();
    for o in &objects {
        assert!(is_valid_name(&o.id) && is_valid_name(&o.api_name), "{}", o.id);
        assert!(ids.insert(o.id.clone()) && apis.insert(o.api_name.clone()), "duplicate object {}", o.id);
        let mut fields = HashSet::new();
        for f in &o.fields {
            assert!(is_valid_name(&f.id) && is_valid_name(&f.api_name), "{}.{}", o.id, f.id);
            assert!(fields.insert(f.api_name.clone()), "duplicate field {}.{}", o.id, f.id);
            if f.unique || f.indexed {
                assert!(f.kind.is_sortable() || f.kind.sort_column(&f.id).is_none(), "{}.{}", o.id, f.id);
            }
        }
        let label = o.label_field.as_deref().expect("label field");
        assert!(o.field(label).is_some(), "{} label field {label} missing", o.id);
    }
}

#[test]
fn relations_point_at_standard_objects() {
    let schema = Schema::new(standard_objects());
    for o in schema.all() {
        for f in &o.fields {
            if let FieldType::Relation { target } = &f.kind {
                assert!(schema.object(target).is_ok(), "{}.{} points at unknown {target}", o.id, f.id);
            }
        }
    }
}

#[test]
fn people_carry_what_crm_users_ask_for() {
    let schema = Schema::new(standard_objects());
    let person = schema.object_by_api("people").unwrap();
    for field in [
        "name",
        "title",
        "occupation",
        "emails",
        "phones",
        "websites",
        "social_profiles",
        "address",
        "birthday",
        "family_notes",
        "hobbies",
        "memberships",
        "preferred_contact_method",
        "preferred_contact_time",
        "lead_source",
        "language",
        "gender",
    ] {
        assert!(person.field_by_api(field).is_ok(), "people lack {field}");
    }
    assert!(schema.object_by_api("affiliations").is_ok(), "people ↔ companies with a role");
    for activity in ["tasks", "notes", "calls", "meetings", "attachments"] {
        assert!(schema.object_by_api(activity).unwrap().is_activity, "{activity} is an activity");
    }
}

/// The standard capabilities hold on the standard objects, and Home's parts of them
/// are checked like the rest: a "done" value the select does not offer, an upcoming
/// reach of no days, an attention rule without a board or on a field that is not a
/// date are refused, each naming its place.
#[test]
fn home_capabilities_are_checked() {
    use rapport_model::behaviour::{Attention, FieldValue};
    let schema = Schema::new(standard_objects());
    for o in schema.all() {
        assert_eq!(o.behaviour.check(&schema, o), Vec::new(), "{}", o.id);
    }
    let task = schema.object("task").unwrap();
    let mut behaviour = task.behaviour.clone();
    behaviour.home[0].done = Some(FieldValue { field: "status".into(), value: "finished".into() });
    behaviour.home[0].days = Some(0);
    behaviour.attention = Some(Attention { past: Some("subject".into()), ..Attention::default() });
    let places: Vec<(String, &str)> =
        behaviour.check(&schema, task).into_iter().map(|e| (e.field, e.reason.code())).collect();
    assert_eq!(
        places,
        vec![
            ("behaviour.attention.past".to_owned(), "wrong_type"),
            ("behaviour.home.0.done.value".to_owned(), "unknown_option"),
            ("behaviour.home.0.days".to_owned(), "out_of_range"),
            ("behaviour.attention".to_owned(), "wrong_type"),
        ]
    );
}
