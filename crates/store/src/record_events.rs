//! Record events: the outbox of record writes. Every write of a record (create, update,
//! delete, restore, purge, a timeline link) appends one event in its own transaction,
//! so an event exists exactly when its write was committed; automation, webhooks,
//! scoring and SLA timers read them in order with a cursor (`position > after`).
//!
//! Writers only append: a row gets an insertion id (`seq`) and no `position`. A *settle*
//! step numbers unnumbered rows later, one settle at a time (under a transaction-level
//! advisory lock on PostgreSQL, on the writer thread on SQLite), so positions become
//! visible only when a settle commits, each batch above every earlier one: a reader
//! paging by position never skips one, whatever order the writers committed in. On
//! PostgreSQL a settle numbers rows in `seq` order only up to the first row whose
//! transaction is not older than every running one
//! (`tx < pg_snapshot_xmin(pg_current_snapshot())`), so an event written after another
//! committed is never numbered before it. docs/RELIABILITY.md has the argument.
//!
//! The settle also prunes settled events older than the retention, in bounded batches,
//! always keeping the newest settled one: positions continue from it.
//!
//! (The security event log is `events.rs`; this one is about records.)

use rapport_model::{Actor, Logical, ModelError, Reason, Schema};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::{Map, Value as Json, json};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::access;
use crate::conn::{Backend, Cell, Conn, Sql};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::table::system_table;
use crate::types::bind;
use crate::types::to_sea;

/// How many days events are kept when nothing else is configured.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
/// Rows one settle numbers, and rows one settle prunes, at most: a settle is one short
/// transaction however far behind it is.
pub const SETTLE_BATCH: i64 = 10_000;
/// The largest page of events.
pub const MAX_LIMIT: u32 = 1_000;
/// Arbitrary, fixed: the advisory lock that serialises settles on PostgreSQL.
const SETTLE_LOCK: i64 = 0x5261_7070_4576_6e74;

const TABLE: &str = EventRow::TABLE;

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Created,
    /// With the fields that changed, each with its old and new value.
    Updated,
    Deleted,
    Restored,
    /// An activity was put on the record's timeline (the event names the activity).
    Linked,
    /// The record was erased for good (after a soft delete).
    Purged,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Created, Kind::Updated, Kind::Deleted, Kind::Restored, Kind::Linked, Kind::Purged];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Created => "created",
            Kind::Updated => "updated",
            Kind::Deleted => "deleted",
            Kind::Restored => "restored",
            Kind::Linked => "linked",
            Kind::Purged => "purged",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// An event to append: its record, its kind, the changed fields by field id
/// (`{"old": …, "new": …}` each) and, for a link, the activity.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub object_id: &'a str,
    pub record_id: Uuid,
    pub kind: Kind,
    pub changes: Option<Json>,
    pub activity: Option<(&'a str, Uuid)>,
}

impl<'a> NewEvent<'a> {
    /// An event without field changes (deleted, restored, purged).
    pub fn bare(object_id: &'a str, record_id: Uuid, kind: Kind) -> Self {
        NewEvent { object_id, record_id, kind, changes: None, activity: None }
    }
}

/// One field's change: `{"old": …, "new": …}` (null for no value).
pub fn field_change(old: Option<Json>, new: Option<Json>) -> Json {
    json!({ "old": old.unwrap_or(Json::Null), "new": new.unwrap_or(Json::Null) })
}

/// The changes of a created record from its values as JSON (`{field_id: value}`, as the
/// create's audit row has them): every field given a value, from null.
pub fn created_changes(values: &Json) -> Option<Json> {
    let Json::Object(values) = values else { return None };
    let changes: Map<String, Json> = values
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), field_change(None, Some(v.clone()))))
        .collect();
    Some(Json::Object(changes))
}

system_table! {
    /// A record event as its table holds it. `seq` is the insertion id and `position`
    /// the place a settle gives it later (both never written by an append); on
    /// PostgreSQL the table also has `tx`, the writer's transaction, by default.
    pub(crate) struct EventRow in "record_events" {
        #[allow(dead_code)]
        seq: i64 = serial,
        position: Option<i64> = serial,
        at: OffsetDateTime,
        actor_id: Option<Uuid>,
        object_id: String,
        record_id: Uuid,
        kind: String,
        changes: Option<Json>,
        activity_object: Option<String>,
        activity_id: Option<Uuid>,
    }
}

