//! The one text-folding function. Search text, name sort keys and the folded side of
//! `like`/`contains` filters all come from here, on both databases, so that a Greek,
//! Hungarian or Arabic name is found the same way however it was typed.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for matching: Unicode marks stripped (accents, Greek tonos and
/// dialytika, Hungarian long vowels, Arabic tashkeel), case folded, final sigma to
/// sigma, Arabic alef forms to bare alef, ta marbuta to ha, alef maksura to ya,
/// tatweel removed. Everything else (spaces, punctuation, `%`, `_`) is kept, so a
/// folded `like` pattern keeps its meaning.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            // Tatweel only stretches a word; it carries no letter.
            '\u{0640}' => {}
            'ς' => out.push('σ'),
            'ß' => out.push_str("ss"),
            // Alef wasla and the other alef forms that NFD does not decompose.
            '\u{0671}' | '\u{0672}' | '\u{0673}' | '\u{0675}' => out.push('\u{0627}'),
            'ة' => out.push('ه'),
            'ى' => out.push('ي'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of `text` after folding: runs of letters and digits.
pub fn fold_tokens(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_tonos_dialytika_and_final_sigma() {
        assert_eq!(fold("Παπαδόπουλος"), "παπαδοπουλοσ");
        assert_eq!(fold("ΠΑΠΑΔΟΠΟΥΛΟΣ"), "παπαδοπουλοσ");
        assert_eq!(fold("Ϊάσονας"), "ιασονασ");
    }

    #[test]
    fn hungarian_long_vowels() {
        assert_eq!(fold("Őry Árpád Ümmenő"), "ory arpad ummeno");
        assert_eq!(fold("űrhajós"), "urhajos");
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(fold("أحمد"), fold("احمد"));
        assert_eq!(fold("إبراهيم"), fold("ابراهيم"));
        assert_eq!(fold("آمنة"), "امنه");
        assert_eq!(fold("فاطمة"), fold("فاطمه"));
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("مـحـمـد"), "محمد");
    }

    #[test]
    fn keeps_like_wildcards() {
        assert_eq!(fold("Ab%_c"), "ab%_c");
    }

    #[test]
    fn tokens_split_on_punctuation() {
        assert_eq!(fold_tokens("Anna-Maria O'Brien, ΚΩΣΤΑΣ"), vec!["anna", "maria", "o", "brien", "κωστασ"]);
    }
}
