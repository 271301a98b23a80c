//! `rapport-bench http`: Rapport as a client meets it — `rapport serve` in its own
//! process, over loopback — beside the ceiling server (`rapport-bench ceiling`, also a
//! process of its own) on the same database, driven by the same load generator
//! (`load.rs`), one after the other. The headline figure of each scenario is Rapport ÷
//! ceiling, measured in the same run.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// `rapport serve` processes on the same database, sharing the connections (more
    /// than one only on PostgreSQL: the scale-out of docs/OPERATIONS.md).
    #[arg(long, default_value_t = 1)]
    processes: usize,
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
    /// Append the results as one JSON line to this file (what `rapport-bench chart`
    /// draws).
    #[arg(long)]
    json: Option<PathBuf>,
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
    /// From the start of the process to the line that says it listens.
    ready: Duration,
}

/// A process's resident memory (MiB; 0 where /proc did not say).
struct Memory {
    now_mib: f64,
    peak_mib: f64,
}

impl Memory {
    fn describe(&self) -> String {
        format!("{:.0} MiB after the run, {:.0} MiB at its peak", self.now_mib, self.peak_mib)
    }
}

impl Server {
    /// Its resident memory now and at its peak, from /proc (Linux).
    fn memory(&self) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let mib = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
                .map_or(0.0, |kib| kib / 1024.0)
        };
        Memory { now_mib: mib("VmRSS:"), peak_mib: mib("VmHWM:") }
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
    let started = std::time::Instant::now();
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
    Ok(Server { child, addr, ready: started.elapsed() })
}

fn database_flags(database: &DatabaseArgs) -> Vec<String> {
    match &database.database_url {
        Some(url) if !url.is_empty() => vec!["--database-url".into(), url.clone()],
        _ => vec!["--data-dir".into(), database.data_dir.display().to_string()],
    }
}