impl NewEvent<'_> {
    /// The row an append writes for this event.
    pub(crate) fn row(&self, actor_id: Option<Uuid>, at: OffsetDateTime) -> EventRow {
        EventRow {
            seq: 0,
            position: None,
            at,
            actor_id,
            object_id: self.object_id.to_owned(),
            record_id: self.record_id,
            kind: self.kind.as_str().to_owned(),
            changes: self.changes.clone(),
            activity_object: self.activity.map(|(object, _)| object.to_owned()),
            activity_id: self.activity.map(|(_, id)| id),
        }
    }
}

/// Appends one event in the caller's transaction: one INSERT, no lock.
pub async fn append(conn: &Conn<'_>, actor_id: Option<Uuid>, event: NewEvent<'_>) -> Result<()> {
    conn.execute(&event.row(actor_id, crate::now()).insert(conn.backend())?).await?;
    Ok(())
}

/// Whether any appended event has no position yet (a cheap read: the partial index
/// of unsettled rows).
pub async fn has_unsettled(conn: &Conn<'_>) -> Result<bool> {
    let select =
        Query::select().column("seq").from(TABLE).and_where(Expr::col("position").is_null()).limit(1).to_owned();
    Ok(!conn.query(&select, &[Logical::Integer]).await?.is_empty())
}

/// Whether a settle has work: events to number, or a numbered one past the retention.
async fn needs_settle(conn: &Conn<'_>, keep_days: u32) -> Result<bool> {
    if has_unsettled(conn).await? {
        return Ok(true);
    }
    // The newest event stays however old (positions go on from it): alone, it is no work.
    let Some((low, at)) = oldest(conn).await? else { return Ok(false) };
    Ok(at < cutoff(keep_days) && low < highest_position(conn).await?)
}

/// The time before which numbered events are past a retention of `keep_days`.
fn cutoff(keep_days: u32) -> OffsetDateTime {
    crate::now() - time::Duration::days(i64::from(Ord::max(keep_days, 1)))
}

/// The lowest numbered event: its position and time.
async fn oldest(conn: &Conn<'_>) -> Result<Option<(i64, OffsetDateTime)>> {
    let select = Query::select()
        .columns(["position", "at"])
        .from(TABLE)
        .and_where(Expr::col("position").is_not_null())
        .order_by("position", Order::Asc)
        .limit(1)
        .to_owned();
    let row = conn.query_opt(&select, &[Logical::Integer, Logical::DateTime]).await?;
    Ok(row.and_then(|r| Some((r.first()?.as_i64()?, r.get(1)?.as_datetime()?))))
}

/// What one settle did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    /// Events given a position.
    pub numbered: u64,
    /// Settled events removed for being older than the retention.
    pub pruned: u64,
}

/// The placeholder of the `n`th bound value (1-based) in hand-written SQL.
fn placeholder(b: Backend, n: usize) -> String {
    match b {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${n}"),
    }
}

/// Numbers up to [`SETTLE_BATCH`] unsettled events after the highest position, in
/// insertion order, then prunes settled events older than `keep_days`. Runs as a write
/// (its own transaction); two settles never overlap.
pub async fn settle(conn: &Conn<'_>, keep_days: u32) -> Result<Settled> {
    let b = conn.backend();
    if b == Backend::Postgres {
        // Held to the end of this transaction: the next settle sees this one's positions.
        conn.batch(&format!("SELECT pg_advisory_xact_lock({SETTLE_LOCK})")).await?;
    }
    let top = highest_position(conn).await?;
    let numbered = number(conn, top).await?;
    let top = top + i64::try_from(numbered).unwrap_or(i64::MAX);
    let pruned = prune(conn, top, keep_days).await?;
    Ok(Settled { numbered, pruned })
}

async fn highest_position(conn: &Conn<'_>) -> Result<i64> {
    // The condition lets SQLite answer from the partial index of positions.
    let select = Query::select()
        .expr(Expr::col("position").max())
        .from(TABLE)
        .and_where(Expr::col("position").is_not_null())
        .to_owned();
    let row = conn.query_opt(&select, &[Logical::Integer]).await?;
    Ok(row.and_then(|r| r.first().and_then(Cell::as_i64)).unwrap_or(0))
}

