//! How fast something may be asked, per client address and for everyone together:
//! two token buckets, one per client address and one shared, so that asking from many
//! addresses is slow too. Wrong join codes (`join_limit.rs`) and new sessions
//! (`create_limit.rs`) are counted this way.
//!
//! A request takes a token from both buckets *before* it is answered, so concurrent
//! requests cannot slip past the count; [`Attempt::succeeded`] gives them back for
//! what should not count (a right join code). While a bucket is empty every request
//! is refused.
//!
//! Time is passed in (`now`), so the tests below need no clock. The bucket
//! arithmetic is in `token_bucket.rs`.

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use dashmap::DashMap;

use super::token_bucket::Bucket;
pub use super::token_bucket::{Allowance, Limited};

/// How many requests of one kind are answered, per client address and for everyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientLimits {
    pub per_client: Allowance,
    pub everyone: Allowance,
    /// Most client addresses remembered at once; beyond it new addresses are refused
    /// until old entries have refilled and are forgotten.
    pub max_tracked_clients: usize,
}

/// How often buckets that have refilled are forgotten.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

pub struct ClientLimiter {
    /// What is counted, for the log (`"wrong join codes"`).
    what: &'static str,
    limits: ClientLimits,
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

/// A request that has been counted; [`Attempt::succeeded`] gives the tokens back.
/// Dropped without it (a wrong code, a new session), the tokens stay spent.
pub struct Attempt<'a> {
    limiter: &'a ClientLimiter,
    client: IpAddr,
}

impl Attempt<'_> {
    pub fn succeeded(self, now: Instant) {
        self.limiter.give_back(self.client, now);
    }
}

impl ClientLimiter {
    pub fn new(what: &'static str, limits: ClientLimits, now: Instant) -> Self {
        let everyone = Everyone {
            bucket: Bucket::full(&limits.everyone, now),
            warned_at: None,
        };
        Self {
            what,
            limits,
            clients: DashMap::new(),
            everyone: Mutex::new(everyone),
            next_sweep: Mutex::new(now.checked_add(SWEEP_EVERY).unwrap_or(now)),
        }
    }

    /// Counts a request from `client`, unless it [`succeeded`] in a way that does not
    /// count.
    ///
    /// [`succeeded`]: Attempt::succeeded
    pub fn try_begin(&self, client: IpAddr, now: Instant) -> Result<Attempt<'_>, Limited> {
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
        Ok(Attempt {
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
                what = self.what,
                per_minute = self.limits.everyone.per_minute(),
                "requests arrive faster than the ceiling for everyone: they are refused \
                 for now"
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

    fn limits(per_client: u32, everyone: u32) -> ClientLimits {
        ClientLimits {
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
    fn fail(limiter: &ClientLimiter, client: IpAddr, n: u32, now: Instant) {
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
        let limiter = ClientLimiter::new("tests", limits(3, 100), t0);
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
    fn right_codes_give_their_tokens_back() {
        let t0 = Instant::now();
        let limiter = ClientLimiter::new("tests", limits(3, 5), t0);
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
        let limiter = ClientLimiter::new("tests", limits(2, 100), t0);
        fail(&limiter, A, 2, t0);
        assert!(limiter.try_begin(A, t0).is_err());
        fail(&limiter, B, 2, t0);
    }

    #[test]
    fn the_ceiling_for_everyone_stops_a_guess_spread_over_addresses() {
        let t0 = Instant::now();
        let limiter = ClientLimiter::new("tests", limits(2, 4), t0);
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
        let limiter = ClientLimiter::new("tests", small, t0);
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
        let limiter = ClientLimiter::new(
            "tests",
            ClientLimits {
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
