//! `rapport-bench`: benchmark data and measurements (bench/README.md, docs/BENCHMARKS.md).
//!
//! `rapport-bench seed` fills an empty database with realistic people through the bulk
//! path. `rapport-bench run` measures, on a seeded database and in one process: single
//! creates from concurrent clients, a timed bulk create, and 50-row keyset pages through
//! the product path (`Crm::list`) beside the same page query run as plain SQL through
//! the same driver. Warm-up is excluded, percentiles come from sorted samples, and
//! nothing else runs in the process while a measurement runs.
//!
//! The plain-SQL baseline opens its own rusqlite / tokio-postgres connection: the
//! raw-driver ceiling the product path is compared with, not a product path. That is
//! why this is a binary of its own: the `rapport` binary reaches the database only
//! through `rapport-domain` and does not link the drivers directly.

mod ceiling;
mod chart;
mod http;
mod load;

/// The same allocator as `rapport` (crates/cli/src/main.rs): the ceiling server runs in
/// this binary, and a ceiling on a slower allocator would flatter Rapport.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_domain::model::{Actor, SortKey, Value};
use rapport_domain::seed::{self, People, SeedOptions, Stage};
use rapport_domain::{Crm, DatabaseConfig, ListQuery};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

#[derive(clap::Parser)]
#[command(name = "rapport-bench", version, about = "Rapport's benchmark: seed a database, then measure it")]
struct BenchArgs {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(clap::Subcommand)]
enum BenchCommand {
    /// Fill an empty database with realistic people (and the companies they work for).
    Seed(SeedArgs),
    /// Measure insert rates and keyset-page latency on a seeded database.
    Run(RunArgs),
    /// Measure `rapport serve` over HTTP beside the ceiling server, on a seeded database.
    Http(http::HttpArgs),
    /// Serve the HTTP benchmark's reads the least costly way (the ceiling server).
    Ceiling(http::CeilingArgs),
    /// Draws the HTTP benchmark's JSON results as SVG charts and one table across sizes.
    Chart(chart::ChartArgs),
}

#[derive(clap::Args)]
struct SeedArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// People to make.
    #[arg(long, default_value_t = 1_000_000)]
    people: usize,
    /// Companies to make first (default: one for every fifty people).
    #[arg(long)]
    companies: Option<usize>,
    /// Deals to make after the people (default: one for every twenty people).
    #[arg(long)]
    deals: Option<usize>,
    /// Calls, meetings, tasks and notes to make last (default: one for every two
    /// people, a hundredth of the people having twenty times the others' share).
    #[arg(long)]
    activities: Option<usize>,
    /// Seed of the generator: the same seed makes the same data.
    #[arg(long, default_value_t = 20_261_126)]
    seed: u64,
    /// Records per bulk call.
    #[arg(long, default_value_t = 5_000)]
    batch: usize,
    /// Append the result as markdown to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

#[derive(clap::Args)]
struct RunArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Concurrent clients making single creates.
    #[arg(long, default_value_t = 32)]
    clients: usize,
    /// How long the single creates are measured, after a warm-up of a quarter of it.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Pages measured, on each path.
    #[arg(long, default_value_t = 2_000)]
    pages: usize,
    /// Pages read one after the other from each random start point.
    #[arg(long, default_value_t = 5)]
    walk: usize,
    /// People written by the timed bulk create (0: skip it).
    #[arg(long, default_value_t = 100_000)]
    bulk: usize,
    /// Append the results as markdown to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

/// The database to seed or measure: the flags and `RAPPORT_*` variables `rapport` reads
/// (crates/cli/src/config.rs), so that one command line points both at the same data.
/// Its own copy of the four rather than a shared crate: the product's configuration
/// grows with the product, the benchmark needs only these.
#[derive(clap::Args, Clone)]
struct DatabaseArgs {
    /// Data directory holding the SQLite database.
    #[arg(long, env = "RAPPORT_DATA_DIR", default_value = "./rapport-data")]
    data_dir: PathBuf,
    /// A postgres:// URL to use PostgreSQL instead of the SQLite file.
    #[arg(long, env = "RAPPORT_DATABASE_URL")]
    database_url: Option<String>,
    /// PostgreSQL connections per process.
    #[arg(long, env = "RAPPORT_POOL_SIZE", default_value_t = 16)]
    pool_size: usize,
    /// Country (ISO 3166 alpha-2) for phone numbers typed without a country code.
    #[arg(long, env = "RAPPORT_DEFAULT_REGION", default_value = "GR")]
    default_region: String,
}

