//! [`DocShadow`]: where every struct of one document lives on the board.
//!
//! A Yjs item names its parent only when it has no neighbour; otherwise it inherits
//! parent and key from its origin, which may be any struct the document already has.
//! To check an update against the schema before `yrs` applies it, the server must
//! therefore know the place of every existing struct — which `yrs` keeps private. The
//! shadow is that index: per client, contiguous spans of clocks with their place. It
//! is rebuilt from the document when a room loads and extended after every accepted
//! write, so checking costs in proportion to the update, not to the document.

use std::collections::HashMap;
use std::sync::Arc;

use super::DocKind;
use super::check::Resolved;
use super::rules::Root;
use crate::update::Id;

/// Where a struct lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Place {
    /// Entry `key` of a root map.
    Root { root: Root, key: Arc<str> },
    /// Field `key` of a card; `card` is the item holding the card's map.
    CardField {
        card: Id,
        carried: bool,
        key: Arc<str>,
    },
    /// Garbage-collected, or attached to something collected: `yrs` keeps it as a
    /// placeholder without content.
    Gone,
    /// Outside the schema, in a document stored before the schema was enforced.
    /// Nothing new may attach to it.
    Foreign,
}

/// What a struct holds, as far as nesting is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A nested map (a card).
    Map,
    /// Scalar values.
    Value,
    /// Content already deleted, or a collected range.
    Deleted,
}

#[derive(Debug, Clone)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) place: Place,
    pub(super) class: Class,
}

/// The index of one document's structs (see the module header).
#[derive(Debug, Clone)]
pub struct DocShadow {
    pub(super) kind: DocKind,
    /// Per client, spans sorted by clock and contiguous from clock 0.
    clients: HashMap<u64, Vec<Span>>,
    /// False when the stored document holds something the board does not use (from
    /// before the schema was enforced): such a document is read, never written.
    indexed: bool,
}

impl DocShadow {
    /// The index of a new, empty document.
    pub fn new(kind: DocKind) -> Self {
        Self {
            kind,
            clients: HashMap::new(),
            indexed: true,
        }
    }

    /// The index of a stored document, from its whole state as one v1 update
    /// (`encode_state_as_update_v1` from the empty state vector). Content outside the
    /// schema does not stop the index (old boards stay readable); only a document the
    /// reader cannot follow at all is marked unindexed, and then refuses writes.
    pub fn rebuild(kind: DocKind, whole_state: &[u8]) -> Self {
        let empty = Self::new(kind);
        let resolved = crate::update::parse_trusted(whole_state)
            .ok()
            .and_then(|update| empty.resolve(&update, false).ok());
        match resolved {
            Some(resolved) => {
                let mut shadow = empty;
                shadow.record(resolved);
                shadow
            }
            None => Self {
                indexed: false,
                ..empty
            },
        }
    }

    pub fn kind(&self) -> DocKind {
        self.kind
    }

    pub fn is_indexed(&self) -> bool {
        self.indexed
    }

    /// The next clock of `client` (0 if the document has nothing of it): the
    /// document's state vector entry.
    pub fn end(&self, client: u64) -> u32 {
        self.clients
            .get(&client)
            .and_then(|spans| spans.last())
            .map_or(0, |s| s.start + s.len)
    }

    /// The span holding `id`, if the document has it.
    pub(super) fn locate(&self, id: Id) -> Option<&Span> {
        let spans = self.clients.get(&id.client)?;
        let i = spans.partition_point(|s| s.start + s.len <= id.clock);
        spans.get(i).filter(|s| s.start <= id.clock)
    }

    /// How many spans the index holds (for tests and memory figures).
    pub fn spans(&self) -> usize {
        self.clients.values().map(Vec::len).sum()
    }

    /// Adds what an accepted update brought (after `yrs` applied it).
    pub fn record(&mut self, resolved: Resolved) {
        for (client, span) in resolved.spans {
            let end = self.end(client);
            let span_end = span.start + span.len;
            if span_end <= end {
                continue; // a duplicate: the document already has it
            }
            let start = span.start.max(end);
            let spans = self.clients.entry(client).or_default();
            match spans.last_mut() {
                // Runs of one place (a deleted range, a collected range) merge.
                Some(last)
                    if last.start + last.len == start
                        && last.place == span.place
                        && last.class == span.class
                        && span.class != Class::Map =>
                {
                    last.len += span_end - start;
                }
                _ => spans.push(Span {
                    start,
                    len: span_end - start,
                    ..span
                }),
            }
        }
    }
}