/// Runs `rapport args…` on the benchmark's database, with `input` on its standard
/// input, and answers what it printed.
fn rapport_command(rapport: &PathBuf, database: &DatabaseArgs, args: &[&str], input: &str) -> anyhow::Result<String> {
    let mut child = Command::new(rapport)
        .args(args)
        .args(database_flags(database))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("rapport {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Makes an administrator and an API token for the benchmark with the `rapport`
/// commands an operator would use, and answers the token.
fn admin_token(rapport: &PathBuf, database: &DatabaseArgs) -> anyhow::Result<String> {
    let email = format!("bench-http-{}@bench.example", Uuid::now_v7().simple());
    rapport_command(rapport, database, &["user", "add", "--admin", &email], "")?;
    rapport_command(rapport, database, &["token", "create", "--user", &email], "")
}

/// Makes a sales rep of [`HTML_TEAM`] with a password, for the web pages; answers the
/// email and the password.
fn sales_rep(rapport: &PathBuf, database: &DatabaseArgs) -> anyhow::Result<(String, String)> {
    let email = format!("bench-web-{}@bench.example", Uuid::now_v7().simple());
    let password = format!("Quiet harbour {:032x}", rand::random::<u128>());
    let args = ["user", "add", "--role", "sales_rep", "--team", HTML_TEAM, "--password-stdin", &email];
    rapport_command(rapport, database, &args, &format!("{password}\n"))?;
    Ok((email, password))
}

/// One row of the report: a closed-loop run at `connections`, or an open-loop one at
/// `rate` requests a second.
pub(crate) struct Measured {
    pub(crate) scenario: &'static str,
    pub(crate) key: &'static str,
    pub(crate) connections: usize,
    pub(crate) rate: Option<f64>,
    pub(crate) rapport: Outcome,
    pub(crate) ceiling: Outcome,
    /// Database statements Rapport ran per request (its `/metrics` counter).
    pub(crate) statements: f64,
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

/// The statements every `rapport serve` process has run (`/metrics`, open to
/// loopback).
async fn statements(target: &Target) -> anyhow::Result<u64> {
    let mut total = 0;
    for addr in &target.addrs {
        let text = load::fetch(&Target { addrs: vec![*addr], credential: None }, "/metrics").await?;
        total += text
            .lines()
            .find_map(|l| l.strip_prefix("rapport_database_statements_total "))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .context("no statement counter in /metrics")?;
    }
    Ok(total)
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
    let people = crm.count(&Actor::system(), "people", ListQuery::default()).await?.unsigned_abs();
    if people == 0 {
        bail!("the database has no people: run `rapport-bench seed` first");
    }
    let teams = crm.teams(&Actor::system()).await?;
    let team = teams
        .iter()
        .find(|t| t.name == HTML_TEAM)
        .with_context(|| format!("no team {HTML_TEAM:?}: seed with `rapport-bench seed`"))?
        .id;
    drop(crm);
    let token = admin_token(&rapport, &args.database)?;
    let (rep, password) = sales_rep(&rapport, &args.database)?;

    let mut servers = Vec::new();
    for _ in 0..args.processes.max(1) {
        let mut serve = Command::new(&rapport);
        serve.args(["serve", "--listen", "127.0.0.1:0"]).args(database_flags(&args.database));
        serve.env("RAPPORT_API_RATE_LIMIT", "0").env("RAPPORT_LOG", "warn");
        servers.push(spawn(serve).context("rapport serve")?);
    }
    let (ready, idle) = (servers[0].ready, servers[0].memory());
    let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let mut ceiling = Command::new(std::env::current_exe()?);
    ceiling.arg("ceiling").args(database_flags(&args.database));
    let ceiling = spawn(ceiling).context("rapport-bench ceiling")?;

    let api = Target { addrs: addrs.clone(), credential: Some(("authorization", format!("Bearer {token}"))) };
    // Sessions live in the database: one sign-in holds for every process.
    let cookie = load::sign_in(addrs[0], &rep, &password).await?;
    let web = Target { addrs, credential: Some(("cookie", cookie)) };
    let ceiling_target = Target { addrs: vec![ceiling.addr], credential: None };
    let sample = Arc::new(Sample::read(&api, team).await?);
    let scenarios = scenarios(&args, &sample, &api, &web, &ceiling_target).await?;
    let sampled = servers[0].memory();
    let mut rows = Vec::new();
    let mut after = Vec::new();
    for scenario in scenarios {
        let key = scenario.key;
        rows.extend(measure_scenario(&args, scenario, &api, &ceiling_target).await?);
        after.push((key, servers[0].memory()));
    }
    let mut memory: Vec<(String, Memory)> = servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                if servers.len() > 1 { format!("`rapport serve` {}", i + 1) } else { "`rapport serve`".into() },
                s.memory(),
            )
        })
        .collect();
    memory.push(("the ceiling server".into(), ceiling.memory()));
    let mut report = report(backend, people, &args, &mut rows);
    report.push_str(&format!(
        "\n`rapport serve` started and listened in {:.0} ms; its resident memory idle after the start: {:.0} MiB, \
         after the sample was read through the API: {:.0} MiB.",
        ready.as_secs_f64() * 1000.0,
        idle.now_mib,
        sampled.now_mib
    ));
    for (who, memory) in &memory {
        report.push_str(&format!("\nResident memory of {who}: {}.", memory.describe()));
    }
    report.push_str(&memory_by_scenario(&after));
    report.push('\n');
    println!("{report}");
    if let Some(path) = &args.markdown {
        append(path, &report)?;
    }
    if let Some(path) = &args.json {
        let line = crate::chart::Run::new(backend, people, &mut rows, memory[0].1.peak_mib);
        append(path, &format!("{}\n", serde_json::to_string(&line)?))?;
    }
    Ok(())
}

