//! A record's page: a head with its name, key facts, the ways to reach it and its next
//! activity; the quick actions (log a call, add a note, schedule a task or a meeting)
//! and the timeline at its centre; its fields in sections (the empty ones folded
//! away), edited in place with errors beside the fields and conflicts shown rather
//! than overwritten; its related lists beside. On a desktop that is three columns —
//! fields, timeline, related — and on a phone one, the quick actions and the timeline
//! first. Also the new-record form and the inline edit of one list cell.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use rapport_domain::ListQuery;
use rapport_domain::model::access::{FieldAccess, Reach};
use rapport_domain::model::{Action, FieldDef, FieldType, ObjectDef, Record, Schema};
use rapport_domain::timeline::Only;
use serde::Deserialize;
use uuid::Uuid;

use super::avatar::Avatar;
use super::duration;
use super::edit;
use super::form::{self, Input, InputKind, Pairs};
use super::format::Shown;
use super::i18n::Tr;
use super::list::{Row, relation_labels, rows};
use super::page::{Chrome, PageError, PageResult, UiError, Viewer, object_of, redirect, render, render_status};
use super::quick;
use super::record_head::{self, ContactAction, Fact};
use super::timeline_view::{self, EntryView, TimelineView};
use crate::AppState;
use crate::problem::Problem;

/// Records per related list on the page (the rest are a click away).
const RELATED_ROWS: u32 = 10;

/// A section of fields on the record page.
pub struct Section {
    pub title: String,
    pub fields: Vec<(String, Shown)>,
}

/// The record's fields: those with a value in their sections, and the empty ones
/// (folded away behind "Show all fields").
pub struct Fields {
    pub sections: Vec<Section>,
    pub empty: Vec<String>,
}

/// A related list: records of another object pointing at this one.
pub struct Related {
    pub title: String,
    pub href_all: String,
    pub href_new: String,
    pub rows: Vec<Row>,
}

/// A quick-action form.
pub struct Quick {
    pub activity: String,
    pub title: String,
    pub inputs: Vec<Input>,
    pub error: String,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    t: Tr,
    chrome: Chrome,
    object: ObjectDef,
    id: Uuid,
    label: String,
    avatar: Avatar,
    facts: Vec<Fact>,
    actions: Vec<ContactAction>,
    next: Option<EntryView>,
    fields: Fields,
    may_edit: bool,
    may_delete: bool,
    related: Vec<Related>,
    tl: TimelineView,
    quick: Vec<Quick>,
    may_attach: bool,
    /// Whether the next activity is sent out of band (a timeline fragment); not here.
    oob: bool,
}

#[derive(Template)]
#[template(path = "record_form.html")]
struct RecordForm {
    t: Tr,
    /// Where the form posts.
    action: String,
    cancel: String,
    inputs: Vec<Input>,
    version: i64,
    error: String,
    /// Fields someone else changed since the form was opened: label, theirs, yours.
    conflict: Vec<(String, String, String)>,
    /// The values the form was opened with (hidden `o.…` inputs), for edit forms.
    original: Pairs,
    /// Whether the form tells its original values (edit forms; not new records).
    tracked: bool,
    /// Where a new record's form asks for possible duplicates (empty when editing).
    duplicates: String,
}

#[derive(Template)]
#[template(path = "record_new.html")]
struct NewPage {
    t: Tr,
    chrome: Chrome,
    object: ObjectDef,
    form: RecordForm,
}

/// The edit form as a page of its own, for an address opened directly (the record
/// page swaps the form in place).
#[derive(Template)]
#[template(path = "record_edit.html")]
struct EditPage {
    t: Tr,
    chrome: Chrome,
    object: ObjectDef,
    href: String,
    label: String,
    action: String,
    form: RecordForm,
}

/// The timeline block alone (a filter chosen, an activity logged); after a quick
/// action also the head's next activity, swapped in out of band.
#[derive(Template)]
#[template(path = "timeline.html")]
struct TimelineFragment {
    t: Tr,
    tl: TimelineView,
    next: Option<EntryView>,
    oob: bool,
}

/// More of the history.
#[derive(Template)]
#[template(path = "timeline_entries.html")]
struct TimelineMore {
    t: Tr,
    tl: TimelineView,
}

