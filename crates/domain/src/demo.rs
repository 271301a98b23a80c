//! The demo company that `rapport serve --demo` loads into an empty database: a
//! wholesale business with customers in Greece, Hungary, the Gulf and elsewhere, its
//! contacts, leads, two pipelines with deals in every stage, and a few thousand calls,
//! meetings, tasks and notes on their timelines. Generated from a fixed seed, so every
//! demo looks the same.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rapport_model::Actor;
use serde_json::{Map, Value as Json, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::accounts::NewUser;
use crate::crm::Crm;
use crate::error::{DomainError, Result};

/// How much demo data to make.
#[derive(Debug, Clone)]
pub struct DemoSize {
    pub companies: usize,
    pub people: usize,
    pub leads: usize,
    pub opportunities: usize,
    pub activities: usize,
}

impl Default for DemoSize {
    fn default() -> Self {
        DemoSize { companies: 200, people: 1000, leads: 300, opportunities: 150, activities: 3000 }
    }
}

/// What was loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub companies: usize,
    pub people: usize,
    pub leads: usize,
    pub opportunities: usize,
    pub activities: usize,
    /// The demo users, with passwords made for this load (shown once).
    pub logins: Vec<DemoLogin>,
}

/// A demo user to sign in as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub email: String,
    pub display_name: String,
    /// The standard role's key.
    pub role: &'static str,
    pub team: &'static str,
    pub password: String,
}

/// The demo staff: an administrator, a sales manager and a rep in Athens, a rep in
/// Budapest. Records are spread over the three sales users, so each role sees what
/// its rules allow (the Budapest rep sees only Budapest's customers).
const STAFF: [(&str, &str, &str, &str); 4] = [
    ("admin@demo.example", "Demo Administrator", "administrator", "Athens"),
    ("maria.papadopoulou@demo.example", "Μαρία Παπαδοπούλου", "sales_manager", "Athens"),
    ("nikos.georgiou@demo.example", "Νίκος Γεωργίου", "sales_rep", "Athens"),
    ("eszter.kovacs@demo.example", "Kovács Eszter", "sales_rep", "Budapest"),
];

/// Owners (user, team) that demo records are given in turn.
struct Owners(Vec<(Uuid, Uuid)>);

impl Owners {
    fn assign(&self, input: &mut Map<String, Json>, n: usize) {
        if let Some((user, team)) = self.0.get(n % self.0.len().max(1)) {
            input.insert("owner".into(), json!(user.to_string()));
            input.insert("team".into(), json!(team.to_string()));
        }
    }
}

async fn staff(crm: &Crm) -> Result<(Vec<DemoLogin>, Owners)> {
    let actor = Actor::system();
    let mut teams = Vec::new();
    for name in ["Athens", "Budapest"] {
        teams.push((name, crm.create_team(&actor, name).await?.id));
    }
    let mut logins = Vec::new();
    let mut owners = Vec::new();
    for (email, name, role, team) in STAFF {
        let password = crate::password::generate();
        let new = NewUser {
            email: email.into(),
            display_name: name.into(),
            roles: vec![role.into()],
            teams: vec![team.into()],
            password: Some(password.clone()),
            ..NewUser::default()
        };
        let (user, _) = crm.add_user(&actor, new).await?;
        if role != "administrator" {
            let team_id = teams.iter().find(|(n, _)| *n == team).map_or(Uuid::nil(), |(_, id)| *id);
            owners.push((user.id, team_id));
        }
        logins.push(DemoLogin { email: email.into(), display_name: name.into(), role, team, password });
    }
    Ok((logins, Owners(owners)))
}

/// Rows per unit of work: large enough to be fast, small enough to keep transactions short.
const BATCH: usize = 250;

pub(crate) struct Country {
    pub code: &'static str,
    pub cities: &'static [&'static str],
    pub streets: &'static [&'static str],
    pub first: &'static [&'static str],
    pub last: &'static [&'static str],
    pub phone_prefixes: &'static [&'static str],
    pub phone_digits: usize,
    pub domain: &'static str,
    pub company_words: &'static [&'static str],
    pub legal_forms: &'static [&'static str],
}

