//! Every filter operator on every field type, through the HTTP router: the API must
//! answer exactly what the domain answers for the same filter — the same records, or
//! the same refusal — on both databases. (What each operator means for each type is
//! pinned by the store's own filter tests; this proves the API carries every one of
//! them intact: parsing, URL encoding, errors and reach.)

use std::collections::BTreeSet;

use rapport_domain::ListQuery;
use rapport_domain::model::Actor;
use rapport_domain::model::filter::parse;
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::spawn_app;
use crate::records::{call, ok, token_for};

const OPERATORS: [&str; 12] =
    ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "like", "ilike", "contains", "startswith"];

/// A custom object with a field of every type that can be filtered.
pub(crate) fn specimen() -> Value {
    let field = |name: &str, kind: Value| {
        let mut f = json!({"api_name": name, "label": name, "indexed": true});
        for (k, v) in kind.as_object().unwrap() {
            f[k] = v.clone();
        }
        f
    };
    json!({"id": "specimen", "api_name": "specimens", "label": "Specimen", "label_plural": "Specimens",
        "label_field": "title", "fields": [
        field("title", json!({"type": "text", "required": true, "searchable": true})),
        field("notes", json!({"type": "long_text"})),
        field("count", json!({"type": "integer"})),
        field("weight", json!({"type": "decimal", "precision": 10, "scale": 2})),
        field("price", json!({"type": "currency", "scale": 2})),
        field("share", json!({"type": "percent", "scale": 2})),
        field("active", json!({"type": "boolean"})),
        field("born", json!({"type": "date"})),
        field("seen", json!({"type": "date_time"})),
        field("colour", json!({"type": "select", "options": [{"value": "red", "label": "Red"}, {"value": "blue", "label": "Blue"}]})),
        field("tags", json!({"type": "multi_select", "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]})),
        field("email", json!({"type": "email", "multiple": false})),
        field("emails", json!({"type": "email", "multiple": true})),
        field("phone", json!({"type": "phone", "multiple": false})),
        field("site", json!({"type": "url", "multiple": false})),
        field("place", json!({"type": "address"})),
        field("person", json!({"type": "full_name"})),
        field("stars", json!({"type": "rating", "max": 5})),
        field("company", json!({"type": "relation", "target": "company"})),
    ]})
}

/// A filter for `path` with `op`, its operand taken from `value` (a record's value).
fn filter_for(path: &str, op: &str, value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            items.first().map(|i| i.as_str().map_or_else(|| i["value"].to_string(), str::to_owned)).unwrap_or_default()
        }
        other => other.to_string(),
    };
    let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let operand = match op {
        "in" | "nin" => format!("[{quoted}]"),
        "like" | "ilike" => format!("\"%{}%\"", text.chars().take(3).collect::<String>().replace('"', "")),
        "contains" | "startswith" => format!("\"{}\"", text.chars().take(3).collect::<String>().replace('"', "")),
        _ => quoted,
    };
    format!("{path}[{op}]:{operand}")
}

#[tokio::test]
async fn every_operator_on_every_field_type_answers_as_the_domain_does() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        ok(call(&app, &token, Method::POST, "/api/v1/meta/objects", Some(specimen())).await, 201).await;
        let company =
            ok(call(&app, &token, Method::POST, "/api/v1/companies", Some(json!({"name": "Acme"}))).await, 201).await;
        let records: Vec<Value> = (0..6)
            .map(|n| json!({
                "title": format!("Specimen Ωμέγα {n}"), "notes": format!("long text {n}"), "count": n * 10 - 20,
                "weight": format!("{}.{}5", n, n), "price": {"amount": format!("{}.50", n * 100), "currency": "EUR"},
                "share": format!("{}.5", n * 7), "active": n % 2 == 0, "born": format!("200{n}-0{}-1{n}", n + 1),
                "seen": format!("2026-0{}-0{}T1{n}:00:00Z", n + 1, n + 1), "colour": if n % 2 == 0 { "red" } else { "blue" },
                "tags": if n % 3 == 0 { json!(["a", "b"]) } else { json!(["b"]) }, "email": format!("s{n}@example.gr"),
                "emails": [format!("x{n}@example.hu"), format!("y{n}@example.ae")], "phone": format!("+30 210 555 000{n}"),
                "site": format!("https://s{n}.example.com/"), "place": {"city": format!("Πόλη {n}"), "country": "GR"},
                "person": {"first": format!("Ádám{n}"), "last": format!("Nagy{n}")}, "stars": n % 5 + 1,
                "company": if n % 2 == 0 { company["id"].clone() } else { Value::Null },
            }))
            .collect();
        let made =
            ok(call(&app, &token, Method::POST, "/api/v1/specimens", Some(Value::Array(records))).await, 201).await;
        let sample = &made["data"][2];
        let paths: Vec<(String, Value)> = sample
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| {
                !["id", "version", "created_at", "updated_at", "created_by", "updated_by", "owner", "team"]
                    .contains(&k.as_str())
            })
            .flat_map(|(k, v)| match v {
                Value::Object(parts) if k != "price" => {
                    parts.iter().map(|(p, pv)| (format!("{k}.{p}"), pv.clone())).collect::<Vec<_>>()
                }
                Value::Object(parts) => vec![(k.clone(), parts["amount"].clone())],
                _ => vec![(k.clone(), v.clone())],
            })
            .collect();
        assert!(paths.len() >= 20, "{at}: {paths:?}");
        let admin = app.crm.actor_for(app.crm.users(&Actor::system()).await.unwrap()[0].id).await.unwrap();
        let (mut compared, mut non_empty) = (0, 0);
        for (path, value) in &paths {
            let mut filters: Vec<String> = OPERATORS.iter().map(|op| filter_for(path, op, value)).collect();
            filters.push(format!("{path}[is]:null"));
            filters.push(format!("{path}[is]:not_null"));
            for filter in filters {
                let Ok(parsed) = parse(&filter) else { panic!("{at}: the test wrote a bad filter: {filter}") };
                let query = ListQuery { filter: Some(parsed), limit: 50, ..ListQuery::default() };
                let domain = app.crm.list(&admin, "specimens", query).await;
                let url = format!("/api/v1/specimens?limit=50&filter={}", urlencode(&filter));
                let response = call(&app, &token, Method::GET, &url, None).await;
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap();
                match domain {
                    Ok(page) => {
                        assert_eq!(status, 200, "{at}: {filter}: {body}");
                        let want: BTreeSet<String> = page.records.iter().map(|r| r.id.to_string()).collect();
                        let got: BTreeSet<String> = body["data"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|r| r["id"].as_str().unwrap().to_owned())
                            .collect();
                        assert_eq!(got, want, "{at}: {filter}");
                        non_empty += usize::from(!got.is_empty());
                    }
                    Err(e) => {
                        assert_eq!(status, 400, "{at}: {filter}: {body}");
                        assert_eq!(body["errors"][0]["code"], e.code(), "{at}: {filter}");
                    }
                }
                compared += 1;
            }
        }
        assert!(compared >= 20 * 14, "{at}: {compared}");
        assert!(non_empty >= 100, "{at}: only {non_empty} filters matched anything: the data does not exercise them");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
