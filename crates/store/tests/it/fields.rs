//! Every field type through `Store::create/get/update` with JSON input, on each
//! backend: what is accepted comes back exactly (decimals, money and datetimes
//! included), what is refused names the field and the reason and changes nothing, and
//! exact values sort numerically on both databases.

use rapport_model::{Actor, FieldDef, FieldType, ObjectDef, Record, SelectOption, SortKey, Value};
use rapport_store::{ListQuery, Store, StoreError};
use serde_json::{Value as Json, json};
use time::macros::datetime;

use crate::harness::{TestDb, custom, each_backend, input, invalid, refused};

const OBJ: &str = "specimens";

fn options(values: &[&str]) -> Vec<SelectOption> {
    values.iter().map(|v| SelectOption::new(v, &v.to_uppercase())).collect()
}

/// One field of every storable type.
fn specimen() -> ObjectDef {
    use FieldType as T;
    custom(
        "specimen",
        OBJ,
        vec![
            FieldDef::new("title", "Title", T::Text { max_length: Some(10) }).indexed(),
            FieldDef::new("body", "Body", T::LongText),
            FieldDef::new("qty", "Quantity", T::Integer { min: Some(-5), max: Some(100) }).indexed(),
            FieldDef::new("big", "Big", T::Integer { min: None, max: None }),
            FieldDef::new("price", "Price", T::Decimal { precision: 8, scale: 2 }).indexed(),
            FieldDef::new("budget", "Budget", T::Currency { scale: 2 }).indexed(),
            FieldDef::new("share", "Share", T::Percent { scale: 2 }),
            FieldDef::new("active", "Active", T::Boolean),
            FieldDef::new("due_on", "Due", T::Date).indexed(),
            FieldDef::new("seen_at", "Seen", T::DateTime).indexed(),
            FieldDef::new("stage", "Stage", T::Select { options: options(&["new", "won", "lost"]) }),
            FieldDef::new("colors", "Colors", T::MultiSelect { options: options(&["red", "green", "blue"]) }),
            FieldDef::new("email", "Email", T::Email { multiple: false }),
            FieldDef::new("phone", "Phone", T::Phone { multiple: false }),
            FieldDef::new("site", "Site", T::Url { multiple: false }),
            FieldDef::new("emails", "Emails", T::Email { multiple: true }),
            FieldDef::new("phones", "Phones", T::Phone { multiple: true }),
            FieldDef::new("sites", "Sites", T::Url { multiple: true }),
            FieldDef::new("socials", "Social", T::Social),
            FieldDef::new("addr", "Address", T::Address),
            FieldDef::new("person_name", "Name", T::FullName),
            FieldDef::new("stars", "Stars", T::Rating { max: 5 }),
            FieldDef::new("company", "Company", T::Relation { target: "company".into() }),
            FieldDef::new("data", "Data", T::Json),
            FieldDef::new("doc", "Document", T::Attachment),
            FieldDef::new(
                "total",
                "Total",
                T::Formula { expression: "qty * price".into(), result: rapport_model::field::ScalarKind::Decimal },
            ),
        ],
    )
}

async fn with_specimen(db: &TestDb) -> ObjectDef {
    db.store
        .create_object(&Actor::system(), specimen())
        .await
        .unwrap_or_else(|e| panic!("{}: create_object: {e}", db.name))
}

async fn count(store: &Store, object: &str) -> i64 {
    store.count(&Actor::system(), object, ListQuery::default()).await.unwrap()
}

async fn schema_object(store: &Store, object: &str) -> ObjectDef {
    store.schema().await.unwrap().object_by_api(object).unwrap().clone()
}

/// Creates a record with `fields` and returns it as read back through `get`, in JSON.
async fn round_trip(db: &TestDb, fields: Json) -> (Record, Json) {
    let actor = Actor::system();
    let created = db
        .store
        .create(&actor, OBJ, &input(fields.clone()))
        .await
        .unwrap_or_else(|e| panic!("{}: create {fields}: {e}", db.name));
    let got = db.store.get(&actor, OBJ, created.id).await.unwrap();
    let object = schema_object(&db.store, OBJ).await;
    assert_eq!(
        created.to_json(&object),
        got.to_json(&object),
        "{}: the record create answered differs from the one read back ({fields})",
        db.name
    );
    let json = got.to_json(&object);
    (got, json)
}

