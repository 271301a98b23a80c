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
//!
//! Addresses are compared in their canonical form ([`IpAddr::to_canonical`]): a
//! dual-stack listener (`[::]`) sees an IPv4 proxy as `::ffff:a.b.c.d`, which must
//! still match `--trusted-proxy a.b.c.d`, and one client must count as one address
//! whichever way it arrived.

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
        Ok(Peer(peer.map(|p| client_address(p, &parts.headers, &state.site.trusted_proxies))))
    }
}

/// The client behind the connection from `peer`, in canonical form: `peer` itself
/// unless it is one of the `trusted` proxies, else the right-most address of
/// `X-Forwarded-For` that is not a trusted proxy. An entry that is not an address
/// stops the walk at the proxy (`peer`): skipping it would hand the choice to the
/// entries left of it, which the client may have written.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |a: IpAddr| trusted.iter().any(|t| t.to_canonical() == a);
    let peer = peer.to_canonical();
    if !is_trusted(peer) {
        return peer;
    }
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|v| match v.to_str() {
            Ok(text) => text.split(',').map(|a| a.trim().parse::<IpAddr>().ok()).collect(),
            Err(_) => vec![None],
        })
        .collect();
    for entry in forwarded.into_iter().rev() {
        match entry.map(|a| a.to_canonical()) {
            Some(a) if is_trusted(a) => continue,
            Some(a) => return a,
            None => break,
        }
    }
    peer
}
