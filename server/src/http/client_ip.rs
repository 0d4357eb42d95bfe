//! Which client a request counts against, for limits kept per client (wrong join
//! codes). Normally the peer address of the TCP connection. Behind a reverse proxy
//! every connection comes from the proxy, so with `--trust-forwarded-for` the last
//! address in `X-Forwarded-For` (the one the proxy itself added) is used instead;
//! without the flag that header is ignored, since any client can send it.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::state::AppState;

/// The client a request counts against (see [`client_key`]).
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(Self(resolve(
            peer,
            &parts.headers,
            state.config().trust_forwarded_for,
        )))
    }
}

/// The client's key: the forwarded address when trusted and readable, else the
/// peer's. A router driven without connection info (an in-process test) has no
/// peer; all its requests count as one client.
fn resolve(peer: Option<IpAddr>, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    let forwarded = trust_forwarded_for
        .then(|| last_forwarded_for(headers))
        .flatten();
    client_key(
        forwarded
            .or(peer)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
    )
}

/// The last address of the last `X-Forwarded-For` header: the earlier ones were
/// written by the client and prove nothing.
fn last_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let header = headers.get_all("x-forwarded-for").iter().next_back()?;
    let last = header.to_str().ok()?.rsplit(',').next()?.trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|addr| addr.ip()))
}

/// One key per client: an IPv4 address (also when it arrives IPv4-mapped), or an
/// IPv6 /64 — one household or server usually has a whole /64, so counting single
/// IPv6 addresses would give a guesser billions of allowances.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEER: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_forwarded_header_is_ignored_unless_trusted() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(resolve(Some(PEER), &headers, false), PEER);
        assert_eq!(
            resolve(Some(PEER), &headers, true),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn only_the_address_the_proxy_added_counts() {
        // The client wrote "1.2.3.4"; the proxy appended what it saw.
        let headers = forwarded(&["1.2.3.4, 198.51.100.7"]);
        assert_eq!(
            resolve(Some(PEER), &headers, true),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        let headers = forwarded(&["1.2.3.4", "198.51.100.8"]);
        assert_eq!(
            resolve(Some(PEER), &headers, true),
            "198.51.100.8".parse::<IpAddr>().unwrap()
        );
        let headers = forwarded(&["[2001:db8::1]:443"]);
        assert_eq!(
            resolve(Some(PEER), &headers, true),
            "2001:db8::".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn an_unreadable_or_missing_header_falls_back_to_the_peer() {
        for values in [&["nonsense"][..], &["1.2.3.4, "], &[""], &[]] {
            assert_eq!(resolve(Some(PEER), &forwarded(values), true), PEER);
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            axum::http::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        );
        assert_eq!(resolve(Some(PEER), &headers, true), PEER);
        assert_eq!(
            resolve(None, &HeaderMap::new(), false),
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        );
    }

    #[test]
    fn ipv6_clients_count_per_64_and_mapped_ipv4_as_ipv4() {
        let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = client_key("2001:db8:1:2:bbbb::2".parse().unwrap());
        let other = client_key("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(
            client_key("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }
}