/// Checks that `value` of `field` is refused on create with `code` at `path`, that no
/// record was written, and that the same value is refused on update without changing
/// the record.
async fn refuses(db: &TestDb, field: &str, value: Json, path: &str, code: &str) {
    let actor = Actor::system();
    let s = &db.store;
    let before = count(s, OBJ).await;
    let what = format!("create {field}={value}");
    refused(db.name, &what, s.create(&actor, OBJ, &input(json!({ field: value.clone() }))).await, path, code);
    assert_eq!(count(s, OBJ).await, before, "{}: {what} wrote a record", db.name);

    let target = s.create(&actor, OBJ, &input(json!({"title": "target"}))).await.unwrap();
    let what = format!("update {field}={value}");
    refused(
        db.name,
        &what,
        s.update(&actor, OBJ, target.id, target.version, &input(json!({ field: value }))).await,
        path,
        code,
    );
    let after = s.get(&actor, OBJ, target.id).await.unwrap();
    assert_eq!(after.version, target.version, "{}: {what} changed the version", db.name);
    assert_eq!(after.values, target.values, "{}: {what} changed the record", db.name);
    s.purge(&actor, OBJ, s.delete(&actor, OBJ, target.id, None).await.unwrap().id).await.unwrap();
}

#[tokio::test]
async fn text_and_long_text() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (_, j) = round_trip(&db, json!({"title": "  Ωmega Ωmeg  "})).await;
        assert_eq!(j["title"], "Ωmega Ωmeg", "{}: ten characters (not bytes) fit, trimmed", db.name);
        let (_, j) = round_trip(&db, json!({"title": "   "})).await;
        assert!(j.get("title").is_none(), "{}: blank text is no value: {j}", db.name);
        refuses(&db, "title", json!("01234567890"), "title", "too_long").await;
        refuses(&db, "title", json!(["a"]), "title", "wrong_type").await;

        let long = format!("# Title\n\n{}\n\n- item ☃ \"quoted\" 'single' \\ back", "Λόρεμ ipsum ".repeat(3000));
        let (_, j) = round_trip(&db, json!({"body": long})).await;
        assert_eq!(j["body"], Json::String(long.clone()), "{}: long text round-trips exactly", db.name);
    }
}

#[tokio::test]
async fn integers_and_ratings() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (_, j) = round_trip(&db, json!({"qty": 100, "big": i64::MAX, "stars": 5})).await;
        assert_eq!((&j["qty"], &j["big"], &j["stars"]), (&json!(100), &json!(i64::MAX), &json!(5)), "{}", db.name);
        let (_, j) = round_trip(&db, json!({"qty": "-5", "big": i64::MIN, "stars": 0})).await;
        assert_eq!((&j["qty"], &j["big"], &j["stars"]), (&json!(-5), &json!(i64::MIN), &json!(0)), "{}", db.name);
        refuses(&db, "qty", json!(101), "qty", "out_of_range").await;
        refuses(&db, "qty", json!(-6), "qty", "out_of_range").await;
        refuses(&db, "qty", json!(1.5), "qty", "wrong_type").await;
        refuses(&db, "qty", json!("ten"), "qty", "wrong_type").await;
        refuses(&db, "stars", json!(6), "stars", "out_of_range").await;
        refuses(&db, "stars", json!(-1), "stars", "out_of_range").await;
    }
}

#[tokio::test]
async fn decimals_and_percents() {
    for db in each_backend().await {
        with_specimen(&db).await;
        for (given, shown) in [
            (json!("123456.78"), "123456.78"),
            (json!("-999999.99"), "-999999.99"),
            (json!("0.1"), "0.1"),
            (json!(0.1), "0.1"),
            (json!("12.30"), "12.3"),
            (json!(42), "42"),
            (json!("1e2"), "100"),
        ] {
            let (r, j) = round_trip(&db, json!({"price": given})).await;
            assert_eq!(j["price"], shown, "{}: decimal {given}", db.name);
            let Value::Decimal(d) = r.get("price") else { panic!("{}: not a decimal: {r:?}", db.name) };
            assert_eq!(d.to_string(), shown, "{}: decimal {given} exactly", db.name);
        }
        refuses(&db, "price", json!("1.234"), "price", "too_precise").await;
        refuses(&db, "price", json!("1000000"), "price", "out_of_range").await;
        refuses(&db, "price", json!("-1000000.00"), "price", "out_of_range").await;
        refuses(&db, "price", json!("twelve"), "price", "wrong_type").await;
        refuses(&db, "price", json!(true), "price", "wrong_type").await;

        let (_, j) = round_trip(&db, json!({"share": "12.5"})).await;
        assert_eq!(j["share"], "12.5", "{}: percent", db.name);
        let (_, j) = round_trip(&db, json!({"share": -0.25})).await;
        assert_eq!(j["share"], "-0.25", "{}: percent", db.name);
        let (_, j) = round_trip(&db, json!({"share": "999999999.99"})).await;
        assert_eq!(j["share"], "999999999.99", "{}: the largest percent", db.name);
        refuses(&db, "share", json!("12.345"), "share", "too_precise").await;
        refuses(&db, "share", json!("1000000000"), "share", "out_of_range").await;
    }
}

