//! Any text → `sort::parse_sort`: never panics; an error points inside the text (a
//! character offset, like the filter parser's); and what parses prints back to text
//! that parses to the same keys.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_model::sort::{MAX_SORT_KEYS, parse_sort, print_sort};

fuzz_target!(|text: &str| {
    match parse_sort(text) {
        Ok(keys) => {
            assert!(!keys.is_empty() && keys.len() <= MAX_SORT_KEYS, "{text:?}: {keys:?}");
            let printed = print_sort(&keys);
            assert_eq!(parse_sort(&printed).as_ref(), Ok(&keys), "{text:?} printed as {printed:?}");
        }
        Err(err) => assert!(err.position <= text.chars().count(), "{text:?}: {err}"),
    }
});
