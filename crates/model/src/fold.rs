//! The one text-folding function, and the sound key search adds to it. Search text,
//! name sort keys and the folded side of `like`/`contains` filters all come from
//! [`fold`], on both databases, so that a Greek, Hungarian or Arabic name is found the
//! same way however it was typed.
//!
//! [`skeleton`] is a second, lossy key for search and duplicate suggestions only, so
//! that a Greek name typed in Latin letters meets its Greek spelling (Papadopoulos =
//! Παπαδόπουλος, Giorgos = Yiorgos = Γιώργος). Each folded word is
//!
//! 1. transliterated from Greek after ELOT 743, with the UN/phonetic readings of
//!    the digraphs: ου→u, αυ/ευ/ηυ→av/ev/iv (af/ef/if before a voiceless consonant
//!    or at the end), γγ→ng, γκ→g at the start and ng inside, γξ→nx, γχ→nch,
//!    θ→th, χ→ch, ψ→ps, ξ→x, φ→f, β→v, η→i, υ→y, ω→o;
//! 2. then the Latin spellings of one sound are made one, whether the word was
//!    typed in Latin or came from step 1: ph→f, ch/kh→h, ck→k, c→s before e/i/y
//!    and k elsewhere, ks→x, ou→u, ei/oi→i, dh→d, gg→ng, gx→nx, and at the start
//!    of a word mp→b, nt→d, gk→g (inside it mp→mb, nt→nd, gk→ng);
//! 3. g and y before a vowel sound, as in Greek, like y: gi/yi/gy before a vowel→y,
//!    g before e/i→y; any other y is the vowel i;
//! 4. doubled letters are written once (Vassilis = Vasilis, Giannis = Yanis).
//!
//! Only ASCII letters are rewritten in steps 2–4: Arabic, Hungarian accents (already
//! folded away), Cyrillic and every other script pass through as folded. The key is
//! deliberately coarse (Thomas ≠ Tomas still, Nikos ≠ Nikas, Papadopoulos ≠
//! Papadakis), and prefix matching on it is approximate in a word's last letters:
//! `Pana` finds Παναγιώτης, `Panay` finds it only once another letter follows (the y
//! is read as a vowel at the end of what was typed).

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

/// An Arabic-Indic (٠–٩) or Persian (۰–۹) digit as its ASCII digit; `None` for any
/// other character.
pub fn ascii_digit(c: char) -> Option<char> {
    let value = match c {
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        _ => return None,
    };
    char::from_digit(value, 10)
}

/// The words of `text` after folding: runs of letters and digits.
pub fn fold_tokens(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// The sound key of each word of `text`, space-separated (see the module comment).
pub fn skeleton(text: &str) -> String {
    skeleton_tokens(text).join(" ")
}

/// The sound key of each word of `text`, in order (see the module comment).
pub fn skeleton_tokens(text: &str) -> Vec<String> {
    fold_tokens(text).iter().map(|w| word_skeleton(w)).collect()
}

/// What the search index holds for `text`: each folded word, followed by its sound
/// key where that differs.
pub fn search_keys(text: &str) -> Vec<String> {
    query_keys(text).into_iter().flatten().collect()
}

/// The keys each word of a query may match (as a prefix): its folded form and, where
/// that differs, its sound key.
pub fn query_keys(text: &str) -> Vec<Vec<String>> {
    fold_tokens(text)
        .into_iter()
        .map(|word| {
            let sound = word_skeleton(&word);
            if sound == word { vec![word] } else { vec![word, sound] }
        })
        .collect()
}

/// `text` folded, its Greek letters in Latin ones (ELOT 743, digraphs as spoken), word
/// by word: how Greeks write their names in Latin letters (Παπαδοπούλου →
/// papadopoulou, Ευθυμίου → efthymiou).
pub fn greek_in_latin(text: &str) -> String {
    fold_tokens(text).iter().map(|w| greek_to_latin(w)).collect::<Vec<_>>().join(" ")
}

/// The sound key of one folded word.
fn word_skeleton(word: &str) -> String {
    let latin = greek_to_latin(word);
    let spelled = rewrite(&rewrite(&latin, &SPELLING, &[]), &SOUNDS, &AT_START);
    collapse_doubles(&palatal(&spelled))
}

/// Greek consonants after which αυ, ευ and ηυ are read af, ef, if.
const VOICELESS: [char; 9] = ['θ', 'κ', 'ξ', 'π', 'σ', 'τ', 'φ', 'χ', 'ψ'];

/// Step 1: Greek letters to Latin (ELOT 743, digraphs read as spoken); other
/// characters are kept.
fn greek_to_latin(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let (next, after) = (chars.get(i + 1).copied(), chars.get(i + 2).copied());
        let used = match (chars[i], next) {
            ('ο', Some('υ')) => push(&mut out, "ou", 2),
            (vowel @ ('α' | 'ε' | 'η'), Some('υ')) => {
                out.push_str(greek_letter(vowel));
                let voiceless = after.is_none_or(|a| VOICELESS.contains(&a));
                push(&mut out, if voiceless { "f" } else { "v" }, 2)
            }
            ('γ', Some('γ')) => push(&mut out, "ng", 2),
            ('γ', Some('κ')) => push(&mut out, if i == 0 { "g" } else { "ng" }, 2),
            ('γ', Some('ξ')) => push(&mut out, "nx", 2),
            ('γ', Some('χ')) => push(&mut out, "nch", 2),
            (c, _) => {
                let latin = greek_letter(c);
                if latin.is_empty() {
                    out.push(c)
                } else {
                    out.push_str(latin)
                }
                1
            }
        };
        i += used;
    }
    out
}

