//! The JSON shape of every field type as a JSON Schema (2020-12, the dialect of
//! OpenAPI 3.1), beside the types' other shapes: what the API answers and takes for a
//! field, so that the OpenAPI document is generated from live metadata.

use serde_json::{Value as Json, json};

use crate::field::{FieldDef, FieldType};

fn nullable(schema: Json) -> Json {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// A contact point, as answered (with its normalised value) or given (a plain string
/// is a point without label or flags).
fn contact_point() -> Json {
    json!({ "anyOf": [
        { "type": "string" },
        { "type": "object", "properties": {
            "value": { "type": "string" }, "normalized": { "type": "string" }, "label": { "type": "string" },
            "primary": { "type": "boolean" }, "opt_out": { "type": "boolean" }, "invalid": { "type": "boolean" }
        }, "required": ["value"] }
    ] })
}

fn options(kind: &FieldType) -> Vec<Json> {
    match kind {
        FieldType::Select { options } | FieldType::MultiSelect { options } => {
            options.iter().map(|o| Json::String(o.value.clone())).collect()
        }
        _ => Vec::new(),
    }
}

/// One of a select's options (any string while it has none: an enum must not be empty).
fn one_of_options(kind: &FieldType) -> Json {
    let values = options(kind);
    if values.is_empty() { json!({ "type": "string" }) } else { json!({ "type": "string", "enum": values }) }
}

/// A decimal as a string (never a float: no client rounds it), optionally signed.
fn decimal_text() -> Json {
    json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" })
}

impl FieldType {
    /// The JSON Schema of a value of this type (not null: an empty value is left out
    /// of answers, and `null` in input clears it).
    pub fn json_schema(&self) -> Json {
        match self {
            FieldType::Text { max_length: Some(max) } => json!({ "type": "string", "maxLength": max }),
            FieldType::Text { max_length: None } | FieldType::LongText => json!({ "type": "string" }),
            FieldType::Integer { min, max } => {
                let mut schema = json!({ "type": "integer" });
                if let Some(min) = min {
                    schema["minimum"] = json!(min);
                }
                if let Some(max) = max {
                    schema["maximum"] = json!(max);
                }
                schema
            }
            FieldType::Rating { max } => json!({ "type": "integer", "minimum": 0, "maximum": max }),
            FieldType::Decimal { .. } | FieldType::Percent { .. } => decimal_text(),
            FieldType::Currency { .. } => json!({ "type": "object",
                "properties": { "amount": decimal_text(), "currency": { "type": "string", "pattern": "^[A-Za-z]{3}$" } },
                "required": ["amount", "currency"] }),
            FieldType::Boolean => json!({ "type": "boolean" }),
            FieldType::Date => json!({ "type": "string", "format": "date" }),
            FieldType::DateTime => json!({ "type": "string", "format": "date-time" }),
            FieldType::Select { .. } => one_of_options(self),
            FieldType::MultiSelect { .. } => {
                json!({ "type": "array", "items": one_of_options(self), "uniqueItems": true })
            }
            FieldType::Email { multiple: false } => json!({ "type": "string", "format": "email" }),
            FieldType::Phone { multiple: false } | FieldType::Url { multiple: false } => json!({ "type": "string" }),
            FieldType::Email { multiple: true }
            | FieldType::Phone { multiple: true }
            | FieldType::Url { multiple: true }
            | FieldType::Social => json!({ "type": "array", "items": contact_point() }),
            FieldType::Address => json!({ "type": "object", "properties": {
                "street": { "type": "string" }, "city": { "type": "string" }, "postcode": { "type": "string" },
                "region": { "type": "string" }, "country": { "type": "string", "pattern": "^[A-Za-z]{2}$" } } }),
            FieldType::FullName => json!({ "type": "object",
                "properties": { "first": { "type": "string" }, "last": { "type": "string" } } }),
            // An id; `expand` answers the related record in its place.
            FieldType::Relation { .. } | FieldType::Attachment => {
                json!({ "anyOf": [{ "type": "string", "format": "uuid" }, { "type": "object" }] })
            }
            FieldType::Json | FieldType::Formula { .. } | FieldType::Rollup { .. } => json!({}),
        }
    }
}

impl FieldDef {
    /// The field in an answer: its type's schema, described by its label.
    pub fn answer_schema(&self) -> Json {
        let mut schema = self.kind.json_schema();
        if let Json::Object(map) = &mut schema {
            map.insert("title".into(), Json::String(self.label.clone()));
        }
        schema
    }

    /// The field in input: its type's schema, or null to clear it.
    pub fn input_schema(&self) -> Json {
        nullable(self.answer_schema())
    }
}
