//! The filter builder's form round trip: a filter shown as builder rows, sent back as
//! the form sends them, is the same filter — for nested groups, negation, every
//! operator and values with commas and quotes — and the buttons edit the tree.

use rapport_domain::model::filter::{parse, print};
use rapport_web::ui::builder::{MAX_ROWS, Row, apply, filter_of, rows_from, rows_of};
use rapport_web::ui::i18n::Tr;

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
