//! The rules behind Home, the page a user's day starts on, beyond plain lists:
//!
//! - **Customers of activities**: the records a page of tasks, meetings or calls is
//!   linked to (a task's person, company or deal), each read within the user's reach.
//! - **Records that need attention** (`behaviour.attention`, declared per object): an
//!   open record of the object's board needs attention when its `past` date is before
//!   today (a deal that should have closed), when nothing is planned on its timeline
//!   (`next_step`: no linked activity of an object with a calendar whose start is still
//!   to come and that is not done), or when it has not changed for `rotting_days` days.
//!   Open means in a stage whose outcome is `open`, when the board's columns are
//!   stages. The rotting days are the object's; a per-stage rotting setting, once
//!   stages have one, is meant to replace them for the records in its stage.
//! - **The team view**: a user whose role changes the team's records of an object
//!   (edit reach of the team or more: a sales manager, an administrator), and who is in
//!   a team, manages that team; a sales rep reads the team's records to help, but edits
//!   only their own, and their Home stays their own. A team is the active members of
//!   the user's teams.
//!
//! Each read is a fixed number of statements, filtered by the user's reach in SQL.

use std::collections::HashMap;

use rapport_model::access::Reach;
use rapport_model::behaviour::outcome;
use rapport_model::filter::{Condition, Filter, Op, Operand};
use rapport_model::{Action, Actor, FieldDef, FieldType, ObjectDef, Record, Schema, SortKey};
use rapport_store::ListQuery;
use rapport_store::linked::{Flag, FlagQuery};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::User;
use crate::crm::Crm;
use crate::error::Result;

/// A record an activity is linked to.
#[derive(Debug, Clone)]
pub struct Linked {
    pub activity_id: Uuid,
    /// The record's object, by API name.
    pub object: String,
    pub record: Record,
}

/// An open record that needs attention, and why (each reason that holds).
#[derive(Debug, Clone)]
pub struct NeedsAttention {
    pub record: Record,
    /// Its `past` date is before today.
    pub past: bool,
    /// Nothing is planned on its timeline.
    pub no_next_step: bool,
    /// It has not changed for the rotting days.
    pub rotting: bool,
}

/// Which records, and when "now" and "today" are (in the user's zone).
#[derive(Debug, Clone)]
pub struct AttentionQuery {
    /// Which of the object's records are looked at (the user's own: `owner[eq]:me`).
    pub filter: Option<Filter>,
    pub now: OffsetDateTime,
    pub today: time::Date,
    pub limit: u32,
}

/// The most records a list of records that need attention holds.
pub const MAX_ATTENTION: u32 = 100;

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn not_in(field: &str, values: &[String]) -> Filter {
    Filter::Cond(Condition { path: vec![field.to_owned()], op: Op::Nin, operand: Operand::List(values.to_vec()) })
}

/// A visible field of `object` by id, by its API name.
fn api_name(object: &ObjectDef, id: &str) -> Option<String> {
    object.field(id).filter(|f| !f.hidden).map(|f| f.api_name.clone())
}

/// The board field of `object` whose columns are stages, with the stage object.
pub fn stage_field<'a>(schema: &'a Schema, object: &'a ObjectDef) -> Option<(&'a FieldDef, &'a ObjectDef)> {
    let board = object.behaviour.board.as_ref()?;
    let field = object.field(board.default.as_deref().or(board.fields.first().map(String::as_str))?)?;
    let stages = schema.object(field.kind.relation_target()?).ok()?;
    stages.behaviour.stages.as_ref()?;
    Some((field, stages))
}

/// For each activity object with a calendar (as the actor sees it), which of its
/// records are a planned next step after `now`: starting from now on, and not done.
fn next_steps(schema: &Schema, now: OffsetDateTime) -> Vec<(String, Filter)> {
    schema
        .all()
        .filter(|o| o.is_activity && !o.hidden)
        .filter_map(|activity| {
            let calendar = activity.behaviour.calendar.as_ref()?;
            let start = api_name(activity, &calendar.start)?;
            let not_done =
                calendar.done.as_ref().and_then(|done| Some(not_in(&api_name(activity, &done.field)?, &done.values)));
            let filter = Filter::all([Some(Filter::cmp(&start, Op::Gte, iso(now))), not_done])?;
            Some((activity.api_name.clone(), filter))
        })
        .collect()
}

/// Whether `actor` manages a team's records of `object`: edits (and reads) more than
/// their own, and is in a team.
pub fn manages_team(actor: &Actor, object_id: &str) -> bool {
    let beyond_own = |action| actor.reach(object_id, action) >= Reach::Team;
    !actor.teams().is_empty() && beyond_own(Action::Edit) && beyond_own(Action::Read)
}

