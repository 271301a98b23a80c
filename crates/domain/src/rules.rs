//! The business rules' one home: a registry from object id to the rules of that
//! object, which the store runs inside every record write (`rapport_store::rules`).
//! Each concept's rules live in a file of their own (`rules/opportunity.rs`,
//! `rules/task.rs`) and name objects and fields by their stable ids, never by API
//! name, so renaming a field in the settings never switches a rule off.
//!
//! A rule refuses with a [`RuleError`] (a stable code, a Fluent message id and its
//! arguments, the field it is about): the whole unit of work rolls back, and the API
//! and the pages word it in the caller's language.

pub mod board;
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

    /// Whether the rule holds for `object`: a rule registered for every object
    /// ([`Rules::everywhere`]) holds for those whose metadata asks for it.
    fn applies(&self, object: &ObjectDef) -> bool {
        let _ = object;
        true
    }

    /// One of each refusal the rule can make, with sample arguments: a test asks
    /// every language for their messages.
    fn refusals(&self) -> Vec<RuleError> {
        Vec::new()
    }
}

/// Object id → its rules, in the order they were registered, and the rules that hold
/// for any object whose metadata asks for them (after an object's own).
#[derive(Clone, Default)]
pub struct Rules {
    by_object: HashMap<String, Vec<Arc<dyn Rule>>>,
    everywhere: Vec<Arc<dyn Rule>>,
}

impl Rules {
    /// No rules at all.
    pub fn empty() -> Rules {
        Rules::default()
    }

    /// Rapport's own rules: what every CRM opened with [`crate::Crm::open`] runs.
    pub fn standard() -> Rules {
        Rules::empty()
            .register("opportunity", opportunity::StageInPipeline)
            .register("task", task::Completion)
            .everywhere(board::ColumnSince)
    }

    /// Adds a rule for every object it [applies](Rule::applies) to (a capability in
    /// the object's metadata), whatever its id: custom objects get it too.
    pub fn everywhere(mut self, rule: impl Rule + 'static) -> Rules {
        self.everywhere.push(Arc::new(rule));
        self
    }

    /// Adds a rule for the object with stable id `object`; it runs after the rules
    /// registered before it.
    pub fn register(mut self, object: &str, rule: impl Rule + 'static) -> Rules {
        self.by_object.entry(object.to_owned()).or_default().push(Arc::new(rule));
        self
    }

    /// One of each refusal of every registered rule.
    pub fn refusals(&self) -> Vec<RuleError> {
        self.by_object.values().flatten().chain(&self.everywhere).flat_map(|rule| rule.refusals()).collect()
    }

    fn of<'a>(&'a self, object: &'a ObjectDef) -> impl Iterator<Item = &'a Arc<dyn Rule>> + 'a {
        let own = self.by_object.get(&object.id).map_or(&[][..], Vec::as_slice);
        own.iter().chain(self.everywhere.iter().filter(|rule| rule.applies(object)))
    }
}

impl RecordRules for Rules {
    fn governs(&self, object: &ObjectDef) -> bool {
        self.of(object).next().is_some()
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
