//! Values as a user reads them: dates and times in the user's time zone, numbers with
//! grouping, money with its currency, options by their labels, and the links a value
//! makes (mail, telephone, web, the related record). One module, so the locale work
//! (ICU4X data for el/hu/ar, DESIGN §5) replaces the formatting in one place.

use icu_calendar::{Date as IcuDate, Gregorian};
use std::sync::OnceLock;

use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{self, enums::CompositeFieldSet};
use icu_datetime::input::{DateTime as IcuDateTime, Time as IcuTime};
use icu_datetime::provider::Baked;
use icu_datetime::scaffold::{
    AllFixedCalendarFormattingDataMarkers, AllInputMarkers, DateInputMarkers, DateTimeMarkers, GetField, TimeMarkers,
    TypedDateDataMarkers, ZoneMarkers,
};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal as IcuDecimal;
use icu_locale_core::Locale;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use rapport_domain::model::contact;
use rapport_domain::model::{Address, ContactPoint, FieldDef, FieldType, FullName, ObjectDef, Record, Value};
use rust_decimal::Decimal;
use time::OffsetDateTime;

use super::i18n::Tr;

/// Formatting for one user: their language's conventions (CLDR data through ICU4X,
/// compiled into the binary) in their time zone.
#[derive(Debug, Clone)]
pub struct Format {
    zone: TimeZone,
    /// The UI language (`en`, `el`, `hu`, `ar`).
    language: &'static str,
    /// The locale formats follow: the language with the region whose conventions
    /// it stands for here, and the user's digits (`ar-SA-u-nu-latn`).
    locale: Locale,
    /// Where the user's addresses need no country line.
    home_country: &'static str,
    /// The country whose phone numbers are written without a country code (the
    /// installation's default region): its numbers are shown in the national format.
    phone_home: String,
    /// The formatters a page uses over and over, made on first use.
    cache: Cache,
}

type Formatter<F> = FixedCalendarDateTimeFormatter<Gregorian, F>;

/// A list page formats a date or an amount in every row: each formatter is made once
/// per request (loading its CLDR data), not once per value.
#[derive(Debug, Clone, Default)]
struct Cache {
    decimal: OnceLock<Option<DecimalFormatter>>,
    day: OnceLock<Option<Formatter<fieldsets::YMD>>>,
    datetime: OnceLock<Option<Formatter<fieldsets::YMDT>>>,
    clock: OnceLock<Option<Formatter<fieldsets::T>>>,
}

/// `date` (and `time`) through `formatter`; ISO 8601 if there is none.
fn write<F>(formatter: Option<&Formatter<F>>, date: jiff::civil::Date, time: Option<jiff::civil::Time>) -> String
where
    F: DateTimeMarkers,
    F::D: DateInputMarkers,
    F::T: TimeMarkers,
    F::Z: ZoneMarkers,
    IcuDateTime<Gregorian>: AllInputMarkers<F>,
{
    let Some(formatter) = formatter else { return date.to_string() };
    let Ok(day) =
        IcuDate::try_new_gregorian(i32::from(date.year()), date.month().unsigned_abs(), date.day().unsigned_abs())
    else {
        return date.to_string();
    };
    let time = time
        .and_then(|t| IcuTime::try_new(t.hour().unsigned_abs(), t.minute().unsigned_abs(), 0, 0).ok())
        .unwrap_or(IcuTime::start_of_day());
    formatter.format(&IcuDateTime { date: day, time }).to_string()
}

/// A day that is a `day` (the names of weekdays come from a day of that week):
/// 2024-01-01 was a Monday.
fn a_day_of(day: Weekday) -> jiff::civil::Date {
    let monday = jiff::civil::date(2024, 1, 1);
    monday.checked_add(jiff::Span::new().days(day.to_monday_zero_offset())).unwrap_or(monday)
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
    /// A related record that exists but is not the viewer's to read: said so, with no
    /// link (it would lead to a page that does not exist for them).
    Withheld(String),
    /// Options, as badges.
    Badges(Vec<String>),
    /// Several contact points, each a link.
    Links(Vec<(String, String)>),
}