#[derive(Template)]
#[template(path = "quick_form.html")]
struct QuickFragment {
    t: Tr,
    object: ObjectDef,
    id: Uuid,
    q: Quick,
}

#[derive(Template)]
#[template(path = "cell_form.html")]
struct CellForm {
    t: Tr,
    action: String,
    input: Input,
    version: i64,
    error: String,
    /// The field's values when the editor opened (hidden `o.…` inputs).
    original: Pairs,
}

#[derive(Template)]
#[template(path = "cell.html")]
struct CellFragment {
    cell: Shown,
}

fn record_id(text: &str) -> Result<Uuid, UiError> {
    text.parse().map_err(|_| UiError::not_found())
}

async fn load(state: &AppState, viewer: &Viewer, name: &str, id: &str) -> Result<(ObjectDef, Record), UiError> {
    let object = object_of(state, viewer, name).await?;
    let id = record_id(id)?;
    let record = state.crm.get(viewer.actor(), &object.api_name, id).await.map_err(UiError::from)?;
    Ok((object, record))
}

/// Names of the related records a record's relation fields point at.
async fn labels_for(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    records: &[Record],
) -> Result<HashMap<(String, Uuid), String>, UiError> {
    let fields: Vec<&FieldDef> = object.visible_fields().collect();
    relation_labels(state, viewer, &fields, records).await
}

/// The record's fields in their sections, the empty ones apart.
fn fields(viewer: &Viewer, object: &ObjectDef, record: &Record, labels: &HashMap<(String, Uuid), String>) -> Fields {
    let lookup = |target: &str, id: &Uuid| labels.get(&(target.to_owned(), *id)).cloned();
    let mut all: Vec<&FieldDef> = object.visible_fields().collect();
    all.sort_by_key(|f| f.position);
    let mut out = Fields { sections: Vec::new(), empty: Vec::new() };
    for field in all {
        let shown = duration::shown(&viewer.tr, &viewer.format, object, field, record.get(&field.id), &lookup);
        if is_empty(&shown) {
            out.empty.push(field.label.clone());
            continue;
        }
        let title = match &field.section {
            // Standard sections have messages; a custom section's name is shown as given.
            Some(key) if viewer.tr.has(&format!("section-{key}")) => viewer.tr.t(&format!("section-{key}")),
            Some(key) => key.clone(),
            None => viewer.tr.t("record-details"),
        };
        match out.sections.iter_mut().find(|s| s.title == title) {
            Some(section) => section.fields.push((field.label.clone(), shown)),
            None => out.sections.push(Section { title, fields: vec![(field.label.clone(), shown)] }),
        }
    }
    out
}

/// The related lists of a record: for every object with a relation to this one (not
/// activities: those are on the timeline), the first records. One statement each.
async fn related(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    object: &ObjectDef,
    id: Uuid,
) -> Result<Vec<Related>, UiError> {
    let mut out = Vec::new();
    for other in schema.all().filter(|o| !o.hidden && !o.is_activity) {
        if viewer.actor().reach(&other.id, Action::Read) == Reach::None {
            continue;
        }
        for field in other.visible_fields() {
            if field.kind.relation_target() != Some(object.id.as_str()) {
                continue;
            }
            let filter_text = format!("{}[eq]:{id}", field.api_name);
            let Ok(filter) = rapport_domain::model::filter::parse(&filter_text) else { continue };
            let query = ListQuery { filter: Some(filter), limit: RELATED_ROWS, ..ListQuery::default() };
            let page = state.crm.list(viewer.actor(), &other.api_name, query).await?;
            let columns = super::list::columns_of(other, "");
            let shown: Vec<&FieldDef> = columns.into_iter().filter(|f| f.id != field.id).take(3).collect();
            let labels = relation_labels(state, viewer, &shown, &page.records).await?;
            let title =
                if other.fields.iter().filter(|f| f.kind.relation_target() == Some(object.id.as_str())).count() > 1 {
                    format!("{} · {}", other.label_plural, field.label)
                } else {
                    other.label_plural.clone()
                };
            out.push(Related {
                title,
                href_all: format!("/o/{}?filter={}", other.api_name, super::page::urlencode(&filter_text)),
                href_new: format!(
                    "/o/{}/new?{}={id}",
                    other.api_name,
                    super::page::urlencode(&format!("f.{}", field.api_name))
                ),
                rows: rows(viewer, other, &shown, &page.records, &labels),
            });
        }
    }
    Ok(out)
}