impl DatabaseArgs {
    fn config(&self) -> DatabaseConfig {
        DatabaseConfig {
            url: self.database_url.clone().filter(|u| !u.is_empty()),
            data_dir: self.data_dir.clone(),
            pool_size: self.pool_size,
            default_region: self.default_region.to_ascii_uppercase(),
            event_retention_days: rapport_domain::record_events::DEFAULT_RETENTION_DAYS,
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // As `rapport` does: logs on standard error, the results on standard output.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("RAPPORT_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    let args = <BenchArgs as clap::Parser>::parse();
    match args.command {
        BenchCommand::Seed(args) => seed_command(args).await,
        BenchCommand::Http(args) => http::http_command(args).await,
        BenchCommand::Ceiling(args) => http::ceiling_command(args).await,
        BenchCommand::Chart(args) => chart::chart_command(args),
        BenchCommand::Run(args) => run_command(args).await,
    }
}

const PAGE: u32 = 50;

async fn open(database: &DatabaseArgs) -> anyhow::Result<Crm> {
    let config = database.config();
    Crm::open(&config).await.with_context(|| format!("could not open {}", config.describe()))
}

fn backend_label(crm: &Crm) -> &'static str {
    match crm.backend_name() {
        "sqlite" => "SQLite",
        _ => "PostgreSQL",
    }
}

fn bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    let template =
        format!("{{elapsed_precise}} [{{bar:40}}] {{human_pos}}/{{human_len}} {what} ({{per_sec}}, {{eta}} left)");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

async fn seed_command(args: SeedArgs) -> anyhow::Result<()> {
    let crm = open(&args.database).await?;
    let actor = Actor::system();
    let already = crm.count(&actor, "people", ListQuery::default()).await?;
    if already > 0 {
        bail!("{} already holds {already} people; seed an empty database", args.database.config().describe());
    }
    let mut options = SeedOptions::people(args.people);
    options.seed = args.seed;
    options.batch = args.batch;
    if let Some(companies) = args.companies {
        options.companies = companies;
    }
    options.deals = args.deals.unwrap_or(options.deals);
    options.activities = args.activities.unwrap_or(options.activities);
    println!(
        "Seeding {} people, {} companies, {} deals and {} activities into {} (seed {})…",
        options.people,
        options.companies,
        options.deals,
        options.activities,
        args.database.config().describe(),
        options.seed
    );
    let companies_bar = bar(options.companies, "companies");
    let people_bar = bar(options.people, "people");
    let started = Instant::now();
    let mut people_started = None;
    // Companies and people: what the seed rate is measured on.
    let mut total = 0.0;
    let summary = seed::seed(&crm, &options, |p| match p.stage {
        Stage::Companies => {
            companies_bar.set_position(p.done as u64);
            if p.done == p.total {
                companies_bar.finish();
            }
        }
        Stage::People => {
            people_started.get_or_insert_with(Instant::now);
            people_bar.set_position(p.done as u64);
        }
        Stage::Deals if p.done == 0 => {
            people_bar.finish();
            total = started.elapsed().as_secs_f64();
            println!("Making the deals and activities…");
        }
        Stage::Deals => {}
    })
    .await?;
    let rate = summary.people as f64 / total;
    println!(
        "Seeded {} people and {} companies in {total:.1} s: {} people/s (generation, validation and writes overlapped); \
         then {} deals and {} activities in {:.1} s.",
        summary.people,
        summary.companies,
        thousands(rate.round() as u64),
        summary.deals,
        summary.activities,
        started.elapsed().as_secs_f64() - total,
    );
    // As an import would: a database whose statistics predate the load plans for an
    // empty table (autovacuum may be off, or behind).
    let analyzing = Instant::now();
    for object in ["companies", "people", "opportunities", "calls", "meetings", "tasks", "notes"] {
        crm.refresh_statistics(&actor, object).await?;
    }
    let analyze_seconds = analyzing.elapsed().as_secs_f64();
    println!("Refreshed the database's statistics in {analyze_seconds:.1} s.");
    if let Some(path) = args.markdown {
        let line = format!(
            "- {} seed: {} people and {} companies in {total:.0} s, **{} people/s** \
             (`bench seed`: generated, validated and bulk-written, 5,000 per call, two calls in flight; \
             then {analyze_seconds:.0} s to refresh the statistics).\n",
            backend_label(&crm),
            thousands(summary.people as u64),
            thousands(summary.companies as u64),
            thousands(rate.round() as u64),
        );
        append(&path, &line)?;
    }
    Ok(())
}

fn append(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("could not open {}", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("could not write {}", path.display()))
}

/// Latency samples in seconds, sorted once for percentiles.
struct Samples(Vec<f64>);

impl Samples {
    fn new(mut v: Vec<f64>) -> Self {
        v.sort_by(f64::total_cmp);
        Samples(v)
    }

