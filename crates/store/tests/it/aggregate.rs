//! Totals of lists (a kanban board's column counts and sums): counts and money sums per
//! currency, grouped by a field, exact, with the filter, the search and the reader's
//! reach in the SQL exactly as a list has them — on every database.

use std::str::FromStr;

use rapport_model::access::{ObjectRights, Reach};
use rapport_model::filter::parse;
use rapport_model::{Actor, FieldDef, FieldType, Grants, ModelError, SelectOption, Value};
use rapport_store::aggregate::{GroupTotals, Totals, TotalsByQuery, TotalsQuery};
use rapport_store::{ListQuery, Store, StoreError};
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use crate::harness::{custom, each_backend};

fn obj(v: Json) -> Map<String, Json> {
    v.as_object().cloned().unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn deal() -> rapport_model::ObjectDef {
    let stages = ["lead", "won", "lost"].iter().map(|s| SelectOption::new(s, s)).collect();
    let tags = ["hot", "cold"].iter().map(|s| SelectOption::new(s, s)).collect();
    custom(
        "deal",
        "deals",
        vec![
            FieldDef::new("name", "Name", FieldType::Text { max_length: None }).indexed().searchable(),
            FieldDef::new("stage", "Stage", FieldType::Select { options: stages }).indexed(),
            FieldDef::new("value", "Value", FieldType::Currency { scale: 2 }),
            FieldDef::new("units", "Units", FieldType::Integer { min: None, max: None }),
            FieldDef::new("tags", "Tags", FieldType::MultiSelect { options: tags }),
        ],
    )
}

/// Deals of two owners: `mine` owns the first four.
async fn deals(store: &Store) -> (Actor, Actor) {
    let (me, other, _) = deals_of(store).await;
    (me, other)
}

/// [`deals`], with the two owners' ids (mine first).
async fn deals_of(store: &Store) -> (Actor, Actor, (Uuid, Uuid)) {
    store.create_object(&Actor::system(), deal()).await.unwrap();
    let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
    let mine = Actor::user(me, Vec::new(), Grants::administrator());
    let theirs = Actor::user(other, Vec::new(), Grants::administrator());
    let money = |amount: &str, currency: &str| json!({"amount": amount, "currency": currency});
    let rows = [
        (&mine, json!({"name": "Olive oil", "stage": "lead", "value": money("10.50", "EUR"), "units": 3})),
        (&mine, json!({"name": "Feta", "stage": "lead", "value": money("5", "EUR")})),
        (&mine, json!({"name": "Paprika", "stage": "lead", "value": money("3", "USD")})),
        (&mine, json!({"name": "Tokaji", "stage": "won", "value": money("7.25", "EUR")})),
        (&theirs, json!({"name": "Salami", "stage": "won"})),
        (&theirs, json!({"name": "Honey", "value": money("1", "EUR")})),
        (&theirs, json!({"name": "Dates", "stage": "lost", "value": money("1234567.89", "EUR")})),
    ];
    for (actor, input) in rows {
        store.create(actor, "deals", &obj(input)).await.unwrap();
    }
    // A deleted deal counts nowhere.
    let gone = store
        .create(&mine, "deals", &obj(json!({"name": "Gone", "stage": "lead", "value": money("99", "EUR")})))
        .await
        .unwrap();
    store.delete(&mine, "deals", gone.id, None).await.unwrap();
    let reader = |id| {
        let mut grants = Grants::default();
        grants.objects.insert("deal".into(), ObjectRights::read_only(Reach::Own));
        Actor::user(id, Vec::new(), grants)
    };
    (reader(me), reader(other), (me, other))
}

fn by_stage(filter: Option<&str>, q: Option<&str>) -> TotalsQuery {
    TotalsQuery {
        list: ListQuery { filter: filter.map(|f| parse(f).unwrap()), q: q.map(str::to_owned), ..ListQuery::default() },
        group_by: Some("stage".into()),
        sum: Some("value".into()),
    }
}

fn group(key: Option<&str>, count: i64, sums: &[(&str, &str)]) -> Totals {
    Totals {
        key: key.map_or(Value::Null, |k| Value::Text(k.into())),
        count,
        sums: sums.iter().map(|(c, a)| ((*c).to_owned(), dec(a))).collect(),
    }
}

#[tokio::test]
async fn totals_count_and_sum_each_group_per_currency() {
    for db in each_backend().await {
        let s = &db.store;
        deals(s).await;
        let all = s.totals(&Actor::system(), "deals", by_stage(None, None)).await.unwrap();
        assert_eq!(
            all,
            vec![
                group(Some("lead"), 3, &[("EUR", "15.50"), ("USD", "3.00")]),
                group(Some("lost"), 1, &[("EUR", "1234567.89")]),
                group(Some("won"), 2, &[("EUR", "7.25")]),
                group(None, 1, &[("EUR", "1.00")]),
            ],
            "{}",
            db.name
        );
        // Not grouped: the whole list; not summed: counts only.
        let whole = TotalsQuery { sum: Some("value".into()), ..TotalsQuery::default() };
        let whole = s.totals(&Actor::system(), "deals", whole).await.unwrap();
        assert_eq!(whole, vec![group(None, 7, &[("EUR", "1234591.64"), ("USD", "3.00")])], "{}", db.name);
        let counts = TotalsQuery { group_by: Some("stage".into()), ..TotalsQuery::default() };
        let counts: Vec<i64> =
            s.totals(&Actor::system(), "deals", counts).await.unwrap().iter().map(|t| t.count).collect();
        assert_eq!(counts, vec![3, 1, 2, 1], "{}", db.name);
        // Grouped by another kind of field: the owner (a system field).
        let owners = TotalsQuery { group_by: Some("owner".into()), ..TotalsQuery::default() };
        let mut owners: Vec<i64> =
            s.totals(&Actor::system(), "deals", owners).await.unwrap().iter().map(|t| t.count).collect();
        owners.sort_unstable();
        assert_eq!(owners, vec![3, 4], "{}", db.name);
    }
}

#[tokio::test]
async fn totals_keep_to_the_filter_the_search_and_the_readers_reach() {
    for db in each_backend().await {
        let s = &db.store;
        let (me, other) = deals(s).await;
        let filtered = s.totals(&Actor::system(), "deals", by_stage(Some("value[gte]:5"), None)).await.unwrap();
        assert_eq!(
            filtered,
            vec![
                group(Some("lead"), 2, &[("EUR", "15.50")]),
                group(Some("lost"), 1, &[("EUR", "1234567.89")]),
                group(Some("won"), 1, &[("EUR", "7.25")]),
            ],
            "{}",
            db.name
        );
        let searched = s.totals(&Actor::system(), "deals", by_stage(None, Some("paprika"))).await.unwrap();
        assert_eq!(searched, vec![group(Some("lead"), 1, &[("USD", "3.00")])], "{}", db.name);
        // A reader who reaches only own records totals only those.
        let mine = s.totals(&me, "deals", by_stage(None, None)).await.unwrap();
        assert_eq!(
            mine,
            vec![
                group(Some("lead"), 3, &[("EUR", "15.50"), ("USD", "3.00")]),
                group(Some("won"), 1, &[("EUR", "7.25")])
            ],
            "{}",
            db.name
        );
        let theirs = s.totals(&other, "deals", by_stage(None, None)).await.unwrap();
        assert_eq!(
            theirs,
            vec![
                group(Some("lost"), 1, &[("EUR", "1234567.89")]),
                group(Some("won"), 1, &[]),
                group(None, 1, &[("EUR", "1.00")]),
            ],
            "{}",
            db.name
        );
        // Nothing matches: no groups.
        let none = s.totals(&me, "deals", by_stage(Some("name[eq]:Dates"), None)).await.unwrap();
        assert!(none.is_empty(), "{}: {none:?}", db.name);
        // No reach at all is refused, as a list is.
        let stranger = Actor::user(Uuid::now_v7(), Vec::new(), Grants::default());
        let refused = s.totals(&stranger, "deals", by_stage(None, None)).await.unwrap_err();
        assert!(matches!(refused, StoreError::Forbidden { .. }), "{}: {refused:?}", db.name);
    }
}

#[tokio::test]
async fn totals_refuse_fields_they_cannot_group_by_or_sum() {
    for db in each_backend().await {
        let s = &db.store;
        deals(s).await;
        let ask = |group_by: &str, sum: Option<&str>| TotalsQuery {
            group_by: Some(group_by.into()),
            sum: sum.map(str::to_owned),
            ..TotalsQuery::default()
        };
        let unknown = s.totals(&Actor::system(), "deals", ask("colour", None)).await.unwrap_err();
        assert!(
            matches!(&unknown, StoreError::Model(ModelError::UnknownField { field, .. }) if field == "colour"),
            "{}: {unknown:?}",
            db.name
        );
        let list = s.totals(&Actor::system(), "deals", ask("tags", None)).await.unwrap_err();
        assert!(matches!(&list, StoreError::BadOperator { field, .. } if field == "tags"), "{}: {list:?}", db.name);
        let not_money = s.totals(&Actor::system(), "deals", ask("stage", Some("units"))).await.unwrap_err();
        assert!(
            matches!(&not_money, StoreError::BadOperator { field, .. } if field == "units"),
            "{}: {not_money:?}",
            db.name
        );
    }
}

#[tokio::test]
async fn totals_by_two_fields_count_and_sum_each_combination_per_currency() {
    for db in each_backend().await {
        let s = &db.store;
        let (me_reading, _, (me, other)) = deals_of(s).await;
        let by = |filter: Option<&str>| TotalsByQuery {
            list: ListQuery { filter: filter.map(|f| parse(f).unwrap()), ..ListQuery::default() },
            group_by: vec!["owner".into(), "stage".into()],
            sum: Some("value".into()),
        };
        let group = |owner: Uuid, stage: Option<&str>, count: i64, sums: &[(&str, &str)]| GroupTotals {
            keys: vec![Value::Uuid(owner), stage.map_or(Value::Null, |k| Value::Text(k.into()))],
            count,
            sums: sums.iter().map(|(c, a)| ((*c).to_owned(), dec(a))).collect(),
        };
        let all = s.totals_by(&Actor::system(), "deals", by(None)).await.unwrap();
        // By owner then stage; the groups without a stage after every group with one.
        assert_eq!(
            all,
            vec![
                group(me, Some("lead"), 3, &[("EUR", "15.50"), ("USD", "3.00")]),
                group(me, Some("won"), 1, &[("EUR", "7.25")]),
                group(other, Some("lost"), 1, &[("EUR", "1234567.89")]),
                group(other, Some("won"), 1, &[]),
                group(other, None, 1, &[("EUR", "1.00")]),
            ],
            "{}",
            db.name
        );
        // Within the reader's reach and the filter, as a list.
        let mine = s.totals_by(&me_reading, "deals", by(Some("stage[eq]:lead"))).await.unwrap();
        assert_eq!(mine, vec![group(me, Some("lead"), 3, &[("EUR", "15.50"), ("USD", "3.00")])], "{}", db.name);
        // No grouping field totals the whole list; too many, or one that cannot
        // group, is refused naming it.
        let whole = TotalsByQuery { group_by: Vec::new(), ..by(None) };
        let whole = s.totals_by(&Actor::system(), "deals", whole).await.unwrap();
        assert_eq!(whole.iter().map(|g| g.count).sum::<i64>(), 7, "{}", db.name);
        let many = TotalsByQuery { group_by: vec!["stage".into(); 5], ..by(None) };
        let refused = s.totals_by(&Actor::system(), "deals", many).await.unwrap_err();
        assert!(matches!(refused, StoreError::BadOperator { .. }), "{}: {refused:?}", db.name);
        let tags = TotalsByQuery { group_by: vec!["owner".into(), "tags".into()], ..by(None) };
        let refused = s.totals_by(&Actor::system(), "deals", tags).await.unwrap_err();
        assert!(
            matches!(&refused, StoreError::BadOperator { field, .. } if field == "tags"),
            "{}: {refused:?}",
            db.name
        );
    }
}