fn quick_form(viewer: &Viewer, object: &ObjectDef, pairs: &Pairs, errors: &[(String, String)]) -> Option<Quick> {
    object.behaviour.quick.as_ref().filter(|_| !object.hidden)?;
    if viewer.actor().reach(&object.id, Action::Create) == Reach::None {
        return None;
    }
    let activity = &object.api_name;
    let form = quick::form(viewer, object, pairs, errors, &format!("q-{activity}-"));
    let title_id = format!("quick-{activity}");
    let title = if viewer.tr.has(&title_id) { viewer.tr.t(&title_id) } else { object.label.clone() };
    Some(Quick { activity: activity.clone(), title, inputs: form.inputs, error: form.error })
}

#[derive(Deserialize)]
pub struct KindParam {
    kind: Option<String>,
}

/// `GET /o/{object}/{id}` (`?kind=calls` filters the timeline).
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    Query(params): Query<KindParam>,
) -> PageResult {
    let (object, record) = load(&state, &viewer, &name, &id).await?;
    // Home lists what the user opened last. The note is a write, whose commit the
    // page's reads need not wait for: both go at once. Failing to note it never fails
    // the page.
    let note = state.crm.record_view(viewer.actor(), &object.api_name, record.id);
    let reads = async {
        let schema = viewer.schema(&state).await?;
        let only = timeline_view::only_of(schema, &viewer, params.kind.as_deref());
        let labels = labels_for(&state, &viewer, &object, std::slice::from_ref(&record)).await?;
        let related = related(&state, &viewer, schema, &object, record.id).await?;
        let tl = timeline_view::load(&state, &viewer, &object, record.id, &only).await?;
        // The first upcoming entry is the next activity, unless a filter hides others.
        let next = match only {
            Only::Everything => tl.upcoming.first().cloned(),
            _ => timeline_view::next_activity(&state, &viewer, &object, record.id).await?,
        };
        Ok::<_, UiError>((schema, labels, related, tl, next))
    };
    let (noted, read) = tokio::join!(note, reads);
    if let Err(e) = noted {
        tracing::warn!(error = %e, "could not note a recently viewed record");
    }
    let (schema, labels, related, tl, next) = read?;
    let actor = viewer.actor();
    let quick = if object.is_activity {
        Vec::new()
    } else {
        quick::objects(schema)
            .into_iter()
            .filter_map(|a| quick_form(&viewer, a, &quick::presets(&viewer, a), &[]))
            .collect()
    };
    let lookup = |target: &str, id: &Uuid| labels.get(&(target.to_owned(), *id)).cloned();
    let label = viewer.format.label(&object, &record);
    let page = RecordPage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(&state, &object.api_name).await?,
        id: record.id,
        avatar: Avatar::of(&label),
        label,
        facts: record_head::facts(&viewer, &object, &record, &lookup),
        actions: record_head::contact_actions(&viewer, &object, &record),
        next,
        fields: fields(&viewer, &object, &record, &labels),
        may_edit: actor.may(&object.id, Action::Edit, record.owner_id, record.team_id),
        may_delete: actor.may(&object.id, Action::Delete, record.owner_id, record.team_id),
        related,
        tl,
        quick,
        may_attach: !object.is_activity
            && schema.files_object().is_some_and(|files| actor.reach(&files.id, Action::Create) != Reach::None),
        object,
        oob: false,
    };
    Ok(render(&page))
}

/// `GET /r/{object_id}/{id}`: a record addressed by its object's id (relation values
/// carry the id), sent on to its page.
pub async fn by_object_id(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((object_id, id)): Path<(String, String)>,
) -> PageResult {
    let schema = viewer.schema(&state).await?;
    let object = schema.object(&object_id).map_err(|_| UiError::not_found())?;
    let id = record_id(&id)?;
    Ok(redirect(&format!("/o/{}/{id}", object.api_name), false))
}

fn labels_lookup(labels: &HashMap<(String, Uuid), String>) -> impl Fn(&str, &str) -> Option<String> + '_ {
    move |target, id| id.parse::<Uuid>().ok().and_then(|id| labels.get(&(target.to_owned(), id)).cloned())
}

