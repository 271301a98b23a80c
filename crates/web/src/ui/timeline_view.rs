//! A record's timeline as its page shows it: filter chips by kind of entry, what is
//! upcoming (open tasks, future meetings) pinned above, then the history, newest
//! first. Entries are rich and drawn from metadata alone: the activity's time (and
//! end or length), its select values as badges, its long texts in full (a call's
//! notes, a meeting's agenda), its attendees, its other short facts; a field change
//! reads "field: old → new".

use std::collections::HashMap;

use rapport_domain::model::access::Reach;
use rapport_domain::model::{Action, FieldDef, FieldType, ObjectDef, Record, Schema, Value};
use rapport_domain::timeline::{Entry, Only, Part, TimelineQuery, What};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::duration;
use super::format::Shown;
use super::page::{UiError, Viewer, urlencode};
use crate::AppState;

/// History entries per page.
const HISTORY_PAGE: u64 = 20;
/// Upcoming entries shown at most (the rest are on their objects' lists).
const UPCOMING_MAX: u64 = 20;
/// The filter value of field changes (activity filters are their objects' API names).
const CHANGES: &str = "changes";

/// A timeline entry as shown.
#[derive(Debug, Clone)]
pub struct EntryView {
    /// The kind of entry, as read (`Call`), and its key (`calls`, `changes`).
    pub kind: String,
    pub kind_key: String,
    /// When it happens, as read (`26 Nov 2026, 14:00–15:00`), and its start in RFC 3339.
    pub when: String,
    pub at_iso: String,
    /// How long it lasts (`5 min`), empty when it does not say.
    pub duration: String,
    /// Its name (empty when it has none: the kind links to it then).
    pub title: String,
    pub href: String,
    /// Its select values (a call's direction and outcome, a task's status).
    pub badges: Vec<String>,
    /// Its other short values, labelled.
    pub facts: Vec<(String, Shown)>,
    /// Its long texts, in full (a call's notes, a note's text).
    pub texts: Vec<String>,
    /// A field change: the field, the value before and after.
    pub change: Option<Change>,
    pub done: bool,
    pub overdue: bool,
}

/// A field change as shown.
#[derive(Debug, Clone)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A filter of the timeline.
pub struct Chip {
    pub label: String,
    /// How many entries it has (in the user's digits); empty when not counted.
    pub count: String,
    /// The record page filtered (without script), and the timeline alone (htmx).
    pub href: String,
    pub fragment: String,
    pub current: bool,
}

/// The timeline block of a record page.
#[derive(Default)]
pub struct TimelineView {
    pub chips: Vec<Chip>,
    pub upcoming: Vec<EntryView>,
    /// The history: its first page.
    pub entries: Vec<EntryView>,
    pub next_href: String,
    /// Whether a filter is on (an empty timeline then says so).
    pub filtered: bool,
}

/// The filter a page's `kind` parameter asks for: an activity object the viewer may
/// read, field changes, or (empty or unknown) everything.
pub fn only_of(schema: &Schema, viewer: &Viewer, kind: Option<&str>) -> Only {
    match kind.map(str::trim).unwrap_or_default() {
        "" => Only::Everything,
        CHANGES => Only::Changes,
        name => match schema.object_by_api(name) {
            Ok(o) if o.is_activity && !o.hidden && viewer.actor().reach(&o.id, Action::Read) != Reach::None => {
                Only::Activities(o.api_name.clone())
            }
            _ => Only::Everything,
        },
    }
}

fn kind_param(only: &Only) -> &str {
    match only {
        Only::Everything => "",
        Only::Activities(name) => name,
        Only::Changes => CHANGES,
    }
}

/// The timeline block: the chips, the upcoming entries and the history's first page.
pub async fn load(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    id: Uuid,
    only: &Only,
) -> Result<TimelineView, UiError> {
    let record = (object.api_name.as_str(), id);
    let upcoming = TimelineQuery { part: Part::Upcoming, only: only.clone() };
    let (kinds, upcoming, (entries, next_href)) = tokio::try_join!(
        async { Ok::<_, UiError>(state.crm.timeline_kinds(viewer.actor(), &object.api_name, id).await?) },
        async { Ok(state.crm.timeline_of(viewer.actor(), record, &upcoming, None, UPCOMING_MAX).await?.entries) },
        history_page(state, viewer, object, id, only, None),
    )?;
    let schema = viewer.schema(state).await?;
    Ok(TimelineView {
        chips: chips(viewer, schema, object, id, only, &kinds),
        upcoming: views(viewer, schema, object, &upcoming, &Labels::new()),
        entries,
        next_href,
        filtered: *only != Only::Everything,
    })
}

