//! The demo company that `rapport serve --demo` loads into an empty database: a
//! wholesale business with its customers (companies and people), leads, two
//! pipelines with deals in every stage, and a few thousand calls, meetings, tasks and
//! notes on their timelines. Generated from a fixed seed, so every demo of a locale
//! looks the same.
//!
//! One generator makes every locale; what differs is data: `el`, `hu`, `ar` and `en`
//! each hold their countries (names, places, phones, companies) and their language's
//! texts (staff, pipelines, deals, activities). `en` is the international mix: Greek,
//! Hungarian, Saudi and British customers with English texts.

mod ar;
mod clock;
mod el;
mod en;
mod hu;
mod names;
mod records;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rapport_model::Actor;
use serde_json::{Map, Value as Json, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::NewLink;
use crate::accounts::NewUser;
use crate::crm::Crm;
use crate::error::{DomainError, Result};

pub(crate) use clock::Office;
pub(crate) use en::COUNTRIES;
pub(crate) use names::CompanyNames;
pub(crate) use records::{company_input, obj, person_input, pick_country};

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

/// Whose business the demo shows: its customers' names, places and phones, the
/// currencies, the staff's language and time zone, and the language of every text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DemoLocale {
    /// The international mix: Greek, Hungarian, Saudi and British customers, English texts.
    #[default]
    En,
    /// A Greek business.
    El,
    /// A Hungarian business.
    Hu,
    /// A business in Saudi Arabia with customers in the Gulf and Egypt.
    Ar,
}

impl DemoLocale {
    pub const ALL: [DemoLocale; 4] = [DemoLocale::El, DemoLocale::Hu, DemoLocale::Ar, DemoLocale::En];

    pub fn code(self) -> &'static str {
        match self {
            DemoLocale::En => "en",
            DemoLocale::El => "el",
            DemoLocale::Hu => "hu",
            DemoLocale::Ar => "ar",
        }
    }

    /// The country the demo business is in (ISO 3166-1 alpha-2), whose phone numbers
    /// its users type without a country code: the installation's default region
    /// when it serves this demo.
    pub fn region(self) -> &'static str {
        self.data().region
    }

    /// The demo users' emails, administrator first.
    pub fn user_emails(self) -> Vec<&'static str> {
        self.data().staff.iter().map(|s| s.email).collect()
    }

    fn data(self) -> &'static LocaleData {
        match self {
            DemoLocale::En => &en::LOCALE,
            DemoLocale::El => &el::LOCALE,
            DemoLocale::Hu => &hu::LOCALE,
            DemoLocale::Ar => &ar::LOCALE,
        }
    }
}

impl fmt::Display for DemoLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A demo locale that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--demo-locale must be el, hu, ar or en, not \"{0}\"")]
pub struct UnknownDemoLocale(pub String);

impl FromStr for DemoLocale {
    type Err = UnknownDemoLocale;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        DemoLocale::ALL.into_iter().find(|l| l.code() == wanted).ok_or_else(|| UnknownDemoLocale(s.to_owned()))
    }
}

/// The first `count` company names the demo gives in each of `locale`'s countries,
/// as its loads and the benchmark seed draw them: for tests that they never repeat,
/// whatever the size.
#[cfg(feature = "test-support")]
pub fn company_names(locale: DemoLocale, count: usize) -> Vec<(String, &'static str)> {
    let mut names = CompanyNames::default();
    let countries = locale.data().countries;
    countries
        .iter()
        .flat_map(|c| (0..count).map(|_| names.next(c)).map(|n| (n.name, n.industry)).collect::<Vec<_>>())
        .collect()
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

/// A country's people, places, phones and companies.
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    pub calling_code: &'static str,
    /// What its companies' revenue is counted in.
    pub currency: &'static str,
    pub cities: &'static [City],
    /// How a street line is written (`Ερμού 12`, `Rákóczi út 54.`, `12 Baker Street`).
    pub streets: StreetStyle,
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    pub last: &'static [&'static str],
    /// The feminine forms of `last`, in the same order; empty where family names do
    /// not change with gender.
    pub last_female: &'static [&'static str],
    /// Email addresses put the family name first (`kovacs.anna@`).
    pub family_first: bool,
    /// A word in Latin letters, for email addresses and web domains.
    pub latin: fn(&str) -> String,
    /// Mobile numbers: what follows the country code (the operators' prefixes), and
    /// the national number's length with it.
    pub mobiles: (&'static [&'static str], usize),
    /// Top-level domain of its companies' web addresses.
    pub domain: &'static str,
    /// Words companies are named after (`Αιγαίο`, `Duna`, `Northwind`, `النخبة`).
    pub brands: &'static [&'static str],
    /// Lines of business, each with its industry (see [`names`]).
    pub sectors: &'static [names::Sector],
    /// Company name patterns, `{}` standing for the name (`{} Α.Ε.`, `شركة {}`).
    pub legal_forms: &'static [&'static str],
    /// What joins two partners' names in a firm's (` & `, ` és `, ` و`).
    pub partners: &'static str,
    /// Firms are named after their owner's whole first name (`خالد العتيبي`), not
    /// its initial (`J. Taylor`).
    pub owner_full_name: bool,
    pub titles: &'static [&'static str],
    /// The feminine forms of `titles`, in the same order; empty where titles do not
    /// change with gender.
    pub titles_female: &'static [&'static str],
}

