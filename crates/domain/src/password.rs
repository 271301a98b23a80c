//! Passwords, as NIST SP 800-63B-4 asks of passwords used as a single factor: at least
//! 15 characters and up to 128, any characters, no composition rules ("one digit, one
//! symbol"), no forced periodic change; refused only when it is too short or too long,
//! on a list of commonly used passwords, a repeated character or a simple sequence, or
//! made from the user's own name or email. Passwords are compared and hashed in their
//! NFKC form, so the same password typed on another keyboard (a precomposed or a
//! combining accent, full-width letters) still matches. Hashes are argon2id PHC strings.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::{Rng, TryRngCore};
use unicode_normalization::UnicodeNormalization;

/// The fewest characters (Unicode code points after NFKC) a password may have.
pub const MIN_LENGTH: usize = 15;
/// The most characters a password may have: long passphrases are welcome, unbounded
/// input is not.
pub const MAX_LENGTH: usize = 128;

/// Why a new password is refused. The codes are stable (API and translations use them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejection {
    #[error("the password is too short: use at least {min} characters (a few unrelated words work well)")]
    TooShort { min: usize },
    #[error("the password is too long: use at most {max} characters")]
    TooLong { max: usize },
    #[error("this password is one of the most commonly used ones; choose another")]
    Common,
    #[error("this password is a repeated character or a simple sequence; choose another")]
    Predictable,
    #[error("the password must not contain your name or the name in your email address")]
    ContainsPersonalInfo,
}

impl PasswordRejection {
    pub fn code(&self) -> &'static str {
        match self {
            PasswordRejection::TooShort { .. } => "too_short",
            PasswordRejection::TooLong { .. } => "too_long",
            PasswordRejection::Common => "common_password",
            PasswordRejection::Predictable => "predictable_password",
            PasswordRejection::ContainsPersonalInfo => "contains_personal_info",
        }
    }
}

/// The password could not be hashed (never for a valid password; the hashing library
/// reports errors for its own limits only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the password could not be hashed: {0}")]
pub struct PasswordHashError(String);

/// The form a password is checked, hashed and verified in.
fn normalize(password: &str) -> String {
    password.nfkc().collect()
}

/// Checks a new password. `context` holds what is known about its user — their email
/// and display name — and a password containing any word of it (of at least four
/// characters; for an email, of its local part) is refused.
pub fn check_new(password: &str, context: &[&str]) -> Result<(), PasswordRejection> {
    let password = normalize(password);
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordRejection::TooShort { min: MIN_LENGTH });
    }
    if length > MAX_LENGTH {
        return Err(PasswordRejection::TooLong { max: MAX_LENGTH });
    }
    let lower = password.to_lowercase();
    if common_passwords().contains(&list_key(&lower)) {
        return Err(PasswordRejection::Common);
    }
    if is_predictable(&lower) {
        return Err(PasswordRejection::Predictable);
    }
    if personal_words(context).iter().any(|word| lower.contains(word.as_str())) {
        return Err(PasswordRejection::ContainsPersonalInfo);
    }
    Ok(())
}

/// How the list and a password are compared: lower-cased, without white space (so
/// "correct horse battery staple" and "CorrectHorseBatteryStaple" are the same entry).
fn list_key(lower: &str) -> String {
    lower.chars().filter(|c| !c.is_whitespace()).collect()
}

fn common_passwords() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common-passwords.txt")
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|line| list_key(&normalize(line).to_lowercase()))
            .collect()
    })
}

/// The longest block whose repetition makes a password predictable ("abab…", "123123…").
const MAX_REPEATED_BLOCK: usize = 4;

/// A block of a few characters repeated (one character at the least), or every
/// character one step up or down from the one before (digits wrap: "…7890123…").
fn is_predictable(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let repeated = (1..=MAX_REPEATED_BLOCK).any(|n| chars.iter().skip(n).zip(&chars).all(|(a, b)| a == b));
    let step = |a: char, b: char| -> i64 {
        match (a.to_digit(10), b.to_digit(10)) {
            (Some(9), Some(0)) => 1,
            (Some(0), Some(9)) => -1,
            _ => i64::from(u32::from(b)) - i64::from(u32::from(a)),
        }
    };
    let steps: Vec<i64> = chars.windows(2).map(|w| step(w[0], w[1])).collect();
    let sequence = steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1);
    repeated || sequence
}

/// The lower-cased words of the context a password must not contain: each item (an
/// email's local part in place of the email) and each of its words, when at least four
/// characters long.
fn personal_words(context: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for item in context {
        let item = normalize(item).to_lowercase();
        let item = item.split_once('@').map_or(item.as_str(), |(local, _)| local).trim();
        words.push(item.to_owned());
        words.extend(item.split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
    }
    words.retain(|w| w.chars().count() >= 4);
    words
}

/// The argon2id hash of a password (the crate's default parameters, OWASP's m=19 MiB,
/// t=2, p=1) as a PHC string with its own random salt.
pub fn hash(password: &str) -> Result<String, PasswordHashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(normalize(password).as_bytes(), &salt)
        .map(|phc| phc.to_string())
        .map_err(|e| PasswordHashError(e.to_string()))
}

/// Whether `password` is the one `phc` was made from; false for a malformed hash.
pub fn verify(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    Argon2::default().verify_password(normalize(password).as_bytes(), &parsed).is_ok()
}

/// Spends the time of a [`verify`] against a real hash, for a sign-in with an unknown
/// email: an unknown user and a wrong password then take the same time, and the time
/// does not tell which emails have accounts. The dummy hash is made on the first call.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    match DUMMY.get_or_init(|| hash("rapport: a password no account has").ok()) {
        Some(phc) => {
            std::hint::black_box(verify(password, phc));
        }
        None => {
            let _ = std::hint::black_box(hash(password));
        }
    }
}

/// Letters and digits that cannot be mistaken for one another when read out or copied
/// from a screen: no 0/O, 1/l/I.
const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyz23456789";

/// A random one-time password for an administrator to hand out, like
/// `k7qm2-xe9tb-…`: 5 groups of 5 from [`ALPHABET`] (about 126 bits), which itself
/// passes [`check_new`].
pub fn generate() -> String {
    let mut rng = rand::rngs::OsRng.unwrap_err();
    loop {
        let groups: Vec<String> = (0..5)
            .map(|_| (0..5).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect())
            .collect();
        let password = groups.join("-");
        if check_new(&password, &[]).is_ok() {
            return password;
        }
    }
}
