//! Durations as people type and read them: minutes, not seconds.
//!
//! A duration field is the integer field an object's calendar names as its
//! `duration` (a call's length): it is stored in seconds, as the API has always
//! written it, and the interface shows and takes minutes.
//! - Shown as `5 min`, `1 h 20 min`, `45 s` (under a minute), in the user's language
//!   and digits; longer ones are rounded to the minute.
//! - Typed as minutes (`90`), as hours and minutes (`1:30`, and `1:30:15` with
//!   seconds), or with units (`1h 30m`, `1 h 30 min`, `2m 5s`, `1.5h`), the units
//!   also in Greek (`ώ`, `λεπ`, `δευτ`), Hungarian (`óra`, `perc`, `mp`) and Arabic
//!   (`س`, `د`, `ث`), the digits also Arabic-Indic. Anything else is refused beside the
//!   field, and nothing is written.
//!
//! A form shows a stored duration as whole minutes (`90`), or minutes and seconds
//! (`2m 5s`) when it is not whole minutes, so saving a form unchanged changes nothing.

use rapport_domain::model::{FieldDef, ObjectDef, Value};

use super::form::{Input, InputKind, Pairs};
use super::format::{Format, Shown};
use super::i18n::Tr;

/// The longest duration taken: ten thousand hours (a field's own limits apply too).
const MAX_SECONDS: f64 = 10_000.0 * 3_600.0;

/// Whether `field` is its object's duration field (stored in seconds).
pub fn is_duration(object: &ObjectDef, field: &FieldDef) -> bool {
    object.behaviour.calendar.as_ref().and_then(|c| c.duration.as_deref()) == Some(field.id.as_str())
}

/// A duration in seconds as the user reads it: `5 min`, `1 h 20 min`, `2 h`, `45 s`.
pub fn text(tr: &Tr, seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < 60 {
        return tr.t1("duration-seconds", "seconds", seconds);
    }
    // Rounded to the nearest minute: a timeline says "2 min", not "2 min 5 s".
    let minutes = (seconds + 30) / 60;
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match (hours, minutes) {
        (0, m) => tr.t1("duration-minutes", "minutes", m),
        (h, 0) => tr.t1("duration-hours", "hours", h),
        (h, m) => tr.args(
            "duration-hours-minutes",
            &[
                ("hours", tr.t1("duration-hours", "hours", h).into()),
                ("minutes", tr.t1("duration-minutes", "minutes", m).into()),
            ],
        ),
    }
}

/// How `value` of `field` reads: a duration field's seconds as [`text`], every other
/// value as `format` shows it.
pub fn shown(
    tr: &Tr,
    format: &Format,
    object: &ObjectDef,
    field: &FieldDef,
    value: &Value,
    labels: &dyn Fn(&str, &uuid::Uuid) -> Option<String>,
) -> Shown {
    match value {
        Value::Integer(seconds) if is_duration(object, field) => Shown::Text(text(tr, *seconds)),
        _ => format.shown(tr, field, value, labels),
    }
}

/// Why typed text is not a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationError {
    /// Not minutes, hours:minutes or numbers with units.
    Unreadable,
    /// More than ten thousand hours.
    TooLong,
}

/// Typed text as seconds; `None` when it is empty.
pub fn parse(typed: &str) -> Result<Option<i64>, DurationError> {
    let text = latin_digits(typed.trim());
    if text.is_empty() {
        return Ok(None);
    }
    let seconds = if text.chars().all(|c| c.is_ascii_digit()) {
        text.parse::<f64>().map_err(|_| DurationError::Unreadable)? * 60.0
    } else if text.contains(':') {
        clock(&text)?
    } else {
        with_units(&text)?
    };
    if seconds > MAX_SECONDS {
        return Err(DurationError::TooLong);
    }
    // Whole seconds (a typed `1.25m` is 75 s); the bound above keeps this in range.
    Ok(Some(seconds.round() as i64))
}