/// Appends `text` and says how many characters it stood for.
fn push(out: &mut String, text: &str, used: usize) -> usize {
    out.push_str(text);
    used
}

/// One Greek letter in Latin (ELOT 743), or "" for anything else.
fn greek_letter(c: char) -> &'static str {
    match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' | 'ι' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => "",
    }
}

/// Step 2, first pass: spellings of k, f and h (so that c is gone before `ks`).
const SPELLING: [(&str, &str); 8] =
    [("ph", "f"), ("ch", "h"), ("kh", "h"), ("ck", "k"), ("ce", "se"), ("ci", "si"), ("cy", "sy"), ("c", "k")];

/// Step 2, second pass: the other spellings of one sound.
const SOUNDS: [(&str, &str); 10] = [
    ("ks", "x"),
    ("ou", "u"),
    ("ei", "i"),
    ("oi", "i"),
    ("dh", "d"),
    ("gg", "ng"),
    ("gx", "nx"),
    ("mp", "mb"),
    ("nt", "nd"),
    ("gk", "ng"),
];

/// Step 2: Greek μπ, ντ, γκ start a word as b, d, g.
const AT_START: [(&str, &str); 3] = [("mp", "b"), ("nt", "d"), ("gk", "g")];

/// Rewrites `word` left to right: at each place the first rule whose text starts
/// there (the `at_start` rules only at the start) replaces it; other characters are
/// copied.
fn rewrite(word: &str, rules: &[(&str, &str)], at_start: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    let mut first = true;
    while let Some(c) = rest.chars().next() {
        let starting = if first { at_start } else { &[] };
        first = false;
        match starting.iter().chain(rules).find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn is_vowel(c: Option<char>) -> bool {
    matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// Step 3: g and y before a vowel as the consonant y; any other y as the vowel i.
fn palatal(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let (c, next, after) = (chars[i], chars.get(i + 1).copied(), chars.get(i + 2).copied());
        match (c, next) {
            ('g' | 'y', Some('i')) | ('g', Some('y')) if is_vowel(after) => {
                out.push('y');
                i += 2;
            }
            ('g', Some('e' | 'i')) => {
                out.push('y');
                i += 1;
            }
            ('y', _) => {
                out.push(if is_vowel(next) { 'y' } else { 'i' });
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Step 4: a doubled Latin letter once.
fn collapse_doubles(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !(c.is_ascii_alphabetic() && out.ends_with(c)) {
            out.push(c);
        }
    }
    out
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

    /// Pairs that must meet: (Latin spellings, Greek spelling).
    const SAME: [(&[&str], &str); 18] = [
        (&["Papadopoulos"], "Παπαδόπουλος"),
        (&["Georgiou", "Yeoryiou"], "Γεωργίου"),
        (&["Dimitris"], "Δημήτρης"),
        (&["Christos", "Hristos", "Khristos"], "Χρήστος"),
        (&["Giorgos", "Yiorgos", "Yorgos"], "Γιώργος"),
        (&["Evangelos", "Evaggelos"], "Ευάγγελος"),
        (&["Konstantinos", "Constantinos", "Konstandinos"], "Κωνσταντίνος"),
        (&["Kostas", "Costas"], "Κώστας"),
        (&["Thanasis", "Thanassis"], "Θανάσης"),
        (&["Psaras"], "Ψαράς"),
        (&["Fotis", "Photis"], "Φώτης"),
        (&["Xenia", "Ksenia"], "Ξένια"),
        (&["Vasilis", "Vassilis"], "Βασίλης"),
        (&["Panagiotis", "Panayiotis", "Panayotis"], "Παναγιώτης"),
        (&["Mpakogiannis", "Bakoyannis", "Bakogiannis"], "Μπακογιάννης"),
        (&["Ntinos", "Dinos"], "Ντίνος"),
        (&["Eirini", "Irini"], "Ειρήνη"),
        (&["Efthymios", "Efthimios"], "Ευθύμιος"),
    ];

    #[test]
    fn greek_in_latin_writes_names_as_greeks_do() {
        assert_eq!(greek_in_latin("Παπαδοπούλου"), "papadopoulou");
        assert_eq!(greek_in_latin("Ευθυμίου Ευάγγελος"), "efthymiou evangelos");
        assert_eq!(greek_in_latin("Χρήστος Ψαράς"), "christos psaras");
        assert_eq!(greek_in_latin("Kovács"), "kovacs");
    }

    #[test]
    fn greek_names_typed_in_latin_meet_their_greek_spelling() {
        for (latins, greek) in SAME {
            let key = skeleton(greek);
            for latin in latins {
                assert_eq!(skeleton(latin), key, "{latin} = {greek}");
            }
            // Case, accents and final sigma do not matter on either side.
            assert_eq!(skeleton(&greek.to_uppercase()), key, "{greek} in capitals");
            assert_eq!(skeleton(&latins[0].to_uppercase()), key, "{} in capitals", latins[0]);
        }
    }

    #[test]
    fn digraphs_follow_the_standard() {
        assert_eq!(skeleton("Παπαδόπουλος"), "papadopulos");
        assert_eq!(skeleton("Ευάγγελος"), "evanyelos");
        assert_eq!(skeleton("Ευθύμιος"), "efthimios");
        assert_eq!(skeleton("Ναύπλιο"), "nafplio");
        assert_eq!(skeleton("Λάμπρος"), skeleton("Lambros"));
        assert_eq!(skeleton("Αντώνης"), skeleton("Andonis"));
        assert_eq!(skeleton("Γκίκας"), skeleton("Gikas"));
        assert_eq!(skeleton("Αγκίστρι"), skeleton("Angistri"));
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [
            ("Papadopoulos", "Papadakis"),
            ("Nikos", "Nikas"),
            ("Παπαδόπουλος", "Papadopoulou"),
            ("Thomas", "Tomas"),
            ("Gina", "Ina"),
            ("Maria", "Marina"),
            ("Δημήτρης", "Dimitra"),
        ] {
            assert_ne!(skeleton(a), skeleton(b), "{a} ≠ {b}");
        }
    }

    #[test]
    fn other_scripts_pass_through_folded() {
        for text in ["أحمد", "فاطمة", "مُحَمَّد", "Иван", "北京"] {
            assert_eq!(skeleton(text), fold(text), "{text}");
        }
        assert_eq!(skeleton("Őry Árpád"), "ori arpad");
        assert_eq!(skeleton("12 345"), "12 345");
    }

    #[test]
    fn search_keys_add_the_skeleton_only_where_it_differs() {
        assert_eq!(search_keys("Γιώργος Kim 42"), vec!["γιωργοσ", "yorgos", "kim", "42"]);
        assert_eq!(query_keys("Giorgos, Ali"), vec![vec!["giorgos", "yorgos"], vec!["ali"]]);
        assert!(search_keys(" - ").is_empty());
    }
}
