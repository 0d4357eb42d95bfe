//! How fast sessions may be made. `POST /api/sessions`, `POST /api/sessions/import`
//! and `POST /api/sessions/{id}/next` each store a new session; without a limit one
//! client could fill the disk. Every such request is counted (`client_limit.rs`), per
//! client address and for everyone together, and none gives its tokens back.

use std::time::{Duration, Instant};

use super::client_limit::{ClientLimiter, ClientLimits};
use super::token_bucket::Allowance;

/// What the log calls what is counted.
pub const WHAT: &str = "new sessions";

impl ClientLimits {
    /// How many new sessions are made.
    pub fn session_creation() -> Self {
        Self {
            // Per client: 30 at once, then one every 10 s (6 a minute, 360 an hour). A
            // school behind one NAT where 30 teachers start their sessions in the same
            // five minutes stays inside the burst; a facilitator preparing a whole
            // Mastercircle arc makes five.
            per_client: Allowance {
                burst: 30,
                refill_every: Duration::from_secs(10),
            },
            // Everyone together: 600 at once, then five a second. Many schools starting
            // at nine o'clock stay under it; a flood from many addresses makes at most
            // ~18,000 sessions an hour (a few kB each), which a disk survives until
            // someone looks.
            everyone: Allowance {
                burst: 600,
                refill_every: Duration::from_millis(200),
            },
            // As for join codes: a backstop, not the working bound.
            max_tracked_clients: 10_000,
        }
    }
}

pub fn limiter(limits: ClientLimits, now: Instant) -> ClientLimiter {
    ClientLimiter::new(WHAT, limits, now)
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use super::*;

    const SCHOOL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));

    #[test]
    fn by_default_thirty_teachers_behind_one_nat_then_six_a_minute() {
        let t0 = Instant::now();
        let limiter = limiter(ClientLimits::session_creation(), t0);
        for teacher in 0..30 {
            // Dropped: a made session keeps its tokens spent.
            let _made = limiter
                .try_begin(SCHOOL, t0)
                .unwrap_or_else(|_| panic!("teacher {teacher} was refused"));
        }
        let refused = limiter.try_begin(SCHOOL, t0).err().expect("the 31st");
        assert_eq!(refused.retry_after_s(), 10);
        // A minute later: six more.
        let later = t0 + Duration::from_secs(60);
        for _ in 0..6 {
            let _made = limiter.try_begin(SCHOOL, later).expect("refilled");
        }
        assert!(limiter.try_begin(SCHOOL, later).is_err());
    }

    #[test]
    fn by_default_everyone_together_gets_600_then_five_a_second() {
        let t0 = Instant::now();
        let limiter = limiter(ClientLimits::session_creation(), t0);
        let made = (0..2_000u32)
            .filter(|n| {
                let client = IpAddr::from(n.to_be_bytes());
                limiter.try_begin(client, t0).is_ok()
            })
            .count();
        assert_eq!(made, 600);
        let second = t0 + Duration::from_secs(1);
        let made = (0..20u32)
            .filter(|n| {
                let client = IpAddr::from((n + 10_000).to_be_bytes());
                limiter.try_begin(client, second).is_ok()
            })
            .count();
        assert_eq!(made, 5);
    }
}
