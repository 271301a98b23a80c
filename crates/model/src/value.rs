//! Values and records, with their JSON shapes. Input is validated here, once, for
//! every interface (API, UI forms, import): a value that passes is storable as is.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::contact::{normalize_email, normalize_phone, normalize_url};
use crate::error::{FieldError, ModelError, Reason};
use crate::field::{ContactKind, FieldDef, FieldType, SelectOption};
use crate::fold::fold;
use crate::iso;
use crate::object::ObjectDef;

/// A postal address; `country` is an ISO 3166 alpha-2 code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Address {
    pub fn part(&self, name: &str) -> Option<&String> {
        match name {
            "street" => self.street.as_ref(),
            "city" => self.city.as_ref(),
            "postcode" => self.postcode.as_ref(),
            "region" => self.region.as_ref(),
            "country" => self.country.as_ref(),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        crate::field::ADDRESS_PARTS.iter().all(|p| self.part(p).is_none())
    }
}

/// A person's name in parts; sorting uses the family name first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

impl FullName {
    pub fn part(&self, name: &str) -> Option<&String> {
        match name {
            "first" => self.first.as_ref(),
            "last" => self.last.as_ref(),
            _ => None,
        }
    }

    /// `fold()` of "last first": what names sort and match by.
    pub fn sort_key(&self) -> String {
        let parts: Vec<&str> = [&self.last, &self.first].into_iter().flatten().map(String::as_str).collect();
        fold(&parts.join(" "))
    }

    pub fn display(&self) -> String {
        [&self.first, &self.last].into_iter().flatten().cloned().collect::<Vec<_>>().join(" ")
    }
}

/// An email, phone, web address or social profile of a record (a child row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPoint {
    /// As typed (trimmed).
    pub value: String,
    /// Lower-cased email, E.164 phone, normalised address: indexed for look-ups and
    /// duplicate detection.
    #[serde(skip_deserializing)]
    pub normalized: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default)]
    pub primary: bool,
    #[serde(default)]
    pub opt_out: bool,
    #[serde(default)]
    pub invalid: bool,
}

/// A field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Integer(i64),
    Decimal(Decimal),
    Money { amount: Decimal, currency: String },
    Bool(bool),
    Date(time::Date),
    DateTime(OffsetDateTime),
    Uuid(Uuid),
    List(Vec<String>),
    Address(Address),
    Name(FullName),
    Contacts(Vec<ContactPoint>),
    Json(Json),
}

impl Value {
    pub fn is_null(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Address(a) => a.is_empty(),
            Value::Name(n) => n.first.is_none() && n.last.is_none(),
            Value::Contacts(c) => c.is_empty(),
            _ => false,
        }
    }

    /// The JSON shape of the value (see its `Serialize`).
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self).unwrap_or(Json::Null)
    }

    /// The value in one CSV cell: what a spreadsheet user reads, and what an import
    /// of the same field takes back (lists and contact points joined by "; ", money
    /// as "amount currency", an address in the order of its parts).
    pub fn to_csv(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Integer(i) => i.to_string(),
            Value::Decimal(d) => d.normalize().to_string(),
            Value::Money { amount, currency } => format!("{amount} {currency}"),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => format_date(*d),
            Value::DateTime(t) => format_datetime(*t),
            Value::Uuid(u) => u.to_string(),
            Value::List(l) => l.join("; "),
            Value::Address(a) => {
                crate::field::ADDRESS_PARTS.iter().filter_map(|p| a.part(p).cloned()).collect::<Vec<_>>().join(", ")
            }
            Value::Name(n) => n.display(),
            Value::Contacts(c) => c.iter().map(|p| p.value.clone()).collect::<Vec<_>>().join("; "),
            Value::Json(j) => j.to_string(),
        }
    }

    /// Text for the search index.
    pub fn search_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Name(n) => n.display(),
            Value::Address(a) => {
                crate::field::ADDRESS_PARTS.iter().filter_map(|p| a.part(p).cloned()).collect::<Vec<_>>().join(" ")
            }
            Value::Contacts(c) => {
                c.iter().flat_map(|p| [p.value.clone(), p.normalized.clone()]).collect::<Vec<_>>().join(" ")
            }
            _ => String::new(),
        }
    }
}