/// The region each UI language formats for. English follows British conventions
/// (day before month, 24-hour clock, weeks from Monday): Rapport's users are mostly in
/// Europe and the Middle East, where US conventions would read wrong. Arabic formats as
/// in Saudi Arabia (Arabic-Indic digits unless the user chose Latin ones, weeks from
/// Sunday); dates stay Gregorian in every language, the calendar business runs on.
const REGIONS: [(&str, &str, &str); 4] =
    [("en", "en-GB", "GB"), ("el", "el-GR", "GR"), ("hu", "hu-HU", "HU"), ("ar", "ar-SA", "SA")];

impl Format {
    /// `locale` is the user's locale code (`el`, or `ar-u-nu-latn` for Arabic with
    /// Latin digits); `zone` an IANA name. Unknown ones mean English and UTC.
    pub fn new(locale: &str, zone: &str) -> Format {
        let (language, extension) = locale.split_once('-').map_or((locale, ""), |(l, rest)| (l, rest));
        let (language, base, home_country) =
            REGIONS.iter().find(|(l, _, _)| *l == language).copied().unwrap_or(REGIONS[0]);
        let extension = if extension.starts_with("u-") { format!("-{extension}") } else { String::new() };
        let locale = Locale::try_from_str(&format!("{base}{extension}"))
            .or_else(|_| Locale::try_from_str(base))
            .unwrap_or(Locale::UNKNOWN);
        let zone = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
        let phone_home = home_country.to_owned();
        Format { zone, language, locale, home_country, phone_home, cache: Cache::default() }
    }

    /// The same formatting with `region` (ISO 3166-1 alpha-2) as the country whose
    /// numbers are typed and shown without a country code: the installation's default
    /// region, which the user's language alone does not tell.
    pub fn with_phone_region(mut self, region: &str) -> Format {
        if !region.trim().is_empty() {
            self.phone_home = region.trim().to_ascii_uppercase();
        }
        self
    }

    /// A stored phone number as its country groups it: `698 197 1008` at home,
    /// `+36 1 483 7539` from abroad (see [`contact::display_phone`]); as stored when it
    /// is not a number libphonenumber can place.
    pub fn phone(&self, number: &str) -> String {
        contact::display_phone(number, &self.phone_home).unwrap_or_else(|| number.to_owned())
    }