/// Relation labels for the values a form's pairs hold.
async fn labels_of_pairs(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    pairs: &Pairs,
) -> HashMap<(String, Uuid), String> {
    let schema = match viewer.schema(state).await {
        Ok(s) => s,
        Err(_) => return HashMap::new(),
    };
    let mut labels = HashMap::new();
    for field in object.visible_fields() {
        let FieldType::Relation { target } = &field.kind else { continue };
        let Ok(target_object) = schema.object(target) else { continue };
        let name = format!("f.{}", field.api_name);
        let ids: Vec<Uuid> = pairs.iter().filter(|(k, _)| *k == name).filter_map(|(_, v)| v.parse().ok()).collect();
        if let Ok(found) = state.crm.by_ids(viewer.actor(), &target_object.api_name, &ids).await {
            for record in found {
                labels.insert((target.clone(), record.id), viewer.format.label(target_object, &record));
            }
        }
    }
    labels
}

async fn record_form(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    // Where the form posts, and where cancelling goes: the record, or the list.
    href: String,
    pairs: &Pairs,
    errors: &[(String, String)],
    version: i64,
) -> RecordForm {
    let labels = labels_of_pairs(state, viewer, object, pairs).await;
    // The viewer's object marks the fields their role may only read: forms leave them out.
    let mut inputs =
        form::inputs(object, &duration::pairs_for_form(object, pairs), errors, &labels_lookup(&labels), &viewer.format);
    duration::adapt_inputs(&viewer.tr, object, &mut inputs);
    RecordForm {
        t: viewer.tr.clone(),
        inputs,
        version,
        error: errors.iter().filter(|(f, _)| f.is_empty()).map(|(_, m)| m.clone()).collect::<Vec<_>>().join(" "),
        conflict: Vec::new(),
        original: Pairs::new(),
        tracked: false,
        duplicates: if version == 0 { format!("{href}/duplicates") } else { String::new() },
        action: href.clone(),
        cancel: href,
    }
}

/// `GET /o/{object}/new`, prefilled from the query (`f.company=…` from a related list).
pub async fn new(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(prefill): Query<HashMap<String, String>>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    if viewer.actor().reach(&object.id, Action::Create) == Reach::None {
        return Err(UiError::forbidden().into());
    }
    let mut pairs: Pairs = prefill.into_iter().filter(|(k, _)| k.starts_with("f.")).collect();
    form::new_record_defaults(&object, &mut pairs, state.crm.default_region());
    let base = format!("/o/{}", object.api_name);
    let form = record_form(&state, &viewer, &object, base, &pairs, &[], 0).await;
    let page = NewPage { t: viewer.tr.clone(), chrome: viewer.chrome(&state, &object.api_name).await?, object, form };
    Ok(render(&page))
}

/// `POST /o/{object}`: creates the record and opens it; or the form again with the
/// typed values and the errors beside the fields.
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let base = format!("/o/{}", object.api_name);
    let pairs = match duration::pairs_for_write(&viewer.tr, &object, &pairs) {
        Ok(pairs) => pairs,
        Err(errors) => {
            let form = record_form(&state, &viewer, &object, base, &pairs, &errors, 0).await;
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form));
        }
    };
    let input = form::record_input(&object, &pairs, &viewer.format);
    match state.crm.create(viewer.actor(), &object.api_name, &input).await {
        Ok(record) => Ok(redirect(&format!("/o/{}/{}", object.api_name, record.id), viewer.htmx)),
        Err(e) => {
            let problem = Problem::from(e);
            if problem.status.is_server_error() {
                return Err(problem.into());
            }
            let errors = form::field_messages(&viewer.tr, &problem);
            let form = record_form(&state, &viewer, &object, base, &pairs, &errors, 0).await;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form))
        }
    }
}

