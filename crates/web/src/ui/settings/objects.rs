//! Objects: the list (standard and custom, with their fields counted), a new custom
//! object, and an object's page — its names, hidden or not, and its fields in order
//! with what each is, moved, hidden and opened from there.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rapport_domain::ObjectPatch;
use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Schema};

use super::super::form::Pairs;
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::{Admin, ApiName, Errors, Notice, Tab, checked, chrome, refused, refused_status, suggest_name, tabs, value};
use crate::AppState;

/// An object in the list.
pub struct ObjectRow {
    pub href: String,
    pub label: String,
    pub api_name: String,
    pub standard: bool,
    pub fields: usize,
    pub hidden: bool,
}

#[derive(Template)]
#[template(path = "settings_objects.html")]
struct ObjectsPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    objects: Vec<ObjectRow>,
    label: String,
    label_plural: String,
    api: ApiName,
    errors: Errors,
}

async fn schema(state: &AppState, viewer: &Viewer) -> Result<Schema, axum::response::Response> {
    state.crm.schema(viewer.actor()).await.map_err(|e| UiError::from(e).render(&viewer.tr))
}

/// The schema with the names people read: a standard object, field or option still
/// named as the standard names it, in the viewer's language. Pages show these; the
/// inputs that rename one show the stored name, so saving never stores a translation.
pub async fn shown<'a>(state: &AppState, viewer: &'a Viewer) -> Result<&'a Schema, axum::response::Response> {
    viewer.schema(state).await.map_err(|e| e.render(&viewer.tr))
}

/// An object's name (of many) as people read it.
pub fn plural_name(shown: &Schema, object: &ObjectDef) -> String {
    shown.all().find(|o| o.id == object.id).map_or_else(|| object.label_plural.clone(), |o| o.label_plural.clone())
}

/// A field's name as people read it.
pub fn field_name(shown: &Schema, object: &ObjectDef, field: &FieldDef) -> String {
    shown
        .all()
        .find(|o| o.id == object.id)
        .and_then(|o| o.field(&field.id))
        .map_or_else(|| field.label.clone(), |f| f.label.clone())
}

async fn objects_page(state: &AppState, viewer: &Viewer) -> Result<ObjectsPage, axum::response::Response> {
    // Listed by the names people read (a standard object in the user's language);
    // its own page edits the stored name.
    let schema = shown(state, viewer).await?;
    let mut objects: Vec<ObjectRow> = schema
        .objects
        .values()
        .map(|o| ObjectRow {
            href: format!("/settings/objects/{}", o.api_name),
            label: o.label_plural.clone(),
            api_name: o.api_name.clone(),
            standard: o.is_standard,
            fields: o.fields.len(),
            hidden: o.hidden,
        })
        .collect();
    objects.sort_by_key(|o| (!o.standard, o.label.to_lowercase()));
    Ok(ObjectsPage {
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "objects"),
        objects,
        label: String::new(),
        label_plural: String::new(),
        api: ApiName::default(),
        errors: Errors::default(),
    })
}

/// `GET /settings/objects`.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin) -> PageResult {
    Ok(render(&objects_page(&state, &viewer).await?))
}

/// A stable id for a new object: its singular label as a name, made unique among
/// the ids and API names of every object.
fn fresh_object_id(schema: &Schema, label: &str, api_name: &str) -> String {
    let mut base: String = suggest_name(label).chars().take(36).collect();
    if base.is_empty() {
        base = api_name.chars().take(36).collect();
    }
    let base = base.trim_end_matches('_').to_owned();
    let base = if base.is_empty() { "object".to_owned() } else { base };
    let taken = |id: &str| schema.all().any(|o| o.id == id || o.api_name == id);
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}_{n}")).find(|id| !taken(id)).unwrap_or(base)
}

