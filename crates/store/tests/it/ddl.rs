//! Runtime DDL on each backend: adding fields of every kind to objects that have rows,
//! renaming, hiding and purging fields, names that are refused, and a second `Store`
//! on the same database seeing each change at once (through `meta_version`).

use rapport_model::filter::parse as parse_filter;
use rapport_model::{Actor, FieldDef, FieldType, ObjectDef, SelectOption, SortKey, Value};
use rapport_store::{FieldPatch, ListQuery, Store};
use serde_json::{Value as Json, json};

use crate::harness::{TestDb, catalog_columns, custom, each_backend, input, invalid, refused, reopen};

/// A field to add by API name only: the store picks its id (and so its column).
fn named(api_name: &str, kind: FieldType) -> FieldDef {
    let mut f = FieldDef::new("", api_name, kind);
    f.api_name = api_name.into();
    f
}

fn gadget() -> ObjectDef {
    custom(
        "gadget",
        "gadgets",
        vec![
            FieldDef::new("name", "Name", FieldType::Text { max_length: None }).indexed().searchable(),
            FieldDef::new("color", "Color", FieldType::Text { max_length: None }).indexed(),
            FieldDef::new("secret", "Secret", FieldType::Text { max_length: None }).searchable(),
            FieldDef::new("serial", "Serial", FieldType::Text { max_length: None }).required(),
        ],
    )
}

async fn setup(db: &TestDb) -> Store {
    let s = db.store.clone();
    s.create_object(&Actor::system(), gadget()).await.unwrap_or_else(|e| panic!("{}: {e}", db.name));
    s
}

async fn json_of(store: &Store, object: &str, id: uuid::Uuid) -> Json {
    let object_def = store.schema().await.unwrap().object_by_api(object).unwrap().clone();
    store.get(&Actor::system(), object, id).await.unwrap().to_json(&object_def)
}

async fn count(store: &Store, object: &str) -> i64 {
    store.count(&Actor::system(), object, ListQuery::default()).await.unwrap()
}

/// Ids of the live records whose searchable fields match `q`.
async fn search(store: &Store, object: &str, q: &str) -> Vec<uuid::Uuid> {
    let query = ListQuery { q: Some(q.into()), limit: 100, ..ListQuery::default() };
    store.list(&Actor::system(), object, query).await.unwrap().records.iter().map(|r| r.id).collect()
}

async fn columns(location: &rapport_store::Location) -> Vec<String> {
    catalog_columns(location, "obj_gadget").await.into_iter().map(|c| c.name).collect()
}

async fn meta_version(store: &Store) -> i64 {
    store.schema().await.unwrap().version
}

fn opts(values: &[&str]) -> Vec<SelectOption> {
    values.iter().map(|v| SelectOption::new(v, v)).collect()
}

/// Each addable kind with a value to write and what it reads back as.
fn kinds() -> Vec<(FieldDef, Json, Json)> {
    use FieldType as T;
    let contacts =
        |v: &str, n: &str| json!([{"value": v, "normalized": n, "primary": true, "opt_out": false, "invalid": false}]);
    vec![
        (named("size", T::Text { max_length: Some(20) }).indexed().searchable(), json!("Largish"), json!("Largish")),
        (named("notes", T::LongText), json!("line one\nline two"), json!("line one\nline two")),
        (named("count", T::Integer { min: Some(0), max: None }).indexed(), json!(12), json!(12)),
        (named("weight", T::Decimal { precision: 10, scale: 3 }).indexed(), json!("1.125"), json!("1.125")),
        (
            named("cost", T::Currency { scale: 2 }).indexed(),
            json!({"amount": "9.9", "currency": "eur"}),
            json!({"amount": "9.90", "currency": "EUR"}),
        ),
        (named("ratio", T::Percent { scale: 1 }), json!("12.5"), json!("12.5")),
        (named("ok", T::Boolean).indexed(), json!(false), json!(false)),
        (named("made_on", T::Date).indexed(), json!("2020-02-29"), json!("2020-02-29")),
        (
            named("made_at", T::DateTime).indexed(),
            json!("2020-02-29T10:00:00.000001+02:00"),
            json!("2020-02-29T08:00:00.000001Z"),
        ),
        (named("stage", T::Select { options: opts(&["a", "b"]) }).indexed(), json!("b"), json!("b")),
        (named("tags", T::MultiSelect { options: opts(&["x", "y"]) }), json!(["y", "x"]), json!(["y", "x"])),
        (named("mail", T::Email { multiple: false }).unique(), json!("Me@Example.GR"), json!("me@example.gr")),
        (named("tel", T::Phone { multiple: false }).indexed(), json!("2101234567"), json!("+302101234567")),
        (named("web", T::Url { multiple: false }), json!("example.gr"), json!("https://example.gr")),
        (
            named("mails", T::Email { multiple: true }).searchable(),
            json!(["A@example.gr"]),
            contacts("A@example.gr", "a@example.gr"),
        ),
        (named("tels", T::Phone { multiple: true }), json!(["2101234567"]), contacts("2101234567", "+302101234567")),
        (named("webs", T::Url { multiple: true }), json!(["example.gr"]), contacts("example.gr", "https://example.gr")),
        (named("social", T::Social), json!(["@Gadget"]), contacts("@Gadget", "@gadget")),
        (
            named("addr", T::Address).searchable(),
            json!({"city": "Szeged", "country": "HUN"}),
            json!({"city": "Szeged", "country": "HU"}),
        ),
        (
            named("owner_name", T::FullName).indexed(),
            json!({"first": "Ἀνna", "last": "Kovács"}),
            json!({"first": "Ἀνna", "last": "Kovács"}),
        ),
        (named("stars", T::Rating { max: 3 }).indexed(), json!(3), json!(3)),
        (named("maker", T::Relation { target: "company".into() }).indexed(), Json::Null, Json::Null),
        (named("blob", T::Json), json!({"k": [1, "v"]}), json!({"k": [1, "v"]})),
    ]
}

