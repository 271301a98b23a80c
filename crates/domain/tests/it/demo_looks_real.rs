//! The demo reads like a real company's data, on each backend and in each locale:
//! meetings, calls and due times in office hours on its users' working days, deals
//! that thin out stage by stage like a funnel, company names that never repeat with
//! industries that fit them, phone numbers valid for their country with the area code
//! of their town, addresses written as their country writes them, and phone numbers
//! typed without a country code read as the demo's own country's.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::{Time, Weekday};
use rapport_domain::demo::{self, DemoLocale, DemoSize};
use rapport_domain::model::contact::{normalize_phone, phone_country};
use rapport_domain::model::{Actor, Record, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, ListQuery};
use serde_json::json;

use crate::demo::config;

/// Every live record of `object`, a page at a time.
async fn every(crm: &Crm, object: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut query = ListQuery { limit: 500, ..ListQuery::default() };
    loop {
        let page = crm.list(&Actor::system(), object, query.clone()).await.unwrap();
        out.extend(page.records);
        match page.next_cursor {
            Some(next) => query.cursor = Some(next),
            None => return out,
        }
    }
}

fn text(record: &Record, field: &str) -> String {
    match record.get(field) {
        Value::Text(t) => t.clone(),
        Value::Null => String::new(),
        other => other.to_csv(),
    }
}

/// A demo of `locale` on a fresh database, with enough of everything to judge it.
async fn loaded(db: &rapport_domain::testing::TestDatabase, locale: DemoLocale, size: &DemoSize) -> Crm {
    let crm = Crm::open(&config(db)).await.unwrap();
    demo::load(&crm, size, locale).await.unwrap_or_else(|e| panic!("{} {locale}: {e}", db.name()));
    crm
}

/// The weekend where each demo user's time zone is (Saudi Arabia rests on Friday
/// and Saturday, the Emirates since 2022 and Europe on Saturday and Sunday).
fn weekend(zone: &str) -> [Weekday; 2] {
    match zone {
        "Asia/Riyadh" | "Africa/Cairo" => [Weekday::Friday, Weekday::Saturday],
        "Europe/London" | "Europe/Athens" | "Europe/Budapest" | "Asia/Dubai" | "UTC" => {
            [Weekday::Saturday, Weekday::Sunday]
        }
        other => panic!("no weekend known for {other}"),
    }
}

const OPENS: Time = Time::constant(8, 30, 0, 0);
const CLOSES: Time = Time::constant(18, 0, 0, 0);

/// Each owner's time zone, by user id.
async fn zones(crm: &Crm) -> HashMap<String, String> {
    let users = crm.users(&Actor::system()).await.unwrap();
    users.into_iter().map(|u| (u.id.to_string(), u.time_zone)).collect()
}

/// `t` on the clock and calendar of `zone`.
fn local(t: time::OffsetDateTime, zone: &str) -> jiff::civil::DateTime {
    let ts = jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos()).unwrap();
    ts.to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap()).datetime()
}

fn instant(record: &Record, field: &str) -> time::OffsetDateTime {
    match record.get(field) {
        Value::DateTime(t) => *t,
        other => panic!("{field} is {other:?}"),
    }
}

/// Whether `t` is on a working day of `zone`, between opening and closing time (and
/// on a quarter hour when `slotted`): what is wrong with it, if anything.
fn out_of_hours(t: time::OffsetDateTime, zone: &str, slotted: bool) -> Option<String> {
    let at = local(t, zone);
    let wrong = weekend(zone).contains(&at.weekday())
        || at.time() < OPENS
        || at.time() > CLOSES
        || (slotted && (at.minute() % 15 != 0 || at.second() != 0));
    wrong.then(|| format!("{at} {:?} in {zone}", at.weekday()))
}

