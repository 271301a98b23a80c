//! `rapport`: the one binary. Reads configuration (flags, then `RAPPORT_*` environment
//! variables), opens the database through the domain and runs the chosen command.

mod accounts;
mod config;

use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use rapport_domain::Crm;
use rapport_domain::demo::{self, DemoLocale, DemoSize};

use crate::config::DatabaseArgs;

/// jemalloc: measured against glibc's malloc and mimalloc on the HTTP benchmark (pages
/// about 1.7× glibc's at 8 and 32 connections, resident memory the same; mimalloc held
/// more memory and served pages slower). docs/ARCHITECTURE.md records the choice.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(name = "rapport", version, about = "Rapport — an open-source CRM in one binary")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server, API and background work.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Add users, reset passwords, list users.
    User {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(subcommand)]
        command: accounts::UserCommand,
    },
    /// Add teams.
    Team {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(subcommand)]
        command: accounts::TeamCommand,
    },
    /// Make and revoke API tokens.
    Token {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(subcommand)]
        command: accounts::TokenCommand,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Address to listen on.
    #[arg(long, env = "RAPPORT_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Fill an empty database with a demo company first.
    #[arg(long)]
    demo: bool,
    /// Whose demo company: el (Greek), hu (Hungarian), ar (Arabic) or en (the
    /// international mix, the default). Implies --demo.
    #[arg(long, value_name = "LOCALE")]
    demo_locale: Option<DemoLocale>,
    /// The address people open Rapport at (https://crm.example.com): the only origin
    /// allowed to change data, and https makes the session cookie Secure.
    #[arg(long, env = "RAPPORT_PUBLIC_URL")]
    public_url: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs).
    #[arg(long = "trusted-proxy", env = "RAPPORT_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Requests per minute each API token may make (0: no limit).
    #[arg(long, env = "RAPPORT_API_RATE_LIMIT", default_value_t = 600)]
    api_rate_limit: u32,
    /// A secret that lets a scraper read /metrics from another machine
    /// (Authorization: Bearer …); without it /metrics answers loopback only.
    #[arg(long, env = "RAPPORT_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Logs go to standard error: standard output is for what a command answers
    // (`TOKEN=$(rapport token create …)` must capture the token alone).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("RAPPORT_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    match Cli::parse().command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(args) => migrate(args).await,
        Command::User { database, command } => accounts::user(&open(&database).await?, command).await,
        Command::Team { database, command } => accounts::team(&open(&database).await?, command).await,
        Command::Token { database, command } => accounts::token(&open(&database).await?, command).await,
    }
}

async fn open(args: &DatabaseArgs) -> anyhow::Result<Crm> {
    open_with(args.config()).await
}

async fn open_with(config: rapport_domain::DatabaseConfig) -> anyhow::Result<Crm> {
    tracing::info!(database = %config.describe(), "opening the database");
    Crm::open(&config).await.with_context(|| format!("could not open {}", config.describe()))
}

async fn migrate(args: DatabaseArgs) -> anyhow::Result<()> {
    let crm = open(&args).await?;
    println!("{} is migrated and ready ({}).", args.config().describe(), crm.backend_name());
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // A demo's phone numbers are typed and shown as its own country's, unless
    // --default-region says otherwise.
    let demo = (args.demo || args.demo_locale.is_some()).then(|| args.demo_locale.unwrap_or_default());
    let crm = match demo {
        Some(locale) => open_with(args.database.config_in(locale.region())).await?,
        None => open(&args.database).await?,
    };
    // Numbers record events and prunes old ones while the server runs; it ends with
    // the process (each round is one short transaction, so stopping mid-way is safe).
    let upkeep = crm.clone();
    tokio::spawn(async move { upkeep.keep_record_events(rapport_domain::record_events::UPKEEP_EVERY).await });
    // A locale says which demo is wanted, so it asks for one on its own.
    if let Some(locale) = demo {
        load_demo(&crm, locale).await?;
        println!(
            "Phone numbers typed without a country code are read as {}'s (--default-region changes it).",
            crm.default_region()
        );
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("could not listen on {} (is another program using it? set --listen)", args.listen))?;
    let address = listener.local_addr()?;
    println!("Rapport is running at http://{address}/ ({}). Press Ctrl-C to stop.", crm.backend_name());
    let web = rapport_web::WebConfig {
        public_url: args.public_url.clone(),
        trusted_proxies: args.trusted_proxies,
        api_rate_limit: Some(args.api_rate_limit),
        metrics_token: args.metrics_token,
    };
    rapport_web::serve_with(listener, crm, web, shutdown_signal()).await?;
    println!("Rapport stopped.");
    Ok(())
}

async fn load_demo(crm: &Crm, locale: DemoLocale) -> anyhow::Result<()> {
    let started = Instant::now();
    println!("Loading the demo company ({locale})…");
    match demo::load(crm, &DemoSize::default(), locale).await {
        Ok(s) => {
            println!(
                "Demo loaded in {:.1} s: {} companies, {} people, {} leads, {} opportunities, {} activities.",
                started.elapsed().as_secs_f64(),
                s.companies,
                s.people,
                s.leads,
                s.opportunities,
                s.activities
            );
            println!("Sign in as (these passwords are shown only now):");
            for login in &s.logins {
                println!(
                    "  {:<14} {:<34} {}  ({}, {})",
                    login.role, login.email, login.password, login.display_name, login.team
                );
            }
        }
        Err(rapport_domain::DomainError::NotEmpty { people }) => {
            println!("The database already holds {people} people; the demo data was not loaded again.");
            println!(
                "Demo sign-ins ({locale}): {}; a forgotten password is reset with `rapport user password EMAIL`.",
                locale.user_emails().join(", ")
            );
        }
        Err(e) => anyhow::bail!("could not load the demo data: {e} ({e:?})"),
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
