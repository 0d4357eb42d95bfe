//! How much one document and one session may hold. A real session has 20–80 cards
//! of at most 280 characters, and a few hundred moves; the budgets leave room for ten
//! times that and stop anyone from filling the server's memory and disk.

use super::{DocKind, SchemaError};

/// The limits a write is checked against (the server's defaults are
/// [`Budget::DEFAULT`]; tests may use smaller ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Live cards in one participant's (or one private round's) document.
    pub cards_per_document: usize,
    /// Bytes of a participant, private or triage document, as stored.
    pub participant_bytes: usize,
    /// Bytes of the facilitator's documents (control, carried), as stored.
    pub facilitator_bytes: usize,
    /// Bytes of all documents of a session together.
    pub session_bytes: usize,
    /// Documents of a session (about one per person who ever joined).
    pub documents_per_session: usize,
}

impl Budget {
    pub const DEFAULT: Budget = Budget {
        cards_per_document: 200,
        participant_bytes: 256 * 1024,
        facilitator_bytes: 768 * 1024,
        session_bytes: 4 * 1024 * 1024,
        documents_per_session: 1000,
    };

    /// The byte budget of one document of `kind`.
    pub fn document_bytes(&self, kind: DocKind) -> usize {
        match kind {
            DocKind::Control | DocKind::Carried => self.facilitator_bytes,
            DocKind::Participant | DocKind::Private | DocKind::Triage => self.participant_bytes,
        }
    }

    /// Whether `adding` more bytes fit a document now holding `held`, in a session
    /// holding `session_held`.
    pub fn admit_bytes(
        &self,
        kind: DocKind,
        held: usize,
        session_held: usize,
        adding: usize,
    ) -> Result<(), SchemaError> {
        let max = self.document_bytes(kind);
        if held.saturating_add(adding) > max {
            return Err(SchemaError::DocumentFull { max_bytes: max });
        }
        if session_held.saturating_add(adding) > self.session_bytes {
            return Err(SchemaError::SessionFull {
                max_bytes: self.session_bytes,
            });
        }
        Ok(())
    }

    /// Whether one more document fits a session that has `documents`.
    pub fn admit_document(&self, documents: usize) -> Result<(), SchemaError> {
        if documents >= self.documents_per_session {
            return Err(SchemaError::SessionFull {
                max_bytes: self.session_bytes,
            });
        }
        Ok(())
    }

    /// Whether `new` more cards fit a document now holding `live`.
    pub fn admit_cards(&self, live: usize, new: usize) -> Result<(), SchemaError> {
        if new > 0 && live.saturating_add(new) > self.cards_per_document {
            return Err(SchemaError::TooManyCards {
                max: self.cards_per_document,
            });
        }
        Ok(())
    }
}

impl Default for Budget {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_limited_per_document_and_per_session() {
        let b = Budget::DEFAULT;
        assert!(b.admit_bytes(DocKind::Participant, 0, 0, 1000).is_ok());
        assert_eq!(
            b.admit_bytes(DocKind::Participant, b.participant_bytes - 10, 0, 11),
            Err(SchemaError::DocumentFull {
                max_bytes: b.participant_bytes
            })
        );
        assert!(
            b.admit_bytes(DocKind::Control, b.participant_bytes, 0, 11)
                .is_ok()
        );
        assert_eq!(
            b.admit_bytes(DocKind::Participant, 0, b.session_bytes, 1),
            Err(SchemaError::SessionFull {
                max_bytes: b.session_bytes
            })
        );
    }

    #[test]
    fn cards_are_limited_only_when_new_ones_come() {
        let b = Budget::DEFAULT;
        assert!(b.admit_cards(b.cards_per_document, 0).is_ok());
        assert!(b.admit_cards(b.cards_per_document - 1, 1).is_ok());
        assert!(b.admit_cards(b.cards_per_document, 1).is_err());
    }
}
