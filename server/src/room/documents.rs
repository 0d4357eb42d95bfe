//! The y-protocols sync logic over a room's documents. Pure: takes decoded messages,
//! returns what to send, so it is unit-tested without sockets.
//!
//! Nothing from the network reaches `yrs` unchecked: a state vector is read by
//! [`decode_state_vector`], an update by [`parse_update`] and then checked against the
//! document's [`DocShadow`] (the board schema), and only then applied. Applying an
//! update costs in proportion to the update, not to the document: the server never
//! re-encodes a whole document per update, and relays the incoming bytes.

use std::cell::OnceCell;

use yrs::block::ClientID;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ID, IdSet, Map, ReadTxn, StateVector, Transact, Update};

use super::replica::Replica;
use ovaal_shared::DocName;
use ovaal_shared::board::schema::{DocKind, DocShadow, Resolved, SchemaError};
use ovaal_shared::update::{ParsedUpdate, UpdateError, decode_state_vector, parse_trusted};

/// An update that changes nothing (what `encode_diff_v1` returns when the asker is up
/// to date): no structs, empty delete set.
pub const EMPTY_UPDATE: &[u8] = &[0, 0];
/// The state vector of an empty document.
pub const EMPTY_STATE_VECTOR: &[u8] = &[0];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SyncError {
    #[error("the state vector could not be read: {0}")]
    BadStateVector(UpdateError),
    #[error("the update could not be applied")]
    Unappliable,
}

/// One document of a room: the `yrs` replica (kept encoded until it is needed,
/// `replica.rs`), the index the schema check needs, and how many bytes it holds in
/// storage (for the budgets).
struct Entry {
    replica: Replica,
    kind: DocKind,
    /// Built from the replica when a write is first checked (a document that is only
    /// read never needs it), and always before the replica first changes, so that it
    /// indexes what the replica holds.
    shadow: OnceCell<DocShadow>,
    bytes: usize,
    /// The order in which the room got the document (see `room::synced`).
    index: u32,
}

impl Entry {
    fn new(name: &DocName, index: u32) -> Self {
        let kind = DocKind::of(name);
        Self {
            replica: Replica::empty(),
            kind,
            shadow: OnceCell::from(DocShadow::new(kind)),
            bytes: 0,
            index,
        }
    }

    fn shadow(&self) -> &DocShadow {
        self.shadow.get_or_init(|| {
            let shadow = DocShadow::rebuild(self.kind, &self.replica.whole());
            if !shadow.is_indexed() {
                tracing::warn!(kind = ?self.kind, "stored document outside the board schema: read-only");
            }
            shadow
        })
    }

    /// Records an applied write in the index (built first, if it was not).
    fn record(&mut self, resolved: Resolved) {
        self.shadow();
        if let Some(shadow) = self.shadow.get_mut() {
            shadow.record(resolved);
        }
    }

    /// The document, to change: its index is built first, from what it held.
    fn doc_to_change(&mut self) -> &Doc {
        self.shadow();
        self.replica.doc_to_change()
    }
}

/// The documents by name, in a list sorted by name rather than a `BTreeMap`: a map's
/// first node has room for eleven entries (1.4 kB per room holding one document), a
/// list grown one entry at a time holds what it has. A room has tens of documents at
/// most, and a new one is rare.
#[derive(Default)]
pub struct Documents {
    docs: Vec<(DocName, Entry)>,
    /// Documents the room has had: the next one's index.
    created: u32,
}

impl Documents {
    /// How many documents the room has had (the next one's index).
    pub fn created(&self) -> u32 {
        self.created
    }

    /// The order in which the room got `doc`.
    pub fn index_of(&self, doc: &DocName) -> Option<u32> {
        self.entry(doc).map(|e| e.index)
    }

    /// Where `doc` is in the list, or where it would go.
    fn position(&self, doc: &DocName) -> Result<usize, usize> {
        self.docs.binary_search_by(|(name, _)| name.cmp(doc))
    }

    fn entry(&self, doc: &DocName) -> Option<&Entry> {
        self.position(doc).ok().map(|at| &self.docs[at].1)
    }

    fn entry_mut(&mut self, doc: &DocName) -> Option<&mut Entry> {
        self.position(doc).ok().map(|at| &mut self.docs[at].1)
    }

    /// Puts `entry` in its place, growing the list by one entry only.
    fn put(&mut self, at: usize, name: DocName, entry: Entry) -> &mut Entry {
        self.docs.reserve_exact(1);
        self.docs.insert(at, (name, entry));
        &mut self.docs[at].1
    }

    /// The entry for `doc`; a new one is numbered after every earlier one.
    fn entry_for(&mut self, doc: &DocName) -> &mut Entry {
        match self.position(doc) {
            Ok(at) => &mut self.docs[at].1,
            Err(at) => {
                let entry = Entry::new(doc, self.created);
                self.created += 1;
                self.put(at, doc.clone(), entry)
            }
        }
    }

    pub fn has(&self, doc: &DocName) -> bool {
        self.position(doc).is_ok()
    }

    pub fn count(&self) -> usize {
        self.docs.len()
    }

    /// The documents' names, sorted.
    pub fn names(&self) -> Vec<DocName> {
        self.docs.iter().map(|(name, _)| name.clone()).collect()
    }