/// `GET /o/{object}/{id}/edit`: the edit form, in place of the fields.
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
) -> PageResult {
    let (object, record) = load(&state, &viewer, &name, &id).await?;
    // A form the viewer could not save is not offered (the save would be refused).
    if !viewer.actor().may(&object.id, Action::Edit, record.owner_id, record.team_id) {
        return Err(UiError::forbidden().into());
    }
    let pairs = form::record_pairs(&object, &record, &viewer.format);
    let href = format!("/o/{}/{}", object.api_name, record.id);
    let mut form = record_form(&state, &viewer, &object, href.clone(), &pairs, &[], record.version).await;
    form.original = original_inputs(&object, &pairs);
    form.tracked = true;
    if viewer.htmx {
        return Ok(render(&form));
    }
    let page = EditPage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(&state, &object.api_name).await?,
        label: viewer.format.label(&object, &record),
        action: viewer.tr.t("action-edit"),
        object,
        href,
        form,
    };
    Ok(render(&page))
}

/// The hidden inputs of a form's original values, in the form's units (minutes for a
/// duration, as the user sees it).
fn original_inputs(object: &ObjectDef, pairs: &Pairs) -> Pairs {
    edit::original_inputs(&duration::pairs_for_form(object, pairs))
}

/// The fields both the user and someone else changed, as the form shows them
/// (durations in minutes).
fn overlap_shown(object: &ObjectDef, mine: &Pairs, original: &Pairs, now: &Pairs) -> Vec<(String, String, String)> {
    let shown = |pairs: &Pairs| duration::pairs_for_form(object, pairs);
    edit::overlap(object, &shown(mine), &shown(original), &shown(now))
}

fn version_of(pairs: &Pairs) -> i64 {
    pairs.iter().rev().find(|(k, _)| k == "_version").and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
}

/// The fields where the stored record now differs from what the user sent: label,
/// the stored value, the sent value.
fn conflicts(viewer: &Viewer, object: &ObjectDef, current: &Record, sent: &Pairs) -> Vec<(String, String, String)> {
    let theirs = form::record_pairs(object, current, &viewer.format);
    let mut out = Vec::new();
    for field in object.fields.iter().filter(|f| form::editable(f)) {
        let name = format!("f.{}", field.api_name);
        let pick = |pairs: &Pairs| -> Vec<String> {
            let prefix = format!("{name}.");
            pairs
                .iter()
                .filter(|(k, v)| (*k == name || k.starts_with(&prefix)) && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_owned())
                .collect()
        };
        let sent_here = sent.iter().any(|(k, _)| *k == name || k.starts_with(&format!("{name}.")));
        let (a, b) = (pick(&theirs), pick(sent));
        if sent_here && a != b {
            out.push((field.label.clone(), a.join(", "), b.join(", ")));
        }
    }
    out
}

/// `POST /o/{object}/{id}`: saves what the user changed in the edit form. When
/// someone else saved meanwhile, changes to different fields are both kept; fields
/// both changed are shown side by side and the user keeps theirs or takes the saved
/// values.
pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id = record_id(&id)?;
    let href = format!("/o/{}/{id}", object.api_name);
    let (typed, original) = edit::split(&pairs);
    // Durations are typed in minutes and written in seconds (the originals too, so an
    // untouched one compares equal).
    let original = original.map(|o| duration::pairs_for_write(&viewer.tr, &object, &o).unwrap_or(o));
    let mine = match duration::pairs_for_write(&viewer.tr, &object, &typed) {
        Ok(mine) => mine,
        Err(errors) => {
            let mut form = record_form(&state, &viewer, &object, href, &typed, &errors, version_of(&typed)).await;
            form.original = original.as_ref().map(|o| original_inputs(&object, o)).unwrap_or_default();
            form.tracked = original.is_some();
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form));
        }
    };
    let mut version = version_of(&mine);
    // Twice at most: a save that lost a race to another one looks again.
    for _ in 0..2 {
        let current = state.crm.get(viewer.actor(), &object.api_name, id).await?;
        let mut input = edit::changes(&object, &mine, original.as_ref(), &viewer.format);
        if input.is_empty() {
            return Ok(redirect(&href, viewer.htmx));
        }
        edit::keep_contact_details(&object, &current, &mut input);
        if current.version != version {
            let now = form::record_pairs(&object, &current, &viewer.format);
            let clash = match &original {
                Some(original) => overlap_shown(&object, &mine, original, &now),
                None => conflicts(&viewer, &object, &current, &mine),
            };
            if !clash.is_empty() {
                let errors = vec![(String::new(), viewer.tr.t("record-conflict"))];
                let mut form = record_form(&state, &viewer, &object, href, &mine, &errors, current.version).await;
                form.conflict = clash;
                form.original = original_inputs(&object, &now);
                form.tracked = true;
                return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form));
            }
            version = current.version;
        }
        match state.crm.update(viewer.actor(), &object.api_name, id, version, &input).await {
            Ok(_) => return Ok(redirect(&href, viewer.htmx)),
            Err(e) => {
                let problem = Problem::from(e);
                if problem.code == "version_conflict" {
                    continue;
                }
                if problem.status.is_server_error() || problem.status == StatusCode::NOT_FOUND {
                    return Err(problem.into());
                }
                let errors = form::field_messages(&viewer.tr, &problem);
                let mut form = record_form(&state, &viewer, &object, href, &mine, &errors, version).await;
                form.original = original.as_ref().map(|o| original_inputs(&object, o)).unwrap_or_default();
                form.tracked = original.is_some();
                return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form));
            }
        }
    }
    Err(UiError { status: StatusCode::CONFLICT, detail: viewer.tr.t("record-conflict") }.into())
}

