//! Benchmark data (`rapport bench seed`): many realistic people — Greek, Hungarian,
//! Arabic and English names, emails, phones that libphonenumber accepts, addresses,
//! most of them working for one of a set of companies — generated from a seed, so
//! that the same seed makes the same people (ids and timestamps aside), and written
//! through the bulk path with the same validation as every other write.

use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_model::{Actor, Value};
use rapport_store::ListQuery;
use serde_json::{Map, Value as Json};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::crm::Crm;
use crate::demo::{COUNTRIES, CompanyNames, Office, Owner, Owners, company_input, joined, person_input, pick_country};
use crate::error::Result;

/// How much to make.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub people: usize,
    /// Companies the people work for (made first).
    pub companies: usize,
    pub seed: u64,
    /// Records per bulk call.
    pub batch: usize,
    /// Deals (opportunities) on the people, made after them.
    pub deals: usize,
    /// Calls, meetings, tasks and notes on the people's timelines, made last.
    pub activities: usize,
}

impl SeedOptions {
    /// `people` people, one company for every fifty of them, a deal for every twenty
    /// and an activity for every two.
    pub fn people(people: usize) -> Self {
        SeedOptions {
            people,
            companies: people.div_ceil(50),
            seed: 20_261_126,
            batch: 5_000,
            deals: people / 20,
            activities: people / 2,
        }
    }
}

/// What is being written, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Companies,
    People,
    /// Deals and activities: reported when they start (`done` 0) and when they end.
    Deals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub companies: usize,
    pub people: usize,
    pub deals: usize,
    pub activities: usize,
}

/// Teams and sales reps the seeded people are owned by: each team owns a tenth.
pub const TEAMS: usize = 10;
pub const REPS_PER_TEAM: usize = 3;

/// The email of seeded sales rep `n` (in team `n % TEAMS`).
pub fn rep_email(n: usize) -> String {
    format!("bench-rep-{n}@bench.example")
}

/// Sales reps in teams, so that pages can be measured as a user whose reach is a
/// team's tenth of the people, not everyone.
async fn staff(crm: &Crm) -> Result<Vec<(Uuid, Uuid)>> {
    let actor = Actor::system();
    let mut teams = Vec::with_capacity(TEAMS);
    for t in 0..TEAMS {
        teams.push(crm.create_team(&actor, &format!("Bench team {t}")).await?.id);
    }
    let mut owners = Vec::with_capacity(TEAMS * REPS_PER_TEAM);
    for n in 0..TEAMS * REPS_PER_TEAM {
        let new = crate::accounts::NewUser {
            email: rep_email(n),
            display_name: format!("Bench rep {n}"),
            roles: vec!["sales_rep".into()],
            teams: vec![format!("Bench team {}", n % TEAMS)],
            ..crate::accounts::NewUser::default()
        };
        let (user, _) = crm.add_user(&actor, new).await?;
        owners.push((user.id, teams[n % TEAMS]));
    }
    Ok(owners)
}

/// Bulk calls in flight at once: while one is written, the next is validated.
const IN_FLIGHT: usize = 2;

/// A company people can work for: its id, its web domain and its country.
struct Employer {
    id: Uuid,
    domain: String,
    country: usize,
}

/// Makes people like the seeded ones (for load tests that write more of them).
pub struct People {
    rng: StdRng,
    employers: Arc<Vec<Employer>>,
}

impl People {
    /// People who work for the companies already in the database.
    pub async fn new(crm: &Crm, seed: u64) -> Result<People> {
        Ok(People { rng: StdRng::seed_from_u64(seed), employers: Arc::new(employers(crm, &Actor::system()).await?) })
    }

    pub fn batch(&mut self, n: usize) -> Vec<Map<String, Json>> {
        (0..n).map(|_| person(&mut self.rng, &self.employers)).collect()
    }
}

