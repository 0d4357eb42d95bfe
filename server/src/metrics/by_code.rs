//! Counters split by a small numeric code (a refusal code, an error code). The codes
//! come from the server's own enums, never from the network, and are below
//! [`CODES`]; each has its own atomic, so counting is as cheap as a plain counter and
//! the label set is bounded by construction. A code outside the range (a new one
//! added without widening this) is counted under code 0 rather than lost.

use super::counter::Counter;

/// One more than the largest code counted separately (refusal codes go up to 28).
pub const CODES: usize = 32;

#[derive(Debug)]
pub struct ByCode {
    counts: [Counter; CODES],
}

impl Default for ByCode {
    fn default() -> Self {
        Self {
            counts: std::array::from_fn(|_| Counter::default()),
        }
    }
}

impl ByCode {
    pub fn inc(&self, code: u32) {
        let index = usize::try_from(code)
            .ok()
            .filter(|&i| i < CODES)
            .unwrap_or(0);
        self.counts[index].inc();
    }

    pub fn get(&self, code: u32) -> u64 {
        usize::try_from(code)
            .ok()
            .and_then(|i| self.counts.get(i))
            .map_or(0, Counter::get)
    }

    /// The sum over every code.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(Counter::get).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_counted_apart_and_unknown_ones_under_zero() {
        let counts = ByCode::default();
        counts.inc(4);
        counts.inc(4);
        counts.inc(23);
        counts.inc(1000);
        assert_eq!(counts.get(4), 2);
        assert_eq!(counts.get(23), 1);
        assert_eq!(counts.get(0), 1);
        assert_eq!(counts.get(1000), 0);
        assert_eq!(counts.total(), 4);
    }
}