/// A page of the history after `cursor`, and where the next one is (empty at the end).
pub async fn history_page(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    id: Uuid,
    only: &Only,
    cursor: Option<&str>,
) -> Result<(Vec<EntryView>, String), UiError> {
    let query = TimelineQuery { part: Part::History, only: only.clone() };
    let page = state.crm.timeline_of(viewer.actor(), (&object.api_name, id), &query, cursor, HISTORY_PAGE).await?;
    let labels = change_labels(state, viewer, object, &page.entries).await?;
    let schema = viewer.schema(state).await?;
    let next = page
        .next_cursor
        .map(|c| {
            format!(
                "/o/{}/{id}/timeline?kind={}&cursor={}",
                object.api_name,
                urlencode(kind_param(only)),
                urlencode(&c)
            )
        })
        .unwrap_or_default();
    Ok((views(viewer, schema, object, &page.entries, &labels), next))
}

/// The record's next activity: its soonest upcoming entry (an overdue task first).
pub async fn next_activity(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    id: Uuid,
) -> Result<Option<EntryView>, UiError> {
    let query = TimelineQuery { part: Part::Upcoming, only: Only::Everything };
    let page = state.crm.timeline_of(viewer.actor(), (&object.api_name, id), &query, None, 1).await?;
    let schema = viewer.schema(state).await?;
    Ok(views(viewer, schema, object, &page.entries, &Labels::new()).into_iter().next())
}

/// All, each kind of activity on the timeline (with its count), and field changes.
fn chips(
    viewer: &Viewer,
    schema: &Schema,
    object: &ObjectDef,
    id: Uuid,
    only: &Only,
    kinds: &[(String, i64)],
) -> Vec<Chip> {
    let chip = |label: String, key: &str, count: String, current: bool| Chip {
        label,
        count,
        href: format!("/o/{}/{id}?kind={}#timeline", object.api_name, urlencode(key)),
        fragment: format!("/o/{}/{id}/timeline?kind={}", object.api_name, urlencode(key)),
        current,
    };
    let mut out = vec![chip(viewer.tr.t("timeline-all"), "", String::new(), *only == Only::Everything)];
    let mut present: Vec<&ObjectDef> = schema
        .all()
        .filter(|o| o.is_activity && !o.hidden)
        .filter(|o| kinds.iter().any(|(k, n)| *k == o.api_name && *n > 0) || kind_param(only) == o.api_name)
        .collect();
    present.sort_by_key(|o| (o.behaviour.quick.as_ref().map_or(i32::MAX, |q| q.rank), o.label_plural.clone()));
    for activity in present {
        let count = kinds.iter().find(|(k, _)| *k == activity.api_name).map_or(0, |(_, n)| *n);
        let count = viewer.format.number(rust_decimal::Decimal::from(count));
        let current = kind_param(only) == activity.api_name;
        out.push(chip(activity.label_plural.clone(), &activity.api_name, count, current));
    }
    out.push(chip(viewer.tr.t("timeline-changes"), CHANGES, String::new(), *only == Only::Changes));
    out
}

/// The names of the records field changes point at (a deal's old and new stage), by
/// (object id, id): one statement per related object.
pub async fn change_labels(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    entries: &[Entry],
) -> Result<Labels, UiError> {
    let schema = viewer.schema(state).await?;
    let mut wanted: HashMap<&str, Vec<Uuid>> = HashMap::new();
    for entry in entries {
        let What::Change { field, old, new, .. } = &entry.what else { continue };
        let Some(target) = object.field_by_api(field).ok().and_then(|f| f.kind.relation_target()) else { continue };
        let ids = [old, new].into_iter().flatten().filter_map(|v| v.as_str()?.parse::<Uuid>().ok());
        wanted.entry(target).or_default().extend(ids);
    }
    let mut labels = Labels::new();
    for (target, ids) in wanted {
        let Ok(target_object) = schema.object(target) else { continue };
        for record in state.crm.by_ids(viewer.actor(), &target_object.api_name, &ids).await? {
            labels.insert((target.to_owned(), record.id), viewer.format.label(target_object, &record));
        }
    }
    Ok(labels)
}