#[tokio::test]
async fn meetings_calls_and_due_times_fall_in_office_hours_on_working_days() {
    let size = DemoSize { companies: 10, people: 30, leads: 5, opportunities: 40, activities: 600 };
    for locale in DemoLocale::ALL {
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = loaded(&db, locale, &size).await;
            let zones = zones(&crm).await;
            let zone_of = |r: &Record| zones.get(&r.owner_id.map(|o| o.to_string()).unwrap_or_default()).cloned();
            let now = time::OffsetDateTime::now_utc();
            let mut checked = 0;
            for meeting in every(&crm, "meetings").await {
                let zone = zone_of(&meeting).unwrap_or_else(|| panic!("{at}: a meeting without an owner"));
                let (starts, ends) = (instant(&meeting, "starts_at"), instant(&meeting, "ends_at"));
                assert_eq!(out_of_hours(starts, &zone, true), None, "{at}: a meeting starts");
                assert_eq!(out_of_hours(ends, &zone, true), None, "{at}: a meeting ends");
                assert_eq!(local(starts, &zone).date(), local(ends, &zone).date(), "{at}: a meeting over midnight");
                assert!(ends > starts, "{at}: a meeting ends before it starts");
                checked += 1;
            }
            for call in every(&crm, "calls").await {
                let zone = zone_of(&call).unwrap_or_else(|| panic!("{at}: a call without an owner"));
                let started = instant(&call, "started_at");
                assert_eq!(out_of_hours(started, &zone, false), None, "{at}: a call");
                assert!(started <= now, "{at}: a call logged before it was made ({started})");
                checked += 1;
            }
            for task in every(&crm, "tasks").await {
                let zone = zone_of(&task).unwrap_or_else(|| panic!("{at}: a task without an owner"));
                let due = instant(&task, "due_at");
                assert_eq!(out_of_hours(due, &zone, true), None, "{at}: a task is due");
                // What is still open fell due lately, not half a year ago.
                let open = text(&task, "status") == "open";
                assert!(!open || now - due < time::Duration::days(15), "{at}: a task open since {due}");
                checked += 1;
            }
            // Deals close (contracts are signed) on working days.
            for deal in every(&crm, "opportunities").await {
                let zone = zone_of(&deal).unwrap_or_else(|| panic!("{at}: a deal without an owner"));
                let Value::Date(day) = deal.get("close_date") else { panic!("{at}: a deal without a close date") };
                let day = jiff::civil::date(day.year() as i16, u8::from(day.month()) as i8, day.day() as i8);
                assert!(!weekend(&zone).contains(&day.weekday()), "{at}: a deal closes on a {:?}", day.weekday());
            }
            // Four in five activities have a time (notes do not).
            assert!(checked >= 480, "{at}: only {checked} activities with times");
        }
    }
}

#[tokio::test]
async fn each_pipeline_thins_out_stage_by_stage_like_a_funnel() {
    let size = DemoSize { companies: 10, people: 30, leads: 5, opportunities: 150, activities: 10 };
    for locale in [DemoLocale::En, DemoLocale::Hu] {
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = loaded(&db, locale, &size).await;
            let deals = every(&crm, "opportunities").await;
            let mut in_stage: HashMap<String, usize> = HashMap::new();
            for deal in &deals {
                *in_stage.entry(text(deal, "stage")).or_default() += 1;
            }
            let stages = every(&crm, "stages").await;
            let mut by_pipeline: BTreeMap<String, Vec<(i64, String, usize)>> = BTreeMap::new();
            for stage in &stages {
                let Value::Integer(position) = stage.get("position") else { panic!("{at}: a stage without a place") };
                let count = in_stage.get(&stage.id.to_string()).copied().unwrap_or(0);
                let entry = (*position, text(stage, "kind"), count);
                by_pipeline.entry(text(stage, "pipeline")).or_default().push(entry);
            }
            assert_eq!(by_pipeline.len(), 2, "{at}");
            for (pipeline, mut stages) in by_pipeline {
                stages.sort();
                let open: Vec<usize> = stages.iter().filter(|s| s.1 == "open").map(|s| s.2).collect();
                let closed = |kind: &str| stages.iter().filter(|s| s.1 == kind).map(|s| s.2).sum::<usize>();
                let counts: Vec<usize> = stages.iter().map(|s| s.2).collect();
                let why = format!("{at}: pipeline {pipeline} holds {counts:?}");
                assert!(open.len() >= 2, "{why}");
                assert!(open.first() > open.last(), "{why}: the first stage must hold more than the last open one");
                assert!(open.windows(2).all(|w| w[0] >= w[1]), "{why}: a later stage holds more");
                assert!(counts.iter().any(|c| *c != counts[0]), "{why}: every stage holds as many");
                assert!(closed("won") > 0 && closed("lost") > 0, "{why}: nothing won or lost");
                assert!(closed("won") < deals.len() / 4, "{why}: too much won");
            }
        }
    }
}

