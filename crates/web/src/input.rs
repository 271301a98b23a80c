//! Text that arrives, checked in one place for every route: the path, the query string
//! and a form body by the [`guard`] middleware, before any handler; a JSON body by the
//! same rules when [`crate::json::JsonBody`] reads it (after the handler's credentials
//! are checked, so no one unknown makes the server read a large body). A NUL character
//! (PostgreSQL stores none, SQLite would; both databases must answer alike), bytes that
//! are not UTF-8, a malformed `%` escape and a JSON object that gives a key twice
//! (which value would count?) are refused with a 400 naming the parameter — the query
//! or form parameter, the JSON path (`name.first`, `emails.3`), or `path` — before any
//! database sees them.
//!
//! Bodies of other types (file uploads) are the handlers' own: their text parts are
//! values, checked by the model like every value.

use std::cell::RefCell;
use std::collections::HashSet;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::problem::Problem;

/// The largest form body read here: the largest form a page sends (the sign-in form,
/// the only one sent before signing in, takes less).
pub const MAX_FORM_BODY: usize = crate::ui::FORM_LIMIT;

/// Why a piece of text was refused (the field code of the problem).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A NUL character.
    Nul,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// `%` not followed by two hexadecimal digits.
    MalformedEscape,
    /// A JSON object with the same key twice.
    Repeated,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Nul => "nul_character",
            Refusal::NotUtf8 => "invalid_utf8",
            Refusal::MalformedEscape => "malformed_query",
            Refusal::Repeated => "repeated",
        }
    }

    fn detail(self) -> &'static str {
        match self {
            Refusal::Nul => "text may not hold NUL characters",
            Refusal::NotUtf8 => "text must be UTF-8",
            Refusal::MalformedEscape => "a `%` must be followed by two hexadecimal digits",
            Refusal::Repeated => "a JSON object gives this key more than once",
        }
    }
}

/// A refused piece of text and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The parameter, the JSON path, or `path`.
    pub parameter: String,
    pub why: Refusal,
}

impl Refused {
    fn new(parameter: impl Into<String>, why: Refusal) -> Refused {
        Refused { parameter: parameter.into(), why }
    }

    pub fn problem(&self) -> Problem {
        Problem::field(&self.parameter, self.why.code(), format!("{}: {}", self.parameter, self.why.detail()))
    }
}

/// The middleware: refuses a request whose text cannot be taken, and passes the rest
/// on with their bodies as they came.
pub async fn guard(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let mut checked = check_path(parts.uri.path()).and_then(|()| check_query(parts.uri.query().unwrap_or("")));
    let body = match body_kind(&parts.headers) {
        BodyKind::Form => match axum::body::to_bytes(body, form_limit(parts.uri.path())).await {
            Ok(bytes) => {
                if checked.is_ok() {
                    checked = check_pairs(&bytes);
                }
                Body::from(bytes)
            }
            Err(_) => return body_too_large(),
        },
        BodyKind::Json | BodyKind::Other => body,
    };
    match checked {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(refused) if wants_a_page(&parts) => {
            let tr = crate::problem_text::current();
            crate::ui::page::UiError::from_problem(refused.problem()).render(&tr)
        }
        Err(refused) => refused.problem().into_response(),
    }
}

/// A browser asking for a page (not the API, not the session routes) is answered with
/// a page that says what was refused.
fn wants_a_page(parts: &axum::http::request::Parts) -> bool {
    let path = parts.uri.path();
    let html = parts
        .headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    html && !path.starts_with("/api/") && !path.starts_with("/auth/")
}

/// The sign-in form is the only one read before a session is known: it gets the
/// account routes' small limit.
fn form_limit(path: &str) -> usize {
    if path == "/login" || path.starts_with("/auth/") { crate::AUTH_BODY_LIMIT } else { MAX_FORM_BODY }
}

fn body_too_large() -> Response {
    Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "the body is too large").into_response()
}

/// What a request's body is, by its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Form,
    Json,
    Other,
}

