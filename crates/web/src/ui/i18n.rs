//! Every user-visible string of the UI comes from Fluent message files
//! (`crates/web/locales/{locale}/*.ftl`), compiled into the binary. A page gets a
//! [`Tr`] for the signed-in user's locale (or the browser's, before sign-in) and asks
//! it for messages by id; templates hold ids, never English (a test reads every
//! template and fails on literal text).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks; pages isolate mixed
        // directions with <bdi> and dir="auto" instead, so text stays searchable.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fluent_templates::static_loader! {
    // The same messages for Arabic readers of Arabic-Indic digits: numbers given to
    // messages (counts) are written ٠١٢٣, like the numbers the page formats itself.
    // Fluent's Rust implementation knows no numbering systems; its formatter hook does.
    static ARABIC_DIGITS = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(arabic_indic_number));
        },
    };
}

/// A number argument in Arabic-Indic digits (`١٢٫٥`); other values as Fluent writes them.
fn arabic_indic_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(number) = value else { return None };
    let digits = number
        .as_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None if c == '.' => '٫',
            None => c,
        })
        .collect();
    Some(digits)
}

/// The stamp of the message files this binary was built with (build.rs): naming it
/// here rebuilds the crate when a file is added, which the loader macro cannot see.
pub const MESSAGES_STAMP: &str = env!("RAPPORT_LOCALES_STAMP");

/// The locales the UI offers, as users pick them (their own names).
pub const LOCALES_OFFERED: [(&str, &str); 4] =
    [("en", "English"), ("el", "Ελληνικά"), ("hu", "Magyar"), ("ar", "العربية")];

/// What a user picks in their profile: a language, and for Arabic its digits too
/// (Arabic-Indic ٠١٢٣ or Latin 0123, as a Unicode `nu` keyword on the locale).
pub const LOCALE_CHOICES: [(&str, &str); 5] = [
    ("en", "English"),
    ("el", "Ελληνικά"),
    ("hu", "Magyar"),
    ("ar", "العربية (٠١٢٣)"),
    ("ar-u-nu-latn", "العربية (0123)"),
];

/// Messages in one locale.
#[derive(Debug, Clone)]
pub struct Tr {
    lang: LanguageIdentifier,
    code: &'static str,
    /// Arabic with Arabic-Indic digits (`ar`, not `ar-u-nu-latn`).
    arabic_digits: bool,
}

impl Tr {
    /// The translator for a locale code's language (`ar-u-nu-latn` reads Arabic); an
    /// unknown code gets English.
    pub fn new(locale: &str) -> Tr {
        let language = locale.split('-').next().unwrap_or(locale);
        let code = LOCALES_OFFERED.iter().map(|(c, _)| *c).find(|c| *c == language).unwrap_or("en");
        let lang = code.parse().unwrap_or_else(|_| fluent_templates::langid!("en"));
        let latin_digits = locale.split('-').collect::<Vec<_>>().windows(2).any(|w| w == ["nu", "latn"]);
        Tr { lang, code, arabic_digits: code == "ar" && !latin_digits }
    }

    /// The best offered locale for an `Accept-Language` header (before sign-in).
    pub fn for_accept_language(header: Option<&str>) -> Tr {
        Tr::new(negotiate_locale(header))
    }

    /// The locale code (`en`), for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The whole locale, digits included (`ar-u-nu-latn`): what `Tr::new` makes the
    /// same translator from, and what the browser writes numbers in.
    pub fn locale(&self) -> &'static str {
        match self.code {
            "ar" if !self.arabic_digits => "ar-u-nu-latn",
            "ar" => "ar-u-nu-arab",
            code => code,
        }
    }

    /// The writing direction of the locale, for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        if self.code == "ar" { "rtl" } else { "ltr" }
    }

    /// The message `id`. A missing id shows itself, so a gap is visible, never blank.
    pub fn t(&self, id: &str) -> String {
        self.loader().try_lookup(&self.lang, id).unwrap_or_else(|| id.to_owned())
    }

    /// The message `id` with one argument (`{ $name }`).
    pub fn t1(&self, id: &str, name: &str, value: impl Into<Arg>) -> String {
        self.args(id, &[(name, value.into())])
    }

    /// The message `id` with its arguments; numbers select plural forms.
    pub fn args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(s) => FluentValue::from(s.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        self.loader().try_lookup_with_args(&self.lang, id, &map).unwrap_or_else(|| id.to_owned())
    }

    fn loader(&self) -> &'static fluent_templates::StaticLoader {
        if self.arabic_digits { &ARABIC_DIGITS } else { &LOCALES }
    }

    /// Whether the message exists in this locale or in English (the fallback),
    /// whatever arguments it takes.
    pub fn has(&self, id: &str) -> bool {
        defined(&self.lang, id) || defined(&fluent_templates::langid!("en"), id)
    }

    /// Whether the message exists in this locale itself (not by falling back).
    pub fn has_own(&self, id: &str) -> bool {
        defined(&self.lang, id)
    }
}

/// The offered locale an `Accept-Language` header prefers (RFC 9110 §12.5.4): the
/// highest quality wins, the earlier of equals; a tag counts by its language
/// (`hu-HU` is `hu`); `q=0` refuses; none offered, or no header, is English.
pub fn negotiate_locale(header: Option<&str>) -> &'static str {
    let mut best: Option<(&'static str, f32)> = None;
    for part in header.unwrap_or("").split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let quality = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
            .next()
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let Some(code) = LOCALES_OFFERED.iter().map(|(c, _)| *c).find(|c| *c == primary) else { continue };
        // Arabic with Latin digits, asked for as Unicode's `nu` keyword.
        let code = if code == "ar" && tag.to_ascii_lowercase().contains("-u-nu-latn") { "ar-u-nu-latn" } else { code };
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((code, quality));
        }
    }
    best.map_or("en", |(code, _)| code)
}

/// Whether `id` is a message of `lang`: found, even if formatting it without its
/// arguments reports errors. (The crate does not export its error type; its
/// "not found" errors are the ones that are not formatting errors.)
fn defined(lang: &LanguageIdentifier, id: &str) -> bool {
    match LOCALES.lookup_single_language::<&str>(lang, id, None) {
        Ok(_) => true,
        Err(e) => e.to_string().starts_with("Fluent errors"),
    }
}

/// A message argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// What templates pass when they loop over owned strings.
impl From<&&String> for Arg {
    fn from(s: &&String) -> Arg {
        Arg::Text((*s).clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