/// Closed loop at each connection count, then open loop at half of Rapport's peak
/// rate (latency as a steady stream of users meets it), on Rapport and the ceiling.
async fn measure_scenario(
    args: &HttpArgs,
    scenario: Scenario,
    api: &Target,
    ceiling_target: &Target,
) -> anyhow::Result<Vec<Measured>> {
    let Scenario { name, key, target, rapport: calls, ceiling: ceiling_calls } = scenario;
    let (warm_up, measure) = (Duration::from_secs(args.seconds.div_ceil(5)), Duration::from_secs(args.seconds));
    let mut rows = Vec::new();
    let mut peak: f64 = 0.0;
    for &connections in &args.connections {
        eprintln!("{name}, {connections} connection(s)…");
        let run = load::closed(&target, connections, warm_up, measure, Arc::clone(&calls));
        let (rapport, statements) = counting(api, run).await?;
        let ceiling = match &ceiling_calls {
            Some(c) => load::closed(ceiling_target, connections, warm_up, measure, Arc::clone(c)).await?,
            None => Outcome::default(),
        };
        check(name, &rapport, &ceiling)?;
        peak = peak.max(rapport.rate());
        rows.push(Measured { scenario: name, key, connections, rate: None, rapport, ceiling, statements });
    }
    let rate = (peak / 2.0).max(1.0);
    eprintln!("{name}, open loop at {rate:.0}/s…");
    let run = load::open(&target, rate, measure, OPEN_CONNECTIONS, Arc::clone(&calls));
    let (rapport, statements) = counting(api, run).await?;
    let ceiling = match &ceiling_calls {
        Some(c) => load::open(ceiling_target, rate, measure, OPEN_CONNECTIONS, Arc::clone(c)).await?,
        None => Outcome::default(),
    };
    check(name, &rapport, &ceiling)?;
    rows.push(Measured { scenario: name, key, connections: 0, rate: Some(rate), rapport, ceiling, statements });
    Ok(rows)
}

/// One line: the first server's resident memory after each scenario, so that the
/// scenario that raised the peak shows.
fn memory_by_scenario(after: &[(&str, Memory)]) -> String {
    let each: Vec<String> = after.iter().map(|(key, m)| format!("{key} {:.0}/{:.0}", m.now_mib, m.peak_mib)).collect();
    format!("\nResident memory after each scenario (MiB now/peak): {}.", each.join(", "))
}

/// The team whose sales rep signs in for the web pages (`rapport-bench seed` makes it).
const HTML_TEAM: &str = "Bench team 0";

/// One scenario: the calls for Rapport and, where the ceiling answers it, the calls for
/// the ceiling (the same requests, with the ceiling's own cursors where there are any).
struct Scenario {
    /// What `--only` names it by.
    key: &'static str,
    name: &'static str,
    /// Rapport's API (an administrator's token) or its web pages (a sales rep's session).
    target: Target,
    rapport: Calls,
    ceiling: Option<Calls>,
}

/// People read through the API before anything is measured, for the scenarios to ask
/// for: the first few thousand by name (spread over the ids, so over busy and quiet
/// timelines alike).
struct Sample {
    people: Vec<Sampled>,
    /// Those of them the sales rep may see (their team's).
    team: Vec<Uuid>,
    /// The people updates write to, [`load::LANES`] lanes of them, and each one's
    /// version as the next update must send it.
    updated: Vec<(Uuid, AtomicU64)>,
    /// Each lane's next person (an index into its share of `updated`).
    lanes: Vec<AtomicU64>,
}

struct Sampled {
    id: Uuid,
    /// `first last`, for a search by name.
    name: String,
    email: Option<String>,
}

/// People the sample reads (fewer on a small database).
const SAMPLED: usize = 6_400;

