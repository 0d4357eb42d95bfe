//! How fast join codes may be guessed. A join code is only 40 bits, so `GET
//! /api/join/{code}` must not answer guesses as fast as they come. Wrong codes are
//! counted per client address and for everyone together (`client_limit.rs`): a lookup
//! takes its tokens before the store is asked, and gives them back when the code was
//! right, so people who type the right code never use up anyone's allowance. While a
//! bucket is empty every lookup is refused, the right code too, so that a guesser
//! learns nothing until it has refilled.

use std::time::Duration;

pub use super::client_limit::ClientLimits as JoinCodeLimits;
use super::client_limit::{ClientLimiter, ClientLimits};
pub use super::token_bucket::{Allowance, Limited};

/// What the log calls what is counted.
pub const WHAT: &str = "wrong join codes";

impl ClientLimits {
    /// How many wrong join codes are answered.
    pub fn join_codes() -> Self {
        Self {
            // Per client: 20 wrong codes at once, then one every 6 s (10 a minute). A
            // class of 30 behind one school NAT typing the code within a minute or two,
            // most of them mistyping once, stays inside the burst, and the refill
            // absorbs the stragglers. One address gets at most ~14,400 guesses a day:
            // against 2^40 codes with 1,000 sessions' codes alive that is a hit about
            // once in 200 years.
            per_client: Allowance {
                burst: 20,
                refill_every: Duration::from_secs(6),
            },
            // Everyone together: 120 wrong codes at once, then two a second (120 a
            // minute), so a guess spread over any number of addresses gets at most
            // ~172,800 guesses a day: with 1,000 codes alive, a hit about once in 17
            // years. Ten classes starting in the same minute, a dozen typos each, stay
            // under it. When it is reached, joining by the QR code or the participant
            // link still works: they do not go through this lookup.
            everyone: Allowance {
                burst: 120,
                refill_every: Duration::from_millis(500),
            },
            // Only addresses with a recent wrong code are remembered, and the ceiling
            // above allows at most ~500 of those in the time a bucket takes to refill:
            // this cap (well under a megabyte) is a backstop, not the working bound.
            max_tracked_clients: 10_000,
        }
    }
}

pub fn limiter(limits: JoinCodeLimits, now: std::time::Instant) -> ClientLimiter {
    ClientLimiter::new(WHAT, limits, now)
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;
    use std::time::Instant;

    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));

    #[test]
    fn by_default_a_class_behind_one_nat_is_never_refused() {
        let t0 = Instant::now();
        let limiter = limiter(JoinCodeLimits::join_codes(), t0);
        // 30 people type the code within a minute; two in three mistype it once, all
        // within the first 20 seconds, and then type it right.
        for person in 0..30u64 {
            let now = t0 + Duration::from_secs(person * 2 / 3);
            if person % 3 != 0 {
                assert!(limiter.try_begin(A, now).is_ok(), "typo of {person}");
            }
            let right = limiter.try_begin(A, now);
            right.expect("the right code is answered").succeeded(now);
        }
    }

    #[test]
    fn by_default_one_address_gets_about_ten_guesses_a_minute() {
        let t0 = Instant::now();
        let limiter = limiter(JoinCodeLimits::join_codes(), t0);
        // One guess every 100 ms for an hour.
        let answered = (0..=36_000u64)
            .filter(|tenth| {
                let now = t0 + Duration::from_millis(tenth * 100);
                limiter.try_begin(A, now).is_ok()
            })
            .count();
        assert_eq!(answered, 20 + 600, "the burst, then one every 6 s");
    }
}