    /// Nearest-rank percentile.
    fn pct(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}

fn ms(seconds: f64) -> String {
    format!("{:.2} ms", seconds * 1000.0)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

async fn run_command(args: RunArgs) -> anyhow::Result<()> {
    let crm = open(&args.database).await?;
    let actor = Actor::system();
    let label = backend_label(&crm);
    let people = crm.count(&actor, "people", ListQuery::default()).await?;
    if people == 0 {
        bail!("{} holds no people: run `rapport-bench seed` first", args.database.config().describe());
    }
    let mut raw = Raw::connect(&args.database, None).await?;
    let before = Machine::read();
    println!("{label}: {} people. {}", thousands(people as u64), before.describe());
    println!("{}", raw.versions().await?);

    let pages = pages(&crm, &mut raw, &args, &actor).await?;
    let rep_pages = rep_pages(&crm, &args).await?;
    let creates = creates(&crm, &args).await?;
    let bulk = if args.bulk > 0 { Some(bulk(&crm, args.bulk).await?) } else { None };
    let after = Machine::read();
    let size = raw.size().await.unwrap_or_else(|e| format!("unknown ({e})"));

    let report = Report {
        label,
        people,
        pages,
        rep_pages,
        creates,
        bulk,
        before,
        after,
        versions: raw.versions().await?,
        size,
        statement: raw.statement(),
    };
    println!("\n{}", report.table());
    if let Some(path) = &args.markdown {
        append(path, &report.markdown(&args))?;
    }
    Ok(())
}

/// Where a page starts: Rapport's cursor, and the same position as the last row's
/// sort key and id for the plain query.
#[derive(Clone)]
struct Start {
    cursor: Option<String>,
    key: Option<(String, Uuid)>,
}

struct PageResults {
    rapport: Samples,
    raw_page: Samples,
    raw_with_contacts: Samples,
    starts: usize,
    scout_seconds: f64,
}

fn name_query(cursor: Option<String>, limit: u32) -> ListQuery {
    ListQuery { filter: None, sort: vec![SortKey::asc("name")], limit, cursor, q: None }
}

fn sort_key(record: &rapport_domain::model::Record) -> Option<(String, Uuid)> {
    match record.get("name") {
        Value::Name(n) => Some((n.sort_key(), record.id)),
        _ => None,
    }
}

/// Keyset pages sorted by name: a scout walk over the whole list (also the warm-up)
/// collects start points; then walks of a few pages from random start points (and
/// now and then from the top), each page read through Rapport and as plain SQL in a
/// random order, checked to be the same rows.
async fn pages(crm: &Crm, raw: &mut Raw, args: &RunArgs, actor: &Actor) -> anyhow::Result<PageResults> {
    let scout_started = Instant::now();
    let mut starts = Vec::new();
    let mut cursor = None;
    let scout = bar(0, "start points");
    loop {
        let page = crm.list(actor, "people", name_query(cursor, 500)).await?;
        let Some(last) = page.records.last() else {
            break;
        };
        if let (Some(next), Some(key)) = (&page.next_cursor, sort_key(last)) {
            starts.push(Start { cursor: Some(next.clone()), key: Some(key) });
        }
        scout.inc(1);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    scout.finish_and_clear();
    let scout_seconds = scout_started.elapsed().as_secs_f64();
    println!("Scouted {} start points in {scout_seconds:.1} s (the scout is also the warm-up).", starts.len());
    if starts.is_empty() {
        starts.push(Start { cursor: None, key: None });
    }

    let mut rng = StdRng::seed_from_u64(7);
    let warmup = (args.pages / 10).max(20);
    let total = warmup + args.pages;
    let mut rapport = Vec::with_capacity(args.pages);
    let mut raw_page = Vec::with_capacity(args.pages);
    let mut raw_with_contacts = Vec::with_capacity(args.pages);
    let progress = bar(total, "pages");
    let mut at = Start { cursor: None, key: None };
    for n in 0..total {
        if n % args.walk.max(1) == 0 {
            at = if rng.random_bool(0.05) {
                Start { cursor: None, key: None }
            } else {
                starts[rng.random_range(0..starts.len())].clone()
            };
        }
        let rapport_first = rng.random_bool(0.5);
        let mut timed = None;
        let mut plain = None;
        for turn in 0..2 {
            if (turn == 0) == rapport_first {
                let t = Instant::now();
                let page = crm.list(actor, "people", name_query(at.cursor.clone(), PAGE)).await?;
                timed = Some((t.elapsed().as_secs_f64(), page));
            } else {
                plain = Some(raw.page(at.key.as_ref()).await?);
            }
        }
        let (Some((rapport_seconds, page)), Some(plain)) = (timed, plain) else {
            bail!("a page was not read on both paths")
        };
        let ids: Vec<Uuid> = page.records.iter().map(|r| r.id).collect();
        if ids != plain.ids {
            bail!(
                "Rapport and the plain query read different rows from the same start: the comparison would be meaningless"
            );
        }
        if n >= warmup {
            rapport.push(rapport_seconds);
            raw_page.push(plain.page_seconds);
            raw_with_contacts.push(plain.total_seconds);
        }
        at = match (page.next_cursor, page.records.last().and_then(sort_key)) {
            (Some(cursor), Some(key)) => Start { cursor: Some(cursor), key: Some(key) },
            _ => Start { cursor: None, key: None },
        };
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(PageResults {
        rapport: Samples::new(rapport),
        raw_page: Samples::new(raw_page),
        raw_with_contacts: Samples::new(raw_with_contacts),
        starts: starts.len(),
        scout_seconds,
    })
}

/// Pages as the first seeded sales rep (own records or team 0's: a tenth), beside
/// the plain statement with the same reach condition; `None` for a database seeded
/// before reps were.
async fn rep_pages(crm: &Crm, args: &RunArgs) -> anyhow::Result<Option<PageResults>> {
    let system = Actor::system();
    let Some(rep) = crm.users(&system).await?.into_iter().find(|u| u.email == seed::rep_email(0)) else {
        println!("No seeded sales reps: the pages are measured as the system only.");
        return Ok(None);
    };
    let actor = crm.actor_for(rep.id).await?;
    let Some(team) = actor.teams().first().copied() else { return Ok(None) };
    let mut raw = Raw::connect(&args.database, Some((rep.id, team))).await?;
    println!("Pages as the sales rep {} (own records and team {team}'s).", rep.email);
    Ok(Some(pages(crm, &mut raw, args, &actor).await?))
}

struct CreateResults {
    count: usize,
    seconds: f64,
    latency: Samples,
    clients: usize,
}

/// Single creates through `Crm::create` from concurrent clients. Inputs are made
/// before the clock starts; creates that finish in the warm-up are not counted.
async fn creates(crm: &Crm, args: &RunArgs) -> anyhow::Result<CreateResults> {
    let warmup = Duration::from_secs(args.seconds.div_ceil(4).max(1));
    let measured = Duration::from_secs(args.seconds.max(1));
    let mut people = People::new(crm, 11).await?;
    let inputs: Arc<Vec<Map<String, Json>>> = Arc::new(people.batch(50_000));
    println!(
        "Single creates: {} clients, {} s warm-up, {} s measured…",
        args.clients,
        warmup.as_secs(),
        measured.as_secs()
    );
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let (from, until) = (started + warmup, started + warmup + measured);
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..args.clients.max(1) {
        let (crm, inputs, next) = (crm.clone(), Arc::clone(&inputs), Arc::clone(&next));
        clients.spawn(async move {
            let actor = Actor::system();
            let mut latencies = Vec::new();
            loop {
                let t = Instant::now();
                if t >= until {
                    return Ok::<_, anyhow::Error>(latencies);
                }
                let i = next.fetch_add(1, Ordering::Relaxed) % inputs.len();
                crm.create(&actor, "people", &inputs[i]).await?;
                let done = Instant::now();
                if done >= from && done <= until {
                    latencies.push(done.duration_since(t).as_secs_f64());
                }
            }
        });
    }
    let mut all = Vec::new();
    while let Some(joined) = clients.join_next().await {
        all.extend(joined.context("a client stopped")??);
    }
    Ok(CreateResults {
        count: all.len(),
        seconds: measured.as_secs_f64(),
        latency: Samples::new(all),
        clients: args.clients,
    })
}

struct BulkResults {
    rows: usize,
    seconds: f64,
}

/// A timed bulk create through `Crm::bulk_create`, the seed's way (5,000 per call, two
/// calls in flight), of inputs made before the clock starts.
async fn bulk(crm: &Crm, rows: usize) -> anyhow::Result<BulkResults> {
    println!("Bulk create of {} people…", thousands(rows as u64));
    let mut people = People::new(crm, 13).await?;
    let batches: Vec<_> = (0..rows).step_by(5_000).map(|start| people.batch(5_000.min(rows - start))).collect();
    let (tx, rx) = tokio::sync::mpsc::channel(batches.len().max(1));
    for b in batches {
        tx.send(b).await.context("could not queue a batch")?;
    }
    drop(tx);
    let progress = bar(rows, "people");
    let started = Instant::now();
    let written = seed::write(crm, "people", rx, |done| progress.set_position(done as u64)).await?;
    let seconds = started.elapsed().as_secs_f64();
    progress.finish_and_clear();
    Ok(BulkResults { rows: written, seconds })
}

/// What the numbers were measured on.
struct Machine {
    cpus: usize,
    cpu_model: String,
    memory: String,
    load: String,
    profile: &'static str,
}

impl Machine {
    fn read() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or_else(|| "unknown".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
        let load = std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into());
        Machine {
            cpus: std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
            cpu_model,
            memory,
            load,
            profile: if cfg!(debug_assertions) { "debug" } else { "release" },
        }
    }

    fn describe(&self) -> String {
        format!(
            "{} CPUs ({}), {} memory, load average {}, {} build.",
            self.cpus, self.cpu_model, self.memory, self.load, self.profile
        )
    }
}

struct Report {
    label: &'static str,
    people: i64,
    pages: PageResults,
    /// The same pages as a sales rep who reaches a tenth of the people.
    rep_pages: Option<PageResults>,
    creates: CreateResults,
    bulk: Option<BulkResults>,
    before: Machine,
    after: Machine,
    versions: String,
    size: String,
    /// The plain keyset-page statement, its column list shortened.
    statement: String,
}

impl Report {
    /// (measurement, Rapport, plain SQL, ratio) rows.
    fn rows(&self) -> Vec<[String; 4]> {
        let p = &self.pages;
        let ratio = |a: f64, b: f64| format!("{:.2}×", a / b);
        let mut rows = Vec::new();
        for (name, q) in [("p50", 50.0), ("p99", 99.0)] {
            rows.push([
                format!("50-row keyset page by name, {name}"),
                ms(p.rapport.pct(q)),
                ms(p.raw_page.pct(q)),
                ratio(p.rapport.pct(q), p.raw_page.pct(q)),
            ]);
        }
        for (name, q) in [("p50", 50.0), ("p99", 99.0)] {
            rows.push([
                format!("same page + its contact points (Rapport's two statements), {name}"),
                ms(p.rapport.pct(q)),
                ms(p.raw_with_contacts.pct(q)),
                ratio(p.rapport.pct(q), p.raw_with_contacts.pct(q)),
            ]);
        }
        if let Some(r) = &self.rep_pages {
            for (name, q) in [("p50", 50.0), ("p99", 99.0)] {
                rows.push([
                    format!("same page as a sales rep (reach: own + team, a tenth of the people), {name}"),
                    ms(r.rapport.pct(q)),
                    ms(r.raw_page.pct(q)),
                    ratio(r.rapport.pct(q), r.raw_page.pct(q)),
                ]);
            }
        }
        let c = &self.creates;
        rows.push([
            format!("single creates, {} concurrent clients", c.clients),
            format!(
                "{} creates/s (p50 {}, p99 {})",
                thousands((c.count as f64 / c.seconds).round() as u64),
                ms(c.latency.pct(50.0)),
                ms(c.latency.pct(99.0))
            ),
            "—".into(),
            "—".into(),
        ]);
        if let Some(b) = &self.bulk {
            rows.push([
                format!("bulk create of {} people", thousands(b.rows as u64)),
                format!("{} people/s", thousands((b.rows as f64 / b.seconds).round() as u64)),
                "—".into(),
                "—".into(),
            ]);
        }
        rows
    }

    fn table(&self) -> String {
        let header = ["measurement", "Rapport", "plain SQL", "ratio"];
        let rows = self.rows();
        let widths: Vec<usize> = (0..4)
            .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0))
            .collect();
        let line = |cells: [&str; 4]| {
            cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join("  ")
        };
        let mut out = format!("{} — {} people\n{}\n", self.label, thousands(self.people as u64), line(header));
        for r in &rows {
            out.push_str(&line([&r[0], &r[1], &r[2], &r[3]]));
            out.push('\n');
        }
        out.push_str(&format!(
            "{} page samples on each path from {} start points; {}",
            self.pages.rapport.0.len(),
            self.pages.starts,
            self.after.describe()
        ));
        out
    }

    fn markdown(&self, args: &RunArgs) -> String {
        let mut out = format!("\n### {} — {} people\n\n", self.label, thousands(self.people as u64));
        out.push_str(&format!(
            "Machine: {} CPUs ({}), {} memory; load average {} before, {} after. {}; {} build. Database size after the run: {}.\n\n",
            self.before.cpus,
            self.before.cpu_model,
            self.before.memory,
            self.before.load,
            self.after.load,
            self.versions,
            self.before.profile,
            self.size
        ));
        out.push_str("| measurement | Rapport | plain SQL, same driver | Rapport ÷ plain |\n|---|---|---|---|\n");
        for r in self.rows() {
            out.push_str(&format!("| {} | {} | {} | {} |\n", r[0], r[1], r[2], r[3]));
        }
        out.push_str(&format!(
            "\nThe plain page statement (Rapport\'s, as its database log shows it):\n\n```sql\n{}\n```\n",
            self.statement
        ));
        out.push_str(&format!(
            "\n{} pages measured on each path ({} warm-up pages not counted), in walks of {} from random start points \
             among {} (scouted in {:.0} s over the whole list); single creates measured for {} s after a {} s warm-up.\n",
            self.pages.rapport.0.len(),
            (args.pages / 10).max(20),
            args.walk,
            self.pages.starts,
            self.pages.scout_seconds,
            args.seconds,
            args.seconds.div_ceil(4).max(1),
        ));
        out
    }
}

/// One plain page read: the ids it returned and how long the page statement, and the
/// page statement plus the contact-point statement, took.
struct PlainPage {
    ids: Vec<Uuid>,
    page_seconds: f64,
    total_seconds: f64,
}

/// The raw-driver baseline's own connection (see the module comment).
enum Raw {
    Sqlite {
        conn: rusqlite::Connection,
        first: String,
        after: String,
        contacts: String,
        scope: Option<(Uuid, Uuid)>,
    },
    Postgres {
        client: tokio_postgres::Client,
        first: tokio_postgres::Statement,
        after: tokio_postgres::Statement,
        contacts: tokio_postgres::Statement,
        scope: Option<(Uuid, Uuid)>,
    },
}

fn select_list(schema: &rapport_domain::model::Schema) -> anyhow::Result<String> {
    let person = schema.object_by_api("people")?;
    let mut names: Vec<String> =
        rapport_domain::model::object::SYSTEM_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for field in person.stored_fields() {
        names.extend(field.columns().into_iter().map(|c| c.name));
    }
    if !names.iter().any(|n| n == "name__f") {
        bail!("people have no name__f column to page by");
    }
    Ok(names.iter().map(|n| format!("\"obj_person\".\"{n}\"")).collect::<Vec<_>>().join(", "))
}

/// The statements `page::list` and `contacts::load` run for this list, written out
/// and kept in step with them by hand: the first page reads the rows that have a
/// name; a later page starts after the cursor's (name, id), a row value that implies a
/// name. A run checks that both sides return the same rows, not the same text.
fn page_sql(columns: &str, keyset: bool, narrowing: Narrowing, p: &dyn Fn(usize) -> String) -> String {
    let (condition, limit, next) = if keyset {
        (format!("(\"obj_person\".\"name__f\", \"obj_person\".\"id\") > ({}, {})", p(1), p(2)), p(3), 4)
    } else {
        ("\"obj_person\".\"name__f\" IS NOT NULL".to_owned(), p(1), 2)
    };
    let narrowed = match narrowing {
        Narrowing::None => String::new(),
        // A sales rep's reach (own records or the team's), as `store::access` adds it.
        Narrowing::Reach => format!(
            " AND (\"obj_person\".\"owner_id\" = {} OR \"obj_person\".\"team_id\" IN ({}))",
            p(next),
            p(next + 1)
        ),
        // `and(lead_source[eq]:…,gender[eq]:…)`, as `store::filter` compiles it.
        Narrowing::Filter => {
            format!(" AND \"obj_person\".\"lead_source\" = {} AND \"obj_person\".\"gender\" = {}", p(next), p(next + 1))
        }
        // The same on SQLite, read along the name index as `store::page` reads it.
        Narrowing::FilterAlongTheSort => format!(
            " AND +(\"obj_person\".\"lead_source\" = {} AND \"obj_person\".\"gender\" = {})",
            p(next),
            p(next + 1)
        ),
    };
    format!(
        "SELECT {columns} FROM \"obj_person\" WHERE \"obj_person\".\"deleted_at\" IS NULL{narrowed} AND {condition} \
         ORDER BY \"obj_person\".\"name__f\" ASC, \"obj_person\".\"id\" ASC LIMIT {limit}"
    )
}

/// What narrows a page of people beyond the live ones; its two values are bound after
/// the page's own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Narrowing {
    None,
    /// A sales rep's reach: the user, then the team.
    Reach,
    /// The HTTP benchmark's two-condition filter: the lead source, then the gender.
    Filter,
    /// The filter where no index answers it (SQLite's unary `+`).
    FilterAlongTheSort,
}

fn contacts_sql(n: usize, p: &dyn Fn(usize) -> String) -> String {
    let list = (2..n + 2).map(p).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT \"record_id\", \"field_id\", \"value\", \"normalized\", \"label\", \"is_primary\", \"opt_out\", \"invalid\" \
         FROM \"contact_points\" WHERE \"object_id\" = {} AND \"record_id\" IN ({list}) \
         ORDER BY \"record_id\" ASC, \"field_id\" ASC, \"position\" ASC",
        p(1)
    )
}

