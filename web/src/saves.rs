//! "Saved" or "not yet saved": whether every change made in this browser is on the
//! server's disk.
//!
//! The server counts the write frames (Step2 and Update) of each connection and says
//! `Stored(count)` once the first `count` of them are written to disk, refused, or
//! changed nothing (docs/protocol.md §4.7). So the client numbers its write frames
//! per connection and remembers which document each carried. A change is safe when
//! its frame is acknowledged; until then it is pending. Changes made while no
//! connection is up are pending too: no frame carries them yet, the next handshake's
//! Step2 will. When a connection drops, whatever it had not acknowledged goes back to
//! "no frame carries it yet".

use std::collections::{BTreeSet, VecDeque};

use ovaal_shared::DocName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
}

impl SaveState {
    /// `#save-state[data-state]`.
    pub fn attr(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
        }
    }
}

#[derive(Debug, Default)]
pub struct Saves {
    /// Documents with changes that no frame of the current connection carries.
    unsent: BTreeSet<DocName>,
    /// The document of each write frame not yet acknowledged, oldest first.
    in_flight: VecDeque<DocName>,
    /// How many write frames of this connection were acknowledged.
    acknowledged: u64,
}

impl Saves {
    pub fn state(&self) -> SaveState {
        if self.unsent.is_empty() && self.in_flight.is_empty() {
            SaveState::Saved
        } else {
            SaveState::Pending
        }
    }

    /// `doc` changed here and no frame carries the change yet.
    pub fn changed_offline(&mut self, doc: &DocName) {
        self.unsent.insert(doc.clone());
    }

    /// A write frame for `doc` went out on the current connection.
    pub fn sent(&mut self, doc: &DocName) {
        self.unsent.remove(doc);
        self.in_flight.push_back(doc.clone());
    }

    /// The server acknowledged the first `count` write frames of this connection.
    pub fn stored(&mut self, count: u64) {
        while self.acknowledged < count && self.in_flight.pop_front().is_some() {
            self.acknowledged += 1;
        }
    }

    /// The connection ended: unacknowledged frames may be lost, their documents wait
    /// for the next handshake. Counting starts again at zero.
    pub fn disconnected(&mut self) {
        self.unsent.extend(self.in_flight.drain(..));
        self.acknowledged = 0;
    }

    /// Forgets documents this connection will never send (it may not write them).
    pub fn retain_unsent(&mut self, keep: impl Fn(&DocName) -> bool) {
        self.unsent.retain(|d| keep(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> DocName {
        "participant/abcdefgh".parse().unwrap()
    }

    #[test]
    fn saved_once_every_frame_is_acknowledged() {
        let mut s = Saves::default();
        assert_eq!(s.state(), SaveState::Saved);
        s.sent(&doc());
        s.sent(&doc());
        assert_eq!(s.state(), SaveState::Pending);
        s.stored(1);
        assert_eq!(s.state(), SaveState::Pending);
        s.stored(2);
        assert_eq!(s.state().attr(), "saved");
        // A merged or repeated acknowledgement changes nothing.
        s.stored(2);
        assert_eq!(s.state(), SaveState::Saved);
    }

    #[test]
    fn offline_changes_wait_for_the_handshake() {
        let mut s = Saves::default();
        s.sent(&doc());
        s.disconnected();
        assert_eq!(s.state(), SaveState::Pending, "lost with the connection");
        s.changed_offline(&DocName::Control);
        // The next connection's Step2 carries the own document; control is not ours.
        s.retain_unsent(|d| *d != DocName::Control);
        s.sent(&doc());
        assert_eq!(s.state(), SaveState::Pending);
        s.stored(1);
        assert_eq!(s.state(), SaveState::Saved);
    }
}
