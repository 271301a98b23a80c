//! Random tokens, their digests and comparison.

use std::collections::HashSet;

use rapport_domain::secret::{self, API_TOKEN_PREFIX};

#[test]
fn random_tokens_are_base64url_of_the_length_asked_and_differ() {
    let tokens: HashSet<String> = (0..100).map(|_| secret::random_token(32)).collect();
    assert_eq!(tokens.len(), 100, "no repeats");
    for token in &tokens {
        // 32 bytes are 43 base64 characters without padding.
        assert_eq!(token.len(), 43, "{token}");
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{token}");
    }
    assert_eq!(secret::random_token(0), "");
    assert_eq!(secret::random_token(3).len(), 4);
}

#[test]
fn digests_are_lower_case_hex_sha256() {
    assert_eq!(secret::digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(secret::digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_ne!(secret::digest("abc"), secret::digest("abd"));
}

#[test]
fn same_compares_content_and_length() {
    assert!(secret::same("", ""));
    assert!(secret::same("s3cr3t-token", "s3cr3t-token"));
    assert!(!secret::same("s3cr3t-token", "s3cr3t-tokem"));
    assert!(!secret::same("s3cr3t-token", "x3cr3t-token"));
    assert!(!secret::same("s3cr3t-token", "s3cr3t-token-longer"));
    assert!(!secret::same("s3cr3t", ""));
}

#[test]
fn an_api_token_is_shown_once_and_stored_as_its_digest() {
    let (token, stored) = secret::new_api_token();
    assert!(token.starts_with(API_TOKEN_PREFIX) && token.starts_with("rpt_"), "{token}");
    assert_eq!(token.len(), 4 + 43, "{token}");
    assert_eq!(stored, secret::digest(&token));
    assert!(!stored.contains(&token[4..]), "the stored form does not contain the secret");
    let (other, other_stored) = secret::new_api_token();
    assert_ne!((token, stored), (other, other_stored));
}
