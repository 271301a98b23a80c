//! Full-text search (`?q=`) on each backend: Greek, Hungarian and Arabic names found
//! however they are typed (accents, case, final sigma, alef forms, ta marbuta,
//! tashkeel), Greek names typed in Latin letters and the other way round (sound
//! keys), every word of the query required, emails and phones searchable, and the
//! index kept right through delete, restore, update, fields added at run time, fields
//! hidden and the migration that re-indexes an older database.

use std::collections::BTreeSet;

use rapport_model::sort::parse_sort;
use rapport_model::{Actor, FieldDef, FieldType, Record, Value};
use rapport_store::{FieldPatch, ListQuery, StoreError};
use serde_json::{Map, Value as Json, json};

use crate::harness::{TestDb, admin, each_backend, reopen};

fn obj(v: Json) -> Map<String, Json> {
    v.as_object().cloned().unwrap()
}

fn search(q: &str) -> ListQuery {
    ListQuery { q: Some(q.into()), limit: 500, ..ListQuery::default() }
}

fn label(r: &Record) -> String {
    match r.get("name") {
        Value::Name(n) => n.display(),
        other => panic!("a person without a name: {other:?}"),
    }
}

/// The people `q` finds, by display name; `count` agrees.
async fn found(db: &TestDb, q: &str) -> BTreeSet<String> {
    let actor = Actor::system();
    let page = db.store.list(&actor, "people", search(q)).await.unwrap_or_else(|e| panic!("{}: q={q}: {e}", db.name));
    let names: BTreeSet<String> = page.records.iter().map(label).collect();
    assert_eq!(names.len(), page.records.len(), "{}: q={q}: a person found twice", db.name);
    let count = db.store.count(&actor, "people", search(q)).await.unwrap();
    assert_eq!(count, names.len() as i64, "{}: count with q={q}", db.name);
    names
}

async fn expect(db: &TestDb, q: &str, expected: &[&str]) {
    let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(found(db, q).await, expected, "{}: q={q}", db.name);
}

const GIORGOS: &str = "Γιώργος Παπαδόπουλος";
const MARIA: &str = "Maria Papadopoulou";
const ORY: &str = "Árpád Őry";
const AHMED: &str = "أحمد علي";
const FATIMA: &str = "فاطمة الزهراء";
const MUHAMMAD: &str = "مُحَمَّد حسن";
const JOHN: &str = "John Smith";

async fn people(db: &TestDb) -> Vec<Record> {
    let inputs = [
        json!({
            "name": {"first": "Γιώργος", "last": "Παπαδόπουλος"},
            "emails": ["Giorgos.P@Example.GR"], "phones": ["210 123 4567"]
        }),
        json!({"name": {"first": "Maria", "last": "Papadopoulou"}, "emails": ["mpap@mail.gr"]}),
        json!({"name": {"first": "Árpád", "last": "Őry"}, "phones": ["+36 30 123 4567"]}),
        json!({"name": {"first": "أحمد", "last": "علي"}}),
        json!({"name": {"first": "فاطمة", "last": "الزهراء"}}),
        json!({"name": {"first": "مُحَمَّد", "last": "حسن"}}),
        json!({"name": {"first": "John", "last": "Smith"}, "address": {"city": "Athens", "country": "GR"}, "title": "Papadopoulos fan"}),
    ];
    let mut out = Vec::new();
    for input in inputs {
        out.push(
            db.store
                .create(&Actor::system(), "people", &obj(input))
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", db.name)),
        );
    }
    out
}

#[tokio::test]
async fn names_are_found_however_they_are_typed() {
    for db in each_backend().await {
        people(&db).await;
        // Greek: accents, case, final sigma, prefixes.
        for q in ["παπαδοπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδοπουλος", "Παπαδόπουλος", "παπαδοπουλοσ", "γιωργος"]
        {
            expect(&db, q, &[GIORGOS]).await;
        }
        // A Greek prefix is also a Latin one.
        for q in ["παπαδ", "ΠΑΠΑΔ"] {
            expect(&db, q, &[GIORGOS, MARIA]).await;
        }
        // Hungarian: long vowels and accents.
        for q in ["ory arpad", "arpad ory", "ÁRPÁD", "Őry", "őry árpád", "arp"] {
            expect(&db, q, &[ORY]).await;
        }
        // Arabic: alef forms, ta marbuta, tashkeel (on either side).
        for q in ["احمد", "أحمد", "إحمد", "آحمد"] {
            expect(&db, q, &[AHMED]).await;
        }
        for q in ["فاطمه", "فاطمة", "الزهراء"] {
            expect(&db, q, &[FATIMA]).await;
        }
        for q in ["محمد", "مُحَمَّد", "مـحـمـد", "محمد حسن"] {
            expect(&db, q, &[MUHAMMAD]).await;
        }
        // A Latin spelling finds the Greek one, but a different name stays apart.
        expect(&db, "papadopoulou", &[MARIA]).await;
        expect(&db, "papadopoulos", &[GIORGOS]).await;
        expect(&db, "papad", &[GIORGOS, MARIA]).await;
        expect(&db, "zzzz", &[]).await;
    }
}