impl Raw {
    /// `scope`: the (user, team) whose reach the page is limited to, as for a sales
    /// rep; `None` reads every row, as for an administrator.
    async fn connect(database: &DatabaseArgs, scope: Option<(Uuid, Uuid)>) -> anyhow::Result<Raw> {
        let scoped = if scope.is_some() { Narrowing::Reach } else { Narrowing::None };
        let config = database.config();
        let schema = open(database).await?.schema(&rapport_domain::model::Actor::system()).await?;
        let columns = select_list(&schema)?;
        // The same choice `DatabaseConfig::location` makes.
        match config.url.as_deref() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .context("the plain-SQL baseline could not connect to PostgreSQL")?;
                tokio::spawn(connection);
                let pg = |n: usize| format!("${n}");
                let first = client.prepare(&page_sql(&columns, false, scoped, &pg)).await?;
                let after = client.prepare(&page_sql(&columns, true, scoped, &pg)).await?;
                let contacts = client.prepare(&contacts_sql(PAGE as usize, &pg)).await?;
                Ok(Raw::Postgres { client, first, after, contacts, scope })
            }
            other => {
                let path = match other {
                    Some(url) => PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(url)),
                    None => config.data_dir.join("rapport.db"),
                };
                let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .with_context(|| format!("the plain-SQL baseline could not open {}", path.display()))?;
                // The same page cache as Rapport's reader connections.
                conn.execute_batch("PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;")?;
                conn.set_prepared_statement_cache_capacity(16);
                let q = |n: usize| format!("?{n}");
                Ok(Raw::Sqlite {
                    conn,
                    first: page_sql(&columns, false, scoped, &q),
                    after: page_sql(&columns, true, scoped, &q),
                    contacts: contacts_sql(PAGE as usize, &q),
                    scope,
                })
            }
        }
    }

    fn statement(&self) -> String {
        let columns = "<the person's columns, as Rapport lists them>";
        match self {
            Raw::Sqlite { .. } => page_sql(columns, true, Narrowing::None, &|_| "?".to_owned()),
            Raw::Postgres { .. } => page_sql(columns, true, Narrowing::None, &|n| format!("${n}")),
        }
    }

    async fn versions(&self) -> anyhow::Result<String> {
        Ok(match self {
            Raw::Sqlite { .. } => {
                format!("SQLite {} (bundled with rusqlite), WAL, synchronous=FULL", rusqlite::version())
            }
            Raw::Postgres { client, .. } => {
                let show = |row: tokio_postgres::Row| row.get::<_, String>(0);
                let full = show(client.query_one("SELECT version()", &[]).await?);
                let buffers = show(client.query_one("SHOW shared_buffers", &[]).await?);
                let commit = show(client.query_one("SHOW synchronous_commit", &[]).await?);
                format!(
                    "{}, shared_buffers {buffers}, synchronous_commit {commit}",
                    full.split(" on ").next().unwrap_or(&full)
                )
            }
        })
    }

    async fn size(&self) -> anyhow::Result<String> {
        Ok(match self {
            Raw::Sqlite { conn, .. } => {
                let gib = |bytes: u64| format!("{:.2} GiB", bytes as f64 / 1024f64.powi(3));
                let path = conn.path().unwrap_or_default();
                let file = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                let wal = std::fs::metadata(format!("{path}-wal")).map(|m| m.len()).unwrap_or(0);
                format!("{} (and a write-ahead log of {})", gib(file), gib(wal))
            }
            Raw::Postgres { client, .. } => {
                let row = client.query_one("SELECT pg_size_pretty(pg_database_size(current_database()))", &[]).await?;
                row.get(0)
            }
        })
    }

    /// Reads one page (and its contact points) as Rapport would, decoding every value.
    async fn page(&mut self, after: Option<&(String, Uuid)>) -> anyhow::Result<PlainPage> {
        match self {
            Raw::Sqlite { conn, first, after: keyset, contacts, scope } => {
                sqlite_page(conn, [first, keyset, contacts], after, *scope)
            }
            Raw::Postgres { client, first, after: keyset, contacts, scope } => {
                let started = Instant::now();
                let limit = i64::from(PAGE) + 1;
                let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = match after {
                    Some((name, id)) => vec![name, id, &limit],
                    None => vec![&limit],
                };
                if let Some((user, team)) = scope {
                    params.extend([user as &(dyn tokio_postgres::types::ToSql + Sync), team]);
                }
                let statement = if after.is_some() { &*keyset } else { &*first };
                let rows = client.query(statement, &params).await?;
                let mut ids = Vec::with_capacity(rows.len());
                for row in &rows {
                    std::hint::black_box(decode_pg(row)?);
                    ids.push(row.try_get::<_, Uuid>(1)?);
                }
                ids.truncate(PAGE as usize);
                let page_seconds = started.elapsed().as_secs_f64();
                let object: &str = "person";
                let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&object];
                // The contact statement is prepared for a full page; a short last page
                // repeats its last id, which matches the same rows.
                let padded: Vec<Uuid> =
                    (0..PAGE as usize).map(|i| ids.get(i).or(ids.last()).copied().unwrap_or_default()).collect();
                params.extend(padded.iter().map(|id| id as &(dyn tokio_postgres::types::ToSql + Sync)));
                let points = client.query(&*contacts, &params).await?;
                for row in &points {
                    std::hint::black_box(decode_pg(row)?);
                }
                Ok(PlainPage { ids, page_seconds, total_seconds: started.elapsed().as_secs_f64() })
            }
        }
    }
}