#[tokio::test]
async fn currency_amounts_are_exact() {
    for db in each_backend().await {
        with_specimen(&db).await;
        for (amount, currency, shown, code) in [
            (json!("1234.56"), "eur", "1234.56", "EUR"),
            (json!("10.5"), "EUR", "10.50", "EUR"),
            (json!(19.99), "USD", "19.99", "USD"),
            (json!("-0.01"), "GBP", "-0.01", "GBP"),
            (json!("500"), "JPY", "500", "JPY"),
            (json!("92233720368547758.07"), "EUR", "92233720368547758.07", "EUR"),
            (json!("-92233720368547758.07"), "EUR", "-92233720368547758.07", "EUR"),
        ] {
            let (r, j) = round_trip(&db, json!({"budget": {"amount": amount, "currency": currency}})).await;
            assert_eq!(
                j["budget"],
                json!({"amount": shown, "currency": code}),
                "{}: money {amount} {currency}",
                db.name
            );
            let Value::Money { amount: a, .. } = r.get("budget") else { panic!("{}: not money: {r:?}", db.name) };
            assert_eq!(a.to_string(), shown, "{}: money {amount} exactly", db.name);
        }
        let money = |amount: &str, currency: &str| json!({"amount": amount, "currency": currency});
        refuses(&db, "budget", money("1.234", "EUR"), "budget", "too_precise").await;
        refuses(&db, "budget", money("500.5", "JPY"), "budget", "too_precise").await;
        refuses(&db, "budget", money("92233720368547758.08", "EUR"), "budget", "out_of_range").await;
        refuses(&db, "budget", money("10", "ABC"), "budget", "unknown_currency").await;
        refuses(&db, "budget", money("10", "EURO"), "budget", "unknown_currency").await;
        refuses(&db, "budget", json!({"amount": "10"}), "budget", "unknown_currency").await;
        refuses(&db, "budget", json!("10 EUR"), "budget", "wrong_type").await;
        refuses(&db, "budget", json!({"amount": "ten", "currency": "EUR"}), "budget", "wrong_type").await;
    }
}

#[tokio::test]
async fn booleans_dates_and_datetimes() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (_, j) = round_trip(&db, json!({"active": false})).await;
        assert_eq!(j["active"], false, "{}: false is a value", db.name);
        let (_, j) = round_trip(&db, json!({"active": "yes"})).await;
        assert_eq!(j["active"], true, "{}", db.name);
        refuses(&db, "active", json!("maybe"), "active", "wrong_type").await;

        for date in ["2024-02-29", "0001-01-01", "9999-12-31", "1969-12-31"] {
            let (_, j) = round_trip(&db, json!({"due_on": date})).await;
            assert_eq!(j["due_on"], date, "{}: date {date}", db.name);
        }
        for bad in
            ["2023-02-29", "2024-13-01", "2024-1-5", "yesterday", "2024-01-01T00:00:00Z", "-0044-03-15", "+2024-01-01"]
        {
            refuses(&db, "due_on", json!(bad), "due_on", "not_a_date").await;
        }

        for (given, shown, exact) in [
            (
                "2024-03-10T14:30:15.123456+02:00",
                "2024-03-10T12:30:15.123456Z",
                datetime!(2024-03-10 12:30:15.123456 UTC),
            ),
            ("2024-03-10T23:30:00-05:00", "2024-03-11T04:30:00Z", datetime!(2024-03-11 04:30:00 UTC)),
            (
                "2024-01-01T00:00:00.123456789Z",
                "2024-01-01T00:00:00.123456Z",
                datetime!(2024-01-01 00:00:00.123456 UTC),
            ),
            (
                "2024-01-01T00:00:00.9999999+00:00",
                "2024-01-01T00:00:00.999999Z",
                datetime!(2024-01-01 00:00:00.999999 UTC),
            ),
            ("1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z", datetime!(1969-12-31 23:59:59.999999 UTC)),
            ("1900-06-01t08:00:00.5+13:45", "1900-05-31T18:15:00.500000Z", datetime!(1900-05-31 18:15:00.5 UTC)),
            ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", datetime!(0001-01-01 00:00:00 UTC)),
            ("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z", datetime!(9999-12-31 23:59:59.999999 UTC)),
        ] {
            let (r, j) = round_trip(&db, json!({"seen_at": given})).await;
            assert_eq!(j["seen_at"], shown, "{}: datetime {given}", db.name);
            assert_eq!(r.get("seen_at"), &Value::DateTime(exact), "{}: datetime {given} exactly", db.name);
        }
        for bad in [
            "2024-03-10 14:30",
            "2024-03-10T14:30:00",
            "2024-03-10",
            "now",
            "2024-02-30T00:00:00Z",
            "9999-12-31T23:30:00-01:00",
            "0001-01-01T00:30:00+01:00",
        ] {
            refuses(&db, "seen_at", json!(bad), "seen_at", "not_a_datetime").await;
        }
    }
}

