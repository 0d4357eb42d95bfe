//! The load benchmark behind `cargo xtask bench load`: starts each server under test as
//! its own process — Ovaal, and the y-websocket server to compare with — opens rooms ×
//! clients over real WebSockets, has every client send small card updates, and prints
//! relay latency, acknowledgement latency (Ovaal), throughput, server CPU per delivered
//! update and server memory per connection.
//!
//! - [`process`]: the servers as processes and their `/proc` figures (RSS, CPU time).
//! - [`cpu_profile`]: a page load's main-thread time by function (the client benchmark).
//! - [`files`]: the limit on open files, raised for many connections.
//! - [`floor`]: the relay floor, the least a relay server must do, to compare with.
//! - [`framing`]: Ovaal's and y-websocket's wire formats, as the load client speaks them.
//! - [`load_client`]: one simulated participant.
//! - [`scenario`]: one run against one server.
//! - [`stats`]: latency percentiles.
//! - [`static_floor`]: the client benchmark's floor, a drawn board as a static page.

pub mod cpu_profile;
pub mod files;
pub mod floor;
pub mod framing;
pub mod load_client;
pub mod process;
pub mod scenario;
pub mod static_floor;
pub mod stats;
