//! The pieces of the seeded fuzz test of the write pipeline (`tests/fuzz_pipeline.rs`):
//! real session updates to start from, ways to break them, a recorder of what the
//! server sends, and the check of those frames with the JavaScript `yjs`.
//!
//! ## Layout
//! - [`Rng`]: a small seeded generator, so a failing run replays from its seed.
//! - [`corpus`]: honest updates of every document kind, made with the board's own
//!   functions.
//! - [`cases`]: what is sent next, by whom, to which document.
//! - [`mutate`]: bit flips, splices, varint bumps, huge client ids, clocks at the end
//!   of `u32`, swapped names and content kinds.
//! - [`recorder`]: a read-only connection that keeps every Sync frame it receives.
//! - [`interop`]: running `tests/js/apply-updates.mjs` on recorded frames.
//! - [`replay`]: reading a send journal back, to send the same bytes again.
//! - [`writer`]: the writers (reconnecting when dropped), the send journal, identities.

pub mod cases;
pub mod corpus;
pub mod interop;
pub mod mutate;
pub mod recorder;
pub mod replay;
pub mod writer;

/// SplitMix64: tiny, fast and good enough to pick mutations; the test owns its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % u64::try_from(n).unwrap()).unwrap()
    }

    /// True `percent` times out of a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn bytes16(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        out[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        out
    }
}

/// The run's seed: `OVAAL_SEED` to replay a run, else the clock.
pub fn seed() -> u64 {
    match std::env::var("OVAAL_SEED") {
        Ok(text) => text.trim().parse().expect("OVAAL_SEED is a number"),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
            .unwrap_or(1),
    }
}