pub fn format_date(d: time::Date) -> String {
    IsoDate(d).to_string()
}

/// UTC, RFC 3339, microseconds only when there are any.
pub fn format_datetime(t: OffsetDateTime) -> String {
    Instant(t).to_string()
}

/// A date as `YYYY-MM-DD`, written where it is displayed (no string of its own).
struct IsoDate(time::Date);

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }
}

/// An instant as RFC 3339 in UTC, microseconds only when there are any.
struct Instant(OffsetDateTime);

impl Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0.to_offset(time::UtcOffset::UTC);
        write!(f, "{}T{:02}:{:02}:{:02}", IsoDate(t.date()), t.hour(), t.minute(), t.second())?;
        match t.microsecond() {
            0 => f.write_str("Z"),
            us => write!(f, ".{us:06}Z"),
        }
    }
}

/// `YYYY-MM-DD` with a year from 0001 to 9999: what both databases store and sort the
/// same (SQLite keeps dates as ISO text, so a sign or a fifth digit would sort wrong
/// and could not be read back).
pub fn parse_date(s: &str) -> Option<time::Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().filter(|d| d.year() >= 1)
}

/// RFC 3339, in UTC, truncated to microseconds (what both databases store); `None`
/// when the instant is outside the years 0001–9999 in UTC.
pub fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    let t = OffsetDateTime::parse(s.trim(), &Rfc3339).ok()?;
    let utc = t.checked_to_offset(time::UtcOffset::UTC).filter(|t| t.year() >= 1)?;
    truncate_to_micros(utc)
}

pub fn truncate_to_micros(t: OffsetDateTime) -> Option<OffsetDateTime> {
    t.replace_nanosecond(t.microsecond() * 1000).ok()
}

/// What validation needs besides the metadata.
#[derive(Debug, Clone)]
pub struct ValueContext {
    /// ISO 3166 alpha-2 region for phone numbers typed without a country code.
    pub default_region: String,
}

impl Default for ValueContext {
    fn default() -> Self {
        ValueContext { default_region: "US".into() }
    }
}

