//! A page's state as its address carries it — a list's search, filter, sort and
//! columns; a board's field and group; the calendar's view, date and owner — read from
//! the query string or a posted form (forms carry the state so that their answer shows
//! the same page), and written back as the query string of the links that keep it.
//! One serde shape per page, through `serde_urlencoded`, instead of a parser and a
//! printer per page kept in step by hand.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The state a posted form carries: the last value of a parameter wins (a form may
/// repeat one); parameters the state does not name are the form's own.
pub fn read<T: DeserializeOwned + Default>(pairs: &[(String, String)]) -> T {
    let mut last: Vec<(&str, &str)> = Vec::new();
    for (key, value) in pairs {
        match last.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => last.push((key, value)),
        }
    }
    serde_urlencoded::to_string(&last).ok().and_then(|text| serde_urlencoded::from_str(&text).ok()).unwrap_or_default()
}

/// The query string of a state (its empty parts left out, by the shape's own
/// `skip_serializing_if`).
pub fn query<T: Serialize>(state: &T) -> String {
    serde_urlencoded::to_string(state).unwrap_or_default()
}