impl Crm {
    /// The records each of `ids` (activities of `activity_object`, an API name) is
    /// linked to and the actor may read, in the order they were linked: a statement
    /// for the links and one per kind of linked record.
    pub async fn linked_records(&self, actor: &Actor, activity_object: &str, ids: &[Uuid]) -> Result<Vec<Linked>> {
        let links = self.store().links_of(actor, activity_object, ids).await?;
        if links.is_empty() {
            return Ok(Vec::new());
        }
        let schema = self.schema(actor).await?;
        let mut by_object: HashMap<&str, Vec<Uuid>> = HashMap::new();
        for link in &links {
            by_object.entry(link.record_object.as_str()).or_default().push(link.record_id);
        }
        let mut records: HashMap<(String, Uuid), Record> = HashMap::new();
        for (object_id, ids) in by_object {
            let Ok(object) = schema.object(object_id) else { continue };
            if object.hidden {
                continue;
            }
            match self.by_ids(actor, &object.api_name, &ids).await {
                Ok(found) => records.extend(found.into_iter().map(|r| ((object.api_name.clone(), r.id), r))),
                // An object the actor may not read links nothing they could open.
                Err(crate::DomainError::Store(rapport_store::StoreError::Forbidden { .. })) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(links
            .into_iter()
            .filter_map(|link| {
                let object = schema.object(&link.record_object).ok()?.api_name.clone();
                let record = records.get(&(object.clone(), link.record_id))?.clone();
                Some(Linked { activity_id: link.activity_id, object, record })
            })
            .collect())
    }

    /// The open records of `object` (API name) that `query` keeps and that need
    /// attention by the object's `attention` rule, the most overdue first (by the
    /// `past` date, then the longest unchanged): a fixed number of statements. None
    /// when the object declares no rule.
    pub async fn needing_attention(
        &self,
        actor: &Actor,
        object: &str,
        query: AttentionQuery,
    ) -> Result<Vec<NeedsAttention>> {
        let schema = self.schema(actor).await?;
        let object = schema.object_by_api(object)?;
        let Some(rule) = object.behaviour.attention.as_ref() else { return Ok(Vec::new()) };
        let mut flags = Vec::new();
        let mut sort = Vec::new();
        let past = rule.past.as_deref().and_then(|id| object.field(id)).filter(|f| !f.hidden);
        if let Some(field) = past {
            let before = match field.kind {
                FieldType::DateTime => iso(query.now),
                _ => query.today.to_string(),
            };
            flags.push(Flag::Matches(Filter::cmp(&field.api_name, Op::Lt, before)));
            sort.push(SortKey::asc(&field.api_name));
        }
        if rule.next_step {
            flags.push(Flag::NothingLinked(next_steps(&schema, query.now)));
        }
        if let Some(days) = rule.rotting_days {
            let since = query.now - time::Duration::days(i64::from(days));
            flags.push(Flag::Matches(Filter::cmp("updated_at", Op::Lt, iso(since))));
        }
        sort.push(SortKey::asc("updated_at"));
        let open = self.open_filter(actor, &schema, object).await?;
        let list = ListQuery {
            filter: Filter::all([query.filter, open]),
            sort,
            limit: query.limit.clamp(1, MAX_ATTENTION),
            ..ListQuery::default()
        };
        let kinds = [past.is_some(), rule.next_step, rule.rotting_days.is_some()];
        let flagged = self.store().flagged(actor, &object.api_name, FlagQuery { list, flags }).await?;
        let ids: Vec<Uuid> = flagged.iter().map(|f| f.id).collect();
        let mut records: HashMap<Uuid, Record> =
            self.by_ids(actor, &object.api_name, &ids).await?.into_iter().map(|r| (r.id, r)).collect();
        Ok(flagged
            .into_iter()
            .filter_map(|f| {
                // The flags come in the order of the rules that are set.
                let mut reasons = f.flags.into_iter();
                let mut next = |set: bool| set && reasons.next().unwrap_or(false);
                let (past, no_next_step, rotting) = (next(kinds[0]), next(kinds[1]), next(kinds[2]));
                Some(NeedsAttention { record: records.remove(&f.id)?, past, no_next_step, rotting })
            })
            .collect())
    }

    /// The filter that keeps the open records of `object`'s board: in a stage whose
    /// outcome is open (one statement; none open keeps nothing), or none (every
    /// record) when the board's columns are not stages.
    pub async fn open_filter(&self, actor: &Actor, schema: &Schema, object: &ObjectDef) -> Result<Option<Filter>> {
        let Some((field, stages)) = stage_field(schema, object) else { return Ok(None) };
        let ids = self.open_stages(actor, stages).await?.into_iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
        Ok(Some(Filter::in_(&field.api_name, ids)))
    }

    /// The open stages of a stage object (its outcome `open`, or all when it says no
    /// outcome), in the board's order: one statement.
    pub async fn open_stages(&self, actor: &Actor, stages: &ObjectDef) -> Result<Vec<Record>> {
        let Some(caps) = &stages.behaviour.stages else { return Ok(Vec::new()) };
        let field_of = |id: &Option<String>| id.as_deref().and_then(|id| api_name(stages, id));
        let query = ListQuery {
            filter: field_of(&caps.outcome).map(|outcome| Filter::eq(&outcome, outcome::OPEN)),
            sort: field_of(&caps.order).map(|order| vec![SortKey::asc(&order)]).unwrap_or_default(),
            limit: rapport_store::page::MAX_LIMIT,
            ..ListQuery::default()
        };
        Ok(self.list(actor, &stages.api_name, query).await?.records)
    }

    /// The active members of the actor's teams, by name: one statement.
    pub async fn team_members(&self, actor: &Actor) -> Result<Vec<User>> {
        let teams = actor.teams().to_vec();
        if teams.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self
            .store()
            .system_read(move |c| Box::pin(async move { rapport_store::users::active_members_of(c, &teams).await }))
            .await?;
        Ok(rows.iter().map(User::from).collect())
    }
}
