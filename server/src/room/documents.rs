//! The y-protocols sync logic over a room's documents. Pure: takes decoded messages,
//! returns what to send, so it is unit-tested without sockets.
//!
//! Applying an update costs in proportion to the update, not to the document: the
//! server never re-encodes a whole document per update, and relays the incoming bytes.

use std::collections::BTreeMap;

use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use ovaal_shared::DocName;
use ovaal_shared::board::new_doc;

/// An update that changes nothing (what `encode_diff_v1` returns when the asker is up
/// to date): no structs, empty delete set.
pub const EMPTY_UPDATE: &[u8] = &[0, 0];
/// The state vector of an empty document.
pub const EMPTY_STATE_VECTOR: &[u8] = &[0];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SyncError {
    #[error("the state vector could not be decoded")]
    BadStateVector,
    #[error("the update could not be decoded")]
    BadUpdate,
    #[error("the update could not be applied")]
    Unappliable,
}

#[derive(Default)]
pub struct Documents {
    docs: BTreeMap<DocName, Doc>,
}

impl Documents {
    pub fn names(&self) -> Vec<DocName> {
        self.docs.keys().cloned().collect()
    }

    /// Answers a Step1: the update the asker lacks, and our own state vector so that
    /// the asker sends us what we lack. A document we do not have answers as empty,
    /// without creating it: asking must not create state.
    pub fn answer_step1(
        &self,
        doc: &DocName,
        state_vector: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>), SyncError> {
        let sv = StateVector::decode_v1(state_vector).map_err(|_| SyncError::BadStateVector)?;
        Ok(match self.docs.get(doc) {
            Some(d) => {
                let txn = d.transact();
                (txn.encode_diff_v1(&sv), txn.state_vector().encode_v1_vec())
            }
            None => (EMPTY_UPDATE.to_vec(), EMPTY_STATE_VECTOR.to_vec()),
        })
    }

    /// Applies an update (from Step2 or Update), creating the document if needed.
    /// Returns `false` if the update is empty and there is nothing to relay or store.
    pub fn apply(&mut self, doc: &DocName, update: &[u8]) -> Result<bool, SyncError> {
        if update == EMPTY_UPDATE {
            return Ok(false);
        }
        // yrs decodes untrusted bytes; guard against a panic deep inside it so one
        // hostile frame can only ever cost its own connection.
        let decoded = std::panic::catch_unwind(|| Update::decode_v1(update))
            .map_err(|_| SyncError::BadUpdate)?
            .map_err(|_| SyncError::BadUpdate)?;
        let target = self.docs.entry(doc.clone()).or_insert_with(new_doc);
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            target.transact_mut().apply_update(decoded)
        }));
        match applied {
            Ok(Ok(())) => Ok(true),
            _ => Err(SyncError::Unappliable),
        }
    }

    /// Loads a document from storage at room start.
    pub fn insert(&mut self, name: DocName, doc: Doc) {
        self.docs.insert(name, doc);
    }

    pub fn get(&self, doc: &DocName) -> Option<&Doc> {
        self.docs.get(doc)
    }

    /// The document, created empty if the room has none yet (for the server's own
    /// writes, such as marking a session ended).
    pub fn get_or_create(&mut self, doc: &DocName) -> &Doc {
        self.docs.entry(doc.clone()).or_insert_with(new_doc)
    }
}

trait EncodeSv {
    fn encode_v1_vec(&self) -> Vec<u8>;
}

impl EncodeSv for StateVector {
    fn encode_v1_vec(&self) -> Vec<u8> {
        use yrs::updates::encoder::Encode;
        self.encode_v1()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Map, Transact};

    fn update_from(doc: &Doc, key: &str) -> Vec<u8> {
        let before = doc.transact().state_vector();
        doc.get_or_insert_map("m")
            .insert(&mut doc.transact_mut(), key, "v");
        doc.transact().encode_state_as_update_v1(&before)
    }

    #[test]
    fn step1_on_unknown_doc_does_not_create_it() {
        let docs = Documents::default();
        let (update, sv) = docs.answer_step1(&DocName::Control, &[0]).unwrap();
        assert_eq!(update, EMPTY_UPDATE);
        assert_eq!(sv, EMPTY_STATE_VECTOR);
        assert!(docs.names().is_empty());
    }

    #[test]
    fn apply_then_answer_step1_returns_the_missing_part() {
        let mut docs = Documents::default();
        let client = Doc::new();
        assert!(
            docs.apply(&DocName::Control, &update_from(&client, "a"))
                .unwrap()
        );
        let (diff, _) = docs.answer_step1(&DocName::Control, &[0]).unwrap();
        let fresh = Doc::new();
        fresh
            .transact_mut()
            .apply_update(Update::decode_v1(&diff).unwrap())
            .unwrap();
        assert_eq!(
            fresh.transact().state_vector(),
            client.transact().state_vector()
        );
        // Up to date: nothing to send.
        let sv = client.transact().state_vector().encode_v1_vec();
        assert_eq!(
            docs.answer_step1(&DocName::Control, &sv).unwrap().0,
            EMPTY_UPDATE
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut docs = Documents::default();
        assert_eq!(
            docs.apply(&DocName::Control, &[1, 2, 3, 4, 5]),
            Err(SyncError::BadUpdate)
        );
        assert_eq!(docs.apply(&DocName::Control, EMPTY_UPDATE), Ok(false));
        assert!(docs.answer_step1(&DocName::Control, &[0xff]).is_err());
    }
}
