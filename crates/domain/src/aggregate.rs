//! Totals of lists for boards and summaries: how many records match and the sum of a
//! money field per currency, grouped by a field (a kanban board's columns), within the
//! actor's reach — one statement whatever the number of records (see
//! `rapport_store::aggregate`).

use rapport_model::Actor;
pub use rapport_store::aggregate::{GroupTotals, Totals, TotalsByQuery, TotalsQuery};

use crate::crm::Crm;
use crate::error::Result;

impl Crm {
    /// The totals of the records of `object` that `query` selects and `actor` may read.
    pub async fn totals(&self, actor: &Actor, object: &str, query: TotalsQuery) -> Result<Vec<Totals>> {
        Ok(self.store().totals(actor, object, query).await?)
    }

    /// The totals of the records of `object` that `query` selects and `actor` may read,
    /// grouped by several fields at once (a team's open deals by rep and stage).
    pub async fn totals_by(&self, actor: &Actor, object: &str, query: TotalsByQuery) -> Result<Vec<GroupTotals>> {
        Ok(self.store().totals_by(actor, object, query).await?)
    }
}
