//! The names of the standard objects, their fields and their options in the user's
//! language. They live in the metadata (in English, as `rapport_model::standard`
//! defines them) and administrators may rename them; a name still as the standard
//! defines it is shown from the Fluent messages `std-object-{object}`,
//! `std-object-{object}-plural`, `std-field-{object}-{field}` and
//! `std-option-{object}-{field}-{value}` (`locales/*/schema.ftl`), a renamed one as
//! the administrator wrote it. Settings pages show the stored names, so saving one
//! never stores a translation.

use std::sync::LazyLock;

use rapport_domain::model::standard::standard_objects;
use rapport_domain::model::{FieldType, ObjectDef, Schema};

use super::i18n::Tr;

static STANDARD: LazyLock<Vec<ObjectDef>> = LazyLock::new(standard_objects);

/// The message ids of the standard names and their English text, in the order of the
/// standard schema (what `locales/en/schema.ftl` holds).
pub fn standard_messages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for object in STANDARD.iter() {
        out.push((format!("std-object-{}", object.id), object.label.clone()));
        out.push((format!("std-object-{}-plural", object.id), object.label_plural.clone()));
        for field in &object.fields {
            out.push((format!("std-field-{}-{}", object.id, field.id), field.label.clone()));
            if let FieldType::Select { options } | FieldType::MultiSelect { options } = &field.kind {
                for option in options {
                    out.push((format!("std-option-{}-{}-{}", object.id, field.id, option.value), option.label.clone()));
                }
            }
        }
    }
    out
}

/// Replaces every standard name still as the standard defines it with its message in
/// `tr`'s language.
pub fn localize(schema: &mut Schema, tr: &Tr) {
    let name = |id: String, current: &mut String, default: &str| {
        if current == default && tr.has(&id) {
            *current = tr.t(&id);
        }
    };
    for object in schema.objects.values_mut() {
        let Some(standard) = STANDARD.iter().find(|s| s.id == object.id) else { continue };
        let object = std::sync::Arc::make_mut(object);
        name(format!("std-object-{}", object.id), &mut object.label, &standard.label);
        name(format!("std-object-{}-plural", object.id), &mut object.label_plural, &standard.label_plural);
        for field in &mut object.fields {
            let Some(default) = standard.fields.iter().find(|f| f.id == field.id) else { continue };
            name(format!("std-field-{}-{}", object.id, field.id), &mut field.label, &default.label);
            let (FieldType::Select { options } | FieldType::MultiSelect { options }) = &mut field.kind else {
                continue;
            };
            let (FieldType::Select { options: defaults } | FieldType::MultiSelect { options: defaults }) =
                &default.kind
            else {
                continue;
            };
            for option in options.iter_mut() {
                if let Some(d) = defaults.iter().find(|d| d.value == option.value) {
                    name(
                        format!("std-option-{}-{}-{}", object.id, field.id, option.value),
                        &mut option.label,
                        &d.label,
                    );
                }
            }
        }
    }
}