/// ASCII digits for Arabic-Indic and Persian ones, `.` for the Arabic decimal
/// separator and a comma between digits (`1,5 h`).
fn latin_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(*c) - 0x0660, 10).unwrap_or(*c),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(*c) - 0x06F0, 10).unwrap_or(*c),
            '٫' => '.',
            ',' if i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit) => '.',
            c => c.to_lowercase().next().unwrap_or(*c),
        })
        .collect()
}

/// `h:mm` or `h:mm:ss`: hours, then minutes and seconds under sixty.
fn clock(text: &str) -> Result<f64, DurationError> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let number = |part: &str| -> Result<u32, DurationError> {
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) || part.len() > 6 {
            return Err(DurationError::Unreadable);
        }
        part.parse().map_err(|_| DurationError::Unreadable)
    };
    let sixty = |n: u32| if n < 60 { Ok(f64::from(n)) } else { Err(DurationError::Unreadable) };
    match parts.as_slice() {
        [h, m] => Ok(f64::from(number(h)?) * 3_600.0 + sixty(number(m)?)? * 60.0),
        [h, m, s] => Ok(f64::from(number(h)?) * 3_600.0 + sixty(number(m)?)? * 60.0 + sixty(number(s)?)?),
        _ => Err(DurationError::Unreadable),
    }
}

/// A unit of time and the words (in each language) that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Minute,
    Second,
}

impl Unit {
    fn seconds(self) -> f64 {
        match self {
            Unit::Hour => 3_600.0,
            Unit::Minute => 60.0,
            Unit::Second => 1.0,
        }
    }

    /// The unit a word names: the English, Greek, Hungarian and Arabic words and their
    /// abbreviations (a trailing full stop is dropped before).
    fn named(word: &str) -> Option<Unit> {
        const HOURS: &[&str] = &[
            "h",
            "hr",
            "hrs",
            "hour",
            "hours",
            "ω",
            "ώ",
            "ωρ",
            "ώρ",
            "ωρα",
            "ώρα",
            "ωρες",
            "ώρες",
            "ó",
            "óra",
            "س",
            "ساعة",
            "ساعات",
            "ساعتان",
            "ساعتين",
        ];
        const MINUTES: &[&str] = &[
            "m",
            "min",
            "mins",
            "minute",
            "minutes",
            "'",
            "λ",
            "λεπ",
            "λεπτ",
            "λεπτο",
            "λεπτό",
            "λεπτα",
            "λεπτά",
            "p",
            "perc",
            "د",
            "دق",
            "دقيقة",
            "دقائق",
            "دقيقتان",
            "دقيقتين",
        ];
        const SECONDS: &[&str] = &[
            "s",
            "sec",
            "secs",
            "second",
            "seconds",
            "\"",
            "δ",
            "δευτ",
            "δευτερολεπτο",
            "δευτερόλεπτο",
            "δευτερολεπτα",
            "δευτερόλεπτα",
            "mp",
            "másodperc",
            "ث",
            "ثانية",
            "ثوان",
            "ثواني",
            "ثانيتان",
            "ثانيتين",
        ];
        [(HOURS, Unit::Hour), (MINUTES, Unit::Minute), (SECONDS, Unit::Second)]
            .into_iter()
            .find(|(words, _)| words.contains(&word))
            .map(|(_, unit)| unit)
    }

    /// The unit a number without one means after this one (`1h 30` is 1 h 30 min).
    fn next(self) -> Option<Unit> {
        match self {
            Unit::Hour => Some(Unit::Minute),
            Unit::Minute => Some(Unit::Second),
            Unit::Second => None,
        }
    }
}

/// What typed text is made of: numbers and words.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Word(String),
}

/// Numbers (digits with a fraction) and words (letters, and the `'`/`"` of minutes and
/// seconds); spaces, full stops after words and the word "and" separate them.
fn tokens(text: &str) -> Result<Vec<Token>, DurationError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() || c == '.' && out.last().is_none_or(|t| !matches!(t, Token::Word(_))) {
            let mut number = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '.') {
                number.push(d);
                chars.next();
            }
            out.push(Token::Number(number.parse().map_err(|_| DurationError::Unreadable)?));
        } else if c.is_alphabetic() || c == '\'' || c == '"' {
            let mut word = String::new();
            while let Some(&l) = chars.peek().filter(|l| l.is_alphabetic() || **l == '\'' || **l == '"') {
                word.push(l);
                chars.next();
            }
            // "and" between parts, in each language (Arabic writes it before a number).
            if !["and", "και", "és", "و"].contains(&word.as_str()) {
                out.push(Token::Word(word));
            }
        } else if c.is_whitespace() || c == '.' || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{0640}') {
            // Spaces, a full stop after a word, direction marks and the Arabic stretch.
            chars.next();
        } else {
            return Err(DurationError::Unreadable);
        }
    }
    Ok(out)
}

