//! Any bytes → JSON → `changes_from_json` for the standard people and companies (as
//! the API and forms take a record), to create and to update: never panics, and what
//! it accepts holds only fields of the object.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_fuzz::callers;
use rapport_model::value::changes_from_json;
use rapport_model::{Mode, ValueContext};
use serde_json::{Map, Value as Json};

fuzz_target!(|bytes: &[u8]| {
    let Ok(Json::Object(input)) = serde_json::from_slice::<Json>(bytes) else { return };
    check(&input);
});

fn check(input: &Map<String, Json>) {
    let ctx = ValueContext { default_region: "GR".into() };
    for caller in callers() {
        for object in [&caller.people, &caller.companies] {
            for mode in [Mode::Create, Mode::Update] {
                if let Ok(changes) = changes_from_json(object, input, mode, &ctx) {
                    for id in changes.values.keys() {
                        assert!(object.field(id).is_some(), "{id} is not a field of {}", object.id);
                    }
                }
            }
        }
    }
}