#[tokio::test]
async fn every_word_must_match() {
    for db in each_backend().await {
        people(&db).await;
        expect(&db, "γιωργος παπαδοπουλος", &[GIORGOS]).await;
        expect(&db, "Παπαδόπουλος, Γιώργος!", &[GIORGOS]).await;
        expect(&db, "maria παπαδοπουλος", &[]).await;
        expect(&db, "papa maria", &[MARIA]).await;
        expect(&db, "maria smith", &[]).await;
        // Words may match in different fields (name and address).
        expect(&db, "john athens", &[JOHN]).await;
        expect(&db, "maria athens", &[]).await;
        // Text without words searches nothing away.
        assert_eq!(found(&db, " - , ").await.len(), 7, "{}", db.name);
    }
}

#[tokio::test]
async fn emails_and_phones_are_searchable() {
    for db in each_backend().await {
        people(&db).await;
        expect(&db, "giorgos.p@example.gr", &[GIORGOS]).await;
        expect(&db, "GIORGOS.P@EXAMPLE.GR", &[GIORGOS]).await;
        expect(&db, "example.gr", &[GIORGOS]).await;
        expect(&db, "mpap@mail.gr", &[MARIA]).await;
        expect(&db, "mail.gr", &[MARIA]).await;
        // Phones as typed and as stored (E.164).
        expect(&db, "210 123 4567", &[GIORGOS]).await;
        expect(&db, "+302101234567", &[GIORGOS]).await;
        expect(&db, "+36301234567", &[ORY]).await;
        expect(&db, "36 30", &[ORY]).await;
        expect(&db, "4567", &[GIORGOS, ORY]).await;
    }
}

/// A whole address is looked up as an address (the contact points' index), not as
/// its words: `anna@duna.hu` is not `anna.kovacs@duna.hu`, however it is typed; text
/// that is not a whole address is still searched by its words.
#[tokio::test]
async fn a_whole_email_address_finds_exactly_its_owners() {
    for db in each_backend().await {
        people(&db).await;
        for (first, email) in [("Anna", "anna@duna.hu"), ("Kovács", "anna.kovacs@duna.hu")] {
            let input = obj(json!({"name": {"first": first, "last": "Duna"}, "emails": ["x@other.example", email]}));
            db.store.create(&Actor::system(), "people", &input).await.unwrap();
        }
        for q in ["anna@duna.hu", " ANNA@Duna.HU "] {
            expect(&db, q, &["Anna Duna"]).await;
        }
        expect(&db, "anna.kovacs@duna.hu", &["Kovács Duna"]).await;
        expect(&db, "x@other.example", &["Anna Duna", "Kovács Duna"]).await;
        expect(&db, "nobody@duna.hu", &[]).await;
        expect(&db, "anna duna.hu", &["Anna Duna", "Kovács Duna"]).await;
        expect(&db, "anna@duna", &["Anna Duna", "Kovács Duna"]).await;
    }
}

#[tokio::test]
async fn search_follows_deletes_restores_and_updates() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        let all = people(&db).await;
        let ory = all.iter().find(|r| label(r) == ORY).unwrap();
        s.delete(&actor, "people", ory.id, None).await.unwrap();
        expect(&db, "arpad", &[]).await;
        s.restore(&actor, "people", ory.id).await.unwrap();
        expect(&db, "arpad", &[ORY]).await;

        let maria = s.get(&actor, "people", all.iter().find(|r| label(r) == MARIA).unwrap().id).await.unwrap();
        let renamed = s
            .update(
                &actor,
                "people",
                maria.id,
                maria.version,
                &obj(json!({"name": {"first": "Maria", "last": "Γεωργίου"}})),
            )
            .await
            .unwrap();
        expect(&db, "papadopoulou", &[]).await;
        expect(&db, "γεωργιου", &[&label(&renamed)]).await;
        // Her email still matches after the name changed.
        expect(&db, "mpap@mail.gr", &[&label(&renamed)]).await;

        // A change to contact points is searchable at once.
        let giorgos = s.get(&actor, "people", all[0].id).await.unwrap();
        s.update(&actor, "people", giorgos.id, giorgos.version, &obj(json!({"emails": ["gp@newmail.example"]})))
            .await
            .unwrap();
        expect(&db, "newmail", &[GIORGOS]).await;
        expect(&db, "giorgos.p@example.gr", &[]).await;
        expect(&db, "παπαδοπουλος", &[GIORGOS]).await;
    }
}

