//! Every error the API gives is an RFC 9457 problem (`application/problem+json`):
//! a `type` URI and a `code` that programs branch on and that never change, the HTTP
//! `status`, a `title` for the status, a `detail` for people, and `errors` naming each
//! refused field with its own code and a `message`. Internal failures say only that
//! something failed: their cause goes to the log, never into a response.
//!
//! The title, the detail and the messages are in the request's language
//! ([`crate::problem_text`]): a problem made from a typed error carries a message id and
//! its arguments, never English to be translated; one made at the edge with English
//! text only gets its code's general message in the other languages.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_domain::DomainError;
use rapport_domain::model::RuleError;
use rapport_domain::model::filter::FilterError;
use serde::Serialize;

use crate::problem_text;

/// Where problem types are named; `.invalid` because the URIs identify, not locate.
const TYPE_BASE: &str = "https://rapport.invalid/problems/";

/// A Fluent message: its id and its arguments (as the error types give them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: impl Into<String>, args: Vec<(&'static str, String)>) -> Message {
        Message { id: id.into(), args }
    }

    /// The value of argument `name`, if the message has it.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    /// Why, with its specifics (`reason-too-long` and `max`), when a typed error said
    /// so; `None` for a refusal made at the edge, which gets its code's general message.
    pub message: Option<Message>,
}

/// An error answer.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    /// The English detail (what the API says when no other language is asked for and
    /// the problem has no [`Problem::message`]).
    pub detail: String,
    /// The detail as a message, when the problem came from a typed error (boxed:
    /// problems travel in `Result`s, which stay small).
    pub message: Option<Box<Message>>,
    pub errors: Vec<FieldProblem>,
    /// Seconds for `Retry-After` (throttled sign-in).
    pub retry_after: Option<u64>,
    /// A business rule's refusal: its message is the whole detail, and it has no
    /// general sentence of its code (rules bring their own codes).
    pub rule: bool,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            code,
            detail: detail.into(),
            message: None,
            errors: Vec::new(),
            retry_after: None,
            rule: false,
        }
    }

    /// A problem from a typed error: its detail is the message for `code` with `args`.
    fn typed(status: StatusCode, code: &'static str, detail: String, args: Vec<(&'static str, String)>) -> Problem {
        Problem { message: Some(Box::new(detail_message(code, args))), ..Problem::new(status, code, detail) }
    }

    /// The value of argument `name` of the detail (`field`, `position`, ...), for
    /// pages that point at what was refused without reading the English text.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.message.as_ref().and_then(|m| m.arg(name))
    }

    pub fn unauthenticated() -> Problem {
        Problem::from(DomainError::Unauthenticated)
    }

    /// A state-changing request that failed the CSRF defences (token or origin).
    pub fn csrf_failed(detail: &str) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, "csrf_failed", detail)
    }

    /// A signed-in user with a one-time password asked for anything but changing it.
    pub fn password_change_required() -> Problem {
        const CODE: &str = "password_change_required";
        let detail = "this account signed in with a one-time password: change the password first \
                      (POST /api/v1/me/password), then try again";
        Problem::typed(status_of(CODE), CODE, detail.to_owned(), Vec::new())
    }

    /// An API token over its rate: try again in `retry_after` seconds.
    pub fn rate_limited(retry_after: u64) -> Problem {
        let detail = format!("this API token made too many requests; try again in {retry_after} s");
        let args = vec![("retry_after_secs", retry_after.to_string())];
        Problem {
            retry_after: Some(retry_after),
            ..Problem::typed(StatusCode::TOO_MANY_REQUESTS, "rate_limited", detail, args)
        }
    }

    /// A failure whose cause must not reach the client: logged here, answered as 500.
    fn internal(error: &dyn std::fmt::Display, code: &'static str) -> Problem {
        tracing::error!(error = %error, code, "request failed");
        let detail = "the server failed to answer this request".to_owned();
        Problem::typed(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", detail, Vec::new())
    }

    fn validation(detail: String, errors: Vec<FieldProblem>) -> Problem {
        Problem { errors, ..Problem::new(StatusCode::BAD_REQUEST, "validation_failed", detail) }
    }

    /// A validation problem about one field (for refusals made at the edge).
    pub fn field(field: &str, code: &str, detail: impl Into<String>) -> Problem {
        let error = FieldProblem { field: field.to_owned(), code: code.to_owned(), message: None };
        Problem::validation(detail.into(), vec![error])
    }

    /// A validation problem about query parameter `parameter` with a typed cause: the
    /// field's message is the cause's, with its specifics.
    fn typed_field(parameter: &str, code: &'static str, message: Message, detail: String) -> Problem {
        let error = FieldProblem { field: parameter.to_owned(), code: code.to_owned(), message: Some(message.clone()) };
        Problem { message: Some(Box::new(message)), ..Problem::validation(detail, vec![error]) }
    }

    /// Malformed filter or sort text in query parameter `parameter`, refused with
    /// `code` (`invalid_filter`, `invalid_order_by`): the position and what was
    /// expected travel as arguments.
    pub fn syntax(parameter: &str, code: &'static str, error: &FilterError) -> Problem {
        let detail = format!("{parameter}: {} (at character {})", error.kind, error.position);
        Problem::typed_field(parameter, code, reason_message(code, error.args()), detail)
    }

    /// A domain error about query parameter `parameter` (a filter's field, a sort key,
    /// a cursor), as a validation problem naming the parameter.
    pub fn about(parameter: &str, error: &DomainError) -> Problem {
        let message = detail_message(error.code(), error.args());
        Problem::typed_field(parameter, error.code(), message, error.to_string())
    }
}

