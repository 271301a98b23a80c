//! Record forms, generated from metadata so that one code path serves every object,
//! standard or custom. A form's state is always the list of (name, value) pairs the
//! browser would send: a record becomes pairs, a submission is pairs, and inputs are
//! drawn from pairs, so a form that failed shows exactly what the user typed.
//!
//! Input names: `f.{api_name}` for a field, `f.{api_name}.{part}` for the parts of a
//! name, address or amount; repeated for lists (emails, options).

use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Record, Value};
use serde_json::{Map, Value as Json, json};

use super::format::Format;
use super::i18n::Tr;
use crate::problem::{FieldProblem, Problem};

/// Form pairs, as sent.
pub type Pairs = Vec<(String, String)>;

/// Whether a field is edited in forms (computed and system-set fields are not).
pub fn editable(field: &FieldDef) -> bool {
    !field.hidden && !field.read_only && !field.kind.is_computed() && !matches!(field.kind, FieldType::Attachment)
}

fn key(field: &FieldDef) -> String {
    format!("f.{}", field.api_name)
}

fn values<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    pairs.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn last<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

const NAME_PARTS: [&str; 2] = ["first", "last"];
const ADDRESS_PARTS: [&str; 5] = ["street", "city", "postcode", "region", "country"];
const MONEY_PARTS: [&str; 2] = ["amount", "currency"];

fn parts_of(kind: &FieldType) -> &'static [&'static str] {
    match kind {
        FieldType::FullName => &NAME_PARTS,
        FieldType::Address => &ADDRESS_PARTS,
        FieldType::Currency { .. } => &MONEY_PARTS,
        _ => &[],
    }
}

/// Whether the submission carries the field at all (an inline edit sends one field).
fn present(pairs: &[(String, String)], field: &FieldDef) -> bool {
    let name = key(field);
    let prefix = format!("{name}.");
    pairs.iter().any(|(k, _)| *k == name || k.starts_with(&prefix))
}

/// The record input (API names to JSON) of a submission: only fields it carries, so a
/// form of some fields leaves the others as they are.
pub fn record_input(object: &ObjectDef, pairs: &[(String, String)], format: &Format) -> Map<String, Json> {
    let mut input = Map::new();
    for field in object.fields.iter().filter(|f| editable(f) && present(pairs, f)) {
        input.insert(field.api_name.clone(), field_json(field, pairs, format));
    }
    input
}

fn text_or_null(text: Option<&str>) -> Json {
    match text.map(str::trim) {
        Some(t) if !t.is_empty() => Json::String(t.to_owned()),
        _ => Json::Null,
    }
}