#[tokio::test]
async fn selects_and_multi_selects() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (_, j) = round_trip(&db, json!({"stage": " won ", "colors": ["blue", "red", "blue"]})).await;
        assert_eq!((&j["stage"], &j["colors"]), (&json!("won"), &json!(["blue", "red"])), "{}", db.name);
        refuses(&db, "stage", json!("maybe"), "stage", "unknown_option").await;
        refuses(&db, "stage", json!("WON"), "stage", "unknown_option").await;
        refuses(&db, "colors", json!(["red", "pink"]), "colors", "unknown_option").await;
        refuses(&db, "colors", json!("red"), "colors", "wrong_type").await;
    }
}

#[tokio::test]
async fn single_contact_fields() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (_, j) = round_trip(
            &db,
            json!({"email": " Maria@Example.GR ", "phone": "210 123 4567", "site": "Example.GR/Path?q=A"}),
        )
        .await;
        assert_eq!(j["email"], "maria@example.gr", "{}", db.name);
        assert_eq!(j["phone"], "+302101234567", "{}", db.name);
        assert_eq!(j["site"], "https://example.gr/Path?q=A", "{}", db.name);
        refuses(&db, "email", json!("not-an-email"), "email", "not_an_email").await;
        refuses(&db, "phone", json!("12ab"), "phone", "not_a_phone").await;
        refuses(&db, "site", json!("javascript:alert(1)"), "site", "not_a_url").await;
    }
}

#[tokio::test]
async fn multiple_contact_fields() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (r, j) = round_trip(
            &db,
            json!({
                "emails": ["home@example.gr", {"value": "Work@Example.GR", "label": "work", "primary": true, "opt_out": true}],
                "phones": ["+36 1 234 5678", "210 123 4567"],
                "sites": ["example.gr"],
                "socials": [{"value": "@Maria", "label": "mastodon"}]
            }),
        )
        .await;
        assert_eq!(
            j["emails"],
            json!([
                {"value": "home@example.gr", "normalized": "home@example.gr", "primary": false, "opt_out": false, "invalid": false},
                {"value": "Work@Example.GR", "normalized": "work@example.gr", "label": "work", "primary": true, "opt_out": true, "invalid": false}
            ]),
            "{}",
            db.name
        );
        let normalized = |field: &str| -> Vec<Json> {
            j[field].as_array().unwrap().iter().map(|p| p["normalized"].clone()).collect()
        };
        assert_eq!(normalized("phones"), vec![json!("+3612345678"), json!("+302101234567")], "{}", db.name);
        assert_eq!(j["phones"][0]["primary"], true, "{}: the first is primary when none is chosen", db.name);
        assert_eq!(normalized("sites"), vec![json!("https://example.gr")], "{}", db.name);
        assert_eq!(j["socials"][0]["value"], "@Maria", "{}", db.name);
        assert_eq!(j["socials"][0]["label"], "mastodon", "{}", db.name);

        // Replacing a list replaces the rows; an empty list clears it.
        let s = &db.store;
        let actor = Actor::system();
        let updated = s
            .update(&actor, OBJ, r.id, r.version, &input(json!({"emails": ["only@example.gr"], "phones": []})))
            .await
            .unwrap();
        let object = schema_object(s, OBJ).await;
        let j = s.get(&actor, OBJ, r.id).await.unwrap().to_json(&object);
        assert_eq!(j["emails"].as_array().map(Vec::len), Some(1), "{}: {j}", db.name);
        assert_eq!(j["emails"][0]["normalized"], "only@example.gr", "{}", db.name);
        assert!(j.get("phones").is_none(), "{}: cleared phones: {j}", db.name);
        assert_eq!(updated.to_json(&object), j, "{}: update answers what get reads", db.name);

        refuses(&db, "emails", json!(["ok@example.gr", "not an email"]), "emails.1", "not_an_email").await;
        refuses(&db, "phones", json!(["abc"]), "phones.0", "not_a_phone").await;
        refuses(&db, "sites", json!(["example.gr", "ftp://example.gr"]), "sites.1", "not_a_url").await;
        refuses(&db, "socials", json!([{"value": "  "}]), "socials.0", "wrong_type").await;
        refuses(&db, "emails", json!([{"label": "no value"}]), "emails.0", "wrong_type").await;
        refuses(
            &db,
            "emails",
            json!([{"value": "a@example.gr", "label": "x".repeat(65)}]),
            "emails.0.label",
            "too_long",
        )
        .await;
        refuses(&db, "emails", json!(12), "emails", "wrong_type").await;
    }
}

