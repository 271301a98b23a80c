//! Values as a user reads them: dates and times in the user's time zone, numbers with
//! grouping, money with its currency, options by their labels, and the links a value
//! makes (mail, telephone, web, the related record). One module, so the locale work
//! (ICU4X data for el/hu/ar, DESIGN §5) replaces the formatting in one place.

use jiff::tz::TimeZone;
use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Record, Value};
use rust_decimal::Decimal;
use time::OffsetDateTime;

use super::i18n::Tr;

/// Formatting for one user.
#[derive(Debug, Clone)]
pub struct Format {
    zone: TimeZone,
}

/// What a cell or field shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Empty,
    Text(String),
    /// A link that leaves the page (`mailto:`, `tel:`, an http(s) address).
    Link {
        href: String,
        text: String,
    },
    /// A record of Rapport.
    Record {
        href: String,
        text: String,
    },
    /// Options, as badges.
    Badges(Vec<String>),
    /// Several contact points, each a link.
    Links(Vec<(String, String)>),
}

impl Format {
    /// `zone` is an IANA name; an unknown one (or the data's absence) means UTC.
    pub fn new(_locale: &str, zone: &str) -> Format {
        Format { zone: TimeZone::get(zone).unwrap_or(TimeZone::UTC) }
    }

    fn zoned(&self, t: OffsetDateTime) -> Option<jiff::ZonedDateTime> {
        let ts = jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos()).ok()?;
        Some(ts.to_zoned_datetime(self.zone.clone()))
    }

    /// `26 Nov 2026, 14:05` in the user's zone.
    pub fn datetime(&self, t: OffsetDateTime) -> String {
        self.zoned(t).map(|z| z.strftime("%-d %b %Y, %H:%M").to_string()).unwrap_or_default()
    }

    /// `14:05` in the user's zone.
    pub fn time(&self, t: OffsetDateTime) -> String {
        self.zoned(t).map(|z| z.strftime("%H:%M").to_string()).unwrap_or_default()
    }

    /// The calendar day of `t` in the user's zone.
    pub fn local_date(&self, t: OffsetDateTime) -> Option<jiff::civil::Date> {
        self.zoned(t).map(|z| z.date())
    }

    /// The user's today.
    pub fn today(&self) -> jiff::civil::Date {
        jiff::Timestamp::now().to_zoned_datetime(self.zone.clone()).date()
    }

    /// The instant a local day starts in the user's zone.
    pub fn start_of(&self, day: jiff::civil::Date) -> Option<OffsetDateTime> {
        let zoned = day.to_zoned_datetime(self.zone.clone()).ok()?;
        OffsetDateTime::from_unix_timestamp_nanos(zoned.timestamp().as_nanosecond()).ok()
    }

    pub fn date(&self, d: time::Date) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = months[usize::from(u8::from(d.month())) - 1];
        format!("{} {month} {}", d.day(), d.year())
    }

    /// The value of a `datetime-local` input for `t` (`2026-11-26T14:05`).
    pub fn local_input(&self, t: OffsetDateTime) -> String {
        self.zoned(t).map(|z| z.strftime("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
    }

    /// The value of a `datetime-local` input for `hour`:00 on the user's day `days`
    /// from today (tomorrow at nine: `1, 9`).
    pub fn local_input_on(&self, days: i64, hour: i8) -> String {
        let day = self.today().checked_add(jiff::Span::new().days(days)).unwrap_or(self.today());
        format!("{}T{hour:02}:00", day)
    }

    /// A `datetime-local` input's value, read in the user's zone, as RFC 3339; `None`
    /// when it is not one (the field's own check then names it).
    pub fn from_local_input(&self, text: &str) -> Option<String> {
        let civil: jiff::civil::DateTime = text.trim().parse().ok()?;
        let zoned = civil.to_zoned_datetime(self.zone.clone()).ok()?;
        Some(zoned.timestamp().to_string())
    }

    /// A decimal with thousands grouping: `1,234,567.5`.
    pub fn number(&self, d: Decimal) -> String {
        let text = d.normalize().to_string();
        let (sign, digits) = text.strip_prefix('-').map(|t| ("-", t)).unwrap_or(("", text.as_str()));
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if fraction.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{fraction}") }
    }

    pub fn money(&self, amount: Decimal, currency: &str) -> String {
        let rounded = amount.round_dp(2);
        let mut text = self.number(rounded);
        // Cents always have two digits: 12.5 EUR reads 12.50 EUR.
        if text.split_once('.').is_some_and(|(_, fraction)| fraction.len() == 1) {
            text.push('0');
        }
        format!("{text} {currency}")
    }

    /// How `value` of `field` reads. Relations show their record's label when
    /// `labels` has it (the page fetched them in one statement per relation).
    pub fn shown(
        &self,
        tr: &Tr,
        field: &FieldDef,
        value: &Value,
        labels: &dyn Fn(&str, &uuid::Uuid) -> Option<String>,
    ) -> Shown {
        if value.is_null() {
            return Shown::Empty;
        }
        match (&field.kind, value) {
            (FieldType::Select { options }, Value::Text(v)) => Shown::Badges(vec![
                options.iter().find(|o| &o.value == v).map(|o| o.label.clone()).unwrap_or_else(|| v.clone()),
            ]),
            (FieldType::MultiSelect { options }, Value::List(items)) => Shown::Badges(
                items
                    .iter()
                    .map(|v| {
                        options.iter().find(|o| &o.value == v).map(|o| o.label.clone()).unwrap_or_else(|| v.clone())
                    })
                    .collect(),
            ),
            (FieldType::Relation { target }, Value::Uuid(id)) => {
                let text = labels(target, id).unwrap_or_else(|| tr.t("record-unnamed"));
                Shown::Record { href: format!("/r/{target}/{id}"), text }
            }
            (_, Value::Contacts(points)) => Shown::Links(
                points
                    .iter()
                    .map(|p| (contact_href(&field.kind, &p.value).unwrap_or_default(), p.value.clone()))
                    .collect(),
            ),
            (FieldType::Email { .. } | FieldType::Phone { .. } | FieldType::Url { .. }, Value::Text(v)) => {
                match contact_href(&field.kind, v) {
                    Some(href) => Shown::Link { href, text: v.clone() },
                    None => Shown::Text(v.clone()),
                }
            }
            (_, Value::Bool(b)) => Shown::Text(tr.t(if *b { "value-yes" } else { "value-no" })),
            (FieldType::Percent { .. }, Value::Decimal(d)) => Shown::Text(format!("{} %", self.number(*d))),
            (_, Value::Decimal(d)) => Shown::Text(self.number(*d)),
            (_, Value::Integer(i)) => Shown::Text(self.number(Decimal::from(*i))),
            (_, Value::Money { amount, currency }) => Shown::Text(self.money(*amount, currency)),
            (_, Value::Date(d)) => Shown::Text(self.date(*d)),
            (_, Value::DateTime(t)) => Shown::Text(self.datetime(*t)),
            (_, Value::Name(n)) => Shown::Text(n.display()),
            (_, Value::Address(a)) => Shown::Text(
                [&a.street, &a.postcode, &a.city, &a.region, &a.country]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (_, Value::Text(s)) => Shown::Text(s.clone()),
            (_, Value::List(items)) => Shown::Badges(items.clone()),
            (_, Value::Uuid(id)) => Shown::Text(id.to_string()),
            (_, Value::Json(j)) => Shown::Text(j.to_string()),
            (_, Value::Null) => Shown::Empty,
        }
    }
}

/// Where a contact value links to: mail and phone by their schemes, and web
/// addresses only when they are http(s) — anything else (a social handle, a stored
/// `javascript:` text) is shown as text, never as a link.
fn contact_href(kind: &FieldType, value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    match kind {
        FieldType::Email { .. } => Some(format!("mailto:{value}")),
        FieldType::Phone { .. } => Some(format!("tel:{}", value.replace(' ', ""))),
        _ if lower.starts_with("https://") || lower.starts_with("http://") => Some(value.to_owned()),
        _ => None,
    }
}

/// The label of a record: its label field shown as text, or its object's name and a
/// short id when the label is empty.
pub fn record_label(object: &ObjectDef, record: &Record) -> String {
    let text = object
        .label_field
        .as_deref()
        .and_then(|id| object.field(id))
        .map(|field| match record.get(&field.id) {
            Value::Name(n) => n.display(),
            Value::Text(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_csv(),
        })
        .unwrap_or_default();
    if text.trim().is_empty() {
        let id = record.id.to_string();
        format!("{} {}", object.label, &id[id.len() - 6..])
    } else {
        text
    }
}
