//! The demo company loads completely on each backend, with deals in every stage and
//! activities on timelines, and is not loaded twice.

use rapport_domain::demo::{self, DemoLocale, DemoSize};
use rapport_domain::model::Actor;
use rapport_domain::model::filter::parse;
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DatabaseConfig, DomainError, ListQuery};

pub fn config(db: &rapport_domain::testing::TestDatabase) -> DatabaseConfig {
    DatabaseConfig {
        url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        pool_size: 4,
        default_region: "GR".into(),
        event_retention_days: 30,
    }
}

#[tokio::test]
async fn demo_company_loads_once() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let size = DemoSize { companies: 20, people: 60, leads: 15, opportunities: 24, activities: 120 };
        let summary = demo::load(&crm, &size, DemoLocale::En).await.unwrap_or_else(|e| panic!("{}: {e}", db.name()));
        let actor = Actor::system();
        let count = |object: &'static str, filter: Option<&str>| {
            let crm = crm.clone();
            let actor = actor.clone();
            let filter = filter.map(|f| parse(f).unwrap());
            async move { crm.count(&actor, object, ListQuery { filter, ..ListQuery::default() }).await.unwrap() }
        };
        assert_eq!(count("companies", None).await, 20, "{}", db.name());
        assert_eq!(count("people", None).await, 60, "{}", db.name());
        assert_eq!(count("leads", None).await, 15, "{}", db.name());
        assert_eq!(count("opportunities", None).await, 24, "{}", db.name());
        assert_eq!(summary.activities, 120);
        let activities = count("calls", None).await
            + count("meetings", None).await
            + count("tasks", None).await
            + count("notes", None).await;
        assert_eq!(activities, 120, "{}", db.name());

        // Every stage of every pipeline has deals.
        let stages = crm.list(&actor, "stages", ListQuery { limit: 100, ..ListQuery::default() }).await.unwrap();
        assert_eq!(stages.records.len(), 10);
        for stage in &stages.records {
            let n = count("opportunities", Some(&format!("stage[eq]:{}", stage.id))).await;
            assert!(n > 0, "{}: stage {} has no deals", db.name(), stage.id);
        }

        // People have timelines.
        let people = crm.list(&actor, "people", ListQuery { limit: 60, ..ListQuery::default() }).await.unwrap();
        let mut with_timeline = 0;
        for person in &people.records {
            if !crm.timeline(&actor, "people", person.id, None, 5).await.unwrap().is_empty() {
                with_timeline += 1;
            }
        }
        assert!(with_timeline > 30, "{}: only {with_timeline} people have activities", db.name());
        // The international mix keeps names in their own scripts but writes its texts,
        // job titles included, in English.
        let titles: Vec<String> = people.records.iter().map(|p| p.get("title").to_json().to_string()).collect();
        assert!(titles.iter().all(|t| t.is_ascii() && t.len() > 2), "{}: {titles:?}", db.name());

        let again = demo::load(&crm, &size, DemoLocale::En).await;
        assert!(matches!(again, Err(DomainError::NotEmpty { people: 60 })), "{}: {again:?}", db.name());
    }
}

/// What a locale's demo must look like.
struct Expected {
    locale: DemoLocale,
    /// The letters that names, pipelines and activity texts are written in.
    script: fn(char) -> bool,
    /// Letters of which at least one appears in people's names (tonos, Hungarian accents).
    marks: &'static str,
    calling_codes: &'static [&'static str],
    /// What deals and leads are priced in.
    currencies: &'static [&'static str],
    /// What companies count their revenue in.
    revenues: &'static [&'static str],
    time_zones: &'static [&'static str],
    postcode: fn(&str) -> bool,
    /// Family names and how their email addresses spell them.
    spelled: &'static [(&'static str, &'static str)],
}

fn greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

fn arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

fn latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}')
}

fn digits(s: &str, shape: &str) -> bool {
    s.len() == shape.len()
        && s.chars().zip(shape.chars()).all(|(c, d)| if d == '9' { c.is_ascii_digit() } else { c == d })
}