#[tokio::test]
async fn addresses_and_names() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let (first, j) = round_trip(
            &db,
            json!({
                "addr": {"street": "Ερμού 1", "city": "Αθήνα", "postcode": "105 63", "country": "grc"},
                "person_name": {"first": "Zoë", "last": "Őry"}
            }),
        )
        .await;
        assert_eq!(
            j["addr"],
            json!({"street": "Ερμού 1", "city": "Αθήνα", "postcode": "105 63", "country": "GR"}),
            "{}: alpha-3 is stored as alpha-2",
            db.name
        );
        assert_eq!(j["person_name"], json!({"first": "Zoë", "last": "Őry"}), "{}", db.name);
        let (_, j) =
            round_trip(&db, json!({"addr": {"city": "Budapest", "country": "HU"}, "person_name": {"last": "Nagy"}}))
                .await;
        assert_eq!(j["addr"], json!({"city": "Budapest", "country": "HU"}), "{}", db.name);
        assert_eq!(j["person_name"], json!({"last": "Nagy"}), "{}", db.name);

        // Clearing every part clears the value, its folded copy included.
        let s = &db.store;
        let actor = Actor::system();
        let matching = |filter: &str| ListQuery {
            filter: Some(rapport_model::filter::parse(filter).unwrap()),
            ..ListQuery::default()
        };
        assert_eq!(s.count(&actor, OBJ, matching("person_name[contains]:ory")).await.unwrap(), 1, "{}", db.name);
        let cleared = s
            .update(
                &actor,
                OBJ,
                first.id,
                first.version,
                &input(json!({"addr": {"city": null}, "person_name": {"first": null, "last": ""}})),
            )
            .await
            .unwrap();
        let object = schema_object(s, OBJ).await;
        let j = s.get(&actor, OBJ, first.id).await.unwrap().to_json(&object);
        assert!(j.get("addr").is_none() && j.get("person_name").is_none(), "{}: cleared: {j}", db.name);
        assert_eq!(cleared.to_json(&object), j, "{}", db.name);
        assert_eq!(s.count(&actor, OBJ, matching("person_name[contains]:ory")).await.unwrap(), 0, "{}", db.name);
        assert_eq!(s.count(&actor, OBJ, matching("person_name[is]:null")).await.unwrap(), 1, "{}", db.name);

        refuses(&db, "addr", json!({"country": "XX"}), "addr.country", "unknown_country").await;
        refuses(&db, "addr", json!({"country": "XXX"}), "addr.country", "unknown_country").await;
        refuses(&db, "addr", json!({"country": "Greece"}), "addr.country", "unknown_country").await;
        refuses(&db, "addr", json!({"planet": "Mars"}), "addr", "unknown_subfield").await;
        refuses(&db, "addr", json!({"postcode": "1".repeat(33)}), "addr.postcode", "too_long").await;
        refuses(&db, "person_name", json!({"middle": "J."}), "person_name", "unknown_subfield").await;
        refuses(&db, "person_name", json!("Maria"), "person_name", "wrong_type").await;
    }
}

#[tokio::test]
async fn relations_name_live_records() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let s = &db.store;
        let actor = Actor::system();
        let acme = s.create(&actor, "companies", &input(json!({"name": "Acme"}))).await.unwrap();
        let gone = s.create(&actor, "companies", &input(json!({"name": "Gone"}))).await.unwrap();
        s.delete(&actor, "companies", gone.id, None).await.unwrap();
        let person = s.create(&actor, "people", &input(json!({"name": {"last": "Not a company"}}))).await.unwrap();

        let (r, j) = round_trip(&db, json!({"company": acme.id.to_string()})).await;
        assert_eq!(j["company"], acme.id.to_string(), "{}", db.name);
        assert_eq!(r.get("company"), &Value::Uuid(acme.id), "{}", db.name);

        refuses(&db, "company", json!(gone.id.to_string()), "company", "unknown_record").await;
        refuses(&db, "company", json!(uuid::Uuid::now_v7().to_string()), "company", "unknown_record").await;
        refuses(&db, "company", json!(person.id.to_string()), "company", "unknown_record").await;
        refuses(&db, "company", json!("not-a-uuid"), "company", "not_a_uuid").await;

        // Clearing a relation is allowed; pointing it at a deleted record is not.
        let cleared = s.update(&actor, OBJ, r.id, r.version, &input(json!({"company": null}))).await.unwrap();
        assert_eq!(cleared.get("company"), &Value::Null, "{}", db.name);
    }
}

#[tokio::test]
async fn attachments_and_computed_fields() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let s = &db.store;
        let actor = Actor::system();
        // The storage key is Rapport's to set: a plain create is refused, a system unit may.
        let stored = input(json!({"file_name": "a.pdf", "storage_key": "k/a"}));
        refused(
            db.name,
            "create a stored file by hand",
            s.create(&actor, "attachments", &stored).await,
            "storage_key",
            "read_only",
        );
        let file = s
            .transaction(&actor, move |tx| Box::pin(async move { tx.create_as_system("attachments", &stored).await }))
            .await
            .unwrap();
        let (_, j) = round_trip(&db, json!({"doc": file.id.to_string()})).await;
        assert_eq!(j["doc"], file.id.to_string(), "{}", db.name);
        refuses(&db, "doc", json!(uuid::Uuid::now_v7().to_string()), "doc", "unknown_record").await;
        let company = s.create(&actor, "companies", &input(json!({"name": "Not a file"}))).await.unwrap();
        refuses(&db, "doc", json!(company.id.to_string()), "doc", "unknown_record").await;
        s.delete(&actor, "attachments", file.id, None).await.unwrap();
        refuses(&db, "doc", json!(file.id.to_string()), "doc", "unknown_record").await;
        // A computed field has no column and cannot be written.
        refuses(&db, "total", json!("12"), "total", "read_only").await;
    }
}

