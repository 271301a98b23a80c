//! Fields: a new field of any type the model offers — with the parameters of its type
//! (a maximum length, a range, digits, options, the object a relation points at) —
//! and an existing field's label, API name, section, place and visibility.
//!
//! The new-field form is drawn again by the server when its type changes or an
//! option row is added, removed or moved (`GET …/fields/form` with what was typed), so
//! the page needs no script of its own and nothing typed is lost.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rapport_domain::FieldPatch;
use rapport_domain::model::standard::standard_objects;
use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Schema, SelectOption};
use rapport_domain::settings::Move;

use super::super::form::Pairs;
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::objects::{
    describe, field_name, object_named, object_page, plural_name, section_name, shown, standard_name_help,
};
use super::{
    Admin, ApiName, Errors, Notice, Tab, checked, chrome, refused, refused_status, sent, suggest_name, tabs, value,
    values,
};
use crate::AppState;

/// The most options a select field takes through this form.
const MAX_OPTIONS: usize = 200;

/// One row of the options editor.
pub struct OptionRow {
    pub index: usize,
    pub value: String,
    pub label: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "settings_field_form.html")]
struct FieldForm {
    t: Tr,
    /// The object's API name (the form's addresses).
    object: String,
    label: String,
    api: ApiName,
    kind: String,
    types: Vec<(String, String)>,
    max_length: String,
    min: String,
    max: String,
    precision: String,
    scale: String,
    rating_max: String,
    multiple: bool,
    target: String,
    targets: Vec<(String, String)>,
    options: Vec<OptionRow>,
    required: bool,
    unique: bool,
    indexed: bool,
    searchable: bool,
    section: String,
    sections: Vec<(String, String)>,
    errors: Errors,
    /// Where the options editor asks for the form again, and the form it replaces.
    refresh: String,
    form_id: &'static str,
}

impl FieldForm {
    /// Whether the chosen type can be sorted by (and so be indexed or unique).
    fn sortable(&self) -> bool {
        FieldType::default_of(&self.kind).is_some_and(|k| k.is_sortable())
    }

    fn can_search(&self) -> bool {
        FieldType::default_of(&self.kind).is_some_and(|k| k.is_searchable())
    }

    fn has_options(&self) -> bool {
        matches!(self.kind.as_str(), "select" | "multi_select")
    }
}

#[derive(Template)]
#[template(path = "settings_field_new.html")]
struct NewFieldPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    object: ObjectDef,
    /// The object's name as the user reads it.
    heading: String,
    form: FieldForm,
}

/// The sections of an object's fields, as (key, name) for a picker.
fn sections_of(tr: &Tr, object: &ObjectDef) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for key in object.fields.iter().filter_map(|f| f.section.as_deref()) {
        if !out.iter().any(|(k, _)| k == key) {
            out.push((key.to_owned(), section_name(tr, Some(key))));
        }
    }
    out
}

/// The rows of the options editor as `pairs` have them (`fresh` when the editor was
/// never shown), with the row operation `op` (`add`, `remove:i`, `up:i`, `down:i`)
/// applied; always at least one row to type into.
fn option_rows(pairs: &Pairs, fresh: impl FnOnce() -> Vec<(String, String)>) -> Vec<OptionRow> {
    let mut options: Vec<(String, String)> =
        values(pairs, "opt_value").into_iter().zip(values(pairs, "opt_label")).collect();
    if !sent(pairs, "options_shown") && options.is_empty() {
        options = fresh();
    }
    let op = value(pairs, "op");
    let (verb, at) = op.split_once(':').unwrap_or((op.as_str(), ""));
    let at: usize = at.parse().unwrap_or(usize::MAX);
    match verb {
        "add" if options.len() < MAX_OPTIONS => options.push((String::new(), String::new())),
        "remove" if at < options.len() => {
            options.remove(at);
        }
        "up" if at > 0 && at < options.len() => options.swap(at, at - 1),
        "down" if at + 1 < options.len() => options.swap(at, at + 1),
        _ => {}
    }
    if options.is_empty() {
        options.push((String::new(), String::new()));
    }
    options
        .into_iter()
        .enumerate()
        .map(|(index, (value, label))| OptionRow { index, value, label, error: String::new() })
        .collect()
}

