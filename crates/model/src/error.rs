//! Typed errors of the model: every error has a stable code (for programs), a Fluent
//! message id and its arguments (for people, translated at the edge), and names the
//! field it is about.

use std::fmt;

/// Why a value was refused. Each reason has a stable code and a Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Required,
    WrongType {
        expected: &'static str,
    },
    TooLong {
        max: u32,
    },
    /// A list with more items than the field (or the request) takes.
    TooMany {
        max: u32,
    },
    OutOfRange {
        min: String,
        max: String,
    },
    TooPrecise {
        scale: u32,
    },
    NotAnEmail,
    NotAPhone,
    NotAUrl,
    UnknownCurrency,
    UnknownCountry,
    UnknownOption {
        value: String,
    },
    NotADate,
    NotADateTime,
    NotAUuid,
    ReadOnly,
    Duplicate,
    UnknownSubfield {
        name: String,
    },
    InvalidName,
    NameTaken,
    UnknownRecord,
    UnknownField,
    /// A relation names an object that does not exist.
    UnknownObject {
        name: String,
    },
    /// Text in a small language of its own (a saved view's filter or sort) that cannot
    /// be read or applied; `detail` says where and why.
    Malformed {
        detail: String,
    },
    /// An option that records (deleted ones included) still hold cannot be removed:
    /// they would keep a value the field no longer offers.
    InUse {
        value: String,
    },
    /// An option value outside letters, digits, `_` and `-`: values end up in filter
    /// text (`status[in]:[a,b]`) and CSV files, where other characters would need quoting.
    InvalidOptionValue,
    /// Options were given for a field that has none (not a select or multi-select).
    NotASelect,
    /// A field an object's capability names (`calendar.start`) cannot be hidden,
    /// dropped or lose an option the capability needs until the capability changes.
    UsedBy {
        what: String,
    },
}

impl Reason {
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Required => "required",
            Reason::WrongType { .. } => "wrong_type",
            Reason::TooLong { .. } => "too_long",
            Reason::TooMany { .. } => "too_many",
            Reason::OutOfRange { .. } => "out_of_range",
            Reason::TooPrecise { .. } => "too_precise",
            Reason::NotAnEmail => "not_an_email",
            Reason::NotAPhone => "not_a_phone",
            Reason::NotAUrl => "not_a_url",
            Reason::UnknownCurrency => "unknown_currency",
            Reason::UnknownCountry => "unknown_country",
            Reason::UnknownOption { .. } => "unknown_option",
            Reason::NotADate => "not_a_date",
            Reason::NotADateTime => "not_a_datetime",
            Reason::NotAUuid => "not_a_uuid",
            Reason::ReadOnly => "read_only",
            Reason::Duplicate => "duplicate",
            Reason::UnknownSubfield { .. } => "unknown_subfield",
            Reason::InvalidName => "invalid_name",
            Reason::NameTaken => "name_taken",
            Reason::UnknownRecord => "unknown_record",
            Reason::UnknownField => "unknown_field",
            Reason::UnknownObject { .. } => "unknown_object",
            Reason::Malformed { .. } => "malformed",
            Reason::InUse { .. } => "in_use",
            Reason::InvalidOptionValue => "invalid_option_value",
            Reason::NotASelect => "not_a_select",
            Reason::UsedBy { .. } => "used_by",
        }
    }

    /// Fluent message id, e.g. `field-too-long`.
    pub fn message_id(&self) -> String {
        format!("field-{}", self.code().replace('_', "-"))
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Reason::WrongType { expected } => vec![("expected", (*expected).to_owned())],
            Reason::TooLong { max } | Reason::TooMany { max } => vec![("max", max.to_string())],
            Reason::OutOfRange { min, max } => vec![("min", min.clone()), ("max", max.clone())],
            Reason::TooPrecise { scale } => vec![("scale", scale.to_string())],
            Reason::UnknownOption { value } | Reason::InUse { value } => vec![("value", value.clone())],
            Reason::UnknownSubfield { name } | Reason::UnknownObject { name } => vec![("name", name.clone())],
            Reason::Malformed { detail } => vec![("detail", detail.clone())],
            Reason::UsedBy { what } => vec![("what", what.clone())],
            _ => Vec::new(),
        }
    }
}

