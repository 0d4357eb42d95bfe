//! Creating the `yrs` documents every part of Ovaal uses.

use yrs::{Doc, Options};

/// A new document replica, with garbage collection of deleted content switched off.
///
/// Why: with yrs 0.28, a replica that receives a garbage-collected range it already
/// holds in another form (a duplicate update after a reconnect, arriving out of order)
/// can panic while integrating it (`block_store.rs`, subtract with overflow) or end up
/// different from the others. Ovaal's own convergence test
/// (`shared/tests/convergence.rs`) finds such cases within a few hundred random runs;
/// without garbage collection it finds none. The cost is that deleted cards stay in the
/// document as tombstones, which for a session's few hundred cards is small. Every
/// replica — server, browser, tests — must make the same choice.
pub fn new_doc() -> Doc {
    let options = Options {
        skip_gc: true,
        ..Options::default()
    };
    Doc::with_options(options)
}