#[tokio::test]
async fn add_each_kind_of_field_to_an_object_with_rows() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let old = s.create(&actor, "gadgets", &input(json!({"name": "Old widget", "serial": "1"}))).await.unwrap();
        let other =
            s.create(&actor, "gadgets", &input(json!({"name": "Quiet sprocket", "serial": "2"}))).await.unwrap();
        let maker = s.create(&actor, "companies", &input(json!({"name": "Maker"}))).await.unwrap();

        let mut kinds = kinds();
        for (field, value, shown) in &mut kinds {
            if field.api_name == "maker" {
                *value = json!(maker.id.to_string());
                *shown = json!(maker.id.to_string());
            }
            let added = s
                .add_field(&actor, "gadgets", field.clone())
                .await
                .unwrap_or_else(|e| panic!("{name}: add {}: {e}", field.api_name));
            assert_eq!(added.id, format!("cf_{}", field.api_name), "{name}: the id is made from the API name");
            let object = s.schema().await.unwrap().object_by_api("gadgets").unwrap().clone();
            assert!(object.field_by_api(&field.api_name).is_ok(), "{name}: {} is in the schema", field.api_name);
        }
        // Existing rows have no value yet, and are still readable and writable.
        let before = json_of(&s, "gadgets", old.id).await;
        for (field, _, _) in &kinds {
            assert!(before.get(&field.api_name).is_none(), "{name}: {} on an old row: {before}", field.api_name);
        }
        let values: serde_json::Map<String, Json> =
            kinds.iter().map(|(f, v, _)| (f.api_name.clone(), v.clone())).collect();
        let updated =
            s.update(&actor, "gadgets", old.id, old.version, &values).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let after = json_of(&s, "gadgets", old.id).await;
        for (field, _, shown) in &kinds {
            assert_eq!(&after[&field.api_name], shown, "{name}: {} written to an old row", field.api_name);
        }
        assert_eq!(after["name"], "Old widget", "{name}: old data is kept");
        let object = s.schema().await.unwrap().object_by_api("gadgets").unwrap().clone();
        assert_eq!(updated.to_json(&object), after, "{name}: update answers what get reads");

        // New rows take them on create; the unique one refuses a duplicate.
        let mut fresh = values.clone();
        fresh.insert("serial".into(), json!("3"));
        refused(name, "create duplicate mail", s.create(&actor, "gadgets", &fresh).await, "mail", "duplicate");
        fresh.insert("mail".into(), json!("other@example.gr"));
        let created = s.create(&actor, "gadgets", &fresh).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = json_of(&s, "gadgets", created.id).await;
        assert_eq!(got["weight"], "1.125", "{name}");
        assert_eq!(got["mail"], "other@example.gr", "{name}");

        // Added indexed fields sort (search is checked in `search_follows_field_changes`).
        let query = ListQuery { sort: vec![SortKey::desc("count")], limit: 10, ..ListQuery::default() };
        let page =
            s.list(&actor, "gadgets", query).await.unwrap_or_else(|e| panic!("{name}: sort by an added field: {e}"));
        let counts: Vec<Json> = page.records.iter().map(|r| r.to_json(&object)["count"].clone()).collect();
        assert_eq!(counts, vec![json!(12), json!(12), Json::Null], "{name}: sorted by an added field, empty last");
        let other = json_of(&s, "gadgets", other.id).await;
        assert_eq!(other["name"], "Quiet sprocket", "{name}: a row never written since is intact");

        // A field added to a standard object with rows.
        let acme = s.create(&actor, "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        s.add_field(&actor, "companies", named("vat_number", FieldType::Text { max_length: Some(20) }).indexed())
            .await
            .unwrap();
        assert!(json_of(&s, "companies", acme.id).await.get("vat_number").is_none(), "{name}");
        s.update(&actor, "companies", acme.id, acme.version, &input(json!({"vat_number": "EL123"}))).await.unwrap();
        assert_eq!(json_of(&s, "companies", acme.id).await["vat_number"], "EL123", "{name}");
    }
}

