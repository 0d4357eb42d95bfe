//! Which documents a connection has caught up with, so that live updates reach it
//! only after the state they build on.
//!
//! A connection that joins gets the documents' state in answer to its Step1s. An
//! update relayed to it before that answer would depend on state it does not have
//! yet: its replica would keep it pending, and `yrs` 0.28 can panic when a
//! garbage-collected range (from a compacted document) later fills such a gap. So a
//! document that existed when the connection joined is relayed to it only once its
//! Step1 for that document has been answered; documents created later are relayed
//! from their first update, which is all of them.
//!
//! Cheap per connection: documents are numbered in the order the room got them, and
//! a connection keeps the count at its join and one bit per older document.

/// The documents one connection is in sync with.
#[derive(Debug, Clone, Default)]
pub struct Synced {
    /// Documents numbered from here on were created after the join.
    created_before_join: u32,
    /// One bit per older document: answered.
    answered: Vec<u64>,
}

impl Synced {
    /// A connection joining a room that has `documents` documents.
    pub fn at_join(documents: u32) -> Self {
        Self {
            created_before_join: documents,
            answered: Vec::new(),
        }
    }

    /// The connection's Step1 for document `index` has been answered (or the whole
    /// document was sent to it).
    pub fn mark(&mut self, index: u32) {
        if index >= self.created_before_join {
            return;
        }
        let (word, bit) = (index as usize / 64, index % 64);
        if self.answered.len() <= word {
            self.answered.resize(word + 1, 0);
        }
        self.answered[word] |= 1 << bit;
    }

    /// Whether live updates of document `index` may be relayed to the connection.
    pub fn has(&self, index: u32) -> bool {
        index >= self.created_before_join
            || self
                .answered
                .get(index as usize / 64)
                .is_some_and(|w| w & (1 << (index % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_documents_wait_for_their_answer_newer_ones_do_not() {
        let mut s = Synced::at_join(70);
        assert!(!s.has(0) && !s.has(69));
        assert!(s.has(70) && s.has(500));
        s.mark(3);
        s.mark(65);
        assert!(s.has(3) && s.has(65));
        assert!(!s.has(4) && !s.has(64));
        s.mark(900); // created after the join: nothing to remember
        assert_eq!(s.answered.len(), 2);
    }
}
