//! Avatars with initials: a person's or user's name as one or two letters on a
//! coloured disc, the colour picked from the name so the same person always looks the
//! same (from a fixed palette of classes: the content policy allows no inline style).

/// How many colours the palette has (`.avatar.hue-0` … in app.css).
const HUES: u32 = 8;

/// An avatar for one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    pub initials: String,
    /// `hue-0` … `hue-7`.
    pub hue: String,
    /// The whole name, for the tooltip and screen readers.
    pub name: String,
}

impl Avatar {
    pub fn of(name: &str) -> Avatar {
        Avatar { initials: initials(name), hue: format!("hue-{}", hue(name)), name: name.trim().to_owned() }
    }
}

/// The first letter of the first and the last word, in capitals where the script has
/// them ("Νίκος Γεωργίου" → "ΝΓ"; "عبد الرحمن" → "عا"); one letter for a one-word name,
/// "?" for none.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    // One letter each, even where its capital is two ("ß" → "S").
    let first_letter = |word: &str| word.chars().find(|c| c.is_alphanumeric()).and_then(|c| c.to_uppercase().next());
    match words.as_slice() {
        [] => "?".to_owned(),
        [only] => first_letter(only).into_iter().collect(),
        [first, .., last] => first_letter(first).into_iter().chain(first_letter(last)).collect(),
    }
}

/// A stable small number from the name (FNV-1a), the same on every page and release.
fn hue(name: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.trim().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % HUES
}
