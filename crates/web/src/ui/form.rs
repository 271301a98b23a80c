//! Record forms, generated from metadata so that one code path serves every object,
//! standard or custom. A form's state is always the list of (name, value) pairs the
//! browser would send: a record becomes pairs, a submission is pairs, and inputs are
//! drawn from pairs, so a form that failed shows exactly what the user typed.
//!
//! Input names: `f.{api_name}` for a field, `f.{api_name}.{part}` for the parts of a
//! name, address or amount; repeated for lists (emails, options). Names that start
//! with `_` are the form's own (its version, the default it was opened with), never a
//! field's, and drafts leave them out.
//!
//! Each input asks a phone for the keyboard its value needs (`type=tel`, `email`,
//! `url`, `inputmode=numeric` or `decimal`) and tells the browser what it holds
//! (`autocomplete`), so that typing a record on a phone is not a fight with the
//! keyboard.

use rapport_domain::model::fold::ascii_digit;
use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Record, Value};
use rust_decimal::Decimal;
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
                json!({ "amount": typed_number(amount, decimal_comma(format)), "currency": currency })
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
            if parts.is_empty() || only_default_country(pairs, &name, &parts) {
                Json::Null
            } else {
                Json::Object(parts)
            }
        }
        FieldType::Json => match last(pairs, &name).map(str::trim) {
            Some(t) if !t.is_empty() => serde_json::from_str(t).unwrap_or_else(|_| Json::String(t.to_owned())),
            _ => Json::Null,
        },
        _ => text_or_null(last(pairs, &name)),
    }
}

/// The name of the hidden input that says which country a new record's form chose
/// for the user (`_default.f.address.country`).
fn default_key(name: &str) -> String {
    format!("{DEFAULT}{name}.country")
}

/// The prefix of the hidden inputs holding the defaults a form was opened with.
const DEFAULT: &str = "_default.";

/// Whether an address holds nothing but the country its form chose by default: the
/// user typed no address, so none is written (a person is not "in Greece" because
/// the form's country select starts there).
fn only_default_country(pairs: &[(String, String)], name: &str, parts: &Map<String, Json>) -> bool {
    let default = last(pairs, &default_key(name)).map(str::trim).filter(|d| !d.is_empty());
    parts.len() == 1 && default.is_some_and(|d| parts.get("country").and_then(Json::as_str) == Some(d))
}

/// The values a new record's form starts with beyond what the address asked for:
/// the installation's default region (ISO 3166-1 alpha-2) as the country of each
/// address not already given one.
pub fn new_record_defaults(object: &ObjectDef, pairs: &mut Pairs, region: &str) {
    let region = region.trim().to_ascii_uppercase();
    if rapport_domain::model::iso::country(&region).is_none() || region.len() != 2 {
        return;
    }
    for field in object.fields.iter().filter(|f| editable(f) && matches!(f.kind, FieldType::Address)) {
        let country = format!("{}.country", key(field));
        if last(pairs, &country).is_none() {
            pairs.push((country, region.clone()));
            pairs.push((default_key(&key(field)), region.clone()));
        }
    }
}

/// Whether the user's language writes `1,5` for one and a half.
fn decimal_comma(format: &Format) -> bool {
    format.number(Decimal::new(15, 1)).contains(',')
}

