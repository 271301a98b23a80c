//! Configuration shared by the commands: flags first, then `RAPPORT_*` environment
//! variables, then defaults.

use std::path::PathBuf;

use rapport_domain::DatabaseConfig;

/// The region of phone numbers typed without a country code when none is given.
const DEFAULT_REGION: &str = "GR";

#[derive(clap::Args, Clone)]
pub struct DatabaseArgs {
    /// Data directory: the SQLite database and attached files live here.
    #[arg(long, global = true, env = "RAPPORT_DATA_DIR", default_value = "./rapport-data")]
    pub data_dir: PathBuf,
    /// A postgres:// URL to use PostgreSQL instead of the SQLite file.
    #[arg(long, global = true, env = "RAPPORT_DATABASE_URL")]
    pub database_url: Option<String>,
    /// PostgreSQL connections per process.
    #[arg(long, global = true, env = "RAPPORT_POOL_SIZE", default_value_t = 16)]
    pub pool_size: usize,
    /// Country (ISO 3166 alpha-2) for phone numbers typed without a country code, whose
    /// numbers are also shown in their national format [default: the demo's country
    /// with --demo-locale, else GR].
    #[arg(long, global = true, env = "RAPPORT_DEFAULT_REGION")]
    pub default_region: Option<String>,
    /// Days record events (GET /api/v1/events) are kept before they are pruned.
    #[arg(long, global = true, env = "RAPPORT_EVENT_RETENTION_DAYS", default_value_t = rapport_domain::record_events::DEFAULT_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub event_retention_days: u32,
}

impl DatabaseArgs {
    pub fn config(&self) -> DatabaseConfig {
        self.config_in(DEFAULT_REGION)
    }

    /// The configuration, with `region` for phone numbers unless one was given
    /// (`serve --demo-locale` passes the demo's country).
    pub fn config_in(&self, region: &str) -> DatabaseConfig {
        let region = self.default_region.as_deref().map(str::trim).filter(|r| !r.is_empty()).unwrap_or(region);
        DatabaseConfig {
            url: self.database_url.clone().filter(|u| !u.is_empty()),
            data_dir: self.data_dir.clone(),
            pool_size: self.pool_size,
            default_region: region.to_ascii_uppercase(),
            event_retention_days: self.event_retention_days,
        }
    }
}
