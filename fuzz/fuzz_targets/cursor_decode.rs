//! Any text → the store's cursor opening: never panics, and nothing opens that was not
//! sealed under the key. The fuzzer cannot forge a tag, so the checks behind the seal
//! are fuzzed too: input that is a JSON array becomes the keys of a cursor sealed for
//! a sorted list (text, integer, decimal, date, datetime and id keys, NULLs first and
//! last), which the list's first statement must take or refuse as `BadCursor`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_fuzz::{CURSOR_KEY, callers, compile_on_both};
use rapport_model::sort::parse_sort;
use rapport_store::page::{open_cursor, seal_cursor, seal_cursor_for};
use rapport_store::{ListQuery, StoreError};
use serde_json::Value as Json;

const SORTS: [&str; 3] = [
    "name,birthday[desc_nulls_first],created_at",
    "employees[desc],annual_revenue[asc_nulls_first],name",
    "amount,close_date[desc],updated_at[desc]",
];

fuzz_target!(|text: &str| {
    match open_cursor(&CURSOR_KEY, text) {
        Err(StoreError::BadCursor) => {}
        other => panic!("{text:?} opened without being sealed: {other:?}"),
    }
    let Ok(inside) = serde_json::from_str::<Json>(text) else { return };
    if let Ok(sealed) = seal_cursor(&CURSOR_KEY, &inside) {
        match open_cursor(&CURSOR_KEY, &sealed) {
            Ok(opened) => assert_eq!(opened, inside, "a sealed inside comes back as it was"),
            Err(StoreError::BadCursor) => {}
            Err(other) => panic!("{text:?}: {other:?}"),
        }
        assert!(matches!(open_cursor(&[0xa5; 32], &sealed), Err(StoreError::BadCursor)), "another key opened it");
    }
    let Json::Array(keys) = inside else { return };
    for caller in callers() {
        for (object, sort) in [&caller.people, &caller.companies, &caller.opportunities].into_iter().zip(SORTS) {
            let Ok(sort) = parse_sort(sort) else { return };
            let query = ListQuery { sort: sort.clone(), limit: 50, ..ListQuery::default() };
            let Ok(cursor) = seal_cursor_for(&CURSOR_KEY, object, &query, keys.clone()) else { continue };
            compile_on_both(caller, object, None, sort, Some(cursor));
        }
    }
});