/// Numbers each followed by its unit (`1h 30m`); a last number without one takes the
/// unit after the one before it (`1h 30`). Each unit at most once.
fn with_units(text: &str) -> Result<f64, DurationError> {
    let mut seconds = 0.0;
    let mut used: Vec<Unit> = Vec::new();
    let mut tokens = tokens(text)?.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let Token::Number(n) = token else { return Err(DurationError::Unreadable) };
        let unit = match tokens.next() {
            Some(Token::Word(word)) => Unit::named(&word).ok_or(DurationError::Unreadable)?,
            Some(Token::Number(_)) => return Err(DurationError::Unreadable),
            None => used.last().and_then(|u| u.next()).ok_or(DurationError::Unreadable)?,
        };
        if used.contains(&unit) {
            return Err(DurationError::Unreadable);
        }
        used.push(unit);
        seconds += n * unit.seconds();
    }
    if used.is_empty() {
        return Err(DurationError::Unreadable);
    }
    Ok(seconds)
}

/// What a form shows for a stored duration: whole minutes (`90`), or minutes and
/// seconds (`2m 5s`).
pub fn input_value(seconds: i64) -> String {
    if seconds % 60 == 0 { (seconds / 60).to_string() } else { format!("{}m {}s", seconds / 60, seconds % 60) }
}

/// The input names of an object's duration fields (`f.duration_seconds`).
fn duration_inputs(object: &ObjectDef) -> Vec<String> {
    object.fields.iter().filter(|f| is_duration(object, f)).map(|f| format!("f.{}", f.api_name)).collect()
}

/// A form's pairs with stored durations (seconds) as the form shows them (minutes);
/// text that is not a number of seconds (what the user typed) is left as it is.
pub fn pairs_for_form(object: &ObjectDef, pairs: &Pairs) -> Pairs {
    let names = duration_inputs(object);
    pairs
        .iter()
        .map(|(k, v)| match v.trim().parse::<i64>() {
            Ok(seconds) if names.contains(k) => (k.clone(), input_value(seconds)),
            _ => (k.clone(), v.clone()),
        })
        .collect()
}

/// A submitted form's pairs with its durations in seconds, as they are written; or
/// the message beside each duration that could not be read (by field API name).
pub fn pairs_for_write(tr: &Tr, object: &ObjectDef, pairs: &Pairs) -> Result<Pairs, Vec<(String, String)>> {
    let names = duration_inputs(object);
    let mut errors = Vec::new();
    let mut out = Pairs::with_capacity(pairs.len());
    for (k, v) in pairs {
        if !names.contains(k) {
            out.push((k.clone(), v.clone()));
            continue;
        }
        match parse(v) {
            Ok(seconds) => out.push((k.clone(), seconds.map(|s| s.to_string()).unwrap_or_default())),
            Err(e) => {
                let id = match e {
                    DurationError::Unreadable => "duration-unreadable",
                    DurationError::TooLong => "duration-too-long",
                };
                errors.push((k.trim_start_matches("f.").to_owned(), tr.t(id)));
                out.push((k.clone(), v.clone()));
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// A form's duration inputs take text (`1:30`, `1h 30m`), labelled as in minutes.
pub fn adapt_inputs(tr: &Tr, object: &ObjectDef, inputs: &mut [Input]) {
    let names = duration_inputs(object);
    for input in inputs.iter_mut().filter(|i| names.contains(&i.name)) {
        input.label = tr.t1("duration-input-label", "label", &input.label);
        if let InputKind::Line { html_type, step, .. } = &mut input.kind {
            *html_type = "text";
            *step = "";
        }
    }
}