/// Generates and writes the data, calling `progress` after each batch.
pub async fn seed(crm: &Crm, options: &SeedOptions, mut progress: impl FnMut(Progress)) -> Result<SeedSummary> {
    let actor = Actor::system();
    let batch = options.batch.max(1);
    let mut rng = StdRng::seed_from_u64(options.seed);

    let mut companies = Vec::with_capacity(batch);
    let mut names = CompanyNames::default();
    let mut made = 0;
    for n in 0..options.companies {
        let country = pick_country(&mut rng);
        companies.push(company_input(&mut rng, &COUNTRIES[country], &mut names).0);
        if companies.len() == batch || n + 1 == options.companies {
            made += crm.bulk_create(&actor, "companies", std::mem::take(&mut companies)).await?;
            progress(Progress { stage: Stage::Companies, done: made, total: options.companies });
        }
    }

    // People are generated on a blocking thread, a batch or two ahead of the writes,
    // owned in turn by the reps (person n by rep n mod reps, in that rep's team).
    let owners = staff(crm).await?;
    let mut people = People { rng, employers: Arc::new(employers(crm, &actor).await?) };
    let (tx, rx) = mpsc::channel::<Vec<Map<String, Json>>>(IN_FLIGHT);
    let total = options.people;
    let generator_owners = owners.clone();
    let generator = tokio::task::spawn_blocking(move || {
        let owners = generator_owners;
        for start in (0..total).step_by(batch) {
            let mut inputs = people.batch(batch.min(total - start));
            for (i, input) in inputs.iter_mut().enumerate() {
                let (owner, team) = owners[(start + i) % owners.len()];
                input.insert("owner".into(), Json::String(owner.to_string()));
                input.insert("team".into(), Json::String(team.to_string()));
            }
            if tx.blocking_send(inputs).is_err() {
                break;
            }
        }
    });
    let written = write(crm, "people", rx, |done| progress(Progress { stage: Stage::People, done, total })).await?;
    joined(Some(generator.await.map(Ok)))?;

    let total = options.deals + options.activities;
    progress(Progress { stage: Stage::Deals, done: 0, total });
    // The people are read back a page at a time: planned on statistics from before
    // they were written, PostgreSQL would read every contact point for each page.
    for object in ["companies", "people"] {
        crm.refresh_statistics(&actor, object).await?;
    }
    let people = people_and_companies(crm, &actor).await?;
    let regulars = regulars(&people);
    // The reps work on UTC (a new user's zone), on weekdays.
    let owners =
        Owners(owners.into_iter().map(|(user, team)| Owner { user, team, office: Office::new("UTC") }).collect());
    let counts = (options.deals, options.activities);
    let (deals, activities) =
        crate::demo::deals_and_activities(crm, &people, &regulars, &owners, counts, options.seed).await?;
    progress(Progress { stage: Stage::Deals, done: total, total });
    Ok(SeedSummary { companies: made, people: written, deals, activities })
}

/// Every live person's id and company, in id order.
async fn people_and_companies(crm: &Crm, actor: &Actor) -> Result<Vec<(Uuid, Option<Uuid>)>> {
    let mut out = Vec::new();
    let mut query = ListQuery { limit: 500, ..ListQuery::default() };
    loop {
        let page = crm.list(actor, "people", query.clone()).await?;
        let company = |r: &rapport_model::Record| match r.get("company") {
            Value::Uuid(id) => Some(*id),
            _ => None,
        };
        out.extend(page.records.iter().map(|r| (r.id, company(r))));
        match page.next_cursor {
            Some(next) => query.cursor = Some(next),
            None => return Ok(out),
        }
    }
}

/// People as activities find them: every person once, and the first one in a hundred
/// (the regulars) twenty times more, so that a few timelines are long and most short.
fn regulars(people: &[(Uuid, Option<Uuid>)]) -> Vec<(Uuid, Option<Uuid>)> {
    let busy = people.len().div_ceil(100);
    let mut out = Vec::with_capacity(people.len() + busy * 20);
    out.extend_from_slice(people);
    for _ in 0..20 {
        out.extend_from_slice(&people[..busy]);
    }
    out
}

/// Writes batches through the bulk path as they come, [`IN_FLIGHT`] calls at a time;
/// `progress` gets the number written so far after each call.
pub async fn write(
    crm: &Crm,
    object: &str,
    mut batches: mpsc::Receiver<Vec<Map<String, Json>>>,
    mut progress: impl FnMut(usize),
) -> Result<usize> {
    let actor = Actor::system();
    let mut writes: JoinSet<Result<usize>> = JoinSet::new();
    let mut written = 0;
    loop {
        while writes.len() >= IN_FLIGHT {
            written += joined(writes.join_next().await)?;
            progress(written);
        }
        let Some(inputs) = batches.recv().await else {
            break;
        };
        let (crm, actor, object) = (crm.clone(), actor.clone(), object.to_owned());
        writes.spawn(async move { crm.bulk_create(&actor, &object, inputs).await });
    }
    while !writes.is_empty() {
        written += joined(writes.join_next().await)?;
        progress(written);
    }
    Ok(written)
}

/// One person; most work for a company and have an address at its domain.
fn person(rng: &mut StdRng, employers: &[Employer]) -> Map<String, Json> {
    let employer =
        (!employers.is_empty() && rng.random_bool(0.85)).then(|| &employers[rng.random_range(0..employers.len())]);
    let country = employer.map_or_else(|| pick_country(rng), |e| e.country);
    person_input(rng, &COUNTRIES[country], employer.map(|e| (e.id, e.domain.as_str())))
}

/// Every live company with its domain and country, read back in id order.
async fn employers(crm: &Crm, actor: &Actor) -> Result<Vec<Employer>> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = crm.list(actor, "companies", ListQuery { limit: 500, cursor, ..ListQuery::default() }).await?;
        for record in &page.records {
            // The domain is stored as a normalised web address (`https://acme.gr/`).
            let domain = match record.get("domain") {
                Value::Text(url) => host(url),
                _ => continue,
            };
            let code = match record.get("address") {
                Value::Address(a) => a.country.clone().unwrap_or_default(),
                _ => String::new(),
            };
            let country = COUNTRIES.iter().position(|c| c.code == code).unwrap_or(0);
            out.push(Employer { id: record.id, domain, country });
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(out),
        }
    }
}

fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':']).next().unwrap_or(rest).to_owned()
}
