//! The filter builder's form round trip: a filter shown as builder rows, sent back as
//! the form sends them, is the same filter — for nested groups, negation, every
//! operator and values with commas and quotes — and the buttons edit the tree; it
//! offers, for each field, only the operators that field takes.

use rapport_domain::ListQuery;
use rapport_domain::model::Actor;
use rapport_domain::model::filter::{Op, parse, print};
use rapport_web::ui::builder::{MAX_ROWS, Row, apply, filter_of, operators_for, paths, rows_from, rows_of};
use rapport_web::ui::i18n::Tr;
use reqwest::Method;

use crate::app::spawn_app;
use crate::filters::specimen;
use crate::records::{call, ok, token_for};

/// The pairs a browser sends for the rows.
fn submitted(rows: &[Row]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for row in rows {
        pairs.push(("depth".to_owned(), row.depth.to_string()));
        pairs.push(("kind".to_owned(), row.kind.clone()));
        pairs.push(("path".to_owned(), row.path.clone()));
        pairs.push(("op".to_owned(), row.op.clone()));
        pairs.push(("value".to_owned(), row.value.clone()));
    }
    pairs
}

fn round_trip(text: &str) -> String {
    let filter = parse(text).unwrap();
    let rows = rows_from(&submitted(&rows_of(Some(&filter))));
    print(&filter_of(&Tr::new("en"), &rows).unwrap().unwrap())
}

#[test]
fn filters_survive_the_form() {
    for text in [
        "title[eq]:Buyer",
        "and(title[eq]:Buyer,or(name.first[eq]:Anna,name.first[eq]:Bela))",
        "or(and(amount[gte]:1000,stage[in]:[won,lost]),not(owner[eq]:me))",
        r#"name.last[in]:["Smith, John","O\"Brien",plain]"#,
        "and(emails[is]:null,phones[is]:not_null,title[contains]:lead,name[startswith]:Ann)",
        "not(and(title[neq]:a,title[like]:b%,title[ilike]:C%,qty[lt]:1,qty[lte]:2,qty[gt]:3))",
        "status[nin]:[done,cancelled]",
    ] {
        let expected = print(&parse(text).unwrap());
        assert_eq!(round_trip(text), expected, "{text}");
    }
}

#[test]
fn buttons_edit_the_tree() {
    let tr = Tr::new("en");
    let mut rows = rows_of(None);
    apply(&mut rows, "add:0");
    rows[1].path = "title".into();
    rows[1].value = "Buyer".into();
    apply(&mut rows, "group:0");
    rows[3].path = "name.first".into();
    rows[3].value = "Anna".into();
    apply(&mut rows, "add:2");
    rows[4].path = "name.first".into();
    rows[4].value = "Bela".into();
    let filter = filter_of(&tr, &rows).unwrap().unwrap();
    assert_eq!(print(&filter), "and(title[eq]:Buyer,or(name.first[eq]:Anna,name.first[eq]:Bela))");
    apply(&mut rows, "switch:2");
    assert_eq!(
        print(&filter_of(&tr, &rows).unwrap().unwrap()),
        "and(title[eq]:Buyer,not(and(name.first[eq]:Anna,name.first[eq]:Bela)))"
    );
    apply(&mut rows, "remove:2");
    assert_eq!(print(&filter_of(&tr, &rows).unwrap().unwrap()), "title[eq]:Buyer");
    apply(&mut rows, "remove:0");
    assert_eq!(rows.len(), 2, "the root group stays");
}

#[test]
fn hostile_submissions_are_bounded_and_refused_clearly() {
    let tr = Tr::new("en");
    // Thousands of rows are cut to the builder's bound.
    let many: Vec<Row> = rows_of(None)
        .into_iter()
        .chain((0..5000).map(|_| Row {
            depth: 1,
            kind: "cond".into(),
            path: "title".into(),
            op: "eq".into(),
            value: "x".into(),
        }))
        .collect();
    assert_eq!(rows_from(&submitted(&many)).len(), MAX_ROWS);
    // Depths that jump are pulled into the tree; unknown kinds are conditions.
    let odd = vec![
        ("depth".to_owned(), "7".to_owned()),
        ("kind".to_owned(), "drop table".to_owned()),
        ("path".to_owned(), "title".to_owned()),
        ("op".to_owned(), "eq".to_owned()),
        ("value".to_owned(), "a".to_owned()),
    ];
    let rows = rows_from(&odd);
    assert!(rows[0].is_group() && rows[1].depth == 1 && !rows[1].is_group());
    assert_eq!(print(&filter_of(&tr, &rows).unwrap().unwrap()), "title[eq]:a");
    // Bad operators and `is` values name the row.
    let mut rows = rows_of(None);
    apply(&mut rows, "add:0");
    rows[1].path = "title".into();
    rows[1].op = "is".into();
    rows[1].value = "maybe".into();
    assert_eq!(filter_of(&tr, &rows).unwrap_err().index, 1);
    rows[1].op = "nope".into();
    assert_eq!(filter_of(&tr, &rows).unwrap_err().index, 1);
    rows[1].op = "in".into();
    rows[1].value = "\"unclosed".into();
    assert_eq!(filter_of(&tr, &rows).unwrap_err().index, 1);
}

/// An operand the operator takes, of no particular type: a wrong type is refused as a
/// bad value, which is not what this test is about.
fn operand(op: Op) -> &'static str {
    match op {
        Op::Is => "null",
        Op::In | Op::Nin => "[1]",
        _ => "1",
    }
}

#[tokio::test]
async fn the_builder_offers_only_operators_the_field_takes() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        ok(call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(specimen())).await, 201).await;
        let sys = Actor::system();
        let schema = app.crm.schema(&sys).await.unwrap();
        let tr = Tr::new("en");
        let mut offered = 0;
        for object in schema.all().filter(|o| !o.hidden) {
            for (path, _) in paths(&tr, object) {
                for op in operators_for(object, &path) {
                    let text = format!("{path}[{}]:{}", op.as_str(), operand(*op));
                    let Ok(filter) = parse(&text) else { continue };
                    let query = ListQuery { filter: Some(filter), limit: 1, ..ListQuery::default() };
                    if let Err(e) = app.crm.list(&sys, &object.api_name, query).await {
                        assert_ne!(e.code(), "invalid_operator", "{at}: {} offers {text}: {e}", object.api_name);
                    }
                    offered += 1;
                }
            }
        }
        assert!(offered > 500, "{at}: only {offered} conditions tried");
        // City of an address is compared, never matched: "contains" is not offered.
        let people = schema.object("person").unwrap();
        assert!(!operators_for(people, "address.city").contains(&Op::Contains));
        assert!(operators_for(people, "title").contains(&Op::Contains));
    }
}
