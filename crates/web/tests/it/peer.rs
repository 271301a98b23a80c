//! Which address a request is counted under, with and without trusted proxies, on
//! single- and dual-stack listeners.

use std::net::IpAddr;

use axum::http::{HeaderMap, HeaderValue};
use rapport_web::peer::client_address;

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn forwarded(values: &[&str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for value in values {
        headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
    }
    headers
}

#[test]
fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
    let headers = forwarded(&["203.0.113.7"]);
    assert_eq!(client_address(ip("198.51.100.1"), &headers, &[]), ip("198.51.100.1"));
    assert_eq!(client_address(ip("198.51.100.1"), &headers, &[ip("10.0.0.1")]), ip("198.51.100.1"));
}

#[test]
fn a_trusted_proxy_gives_the_right_most_untrusted_forwarded_address() {
    let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
    let headers = forwarded(&["192.0.2.66, 203.0.113.7, 10.0.0.2"]);
    assert_eq!(client_address(ip("10.0.0.1"), &headers, &trusted), ip("203.0.113.7"));
    let split = forwarded(&["192.0.2.66", "203.0.113.7, 10.0.0.2"]);
    assert_eq!(client_address(ip("10.0.0.1"), &split, &trusted), ip("203.0.113.7"));
    assert_eq!(client_address(ip("10.0.0.1"), &HeaderMap::new(), &trusted), ip("10.0.0.1"));
    let only_proxies = forwarded(&["10.0.0.2"]);
    assert_eq!(client_address(ip("10.0.0.1"), &only_proxies, &trusted), ip("10.0.0.1"));
}

#[test]
fn an_entry_that_is_not_an_address_stops_at_the_proxy() {
    let trusted = [ip("10.0.0.1")];
    for junk in ["192.0.2.66, unknown", "192.0.2.66, 203.0.113.7:4711", "192.0.2.66,"] {
        let headers = forwarded(&[junk]);
        assert_eq!(client_address(ip("10.0.0.1"), &headers, &trusted), ip("10.0.0.1"), "{junk}");
    }
}

#[test]
fn ipv4_mapped_addresses_match_their_ipv4_form() {
    // A dual-stack listener sees the IPv4 proxy 10.0.0.1 as ::ffff:10.0.0.1.
    let headers = forwarded(&["203.0.113.7"]);
    assert_eq!(client_address(ip("::ffff:10.0.0.1"), &headers, &[ip("10.0.0.1")]), ip("203.0.113.7"));
    assert_eq!(client_address(ip("10.0.0.1"), &headers, &[ip("::ffff:10.0.0.1")]), ip("203.0.113.7"));
    // Forwarded entries and the answer are canonical too: one client, one address.
    let mapped = forwarded(&["::ffff:203.0.113.7, ::ffff:10.0.0.2"]);
    let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
    assert_eq!(client_address(ip("::ffff:10.0.0.1"), &mapped, &trusted), ip("203.0.113.7"));
    assert_eq!(client_address(ip("::ffff:198.51.100.1"), &HeaderMap::new(), &[]), ip("198.51.100.1"));
    // Real IPv6 addresses are left alone.
    let v6 = forwarded(&["2001:db8::7"]);
    assert_eq!(client_address(ip("::1"), &v6, &[ip("::1")]), ip("2001:db8::7"));
}
