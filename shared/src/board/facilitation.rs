//! The facilitator's state of the session, kept in the `control` document next to the
//! settings: the plan (phases), the current phase, the timer, the hot seat, locks and
//! revealed private rounds. Only the facilitator writes it; the server reads it to
//! decide what each person may write and read right now.

use yrs::{Any, Doc, Map, Transact};

use super::phase::Phase;
use super::{Method, templates, value};

/// Root map of the control document (shared with the settings).
const SESSION: &str = "session";

/// The phase timer. Times are on the server's clock (ms since the Unix epoch), so every
/// screen shows the same remaining time whatever its own clock says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Timer {
    #[default]
    Idle,
    Running {
        ends_at_ms: i64,
    },
    Paused {
        remaining_ms: i64,
    },
}

impl Timer {
    /// Milliseconds left at server time `now_ms` (negative once it has run out; the
    /// phase does not change by itself).
    pub fn remaining_ms(self, now_ms: i64) -> Option<i64> {
        match self {
            Timer::Idle => None,
            Timer::Running { ends_at_ms } => Some(ends_at_ms - now_ms),
            Timer::Paused { remaining_ms } => Some(remaining_ms),
        }
    }

    pub fn start(minutes: u32, now_ms: i64) -> Self {
        Timer::Running {
            ends_at_ms: now_ms + i64::from(minutes) * 60_000,
        }
    }

    pub fn pause(self, now_ms: i64) -> Self {
        match self {
            Timer::Running { ends_at_ms } => Timer::Paused {
                remaining_ms: (ends_at_ms - now_ms).max(0),
            },
            other => other,
        }
    }

    pub fn resume(self, now_ms: i64) -> Self {
        match self {
            Timer::Paused { remaining_ms } => Timer::Running {
                ends_at_ms: now_ms + remaining_ms,
            },
            other => other,
        }
    }

    pub fn add_minutes(self, minutes: i64, now_ms: i64) -> Self {
        let extra = minutes * 60_000;
        match self {
            Timer::Idle => Timer::Paused {
                remaining_ms: extra.max(0),
            },
            Timer::Running { ends_at_ms } => Timer::Running {
                ends_at_ms: ends_at_ms.max(now_ms) + extra,
            },
            Timer::Paused { remaining_ms } => Timer::Paused {
                remaining_ms: (remaining_ms + extra).max(0),
            },
        }
    }

    fn to_any(self) -> Any {
        let (state, ms) = match self {
            Timer::Idle => ("idle", 0),
            Timer::Running { ends_at_ms } => ("running", ends_at_ms),
            Timer::Paused { remaining_ms } => ("paused", remaining_ms),
        };
        Any::from(format!("{state}:{ms}"))
    }

    fn parse(s: &str) -> Timer {
        let Some((state, ms)) = s.split_once(':') else {
            return Timer::Idle;
        };
        match (state, ms.parse::<i64>()) {
            ("running", Ok(ends_at_ms)) => Timer::Running { ends_at_ms },
            ("paused", Ok(remaining_ms)) => Timer::Paused { remaining_ms },
            _ => Timer::Idle,
        }
    }
}

/// Everything the facilitator runs, as read from the control document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facilitation {
    pub plan: Vec<Phase>,
    /// The current phase's id (`None` before the session starts).
    pub phase: Option<String>,
    pub timer: Timer,
    /// Everyone but the facilitator reads only.
    pub locked: bool,
    /// Author names are not shown on cards.
    pub hide_names: bool,
    /// Private rounds (phase ids) whose cards everyone may now read.
    pub revealed: Vec<String>,
    /// Phases in which sponsors may write; `None`: all phases.
    pub sponsor_phases: Option<Vec<String>>,
    /// Whether participants may download the harvest (facilitators always may).
    pub participants_export: bool,
    /// The session has ended (written by the server): the board is read-only.
    pub ended: bool,
    /// A short tone when the timer runs out, on the facilitator's page and the room
    /// screen (off unless the facilitator turns it on).
    pub timer_sound: bool,
}

