//! When to try reconnecting: exponential backoff with jitter, so a server restart is not
//! met by every browser at the same instant, and a long outage costs little.

/// First retry delay.
pub const BASE_MS: f64 = 500.0;
/// The delay stops doubling here: a person waiting should not wait longer than this.
pub const MAX_MS: f64 = 10_000.0;

/// Counts failed attempts since the last successful handshake.
#[derive(Debug, Default, Clone)]
pub struct Backoff {
    attempt: u32,
}

impl Backoff {
    /// Retries since the last success (1 for the first retry), shown to the person.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Records a failure and returns how long to wait before the next try. `random` is
    /// in `[0, 1)`; the delay lies between half and all of the doubled base
    /// ("equal jitter"), so it never collapses to zero.
    pub fn next_delay_ms(&mut self, random: f64) -> f64 {
        let exp = self.attempt.min(16);
        self.attempt = self.attempt.saturating_add(1);
        let ceiling = (BASE_MS * f64::from(1u32 << exp)).min(MAX_MS);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        ceiling / 2.0 + ceiling / 2.0 * random
    }

    /// A handshake succeeded: the next failure starts from the base delay again.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_maximum_with_jitter() {
        let mut b = Backoff::default();
        assert_eq!(b.next_delay_ms(1.0), 500.0);
        assert_eq!(b.next_delay_ms(1.0), 1000.0);
        assert_eq!(b.next_delay_ms(0.0), 1000.0, "half of 2000 with no jitter");
        assert_eq!(b.attempt(), 3);
        // 4000, 8000, then capped at 10 s for good, whatever the attempt count.
        assert_eq!(b.next_delay_ms(1.0), 4000.0);
        assert_eq!(b.next_delay_ms(1.0), 8000.0);
        for _ in 0..40 {
            let d = b.next_delay_ms(0.99);
            assert!((MAX_MS / 2.0..=MAX_MS).contains(&d));
        }
        b.reset();
        assert_eq!(b.attempt(), 0);
        assert_eq!(b.next_delay_ms(f64::NAN), 375.0);
    }
}
