//! Totals through the domain (a kanban board's column counts and sums): the standard
//! roles' reach applies to them exactly as to lists — a sales rep's totals are those
//! of the team's records, never another team's — on every database.

use std::str::FromStr;

use rapport_domain::aggregate::{Totals, TotalsQuery};
use rapport_domain::model::filter::parse;
use rapport_domain::model::{Actor, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, ListQuery};
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

use crate::access::{add_user, obj};
use crate::demo::config;

fn by_stage(pipeline: Uuid) -> TotalsQuery {
    TotalsQuery {
        list: ListQuery { filter: Some(parse(&format!("pipeline[eq]:{pipeline}")).unwrap()), ..ListQuery::default() },
        group_by: Some("stage".into()),
        sum: Some("amount".into()),
    }
}

#[tokio::test]
async fn a_sales_reps_totals_are_those_of_the_team() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let sys = Actor::system();
        let athens = crm.create_team(&sys, "Athens").await.unwrap().id;
        let budapest = crm.create_team(&sys, "Budapest").await.unwrap().id;
        let nikos = add_user(&crm, "nikos@totals.test", "sales_rep", "Athens").await;
        let maria = add_user(&crm, "maria@totals.test", "sales_rep", "Athens").await;
        let eszter = add_user(&crm, "eszter@totals.test", "sales_rep", "Budapest").await;
        let pipeline = crm.create(&sys, "pipelines", &obj(json!({"name": "Sales"}))).await.unwrap().id;
        let stage = |name: &str| {
            let crm = crm.clone();
            let input = obj(json!({"pipeline": pipeline, "name": name, "kind": "open"}));
            async move { crm.create(&Actor::system(), "stages", &input).await.unwrap().id }
        };
        let (qualify, proposal) = (stage("Qualify").await, stage("Proposal").await);
        for (owner, team, stage, amount, currency) in [
            (nikos, athens, qualify, "100", "EUR"),
            (maria, athens, qualify, "20.50", "EUR"),
            (maria, athens, proposal, "7", "USD"),
            (eszter, budapest, qualify, "5000", "EUR"),
            (eszter, budapest, proposal, "900", "HUF"),
        ] {
            let input = json!({"name": "Deal", "pipeline": pipeline, "stage": stage, "owner": owner, "team": team,
                "amount": {"amount": amount, "currency": currency}});
            crm.create(&sys, "opportunities", &obj(input)).await.unwrap();
        }
        let rep = crm.actor_for(nikos).await.unwrap();
        let totals = crm.totals(&rep, "opportunities", by_stage(pipeline)).await.unwrap();
        let group = |stage: Uuid, count: i64, currency: &str, sum: &str| Totals {
            key: Value::Uuid(stage),
            count,
            sums: vec![(currency.to_owned(), Decimal::from_str(sum).unwrap())],
        };
        let mut expected = vec![group(qualify, 2, "EUR", "120.50"), group(proposal, 1, "USD", "7.00")];
        // Groups come in the order of the grouping column (here the stages' ids).
        expected.sort_by_key(|t| match t.key {
            Value::Uuid(id) => id,
            _ => Uuid::nil(),
        });
        let shown = totals;
        assert_eq!(shown, expected, "{}", db.name());
        // Everyone's, for the system.
        let all = crm.totals(&sys, "opportunities", by_stage(pipeline)).await.unwrap();
        assert_eq!(all.iter().map(|t| t.count).sum::<i64>(), 5, "{}", db.name());
    }
}