impl Facilitation {
    pub fn current(&self) -> Option<&Phase> {
        let id = self.phase.as_deref()?;
        self.plan.iter().find(|p| p.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.plan.iter().position(|p| p.id == id)
    }

    pub fn is_revealed(&self, phase: &str) -> bool {
        self.revealed.iter().any(|r| r == phase)
    }
}

fn string_list(s: Option<String>) -> Vec<String> {
    s.map(|s| {
        s.split(',')
            .filter(|p| Phase::valid_id(p))
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// Reads the facilitation state; absent fields read as "not started".
pub fn read_facilitation(doc: &Doc) -> Facilitation {
    let map = doc.get_or_insert_map(SESSION);
    let txn = doc.transact();
    let plan = value::string(&map, &txn, "plan")
        .and_then(|json| serde_json::from_str::<Vec<Phase>>(&json).ok())
        .map(|plan| {
            plan.into_iter()
                .filter(|p| Phase::valid_id(&p.id))
                .collect()
        })
        .unwrap_or_default();
    let flag = |key| matches!(map.get(&txn, key), Some(yrs::Out::Any(Any::Bool(true))));
    Facilitation {
        plan,
        phase: value::string(&map, &txn, "phase").filter(|p| Phase::valid_id(p)),
        timer: value::string(&map, &txn, "timer")
            .map(|t| Timer::parse(&t))
            .unwrap_or_default(),
        locked: flag("locked"),
        hide_names: flag("hide_names"),
        revealed: string_list(value::string(&map, &txn, "revealed")),
        sponsor_phases: value::string(&map, &txn, "sponsor_phases").map(|s| string_list(Some(s))),
        participants_export: flag("participants_export"),
        ended: flag("ended"),
        timer_sound: flag("timer_sound"),
    }
}

fn put(doc: &Doc, key: &str, value: Any) {
    let map = doc.get_or_insert_map(SESSION);
    let mut txn = doc.transact_mut();
    map.insert(&mut txn, key, value);
}

/// Replaces the plan (the facilitator edits phases rarely, so a whole-plan write is
/// cheaper to reason about than a CRDT list of phases).
pub fn write_plan(doc: &Doc, plan: &[Phase]) {
    let json = serde_json::to_string(plan).unwrap_or_else(|_| "[]".to_owned());
    put(doc, "plan", Any::from(json));
}

/// Starts a session on a method's template, at its first phase.
pub fn start_plan(doc: &Doc, method: Method) {
    let plan = templates::phases(method);
    write_plan(doc, &plan);
    if let Some(first) = plan.first() {
        write_phase(doc, &first.id);
    }
}

pub fn write_phase(doc: &Doc, phase_id: &str) {
    put(doc, "phase", Any::from(phase_id));
}

pub fn write_timer(doc: &Doc, timer: Timer) {
    put(doc, "timer", timer.to_any());
}

pub fn write_locked(doc: &Doc, locked: bool) {
    put(doc, "locked", Any::Bool(locked));
}

pub fn write_hide_names(doc: &Doc, hide: bool) {
    put(doc, "hide_names", Any::Bool(hide));
}

pub fn write_participants_export(doc: &Doc, allowed: bool) {
    put(doc, "participants_export", Any::Bool(allowed));
}

pub fn write_timer_sound(doc: &Doc, on: bool) {
    put(doc, "timer_sound", Any::Bool(on));
}

/// Marks the session ended (the server's write when the facilitator ends it).
pub fn write_ended(doc: &Doc) {
    put(doc, "ended", Any::Bool(true));
}

/// Reveals a private round: its cards become readable by everyone.
pub fn reveal(doc: &Doc, phase_id: &str) {
    let mut revealed = read_facilitation(doc).revealed;
    if !revealed.iter().any(|r| r == phase_id) {
        revealed.push(phase_id.to_owned());
    }
    put(doc, "revealed", Any::from(revealed.join(",")));
}

/// Limits sponsors to these phases (`None`: sponsors may write in every phase).
pub fn write_sponsor_phases(doc: &Doc, phases: Option<&[String]>) {
    match phases {
        Some(list) => put(doc, "sponsor_phases", Any::from(list.join(","))),
        None => {
            let map = doc.get_or_insert_map(SESSION);
            map.remove(&mut doc.transact_mut(), "sponsor_phases");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_phase_and_flags_round_trip() {
        let doc = Doc::new();
        let empty = read_facilitation(&doc);
        assert!(empty.plan.is_empty() && empty.current().is_none() && !empty.locked);
        start_plan(&doc, Method::Incident);
        let f = read_facilitation(&doc);
        assert_eq!(f.plan.len(), 7);
        assert_eq!(f.current().map(|p| p.id.as_str()), Some("review"));
        write_phase(&doc, "advice");
        write_locked(&doc, true);
        write_hide_names(&doc, true);
        reveal(&doc, "questions");
        reveal(&doc, "questions");
        write_sponsor_phases(&doc, Some(&["review".to_owned()]));
        let f = read_facilitation(&doc);
        assert_eq!(f.current().map(|p| p.id.as_str()), Some("advice"));
        assert!(f.locked && f.hide_names);
        assert_eq!(f.revealed, ["questions"]);
        assert!(f.is_revealed("questions") && !f.is_revealed("advice"));
        assert_eq!(
            f.sponsor_phases.as_deref(),
            Some(&["review".to_owned()][..])
        );
        write_sponsor_phases(&doc, None);
        assert_eq!(read_facilitation(&doc).sponsor_phases, None);
    }

    #[test]
    fn the_timer_counts_on_the_server_clock() {
        let t = Timer::start(10, 1_000);
        assert_eq!(t.remaining_ms(1_000), Some(600_000));
        assert_eq!(t.remaining_ms(61_000), Some(540_000));
        let paused = t.pause(61_000);
        assert_eq!(paused.remaining_ms(999_999), Some(540_000));
        let resumed = paused.resume(100_000);
        assert_eq!(resumed.remaining_ms(100_000), Some(540_000));
        let longer = resumed.add_minutes(2, 100_000);
        assert_eq!(longer.remaining_ms(100_000), Some(660_000));
        // Run out: negative, and the phase does not change by itself.
        assert!(Timer::start(1, 0).remaining_ms(120_000).unwrap() < 0);
        let doc = Doc::new();
        write_timer(&doc, longer);
        assert_eq!(read_facilitation(&doc).timer, longer);
        assert_eq!(Timer::parse("garbage"), Timer::Idle);
    }
}