#[tokio::test]
async fn search_pages_with_a_cursor_bound_to_the_query() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        people(&db).await;
        let query =
            ListQuery { q: Some("4567".into()), sort: parse_sort("name").unwrap(), limit: 1, ..ListQuery::default() };
        let first = s.list(&actor, "people", query.clone()).await.unwrap();
        assert!(first.has_more, "{}", db.name);
        let cursor = first.next_cursor.clone();
        let second = s.list(&actor, "people", ListQuery { cursor: cursor.clone(), ..query.clone() }).await.unwrap();
        assert!(!second.has_more, "{}", db.name);
        let got: BTreeSet<String> = first.records.iter().chain(&second.records).map(label).collect();
        assert_eq!(got, [GIORGOS, ORY].iter().map(|s| (*s).to_owned()).collect(), "{}", db.name);
        let other = s.list(&actor, "people", ListQuery { q: Some("210".into()), cursor, ..query }).await;
        assert!(matches!(other, Err(StoreError::BadCursor)), "{}: {:?}", db.name, other.map(|p| p.records.len()));
    }
}

#[tokio::test]
async fn fields_added_at_run_time_and_hidden_fields() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        let all = people(&db).await;
        let mut nickname = FieldDef::new("", "Nickname", FieldType::Text { max_length: Some(100) }).searchable();
        nickname.api_name = "nickname".into();
        let added = s.add_field(&actor, "people", nickname).await.unwrap();
        assert_eq!(added.id, "cf_nickname", "{}", db.name);

        // Existing rows keep their search text through the re-index.
        expect(&db, "παπαδοπουλος", &[GIORGOS]).await;
        expect(&db, "+302101234567", &[GIORGOS]).await;
        expect(&db, "athens", &[JOHN]).await;

        // An existing row given a value, and a new row, are found by it.
        let john = s.get(&actor, "people", all.iter().find(|r| label(r) == JOHN).unwrap().id).await.unwrap();
        s.update(&actor, "people", john.id, john.version, &obj(json!({"nickname": "Johnny Bravo"}))).await.unwrap();
        let kostas = s
            .create(
                &actor,
                "people",
                &obj(json!({"name": {"first": "Κωνσταντίνος", "last": "Νικολάου"}, "nickname": "Κωστάκης"})),
            )
            .await
            .unwrap();
        let kostas = label(&kostas);
        expect(&db, "johnny", &[JOHN]).await;
        expect(&db, "bravo smith", &[JOHN]).await;
        expect(&db, "κωστακης", &[&kostas]).await;
        expect(&db, "ΚΩΣΤΆΚΗΣ", &[&kostas]).await;

        // Hidden, the field no longer matches (its data stays); the rest still does.
        let hide = |hidden| FieldPatch { hidden: Some(hidden), ..FieldPatch::default() };
        s.update_field(&actor, "people", "cf_nickname", hide(true)).await.unwrap();
        expect(&db, "johnny", &[]).await;
        expect(&db, "κωστακης", &[]).await;
        expect(&db, "νικολαου", &[&kostas]).await;
        expect(&db, "john smith", &[JOHN]).await;
        // A standard field hidden: the address no longer matches.
        s.update_field(&actor, "people", "address", hide(true)).await.unwrap();
        expect(&db, "athens", &[]).await;
        expect(&db, "john", &[JOHN]).await;

        // Shown again, both match again.
        s.update_field(&actor, "people", "cf_nickname", hide(false)).await.unwrap();
        s.update_field(&actor, "people", "address", hide(false)).await.unwrap();
        expect(&db, "johnny", &[JOHN]).await;
        expect(&db, "κωστακης", &[&kostas]).await;
        expect(&db, "athens", &[JOHN]).await;
    }
}