/// The new-field form as `pairs` have it (the defaults where a parameter was never
/// shown), with the option-row operation `op` applied. `schema` is the one people
/// read (the objects a relation may point at by their names in the user's language).
fn field_form(tr: &Tr, schema: &Schema, object: &ObjectDef, pairs: &Pairs) -> FieldForm {
    let kind = value(pairs, "type");
    let kind = if FieldType::default_of(&kind).is_some() { kind } else { "text".to_owned() };
    let param = |name: &str, default: &str| if sent(pairs, name) { value(pairs, name) } else { default.to_owned() };
    let options = option_rows(pairs, || vec![(String::new(), String::new()); 3]);
    let mut targets: Vec<(String, String)> =
        schema.all().filter(|o| !o.hidden).map(|o| (o.id.clone(), o.label_plural.clone())).collect();
    targets.sort_by_key(|(_, label)| label.to_lowercase());
    FieldForm {
        t: tr.clone(),
        object: object.api_name.clone(),
        label: value(pairs, "label"),
        api: suggested_field_name(
            ApiName { scope: object.api_name.clone(), ..ApiName::from_pairs(pairs, "field") },
            object,
        ),
        types: FieldType::all()
            .iter()
            .map(|t| t.type_name())
            .map(|k| (k.to_owned(), tr.t(&format!("settings-type-{}", k.replace('_', "-")))))
            .collect(),
        max_length: param("max_length", "255"),
        min: param("min", ""),
        max: param("max", ""),
        precision: param("precision", "12"),
        scale: param("scale", "2"),
        rating_max: param("rating_max", "5"),
        multiple: checked(pairs, "multiple"),
        target: param("target", ""),
        targets,
        options,
        required: checked(pairs, "required"),
        unique: checked(pairs, "unique"),
        indexed: checked(pairs, "indexed"),
        searchable: checked(pairs, "searchable"),
        section: value(pairs, "section"),
        sections: sections_of(tr, object),
        errors: Errors::default(),
        refresh: format!("/settings/objects/{}/fields/form", object.api_name),
        form_id: "field-form",
        kind,
    }
}

/// A new field's suggested API name: made from its label, or `field_1`, `field_2`…
/// (the first the object's fields and the columns every record has leave free) when
/// the label has nothing to make one of (see [`rapport_domain::model::api_name`]).
pub fn suggested_field_name(api: ApiName, object: &ObjectDef) -> ApiName {
    let system = ObjectDef::system_fields();
    let taken = |name: &str| object.fields.iter().chain(&system).any(|f| f.api_name == name || f.id == name);
    api.or_numbered("field", taken)
}

fn number<T: std::str::FromStr>(text: &str, name: &str, errors: &mut Errors, tr: &Tr) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(name, tr.t("settings-not-a-number"));
            None
        }
    }
}

fn required_number<T: std::str::FromStr + Default>(text: &str, name: &str, errors: &mut Errors, tr: &Tr) -> T {
    if text.is_empty() {
        errors.add(name, tr.t("field-required"));
        return T::default();
    }
    number(text, name, errors, tr).unwrap_or_default()
}

