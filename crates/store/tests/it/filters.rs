//! The filter language against real data on each backend: every operator on every
//! field type that takes it, `and`/`or`/`not`, dotted paths into composites, `me`,
//! contact points and multi-selects; `like`/`contains` over folded text the same way
//! on both databases; `count` agreeing with the list; `not(f)` the exact complement of
//! `f`; and typed errors for unknown fields, operators and values.

use std::collections::BTreeSet;

use rapport_model::filter::parse;
use rapport_model::{Actor, FieldDef, FieldType, Grants, ModelError, Record, Value};
use rapport_store::{FieldPatch, ListQuery, StoreError};
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use crate::harness::{TestDb, each_backend};

fn obj(v: Json) -> Map<String, Json> {
    v.as_object().cloned().unwrap()
}

const ACME: &str = "Acme Α.Ε.";
const ARPAD: &str = "Árpád Kft";
const PAPA_GR: &str = "Παπαδόπουλος ΟΕ";
const PAPA_EN: &str = "Papadopoulos Ltd";
const AHMED: &str = "أحمد للتجارة";
const ZETA_SALE: &str = "Zeta 50% Off_Sale";
const ZETA: &str = "zeta widgets";
const COMPANIES: [&str; 7] = [ACME, ARPAD, PAPA_GR, PAPA_EN, AHMED, ZETA_SALE, ZETA];

const GIORGOS: &str = "Γιώργος Παπαδόπουλος";
const MARIA: &str = "Maria Papadopoulos";
const ORY: &str = "Árpád Őry";
const AHMAD: &str = "أحمد الفارسي";
const ZOE: &str = "Zoë";
const PEOPLE: [&str; 5] = [GIORGOS, MARIA, ORY, AHMAD, ZOE];

struct Fixture {
    u1: Actor,
    u2: Actor,
    u2_id: Uuid,
    team: Uuid,
    acme: Uuid,
}

fn custom(api_name: &str, kind: FieldType) -> FieldDef {
    let mut field = FieldDef::new("", api_name, kind);
    field.api_name = api_name.into();
    field
}

async fn fixture(db: &TestDb) -> Fixture {
    let s = &db.store;
    let system = Actor::system();
    let (u1_id, u2_id, team) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let (u1, u2) = (
        Actor::user(u1_id, vec![team], Grants::administrator()),
        Actor::user(u2_id, Vec::new(), Grants::administrator()),
    );
    s.add_field(&system, "companies", custom("rating", FieldType::Decimal { precision: 5, scale: 2 })).await.unwrap();
    s.add_field(&system, "companies", custom("active", FieldType::Boolean)).await.unwrap();
    s.add_field(&system, "companies", custom("founded_at", FieldType::DateTime)).await.unwrap();

    let money = |amount: &str, currency: &str| json!({"amount": amount, "currency": currency});
    let companies = [
        (
            &u1,
            json!({
                "name": ACME, "employees": 12, "industry": "retail", "annual_revenue": money("1000.50", "EUR"),
                "domain": "Acme.gr", "emails": ["Info@Acme.GR"], "phones": ["+30 210 123 4567"],
                "address": {"city": "Athens", "country": "GR"}, "rating": "4.5", "active": true,
                "founded_at": "2001-05-01T10:00:00Z"
            }),
        ),
        (
            &u2,
            json!({
                "name": ARPAD, "employees": 250, "industry": "manufacturing", "annual_revenue": money("5000000", "HUF"),
                "emails": ["arpad@pelda.hu"], "phones": ["+36 1 234 5678"], "address": {"city": "Budapest", "country": "HU"},
                "rating": "3.25", "active": false, "founded_at": "1995-03-15T08:30:00.123456Z"
            }),
        ),
        (
            &u1,
            json!({
                "name": PAPA_GR, "employees": 3, "industry": "retail", "annual_revenue": money("20000", "EUR"),
                "emails": ["info@papadopoulos.gr"], "phones": ["210 765 4321"], "address": {"city": "Αθήνα", "country": "GRC"},
                "active": true, "founded_at": "2020-01-01T00:00:00Z"
            }),
        ),
        (&u2, json!({"name": PAPA_EN, "industry": "technology", "phones": ["+44 20 7123 4567"]})),
        (
            &system,
            json!({
                "name": AHMED, "employees": 40, "industry": "wholesale", "annual_revenue": money("750000", "USD"),
                "emails": ["sales@ahmed.sa", "ceo@ahmed.sa"], "address": {"city": "Riyadh", "country": "SA"}, "rating": "0"
            }),
        ),
        (
            &u1,
            json!({"name": ZETA_SALE, "employees": 0, "annual_revenue": money("0", "EUR"), "rating": "-1.5", "active": false}),
        ),
        (&system, json!({"name": ZETA, "employees": 12, "active": true})),
    ];
    let mut acme = None;
    for (actor, input) in companies {
        let r = s.create(actor, "companies", &obj(input)).await.unwrap_or_else(|e| panic!("{}: {e}", db.name));
        acme.get_or_insert(r.id);
    }
    let acme = acme.unwrap();

    let people = [
        (
            &u1,
            json!({
                "name": {"first": "Γιώργος", "last": "Παπαδόπουλος"}, "title": "CEO", "birthday": "1980-02-29",
                "hobbies": ["music", "travel"], "emails": ["Giorgos@Example.GR"], "phones": ["210 123 4567"],
                "address": {"city": "Athens", "country": "GR"}, "preferred_contact_method": "email",
                "company": acme.to_string()
            }),
        ),
        (
            &u2,
            json!({
                "name": {"first": "Maria", "last": "Papadopoulos"}, "title": "cto", "birthday": "1990-06-15",
                "hobbies": ["music"], "phones": ["+36 30 123 4567"], "preferred_contact_method": "phone"
            }),
        ),
        (
            &u1,
            json!({
                "name": {"first": "Árpád", "last": "Őry"}, "hobbies": ["sport"], "emails": ["Árpád.Őry@Példa.HU"],
                "address": {"city": "Budapest", "country": "HU"}
            }),
        ),
        (&system, json!({"name": {"first": "أحمد", "last": "الفارسي"}, "birthday": "1975-12-01"})),
        (&system, json!({"name": {"first": "Zoë"}, "birthday": "2000-01-01", "hobbies": []})),
    ];
    for (actor, input) in people {
        s.create(actor, "people", &obj(input)).await.unwrap_or_else(|e| panic!("{}: {e}", db.name));
    }
    Fixture { u1, u2, u2_id, team, acme }
}