/// FTS5 reserves column names such as `rank` and `rowid`; fields may still be called so.
#[tokio::test]
async fn fields_named_like_fts5_columns_are_searchable() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        for name in ["rank", "rowid"] {
            let mut field = FieldDef::new(name, name, FieldType::Text { max_length: None }).searchable();
            field.api_name = name.into();
            s.add_field(&actor, "companies", field).await.unwrap_or_else(|e| panic!("{}: {name}: {e}", db.name));
        }
        let input = obj(json!({"name": "Δελφοί Ι.Κ.Ε.", "rank": "Χρυσός", "rowid": "Ασημένιος"}));
        let company = s.create(&actor, "companies", &input).await.unwrap();
        for q in ["χρυσος", "ασημενιος"] {
            let page = s.list(&actor, "companies", search(q)).await.unwrap();
            assert_eq!(page.records.iter().map(|r| r.id).collect::<Vec<_>>(), vec![company.id], "{}: {q}", db.name);
        }
    }
}

/// Two searchable fields added at the same moment: each change works from the schema
/// as the other left it, so both end up in the search table.
#[tokio::test]
async fn searchable_fields_added_at_once_are_both_indexed() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        let field = |name: &str| {
            let mut f = FieldDef::new("", name, FieldType::Text { max_length: None }).searchable();
            f.api_name = name.into();
            f
        };
        let (a, b) = tokio::join!(
            s.add_field(&actor, "companies", field("motto")),
            s.add_field(&actor, "companies", field("slogan"))
        );
        a.unwrap();
        b.unwrap();
        let company = s
            .create(&actor, "companies", &obj(json!({"name": "Ίκαρος", "motto": "Πετάμε", "slogan": "Ψηλά"})))
            .await
            .unwrap();
        for q in ["πεταμε", "ψηλα"] {
            let page = s.list(&actor, "companies", search(q)).await.unwrap();
            assert_eq!(page.records.iter().map(|r| r.id).collect::<Vec<_>>(), vec![company.id], "{}: {q}", db.name);
        }
    }
}

/// Creates people from (first, last) names; returns nothing, `expect` names them.
async fn named(db: &TestDb, names: &[(&str, &str)]) {
    for (first, last) in names {
        let input = obj(json!({"name": {"first": first, "last": last}}));
        db.store.create(&Actor::system(), "people", &input).await.unwrap_or_else(|e| panic!("{}: {e}", db.name));
    }
}

/// Issue 10, item 5: a Greek name typed in Latin letters finds the Greek spelling,
/// and a Latin spelling is found by the Greek one; other names stay apart.
#[tokio::test]
async fn greek_names_are_found_in_latin_letters_and_the_other_way_round() {
    const GREEK: &str = "Γιώργος Παπαδόπουλος";
    const LATIN: &str = "Nikos Papadopoulos";
    const OTHER: &str = "Κώστας Παπαδάκης";
    for db in each_backend().await {
        named(&db, &[("Γιώργος", "Παπαδόπουλος"), ("Nikos", "Papadopoulos"), ("Κώστας", "Παπαδάκης")]).await;
        for q in ["papadopoulos", "Παπαδοπουλος", "ΠΑΠΑΔΌΠΟΥΛΟΣ", "Παπαδόπουλος", "PAPADOPOULOS", "papadop"]
        {
            expect(&db, q, &[GREEK, LATIN]).await;
        }
        for q in ["Papadopoulos Giorgos", "Yiorgos Papadopoulos", "giorgos", "Γιώργος"] {
            expect(&db, q, &[GREEK]).await;
        }
        for q in ["Νίκος Παπαδόπουλος", "νικος"] {
            expect(&db, q, &[LATIN]).await;
        }
        for q in ["Papadakis", "Kostas", "Costas Papadakis", "Κώστας"] {
            expect(&db, q, &[OTHER]).await;
        }
        for q in ["Nikas", "Papadopoulou", "Giorgos Papadakis", "Kostas Papadopoulos"] {
            expect(&db, q, &[]).await;
        }
    }
}

