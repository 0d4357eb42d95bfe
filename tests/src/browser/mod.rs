//! A small Chrome DevTools Protocol (CDP) driver for the end-to-end tests: headless
//! Chromium driven over one WebSocket, with real mouse and keyboard input.
//!
//! Written here rather than taken from chromiumoxide or fantoccini because the tests need
//! only a dozen commands, and those crates bring large generated protocol bindings (slow
//! to build on two cores) or a separate WebDriver process. Tools that download their own
//! browser build cannot work on these machines, so this drives Debian's `chromium`, which
//! `cargo xtask test` installs when it is missing.
//!
//! Synchronisation is by polling page state ([`Page::wait_for`]), never by sleeping.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use std::time::Duration;
//! use ovaal_tests::browser::Browser;
//!
//! let browser = Browser::launch().await?;
//! let alice = browser.new_page(1280, 800).await?; // each page is its own person:
//! let bob = browser.new_page(1280, 800).await?; // separate cookies and localStorage
//! alice.goto("http://127.0.0.1:8080/").await?;
//! alice.click("#new-card").await?;
//! alice.type_text("#card-text", "Hello").await?;
//! alice.press_key("Enter").await?;
//! alice.wait_for("document.querySelectorAll('.card').length === 1", Duration::from_secs(5)).await?;
//! assert!(alice.console_errors().await.is_empty());
//! # drop(bob);
//! # Ok(())
//! # }
//! ```
//!
//! # Layout
//!
//! - `launch`: finding and starting Chromium; [`Browser`] owns the process and profile.
//! - `connection`: the WebSocket; commands matched to responses by id, events to
//!   subscribers, one reader task.
//! - `page`: [`Page`]: navigation, evaluation, waiting, viewport, screenshots, errors.
//! - `input`: real pointer and keyboard input (`Input.dispatch*Event`).

mod connection;
mod input;
mod launch;
mod page;

pub use launch::{Browser, find_chromium};
pub use page::Page;