/// Names of related records, by (object id, id).
pub type Labels = HashMap<(String, Uuid), String>;

/// Entries as shown; `labels` names the records field changes point at.
pub fn views(
    viewer: &Viewer,
    schema: &Schema,
    object: &ObjectDef,
    entries: &[Entry],
    labels: &Labels,
) -> Vec<EntryView> {
    let now = OffsetDateTime::now_utc();
    entries
        .iter()
        .map(|entry| match &entry.what {
            What::Activity { object: api, record } => match schema.object_by_api(api) {
                Ok(activity) => activity_view(viewer, activity, record, entry, now),
                Err(_) => bare(viewer, api, entry),
            },
            What::Change { field, old, new, .. } => {
                let lookup = |target: &str, id: &Uuid| labels.get(&(target.to_owned(), *id)).cloned();
                let text = |value| change_text(viewer, object, field, value, &lookup);
                let label = object
                    .field_by_api(field)
                    .map(|f| f.label.clone())
                    .unwrap_or_else(|_| viewer.tr.t(&format!("system-{field}")));
                EntryView {
                    kind: viewer.tr.t("timeline-change"),
                    change: Some(Change { field: label, old: text(old), new: text(new) }),
                    ..bare(viewer, CHANGES, entry)
                }
            }
        })
        .collect()
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// An entry whose object the viewer no longer has: its kind and time only.
fn bare(viewer: &Viewer, api: &str, entry: &Entry) -> EntryView {
    EntryView {
        kind: api.to_owned(),
        kind_key: api.to_owned(),
        when: viewer.format.datetime(entry.at),
        at_iso: iso(entry.at),
        duration: String::new(),
        title: String::new(),
        href: String::new(),
        badges: Vec::new(),
        facts: Vec::new(),
        texts: Vec::new(),
        change: None,
        done: false,
        overdue: false,
    }
}

/// The fields an entry shows in its head (its name, when it starts and ends, how long
/// it lasts) rather than among its values.
fn in_head(activity: &ObjectDef) -> Vec<&str> {
    let calendar = activity.behaviour.calendar.as_ref();
    activity
        .label_field
        .as_deref()
        .into_iter()
        .chain(calendar.map(|c| c.start.as_str()))
        .chain(calendar.and_then(|c| c.end.as_deref()))
        .chain(calendar.and_then(|c| c.duration.as_deref()))
        .chain(calendar.and_then(|c| c.attendees.as_deref()))
        .collect()
}

fn activity_view(
    viewer: &Viewer,
    activity: &ObjectDef,
    record: &Record,
    entry: &Entry,
    now: OffsetDateTime,
) -> EntryView {
    let head = in_head(activity);
    let shown: Vec<&FieldDef> =
        activity.visible_fields().filter(|f| !head.contains(&f.id.as_str()) && !record.get(&f.id).is_null()).collect();
    let badges = shown
        .iter()
        .filter(|f| matches!(f.kind, FieldType::Select { .. } | FieldType::MultiSelect { .. }))
        .flat_map(|f| match viewer.format.shown(&viewer.tr, f, record.get(&f.id), &|_, _| None) {
            Shown::Badges(items) => items,
            _ => Vec::new(),
        })
        .collect();
    let texts = shown
        .iter()
        .filter(|f| matches!(f.kind, FieldType::LongText))
        .filter_map(|f| match record.get(&f.id) {
            Value::Text(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            _ => None,
        })
        .collect();
    let mut facts: Vec<(String, Shown)> = attendees(activity, record).into_iter().collect();
    facts.extend(shown.iter().filter(|f| is_fact(f)).map(|f| {
        let value = duration::shown(&viewer.tr, &viewer.format, activity, f, record.get(&f.id), &|_, _| None);
        (f.label.clone(), value)
    }));
    let label = activity.label_field.as_deref().map(|id| record.get(id)).filter(|v| !v.is_null());
    EntryView {
        kind: activity.label.clone(),
        kind_key: activity.api_name.clone(),
        when: when_text(viewer, activity, record, entry.at),
        at_iso: iso(entry.at),
        duration: length(viewer, activity, record),
        title: label.map(|_| viewer.format.label(activity, record)).unwrap_or_default(),
        href: if activity.behaviour.files {
            format!("/files/{}", record.id)
        } else {
            format!("/o/{}/{}", activity.api_name, record.id)
        },
        badges,
        facts,
        texts,
        change: None,
        done: entry.done == Some(true),
        overdue: entry.done == Some(false) && entry.at < now,
    }
}

/// Short values worth a line of their own: not the ones shown as badges or texts, not
/// system-kept ones (a file's storage key), not relations (their page tells them).
fn is_fact(field: &FieldDef) -> bool {
    !field.read_only
        && !matches!(
            field.kind,
            FieldType::Select { .. }
                | FieldType::MultiSelect { .. }
                | FieldType::LongText
                | FieldType::Json
                | FieldType::Relation { .. }
                | FieldType::Attachment
        )
}

/// When an activity happens: its start, with its end when it has one (`14:00–15:00`
/// on the same day); else when it is on the timeline.
fn when_text(viewer: &Viewer, activity: &ObjectDef, record: &Record, at: OffsetDateTime) -> String {
    let calendar = activity.behaviour.calendar.as_ref();
    let time_of = |id: Option<&str>| match id.map(|id| record.get(id)) {
        Some(Value::DateTime(t)) => Some(*t),
        _ => None,
    };
    let start = time_of(calendar.map(|c| c.start.as_str())).unwrap_or(at);
    match time_of(calendar.and_then(|c| c.end.as_deref())) {
        Some(end) if viewer.format.local_date(end) == viewer.format.local_date(start) => {
            format!("{}–{}", viewer.format.datetime(start), viewer.format.time(end))
        }
        Some(end) => format!("{} – {}", viewer.format.datetime(start), viewer.format.datetime(end)),
        None => viewer.format.datetime(start),
    }
}

/// How long an activity lasts, by its duration field (`5 min`).
fn length(viewer: &Viewer, activity: &ObjectDef, record: &Record) -> String {
    let field = activity.behaviour.calendar.as_ref().and_then(|c| c.duration.as_deref());
    match field.map(|id| record.get(id)) {
        Some(Value::Integer(seconds)) => duration::text(&viewer.tr, *seconds),
        _ => String::new(),
    }
}

/// Who takes part, by the field the calendar names: a list of names, emails or
/// objects holding them, or text.
fn attendees(activity: &ObjectDef, record: &Record) -> Option<(String, Shown)> {
    let id = activity.behaviour.calendar.as_ref()?.attendees.as_deref()?;
    let field = activity.visible_fields().find(|f| f.id == id)?;
    let names = match record.get(id) {
        Value::Json(Json::Array(items)) => items.iter().filter_map(attendee_name).collect::<Vec<_>>().join(", "),
        Value::Json(Json::String(text)) | Value::Text(text) => text.trim().to_owned(),
        _ => String::new(),
    };
    (!names.is_empty()).then(|| (field.label.clone(), Shown::Text(names)))
}

fn attendee_name(item: &Json) -> Option<String> {
    match item {
        Json::String(name) => Some(name.clone()),
        Json::Object(map) => ["name", "display_name", "email"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Json::as_str).filter(|s| !s.trim().is_empty()))
            .map(str::to_owned),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// A value of a field change as the user reads it.
fn change_text(
    viewer: &Viewer,
    object: &ObjectDef,
    field: &str,
    value: &Option<Json>,
    labels: &dyn Fn(&str, &Uuid) -> Option<String>,
) -> String {
    let Some(json) = value.as_ref().filter(|j| !j.is_null()) else { return viewer.tr.t("value-empty") };
    let raw = || json.as_str().map(str::to_owned).unwrap_or_else(|| json.to_string());
    let Ok(def) = object.field_by_api(field) else { return raw() };
    let ctx = rapport_domain::model::ValueContext::default();
    let Ok(value) = rapport_domain::model::value::value_from_json(def, json, &ctx) else { return raw() };
    match duration::shown(&viewer.tr, &viewer.format, object, def, &value, labels) {
        Shown::Text(t) | Shown::Withheld(t) => t,
        Shown::Badges(b) => b.join(", "),
        Shown::Link { text, .. } | Shown::Record { text, .. } => text,
        Shown::Links(l) => l.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(", "),
        Shown::Empty => viewer.tr.t("value-empty"),
    }
}
