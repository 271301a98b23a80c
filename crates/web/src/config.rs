//! How the server is reached from outside. Behind a TLS-terminating proxy the process
//! sees plain HTTP on loopback, so it cannot tell by itself whether cookies may be
//! `Secure` or which origin a browser will send: the public URL says so.

use crate::origin;

/// Settings of the HTTP side that the database does not hold.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// The address people open Rapport at (`https://crm.example.com`). When set, it is
    /// the only origin state-changing requests may come from, and an `https://` one
    /// makes the session cookie `Secure` and `__Host-` prefixed. When unset, the
    /// request's own `Host` is trusted as the origin, which is right for a server
    /// reached directly (development, a LAN); set it in production.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Requests from any other
    /// peer are taken at their TCP address; from one of these, the client is the
    /// right-most forwarded address that is not itself a trusted proxy.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Requests per minute each API token may make (bursts up to a minute's worth);
    /// `None` or 0 is no limit.
    pub api_rate_limit: Option<u32>,
    /// The bearer secret that opens `/metrics` to scrapers on other machines; without
    /// one, only clients on the loopback interface read it.
    pub metrics_token: Option<String>,
}

/// A configuration that cannot be served.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ConfigError {
    #[error("the public URL `{0}` is not an http:// or https:// address with a host")]
    PublicUrl(String),
}

/// What the request guards derive from [`WebConfig`], worked out once at start-up.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public URL's origin (`https://crm.example.com`), normalised.
    pub public_origin: Option<String>,
    /// Whether cookies carry `Secure` (the public URL is `https://`).
    pub secure: bool,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// See [`WebConfig::metrics_token`]; an empty one is none.
    pub metrics_token: Option<String>,
}

impl Site {
    pub fn new(config: &WebConfig) -> Result<Site, ConfigError> {
        let public_origin = match config.public_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Some(origin::of_url(url).ok_or_else(|| ConfigError::PublicUrl(url.to_owned()))?),
            None => None,
        };
        let secure = public_origin.as_deref().is_some_and(|o| o.starts_with("https://"));
        let metrics_token = config.metrics_token.clone().filter(|t| !t.trim().is_empty());
        Ok(Site { public_origin, secure, trusted_proxies: config.trusted_proxies.clone(), metrics_token })
    }

    /// The session cookie's name. The `__Host-` prefix makes browsers refuse the
    /// cookie unless it is `Secure`, host-only and `Path=/`, so a sibling subdomain
    /// cannot plant one (cookie tossing); browsers only accept it over HTTPS, hence the
    /// plain name otherwise.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure { "__Host-rapport_session" } else { "rapport_session" }
    }
}
