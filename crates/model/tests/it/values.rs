//! JSON in and out per field type, and the errors bad input gets.

use rapport_model::field::{FieldDef, FieldType, SelectOption};
use rapport_model::value::{Mode, changes_from_json, value_from_json};
use rapport_model::{ModelError, ObjectDef, Reason, Value, ValueContext};
use serde_json::{Value as Json, json};

fn ctx() -> ValueContext {
    ValueContext { default_region: "HU".into() }
}

fn field(kind: FieldType) -> FieldDef {
    FieldDef::new("f", "F", kind)
}

fn ok(kind: FieldType, input: Json) -> Json {
    value_from_json(&field(kind), &input, &ctx()).unwrap_or_else(|e| panic!("{input}: {e}")).to_json()
}

fn reason(kind: FieldType, input: Json) -> Reason {
    value_from_json(&field(kind), &input, &ctx()).expect_err(&input.to_string()).reason
}

#[test]
fn scalars_round_trip() {
    assert_eq!(ok(FieldType::Text { max_length: Some(5) }, json!("  abc ")), json!("abc"));
    assert_eq!(ok(FieldType::Text { max_length: None }, json!("")), Json::Null);
    assert_eq!(ok(FieldType::Integer { min: Some(0), max: Some(10) }, json!("7")), json!(7));
    assert_eq!(ok(FieldType::Decimal { precision: 10, scale: 2 }, json!("12.50")), json!("12.5"));
    assert_eq!(ok(FieldType::Decimal { precision: 10, scale: 2 }, json!(0.1)), json!("0.1"));
    assert_eq!(ok(FieldType::Percent { scale: 2 }, json!("12.5")), json!("12.5"));
    assert_eq!(ok(FieldType::Boolean, json!("yes")), json!(true));
    assert_eq!(ok(FieldType::Date, json!("2024-02-29")), json!("2024-02-29"));
    assert_eq!(
        ok(FieldType::DateTime, json!("2024-03-01T10:00:00.1234567+02:00")),
        json!("2024-03-01T08:00:00.123456Z")
    );
    assert_eq!(
        ok(FieldType::Currency { scale: 2 }, json!({"amount": "1234.5", "currency": "huf"})),
        json!({"amount": "1234.50", "currency": "HUF"})
    );
    assert_eq!(ok(FieldType::Rating { max: 5 }, json!(5)), json!(5));
    assert_eq!(ok(FieldType::Json, json!({"a": [1, 2]})), json!({"a": [1, 2]}));
    assert_eq!(ok(FieldType::Email { multiple: false }, json!("Anna@Példa.HU")), json!("anna@példa.hu"));
    assert_eq!(ok(FieldType::Phone { multiple: false }, json!("06 30 123 4567")), json!("+36301234567"));
    assert_eq!(ok(FieldType::Url { multiple: false }, json!("example.hu/a")), json!("https://example.hu/a"));
}

#[test]
fn composites_and_lists() {
    let options = vec![SelectOption::new("a", "A"), SelectOption::new("b", "B")];
    assert_eq!(ok(FieldType::Select { options: options.clone() }, json!("b")), json!("b"));
    assert_eq!(ok(FieldType::MultiSelect { options: options.clone() }, json!(["b", "a", "b"])), json!(["b", "a"]));
    assert_eq!(
        ok(FieldType::Address, json!({"city": "Szeged", "country": "hun"})),
        json!({"city": "Szeged", "country": "HU"})
    );
    assert_eq!(
        ok(FieldType::FullName, json!({"first": "Árpád", "last": "Őry"})),
        json!({"first": "Árpád", "last": "Őry"})
    );
    let emails = ok(
        FieldType::Email { multiple: true },
        json!(["A@x.hu", {"value": "b@x.hu", "primary": true, "label": "home"}, "a@X.HU"]),
    );
    assert_eq!(emails.as_array().unwrap().len(), 2, "duplicates by normalised value are dropped");
    assert_eq!(emails[0]["primary"], false);
    assert_eq!(emails[1]["primary"], true);
    assert_eq!(emails[1]["label"], "home");
}