#[tokio::test]
async fn rename_keeps_the_data_under_the_new_name() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let g = s.create(&actor, "gadgets", &input(json!({"name": "G", "color": "red", "serial": "1"}))).await.unwrap();
        let v0 = meta_version(&s).await;
        let renamed = s
            .update_field(
                &actor,
                "gadgets",
                "color",
                FieldPatch { api_name: Some("colour".into()), ..FieldPatch::default() },
            )
            .await
            .unwrap();
        assert_eq!(
            (renamed.id.as_str(), renamed.api_name.as_str()),
            ("color", "colour"),
            "{name}: the id never changes"
        );
        assert!(meta_version(&s).await > v0, "{name}: a rename moves meta_version");

        let j = json_of(&s, "gadgets", g.id).await;
        assert_eq!(j["colour"], "red", "{name}: the data is under the new name: {j}");
        assert!(j.get("color").is_none(), "{name}: the old name is gone: {j}");
        refused(
            name,
            "create with the old name",
            s.create(&actor, "gadgets", &input(json!({"color": "x", "serial": "2"}))).await,
            "color",
            "unknown_field",
        );
        refused(
            name,
            "update with the old name",
            s.update(&actor, "gadgets", g.id, g.version, &input(json!({"color": "x"}))).await,
            "color",
            "unknown_field",
        );
        let g = s.update(&actor, "gadgets", g.id, g.version, &input(json!({"colour": "blue"}))).await.unwrap();
        assert_eq!(g.get("color"), &Value::Text("blue".into()), "{name}");

        // Sorts and filters use the new name.
        let sort = ListQuery { sort: vec![SortKey::asc("colour")], limit: 10, ..ListQuery::default() };
        assert_eq!(s.list(&actor, "gadgets", sort).await.unwrap().records.len(), 1, "{name}");
        let old_sort = ListQuery { sort: vec![SortKey::asc("color")], limit: 10, ..ListQuery::default() };
        assert!(s.list(&actor, "gadgets", old_sort).await.is_err(), "{name}: sorting by the old name is refused");
        let filter = ListQuery { filter: Some(parse_filter("colour[eq]:blue").unwrap()), ..ListQuery::default() };
        assert_eq!(s.count(&actor, "gadgets", filter).await.unwrap(), 1, "{name}");

        // The old name is free again: a new field may take it (with a new column).
        let again =
            s.add_field(&actor, "gadgets", named("color", FieldType::Integer { min: None, max: None })).await.unwrap();
        assert_ne!(again.id, "color", "{name}: a new field never reuses a column");
        let g = s.update(&actor, "gadgets", g.id, g.version, &input(json!({"color": 5}))).await.unwrap();
        let j = json_of(&s, "gadgets", g.id).await;
        assert_eq!((&j["color"], &j["colour"]), (&json!(5), &json!("blue")), "{name}: {j}");
        // And renaming the new one to a name whose `cf_` id is taken still works.
        let third = s.add_field(&actor, "gadgets", named("hue", FieldType::LongText)).await.unwrap();
        s.update_field(
            &actor,
            "gadgets",
            &third.id,
            FieldPatch { api_name: Some("tint".into()), ..FieldPatch::default() },
        )
        .await
        .unwrap();
        let fourth = s.add_field(&actor, "gadgets", named("hue", FieldType::LongText)).await.unwrap();
        assert_ne!(fourth.id, third.id, "{name}");
    }
}

