//! A token bucket: at most `burst` tokens, one more every `refill_every`. Time is
//! passed in, never read, so its tests need no clock; and no setting or order of
//! times makes it panic (a zero interval refills at once, huge ones saturate).

use std::time::{Duration, Instant};

/// A token bucket's shape: `burst` tokens at most, one more every `refill_every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub burst: u32,
    pub refill_every: Duration,
}
impl Allowance {
    /// For the log: how many tokens a minute adds.
    pub(crate) fn per_minute(&self) -> u128 {
        Duration::from_secs(60).as_nanos() / self.refill_every.as_nanos().max(1)
    }
}
/// The lookup was refused; try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
}

impl Limited {
    /// Whole seconds for `Retry-After`, rounded up and at least one.
    pub fn retry_after_s(&self) -> u64 {
        let whole = self.retry_after.as_secs();
        let rounded_up = whole.saturating_add(u64::from(self.retry_after.subsec_nanos() > 0));
        rounded_up.max(1)
    }
}
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bucket {
    available: u32,
    /// When the next token started to accrue.
    since: Instant,
}

impl Bucket {
    pub(crate) fn full(allowance: &Allowance, now: Instant) -> Self {
        Self {
            available: allowance.burst,
            since: now,
        }
    }

    pub(crate) fn refill(&mut self, allowance: &Allowance, now: Instant) {
        if self.available >= allowance.burst {
            // A full bucket does not bank time for later.
            self.since = now;
            return;
        }
        // An earlier `now` than before (two requests racing) adds nothing.
        let elapsed = now.saturating_duration_since(self.since);
        // No refill interval at all: refilled at once.
        let gained = elapsed
            .as_nanos()
            .checked_div(allowance.refill_every.as_nanos())
            .unwrap_or(u128::MAX);
        let missing = allowance.burst - self.available;
        match u32::try_from(gained) {
            Ok(gained) if gained < missing => {
                self.available += gained;
                self.since = allowance
                    .refill_every
                    .checked_mul(gained)
                    .and_then(|accrued| self.since.checked_add(accrued))
                    .unwrap_or(now);
            }
            _ => {
                self.available = allowance.burst;
                self.since = now;
            }
        }
    }

    pub(crate) fn try_take(&mut self, allowance: &Allowance, now: Instant) -> Result<(), Limited> {
        self.refill(allowance, now);
        if self.available == 0 {
            let accrued = now.saturating_duration_since(self.since);
            return Err(Limited {
                retry_after: allowance.refill_every.saturating_sub(accrued),
            });
        }
        self.available -= 1;
        Ok(())
    }

    pub(crate) fn give_back(&mut self, allowance: &Allowance, now: Instant) {
        self.refill(allowance, now);
        if self.available < allowance.burst {
            self.available += 1;
        }
    }

    pub(crate) fn is_full(&self, allowance: &Allowance, now: Instant) -> bool {
        let mut later = *self;
        later.refill(allowance, now);
        later.available >= allowance.burst
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_6S: Allowance = Allowance {
        burst: 3,
        refill_every: Duration::from_secs(6),
    };

    #[test]
    fn the_burst_then_one_token_per_interval() {
        let t0 = Instant::now();
        let mut bucket = Bucket::full(&EVERY_6S, t0);
        for _ in 0..3 {
            bucket.try_take(&EVERY_6S, t0).unwrap();
        }
        let limited = bucket.try_take(&EVERY_6S, t0).unwrap_err();
        assert_eq!(limited.retry_after, Duration::from_secs(6));
        // 1.5 s later: 4.5 s to go, announced as 5.
        let limited = bucket
            .try_take(&EVERY_6S, t0 + Duration::from_millis(1500))
            .unwrap_err();
        assert_eq!(limited.retry_after_s(), 5);
        // Two intervals and a bit: two tokens, and the bit still counts towards the third.
        let later = t0 + Duration::from_secs(13);
        bucket.try_take(&EVERY_6S, later).unwrap();
        bucket.try_take(&EVERY_6S, later).unwrap();
        let limited = bucket.try_take(&EVERY_6S, later).unwrap_err();
        assert_eq!(limited.retry_after, Duration::from_secs(5));
    }

    #[test]
    fn a_full_bucket_banks_no_time_and_given_back_tokens_do_not_overflow() {
        let t0 = Instant::now();
        let mut bucket = Bucket::full(&EVERY_6S, t0);
        bucket.give_back(&EVERY_6S, t0);
        assert!(bucket.is_full(&EVERY_6S, t0));
        // An hour idle, then the burst: still only three.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            bucket.try_take(&EVERY_6S, later).unwrap();
        }
        assert!(bucket.try_take(&EVERY_6S, later).is_err());
        bucket.give_back(&EVERY_6S, later);
        assert!(!bucket.is_full(&EVERY_6S, later));
        bucket.try_take(&EVERY_6S, later).unwrap();
    }

    #[test]
    fn odd_settings_and_times_do_not_panic() {
        let t0 = Instant::now();
        let nothing = Allowance {
            burst: 0,
            refill_every: Duration::ZERO,
        };
        let mut bucket = Bucket::full(&nothing, t0);
        let limited = bucket.try_take(&nothing, t0).unwrap_err();
        assert_eq!(limited.retry_after_s(), 1, "never announces 0 seconds");
        assert_eq!(nothing.per_minute(), 60_000_000_000);

        let instant_refill = Allowance {
            burst: 1,
            refill_every: Duration::ZERO,
        };
        let mut bucket = Bucket::full(&instant_refill, t0);
        for _ in 0..10 {
            bucket.try_take(&instant_refill, t0).unwrap();
        }

        let huge = Allowance {
            burst: u32::MAX,
            refill_every: Duration::MAX,
        };
        let mut bucket = Bucket::full(&huge, t0 + Duration::from_secs(10));
        // A `now` before the bucket was made (requests racing) counts as no time.
        bucket.try_take(&huge, t0).unwrap();
        bucket.give_back(&huge, t0 + Duration::from_secs(3600));
        assert!(bucket.is_full(&huge, t0));
        assert_eq!(
            Limited {
                retry_after: Duration::MAX
            }
            .retry_after_s(),
            u64::MAX
        );
    }
}
