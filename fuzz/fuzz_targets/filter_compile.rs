//! Any text that parses as a filter → the store's filter compiler, for the standard
//! people, companies and opportunities as a system caller and as a sales rep, into the
//! SQL of both databases: never panics, never overflows the stack, and refuses what it
//! cannot compile with an input error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_fuzz::{callers, compile_on_both};
use rapport_model::filter::parse;

fuzz_target!(|text: &str| {
    let Ok(filter) = parse(text) else { return };
    for caller in callers() {
        for object in [&caller.people, &caller.companies, &caller.opportunities] {
            compile_on_both(caller, object, Some(filter.clone()), Vec::new(), None);
        }
    }
});
