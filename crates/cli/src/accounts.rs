//! `rapport user …`, `rapport team …` and `rapport token …`: the first administrator,
//! password resets and API tokens for scripts, from a shell on the server. These act
//! as the system (whoever runs them can read the database file anyway); the domain
//! still checks every input and records a security event for each change.

use std::io::BufRead;

use anyhow::{Context, bail};
use rapport_domain::model::Actor;
use rapport_domain::{Crm, NewUser, TokenRequest};

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Add a user. Prints a one-time password unless --password-stdin is given.
    Add {
        email: String,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Give the Administrator role.
        #[arg(long)]
        admin: bool,
        /// A role by key or name (sales_manager, sales_rep, service_agent, marketing, read_only); repeatable.
        #[arg(long = "role")]
        roles: Vec<String>,
        /// A team by name; repeatable (`rapport team add` makes one).
        #[arg(long = "team")]
        teams: Vec<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// en, el, hu or ar.
        #[arg(long)]
        locale: Option<String>,
        /// An IANA time zone such as Europe/Athens.
        #[arg(long)]
        time_zone: Option<String>,
    },
    /// Give a user a new one-time password (ends all their sessions).
    Password { email: String },
    /// List the users.
    List,
}

#[derive(clap::Subcommand)]
pub enum TeamCommand {
    /// Add a team.
    Add { name: String },
}

#[derive(clap::Subcommand)]
pub enum TokenCommand {
    /// Make an API token for a user; it is printed once.
    Create {
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        name: String,
        /// The token may read but never change anything.
        #[arg(long)]
        read_only: bool,
        /// Days until the token stops working, 1 or more (default: never).
        #[arg(long, value_parser = whole_days)]
        expires_in_days: Option<u32>,
    },
    /// Revoke a token by its id.
    Revoke { id: uuid::Uuid },
}

/// `--expires-in-days`: a token that expires at once is a mistake, not a token, so 0 is
/// refused rather than rounded up (clap names the flag in the error).
fn whole_days(value: &str) -> Result<u32, String> {
    match value.trim().parse::<u32>() {
        Ok(0) => Err("a token must live at least 1 day (leave the flag out for one that never expires)".into()),
        Ok(days) => Ok(days),
        Err(e) => Err(format!("not a whole number of days ({e})")),
    }
}

/// The moment a token made now with `--expires-in-days days` stops working; an error,
/// not a panic, past the last date the clock can name.
fn expiry(days: u32) -> anyhow::Result<time::OffsetDateTime> {
    time::OffsetDateTime::now_utc().checked_add(time::Duration::days(i64::from(days))).with_context(|| {
        format!(
            "--expires-in-days {days} ends after the year 9999: give fewer days, or leave the flag out for no expiry"
        )
    })
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("could not read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// A domain error as one line a person can act on.
fn explain(e: rapport_domain::DomainError) -> anyhow::Error {
    let fields: Vec<String> = field_errors(&e).into_iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
    if fields.is_empty() { anyhow::anyhow!("{e}") } else { anyhow::anyhow!("{e} ({})", fields.join("; ")) }
}

fn field_errors(e: &rapport_domain::DomainError) -> Vec<rapport_domain::model::FieldError> {
    match e {
        rapport_domain::DomainError::Store(s) => s.field_errors().to_vec(),
        _ => Vec::new(),
    }
}

pub async fn user(crm: &Crm, command: UserCommand) -> anyhow::Result<()> {
    let system = Actor::system();
    match command {
        UserCommand::Add { email, name, admin, mut roles, teams, password_stdin, locale, time_zone } => {
            if admin {
                roles.push("administrator".into());
            }
            if roles.is_empty() {
                bail!(
                    "give the user a role: --admin, or --role KEY (sales_manager, sales_rep, service_agent, marketing, read_only)"
                );
            }
            let password = if password_stdin { Some(read_password()?) } else { None };
            let display_name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
            let new = NewUser { email, display_name, locale, time_zone, roles, teams, password };
            let (user, one_time) = crm.add_user(&system, new).await.map_err(explain)?;
            println!("Added {} ({}).", user.email, user.id);
            if let Some(password) = one_time {
                println!("One-time password (shown once; it must be changed at the first sign-in): {password}");
            }
        }
        UserCommand::Password { email } => {
            let user = crm.user_by_email(&system, &email).await.map_err(explain)?;
            let password = crm.reset_password(&system, user.id).await.map_err(explain)?;
            println!("New one-time password for {} (shown once; every session ended): {password}", user.email);
        }
        UserCommand::List => {
            for user in crm.users(&system).await.map_err(explain)? {
                let state = if user.is_active { "active" } else { "inactive" };
                println!("{}\t{}\t{}\t{state}", user.id, user.email, user.display_name);
            }
        }
    }
    Ok(())
}

pub async fn team(crm: &Crm, command: TeamCommand) -> anyhow::Result<()> {
    match command {
        TeamCommand::Add { name } => {
            let team = crm.create_team(&Actor::system(), &name).await.map_err(explain)?;
            println!("Added team {} ({}).", team.name, team.id);
        }
    }
    Ok(())
}

pub async fn token(crm: &Crm, command: TokenCommand) -> anyhow::Result<()> {
    let system = Actor::system();
    match command {
        TokenCommand::Create { user, name, read_only, expires_in_days } => {
            let expires_at = expires_in_days.map(expiry).transpose()?;
            let user = crm.user_by_email(&system, &user).await.map_err(explain)?;
            let request = TokenRequest { name, read_only, expires_at };
            let token = crm.create_token(&system, user.id, request).await.map_err(explain)?;
            eprintln!("Token {} for {} (shown once; use it as `Authorization: Bearer …`):", token.info.id, user.email);
            println!("{}", token.secret);
        }
        TokenCommand::Revoke { id } => {
            crm.revoke_token(&system, None, id).await.map_err(explain)?;
            println!("Revoked token {id}.");
        }
    }
    Ok(())
}
