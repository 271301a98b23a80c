//! A task's completion time follows its status: a task that becomes `done` is
//! completed now unless the same write says when; a task that leaves `done` is no
//! longer completed, so its completion time is cleared (reports of work done count
//! by it).

use rapport_model::{ObjectDef, Value};
use rapport_store::conn::BoxFuture;
use rapport_store::rules::{Before, Ctx, WriteKind};

use super::{Rule, RuleResult};

const DONE: &str = "done";

pub struct Completion;

impl Rule for Completion {
    fn before<'a>(&'a self, _: Ctx<'a>, _: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, RuleResult> {
        Box::pin(async move {
            if !matches!(write.kind, WriteKind::Create | WriteKind::Update) {
                return Ok(());
            }
            let Some(Value::Text(status)) = write.changes.values.get("status") else { return Ok(()) };
            let was_done = write.existing.is_some_and(|r| is_done(r.get("status")));
            let done = status == DONE;
            let values = &mut write.changes.values;
            if done && !was_done && values.get("completed_at").is_none_or(Value::is_null) {
                values.insert("completed_at".into(), Value::DateTime(rapport_store::now()));
            } else if was_done && !done {
                values.insert("completed_at".into(), Value::Null);
            }
            Ok(())
        })
    }
}

fn is_done(status: &Value) -> bool {
    matches!(status, Value::Text(s) if s == DONE)
}
