//! A record's timeline as people read it: its activities (calls, meetings, tasks,
//! notes, attachments…) and its field changes, in a fixed number of statements
//! whatever the page size — a page of links, a page of changes, then one list per kind
//! of activity on the page. Only what the caller may read is on it.
//!
//! Entries sit at the time they happen (a call's start, a meeting's, a task's due
//! time: the field the activity's object names as its `when`, else when the activity
//! was put on the timeline). Read whole ([`Part::All`], the API's timeline) it is newest
//! first; the record page reads it in two parts: what is upcoming (open tasks, future
//! meetings), soonest first, pinned above the history, newest first.
//!
//! The history's two sources are merged in one order, (time, kind, key) descending,
//! where activities come before changes of the same instant; a cursor is that triple
//! for the last entry, so each source resumes exactly after it.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rapport_model::filter::{Condition, Filter, Op, Operand};
use rapport_model::{Actor, ObjectDef, Record};
use rapport_store::audit::AuditEntry;
pub use rapport_store::timeline::Part;
use rapport_store::timeline::Window;
use rapport_store::{ListQuery, StoreError};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::Result;

/// What happened.
#[derive(Debug, Clone)]
pub enum What {
    /// An activity on the record: its object's API name and its record.
    Activity { object: String, record: Record },
    /// A field changed: its API name (`owner`/`team` for reassignments), the values
    /// before and after, and who changed it.
    Change { field: String, old: Option<Json>, new: Option<Json>, by: Option<Uuid> },
}

/// One entry of a timeline.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: OffsetDateTime,
    pub what: What,
    /// For an activity whose object has done states (a task): whether it is done.
    pub done: Option<bool>,
}

/// Which entries a timeline read is about (the record page's filters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    Everything,
    /// The activities of one object, by API name.
    Activities(String),
    /// Field changes.
    Changes,
}

/// A read of a timeline: a part of it, maybe of one kind of entry only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineQuery {
    pub part: Part,
    pub only: Only,
}

impl TimelineQuery {
    /// The whole timeline, newest first.
    pub fn all() -> TimelineQuery {
        TimelineQuery { part: Part::All, only: Only::Everything }
    }
}

/// When an activity happens or is due, as its object says (`behaviour.calendar.start`):
/// where it sits on timelines. `None` when the object names no such field or the
/// record leaves it empty.
pub fn when_of(object: &ObjectDef, record: &Record) -> Option<OffsetDateTime> {
    match record.get(object.behaviour.when_field()?) {
        rapport_model::Value::DateTime(t) => Some(*t),
        _ => None,
    }
}

/// Whether an activity is done, for an object with done states (a task done or
/// cancelled); `None` for objects without them (a call, a note).
pub fn done_of(object: &ObjectDef, record: &Record) -> Option<bool> {
    let done = object.behaviour.done()?;
    Some(match record.get(&done.field) {
        rapport_model::Value::Text(value) => done.values.contains(value),
        _ => false,
    })
}

/// A page of a timeline; `next_cursor` is where the following page starts (opaque).
#[derive(Debug, Clone)]
pub struct TimelinePage {
    pub entries: Vec<Entry>,
    pub next_cursor: Option<String>,
}

/// The largest timeline page.
pub const MAX_ENTRIES: u64 = 200;

/// A position in the merged order: activities (rank 1, keyed by id) sort after
/// changes (rank 0, keyed by audit sequence) of the same instant, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Change(i64),
    Activity(Uuid),
}

pub(crate) fn ids_in(ids: &[Uuid]) -> Filter {
    Filter::Cond(Condition {
        path: vec!["id".into()],
        op: Op::In,
        operand: Operand::List(ids.iter().map(Uuid::to_string).collect()),
    })
}

fn encode(at: OffsetDateTime, key: Key) -> String {
    let micros = at.unix_timestamp_nanos() / 1000;
    let text = match key {
        Key::Activity(id) => format!("{micros}.a.{id}"),
        Key::Change(seq) => format!("{micros}.c.{seq}"),
    };
    URL_SAFE_NO_PAD.encode(text)
}

/// A cursor this module made, or `invalid_cursor`: a cursor is refused, never trusted
/// (it only says where to resume; what may be read is decided anew).
fn decode(cursor: &str) -> Result<(OffsetDateTime, Key)> {
    let read = || -> Option<(OffsetDateTime, Key)> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?).ok()?;
        let mut parts = text.splitn(3, '.');
        let nanos = parts.next()?.parse::<i128>().ok()?.checked_mul(1000)?;
        let at = OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
        let key = match (parts.next()?, parts.next()?) {
            ("a", id) => Key::Activity(id.parse().ok()?),
            ("c", seq) => Key::Change(seq.parse().ok()?),
            _ => return None,
        };
        Some((at, key))
    };
    Ok(read().ok_or(StoreError::BadCursor)?)
}

