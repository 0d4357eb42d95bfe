//! # ovaal-tests
//!
//! Support code for Ovaal's end-to-end tests, which live in `tests/tests/`, one file
//! per scenario. Everything here is real: a real server on `127.0.0.1:0` with a real
//! SQLite file, real WebSockets, and (in `browser`) a real headless Chromium.
//!
//! ## Layout
//! - [`server`]: `TestServer`, an in-process server on a temporary data directory.
//! - [`http`]: a minimal HTTP/1.1 client for the JSON API.
//! - [`client`]: `ProtocolClient`, a native protocol client holding its own `yrs`
//!   documents, able to send both honest and crafted messages.
//! - [`wait`]: waiting for a condition with a deadline (the only synchronisation the
//!   tests use; no sleeps).
//! - [`browser`]: a small Chrome DevTools Protocol driver for browser tests.
//! - [`board_page`]: what a person does on the board page (join, write, find cards),
//!   shared by the `browser_*` tests; [`facilitation_page`]: what the facilitator,
//!   the case-holder and the others do while a method runs.
//! - [`cards`]: board helpers (cards, profiles) shared by scenario tests.
//! - [`harvest_fixture`]: a session with the texts that break exports, and reading
//!   its exports back (the `export_*` tests).
//! - [`server_process`]: the real `ovaal` binary as a child process (signals,
//!   `kill -9`); [`memory`]: a process's current and peak resident memory.
//! - [`scene`]: a realistic session (twelve people seated, about sixty Dutch cards, a
//!   hot seat) for the screenshots and the accessibility check.
//! - [`hostile`]: crafted updates and the "still up, still storing" check.
//! - [`fuzz`]: the seeded fuzz test's corpus, mutations, frame recorder and the
//!   check of recorded frames with the JavaScript `yjs`.
//! - [`metrics`]: `GET /metrics` read and checked as Prometheus reads it.
//! - [`postgres`]: a real PostgreSQL cluster in a temporary directory, for the
//!   tests that store in one.
//! - [`real_size`]: a session at the largest real size (14 seats, 80 cards across
//!   the phases), written over the protocol, for the table, room screen and client
//!   benchmark at scale.
//! - [`table_geometry`]: checks of the table's drawing from the page's geometry
//!   (nothing covers a card or a seat); [`room_page`]: the room screen's (instruction
//!   size, the join code and QR code whole and clear).
//! - [`control::wait_for_control`]: the one wait for the control document before a
//!   test reads or edits it.
//! - [`redis`]: a real `redis-server` on a free port; [`cluster`]: several
//!   in-process nodes on one PostgreSQL and one Redis.
//! - [`qr`]: reading a QR code off a page from a screenshot.
//! - [`axe`]: accessibility checks with axe-core injected into a page.
//! - [`bench`]: the load and client benchmarks (`cargo xtask bench`).
//!
//! This is test code: a failed step may panic (`unwrap`, `expect`), as in a `#[test]`.
//! The workspace's lints apply otherwise (narrowing casts included); the crate keeps
//! `[lints] workspace = true` rather than a copy of the list that would drift, and
//! allows the two here, in its benchmark binaries and in the test files whose helpers
//! (functions outside `#[test]`) use them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "end-to-end test support: a failed step panics the test"
)]

pub mod axe;
pub mod bench;
pub mod board_page;
pub mod browser;
pub mod cards;
pub mod client;
pub mod cluster;
pub mod control;
pub mod facilitation_page;
pub mod fuzz;
pub mod harvest_fixture;
pub mod hostile;
pub mod http;
pub mod memory;
pub mod metrics;
pub mod postgres;
pub mod qr;
pub mod real_size;
pub mod redis;
pub mod room_page;
pub mod scene;
pub mod server;
pub mod server_process;
pub mod table_geometry;
pub mod wait;

pub use client::ProtocolClient;
pub use server::{SessionLinks, TestServer};
