//! The hook through which business rules run inside the write they guard. The store
//! knows no rule: the domain registers one [`RecordRules`] when it opens the store,
//! and every record write — single and batch creates, updates, upserts, deletes,
//! restores, bulk edits, the bulk path and the units of `Store::transaction` — calls
//! it on the write's own transaction. So a rule holds whichever way a record is
//! written (API, pages, imports, seeding, automation), on both databases, and a
//! refusal ([`RuleError`](rapport_model::RuleError), carried as `StoreError::Rule`)
//! rolls the whole unit back.
//!
//! `before` validates and derives (it may change the values about to be written);
//! `after` makes effects in the same transaction. An effect that writes another
//! record goes through [`Ctx::create`] / [`Ctx::update`], the same record functions,
//! so it gets its own rules and audit rows; it writes with every right in the
//! writer's name (reads stay within the writer's reach: a rule never decides on what
//! the writer may not see).

use std::sync::Arc;

use rapport_model::{Action, Actor, Changes, ObjectDef, Record, Schema};
use uuid::Uuid;

use crate::conn::{BoxFuture, Conn};
use crate::error::{Result, StoreError};
use crate::records;

/// Which write a rule is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    Create,
    Update,
    Delete,
    Restore,
}

/// What a write runs with: its transaction, who writes, the schema the write was
/// validated against, and the rules. Copied into every record function, so that a
/// rule's effects write with the same four.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub conn: &'a Conn<'a>,
    pub actor: &'a Actor,
    pub schema: &'a Schema,
    pub rules: &'a dyn RecordRules,
}

/// A write about to happen: `changes` are the validated values (by field id) that a
/// rule may refuse or add to; `existing` is the record as it is (updates, deletes,
/// restores), read and locked inside the transaction.
pub struct Before<'a> {
    pub kind: WriteKind,
    pub changes: &'a mut Changes,
    pub existing: Option<&'a Record>,
}

/// A write that happened: the record as written and, for a change, as it was.
#[derive(Clone, Copy)]
pub struct Written<'a> {
    pub kind: WriteKind,
    pub record: &'a Record,
    pub previous: Option<&'a Record>,
}

/// Business rules by object. Implemented by the domain's registry.
pub trait RecordRules: Send + Sync {
    /// Whether any rule applies to `object`. The bulk path asks once per call, so
    /// objects without rules keep their set-wise speed.
    fn governs(&self, object: &ObjectDef) -> bool;

    /// Validates and derives before a write; an `Err` refuses it.
    fn before<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, Result<()>>;

    /// Effects of a write, in its transaction; an `Err` rolls the whole unit back.
    fn after<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, written: Written<'a>) -> BoxFuture<'a, Result<()>>;
}

/// The rules of a store opened without any (store tests, tools).
pub struct NoRules;

impl RecordRules for NoRules {
    fn governs(&self, _: &ObjectDef) -> bool {
        false
    }

    fn before<'a>(&'a self, _: Ctx<'a>, _: &'a ObjectDef, _: Before<'a>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }

    fn after<'a>(&'a self, _: Ctx<'a>, _: &'a ObjectDef, _: Written<'a>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// No rules, shared.
pub fn none() -> Arc<dyn RecordRules> {
    Arc::new(NoRules)
}

impl<'a> Ctx<'a> {
    /// An object by its stable id (rules name objects by id, never by API name).
    pub fn object(&self, id: &str) -> Result<&'a ObjectDef> {
        Ok(self.schema.object(id)?)
    }

    /// A live record the actor may read. A rule decides on what the writer may see:
    /// a related record it may not read is unknown to the rule too (and the write's
    /// own relation check refuses it), so a refusal never tells what it holds.
    pub async fn get(&self, object: &str, id: Uuid) -> Result<Option<Record>> {
        let object = self.object(object)?;
        records::get(self.conn, self.actor, object, id, false).await
    }

    /// Creates a record as an effect: validated values, by field id; the record's own
    /// rules and its audit rows apply as to any create. Effects write with every right
    /// in the writer's name ([`Actor::for_effects`]).
    pub async fn create(&self, object: &str, changes: Changes) -> Result<Record> {
        let object = self.object(object)?;
        let actor = self.actor.for_effects();
        records::create(Ctx { actor: &actor, ..*self }, object, changes).await
    }

    /// Updates a record as an effect, whatever version it is at (the unit holds the
    /// row: it was read and locked inside this transaction), as [`Ctx::create`] does.
    pub async fn update(&self, object: &str, id: Uuid, changes: Changes) -> Result<Record> {
        let object = self.object(object)?;
        let actor = self.actor.for_effects();
        let current = records::require(self.conn, &actor, object, id, Action::Edit).await?;
        records::update(Ctx { actor: &actor, ..*self }, object, id, current.version, changes).await
    }
}

/// A rule's refusal names fields by stable id; callers know them by API name.
pub(crate) fn named(object: &ObjectDef, error: StoreError) -> StoreError {
    match error {
        StoreError::Rule(mut rule) => {
            if let Some(field) = rule.field.as_deref().and_then(|id| object.field(id)) {
                rule.field = Some(field.api_name.clone());
            }
            StoreError::Rule(rule)
        }
        other => other,
    }
}