const EXPECTED: [Expected; 3] = [
    Expected {
        locale: DemoLocale::El,
        script: greek,
        marks: "άέήίόύώ",
        calling_codes: &["+30"],
        currencies: &["EUR"],
        revenues: &["EUR"],
        time_zones: &["Europe/Athens"],
        postcode: |p| digits(p, "999 99"),
        spelled: &[
            ("Παπαδόπουλος", "papadopoulos"),
            ("Παπαδοπούλου", "papadopoulou"),
            ("Γεωργίου", "georgiou"),
            ("Οικονόμου", "oikonomou"),
            ("Κωνσταντινίδης", "konstantinidis"),
            ("Κωνσταντινίδου", "konstantinidou"),
            ("Ιωαννίδης", "ioannidis"),
            ("Ιωαννίδου", "ioannidou"),
            ("Καραγιάννης", "karagiannis"),
            ("Καραγιάννη", "karagianni"),
            ("Αθανασίου", "athanasiou"),
            ("Σταθόπουλος", "stathopoulos"),
            ("Σταθοπούλου", "stathopoulou"),
            ("Αντωνόπουλος", "antonopoulos"),
            ("Αντωνοπούλου", "antonopoulou"),
        ],
    },
    Expected {
        locale: DemoLocale::Hu,
        script: latin,
        marks: "áéíóöőúüű",
        calling_codes: &["+36"],
        currencies: &["HUF"],
        revenues: &["HUF"],
        time_zones: &["Europe/Budapest"],
        postcode: |p| digits(p, "9999"),
        spelled: &[
            ("Kovács", "kovacs"),
            ("Tóth", "toth"),
            ("Szabó", "szabo"),
            ("Németh", "nemeth"),
            ("Mészáros", "meszaros"),
            ("Juhász", "juhasz"),
            ("Takács", "takacs"),
            ("Őry", "ory"),
        ],
    },
    Expected {
        locale: DemoLocale::Ar,
        script: arabic,
        marks: "ال",
        calling_codes: &["+966", "+971", "+20"],
        currencies: &["SAR", "AED"],
        revenues: &["SAR", "AED", "EGP"],
        time_zones: &["Asia/Riyadh", "Asia/Dubai"],
        postcode: |p| digits(p, "99999"),
        spelled: &[
            ("العتيبي", "alotaibi"),
            ("القحطاني", "alqahtani"),
            ("الزهراني", "alzahrani"),
            ("الشامسي", "alshamsi"),
            ("المصري", "elmasry"),
            ("عبدالرحمن", "abdelrahman"),
            ("الغامدي", "alghamdi"),
            ("الحربي", "alharbi"),
        ],
    },
];

/// Every record of `object`, as JSON values by field.
async fn all(crm: &Crm, object: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let page = crm.list(&Actor::system(), object, ListQuery { limit: 100, ..ListQuery::default() }).await.unwrap();
    page.records.iter().map(|r| r.values.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()).collect()
}

fn text<'a>(record: &'a serde_json::Map<String, serde_json::Value>, path: &[&str]) -> &'a str {
    let mut value = record.get(path[0]).unwrap_or(&serde_json::Value::Null);
    for part in &path[1..] {
        value = &value[*part];
    }
    value.as_str().unwrap_or_default()
}

/// The letters of `s` are all of the script (digits, spaces and punctuation aside).
fn written_in(s: &str, script: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().filter(|c| c.is_alphabetic()).all(script)
}

#[tokio::test]
async fn each_demo_locale_is_of_its_country_and_language() {
    let size = DemoSize { companies: 12, people: 40, leads: 10, opportunities: 12, activities: 40 };
    for expected in &EXPECTED {
        let locale = expected.locale;
        // Names per backend: the same seed makes the same demo on each.
        let mut names_by_backend = Vec::new();
        for db in each_database().await {
            let at = format!("{} {locale}", db.name());
            let crm = Crm::open(&config(&db)).await.unwrap();
            let summary = demo::load(&crm, &size, locale).await.unwrap_or_else(|e| panic!("{at}: {e}"));
            assert_eq!(summary.people, 40, "{at}");
            check_people(&crm, expected, &at).await;
            check_money(&crm, expected, &at).await;
            check_texts(&crm, expected, &at).await;
            check_users(&crm, expected, &summary, &at).await;
            let mut names: Vec<String> = all(&crm, "people")
                .await
                .iter()
                .map(|p| format!("{} {}", text(p, &["name", "first"]), text(p, &["name", "last"])))
                .collect();
            names.sort();
            names_by_backend.push(names);
        }
        assert!(names_by_backend.windows(2).all(|w| w[0] == w[1]), "{locale}: the backends got different people");
    }
}