/// How a country writes the street line of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreetStyle {
    /// The street, then the number: `Ερμού 12`.
    NameNumber,
    /// The street, then the number with a period, as Hungarians write it: `Rákóczi út 54.`.
    NameNumberPeriod,
    /// The number first: `12 Baker Street`, `15 شارع طلعت حرب، وسط البلد` (Egypt).
    NumberName,
    /// The Saudi national address: the four-digit building number, the street and
    /// the district: `2415 طريق الملك فهد، حي العليا`.
    Saudi,
    /// The Emirates: the building, the street and the area: `مبنى 14، شارع الوصل، جميرا`.
    Emirati,
}

pub(crate) struct City {
    pub name: &'static str,
    /// Landlines: what follows the country code (the area code, with the exchange's
    /// first digit where the city has several), and the national number's length.
    pub area: (&'static [&'static str], usize),
    pub streets: &'static [Street],
}

/// A street of a city, with the post code of its addresses (empty where the country
/// has none, as in the Emirates) and the district or area it is in, where the
/// country's addresses name one.
pub(crate) struct Street {
    pub name: &'static str,
    pub district: &'static str,
    pub postcode: &'static str,
}

/// A street whose addresses name no district.
pub(crate) const fn street(name: &'static str, postcode: &'static str) -> Street {
    Street { name, district: "", postcode }
}

/// A street in a district that its addresses name.
pub(crate) const fn street_in(name: &'static str, district: &'static str, postcode: &'static str) -> Street {
    Street { name, district, postcode }
}

/// A demo user: `team` indexes `LocaleData::teams`.
pub(crate) struct Staff {
    pub email: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub team: usize,
    pub time_zone: &'static str,
}

/// A stage to make: its name, kind (`open`, `won`, `lost`), probability, and its
/// share of the deals in parts (first stages hold many, later ones fewer, as in a
/// real funnel).
pub(crate) type StagePlan = (&'static str, &'static str, u32, u32);

/// A pipeline to make: its name, whether it is the default, and its stages.
pub(crate) type PipelinePlan = (&'static str, bool, &'static [StagePlan]);

/// Everything a locale's demo is made of.
pub(crate) struct LocaleData {
    /// The staff's profile language.
    pub language: &'static str,
    /// The country the business is in (ISO 3166-1 alpha-2): phone numbers typed
    /// without a country code are of it.
    pub region: &'static str,
    pub countries: &'static [Country],
    /// How many customers of each country, in parts.
    pub weights: &'static [u32],
    /// What leads and deals are priced in.
    pub currencies: &'static [&'static str],
    /// An administrator, a sales manager and a rep of the first team, and a rep of
    /// the second: records are spread over the three sales users, so each role sees
    /// what its rules allow.
    pub staff: &'static [Staff; 4],
    pub teams: [&'static str; 2],
    pub pipelines: &'static [PipelinePlan; 2],
    pub deals: &'static [&'static str],
    /// Call subjects with what was said.
    pub calls: &'static [(&'static str, &'static str)],
    pub meetings: &'static [&'static str],
    pub locations: &'static [&'static str],
    pub tasks: &'static [&'static str],
    /// Note titles with their text.
    pub notes: &'static [(&'static str, &'static str)],
}

