//! The address of the client, for sign-in throttling and the security trail.
//!
//! It is the peer of the TCP connection. `X-Forwarded-For` is believed only when that
//! peer is a configured trusted proxy ([`crate::WebConfig::trusted_proxies`]): any
//! client can send the header, so trusting it from anyone would let an attacker spread
//! a password-guessing run over made-up addresses (escaping the per-address limit) or
//! lock out someone else's address. From a trusted proxy, the client is the right-most
//! forwarded address that is not itself a trusted proxy (the left part of the header
//! is whatever the client wrote). Behind an unconfigured proxy every request comes from
//! the proxy's address and the per-address limit counts all clients together (the
//! per-account limit is unaffected).

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::AppState;

/// The client's IP address; `None` when the router is served without connection
/// information (in-process callers).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<IpAddr>);

impl FromRequestParts<AppState> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
        Ok(Peer(peer.map(|p| client(p, &parts.headers, &state.site.trusted_proxies))))
    }
}

/// The client behind `peer`: `peer` itself unless it is a trusted proxy.
fn client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded.into_iter().rev().find(|a| !trusted.contains(a)).unwrap_or(peer)
}
