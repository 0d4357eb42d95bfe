//! The browser's local copies of the session's `yrs` documents.
//!
//! Every document gets one update observer when it is created. The observer does two
//! things and nothing else (it runs inside a transaction, where touching the document
//! again would fail): it marks the document as changed, so the view redraws exactly the
//! documents that changed, and it keeps the bytes of *local* transactions so they can be
//! sent. Transactions that apply remote data carry [`REMOTE_ORIGIN`] and are not sent
//! back. The queue is behind `Arc<Mutex<_>>` rather than `Rc<RefCell<_>>` so the code
//! compiles whether or not `yrs`'s `sync` feature (which requires `Send` observers) is
//! switched on by another crate in the workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard};

use ovaal_shared::DocName;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, Origin, ReadTxn, StateVector, Transact, Update};

/// Marks transactions that apply data received from the server.
pub const REMOTE_ORIGIN: &str = "ovaal-remote";

#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("the server sent an update for {doc} that could not be read: {reason}")]
    BadUpdate { doc: DocName, reason: String },
    #[error("the server sent a state vector for {doc} that could not be read: {reason}")]
    BadStateVector { doc: DocName, reason: String },
    #[error("document {0} is busy in another transaction")]
    Busy(DocName),
}

#[derive(Debug, Default)]
struct Pending {
    /// Local updates not yet handed to the connection, oldest first.
    local: Vec<(DocName, Vec<u8>)>,
    /// Documents changed (locally or remotely) since the view last looked.
    dirty: BTreeSet<DocName>,
}

#[derive(Default)]
pub struct DocSet {
    docs: BTreeMap<DocName, Doc>,
    pending: Arc<Mutex<Pending>>,
}

impl DocSet {
    pub fn get(&self, name: &DocName) -> Option<&Doc> {
        self.docs.get(name)
    }

    /// The document, created empty (with its observer) if this is the first we hear
    /// of it: a new participant's document appears this way.
    pub fn get_or_create(&mut self, name: &DocName) -> &Doc {
        let pending = Arc::clone(&self.pending);
        self.docs.entry(name.clone()).or_insert_with(|| {
            let doc = ovaal_shared::board::new_doc();
            let doc_name = name.clone();
            let remote = Origin::from(REMOTE_ORIGIN);
            // A fresh document has no transaction open, so registering cannot fail;
            // should it ever, the document still works, only without live sending.
            let _ = doc.observe_update_v1("ovaal", move |txn, event| {
                let mut p = lock(&pending);
                p.dirty.insert(doc_name.clone());
                if txn.origin() != Some(&remote) {
                    p.local.push((doc_name.clone(), event.update.clone()));
                }
            });
            doc
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &DocName> {
        self.docs.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&DocName, &Doc)> {
        self.docs.iter()
    }

    /// Applies an update or Step2 from the server.
    pub fn apply_remote(&mut self, name: &DocName, update: &[u8]) -> Result<(), DocsError> {
        let update = Update::decode_v1(update).map_err(|e| DocsError::BadUpdate {
            doc: name.clone(),
            reason: e.to_string(),
        })?;
        let doc = self.get_or_create(name);
        let mut txn = doc
            .try_transact_mut_with(REMOTE_ORIGIN)
            .map_err(|_| DocsError::Busy(name.clone()))?;
        txn.apply_update(update).map_err(|e| DocsError::BadUpdate {
            doc: name.clone(),
            reason: e.to_string(),
        })
    }

    /// Our state vector (v1) for a Step1.
    pub fn state_vector(&mut self, name: &DocName) -> Result<Vec<u8>, DocsError> {
        let doc = self.get_or_create(name);
        let txn = doc
            .try_transact()
            .map_err(|_| DocsError::Busy(name.clone()))?;
        Ok(txn.state_vector().encode_v1())
    }

    /// What the holder of `state_vector` lacks, for a Step2.
    pub fn diff(&mut self, name: &DocName, state_vector: &[u8]) -> Result<Vec<u8>, DocsError> {
        let sv = StateVector::decode_v1(state_vector).map_err(|e| DocsError::BadStateVector {
            doc: name.clone(),
            reason: e.to_string(),
        })?;
        let doc = self.get_or_create(name);
        let txn = doc
            .try_transact()
            .map_err(|_| DocsError::Busy(name.clone()))?;
        Ok(txn.encode_diff_v1(&sv))
    }

    /// Hands over the local updates made since the last call.
    pub fn take_local_updates(&self) -> Vec<(DocName, Vec<u8>)> {
        std::mem::take(&mut lock(&self.pending).local)
    }

    /// Hands over the names of the documents changed since the last call.
    pub fn take_dirty(&self) -> BTreeSet<DocName> {
        std::mem::take(&mut lock(&self.pending).dirty)
    }
}

/// A poisoned lock only means an observer panicked earlier; the queue is still a
/// valid list, so keep using it instead of spreading the panic.
fn lock(pending: &Mutex<Pending>) -> MutexGuard<'_, Pending> {
    pending
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::CardId;
    use ovaal_shared::board::{CardKind, CardText, Position, participant};

    fn pdoc() -> DocName {
        "participant/abcdefgh".parse().unwrap()
    }

    #[test]
    fn local_changes_are_queued_remote_ones_are_not() {
        let mut a = DocSet::default();
        let mut b = DocSet::default();
        let name = pdoc();
        let text = CardText::new("Hoe voelde dat?").unwrap();
        let id = CardId::from_random([3; 16]);
        participant::add_card(
            a.get_or_create(&name),
            &id,
            CardKind::Question,
            &text,
            Position::CENTRE,
            1,
        );
        let updates = a.take_local_updates();
        assert_eq!(updates.len(), 1);
        assert!(a.take_dirty().contains(&name));

        b.apply_remote(&name, &updates[0].1).unwrap();
        assert!(
            b.take_local_updates().is_empty(),
            "remote data must not be echoed"
        );
        assert!(b.take_dirty().contains(&name));
        let cards = participant::read_cards(b.get(&name).unwrap(), &"abcdefgh".parse().unwrap());
        assert_eq!(cards[0].text, "Hoe voelde dat?");
    }

    #[test]
    fn step1_step2_brings_a_peer_up_to_date() {
        let mut a = DocSet::default();
        let mut b = DocSet::default();
        let name = pdoc();
        let id = CardId::from_random([4; 16]);
        let text = CardText::new("x").unwrap();
        participant::add_card(
            a.get_or_create(&name),
            &id,
            CardKind::Theme,
            &text,
            Position::CENTRE,
            1,
        );
        let sv = b.state_vector(&name).unwrap();
        let diff = a.diff(&name, &sv).unwrap();
        b.apply_remote(&name, &diff).unwrap();
        assert_eq!(
            a.state_vector(&name).unwrap(),
            b.state_vector(&name).unwrap()
        );
    }

    #[test]
    fn garbage_from_the_server_is_an_error_not_a_panic() {
        let mut a = DocSet::default();
        assert!(matches!(
            a.apply_remote(&pdoc(), &[0xff, 0xff, 0xff]),
            Err(DocsError::BadUpdate { .. })
        ));
        assert!(matches!(
            a.diff(&pdoc(), &[0xff]),
            Err(DocsError::BadStateVector { .. })
        ));
    }
}