/// Converts a JSON value (from the API, a form or an import) into a valid value of the
/// field, or says why it cannot.
pub fn value_from_json(field: &FieldDef, json: &Json, ctx: &ValueContext) -> Result<Value, FieldError> {
    let err = |reason| FieldError::new(&field.api_name, reason);
    if json.is_null() {
        return Ok(Value::Null);
    }
    if let Some(path) = nul_path(json, &field.api_name) {
        return Err(FieldError::new(path, wrong("text without NUL characters")));
    }
    let value = match &field.kind {
        FieldType::Text { max_length } => {
            let s = text(json).ok_or_else(|| err(wrong("text")))?;
            if let Some(max) = max_length {
                check_length(&s, *max).map_err(err)?;
            }
            non_empty(s)
        }
        FieldType::LongText => non_empty(text(json).ok_or_else(|| err(wrong("text")))?),
        FieldType::Integer { min, max } => {
            let (lo, hi) = (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
            let out_of_range = || err(Reason::OutOfRange { min: lo.to_string(), max: hi.to_string() });
            let i = match integer(json) {
                Some(i) => i,
                None if whole_beyond_64_bits(json) => return Err(out_of_range()),
                None => return Err(err(wrong("an integer"))),
            };
            if i < lo || i > hi {
                return Err(out_of_range());
            }
            Value::Integer(i)
        }
        FieldType::Rating { max } => {
            let i = integer(json).ok_or_else(|| err(wrong("an integer")))?;
            if i < 0 || i > i64::from(*max) {
                return Err(err(Reason::OutOfRange { min: "0".into(), max: max.to_string() }));
            }
            Value::Integer(i)
        }
        FieldType::Decimal { precision, scale } => Value::Decimal(decimal(json, *precision, *scale).map_err(err)?),
        FieldType::Percent { scale } => Value::Decimal(decimal(json, 9 + *scale, *scale).map_err(err)?),
        FieldType::Currency { scale } => money(json, *scale).map_err(err)?,
        FieldType::Boolean => Value::Bool(boolean(json).ok_or_else(|| err(wrong("true or false")))?),
        FieldType::Date => Value::Date(json.as_str().and_then(parse_date).ok_or_else(|| err(Reason::NotADate))?),
        FieldType::DateTime => {
            Value::DateTime(json.as_str().and_then(parse_datetime).ok_or_else(|| err(Reason::NotADateTime))?)
        }
        FieldType::Select { options } => {
            let s = json.as_str().ok_or_else(|| err(wrong("an option")))?;
            Value::Text(option(options, s).map_err(err)?)
        }
        FieldType::MultiSelect { options } => {
            let items = json.as_array().ok_or_else(|| err(wrong("a list of options")))?;
            let mut chosen = Vec::new();
            for item in items {
                let s = item.as_str().ok_or_else(|| err(wrong("a list of options")))?;
                let v = option(options, s).map_err(err)?;
                if !chosen.contains(&v) {
                    chosen.push(v);
                }
            }
            // No option chosen is no value (so that a required field needs one).
            if chosen.is_empty() { Value::Null } else { Value::List(chosen) }
        }
        FieldType::Email { multiple: false } => single_contact(json, ContactKind::Email, ctx).map_err(err)?,
        FieldType::Phone { multiple: false } => single_contact(json, ContactKind::Phone, ctx).map_err(err)?,
        FieldType::Url { multiple: false } => single_contact(json, ContactKind::Url, ctx).map_err(err)?,
        FieldType::Email { multiple: true }
        | FieldType::Phone { multiple: true }
        | FieldType::Url { multiple: true }
        | FieldType::Social => {
            let kind = field.kind.contact_kind().ok_or_else(|| err(wrong("a list")))?;
            contacts(json, kind, ctx, &field.api_name)?
        }
        FieldType::Address => address(json, &field.api_name)?,
        FieldType::FullName => full_name(json, &field.api_name)?,
        FieldType::Relation { .. } | FieldType::Attachment => {
            Value::Uuid(json.as_str().and_then(|s| Uuid::from_str(s.trim()).ok()).ok_or_else(|| err(Reason::NotAUuid))?)
        }
        FieldType::Json => Value::Json(json.clone()),
        FieldType::Formula { .. } | FieldType::Rollup { .. } => return Err(err(Reason::ReadOnly)),
    };
    Ok(value)
}

/// Where the first NUL character of a JSON value is (`field.part`, `field.1.label`).
/// PostgreSQL cannot store NUL in text or jsonb, so no backend takes it.
fn nul_path(json: &Json, path: &str) -> Option<String> {
    match json {
        Json::String(s) => s.contains('\0').then(|| path.to_owned()),
        Json::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_path(v, &format!("{path}.{i}"))),
        Json::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') { Some(path.to_owned()) } else { nul_path(v, &format!("{path}.{k}")) }
        }),
        _ => None,
    }
}

fn wrong(expected: &'static str) -> Reason {
    Reason::WrongType { expected }
}

fn non_empty(s: String) -> Value {
    if s.is_empty() { Value::Null } else { Value::Text(s) }
}

fn check_length(s: &str, max: u32) -> Result<(), Reason> {
    if s.chars().count() > max as usize { Err(Reason::TooLong { max }) } else { Ok(()) }
}

