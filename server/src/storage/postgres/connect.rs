//! Reaching the database: the URL as given, what of TLS is supported, and a
//! connection that is opened again after the database went away.
//!
//! TLS: this build has no TLS library (it would add a second crypto stack to the
//! binary). `sslmode=disable` and `sslmode=prefer` (the default, which then speaks
//! plain TCP) are accepted; `sslmode=require` is refused at start with a sentence
//! that says so, rather than failing on the first connection. Use a Unix socket, a
//! private network or a local TLS tunnel (stunnel, a sidecar) to reach a remote
//! server.

use std::fmt;
use std::str::FromStr;

use postgres::config::SslMode;
use postgres::{Client, NoTls};

use crate::storage::StorageError;

/// A `postgres://…` URL (or a `key=value` connection string). Its `Debug` hides the
/// password: the server's configuration is logged and printed in errors.
#[derive(Clone)]
pub struct DatabaseUrl {
    text: String,
    config: postgres::Config,
}

impl DatabaseUrl {
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    /// `user@host:port/dbname`, for logs and progress lines.
    pub fn describe(&self) -> String {
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                postgres::config::Host::Tcp(name) => name.clone(),
                postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!(
            "{}@{}:{}/{}",
            self.config.get_user().unwrap_or("?"),
            hosts.join(","),
            port,
            self.config.get_dbname().unwrap_or("?")
        )
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.describe())
    }
}

/// Why a database URL cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error("the database URL is not valid: {0}")]
    Invalid(String),
    #[error(
        "the database URL asks for TLS (sslmode=require), which this build does not \
         support; use sslmode=disable on a trusted network, a Unix socket or a TLS tunnel"
    )]
    TlsRequired,
}

impl FromStr for DatabaseUrl {
    type Err = UrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let config: postgres::Config = text
            .parse()
            // The error text of the parser never echoes the password back.
            .map_err(|e: postgres::Error| UrlError::Invalid(e.to_string()))?;
        if config.get_ssl_mode() == SslMode::Require {
            return Err(UrlError::TlsRequired);
        }
        Ok(Self {
            text: text.to_owned(),
            config,
        })
    }
}

impl DatabaseUrl {
    /// The URL as given (for handing to a child process in tests, never for logs).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Opens a connection. Blocks: call it on the storage thread or in `spawn_blocking`
/// (the `postgres` crate drives its own small runtime and refuses to run inside one).
pub fn open(url: &DatabaseUrl) -> Result<Client, StorageError> {
    let mut config = url.config.clone();
    if config.get_application_name().is_none() {
        config.application_name("ovaal");
    }
    // A database that does not answer must not hold the storage thread for minutes.
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(5));
    }
    Ok(config.connect(NoTls)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_tls_is_refused_and_the_password_stays_hidden() {
        let url: DatabaseUrl = "postgres://ovaal:geheim@db.example:5433/ovaal?sslmode=disable"
            .parse()
            .unwrap();
        assert_eq!(url.describe(), "ovaal@db.example:5433/ovaal");
        assert!(!format!("{url:?}").contains("geheim"));
        assert!(matches!(
            "postgres://x@h/db?sslmode=require".parse::<DatabaseUrl>(),
            Err(UrlError::TlsRequired)
        ));
        assert!(matches!(
            "postgres://x@h/db?sslmode=sometimes".parse::<DatabaseUrl>(),
            Err(UrlError::Invalid(_))
        ));
    }
}