async fn check_people(crm: &Crm, expected: &Expected, at: &str) {
    let people = all(crm, "people").await;
    assert_eq!(people.len(), 40, "{at}");
    let (mut marks, mut women, mut spelled) = (0, 0, 0);
    for person in &people {
        let (first, last) = (text(person, &["name", "first"]), text(person, &["name", "last"]));
        assert!(written_in(first, expected.script) && written_in(last, expected.script), "{at}: {first} {last}");
        marks += format!("{first}{last}").chars().filter(|c| expected.marks.contains(*c)).count();
        let woman = text(person, &["gender"]) == "female";
        women += usize::from(woman);
        if expected.locale == DemoLocale::El && woman {
            // Greek women carry the feminine (genitive) form: Παπαδοπούλου, not Παπαδόπουλος.
            assert!(!last.ends_with("ος") && !last.ends_with("ης"), "{at}: a woman named {first} {last}");
        }
        check_phone(&person["phones"][0], expected, at);
        let email = person["emails"][0]["value"].as_str().unwrap_or_default();
        assert!(email.is_ascii() && !email.starts_with("contact"), "{at}: email {email} of {first} {last}");
        if let Some((_, latin)) = expected.spelled.iter().find(|(name, _)| *name == last) {
            assert!(email.split('@').next().unwrap_or_default().contains(latin), "{at}: {last} has the email {email}");
            spelled += 1;
        }
        let postcode = text(person, &["address", "postcode"]);
        assert!(postcode.is_empty() || (expected.postcode)(postcode), "{at}: postcode {postcode}");
        assert!(written_in(text(person, &["address", "city"]), expected.script), "{at}: {person:?}");
    }
    assert!(marks > 0, "{at}: no name has any of {}", expected.marks);
    assert!(women > 5 && women < 35, "{at}: {women} women of 40");
    assert!(spelled > 0, "{at}: no one is named any of {:?}", expected.spelled);
    if expected.locale != DemoLocale::Ar {
        // Only the Emirates have no postcodes.
        assert!(people.iter().all(|p| !text(p, &["address", "postcode"]).is_empty()), "{at}: a postcode is missing");
    }
}

/// A phone as typed starts with the country's calling code, and validation stored it
/// as E.164.
fn check_phone(phone: &serde_json::Value, expected: &Expected, at: &str) {
    let (typed, normalized) =
        (phone["value"].as_str().unwrap_or_default(), phone["normalized"].as_str().unwrap_or_default());
    assert!(expected.calling_codes.iter().any(|c| typed.starts_with(c)), "{at}: phone {typed}");
    assert_eq!(normalized, typed.replace(' ', ""), "{at}: phone {typed} was stored as {normalized}");
}

async fn check_money(crm: &Crm, expected: &Expected, at: &str) {
    let priced = [("opportunities", "amount", expected.currencies), ("leads", "estimated_value", expected.currencies)];
    for (object, field, currencies) in priced.into_iter().chain([("companies", "annual_revenue", expected.revenues)]) {
        let records = all(crm, object).await;
        assert!(!records.is_empty(), "{at}: no {object}");
        for record in records {
            let currency = text(&record, &[field, "currency"]);
            assert!(currencies.contains(&currency), "{at}: {object}.{field} in {currency:?}");
        }
    }
    for company in all(crm, "companies").await {
        check_phone(&company["phones"][0], expected, at);
        assert!(written_in(text(&company, &["name"]), expected.script), "{at}: company {company:?}");
    }
}

async fn check_texts(crm: &Crm, expected: &Expected, at: &str) {
    let fields = [
        ("pipelines", "name"),
        ("stages", "name"),
        ("opportunities", "name"),
        ("tasks", "subject"),
        ("calls", "subject"),
        ("calls", "notes"),
        ("meetings", "subject"),
        ("meetings", "location"),
        ("notes", "body"),
    ];
    for (object, field) in fields {
        let records = all(crm, object).await;
        assert!(!records.is_empty(), "{at}: no {object}");
        for record in records {
            let value = text(&record, &[field]);
            assert!(written_in(value, expected.script), "{at}: {object}.{field} {value:?}");
        }
    }
}

async fn check_users(crm: &Crm, expected: &Expected, summary: &demo::DemoSummary, at: &str) {
    let users = crm.users(&Actor::system()).await.unwrap();
    assert_eq!(users.len(), 4, "{at}");
    for user in &users {
        assert_eq!(user.locale, expected.locale.code(), "{at}: {}", user.email);
        assert!(expected.time_zones.contains(&user.time_zone.as_str()), "{at}: {} in {}", user.email, user.time_zone);
        assert!(written_in(&user.display_name, expected.script), "{at}: {}", user.display_name);
    }
    let mut emails: Vec<&str> = summary.logins.iter().map(|l| l.email.as_str()).collect();
    emails.sort_unstable();
    let mut listed = expected.locale.user_emails();
    listed.sort_unstable();
    assert_eq!(emails, listed, "{at}");
}

#[test]
fn demo_locales_parse_and_unknown_ones_are_named() {
    for locale in DemoLocale::ALL {
        assert_eq!(locale.code().parse::<DemoLocale>(), Ok(locale));
    }
    assert_eq!(" EL ".parse::<DemoLocale>(), Ok(DemoLocale::El));
    let err = "gr".parse::<DemoLocale>().unwrap_err().to_string();
    assert!(err.contains("--demo-locale") && err.contains("\"gr\"") && err.contains("el, hu, ar or en"), "{err}");
}