#[tokio::test]
async fn hidden_fields_keep_their_data() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let g = s
            .create(&actor, "gadgets", &input(json!({"name": "Box", "secret": "hunter", "serial": "1"})))
            .await
            .unwrap();
        let hide = FieldPatch { hidden: Some(true), ..FieldPatch::default() };
        s.update_field(&actor, "gadgets", "secret", hide.clone()).await.unwrap();

        let j = json_of(&s, "gadgets", g.id).await;
        assert!(j.get("secret").is_none(), "{name}: a hidden field is not shown: {j}");
        refused(
            name,
            "create a hidden field",
            s.create(&actor, "gadgets", &input(json!({"secret": "x", "serial": "2"}))).await,
            "secret",
            "unknown_field",
        );
        refused(
            name,
            "update a hidden field",
            s.update(&actor, "gadgets", g.id, g.version, &input(json!({"secret": "x"}))).await,
            "secret",
            "unknown_field",
        );
        assert_eq!(count(&s, "gadgets").await, 1, "{name}");
        let sort = ListQuery { sort: vec![SortKey::asc("secret")], limit: 10, ..ListQuery::default() };
        assert!(s.list(&actor, "gadgets", sort).await.is_err(), "{name}: a hidden field cannot be sorted by");
        let filter = ListQuery { filter: Some(parse_filter("secret[eq]:hunter").unwrap()), ..ListQuery::default() };
        assert!(s.count(&actor, "gadgets", filter).await.is_err(), "{name}: a hidden field cannot be filtered on");

        // Other writes keep the hidden value.
        let g = s.update(&actor, "gadgets", g.id, g.version, &input(json!({"name": "Crate"}))).await.unwrap();
        // A hidden required field is no longer required.
        s.update_field(&actor, "gadgets", "serial", hide).await.unwrap();
        let no_serial = s.create(&actor, "gadgets", &input(json!({"name": "No serial"}))).await;
        assert!(no_serial.is_ok(), "{name}: {no_serial:?}");

        let show = FieldPatch { hidden: Some(false), ..FieldPatch::default() };
        s.update_field(&actor, "gadgets", "secret", show.clone()).await.unwrap();
        s.update_field(&actor, "gadgets", "serial", show).await.unwrap();
        let j = json_of(&s, "gadgets", g.id).await;
        assert_eq!(
            (&j["secret"], &j["name"], &j["serial"]),
            (&json!("hunter"), &json!("Crate"), &json!("1")),
            "{name}: back when unhidden"
        );
        refused(
            name,
            "required again",
            s.create(&actor, "gadgets", &input(json!({"name": "x"}))).await,
            "serial",
            "required",
        );
    }
}

#[tokio::test]
async fn purge_drops_a_hidden_field_for_good() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let code = s
            .add_field(&actor, "gadgets", named("code", FieldType::Text { max_length: None }).unique().searchable())
            .await
            .unwrap();
        let g = s
            .create(&actor, "gadgets", &input(json!({"name": "Box", "secret": "hunter", "code": "C-1", "serial": "1"})))
            .await
            .unwrap();
        assert!(columns(&db.location).await.contains(&"cf_code__f".to_owned()), "{name}");

        refused(name, "purge a visible field", s.purge_field(&actor, "gadgets", &code.id).await, "code", "read_only");
        assert_eq!(json_of(&s, "gadgets", g.id).await["code"], "C-1", "{name}: a refused purge keeps the data");
        // Standard fields and the field that names records are never purged.
        let acme = s.create(&actor, "companies", &input(json!({"name": "Acme", "description": "Kept"}))).await.unwrap();
        for (object, id) in [("companies", "description"), ("gadgets", "name")] {
            let hide = |hidden| FieldPatch { hidden: Some(hidden), ..FieldPatch::default() };
            s.update_field(&actor, object, id, hide(true)).await.unwrap();
            refused(name, &format!("purge {object}.{id}"), s.purge_field(&actor, object, id).await, id, "read_only");
            s.update_field(&actor, object, id, hide(false)).await.unwrap();
        }
        assert_eq!(json_of(&s, "companies", acme.id).await["description"], "Kept", "{name}");
        assert_eq!(json_of(&s, "gadgets", g.id).await["name"], "Box", "{name}");

        for id in [code.id.as_str(), "secret"] {
            s.update_field(&actor, "gadgets", id, FieldPatch { hidden: Some(true), ..FieldPatch::default() })
                .await
                .unwrap();
            let v0 = meta_version(&s).await;
            s.purge_field(&actor, "gadgets", id).await.unwrap_or_else(|e| panic!("{name}: purge {id}: {e}"));
            assert!(meta_version(&s).await > v0, "{name}: a purge moves meta_version");
        }
        let object = s.schema().await.unwrap().object_by_api("gadgets").unwrap().clone();
        assert!(
            object.field(&code.id).is_none() && object.field("secret").is_none(),
            "{name}: purged fields leave the schema"
        );
        let cols = columns(&db.location).await;
        assert!(
            !cols.iter().any(|c| c.starts_with("cf_code") || c == "secret"),
            "{name}: purged columns are dropped: {cols:?}"
        );

        // The record lives on.
        let j = json_of(&s, "gadgets", g.id).await;
        assert_eq!(j["name"], "Box", "{name}");
        let g = s.update(&actor, "gadgets", g.id, g.version, &input(json!({"name": "Bin"}))).await.unwrap();

        // A new field of the same name starts empty: the old data is gone for good.
        s.add_field(&actor, "gadgets", named("code", FieldType::Text { max_length: None }).unique()).await.unwrap();
        let j = json_of(&s, "gadgets", g.id).await;
        assert!(j.get("code").is_none(), "{name}: purged data does not come back: {j}");
        s.update(&actor, "gadgets", g.id, g.version, &input(json!({"code": "C-1"}))).await.unwrap();
    }
}

