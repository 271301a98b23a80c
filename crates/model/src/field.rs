//! Field metadata: the field types of DESIGN §3. Each type knows here, in one place,
//! its columns (as logical storage types that the store maps per database), its JSON
//! shape, its filter operators and whether it can be sorted and searched.

use serde::{Deserialize, Serialize};

use crate::filter::Op;

/// A choice of a select or multi-select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectOption {
    /// Stored value, stable.
    pub value: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

impl SelectOption {
    pub fn new(value: &str, label: &str) -> Self {
        SelectOption { value: value.into(), label: label.into(), color: None }
    }
}

/// The result type of a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalarKind {
    Text,
    Integer,
    Decimal,
    Boolean,
    Date,
    DateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    Count,
    Sum,
    Min,
    Max,
    Avg,
}

/// The type of a field with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldType {
    Text {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_length: Option<u32>,
    },
    LongText,
    Integer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    /// Exact decimal with `scale` digits after the point.
    Decimal {
        precision: u8,
        scale: u8,
    },
    /// An amount in minor units (`scale` digits) and an ISO 4217 code.
    Currency {
        scale: u8,
    },
    /// A percentage stored as its number (12.5 means 12.5 %).
    Percent {
        scale: u8,
    },
    Boolean,
    Date,
    DateTime,
    Select {
        options: Vec<SelectOption>,
    },
    MultiSelect {
        options: Vec<SelectOption>,
    },
    /// `multiple` fields are contact points: child rows with label and flags.
    Email {
        #[serde(default)]
        multiple: bool,
    },
    Phone {
        #[serde(default)]
        multiple: bool,
    },
    Url {
        #[serde(default)]
        multiple: bool,
    },
    /// Social profiles (network in the label, handle or address as the value):
    /// always contact points.
    Social,
    Address,
    FullName,
    Rating {
        max: u8,
    },
    /// Many-to-one link to a record of `target` (an object id).
    Relation {
        target: String,
    },
    /// A file in the attachments object.
    Attachment,
    Json,
    /// Computed from other fields of the record (evaluated by a later issue).
    Formula {
        expression: String,
        result: ScalarKind,
    },
    /// Aggregate over related records (evaluated by a later issue).
    Rollup {
        relation: String,
        field: String,
        aggregate: Aggregate,
    },
}

/// Storage types as the schema knows them; the store maps each to one exact SQL type
/// per database (DESIGN §3, "Storage types").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Logical {
    Uuid,
    Integer,
    /// Exact decimal: scaled integer on SQLite, numeric(p, s) on PostgreSQL.
    Decimal {
        precision: u8,
        scale: u8,
    },
    /// Minor units as a 64-bit integer on both.
    Minor,
    Text,
    Boolean,
    Date,
    DateTime,
    Json,
}

/// What a column holds, relative to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// The value itself (the only column of scalar fields).
    Value,
    /// A part of a composite field, named in the API as `field.part`.
    Part(&'static str),
    /// `fold()` of the text, for `like`/`contains` and name sorting.
    Folded,
}

/// One SQL column of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub logical: Logical,
    pub role: ColumnRole,
}

pub const ADDRESS_PARTS: [&str; 5] = ["street", "city", "postcode", "region", "country"];
pub const NAME_PARTS: [&str; 2] = ["first", "last"];

impl FieldType {
    /// A select's or multi-select's options in the order they are offered; none for
    /// other types.
    pub fn options(&self) -> &[SelectOption] {
        match self {
            FieldType::Select { options } | FieldType::MultiSelect { options } => options,
            _ => &[],
        }
    }

    /// Every type a field can be made with, each with its parameters at their
    /// defaults, in the order Settings offers them. Formulas and rollups are computed
    /// by a later issue and are not offered yet.
    pub fn all() -> Vec<FieldType> {
        vec![
            FieldType::Text { max_length: None },
            FieldType::LongText,
            FieldType::Integer { min: None, max: None },
            FieldType::Decimal { precision: 12, scale: 2 },
            FieldType::Currency { scale: 2 },
            FieldType::Percent { scale: 2 },
            FieldType::Boolean,
            FieldType::Date,
            FieldType::DateTime,
            FieldType::Select { options: Vec::new() },
            FieldType::MultiSelect { options: Vec::new() },
            FieldType::Email { multiple: false },
            FieldType::Phone { multiple: false },
            FieldType::Url { multiple: false },
            FieldType::Social,
            FieldType::Address,
            FieldType::FullName,
            FieldType::Rating { max: 5 },
            FieldType::Relation { target: String::new() },
            FieldType::Attachment,
            FieldType::Json,
        ]
    }