#[tokio::test]
async fn json_values() {
    for db in each_backend().await {
        with_specimen(&db).await;
        for value in [
            json!({"a": [1, 2, {"b": null}], "s": "x \"quoted\" ☃", "n": 1.5, "t": true, "big": i64::MAX}),
            json!([1, "two", [3]]),
            json!("just text"),
            json!(42),
            json!(false),
        ] {
            let (_, j) = round_trip(&db, json!({"data": value})).await;
            assert_eq!(j["data"], value, "{}: json {value}", db.name);
        }
    }
}

/// PostgreSQL cannot store NUL in text or jsonb; SQLite could: neither takes it, so that
/// both refuse the same input with the same error instead of one failing in SQL.
#[tokio::test]
async fn nul_characters_are_refused_alike() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let nul = "a\u{0}b";
        for (field, value, path) in [
            ("title", json!(nul), "title"),
            ("body", json!(nul), "body"),
            ("addr", json!({"city": nul}), "addr.city"),
            ("person_name", json!({"last": nul}), "person_name.last"),
            ("emails", json!([{"value": "a@example.gr", "label": nul}]), "emails.0.label"),
            ("socials", json!(["ok", nul]), "socials.1"),
            ("data", json!({"list": [1, nul]}), "data.list.1"),
            ("data", json!({ nul: 1 }), "data"),
        ] {
            refuses(&db, field, value, path, "wrong_type").await;
        }
    }
}

fn ticket() -> ObjectDef {
    use FieldType as T;
    custom(
        "ticket",
        "tickets",
        vec![
            FieldDef::new("subject", "Subject", T::Text { max_length: Some(20) }).required(),
            FieldDef::new("kind", "Kind", T::Select { options: options(&["bug", "idea"]) }).required(),
            FieldDef::new("labels", "Labels", T::MultiSelect { options: options(&["ui", "db"]) }).required(),
            FieldDef::new("contacts", "Contacts", T::Email { multiple: true }).required(),
            FieldDef::new("note", "Note", T::LongText),
        ],
    )
}

#[tokio::test]
async fn required_fields() {
    for db in each_backend().await {
        let s = &db.store;
        let actor = Actor::system();
        s.create_object(&actor, ticket()).await.unwrap();
        let mut errors: Vec<(String, &str)> =
            invalid(db.name, "create {}", s.create(&actor, "tickets", &input(json!({}))).await)
                .iter()
                .map(|e| (e.field.clone(), e.reason.code()))
                .collect();
        errors.sort();
        let expected: Vec<(String, &str)> =
            ["contacts", "kind", "labels", "subject"].iter().map(|f| ((*f).to_owned(), "required")).collect();
        assert_eq!(errors, expected, "{}: every missing required field is named", db.name);

        let full = json!({"subject": "Crash", "kind": "bug", "labels": ["db"], "contacts": ["a@example.gr"]});
        let with = |key: &str, value: Json| {
            let mut m = input(full.clone());
            m.insert(key.into(), value);
            m
        };
        for (key, value) in [
            ("subject", json!("   ")),
            ("subject", Json::Null),
            ("kind", Json::Null),
            ("labels", json!([])),
            ("contacts", json!([])),
        ] {
            refused(
                db.name,
                &format!("create {key}={value}"),
                s.create(&actor, "tickets", &with(key, value)).await,
                key,
                "required",
            );
        }
        // A required field with a bad value is refused for the value, once.
        refused(
            db.name,
            "create too long",
            s.create(&actor, "tickets", &with("subject", json!("x".repeat(21)))).await,
            "subject",
            "too_long",
        );
        refused(
            db.name,
            "create bad option",
            s.create(&actor, "tickets", &with("kind", json!("rant"))).await,
            "kind",
            "unknown_option",
        );
        assert_eq!(count(s, "tickets").await, 0, "{}: refused creates wrote nothing", db.name);

        let t = s.create(&actor, "tickets", &input(full.clone())).await.unwrap();
        // A partial update may leave required fields out, but not clear them.
        let t = s.update(&actor, "tickets", t.id, t.version, &input(json!({"note": "more"}))).await.unwrap();
        for (key, value) in
            [("subject", json!("")), ("subject", Json::Null), ("labels", json!([])), ("contacts", json!([]))]
        {
            let what = format!("update {key}={value}");
            refused(
                db.name,
                &what,
                s.update(&actor, "tickets", t.id, t.version, &input(json!({ key: value }))).await,
                key,
                "required",
            );
            let after = s.get(&actor, "tickets", t.id).await.unwrap();
            assert_eq!(
                (after.version, &after.values),
                (t.version, &t.values),
                "{}: {what} changed the record",
                db.name
            );
        }
        assert_eq!(count(s, "tickets").await, 1, "{}", db.name);
    }
}