/// Search over added, hidden, shown again and purged searchable fields.
#[tokio::test]
async fn search_follows_field_changes() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let quiet = s
            .create(&actor, "gadgets", &input(json!({"name": "Quiet sprocket", "secret": "hunter", "serial": "1"})))
            .await
            .unwrap();
        let loud = s.create(&actor, "gadgets", &input(json!({"name": "Loud widget", "serial": "2"}))).await.unwrap();
        assert_eq!(search(&s, "gadgets", "hunter").await, vec![quiet.id], "{name}: a searchable field is searched");

        // An added searchable field: the rebuilt search table still finds older rows.
        let size = s
            .add_field(&actor, "gadgets", named("size", FieldType::Text { max_length: None }).searchable())
            .await
            .unwrap();
        assert_eq!(
            search(&s, "gadgets", "sprocket").await,
            vec![quiet.id],
            "{name}: rows indexed before are still found"
        );
        assert_eq!(search(&s, "gadgets", "hunter").await, vec![quiet.id], "{name}");
        s.update(&actor, "gadgets", loud.id, loud.version, &input(json!({"size": "Largish"}))).await.unwrap();
        assert_eq!(
            search(&s, "gadgets", "largish").await,
            vec![loud.id],
            "{name}: an added searchable field is searched"
        );

        // A hidden field never matches; shown again, it does.
        let patch = |hidden| FieldPatch { hidden: Some(hidden), ..FieldPatch::default() };
        s.update_field(&actor, "gadgets", "secret", patch(true)).await.unwrap();
        assert!(search(&s, "gadgets", "hunter").await.is_empty(), "{name}: a hidden field never matches a search");
        assert_eq!(search(&s, "gadgets", "sprocket").await, vec![quiet.id], "{name}");
        s.update_field(&actor, "gadgets", "secret", patch(false)).await.unwrap();
        assert_eq!(search(&s, "gadgets", "hunter").await, vec![quiet.id], "{name}: searchable again when shown");

        // A purged searchable field is gone from search; the others stay.
        for id in ["secret", size.id.as_str()] {
            s.update_field(&actor, "gadgets", id, patch(true)).await.unwrap();
            s.purge_field(&actor, "gadgets", id).await.unwrap();
        }
        assert!(search(&s, "gadgets", "hunter").await.is_empty(), "{name}");
        assert!(search(&s, "gadgets", "largish").await.is_empty(), "{name}");
        assert_eq!(search(&s, "gadgets", "widget").await, vec![loud.id], "{name}: other fields are still searched");
    }
}

#[tokio::test]
async fn a_second_store_sees_metadata_changes_at_once() {
    for db in each_backend().await {
        let a = setup(&db).await;
        let b = reopen(&db.location).await.unwrap_or_else(|e| panic!("{}: open a second store: {e}", db.name));
        let actor = Actor::system();
        let name = db.name;
        // Both have read the schema before the change.
        assert!(b.schema().await.unwrap().object_by_api("gadgets").is_ok(), "{name}");

        a.add_field(&actor, "gadgets", named("extra", FieldType::Integer { min: None, max: None }).indexed())
            .await
            .unwrap();
        let seen = b.schema().await.unwrap();
        assert!(
            seen.object_by_api("gadgets").unwrap().field_by_api("extra").is_ok(),
            "{name}: the other store sees the new field"
        );
        assert_eq!(seen.version, a.schema().await.unwrap().version, "{name}");
        // Writing through the other store works at once, without asking for the schema first.
        let c = reopen(&db.location).await.unwrap();
        a.add_field(&actor, "gadgets", named("more", FieldType::Boolean)).await.unwrap();
        let r = c
            .create(&actor, "gadgets", &input(json!({"extra": 7, "more": true, "serial": "1"})))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let j = json_of(&a, "gadgets", r.id).await;
        assert_eq!((&j["extra"], &j["more"]), (&json!(7), &json!(true)), "{name}");

        // Renames and hides the other way round.
        b.update_field(
            &actor,
            "gadgets",
            "cf_extra",
            FieldPatch { api_name: Some("bonus".into()), ..FieldPatch::default() },
        )
        .await
        .unwrap();
        b.update_field(&actor, "gadgets", "secret", FieldPatch { hidden: Some(true), ..FieldPatch::default() })
            .await
            .unwrap();
        assert_eq!(json_of(&a, "gadgets", r.id).await["bonus"], 7, "{name}: the first store sees the rename");
        refused(
            name,
            "write a field hidden by another store",
            a.create(&actor, "gadgets", &input(json!({"secret": "x", "serial": "2"}))).await,
            "secret",
            "unknown_field",
        );
        // A custom object created through one store is usable through the other.
        b.create_object(
            &actor,
            custom("gizmo", "gizmos", vec![FieldDef::new("label", "Label", FieldType::Text { max_length: None })]),
        )
        .await
        .unwrap();
        a.create(&actor, "gizmos", &input(json!({"label": "made through a"})))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(count(&b, "gizmos").await, 1, "{name}");
    }
}