fn label(r: &Record) -> String {
    match r.get("name") {
        Value::Text(s) => s.clone(),
        Value::Name(n) => n.display(),
        other => panic!("a record without a name: {other:?}"),
    }
}

fn query(filter: &str) -> ListQuery {
    ListQuery {
        filter: Some(parse(filter).unwrap_or_else(|e| panic!("{filter}: {e}"))),
        limit: 500,
        ..ListQuery::default()
    }
}

async fn labels(db: &TestDb, actor: &Actor, object: &str, filter: &str) -> BTreeSet<String> {
    let page = db
        .store
        .list(actor, object, query(filter))
        .await
        .unwrap_or_else(|e| panic!("{}: {object} {filter}: {e}", db.name));
    assert!(!page.has_more, "{}: {filter}", db.name);
    let labels: BTreeSet<String> = page.records.iter().map(label).collect();
    assert_eq!(labels.len(), page.records.len(), "{}: {object} {filter}: duplicates", db.name);
    labels
}

/// The filter selects exactly `expected`; `count` agrees; `not(filter)` selects exactly
/// the others, and its count agrees too.
async fn check(db: &TestDb, actor: &Actor, object: &str, all: &[&str], filter: &str, expected: &[&str]) {
    let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    let got = labels(db, actor, object, filter).await;
    assert_eq!(got, expected, "{}: {object} where {filter}", db.name);
    let count = db.store.count(actor, object, query(filter)).await.unwrap();
    assert_eq!(count, expected.len() as i64, "{}: count of {object} where {filter}", db.name);

    let negated = format!("not({filter})");
    let others: BTreeSet<String> = all.iter().map(|s| (*s).to_owned()).filter(|s| !expected.contains(s)).collect();
    let got = labels(db, actor, object, &negated).await;
    assert_eq!(got, others, "{}: {object} where {negated}", db.name);
    let count = db.store.count(actor, object, query(&negated)).await.unwrap();
    assert_eq!(count, others.len() as i64, "{}: count of {object} where {negated}", db.name);
}

async fn refused(db: &TestDb, object: &str, filter: &str) -> StoreError {
    let listed = db.store.list(&Actor::system(), object, query(filter)).await;
    let counted = db.store.count(&Actor::system(), object, query(filter)).await;
    let (Err(listed), Err(counted)) = (listed, counted) else {
        panic!("{}: {object} where {filter} was accepted", db.name)
    };
    assert_eq!(listed.to_string(), counted.to_string(), "{}: {filter}", db.name);
    listed
}

