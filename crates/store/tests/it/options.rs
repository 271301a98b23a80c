//! A select's or multi-select's options changed after creation: added, relabelled,
//! reordered, removed while no record (deleted ones included) holds them; bad lists
//! refused and changing nothing; a field's section set and cleared. Every change moves
//! the metadata version, so every process reloads.

use rapport_model::{Actor, FieldDef, FieldType, SelectOption};
use rapport_store::{FieldPatch, Store};
use serde_json::json;

use crate::harness::{custom, each_backend, input, invalid, refused};

fn opts(pairs: &[(&str, &str)]) -> Vec<SelectOption> {
    pairs.iter().map(|(v, l)| SelectOption::new(v, l)).collect()
}

fn with_options(options: Vec<SelectOption>) -> FieldPatch {
    FieldPatch { options: Some(options), ..FieldPatch::default() }
}

async fn setup(store: &Store) {
    let abc = opts(&[("a", "A"), ("b", "B"), ("c", "C")]);
    let object = custom(
        "crate_box",
        "crates",
        vec![
            FieldDef::new("name", "Name", FieldType::Text { max_length: None }),
            FieldDef::new("kind", "Kind", FieldType::Select { options: abc.clone() }),
            FieldDef::new("tags", "Tags", FieldType::MultiSelect { options: abc }),
        ],
    );
    store.create_object(&Actor::system(), object).await.unwrap();
}

async fn options_of(store: &Store, field: &str) -> Vec<SelectOption> {
    let schema = store.schema().await.unwrap();
    schema.object_by_api("crates").unwrap().field(field).unwrap().kind.options().to_vec()
}

#[tokio::test]
async fn options_can_be_added_relabelled_reordered_and_removed_when_unused() {
    for db in each_backend().await {
        let (s, name) = (db.store.clone(), db.name);
        setup(&s).await;
        let actor = Actor::system();
        for field in ["kind", "tags"] {
            let at = format!("{name} {field}");
            let version = s.schema().await.unwrap().version;
            // Added at the end, relabelled, reordered, an unused one removed: one change.
            let new = opts(&[("c", "Sea"), ("a", "A"), ("d-2", "D"), ("b", "B")]);
            let saved = s.update_field(&actor, "crates", field, with_options(new.clone())).await.unwrap();
            assert_eq!(saved.kind.options(), new.as_slice(), "{at}");
            assert_eq!(options_of(&s, field).await, new, "{at}: the list's order is the order offered");
            assert!(s.schema().await.unwrap().version > version, "{at}: the metadata version moved");
            // A record may take the new option at once.
            let value = if field == "kind" { json!("d-2") } else { json!(["d-2", "a"]) };
            let r = s.create(&actor, "crates", &input(json!({"name": "x", field: value}))).await;
            assert!(r.is_ok(), "{at}: {r:?}");
            let unused = opts(&[("c", "Sea"), ("a", "A"), ("d-2", "D")]);
            s.update_field(&actor, "crates", field, with_options(unused.clone())).await.unwrap();
            assert_eq!(options_of(&s, field).await, unused, "{at}: `b` was held by no record");
        }
    }
}

#[tokio::test]
async fn options_that_records_hold_stay() {
    for db in each_backend().await {
        let (s, name) = (db.store.clone(), db.name);
        setup(&s).await;
        let actor = Actor::system();
        let live = s.create(&actor, "crates", &input(json!({"name": "live", "kind": "a", "tags": ["c", "b"]}))).await;
        assert!(live.is_ok(), "{name}: {live:?}");
        let gone =
            s.create(&actor, "crates", &input(json!({"name": "gone", "kind": "b", "tags": ["a"]}))).await.unwrap();
        s.delete(&actor, "crates", gone.id, None).await.unwrap();
        for (field, held) in [("kind", "a"), ("kind", "b"), ("tags", "b"), ("tags", "a")] {
            let at = format!("{name} {field} {held}");
            let before = options_of(&s, field).await;
            let version = s.schema().await.unwrap().version;
            let rest: Vec<SelectOption> = before.iter().filter(|o| o.value != held).cloned().collect();
            let errors = invalid(name, &at, s.update_field(&actor, "crates", field, with_options(rest)).await);
            assert_eq!(errors.len(), 1, "{at}: {errors:?}");
            assert_eq!((errors[0].field.as_str(), errors[0].reason.code()), ("options", "in_use"), "{at}");
            assert_eq!(errors[0].reason.args(), vec![("value", held.to_owned())], "{at}: the value is named");
            assert_eq!(errors[0].reason.message_id(), "field-in-use", "{at}");
            assert_eq!(options_of(&s, field).await, before, "{at}: nothing changed");
            assert_eq!(s.schema().await.unwrap().version, version, "{at}");
        }
        // `c` is held in a multi-select list, not by the select: the select loses it.
        let errors = s.update_field(&actor, "crates", "kind", with_options(opts(&[("a", "A"), ("b", "B")]))).await;
        assert!(errors.is_ok(), "{name}: {errors:?}");
    }
}