#[tokio::test]
async fn invalid_names_are_refused() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let actor = Actor::system();
        let name = db.name;
        let v0 = meta_version(&s).await;
        let text = || FieldType::Text { max_length: None };

        let too_long = "x".repeat(49);
        for bad in ["Bad", "1abc", "a b", "a__b", "ends_", "_x", "", "ünï", "a-b", too_long.as_str()] {
            refused(
                name,
                &format!("add field {bad:?}"),
                s.add_field(&actor, "gadgets", named(bad, text())).await,
                "api_name",
                "invalid_name",
            );
        }
        for system in ["id", "owner", "version", "team", "created_at", "updated_by", "deleted_at", "rid"] {
            let errors = invalid(
                name,
                &format!("add field {system}"),
                s.add_field(&actor, "gadgets", named(system, text())).await,
            );
            assert!(
                errors
                    .iter()
                    .all(|e| e.field == "api_name" && matches!(e.reason.code(), "invalid_name" | "name_taken"))
                    && !errors.is_empty(),
                "{name}: system name {system}: {errors:?}"
            );
        }
        refused(
            name,
            "add an existing name",
            s.add_field(&actor, "gadgets", named("color", text())).await,
            "api_name",
            "name_taken",
        );
        let mut explicit = FieldDef::new("color", "Other", text());
        explicit.api_name = "tint".into();
        refused(name, "add an existing id", s.add_field(&actor, "gadgets", explicit).await, "id", "name_taken");
        refused(
            name,
            "relation to no object",
            s.add_field(&actor, "gadgets", named("link", FieldType::Relation { target: "nothing".into() })).await,
            "target",
            "unknown_object",
        );
        for (kind, property) in [
            (FieldType::Decimal { precision: 19, scale: 2 }, "precision"),
            (FieldType::Decimal { precision: 0, scale: 0 }, "precision"),
            (FieldType::Decimal { precision: 4, scale: 5 }, "scale"),
            (FieldType::Percent { scale: 10 }, "scale"),
            (FieldType::Currency { scale: 19 }, "scale"),
            (FieldType::Rating { max: 0 }, "max"),
        ] {
            let what = format!("add {kind:?}");
            refused(name, &what, s.add_field(&actor, "gadgets", named("num", kind)).await, property, "out_of_range");
        }
        // The widest exact numbers that fit both databases are accepted.
        s.add_field(&actor, "gadgets", named("widest", FieldType::Decimal { precision: 18, scale: 4 }).indexed())
            .await
            .unwrap();
        let w = s
            .create(&actor, "gadgets", &input(json!({"serial": "w", "widest": "-99999999999999.9999"})))
            .await
            .unwrap();
        assert_eq!(json_of(&s, "gadgets", w.id).await["widest"], "-99999999999999.9999", "{name}");
        refused(
            name,
            "beyond the widest",
            s.create(&actor, "gadgets", &input(json!({"serial": "x", "widest": "100000000000000"}))).await,
            "widest",
            "out_of_range",
        );
        let v1 = meta_version(&s).await;
        assert_eq!(v1, v0 + 1, "{name}: refused fields changed no metadata");

        // Renames.
        let rename = |to: &str| FieldPatch { api_name: Some(to.into()), ..FieldPatch::default() };
        refused(
            name,
            "rename to Bad",
            s.update_field(&actor, "gadgets", "color", rename("Bad")).await,
            "api_name",
            "invalid_name",
        );
        refused(
            name,
            "rename to a taken name",
            s.update_field(&actor, "gadgets", "color", rename("name")).await,
            "api_name",
            "name_taken",
        );
        for system in ["id", "owner", "version"] {
            let errors = invalid(
                name,
                &format!("rename to {system}"),
                s.update_field(&actor, "gadgets", "color", rename(system)).await,
            );
            assert!(
                errors.len() == 1
                    && errors[0].field == "api_name"
                    && matches!(errors[0].reason.code(), "invalid_name" | "name_taken"),
                "{name}: rename to {system}: {errors:?}"
            );
        }
        assert_eq!(meta_version(&s).await, v1, "{name}: refused renames changed no metadata");

        // Objects.
        let object = |id: &str, api: &str, fields: Vec<FieldDef>| custom(id, api, fields);
        let label = || FieldDef::new("label", "Label", text());
        for (def, field, code) in [
            (object("Bad", "bads", vec![label()]), "id", "invalid_name"),
            (object(&"o".repeat(41), "longs", vec![label()]), "id", "invalid_name"),
            (object("company", "firms", vec![label()]), "id", "name_taken"),
            (object("firm", "companies", vec![label()]), "api_name", "name_taken"),
            (object("firm", "person", vec![label()]), "api_name", "name_taken"),
            (object("firm", "Firms", vec![label()]), "api_name", "invalid_name"),
            (object("firm", "firms", vec![label(), label()]), "fields.1.id", "name_taken"),
            (
                object("firm", "firms", vec![label(), FieldDef::new("owner", "Owner", text())]),
                "fields.1.api_name",
                "invalid_name",
            ),
            (object("firm", "firms", vec![FieldDef::new("a__b", "X", text())]), "fields.0.api_name", "invalid_name"),
            (
                object("firm", "firms", vec![FieldDef::new("up", "Up", FieldType::Relation { target: "nope".into() })]),
                "fields.0.target",
                "unknown_object",
            ),
            (
                object("firm", "firms", vec![FieldDef::new("d", "D", FieldType::Decimal { precision: 30, scale: 2 })]),
                "fields.0.precision",
                "out_of_range",
            ),
        ] {
            let errors =
                invalid(name, &format!("create object {}", def.id), s.create_object(&actor, def.clone()).await);
            assert!(
                errors.iter().any(|e| e.field == field && e.reason.code() == code),
                "{name}: object {}/{}: expected {field} {code}, got {errors:?}",
                def.id,
                def.api_name
            );
        }
        let mut same_api = label();
        same_api.id = "label2".into();
        refused(
            name,
            "two fields, one API name",
            s.create_object(&actor, object("firm", "firms", vec![label(), same_api])).await,
            "fields.1.api_name",
            "name_taken",
        );
        assert_eq!(meta_version(&s).await, v1, "{name}: refused objects changed no metadata");
        assert!(catalog_columns(&db.location, "obj_firm").await.is_empty(), "{name}: no table for a refused object");

        // A relation to the object itself is fine.
        let tree = object(
            "node",
            "nodes",
            vec![label(), FieldDef::new("parent", "Parent", FieldType::Relation { target: "node".into() }).indexed()],
        );
        s.create_object(&actor, tree).await.unwrap_or_else(|e| panic!("{name}: self relation: {e}"));
        let root = s.create(&actor, "nodes", &input(json!({"label": "root"}))).await.unwrap();
        let leaf =
            s.create(&actor, "nodes", &input(json!({"label": "leaf", "parent": root.id.to_string()}))).await.unwrap();
        assert_eq!(leaf.get("parent"), &Value::Uuid(root.id), "{name}");
    }
}