#[test]
fn bad_values_name_the_reason() {
    assert_eq!(reason(FieldType::Text { max_length: Some(3) }, json!("abcd")), Reason::TooLong { max: 3 });
    assert!(matches!(reason(FieldType::Integer { min: Some(0), max: Some(10) }, json!(11)), Reason::OutOfRange { .. }));
    assert!(matches!(reason(FieldType::Integer { min: None, max: None }, json!("x")), Reason::WrongType { .. }));
    assert_eq!(reason(FieldType::Decimal { precision: 5, scale: 2 }, json!("1.234")), Reason::TooPrecise { scale: 2 });
    assert!(matches!(reason(FieldType::Decimal { precision: 5, scale: 2 }, json!("1000")), Reason::OutOfRange { .. }));
    assert_eq!(
        reason(FieldType::Currency { scale: 2 }, json!({"amount": "1", "currency": "XYZ"})),
        Reason::UnknownCurrency
    );
    assert_eq!(reason(FieldType::Date, json!("2023-02-29")), Reason::NotADate);
    assert_eq!(reason(FieldType::DateTime, json!("yesterday")), Reason::NotADateTime);
    assert_eq!(reason(FieldType::Select { options: vec![] }, json!("x")), Reason::UnknownOption { value: "x".into() });
    assert_eq!(reason(FieldType::Email { multiple: false }, json!("not-an-email")), Reason::NotAnEmail);
    assert_eq!(reason(FieldType::Phone { multiple: false }, json!("123")), Reason::NotAPhone);
    assert_eq!(reason(FieldType::Url { multiple: false }, json!("ftp://x.hu")), Reason::NotAUrl);
    assert_eq!(reason(FieldType::Relation { target: "company".into() }, json!("nope")), Reason::NotAUuid);
    assert_eq!(reason(FieldType::Address, json!({"country": "Atlantis"})), Reason::UnknownCountry);
    assert_eq!(reason(FieldType::Address, json!({"town": "x"})), Reason::UnknownSubfield { name: "town".into() });
    let err =
        value_from_json(&field(FieldType::Email { multiple: true }), &json!(["a@b.hu", "bad"]), &ctx()).unwrap_err();
    assert_eq!(err.field, "f.1", "the failing item is named");
}

#[test]
fn changes_collect_every_error_and_check_required() {
    let object = ObjectDef {
        id: "thing".into(),
        api_name: "things".into(),
        label: "Thing".into(),
        label_plural: "Things".into(),
        is_standard: false,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: Some("name".into()),
        fields: vec![
            FieldDef::new("name", "Name", FieldType::Text { max_length: Some(10) }).required(),
            FieldDef::new("n", "N", FieldType::Integer { min: None, max: None }),
        ],
    };
    let input = json!({"n": "x", "nope": 1, "id": "ignored", "version": 3});
    let Err(ModelError::Invalid(errors)) = changes_from_json(&object, input.as_object().unwrap(), Mode::Create, &ctx())
    else {
        panic!("expected errors");
    };
    let mut named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    named.sort_unstable();
    assert_eq!(named, vec!["n", "name", "nope"]);
    let update = json!({"n": 4});
    let changes = changes_from_json(&object, update.as_object().unwrap(), Mode::Update, &ctx()).unwrap();
    assert_eq!(changes.values.get("n"), Some(&Value::Integer(4)));
    let clear = json!({"name": null});
    assert!(
        changes_from_json(&object, clear.as_object().unwrap(), Mode::Update, &ctx()).is_err(),
        "a required field cannot be cleared"
    );
}

#[test]
fn integers_beyond_64_bits_are_out_of_range_not_of_the_wrong_type() {
    let any = || FieldType::Integer { min: None, max: None };
    let huge: Json = serde_json::from_str("123456789012345678901234567890").unwrap();
    assert!(matches!(reason(any(), huge), Reason::OutOfRange { .. }));
    let negative: Json = serde_json::from_str("-99999999999999999999").unwrap();
    assert!(matches!(reason(any(), negative), Reason::OutOfRange { .. }));
    assert!(matches!(reason(any(), json!("99999999999999999999")), Reason::OutOfRange { .. }));
    assert!(matches!(reason(any(), json!(1.5)), Reason::WrongType { .. }));
    assert!(matches!(reason(any(), json!(5.0)), Reason::WrongType { .. }), "a float is no integer");
    assert!(matches!(reason(any(), json!("12a")), Reason::WrongType { .. }));
    assert_eq!(ok(any(), json!(i64::MAX)), json!(i64::MAX));
}