    /// Answers a Step1: the update the asker lacks, and our own state vector so that
    /// the asker sends us what we lack. A document we do not have answers as empty,
    /// without creating it: asking must not create state. A document kept encoded
    /// answers from its encoding, and stays encoded.
    pub fn answer_step1(
        &self,
        doc: &DocName,
        state_vector: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>), SyncError> {
        let sv: StateVector = decode_state_vector(state_vector)
            .map_err(SyncError::BadStateVector)?
            .into_iter()
            .map(|(client, clock)| (ClientID::new(client), clock))
            .collect();
        Ok(match self.entry(doc) {
            Some(entry) => entry.replica.answer(&sv, state_vector),
            None => (EMPTY_UPDATE.to_vec(), EMPTY_STATE_VECTOR.to_vec()),
        })
    }

    /// Our state vector of `doc` (the empty one for a document we do not have).
    pub fn state_vector(&self, doc: &DocName) -> Vec<u8> {
        match self.entry(doc) {
            Some(entry) => entry.replica.state_vector(),
            None => EMPTY_STATE_VECTOR.to_vec(),
        }
    }

    /// Checks a parsed update against the document's schema index (an absent
    /// document is checked as empty).
    pub fn check(&self, doc: &DocName, update: &ParsedUpdate<'_>) -> Result<Resolved, SchemaError> {
        match self.entry(doc) {
            Some(entry) => entry.shadow().check(update),
            None => DocShadow::new(DocKind::of(doc)).check(update),
        }
    }

    /// Whether every deletion in `update` is one the document already has (so an
    /// update without new structs changes nothing). Walks the document's delete set:
    /// only asked on the rare path of a write that is refused anyway.
    pub fn deletes_known(&self, doc: &DocName, update: &ParsedUpdate<'_>) -> bool {
        let Some(entry) = self.entry(doc) else {
            return update.delete_set.is_empty();
        };
        let mut incoming = IdSet::new();
        for range in &update.delete_set {
            incoming.insert(ID::new(ClientID::new(range.client), range.clock), range.len);
        }
        let have = entry.replica.doc().transact().snapshot().delete_set;
        incoming.diff(&have).is_empty()
    }

    /// Applies a checked update, creating the document if needed, and records it in
    /// the schema index.
    pub fn apply(
        &mut self,
        doc: &DocName,
        raw: &[u8],
        resolved: Resolved,
    ) -> Result<(), SyncError> {
        // The checks make yrs safe on these bytes; should it still fail, only this
        // room is affected (the caller discards it).
        let entry = self.entry_for(doc);
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let decoded = Update::decode_v1(raw).map_err(|_| ())?;
            entry
                .doc_to_change()
                .transact_mut()
                .apply_update(decoded)
                .map_err(|_| ())
        }));
        match applied {
            Ok(Ok(())) => {
                entry.record(resolved);
                entry.bytes += raw.len();
                Ok(())
            }
            _ => Err(SyncError::Unappliable),
        }
    }

    /// Records an update the server made itself on `doc` (its bytes are trusted).
    pub fn record_own(&mut self, doc: &DocName, update: &[u8]) {
        let Some(entry) = self.entry_mut(doc) else {
            return;
        };
        entry.bytes += update.len();
        match parse_trusted(update) {
            Ok(parsed) => match entry.shadow().check(&parsed) {
                Ok(resolved) => entry.record(resolved),
                Err(e) => tracing::warn!(doc = %doc, error = %e, "own update outside the schema"),
            },
            Err(e) => tracing::warn!(doc = %doc, error = %e, "own update unreadable"),
        }
    }

    /// Loads a document from storage at room start; `bytes` is what it holds on disk.
    pub fn insert(&mut self, name: DocName, doc: Doc, bytes: usize) {
        let whole = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        let index = self.created;
        self.created += 1;
        let entry = Entry {
            replica: Replica::loaded(doc, whole),
            kind: DocKind::of(&name),
            // Built when a write is first checked: a document that is only read never
            // needs it.
            shadow: OnceCell::new(),
            bytes,
            index,
        };
        match self.position(&name) {
            Ok(at) => self.docs[at].1 = entry,
            Err(at) => {
                self.put(at, name, entry);
            }
        }
    }

    /// The document, to read (restored if it was kept encoded; see
    /// [`Self::release_unchanged`]).
    pub fn get(&self, doc: &DocName) -> Option<&Doc> {
        self.entry(doc).map(|e| e.replica.doc())
    }

    /// The document, created empty if the room has none yet, to change (for the
    /// server's own writes, such as marking a session ended).
    pub fn get_or_create(&mut self, doc: &DocName) -> &Doc {
        self.entry_for(doc).doc_to_change()
    }

    /// Drops the restored copy of every document that was only read since it was
    /// loaded (its encoding still holds all of it).
    pub fn release_unchanged(&mut self) {
        for (_, entry) in &mut self.docs {
            entry.replica.release_if_unchanged();
        }
    }

    /// How many documents are held restored (the others are kept encoded).
    pub fn restored(&self) -> usize {
        self.docs
            .iter()
            .filter(|(_, e)| e.replica.is_restored())
            .count()
    }

    /// Bytes `doc` holds, and bytes all documents hold together.
    pub fn bytes(&self, doc: &DocName) -> (usize, usize) {
        let held = self.entry(doc).map_or(0, |e| e.bytes);
        (held, self.docs.iter().map(|(_, e)| e.bytes).sum())
    }

    /// Live cards in `doc`'s `cards` map.
    pub fn live_cards(&self, doc: &DocName) -> usize {
        self.entry(doc).map_or(0, |e| {
            let doc = e.replica.doc();
            let cards = doc.get_or_insert_map("cards");
            cards.len(&doc.transact()) as usize
        })
    }
}
