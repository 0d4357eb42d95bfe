//! One document's `yrs` replica in a room, kept as the one update it was loaded as
//! until the room needs more than that.
//!
//! A restored `yrs` document costs several times its encoding (about 3.5 kB for the
//! control document of a new session, against a few hundred bytes encoded), and a
//! room holds every document of its session for as long as anyone is connected. Most
//! of them are only read: a joining page asks for each (Step 1), and few are written
//! in any one hour. So a loaded document stays encoded, and Step 1s are answered from
//! the encoding (`yrs::diff_updates_v1`, the same diff the document would give); the
//! document is restored the first time it is written, or read for something the
//! encoding does not answer (the policy, a card count, the delete set). From its first
//! write on, the restored document is the only copy.

use std::cell::OnceCell;

use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use ovaal_shared::board::new_doc;

/// A document as loaded (one update) and/or as restored by `yrs`.
pub struct Replica {
    /// The restored document, once something needed it.
    live: OnceCell<Doc>,
    /// The whole document as one v1 update, while nothing has been applied to it since
    /// it was loaded.
    encoded: Option<Box<[u8]>>,
}

impl Replica {
    /// An empty document, restored (there is nothing to keep encoded).
    pub fn empty() -> Self {
        Self {
            live: OnceCell::from(new_doc()),
            encoded: None,
        }
    }

    /// A loaded document, kept as `whole` (its state as one update). `None` when `yrs`
    /// cannot restore `whole` into a document equal to `doc`: then `doc` is kept.
    pub fn loaded(doc: Doc, whole: Vec<u8>) -> Self {
        let same = restore(&whole).is_some_and(|again| {
            let (a, b) = (again.transact(), doc.transact());
            a.state_vector() == b.state_vector()
        });
        if same {
            Self {
                live: OnceCell::new(),
                encoded: Some(whole.into_boxed_slice()),
            }
        } else {
            tracing::warn!("a document's encoding does not restore it: kept restored");
            Self {
                live: OnceCell::from(doc),
                encoded: None,
            }
        }
    }

    /// The document, restored if it was not yet. Reading it changes nothing: the
    /// encoding stays valid.
    pub fn doc(&self) -> &Doc {
        self.live
            .get_or_init(|| match self.encoded.as_deref().and_then(restore) {
                Some(doc) => doc,
                // Checked when loaded (`loaded`): restoring the same bytes gives the same
                // document, so this is not reached.
                None => {
                    tracing::error!("a kept document could not be restored: restored empty");
                    new_doc()
                }
            })
    }

    /// The document, to be changed: from now on it is the only copy.
    pub fn doc_to_change(&mut self) -> &Doc {
        self.doc();
        self.encoded = None;
        self.doc()
    }

    /// The diff a peer with `sv` lacks, and our state vector (both v1), from the
    /// encoding while there is one, so that answering a Step 1 restores nothing.
    pub fn answer(&self, sv: &StateVector, sv_v1: &[u8]) -> (Vec<u8>, Vec<u8>) {
        if self.live.get().is_none()
            && let Some(whole) = self.encoded.as_deref()
            && let Ok(diff) = yrs::diff_updates_v1(whole, sv_v1)
            && let Ok(ours) = yrs::encode_state_vector_from_update_v1(whole)
        {
            return (diff, ours);
        }
        let txn = self.doc().transact();
        (txn.encode_diff_v1(sv), txn.state_vector().encode_v1_vec())
    }

    /// Our state vector (v1).
    pub fn state_vector(&self) -> Vec<u8> {
        if self.live.get().is_none()
            && let Some(whole) = self.encoded.as_deref()
            && let Ok(ours) = yrs::encode_state_vector_from_update_v1(whole)
        {
            return ours;
        }
        self.doc().transact().state_vector().encode_v1_vec()
    }

    /// The whole document as one v1 update: the encoding while there is one.
    pub fn whole(&self) -> std::borrow::Cow<'_, [u8]> {
        match self.encoded.as_deref() {
            Some(whole) => std::borrow::Cow::Borrowed(whole),
            None => std::borrow::Cow::Owned(
                self.doc()
                    .transact()
                    .encode_state_as_update_v1(&StateVector::default()),
            ),
        }
    }

    /// Drops the restored document when the encoding still holds all of it (nothing
    /// was applied): for a document that was only read.
    pub fn release_if_unchanged(&mut self) {
        if self.encoded.is_some() {
            self.live.take();
        }
    }

    /// Whether the restored document is held (for tests and measurements).
    pub fn is_restored(&self) -> bool {
        self.live.get().is_some()
    }
}

