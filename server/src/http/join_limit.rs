//! How fast join codes may be guessed. A join code is only 40 bits, so `GET
//! /api/join/{code}` must not answer guesses as fast as they come. Wrong codes are
//! counted in two token buckets: one per client address and one for everyone
//! together, so a guess spread over many addresses is slow too.
//!
//! A lookup takes a token from both buckets *before* the store is asked, and gives
//! them back when the code was right: concurrent guesses cannot slip past the
//! count, and people who type the right code never use up anyone's allowance. While
//! a bucket is empty every lookup is refused, the right code too, so that a guesser
//! learns nothing until it has refilled.
//!
//! Time is passed in (`now`), so the tests below need no clock. The bucket
//! arithmetic is in `token_bucket.rs`.

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use dashmap::DashMap;

use super::token_bucket::Bucket;
pub use super::token_bucket::{Allowance, Limited};

/// How many wrong join codes are answered, per client address and for everyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCodeLimits {
    pub per_client: Allowance,
    pub everyone: Allowance,
    /// Most client addresses remembered at once; beyond it new addresses are refused
    /// until old entries have refilled and are forgotten.
    pub max_tracked_clients: usize,
}

impl Default for JoinCodeLimits {
    fn default() -> Self {
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

/// How often buckets that have refilled are forgotten.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

pub struct JoinLimiter {
    limits: JoinCodeLimits,
    clients: DashMap<IpAddr, Bucket>,
    everyone: Mutex<Everyone>,
    next_sweep: Mutex<Instant>,
}

struct Everyone {
    bucket: Bucket,
    /// The ceiling is worth a warning in the log, but not one per refused request.
    warned_at: Option<Instant>,
}

/// How often the log may say that the ceiling for everyone was reached.
const WARN_EVERY: Duration = Duration::from_secs(60);

/// A lookup that has been counted; [`JoinAttempt::succeeded`] gives the tokens back.
/// Dropped without it (a wrong code, a server fault), the tokens stay spent.
#[must_use = "a right code must give its tokens back with `succeeded`"]
pub struct JoinAttempt<'a> {
    limiter: &'a JoinLimiter,
    client: IpAddr,
}

impl JoinAttempt<'_> {
    pub fn succeeded(self, now: Instant) {
        self.limiter.give_back(self.client, now);
    }
}

impl JoinLimiter {
    pub fn new(limits: JoinCodeLimits, now: Instant) -> Self {
        let everyone = Everyone {
            bucket: Bucket::full(&limits.everyone, now),
            warned_at: None,
        };
        Self {
            limits,
            clients: DashMap::new(),
            everyone: Mutex::new(everyone),
            next_sweep: Mutex::new(now.checked_add(SWEEP_EVERY).unwrap_or(now)),
        }
    }

