//! A board's cards say how long a record has been in its column, and rot when it has
//! been there too long: the object's `behaviour.board.since` names a read-only
//! date-time field that this rule stamps with the moment of the write whenever the
//! board's default field (a deal's stage) gets another value, and on create. Other
//! edits leave it alone, so "days in stage" counts from the move, not from the last
//! edit. A write that gives the stamp itself (Rapport's own writes: a demo, an import
//! that knows the history) keeps it; people cannot, the field being read-only.

use rapport_model::{ObjectDef, Value};
use rapport_store::conn::BoxFuture;
use rapport_store::rules::{Before, Ctx, WriteKind};

use super::{Rule, RuleResult};

pub struct ColumnSince;

/// The board's field and its stamp, by id, when the object declares both.
fn stamped(object: &ObjectDef) -> Option<(&str, &str)> {
    let board = object.behaviour.board.as_ref()?;
    Some((board.default.as_deref()?, board.since.as_deref()?))
}

impl Rule for ColumnSince {
    fn applies(&self, object: &ObjectDef) -> bool {
        stamped(object).is_some()
    }

    fn before<'a>(&'a self, _: Ctx<'a>, object: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, RuleResult> {
        Box::pin(async move {
            let Some((field, since)) = stamped(object) else { return Ok(()) };
            let values = &mut write.changes.values;
            if values.get(since).is_some_and(|v| !v.is_null()) {
                return Ok(());
            }
            let enters = match (write.kind, write.existing) {
                (WriteKind::Create, _) => true,
                (WriteKind::Update, Some(existing)) => values.get(field).is_some_and(|v| v != existing.get(field)),
                _ => false,
            };
            if enters {
                values.insert(since.to_owned(), Value::DateTime(rapport_store::now()));
            }
            Ok(())
        })
    }
}
