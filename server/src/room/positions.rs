//! Which stored updates of the session a room has, by position, when several nodes
//! serve it (`crate::cluster`).
//!
//! Every stored update has a position (1, 2, 3, … without gaps, in commit order). The
//! room knows it has everything up to `through`: what it loaded, then each position
//! as it arrives — its own commits (already applied here), and other nodes' updates
//! from the fan-out. An update that arrives ahead of a missing one waits here until
//! the gap closes, either by the missing one arriving (the fan-out does not keep order
//! between this node's own commits and other nodes') or by reading what is missing
//! from the database. Pure logic: the room does the applying and the reading.

use std::collections::BTreeMap;

/// Updates waiting for a gap to close, at most: past this the room stops keeping them
/// and reads everything from the database instead.
const MAX_WAITING: usize = 4096;

/// Positions known to the room; `T` is what an update carries until it is applied.
#[derive(Debug)]
pub struct Positions<T> {
    /// Every position up to here is applied.
    through: u64,
    /// Positions after a gap: `Some` to apply, `None` already applied (own).
    waiting: BTreeMap<u64, Option<T>>,
    /// The highest position any node said it stored.
    latest: u64,
}

impl<T> Positions<T> {
    /// A room loaded with every update up to `through`.
    pub fn new(through: u64) -> Self {
        Self {
            through,
            waiting: BTreeMap::new(),
            latest: through,
        }
    }

    pub fn through(&self) -> u64 {
        self.through
    }

    /// Whether a position is known to be missing (time to read it, soon).
    pub fn has_gap(&self) -> bool {
        self.latest > self.through
    }

    /// An update stored at `position`: returns what may be applied now, in order.
    /// `None` for an update the room already has (its own). A position it already
    /// has is ignored: the fan-out delivers at least once.
    pub fn arrive(&mut self, position: u64, update: Option<T>) -> Vec<T> {
        self.latest = self.latest.max(position);
        if position <= self.through {
            return Vec::new();
        }
        if position == self.through + 1 {
            self.through = position;
            let mut ready: Vec<T> = update.into_iter().collect();
            ready.extend(self.drain_contiguous());
            return ready;
        }
        if self.waiting.len() < MAX_WAITING {
            self.waiting.insert(position, update);
        } else {
            // Too far behind to keep waiting: the read brings everything anyway.
            self.waiting.clear();
        }
        Vec::new()
    }

    /// Some node stored up to `position` (without saying what).
    pub fn seen(&mut self, position: u64) {
        self.latest = self.latest.max(position);
    }

    /// The database was read up to `through` (and its updates applied): returns the
    /// waiting updates after it that may now be applied, in order.
    pub fn read_through(&mut self, through: u64) -> Vec<T> {
        if through > self.through {
            self.through = through;
            self.latest = self.latest.max(through);
            self.waiting = self.waiting.split_off(&(through + 1));
        }
        self.drain_contiguous()
    }

    fn drain_contiguous(&mut self) -> Vec<T> {
        let mut ready = Vec::new();
        while let Some(entry) = self.waiting.first_entry() {
            if *entry.key() != self.through + 1 {
                break;
            }
            self.through += 1;
            ready.extend(entry.remove());
        }
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_in_order_apply_at_once_and_repeats_are_ignored() {
        let mut p = Positions::new(3);
        assert_eq!(p.arrive(4, Some("d")), vec!["d"]);
        assert_eq!(p.arrive(4, Some("d")), Vec::<&str>::new());
        assert_eq!(p.arrive(2, Some("b")), Vec::<&str>::new());
        assert!(!p.has_gap());
        assert_eq!(p.through(), 4);
    }

    #[test]
    fn an_update_after_a_gap_waits_for_the_missing_one() {
        let mut p = Positions::new(0);
        assert_eq!(p.arrive(2, Some("b")), Vec::<&str>::new());
        assert_eq!(p.arrive(4, Some("d")), Vec::<&str>::new());
        assert!(p.has_gap());
        // Our own commit fills position 1: nothing to apply for it.
        assert_eq!(p.arrive(1, None), vec!["b"]);
        assert!(p.has_gap());
        assert_eq!(p.arrive(3, Some("c")), vec!["c", "d"]);
        assert!(!p.has_gap());
    }

    #[test]
    fn a_read_closes_the_gap_and_releases_what_waited_beyond_it() {
        let mut p = Positions::new(5);
        p.arrive(7, Some("g"));
        p.arrive(9, Some("i"));
        // The read covered up to 7 (7 came with it): 8 is still missing.
        assert_eq!(p.read_through(7), Vec::<&str>::new());
        assert!(p.has_gap());
        assert_eq!(p.read_through(8), vec!["i"]);
        assert!(!p.has_gap());
    }

    #[test]
    fn a_marker_alone_opens_a_gap() {
        let mut p: Positions<()> = Positions::new(5);
        p.seen(5);
        assert!(!p.has_gap());
        p.seen(8);
        assert!(p.has_gap());
        assert!(p.read_through(8).is_empty());
        assert!(!p.has_gap());
    }

    #[test]
    fn waiting_is_bounded() {
        let mut p = Positions::new(0);
        for position in 2..(MAX_WAITING as u64 + 10) {
            p.arrive(position, Some(position));
        }
        assert!(p.waiting.len() <= MAX_WAITING);
        assert!(p.has_gap());
    }
}
