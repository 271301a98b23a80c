//! The session cookie, read and written by hand (one cookie, a few attributes; no
//! crate needed). It is `HttpOnly` so page scripts never see the session id,
//! `SameSite=Lax` so other sites' subrequests and forms do not carry it, `Path=/`, and
//! `Secure` when the public URL is `https://`. It lives exactly as long as the session
//! can (`Max-Age` to its absolute expiry); the idle expiry is the server's to enforce.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use time::OffsetDateTime;

use crate::config::Site;

/// The longest session id accepted from a client (ids are 43 characters); anything
/// longer or with other characters is not looked up.
const MAX_ID_LEN: usize = 128;

/// The session id the request carries, if it carries a plausible one. With several
/// cookies of the name (one planted for a narrower path) the first is taken: browsers
/// send the most specific path first, and the `__Host-` prefix rules out planting
/// under HTTPS.
pub fn session_id<'a>(headers: &'a HeaderMap, site: &Site) -> Option<&'a str> {
    let name = site.cookie_name();
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
        .filter(|v| !v.is_empty() && v.len() <= MAX_ID_LEN)
        .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
}

/// The `Set-Cookie` value that gives the browser a session until `expires_at`.
pub fn set_session(site: &Site, id: &str, expires_at: OffsetDateTime) -> HeaderValue {
    let max_age = (expires_at - OffsetDateTime::now_utc()).whole_seconds().max(0);
    header(site, id, max_age)
}

/// The `Set-Cookie` value that makes the browser drop the session cookie.
pub fn clear_session(site: &Site) -> HeaderValue {
    header(site, "", 0)
}

fn header(site: &Site, value: &str, max_age: i64) -> HeaderValue {
    let secure = if site.secure { "; Secure" } else { "" };
    let text = format!("{}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{secure}", site.cookie_name());
    // Session ids are base64url and the name and attributes are ASCII: always valid.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("rapport_session=; Max-Age=0; Path=/"))
}
