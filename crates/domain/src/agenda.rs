//! The next activity of records: the earliest open piece of planned work on each one's
//! timeline — an activity of an object whose metadata declares `behaviour.planned`
//! (tasks by their due time, meetings by their start), not done or cancelled. A board
//! shows it on every card, so it is found for many records at once: one statement
//! for the links, then one list per planned object, whatever the number of records.
//! Only activities the actor may read count.

use std::collections::HashMap;

use rapport_model::filter::{Condition, Filter, Op, Operand};
use rapport_model::{Actor, ObjectDef, Record, Value};
use rapport_store::ListQuery;
use rapport_store::page::MAX_LIMIT;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::Result;
use crate::timeline::ids_in;

/// A record's next activity.
#[derive(Debug, Clone)]
pub struct NextActivity {
    /// The activity's object (API name) and record.
    pub object: String,
    pub record: Record,
    /// When it is due or happens.
    pub when: OffsetDateTime,
}

/// A planned object as the actor sees it: the object, and the API names of its `when`
/// and `done` fields.
struct PlannedObject<'a> {
    object: &'a ObjectDef,
    when: (String, String),
    done: (String, Vec<String>),
}

fn planned(object: &ObjectDef) -> Option<PlannedObject<'_>> {
    let planned = object.behaviour.planned.as_ref().filter(|_| object.is_activity && !object.hidden)?;
    let when = object.field(&planned.when)?;
    let done = object.field(&planned.done.field)?;
    Some(PlannedObject {
        object,
        when: (when.id.clone(), when.api_name.clone()),
        done: (done.api_name.clone(), planned.done.values.clone()),
    })
}

impl PlannedObject<'_> {
    /// The open ones among `ids` that have a time: no done value, or another one.
    fn open_among(&self, ids: &[Uuid]) -> Option<Filter> {
        let (done, values) = &self.done;
        let open = Filter::Or(vec![Filter::is_null(done), Filter::Not(Box::new(Filter::in_(done, values.clone())))]);
        let timed = Filter::Cond(Condition { path: vec![self.when.1.clone()], op: Op::Is, operand: Operand::NotNull });
        Filter::all([Some(ids_in(ids)), Some(open), Some(timed)])
    }

    fn when_of(&self, record: &Record) -> Option<OffsetDateTime> {
        match record.get(&self.when.0) {
            Value::DateTime(t) => Some(*t),
            _ => None,
        }
    }
}

impl Crm {
    /// The next activity of each of `ids` (records of `object`, an API name) that has
    /// one; of two at the same time, the one with the lower id, so the answer is stable.
    pub async fn next_activities(
        &self,
        actor: &Actor,
        object: &str,
        ids: &[Uuid],
    ) -> Result<HashMap<Uuid, NextActivity>> {
        let schema = self.schema(actor).await?;
        let kinds: Vec<PlannedObject<'_>> = schema.all().filter_map(planned).collect();
        if ids.is_empty() || kinds.is_empty() {
            return Ok(HashMap::new());
        }
        let apis: Vec<String> = kinds.iter().map(|k| k.object.api_name.clone()).collect();
        let links = self.store().linked_activities(actor, object, ids, &apis).await?;
        let mut next: HashMap<Uuid, NextActivity> = HashMap::new();
        for kind in &kinds {
            let activity_ids: Vec<Uuid> =
                links.iter().filter(|l| l.activity_object == kind.object.id).map(|l| l.activity_id).collect();
            let open = self.open_activities(actor, kind, &activity_ids).await?;
            for link in links.iter().filter(|l| l.activity_object == kind.object.id) {
                let Some((when, record)) = open.get(&link.activity_id) else { continue };
                let sooner = next.get(&link.record_id).is_none_or(|n| (*when, record.id) < (n.when, n.record.id));
                if sooner {
                    let found =
                        NextActivity { object: kind.object.api_name.clone(), record: record.clone(), when: *when };
                    next.insert(link.record_id, found);
                }
            }
        }
        Ok(next)
    }

    /// The open activities among `ids`, with their time, in lists of at most a page.
    async fn open_activities(
        &self,
        actor: &Actor,
        kind: &PlannedObject<'_>,
        ids: &[Uuid],
    ) -> Result<HashMap<Uuid, (OffsetDateTime, Record)>> {
        let mut open = HashMap::new();
        let mut unique = ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        for chunk in unique.chunks(MAX_LIMIT as usize) {
            let query = ListQuery { filter: kind.open_among(chunk), limit: MAX_LIMIT, ..ListQuery::default() };
            for record in self.list(actor, &kind.object.api_name, query).await?.records {
                if let Some(when) = kind.when_of(&record) {
                    open.insert(record.id, (when, record));
                }
            }
        }
        Ok(open)
    }
}
