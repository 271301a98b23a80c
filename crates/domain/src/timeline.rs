//! A record's timeline as people read it: its activities (calls, meetings, tasks,
//! notes, attachments…) newest first, each with the activity's record, in a fixed
//! number of statements whatever the page size — the page of links, then one list
//! per kind of activity on the page. Only what the caller may read is on it.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rapport_model::filter::{Condition, Filter, Op, Operand};
use rapport_model::{Actor, Record};
use rapport_store::{ListQuery, StoreError};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::Result;

/// One entry: when, which kind of activity (its object's API name), and the activity.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: OffsetDateTime,
    pub object: String,
    pub record: Record,
}

/// A page of a timeline; `next_cursor` is where the following page starts (opaque).
#[derive(Debug, Clone)]
pub struct TimelinePage {
    pub entries: Vec<Entry>,
    pub next_cursor: Option<String>,
}

/// The largest timeline page.
pub const MAX_ENTRIES: u64 = 200;

fn ids_in(ids: &[Uuid]) -> Filter {
    Filter::Cond(Condition {
        path: vec!["id".into()],
        op: Op::In,
        operand: Operand::List(ids.iter().map(Uuid::to_string).collect()),
    })
}

/// The position after an entry: its time (microseconds) and activity id.
fn encode(at: OffsetDateTime, id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{id}", at.unix_timestamp_nanos() / 1000))
}

/// A cursor this module made, or `invalid_cursor`: a cursor is refused, never trusted.
fn decode(cursor: &str) -> Result<(OffsetDateTime, Uuid)> {
    let read = || -> Option<(OffsetDateTime, Uuid)> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?).ok()?;
        let (micros, id) = text.split_once('.')?;
        let nanos = micros.parse::<i128>().ok()?.checked_mul(1000)?;
        Some((OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?, id.parse().ok()?))
    };
    Ok(read().ok_or(StoreError::BadCursor)?)
}

impl Crm {
    /// A page of the timeline of a record the actor may read, newest first, after
    /// `cursor` (the previous page's `next_cursor`).
    pub async fn timeline_page(
        &self,
        actor: &Actor,
        object: &str,
        id: Uuid,
        cursor: Option<&str>,
        limit: u64,
    ) -> Result<TimelinePage> {
        let before = cursor.map(decode).transpose()?;
        let limit = limit.clamp(1, MAX_ENTRIES);
        let mut links = self.timeline(actor, object, id, before, limit + 1).await?;
        let has_more = links.len() as u64 > limit;
        links.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let schema = self.store().schema().await?;
        let mut by_object: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for link in &links {
            by_object.entry(link.activity_object.as_str()).or_default().push(link.activity_id);
        }
        let mut records: BTreeMap<Uuid, (String, Record)> = BTreeMap::new();
        for (object_id, ids) in by_object {
            let Ok(def) = schema.object(object_id) else { continue };
            let query =
                ListQuery { filter: Some(ids_in(&ids)), limit: ids.len().max(1) as u32, ..ListQuery::default() };
            for record in self.list(actor, &def.api_name, query).await?.records {
                records.insert(record.id, (def.api_name.clone(), record));
            }
        }
        let next_cursor = has_more.then(|| links.last().map(|l| encode(l.at, l.activity_id))).flatten();
        let entries = links
            .into_iter()
            .filter_map(|link| {
                records.remove(&link.activity_id).map(|(object, record)| Entry { at: link.at, object, record })
            })
            .collect();
        Ok(TimelinePage { entries, next_cursor })
    }
}