fn field_json(field: &FieldDef, pairs: &[(String, String)], format: &Format) -> Json {
    let name = key(field);
    match &field.kind {
        FieldType::Boolean => Json::Bool(last(pairs, &name) == Some("true")),
        FieldType::MultiSelect { .. } => {
            Json::Array(values(pairs, &name).filter(|v| !v.trim().is_empty()).map(|v| json!(v.trim())).collect())
        }
        FieldType::Email { multiple: true }
        | FieldType::Phone { multiple: true }
        | FieldType::Url { multiple: true }
        | FieldType::Social => Json::Array(
            values(pairs, &name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .enumerate()
                .map(|(i, v)| json!({ "value": v, "primary": i == 0 }))
                .collect(),
        ),
        FieldType::DateTime => match last(pairs, &name).map(str::trim) {
            Some(t) if !t.is_empty() => Json::String(format.from_local_input(t).unwrap_or_else(|| t.to_owned())),
            _ => Json::Null,
        },
        FieldType::Currency { .. } => {
            let amount = last(pairs, &format!("{name}.amount")).map(str::trim).unwrap_or("");
            if amount.is_empty() {
                Json::Null
            } else {
                let currency = last(pairs, &format!("{name}.currency")).unwrap_or("").trim();
                json!({ "amount": amount, "currency": currency })
            }
        }
        FieldType::FullName | FieldType::Address => {
            let mut parts = Map::new();
            for part in parts_of(&field.kind) {
                let value = text_or_null(last(pairs, &format!("{name}.{part}")));
                if !value.is_null() {
                    parts.insert((*part).to_owned(), value);
                }
            }
            if parts.is_empty() { Json::Null } else { Json::Object(parts) }
        }
        FieldType::Json => match last(pairs, &name).map(str::trim) {
            Some(t) if !t.is_empty() => serde_json::from_str(t).unwrap_or_else(|_| Json::String(t.to_owned())),
            _ => Json::Null,
        },
        _ => text_or_null(last(pairs, &name)),
    }
}

/// The pairs a form for `record` starts from.
pub fn record_pairs(object: &ObjectDef, record: &Record, format: &Format) -> Pairs {
    let mut pairs = Pairs::new();
    for field in object.fields.iter().filter(|f| editable(f)) {
        let name = key(field);
        let value = record.get(&field.id);
        match value {
            Value::Null => {}
            Value::Contacts(points) => pairs.extend(points.iter().map(|p| (name.clone(), p.value.clone()))),
            Value::List(items) => pairs.extend(items.iter().map(|i| (name.clone(), i.clone()))),
            Value::Name(n) => {
                for part in NAME_PARTS {
                    if let Some(v) = n.part(part) {
                        pairs.push((format!("{name}.{part}"), v.clone()));
                    }
                }
            }
            Value::Address(a) => {
                for part in ADDRESS_PARTS {
                    if let Some(v) = a.part(part) {
                        pairs.push((format!("{name}.{part}"), v.clone()));
                    }
                }
            }
            Value::Money { amount, currency } => {
                pairs.push((format!("{name}.amount"), amount.to_string()));
                pairs.push((format!("{name}.currency"), currency.clone()));
            }
            Value::DateTime(t) => pairs.push((name, format.local_input(*t))),
            Value::Bool(b) => pairs.push((name, b.to_string())),
            Value::Json(j) => pairs.push((name, j.to_string())),
            other => pairs.push((name, other.to_csv())),
        }
    }
    pairs
}

/// One input of a form, ready for the template.
#[derive(Debug, Clone)]
pub struct Input {
    /// The input's name (`f.email`).
    pub name: String,
    /// The element id: the name, with a prefix where one page has several forms.
    pub id: String,
    pub label: String,
    pub required: bool,
    pub kind: InputKind,
    /// The message to show beside the input, empty when none.
    pub error: String,
    /// The section the field belongs to (metadata), for grouping.
    pub section: String,
}

#[derive(Debug, Clone)]
pub enum InputKind {
    /// An `<input>` of `html_type` (text, email, tel, url, number, date, datetime-local).
    Line {
        html_type: &'static str,
        value: String,
        max: u32,
        step: &'static str,
    },
    Area {
        value: String,
    },
    Check {
        checked: bool,
    },
    Choice {
        options: Vec<Choice>,
        multiple: bool,
    },
    /// Several values of one kind (emails, phones), with room for one more.
    Many {
        html_type: &'static str,
        values: Vec<String>,
    },
    /// Named parts (first/last name, address lines, amount and currency).
    Parts {
        parts: Vec<Part>,
    },
    /// A related record, picked by typing its name.
    Relation {
        target: String,
        value: String,
        label: String,
    },
}

/// One option of a select, or one checkbox of several (forms and the settings'
/// behaviour form alike).
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// Message id of the part's label.
    pub label: String,
    pub value: String,
}

/// The inputs of a form over `pairs`, with `errors` (field API name → message) beside
/// them. `labels` names related records for relation inputs; `format` orders a name's
/// parts as the user's language does (the family name first in Hungarian).
pub fn inputs(
    object: &ObjectDef,
    pairs: &[(String, String)],
    errors: &[(String, String)],
    labels: &dyn Fn(&str, &str) -> Option<String>,
    format: &Format,
) -> Vec<Input> {
    let mut fields: Vec<&FieldDef> = object.fields.iter().filter(|f| editable(f)).collect();
    fields.sort_by_key(|f| f.position);
    fields
        .into_iter()
        .map(|field| {
            let name = key(field);
            let value = last(pairs, &name).unwrap_or("").to_owned();
            let mut kind = input_kind(field, &name, value, pairs, labels);
            if let (FieldType::FullName, InputKind::Parts { parts }) = (&field.kind, &mut kind)
                && format.family_name_first()
            {
                parts.reverse();
            }
            let error = errors.iter().find(|(f, _)| *f == field.api_name).map(|(_, m)| m.clone()).unwrap_or_default();
            let section = field.section.clone().unwrap_or_default();
            Input { id: name.clone(), name, label: field.label.clone(), required: field.required, kind, error, section }
        })
        .collect()
}