    /// The type named `name` (`long_text`), its parameters at their defaults.
    pub fn default_of(name: &str) -> Option<FieldType> {
        FieldType::all().into_iter().find(|t| t.type_name() == name)
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            FieldType::Text { .. } => "text",
            FieldType::LongText => "long_text",
            FieldType::Integer { .. } => "integer",
            FieldType::Decimal { .. } => "decimal",
            FieldType::Currency { .. } => "currency",
            FieldType::Percent { .. } => "percent",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::Select { .. } => "select",
            FieldType::MultiSelect { .. } => "multi_select",
            FieldType::Email { .. } => "email",
            FieldType::Phone { .. } => "phone",
            FieldType::Url { .. } => "url",
            FieldType::Social => "social",
            FieldType::Address => "address",
            FieldType::FullName => "full_name",
            FieldType::Rating { .. } => "rating",
            FieldType::Relation { .. } => "relation",
            FieldType::Attachment => "attachment",
            FieldType::Json => "json",
            FieldType::Formula { .. } => "formula",
            FieldType::Rollup { .. } => "rollup",
        }
    }

    /// Contact-point fields live in child rows, not in columns of the object table.
    pub fn contact_kind(&self) -> Option<ContactKind> {
        match self {
            FieldType::Email { multiple: true } => Some(ContactKind::Email),
            FieldType::Phone { multiple: true } => Some(ContactKind::Phone),
            FieldType::Url { multiple: true } => Some(ContactKind::Url),
            FieldType::Social => Some(ContactKind::Social),
            _ => None,
        }
    }

    /// The object a field's value points at: a relation's target, or the attachments
    /// object for an attachment field.
    pub fn relation_target(&self) -> Option<&str> {
        match self {
            FieldType::Relation { target } => Some(target),
            FieldType::Attachment => Some("attachment"),
            _ => None,
        }
    }

    /// Computed fields have no column.
    pub fn is_computed(&self) -> bool {
        matches!(self, FieldType::Formula { .. } | FieldType::Rollup { .. })
    }

    /// Text whose folded copy is stored for `like`/`contains` (and sorting names).
    pub fn has_folded_column(&self) -> bool {
        matches!(
            self,
            FieldType::Text { .. }
                | FieldType::Email { multiple: false }
                | FieldType::Url { multiple: false }
                | FieldType::FullName
        )
    }

    /// The SQL columns of a field whose stable column base name is `base`.
    pub fn columns(&self, base: &str) -> Vec<Column> {
        let col = |suffix: &str, logical, role| Column { name: format!("{base}{suffix}"), logical, role };
        let value = |logical| vec![col("", logical, ColumnRole::Value)];
        let mut cols = match self {
            FieldType::Text { .. }
            | FieldType::LongText
            | FieldType::Select { .. }
            | FieldType::Email { multiple: false }
            | FieldType::Phone { multiple: false }
            | FieldType::Url { multiple: false } => value(Logical::Text),
            FieldType::Integer { .. } | FieldType::Rating { .. } => value(Logical::Integer),
            FieldType::Decimal { precision, scale } => value(Logical::Decimal { precision: *precision, scale: *scale }),
            FieldType::Percent { scale } => value(Logical::Decimal { precision: 9 + *scale, scale: *scale }),
            FieldType::Currency { .. } => vec![
                col("__amount", Logical::Minor, ColumnRole::Part("amount")),
                col("__currency", Logical::Text, ColumnRole::Part("currency")),
            ],
            FieldType::Boolean => value(Logical::Boolean),
            FieldType::Date => value(Logical::Date),
            FieldType::DateTime => value(Logical::DateTime),
            FieldType::MultiSelect { .. } | FieldType::Json => value(Logical::Json),
            FieldType::Relation { .. } | FieldType::Attachment => value(Logical::Uuid),
            FieldType::Address => {
                ADDRESS_PARTS.iter().map(|p| col(&format!("__{p}"), Logical::Text, ColumnRole::Part(p))).collect()
            }
            FieldType::FullName => {
                NAME_PARTS.iter().map(|p| col(&format!("__{p}"), Logical::Text, ColumnRole::Part(p))).collect()
            }
            FieldType::Email { multiple: true }
            | FieldType::Phone { multiple: true }
            | FieldType::Url { multiple: true }
            | FieldType::Social
            | FieldType::Formula { .. }
            | FieldType::Rollup { .. } => Vec::new(),
        };
        if self.has_folded_column() {
            cols.push(col("__f", Logical::Text, ColumnRole::Folded));
        }
        cols
    }

    /// The filter operators this type accepts on the whole value. A part of a composite
    /// (`address.city`, `name.last`, `amount.currency`) takes `eq neq gt gte lt lte in
    /// nin is`; matching operators need the folded copy that only whole text fields have.
    /// The operators a condition on one part of a composite field (`address.city`,
    /// `amount.currency`, `name.first`) can use: parts are compared, not matched.
    pub const PART_OPERATORS: &'static [Op] =
        &[Op::Eq, Op::Neq, Op::Gt, Op::Gte, Op::Lt, Op::Lte, Op::In, Op::Nin, Op::Is];

    pub fn operators(&self) -> &'static [Op] {
        use Op::*;
        const ORDERED: &[Op] = &[Eq, Neq, Gt, Gte, Lt, Lte, In, Nin, Is];
        const TEXT: &[Op] = &[Eq, Neq, Gt, Gte, Lt, Lte, In, Nin, Like, Ilike, Contains, StartsWith, Is];
        const EQUALITY: &[Op] = &[Eq, Neq, In, Nin, Is];
        const CONTACTS: &[Op] = &[Eq, In, Contains, StartsWith, Is];
        match self {
            FieldType::Text { .. }
            | FieldType::Email { multiple: false }
            | FieldType::Url { multiple: false }
            | FieldType::FullName => TEXT,
            FieldType::Phone { multiple: false } => &[Eq, Neq, In, Nin, StartsWith, Is],
            FieldType::Integer { .. }
            | FieldType::Decimal { .. }
            | FieldType::Percent { .. }
            | FieldType::Rating { .. }
            | FieldType::Date
            | FieldType::DateTime
            | FieldType::Currency { .. } => ORDERED,
            FieldType::Select { .. } | FieldType::Relation { .. } | FieldType::Attachment => EQUALITY,
            FieldType::Boolean => &[Eq, Neq, Is],
            FieldType::MultiSelect { .. } => &[Contains, Is],
            FieldType::Email { multiple: true }
            | FieldType::Phone { multiple: true }
            | FieldType::Url { multiple: true }
            | FieldType::Social => CONTACTS,
            FieldType::LongText | FieldType::Json => &[Is],
            // The parts are compared (`address.city[eq]:Athens`), not the whole.
            FieldType::Address => &[Is],
            FieldType::Formula { .. } | FieldType::Rollup { .. } => &[],
        }
    }

    /// Types that can carry an index, and so be sorted and paged by.
    pub fn is_sortable(&self) -> bool {
        matches!(
            self,
            FieldType::Text { .. }
                | FieldType::Email { multiple: false }
                | FieldType::Url { multiple: false }
                | FieldType::Phone { multiple: false }
                | FieldType::FullName
                | FieldType::Integer { .. }
                | FieldType::Decimal { .. }
                | FieldType::Percent { .. }
                | FieldType::Rating { .. }
                | FieldType::Currency { .. }
                | FieldType::Boolean
                | FieldType::Date
                | FieldType::DateTime
                | FieldType::Select { .. }
                | FieldType::Relation { .. }
        )
    }

    /// Types whose text goes into the full-text index when the field is searchable.
    pub fn is_searchable(&self) -> bool {
        matches!(
            self,
            FieldType::Text { .. }
                | FieldType::LongText
                | FieldType::Email { .. }
                | FieldType::Phone { .. }
                | FieldType::Url { .. }
                | FieldType::Social
                | FieldType::FullName
                | FieldType::Address
        )
    }

    /// The column a sort on this field orders by: the folded name for full names
    /// (so that names sort the same whatever their accents), the amount for money,
    /// the value otherwise.
    pub fn sort_column(&self, base: &str) -> Option<Column> {
        if !self.is_sortable() {
            return None;
        }
        let cols = self.columns(base);
        // Text sorts by its folded copy, as names do: "Ίρις" with the ι's, "Éva" with
        // the e's, whatever the case (byte order would put every accented or upper-case
        // letter after z).
        let pick = match self {
            FieldType::FullName | FieldType::Text { .. } => ColumnRole::Folded,
            FieldType::Currency { .. } => ColumnRole::Part("amount"),
            _ => ColumnRole::Value,
        };
        cols.into_iter().find(|c| c.role == pick)
    }
}

