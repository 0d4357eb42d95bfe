//! The load benchmark behind `cargo xtask bench`: starts the release server as its own
//! process, opens rooms × clients over real WebSockets, has every client send small
//! card updates, and prints relay latency, throughput, server CPU per delivered
//! message and server memory per connection.
//!
//! - [`process`]: the server process and its `/proc` figures (RSS, CPU time).
//! - [`load_client`]: one simulated participant.
//! - [`stats`]: latency percentiles.

pub mod load_client;
pub mod process;
pub mod stats;