/// Every value of a row as an owned Rust value, as a program using the driver would
/// read it.
fn decode_pg(row: &tokio_postgres::Row) -> anyhow::Result<Vec<Owned>> {
    use tokio_postgres::types::Type;
    let mut out = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let t = column.type_();
        let v = if *t == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?.map(Owned::Int)
        } else if *t == Type::UUID {
            row.try_get::<_, Option<Uuid>>(i)?.map(Owned::Uuid)
        } else if *t == Type::TIMESTAMPTZ {
            row.try_get::<_, Option<time::OffsetDateTime>>(i)?.map(Owned::Time)
        } else if *t == Type::DATE {
            row.try_get::<_, Option<time::Date>>(i)?.map(Owned::Date)
        } else if *t == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?.map(Owned::Bool)
        } else if *t == Type::JSONB || *t == Type::JSON {
            row.try_get::<_, Option<Json>>(i)?.map(Owned::Json)
        } else if *t == Type::TEXT || *t == Type::VARCHAR {
            row.try_get::<_, Option<String>>(i)?.map(Owned::Text)
        } else {
            row.try_get::<_, Option<AnyBytes>>(i)?.map(|b| Owned::Bytes(b.0))
        };
        out.push(v.unwrap_or(Owned::Null));
    }
    Ok(out)
}