impl Sample {
    async fn read(api: &Target, team: Uuid) -> anyhow::Result<Sample> {
        let mut sample = Sample { people: Vec::new(), team: Vec::new(), updated: Vec::new(), lanes: Vec::new() };
        let mut path = format!("{PAGE_200}&fields=name,emails,team,version");
        while sample.people.len() < SAMPLED {
            let answer: serde_json::Value = serde_json::from_str(&load::fetch(api, &path).await?)?;
            for person in answer["data"].as_array().into_iter().flatten() {
                let id =
                    person["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()).context("a person without an id")?;
                let name =
                    ["first", "last"].iter().filter_map(|k| person["name"][k].as_str()).collect::<Vec<_>>().join(" ");
                let email = person["emails"][0]["value"].as_str().map(str::to_owned);
                if person["team"].as_str() == Some(team.to_string().as_str()) {
                    sample.team.push(id);
                }
                let version = person["version"].as_u64().context("a person without a version")?;
                sample.updated.push((id, AtomicU64::new(version)));
                sample.people.push(Sampled { id, name, email });
            }
            let Some(next) = answer["page"]["next_cursor"].as_str() else { break };
            path = format!("{PAGE_200}&fields=name,emails,team,version&cursor={next}");
        }
        if sample.people.len() < load::LANES as usize || sample.team.is_empty() {
            bail!("too few people to measure ({}): seed more", sample.people.len());
        }
        sample.lanes = (0..load::LANES).map(|_| AtomicU64::new(0)).collect();
        Ok(sample)
    }

    fn person(&self, worker: usize, n: u64) -> &Sampled {
        &self.people[(worker * 7919 + n as usize * 104_729) % self.people.len()]
    }

    /// The next update of `lane`: a person only that lane writes to, in turn, and the
    /// version to send. Lanes never share a person, so updates never conflict, however
    /// many run at once (up to [`load::LANES`] connections).
    fn update(&self, lane: usize) -> Call {
        let share = self.updated.len() / load::LANES as usize;
        let lane = lane % load::LANES as usize;
        let turn = self.lanes[lane].fetch_add(1, Ordering::Relaxed) as usize % share;
        let (id, version) = &self.updated[lane * share + turn];
        let version = version.fetch_add(1, Ordering::Relaxed);
        // A title no earlier update gave (the version is new each time): an update
        // that changed nothing would leave the version where it was.
        let title = serde_json::json!({"title": format!("Bench title {version}")});
        Call::patch(format!("/api/v1/people/{id}"), &title, version)
    }
}

/// Every scenario, or those `--only` names.
async fn scenarios(
    args: &HttpArgs,
    sample: &Arc<Sample>,
    api: &Target,
    web: &Target,
    ceiling: &Target,
) -> anyhow::Result<Vec<Scenario>> {
    let wanted = |key: &str| args.only.is_empty() || args.only.iter().any(|k| k == key);
    let s = Arc::clone(sample);
    let get: Calls = Arc::new(move |w, n| Call::get(format!("/api/v1/people/{}", s.person(w, n).id)));
    let first_page: Calls = Arc::new(|_, _| Call::get(PAGE));
    let (rapport_deep, ceiling_deep) = if wanted("deep") {
        (deep_pages(api).await?, Some(deep_pages(ceiling).await?))
    } else {
        (Arc::new(|_, _| Call::get(PAGE)) as Calls, None)
    };
    let mut all = vec![
        Scenario::compared("get", "get a person by id", api, Arc::clone(&get), Arc::clone(&get)),
        Scenario::compared("page", "list 50 people by name, first page", api, Arc::clone(&first_page), first_page),
        Scenario {
            key: "deep",
            name: "list 50 people by name, pages 2 to 100 by cursor",
            target: api.clone(),
            rapport: Arc::clone(&rapport_deep),
            ceiling: ceiling_deep,
        },
        Scenario::compared(
            "filter",
            "list 50 people by name, two conditions (lead source and gender)",
            api,
            Arc::new(|w, n| {
                let (source, gender) = FILTERS[(w + n as usize) % FILTERS.len()];
                Call::get(format!("{PAGE}&filter=and(lead_source%5Beq%5D:{source},gender%5Beq%5D:{gender})"))
            }),
            Arc::new(|w, n| {
                let (source, gender) = FILTERS[(w + n as usize) % FILTERS.len()];
                Call::get(format!("{PAGE}&lead_source={source}&gender={gender}"))
            }),
        ),
    ];
    let s = Arc::clone(sample);
    all.push(Scenario::alone(
        "search-name",
        "search people by first and last name",
        api,
        Arc::new(move |w, n| Call::get(format!("/api/v1/people?limit=50&q={}", encoded(&s.person(w, n).name)))),
    ));
    let s = Arc::clone(sample);
    all.push(Scenario::alone(
        "search-email",
        "search people by email address",
        api,
        Arc::new(move |w, n| {
            let person = s.person(w, n);
            Call::get(format!("/api/v1/people?limit=50&q={}", encoded(person.email.as_deref().unwrap_or(&person.name))))
        }),
    ));
    let s = Arc::clone(sample);
    let timeline: Calls =
        Arc::new(move |w, n| Call::get(format!("/api/v1/people/{}/timeline?limit=20", s.person(w, n).id)));
    all.push(Scenario::alone("timeline", "a person's timeline, 20 latest", api, Arc::clone(&timeline)));
    all.push(Scenario::alone(
        "board",
        "the opportunities board (HTML, a sales rep)",
        web,
        Arc::new(|_, _| Call::get("/kanban/opportunities")),
    ));
    all.push(Scenario::alone(
        "html-list",
        "the people list page (HTML, a sales rep)",
        web,
        Arc::new(|_, _| Call::get("/o/people")),
    ));
    let s = Arc::clone(sample);
    all.push(Scenario::alone(
        "html-record",
        "a person's record page (HTML, a sales rep)",
        web,
        Arc::new(move |w, n| Call::get(format!("/o/people/{}", s.team[(w * 31 + n as usize) % s.team.len()]))),
    ));
    all.push(Scenario::alone("create", "create a person with an email", api, Arc::new(new_person)));
    let s = Arc::clone(sample);
    all.push(Scenario::alone(
        "update",
        "update a person's title (with its version)",
        api,
        Arc::new(move |w, _| s.update(w)),
    ));
    let s = Arc::clone(sample);
    all.push(Scenario::alone(
        "mixed",
        "mixed: 80% reads (get, pages, search, timeline), 20% writes (create, update)",
        api,
        Arc::new(move |w, n| match (w + n as usize) % 10 {
            0..=3 => get(w, n),
            4 => Call::get(PAGE),
            5 => rapport_deep(w, n),
            6 => Call::get(format!("/api/v1/people?limit=50&q={}", encoded(&s.person(w, n).name))),
            7 => timeline(w, n),
            8 => new_person(w, n),
            _ => s.update(w),
        }),
    ));
    Ok(all.into_iter().filter(|s| wanted(s.key)).collect())
}

impl Scenario {
    /// A read both servers answer.
    fn compared(key: &'static str, name: &'static str, api: &Target, rapport: Calls, ceiling: Calls) -> Scenario {
        Scenario { key, name, target: api.clone(), rapport, ceiling: Some(ceiling) }
    }