pub fn body_kind(headers: &axum::http::HeaderMap) -> BodyKind {
    let Some(media) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return BodyKind::Other };
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        BodyKind::Json
    } else {
        BodyKind::Other
    }
}

/// The path, segment by segment as the router will decode them.
pub fn check_path(path: &str) -> Result<(), Refused> {
    for segment in path.split('/') {
        let bytes = decode(segment.as_bytes(), false).map_err(|why| Refused::new("path", why))?;
        checked_text(&bytes).map_err(|why| Refused::new("path", why))?;
    }
    Ok(())
}

/// A query string (`a=1&b=%CE%B1`).
pub fn check_query(query: &str) -> Result<(), Refused> {
    check_pairs(query.as_bytes())
}

/// `application/x-www-form-urlencoded` pairs, a query string's or a form body's: each
/// name and value decoded strictly. A refused value is named by its parameter; a
/// refused name by the part of it that could be read.
fn check_pairs(text: &[u8]) -> Result<(), Refused> {
    for pair in text.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[..0]),
        };
        let readable = String::from_utf8_lossy(name).replace('\0', "");
        let parameter = if readable.trim().is_empty() { "query".to_owned() } else { readable };
        let name = decode(name, true).map_err(|why| Refused::new(&parameter, why))?;
        checked_text(&name).map_err(|why| Refused::new(&parameter, why))?;
        let value = decode(value, true).map_err(|why| Refused::new(&parameter, why))?;
        checked_text(&value).map_err(|why| Refused::new(&parameter, why))?;
    }
    Ok(())
}

/// Decodes `%XX` escapes (and `+` as a space in form text), refusing a `%` that is
/// not followed by two hexadecimal digits rather than passing it on as itself.
fn decode(text: &[u8], plus_is_space: bool) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter().copied();
    while let Some(b) = bytes.next() {
        match b {
            b'%' => {
                let high = bytes.next().and_then(hex).ok_or(Refusal::MalformedEscape)?;
                let low = bytes.next().and_then(hex).ok_or(Refusal::MalformedEscape)?;
                out.push(high << 4 | low);
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
    }
    Ok(out)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

fn checked_text(bytes: &[u8]) -> Result<(), Refusal> {
    let text = std::str::from_utf8(bytes).map_err(|_| Refusal::NotUtf8)?;
    if text.contains('\0') { Err(Refusal::Nul) } else { Ok(()) }
}

/// A JSON body: a NUL in any string or key, or a key given twice in one object, is
/// refused naming its path. Text that is no JSON passes: the handler's extractor
/// answers it as malformed, as it always did.
pub fn check_json(bytes: &[u8]) -> Result<(), Refused> {
    let found = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let parsed = Checked { path: String::new(), found: &found }.deserialize(&mut reader);
    match (parsed, found.into_inner()) {
        (Err(_), Some(refused)) => Err(refused),
        _ => Ok(()),
    }
}

/// A JSON value at `path`, read through as serde_json reads it (nothing is kept),
/// noting the first
/// refused piece of text in `found` (the deserializer's error cannot carry the path).
struct Checked<'a> {
    path: String,
    found: &'a RefCell<Option<Refused>>,
}

impl Checked<'_> {
    fn refuse<E: de::Error>(&self, path: String, why: Refusal) -> E {
        let parameter = if path.is_empty() { "body".to_owned() } else { path };
        *self.found.borrow_mut() = Some(Refused::new(parameter, why));
        E::custom(why.detail())
    }

    fn child(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) }
    }
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v.contains('\0') {
            return Err(self.refuse(self.path.clone(), Refusal::Nul));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq.next_element_seed(Checked { path: self.child(&i.to_string()), found: self.found })?.is_some() {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.child(&key.replace('\0', ""));
            if key.contains('\0') {
                return Err(self.refuse(path, Refusal::Nul));
            }
            if !keys.insert(key) {
                return Err(self.refuse(path, Refusal::Repeated));
            }
            map.next_value_seed(Checked { path, found: self.found })?;
        }
        Ok(())
    }
}
