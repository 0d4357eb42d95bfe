//! The server's clock, as seen from this browser, and what the phase timer shows.
//!
//! The timer in the control document is on the server's clock (`running:<ends_at_ms>`),
//! so every screen counts down to the same moment even when the screens' own clocks
//! disagree by minutes. Each `Welcome` carries the server's time; the moment it arrives
//! gives an estimate of the offset between the two clocks (off by at most the one-way
//! network delay, a few milliseconds on a LAN). Every reconnect refines it.

use ovaal_shared::board::facilitation::Timer;

/// The difference between the server's clock and ours.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServerClock {
    /// `server − local`, in milliseconds.
    offset_ms: f64,
}

impl ServerClock {
    pub fn with_offset(offset_ms: f64) -> Self {
        Self { offset_ms }
    }

    /// Learns the offset from a welcome: the server said `server_ms` and we received it
    /// at `local_ms`. The newest estimate wins: after a reconnect the old one may
    /// describe a clock that has since been corrected (NTP, a laptop waking up).
    pub fn observe(&mut self, server_ms: u64, local_ms: f64) {
        self.offset_ms = server_ms as f64 - local_ms;
    }

    pub fn offset_ms(self) -> f64 {
        self.offset_ms
    }

    /// The server's time now, from our clock.
    pub fn server_now(self, local_ms: f64) -> i64 {
        // Milliseconds since 1970: far inside i64 (and saturating beyond).
        ovaal_shared::float::to_i64((local_ms + self.offset_ms).round())
    }
}

/// What the timer shows at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Not started in this phase.
    Idle,
    Running {
        remaining_ms: i64,
    },
    Paused {
        remaining_ms: i64,
    },
    /// Ran out. The phase does not change by itself: the facilitator moves on.
    Done,
}

impl TimerState {
    pub fn of(timer: Timer, server_now_ms: i64) -> Self {
        match timer {
            Timer::Idle => TimerState::Idle,
            Timer::Running { ends_at_ms } if ends_at_ms <= server_now_ms => TimerState::Done,
            Timer::Running { ends_at_ms } => TimerState::Running {
                remaining_ms: ends_at_ms - server_now_ms,
            },
            Timer::Paused { remaining_ms } => TimerState::Paused {
                remaining_ms: remaining_ms.max(0),
            },
        }
    }

    /// `<… data-state>` of `#phase-timer`.
    pub fn attr(self) -> &'static str {
        match self {
            TimerState::Idle => "idle",
            TimerState::Running { .. } => "running",
            TimerState::Paused { .. } => "paused",
            TimerState::Done => "done",
        }
    }

    /// Milliseconds left (0 once run out), `None` when idle.
    pub fn remaining_ms(self) -> Option<i64> {
        match self {
            TimerState::Idle => None,
            TimerState::Running { remaining_ms } | TimerState::Paused { remaining_ms } => {
                Some(remaining_ms)
            }
            TimerState::Done => Some(0),
        }
    }

    /// The text of the display: `mm:ss`, rounded up so that "00:00" appears exactly
    /// when the time is up, never a second early.
    pub fn display(self) -> Option<String> {
        self.remaining_ms().map(mm_ss)
    }
}

/// `mm:ss` for a duration, counting whole seconds up (`59_001` ms → `01:00`).
pub fn mm_ss(ms: i64) -> String {
    let seconds = (ms.max(0) + 999) / 1000;
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The minutes a fresh timer starts with: the phase's default, or ten minutes when the
/// phase has none (the free board), so "start" always does something.
pub fn start_minutes(phase_minutes: Option<u32>) -> u32 {
    match phase_minutes {
        Some(m) if m > 0 => m,
        _ => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_comes_from_the_welcome() {
        let mut clock = ServerClock::default();
        // Our clock is 90 s behind the server's.
        clock.observe(1_000_090_000, 1_000_000_000.0);
        assert_eq!(clock.offset_ms(), 90_000.0);
        assert_eq!(clock.server_now(1_000_000_500.0), 1_000_090_500);
        // A reconnect after our clock was corrected.
        clock.observe(2_000_000_000, 2_000_000_000.0);
        assert_eq!(clock.server_now(5.0), 5);
    }

    #[test]
    fn two_skewed_screens_show_the_same_time() {
        let timer = Timer::start(10, 1_000_000);
        let server_now = 1_000_000 + 61_500;
        let mut fast = ServerClock::default();
        fast.observe(1_000_000, 1_000_000.0 + 300_000.0);
        let mut slow = ServerClock::default();
        slow.observe(1_000_000, 1_000_000.0 - 45_000.0);
        let fast_local = server_now as f64 + 300_000.0;
        let slow_local = server_now as f64 - 45_000.0;
        let a = TimerState::of(timer, fast.server_now(fast_local));
        let b = TimerState::of(timer, slow.server_now(slow_local));
        assert_eq!(a, b);
        assert_eq!(a.display().as_deref(), Some("08:59"));
    }

    #[test]
    fn states_and_display() {
        assert_eq!(TimerState::of(Timer::Idle, 0).display(), None);
        let running = Timer::Running { ends_at_ms: 60_000 };
        assert_eq!(
            TimerState::of(running, 1).display().as_deref(),
            Some("01:00")
        );
        assert_eq!(
            TimerState::of(running, 59_001).display().as_deref(),
            Some("00:01")
        );
        assert_eq!(TimerState::of(running, 60_000), TimerState::Done);
        assert_eq!(TimerState::Done.display().as_deref(), Some("00:00"));
        let paused = TimerState::of(
            Timer::Paused {
                remaining_ms: 125_000,
            },
            9,
        );
        assert_eq!(paused.attr(), "paused");
        assert_eq!(paused.display().as_deref(), Some("02:05"));
        assert_eq!(mm_ss(3_600_000), "60:00");
    }

    #[test]
    fn a_phase_without_minutes_still_starts() {
        assert_eq!(start_minutes(Some(15)), 15);
        assert_eq!(start_minutes(Some(0)), 10);
        assert_eq!(start_minutes(None), 10);
    }
}
