//! The optional creation secret (`--create-token`): when the server has one, making a
//! session needs it, so that an Ovaal reachable from the internet is not anyone's free
//! storage. It travels as `Authorization: Bearer <secret>`, like a link's token.

use std::fmt;

use axum::http::{HeaderMap, header};

use crate::error::AppError;
use crate::tokens::hash_secret;

/// The secret, kept only as its SHA-256 hash: comparing hashes takes the same time
/// whatever was offered (no early exit at the first differing byte, no length), and
/// the secret never shows up in a `Debug` print of the configuration.
#[derive(Clone, PartialEq, Eq)]
pub struct CreateToken {
    digest: [u8; 32],
}

impl CreateToken {
    pub fn new(secret: &str) -> Self {
        Self {
            digest: hash_secret(secret),
        }
    }

    fn matches(&self, offered: &str) -> bool {
        let offered = hash_secret(offered);
        let difference = self
            .digest
            .iter()
            .zip(offered.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        // Read through `black_box` so the fold is not turned into a comparison that
        // stops early.
        std::hint::black_box(difference) == 0
    }

    /// Whether a request that makes a session may do so.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), AppError> {
        let offered = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::CreateTokenRequired)?;
        if self.matches(offered) {
            Ok(())
        } else {
            Err(AppError::CreateTokenWrong)
        }
    }
}

impl fmt::Debug for CreateToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CreateToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn bearer(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn only_the_secret_passes() {
        let token = CreateToken::new("school-geheim");
        assert!(token.check(&bearer("Bearer school-geheim")).is_ok());
        assert!(matches!(
            token.check(&HeaderMap::new()),
            Err(AppError::CreateTokenRequired)
        ));
        assert!(matches!(
            token.check(&bearer("Bearer ")),
            Err(AppError::CreateTokenRequired)
        ));
        for wrong in [
            "Bearer school-geheim2",
            "Bearer school",
            "Basic school-geheim",
        ] {
            assert!(token.check(&bearer(wrong)).is_err(), "{wrong}");
        }
        assert_eq!(format!("{token:?}"), "CreateToken(…)");
    }
}