/// A document from one v1 update; `None` if `yrs` refuses it or panics on it.
fn restore(whole: &[u8]) -> Option<Doc> {
    std::panic::catch_unwind(|| {
        let update = Update::decode_v1(whole).ok()?;
        let doc = new_doc();
        doc.transact_mut().apply_update(update).ok()?;
        Some(doc)
    })
    .ok()
    .flatten()
}

pub trait EncodeSv {
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
    use yrs::types::ToJson;
    use yrs::{Map, WriteTxn};

    fn doc_with(entries: &[(&str, &str)]) -> Doc {
        let doc = new_doc();
        {
            let mut txn = doc.transact_mut();
            let map = txn.get_or_insert_map("settings");
            for (k, v) in entries {
                map.insert(&mut txn, *k, *v);
            }
        }
        doc
    }

    fn whole(doc: &Doc) -> Vec<u8> {
        doc.transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    fn state(doc: &Doc) -> Option<yrs::Any> {
        let txn = doc.transact();
        txn.get_map("settings").map(|m| m.to_json(&txn))
    }

    #[test]
    fn a_loaded_document_answers_step1_as_the_restored_one_without_restoring() {
        let original = doc_with(&[("title", "Intervision"), ("seats", "8")]);
        let replica = Replica::loaded(doc_with(&[]), whole(&original));
        // `loaded` compared the restored encoding with the document it was given,
        // which differs here: kept restored.
        assert!(replica.is_restored());

        let original_again = doc_with(&[("title", "Intervision"), ("seats", "8")]);
        let copy = new_doc();
        copy.transact_mut()
            .apply_update(Update::decode_v1(&whole(&original_again)).unwrap())
            .unwrap();
        let replica = Replica::loaded(copy, whole(&original_again));
        assert!(!replica.is_restored());

        // A peer that has nothing, and a peer that has part of it.
        let empty = StateVector::default();
        let (diff, ours) = replica.answer(&empty, &empty.encode_v1_vec());
        assert!(
            !replica.is_restored(),
            "answering a Step 1 restores nothing"
        );
        let peer = new_doc();
        peer.transact_mut()
            .apply_update(Update::decode_v1(&diff).unwrap())
            .unwrap();
        assert_eq!(state(&peer), state(&original_again));
        assert_eq!(
            ours,
            original_again.transact().state_vector().encode_v1_vec()
        );
        assert_eq!(replica.state_vector(), ours);

        let (up_to_date, _) = replica.answer(
            &peer.transact().state_vector(),
            &peer.transact().state_vector().encode_v1_vec(),
        );
        let nothing_new = Update::decode_v1(&up_to_date).unwrap();
        assert!(nothing_new.state_vector().is_empty());
    }

    #[test]
    fn a_document_read_is_released_and_a_document_changed_is_kept() {
        let original = doc_with(&[("title", "Intervision")]);
        let copy = new_doc();
        copy.transact_mut()
            .apply_update(Update::decode_v1(&whole(&original)).unwrap())
            .unwrap();
        let mut replica = Replica::loaded(copy, whole(&original));

        assert_eq!(state(replica.doc()), state(&original));
        assert!(replica.is_restored());
        replica.release_if_unchanged();
        assert!(!replica.is_restored());

        {
            let doc = replica.doc_to_change();
            let mut txn = doc.transact_mut();
            let map = txn.get_or_insert_map("settings");
            map.insert(&mut txn, "title", "Learning circle");
        }
        replica.release_if_unchanged();
        assert!(
            replica.is_restored(),
            "the changed document is the only copy"
        );
        let txn = replica.doc().transact();
        let title = txn.get_map("settings").and_then(|m| m.get(&txn, "title"));
        assert_eq!(
            title.map(|t| t.to_string(&txn)),
            Some("Learning circle".to_owned())
        );
    }
}
