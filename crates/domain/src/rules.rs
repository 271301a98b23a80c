//! The business rules' one home: a registry from object id to the rules of that
//! object, which the store runs inside every record write (`rapport_store::rules`).
//! Each concept's rules live in a file of their own (`rules/opportunity.rs`,
//! `rules/task.rs`) and name objects and fields by their stable ids, never by API
//! name, so renaming a field in the settings never switches a rule off.
//!
//! A rule refuses with a [`RuleError`] (a stable code, a Fluent message id and its
//! arguments, the field it is about): the whole unit of work rolls back, and the API
//! and the pages word it in the caller's language.

pub mod opportunity;
pub mod task;

use std::collections::HashMap;
use std::sync::Arc;

use rapport_model::ObjectDef;
pub use rapport_model::RuleError;
pub use rapport_store::conn::BoxFuture;
use rapport_store::rules::RecordRules;
pub use rapport_store::rules::{Before, Ctx, WriteKind, Written};

/// The result of a rule's hook: a refusal is `StoreError::Rule`.
pub type RuleResult = rapport_store::Result<()>;

/// The rules of one concept, registered for an object. Both hooks run inside the
/// write's transaction: `before` validates the values about to be written and may
/// derive more (it must not write); `after` makes effects, writing other records
/// through `Ctx::create` / `Ctx::update` so that their own rules and audit apply.
pub trait Rule: Send + Sync {
    fn before<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, RuleResult> {
        let _ = (ctx, object, write);
        Box::pin(async { Ok(()) })
    }

    fn after<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, written: Written<'a>) -> BoxFuture<'a, RuleResult> {
        let _ = (ctx, object, written);
        Box::pin(async { Ok(()) })
    }

    /// One of each refusal the rule can make, with sample arguments: a test asks
    /// every language for their messages.
    fn refusals(&self) -> Vec<RuleError> {
        Vec::new()
    }
}

/// Object id → its rules, in the order they were registered.
#[derive(Clone, Default)]
pub struct Rules {
    by_object: HashMap<String, Vec<Arc<dyn Rule>>>,
}

impl Rules {
    /// No rules at all.
    pub fn empty() -> Rules {
        Rules::default()
    }

    /// Rapport's own rules: what every CRM opened with [`crate::Crm::open`] runs.
    pub fn standard() -> Rules {
        Rules::empty().register("opportunity", opportunity::StageInPipeline).register("task", task::Completion)
    }

    /// Adds a rule for the object with stable id `object`; it runs after the rules
    /// registered before it.
    pub fn register(mut self, object: &str, rule: impl Rule + 'static) -> Rules {
        self.by_object.entry(object.to_owned()).or_default().push(Arc::new(rule));
        self
    }

    /// One of each refusal of every registered rule.
    pub fn refusals(&self) -> Vec<RuleError> {
        self.by_object.values().flatten().flat_map(|rule| rule.refusals()).collect()
    }

    fn of(&self, object: &ObjectDef) -> &[Arc<dyn Rule>] {
        self.by_object.get(&object.id).map_or(&[], Vec::as_slice)
    }
}

impl RecordRules for Rules {
    fn governs(&self, object: &ObjectDef) -> bool {
        !self.of(object).is_empty()
    }

    fn before<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, RuleResult> {
        Box::pin(async move {
            let Before { kind, changes, existing } = write;
            for rule in self.of(object) {
                rule.before(ctx, object, Before { kind, changes: &mut *changes, existing }).await?;
            }
            Ok(())
        })
    }

    fn after<'a>(&'a self, ctx: Ctx<'a>, object: &'a ObjectDef, written: Written<'a>) -> BoxFuture<'a, RuleResult> {
        Box::pin(async move {
            for rule in self.of(object) {
                rule.after(ctx, object, written).await?;
            }
            Ok(())
        })
    }
}