    fn zoned(&self, t: OffsetDateTime) -> Option<jiff::ZonedDateTime> {
        let ts = jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos()).ok()?;
        Some(ts.to_zoned_datetime(self.zone.clone()))
    }

    /// Formats `date` (and `time`) with one of CLDR's field sets.
    fn civil<F>(&self, fields: F, date: jiff::civil::Date, time: Option<jiff::civil::Time>) -> String
    where
        F: DateTimeMarkers + GetField<CompositeFieldSet>,
        F::D: TypedDateDataMarkers<Gregorian> + DateInputMarkers,
        F::T: TimeMarkers,
        F::Z: ZoneMarkers,
        Baked: AllFixedCalendarFormattingDataMarkers<Gregorian, F>,
        IcuDateTime<Gregorian>: AllInputMarkers<F>,
    {
        write(self.formatter(fields).as_ref(), date, time)
    }

    fn formatter<F>(&self, fields: F) -> Option<Formatter<F>>
    where
        F: DateTimeMarkers + GetField<CompositeFieldSet>,
        F::D: TypedDateDataMarkers<Gregorian>,
        F::T: TimeMarkers,
        F::Z: ZoneMarkers,
        Baked: AllFixedCalendarFormattingDataMarkers<Gregorian, F>,
    {
        Formatter::try_new((&self.locale).into(), fields).ok()
    }

    /// `26 Nov 2026, 14:05` (in the user's language) in the user's zone.
    pub fn datetime(&self, t: OffsetDateTime) -> String {
        self.zoned(t)
            .map(|z| {
                let formatter =
                    self.cache.datetime.get_or_init(|| self.formatter(fieldsets::YMD::medium().with_time_hm()));
                write(formatter.as_ref(), z.date(), Some(z.time()))
            })
            .unwrap_or_default()
    }

    /// `14:05` in the user's zone.
    pub fn time(&self, t: OffsetDateTime) -> String {
        self.zoned(t).map(|z| self.clock(z.time())).unwrap_or_default()
    }

    /// A wall-clock time (`09:00`), in the user's digits.
    pub fn clock(&self, time: jiff::civil::Time) -> String {
        let formatter = self.cache.clock.get_or_init(|| self.formatter(fieldsets::T::hm()));
        write(formatter.as_ref(), jiff::civil::date(2000, 1, 1), Some(time))
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

    /// A date value: `26 Nov 2026`, `26 Νοε 2026`, `2026. nov. 26.`.
    pub fn date(&self, d: time::Date) -> String {
        match jiff::civil::Date::new(d.year() as i16, u8::from(d.month()) as i8, d.day() as i8) {
            Ok(day) => self.day(day),
            Err(_) => d.to_string(),
        }
    }

    /// A calendar day: `26 Nov 2026`.
    pub fn day(&self, day: jiff::civil::Date) -> String {
        let formatter = self.cache.day.get_or_init(|| self.formatter(fieldsets::YMD::medium()));
        write(formatter.as_ref(), day, None)
    }

    /// A day with its weekday, in full: `Thursday 26 November 2026`.
    pub fn long_day(&self, day: jiff::civil::Date) -> String {
        self.civil(fieldsets::YMDE::long(), day, None)
    }

    /// A day of a week's column: `Thu 26`.
    pub fn weekday_and_day(&self, day: jiff::civil::Date) -> String {
        self.civil(fieldsets::DE::short(), day, None)
    }

    /// A month and its year, as a title: `November 2026`, `Νοέμβριος 2026` (the
    /// nominative: CLDR's stand-alone month names).
    pub fn month_title(&self, day: jiff::civil::Date) -> String {
        self.civil(fieldsets::YM::long(), day, None)
    }

    /// The weekday's own name: `Thursday`.
    pub fn weekday(&self, day: Weekday) -> String {
        self.civil(fieldsets::E::long(), a_day_of(day), None)
    }

    /// The weekday's short name, for a narrow column: `Thu`, `Πέμ`, `Cs`, `الخميس` (CLDR's
    /// abbreviated Arabic names are the full ones).
    pub fn weekday_short(&self, day: Weekday) -> String {
        self.civil(fieldsets::E::short(), a_day_of(day), None)
    }

    /// The day weeks start on where the user's language is spoken (Monday in Europe,
    /// Sunday in Saudi Arabia).
    pub fn first_weekday(&self) -> Weekday {
        use icu_calendar::types::Weekday as W;
        let first = icu_calendar::week::WeekInformation::try_new((&self.locale).into())
            .map(|info| info.first_weekday)
            .unwrap_or(W::Monday);
        match first {
            W::Monday => Weekday::Monday,
            W::Tuesday => Weekday::Tuesday,
            W::Wednesday => Weekday::Wednesday,
            W::Thursday => Weekday::Thursday,
            W::Friday => Weekday::Friday,
            W::Saturday => Weekday::Saturday,
            W::Sunday => Weekday::Sunday,
        }
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

    /// A decimal as the user's language writes it: `1,234,567.5`, `1.234.567,5`,
    /// `1 234 567,5`, `١٬٢٣٤٬٥٦٧٫٥`. Trailing zeros of `d` are kept (`12.50`).
    pub fn number(&self, d: Decimal) -> String {
        let text = d.to_string();
        let formatter = self
            .cache
            .decimal
            .get_or_init(|| DecimalFormatter::try_new((&self.locale).into(), Default::default()).ok());
        match (IcuDecimal::try_from_str(&text), formatter) {
            (Ok(n), Some(formatter)) => formatter.format(&n).to_string(),
            _ => text,
        }
    }

    /// A number without the trailing zeros of its storage (`12.5`, not `12.5000`).
    fn quantity(&self, d: Decimal) -> String {
        self.number(d.normalize())
    }

    /// A percentage: `12.5%`, `12,5%`, `١٢٫٥٪`.
    pub fn percent(&self, d: Decimal) -> String {
        let sign = if self.language == "ar" && !self.latin_digits() { "٪" } else { "%" };
        format!("{}{sign}", self.quantity(d))
    }

    fn latin_digits(&self) -> bool {
        self.locale
            .extensions
            .unicode
            .keywords
            .get(&icu_locale_core::extensions::unicode::key!("nu"))
            .is_some_and(|v| v.to_string() == "latn")
    }

    /// Money with the decimals the currency is shown with, its symbol placed as the
    /// language places it: `€1,234.56`, `1.234,56 €`, `1 234 Ft`, `١٬٢٣٤٫٥٦ ر.س.‏`.
    /// The stored amount is exact; only how many of its decimals are written differs
    /// (see [`shown_decimals`]).
    pub fn money(&self, amount: Decimal, currency: &str) -> String {
        let minor = rapport_domain::model::iso::currency(currency).map_or(2, |c| u32::from(c.minor_units));
        let mut rounded = amount.round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(shown_decimals(rounded, currency, minor));
        let number = self.number(rounded);
        let symbol = currency_symbol(self.language, currency);
        if self.language == "en" {
            let gap = if symbol.chars().all(|c| c.is_ascii_alphabetic()) { "\u{a0}" } else { "" };
            if let Some(unsigned) = number.strip_prefix('-') {
                return format!("-{symbol}{gap}{unsigned}");
            }
            format!("{symbol}{gap}{number}")
        } else {
            format!("{number}\u{a0}{symbol}")
        }
    }

    /// Whether the language writes the family name before the given name.
    pub fn family_name_first(&self) -> bool {
        self.language == "hu"
    }

    /// A person's name in the order the language puts it: the family name first in
    /// Hungarian (Kovács Anna), the given name first elsewhere.
    pub fn name(&self, name: &FullName) -> String {
        let parts = if self.family_name_first() { [&name.last, &name.first] } else { [&name.first, &name.last] };
        parts.into_iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// An address on one line, its parts in the order the address's country writes
    /// them (the post code before the town in Greece, the town first in Hungary, after
    /// the state in the US...); the country is named only when it is not the user's.
    pub fn address(&self, address: &Address) -> String {
        let part = |p: Option<&String>| p.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let street = part(address.street.as_ref());
        let city = part(address.city.as_ref());
        let postcode = part(address.postcode.as_ref());
        let region = part(address.region.as_ref());
        let country = part(address.country.as_ref()).map(|c| c.to_uppercase());
        let join = |items: &[&Option<String>], gap: &str| {
            let words: Vec<&str> = items.iter().filter_map(|i| i.as_deref()).collect();
            (!words.is_empty()).then(|| words.join(gap))
        };
        let lines: Vec<Option<String>> = match country.as_deref().unwrap_or(self.home_country) {
            // Hungary: town, street, post code.
            "HU" => vec![city.clone(), street.clone(), postcode.clone(), region.clone()],
            // The US, Canada and Australia: the region and post code after the town.
            "US" | "CA" | "AU" => {
                vec![street.clone(), join(&[&city], ""), join(&[&region, &postcode], " ")]
            }
            // The UK and Ireland: town and post code on lines of their own.
            "GB" | "IE" => vec![street.clone(), city.clone(), region.clone(), postcode.clone()],
            // Egypt: town, governorate, then the post code.
            "EG" => vec![street.clone(), city.clone(), region.clone(), postcode.clone()],
            // Saudi Arabia: the town before its post code.
            "SA" => vec![street.clone(), join(&[&city, &postcode], " "), region.clone()],
            // Most of Europe (Greece, Germany, France, Italy, Spain...): post code, town.
            _ => vec![street.clone(), join(&[&postcode, &city], " "), region.clone()],
        };
        let mut lines: Vec<String> = lines.into_iter().flatten().collect();
        if let Some(c) = country.filter(|c| c != self.home_country) {
            lines.push(c);
        }
        lines.join(if self.language == "ar" { "، " } else { ", " })
    }

    /// The label of a record: its label field as this user reads it, or its object's
    /// name and a short id when the label is empty.
    pub fn label(&self, object: &ObjectDef, record: &Record) -> String {
        let text = object
            .label_field
            .as_deref()
            .and_then(|id| object.field(id))
            .map(|field| match record.get(&field.id) {
                Value::Name(n) => self.name(n),
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
            (FieldType::Relation { target }, Value::Uuid(id)) => match labels(target, id) {
                Some(text) => Shown::Record { href: format!("/r/{target}/{id}"), text },
                None => Shown::Withheld(tr.t("record-not-shared")),
            },
            (_, Value::Contacts(points)) => Shown::Links(
                points
                    .iter()
                    .map(|p| {
                        (
                            contact_href(&field.kind, dialled(&field.kind, p)).unwrap_or_default(),
                            self.point(&field.kind, p),
                        )
                    })
                    .collect(),
            ),
            (FieldType::Phone { .. }, Value::Text(v)) => match contact_href(&field.kind, v) {
                Some(href) => Shown::Link { href, text: self.phone(v) },
                None => Shown::Text(self.phone(v)),
            },
            (FieldType::Email { .. } | FieldType::Url { .. }, Value::Text(v)) => match contact_href(&field.kind, v) {
                Some(href) => Shown::Link { href, text: v.clone() },
                None => Shown::Text(v.clone()),
            },
            (_, Value::Bool(b)) => Shown::Text(tr.t(if *b { "value-yes" } else { "value-no" })),
            (FieldType::Percent { .. }, Value::Decimal(d)) => Shown::Text(self.percent(*d)),
            (_, Value::Decimal(d)) => Shown::Text(self.quantity(*d)),
            (_, Value::Integer(i)) => Shown::Text(self.number(Decimal::from(*i))),
            (_, Value::Money { amount, currency }) => Shown::Text(self.money(*amount, currency)),
            (_, Value::Date(d)) => Shown::Text(self.date(*d)),
            (_, Value::DateTime(t)) => Shown::Text(self.datetime(*t)),
            (_, Value::Name(n)) => Shown::Text(self.name(n)),
            (_, Value::Address(a)) => Shown::Text(self.address(a)),
            (_, Value::Text(s)) => Shown::Text(s.clone()),
            (_, Value::List(items)) => Shown::Badges(items.clone()),
            (_, Value::Uuid(id)) => Shown::Text(id.to_string()),
            (_, Value::Json(j)) => Shown::Text(j.to_string()),
            (_, Value::Null) => Shown::Empty,
        }
    }
}

impl Format {
    /// How one contact point of a field reads: a phone grouped as its country writes
    /// it (from the stored E.164 number, whatever separators it was typed with), an
    /// email, web address or handle as it was typed.
    pub fn point(&self, kind: &FieldType, point: &ContactPoint) -> String {
        match kind {
            FieldType::Phone { .. } => self.phone(dialled(kind, point)),
            _ => point.value.clone(),
        }
    }
}

/// What a phone point dials: its E.164 number, or what was typed when there is none.
fn dialled<'a>(kind: &FieldType, point: &'a ContactPoint) -> &'a str {
    match kind {
        FieldType::Phone { .. } if !point.normalized.is_empty() => &point.normalized,
        _ => &point.value,
    }
}

/// Currencies that ISO 4217 gives minor units but whose amounts are written whole
/// (CLDR's currency data: `digits` 0, or `cashDigits` 0 — the forint's fillér went
/// out of use in 1999, so `12 500,00 Ft` reads like a mistake).
const WRITTEN_WHOLE: &[&str] = &[
    "AFN", "ALL", "AMD", "COP", "CRC", "CZK", "GYD", "HUF", "IDR", "IQD", "IRR", "KPW", "LAK", "LBP", "MGA", "MMK",
    "MNT", "MUR", "NOK", "PKR", "RSD", "SEK", "SLL", "SOS", "SYP", "TWD", "TZS", "UZS", "YER",
];

/// How many decimals an amount (already rounded to the currency's `minor` units) is
/// written with: none for a whole amount of a currency written whole
/// ([`WRITTEN_WHOLE`]), else the currency's minor units, so a fraction that was
/// stored is never hidden (`12 500,50 Ft`).
fn shown_decimals(amount: Decimal, currency: &str, minor: u32) -> u32 {
    let whole = amount.fract().is_zero();
    if whole && WRITTEN_WHOLE.contains(&currency.to_ascii_uppercase().as_str()) { 0 } else { minor }
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

/// The symbol a language writes for a currency (CLDR's): the euro, the pound and the
/// currencies of the languages' own countries by their signs, the dollar as `US$`
/// where it could be mistaken for another; every other currency by its ISO code,
/// which reads the same in every language.
fn currency_symbol(language: &str, code: &str) -> String {
    let symbol = match (language, code) {
        (_, "EUR") => "€",
        (_, "GBP") => "£",
        ("en" | "el", "USD") => "$",
        ("ar", "USD") => "US$",
        ("hu", "HUF") => "Ft",
        ("ar", "SAR") => "ر.س.\u{200f}",
        ("ar", "AED") => "د.إ.\u{200f}",
        ("ar", "EGP") => "ج.م.\u{200f}",
        _ => code,
    };
    symbol.to_owned()
}