#[tokio::test]
async fn every_operator_on_companies() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let system = Actor::system();
        let all_but = |out: &[&str]| COMPANIES.iter().copied().filter(|c| !out.contains(c)).collect::<Vec<_>>();
        let cases: Vec<(String, Vec<&str>)> = vec![
            // integer
            ("employees[eq]:12".into(), vec![ACME, ZETA]),
            ("employees[neq]:12".into(), vec![ARPAD, PAPA_GR, PAPA_EN, AHMED, ZETA_SALE]),
            ("employees[gt]:12".into(), vec![ARPAD, AHMED]),
            ("employees[gte]:12".into(), vec![ACME, ARPAD, AHMED, ZETA]),
            ("employees[lt]:12".into(), vec![PAPA_GR, ZETA_SALE]),
            ("employees[lte]:12".into(), vec![ACME, PAPA_GR, ZETA_SALE, ZETA]),
            ("employees[in]:[3,40]".into(), vec![PAPA_GR, AHMED]),
            ("employees[nin]:[3,40]".into(), vec![ACME, ARPAD, PAPA_EN, ZETA_SALE, ZETA]),
            ("employees[in]:[]".into(), vec![]),
            ("employees[nin]:[]".into(), COMPANIES.to_vec()),
            ("employees[is]:null".into(), vec![PAPA_EN]),
            ("employees[is]:not_null".into(), all_but(&[PAPA_EN])),
            // text: comparisons are exact and by bytes
            (format!("name[eq]:{ACME}"), vec![ACME]),
            ("name[eq]:acme α.ε.".into(), vec![]),
            (format!("name[neq]:{ACME}"), all_but(&[ACME])),
            ("name[gt]:Z".into(), vec![ARPAD, PAPA_GR, AHMED, ZETA_SALE, ZETA]),
            ("name[gte]:zeta widgets".into(), vec![ARPAD, PAPA_GR, AHMED, ZETA]),
            ("name[lt]:Z".into(), vec![ACME, PAPA_EN]),
            (format!("name[lte]:{ACME}"), vec![ACME]),
            (format!("name[in]:[{ACME},{ZETA}]"), vec![ACME, ZETA]),
            (format!("name[nin]:[{ACME},{ZETA}]"), vec![ARPAD, PAPA_GR, PAPA_EN, AHMED, ZETA_SALE]),
            ("name[is]:not_null".into(), COMPANIES.to_vec()),
            // text: like/ilike/contains/startswith over folded text
            ("name[like]:zeta%".into(), vec![ZETA_SALE, ZETA]),
            ("name[ilike]:ZETA%".into(), vec![ZETA_SALE, ZETA]),
            ("name[like]:zeta_widgets".into(), vec![ZETA]),
            ("name[like]:%off_sale".into(), vec![ZETA_SALE]),
            (r"name[like]:%50\%%".into(), vec![ZETA_SALE]),
            (r"name[like]:%0\%%".into(), vec![ZETA_SALE]),
            ("name[like]:zeta".into(), vec![]),
            ("name[contains]:50%".into(), vec![ZETA_SALE]),
            ("name[contains]:_".into(), vec![ZETA_SALE]),
            ("name[contains]:arpad".into(), vec![ARPAD]),
            ("name[contains]:ÁRPÁD".into(), vec![ARPAD]),
            ("name[contains]:papadopoulos".into(), vec![PAPA_EN]),
            ("name[contains]:παπαδοπουλοσ".into(), vec![PAPA_GR]),
            ("name[contains]:παπαδοπουλος".into(), vec![PAPA_GR]),
            ("name[contains]:ΠΑΠΑΔΌΠΟΥΛΟΣ".into(), vec![PAPA_GR]),
            ("name[contains]:احمد".into(), vec![AHMED]),
            ("name[contains]:أحمد".into(), vec![AHMED]),
            ("name[startswith]:zeta".into(), vec![ZETA_SALE, ZETA]),
            ("name[startswith]:eta".into(), vec![]),
            // select
            ("industry[eq]:retail".into(), vec![ACME, PAPA_GR]),
            ("industry[neq]:retail".into(), vec![ARPAD, PAPA_EN, AHMED, ZETA_SALE, ZETA]),
            ("industry[in]:[retail,wholesale]".into(), vec![ACME, PAPA_GR, AHMED]),
            ("industry[nin]:[retail,wholesale]".into(), vec![ARPAD, PAPA_EN, ZETA_SALE, ZETA]),
            ("industry[is]:null".into(), vec![ZETA_SALE, ZETA]),
            // currency: the whole field compares amounts; parts by dotted paths
            ("annual_revenue[gt]:1000.5".into(), vec![ARPAD, PAPA_GR, AHMED]),
            ("annual_revenue[gte]:1000.50".into(), vec![ACME, ARPAD, PAPA_GR, AHMED]),
            ("annual_revenue[eq]:0".into(), vec![ZETA_SALE]),
            ("annual_revenue[neq]:0".into(), all_but(&[ZETA_SALE])),
            ("annual_revenue[lt]:1000.5".into(), vec![ZETA_SALE]),
            ("annual_revenue[lte]:1000.5".into(), vec![ACME, ZETA_SALE]),
            ("annual_revenue[in]:[0,20000]".into(), vec![PAPA_GR, ZETA_SALE]),
            ("annual_revenue[nin]:[0,20000]".into(), vec![ACME, ARPAD, PAPA_EN, AHMED, ZETA]),
            ("annual_revenue[is]:null".into(), vec![PAPA_EN, ZETA]),
            ("annual_revenue.currency[eq]:EUR".into(), vec![ACME, PAPA_GR, ZETA_SALE]),
            ("annual_revenue.currency[eq]:eur".into(), vec![ACME, PAPA_GR, ZETA_SALE]),
            ("annual_revenue.currency[neq]:EUR".into(), vec![ARPAD, PAPA_EN, AHMED, ZETA]),
            ("annual_revenue.currency[in]:[HUF,usd]".into(), vec![ARPAD, AHMED]),
            ("annual_revenue.amount[gte]:20000".into(), vec![ARPAD, PAPA_GR, AHMED]),
            ("annual_revenue.amount[is]:null".into(), vec![PAPA_EN, ZETA]),
            // single URL: compared as stored (normalised), matched over folded text
            ("domain[eq]:acme.gr".into(), vec![ACME]),
            ("domain[eq]:https://ACME.gr".into(), vec![ACME]),
            ("domain[contains]:ACME".into(), vec![ACME]),
            ("domain[is]:null".into(), all_but(&[ACME])),
            // decimal
            ("rating[gt]:3.25".into(), vec![ACME]),
            ("rating[gte]:3.25".into(), vec![ACME, ARPAD]),
            ("rating[lt]:0".into(), vec![ZETA_SALE]),
            ("rating[lte]:0".into(), vec![AHMED, ZETA_SALE]),
            ("rating[eq]:4.50".into(), vec![ACME]),
            ("rating[neq]:4.5".into(), all_but(&[ACME])),
            ("rating[in]:[0,-1.5]".into(), vec![AHMED, ZETA_SALE]),
            ("rating[nin]:[0,-1.5]".into(), vec![ACME, ARPAD, PAPA_GR, PAPA_EN, ZETA]),
            ("rating[is]:null".into(), vec![PAPA_GR, PAPA_EN, ZETA]),
            // boolean
            ("active[eq]:true".into(), vec![ACME, PAPA_GR, ZETA]),
            ("active[neq]:true".into(), vec![ARPAD, PAPA_EN, AHMED, ZETA_SALE]),
            ("active[eq]:false".into(), vec![ARPAD, ZETA_SALE]),
            ("active[is]:null".into(), vec![PAPA_EN, AHMED]),
            // datetime: a date means its midnight UTC; offsets and microseconds count
            ("founded_at[gt]:2000-01-01".into(), vec![ACME, PAPA_GR]),
            ("founded_at[lt]:2001-05-01T12:00:00+02:00".into(), vec![ARPAD]),
            ("founded_at[lte]:2001-05-01T12:00:00+02:00".into(), vec![ACME, ARPAD]),
            ("founded_at[eq]:1995-03-15T08:30:00.123456Z".into(), vec![ARPAD]),
            ("founded_at[gte]:1995-03-15T08:30:00.123457Z".into(), vec![ACME, PAPA_GR]),
            ("founded_at[is]:null".into(), vec![PAPA_EN, AHMED, ZETA_SALE, ZETA]),
            // address parts
            ("address.city[eq]:Athens".into(), vec![ACME]),
            ("address.city[eq]:athens".into(), vec![]),
            ("address.city[eq]:Αθήνα".into(), vec![PAPA_GR]),
            ("address.country[eq]:GR".into(), vec![ACME, PAPA_GR]),
            ("address.country[in]:[grc,HU]".into(), vec![ACME, ARPAD, PAPA_GR]),
            ("address[is]:null".into(), vec![PAPA_EN, ZETA_SALE, ZETA]),
            ("address.city[is]:null".into(), vec![PAPA_EN, ZETA_SALE, ZETA]),
            // contact points
            ("emails[eq]:INFO@acme.gr".into(), vec![ACME]),
            ("emails[eq]:ceo@ahmed.sa".into(), vec![AHMED]),
            // Any of the record's emails is one of these, however typed (normalised).
            ("emails[in]:[INFO@acme.gr,ceo@ahmed.sa,nobody@example.com]".into(), vec![ACME, AHMED]),
            ("emails[in]:[nobody@example.com]".into(), vec![]),
            ("emails[contains]:info@".into(), vec![ACME, PAPA_GR]),
            ("emails[startswith]:SALES".into(), vec![AHMED]),
            ("emails[is]:null".into(), vec![PAPA_EN, ZETA_SALE, ZETA]),
            ("emails[is]:not_null".into(), vec![ACME, ARPAD, PAPA_GR, AHMED]),
            ("phones[startswith]:+30".into(), vec![ACME, PAPA_GR]),
            ("phones[startswith]:+36".into(), vec![ARPAD]),
            ("phones[eq]:+30 210 123 4567".into(), vec![ACME]),
            ("phones[eq]:0030 210 765 4321".into(), vec![PAPA_GR]),
            ("phones[is]:null".into(), vec![AHMED, ZETA_SALE, ZETA]),
            // owner and team
            ("owner[is]:null".into(), vec![AHMED, ZETA]),
            (format!("owner[eq]:{}", f.u2_id), vec![ARPAD, PAPA_EN]),
            (format!("team[eq]:{}", f.team), vec![ACME, PAPA_GR, ZETA_SALE]),
            // nesting
            ("and(industry[eq]:retail,employees[gt]:5)".into(), vec![ACME]),
            ("or(industry[eq]:technology,employees[gte]:250)".into(), vec![ARPAD, PAPA_EN]),
            ("not(industry[eq]:retail)".into(), vec![ARPAD, PAPA_EN, AHMED, ZETA_SALE, ZETA]),
            ("not(or(employees[lt]:10,employees[is]:null))".into(), vec![ACME, ARPAD, AHMED, ZETA]),
            ("and(or(name[contains]:zeta,name[contains]:acme),not(employees[eq]:0))".into(), vec![ACME, ZETA]),
            (
                "or(and(industry[eq]:retail,employees[lt]:10),annual_revenue.currency[eq]:HUF)".into(),
                vec![ARPAD, PAPA_GR],
            ),
            ("not(not(employees[gt]:12))".into(), vec![ARPAD, AHMED]),
            ("not(employees[gt]:12)".into(), vec![ACME, PAPA_GR, PAPA_EN, ZETA_SALE, ZETA]),
            (
                "and(not(active[eq]:true),or(emails[is]:not_null,phones[startswith]:+44))".into(),
                vec![ARPAD, PAPA_EN, AHMED],
            ),
            (
                "or(not(and(employees[gte]:12,not(name[like]:z%))),rating[eq]:4.5)".into(),
                vec![ACME, PAPA_GR, PAPA_EN, ZETA_SALE, ZETA],
            ),
        ];
        for (filter, expected) in &cases {
            check(&db, &system, "companies", &COMPANIES, filter, expected).await;
        }

        // `me` is the acting user.
        check(&db, &f.u1, "companies", &COMPANIES, "owner[eq]:me", &[ACME, PAPA_GR, ZETA_SALE]).await;
        check(&db, &f.u1, "companies", &COMPANIES, "owner[neq]:me", &[ARPAD, PAPA_EN, AHMED, ZETA]).await;
        check(&db, &f.u2, "companies", &COMPANIES, "owner[eq]:me", &[ARPAD, PAPA_EN]).await;
        check(&db, &f.u2, "companies", &COMPANIES, "and(owner[eq]:me,industry[eq]:technology)", &[PAPA_EN]).await;
        // The system is no user: no record is its own.
        check(&db, &system, "companies", &COMPANIES, "owner[eq]:me", &[]).await;
        check(&db, &system, "companies", &COMPANIES, "owner[neq]:me", &COMPANIES).await;
        check(&db, &system, "companies", &COMPANIES, "owner[in]:[me]", &[]).await;
        check(&db, &system, "companies", &COMPANIES, "owner[nin]:[me]", &COMPANIES).await;
        check(&db, &f.u1, "companies", &COMPANIES, "owner[in]:[me]", &[ACME, PAPA_GR, ZETA_SALE]).await;
    }
}