/// Text, trimmed; numbers and booleans are accepted as their text (imports send them).
fn text(json: &Json) -> Option<String> {
    match json {
        Json::String(s) => Some(s.trim().to_owned()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn integer(json: &Json) -> Option<i64> {
    match json {
        Json::Number(n) => n.as_i64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A whole number too large for 64 bits (JSON numbers have no size; such a number
/// arrives as a float, or as digits in a string): out of range, not of the wrong type.
fn whole_beyond_64_bits(json: &Json) -> bool {
    match json {
        Json::Number(n) => n.as_f64().is_some_and(|f| f.is_finite() && f.fract() == 0.0 && f.abs() >= 9.2e18),
        Json::String(s) => {
            let digits = s.trim().strip_prefix(['-', '+']).unwrap_or(s.trim());
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

fn boolean(json: &Json) -> Option<bool> {
    match json {
        Json::Bool(b) => Some(*b),
        Json::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A decimal from a string (exact) or a JSON number (its shortest text).
fn parse_decimal(json: &Json) -> Option<Decimal> {
    let s = match json {
        Json::String(s) => s.trim().to_owned(),
        Json::Number(n) => n.to_string(),
        _ => return None,
    };
    Decimal::from_str(&s).or_else(|_| Decimal::from_scientific(&s)).ok()
}

fn decimal(json: &Json, precision: u8, scale: u8) -> Result<Decimal, Reason> {
    let d = parse_decimal(json).ok_or(wrong("a decimal number"))?.normalize();
    if d.scale() > u32::from(scale) {
        return Err(Reason::TooPrecise { scale: u32::from(scale) });
    }
    let digits = u32::from(precision.saturating_sub(scale));
    let limit = Decimal::from_i128_with_scale(10i128.pow(digits.min(27)), 0);
    if d.abs() >= limit {
        let max = (limit - Decimal::new(1, u32::from(scale))).to_string();
        return Err(Reason::OutOfRange { min: format!("-{max}"), max });
    }
    Ok(d)
}

/// Largest money amount whose minor units fit a 64-bit integer at `scale`.
pub fn money_limit(scale: u8) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(i64::MAX), u32::from(scale))
}

fn money(json: &Json, scale: u8) -> Result<Value, Reason> {
    let obj = json.as_object().ok_or(wrong("an object with amount and currency"))?;
    let amount = obj.get("amount").and_then(parse_decimal).ok_or(wrong("an object with amount and currency"))?;
    let code = obj.get("currency").and_then(Json::as_str).map(|c| c.trim().to_ascii_uppercase());
    let currency = code.filter(|c| iso::currency(c).is_some()).ok_or(Reason::UnknownCurrency)?;
    // No more decimals than the field stores, nor than the currency has (no 500.5 JPY).
    let digits = money_scale(scale, &currency);
    let mut amount = amount.normalize();
    if amount.scale() > digits {
        return Err(Reason::TooPrecise { scale: digits });
    }
    let limit = money_limit(scale);
    if amount.abs() > limit {
        return Err(Reason::OutOfRange { min: format!("-{limit}"), max: limit.to_string() });
    }
    amount.rescale(digits);
    Ok(Value::Money { amount, currency })
}

/// The decimals a money amount has and is shown with: the currency's minor units,
/// at most the field's scale (`10.50 EUR`, `500 JPY`, `12.345 KWD`).
pub fn money_scale(field_scale: u8, currency: &str) -> u32 {
    let minor = iso::currency(currency).map_or(field_scale, |c| c.minor_units);
    u32::from(field_scale.min(minor))
}

fn option(options: &[SelectOption], s: &str) -> Result<String, Reason> {
    let s = s.trim();
    options
        .iter()
        .find(|o| o.value == s)
        .map(|o| o.value.clone())
        .ok_or_else(|| Reason::UnknownOption { value: s.to_owned() })
}

fn normalize(kind: ContactKind, s: &str, ctx: &ValueContext) -> Result<String, Reason> {
    match kind {
        ContactKind::Email => normalize_email(s),
        ContactKind::Phone => normalize_phone(s, &ctx.default_region),
        ContactKind::Url => normalize_url(s),
        ContactKind::Social => {
            let s = s.trim();
            check_length(s, 255)?;
            if s.is_empty() { Err(wrong("a handle or address")) } else { Ok(fold(s)) }
        }
    }
}

fn single_contact(json: &Json, kind: ContactKind, ctx: &ValueContext) -> Result<Value, Reason> {
    let s = json.as_str().ok_or(wrong("text"))?;
    if s.trim().is_empty() {
        return Ok(Value::Null);
    }
    Ok(Value::Text(normalize(kind, s, ctx)?))
}

/// The most contact points one field of a record holds. A person has a few emails and
/// phones, a company tens; a bound keeps every write and every look-up of them (a
/// duplicate check lists them all in one condition) within the databases' limits.
pub const MAX_CONTACT_POINTS: usize = 100;

fn contacts(json: &Json, kind: ContactKind, ctx: &ValueContext, field: &str) -> Result<Value, FieldError> {
    let items = match json {
        Json::Array(items) => items.clone(),
        Json::String(_) | Json::Object(_) => vec![json.clone()],
        _ => return Err(FieldError::new(field, wrong("a list"))),
    };
    if items.len() > MAX_CONTACT_POINTS {
        return Err(FieldError::new(field, Reason::TooMany { max: MAX_CONTACT_POINTS as u32 }));
    }
    let mut points: Vec<ContactPoint> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}.{i}");
        let mut point = match item {
            Json::String(s) => ContactPoint {
                value: s.trim().to_owned(),
                normalized: String::new(),
                label: None,
                primary: false,
                opt_out: false,
                invalid: false,
            },
            Json::Object(_) => serde_json::from_value::<ContactPoint>(item.clone())
                .map_err(|_| FieldError::new(&path, wrong("an object with value, label, primary")))?,
            _ => return Err(FieldError::new(&path, wrong("text or an object"))),
        };
        point.value = point.value.trim().to_owned();
        point.normalized = normalize(kind, &point.value, ctx).map_err(|r| FieldError::new(&path, r))?;
        if let Some(label) = &point.label {
            check_length(label, 64).map_err(|r| FieldError::new(format!("{path}.label"), r))?;
        }
        if points.iter().any(|p| p.normalized == point.normalized) {
            continue;
        }
        points.push(point);
    }
    // Exactly one primary when there is anything: the first unless one was chosen.
    if let Some(first_primary) = points.iter().position(|p| p.primary) {
        for (i, p) in points.iter_mut().enumerate() {
            p.primary = i == first_primary;
        }
    } else if let Some(first) = points.first_mut() {
        first.primary = true;
    }
    Ok(Value::Contacts(points))
}

fn parts_of<'a>(json: &'a Json, field: &str, parts: &[&str]) -> Result<&'a Map<String, Json>, FieldError> {
    let obj = json.as_object().ok_or_else(|| FieldError::new(field, wrong("an object")))?;
    if let Some(unknown) = obj.keys().find(|k| !parts.contains(&k.as_str())) {
        return Err(FieldError::new(field, Reason::UnknownSubfield { name: unknown.clone() }));
    }
    Ok(obj)
}

fn part_text(obj: &Map<String, Json>, field: &str, part: &str, max: u32) -> Result<Option<String>, FieldError> {
    let path = format!("{field}.{part}");
    match obj.get(part) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => {
            let s = text(v).ok_or_else(|| FieldError::new(&path, wrong("text")))?;
            check_length(&s, max).map_err(|r| FieldError::new(&path, r))?;
            Ok(if s.is_empty() { None } else { Some(s) })
        }
    }
}

fn address(json: &Json, field: &str) -> Result<Value, FieldError> {
    let obj = parts_of(json, field, &crate::field::ADDRESS_PARTS)?;
    let country = match part_text(obj, field, "country", 64)? {
        None => None,
        Some(c) => Some(
            iso::country(&c.to_ascii_uppercase())
                .map(|c| c.alpha2.to_owned())
                .ok_or_else(|| FieldError::new(format!("{field}.country"), Reason::UnknownCountry))?,
        ),
    };
    let address = Address {
        street: part_text(obj, field, "street", 500)?,
        city: part_text(obj, field, "city", 200)?,
        postcode: part_text(obj, field, "postcode", 32)?,
        region: part_text(obj, field, "region", 200)?,
        country,
    };
    Ok(if address.is_empty() { Value::Null } else { Value::Address(address) })
}

fn full_name(json: &Json, field: &str) -> Result<Value, FieldError> {
    let obj = parts_of(json, field, &crate::field::NAME_PARTS)?;
    let name = FullName { first: part_text(obj, field, "first", 200)?, last: part_text(obj, field, "last", 200)? };
    // A name without parts is no name (stored and compared as empty).
    Ok(if name.first.is_none() && name.last.is_none() { Value::Null } else { Value::Name(name) })
}

/// Input to a create or an update, validated: values by field id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub values: BTreeMap<String, Value>,
    /// `Some(None)` clears the owner.
    pub owner_id: Option<Option<Uuid>>,
    pub team_id: Option<Option<Uuid>>,
}

/// Whether the input is for a new record (required fields must be present) or a
/// partial update (required fields may be absent, but not cleared).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// System keys a client may send back unchanged; they are never written from input.
const READ_ONLY_KEYS: [&str; 7] =
    ["id", "version", "created_at", "updated_at", "created_by", "updated_by", "deleted_at"];

/// Validates a JSON object against an object's visible fields. All errors are
/// collected, so a form can show each next to its field.
pub fn changes_from_json(
    object: &ObjectDef,
    input: &Map<String, Json>,
    mode: Mode,
    ctx: &ValueContext,
) -> Result<Changes, ModelError> {
    changes(object, input, mode, ctx, false)
}

/// As [`changes_from_json`], for Rapport's own writes: read-only fields (a stored
/// file's hash and key) may be set.
pub fn system_changes_from_json(
    object: &ObjectDef,
    input: &Map<String, Json>,
    mode: Mode,
    ctx: &ValueContext,
) -> Result<Changes, ModelError> {
    changes(object, input, mode, ctx, true)
}

fn changes(
    object: &ObjectDef,
    input: &Map<String, Json>,
    mode: Mode,
    ctx: &ValueContext,
    system: bool,
) -> Result<Changes, ModelError> {
    let mut changes = Changes::default();
    let mut errors = Vec::new();
    for (key, json) in input {
        match key.as_str() {
            "owner" | "team" => match uuid_or_null(json) {
                Ok(id) if key == "owner" => changes.owner_id = Some(id),
                Ok(id) => changes.team_id = Some(id),
                Err(reason) => errors.push(FieldError::new(key, reason)),
            },
            k if READ_ONLY_KEYS.contains(&k) => {}
            _ => match object.field_by_api(key) {
                Err(_) => errors.push(FieldError::new(key, Reason::UnknownField)),
                Ok(field) if field.read_only && !system => errors.push(FieldError::new(key, Reason::ReadOnly)),
                Ok(field) => match value_from_json(field, json, ctx) {
                    Ok(v) => {
                        changes.values.insert(field.id.clone(), v);
                    }
                    Err(e) => errors.push(e),
                },
            },
        }
    }
    for field in object.visible_fields().filter(|f| f.required) {
        // A value that was refused is reported once, for what is wrong with it.
        if errors.iter().any(|e| e.field == field.api_name || e.field.starts_with(&format!("{}.", field.api_name))) {
            continue;
        }
        let value = changes.values.get(&field.id);
        let missing = match mode {
            Mode::Create => value.is_none_or(Value::is_null),
            Mode::Update => value.is_some_and(Value::is_null),
        };
        if missing {
            errors.push(FieldError::new(&field.api_name, Reason::Required));
        }
    }
    if errors.is_empty() { Ok(changes) } else { Err(ModelError::Invalid(errors)) }
}

/// The JSON shape of a value (DESIGN §4): decimals and money amounts as strings so
/// that no client rounds them through a float; dates and instants as ISO 8601. Written
/// straight to the output, without a `serde_json::Value` in between.
impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Value::Null => s.serialize_unit(),
            Value::Text(t) => s.serialize_str(t),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Decimal(d) => s.collect_str(&d.normalize()),
            Value::Money { amount, currency } => {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("amount", &format_args!("{amount}"))?;
                map.serialize_entry("currency", currency)?;
                map.end()
            }
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Date(d) => s.collect_str(&IsoDate(*d)),
            Value::DateTime(t) => Instant(*t).serialize(s),
            Value::Uuid(u) => s.collect_str(u),
            Value::List(l) => l.serialize(s),
            Value::Address(a) => a.serialize(s),
            Value::Name(n) => n.serialize(s),
            Value::Contacts(c) => c.serialize(s),
            Value::Json(j) => j.serialize(s),
        }
    }
}

