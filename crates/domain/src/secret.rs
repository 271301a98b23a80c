//! Secrets: random tokens for session cookies, CSRF and API tokens, the digests they are
//! stored and looked up by (a copy of the database lets no one sign in), and comparison
//! that takes the same time whatever the content.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::{RngCore, TryRngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What every API token starts with, so that one pasted where it does not belong (a
/// repository, a chat) can be recognised and a request's credential told apart from a
/// session.
pub const API_TOKEN_PREFIX: &str = "rpt_";

/// `bytes` random bytes from the operating system's CSPRNG, as base64url without
/// padding. Panics only if the operating system cannot give randomness, when no secret
/// can be made safely.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.unwrap_err().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// The SHA-256 of a secret in lower-case hex. A plain hash is enough here (no salt, no
/// stretching): the secrets are 256 random bits, not something a person chose.
pub fn digest(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// Whether two secrets are equal, in time that depends on their length only (false at
/// once when the lengths differ; the lengths of tokens are no secret).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A new API token: the token, shown to its user once, and its digest, the only form
/// that is stored.
pub fn new_api_token() -> (String, String) {
    let token = format!("{API_TOKEN_PREFIX}{}", random_token(32));
    let stored = digest(&token);
    (token, stored)
}
