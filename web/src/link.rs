//! What the address bar says: which page to show, which session, which capability
//! token. The token lives in the URL fragment (`#token=…`), which browsers never send
//! in HTTP requests, so it does not end up in server or proxy logs.

use ovaal_shared::SessionId;

/// The page the address asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`: create a session.
    Landing,
    /// `/s/{id}#token=…`: a session's board.
    Board { session: SessionId, token: String },
    /// `/s/{id}` without a token in the fragment.
    MissingToken,
    /// `/s/…` whose id is not a valid session id.
    InvalidSession,
}

/// Decides the page from `location.pathname` and `location.hash`.
pub fn parse_page(path: &str, hash: &str) -> Page {
    let path = path.trim_end_matches('/');
    let Some(rest) = path.strip_prefix("/s/") else {
        return Page::Landing;
    };
    let Ok(session) = percent_decode(rest).parse::<SessionId>() else {
        return Page::InvalidSession;
    };
    match fragment_param(hash, "token") {
        Some(token) if !token.is_empty() => Page::Board { session, token },
        _ => Page::MissingToken,
    }
}

/// Reads `name` from a fragment written like a query string (`#a=1&token=x`).
pub fn fragment_param(hash: &str, name: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| percent_decode(value))
}

/// Decodes `%XX` escapes (a link pasted through a chat program may be escaped). Invalid
/// escapes are kept literally rather than rejected: the server judges the token.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            // Two hex digits: under 256.
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The localStorage key under which the identity for this link is kept. Including
/// the start of the token makes two different links in one browser (say, the
/// facilitator link and a participant link) two different people, while reloading
/// the same link keeps the same person. Eight characters identify the link without
/// storing the whole secret a second time.
pub fn identity_storage_key(session: &SessionId, token: &str) -> String {
    let prefix: String = token.chars().take(8).collect();
    format!("ovaal:identity:{session}:{prefix}")
}

/// The WebSocket address for a session, from the page's own origin.
pub fn websocket_url(protocol: &str, host: &str, session: &SessionId) -> String {
    let scheme = if protocol == "https:" { "wss" } else { "ws" };
    format!(
        "{scheme}://{host}{}",
        ovaal_shared::http_api::paths::socket(session.as_str())
    )
}

/// Makes a link from the API absolute, whether it came as a path or a full URL.
pub fn absolute_link(origin: &str, link: &str) -> String {
    if link.starts_with("http://") || link.starts_with("https://") {
        link.to_owned()
    } else if link.starts_with('/') {
        format!("{origin}{link}")
    } else {
        format!("{origin}/{link}")
    }
}

/// Unpadded base64url, for the participant's secret key.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_from_addresses() {
        assert_eq!(parse_page("/", ""), Page::Landing);
        assert_eq!(parse_page("/index.html", ""), Page::Landing);
        let session: SessionId = "abcdefgh12".parse().unwrap();
        assert_eq!(
            parse_page("/s/abcdefgh12", "#token=tok_123"),
            Page::Board {
                session: session.clone(),
                token: "tok_123".into()
            }
        );
        assert_eq!(
            parse_page("/s/abcdefgh12/", "#x=1&token=a%2Db"),
            Page::Board {
                session,
                token: "a-b".into()
            }
        );
        assert_eq!(parse_page("/s/abcdefgh12", ""), Page::MissingToken);
        assert_eq!(parse_page("/s/abcdefgh12", "#token="), Page::MissingToken);
        assert_eq!(parse_page("/s/bad", "#token=x"), Page::InvalidSession);
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn identity_keys_differ_per_link() {
        let s: SessionId = "abcdefgh12".parse().unwrap();
        let a = identity_storage_key(&s, "AAAAAAAAxxxx");
        let b = identity_storage_key(&s, "BBBBBBBBxxxx");
        assert_ne!(a, b);
        assert_eq!(a, "ovaal:identity:abcdefgh12:AAAAAAAA");
        assert_eq!(
            identity_storage_key(&s, "short"),
            "ovaal:identity:abcdefgh12:short"
        );
    }

    #[test]
    fn urls() {
        let s: SessionId = "abcdefgh12".parse().unwrap();
        assert_eq!(
            websocket_url("https:", "ovaal.example:8443", &s),
            "wss://ovaal.example:8443/api/sessions/abcdefgh12/ws"
        );
        assert_eq!(
            websocket_url("http:", "localhost", &s),
            "ws://localhost/api/sessions/abcdefgh12/ws"
        );
        assert_eq!(
            absolute_link("http://h", "/s/x#token=y"),
            "http://h/s/x#token=y"
        );
        assert_eq!(absolute_link("http://h", "https://o/s/x"), "https://o/s/x");
    }

    #[test]
    fn base64url_matches_rfc4648() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[0u8; 32]).len(), 43);
    }
}
