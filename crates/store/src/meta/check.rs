//! Metadata rules: what an object, a field, a change to a field and an object's
//! capabilities must be before they are written. Every check names the property at
//! fault; none touches the database.

use rapport_model::{
    FieldDef, FieldError, FieldType, ModelError, ObjectDef, Reason, Schema, SelectOption, field::is_valid_name,
};

use crate::error::Result;
use crate::store::FieldPatch;

/// The longest section name.
pub const SECTION_MAX: u32 = 60;

/// The longest option value; labels may be longer (they are only shown).
pub const OPTION_VALUE_MAX: u32 = 100;

/// The longest option label.
pub const OPTION_LABEL_MAX: u32 = 200;

/// A field with a patch applied, checked against the object's other fields.
pub fn patched_field(object: &ObjectDef, field_id: &str, patch: FieldPatch) -> Result<FieldDef> {
    let mut field = object
        .field(field_id)
        .cloned()
        .ok_or_else(|| ModelError::UnknownField { object: object.api_name.clone(), field: field_id.into() })?;
    if let Some(api_name) = patch.api_name.filter(|n| *n != field.api_name) {
        // Rapport's own rules, demo data and import presets name standard fields by
        // their API names, as integrations do: those names stay, labels change.
        if is_standard_field(object, &field.id) {
            return Err(ModelError::invalid("api_name", Reason::ReadOnly).into());
        }
        if !is_valid_name(&api_name) {
            return Err(ModelError::invalid("api_name", Reason::InvalidName).into());
        }
        if object.fields.iter().any(|f| f.api_name == api_name) || is_system_name(&api_name) {
            return Err(ModelError::invalid("api_name", Reason::NameTaken).into());
        }
        field.api_name = api_name;
    }
    if let Some(label) = patch.label {
        field.label = label;
    }
    if let Some(hidden) = patch.hidden {
        field.hidden = hidden;
    }
    if let Some(position) = patch.position {
        field.position = position;
    }
    if let Some(section) = patch.section {
        let section = section.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        if section.as_ref().is_some_and(|s| s.chars().count() > SECTION_MAX as usize) {
            return Err(ModelError::invalid("section", Reason::TooLong { max: SECTION_MAX }).into());
        }
        field.section = section;
    }
    if let Some(new) = patch.options {
        match &mut field.kind {
            FieldType::Select { options } | FieldType::MultiSelect { options } => {
                let errors = check_options(&new);
                if !errors.is_empty() {
                    return Err(ModelError::Invalid(errors).into());
                }
                *options = new;
            }
            _ => return Err(ModelError::invalid("options", Reason::NotASelect).into()),
        }
    }
    Ok(field)
}

/// The problems of a select's list of options, each naming the option at fault
/// (`options.{i}.value`, `options.{i}.label`), or the list (`options`) when it is
/// empty. A value is what records store and what filters and CSV files spell, so it is
/// a short word that needs no quoting; each is given once.
fn check_options(options: &[SelectOption]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if options.is_empty() {
        errors.push(FieldError::new("options", Reason::Required));
    }
    for (i, option) in options.iter().enumerate() {
        let value = &option.value;
        let at = |part: &str| format!("options.{i}.{part}");
        if value.is_empty() {
            errors.push(FieldError::new(at("value"), Reason::Required));
        } else if value.chars().count() > OPTION_VALUE_MAX as usize {
            errors.push(FieldError::new(at("value"), Reason::TooLong { max: OPTION_VALUE_MAX }));
        } else if !value.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            errors.push(FieldError::new(at("value"), Reason::InvalidOptionValue));
        } else if options[..i].iter().any(|o| o.value == *value) {
            errors.push(FieldError::new(at("value"), Reason::NameTaken));
        }
        if option.label.trim().is_empty() {
            errors.push(FieldError::new(at("label"), Reason::Required));
        } else if option.label.chars().count() > OPTION_LABEL_MAX as usize {
            errors.push(FieldError::new(at("label"), Reason::TooLong { max: OPTION_LABEL_MAX }));
        }
    }
    errors
}

/// Whether a field is one of a standard object's own (not a custom field added to it).
pub fn is_standard_field(object: &ObjectDef, field_id: &str) -> bool {
    object.is_standard
        && rapport_model::standard::standard_objects().iter().any(|o| o.id == object.id && o.field(field_id).is_some())
}

/// Refuses a change to a field (`patch` names what changed: `hidden`, `options`) when
/// an object's capability would no longer hold on `after`, the schema with the change.
pub fn keep_capabilities(after: &Schema, changed: &str) -> Result<()> {
    for object in after.all() {
        if let Some(problem) = object.behaviour.check(after, object).into_iter().next() {
            let what = problem.field.strip_prefix("behaviour.").unwrap_or(&problem.field).to_owned();
            let what = format!("{} {what}", object.api_name);
            return Err(ModelError::invalid(changed, Reason::UsedBy { what }).into());
        }
    }
    Ok(())
}

pub fn is_system_name(name: &str) -> bool {
    ObjectDef::system_fields().iter().any(|f| f.api_name == name || f.id == name)
        || matches!(name, "rid" | "deleted_at")
}