impl FieldForm {
    /// The field the form describes, or the messages of what is wrong with it.
    fn build(&self, schema: &Schema) -> Result<FieldDef, Errors> {
        let tr = &self.t;
        let mut errors = Errors::default();
        if self.label.is_empty() {
            errors.add("label", tr.t("field-required"));
        }
        let api_name = self.api.chosen();
        if api_name.is_empty() {
            errors.add("api_name", tr.t("field-required"));
        }
        let kind = match self.kind.as_str() {
            "text" => {
                let max_length: Option<u32> = number(&self.max_length, "max_length", &mut errors, tr);
                if max_length == Some(0) {
                    errors.add("max_length", tr.t("field-out-of-range"));
                }
                FieldType::Text { max_length }
            }
            "integer" => {
                let min: Option<i64> = number(&self.min, "min", &mut errors, tr);
                let max: Option<i64> = number(&self.max, "max", &mut errors, tr);
                if let (Some(min), Some(max)) = (min, max)
                    && min > max
                {
                    errors.add("max", tr.t("settings-min-above-max"));
                }
                FieldType::Integer { min, max }
            }
            "decimal" => FieldType::Decimal {
                precision: required_number(&self.precision, "precision", &mut errors, tr),
                scale: required_number(&self.scale, "scale", &mut errors, tr),
            },
            "currency" => FieldType::Currency { scale: required_number(&self.scale, "scale", &mut errors, tr) },
            "percent" => FieldType::Percent { scale: required_number(&self.scale, "scale", &mut errors, tr) },
            "rating" => FieldType::Rating { max: required_number(&self.rating_max, "rating_max", &mut errors, tr) },
            "email" => FieldType::Email { multiple: self.multiple },
            "phone" => FieldType::Phone { multiple: self.multiple },
            "url" => FieldType::Url { multiple: self.multiple },
            "select" | "multi_select" => {
                let options = checked_options(tr, &self.options, &mut errors);
                if self.kind == "select" { FieldType::Select { options } } else { FieldType::MultiSelect { options } }
            }
            "relation" => {
                if !schema.objects.contains_key(&self.target) {
                    errors.add("target", tr.t("settings-choose-target"));
                }
                FieldType::Relation { target: self.target.clone() }
            }
            other => match FieldType::default_of(other) {
                Some(kind) => kind,
                None => {
                    errors.add("type", tr.t("settings-type-unknown"));
                    FieldType::Json
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let sortable = kind.is_sortable();
        let searchable = kind.is_searchable();
        let mut field = FieldDef::new("", &self.label, kind);
        field.api_name = api_name;
        field.required = self.required;
        field.unique = sortable && self.unique;
        field.indexed = sortable && (self.indexed || self.unique);
        field.searchable = searchable && self.searchable;
        field.section = Some(self.section.clone()).filter(|s| !s.is_empty());
        Ok(field)
    }

    /// Shows `errors` beside the inputs they are about.
    fn set_errors(&mut self, errors: Errors) {
        self.api.error = errors.get("api_name");
        for row in &mut self.options {
            row.error = errors.get(&format!("opt.{}", row.index));
        }
        self.errors = errors;
    }
}

/// The options typed: a value made from the label where none was typed (the label
/// itself, spaces made `_`, when it has no Latin letters), the label from the value;
/// each value once. The store checks them again (`options.{i}.value`).
fn checked_options(tr: &Tr, rows: &[OptionRow], errors: &mut Errors) -> Vec<SelectOption> {
    let mut options: Vec<SelectOption> = Vec::new();
    for row in rows {
        if row.value.is_empty() && row.label.is_empty() {
            continue;
        }
        let label = if row.label.is_empty() { row.value.clone() } else { row.label.clone() };
        // A label of other letters than Latin ones is its own value.
        let value = match (row.value.is_empty(), suggest_name(&label)) {
            (false, _) => row.value.clone(),
            (true, made) if made.is_empty() => label.split_whitespace().collect::<Vec<_>>().join("_"),
            (true, made) => made,
        };
        if options.iter().any(|o| o.value == value) {
            errors.add(&format!("opt.{}", row.index), tr.t("settings-option-duplicate"));
        } else if value.chars().count() > 100 || label.chars().count() > 200 {
            errors.add(&format!("opt.{}", row.index), tr.t("field-too-long"));
        }
        options.push(SelectOption::new(&value, &label));
    }
    if options.is_empty() {
        errors.add("options", tr.t("settings-options-needed"));
    }
    options
}

/// The store's refusal of a list of options, beside the rows and the editor: a problem
/// of `options.{i}.…` is the row's (the rows sent are the list, minus blank ones, in
/// order: `kept[i]` is the row of option `i`), one of `options` the editor's, with the
/// reason's arguments (the value in use) in the message.
fn store_option_errors(tr: &Tr, error: &rapport_domain::DomainError, kept: &[usize]) -> Option<Errors> {
    let rapport_domain::DomainError::Store(store) = error else { return None };
    let found = store.field_errors();
    if found.is_empty() {
        return None;
    }
    let mut errors = Errors::default();
    for e in found {
        let id = e.reason.message_id();
        let message = if tr.has(&id) {
            let args: Vec<(&str, super::super::i18n::Arg)> =
                e.reason.args().into_iter().map(|(k, v)| (k, v.into())).collect();
            tr.args(&id, &args)
        } else {
            tr.t("field-invalid")
        };
        let mut parts = e.field.split('.');
        let key = match (parts.next(), parts.next().and_then(|i| i.parse::<usize>().ok())) {
            (Some("options"), Some(i)) => kept.get(i).map_or_else(|| "options".to_owned(), |row| format!("opt.{row}")),
            (Some(first), _) => first.to_owned(),
            (None, _) => String::new(),
        };
        errors.add(&key, message);
    }
    Some(errors)
}

async fn new_page(
    state: &AppState,
    viewer: &Viewer,
    object: ObjectDef,
    form: FieldForm,
) -> Result<NewFieldPage, Response> {
    let heading = plural_name(shown(state, viewer).await?, &object);
    let chrome = chrome(state, viewer).await?;
    Ok(NewFieldPage { t: viewer.tr.clone(), chrome, tabs: tabs(&viewer.tr, "objects"), object, heading, form })
}

/// `GET /settings/objects/{object}/fields/new`.
pub async fn new(State(state): State<AppState>, Admin(viewer): Admin, Path(name): Path<String>) -> PageResult {
    let (_, object) = object_named(&state, &viewer, &name).await?;
    let form = field_form(&viewer.tr, shown(&state, &viewer).await?, &object, &Pairs::new());
    Ok(render(&new_page(&state, &viewer, object, form).await?))
}

/// `GET /settings/objects/{object}/fields/form?…`: the form again for what was typed
/// (another type, an option row added, removed or moved).
pub async fn refresh(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Query(pairs): Query<Pairs>,
) -> PageResult {
    let (_, object) = object_named(&state, &viewer, &name).await?;
    Ok(render(&field_form(&viewer.tr, shown(&state, &viewer).await?, &object, &pairs)))
}

/// `POST /settings/objects/{object}/fields`: adds the field and goes back to the
/// object's fields; or the form again with the messages beside the inputs.
pub async fn create(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let (schema, object) = object_named(&state, &viewer, &name).await?;
    let mut form = field_form(tr, shown(&state, &viewer).await?, &object, &pairs);
    let errors = match form.build(&schema) {
        Ok(field) => match state.crm.add_field(viewer.actor(), &object.api_name, field).await {
            Ok(_) => return Ok(redirect(&format!("/settings/objects/{}?saved=field", object.api_name), viewer.htmx)),
            Err(e) => {
                let problem = refused(e)?;
                let errors = Errors::of(tr, &problem).rename("id", "api_name").replace(
                    tr,
                    "api_name",
                    "field-name-taken",
                    "settings-field-api-name-taken",
                );
                if form.kind == "rating" { errors.rename("max", "rating_max") } else { errors }
            }
        },
        Err(errors) => errors,
    };
    form.set_errors(errors);
    if viewer.htmx {
        Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form))
    } else {
        let page = new_page(&state, &viewer, object, form).await?;
        Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
    }
}

/// Whether a field was made by an administrator (not one Rapport's own rules name).
fn is_custom(object: &ObjectDef, field: &FieldDef) -> bool {
    !object.is_standard
        || standard_objects().iter().find(|o| o.id == object.id).is_none_or(|o| o.field(&field.id).is_none())
}

#[derive(Template)]
#[template(path = "settings_field.html")]
struct FieldPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    object: ObjectDef,
    field: FieldDef,
    /// The field's and its object's names as the user reads them.
    heading: String,
    object_heading: String,
    /// What the label input does, for a standard name read translated.
    label_help: String,
    kind: String,
    detail: String,
    custom: bool,
    label: String,
    api_name: String,
    section: String,
    sections: Vec<(String, String)>,
    notice: String,
    errors: Errors,
    /// A select's or multi-select's options editor (its own form).
    options: Option<OptionsForm>,
}