impl Reason {
    /// One of each reason, for checks that every reason has its message (a new
    /// reason fails to compile in the match below until it is listed).
    pub fn samples() -> Vec<Reason> {
        let all = vec![
            Reason::Required,
            Reason::WrongType { expected: "text" },
            Reason::TooLong { max: 200 },
            Reason::TooMany { max: 100 },
            Reason::OutOfRange { min: "0".into(), max: "100".into() },
            Reason::TooPrecise { scale: 2 },
            Reason::NotAnEmail,
            Reason::NotAPhone,
            Reason::NotAUrl,
            Reason::UnknownCurrency,
            Reason::UnknownCountry,
            Reason::UnknownOption { value: "purple".into() },
            Reason::NotADate,
            Reason::NotADateTime,
            Reason::NotAUuid,
            Reason::ReadOnly,
            Reason::Duplicate,
            Reason::UnknownSubfield { name: "zip".into() },
            Reason::InvalidName,
            Reason::NameTaken,
            Reason::UnknownRecord,
            Reason::UnknownField,
            Reason::UnknownObject { name: "planet".into() },
            Reason::Malformed { detail: "expected a value (at character 6)".into() },
            Reason::InUse { value: "won".into() },
            Reason::InvalidOptionValue,
            Reason::NotASelect,
            Reason::UsedBy { what: "calendar.start".into() },
        ];
        for reason in &all {
            match reason {
                Reason::Required
                | Reason::WrongType { .. }
                | Reason::TooLong { .. }
                | Reason::TooMany { .. }
                | Reason::OutOfRange { .. }
                | Reason::TooPrecise { .. }
                | Reason::NotAnEmail
                | Reason::NotAPhone
                | Reason::NotAUrl
                | Reason::UnknownCurrency
                | Reason::UnknownCountry
                | Reason::UnknownOption { .. }
                | Reason::NotADate
                | Reason::NotADateTime
                | Reason::NotAUuid
                | Reason::ReadOnly
                | Reason::Duplicate
                | Reason::UnknownSubfield { .. }
                | Reason::InvalidName
                | Reason::NameTaken
                | Reason::UnknownRecord
                | Reason::UnknownField
                | Reason::UnknownObject { .. }
                | Reason::Malformed { .. }
                | Reason::InUse { .. }
                | Reason::InvalidOptionValue
                | Reason::NotASelect
                | Reason::UsedBy { .. } => {}
            }
        }
        all
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Required => write!(f, "is required"),
            Reason::WrongType { expected } => write!(f, "must be {expected}"),
            Reason::TooLong { max } => write!(f, "is longer than {max} characters"),
            Reason::TooMany { max } => write!(f, "has more than {max} items"),
            Reason::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Reason::TooPrecise { scale } => write!(f, "has more than {scale} decimal places"),
            Reason::NotAnEmail => write!(f, "is not an email address"),
            Reason::NotAPhone => write!(f, "is not a phone number"),
            Reason::NotAUrl => write!(f, "is not a web address (http or https)"),
            Reason::UnknownCurrency => write!(f, "is not an ISO 4217 currency code"),
            Reason::UnknownCountry => write!(f, "is not an ISO 3166 country code"),
            Reason::UnknownOption { value } => write!(f, "has no option `{value}`"),
            Reason::NotADate => write!(f, "is not a date (YYYY-MM-DD)"),
            Reason::NotADateTime => write!(f, "is not an RFC 3339 date and time"),
            Reason::NotAUuid => write!(f, "is not a record id (UUID)"),
            Reason::ReadOnly => write!(f, "cannot be written"),
            Reason::Duplicate => write!(f, "already belongs to another record"),
            Reason::UnknownSubfield { name } => write!(f, "has no part `{name}`"),
            Reason::InvalidName => {
                write!(f, "must be lower-case letters, digits and _ starting with a letter (at most 48)")
            }
            Reason::NameTaken => write!(f, "is already used"),
            Reason::UnknownRecord => write!(f, "names a record that does not exist"),
            Reason::UnknownField => write!(f, "does not exist on this object"),
            Reason::UnknownObject { name } => write!(f, "names an object `{name}` that does not exist"),
            Reason::Malformed { detail } => write!(f, "cannot be used: {detail}"),
            Reason::InUse { value } => write!(f, "cannot lose option `{value}`: records still hold it"),
            Reason::InvalidOptionValue => {
                write!(f, "option values must be letters, digits, _ and - (at most 100 characters)")
            }
            Reason::NotASelect => write!(f, "has no options: only select and multi-select fields do"),
            Reason::UsedBy { what } => write!(f, "is used by the object's {what}: change that first"),
        }
    }
}

