//! The address of the client, for sign-in throttling and the security trail.
//!
//! It is the peer of the TCP connection, never `X-Forwarded-For` or `Forwarded`: any
//! client can send those headers, so trusting them would let an attacker spread a
//! password-guessing run over made-up addresses (escaping the per-address limit) or
//! lock out someone else's address. Behind a reverse proxy every request then comes
//! from the proxy's address, and the per-address limit counts all clients together
//! (the per-account limit is unaffected); honouring the header from a configured,
//! trusted proxy is a later, explicit setting.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// The peer's IP address; `None` when the router is served without connection
/// information (in-process callers).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())))
    }
}
