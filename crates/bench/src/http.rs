//! `rapport-bench http`: Rapport as a client meets it — `rapport serve` in its own
//! process, over loopback — beside the ceiling server (`rapport-bench ceiling`, also a
//! process of its own) on the same database, driven by the same load generator
//! (`load.rs`), one after the other. The headline figure of each scenario is Rapport ÷
//! ceiling, measured in the same run.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use rapport_domain::ListQuery;
use rapport_domain::model::Actor;
use uuid::Uuid;

use crate::load::{self, Call, Calls, Outcome, Target};
use crate::{DatabaseArgs, append, open, thousands};

#[derive(clap::Args)]
pub struct HttpArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// The `rapport` binary to measure (default: the one beside this binary).
    #[arg(long)]
    rapport: Option<PathBuf>,
    /// Connections of the closed-loop runs, each measured in turn.
    #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
    connections: Vec<usize>,
    /// Seconds measured per scenario, server and concurrency (after a fifth of it as
    /// warm-up).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Only these scenarios (by key: get, page, deep, create); all when not given.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Append the results as markdown to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct CeilingArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Database connections (SQLite readers, PostgreSQL clients).
    #[arg(long, default_value_t = 8)]
    connections: usize,
}

/// `rapport-bench ceiling`: serves until stopped; says where on its first line.
pub async fn ceiling_command(args: CeilingArgs) -> anyhow::Result<()> {
    let schema = open(&args.database).await?.schema(&Actor::system()).await?;
    let addr = crate::ceiling::start(&args.database, &schema, args.connections).await?;
    println!("ceiling at http://{addr}/");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// A child process that is stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Its resident memory now and at its peak, from /proc (Linux).
    fn memory(&self) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().trim_end_matches(" kB").trim().to_owned())
        };
        let mib = |kib: Option<String>| {
            kib.and_then(|k| k.parse::<f64>().ok()).map_or("?".to_owned(), |k| format!("{:.0} MiB", k / 1024.0))
        };
        format!("{} after the run, {} at its peak", mib(field("VmRSS:")), mib(field("VmHWM:")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `program args…` and waits for the line that says where it listens
/// (`… http://127.0.0.1:PORT/ …`).
fn spawn(mut command: Command) -> anyhow::Result<Server> {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().context("could not start")?;
    let stdout = child.stdout.take().context("no standard output")?;
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let Some(line) = lines.next().transpose()? else { bail!("the server stopped before it listened") };
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap_or_default().parse::<SocketAddr>()?;
        }
    };
    // Keep reading its output, so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Server { child, addr })
}

fn database_flags(database: &DatabaseArgs) -> Vec<String> {
    match &database.database_url {
        Some(url) if !url.is_empty() => vec!["--database-url".into(), url.clone()],
        _ => vec!["--data-dir".into(), database.data_dir.display().to_string()],
    }
}