/// `POST /o/{object}/{id}/delete`: moves the record to the bin and goes to the list.
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id = record_id(&id)?;
    state.crm.delete(viewer.actor(), &object.api_name, id, None).await?;
    Ok(redirect(&format!("/o/{}", object.api_name), viewer.htmx))
}

#[derive(Deserialize)]
pub struct TimelineParams {
    kind: Option<String>,
    cursor: Option<String>,
}

/// `GET /o/{object}/{id}/timeline?kind=…`: the timeline block with that filter; with
/// `cursor=…`, the next page of its history.
pub async fn timeline(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    Query(params): Query<TimelineParams>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id = record_id(&id)?;
    let schema = viewer.schema(&state).await?;
    let only = timeline_view::only_of(schema, &viewer, params.kind.as_deref());
    match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(cursor) => {
            let (entries, next_href) =
                timeline_view::history_page(&state, &viewer, &object, id, &only, Some(cursor)).await?;
            let tl = TimelineView { entries, next_href, ..TimelineView::default() };
            Ok(render(&TimelineMore { t: viewer.tr.clone(), tl }))
        }
        None => {
            let tl = timeline_view::load(&state, &viewer, &object, id, &only).await?;
            Ok(render(&TimelineFragment { t: viewer.tr.clone(), tl, next: None, oob: false }))
        }
    }
}

/// The whole timeline again after a quick action, with the head's next activity.
async fn refreshed(state: &AppState, viewer: &Viewer, object: &ObjectDef, id: Uuid) -> PageResult {
    let tl = timeline_view::load(state, viewer, object, id, &Only::Everything).await?;
    let next = tl.upcoming.first().cloned();
    Ok(render(&TimelineFragment { t: viewer.tr.clone(), tl, next, oob: true }))
}

/// `POST /o/{object}/{id}/attach` (multipart, field `file`): stores the file and puts
/// it on the record's timeline; the answer is the refreshed timeline.
pub async fn attach(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    mut multipart: axum::extract::Multipart,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id = record_id(&id)?;
    let bad = |id: &str| PageError::from(UiError::bad_request(viewer.tr.t(id)));
    let mut file = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or("").to_owned();
        let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
        let bytes = field.bytes().await.map_err(|_| bad("attach-too-large"))?;
        file = Some((file_name, content_type, bytes));
    }
    let Some((file_name, content_type, bytes)) = file.filter(|(n, _, b)| !n.is_empty() && !b.is_empty()) else {
        return Err(bad("attach-choose-file"));
    };
    let new = rapport_domain::files::NewFile { file_name: &file_name, content_type: &content_type, bytes: &bytes };
    state.crm.attach(viewer.actor(), (&object.api_name, id), new).await?;
    refreshed(&state, &viewer, &object, id).await
}