fn account() -> ObjectDef {
    use FieldType as T;
    custom(
        "account",
        "accounts",
        vec![
            FieldDef::new("code", "Code", T::Text { max_length: Some(40) }).unique(),
            FieldDef::new("number", "Number", T::Integer { min: None, max: None }).unique(),
            FieldDef::new("email", "Email", T::Email { multiple: false }).unique(),
            FieldDef::new("note", "Note", T::Text { max_length: None }),
        ],
    )
}

#[tokio::test]
async fn unique_fields() {
    for db in each_backend().await {
        let s = &db.store;
        let actor = Actor::system();
        let name = db.name;
        s.create_object(&actor, account()).await.unwrap();
        let a = s
            .create(&actor, "accounts", &input(json!({"code": "ACME-1", "number": 7, "email": "a@example.gr"})))
            .await
            .unwrap();
        let b = s.create(&actor, "accounts", &input(json!({"code": "ACME-2", "number": 8}))).await.unwrap();

        for (what, fields, field) in [
            ("same code", json!({"code": "ACME-1"}), "code"),
            ("same code in other case", json!({"code": "acme-1"}), "code"),
            ("same code with accents", json!({"code": "Ácme-1"}), "code"),
            ("same number", json!({"number": 7}), "number"),
            ("same email in other case", json!({"email": "A@Example.GR"}), "email"),
        ] {
            refused(
                name,
                &format!("create {what}"),
                s.create(&actor, "accounts", &input(fields.clone())).await,
                field,
                "duplicate",
            );
            let what = format!("update {what}");
            refused(
                name,
                &what,
                s.update(&actor, "accounts", b.id, b.version, &input(fields)).await,
                field,
                "duplicate",
            );
            let after = s.get(&actor, "accounts", b.id).await.unwrap();
            assert_eq!((after.version, &after.values), (b.version, &b.values), "{name}: {what} changed the record");
        }
        assert_eq!(count(s, "accounts").await, 2, "{name}: refused creates wrote nothing");

        // Keeping one's own value is not a duplicate.
        let a = s
            .update(&actor, "accounts", a.id, a.version, &input(json!({"code": "ACME-1", "note": "x"})))
            .await
            .unwrap();
        let a = s.update(&actor, "accounts", a.id, a.version, &input(json!({"code": "Acme-1"}))).await.unwrap();
        assert_eq!(a.get("code"), &Value::Text("Acme-1".into()), "{name}: re-casing one's own value");

        // A deleted holder frees the value; restoring it while the value is taken is refused.
        s.delete(&actor, "accounts", a.id, None).await.unwrap();
        let c = s
            .create(&actor, "accounts", &input(json!({"code": "acme-1", "number": 7, "email": "a@example.gr"})))
            .await
            .unwrap();
        refused(
            name,
            "restore while a live duplicate exists",
            s.restore(&actor, "accounts", a.id).await,
            "code",
            "duplicate",
        );
        let still = s.get_including_deleted(&actor, "accounts", a.id).await.unwrap();
        assert!(still.deleted_at.is_some(), "{name}: a refused restore leaves the record deleted");
        assert!(matches!(s.get(&actor, "accounts", a.id).await, Err(StoreError::NotFound { .. })), "{name}");
        s.delete(&actor, "accounts", c.id, None).await.unwrap();
        let restored = s.restore(&actor, "accounts", a.id).await.unwrap();
        assert!(restored.deleted_at.is_none(), "{name}: restore once the value is free again");
        assert_eq!(count(s, "accounts").await, 2, "{name}");

        // Two writers racing for one value: exactly one wins, the other is told why.
        let (upper, lower) = (input(json!({"code": "RACE"})), input(json!({"code": "race"})));
        let (x, y) = tokio::join!(s.create(&actor, "accounts", &upper), s.create(&actor, "accounts", &lower));
        let outcomes = [x, y];
        assert_eq!(
            outcomes.iter().filter(|r| r.is_ok()).count(),
            1,
            "{name}: one of two racing creates wins: {outcomes:?}"
        );
        let loser = outcomes.into_iter().find(Result::is_err).unwrap();
        refused(name, "racing create", loser, "code", "duplicate");
        assert_eq!(count(s, "accounts").await, 3, "{name}");
    }
}