/// `too_long` → `too-long`, as message ids spell codes.
pub fn kebab(code: &str) -> String {
    code.replace('_', "-")
}

/// The detail of a typed error (`detail-{code}`), with its specifics. (The code's
/// general sentence, `problem-{code}`, is for refusals made without them.)
fn detail_message(code: &str, args: Vec<(&'static str, String)>) -> Message {
    Message::new(format!("detail-{}", kebab(code)), args)
}

/// A refused field's reason with its specifics (`reason-{code}`).
fn reason_message(code: &str, args: Vec<(&'static str, String)>) -> Message {
    Message::new(format!("reason-{}", kebab(code)), args)
}

fn typed_field_problem(field: &str, code: &str, args: Vec<(&'static str, String)>) -> FieldProblem {
    FieldProblem { field: field.to_owned(), code: code.to_owned(), message: Some(reason_message(code, args)) }
}

impl Problem {
    /// A business rule's refusal: 422 (the request is well formed, the business says
    /// no), the rule's own code, its message with its arguments as the detail, and
    /// the field it is about, so that forms show it beside the field.
    fn rule(rule: &RuleError) -> Problem {
        let message = Message::new(rule.message_id, rule.args.clone());
        let errors = rule
            .field
            .iter()
            .map(|field| FieldProblem {
                field: field.clone(),
                code: rule.code.to_owned(),
                message: Some(message.clone()),
            })
            .collect();
        Problem {
            message: Some(Box::new(message)),
            errors,
            rule: true,
            ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY, rule.code, rule.to_string())
        }
    }
}

impl From<DomainError> for Problem {
    fn from(e: DomainError) -> Problem {
        if let Some(rule) = e.rule() {
            return Problem::rule(rule);
        }
        match &e {
            DomainError::Store(store) if !store.field_errors().is_empty() => {
                let errors = field_problems(store.field_errors());
                Problem { message: Some(validation_message()), ..Problem::validation(e.to_string(), errors) }
            }
            DomainError::Password { field, rejection } => {
                let error = typed_field_problem(field, rejection.code(), e.args());
                Problem { message: Some(validation_message()), ..Problem::validation(e.to_string(), vec![error]) }
            }
            DomainError::Throttled { retry_after_secs } => Problem {
                retry_after: Some(*retry_after_secs),
                ..Problem::typed(StatusCode::TOO_MANY_REQUESTS, e.code(), e.to_string(), e.args())
            },
            DomainError::Store(store) if store.refusal_part_way().is_some() => {
                // A refusal met while writing (a rule's effect, a value taken meanwhile):
                // the chunks before it stay written, so the answer says how many, and
                // names the refused item and field like any refusal.
                let errors = match store.refusal_part_way() {
                    Some(cause) => match cause.rule() {
                        Some(rule) => Problem::rule(rule).errors,
                        None => field_problems(cause.field_errors()),
                    },
                    None => Vec::new(),
                };
                Problem {
                    errors,
                    ..Problem::typed(StatusCode::UNPROCESSABLE_ENTITY, e.code(), e.to_string(), e.args())
                }
            }
            DomainError::Store(store) if store.code() == "partly_written" => {
                // The store names the cause by its code; answer with the cause's status.
                let cause = store.args().into_iter().find(|(k, _)| *k == "cause").map(|(_, v)| v);
                match cause.as_deref().map(status_of) {
                    Some(status) if !status.is_server_error() => {
                        Problem::typed(status, e.code(), e.to_string(), e.args())
                    }
                    _ => Problem::internal(&e, e.code()),
                }
            }
            _ => match status_of(e.code()) {
                StatusCode::SERVICE_UNAVAILABLE => {
                    tracing::error!(error = %e, "database unavailable");
                    let detail = "the database is unavailable; try again shortly".to_owned();
                    Problem::typed(StatusCode::SERVICE_UNAVAILABLE, e.code(), detail, Vec::new())
                }
                status if status.is_server_error() => Problem::internal(&e, e.code()),
                status => Problem::typed(status, e.code(), e.to_string(), e.args()),
            },
        }
    }
}

/// The status of each stable error code of the domain and the store. A code this
/// table does not know is a 500 whose cause is logged: a new error must be placed
/// here before its text reaches a client (and a test then asks for its messages).
pub const STATUS_OF_CODE: [(&str, StatusCode); 27] = [
    ("validation_failed", StatusCode::BAD_REQUEST),
    ("unknown_field", StatusCode::BAD_REQUEST),
    ("invalid_filter", StatusCode::BAD_REQUEST),
    ("invalid_cursor", StatusCode::BAD_REQUEST),
    ("not_sortable", StatusCode::BAD_REQUEST),
    ("invalid_operator", StatusCode::BAD_REQUEST),
    ("invalid_filter_value", StatusCode::BAD_REQUEST),
    ("unauthenticated", StatusCode::UNAUTHORIZED),
    ("invalid_credentials", StatusCode::UNAUTHORIZED),
    ("forbidden", StatusCode::FORBIDDEN),
    ("password_change_required", StatusCode::FORBIDDEN),
    ("not_found", StatusCode::NOT_FOUND),
    ("unknown_object", StatusCode::NOT_FOUND),
    ("version_conflict", StatusCode::CONFLICT),
    ("schema_changed", StatusCode::CONFLICT),
    ("not_empty", StatusCode::CONFLICT),
    ("last_administrator", StatusCode::CONFLICT),
    ("file_too_large", StatusCode::PAYLOAD_TOO_LARGE),
    ("too_many_attempts", StatusCode::TOO_MANY_REQUESTS),
    ("rate_limited", StatusCode::TOO_MANY_REQUESTS),
    ("database_unavailable", StatusCode::SERVICE_UNAVAILABLE),
    // Answered as 500 without their cause (see `Problem::internal`).
    ("internal_error", StatusCode::INTERNAL_SERVER_ERROR),
    ("partly_written", StatusCode::INTERNAL_SERVER_ERROR),
    ("database_error", StatusCode::INTERNAL_SERVER_ERROR),
    ("file_store_failed", StatusCode::INTERNAL_SERVER_ERROR),
    ("export_failed", StatusCode::INTERNAL_SERVER_ERROR),
    ("migration_failed", StatusCode::INTERNAL_SERVER_ERROR),
];

/// The refused fields of a validation error, each with its typed message.
fn field_problems(errors: &[rapport_domain::model::FieldError]) -> Vec<FieldProblem> {
    errors.iter().map(|f| typed_field_problem(&f.field, f.reason.code(), f.reason.args())).collect()
}

fn status_of(code: &str) -> StatusCode {
    STATUS_OF_CODE.iter().find(|(c, _)| *c == code).map_or(StatusCode::INTERNAL_SERVER_ERROR, |(_, s)| *s)
}

/// The detail of a validation problem from typed errors: it lists the fields'
/// messages (`detail-validation-failed`).
fn validation_message() -> Box<Message> {
    Box::new(Message::new("detail-validation-failed", Vec::new()))
}

/// A body that is not the JSON the route takes: 400 (malformed or of the wrong shape,
/// unknown fields included), 415 without a JSON content type, 413 when too large.
impl From<JsonRejection> for Problem {
    fn from(rejection: JsonRejection) -> Problem {
        let (status, code) = match &rejection {
            JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            JsonRejection::JsonDataError(_) => (StatusCode::BAD_REQUEST, "invalid_body"),
            JsonRejection::MissingJsonContentType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
            }
            _ => (StatusCode::BAD_REQUEST, "unreadable_body"),
        };
        Problem::new(status, code, rejection.body_text())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    code: &'a str,
    detail: String,
    errors: Vec<FieldBody<'a>>,
}

#[derive(Serialize)]
struct FieldBody<'a> {
    field: &'a str,
    code: &'a str,
    message: String,
}

impl IntoResponse for Problem {
    /// Answers in the request's language (see [`crate::problem_text::negotiate`]).
    fn into_response(self) -> Response {
        let tr = problem_text::current();
        let body = Body {
            kind: format!("{TYPE_BASE}{}", self.code),
            title: problem_text::title(self.status, &tr),
            status: self.status.as_u16(),
            code: self.code,
            detail: problem_text::detail(&self, &tr),
            errors: self
                .errors
                .iter()
                .map(|e| FieldBody { field: &e.field, code: &e.code, message: problem_text::field_message(e, &tr) })
                .collect(),
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(tr.code()));
        if let Some(secs) = self.retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            // RFC 9110 §15.5.2: a 401 names a scheme the client can answer with.
            headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"rapport\""));
        }
        response
    }
}