/// The API name a changed column goes by.
fn field_name(object: &ObjectDef, field_id: &str) -> String {
    match field_id {
        "owner_id" => "owner".into(),
        "team_id" => "team".into(),
        id => object.field(id).map_or_else(|| id.to_owned(), |f| f.api_name.clone()),
    }
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
        self.timeline_of(actor, (object, id), &TimelineQuery::all(), cursor, limit).await
    }

    /// A part of the timeline of a record the actor may read: its upcoming entries
    /// soonest first (the first `limit`: no further page), or a page of the others
    /// newest first after `cursor`.
    pub async fn timeline_of(
        &self,
        actor: &Actor,
        record: (&str, Uuid),
        query: &TimelineQuery,
        cursor: Option<&str>,
        limit: u64,
    ) -> Result<TimelinePage> {
        let (object, id) = record;
        let after = cursor.map(decode).transpose()?;
        let limit = limit.clamp(1, MAX_ENTRIES);
        let schema = self.store().schema().await?;
        let window = Window {
            part: query.part,
            now: OffsetDateTime::now_utc(),
            objects: match &query.only {
                Only::Activities(name) => Some(vec![schema.object_by_api(name).map_err(StoreError::from)?.id.clone()]),
                Only::Everything | Only::Changes => None,
            },
        };
        // Where each source resumes: strictly after the cursor in the merged order.
        let (links_before, changes_before) = match after {
            None => (None, None),
            Some((at, Key::Activity(id))) => (Some((at, id)), Some((at, i64::MAX))),
            Some((at, Key::Change(seq))) => (Some((at, Uuid::nil())), Some((at, seq))),
        };
        let links = if query.only == Only::Changes {
            Vec::new()
        } else {
            self.store().timeline_part(actor, record, window, links_before, limit + 1).await?
        };
        let with_changes = query.part != Part::Upcoming && matches!(query.only, Only::Everything | Only::Changes);
        let changes = if with_changes {
            self.store().field_changes(actor, object, id, changes_before, limit + 1).await?
        } else {
            Vec::new()
        };
        let mut merged: Vec<(OffsetDateTime, Key, Option<&AuditEntry>)> = links
            .iter()
            .map(|l| (l.at, Key::Activity(l.activity_id), None))
            .chain(changes.iter().map(|c| (c.at, Key::Change(c.seq), Some(c))))
            .collect();
        if query.part == Part::Upcoming {
            merged.sort_by_key(|m| (m.0, m.1));
        } else {
            merged.sort_by_key(|m| std::cmp::Reverse((m.0, m.1)));
        }
        let has_more = merged.len() as u64 > limit && query.part != Part::Upcoming;
        merged.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_cursor = has_more.then(|| merged.last().map(|(at, key, _)| encode(*at, *key))).flatten();

        let def = schema.object_by_api(object).map_err(StoreError::from)?;
        let activities = self.activity_records(actor, &schema, &links, &merged).await?;
        let entries = merged
            .into_iter()
            .filter_map(|(at, key, change)| match (key, change) {
                (Key::Activity(id), _) => activities.get(&id).map(|(object, record)| Entry {
                    at,
                    done: schema.object_by_api(object).ok().and_then(|def| done_of(def, record)),
                    what: What::Activity { object: object.clone(), record: record.clone() },
                }),
                (Key::Change(_), Some(c)) => Some(Entry {
                    at,
                    done: None,
                    what: What::Change {
                        field: field_name(def, c.field_id.as_deref().unwrap_or_default()),
                        old: c.old_value.clone(),
                        new: c.new_value.clone(),
                        by: c.actor_id,
                    },
                }),
                (Key::Change(_), None) => None,
            })
            .collect();
        Ok(TimelinePage { entries, next_cursor })
    }

    /// How many activities of each object (by API name) are on the timeline of a
    /// record the actor may read, of those the actor may read: one statement.
    pub async fn timeline_kinds(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Vec<(String, i64)>> {
        Ok(self.store().timeline_kinds(actor, (object, id)).await?)
    }

    /// The records of the activities on a page, one list per kind of activity.
    async fn activity_records(
        &self,
        actor: &Actor,
        schema: &rapport_model::Schema,
        links: &[rapport_store::timeline::Link],
        page: &[(OffsetDateTime, Key, Option<&AuditEntry>)],
    ) -> Result<BTreeMap<Uuid, (String, Record)>> {
        let on_page: Vec<Uuid> = page
            .iter()
            .filter_map(|(_, key, _)| match key {
                Key::Activity(id) => Some(*id),
                Key::Change(_) => None,
            })
            .collect();
        let mut by_object: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for link in links.iter().filter(|l| on_page.contains(&l.activity_id)) {
            by_object.entry(link.activity_object.as_str()).or_default().push(link.activity_id);
        }
        let mut records = BTreeMap::new();
        for (object_id, ids) in by_object {
            let Ok(def) = schema.object(object_id) else { continue };
            let query =
                ListQuery { filter: Some(ids_in(&ids)), limit: ids.len().max(1) as u32, ..ListQuery::default() };
            for record in self.list(actor, &def.api_name, query).await?.records {
                records.insert(record.id, (def.api_name.clone(), record));
            }
        }
        Ok(records)
    }
}