fn input_kind(
    field: &FieldDef,
    name: &str,
    value: String,
    pairs: &[(String, String)],
    labels: &dyn Fn(&str, &str) -> Option<String>,
) -> InputKind {
    let line = |html_type, max, step| InputKind::Line { html_type, value: value.clone(), max, step };
    match &field.kind {
        FieldType::Text { max_length } => line("text", max_length.unwrap_or(0), ""),
        FieldType::LongText | FieldType::Json => InputKind::Area { value },
        FieldType::Integer { .. } | FieldType::Rating { .. } => line("number", 0, "1"),
        FieldType::Decimal { .. } | FieldType::Percent { .. } => line("number", 0, "any"),
        FieldType::Date => line("date", 0, ""),
        FieldType::DateTime => line("datetime-local", 0, ""),
        FieldType::Boolean => InputKind::Check { checked: value == "true" },
        FieldType::Email { multiple: false } => line("email", 0, ""),
        FieldType::Phone { multiple: false } => line("tel", 0, ""),
        FieldType::Url { multiple: false } => line("url", 0, ""),
        FieldType::Email { multiple: true } => InputKind::Many { html_type: "email", values: list(pairs, name) },
        FieldType::Phone { multiple: true } => InputKind::Many { html_type: "tel", values: list(pairs, name) },
        FieldType::Url { multiple: true } | FieldType::Social => {
            InputKind::Many { html_type: "text", values: list(pairs, name) }
        }
        FieldType::Select { options } | FieldType::MultiSelect { options } => {
            let chosen = list(pairs, name);
            let options = options
                .iter()
                .map(|o| Choice { value: o.value.clone(), label: o.label.clone(), selected: chosen.contains(&o.value) })
                .collect();
            InputKind::Choice { options, multiple: matches!(field.kind, FieldType::MultiSelect { .. }) }
        }
        FieldType::FullName | FieldType::Address | FieldType::Currency { .. } => InputKind::Parts {
            parts: parts_of(&field.kind)
                .iter()
                .map(|part| Part {
                    name: format!("{name}.{part}"),
                    label: format!("part-{part}"),
                    value: last(pairs, &format!("{name}.{part}")).unwrap_or("").to_owned(),
                })
                .collect(),
        },
        FieldType::Relation { target } => {
            let label = if value.is_empty() { String::new() } else { labels(target, &value).unwrap_or_default() };
            InputKind::Relation { target: target.clone(), value, label }
        }
        FieldType::Attachment | FieldType::Formula { .. } | FieldType::Rollup { .. } => InputKind::Area { value },
    }
}

fn list(pairs: &[(String, String)], name: &str) -> Vec<String> {
    values(pairs, name).filter(|v| !v.trim().is_empty()).map(str::to_owned).collect()
}

/// The messages of a refused write, by field API name (`emails.1.value` is shown at
/// `emails`); a refusal without field errors is shown under the key `""`.
pub fn field_messages(tr: &Tr, problem: &Problem) -> Vec<(String, String)> {
    if problem.errors.is_empty() {
        return vec![(String::new(), general_message(tr, problem))];
    }
    problem.errors.iter().map(|e| (e.field.split('.').next().unwrap_or("").to_owned(), beside_field(tr, e))).collect()
}

/// What a form shows beside a refused field: the short message of its code, or,
/// when the refusal has specifics (a maximum, the unknown option), the API's
/// message that says them.
fn beside_field(tr: &Tr, error: &FieldProblem) -> String {
    let specific = error.message.as_ref().is_some_and(|m| !m.args.is_empty());
    let short = format!("field-{}", error.code.replace('_', "-"));
    if specific || !tr.has(&short) { crate::problem_text::field_message(error, tr) } else { tr.t(&short) }
}

/// A refusal as one sentence for the user: the code's general sentence, as the API
/// words it in the user's language.
pub fn general_message(tr: &Tr, problem: &Problem) -> String {
    crate::problem_text::general(problem, tr)
}
