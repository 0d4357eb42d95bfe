//! Capability tokens. A link carries a long random token; the store keeps only its
//! SHA-256 hash, so a leaked database does not leak working links.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 bits: far beyond guessing, and short enough for a QR code.
const TOKEN_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
#[error("the operating system's random source failed: {0}")]
pub struct RandomError(String);

/// Fills a buffer from the OS random source.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| RandomError(e.to_string()))?;
    Ok(buf)
}

/// A fresh token, as it appears in a link.
pub fn new_token() -> Result<String, RandomError> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<TOKEN_BYTES>()?))
}

/// The join code alphabet (Crockford base32 without look-alikes: no I, L, O, U), so a
/// code read off a projector can be typed without confusion.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS: usize = 8;

/// A short participant token for the room screen: 8 characters (40 bits), shown as
/// `ABCD-EFGH`. Short enough to type from the wall; it can be revoked like any link.
pub fn new_join_code() -> Result<String, RandomError> {
    let bytes = random_bytes::<CODE_CHARS>()?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b & 31)] as char)
        .collect())
}

/// Turns what someone typed into the canonical code: case-insensitive, dashes and
/// spaces ignored, the usual misreadings (O→0, I/L→1) forgiven.
pub fn normalize_join_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    (code.len() == CODE_CHARS && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// How a code is shown: `ABCD-EFGH`.
pub fn display_join_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a}-{b}")
}

/// What the store keeps instead of the token (also used for participant keys).
pub fn hash_secret(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_are_short_typeable_and_forgiving() {
        let code = new_join_code().unwrap();
        assert_eq!(code.len(), 8);
        assert_eq!(normalize_join_code(&code).as_deref(), Some(code.as_str()));
        let shown = display_join_code(&code);
        assert_eq!(
            normalize_join_code(&shown.to_lowercase()).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalize_join_code("abcd-efgo").as_deref(),
            Some("ABCDEFG0")
        );
        assert_eq!(normalize_join_code("ABCD-EFG"), None);
        assert_eq!(
            normalize_join_code("ABCD-EFGU"),
            None,
            "U is not in the alphabet"
        );
    }

    #[test]
    fn tokens_are_long_random_and_hash_stably() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes in unpadded base64url");
        assert_eq!(hash_secret(&a), hash_secret(&a));
        assert_ne!(hash_secret(&a), hash_secret(&b));
    }
}
