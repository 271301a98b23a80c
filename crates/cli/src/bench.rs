//! `rapport bench`: benchmark data and measurements (see bench/ and docs/BENCHMARKS.md).

use crate::config::DatabaseArgs;

#[derive(clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    database: DatabaseArgs,
}

pub async fn run(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("the benchmark commands are not built yet")
}