/// `POST /settings/objects`: a custom object with a required, searchable name field
/// that names its records.
pub async fn create(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    let tr = &viewer.tr;
    let (label, label_plural) = (value(&pairs, "label"), value(&pairs, "label_plural"));
    let mut api = ApiName::from_pairs(&pairs, "object");
    let mut errors = Errors::default();
    for (key, text) in [("label", &label), ("label_plural", &label_plural)] {
        if text.is_empty() {
            errors.add(key, tr.t("field-required"));
        }
    }
    let api_name = api.chosen();
    if api_name.is_empty() {
        errors.add("api_name", tr.t("field-required"));
    }
    if errors.is_empty() {
        let schema = schema(&state, &viewer).await?;
        let mut name =
            FieldDef::new("name", &tr.t("settings-object-name-field"), FieldType::Text { max_length: Some(255) })
                .required()
                .indexed()
                .searchable();
        name.position = 0;
        let object = ObjectDef {
            id: fresh_object_id(&schema, &label, &api_name),
            api_name: api_name.clone(),
            label: label.clone(),
            label_plural: label_plural.clone(),
            is_standard: false,
            is_activity: false,
            behaviour: Default::default(),
            hidden: false,
            label_field: Some("name".into()),
            fields: vec![name],
        };
        match state.crm.create_object(viewer.actor(), object).await {
            Ok(made) => return Ok(redirect(&format!("/settings/objects/{}?saved=1", made.api_name), viewer.htmx)),
            Err(e) => {
                let problem = refused(e)?;
                errors = Errors::of(tr, &problem).rename("id", "api_name").replace(
                    tr,
                    "api_name",
                    "field-name-taken",
                    "settings-api-name-taken",
                );
            }
        }
    }
    api.error = errors.get("api_name");
    let mut page = objects_page(&state, &viewer).await?;
    page.label = label;
    page.label_plural = label_plural;
    page.api = api;
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// A field in an object's list of fields.
pub struct FieldRow {
    pub id: String,
    pub href: String,
    pub label: String,
    pub api_name: String,
    pub kind: String,
    pub detail: String,
    pub flags: Vec<String>,
    pub section: String,
    pub hidden: bool,
    pub first: bool,
    pub last: bool,
    /// The label field names every record: it stays shown.
    pub hideable: bool,
}

#[derive(Template)]
#[template(path = "settings_object.html")]
pub struct ObjectPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    object: ObjectDef,
    /// The object's name as people read it (a standard one in the user's language).
    heading: String,
    /// For a standard name read in the user's language: that the inputs hold the
    /// stored name, which replaces the translation for everyone once changed.
    names_help: String,
    label: String,
    label_plural: String,
    api_name: String,
    fields: Vec<FieldRow>,
    /// What the object does (its behaviour), in a few words each.
    capabilities: Vec<String>,
    notice: String,
    errors: Errors,
}

/// What a field is, in words: its type, and the parameter that matters most.
pub fn describe(tr: &Tr, schema: &Schema, field: &FieldDef) -> (String, String) {
    let kind = tr.t(&format!("settings-type-{}", field.kind.type_name().replace('_', "-")));
    let detail = match &field.kind {
        FieldType::Text { max_length: Some(max) } => tr.t1("settings-detail-max-length", "max", i64::from(*max)),
        FieldType::Integer { min, max } if min.is_some() || max.is_some() => tr.args(
            "settings-detail-range",
            &[
                ("min", min.map(|m| m.to_string()).unwrap_or_default().into()),
                ("max", max.map(|m| m.to_string()).unwrap_or_default().into()),
            ],
        ),
        FieldType::Decimal { precision, scale } => tr.args(
            "settings-detail-decimal",
            &[("precision", i64::from(*precision).into()), ("scale", i64::from(*scale).into())],
        ),
        FieldType::Currency { scale } | FieldType::Percent { scale } => {
            tr.t1("settings-detail-scale", "scale", i64::from(*scale))
        }
        FieldType::Select { options } | FieldType::MultiSelect { options } => {
            options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>().join(", ")
        }
        FieldType::Email { multiple: true }
        | FieldType::Phone { multiple: true }
        | FieldType::Url { multiple: true } => tr.t("settings-detail-multiple"),
        FieldType::Rating { max } => tr.t1("settings-detail-rating", "max", i64::from(*max)),
        FieldType::Relation { target } => {
            schema.object(target).map(|o| o.label.clone()).unwrap_or_else(|_| target.clone())
        }
        _ => String::new(),
    };
    (kind, detail)
}

/// Under the inputs of a standard name that the user reads translated: what typing
/// there does. Empty when the name is read as stored.
pub fn standard_name_help(tr: &Tr, stored: &str, shown: &str) -> String {
    if stored == shown { String::new() } else { tr.t1("settings-standard-name-help", "name", shown) }
}

/// The section a field is shown in, as a user reads it.
pub fn section_name(tr: &Tr, section: Option<&str>) -> String {
    match section {
        Some(key) if tr.has(&format!("section-{key}")) => tr.t(&format!("section-{key}")),
        Some(key) => key.to_owned(),
        None => tr.t("record-details"),
    }
}

/// The fields of `object` in their order.
pub fn ordered(object: &ObjectDef) -> Vec<&FieldDef> {
    let mut fields: Vec<&FieldDef> = object.fields.iter().collect();
    fields.sort_by_key(|f| f.position);
    fields
}