/// PostgreSQL cuts identifiers at 63 bytes: long object and field names must still get
/// distinct indexes, and a unique violation found by the index still names its field.
#[tokio::test]
async fn long_names_get_distinct_indexes() {
    for db in each_backend().await {
        let s = &db.store;
        let actor = Actor::system();
        let name = db.name;
        let id = "o".repeat(40);
        let prefix = "a_rather_long_field_name_that_goes_on";
        let fields = vec![
            FieldDef::new(&format!("{prefix}_one"), "One", FieldType::Text { max_length: None }).unique(),
            FieldDef::new(&format!("{prefix}_two"), "Two", FieldType::Text { max_length: None }).unique(),
        ];
        s.create_object(&actor, custom(&id, "longs", fields)).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut added = Vec::new();
        for suffix in ["three", "four"] {
            let field = named(&format!("{prefix}_{suffix}"), FieldType::Integer { min: None, max: None }).indexed();
            added.push(s.add_field(&actor, "longs", field).await.unwrap_or_else(|e| panic!("{name}: {e}")).id);
        }
        let one = format!("{prefix}_one");
        let two = format!("{prefix}_two");
        s.create(&actor, "longs", &input(json!({ &one: "x", &two: "y" }))).await.unwrap();
        refused(
            name,
            "duplicate two",
            s.create(&actor, "longs", &input(json!({ &two: "Y" }))).await,
            &two,
            "duplicate",
        );
        refused(
            name,
            "duplicate one",
            s.create(&actor, "longs", &input(json!({ &one: "X" }))).await,
            &one,
            "duplicate",
        );
        // Racing writers meet the index itself, which must still name the field.
        let (p, q) = (input(json!({ &two: "race" })), input(json!({ &two: "RACE" })));
        let (x, y) = tokio::join!(s.create(&actor, "longs", &p), s.create(&actor, "longs", &q));
        let outcomes = [x, y];
        assert_eq!(outcomes.iter().filter(|r| r.is_ok()).count(), 1, "{name}: {outcomes:?}");
        refused(name, "racing duplicate", outcomes.into_iter().find(Result::is_err).unwrap(), &two, "duplicate");
        let sort = ListQuery { sort: vec![SortKey::asc(&format!("{prefix}_four"))], limit: 10, ..ListQuery::default() };
        assert_eq!(s.list(&actor, "longs", sort).await.unwrap().records.len(), 2, "{name}");
        for field in &added {
            s.update_field(&actor, "longs", field, FieldPatch { hidden: Some(true), ..FieldPatch::default() })
                .await
                .unwrap();
            s.purge_field(&actor, "longs", field).await.unwrap_or_else(|e| panic!("{name}: purge {field}: {e}"));
        }
        // After a purge, the same name can be added (and indexed) again.
        let field = named(&format!("{prefix}_four"), FieldType::Integer { min: None, max: None }).indexed();
        s.add_field(&actor, "longs", field).await.unwrap_or_else(|e| panic!("{name}: add again: {e}"));
    }
}