/// The line of business a company name carries, and the industry it must have.
const INDUSTRY_OF: &[(&str, &str)] = &[
    ("Τρόφιμα", "manufacturing"),
    ("Foods", "manufacturing"),
    ("Élelmiszer", "manufacturing"),
    ("للأغذية", "manufacturing"),
    ("Πληροφορική", "technology"),
    ("Systems", "technology"),
    ("Informatikai", "technology"),
    ("للتقنية", "technology"),
    ("Κατασκευαστική", "construction"),
    ("Construction", "construction"),
    ("Építő", "construction"),
    ("للمقاولات", "construction"),
    ("Ξενοδοχειακή", "hospitality"),
    ("Hotels", "hospitality"),
    ("Vendéglátó", "hospitality"),
    ("للفنادق", "hospitality"),
    ("Φαρμακευτική", "health"),
    ("Healthcare", "health"),
    ("Egészségügyi", "health"),
    ("الطبية", "health"),
    ("Εμπορική", "wholesale"),
    ("Trading", "wholesale"),
    ("Kereskedelmi", "wholesale"),
    ("للتجارة", "wholesale"),
];

fn industry_of(name: &str) -> Option<&'static str> {
    INDUSTRY_OF.iter().find(|(word, _)| name.split_whitespace().any(|w| w == *word)).map(|(_, i)| *i)
}

#[tokio::test]
async fn company_names_never_repeat_and_their_industry_fits_them() {
    let size = DemoSize { companies: 200, people: 10, leads: 60, opportunities: 10, activities: 10 };
    for locale in DemoLocale::ALL {
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = loaded(&db, locale, &size).await;
            let companies = every(&crm, "companies").await;
            assert_eq!(companies.len(), 200, "{at}");
            let mut names = HashSet::new();
            let mut domains = HashSet::new();
            let mut judged = 0;
            for company in &companies {
                let name = text(company, "name");
                assert!(names.insert(name.clone()), "{at}: two companies are called {name}");
                let domain = text(company, "domain");
                assert!(domains.insert(domain.clone()), "{at}: two companies have {domain}");
                assert!(!name.chars().any(|c| c.is_ascii_digit()), "{at}: {name} is numbered");
                if let Some(industry) = industry_of(&name) {
                    assert_eq!(text(company, "industry"), industry, "{at}: {name}");
                    judged += 1;
                }
            }
            assert!(judged > 60, "{at}: only {judged} names say their line of business");
            // Prospects are companies that are not customers yet, each its own.
            for lead in every(&crm, "leads").await {
                let name = text(&lead, "company_name");
                assert!(names.insert(name.clone()), "{at}: the lead's company {name} is taken");
            }
        }
    }
}

#[test]
fn company_names_stay_apart_at_any_size() {
    // Past every country's words (the largest make some 4,300 names), so numbered ones too.
    const EACH: usize = 6_000;
    for locale in DemoLocale::ALL {
        let names = demo::company_names(locale, EACH);
        let mut seen = HashSet::new();
        for (name, industry) in &names {
            assert!(seen.insert(name), "{locale}: {name} twice");
            if let Some(expected) = industry_of(name) {
                assert_eq!(*industry, expected, "{locale}: {name}");
            }
        }
        // A country's first thousands carry no number: the words make that many.
        for country in names.chunks(EACH) {
            let numbered = country.iter().take(1500).find(|(n, _)| n.chars().any(|c| c.is_ascii_digit()));
            assert_eq!(numbered, None, "{locale}");
        }
    }
}

/// The area code (after the country code) of each demo town's landlines.
const AREA_CODES: &[(&str, &str)] = &[
    ("Αθήνα", "+3021"),
    ("Θεσσαλονίκη", "+30231"),
    ("Πάτρα", "+30261"),
    ("Ηράκλειο", "+30281"),
    ("Λάρισα", "+30241"),
    ("Budapest", "+361"),
    ("Debrecen", "+3652"),
    ("Szeged", "+3662"),
    ("Pécs", "+3672"),
    ("Győr", "+3696"),
    ("الرياض", "+96611"),
    ("جدة", "+96612"),
    ("الدمام", "+96613"),
    ("دبي", "+9714"),
    ("أبوظبي", "+9712"),
    ("القاهرة", "+202"),
    ("الإسكندرية", "+203"),
    ("London", "+4420"),
    ("Manchester", "+44161"),
    ("Leeds", "+44113"),
    ("Bristol", "+44117"),
];

/// How each country's mobile numbers start.
const MOBILES: &[(&str, &[&str])] = &[
    ("GR", &["+3069"]),
    ("HU", &["+3620", "+3630", "+3631", "+3650", "+3670"]),
    ("SA", &["+9665"]),
    ("AE", &["+9715"]),
    ("EG", &["+2010", "+2011", "+2012", "+2015"]),
    ("GB", &["+447"]),
];