    /// Counts a lookup from `client` as a wrong code until it [`succeeded`].
    ///
    /// [`succeeded`]: JoinAttempt::succeeded
    pub fn try_begin(&self, client: IpAddr, now: Instant) -> Result<JoinAttempt<'_>, Limited> {
        self.sweep_if_due(now);
        let per_client = &self.limits.per_client;
        if !self.clients.contains_key(&client)
            && self.clients.len() >= self.limits.max_tracked_clients
        {
            return Err(Limited {
                retry_after: per_client.refill_every,
            });
        }
        // The map's entry guard is dropped at the end of this statement: no other
        // map call may run while it is held.
        self.clients
            .entry(client)
            .or_insert_with(|| Bucket::full(per_client, now))
            .try_take(per_client, now)?;
        if let Err(limited) = self.take_from_everyone(now) {
            self.give_back_to_client(client, now);
            return Err(limited);
        }
        Ok(JoinAttempt {
            limiter: self,
            client,
        })
    }

    /// How many client addresses are remembered (for tests and the memory bound).
    pub fn tracked_clients(&self) -> usize {
        self.clients.len()
    }

    fn take_from_everyone(&self, now: Instant) -> Result<(), Limited> {
        let mut everyone = self.everyone.lock().unwrap_or_else(PoisonError::into_inner);
        let result = everyone.bucket.try_take(&self.limits.everyone, now);
        if result.is_err()
            && everyone
                .warned_at
                .is_none_or(|at| now.saturating_duration_since(at) >= WARN_EVERY)
        {
            everyone.warned_at = Some(now);
            tracing::warn!(
                per_minute = self.limits.everyone.per_minute(),
                "wrong join codes arrive faster than the ceiling for everyone: join code \
                 lookups are refused for now (someone may be guessing codes)"
            );
        }
        result
    }

    fn give_back(&self, client: IpAddr, now: Instant) {
        self.give_back_to_client(client, now);
        self.everyone
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .bucket
            .give_back(&self.limits.everyone, now);
    }

    fn give_back_to_client(&self, client: IpAddr, now: Instant) {
        let per_client = &self.limits.per_client;
        if let Some(mut bucket) = self.clients.get_mut(&client) {
            bucket.give_back(per_client, now);
        }
        // A full bucket says nothing a missing entry would not: forget it.
        self.clients
            .remove_if(&client, |_, bucket| bucket.is_full(per_client, now));
    }

    fn sweep_if_due(&self, now: Instant) {
        {
            let mut next = self
                .next_sweep
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if now < *next {
                return;
            }
            *next = now.checked_add(SWEEP_EVERY).unwrap_or(now);
        }
        let per_client = &self.limits.per_client;
        self.clients
            .retain(|_, bucket| !bucket.is_full(per_client, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2));

    fn limits(per_client: u32, everyone: u32) -> JoinCodeLimits {
        JoinCodeLimits {
            per_client: Allowance {
                burst: per_client,
                refill_every: Duration::from_secs(6),
            },
            everyone: Allowance {
                burst: everyone,
                refill_every: Duration::from_secs(1),
            },
            max_tracked_clients: 100,
        }
    }

    /// `n` wrong codes from `client`, each of which must be answered.
    fn fail(limiter: &JoinLimiter, client: IpAddr, n: u32, now: Instant) {
        for i in 0..n {
            assert!(
                limiter.try_begin(client, now).is_ok(),
                "wrong code {i} was refused"
            );
        }
    }

    #[test]
    fn a_client_gets_its_burst_then_one_code_per_refill() {
        let t0 = Instant::now();
        let limiter = JoinLimiter::new(limits(3, 100), t0);
        fail(&limiter, A, 3, t0);
        let limited = limiter
            .try_begin(A, t0)
            .err()
            .expect("the fourth is refused");
        assert_eq!(limited.retry_after, Duration::from_secs(6));
        assert_eq!(limited.retry_after_s(), 6);

        // One refill interval gives exactly one more.
        let refilled = t0 + Duration::from_secs(6);
        fail(&limiter, A, 1, refilled);
        assert!(limiter.try_begin(A, refilled).is_err());
        // Two more intervals, two more.
        let twice = t0 + Duration::from_secs(18);
        fail(&limiter, A, 2, twice);
        assert!(limiter.try_begin(A, twice).is_err());
    }

    #[test]
    fn by_default_a_class_behind_one_nat_is_never_refused() {
        let t0 = Instant::now();
        let limiter = JoinLimiter::new(JoinCodeLimits::default(), t0);
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
        let limiter = JoinLimiter::new(JoinCodeLimits::default(), t0);
        // One guess every 100 ms for an hour.
        let answered = (0..=36_000u64)
            .filter(|tenth| {
                let now = t0 + Duration::from_millis(tenth * 100);
                limiter.try_begin(A, now).is_ok()
            })
            .count();
        assert_eq!(answered, 20 + 600, "the burst, then one every 6 s");
    }

    #[test]
    fn right_codes_give_their_tokens_back() {
        let t0 = Instant::now();
        let limiter = JoinLimiter::new(limits(3, 5), t0);
        for _ in 0..50 {
            limiter.try_begin(A, t0).unwrap().succeeded(t0);
        }
        fail(&limiter, A, 3, t0);
        assert!(limiter.try_begin(A, t0).is_err());
        // A client whose every lookup succeeded leaves nothing behind.
        limiter.try_begin(B, t0).unwrap().succeeded(t0);
        assert_eq!(limiter.tracked_clients(), 1, "only A, who failed, is kept");
    }

    #[test]
    fn clients_are_counted_apart() {
        let t0 = Instant::now();
        let limiter = JoinLimiter::new(limits(2, 100), t0);
        fail(&limiter, A, 2, t0);
        assert!(limiter.try_begin(A, t0).is_err());
        fail(&limiter, B, 2, t0);
    }

    #[test]
    fn the_ceiling_for_everyone_stops_a_guess_spread_over_addresses() {
        let t0 = Instant::now();
        let limiter = JoinLimiter::new(limits(2, 4), t0);
        for last in 1..=4u8 {
            fail(&limiter, IpAddr::from([198, 51, 100, last]), 1, t0);
        }
        let fresh = IpAddr::from([198, 51, 100, 99]);
        for _ in 0..5 {
            let limited = limiter
                .try_begin(fresh, t0)
                .err()
                .expect("over the ceiling");
            assert_eq!(limited.retry_after, Duration::from_secs(1), "the ceiling's");
        }
        // Refused by the ceiling, the client's own two were not spent: once the
        // ceiling has refilled two, the client may use both, and then its own
        // allowance (6 s to the next) is what refuses it.
        let later = t0 + Duration::from_secs(2);
        fail(&limiter, fresh, 2, later);
        let limited = limiter.try_begin(fresh, later).err().expect("its own");
        assert_eq!(limited.retry_after, Duration::from_secs(6));
    }

    #[test]
    fn refilled_clients_are_forgotten_and_the_map_is_capped() {
        let t0 = Instant::now();
        let mut small = limits(2, 1_000);
        small.max_tracked_clients = 3;
        let limiter = JoinLimiter::new(small, t0);
        for last in 1..=3u8 {
            fail(&limiter, IpAddr::from([203, 0, 113, last]), 1, t0);
        }
        assert_eq!(limiter.tracked_clients(), 3);
        // A fourth address is refused while the map is full; known ones still count.
        let fourth = IpAddr::from([203, 0, 113, 4]);
        assert!(limiter.try_begin(fourth, t0).is_err());
        fail(&limiter, IpAddr::from([203, 0, 113, 1]), 1, t0);

        // After the sweep interval every bucket has refilled and is forgotten.
        let later = t0 + SWEEP_EVERY;
        fail(&limiter, fourth, 1, later);
        assert_eq!(limiter.tracked_clients(), 1, "only the fourth remains");
    }

    #[test]
    fn settings_without_any_allowance_refuse_without_panicking() {
        let t0 = Instant::now();
        let nothing = Allowance {
            burst: 0,
            refill_every: Duration::ZERO,
        };
        let limiter = JoinLimiter::new(
            JoinCodeLimits {
                per_client: nothing,
                everyone: nothing,
                max_tracked_clients: 0,
            },
            t0,
        );
        let limited = limiter.try_begin(A, t0).err().expect("no allowance at all");
        assert_eq!(limited.retry_after_s(), 1, "never announces 0 seconds");
        assert_eq!(limiter.tracked_clients(), 0);
    }
}