#[tokio::test]
async fn every_operator_on_people() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let system = Actor::system();
        let cases: Vec<(String, Vec<&str>)> = vec![
            // full names: matching over the folded "last first", parts exact
            ("name[contains]:papadopoulos".into(), vec![MARIA]),
            ("name[contains]:παπαδοπουλοσ".into(), vec![GIORGOS]),
            ("name[contains]:Παπαδόπουλος".into(), vec![GIORGOS]),
            ("name[startswith]:ory".into(), vec![ORY]),
            ("name[startswith]:ŐRY ÁRP".into(), vec![ORY]),
            ("name[contains]:ÁRPÁD".into(), vec![ORY]),
            ("name[like]:%arpad".into(), vec![ORY]),
            ("name[ilike]:PAPADOPOULOS %".into(), vec![MARIA]),
            ("name[contains]:احمد".into(), vec![AHMAD]),
            ("name.last[eq]:Papadopoulos".into(), vec![MARIA]),
            ("name.last[eq]:papadopoulos".into(), vec![]),
            ("name.first[eq]:Zoë".into(), vec![ZOE]),
            ("name.last[is]:null".into(), vec![ZOE]),
            ("name.last[in]:[Őry,Papadopoulos]".into(), vec![MARIA, ORY]),
            ("name.last[neq]:Őry".into(), vec![GIORGOS, MARIA, AHMAD, ZOE]),
            // text
            ("title[eq]:CEO".into(), vec![GIORGOS]),
            ("title[eq]:ceo".into(), vec![]),
            ("title[ilike]:c_o".into(), vec![GIORGOS, MARIA]),
            ("title[like]:C%".into(), vec![GIORGOS, MARIA]),
            ("title[is]:null".into(), vec![ORY, AHMAD, ZOE]),
            // date
            ("birthday[gt]:1980-02-29".into(), vec![MARIA, ZOE]),
            ("birthday[gte]:1980-02-29".into(), vec![GIORGOS, MARIA, ZOE]),
            ("birthday[lt]:1980-01-01".into(), vec![AHMAD]),
            ("birthday[lte]:1990-06-15".into(), vec![GIORGOS, MARIA, AHMAD]),
            ("birthday[eq]:2000-01-01".into(), vec![ZOE]),
            ("birthday[neq]:2000-01-01".into(), vec![GIORGOS, MARIA, ORY, AHMAD]),
            ("birthday[in]:[1980-02-29,2000-01-01]".into(), vec![GIORGOS, ZOE]),
            ("birthday[nin]:[1980-02-29,2000-01-01]".into(), vec![MARIA, ORY, AHMAD]),
            ("birthday[is]:null".into(), vec![ORY]),
            // multi-select; an empty selection is empty
            ("hobbies[contains]:music".into(), vec![GIORGOS, MARIA]),
            ("hobbies[contains]:travel".into(), vec![GIORGOS]),
            ("hobbies[is]:null".into(), vec![AHMAD, ZOE]),
            ("hobbies[is]:not_null".into(), vec![GIORGOS, MARIA, ORY]),
            // select and relation
            ("preferred_contact_method[eq]:email".into(), vec![GIORGOS]),
            ("preferred_contact_method[in]:[phone,sms]".into(), vec![MARIA]),
            (format!("company[eq]:{}", f.acme), vec![GIORGOS]),
            ("company[is]:null".into(), vec![MARIA, ORY, AHMAD, ZOE]),
            // address
            ("address.city[eq]:Athens".into(), vec![GIORGOS]),
            ("address.city[neq]:Athens".into(), vec![MARIA, ORY, AHMAD, ZOE]),
            ("address[is]:null".into(), vec![MARIA, AHMAD, ZOE]),
            ("address[is]:not_null".into(), vec![GIORGOS, ORY]),
            // contact points: emails match whatever their case
            ("emails[eq]:GIORGOS@example.gr".into(), vec![GIORGOS]),
            ("emails[eq]:árpád.őry@példa.hu".into(), vec![ORY]),
            ("emails[contains]:ÁRPÁD".into(), vec![ORY]),
            ("emails[contains]:példa".into(), vec![ORY]),
            ("emails[startswith]:árpád.őry".into(), vec![ORY]),
            ("emails[contains]:example.GR".into(), vec![GIORGOS]),
            ("emails[is]:null".into(), vec![MARIA, AHMAD, ZOE]),
            ("phones[startswith]:+30".into(), vec![GIORGOS]),
            ("phones[startswith]:+36".into(), vec![MARIA]),
            ("phones[eq]:+30 210 123 4567".into(), vec![GIORGOS]),
            ("phones[is]:not_null".into(), vec![GIORGOS, MARIA]),
            // nesting across kinds
            ("or(hobbies[contains]:sport,and(emails[is]:null,birthday[lt]:1980-01-01))".into(), vec![ORY, AHMAD]),
            ("not(or(hobbies[contains]:music,address.city[eq]:Budapest))".into(), vec![AHMAD, ZOE]),
        ];
        for (filter, expected) in &cases {
            check(&db, &system, "people", &PEOPLE, filter, expected).await;
        }
        check(&db, &f.u1, "people", &PEOPLE, "owner[eq]:me", &[GIORGOS, ORY]).await;
        check(&db, &f.u2, "people", &PEOPLE, "and(owner[eq]:me,hobbies[contains]:music)", &[MARIA]).await;
    }
}