/// Gives the oldest unsettled events (by `seq`) the positions after `top`.
async fn number(conn: &Conn<'_>, top: i64) -> Result<u64> {
    let b = conn.backend();
    // On PostgreSQL, rows in `seq` order up to the first one whose transaction is not
    // older than every running transaction: a committed row waits while an older
    // writer is open, and so does every row after it. Stopping at that row, rather
    // than skipping it, keeps an event that was written after another one committed
    // from being numbered before it (the second of two updates of a record may belong
    // to a transaction that began first).
    let finished = match b {
        Backend::Sqlite => "",
        Backend::Postgres => {
            " AND seq < (SELECT COALESCE(min(seq), 9223372036854775807) FROM record_events \
             WHERE position IS NULL AND tx >= pg_snapshot_xmin(pg_current_snapshot()))"
        }
    };
    let text = format!(
        "UPDATE record_events SET position = {} + next.n FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n \
         FROM record_events WHERE position IS NULL{finished} ORDER BY seq LIMIT {}) AS next \
         WHERE record_events.seq = next.seq",
        placeholder(b, 1),
        placeholder(b, 2),
    );
    let values = sea_query::Values(vec![
        to_sea(b, Logical::Integer, &Cell::Int(top))?,
        to_sea(b, Logical::Integer, &Cell::Int(SETTLE_BATCH))?,
    ]);
    conn.execute_sql(&Sql { text, values }).await
}

/// Removes up to [`SETTLE_BATCH`] settled events older than `keep_days`, starting from
/// the lowest position, but never the one at `top` (the next positions follow it).
async fn prune(conn: &Conn<'_>, top: i64, keep_days: u32) -> Result<u64> {
    let b = conn.backend();
    let cutoff = cutoff(keep_days);
    // Nothing is old enough: the usual case, decided by one index probe.
    let Some((low, _)) = oldest(conn).await?.filter(|(_, at)| *at < cutoff) else { return Ok(0) };
    let int = |i: i64| bind(b, Logical::Integer, &Cell::Int(i));
    let delete = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("position").gte(int(low)?))
        .and_where(Expr::col("position").lt(int(Ord::min(low.saturating_add(SETTLE_BATCH), top))?))
        .and_where(Expr::col("at").lt(bind(b, Logical::DateTime, &Cell::DateTime(cutoff))?))
        .to_owned();
    conn.execute(&delete).await
}

/// An event as read back, with the names the schema gives its object and fields now.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordEvent {
    pub position: i64,
    pub at: OffsetDateTime,
    /// The object's stable id, and its API name now (the id if the object is gone).
    pub object_id: String,
    pub object: String,
    pub record_id: Uuid,
    pub kind: Kind,
    pub actor_id: Option<Uuid>,
    /// Changed fields in field-id order: created (every field given a value) and
    /// updated (only the fields whose value changed); empty for the other kinds.
    pub changes: Vec<FieldChange>,
    /// The activity a `linked` event put on the record's timeline.
    pub activity: Option<Activity>,
}

/// One field of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The stable field id (`owner_id`/`team_id` for reassignments).
    pub field_id: String,
    /// Its API name now (`owner`/`team`; the id if the field is gone).
    pub field: String,
    pub old: Json,
    pub new: Json,
}

/// The activity of a `linked` event.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub object_id: String,
    pub object: String,
    pub id: Uuid,
}

/// A page of events and where the next one starts (`after` of the next call).
#[derive(Debug, Clone, PartialEq)]
pub struct EventPage {
    pub events: Vec<RecordEvent>,
    pub next_after: i64,
}

/// The object a page asks for (by API name) as its id, or a refusal naming the
/// parameter at fault.
fn check(schema: &Schema, after: i64, object: Option<&str>, limit: u32) -> Result<Option<String>> {
    let range = |min: i64, max: i64| Reason::OutOfRange { min: min.to_string(), max: max.to_string() };
    if after < 0 {
        return Err(ModelError::invalid("after", range(0, i64::MAX)).into());
    }
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ModelError::invalid("limit", range(1, i64::from(MAX_LIMIT))).into());
    }
    let Some(name) = object else { return Ok(None) };
    let object = schema
        .object_by_api(name)
        .map_err(|_| ModelError::invalid("object", Reason::UnknownObject { name: name.to_owned() }))?;
    Ok(Some(object.id.clone()))
}

/// Settled events after position `after` (of one object when `object_id` is given),
/// in position order.
pub async fn page(
    conn: &Conn<'_>,
    schema: &Schema,
    after: i64,
    object_id: Option<&str>,
    limit: u32,
) -> Result<EventPage> {
    let b = conn.backend();
    let mut select = EventRow::select();
    select
        .and_where(Expr::col("position").gt(bind(b, Logical::Integer, &Cell::Int(after))?))
        .order_by("position", Order::Asc)
        .limit(u64::from(limit));
    if let Some(object_id) = object_id {
        select.and_where(Expr::col("object_id").eq(bind(b, Logical::Text, &Cell::Text(object_id.to_owned()))?));
    }
    let rows = conn.query(&select, EventRow::KINDS).await?;
    let events =
        rows.into_iter().map(|r| EventRow::decode(r).and_then(|row| row.named(schema))).collect::<Result<Vec<_>>>()?;
    let next_after = events.last().map_or(after, |e| e.position);
    Ok(EventPage { events, next_after })
}

