//! The server's log: where it goes, in which format, and whether it is coloured.
//!
//! `text` is for people: one line per event, coloured only when written to a
//! terminal (colour codes in a file or a journal are noise that breaks `grep`).
//! `json` is for log collectors: one JSON object per line with `timestamp`,
//! `level`, `target` and the event's `fields` (its `message` among them), never
//! coloured. Which events exist and what they carry is the same in both; no event
//! carries card text (checked by `tests/tests/no_content_in_logs.rs`).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// `--log-format` (`OVAAL_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Lines for people.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Where the log is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogTarget {
    Stdout,
    /// For commands whose standard output is their result (an export).
    Stderr,
}

impl LogTarget {
    fn is_terminal(self) -> bool {
        match self {
            LogTarget::Stdout => std::io::stdout().is_terminal(),
            LogTarget::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// Installs the process's log. The filter follows `RUST_LOG` (default `info`).
pub fn init(format: LogFormat, target: LogTarget) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let colour = format == LogFormat::Text && target.is_terminal();
    match (format, target) {
        (LogFormat::Text, LogTarget::Stdout) => builder.with_ansi(colour).init(),
        (LogFormat::Text, LogTarget::Stderr) => builder
            .with_ansi(colour)
            .with_writer(std::io::stderr)
            .init(),
        (LogFormat::Json, LogTarget::Stdout) => builder.json().with_ansi(false).init(),
        (LogFormat::Json, LogTarget::Stderr) => builder
            .json()
            .with_ansi(false)
            .with_writer(std::io::stderr)
            .init(),
    }
}