/// A refused value: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field `{field}` {reason}")]
pub struct FieldError {
    /// The field's API name (a dotted path for a part of a composite field).
    pub field: String,
    pub reason: Reason,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: Reason) -> Self {
        FieldError { field: field.into(), reason }
    }
}

/// Errors of metadata and values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("unknown object `{0}`")]
    UnknownObject(String),
    #[error("object `{object}` has no field `{field}`")]
    UnknownField { object: String, field: String },
    #[error("invalid values: {}", list(.0))]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Filter(#[from] crate::filter::FilterError),
}

fn list(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl ModelError {
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::UnknownObject(_) => "unknown_object",
            ModelError::UnknownField { .. } => "unknown_field",
            ModelError::Invalid(_) => "validation_failed",
            ModelError::Filter(_) => "invalid_filter",
        }
    }

    pub fn message_id(&self) -> &'static str {
        match self {
            ModelError::UnknownObject(_) => "error-unknown-object",
            ModelError::UnknownField { .. } => "error-unknown-field",
            ModelError::Invalid(_) => "error-validation-failed",
            ModelError::Filter(_) => "error-invalid-filter",
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ModelError::UnknownObject(o) => vec![("object", o.clone())],
            ModelError::UnknownField { object, field } => {
                vec![("object", object.clone()), ("field", field.clone())]
            }
            ModelError::Invalid(errors) => vec![("count", errors.len().to_string())],
            ModelError::Filter(e) => e.args(),
        }
    }

    pub fn invalid(field: impl Into<String>, reason: Reason) -> Self {
        ModelError::Invalid(vec![FieldError::new(field, reason)])
    }
}

/// A business rule refused a write (an opportunity's stage of another pipeline). The
/// rule is the domain's; the error is here, below the store, so that the store can
/// carry it out of a unit of work without knowing the domain, and every interface
/// words it from its code, message id and arguments in its user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", english(self))]
pub struct RuleError {
    /// Stable, for programs (`stage_not_in_pipeline`).
    pub code: &'static str,
    /// The Fluent message that says why, with `args` (`rule-stage-not-in-pipeline`).
    pub message_id: &'static str,
    /// The field the refusal is about: its stable id where a rule makes the error, its
    /// API name (or `{item}.{api name}` in a batch) once the store hands it out.
    pub field: Option<String>,
    pub args: Vec<(&'static str, String)>,
}

/// The English form, for logs: the code and its arguments (people read the message).
fn english(e: &RuleError) -> String {
    let args: Vec<String> = e.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let field = e.field.as_deref().map(|f| format!(" (field `{f}`)")).unwrap_or_default();
    format!("a business rule refused the write: {}{field} {}", e.code, args.join(", "))
}

impl RuleError {
    pub fn new(code: &'static str, message_id: &'static str) -> Self {
        RuleError { code, message_id, field: None, args: Vec::new() }
    }

    /// The refusal is about `field` (by stable id, as rules name fields).
    pub fn on(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}
