//! Any JSON body of `POST /api/v1/{object}/duplicates` → what the duplicates route
//! does before it reads the database: `changes_from_json` in update mode against the
//! caller's view of people and companies, then the filter "any email or phone is one
//! of the record's" (`rapport_model::contact::shared_contacts`, which the route uses:
//! one `in` per contact field, not through the parser) compiled for both databases.
//! Never panics, never overflows the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_fuzz::{callers, compile_on_both};
use rapport_model::value::changes_from_json;
use rapport_model::{Mode, ValueContext};
use serde_json::Value as Json;

fuzz_target!(|bytes: &[u8]| {
    let Ok(Json::Object(input)) = serde_json::from_slice::<Json>(bytes) else { return };
    let ctx = ValueContext { default_region: "GR".into() };
    for caller in callers() {
        for object in [&caller.people, &caller.companies] {
            let Ok(changes) = changes_from_json(object, &input, Mode::Update, &ctx) else { continue };
            if let Some(filter) = rapport_model::contact::shared_contacts(object, &changes.values) {
                compile_on_both(caller, object, Some(filter), Vec::new(), None);
            }
        }
    }
});