/// An existing select's options, changed as one list: rows added, removed and moved
/// are drawn again by the server like the new-field form's; saving writes the whole
/// list with `update_field`, and a refusal (an option records still hold, a repeated
/// value) is shown beside the editor and changes nothing.
#[derive(Template)]
#[template(path = "settings_field_options.html")]
struct OptionsForm {
    t: Tr,
    object: String,
    field_id: String,
    options: Vec<OptionRow>,
    errors: Errors,
    refresh: String,
    form_id: &'static str,
}

impl OptionsForm {
    /// The editor for `field` as `pairs` have it (its saved options when none were sent).
    fn new(tr: &Tr, object: &ObjectDef, field: &FieldDef, pairs: &Pairs) -> Option<OptionsForm> {
        if !matches!(field.kind, FieldType::Select { .. } | FieldType::MultiSelect { .. }) {
            return None;
        }
        let saved = || field.kind.options().iter().map(|o| (o.value.clone(), o.label.clone())).collect();
        Some(OptionsForm {
            t: tr.clone(),
            object: object.api_name.clone(),
            field_id: field.id.clone(),
            options: option_rows(pairs, saved),
            errors: Errors::default(),
            refresh: format!("/settings/objects/{}/fields/{}/options", object.api_name, field.id),
            form_id: "field-options",
        })
    }