/// A user who owns demo records: their id, their team's and where they work (their
/// time zone and weekend, which say when their meetings and calls happen).
pub(crate) struct Owner {
    pub user: Uuid,
    pub team: Uuid,
    pub office: Office,
}

/// Owners that demo records are given in turn.
pub(crate) struct Owners(pub(crate) Vec<Owner>);

impl Owners {
    fn get(&self, n: usize) -> Option<&Owner> {
        self.0.get(n % self.0.len().max(1))
    }

    fn assign(&self, input: &mut Map<String, Json>, n: usize) {
        if let Some(owner) = self.get(n) {
            input.insert("owner".into(), json!(owner.user.to_string()));
            input.insert("team".into(), json!(owner.team.to_string()));
        }
    }

    /// Where the owner of the `n`th record works (UTC on weekdays when there is none).
    fn office(&self, n: usize) -> Office {
        self.get(n).map_or_else(|| Office::new("UTC"), |o| o.office.clone())
    }
}

async fn staff(crm: &Crm, data: &'static LocaleData) -> Result<(Vec<DemoLogin>, Owners)> {
    let actor = Actor::system();
    let mut teams = Vec::new();
    for name in data.teams {
        teams.push(crm.create_team(&actor, name).await?.id);
    }
    let mut logins = Vec::new();
    let mut owners = Vec::new();
    for member in data.staff {
        let team = data.teams[member.team];
        let password = crate::password::generate();
        let new = NewUser {
            email: member.email.into(),
            display_name: member.name.into(),
            locale: Some(data.language.into()),
            time_zone: Some(member.time_zone.into()),
            roles: vec![member.role.into()],
            teams: vec![team.into()],
            password: Some(password.clone()),
        };
        let (user, _) = crm.add_user(&actor, new).await?;
        if member.role != "administrator" {
            owners.push(Owner { user: user.id, team: teams[member.team], office: Office::new(member.time_zone) });
        }
        let (email, display_name) = (member.email.into(), member.name.into());
        logins.push(DemoLogin { email, display_name, role: member.role, team, password });
    }
    Ok((logins, Owners(owners)))
}

/// Rows per unit of work: large enough to be fast, small enough to keep transactions short.
const BATCH: usize = 250;

struct Stage {
    id: Uuid,
    pipeline: Uuid,
    kind: &'static str,
    probability: u32,
    share: u32,
}

/// A company made, for the people who work there.
struct Made {
    id: Uuid,
    domain: String,
    country: &'static Country,
    /// What its deals are called after (`Northwind Foods`).
    short: String,
}

/// Loads the demo company of `locale`. Refuses a database that already holds people.
pub async fn load(crm: &Crm, size: &DemoSize, locale: DemoLocale) -> Result<DemoSummary> {
    let actor = Actor::system();
    let people_now = crm.count(&actor, "people", rapport_store::ListQuery::default()).await?;
    if people_now > 0 {
        return Err(DomainError::NotEmpty { people: people_now });
    }
    let data = locale.data();
    let mut rng = StdRng::seed_from_u64(20_261_126);
    let now = OffsetDateTime::now_utc();
    let (logins, owners) = staff(crm, data).await?;
    let mut summary = DemoSummary { logins, ..DemoSummary::default() };
    let mut names = CompanyNames::default();
    let companies = companies(crm, &actor, &mut rng, data, (size.companies, &mut names), &owners).await?;
    summary.companies = companies.len();
    let people = people(crm, &actor, &mut rng, data, size.people, &companies, &owners).await?;
    summary.people = people.len();
    summary.leads = leads(crm, &actor, &mut rng, data, (size.leads, &mut names), &owners).await?;
    let stages = pipelines(crm, &actor, data).await?;
    let customers = companies.iter().map(|c| (c.id, (c.short.clone(), c.country.currency))).collect();
    let deals = DealPlan {
        count: size.opportunities,
        people: &people,
        stages: &stages,
        owners: &owners,
        customers: &customers,
    };
    let opportunities = opportunities(crm, &actor, &mut rng, data, deals, now).await?;
    summary.opportunities = opportunities.len();
    let plan = ActivityPlan { count: size.activities, people: &people, opportunities: &opportunities, owners: &owners };
    summary.activities = activities(crm, &actor, &mut rng, data, plan, now).await?;
    Ok(summary)
}