#[tokio::test]
async fn unknown_fields_are_refused() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let s = &db.store;
        let actor = Actor::system();
        refused(
            db.name,
            "create nope",
            s.create(&actor, OBJ, &input(json!({"title": "ok", "nope": 1}))).await,
            "nope",
            "unknown_field",
        );
        refused(db.name, "create rid", s.create(&actor, OBJ, &input(json!({"rid": 1}))).await, "rid", "unknown_field");
        refused(
            db.name,
            "create by label",
            s.create(&actor, OBJ, &input(json!({"Title": "x"}))).await,
            "Title",
            "unknown_field",
        );
        assert_eq!(count(s, OBJ).await, 0, "{}: nothing written", db.name);
        let r = s.create(&actor, OBJ, &input(json!({"title": "ok"}))).await.unwrap();
        refused(
            db.name,
            "update nope",
            s.update(&actor, OBJ, r.id, r.version, &input(json!({"title": "changed", "nope": 1}))).await,
            "nope",
            "unknown_field",
        );
        let after = s.get(&actor, OBJ, r.id).await.unwrap();
        assert_eq!(
            (after.version, after.get("title")),
            (r.version, &Value::Text("ok".into())),
            "{}: nothing changed",
            db.name
        );
    }
}

/// Every page of a list sorted by `key`, with `limit` records a page.
async fn sorted(store: &Store, key: SortKey, limit: u32) -> Vec<Record> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let query = ListQuery { sort: vec![key.clone()], limit, cursor, ..ListQuery::default() };
        let page = store.list(&Actor::system(), OBJ, query).await.unwrap();
        out.extend(page.records);
        match page.next_cursor {
            Some(c) if page.has_more => cursor = Some(c),
            _ => return out,
        }
    }
}

#[tokio::test]
async fn exact_values_sort_numerically() {
    for db in each_backend().await {
        with_specimen(&db).await;
        let s = &db.store;
        let actor = Actor::system();
        let prices = ["100", "9.5", "10.25", "-3", "-20.5", "0.01", "999999.99", "-0.01"];
        let amounts = ["100.00", "9.50", "10.25", "-3.00", "-20.50", "0.01", "1000000000000.00", "-0.01"];
        let times = [
            "2000-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999999Z",
            "2000-01-01T00:00:00.000001Z",
            "2000-01-01T02:00:00+01:00",
            "1969-12-31T23:59:59.999999Z",
            "1970-01-01T00:00:00Z",
            "2038-01-19T03:14:08Z",
            "1999-12-31T23:00:00-02:00",
        ];
        let batch: Vec<_> = (0..prices.len())
            .map(|i| {
                input(json!({
                    "title": format!("n{i}"),
                    "price": prices[i],
                    "budget": {"amount": amounts[i], "currency": "EUR"},
                    "seen_at": times[i],
                    "qty": 90 - i64::try_from(i).unwrap() * 13,
                }))
            })
            .collect();
        s.create_many(&actor, OBJ, &batch).await.unwrap();
        let object = schema_object(s, OBJ).await;
        let field = |records: &[Record], api: &str| -> Vec<Json> {
            records.iter().map(|r| r.to_json(&object)[api].clone()).collect()
        };

        for limit in [500, 3] {
            let by_price = sorted(s, SortKey::asc("price"), limit).await;
            let expected: Vec<Json> =
                ["-20.5", "-3", "-0.01", "0.01", "9.5", "10.25", "100", "999999.99"].iter().map(|v| json!(v)).collect();
            assert_eq!(
                field(&by_price, "price"),
                expected,
                "{}: decimals sort numerically (pages of {limit})",
                db.name
            );

            let by_budget = sorted(s, SortKey::desc("budget"), limit).await;
            let expected: Vec<Json> =
                ["1000000000000.00", "100.00", "10.25", "9.50", "0.01", "-0.01", "-3.00", "-20.50"]
                    .iter()
                    .map(|v| json!({"amount": v, "currency": "EUR"}))
                    .collect();
            assert_eq!(
                field(&by_budget, "budget"),
                expected,
                "{}: money sorts numerically, descending (pages of {limit})",
                db.name
            );

            let by_time = sorted(s, SortKey::asc("seen_at"), limit).await;
            let expected: Vec<Json> = [
                "1969-12-31T23:59:59.999999Z",
                "1970-01-01T00:00:00Z",
                "1999-12-31T23:59:59.999999Z",
                "2000-01-01T00:00:00Z",
                "2000-01-01T00:00:00.000001Z",
                "2000-01-01T01:00:00Z",
                "2000-01-01T01:00:00Z",
                "2038-01-19T03:14:08Z",
            ]
            .iter()
            .map(|v| json!(v))
            .collect();
            assert_eq!(
                field(&by_time, "seen_at"),
                expected,
                "{}: datetimes sort by instant (pages of {limit})",
                db.name
            );

            let by_qty = sorted(s, SortKey::asc("qty"), limit).await;
            let qty: Vec<i64> = field(&by_qty, "qty").iter().map(|v| v.as_i64().unwrap()).collect();
            assert_eq!(qty, vec![-1, 12, 25, 38, 51, 64, 77, 90], "{}: integers (pages of {limit})", db.name);
        }
    }
}