impl EventRow {
    /// The event as the API answers it: objects and fields by API name.
    fn named(self, schema: &Schema) -> Result<RecordEvent> {
        let bad = |what: &str| StoreError::Database(format!("a record event lacks its {what}"));
        let position = self.position.ok_or_else(|| bad("position"))?;
        let kind = Kind::parse(&self.kind).ok_or_else(|| bad("kind"))?;
        let changes = match self.changes {
            Some(Json::Object(map)) => named_changes(schema, &self.object_id, map),
            _ => Vec::new(),
        };
        let activity = match (self.activity_object, self.activity_id) {
            (Some(object_id), Some(id)) => Some(Activity { object: object_name(schema, &object_id), object_id, id }),
            _ => None,
        };
        Ok(RecordEvent {
            position,
            at: self.at,
            object: object_name(schema, &self.object_id),
            object_id: self.object_id,
            record_id: self.record_id,
            kind,
            actor_id: self.actor_id,
            changes,
            activity,
        })
    }
}

fn object_name(schema: &Schema, object_id: &str) -> String {
    schema.object(object_id).map_or_else(|_| object_id.to_owned(), |o| o.api_name.clone())
}

/// The API name a changed column goes by now (as the timeline names them).
fn field_name(schema: &Schema, object_id: &str, field_id: &str) -> String {
    match field_id {
        "owner_id" => "owner".into(),
        "team_id" => "team".into(),
        id => schema
            .object(object_id)
            .ok()
            .and_then(|o| o.field(id))
            .map_or_else(|| id.to_owned(), |f| f.api_name.clone()),
    }
}

fn named_changes(schema: &Schema, object_id: &str, map: Map<String, Json>) -> Vec<FieldChange> {
    map.into_iter()
        .map(|(field_id, change)| {
            let (old, new) = match change {
                Json::Object(mut pair) => {
                    (pair.remove("old").unwrap_or(Json::Null), pair.remove("new").unwrap_or(Json::Null))
                }
                other => (Json::Null, other),
            };
            FieldChange { field: field_name(schema, object_id, &field_id), field_id, old, new }
        })
        .collect()
}

/// Settles at most this many batches per call of [`Store::settle_record_events`], so
/// that one call stays bounded however far behind the events are.
const MAX_ROUNDS: usize = 20;

impl Store {
    /// A page of the record events after position `after` (the previous page's
    /// `next_after`; 0 for the first), of one object (by API name) or of all, for
    /// administrators. Events waiting for a position are settled first (one batch), so
    /// a page is not behind the upkeep loop; on PostgreSQL those that must still wait
    /// for an older open writer come on a later page.
    pub async fn record_events(
        &self,
        actor: &Actor,
        after: i64,
        object: Option<&str>,
        limit: u32,
    ) -> Result<EventPage> {
        access::require_admin(actor, "events")?;
        let object_id = check(self.schema().await?.as_ref(), after, object, limit)?;
        // A read decides whether a write is needed: most calls of a quiet system write
        // nothing.
        if self.inner.db.read(|c| Box::pin(has_unsettled(c))).await? {
            self.settle_once().await?;
        }
        self.read(actor, move |r| {
            Box::pin(async move { page(r.conn, r.schema, after, object_id.as_deref(), limit).await })
        })
        .await
    }

    /// Numbers the events that wait for a position and prunes those older than the
    /// retention, batch by batch (at most [`MAX_ROUNDS`] batches): the upkeep job's
    /// call, which needs no actor since it changes nothing anyone reads but the age of
    /// the oldest event.
    pub async fn settle_record_events(&self) -> Result<Settled> {
        // Reads decide whether there is work: an idle system writes nothing.
        let keep_days = self.inner.event_retention_days;
        if !self.inner.db.read(move |c| Box::pin(needs_settle(c, keep_days))).await? {
            return Ok(Settled::default());
        }
        let mut total = Settled::default();
        for _ in 0..MAX_ROUNDS {
            let round = self.settle_once().await?;
            total.numbered += round.numbered;
            total.pruned += round.pruned;
            let full = |n: u64| n >= SETTLE_BATCH.unsigned_abs();
            if !full(round.numbered) && !full(round.pruned) {
                break;
            }
        }
        Ok(total)
    }

    async fn settle_once(&self) -> Result<Settled> {
        let keep_days = self.inner.event_retention_days;
        self.inner.db.write(move |c| Box::pin(settle(c, keep_days))).await
    }
}
