//! API names made from labels: what the settings suggest when an administrator names a
//! new field or object in their own language. An API name is ASCII (`[a-z][a-z0-9_]*`,
//! see [`is_valid_name`]), so a label in another script is transliterated rather than
//! dropped: an administrator who writes «Ημερομηνία γέννησης» or «تاريخ الميلاد» gets
//! `imerominia_gennisis` or `tarykh_almylad`, not an empty box and the job of
//! inventing a Latin identifier.
//!
//! - Latin letters lose their accents (Hungarian ő, ű and the rest, through [`fold`]);
//!   the few that do not decompose are spelled out (ø → o, æ → ae, ł → l, þ → th);
//! - Greek follows ELOT 743 / ISO 843 as Greeks write their names in Latin letters
//!   (η → i, ου → ou, αυ → av/af, χ → ch; see [`greek_in_latin`]);
//! - Arabic (and the Persian letters) take a simple romanization, one Latin spelling
//!   per letter (خ → kh, ش → sh, ع → a), short vowels unwritten as in the script;
//! - Cyrillic follows the common scientific spelling without diacritics (ж → zh);
//! - anything else (Chinese, Hebrew, emoji) is left out, and a label with nothing
//!   left falls back to a numbered name (`field_3`).

use crate::field::is_valid_name;
use crate::fold::{ascii_digit, fold, greek_in_latin};

/// The longest suggestion, in bytes: room under the 48 of an API name for a `_12`
/// that makes it unique.
const MAX_SUGGESTED: usize = 40;

/// The API name `label` suggests: its words transliterated to ASCII, lower case,
/// joined by `_`; `None` when nothing usable is left (a label of digits, symbols or an
/// untransliterated script).
pub fn from_label(label: &str) -> Option<String> {
    let mut name = String::new();
    for word in greek_in_latin(label).split(' ') {
        let word = ascii_word(word);
        // A name starts with a letter: leading digits of the label are left out.
        let word = if name.is_empty() { word.trim_start_matches(|c: char| c.is_ascii_digit()) } else { word.as_str() };
        if word.is_empty() {
            continue;
        }
        let separator = usize::from(!name.is_empty());
        if name.len() + separator + word.len() > MAX_SUGGESTED {
            if name.is_empty() {
                name.push_str(&word[..MAX_SUGGESTED]);
            }
            break;
        }
        if separator == 1 {
            name.push('_');
        }
        name.push_str(word);
    }
    Some(name).filter(|n| is_valid_name(n))
}

/// The name to suggest for `label`: [`from_label`], or, when the label suggests none,
/// the first of `{fallback}_1`, `{fallback}_2`… that `taken` does not hold. (A name
/// made from the label is suggested even when taken: saving it is then refused beside
/// the input, which says why, rather than quietly naming a second field alike.)
pub fn suggest(label: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    from_label(label).unwrap_or_else(|| {
        (1..).map(|n| format!("{fallback}_{n}")).find(|name| !taken(name)).unwrap_or_else(|| fallback.to_owned())
    })
}

/// One folded word (Greek already in Latin letters) in ASCII letters and digits.
fn ascii_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in fold(word).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(digit) = ascii_digit(c) {
            out.push(digit);
        } else {
            out.push_str(latin_letter(c).or_else(|| arabic_letter(c)).or_else(|| cyrillic_letter(c)).unwrap_or(""));
        }
    }
    out
}

/// Latin letters that folding leaves as they are (they have no decomposition).
fn latin_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        'ŋ' => "ng",
        _ => return None,
    })
}

/// One Arabic letter, as folded (hamza seats and alef forms are bare alef, ta
/// marbuta is ha, alef maksura is ya), in Latin letters; hamza alone is not written.
fn arabic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "a",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' => "w",
        'ي' | 'ی' => "y",
        'ء' => "",
        // Persian.
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        _ => return None,
    })
}

/// One Cyrillic letter (lower case, as folded; й and ё fold to и and е) in Latin
/// letters.
fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' | 'ч' => "ch",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'џ' => "dz",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ђ' => "dj",
        _ => return None,
    })
}