/// The demo's pipelines, deals and activities for people made elsewhere (the
/// benchmark's seed), with the international locale's texts: `deals` deals on people
/// drawn evenly from `people`, `activities` activities on people drawn from
/// `regulars` (a list in which busy customers appear many times, so that a few have
/// long timelines and most have short ones). Answers (deals, activities) made.
pub(crate) async fn deals_and_activities(
    crm: &Crm,
    people: &[(Uuid, Option<Uuid>)],
    regulars: &[(Uuid, Option<Uuid>)],
    owners: &Owners,
    (deals, activities): (usize, usize),
    seed: u64,
) -> Result<(usize, usize)> {
    let actor = Actor::system();
    let data = DemoLocale::En.data();
    let mut rng = StdRng::seed_from_u64(seed);
    let now = OffsetDateTime::now_utc();
    let stages = pipelines(crm, &actor, data).await?;
    let plan = DealPlan { count: deals, people, stages: &stages, owners, customers: &HashMap::new() };
    let opportunities = opportunities(crm, &actor, &mut rng, data, plan, now).await?;
    let plan = ActivityPlan { count: activities, people: regulars, opportunities: &opportunities, owners };
    let made = self::activities(crm, &actor, &mut rng, data, plan, now).await?;
    Ok((opportunities.len(), made))
}

async fn companies(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    data: &'static LocaleData,
    (count, names): (usize, &mut CompanyNames),
    owners: &Owners,
) -> Result<Vec<Made>> {
    let mut companies = Vec::new();
    for chunk in chunks(count) {
        let mut inputs = Vec::new();
        let mut meta = Vec::new();
        for n in chunk {
            let country = records::country(rng, data);
            let (mut input, domain, short) = company_input(rng, country, names);
            owners.assign(&mut input, n);
            inputs.push(input);
            meta.push((domain, country, short));
        }
        let made = crm.create_many(actor, "companies", &inputs).await?;
        companies.extend(made.iter().zip(meta).map(|(r, (domain, country, short))| Made {
            id: r.id,
            domain,
            country,
            short,
        }));
    }
    Ok(companies)
}

async fn people(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    data: &'static LocaleData,
    count: usize,
    companies: &[Made],
    owners: &Owners,
) -> Result<Vec<(Uuid, Option<Uuid>)>> {
    let mut people = Vec::new();
    for chunk in chunks(count) {
        let mut inputs = Vec::new();
        let mut links = Vec::new();
        for n in chunk {
            let company = (!companies.is_empty() && rng.random_bool(0.85))
                .then(|| &companies[rng.random_range(0..companies.len())]);
            let country = company.map_or_else(|| records::country(rng, data), |c| c.country);
            let mut input = person_input(rng, country, company.map(|c| (c.id, c.domain.as_str())));
            owners.assign(&mut input, n);
            inputs.push(input);
            links.push(company.map(|c| c.id));
        }
        let made = crm.create_many(actor, "people", &inputs).await?;
        // The person's role at the company is their title.
        let affiliations: Vec<Map<String, Json>> = made
            .iter()
            .zip(&links)
            .zip(&inputs)
            .filter_map(|((p, c), input)| {
                c.map(|c| obj(json!({"person": p.id.to_string(), "company": c.to_string(), "role": input.get("title"), "is_primary": true,
                    "owner": p.owner_id, "team": p.team_id})))
            })
            .collect();
        crm.create_many(actor, "affiliations", &affiliations).await?;
        people.extend(made.iter().zip(links).map(|(r, c)| (r.id, c)));
    }
    Ok(people)
}

async fn leads(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    data: &'static LocaleData,
    (count, names): (usize, &mut CompanyNames),
    owners: &Owners,
) -> Result<usize> {
    let mut made = 0;
    for chunk in chunks(count) {
        let inputs: Vec<Map<String, Json>> = chunk
            .map(|n| {
                let mut lead = records::lead_input(rng, data, names);
                owners.assign(&mut lead, n);
                lead
            })
            .collect();
        made += crm.create_many(actor, "leads", &inputs).await?.len();
    }
    Ok(made)
}

