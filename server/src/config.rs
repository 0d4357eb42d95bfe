//! Server configuration. One struct, filled by the command line (`main.rs`) or by a
//! test, so nothing deep inside the server reads the environment.

use std::path::PathBuf;
use std::time::Duration;

pub use crate::cluster::RedisUrl;
pub use crate::gate::client_limit::ClientLimits;
pub use crate::gate::create_token::CreateToken;
pub use crate::gate::join_limit::{Allowance, JoinCodeLimits};
pub use crate::room::admission::AdmissionLimits;
pub use crate::room::rate::Rate;
pub use crate::storage::postgres::DatabaseUrl;
pub use ovaal_shared::board::schema::Budget;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where the embedded store lives (created on first run); unused when `database`
    /// is set.
    pub data_dir: PathBuf,
    /// PostgreSQL instead of the embedded store (`--database-url`), for several nodes.
    pub database: Option<DatabaseUrl>,
    /// Redis, through which several nodes on one PostgreSQL serve the same sessions
    /// (`--redis-url`; only together with `database`).
    pub redis: Option<RedisUrl>,
    /// What links start with, e.g. `https://ovaal.example.org` behind a proxy. When
    /// `None`, links use the address the server is listening on.
    pub public_url: Option<String>,
    /// The built browser client (`index.html` and `assets/`).
    pub web_dir: PathBuf,
    pub limits: Limits,
    /// Ended sessions are deleted this many days after they ended (0: never).
    pub retention_days: u32,
    /// Count wrong join codes against the last `X-Forwarded-For` address instead of
    /// the connection's: only behind a reverse proxy that sets it, since otherwise
    /// any client could claim any address.
    pub trust_forwarded_for: bool,
    /// When set, making a session (`POST /api/sessions`, `POST /api/sessions/import`)
    /// needs this secret (`--create-token`).
    pub create_token: Option<CreateToken>,
    /// Serve `GET /metrics` only on this address instead of the main listener
    /// (`--metrics-bind`): a private address for the scraper.
    pub metrics_bind: Option<std::net::SocketAddr>,
    /// How long the storage thread waits after an update arrives for more to share
    /// its commit (`--commit-window-ms`; zero: commit at once, grouping only what
    /// queued during the previous commit). The command line takes at most 1000 ms.
    pub commit_window: Duration,
}

/// Two milliseconds: fewer commits and wake-ups of the storage thread for a short
/// wait before "saved" (docs/benchmarks.md measures both).
pub const DEFAULT_COMMIT_WINDOW: Duration = Duration::from_millis(2);

/// Ninety days: long enough to hand over a harvest, short enough for confidential
/// content not to linger.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// Bounds that keep one client or one room from exhausting the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest WebSocket message accepted; larger ones close that connection.
    pub max_message_bytes: usize,
    /// Connections per room (a Mastercircle with room screens stays far below this).
    pub max_connections_per_room: usize,
    /// Connections one participant id may hold (a phone, a laptop, a spare tab).
    pub max_connections_per_participant: usize,
    /// Connections of a room only facilitators may use (at most a quarter of it).
    pub facilitator_reserve: usize,
    /// Connections of a room one link may not use, so a shared participant link
    /// cannot keep the room screen or other links out (at most a quarter of it).
    pub link_reserve: usize,
    /// Writes (Step2, Update) per connection: generous enough for a reconnect that
    /// sends a Step2 for every document at once. More are refused (`TooFast`).
    pub write_rate: Rate,
    /// Presence updates per connection; more are dropped (presence is re-sent).
    pub awareness_rate: Rate,
    /// Frames queued towards one connection before it counts as too slow and is
    /// dropped (it reconnects and resyncs rather than silently missing updates).
    pub outbound_queue: usize,
    /// Commands queued towards one room before connections wait (backpressure).
    pub room_queue: usize,
    /// How long a room stays loaded after the last connection left.
    pub room_grace: Duration,
    /// How long a new connection may take to send its `Hello`.
    pub hello_timeout: Duration,
    /// How fast wrong join codes are answered (the numbers are explained where the
    /// default is).
    pub join_codes: JoinCodeLimits,
    /// Cards and bytes a document and a session may hold (the board schema's budgets).
    pub budget: Budget,
    /// How fast new sessions are made (create, import, next session of an arc).
    pub session_creation: ClientLimits,
}

impl Default for Limits {
    fn default() -> Self {
        let admission = AdmissionLimits::default();
        Self {
            max_message_bytes: 1 << 20,
            max_connections_per_room: admission.per_room,
            max_connections_per_participant: admission.per_participant,
            facilitator_reserve: admission.facilitator_reserve,
            link_reserve: admission.link_reserve,
            write_rate: Rate {
                burst: 200,
                per_second: 20,
            },
            awareness_rate: Rate {
                burst: 100,
                per_second: 10,
            },
            outbound_queue: 256,
            room_queue: 1024,
            room_grace: Duration::from_secs(30),
            hello_timeout: Duration::from_secs(10),
            join_codes: ClientLimits::join_codes(),
            session_creation: ClientLimits::session_creation(),
            budget: Budget::DEFAULT,
        }
    }
}

impl Limits {
    /// How a room's connections are shared out.
    pub fn admission(&self) -> AdmissionLimits {
        AdmissionLimits {
            per_room: self.max_connections_per_room,
            per_participant: self.max_connections_per_participant,
            facilitator_reserve: self.facilitator_reserve,
            link_reserve: self.link_reserve,
        }
    }
}

impl Config {
    pub fn new(data_dir: impl Into<PathBuf>, web_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            database: None,
            redis: None,
            public_url: None,
            web_dir: web_dir.into(),
            limits: Limits::default(),
            retention_days: DEFAULT_RETENTION_DAYS,
            trust_forwarded_for: false,
            create_token: None,
            metrics_bind: None,
            commit_window: DEFAULT_COMMIT_WINDOW,
        }
    }
}