/// What is wrong with a stored phone of a record in `city` of `country`, if anything:
/// it must be valid, of that country, and a mobile or (for `landline`, only) a
/// landline with the town's area code.
fn wrong_phone(stored: &str, country: &str, city: &str, landline_only: bool) -> Option<String> {
    let said = format!("{stored} in {city} ({country})");
    if phone_country(stored).as_deref() != Some(country) {
        return Some(format!("{said}: not a valid number of the country"));
    }
    if normalize_phone(stored, country).as_deref() != Ok(stored) {
        return Some(format!("{said}: not stored as E.164"));
    }
    let area = AREA_CODES.iter().find(|(c, _)| *c == city).map(|(_, a)| *a);
    let mobile =
        MOBILES.iter().find(|(c, _)| *c == country).is_some_and(|(_, m)| m.iter().any(|p| stored.starts_with(p)));
    let landline = area.is_some_and(|a| stored.starts_with(a));
    if landline || (mobile && !landline_only) {
        None
    } else {
        Some(format!("{said}: neither a mobile nor a landline of the town"))
    }
}

fn address_part(record: &Record, field: &str, part: &str) -> String {
    match record.get(field) {
        Value::Address(a) => match part {
            "city" => a.city.clone(),
            "country" => a.country.clone(),
            "street" => a.street.clone(),
            _ => a.postcode.clone(),
        }
        .unwrap_or_default(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn phone_numbers_are_valid_with_the_area_code_of_their_town() {
    let size = DemoSize { companies: 60, people: 120, leads: 60, opportunities: 5, activities: 5 };
    for locale in DemoLocale::ALL {
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = loaded(&db, locale, &size).await;
            let (mut landlines, mut mobiles) = (0, 0);
            for (object, field) in [("companies", "phones"), ("people", "phones")] {
                for record in every(&crm, object).await {
                    let (country, city) =
                        (address_part(&record, "address", "country"), address_part(&record, "address", "city"));
                    let Value::Contacts(points) = record.get(field) else { panic!("{at}: {object} without phones") };
                    for point in points {
                        // A company's number is its switchboard; a person's work number a
                        // landline of their town.
                        let landline_only = object == "companies" || point.label.as_deref() == Some("work");
                        let wrong = wrong_phone(&point.normalized, &country, &city, landline_only);
                        assert_eq!(wrong, None, "{at}: {object} {:?}", point.value);
                        if point.normalized.starts_with(AREA_CODES.iter().find(|(c, _)| *c == city).unwrap().1) {
                            landlines += 1;
                        } else {
                            mobiles += 1;
                        }
                    }
                }
            }
            for lead in every(&crm, "leads").await {
                let (country, city) =
                    (address_part(&lead, "address", "country"), address_part(&lead, "address", "city"));
                assert_eq!(wrong_phone(&text(&lead, "phone"), &country, &city, false), None, "{at}: a lead");
            }
            assert!(landlines > 60 && mobiles > 60, "{at}: {landlines} landlines and {mobiles} mobiles");
        }
    }
}

/// How each country writes the street line, and the post codes of each town.
fn street_as_written(country: &str, street: &str) -> bool {
    let words: Vec<&str> = street.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match country {
        // Ερμού 12
        "GR" => words.last().is_some_and(|w| number(w)) && !number(words[0]),
        // Rákóczi út 54.
        "HU" => words.last().is_some_and(|w| w.strip_suffix('.').is_some_and(number)),
        // 12 Baker Street; 15 شارع طلعت حرب، وسط البلد
        "GB" | "EG" => number(words[0]) && !number(words[words.len() - 1]),
        // 2415 طريق الملك فهد، حي العليا: the building number has four digits.
        "SA" => number(words[0]) && words[0].len() == 4 && street.contains("، حي "),
        // مبنى 14، شارع الوصل، جميرا
        "AE" => words[0] == "مبنى" && street.matches('،').count() == 2,
        _ => false,
    }
}

/// A town's post codes start with these (Athens 10x–11x, Budapest 1xxx, Riyadh 1xxxx...).
const POSTCODES: &[(&str, &[&str])] = &[
    ("Αθήνα", &["10", "11"]),
    ("Θεσσαλονίκη", &["54", "55", "56"]),
    ("Πάτρα", &["26"]),
    ("Ηράκλειο", &["71"]),
    ("Λάρισα", &["41"]),
    ("Budapest", &["1"]),
    ("Debrecen", &["40"]),
    ("Szeged", &["67"]),
    ("Pécs", &["76"]),
    ("Győr", &["90"]),
    ("الرياض", &["11", "12", "13", "14"]),
    ("جدة", &["21", "22", "23"]),
    ("الدمام", &["31", "32", "34"]),
    ("القاهرة", &["11"]),
    ("الإسكندرية", &["21"]),
    ("London", &["W1", "NW1", "SE1", "N1", "EC", "WC", "E1", "SW1"]),
    ("Manchester", &["M"]),
    ("Leeds", &["LS"]),
    ("Bristol", &["BS"]),
];

fn postcode_shape(country: &str, postcode: &str) -> bool {
    let digits = |n: usize| postcode.len() == n && postcode.chars().all(|c| c.is_ascii_digit());
    match country {
        "GR" => postcode.len() == 6 && postcode.as_bytes()[3] == b' ' && postcode.replace(' ', "").len() == 5,
        "HU" => digits(4),
        "SA" | "EG" => digits(5),
        "AE" => postcode.is_empty(),
        // An outward code, a space and an inward code of a digit and two letters.
        "GB" => postcode.split_once(' ').is_some_and(|(_, inward)| {
            inward.len() == 3
                && inward.as_bytes()[0].is_ascii_digit()
                && inward[1..].chars().all(|c| c.is_ascii_uppercase())
        }),
        _ => false,
    }
}

#[tokio::test]
async fn addresses_are_written_as_their_country_writes_them() {
    let size = DemoSize { companies: 40, people: 80, leads: 10, opportunities: 5, activities: 5 };
    for locale in DemoLocale::ALL {
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = loaded(&db, locale, &size).await;
            let mut countries = HashSet::new();
            for object in ["companies", "people", "leads"] {
                for record in every(&crm, object).await {
                    let [country, city, street, postcode] =
                        ["country", "city", "street", "postcode"].map(|p| address_part(&record, "address", p));
                    let said = format!("{at}: {object} at {street:?}, {postcode:?} {city} ({country})");
                    assert!(street_as_written(&country, &street), "{said}: the street line");
                    assert!(postcode_shape(&country, &postcode), "{said}: the post code's shape");
                    if !postcode.is_empty() {
                        let starts = POSTCODES.iter().find(|(c, _)| *c == city).map_or(&[][..], |(_, s)| *s);
                        assert!(starts.iter().any(|s| postcode.starts_with(s)), "{said}: not a post code of the town");
                    }
                    countries.insert(country);
                }
            }
            let expected = match locale {
                DemoLocale::En => 4,
                DemoLocale::Ar => 3,
                _ => 1,
            };
            assert_eq!(countries.len(), expected, "{at}: {countries:?}");
        }
    }
}

/// What each demo's users type for a number of their own country, without its code.
const NATIONAL: [(DemoLocale, &str, &str, &str); 4] = [
    (DemoLocale::En, "GB", "020 7946 0018", "+442079460018"),
    (DemoLocale::El, "GR", "698 197 1008", "+306981971008"),
    (DemoLocale::Hu, "HU", "06 1 483 7539", "+3614837539"),
    (DemoLocale::Ar, "SA", "050 123 4567", "+966501234567"),
];

#[tokio::test]
async fn each_demo_reads_numbers_typed_without_a_country_code_as_its_own_countrys() {
    for (locale, region, typed, stored) in NATIONAL {
        assert_eq!(locale.region(), region, "{locale}");
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm =
                Crm::open(&rapport_domain::DatabaseConfig { default_region: locale.region().into(), ..config(&db) })
                    .await
                    .unwrap();
            assert_eq!(crm.default_region(), region, "{at}");
            let size = DemoSize { companies: 2, people: 4, leads: 1, opportunities: 2, activities: 4 };
            demo::load(&crm, &size, locale).await.unwrap();
            let input = json!({"name": {"first": "Ann", "last": "Example"}, "phones": [typed]});
            let person = crm.create(&Actor::system(), "people", input.as_object().unwrap()).await;
            let person = person.unwrap_or_else(|e| panic!("{at}: {typed} was refused: {e}"));
            let Value::Contacts(points) = person.get("phones") else { panic!("{at}: no phones") };
            assert_eq!(points[0].normalized, stored, "{at}");
            // The staff work in the region's country.
            for user in crm.users(&Actor::system()).await.unwrap() {
                let zone_country = match user.time_zone.as_str() {
                    "Europe/London" => "GB",
                    "Europe/Athens" => "GR",
                    "Europe/Budapest" => "HU",
                    "Asia/Riyadh" => "SA",
                    "Asia/Dubai" => "AE",
                    other => other,
                };
                assert!(
                    zone_country == region || zone_country == "AE",
                    "{at}: {} works in {}",
                    user.email,
                    user.time_zone
                );
            }
        }
    }
}