#[tokio::test]
async fn bad_filters_are_typed_errors() {
    for db in each_backend().await {
        fixture(&db).await;
        let unknown = [
            ("companies", "nope[eq]:1", "nope"),
            ("companies", "name.first[eq]:x", "name.first"),
            ("companies", "address.zip[eq]:1", "address.zip"),
            ("companies", "annual_revenue.amount.cents[eq]:1", "annual_revenue.amount.cents"),
            ("people", "address.city.x[eq]:1", "address.city.x"),
            ("people", "and(title[eq]:x,or(nope[is]:null))", "nope"),
            ("people", "emails.value[eq]:x@y.com", "emails.value"),
        ];
        for (object, filter, field) in unknown {
            let e = refused(&db, object, filter).await;
            assert!(
                matches!(&e, StoreError::Model(ModelError::UnknownField { field: f, .. }) if f == field),
                "{}: {filter}: {e:?}",
                db.name
            );
        }
        let bad_operator = [
            ("companies", "employees[like]:1", "employees"),
            ("companies", "employees[contains]:1", "employees"),
            ("companies", "active[gt]:true", "active"),
            ("companies", "active[in]:[true]", "active"),
            ("companies", "industry[gt]:retail", "industry"),
            ("companies", "industry[contains]:ret", "industry"),
            ("companies", "emails[neq]:x@y.com", "emails"),
            ("companies", "emails[nin]:[x@y.com]", "emails"),
            ("companies", "address[eq]:Athens", "address"),
            ("companies", "address[in]:[Athens]", "address"),
            ("companies", "annual_revenue[contains]:1", "annual_revenue"),
            ("companies", "description[eq]:x", "description"),
            ("people", "hobbies[eq]:music", "hobbies"),
            ("people", "hobbies[in]:[music]", "hobbies"),
            ("people", "notes[contains]:x", "notes"),
            ("people", "birthday[startswith]:1980", "birthday"),
            ("people", "not(company[gt]:x)", "company"),
        ];
        for (object, filter, field) in bad_operator {
            let e = refused(&db, object, filter).await;
            assert!(
                matches!(&e, StoreError::BadOperator { field: f, .. } if f == field),
                "{}: {filter}: {e:?}",
                db.name
            );
        }
        let bad_value = [
            ("companies", "employees[gt]:abc", "employees"),
            ("companies", "employees[in]:[1,x]", "employees"),
            ("companies", "employees[eq]:1.5", "employees"),
            ("companies", "industry[eq]:bogus", "industry"),
            ("companies", "industry[in]:[retail,bogus]", "industry"),
            ("companies", "active[eq]:yes", "active"),
            ("companies", "founded_at[gt]:yesterday", "founded_at"),
            ("companies", "annual_revenue[gt]:abc", "annual_revenue"),
            ("companies", "annual_revenue[gt]:1000.005", "annual_revenue"),
            ("companies", "annual_revenue.amount[gt]:abc", "annual_revenue.amount"),
            ("companies", "annual_revenue[lt]:999999999999999999999", "annual_revenue"),
            ("companies", "rating[gt]:3.249", "rating"),
            ("companies", "rating[lt]:100000000000000000000", "rating"),
            ("companies", "rating[eq]:x", "rating"),
            ("companies", "owner[eq]:someone", "owner"),
            ("people", "birthday[gt]:1980-02-30", "birthday"),
            ("people", "birthday[gt]:29/02/1980", "birthday"),
            ("people", "hobbies[contains]:bogus", "hobbies"),
            ("people", "company[eq]:acme", "company"),
            ("people", "or(title[eq]:x,birthday[in]:[2000-01-01,never])", "birthday"),
        ];
        for (object, filter, field) in bad_value {
            let e = refused(&db, object, filter).await;
            assert!(
                matches!(&e, StoreError::BadFilterValue { field: f, .. } if f == field),
                "{}: {filter}: {e:?}",
                db.name
            );
        }

        // A hidden field cannot be filtered by; shown again, it can.
        let system = Actor::system();
        let hide = |hidden| FieldPatch { hidden: Some(hidden), ..FieldPatch::default() };
        db.store.update_field(&system, "people", "title", hide(true)).await.unwrap();
        let e = refused(&db, "people", "title[eq]:CEO").await;
        assert!(
            matches!(&e, StoreError::Model(ModelError::UnknownField { field, .. }) if field == "title"),
            "{}: {e:?}",
            db.name
        );
        db.store.update_field(&system, "people", "title", hide(false)).await.unwrap();
        assert_eq!(db.store.count(&system, "people", query("title[eq]:CEO")).await.unwrap(), 1, "{}", db.name);
    }
}