/// A purged field's name can come back with another type: statements prepared for the
/// old column (PostgreSQL caches them per connection) must not break reads or writes.
#[tokio::test]
async fn a_name_purged_and_added_again_with_another_type() {
    for db in each_backend().await {
        let s = setup(&db).await;
        let other = reopen(&db.location).await.unwrap();
        let actor = Actor::system();
        let name = db.name;
        let when = s.add_field(&actor, "gadgets", named("when", FieldType::Date).indexed()).await.unwrap();
        let g = s.create(&actor, "gadgets", &input(json!({"serial": "1", "when": "2024-01-02"}))).await.unwrap();
        // Read (and so prepare) through every pooled connection of both stores.
        for store in [&s, &other] {
            for _ in 0..8 {
                assert_eq!(json_of(store, "gadgets", g.id).await["when"], "2024-01-02", "{name}");
                let sort = ListQuery { sort: vec![SortKey::asc("when")], limit: 10, ..ListQuery::default() };
                store.list(&actor, "gadgets", sort).await.unwrap();
            }
        }
        let hide = FieldPatch { hidden: Some(true), ..FieldPatch::default() };
        s.update_field(&actor, "gadgets", &when.id, hide).await.unwrap();
        s.purge_field(&actor, "gadgets", &when.id).await.unwrap();
        let number = || FieldType::Integer { min: None, max: None };
        // The purged id is retired: asked for by name, it is refused.
        let mut explicit = FieldDef::new(&when.id, "When", number());
        explicit.api_name = "when".into();
        refused(name, "re-add a retired id", s.add_field(&actor, "gadgets", explicit).await, "id", "name_taken");
        let again = s.add_field(&actor, "gadgets", named("when", number()).indexed()).await.unwrap();
        assert_ne!(again.id, when.id, "{name}: a purged column name is never used again");
        for store in [&s, &other] {
            for i in 0..8 {
                let got = store.get(&actor, "gadgets", g.id).await;
                let got = got.unwrap_or_else(|e| panic!("{name}: read {i} after the type changed: {e}"));
                let object = store.schema().await.unwrap().object_by_api("gadgets").unwrap().clone();
                assert!(got.to_json(&object).get("when").is_none(), "{name}: the purged date is gone");
                let sort = ListQuery { sort: vec![SortKey::asc("when")], limit: 10, ..ListQuery::default() };
                let page = store.list(&actor, "gadgets", sort).await;
                assert!(page.is_ok(), "{name}: list {i} after the type changed: {page:?}");
            }
        }
        let g = s.get(&actor, "gadgets", g.id).await.unwrap();
        let g = other
            .update(&actor, "gadgets", g.id, g.version, &input(json!({"when": 42})))
            .await
            .unwrap_or_else(|e| panic!("{name}: write after the type changed: {e}"));
        assert_eq!(json_of(&s, "gadgets", g.id).await["when"], 42, "{name}");
    }
}