fn uuid_or_null(json: &Json) -> Result<Option<Uuid>, Reason> {
    match json {
        Json::Null => Ok(None),
        Json::String(s) => Uuid::from_str(s.trim()).map(Some).map_err(|_| Reason::NotAUuid),
        _ => Err(Reason::NotAUuid),
    }
}

/// A stored record: system columns and field values by field id.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub rid: i64,
    pub id: Uuid,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub version: i64,
    pub deleted_at: Option<OffsetDateTime>,
    pub values: BTreeMap<String, Value>,
}

impl Record {
    pub fn get(&self, field_id: &str) -> &Value {
        self.values.get(field_id).unwrap_or(&Value::Null)
    }

    /// The record as the API shows it (see [`RecordJson`]).
    pub fn to_json(&self, object: &ObjectDef) -> Json {
        serde_json::to_value(RecordJson::new(self, object)).unwrap_or(Json::Null)
    }
}

/// A record in the API's JSON shape, written straight to the output: system fields,
/// then the object's visible fields by API name (those with a value), only the
/// `fields` asked for when there is a choice, and related records in place of their
/// ids where they were expanded.
pub struct RecordJson<'a> {
    record: &'a Record,
    object: &'a ObjectDef,
    fields: Option<&'a [String]>,
    embedded: &'a [Embedded<'a>],
}

