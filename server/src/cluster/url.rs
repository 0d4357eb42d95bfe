//! The Redis address a node is given (`--redis-url redis://…`).

use std::fmt;
use std::str::FromStr;

/// A `redis://` URL, checked when it is read.
#[derive(Clone)]
pub struct RedisUrl(String);

#[derive(Debug, thiserror::Error)]
pub enum RedisUrlError {
    #[error("a Redis URL starts with redis:// (rediss://, Redis over TLS, is not supported)")]
    Scheme,
    #[error("the Redis URL cannot be read: {0}")]
    Invalid(String),
}

impl FromStr for RedisUrl {
    type Err = RedisUrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if !s.starts_with("redis://") {
            return Err(RedisUrlError::Scheme);
        }
        redis::Client::open(s).map_err(|e| RedisUrlError::Invalid(e.to_string()))?;
        Ok(Self(s.to_owned()))
    }
}

impl RedisUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL without its password, for the log.
    pub fn describe(&self) -> String {
        let rest = &self.0["redis://".len()..];
        match rest.rsplit_once('@') {
            Some((_, host)) => format!("redis://…@{host}"),
            None => self.0.clone(),
        }
    }
}

/// Never prints the password.
impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_redis_urls_are_taken_and_passwords_stay_out_of_the_log() {
        assert!("http://localhost".parse::<RedisUrl>().is_err());
        assert!("rediss://localhost".parse::<RedisUrl>().is_err());
        let url: RedisUrl = "redis://:geheim@127.0.0.1:6379/0".parse().unwrap();
        assert_eq!(url.describe(), "redis://…@127.0.0.1:6379/0");
        assert!(!format!("{url:?}").contains("geheim"));
        let plain: RedisUrl = "redis://127.0.0.1:6379".parse().unwrap();
        assert_eq!(plain.describe(), "redis://127.0.0.1:6379");
    }
}