/// A phone number typed without a country code belongs to the store's default region
/// (`GR` in the tests), in a filter as in the data.
#[tokio::test]
async fn phone_filters_use_the_default_region() {
    for db in each_backend().await {
        fixture(&db).await;
        let system = Actor::system();
        check(&db, &system, "people", &PEOPLE, "phones[eq]:210 123 4567", &[GIORGOS]).await;
        check(&db, &system, "companies", &COMPANIES, "phones[eq]:210 765 4321", &[PAPA_GR]).await;
    }
}

/// Issue 19: the widest filter the language allows runs on both databases (its tree
/// is balanced, so SQLite's expression depth limit is far away), and a wider one —
/// even built by code, not parsed — is refused as `invalid_filter` before any SQL.
#[tokio::test]
async fn the_widest_filter_runs_and_a_wider_one_built_by_code_is_refused() {
    use rapport_model::filter::{Condition, Filter, MAX_CONDITIONS, MAX_VALUES, Op, Operand};
    let cond = |i: usize| {
        let value = if i == 0 { ACME.to_owned() } else { format!("nobody {i}") };
        Filter::Cond(Condition { path: vec!["name".into()], op: Op::Eq, operand: Operand::Value(value) })
    };
    let with = |filter: Filter| ListQuery { filter: Some(filter), limit: 10, ..ListQuery::default() };
    for db in each_backend().await {
        fixture(&db).await;
        let system = Actor::system();
        let widest = Filter::Or((0..MAX_CONDITIONS).map(cond).collect());
        let page = db.store.list(&system, "companies", with(widest.clone())).await.unwrap();
        assert_eq!(page.records.iter().map(label).collect::<Vec<_>>(), [ACME], "{}", db.name);
        let negated = Filter::Not(Box::new(Filter::And((0..MAX_CONDITIONS).map(|i| cond(i + 1)).collect())));
        let all = COMPANIES.len() as i64;
        assert_eq!(db.store.count(&system, "companies", with(negated)).await.unwrap(), all, "{}", db.name);
        let long = Operand::List((0..MAX_VALUES).map(|i| format!("x{i}@example.com")).collect());
        let emails = Filter::Cond(Condition { path: vec!["emails".into()], op: Op::In, operand: long });
        assert_eq!(db.store.count(&system, "companies", with(emails)).await.unwrap(), 0, "{}", db.name);

        let wider = Filter::Or((0..=MAX_CONDITIONS).map(cond).collect());
        let e = db.store.list(&system, "companies", with(wider)).await.unwrap_err();
        assert_eq!(e.code(), "invalid_filter", "{}: {e}", db.name);
        let deep = (0..1_000).fold(cond(0), |f, _| Filter::Not(Box::new(f)));
        let e = db.store.count(&system, "companies", with(deep)).await.unwrap_err();
        assert_eq!(e.code(), "invalid_filter", "{}: {e}", db.name);
    }
}