/// `GET /files/{id}`: an attachment's bytes, always as a download (never shown inline,
/// so an uploaded page or script never runs on this origin).
pub async fn download(State(state): State<AppState>, viewer: Viewer, Path(id): Path<String>) -> PageResult {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse;
    let id = record_id(&id)?;
    let (record, bytes) = state.crm.attachment_bytes(viewer.actor(), id).await?;
    let schema = viewer.schema(&state).await?;
    let name_field = schema.files_object().and_then(|o| o.label_field.clone()).unwrap_or_default();
    let name = match record.get(&name_field) {
        rapport_domain::model::Value::Text(n) if !n.is_empty() => n.clone(),
        _ => "file".to_owned(),
    };
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", super::page::urlencode(&name));
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static("application/octet-stream")),
        (CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"))),
    ];
    Ok(super::page::with_page_headers((headers, bytes).into_response()))
}

/// `POST /o/{object}/{id}/log/{activity}`: a quick action. The activity is made and put
/// on this record's timeline in one unit; the answer is the refreshed timeline, or
/// the form with its errors.
pub async fn log(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id, activity)): Path<(String, String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id = record_id(&id)?;
    let schema = viewer.schema(&state).await?;
    let activity_object =
        schema.object_by_api(&activity).ok().filter(|o| o.is_activity && !o.hidden).ok_or_else(UiError::not_found)?;
    let input = match quick::checked_input(&viewer, activity_object, &pairs) {
        Ok(input) => input,
        Err(errors) => return Ok(refused_quick(&viewer, object, id, activity_object, &pairs, &errors)?),
    };
    match state.crm.log_activity(viewer.actor(), &activity_object.api_name, &input, (&object.api_name, id)).await {
        Ok(_) => refreshed(&state, &viewer, &object, id).await,
        Err(e) => {
            let problem = Problem::from(e);
            if problem.status.is_server_error() || problem.status == StatusCode::NOT_FOUND {
                return Err(problem.into());
            }
            let errors = form::field_messages(&viewer.tr, &problem);
            Ok(refused_quick(&viewer, object, id, activity_object, &pairs, &errors)?)
        }
    }
}

/// A quick form again with what the user typed and its errors, in place of itself.
fn refused_quick(
    viewer: &Viewer,
    object: ObjectDef,
    id: Uuid,
    activity: &ObjectDef,
    pairs: &Pairs,
    errors: &[(String, String)],
) -> Result<axum::response::Response, UiError> {
    let q = quick_form(viewer, activity, pairs, errors).ok_or_else(UiError::not_found)?;
    let target = format!("#quick-{}", activity.api_name);
    let mut response =
        render_status(StatusCode::UNPROCESSABLE_ENTITY, &QuickFragment { t: viewer.tr.clone(), object, id, q });
    if let Ok(value) = HeaderValue::from_str(&target) {
        response.headers_mut().insert("hx-retarget", value);
        response.headers_mut().insert("hx-reswap", HeaderValue::from_static("outerHTML"));
    }
    Ok(response)
}

async fn cell_parts(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
    id: &str,
    field: &str,
) -> Result<(ObjectDef, Record, FieldDef), UiError> {
    let (object, record) = load(state, viewer, name, id).await?;
    let def = object.field_by_api(field).map_err(|_| UiError::not_found())?.clone();
    let writable = form::editable(&def) && viewer.actor().field_access(&object.id, &def.id) == FieldAccess::ReadWrite;
    if !writable || !viewer.actor().may(&object.id, Action::Edit, record.owner_id, record.team_id) {
        return Err(UiError::forbidden());
    }
    Ok((object, record, def))
}

fn one_input(
    viewer: &Viewer,
    object: &ObjectDef,
    field: &FieldDef,
    pairs: &Pairs,
    labels: &HashMap<(String, Uuid), String>,
) -> Option<Input> {
    let mut only = object.clone();
    only.fields.retain(|f| f.id == field.id);
    let pairs = duration::pairs_for_form(object, pairs);
    let mut inputs = form::inputs(&only, &pairs, &[], &labels_lookup(labels), &viewer.format);
    duration::adapt_inputs(&viewer.tr, object, &mut inputs);
    inputs.into_iter().next()
}

