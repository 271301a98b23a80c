//! Any text → `filter::parse`: never panics; an error points inside the text (a
//! character offset); and what parses prints back to text that parses to the same tree
//! (`print`'s promise: `parse(&print(f)) == Ok(f)` for every `f` that `parse` returns),
//! printed the same way again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_model::filter::{parse, print};

fuzz_target!(|text: &str| {
    match parse(text) {
        Ok(filter) => {
            let printed = print(&filter);
            assert_eq!(printed, filter.to_string(), "Display is print");
            let again = parse(&printed);
            assert_eq!(again.as_ref(), Ok(&filter), "{text:?} printed as {printed:?}");
            assert_eq!(again.map(|f| print(&f)).as_deref(), Ok(printed.as_str()), "print is canonical");
        }
        Err(err) => assert!(err.position <= text.chars().count(), "{text:?}: {err}"),
    }
});