#[tokio::test]
async fn bad_option_lists_are_refused() {
    for db in each_backend().await {
        let (s, name) = (db.store.clone(), db.name);
        setup(&s).await;
        let actor = Actor::system();
        let cases: Vec<(&str, Vec<SelectOption>, &str, &str)> = vec![
            ("duplicate", opts(&[("a", "A"), ("a", "Again")]), "options.1.value", "name_taken"),
            ("empty value", opts(&[("a", "A"), ("", "Nothing")]), "options.1.value", "required"),
            ("empty label", opts(&[("a", "  ")]), "options.0.label", "required"),
            ("space in value", opts(&[("a b", "A B")]), "options.0.value", "invalid_option_value"),
            ("long value", vec![SelectOption::new(&"x".repeat(101), "X")], "options.0.value", "too_long"),
            ("no options", Vec::new(), "options", "required"),
        ];
        for field in ["kind", "tags"] {
            for (what, list, at, code) in &cases {
                let before = options_of(&s, field).await;
                let result = s.update_field(&actor, "crates", field, with_options(list.clone())).await;
                refused(name, &format!("{field}: {what}"), result, at, code);
                assert_eq!(options_of(&s, field).await, before, "{name} {field} {what}: nothing changed");
            }
        }
        // Letters of any script, digits, `_` and `-` make a value.
        let greek = opts(&[("a", "A"), ("b", "B"), ("c", "C"), ("νέο_1", "Νέο")]);
        let r = s.update_field(&actor, "crates", "kind", with_options(greek)).await;
        assert!(r.is_ok(), "{name}: {r:?}");
        refused(
            name,
            "options of a text field",
            s.update_field(&actor, "crates", "name", with_options(opts(&[("a", "A")]))).await,
            "options",
            "not_a_select",
        );
        // A new field's options are checked the same way.
        let mut twice = FieldDef::new("", "Twice", FieldType::Select { options: opts(&[("a", "A"), ("a", "B")]) });
        twice.api_name = "twice".into();
        refused(name, "new field", s.add_field(&actor, "crates", twice).await, "options.1.value", "name_taken");
        let mut none = FieldDef::new("", "None", FieldType::MultiSelect { options: Vec::new() });
        none.api_name = "none_at_all".into();
        refused(name, "new field", s.add_field(&actor, "crates", none).await, "options", "required");
    }
}

#[tokio::test]
async fn a_field_section_is_set_and_cleared() {
    for db in each_backend().await {
        let (s, name) = (db.store.clone(), db.name);
        setup(&s).await;
        let actor = Actor::system();
        let section = |s: Option<&str>| FieldPatch { section: Some(s.map(str::to_owned)), ..FieldPatch::default() };
        let version = s.schema().await.unwrap().version;
        let f = s.update_field(&actor, "crates", "kind", section(Some("  Details "))).await.unwrap();
        assert_eq!(f.section.as_deref(), Some("Details"), "{name}");
        let schema = s.schema().await.unwrap();
        assert!(schema.version > version, "{name}");
        assert_eq!(schema.object_by_api("crates").unwrap().field("kind").unwrap().section.as_deref(), Some("Details"));
        // Other changes leave it where it is.
        s.update_field(&actor, "crates", "kind", FieldPatch { label: Some("Sort".into()), ..FieldPatch::default() })
            .await
            .unwrap();
        let schema = s.schema().await.unwrap();
        assert_eq!(schema.object_by_api("crates").unwrap().field("kind").unwrap().section.as_deref(), Some("Details"));
        s.update_field(&actor, "crates", "kind", section(None)).await.unwrap();
        let schema = s.schema().await.unwrap();
        assert_eq!(schema.object_by_api("crates").unwrap().field("kind").unwrap().section, None, "{name}");
        refused(
            name,
            "long section",
            s.update_field(&actor, "crates", "kind", section(Some(&"x".repeat(61)))).await,
            "section",
            "too_long",
        );
    }
}
