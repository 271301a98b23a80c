//! The quick form of an object, as its metadata declares it (`behaviour.quick`): the
//! fields it shows and the values it starts with. A record page's quick actions ("Log
//! call", "Schedule task") and the calendar's form for a new event are this one form.

use rapport_domain::model::access::FieldAccess;
use rapport_domain::model::behaviour::PresetValue;
use rapport_domain::model::{ObjectDef, Schema};
use serde_json::{Map, Value as Json};

use super::duration;
use super::form::{self, Input, Pairs};
use super::page::Viewer;

/// A quick form's inputs, and the errors that belong to no input of it.
pub struct QuickForm {
    pub inputs: Vec<Input>,
    pub error: String,
}

/// The objects a record page offers quick actions for, in their order.
pub fn objects(schema: &Schema) -> Vec<&ObjectDef> {
    let mut out: Vec<&ObjectDef> =
        schema.all().filter(|o| o.is_activity && !o.hidden && o.behaviour.quick.is_some()).collect();
    out.sort_by_key(|o| (o.behaviour.quick.as_ref().map_or(0, |q| q.rank), o.label.clone()));
    out
}

/// The starting values of the form: a call started now, a follow-up due the next
/// morning (each in the viewer's zone).
pub fn presets(viewer: &Viewer, object: &ObjectDef) -> Pairs {
    let Some(quick) = &object.behaviour.quick else { return Vec::new() };
    let now = time::OffsetDateTime::now_utc();
    quick
        .presets
        .iter()
        .filter_map(|preset| {
            let field = object.field(&preset.field)?;
            let value = match &preset.value {
                PresetValue::Text(text) => text.clone(),
                PresetValue::Message(id) => viewer.tr.t(id),
                PresetValue::InMinutes(minutes) => viewer.format.local_input(now + time::Duration::minutes(*minutes)),
                PresetValue::DayAt { days, hour } => {
                    viewer.format.local_input_on(*days, i8::try_from(*hour).unwrap_or(9))
                }
            };
            Some((format!("f.{}", field.api_name), value))
        })
        .collect()
}

/// The API names of the fields the form shows: the quick action's, or else the
/// record's name and, for a calendar object, when it happens.
fn shown(object: &ObjectDef) -> Vec<String> {
    let ids: Vec<String> = match (&object.behaviour.quick, &object.behaviour.calendar) {
        (Some(quick), _) => quick.fields.clone(),
        (None, calendar) => object
            .label_field
            .iter()
            .cloned()
            .chain(calendar.iter().flat_map(|c| [Some(c.start.clone()), c.end.clone(), c.duration.clone()]).flatten())
            .collect(),
    };
    ids.iter().filter_map(|id| object.field(id)).map(|f| f.api_name.clone()).collect()
}

/// The form with `pairs` as its values and `errors` beside its inputs; input ids
/// start with `prefix` (a page may hold several quick forms).
pub fn form(
    viewer: &Viewer,
    object: &ObjectDef,
    pairs: &Pairs,
    errors: &[(String, String)],
    prefix: &str,
) -> QuickForm {
    let shown = shown(object);
    let mut writable = object.clone();
    writable.fields.retain(|f| {
        shown.contains(&f.api_name) && viewer.actor().field_access(&object.id, &f.id) == FieldAccess::ReadWrite
    });
    let pairs = duration::pairs_for_form(object, pairs);
    let mut inputs: Vec<Input> = form::inputs(&writable, &pairs, errors, &|_, _| None, &viewer.format)
        .into_iter()
        .map(|mut i| {
            i.id = format!("{prefix}{}", i.name);
            i
        })
        .collect();
    duration::adapt_inputs(&viewer.tr, object, &mut inputs);
    let error = errors
        .iter()
        .filter(|(f, _)| f.is_empty() || !shown.contains(f))
        .map(|(_, m)| m.clone())
        .collect::<Vec<_>>()
        .join(" ");
    QuickForm { inputs, error }
}

/// What a posted quick form writes: the presets, with what the user typed over them.
/// A duration that cannot be read is passed on as typed, for the domain to refuse.
pub fn input(viewer: &Viewer, object: &ObjectDef, posted: &Pairs) -> Map<String, Json> {
    let posted = duration::pairs_for_write(&viewer.tr, object, posted).unwrap_or_else(|_| posted.clone());
    with_presets(viewer, object, &posted)
}

/// What a posted quick form writes, or the messages beside the inputs that could not
/// be read (a duration that is no duration), before anything is written.
pub fn checked_input(
    viewer: &Viewer,
    object: &ObjectDef,
    posted: &Pairs,
) -> Result<Map<String, Json>, Vec<(String, String)>> {
    let posted = duration::pairs_for_write(&viewer.tr, object, posted)?;
    Ok(with_presets(viewer, object, &posted))
}

fn with_presets(viewer: &Viewer, object: &ObjectDef, posted: &Pairs) -> Map<String, Json> {
    let mut all = presets(viewer, object);
    all.retain(|(k, _)| !posted.iter().any(|(p, _)| p == k));
    all.extend(posted.iter().cloned());
    form::record_input(object, &all, &viewer.format)
}