/// Names the API uses beside object names (`/api/v1/me`, `/api/v1/meta/…`,
/// `/api/v1/events`): no object may take them.
pub const RESERVED_PATHS: [&str; 5] = ["me", "meta", "openapi", "docs", "events"];

/// The most fields an object has, hidden ones included: a field takes up to seven
/// columns (a name or an address), and PostgreSQL holds at most 1,600 in a table.
pub const MAX_FIELDS: usize = 200;

pub fn check_new_object(schema: &Schema, object: &ObjectDef) -> Result<()> {
    let mut errors = Vec::new();
    if !is_valid_name(&object.id) || object.id.len() > 40 {
        errors.push(FieldError::new("id", Reason::InvalidName));
    } else if schema.objects.contains_key(&object.id) {
        errors.push(FieldError::new("id", Reason::NameTaken));
    }
    if !is_valid_name(&object.api_name) || RESERVED_PATHS.contains(&object.api_name.as_str()) {
        errors.push(FieldError::new("api_name", Reason::InvalidName));
    } else if schema.all().any(|o| o.api_name == object.api_name || o.id == object.api_name) {
        errors.push(FieldError::new("api_name", Reason::NameTaken));
    }
    if object.fields.len() > MAX_FIELDS {
        errors.push(FieldError::new("fields", Reason::TooMany { max: MAX_FIELDS as u32 }));
        return Err(ModelError::Invalid(errors).into());
    }
    if let Some(label) = &object.label_field
        && !object.fields.iter().any(|f| f.id == *label)
    {
        errors.push(FieldError::new("label_field", Reason::UnknownField));
    }
    // The object's own fields may relate to it (a parent record of the same kind).
    let mut with_self = schema.clone();
    let mut bare = object.clone();
    bare.fields.clear();
    with_self.objects.entry(object.id.clone()).or_insert_with(|| std::sync::Arc::new(bare.clone()));
    errors.extend(object.behaviour.check(&with_self, object));
    for (i, field) in object.fields.iter().enumerate() {
        // Each field is checked against the ones before it, so a repeated name is
        // reported once, at its second use.
        let mut before = bare.clone();
        before.fields = object.fields[..i].to_vec();
        for e in check_new_field(&with_self, &before, field) {
            errors.push(FieldError::new(format!("fields.{i}.{}", e.field), e.reason));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ModelError::Invalid(errors).into()) }
}

/// The problems of a new field of `object`, each naming the property at fault.
pub fn check_new_field(schema: &Schema, object: &ObjectDef, field: &FieldDef) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !is_valid_name(&field.api_name) || is_system_name(&field.api_name) {
        errors.push(FieldError::new("api_name", Reason::InvalidName));
    } else if object.fields.iter().any(|f| f.api_name == field.api_name) {
        errors.push(FieldError::new("api_name", Reason::NameTaken));
    }
    if !is_valid_name(&field.id) || is_system_name(&field.id) {
        errors.push(FieldError::new("id", Reason::InvalidName));
    } else if object.fields.iter().any(|f| f.id == field.id) {
        errors.push(FieldError::new("id", Reason::NameTaken));
    }
    let range = |name: &str, min: u8, max: u8, value: u8| {
        (value < min || value > max)
            .then(|| FieldError::new(name, Reason::OutOfRange { min: min.to_string(), max: max.to_string() }))
    };
    // Exact numbers are scaled 64-bit integers on SQLite: at most 18 digits.
    match &field.kind {
        FieldType::Decimal { precision, scale } => {
            errors.extend(range("precision", 1, MAX_DIGITS, *precision));
            errors.extend(range("scale", 0, (*precision).min(MAX_DIGITS), *scale));
        }
        FieldType::Percent { scale } => errors.extend(range("scale", 0, MAX_DIGITS - 9, *scale)),
        FieldType::Currency { scale } => errors.extend(range("scale", 0, MAX_DIGITS, *scale)),
        FieldType::Rating { max } => errors.extend(range("max", 1, u8::MAX, *max)),
        FieldType::Relation { target } if !schema.objects.contains_key(target) => {
            errors.push(FieldError::new("target", Reason::UnknownObject { name: target.clone() }));
        }
        FieldType::Select { options } | FieldType::MultiSelect { options } => errors.extend(check_options(options)),
        _ => {}
    }
    errors
}

/// The most decimal digits an exact number can have on both databases.
const MAX_DIGITS: u8 = 18;

/// A stable id (column name) for a new field named `api_name`: `cf_` and the name, or,
/// when that is too long, used by a field (a renamed field keeps its id) or `retired`
/// (purged), the first free `cf_<name>_<n>`.
pub fn fresh_field_id(object: &ObjectDef, api_name: &str, retired: &[String]) -> String {
    let taken = |id: &str| object.fields.iter().any(|f| f.id == id) || retired.iter().any(|r| r == id);
    let full = format!("cf_{api_name}");
    if is_valid_name(&full) && !taken(&full) {
        return full;
    }
    let base: String = full.chars().take(44).collect();
    let base = base.trim_end_matches('_');
    (2..).map(|n| format!("{base}_{n}")).find(|id| !taken(id)).unwrap_or(full)
}
