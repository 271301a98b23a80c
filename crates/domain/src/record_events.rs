//! Record events as the interfaces see them: administrators page through them
//! (`GET /api/v1/events`), and `rapport serve` keeps them settled and within their
//! retention with a small upkeep loop (until the one jobs mechanism of DESIGN §6
//! arrives and takes it over as a scheduled job).

use std::time::Duration;

use rapport_model::Actor;
pub use rapport_store::record_events::{
    Activity, DEFAULT_RETENTION_DAYS, EventPage, FieldChange, Kind, MAX_LIMIT, RecordEvent, Settled,
};

use crate::crm::Crm;
use crate::error::Result;

/// How often the upkeep loop settles and prunes: often enough that a reader rarely
/// finds events to settle itself, rare enough to cost nothing on a quiet system.
pub const UPKEEP_EVERY: Duration = Duration::from_secs(10);

impl Crm {
    /// A page of record events after position `after` (0 for the first page; then the
    /// previous page's `next_after`), of one object (API name) or all; administrators
    /// only. Pages never skip an event: see docs/RELIABILITY.md.
    pub async fn record_events(
        &self,
        actor: &Actor,
        after: i64,
        object: Option<&str>,
        limit: u32,
    ) -> Result<EventPage> {
        Ok(self.store().record_events(actor, after, object, limit).await?)
    }

    /// Numbers waiting events and prunes those past the retention (bounded work).
    pub async fn settle_record_events(&self) -> Result<Settled> {
        Ok(self.store().settle_record_events().await?)
    }

    /// Settles and prunes every `every`, for as long as the process runs; a failure is
    /// logged and the next round tries again.
    pub async fn keep_record_events(&self, every: Duration) {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match self.settle_record_events().await {
                Ok(done) if done.pruned > 0 => tracing::info!(pruned = done.pruned, "old record events pruned"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "settling record events failed"),
            }
        }
    }
}
