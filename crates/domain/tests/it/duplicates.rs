//! Possible duplicates (issue 10, item 5) on every database: a Greek name typed in
//! Latin letters suggests the Greek record, a shared email or phone suggests its
//! record first, a record the caller may not read is never suggested, a record is not
//! its own duplicate, and an unrelated name suggests nothing.

use rapport_domain::model::{Actor, Record, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DomainError};
use serde_json::{Value as Json, json};
use uuid::Uuid;

use crate::access::{add_user, obj};
use crate::demo::config;

fn label(r: &Record) -> String {
    match r.get("name") {
        Value::Name(n) => n.display(),
        other => format!("{other:?}"),
    }
}

/// A sales rep of team North, and people of North (readable by the rep) and of South
/// (not readable).
struct Office {
    crm: Crm,
    rep: Actor,
    giorgos: Uuid,
}

async fn office(crm: Crm) -> Office {
    let system = Actor::system();
    let north = crm.create_team(&system, "North").await.unwrap().id;
    let south = crm.create_team(&system, "South").await.unwrap().id;
    let rep = add_user(&crm, "rep@dup.test", "sales_rep", "North").await;
    let mate = add_user(&crm, "mate@dup.test", "sales_rep", "North").await;
    let outsider = add_user(&crm, "outsider@dup.test", "sales_rep", "South").await;
    let person = |first: &str, last: &str, email: &str, owner: Uuid, team: Uuid| json!({"name": {"first": first, "last": last}, "emails": [email], "owner": owner, "team": team});
    let mut giorgos = person("Γιώργος", "Παπαδόπουλος", "giorgos@example.gr", mate, north);
    giorgos["phones"] = json!(["210 123 4567"]);
    let inputs = [
        giorgos,
        person("Νίκος", "Παπαδάκης", "nikos@example.gr", mate, north),
        person("Giorgos", "Papadopoulos", "gp@south.example", outsider, south),
        person("Ελένη", "Οικονόμου", "gp2@south.example", outsider, south),
    ];
    let mut ids = Vec::new();
    for input in inputs {
        ids.push(crm.create(&system, "people", &obj(input)).await.unwrap().id);
    }
    let rep = crm.actor_for(rep).await.unwrap();
    Office { crm, rep, giorgos: ids[0] }
}

impl Office {
    async fn suggest(&self, actor: &Actor, input: Json) -> Vec<String> {
        let found = self.crm.possible_duplicates(actor, "people", &obj(input)).await.unwrap();
        found.iter().map(label).collect()
    }
}

#[tokio::test]
async fn a_greek_name_typed_in_latin_letters_suggests_the_greek_record() {
    for db in each_database().await {
        let o = office(Crm::open(&config(&db)).await.unwrap()).await;
        let n = db.name();
        for name in
            [json!({"first": "Giorgos", "last": "Papadopoulos"}), json!({"first": "Yiorgos", "last": "Papadop"})]
        {
            // The South record of the same name is not the rep's to see.
            assert_eq!(o.suggest(&o.rep, json!({"name": name})).await, ["Γιώργος Παπαδόπουλος"], "{n}: {name}");
        }
        assert_eq!(
            o.suggest(&o.rep, json!({"name": {"first": "ΓΙΏΡΓΟΣ", "last": "παπαδοπουλος"}})).await,
            ["Γιώργος Παπαδόπουλος"],
            "{n}"
        );
        // Everyone's reader sees both; the closer spelling (every word whole) first.
        let all = o.suggest(&Actor::system(), json!({"name": {"first": "Giorgos", "last": "Papadopoulos"}})).await;
        assert_eq!(all.len(), 2, "{n}: {all:?}");
        assert!(all.contains(&"Giorgos Papadopoulos".to_owned()), "{n}: {all:?}");
    }
}

#[tokio::test]
async fn a_shared_email_or_phone_suggests_the_record_first() {
    for db in each_database().await {
        let o = office(Crm::open(&config(&db)).await.unwrap()).await;
        let n = db.name();
        let by_email = json!({"name": {"first": "Zoe", "last": "Xanthou"}, "emails": ["GIORGOS@Example.GR"]});
        assert_eq!(o.suggest(&o.rep, by_email).await, ["Γιώργος Παπαδόπουλος"], "{n}");
        let by_phone = json!({"phones": ["+30 210 1234567"]});
        assert_eq!(o.suggest(&o.rep, by_phone).await, ["Γιώργος Παπαδόπουλος"], "{n}");
        // The contact point's record before the records of the same name.
        let both = json!({"name": {"first": "Nikos", "last": "Papadakis"}, "emails": ["giorgos@example.gr"]});
        assert_eq!(o.suggest(&o.rep, both).await, ["Γιώργος Παπαδόπουλος", "Νίκος Παπαδάκης"], "{n}");
    }
}

#[tokio::test]
async fn a_record_the_caller_may_not_read_is_never_suggested() {
    for db in each_database().await {
        let o = office(Crm::open(&config(&db)).await.unwrap()).await;
        let n = db.name();
        let south = json!({"name": {"first": "Eleni", "last": "Oikonomou"}, "emails": ["gp@south.example"]});
        assert_eq!(o.suggest(&o.rep, south.clone()).await, Vec::<String>::new(), "{n}");
        assert_eq!(o.suggest(&Actor::system(), south).await, ["Giorgos Papadopoulos", "Ελένη Οικονόμου"], "{n}");
    }
}

#[tokio::test]
async fn an_unrelated_name_and_the_record_itself_suggest_nothing() {
    for db in each_database().await {
        let o = office(Crm::open(&config(&db)).await.unwrap()).await;
        let n = db.name();
        for name in [json!({"first": "Maria", "last": "Ioannou"}), json!({"first": "Giorgos", "last": "Papadakis"})] {
            assert_eq!(o.suggest(&o.rep, json!({"name": name})).await, Vec::<String>::new(), "{n}: {name}");
        }
        assert_eq!(o.suggest(&o.rep, json!({})).await, Vec::<String>::new(), "{n}: no name, no contacts");
        let itself = json!({
            "id": o.giorgos, "name": {"first": "Γιώργος", "last": "Παπαδόπουλος"}, "emails": ["giorgos@example.gr"]
        });
        assert_eq!(o.suggest(&o.rep, itself).await, Vec::<String>::new(), "{n}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field() {
    for db in each_database().await {
        let o = office(Crm::open(&config(&db)).await.unwrap()).await;
        for (input, field) in [
            (json!({"id": "nope", "name": {"first": "A"}}), "id"),
            (json!({"emails": ["not an email"]}), "emails"),
            (json!({"shoe_size": 44}), "shoe_size"),
        ] {
            let got = o.crm.possible_duplicates(&o.rep, "people", &obj(input.clone())).await;
            let fields: Vec<String> = match &got {
                Err(DomainError::Store(e)) => e.field_errors().iter().map(|f| f.field.clone()).collect(),
                other => vec![format!("{other:?}")],
            };
            assert!(
                fields.iter().all(|f| f.starts_with(field)) && !fields.is_empty(),
                "{}: {input}: {fields:?}",
                db.name()
            );
        }
        let unknown = o.crm.possible_duplicates(&o.rep, "spaceships", &obj(json!({}))).await;
        assert!(matches!(&unknown, Err(e) if e.code() == "unknown_object"), "{}: {unknown:?}", db.name());
    }
}