#[test]
fn a_field_takes_at_most_max_contact_points() {
    use rapport_model::value::MAX_CONTACT_POINTS;
    let emails = |n: usize| Json::from((0..n).map(|i| format!("p{i}@example.com")).collect::<Vec<_>>());
    let kind = || FieldType::Email { multiple: true };
    assert_eq!(ok(kind(), emails(MAX_CONTACT_POINTS)).as_array().map(Vec::len), Some(MAX_CONTACT_POINTS));
    assert_eq!(reason(kind(), emails(MAX_CONTACT_POINTS + 1)), Reason::TooMany { max: MAX_CONTACT_POINTS as u32 });
    assert_eq!(reason(kind(), emails(5_000)), Reason::TooMany { max: 100 }, "refused before any is checked");
    let phones = Json::from((0..=MAX_CONTACT_POINTS).map(|i| format!("+3630{i:07}")).collect::<Vec<_>>());
    assert_eq!(reason(FieldType::Phone { multiple: true }, phones), Reason::TooMany { max: 100 });
}

/// A record as the API writes it, straight from the record: system fields, visible
/// fields with a value, only the `fields` asked for, related records in place of ids.
#[test]
fn records_are_written_with_their_projection_and_expansions() {
    use std::collections::HashMap;

    use rapport_model::{Embedded, Record, RecordJson};
    let at = time::macros::datetime!(2026-01-02 03:04:05.000006 UTC);
    let record = |values: Vec<(&str, Value)>| Record {
        rid: 1,
        id: uuid::Uuid::now_v7(),
        created_at: at,
        updated_at: at,
        created_by: None,
        updated_by: None,
        owner_id: Some(uuid::Uuid::nil()),
        team_id: None,
        version: 3,
        deleted_at: None,
        values: values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
    };
    let company = rapport_model::standard::company();
    let acme = record(vec![("name", Value::Text("Acme".into()))]);
    let mut person = rapport_model::standard::person();
    person.fields.retain(|f| ["title", "company", "occupation"].contains(&f.id.as_str()));
    person.fields.iter_mut().filter(|f| f.id == "occupation").for_each(|f| f.hidden = true);
    let mut ada = record(vec![
        ("title", Value::Text("CTO".into())),
        ("company", Value::Uuid(acme.id)),
        ("occupation", Value::Text("hidden from the API".into())),
    ]);
    let json = |r: RecordJson<'_>| serde_json::to_value(r).expect("a record serializes");

    let whole = json(RecordJson::new(&ada, &person));
    assert_eq!(
        whole,
        json!({
            "id": ada.id.to_string(), "version": 3,
            "created_at": "2026-01-02T03:04:05.000006Z", "updated_at": "2026-01-02T03:04:05.000006Z",
            "created_by": null, "updated_by": null, "owner": uuid::Uuid::nil().to_string(), "team": null,
            "title": "CTO", "company": acme.id.to_string(),
        })
    );
    assert_eq!(whole, ada.to_json(&person), "to_json is the same shape");

    let only = ["title".to_owned()];
    assert_eq!(
        json(RecordJson::new(&ada, &person).only(Some(&only))),
        json!({"id": ada.id.to_string(), "title": "CTO"})
    );

    let companies = HashMap::from([(acme.id, acme.clone())]);
    let embedded = [Embedded { field_id: "company", object: &company, records: &companies }];
    let expanded = json(RecordJson::new(&ada, &person).embedding(&embedded));
    assert_eq!(expanded["company"]["name"], json!("Acme"));
    assert_eq!(expanded["company"]["id"], json!(acme.id.to_string()));

    ada.deleted_at = Some(at);
    assert_eq!(json(RecordJson::new(&ada, &person))["deleted_at"], json!("2026-01-02T03:04:05.000006Z"));
}
