//! Folding a document's history into one snapshot. Applying every stored update to a
//! fresh document, collecting its garbage and encoding its state gives the smallest
//! equivalent update; it is done off the request path, in the storage thread.
//!
//! Collecting is what makes deleting a card delete its text: live replicas keep
//! deleted content (see `ovaal_shared::board::new_doc`), the snapshot does not. The
//! deleted structs keep their ids as empty ranges, so replicas that still hold the
//! content see nothing new, and newcomers receive none of it.

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
    let mut txn = doc.transact_mut();
    txn.gc(None);
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
    fn a_deleted_cards_text_leaves_the_snapshot() {
        use ovaal_shared::board::participant::{add_card, delete_card};
        use ovaal_shared::board::{CardKind, CardText, Position};
        let doc = ovaal_shared::board::new_doc();
        let kept: ovaal_shared::CardId = "card-kept-01".parse().unwrap();
        let gone: ovaal_shared::CardId = "card-gone-01".parse().unwrap();
        let text = |s: &str| CardText::new(s).unwrap();
        let mut updates = Vec::new();
        let mut edit = |f: &dyn Fn(&Doc)| {
            let before = doc.transact().state_vector();
            f(&doc);
            updates.push(doc.transact().encode_state_as_update_v1(&before));
        };
        edit(&|d| {
            add_card(
                d,
                &kept,
                CardKind::Theme,
                &text("blijft staan"),
                Position::CENTRE,
                1,
            )
        });
        edit(&|d| {
            add_card(
                d,
                &gone,
                CardKind::Advice,
                &text("GEHEIM-7f3a"),
                Position::CENTRE,
                2,
            )
        });
        edit(&|d| delete_card(d, &gone).unwrap());
        let history = StoredDoc {
            snapshot: None,
            updates,
        };
        let contains = |bytes: &[u8], needle: &str| {
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        };
        assert!(history.updates.iter().any(|u| contains(u, "GEHEIM-7f3a")));
        let snap = snapshot(&history).unwrap();
        assert!(!contains(&snap, "GEHEIM-7f3a"), "deleted text survived");
        assert!(contains(&snap, "blijft staan"));
        // The ids stay: a replica that still has the card sees nothing new.
        let restored = restore(&StoredDoc {
            snapshot: Some(snap),
            updates: vec![],
        })
        .unwrap();
        assert_eq!(
            restored.transact().state_vector(),
            doc.transact().state_vector()
        );
        let cards =
            ovaal_shared::board::participant::read_cards(&restored, &"author-01".parse().unwrap());
        assert_eq!(cards.len(), 1);
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