/// A page filtered only on selects is read along the sort key's index on SQLite (the
/// filter inside `+( )`), and the planner's way when that walk runs long: either way
/// it holds exactly the rows the filter keeps, in the list's order, page after page.
#[tokio::test]
async fn pages_filtered_on_selects_keep_every_match_in_order() {
    for db in each_backend().await {
        let actor = Actor::system();
        let inputs: Vec<Map<String, Json>> = (0..240)
            .map(|n| {
                // A common source, a rare one (three people), and no source at all.
                let source = match n % 80 {
                    0 => json!("event"),
                    1..=9 => Json::Null,
                    _ => json!("referral"),
                };
                let gender = if n % 3 == 0 { "female" } else { "male" };
                obj(json!({"name": {"first": format!("P{:03}", (n * 37) % 240), "last": "Doe"},
                           "lead_source": source, "gender": gender}))
            })
            .collect();
        db.store.bulk_create(&actor, "people", inputs).await.unwrap();
        let sort = rapport_model::sort::parse_sort("name").unwrap();
        let everyone = walk(&db, ListQuery { sort: sort.clone(), limit: 500, ..ListQuery::default() }).await;
        assert_eq!(everyone.len(), 240, "{}", db.name);
        let has = |r: &Record, field: &str, value: &str| r.get(field) == &Value::Text(value.into());
        let cases: [(&str, &Keeps<'_>); 4] = [
            ("lead_source[eq]:event", &|r| has(r, "lead_source", "event")),
            ("and(lead_source[eq]:referral,gender[eq]:female)", &|r| {
                has(r, "lead_source", "referral") && has(r, "gender", "female")
            }),
            ("not(lead_source[eq]:referral)", &|r| !has(r, "lead_source", "referral")),
            ("or(lead_source[in]:[event,partner],gender[eq]:female)", &|r| {
                has(r, "lead_source", "event") || has(r, "gender", "female")
            }),
        ];
        for (text, keeps) in cases {
            let expected: Vec<Uuid> = everyone.iter().filter(|r| keeps(r)).map(|r| r.id).collect();
            let filter = Some(parse(text).unwrap());
            let query = ListQuery { filter, sort: sort.clone(), limit: 7, ..ListQuery::default() };
            let got: Vec<Uuid> = walk(&db, query).await.iter().map(|r| r.id).collect();
            assert_eq!(got, expected, "{}: {text}", db.name);
        }
    }
}

/// Which records a filter keeps, said in Rust.
type Keeps<'a> = dyn Fn(&Record) -> bool + 'a;

/// Every page of `query`, cursor after cursor.
async fn walk(db: &TestDb, mut query: ListQuery) -> Vec<Record> {
    let mut out = Vec::new();
    loop {
        let page = db.store.list(&Actor::system(), "people", query.clone()).await.unwrap();
        out.extend(page.records);
        match page.next_cursor {
            Some(next) => query.cursor = Some(next),
            None => return out,
        }
    }
}

/// On SQLite a statement run within a budget gives way (`None`) once it has spent it,
/// and leaves the connection as it was; PostgreSQL runs it whole.
#[tokio::test]
async fn a_statement_over_its_budget_gives_way_on_sqlite() {
    use rapport_model::Logical;
    use sea_query::{Expr, Query};
    for db in each_backend().await {
        let count_to = |n: u32| {
            Query::select()
                .expr(Expr::cust(format!(
                    "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) SELECT count(*) FROM n)"
                )))
                .to_owned()
        };
        let (heavy, light) = (count_to(1_000_000), count_to(10));
        let sqlite = db.store.db().backend() == rapport_store::Backend::Sqlite;
        let answers = db
            .store
            .db()
            .read(move |c| {
                Box::pin(async move {
                    let kinds = [Logical::Integer];
                    let within = c.query_within(&heavy, &kinds, 10).await?;
                    let small = c.query_within(&light, &kinds, 10).await?;
                    let whole = c.query(&heavy, &kinds).await?;
                    Ok((within, small, whole))
                })
            })
            .await
            .unwrap();
        let (within, small, whole) = answers;
        let one = |n: i64| vec![vec![rapport_store::Cell::Int(n)]];
        assert_eq!(within, (!sqlite).then(|| one(1_000_000)), "{}", db.name);
        assert_eq!(small, Some(one(10)), "{}", db.name);
        assert_eq!(whole, one(1_000_000), "{}", db.name);
    }
}
