//! The seeded generator the shared crate's randomised tests use (xorshift64*), so a
//! failure replays exactly: every test prints its seed, `OVAAL_SEED=<seed>` reruns it.

pub struct Rng(pub u64);

#[allow(dead_code)] // each test binary uses the parts it needs
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        // The remainder is below `n`, a usize.
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    /// A fraction in 0..1 in steps of 1/10,000 (positions on the board).
    pub fn fraction(&mut self) -> f64 {
        (self.next() % 10_000) as f64 / 10_000.0
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// `OVAAL_SEED`, or one from the clock.
pub fn seed() -> u64 {
    std::env::var("OVAAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
                .unwrap_or(1)
                | 1
        })
}