/// The rows of an object's fields, by the names people read (standard fields and
/// options in the user's language; each field's own page edits the stored name).
fn field_rows(tr: &Tr, schema: &Schema, object: &ObjectDef) -> Vec<FieldRow> {
    let mut shown = schema.clone();
    super::super::labels::localize(&mut shown, tr);
    let schema = &shown;
    let object = schema.object(&object.id).ok().unwrap_or(object);
    let fields = ordered(object);
    let count = fields.len();
    fields
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let (kind, detail) = describe(tr, schema, f);
            let mut flags = Vec::new();
            for (on, id) in [
                (f.required, "settings-flag-required"),
                (f.unique, "settings-flag-unique"),
                (f.indexed, "settings-flag-indexed"),
                (f.searchable, "settings-flag-searchable"),
                (f.read_only, "settings-flag-read-only"),
            ] {
                if on {
                    flags.push(tr.t(id));
                }
            }
            FieldRow {
                id: f.id.clone(),
                href: format!("/settings/objects/{}/fields/{}", object.api_name, f.id),
                label: f.label.clone(),
                api_name: f.api_name.clone(),
                kind,
                detail,
                flags,
                section: section_name(tr, f.section.as_deref()),
                hidden: f.hidden,
                first: i == 0,
                last: i + 1 == count,
                hideable: object.label_field.as_deref() != Some(f.id.as_str()),
            }
        })
        .collect()
}

/// An object by its API name, hidden ones included (administrators see them).
pub async fn object_named(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
) -> Result<(Schema, ObjectDef), axum::response::Response> {
    let schema = schema(state, viewer).await?;
    let object =
        schema.all().find(|o| o.api_name == name).cloned().ok_or_else(|| UiError::not_found().render(&viewer.tr))?;
    Ok((schema, object))
}

pub async fn object_page(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
) -> Result<ObjectPage, axum::response::Response> {
    let (schema, object) = object_named(state, viewer, name).await?;
    let heading = plural_name(shown(state, viewer).await?, &object);
    Ok(ObjectPage {
        names_help: standard_name_help(&viewer.tr, &object.label_plural, &heading),
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "objects"),
        heading,
        label: object.label.clone(),
        label_plural: object.label_plural.clone(),
        api_name: object.api_name.clone(),
        fields: field_rows(&viewer.tr, &schema, &object),
        capabilities: super::behaviour::summary(&viewer.tr, &object.behaviour),
        object,
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/objects/{object}`.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let mut page = object_page(&state, &viewer, &name).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/objects/{object}`: new labels, and for a custom object a new API
/// name.
pub async fn save(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let (_, object) = object_named(&state, &viewer, &name).await?;
    let (label, label_plural) = (value(&pairs, "label"), value(&pairs, "label_plural"));
    let api_name = if object.is_standard { object.api_name.clone() } else { value(&pairs, "api_name") };
    let mut errors = Errors::default();
    for (key, text) in [("label", &label), ("label_plural", &label_plural), ("api_name", &api_name)] {
        if text.is_empty() {
            errors.add(key, tr.t("field-required"));
        }
    }
    if errors.is_empty() {
        let patch = ObjectPatch {
            api_name: Some(api_name.clone()).filter(|n| *n != object.api_name),
            label: Some(label.clone()),
            label_plural: Some(label_plural.clone()),
            hidden: None,
            behaviour: None,
        };
        match state.crm.update_object(viewer.actor(), &object.api_name, patch).await {
            Ok(saved) => return Ok(redirect(&format!("/settings/objects/{}?saved=1", saved.api_name), viewer.htmx)),
            Err(e) => {
                let problem = refused(e)?;
                errors =
                    Errors::of(tr, &problem).replace(tr, "api_name", "field-name-taken", "settings-api-name-taken");
            }
        }
    }
    let mut page = object_page(&state, &viewer, &name).await?;
    page.label = label;
    page.label_plural = label_plural;
    page.api_name = api_name;
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// `POST /settings/objects/{object}/hidden` (`hidden=true|false`): hides a custom
/// object (its records stay, only administrators reach them) or shows it again.
pub async fn set_hidden(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let (_, object) = object_named(&state, &viewer, &name).await?;
    let patch = ObjectPatch { hidden: Some(checked(&pairs, "hidden")), ..ObjectPatch::default() };
    match state.crm.update_object(viewer.actor(), &object.api_name, patch).await {
        Ok(saved) => Ok(redirect(&format!("/settings/objects/{}?saved=1", saved.api_name), viewer.htmx)),
        Err(e) => {
            let problem = refused(e)?;
            let mut page = object_page(&state, &viewer, &name).await?;
            page.errors = Errors(vec![(String::new(), super::super::form::general_message(&viewer.tr, &problem))]);
            Ok(render_status(refused_status(&problem), &page))
        }
    }
}
