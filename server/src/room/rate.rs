//! A token bucket for one connection's frames: `burst` at once, then `per_second`.
//! Time is passed in (tokio's clock, which tests may pause), and no setting or order
//! of times makes it panic or overflow.

use tokio::time::Instant;

/// A bucket's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Frames accepted at once from a full bucket.
    pub burst: u32,
    /// Frames added back every second.
    pub per_second: u32,
}

/// Thousandths of a frame, so that a refill of a few microseconds still counts.
const MILLI: u64 = 1000;

/// Kept small (it is part of every open connection): 24 bytes.
#[derive(Debug, Clone, Copy)]
pub struct TokenBucket {
    milli_tokens: u64,
    since: Instant,
}

impl TokenBucket {
    pub fn full(rate: Rate, now: Instant) -> Self {
        Self {
            milli_tokens: capacity(rate),
            since: now,
        }
    }

    /// Takes one frame's token; `false` if the bucket is empty.
    pub fn try_take(&mut self, rate: Rate, now: Instant) -> bool {
        let elapsed_us = now.saturating_duration_since(self.since).as_micros();
        // per_second frames a second = per_second thousandths a millisecond.
        let gained = elapsed_us.saturating_mul(u128::from(rate.per_second)) / 1000;
        let refilled = u128::from(self.milli_tokens).saturating_add(gained);
        self.milli_tokens =
            u64::try_from(refilled.min(u128::from(capacity(rate)))).unwrap_or(u64::MAX);
        self.since = self.since.max(now);
        match self.milli_tokens.checked_sub(MILLI) {
            Some(left) => {
                self.milli_tokens = left;
                true
            }
            None => false,
        }
    }
}

fn capacity(rate: Rate) -> u64 {
    u64::from(rate.burst) * MILLI
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const RATE: Rate = Rate {
        burst: 200,
        per_second: 20,
    };

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut bucket = TokenBucket::full(RATE, start);
        assert!((0..200).all(|_| bucket.try_take(RATE, start)));
        assert!(!bucket.try_take(RATE, start));
        // 20 a second: one every 50 ms.
        assert!(!bucket.try_take(RATE, at(49)));
        assert!(bucket.try_take(RATE, at(50)));
        assert!(!bucket.try_take(RATE, at(50)));
        // A long pause refills to the burst, not beyond.
        let later = at(3_600_000);
        assert_eq!(
            (0..500).filter(|_| bucket.try_take(RATE, later)).count(),
            200
        );
    }

    #[test]
    fn odd_settings_and_times_do_not_panic() {
        let now = Instant::now();
        let none = Rate {
            burst: 0,
            per_second: 0,
        };
        assert!(!TokenBucket::full(none, now).try_take(none, now));
        let huge = Rate {
            burst: u32::MAX,
            per_second: u32::MAX,
        };
        let mut bucket = TokenBucket::full(huge, now);
        assert!(bucket.try_take(huge, now + Duration::from_secs(1 << 40)));
        // An earlier time than before adds nothing and takes nothing back.
        assert!(bucket.try_take(huge, now));
    }
}