    /// What only Rapport answers: writes (a server that skipped validation, rules, the
    /// search index, the audit trail and the record events would not do the same
    /// work), the search (its index is Rapport's), the timeline and the web pages; these
    /// are held to issue 21's absolute targets.
    fn alone(key: &'static str, name: &'static str, target: &Target, calls: Calls) -> Scenario {
        Scenario { key, name, target: target.clone(), rapport: calls, ceiling: None }
    }
}

/// The filters of the two-condition list: lead sources and genders in turn.
const FILTERS: [(&str, &str); 4] =
    [("referral", "female"), ("website", "male"), ("event", "female"), ("partner", "male")];

/// Text as a query-string value.
fn encoded(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).map(|s| s.trim_start_matches('=').to_owned()).unwrap_or_default()
}

/// The first page of people by name, as both servers answer it.
const PAGE: &str = "/api/v1/people?limit=50&order_by=name";
/// Pages of 200 by name, for the sample.
const PAGE_200: &str = "/api/v1/people?limit=200&order_by=name";

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

fn report(backend: &str, people: u64, args: &HttpArgs, rows: &mut [Measured]) -> String {
    let ms = |s: f64| format!("{:.2}", s * 1000.0);
    let mut out = format!(
        "### {backend}, {} people — over HTTP{}\n\nClosed loop: {} s measured per row after {} s of warm-up. Open loop: requests \
         due at half of Rapport's best closed-loop rate for {} s, latency from when each was due (the schedule keeps \
         time to 1 ms). Load generator, `rapport serve` and the ceiling server on the same machine ({} cores); the API \
         rate limit off for the benchmark's token.\n\n\
         | scenario | load | Rapport req/s | ceiling req/s | Rapport ÷ ceiling | Rapport p50 / p99 / p99.9 ms | ceiling p50 / p99 / p99.9 ms | Rapport statements per request |\n\
         |---|---|---|---|---|---|---|---|\n",
        thousands(people),
        if args.processes > 1 { format!(", {} `rapport serve` processes", args.processes) } else { String::new() },
        args.seconds,
        args.seconds.div_ceil(5),
        args.seconds,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
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
    // The mixed workload's writes, so that a starved writer shows.
    for row in rows.iter_mut().filter(|r| r.key == "mixed") {
        let load =
            row.rate.map_or(format!("closed loop, {} conn.", row.connections), |r| format!("open loop at {r:.0}/s"));
        let mut writes = Outcome { latencies: row.rapport.write_latencies.clone(), ..Outcome::default() };
        out.push_str(&format!(
            "\nMixed, {load}: writes answered {}/s, their p50 / p99 {} / {} ms.",
            thousands(row.rapport.write_rate().round() as u64),
            ms(writes.quantile(0.5)),
            ms(writes.quantile(0.99)),
        ));
    }
    out
}
