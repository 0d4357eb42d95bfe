//! Folding a document's history into one snapshot. Applying every stored update to a
//! fresh document and encoding its state gives the smallest equivalent update; it is
//! done off the request path, in the storage thread.

use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use super::{StorageError, StoredDoc};

/// Builds a document from what the store holds for it.
pub fn restore(stored: &StoredDoc) -> Result<Doc, StorageError> {
    let doc = ovaal_shared::board::new_doc();
    {
        let mut txn = doc.transact_mut();
        for bytes in stored.snapshot.iter().chain(stored.updates.iter()) {
            let update = Update::decode_v1(bytes)
                .map_err(|e| StorageError::Corrupt(format!("undecodable update: {e}")))?;
            txn.apply_update(update)
                .map_err(|e| StorageError::Corrupt(format!("unappliable update: {e}")))?;
        }
    }
    Ok(doc)
}

/// One update equivalent to the snapshot plus all appended updates.
pub fn snapshot(stored: &StoredDoc) -> Result<Vec<u8>, StorageError> {
    let doc = restore(stored)?;
    let txn = doc.transact();
    Ok(txn.encode_state_as_update_v1(&StateVector::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{GetString, Text};

    #[test]
    fn snapshot_equals_history() {
        let source = Doc::new();
        let text = source.get_or_insert_text("t");
        let mut updates = Vec::new();
        for word in ["een ", "twee ", "drie"] {
            let before = source.transact().state_vector();
            {
                let mut txn = source.transact_mut();
                let len = text.len(&txn);
                text.insert(&mut txn, len, word);
            }
            updates.push(source.transact().encode_state_as_update_v1(&before));
        }
        let stored = StoredDoc {
            snapshot: None,
            updates,
        };
        let snap = snapshot(&stored).unwrap();
        let again = restore(&StoredDoc {
            snapshot: Some(snap),
            updates: vec![],
        })
        .unwrap();
        let t = again.get_or_insert_text("t");
        assert_eq!(t.get_string(&again.transact()), "een twee drie");
    }

    #[test]
    fn corrupt_updates_are_reported() {
        let stored = StoredDoc {
            snapshot: None,
            updates: vec![vec![0xff, 0xff, 0xff]],
        };
        assert!(matches!(restore(&stored), Err(StorageError::Corrupt(_))));
    }
}
