//! Any JSON body of `POST /api/v1/{object}/duplicates` → what the duplicates route
//! does before it reads the database: `changes_from_json` in update mode against the
//! caller's view of people and companies, then the filter "any email or phone is one
//! of the record's" (as `shared_contacts` in crates/domain/src/duplicates.rs builds it:
//! one `in` per contact field, not through the parser) compiled for both databases.
//! Never panics, never overflows the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_fuzz::{callers, compile_on_both};
use rapport_model::value::changes_from_json;
use rapport_model::{Condition, ContactKind, Filter, Mode, ObjectDef, Op, Operand, Value, ValueContext};
use serde_json::Value as Json;

fuzz_target!(|bytes: &[u8]| {
    let Ok(Json::Object(input)) = serde_json::from_slice::<Json>(bytes) else { return };
    let ctx = ValueContext { default_region: "GR".into() };
    for caller in callers() {
        for object in [&caller.people, &caller.companies] {
            let Ok(changes) = changes_from_json(object, &input, Mode::Update, &ctx) else { continue };
            if let Some(filter) = shared_contacts(object, &changes.values) {
                compile_on_both(caller, object, Some(filter), Vec::new(), None);
            }
        }
    }
});

/// The duplicates route's contact-point filter (kept in step with `shared_contacts`):
/// one `in` per email or phone field, over the points' normalised values.
fn shared_contacts(object: &ObjectDef, values: &std::collections::BTreeMap<String, Value>) -> Option<Filter> {
    let mut any = Vec::new();
    for field in object.visible_fields() {
        if !matches!(field.kind.contact_kind(), Some(ContactKind::Email | ContactKind::Phone)) {
            continue;
        }
        let Some(Value::Contacts(points)) = values.get(&field.id) else { continue };
        if points.is_empty() {
            continue;
        }
        any.push(Filter::Cond(Condition {
            path: vec![field.api_name.clone()],
            op: Op::In,
            operand: Operand::List(points.iter().map(|p| p.normalized.clone()).collect()),
        }));
    }
    (!any.is_empty()).then_some(Filter::Or(any))
}
