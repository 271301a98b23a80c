//! What a user changed in an edit form, and saving only that. An edit form carries
//! the values it was opened with (`o.f.…`, hidden) beside the ones the user sees, so
//! the server can tell the fields the user changed from the ones they left alone:
//! - only changed fields are written, so a field the user never touched is never
//!   rewritten (no rounding a time to the minute, no lost details of an email);
//! - when someone else saved meanwhile, only fields both changed are a conflict: if
//!   theirs and the user's changes touch different fields, both are kept without
//!   asking; if they overlap, the user sees those fields and chooses.

use rapport_domain::model::{FieldDef, ObjectDef, Record};
use serde_json::{Map, Value as Json};

use super::form::{self, Pairs};
use super::format::Format;

/// The prefix of the hidden inputs holding the values a form was opened with.
pub const ORIGINAL: &str = "o.";
/// Present in forms that carry their original values.
pub const HAS_ORIGINAL: &str = "_original";

/// The pairs the user sent, and the values the form was opened with when it carries
/// them.
pub fn split(pairs: &Pairs) -> (Pairs, Option<Pairs>) {
    let mine = pairs.iter().filter(|(k, _)| !k.starts_with(ORIGINAL)).cloned().collect();
    let has_original = pairs.iter().any(|(k, _)| k == HAS_ORIGINAL);
    let original = has_original.then(|| {
        pairs.iter().filter_map(|(k, v)| k.strip_prefix(ORIGINAL).map(|k| (k.to_owned(), v.clone()))).collect()
    });
    (mine, original)
}

/// The hidden inputs that carry `pairs` as a form's original values.
pub fn original_inputs(pairs: &Pairs) -> Pairs {
    pairs.iter().map(|(k, v)| (format!("{ORIGINAL}{k}"), v.clone())).collect()
}

/// The non-empty values a form holds for a field, in order, with their input names.
fn values_of<'a>(pairs: &'a Pairs, field: &FieldDef) -> Vec<(&'a str, &'a str)> {
    let name = format!("f.{}", field.api_name);
    let prefix = format!("{name}.");
    pairs
        .iter()
        .filter(|(k, v)| (*k == name || k.starts_with(&prefix)) && !v.trim().is_empty())
        .map(|(k, v)| (k.as_str(), v.trim()))
        .collect()
}

fn sent(pairs: &Pairs, field: &FieldDef) -> bool {
    let name = format!("f.{}", field.api_name);
    let prefix = format!("{name}.");
    pairs.iter().any(|(k, _)| *k == name || k.starts_with(&prefix))
}

/// The editable fields whose values differ between two forms' pairs.
fn differing<'o>(object: &'o ObjectDef, a: &Pairs, b: &Pairs) -> Vec<&'o FieldDef> {
    object.fields.iter().filter(|f| form::editable(f) && values_of(a, f) != values_of(b, f)).collect()
}

/// The fields the user changed: sent by the form (a form holds only the fields the
/// user may write) and different from the values it was opened with.
pub fn changed_by_user<'o>(object: &'o ObjectDef, mine: &Pairs, original: &Pairs) -> Vec<&'o FieldDef> {
    differing(object, mine, original).into_iter().filter(|f| sent(mine, f)).collect()
}

/// The input to write: the fields the user changed (all fields the form sent when it
/// carries no original values).
pub fn changes(object: &ObjectDef, mine: &Pairs, original: Option<&Pairs>, format: &Format) -> Map<String, Json> {
    match original {
        None => form::record_input(object, mine, format),
        Some(original) => {
            let mut only = object.clone();
            let changed: Vec<String> = changed_by_user(object, mine, original).iter().map(|f| f.id.clone()).collect();
            only.fields.retain(|f| changed.contains(&f.id));
            form::record_input(&only, mine, format)
        }
    }
}

/// Contact points the user kept keep what the form does not show (label, opt-out,
/// which is primary): each sent point whose value matches a stored one takes the
/// stored point's details.
pub fn keep_contact_details(object: &ObjectDef, current: &Record, input: &mut Map<String, Json>) {
    let stored = current.to_json(object);
    for field in object.fields.iter().filter(|f| f.kind.contact_kind().is_some()) {
        let (Some(Json::Array(sent)), Some(Json::Array(before))) =
            (input.get_mut(&field.api_name), stored.get(&field.api_name))
        else {
            continue;
        };
        let same = |a: &Json, b: &Json| {
            let text = |j: &Json| j.get("value").and_then(Json::as_str).map(|s| s.trim().to_lowercase());
            text(a).is_some() && text(a) == text(b)
        };
        let any_primary_kept =
            sent.iter().any(|p| before.iter().any(|b| same(p, b) && b["primary"] == Json::Bool(true)));
        for point in sent.iter_mut() {
            if let Some(old) = before.iter().find(|b| same(point, b)) {
                let mut kept = old.clone();
                if let Some(map) = kept.as_object_mut() {
                    map.remove("normalized");
                }
                *point = kept;
            } else if any_primary_kept {
                // A new point is not primary when a kept one already is.
                point["primary"] = Json::Bool(false);
            }
        }
    }
}

/// The fields both the user and someone else changed since the form was opened:
/// label, the value saved now, the user's value.
pub fn overlap(object: &ObjectDef, mine: &Pairs, original: &Pairs, current: &Pairs) -> Vec<(String, String, String)> {
    let mine_changed = changed_by_user(object, mine, original);
    let theirs_changed = differing(object, current, original);
    mine_changed
        .into_iter()
        .filter(|f| theirs_changed.iter().any(|t| t.id == f.id) && values_of(current, f) != values_of(mine, f))
        .map(|f| {
            let join = |pairs: &Pairs| values_of(pairs, f).iter().map(|(_, v)| *v).collect::<Vec<_>>().join(", ");
            (f.label.clone(), join(current), join(mine))
        })
        .collect()
}