/// The records a relation field's ids are replaced by.
pub struct Embedded<'a> {
    pub field_id: &'a str,
    pub object: &'a ObjectDef,
    pub records: &'a std::collections::HashMap<Uuid, Record>,
}

impl<'a> RecordJson<'a> {
    pub fn new(record: &'a Record, object: &'a ObjectDef) -> Self {
        RecordJson { record, object, fields: None, embedded: &[] }
    }

    /// Only `id` and these API names.
    pub fn only(self, fields: Option<&'a [String]>) -> Self {
        RecordJson { fields, ..self }
    }

    pub fn embedding(self, embedded: &'a [Embedded<'a>]) -> Self {
        RecordJson { embedded, ..self }
    }

    fn wanted(&self, key: &str) -> bool {
        self.fields.is_none_or(|fields| fields.iter().any(|f| f == key))
    }

    /// The related record shown in place of `field`'s value, if it was expanded.
    fn embedded_for(&self, field: &FieldDef, value: &Value) -> Option<RecordJson<'a>> {
        let Value::Uuid(id) = value else { return None };
        let e = self.embedded.iter().find(|e| e.field_id == field.id)?;
        e.records.get(id).map(|r| RecordJson::new(r, e.object))
    }
}

impl Serialize for RecordJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let r = self.record;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &r.id)?;
        if self.wanted("version") {
            map.serialize_entry("version", &r.version)?;
        }
        for (key, at) in
            [("created_at", Some(r.created_at)), ("updated_at", Some(r.updated_at)), ("deleted_at", r.deleted_at)]
        {
            if let Some(at) = at.filter(|_| self.wanted(key)) {
                map.serialize_entry(key, &Instant(at))?;
            }
        }
        let people =
            [("created_by", r.created_by), ("updated_by", r.updated_by), ("owner", r.owner_id), ("team", r.team_id)];
        for (key, id) in people {
            if self.wanted(key) {
                map.serialize_entry(key, &id)?;
            }
        }
        for field in self.object.visible_fields() {
            let Some(value) = r.values.get(&field.id).filter(|_| self.wanted(&field.api_name)) else { continue };
            match self.embedded_for(field, value) {
                Some(related) => map.serialize_entry(&field.api_name, &related)?,
                None => map.serialize_entry(&field.api_name, value)?,
            }
        }
        map.end()
    }
}