#[tokio::test]
async fn hungarian_and_arabic_names_are_found_however_they_are_typed() {
    const ORY: &str = "Árpád Őry";
    const ODON: &str = "Ödön Ügyfél";
    const AHMAD: &str = "أحمد سالم";
    const FATIMA: &str = "فاطمة علي";
    const MUHAMMAD: &str = "مُحَمَّد حسن";
    const STRETCHED: &str = "مـحـمـد خالد";
    const IBRAHIM: &str = "إبراهيم يوسف";
    for db in each_backend().await {
        named(
            &db,
            &[
                ("Árpád", "Őry"),
                ("Ödön", "Ügyfél"),
                ("أحمد", "سالم"),
                ("فاطمة", "علي"),
                ("مُحَمَّد", "حسن"),
                ("مـحـمـد", "خالد"),
                ("إبراهيم", "يوسف"),
            ],
        )
        .await;
        for q in ["ory arpad", "ŐRY", "őry", "Ory Árpád"] {
            expect(&db, q, &[ORY]).await;
        }
        for q in ["ugyfel odon", "ÜGYFÉL", "odon"] {
            expect(&db, q, &[ODON]).await;
        }
        expect(&db, "احمد", &[AHMAD]).await;
        expect(&db, "فاطمه", &[FATIMA]).await;
        expect(&db, "محمد", &[MUHAMMAD, STRETCHED]).await;
        expect(&db, "مُحَمَّد حسن", &[MUHAMMAD]).await;
        expect(&db, "محمد خالد", &[STRETCHED]).await;
        expect(&db, "ابراهيم", &[IBRAHIM]).await;
        for q in ["orsolya", "ödönke", "محمود", "فاطمة سالم"] {
            expect(&db, q, &[]).await;
        }
    }
}

/// Runs statements on the database behind a store, as an older program would have.
async fn run_sql(db: &TestDb, sql: &str) {
    match &db.location {
        rapport_store::Location::Sqlite { path } => {
            rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap()
        }
        rapport_store::Location::Postgres { url, .. } => admin(url).await.batch_execute(sql).await.unwrap(),
    }
}

/// A database indexed before sound keys existed (here: with its search rows gone, and
/// migration 7 not applied) is re-indexed once when a new program opens it.
#[tokio::test]
async fn the_sound_key_migration_reindexes_an_older_database() {
    for db in each_backend().await {
        people(&db).await;
        db.store.create(&Actor::system(), "companies", &obj(json!({"name": "Ψαράς Α.Ε."}))).await.unwrap();
        run_sql(
            &db,
            "DELETE FROM srch_person; DELETE FROM srch_company; DELETE FROM schema_migrations WHERE version = 7",
        )
        .await;
        expect(&db, "papadopoulos", &[]).await;

        let upgraded = reopen(&db.location).await.unwrap_or_else(|e| panic!("{}: {e}", db.name));
        let page = upgraded.list(&Actor::system(), "people", search("Papadopoulos Giorgos")).await.unwrap();
        assert_eq!(page.records.iter().map(label).collect::<Vec<_>>(), vec![GIORGOS], "{}", db.name);
        let page = upgraded.list(&Actor::system(), "people", search("فاطمه")).await.unwrap();
        assert_eq!(page.records.iter().map(label).collect::<Vec<_>>(), vec![FATIMA], "{}", db.name);
        let page = upgraded.list(&Actor::system(), "companies", search("psaras")).await.unwrap();
        assert_eq!(page.records.len(), 1, "{}: every object is re-indexed", db.name);
    }
}

/// A search page is read the same way whether the text matches few records (read
/// from their rowids) or more than a thousand (the full-text index joined as the
/// planner likes): every match once, in the sort's order, page after page.
#[tokio::test]
async fn searches_matching_few_or_many_page_through_every_match_in_order() {
    for db in each_backend().await {
        let (s, actor) = (&db.store, Actor::system());
        let person = |n: usize| {
            let last = if n.is_multiple_of(500) { "Rarename" } else { "Commonname" };
            obj(json!({"name": {"first": format!("P{:04}", (n * 7919) % 1_201), "last": last}}))
        };
        s.bulk_create(&actor, "people", (0..1_201).map(person).collect()).await.unwrap();
        for (text, expected) in [("Rarename", 3), ("Commonname", 1_198), ("commonn P11", 100)] {
            let mut query = ListQuery { sort: parse_sort("name").unwrap(), limit: 200, ..search(text) };
            let mut names = Vec::new();
            loop {
                let page = s.list(&actor, "people", query.clone()).await.unwrap();
                names.extend(page.records.iter().map(label));
                match page.next_cursor {
                    Some(next) => query.cursor = Some(next),
                    None => break,
                }
            }
            let mut sorted = names.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(names.len(), expected, "{}: {text}", db.name);
            assert_eq!(names, sorted, "{}: {text}: each once, in order", db.name);
        }
    }
}