#[allow(dead_code)] // read only through black_box
enum Owned {
    Null,
    Int(i64),
    Uuid(Uuid),
    Time(time::OffsetDateTime),
    Date(time::Date),
    Bool(bool),
    Json(Json),
    Text(String),
    Bytes(Vec<u8>),
}

/// The wire bytes of a value of a type the decoder above does not name.
struct AnyBytes(Vec<u8>);

impl<'a> tokio_postgres::types::FromSql<'a> for AnyBytes {
    fn from_sql(
        _: &tokio_postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyBytes(raw.to_vec()))
    }
    fn accepts(_: &tokio_postgres::types::Type) -> bool {
        true
    }
}

fn sqlite_page(
    conn: &rusqlite::Connection,
    sql: [&String; 3],
    after: Option<&(String, Uuid)>,
    scope: Option<(Uuid, Uuid)>,
) -> anyhow::Result<PlainPage> {
    use rusqlite::types::Value as V;
    let [first, keyset, contacts] = sql;
    let started = Instant::now();
    let limit = i64::from(PAGE) + 1;
    let mut ids = Vec::with_capacity(limit as usize);
    {
        let mut stmt = conn.prepare_cached(if after.is_some() { keyset } else { first })?;
        let scope = scope.map(|(user, team)| (*user.as_bytes(), *team.as_bytes()));
        let mut params: Vec<&dyn rusqlite::ToSql> = match after {
            Some((name, id)) => vec![name, id.as_bytes(), &limit],
            None => vec![&limit],
        };
        if let Some((user, team)) = &scope {
            params.extend([user as &dyn rusqlite::ToSql, team]);
        }
        let mut rows = stmt.query(params.as_slice())?;
        while let Some(row) = rows.next()? {
            let n = row.as_ref().column_count();
            let values: Vec<V> = (0..n).map(|i| row.get_ref(i).map(V::from)).collect::<Result<_, _>>()?;
            if let Some(V::Blob(b)) = values.get(1) {
                ids.push(Uuid::from_slice(b)?);
            }
            std::hint::black_box(values);
        }
    }
    ids.truncate(PAGE as usize);
    let page_seconds = started.elapsed().as_secs_f64();
    let mut stmt = conn.prepare_cached(contacts)?;
    // The statement is written for a full page; a short last page repeats its last id,
    // which matches the same rows.
    let padded: Vec<[u8; 16]> =
        (0..PAGE as usize).map(|i| ids.get(i).or(ids.last()).map_or([0; 16], |id| *id.as_bytes())).collect();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&"person"];
    params.extend(padded.iter().map(|b| b as &dyn rusqlite::ToSql));
    let mut rows = stmt.query(params.as_slice())?;
    while let Some(row) = rows.next()? {
        let values: Vec<V> = (0..8).map(|i| row.get_ref(i).map(V::from)).collect::<Result<_, _>>()?;
        std::hint::black_box(values);
    }
    Ok(PlainPage { ids, page_seconds, total_seconds: started.elapsed().as_secs_f64() })
}