    fn set_errors(&mut self, errors: Errors) {
        for row in &mut self.options {
            row.error = errors.get(&format!("opt.{}", row.index));
        }
        self.errors = errors;
    }
}

async fn field_page(state: &AppState, viewer: &Viewer, name: &str, field_id: &str) -> Result<FieldPage, Response> {
    let (_, object) = object_named(state, viewer, name).await?;
    let field = object.field(field_id).cloned().ok_or_else(|| UiError::not_found().render(&viewer.tr))?;
    // Described as people read it: a standard select's options in their language.
    let people_read = shown(state, viewer).await?;
    let read = people_read.all().find(|o| o.id == object.id).and_then(|o| o.field(&field.id)).unwrap_or(&field);
    let (kind, detail) = describe(&viewer.tr, people_read, read);
    let heading = field_name(people_read, &object, &field);
    Ok(FieldPage {
        label_help: standard_name_help(&viewer.tr, &field.label, &heading),
        heading,
        object_heading: plural_name(people_read, &object),
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "objects"),
        kind,
        detail,
        custom: is_custom(&object, &field),
        label: field.label.clone(),
        api_name: field.api_name.clone(),
        section: field.section.clone().unwrap_or_default(),
        sections: sections_of(&viewer.tr, &object),
        notice: String::new(),
        errors: Errors::default(),
        options: OptionsForm::new(&viewer.tr, &object, &field, &Pairs::new()),
        object,
        field,
    })
}