pub(crate) const COUNTRIES: &[Country] = &[
    Country {
        code: "GR",
        cities: &["Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο", "Λάρισα", "Βόλος", "Ιωάννινα", "Χανιά"],
        streets: &["Ερμού", "Πανεπιστημίου", "Τσιμισκή", "Αγίου Δημητρίου", "Βασιλίσσης Σοφίας", "Κηφισίας"],
        first: &[
            "Γιώργος",
            "Μαρία",
            "Νίκος",
            "Ελένη",
            "Κώστας",
            "Αικατερίνη",
            "Δημήτρης",
            "Σοφία",
            "Γιάννης",
            "Αναστασία",
            "Παναγιώτης",
            "Ευαγγελία",
        ],
        last: &[
            "Παπαδόπουλος",
            "Παπαδοπούλου",
            "Νικολάου",
            "Γεωργίου",
            "Οικονόμου",
            "Δημητρίου",
            "Κωνσταντίνου",
            "Ιωάννου",
            "Βασιλείου",
            "Αθανασίου",
            "Μακρής",
            "Σταθοπούλου",
        ],
        phone_prefixes: &["210", "2310", "2610", "69"],
        phone_digits: 10,
        domain: "gr",
        company_words: &["Αιγαίο", "Ολυμπος", "Ερμής", "Ποσειδών", "Δελφοί", "Ικαρος", "Κρήτη", "Αθηνά"],
        legal_forms: &["Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε."],
    },
    Country {
        code: "HU",
        cities: &["Budapest", "Debrecen", "Szeged", "Pécs", "Győr", "Miskolc", "Kecskemét", "Székesfehérvár"],
        streets: &[
            "Andrássy út",
            "Váci utca",
            "Kossuth Lajos utca",
            "Petőfi Sándor utca",
            "Rákóczi út",
            "Szent István körút",
        ],
        first: &[
            "Árpád", "Zsófia", "László", "Eszter", "Gábor", "Katalin", "Zoltán", "Réka", "Péter", "Anikó", "Bence",
            "Ildikó",
        ],
        last: &[
            "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas", "Balogh",
            "Őry",
        ],
        phone_prefixes: &["1", "20", "30", "70"],
        phone_digits: 9,
        domain: "hu",
        company_words: &["Duna", "Tisza", "Mátra", "Balaton", "Hargita", "Pannon", "Kárpát", "Zemplén"],
        legal_forms: &["Kft.", "Zrt.", "Bt.", "Nyrt."],
    },
    Country {
        code: "SA",
        cities: &["الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "الخبر"],
        streets: &["طريق الملك فهد", "شارع التحلية", "طريق الملك عبدالعزيز", "شارع العليا"],
        first: &[
            "أحمد",
            "فاطمة",
            "محمد",
            "عائشة",
            "خالد",
            "مريم",
            "عبدالله",
            "نورة",
            "يوسف",
            "سارة",
            "إبراهيم",
            "ليلى",
        ],
        last: &["العتيبي", "القحطاني", "الغامدي", "الحربي", "الزهراني", "الشمري", "الدوسري", "المطيري"],
        phone_prefixes: &["50", "55", "11"],
        phone_digits: 9,
        domain: "sa",
        company_words: &["النخبة", "الأفق", "الرواد", "الصفوة", "الخليج", "الواحة"],
        legal_forms: &["للتجارة", "القابضة", "المحدودة"],
    },
    Country {
        code: "GB",
        cities: &["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff"],
        streets: &["High Street", "Station Road", "Church Lane", "Victoria Road", "King Street"],
        first: &["James", "Olivia", "Oliver", "Amelia", "Harry", "Isla", "Jack", "Emily", "George", "Grace"],
        last: &["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "O'Brien", "Walker"],
        phone_prefixes: &["20", "161", "7700"],
        phone_digits: 10,
        domain: "co.uk",
        company_words: &["Northwind", "Blue Harbour", "Kestrel", "Oakridge", "Thames", "Highland"],
        legal_forms: &["Ltd", "plc", "LLP"],
    },
];

const TITLES: &[&str] =
    &["CEO", "Purchasing manager", "Owner", "Sales director", "Accountant", "Store manager", "Logistics lead", "CFO"];
const INDUSTRIES: &[&str] =
    &["retail", "wholesale", "manufacturing", "services", "technology", "hospitality", "construction", "health"];
const SOURCES: &[&str] = &["website", "referral", "event", "cold_call", "campaign", "partner", "social", "other"];
const HOBBIES: &[&str] = &["sport", "music", "travel", "reading", "cooking", "art", "technology", "gardening"];
const CURRENCIES: &[&str] = &["EUR", "HUF", "SAR", "GBP"];

pub(crate) fn obj(v: Json) -> Map<String, Json> {
    match v {
        Json::Object(m) => m,
        _ => Map::new(),
    }
}

/// ASCII form of a name part for email addresses.
fn ascii(s: &str) -> String {
    let folded = rapport_model::fold(s);
    let latin: String = folded
        .chars()
        .map(|c| {
            match c {
                'α' => "a",
                'β' => "v",
                'γ' => "g",
                'δ' => "d",
                'ε' => "e",
                'ζ' => "z",
                'η' => "i",
                'θ' => "th",
                'ι' => "i",
                'κ' => "k",
                'λ' => "l",
                'μ' => "m",
                'ν' => "n",
                'ξ' => "x",
                'ο' => "o",
                'π' => "p",
                'ρ' => "r",
                'σ' => "s",
                'τ' => "t",
                'υ' => "y",
                'φ' => "f",
                'χ' => "ch",
                'ψ' => "ps",
                'ω' => "o",
                c if c.is_ascii_alphanumeric() => return c.to_string(),
                _ => "",
            }
            .to_string()
        })
        .collect();
    if latin.is_empty() { "contact".into() } else { latin }
}

/// A phone number of the country that libphonenumber accepts (numbering plans have
/// gaps, so a random number is drawn again until it is valid).
pub(crate) fn phone(rng: &mut StdRng, country: &Country) -> String {
    let code = match country.code {
        "GR" => "30",
        "HU" => "36",
        "SA" => "966",
        _ => "44",
    };
    let mut last = String::new();
    for _ in 0..50 {
        let prefix = *country.phone_prefixes.choose(rng).unwrap_or(&"");
        let rest: String =
            (prefix.len()..country.phone_digits).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
        last = format!("+{code} {prefix} {rest}");
        if rapport_model::contact::normalize_phone(&last, country.code).is_ok() {
            break;
        }
    }
    last
}

pub(crate) fn person_input(rng: &mut StdRng, country: &Country, company: Option<(Uuid, &str)>) -> Map<String, Json> {
    let first = *country.first.choose(rng).unwrap_or(&"Alex");
    let last = *country.last.choose(rng).unwrap_or(&"Doe");
    let domain = company.map_or_else(|| format!("mail.{}", country.domain), |(_, d)| d.to_owned());
    let email = format!("{}.{}{}@{domain}", ascii(first), ascii(last), rng.random_range(1..999));
    let mut p = json!({
        "name": {"first": first, "last": last},
        "title": TITLES.choose(rng),
        "emails": [{"value": email, "label": "work"}],
        "phones": [{"value": phone(rng, country), "label": "mobile"}],
        "address": {
            "street": format!("{} {}", country.streets.choose(rng).unwrap_or(&""), rng.random_range(1..200)),
            "city": country.cities.choose(rng),
            "postcode": format!("{}", rng.random_range(10000..99999)),
            "country": country.code
        },
        "lead_source": SOURCES.choose(rng),
        "preferred_contact_method": pick(rng, &["email", "phone", "whatsapp", "visit"]),
        "hobbies": [HOBBIES.choose(rng), HOBBIES.choose(rng)],
        "gender": pick(rng, &["female", "male", "undisclosed"]),
    });
    if rng.random_bool(0.6) {
        let (y, d) = (rng.random_range(1950..2002), rng.random_range(1..28));
        p["birthday"] = json!(format!("{y}-{:02}-{d:02}", rng.random_range(1..13)));
    }
    if let Some((id, _)) = company {
        p["company"] = json!(id.to_string());
    }
    obj(p)
}

pub(crate) fn company_input(rng: &mut StdRng, country: &Country, n: usize) -> (Map<String, Json>, String) {
    let word = country.company_words.choose(rng).unwrap_or(&"Acme");
    let form = country.legal_forms.choose(rng).unwrap_or(&"");
    let name = format!("{word} {} {form}", n + 1);
    let domain = format!("{}{}.{}", ascii(word), n + 1, country.domain);
    let currency = match country.code {
        "GR" => "EUR",
        "HU" => "HUF",
        "SA" => "SAR",
        _ => "GBP",
    };
    let input = obj(json!({
        "name": name,
        "domain": domain,
        "industry": INDUSTRIES.choose(rng),
        "employees": rng.random_range(2..2500),
        "annual_revenue": {"amount": format!("{}.00", rng.random_range(50_000..90_000_000)), "currency": currency},
        "phones": [phone(rng, country)],
        "emails": [format!("info@{domain}")],
        "address": {"street": format!("{} {}", country.streets.choose(rng).unwrap_or(&""), rng.random_range(1..200)), "city": country.cities.choose(rng), "country": country.code},
        "lead_source": SOURCES.choose(rng),
    }));
    (input, domain)
}

struct Stage {
    id: Uuid,
    pipeline: Uuid,
    kind: &'static str,
    probability: u32,
}

/// Loads the demo company. Refuses a database that already holds people.
pub async fn load(crm: &Crm, size: &DemoSize) -> Result<DemoSummary> {
    let actor = Actor::system();
    let people_now = crm.count(&actor, "people", rapport_store::ListQuery::default()).await?;
    if people_now > 0 {
        return Err(DomainError::NotEmpty { people: people_now });
    }
    let mut rng = StdRng::seed_from_u64(20_261_126);
    let now = OffsetDateTime::now_utc();
    let (logins, owners) = staff(crm).await?;
    let mut summary = DemoSummary { logins, ..DemoSummary::default() };

    let mut companies: Vec<(Uuid, String, usize)> = Vec::new();
    for chunk in chunks(size.companies) {
        let mut inputs = Vec::new();
        let mut meta = Vec::new();
        for n in chunk {
            let c = pick_country(&mut rng);
            let (mut input, domain) = company_input(&mut rng, &COUNTRIES[c], n);
            owners.assign(&mut input, n);
            inputs.push(input);
            meta.push((domain, c));
        }
        let made = crm.create_many(&actor, "companies", &inputs).await?;
        companies.extend(made.iter().zip(meta).map(|(r, (d, c))| (r.id, d, c)));
    }
    summary.companies = companies.len();

    let mut people: Vec<(Uuid, Option<Uuid>)> = Vec::new();
    for chunk in chunks(size.people) {
        let mut inputs = Vec::new();
        let mut links = Vec::new();
        for n in chunk {
            let company = (!companies.is_empty() && rng.random_bool(0.85))
                .then(|| &companies[rng.random_range(0..companies.len())]);
            let country = company.map_or_else(|| pick_country(&mut rng), |c| c.2);
            let mut input = person_input(&mut rng, &COUNTRIES[country], company.map(|c| (c.0, c.1.as_str())));
            owners.assign(&mut input, n);
            inputs.push(input);
            links.push(company.map(|c| c.0));
        }
        let made = crm.create_many(&actor, "people", &inputs).await?;
        let affiliations: Vec<Map<String, Json>> = made
            .iter()
            .zip(&links)
            .filter_map(|(p, c)| {
                c.map(|c| obj(json!({"person": p.id.to_string(), "company": c.to_string(), "role": TITLES[p.rid as usize % TITLES.len()], "is_primary": true,
                    "owner": p.owner_id, "team": p.team_id})))
            })
            .collect();
        crm.create_many(&actor, "affiliations", &affiliations).await?;
        people.extend(made.iter().zip(links).map(|(r, c)| (r.id, c)));
    }
    summary.people = people.len();

    for chunk in chunks(size.leads) {
        let inputs: Vec<Map<String, Json>> = chunk
            .map(|n| {
                let country = &COUNTRIES[pick_country(&mut rng)];
                let p = person_input(&mut rng, country, None);
                let mut lead = obj(json!({
                    "name": p.get("name"),
                    "company_name": format!("{} {}", country.company_words.choose(&mut rng).unwrap_or(&""), country.legal_forms.choose(&mut rng).unwrap_or(&"")),
                    "email": p.get("emails").and_then(|e| e.get(0)).and_then(|e| e.get("value")),
                    "phone": p.get("phones").and_then(|e| e.get(0)).and_then(|e| e.get("value")),
                    "status": pick(&mut rng, &["new", "contacted", "qualified", "unqualified"]),
                    "source": SOURCES.choose(&mut rng),
                    "score": rng.random_range(0..101),
                    "estimated_value": {"amount": format!("{}", rng.random_range(1_000..250_000)), "currency": CURRENCIES.choose(&mut rng)},
                }));
                owners.assign(&mut lead, n);
                lead
            })
            .collect();
        summary.leads += crm.create_many(&actor, "leads", &inputs).await?.len();
    }

    let stages = pipelines(crm, &actor).await?;
    let mut opportunities: Vec<(Uuid, Option<Uuid>, Option<Uuid>)> = Vec::new();
    for chunk in chunks(size.opportunities) {
        let mut inputs = Vec::new();
        let mut meta = Vec::new();
        for n in chunk {
            // Every stage gets deals: walk the stages in turn.
            let stage = &stages[n % stages.len()];
            let (person, company) =
                people.get(rng.random_range(0..people.len().max(1))).copied().unwrap_or((Uuid::nil(), None));
            let close = now + Duration::days(rng.random_range(-120..180));
            let mut o = json!({
                "name": format!("{} — {}", pick(&mut rng, &["Annual supply", "New branch fit-out", "Service contract", "Spring order", "Framework agreement", "Pilot"]), n + 1),
                "amount": {"amount": format!("{}.00", rng.random_range(500..400_000)), "currency": CURRENCIES.choose(&mut rng)},
                "pipeline": stage.pipeline.to_string(),
                "stage": stage.id.to_string(),
                "close_date": rapport_model::value::format_date(close.date()),
                "probability": stage.probability.to_string(),
                "source": SOURCES.choose(&mut rng),
            });
            if !person.is_nil() {
                o["person"] = json!(person.to_string());
            }
            if let Some(c) = company {
                o["company"] = json!(c.to_string());
            }
            if stage.kind == "lost" {
                o["lost_reason"] = json!(pick(&mut rng, &["price", "competitor", "timing", "no_budget"]));
            }
            let mut o = obj(o);
            owners.assign(&mut o, n);
            inputs.push(o);
            meta.push((if person.is_nil() { None } else { Some(person) }, company));
        }
        let made = crm.create_many(&actor, "opportunities", &inputs).await?;
        opportunities.extend(made.iter().zip(meta).map(|(r, (p, c))| (r.id, p, c)));
    }
    summary.opportunities = opportunities.len();
    let plan = ActivityPlan { count: size.activities, people: &people, opportunities: &opportunities, owners: &owners };
    summary.activities = activities(crm, &actor, &mut rng, plan, now).await?;
    Ok(summary)
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

pub(crate) fn pick_country(rng: &mut StdRng) -> usize {
    // Mostly Greek and Hungarian customers, as in the requirement documents.
    match rng.random_range(0..100) {
        0..45 => 0,
        45..75 => 1,
        75..90 => 2,
        _ => 3,
    }
}

fn chunks(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n).step_by(BATCH).map(move |start| start..(start + BATCH).min(n))
}

/// A pipeline to make: its name, whether it is the default, and its stages (name,
/// kind, probability).
type PipelinePlan = (&'static str, bool, &'static [(&'static str, &'static str, u32)]);

async fn pipelines(crm: &Crm, actor: &Actor) -> Result<Vec<Stage>> {
    let mut stages = Vec::new();
    let plans: [PipelinePlan; 2] = [
        (
            "New business",
            true,
            &[
                ("Qualification", "open", 10),
                ("Needs analysis", "open", 25),
                ("Proposal", "open", 50),
                ("Negotiation", "open", 75),
                ("Won", "won", 100),
                ("Lost", "lost", 0),
            ],
        ),
        (
            "Renewals",
            false,
            &[("Due", "open", 60), ("Quoted", "open", 80), ("Renewed", "won", 100), ("Churned", "lost", 0)],
        ),
    ];
    for (position, (name, is_default, plan)) in plans.iter().enumerate() {
        let pipeline = crm
            .create(actor, "pipelines", &obj(json!({"name": name, "is_default": is_default, "position": position})))
            .await?;
        let inputs: Vec<Map<String, Json>> = plan
            .iter()
            .enumerate()
            .map(|(i, (stage, kind, probability))| {
                obj(json!({"pipeline": pipeline.id.to_string(), "name": stage, "position": i, "probability": probability.to_string(), "kind": kind}))
            })
            .collect();
        let made = crm.create_many(actor, "stages", &inputs).await?;
        stages.extend(made.iter().zip(plan.iter()).map(|(r, (_, kind, p))| Stage {
            id: r.id,
            pipeline: pipeline.id,
            kind,
            probability: *p,
        }));
    }
    Ok(stages)
}

/// Calls, meetings, tasks and notes, each on the timelines of its person, company and
/// deal.
struct ActivityPlan<'a> {
    count: usize,
    people: &'a [(Uuid, Option<Uuid>)],
    opportunities: &'a [(Uuid, Option<Uuid>, Option<Uuid>)],
    owners: &'a Owners,
}

async fn activities(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    plan: ActivityPlan<'_>,
    now: OffsetDateTime,
) -> Result<usize> {
    let ActivityPlan { count, people, opportunities, owners } = plan;
    if people.is_empty() {
        return Ok(0);
    }
    let mut made = 0;
    for chunk in chunks(count) {
        let mut batch = Vec::new();
        for n in chunk {
            let (person, company) = people[rng.random_range(0..people.len())];
            let deal = (!opportunities.is_empty() && rng.random_bool(0.3))
                .then(|| opportunities[rng.random_range(0..opportunities.len())].0);
            let at = now + Duration::minutes(rng.random_range(-60 * 24 * 180..60 * 24 * 30));
            let at_text = rapport_model::value::format_datetime(at);
            let (object, input) = match n % 10 {
                0..=3 => (
                    "calls",
                    json!({
                        "subject": pick(rng, &["Follow-up call", "Order confirmation", "Price enquiry", "Delivery question", "Complaint about delivery"]),
                        "direction": pick(rng, &["inbound", "outbound"]),
                        "started_at": at_text,
                        "duration_seconds": rng.random_range(20..1800),
                        "outcome": pick(rng, &["connected", "no_answer", "busy", "voicemail"]),
                        "notes": "Discussed the next delivery and payment terms.",
                    }),
                ),
                4..=5 => (
                    "meetings",
                    json!({
                        "subject": pick(rng, &["Quarterly review", "Product demo", "Contract signing", "Site visit"]),
                        "starts_at": at_text,
                        "ends_at": rapport_model::value::format_datetime(at + Duration::minutes(60)),
                        "location": pick(rng, &["Office", "Customer site", "Video call"]),
                        "status": if at < now { "held" } else { "planned" },
                    }),
                ),
                6..=7 => (
                    "tasks",
                    json!({
                        "subject": pick(rng, &["Send quote", "Call back about invoice", "Prepare contract", "Check stock for order", "Send catalogue"]),
                        "due_at": at_text,
                        "status": if at < now { pick(rng, &["done", "open"]) } else { "open" },
                        "priority": pick(rng, &["low", "normal", "high", "urgent"]),
                    }),
                ),
                _ => (
                    "notes",
                    json!({
                        "title": pick(rng, &["Preferences", "Family", "Visit notes", "Payment habits"]),
                        "body": pick(rng, &["Prefers delivery on Tuesdays.", "Daughter starts university in September.", "Interested in the new catalogue.", "Pays on time, asks for 60-day terms."]),
                    }),
                ),
            };
            let mut input = obj(input);
            owners.assign(&mut input, n);
            batch.push((object, input, at, person, company, deal));
        }
        made += batch.len();
        let actor = actor.clone();
        crm.store()
            .transaction(&actor, move |tx| {
                Box::pin(async move {
                    for (object, input, at, person, company, deal) in batch {
                        let record = tx.create(object, &input).await?;
                        tx.link((object, record.id), ("people", person), at).await?;
                        if let Some(c) = company {
                            tx.link((object, record.id), ("companies", c), at).await?;
                        }
                        if let Some(d) = deal {
                            tx.link((object, record.id), ("opportunities", d), at).await?;
                        }
                    }
                    Ok(())
                })
            })
            .await?;
    }
    Ok(made)
}
