//! Countries as a form offers them: every ISO 3166-1 country by its name in the
//! user's language, in that language's alphabetical order, stored as its alpha-2
//! code (the names are CLDR's, generated into [`country_names`] by
//! `scripts/countries`).

use super::country_names;
use super::form::Choice;

/// The countries in `language` (`en`, `el`, `hu`, `ar`; English for any other).
pub fn names(language: &str) -> &'static [(&'static str, &'static str)] {
    match language {
        "el" => country_names::EL,
        "hu" => country_names::HU,
        "ar" => country_names::AR,
        _ => country_names::EN,
    }
}

/// A country's name in `language`, if `code` is an ISO 3166-1 alpha-2 code.
pub fn name(language: &str, code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    names(language).iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// The options of a country select in `language`, `selected` (a code, in any case)
/// chosen. A stored code the list does not hold is kept as the first option, under
/// its code, so that saving the form does not lose it.
pub fn choices(language: &str, selected: &str) -> Vec<Choice> {
    let selected = selected.trim().to_ascii_uppercase();
    let mut out: Vec<Choice> = Vec::with_capacity(250);
    if !selected.is_empty() && name(language, &selected).is_none() {
        out.push(Choice { value: selected.clone(), label: selected.clone(), selected: true });
    }
    out.extend(names(language).iter().map(|(code, name)| Choice {
        value: (*code).to_owned(),
        label: (*name).to_owned(),
        selected: *code == selected,
    }));
    out
}