/// `GET /o/{object}/{id}/cell/{field}`: the inline editor of one cell.
pub async fn cell_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id, field)): Path<(String, String, String)>,
) -> PageResult {
    let (object, record, def) = cell_parts(&state, &viewer, &name, &id, &field).await?;
    let pairs = form::record_pairs(&object, &record, &viewer.format);
    let labels = labels_of_pairs(&state, &viewer, &object, &pairs).await;
    let input = one_input(&viewer, &object, &def, &pairs, &labels).ok_or_else(UiError::not_found)?;
    let action = format!("/o/{}/{}/cell/{}", object.api_name, record.id, def.api_name);
    let original = original_inputs(&object, &field_pairs(&pairs, &def));
    Ok(render(&CellForm {
        t: viewer.tr.clone(),
        action,
        input,
        version: record.version,
        error: String::new(),
        original,
    }))
}

/// The pairs of one field.
fn field_pairs(pairs: &Pairs, field: &FieldDef) -> Pairs {
    let name = format!("f.{}", field.api_name);
    let prefix = format!("{name}.");
    pairs.iter().filter(|(k, _)| *k == name || k.starts_with(&prefix)).cloned().collect()
}

/// `POST /o/{object}/{id}/cell/{field}`: saves one cell; the answer is the cell as
/// shown, or its editor with the error. Someone else's save of another field is no
/// conflict; of this one, the editor says what they saved.
pub async fn cell_save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id, field)): Path<(String, String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let (object, record, def) = cell_parts(&state, &viewer, &name, &id, &field).await?;
    let mut only = object.clone();
    only.fields.retain(|f| f.id == def.id);
    let (typed, original) = edit::split(&pairs);
    let original = original.map(|o| duration::pairs_for_write(&viewer.tr, &object, &o).unwrap_or(o));
    let (mine, mut message) = match duration::pairs_for_write(&viewer.tr, &object, &typed) {
        Ok(mine) => (mine, String::new()),
        Err(errors) => (typed, errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ")),
    };
    let shown = |saved: &Record, labels: &HashMap<(String, Uuid), String>| {
        let lookup = |target: &str, id: &Uuid| labels.get(&(target.to_owned(), *id)).cloned();
        let cell = duration::shown(&viewer.tr, &viewer.format, &object, &def, saved.get(&def.id), &lookup);
        render(&CellFragment { cell })
    };
    let mut input = edit::changes(&only, &mine, original.as_ref(), &viewer.format);
    let now = form::record_pairs(&object, &record, &viewer.format);
    let mut version = version_of(&mine);
    if message.is_empty() && record.version != version {
        let clash = original.as_ref().map_or_else(
            || overlap_shown(&only, &mine, &now, &now),
            |original| overlap_shown(&only, &mine, original, &now),
        );
        match clash.first() {
            Some((_, theirs, _)) if theirs.is_empty() => message = viewer.tr.t("cell-conflict"),
            Some((_, theirs, _)) => message = viewer.tr.t1("cell-conflict-value", "value", theirs),
            None => version = record.version,
        }
    }
    if message.is_empty() {
        if input.is_empty() {
            let labels = labels_for(&state, &viewer, &object, std::slice::from_ref(&record)).await?;
            return Ok(shown(&record, &labels));
        }
        edit::keep_contact_details(&object, &record, &mut input);
        match state.crm.update(viewer.actor(), &object.api_name, record.id, version, &input).await {
            Ok(saved) => {
                let labels = labels_for(&state, &viewer, &object, std::slice::from_ref(&saved)).await?;
                return Ok(shown(&saved, &labels));
            }
            Err(e) => {
                let problem = Problem::from(e);
                if problem.status.is_server_error() {
                    return Err(problem.into());
                }
                message = if problem.code == "version_conflict" {
                    viewer.tr.t("cell-conflict")
                } else {
                    form::field_messages(&viewer.tr, &problem).into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ")
                };
            }
        }
    }
    let labels = labels_of_pairs(&state, &viewer, &object, &mine).await;
    let input = one_input(&viewer, &object, &def, &mine, &labels).ok_or_else(UiError::not_found)?;
    let action = format!("/o/{}/{}/cell/{}", object.api_name, record.id, def.api_name);
    // The editor now starts from what is saved, so saving again is a knowing choice.
    let original = original_inputs(&object, &field_pairs(&now, &def));
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &CellForm { t: viewer.tr.clone(), action, input, version: record.version, error: message, original },
    ))
}

/// Values that say nothing are not worth a line (used by templates).
pub fn is_empty(shown: &Shown) -> bool {
    matches!(shown, Shown::Empty)
}
