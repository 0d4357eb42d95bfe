//! Is the server still there? A network path can die without closing the socket (a
//! laptop lid, a lost Wi-Fi, a mobile network switching): the browser then reports
//! "open" for a minute or more while nothing arrives. So the page counts silence: it
//! sends a `Ping` when it has heard nothing for [`PING_AFTER_MS`] (the server answers
//! with a `Pong`, and any frame counts as a sign of life), and after [`DEAD_AFTER_MS`]
//! of silence it gives the socket up and reconnects.
//!
//! Pure bookkeeping, so the timing is tested on the host; the connection feeds it the
//! time of each frame and asks it once a [`CHECK_EVERY_MS`].

/// How often the connection asks whether to ping or give up.
pub const CHECK_EVERY_MS: i32 = 1_000;
/// Silence after which the page asks the server for a sign of life. A busy room sends
/// frames anyway; a quiet one hears a pong.
pub const PING_AFTER_MS: f64 = 5_000.0;
/// Silence after which the socket counts as dead: two pings went unanswered.
pub const DEAD_AFTER_MS: f64 = 11_000.0;

/// What the connection should do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Something arrived recently, or a ping is on its way.
    Fine,
    /// Ask the server for a sign of life.
    Ping,
    /// Nothing for too long: close the socket and reconnect.
    Dead,
}

/// The silence on one socket, from the moment it was welcomed.
#[derive(Debug, Clone, Copy)]
pub struct Liveness {
    last_heard_ms: f64,
    last_ping_ms: f64,
}

impl Liveness {
    pub fn new(now_ms: f64) -> Self {
        Self {
            last_heard_ms: now_ms,
            last_ping_ms: f64::NEG_INFINITY,
        }
    }

    /// A frame arrived.
    pub fn heard(&mut self, now_ms: f64) {
        self.last_heard_ms = now_ms;
    }

    /// What to do at `now_ms`; a [`Verdict::Ping`] is remembered, so the next one
    /// comes only after another [`PING_AFTER_MS`].
    pub fn check(&mut self, now_ms: f64) -> Verdict {
        let silent = now_ms - self.last_heard_ms;
        if silent >= DEAD_AFTER_MS {
            Verdict::Dead
        } else if silent >= PING_AFTER_MS && now_ms - self.last_ping_ms >= PING_AFTER_MS {
            self.last_ping_ms = now_ms;
            Verdict::Ping
        } else {
            Verdict::Fine
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_socket_is_pinged_every_five_seconds_and_dead_after_eleven() {
        let mut l = Liveness::new(0.0);
        let verdicts: Vec<(u32, Verdict)> = (1..=12)
            .map(|s| (s, l.check(f64::from(s) * 1_000.0)))
            .filter(|(_, v)| *v != Verdict::Fine)
            .collect();
        assert_eq!(
            verdicts,
            [
                (5, Verdict::Ping),
                (10, Verdict::Ping),
                (11, Verdict::Dead),
                (12, Verdict::Dead)
            ]
        );
    }

    #[test]
    fn any_frame_resets_the_silence() {
        let mut l = Liveness::new(0.0);
        assert_eq!(l.check(5_000.0), Verdict::Ping);
        l.heard(5_050.0);
        for s in 6..=9 {
            assert_eq!(l.check(f64::from(s) * 1_000.0), Verdict::Fine);
        }
        assert_eq!(l.check(10_050.0), Verdict::Ping);
        assert_eq!(l.check(15_000.0), Verdict::Fine);
        assert_eq!(l.check(16_050.0), Verdict::Dead);
    }

    #[test]
    fn a_busy_socket_is_never_pinged() {
        let mut l = Liveness::new(0.0);
        for s in 1..100 {
            let now = f64::from(s) * 1_000.0;
            l.heard(now - 500.0);
            assert_eq!(l.check(now), Verdict::Fine);
        }
    }
}