/// Kinds of contact points (child rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
    Url,
    Social,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Url => "url",
            ContactKind::Social => "social",
        }
    }
}

/// A field of an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// Stable id, unique within the object; the SQL column base name. Never changes.
    /// Empty in input: Rapport makes one from the API name.
    #[serde(default)]
    pub id: String,
    /// Name in the API, filters and imports; can be renamed.
    pub api_name: String,
    pub label: String,
    #[serde(flatten)]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub unique: bool,
    /// Has an index: can be sorted and paged by.
    #[serde(default)]
    pub indexed: bool,
    #[serde(default)]
    pub searchable: bool,
    /// Hidden fields keep their data but are not shown or written until unhidden.
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub position: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Set by Rapport itself (a file's hash and storage key), never from input.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
}

impl FieldDef {
    pub fn new(id: &str, label: &str, kind: FieldType) -> Self {
        FieldDef {
            id: id.into(),
            api_name: id.into(),
            label: label.into(),
            kind,
            required: false,
            unique: false,
            indexed: false,
            searchable: false,
            hidden: false,
            position: 0,
            section: None,
            read_only: false,
        }
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self.indexed = true;
        self
    }
    pub fn indexed(mut self) -> Self {
        self.indexed = true;
        self
    }
    pub fn searchable(mut self) -> Self {
        self.searchable = true;
        self
    }
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
    pub fn section(mut self, section: &str) -> Self {
        self.section = Some(section.into());
        self
    }

    pub fn columns(&self) -> Vec<Column> {
        self.kind.columns(&self.id)
    }

    pub fn sortable(&self) -> bool {
        self.indexed && self.kind.is_sortable()
    }
}

/// Whether `name` is a valid API name or id: `[a-z][a-z0-9_]*`, at most 48 bytes,
/// no double underscore (reserved for the parts of composite columns).
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= 48
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && !name.contains("__")
        && !name.ends_with('_')
}