/// Deals to make, spread over the stages by their shares.
struct DealPlan<'a> {
    count: usize,
    people: &'a [(Uuid, Option<Uuid>)],
    stages: &'a [Stage],
    owners: &'a Owners,
    /// The companies' names and currencies, where known: a deal is named after its
    /// customer and priced in the customer's currency when the business sells in it.
    customers: &'a HashMap<Uuid, (String, &'static str)>,
}

/// Which stage each of `count` deals is in: at least one in every stage (when there
/// are enough deals), the rest by the stages' shares with the largest remainders
/// rounded up, so a bigger share never gets fewer deals. Shuffled, so owners and
/// dates do not follow the stages.
fn stage_of_each(rng: &mut StdRng, stages: &[Stage], count: usize) -> Vec<usize> {
    let mut counts = vec![usize::from(count >= stages.len()); stages.len()];
    let rest = count - counts.iter().sum::<usize>();
    let total = stages.iter().map(|s| s.share as usize).sum::<usize>().max(1);
    let mut remainders = Vec::with_capacity(stages.len());
    for (i, stage) in stages.iter().enumerate() {
        let exact = rest * stage.share as usize;
        counts[i] += exact / total;
        remainders.push((exact % total, stage.share, i));
    }
    let mut left = count - counts.iter().sum::<usize>();
    // The largest remainders first; between equal ones, the bigger share, then the earlier stage.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (_, _, i) in remainders {
        if left == 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    let mut order: Vec<usize> = counts.iter().enumerate().flat_map(|(i, n)| std::iter::repeat_n(i, *n)).collect();
    order.shuffle(rng);
    order
}

async fn opportunities(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    data: &'static LocaleData,
    plan: DealPlan<'_>,
    now: OffsetDateTime,
) -> Result<Vec<(Uuid, Option<Uuid>, Option<Uuid>)>> {
    let DealPlan { count, people, stages, owners, customers } = plan;
    let mut opportunities = Vec::new();
    if stages.is_empty() {
        return Ok(opportunities);
    }
    let in_stage = stage_of_each(rng, stages, count);
    for chunk in chunks(count) {
        let mut inputs = Vec::new();
        let mut meta = Vec::new();
        for n in chunk {
            let stage = &stages[in_stage.get(n).copied().unwrap_or(0)];
            let (person, company) =
                people.get(rng.random_range(0..people.len().max(1))).copied().unwrap_or((Uuid::nil(), None));
            // Won and lost deals closed in the past; open ones are expected to, a few
            // already late.
            let days = if stage.kind == "open" { rng.random_range(-10..150) } else { rng.random_range(-180..-2) };
            let close = owners.office(n).date(now, days);
            let customer = company.and_then(|c| customers.get(&c));
            let currency = match customer {
                Some((_, currency)) if data.currencies.contains(currency) => currency,
                _ => pick(rng, data.currencies),
            };
            let deal = pick(rng, data.deals);
            let name = customer.map_or_else(|| deal.to_owned(), |(short, _)| format!("{short} — {deal}"));
            let mut o = json!({
                "name": name,
                "amount": records::money(rng, 500..400_000, currency),
                "pipeline": stage.pipeline.to_string(),
                "stage": stage.id.to_string(),
                "close_date": rapport_model::value::format_date(close),
                "probability": stage.probability.to_string(),
                "source": pick(rng, records::SOURCES),
            });
            if !person.is_nil() {
                o["person"] = json!(person.to_string());
            }
            if let Some(c) = company {
                o["company"] = json!(c.to_string());
            }
            if stage.kind == "lost" {
                o["lost_reason"] = json!(pick(rng, &["price", "competitor", "timing", "no_budget"]));
            }
            let mut o = obj(o);
            owners.assign(&mut o, n);
            inputs.push(o);
            meta.push((if person.is_nil() { None } else { Some(person) }, company));
        }
        let made = crm.create_many(actor, "opportunities", &inputs).await?;
        opportunities.extend(made.iter().zip(meta).map(|(r, (p, c))| (r.id, p, c)));
    }
    Ok(opportunities)
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

fn chunks(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n).step_by(BATCH).map(move |start| start..(start + BATCH).min(n))
}

