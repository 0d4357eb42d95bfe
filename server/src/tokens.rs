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

use ovaal_shared::join_code::{ALPHABET as CODE_ALPHABET, LEN as CODE_CHARS};
/// How a typed code is read and how one is shown, as the page does.
pub use ovaal_shared::join_code::{display as display_join_code, normalize as normalize_join_code};

/// A short participant token for the room screen ([`ovaal_shared::join_code`]): 8
/// characters (40 bits), shown as `ABCD-EFGH`. Short enough to type from the wall; it
/// can be revoked like any link.
pub fn new_join_code() -> Result<String, RandomError> {
    let bytes = random_bytes::<CODE_CHARS>()?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b & 31)] as char)
        .collect())
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
