//! Problems in the user's language: the API's and the pages' refusals are worded
//! from Fluent messages (`locales/{locale}/problems.ftl`) by their codes and
//! arguments, never by translating English text.
//!
//! The language of a request is negotiated once, by [`negotiate`], a middleware over
//! the whole router that keeps it in a task-local for the request; a page's signed-in
//! viewer replaces it with their own ([`use_locale`]). A task-local rather than an
//! argument because problems become answers where the request is out of sight: in
//! `IntoResponse` (handlers, extractors and the Origin guard alike) and in the `?`
//! that turns a domain error into a page's `UiError`. Outside a request (a unit test,
//! a background task) problems are English.

use std::cell::Cell;

use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use rapport_domain::model::filter::FilterError;

use crate::problem::{FieldProblem, Message, Problem, kebab};
use crate::ui::i18n::{Arg, Tr, negotiate_locale};

tokio::task_local! {
    static LOCALE: Cell<&'static str>;
}

/// Runs the request with the locale its `Accept-Language` asks for; a problem's
/// answer then says which language it is in and that it depends on the header.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let header = request.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = negotiate_locale(header);
    let mut response = LOCALE.scope(Cell::new(locale), next.run(request)).await;
    if response.headers().contains_key(CONTENT_LANGUAGE) {
        response.headers_mut().append(VARY, HeaderValue::from_static("Accept-Language"));
    }
    response
}

/// The messages of the current request's locale (English outside a request).
pub fn current() -> Tr {
    LOCALE.try_with(|locale| Tr::new(locale.get())).unwrap_or_else(|_| Tr::new("en"))
}

/// Makes `tr`'s locale the current request's (a signed-in viewer's own choice wins
/// over the browser's header).
pub fn use_locale(tr: &Tr) {
    // Outside a request there is nothing to change.
    let _ = LOCALE.try_with(|locale| locale.set(tr.locale()));
}

/// The title of a status (`problem-title-404`), the standard reason phrase when the
/// status has no message.
pub fn title(status: StatusCode, tr: &Tr) -> String {
    let id = format!("problem-title-{}", status.as_u16());
    if tr.has(&id) { tr.t(&id) } else { status.canonical_reason().unwrap_or("Error").to_owned() }
}

/// The detail of a problem: its message with its specifics; for a validation
/// problem, the fields' messages listed. A problem made at the edge with English text
/// only keeps that text in English and gets its code's general sentence otherwise.
pub fn detail(problem: &Problem, tr: &Tr) -> String {
    let english = tr.code() == "en";
    if let Some(message) = problem.message.as_ref().filter(|_| problem.rule) {
        return render(message, tr);
    }
    if !problem.errors.is_empty() && (problem.message.is_some() || !english) {
        return field_list(problem, tr);
    }
    match &problem.message {
        Some(message) => render(message, tr),
        None if english => problem.detail.clone(),
        None => general(problem, tr),
    }
}

/// The code's general sentence (`problem-{code}`), with no specifics; a business
/// rule's refusal has no general sentence, only its own message.
pub fn general(problem: &Problem, tr: &Tr) -> String {
    let id = format!("problem-{}", kebab(problem.code));
    match &problem.message {
        _ if tr.has(&id) => tr.t(&id),
        Some(message) if problem.rule => render(message, tr),
        _ => title(problem.status, tr),
    }
}

/// Why one field was refused: its reason with the specifics, or, for a refusal made
/// at the edge, the code's general field message.
pub fn field_message(error: &FieldProblem, tr: &Tr) -> String {
    if let Some(message) = &error.message {
        return render(message, tr);
    }
    let id = format!("field-{}", kebab(&error.code));
    if tr.has(&id) { tr.t(&id) } else { tr.t("field-invalid") }
}

/// Malformed filter or sort text, said as the API says it for the parameter's `code`
/// (`invalid_filter`, `invalid_order_by`): where, and what was expected there.
pub fn syntax(error: &FilterError, code: &str, tr: &Tr) -> String {
    render(&Message::new(format!("reason-{}", kebab(code)), error.args()), tr)
}

/// What is wrong with filter or sort text, without where (`filter-{kind}`).
pub fn syntax_kind(error: &FilterError, tr: &Tr) -> String {
    render(&Message::new(format!("filter-{}", kebab(error.code())), error.args()), tr)
}

/// `Invalid values: name: …; email: …`, in the language's own punctuation.
fn field_list(problem: &Problem, tr: &Tr) -> String {
    let separator = tr.t("detail-list-separator");
    let list = problem
        .errors
        .iter()
        .map(|e| {
            let args = [("field", Arg::from(&e.field)), ("message", Arg::from(field_message(e, tr)))];
            tr.args("detail-field", &args)
        })
        .collect::<Vec<_>>()
        .join(&separator);
    tr.args("detail-validation-failed", &[("count", problem.errors.len().into()), ("list", list.into())])
}

/// Arguments that are counts and select plural forms.
const NUMBERS: [&str; 10] =
    ["count", "max", "min", "scale", "position", "people", "retry_after_secs", "written", "total", "open"];

/// A message with its arguments, made ready for Fluent: counts become numbers, the
/// filter language's `syntax` code becomes its own message (`$problem`), and the
/// English phrases the model names a wanted value with become the language's own.
pub fn render(message: &Message, tr: &Tr) -> String {
    let mut args: Vec<(&str, Arg)> = Vec::with_capacity(message.args.len() + 1);
    for (name, value) in &message.args {
        let arg = match *name {
            "syntax" => {
                let syntax = Message::new(format!("filter-{}", kebab(value)), without(&message.args, "syntax"));
                args.push(("problem", render(&syntax, tr).into()));
                continue;
            }
            n if NUMBERS.contains(&n) => number(value),
            "expected" | "actual" => value.parse::<i64>().map_or_else(|_| phrase(value, tr), Arg::Number),
            _ => Arg::from(value),
        };
        args.push((name, arg));
    }
    tr.args(&message.id, &args)
}

fn without(args: &[(&'static str, String)], name: &str) -> Vec<(&'static str, String)> {
    args.iter().filter(|(k, _)| *k != name).cloned().collect()
}

fn number(value: &str) -> Arg {
    value.parse::<i64>().map_or_else(|_| Arg::from(value), Arg::Number)
}

/// The model names what a value should have been in English (`an integer`); each
/// such phrase has a message `expected-{words}` (`expected-an-integer`).
fn phrase(english: &str, tr: &Tr) -> Arg {
    let id = phrase_id(english);
    Arg::from(if tr.has(&id) { tr.t(&id) } else { english.to_owned() })
}

/// `a date (YYYY-MM-DD)` → `expected-a-date-yyyy-mm-dd`.
pub fn phrase_id(english: &str) -> String {
    let words: Vec<String> = english
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("expected-{}", words.join("-"))
}