async fn pipelines(crm: &Crm, actor: &Actor, data: &LocaleData) -> Result<Vec<Stage>> {
    let mut stages = Vec::new();
    for (position, (name, is_default, plan)) in data.pipelines.iter().enumerate() {
        let pipeline = crm
            .create(actor, "pipelines", &obj(json!({"name": name, "is_default": is_default, "position": position})))
            .await?;
        let inputs: Vec<Map<String, Json>> = plan
            .iter()
            .enumerate()
            .map(|(i, (stage, kind, probability, _))| {
                obj(json!({"pipeline": pipeline.id.to_string(), "name": stage, "position": i, "probability": probability.to_string(), "kind": kind}))
            })
            .collect();
        let made = crm.create_many(actor, "stages", &inputs).await?;
        stages.extend(made.iter().zip(plan.iter()).map(|(r, (_, kind, probability, share))| Stage {
            id: r.id,
            pipeline: pipeline.id,
            kind,
            probability: *probability,
            share: *share,
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

/// How many days from today an activity is: up to half a year back, and for what is
/// planned (meetings, tasks) up to a month ahead, a quarter of it this week and next,
/// as a diary fills up near today.
fn days_from_today(rng: &mut StdRng, ahead: bool) -> i64 {
    match (ahead, rng.random_bool(0.25)) {
        (true, true) => rng.random_range(-3..=10),
        (true, false) => rng.random_range(-180..=30),
        (false, _) => rng.random_range(-180..=0),
    }
}

/// One activity of the `n`th kind in ten (four calls, two meetings, two tasks and two
/// notes) by a user who works at `office`, with when it happened or is due.
fn activity(
    rng: &mut StdRng,
    data: &LocaleData,
    n: usize,
    office: &Office,
    now: OffsetDateTime,
) -> (&'static str, Json, OffsetDateTime) {
    match n % 10 {
        0..=3 => {
            let days = days_from_today(rng, false);
            let at = office.call(rng, now, days);
            let (subject, notes) = data.calls.choose(rng).copied().unwrap_or_default();
            let outcome = pick(rng, &["connected", "connected", "connected", "no_answer", "busy", "voicemail"]);
            // Seconds: a conversation lasts minutes, an unanswered call the rings.
            let duration = match outcome {
                "connected" => rng.random_range(60..1500),
                "voicemail" => rng.random_range(30..90),
                _ => rng.random_range(10..40),
            };
            let call = json!({
                "subject": subject,
                "direction": pick(rng, &["inbound", "outbound"]),
                "started_at": rapport_model::value::format_datetime(at),
                "duration_seconds": duration,
                "outcome": outcome,
                "notes": notes,
            });
            ("calls", call, at)
        }
        4..=5 => {
            let days = days_from_today(rng, true);
            let (starts, ends) = office.meeting(rng, now, days);
            let status = match (starts < now, rng.random_range(0..20)) {
                (_, 0) => "cancelled",
                (true, _) => "held",
                (false, _) => "planned",
            };
            let meeting = json!({
                "subject": pick(rng, data.meetings),
                "starts_at": rapport_model::value::format_datetime(starts),
                "ends_at": rapport_model::value::format_datetime(ends),
                "location": pick(rng, data.locations),
                "status": status,
            });
            ("meetings", meeting, starts)
        }
        6..=7 => {
            let days = days_from_today(rng, true);
            let due = office.due(rng, now, days);
            // What fell due more than a fortnight ago was done (or dropped); of the
            // last fortnight's, some is still open: overdue, as in any diary.
            let status = match (due < now, now - due > Duration::days(14)) {
                (true, true) => {
                    if rng.random_bool(0.95) {
                        "done"
                    } else {
                        "cancelled"
                    }
                }
                (true, false) => {
                    if rng.random_bool(0.6) {
                        "done"
                    } else {
                        "open"
                    }
                }
                (false, _) => "open",
            };
            let done = status == "done";
            let mut task = json!({
                "subject": pick(rng, data.tasks),
                "due_at": rapport_model::value::format_datetime(due),
                "status": status,
                "priority": pick(rng, &["low", "normal", "normal", "high", "urgent"]),
            });
            // Done when due, not when the demo was loaded (which the task rule would say).
            if done {
                task["completed_at"] = json!(rapport_model::value::format_datetime(due));
            }
            ("tasks", task, due)
        }
        _ => {
            let days = days_from_today(rng, false);
            let at = office.call(rng, now, days);
            let (title, body) = data.notes.choose(rng).copied().unwrap_or_default();
            ("notes", json!({"title": title, "body": body}), at)
        }
    }
}

async fn activities(
    crm: &Crm,
    actor: &Actor,
    rng: &mut StdRng,
    data: &LocaleData,
    plan: ActivityPlan<'_>,
    now: OffsetDateTime,
) -> Result<usize> {
    let ActivityPlan { count, people, opportunities, owners } = plan;
    if people.is_empty() {
        return Ok(0);
    }
    let mut made = 0;
    let mut writing = tokio::task::JoinSet::new();
    for chunk in (0..count).step_by(ACTIVITY_BATCH).map(|start| start..(start + ACTIVITY_BATCH).min(count)) {
        let mut batch = ActivityBatch::default();
        for n in chunk {
            let (person, company) = people[rng.random_range(0..people.len())];
            let deal = (!opportunities.is_empty() && rng.random_bool(0.3))
                .then(|| opportunities[rng.random_range(0..opportunities.len())].0);
            let (object, input, at) = activity(rng, data, n, &owners.office(n), now);
            let mut input = obj(input);
            owners.assign(&mut input, n);
            let on = batch.0.entry(object).or_default();
            on.0.push(input);
            on.1.push((at, person, company, deal));
            made += 1;
        }
        while writing.len() >= ACTIVITY_UNITS_IN_FLIGHT {
            joined(writing.join_next().await)?;
        }
        let (crm, actor) = (crm.clone(), actor.clone());
        writing.spawn(async move { batch.write(&crm, &actor).await });
    }
    while !writing.is_empty() {
        joined(writing.join_next().await)?;
    }
    Ok(made)
}

/// Activities generated together, by object: their inputs, and for each when it
/// happened and the person, company and deal whose timelines it goes on.
#[derive(Default)]
struct ActivityBatch(BTreeMap<&'static str, ActivitiesOf>);

type ActivitiesOf = (Vec<Map<String, Json>>, Vec<(OffsetDateTime, Uuid, Option<Uuid>, Option<Uuid>)>);

impl ActivityBatch {
    /// Through the bulk paths, as an import of past activities would be: each object's
    /// records in one call, then every link in one.
    async fn write(self, crm: &Crm, actor: &Actor) -> Result<()> {
        let mut links = Vec::new();
        for (object, (inputs, ends)) in self.0 {
            let ids = crm.bulk_create_ids(actor, object, inputs).await?;
            for (id, (at, person, company, deal)) in ids.into_iter().zip(ends) {
                let ends =
                    [Some(("people", person)), company.map(|c| ("companies", c)), deal.map(|d| ("opportunities", d))];
                links.extend(ends.into_iter().flatten().map(|(on, record)| NewLink {
                    activity: (object.to_owned(), id),
                    record: (on.to_owned(), record),
                    at,
                }));
            }
        }
        crm.bulk_link(actor, links).await?;
        Ok(())
    }
}

/// Activities generated and written together: a bulk call per activity object and
/// one for their links.
const ACTIVITY_BATCH: usize = 2_500;

/// Batches of activities written at once: on PostgreSQL each bulk call runs on a
/// connection of its own, so while one waits for a round trip the others proceed
/// (SQLite's one writer takes their units in turn).
const ACTIVITY_UNITS_IN_FLIGHT: usize = 4;

/// What a write task came back with: its own answer, or why the task stopped; nothing
/// when no task was left.
pub(crate) fn joined<T: Default>(outcome: Option<std::result::Result<Result<T>, tokio::task::JoinError>>) -> Result<T> {
    match outcome {
        Some(Ok(written)) => written,
        Some(Err(e)) => {
            Err(DomainError::Store(rapport_store::StoreError::Unavailable(format!("a write task stopped: {e}"))))
        }
        None => Ok(T::default()),
    }
}
