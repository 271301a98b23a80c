//! The sort language of lists: `amount[desc_nulls_last],name[asc]` (DESIGN §4).

use crate::filter::{FilterError, Syntax};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// Field API name (system fields: `created_at`, `updated_at`, `owner`, `team`).
    pub field: String,
    pub descending: bool,
    /// Where empty values go. Default: last, in either direction.
    pub nulls_first: bool,
}

impl SortKey {
    pub fn asc(field: &str) -> Self {
        SortKey { field: field.into(), descending: false, nulls_first: false }
    }
    pub fn desc(field: &str) -> Self {
        SortKey { field: field.into(), descending: true, nulls_first: false }
    }

    fn direction(&self) -> &'static str {
        match (self.descending, self.nulls_first) {
            (false, false) => "asc",
            (false, true) => "asc_nulls_first",
            (true, false) => "desc",
            (true, true) => "desc_nulls_first",
        }
    }
}

/// At most this many keys (the id is added after them).
pub const MAX_SORT_KEYS: usize = 3;

fn error(position: usize, kind: Syntax) -> FilterError {
    FilterError { position, kind }
}

/// Parses `field[dir],field` where dir is asc, desc, asc_nulls_first, asc_nulls_last,
/// desc_nulls_first or desc_nulls_last (asc when absent).
pub fn parse_sort(text: &str) -> Result<Vec<SortKey>, FilterError> {
    let mut keys = Vec::new();
    let mut position = 0;
    for part in text.split(',') {
        let trimmed = part.trim();
        let (field, dir) = match trimmed.split_once('[') {
            Some((field, rest)) => {
                let dir = rest
                    .strip_suffix(']')
                    .ok_or_else(|| error(position + part.chars().count(), Syntax::SortExpectedClose))?;
                (field.trim(), dir.trim())
            }
            None => (trimmed, "asc"),
        };
        if !crate::field::is_valid_name(field) {
            return Err(error(position, Syntax::NotAFieldName { name: field.to_owned() }));
        }
        let (descending, nulls_first) = match dir {
            "asc" | "asc_nulls_last" => (false, false),
            "asc_nulls_first" => (false, true),
            "desc" | "desc_nulls_last" => (true, false),
            "desc_nulls_first" => (true, true),
            other => return Err(error(position, Syntax::UnknownDirection { direction: other.to_owned() })),
        };
        if keys.iter().any(|k: &SortKey| k.field == field) {
            return Err(error(position, Syntax::SortedTwice { name: field.to_owned() }));
        }
        keys.push(SortKey { field: field.into(), descending, nulls_first });
        position += part.chars().count() + 1;
    }
    if keys.len() > MAX_SORT_KEYS {
        return Err(error(0, Syntax::TooManySortKeys { max: MAX_SORT_KEYS }));
    }
    Ok(keys)
}

pub fn print_sort(keys: &[SortKey]) -> String {
    keys.iter().map(|k| format!("{}[{}]", k.field, k.direction())).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let keys = parse_sort("amount[desc_nulls_last],name[asc], stage").unwrap();
        assert_eq!(keys, vec![SortKey::desc("amount"), SortKey::asc("name"), SortKey::asc("stage")]);
        assert_eq!(parse_sort(&print_sort(&keys)).unwrap(), keys);
        let first = parse_sort("close_date[asc_nulls_first]").unwrap();
        assert!(first[0].nulls_first && !first[0].descending);
    }

    /// Found by the `sort_parse` fuzz target: the missing `]` was placed by bytes, past
    /// the end of text with non-ASCII in it. Positions count characters, as the
    /// filter parser's do.
    #[test]
    fn a_missing_bracket_is_placed_by_characters() {
        for text in ["Εees[ a\u{f}\0\0\0\0\0\0\0s[ aed_", "όνομα[asc", "name,ημερ[desc"] {
            let err = parse_sort(text).unwrap_err();
            assert_eq!(err.position, text.chars().count(), "{text:?}: {err}");
        }
    }

    #[test]
    fn rejects_bad_input() {
        for bad in ["", "a[up]", "a[asc", "A", "a,a", "a,b,c,d", "a b"] {
            assert!(parse_sort(bad).is_err(), "{bad}");
        }
    }
}
