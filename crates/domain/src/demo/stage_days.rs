//! How long the demo's deals have been in their stages, and after how long a stage's
//! deals rot: every deal is made at load time, so without this every card would say
//! "since today" and none would ever rot. Open stages rot after three to six weeks;
//! each deal entered its stage some hours to two months ago, most of them recently, so
//! a few cards of every board rot, as in a real pipeline. A seed of its own keeps the rest of the demo as it was.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_model::Actor;
use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Stage, obj};
use crate::crm::Crm;
use crate::error::Result;

/// Days after which deals rot, for the open stages of a pipeline in turn.
const ROTTING_DAYS: [i64; 3] = [21, 30, 45];

pub(super) async fn age_deals(
    crm: &Crm,
    actor: &Actor,
    stages: &[Stage],
    deals: &[Uuid],
    now: OffsetDateTime,
) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(20_261_127);
    let open = stages.iter().filter(|s| s.kind == "open");
    for (n, stage) in open.enumerate() {
        let days = ROTTING_DAYS[n % ROTTING_DAYS.len()];
        let version = crm.get(actor, "stages", stage.id).await?.version;
        crm.update(actor, "stages", stage.id, version, &obj(json!({ "rotting_days": days }))).await?;
    }
    // Most deals moved recently, a few long ago (the cube of a uniform draw, up to two
    // months): about one in five rots.
    let stamps: Vec<(Uuid, OffsetDateTime)> = deals
        .iter()
        .map(|id| {
            let share: f64 = rng.random::<f64>().powi(3);
            let minutes = (share * 60.0 * 24.0 * 60.0).round() as i64;
            (*id, now - Duration::hours(3) - Duration::minutes(minutes))
        })
        .collect();
    crm.stamp_column_entry(actor, "opportunities", &stamps).await?;
    Ok(())
}
