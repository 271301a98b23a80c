//! Which activities are on the timelines of many records at once: what a board needs
//! to find the next activity of every card in one statement, never one per card. Only
//! the links are read here; the activities themselves are then listed through the
//! ordinary record path, which decides what the caller may see of them.

use rapport_model::{Actor, Logical};
use sea_query::{Expr, ExprTrait, Query};
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::types::bind;

/// The most records asked about in one call (a board's cards are far fewer).
pub const MOST_RECORDS: usize = 1_000;

/// An activity on a record's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedActivity {
    pub record_id: Uuid,
    /// The activity's object, by id.
    pub activity_object: String,
    pub activity_id: Uuid,
}

/// The live links from `records` of `record_object` (an id) to activities of
/// `activity_objects` (ids).
async fn linked(
    conn: &Conn<'_>,
    record_object: &str,
    records: &[Uuid],
    activity_objects: &[String],
) -> Result<Vec<LinkedActivity>> {
    if records.is_empty() || activity_objects.is_empty() {
        return Ok(Vec::new());
    }
    let b = conn.backend();
    let ids = records.iter().map(|id| bind(b, Logical::Uuid, &Cell::Uuid(*id))).collect::<Result<Vec<_>>>()?;
    let objects =
        activity_objects.iter().map(|o| bind(b, Logical::Text, &Cell::Text(o.clone()))).collect::<Result<Vec<_>>>()?;
    let select = Query::select()
        .columns(["record_id", "activity_object", "activity_id"])
        .from("activity_links")
        .and_where(Expr::col("record_object").eq(bind(b, Logical::Text, &Cell::Text(record_object.into()))?))
        .and_where(Expr::col("record_id").is_in(ids))
        .and_where(Expr::col("activity_object").is_in(objects))
        .and_where(Expr::col("live").eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .to_owned();
    let rows = conn.query(&select, &[Logical::Uuid, Logical::Text, Logical::Uuid]).await?;
    rows.into_iter()
        .map(|row| {
            let mut c = row.into_iter();
            let bad = || StoreError::Database("malformed activity link".into());
            Ok(LinkedActivity {
                record_id: c.next().and_then(|x| x.as_uuid()).ok_or_else(bad)?,
                activity_object: c.next().and_then(Cell::into_text).ok_or_else(bad)?,
                activity_id: c.next().and_then(|x| x.as_uuid()).ok_or_else(bad)?,
            })
        })
        .collect()
}

impl Store {
    /// The activities of `activity_objects` (API names) on the timelines of `records`
    /// of `record_object` (API name), as links: the records must be ones the actor may
    /// read (unreadable ones are left out), and at most [`MOST_RECORDS`] are asked about.
    pub async fn linked_activities(
        &self,
        actor: &Actor,
        record_object: &str,
        records: &[Uuid],
        activity_objects: &[String],
    ) -> Result<Vec<LinkedActivity>> {
        let (name, wanted) = (record_object.to_owned(), activity_objects.to_vec());
        let records: Vec<Uuid> = records.iter().copied().take(MOST_RECORDS).collect();
        self.read(actor, move |r| {
            Box::pin(async move {
                let object = r.object(&name)?;
                let activities = wanted
                    .iter()
                    .filter_map(|api| r.schema.object_by_api(api).ok().map(|o| o.id.clone()))
                    .collect::<Vec<_>>();
                let readable = crate::bulk::live_within(
                    r.conn,
                    r.actor,
                    (&object.table(), &object.id),
                    rapport_model::Action::Read,
                    &records,
                )
                .await?;
                let readable: Vec<Uuid> = readable.into_iter().collect();
                linked(r.conn, &object.id, &readable, &activities).await
            })
        })
        .await
    }
}