/// An amount as typed in the user's language, as the API reads it (`1234.5`): the
/// decimal mark may be the language's (`1.234,5` in Greek and Hungarian, `١٬٢٣٤٫٥`
/// in Arabic) or a point, grouping marks and spaces are dropped. A separator that
/// appears once is the decimal mark unless it is the language's grouping mark
/// followed by exactly three digits (`1.500` is fifteen hundred in Greek, `12.5` is
/// twelve and a half everywhere); when both marks appear, the last is the decimal
/// mark. Text that is no number is passed on as typed, for the API to name.
pub fn typed_number(text: &str, decimal_comma: bool) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => plain.extend(ascii_digit(c)),
            // The Arabic decimal and thousands separators.
            '\u{066B}' => plain.push('.'),
            '\u{066C}' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’' => {}
            _ => plain.push(c),
        }
    }
    let commas = plain.matches(',').count();
    let points = plain.matches('.').count();
    let decimal = match (commas, points) {
        (0, 0) => return plain,
        (_, 0) if commas > 1 => None,
        (0, _) if points > 1 => None,
        (_, 0) => (decimal_comma || !groups_of_three(&plain, ',')).then_some(','),
        (0, _) => (!decimal_comma || !groups_of_three(&plain, '.')).then_some('.'),
        _ => plain.rfind([',', '.']).and_then(|i| plain[i..].chars().next()),
    };
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            ',' | '.' if Some(c) == decimal => out.push('.'),
            ',' | '.' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether the one `mark` in `text` is followed by exactly three digits (and so
/// reads as a thousands separator).
fn groups_of_three(text: &str, mark: char) -> bool {
    text.split_once(mark).is_some_and(|(_, after)| after.len() == 3 && after.chars().all(|c| c.is_ascii_digit()))
}

/// An amount as the form shows it for editing: the language's decimal mark, no
/// grouping (what [`typed_number`] reads back unchanged).
fn amount_for_input(amount: &Decimal, format: &Format) -> String {
    let text = amount.to_string();
    if decimal_comma(format) { text.replace('.', ",") } else { text }
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
                pairs.push((format!("{name}.amount"), amount_for_input(amount, format)));
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

impl Input {
    /// The id of the control a link to this input (from a form's error summary)
    /// moves to: the first of its controls.
    pub fn first_control(&self) -> String {
        match &self.kind {
            InputKind::Parts { parts } => parts.first().map(|p| self.part_id(p)).unwrap_or_else(|| self.id.clone()),
            InputKind::Relation { .. } => format!("{}-search", self.id),
            _ => self.id.clone(),
        }
    }

    /// The element id of one of its parts (`f.name.part-first`).
    pub fn part_id(&self, part: &Part) -> String {
        format!("{}.part-{}", self.id, part.part)
    }
}

/// What a single-line input asks of the device: the keyboard (`inputmode`) and what
/// the browser may fill in (`autocomplete`); empty for none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keyboard {
    pub inputmode: &'static str,
    pub autocomplete: &'static str,
}

impl Keyboard {
    const NONE: Keyboard = Keyboard { inputmode: "", autocomplete: "" };

    const fn of(inputmode: &'static str, autocomplete: &'static str) -> Keyboard {
        Keyboard { inputmode, autocomplete }
    }
}

#[derive(Debug, Clone)]
pub enum InputKind {
    /// An `<input>` of `html_type` (text, email, tel, url, number, date, datetime-local).
    Line {
        html_type: &'static str,
        value: String,
        max: u32,
        step: &'static str,
        keyboard: Keyboard,
    },
    Area {
        value: String,
    },
    Check {
        checked: bool,
    },
    /// One option of a select, or several as a group of checkboxes.
    Choice {
        options: Vec<Choice>,
        multiple: bool,
    },
    /// Several values of one kind (emails, phones), with room for one more.
    Many {
        html_type: &'static str,
        values: Vec<String>,
        keyboard: Keyboard,
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
    /// Which part (`first`, `country`…).
    pub part: &'static str,
    /// Message id of the part's label.
    pub label: String,
    pub value: String,
    pub keyboard: Keyboard,
    /// A country, picked from the list of countries in the user's language.
    pub country: bool,
    /// The value the form chose for the user (a new record's country), sent back
    /// beside the part so that an untouched default writes nothing.
    pub default: String,
}

impl Part {
    /// The name of the hidden input carrying [`Part::default`].
    pub fn default_name(&self) -> String {
        format!("{DEFAULT}{}", self.name)
    }
}

/// What each part of a name, address or amount asks of the device.
fn part_keyboard(part: &str) -> Keyboard {
    match part {
        "first" => Keyboard::of("", "given-name"),
        "last" => Keyboard::of("", "family-name"),
        "street" => Keyboard::of("", "street-address"),
        "city" => Keyboard::of("", "address-level2"),
        "postcode" => Keyboard::of("", "postal-code"),
        "region" => Keyboard::of("", "address-level1"),
        "country" => Keyboard::of("", "country"),
        "amount" => Keyboard::of("decimal", "off"),
        "currency" => Keyboard::of("", "off"),
        _ => Keyboard::NONE,
    }
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
    let line =
        |html_type, max, step, keyboard| InputKind::Line { html_type, value: value.clone(), max, step, keyboard };
    let many = |html_type, keyboard| InputKind::Many { html_type, values: list(pairs, name), keyboard };
    let email = Keyboard::of("", "email");
    let tel = Keyboard::of("", "tel");
    let url = Keyboard::of("", "url");
    match &field.kind {
        FieldType::Text { max_length } => line("text", max_length.unwrap_or(0), "", Keyboard::NONE),
        FieldType::LongText | FieldType::Json => InputKind::Area { value },
        FieldType::Integer { .. } | FieldType::Rating { .. } => line("number", 0, "1", Keyboard::of("numeric", "off")),
        FieldType::Decimal { .. } | FieldType::Percent { .. } => {
            line("number", 0, "any", Keyboard::of("decimal", "off"))
        }
        FieldType::Date => line("date", 0, "", Keyboard::NONE),
        FieldType::DateTime => line("datetime-local", 0, "", Keyboard::NONE),
        FieldType::Boolean => InputKind::Check { checked: value == "true" },
        FieldType::Email { multiple: false } => line("email", 0, "", email),
        FieldType::Phone { multiple: false } => line("tel", 0, "", tel),
        FieldType::Url { multiple: false } => line("url", 0, "", url),
        FieldType::Email { multiple: true } => many("email", email),
        FieldType::Phone { multiple: true } => many("tel", tel),
        FieldType::Url { multiple: true } => many("url", url),
        // A social profile is a handle as often as an address.
        FieldType::Social => many("text", Keyboard::of("", "off")),
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
                .map(|&part| {
                    let part_name = format!("{name}.{part}");
                    Part {
                        part,
                        // The country is picked by name, no longer typed as a code.
                        label: if part == "country" { "forms-country".to_owned() } else { format!("part-{part}") },
                        value: last(pairs, &part_name).unwrap_or("").to_owned(),
                        keyboard: part_keyboard(part),
                        country: part == "country",
                        default: last(pairs, &format!("{DEFAULT}{part_name}")).unwrap_or("").to_owned(),
                        name: part_name,
                    }
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

/// How many of a form's inputs have a message beside them (for its error summary).
pub fn invalid_count(inputs: &[Input]) -> i64 {
    i64::try_from(inputs.iter().filter(|i| !i.error.is_empty()).count()).unwrap_or(i64::MAX)
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
