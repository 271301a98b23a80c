//! Possible duplicates of a record being typed in (or of a stored one): records the
//! caller may read that share an email or phone with it, then records whose name
//! matches every word of its name through search — sound keys included, so that
//! "Giorgos Papadopoulos" suggests Γιώργος Παπαδόπουλος. Both look-ups are ordinary
//! lists, so the caller's reach and readable fields are in their SQL like in every
//! other read.

use std::collections::BTreeMap;
use std::str::FromStr;

use rapport_model::value::changes_from_json;
use rapport_model::{Actor, Mode, ModelError, ObjectDef, Reason, Record, Value, query_keys, search_keys};
use rapport_store::ListQuery;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::Crm;
use crate::error::Result;

/// The most suggestions one call gives.
pub const MAX_SUGGESTIONS: usize = 10;

/// How many name matches are read before they are narrowed to the name field: the
/// search matches every searchable field, the suggestion only the name.
const NAME_CANDIDATES: u32 = 50;

impl Crm {
    /// Records of `object` the actor may read that may be the same as `input` (the
    /// JSON a create takes; with `"id"` for a stored record, which is never suggested
    /// for itself), at most [`MAX_SUGGESTIONS`], most likely first: records sharing an
    /// email or phone, then records whose name matches every word of the input's name
    /// (the closest names first). Input that a create would refuse is refused with the
    /// same field errors; required fields may be missing.
    pub async fn possible_duplicates(
        &self,
        actor: &Actor,
        object: &str,
        input: &Map<String, Json>,
    ) -> Result<Vec<Record>> {
        let schema = self.schema(actor).await?;
        let view = schema.object_by_api(object).map_err(rapport_store::StoreError::from)?;
        let itself = record_id(input)?;
        let values = changes_from_json(view, input, Mode::Update, self.store().values())
            .map_err(rapport_store::StoreError::from)?
            .values;
        let mut found: Vec<Record> = Vec::new();
        if let Some(filter) = rapport_model::contact::shared_contacts(view, &values) {
            let query = ListQuery { filter: Some(filter), limit: MAX_SUGGESTIONS as u32 + 1, ..ListQuery::default() };
            found.extend(self.list(actor, object, query).await?.records);
        }
        if let Some((field, name)) = label_text(view, &values) {
            let query = ListQuery { q: Some(name.clone()), limit: NAME_CANDIDATES, ..ListQuery::default() };
            let candidates = self.list(actor, object, query).await?.records;
            found.extend(closest_names(&field, &name, candidates));
        }
        Ok(distinct(found, itself))
    }
}

/// The `id` of a stored record the input stands for, if any.
fn record_id(input: &Map<String, Json>) -> Result<Option<Uuid>> {
    let invalid = || rapport_store::StoreError::from(ModelError::invalid("id", Reason::NotAUuid));
    match input.get("id") {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Uuid::from_str(s.trim()).map(Some).map_err(|_| invalid().into()),
        Some(_) => Err(invalid().into()),
    }
}

/// The id of the object's name (label) field and the input's text for it, when the
/// field is searchable and the input names the record.
fn label_text(object: &ObjectDef, values: &BTreeMap<String, Value>) -> Option<(String, String)> {
    let field = object.label_field.as_deref().and_then(|id| object.field(id))?;
    if !field.searchable || field.hidden {
        return None;
    }
    let text = values.get(&field.id)?.search_text();
    (!query_keys(&text).is_empty()).then(|| (field.id.clone(), text))
}

/// The candidates whose name field itself matches every word of `name` (each word a
/// prefix of one of the name's keys, as search matches it), those with more words
/// matching whole first.
fn closest_names(field: &str, name: &str, candidates: Vec<Record>) -> Vec<Record> {
    let words = query_keys(name);
    let mut scored: Vec<(usize, Record)> = candidates
        .into_iter()
        .filter_map(|r| name_score(&words, &r.get(field).search_text()).map(|score| (score, r)))
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, r)| r).collect()
}

/// How many query words equal a key of `label`, or `None` when a word is not even a
/// prefix of one.
fn name_score(words: &[Vec<String>], label: &str) -> Option<usize> {
    let keys = search_keys(label);
    let mut whole = 0;
    for word in words {
        if word.iter().any(|w| keys.contains(w)) {
            whole += 1;
        } else if !word.iter().any(|w| keys.iter().any(|k| k.starts_with(w.as_str()))) {
            return None;
        }
    }
    Some(whole)
}

/// The records in order, each once, without the input's own record, at most
/// [`MAX_SUGGESTIONS`].
fn distinct(found: Vec<Record>, itself: Option<Uuid>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for record in found {
        if Some(record.id) != itself && !out.iter().any(|r| r.id == record.id) {
            out.push(record);
        }
    }
    out.truncate(MAX_SUGGESTIONS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_matches_through_either_key_and_whole_words_score() {
        let words = query_keys("Giorgos Papadop");
        assert_eq!(name_score(&words, "Γιώργος Παπαδόπουλος"), Some(1));
        assert_eq!(name_score(&words, "Giorgos Papadopoulos"), Some(1));
        assert_eq!(name_score(&query_keys("giorgos papadopoulos"), "Γιώργος Παπαδόπουλος"), Some(2));
        assert_eq!(name_score(&words, "Γιώργος Παπαδάκης"), None);
        assert_eq!(name_score(&words, "Nikos Papadopoulos"), None);
    }

    #[test]
    fn a_bad_id_names_the_field() {
        let mut input = Map::new();
        input.insert("id".into(), Json::String("not-an-id".into()));
        let named = |input: &Map<String, Json>| match record_id(input) {
            Err(crate::DomainError::Store(e)) => e.field_errors().iter().map(|f| f.field.clone()).collect(),
            other => vec![format!("{other:?}")],
        };
        assert_eq!(named(&input), vec!["id"]);
        input.insert("id".into(), Json::from(7));
        assert_eq!(named(&input), vec!["id"]);
        input.insert("id".into(), Json::String(Uuid::nil().to_string()));
        assert_eq!(record_id(&input).ok().flatten(), Some(Uuid::nil()));
    }
}
