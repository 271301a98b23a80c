//! New passwords are checked as NIST SP 800-63B-4 asks (length, common, predictable,
//! personal), and hashes verify the same password however it was typed.

use rapport_domain::password::{self, MAX_LENGTH, MIN_LENGTH, PasswordRejection};

/// A password that passes every check.
const GOOD: &str = "velvet-harbour-lantern-82";

#[test]
fn a_long_unusual_password_is_accepted() {
    assert_eq!(password::check_new(GOOD, &["maria@example.com", "Maria Papadopoulou"]), Ok(()));
    // No composition rules: lower-case letters and spaces alone are fine.
    assert_eq!(password::check_new("purple monkey dishwasher", &[]), Ok(()));
    // Any characters, counted as characters, not bytes.
    assert_eq!(password::check_new("καλημέρα σε όλους εδώ", &[]), Ok(()));
}

#[test]
fn the_length_is_counted_in_characters_after_normalisation() {
    assert_eq!(password::check_new("river-stone-9", &[]), Err(PasswordRejection::TooShort { min: MIN_LENGTH }));
    assert_eq!(password::check_new("q7-wr9-zk2-mv4", &[]), Err(PasswordRejection::TooShort { min: 15 }));
    // 15 code points as typed, but a combining accent joins its letter: 14 characters.
    let decomposed = "river-stone-9e\u{301}";
    assert_eq!(decomposed.chars().count(), 15);
    assert_eq!(password::check_new(decomposed, &[]), Err(PasswordRejection::TooShort { min: 15 }));
    assert_eq!(password::check_new("river-stone-9éz", &[]), Ok(()), "15 characters with a composed accent");
    // Multi-byte characters count once each: 14 Greek letters are too few, 15 enough.
    assert_eq!(password::check_new("θάλασσαβουνόδέ", &[]), Err(PasswordRejection::TooShort { min: 15 }));
    assert_eq!(password::check_new("θάλασσαβουνόδέν", &[]), Ok(()));

    let longest = format!("{GOOD}{}", "ab3".repeat((MAX_LENGTH - GOOD.len()) / 3 + 1));
    let longest: String = longest.chars().take(MAX_LENGTH).collect();
    assert_eq!(password::check_new(&longest, &[]), Ok(()));
    let too_long = format!("{longest}q");
    assert_eq!(password::check_new(&too_long, &[]), Err(PasswordRejection::TooLong { max: MAX_LENGTH }));
}

#[test]
fn common_passwords_are_refused_whatever_their_case_or_spaces() {
    for common in [
        "passwordpassword",
        "123456789012345",
        "qwertyuiopasdfghjkl",
        "iloveyouiloveyou",
        "PasswordPassword",
        "Correct Horse Battery Staple",
        "correcthorsebatterystaple",
        "1qaz2wsx3edc4rfv",
    ] {
        assert_eq!(password::check_new(common, &[]), Err(PasswordRejection::Common), "{common}");
    }
}

#[test]
fn repeated_characters_and_simple_sequences_are_refused() {
    for predictable in [
        "zzzzzzzzzzzzzzzzzz",
        "ZZZZZZZZZZZZZZZZZZzzz",
        "xyxyxyxyxyxyxyxyxy",
        "p4q!p4q!p4q!p4q!p4q!",
        "ghijklmnopqrstuvw",
        "GHIJKLMNOPQRSTUVW",
        "wvutsrqponmlkjihg",
        "34567890123456789",
        "98765432109876543",
    ] {
        assert_eq!(password::check_new(predictable, &[]), Err(PasswordRejection::Predictable), "{predictable}");
    }
    // A sequence inside a longer password is not the whole password.
    assert_eq!(password::check_new("abcdefg-tundra-walrus", &[]), Ok(()));
}

#[test]
fn passwords_containing_the_users_name_or_email_are_refused() {
    let context = ["maria.papadopoulou@example.com", "Maria Papadopoulou"];
    for personal in ["purple-PAPADOPOULOU-rain", "mariapurplerainstorm", "rain-maria.papadopoulou-x"] {
        assert_eq!(password::check_new(personal, &context), Err(PasswordRejection::ContainsPersonalInfo), "{personal}");
    }
    // The domain of the email is not personal; words under four characters are ignored.
    assert_eq!(password::check_new("example-harbour-lantern", &context), Ok(()));
    assert_eq!(password::check_new("alpine-harbour-lantern", &["al@example.com", "Al Bo"]), Ok(()));
    assert_eq!(
        password::check_new("alpine-harbour-lantern", &["alpine@example.com"]),
        Err(PasswordRejection::ContainsPersonalInfo)
    );
}

#[test]
fn rejections_have_stable_codes_and_messages() {
    let cases = [
        (PasswordRejection::TooShort { min: 15 }, "too_short", "15"),
        (PasswordRejection::TooLong { max: 128 }, "too_long", "128"),
        (PasswordRejection::Common, "common_password", "common"),
        (PasswordRejection::Predictable, "predictable_password", "sequence"),
        (PasswordRejection::ContainsPersonalInfo, "contains_personal_info", "name"),
    ];
    for (rejection, code, in_message) in cases {
        assert_eq!(rejection.code(), code);
        assert!(rejection.to_string().contains(in_message), "{rejection}");
    }
}

#[test]
fn a_hash_verifies_its_password_and_no_other() {
    let phc = password::hash(GOOD).unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(password::verify(GOOD, &phc));
    assert!(!password::verify("velvet-harbour-lantern-83", &phc));
    assert!(!password::verify("", &phc));
    // Each hash has its own salt.
    let again = password::hash(GOOD).unwrap();
    assert_ne!(phc, again);
    assert!(password::verify(GOOD, &again));
}

#[test]
fn a_malformed_hash_verifies_nothing() {
    for phc in ["", "not a hash", "$argon2id$v=19$m=19456,t=2,p=1$", "$2b$12$abcdefghijklmnopqrstuu"] {
        assert!(!password::verify(GOOD, phc), "{phc:?}");
    }
    // Checking an unknown user's password spends the time and answers nothing.
    password::verify_against_nothing(GOOD);
}

#[test]
fn a_password_verifies_however_its_accents_were_typed() {
    let composed = "caf\u{e9}-harbour-lantern";
    let decomposed = "cafe\u{301}-harbour-lantern";
    assert_ne!(composed, decomposed);
    let phc = password::hash(composed).unwrap();
    assert!(password::verify(decomposed, &phc), "decomposed against composed");
    let phc = password::hash(decomposed).unwrap();
    assert!(password::verify(composed, &phc), "composed against decomposed");
    // Full-width letters are the same password too (NFKC).
    assert!(password::verify("ｃａｆé-harbour-lantern", &phc));
    assert!(!password::verify("cafe-harbour-lantern", &phc), "an unaccented e is another letter");
}

#[test]
fn generated_passwords_are_unambiguous_random_and_acceptable() {
    let one = password::generate();
    let two = password::generate();
    assert_ne!(one, two);
    for p in [&one, &two] {
        assert_eq!(password::check_new(p, &[]), Ok(()), "{p}");
        let groups: Vec<&str> = p.split('-').collect();
        assert_eq!(groups.len(), 5, "{p}");
        assert!(groups.iter().all(|g| g.chars().count() == 5), "{p}");
        assert!(p.chars().all(|c| c == '-' || c.is_ascii_lowercase() || c.is_ascii_digit()), "{p}");
        assert!(!p.contains(['0', 'O', '1', 'l', 'I']), "no character that reads as another: {p}");
    }
}
