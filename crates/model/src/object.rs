//! Object metadata and the schema (all objects). Standard and custom objects are the
//! same thing: rows of `meta_objects` and `meta_fields`, one table each.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::behaviour::Behaviour;
use crate::error::ModelError;
use crate::field::{FieldDef, FieldType};

/// An object: people, companies, or a custom one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectDef {
    /// Stable id; names the table (`obj_{id}`). Never changes.
    pub id: String,
    /// Plural name in the API (`people`).
    pub api_name: String,
    pub label: String,
    pub label_plural: String,
    #[serde(default)]
    pub is_standard: bool,
    /// Activities (calls, notes, …) appear on the timelines of the records they link.
    #[serde(default)]
    pub is_activity: bool,
    /// What the interface does with the object (navigation, calendar, board, quick
    /// action, home lists): see `behaviour.rs`.
    #[serde(default, skip_serializing_if = "Behaviour::is_empty")]
    pub behaviour: Behaviour,
    /// Hidden objects keep their records but only administrators reach them, until
    /// unhidden (custom objects only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Field id whose value names a record in lists, links and search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_field: Option<String>,
    pub fields: Vec<FieldDef>,
}

/// System columns every object table has (DESIGN §3).
pub const SYSTEM_COLUMNS: [&str; 10] = [
    "rid",
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "owner_id",
    "team_id",
    "version",
    "deleted_at",
];

impl ObjectDef {
    pub fn table(&self) -> String {
        format!("obj_{}", self.id)
    }

    /// The search table of the object (FTS5 on SQLite, tsvector on PostgreSQL).
    pub fn search_table(&self) -> String {
        format!("srch_{}", self.id)
    }

    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// A visible field by API name.
    pub fn field_by_api(&self, api_name: &str) -> Result<&FieldDef, ModelError> {
        self.fields
            .iter()
            .find(|f| f.api_name == api_name && !f.hidden)
            .ok_or_else(|| ModelError::UnknownField { object: self.api_name.clone(), field: api_name.into() })
    }

    /// Fields with data of their own (not computed), hidden ones included.
    pub fn stored_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields.iter().filter(|f| !f.kind.is_computed())
    }

    pub fn visible_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields.iter().filter(|f| !f.hidden)
    }

    pub fn searchable_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields.iter().filter(|f| f.searchable && f.kind.is_searchable())
    }

    /// The visible name (label) field, when it can be sorted by (it has an index).
    pub fn sortable_label_field(&self) -> Option<&FieldDef> {
        self.label_field.as_deref().and_then(|id| self.field(id)).filter(|f| !f.hidden && f.sortable())
    }

    /// The order a list has when none is asked for: by name where the name can be
    /// sorted by, else the newest first (activities, notes and files are named by
    /// free text that has no index, and the newest is what people look for).
    pub fn default_sort(&self) -> Vec<crate::sort::SortKey> {
        match self.sortable_label_field() {
            Some(f) => vec![crate::sort::SortKey::asc(&f.api_name)],
            None => vec![crate::sort::SortKey::desc("created_at")],
        }
    }

    pub fn has_search(&self) -> bool {
        self.searchable_fields().next().is_some()
    }

    /// System fields as filterable, sortable pseudo-fields (their ids are their
    /// column names).
    pub fn system_fields() -> Vec<FieldDef> {
        let mut fields = vec![
            FieldDef::new("id", "Id", FieldType::Relation { target: String::new() }).indexed(),
            FieldDef::new("created_at", "Created", FieldType::DateTime).indexed(),
            FieldDef::new("updated_at", "Updated", FieldType::DateTime).indexed(),
            FieldDef::new("created_by", "Created by", FieldType::Relation { target: "user".into() }),
            FieldDef::new("updated_by", "Updated by", FieldType::Relation { target: "user".into() }),
            FieldDef::new("owner_id", "Owner", FieldType::Relation { target: "user".into() }).indexed(),
            FieldDef::new("team_id", "Team", FieldType::Relation { target: "team".into() }).indexed(),
            FieldDef::new("version", "Version", FieldType::Integer { min: None, max: None }),
        ];
        fields[5].api_name = "owner".into();
        fields[6].api_name = "team".into();
        fields
    }
}

/// All objects, with the metadata version they were read at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub version: i64,
    /// Shared, so that a request's view of an object is a reference count, not a copy.
    pub objects: BTreeMap<String, Arc<ObjectDef>>,
}

impl Schema {
    pub fn new(objects: Vec<ObjectDef>) -> Self {
        Self::of_shared(objects.into_iter().map(Arc::new))
    }

    pub fn of_shared(objects: impl IntoIterator<Item = Arc<ObjectDef>>) -> Self {
        Schema { version: 0, objects: objects.into_iter().map(|o| (o.id.clone(), o)).collect() }
    }

    /// Every object, by id.
    pub fn all(&self) -> impl Iterator<Item = &ObjectDef> {
        self.objects.values().map(|o| &**o)
    }

    pub fn object(&self, id: &str) -> Result<&ObjectDef, ModelError> {
        self.objects.get(id).map(|o| &**o).ok_or_else(|| ModelError::UnknownObject(id.into()))
    }

    /// An object by its plural API name (`people`) or its id (`person`).
    pub fn object_by_api(&self, name: &str) -> Result<&ObjectDef, ModelError> {
        self.shared_by_api(name).map(|o| &**o)
    }

    /// [`Schema::object_by_api`], shared.
    pub fn shared_by_api(&self, name: &str) -> Result<&Arc<ObjectDef>, ModelError> {
        self.objects
            .values()
            .find(|o| o.api_name == name)
            .or_else(|| self.objects.get(name))
            .ok_or_else(|| ModelError::UnknownObject(name.into()))
    }
}