/// `GET /settings/objects/{object}/fields/{field}` (the field's stable id).
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field)): Path<(String, String)>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let mut page = field_page(&state, &viewer, &name, &field).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/objects/{object}/fields/{field}`: a new label, section and (for a
/// custom field) API name. Metadata only: the field's column and data stay.
pub async fn save(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let mut page = field_page(&state, &viewer, &name, &field_id).await?;
    let label = value(&pairs, "label");
    let api_name = if page.custom { value(&pairs, "api_name") } else { page.field.api_name.clone() };
    let section = value(&pairs, "section");
    let mut errors = Errors::default();
    for (key, text) in [("label", &label), ("api_name", &api_name)] {
        if text.is_empty() {
            errors.add(key, tr.t("field-required"));
        }
    }
    if errors.is_empty() {
        let patch = FieldPatch {
            api_name: Some(api_name.clone()).filter(|n| *n != page.field.api_name),
            label: Some(label.clone()).filter(|l| *l != page.field.label),
            section: Some(Some(section.clone())).filter(|_| page.field.section.as_deref().unwrap_or("") != section),
            ..FieldPatch::default()
        };
        let object = page.object.api_name.clone();
        let changed = patch.api_name.is_some() || patch.label.is_some() || patch.section.is_some();
        let saved = if changed {
            state.crm.update_field(viewer.actor(), &object, &field_id, patch).await.map(|_| ())
        } else {
            Ok(())
        };
        match saved {
            Ok(()) => {
                return Ok(redirect(&format!("/settings/objects/{object}/fields/{field_id}?saved=1"), viewer.htmx));
            }
            Err(e) => {
                let problem = refused(e)?;
                errors = Errors::of(tr, &problem).replace(
                    tr,
                    "api_name",
                    "field-name-taken",
                    "settings-field-api-name-taken",
                );
            }
        }
    }
    page.label = label;
    page.api_name = api_name;
    page.section = section;
    page.errors = errors;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// `GET …/fields/{field}/options?…`: the options editor again for what was typed (a
/// row added, removed or moved).
pub async fn refresh_options(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field_id)): Path<(String, String)>,
    Query(pairs): Query<Pairs>,
) -> PageResult {
    let page = field_page(&state, &viewer, &name, &field_id).await?;
    let form = OptionsForm::new(&viewer.tr, &page.object, &page.field, &pairs)
        .ok_or_else(|| UiError::not_found().render(&viewer.tr))?;
    Ok(render(&form))
}

/// `POST …/fields/{field}/options`: the select's whole list of options as typed, in
/// order (colours kept by value). Saved, the field's page again with a notice; refused,
/// the editor with the messages beside it (the list as typed, nothing changed).
pub async fn save_options(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let mut page = field_page(&state, &viewer, &name, &field_id).await?;
    let mut form =
        OptionsForm::new(tr, &page.object, &page.field, &pairs).ok_or_else(|| UiError::not_found().render(tr))?;
    let mut errors = Errors::default();
    let mut options = checked_options(tr, &form.options, &mut errors);
    if errors.is_empty() {
        for option in &mut options {
            let before = page.field.kind.options().iter().find(|o| o.value == option.value);
            option.color = before.and_then(|o| o.color.clone());
        }
        let kept: Vec<usize> =
            form.options.iter().filter(|r| !(r.value.is_empty() && r.label.is_empty())).map(|r| r.index).collect();
        let patch = FieldPatch { options: Some(options), ..FieldPatch::default() };
        let object = page.object.api_name.clone();
        match state.crm.update_field(viewer.actor(), &object, &field_id, patch).await {
            Ok(_) => {
                return Ok(redirect(&format!("/settings/objects/{object}/fields/{field_id}?saved=1"), viewer.htmx));
            }
            Err(e) => match store_option_errors(tr, &e, &kept) {
                Some(found) => errors = found,
                None => return Err(UiError::from(e).into()),
            },
        }
    }
    form.set_errors(errors);
    if viewer.htmx {
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form));
    }
    page.options = Some(form);
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// `POST …/fields/{field}/move` (`to=earlier|later`): one place up or down; the
/// answer is the object's page, drawn again where the administrator is.
pub async fn move_field(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let (_, object) = object_named(&state, &viewer, &name).await?;
    let to = if value(&pairs, "to") == "earlier" { Move::Earlier } else { Move::Later };
    state
        .crm
        .move_field(viewer.actor(), &object.api_name, &field_id, to)
        .await
        .map_err(|e| UiError::from(e).render(&viewer.tr))?;
    Ok(render(&object_page(&state, &viewer, &object.api_name).await?))
}

/// `POST …/fields/{field}/hidden` (`hidden=true|false`): hidden fields keep their
/// data but are neither shown nor written until shown again.
pub async fn set_hidden(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((name, field_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let (_, object) = object_named(&state, &viewer, &name).await?;
    let hidden = checked(&pairs, "hidden");
    if hidden && object.label_field.as_deref() == Some(field_id.as_str()) {
        return Err(UiError::bad_request(viewer.tr.t("settings-label-field-stays")).into());
    }
    let patch = FieldPatch { hidden: Some(hidden), ..FieldPatch::default() };
    match state.crm.update_field(viewer.actor(), &object.api_name, &field_id, patch).await {
        Ok(_) => Ok(redirect(&format!("/settings/objects/{}?saved=1", object.api_name), viewer.htmx)),
        Err(e) => {
            let problem = refused(e)?;
            let status = refused_status(&problem);
            Err(UiError { status, detail: super::super::form::general_message(&viewer.tr, &problem) }.into())
        }
    }
}