/// Makes an administrator and an API token for the benchmark with the `rapport`
/// commands an operator would use, and answers the token.
fn admin_token(rapport: &PathBuf, database: &DatabaseArgs) -> anyhow::Result<String> {
    let email = format!("bench-http-{}@bench.example", Uuid::now_v7().simple());
    let run = |args: &[&str]| -> anyhow::Result<String> {
        let out = Command::new(rapport).args(args).args(database_flags(database)).output()?;
        if !out.status.success() {
            bail!("rapport {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    run(&["user", "add", "--admin", &email])?;
    run(&["token", "create", "--user", &email])
}

/// One row of the report: a closed-loop run at `connections`, or an open-loop one at
/// `rate` requests a second.
struct Measured {
    scenario: &'static str,
    connections: usize,
    rate: Option<f64>,
    rapport: Outcome,
    ceiling: Outcome,
    /// Database statements Rapport ran per request (its `/metrics` counter).
    statements: f64,
}

/// Runs `run` against Rapport and answers its outcome with the database statements
/// it cost per request sent.
async fn counting(
    target: &Target,
    run: impl std::future::Future<Output = anyhow::Result<Outcome>>,
) -> anyhow::Result<(Outcome, f64)> {
    let before = statements(target).await?;
    let outcome = run.await?;
    let ran = statements(target).await?.saturating_sub(before);
    let per_request = ran as f64 / outcome.sent.max(1) as f64;
    Ok((outcome, per_request))
}

/// The statements `rapport serve` has run (`/metrics`, open to loopback).
async fn statements(target: &Target) -> anyhow::Result<u64> {
    let text = load::fetch(&Target { authorization: None, ..target.clone() }, "/metrics").await?;
    text.lines()
        .find_map(|l| l.strip_prefix("rapport_database_statements_total "))
        .and_then(|n| n.trim().parse().ok())
        .context("no statement counter in /metrics")
}

fn check(scenario: &str, rapport: &Outcome, ceiling: &Outcome) -> anyhow::Result<()> {
    for (who, outcome) in [("rapport", rapport), ("ceiling", ceiling)] {
        if let Some(why) = &outcome.first_error {
            bail!("{scenario} on {who}: {} failed requests, the first: {why}", outcome.errors);
        }
    }
    Ok(())
}

/// The most connections an open-loop run opens: enough that a stall queues calls
/// rather than refusing them.
const OPEN_CONNECTIONS: usize = 256;

pub async fn http_command(args: HttpArgs) -> anyhow::Result<()> {
    let rapport = match &args.rapport {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("rapport"),
    };
    let crm = open(&args.database).await?;
    let backend = crate::backend_label(&crm);
    // People to get by id: spread over the list, read before anything is measured.
    let mut ids = Vec::new();
    let mut query = ListQuery { limit: 200, ..ListQuery::default() };
    for _ in 0..10 {
        let page = crm.list(&Actor::system(), "people", query.clone()).await?;
        ids.extend(page.records.iter().map(|r| r.id));
        let Some(next) = page.next_cursor else { break };
        query.cursor = Some(next);
    }
    if ids.is_empty() {
        bail!("the database has no people: run `rapport-bench seed` first");
    }
    drop(crm);
    let token = admin_token(&rapport, &args.database)?;

    let mut serve = Command::new(&rapport);
    serve.args(["serve", "--listen", "127.0.0.1:0"]).args(database_flags(&args.database));
    serve.env("RAPPORT_API_RATE_LIMIT", "0").env("RAPPORT_LOG", "warn");
    let server = spawn(serve).context("rapport serve")?;
    let mut ceiling = Command::new(std::env::current_exe()?);
    ceiling.arg("ceiling").args(database_flags(&args.database));
    let ceiling = spawn(ceiling).context("rapport-bench ceiling")?;

    let rapport_target = Target { addr: server.addr, authorization: Some(format!("Bearer {token}")) };
    let ceiling_target = Target { addr: ceiling.addr, authorization: None };
    let ids = Arc::new(ids);
    let get: Calls = Arc::new(move |worker, n| {
        let i = (worker * 7919 + n as usize * 104_729) % ids.len();
        Call::get(format!("/api/v1/people/{}", ids[i]))
    });
    let first_page: Calls = Arc::new(|_, _| Call::get(PAGE));
    // The ceiling answers the reads; a create is measured against the target of 6,000
    // durable creates a second (issue 21), not against a server that would skip
    // validation, rules, search index, audit and record events.
    let scenarios = vec![
        Scenario { key: "get", name: "get a person by id", rapport: Arc::clone(&get), ceiling: Some(get) },
        Scenario {
            key: "page",
            name: "list 50 people by name, first page",
            rapport: Arc::clone(&first_page),
            ceiling: Some(first_page),
        },
        Scenario {
            key: "deep",
            name: "list 50 people by name, pages 2 to 100 by cursor",
            rapport: deep_pages(&rapport_target).await?,
            ceiling: Some(deep_pages(&ceiling_target).await?),
        },
        Scenario { key: "create", name: "create a person with an email", rapport: Arc::new(new_person), ceiling: None },
    ];
    let scenarios = scenarios.into_iter().filter(|s| args.only.is_empty() || args.only.iter().any(|k| k == s.key));
    let (warm_up, measure) = (Duration::from_secs(args.seconds.div_ceil(5)), Duration::from_secs(args.seconds));
    let mut rows = Vec::new();
    for Scenario { name: scenario, rapport: calls, ceiling: ceiling_calls, .. } in scenarios {
        let mut peak: f64 = 0.0;
        for &connections in &args.connections {
            eprintln!("{scenario}, {connections} connection(s)…");
            let run = load::closed(&rapport_target, connections, warm_up, measure, Arc::clone(&calls));
            let (rapport, statements) = counting(&rapport_target, run).await?;
            let ceiling = match &ceiling_calls {
                Some(c) => load::closed(&ceiling_target, connections, warm_up, measure, Arc::clone(c)).await?,
                None => Outcome::default(),
            };
            check(scenario, &rapport, &ceiling)?;
            peak = peak.max(rapport.rate());
            rows.push(Measured { scenario, connections, rate: None, rapport, ceiling, statements });
        }
        // Latency as a steady stream of users meets it: half of Rapport's peak, on both.
        let rate = (peak / 2.0).max(1.0);
        eprintln!("{scenario}, open loop at {rate:.0}/s…");
        let run = load::open(&rapport_target, rate, measure, OPEN_CONNECTIONS, Arc::clone(&calls));
        let (rapport, statements) = counting(&rapport_target, run).await?;
        let ceiling = match &ceiling_calls {
            Some(c) => load::open(&ceiling_target, rate, measure, OPEN_CONNECTIONS, Arc::clone(c)).await?,
            None => Outcome::default(),
        };
        check(scenario, &rapport, &ceiling)?;
        rows.push(Measured { scenario, connections: 0, rate: Some(rate), rapport, ceiling, statements });
    }
    let mut report = report(backend, &args, &mut rows);
    for (who, server) in [("`rapport serve`", &server), ("the ceiling server", &ceiling)] {
        report.push_str(&format!("\nResident memory of {who}: {}.", server.memory()));
    }
    report.push('\n');
    println!("{report}");
    if let Some(path) = &args.markdown {
        append(path, &report)?;
    }
    Ok(())
}

/// One scenario: the calls for Rapport and, where the ceiling answers it, the calls for
/// the ceiling (the same requests, with the ceiling's own cursors where there are any).
struct Scenario {
    /// What `--only` names it by.
    key: &'static str,
    name: &'static str,
    rapport: Calls,
    ceiling: Option<Calls>,
}

/// The first page of people by name, as both servers answer it.
const PAGE: &str = "/api/v1/people?limit=50&order_by=name";

/// Pages 2 to 100 of people by name (fewer on a small database), through the cursors
/// `target` itself made while walking them once before the measurement.
async fn deep_pages(target: &Target) -> anyhow::Result<Calls> {
    let mut paths = Vec::new();
    let mut path = PAGE.to_owned();
    while paths.len() < 99 {
        let answer: serde_json::Value = serde_json::from_str(&load::fetch(target, &path).await?)?;
        let Some(next) = answer["page"]["next_cursor"].as_str() else { break };
        path = format!("{PAGE}&cursor={next}");
        paths.push(path.clone());
    }
    if paths.is_empty() {
        bail!("the people fit on one page: seed more");
    }
    Ok(Arc::new(move |worker, n| Call::get(paths[(worker * 31 + n as usize) % paths.len()].clone())))
}

/// A new person for call `n` of `worker`: a name and an email no other call uses (the
/// run's start time keeps reruns on the same database apart).
fn new_person(worker: usize, n: u64) -> Call {
    static RUN: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let run = RUN
        .get_or_init(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()));
    let person = serde_json::json!({
        "name": {"first": "Bench", "last": format!("Create {run}-{worker}-{n}")},
        "emails": [{"value": format!("bench.{run}.{worker}.{n}@example.test")}],
    });
    Call::post("/api/v1/people", &person)
}

fn report(backend: &str, args: &HttpArgs, rows: &mut [Measured]) -> String {
    let ms = |s: f64| format!("{:.2}", s * 1000.0);
    let mut out = format!(
        "### {backend} — over HTTP\n\nClosed loop: {} s measured per row after {} s of warm-up. Open loop: requests \
         due at half of Rapport's best closed-loop rate for {} s, latency from when each was due (the schedule keeps \
         time to 1 ms). Load generator, `rapport serve` and the ceiling server on the same two cores.\n\n\
         | scenario | load | Rapport req/s | ceiling req/s | Rapport ÷ ceiling | Rapport p50 / p99 / p99.9 ms | ceiling p50 / p99 / p99.9 ms | Rapport statements per request |\n\
         |---|---|---|---|---|---|---|---|\n",
        args.seconds,
        args.seconds.div_ceil(5),
        args.seconds,
    );
    for row in rows.iter_mut() {
        let (r, c) = (row.rapport.rate(), row.ceiling.rate());
        let shown = |rate: f64| if rate > 0.0 { thousands(rate.round() as u64) } else { "—".into() };
        let ratio = match row.rate {
            None if c > 0.0 => format!("{:.2}×", r / c),
            _ => "—".into(),
        };
        let load = match row.rate {
            Some(rate) => format!("open, {}/s", thousands(rate.round() as u64)),
            None => format!("closed, {} conn.", row.connections),
        };
        let latencies =
            |o: &mut Outcome| format!("{} / {} / {}", ms(o.quantile(0.5)), ms(o.quantile(0.99)), ms(o.quantile(0.999)));
        let rl = latencies(&mut row.rapport);
        let cl = if c > 0.0 { latencies(&mut row.ceiling) } else { "—".into() };
        out.push_str(&format!(
            "| {} | {load} | {} | {} | {ratio} | {rl} | {cl} | {:.1} |\n",
            row.scenario,
            shown(r),
            shown(c),
            row.statements,
        ));
    }
    out
}
