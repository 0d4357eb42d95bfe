//! Checking an update against a document's [`DocShadow`] and the schema's rules,
//! before `yrs` applies it.
//!
//! Every new struct is given its place — from its own parent, or inherited from its
//! origin exactly as `yrs` would — and its content is checked against the rule for
//! that place. Dependencies the document does not have (a gap in a client's clocks, an
//! origin or parent not yet seen, a deletion beyond the known state) are refused:
//! `yrs` would keep such structs pending, a state the server never enters.

use std::collections::HashMap;
use std::sync::Arc;

use super::rules::{Entry, Root, card_field};
use super::shadow::{Class, Place, Span};
use super::{DocShadow, SchemaError};
use crate::update::{Content, Id, Item, ParentRef, ParsedUpdate, Struct};

/// What an accepted update does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    /// It brings structs the document does not have yet.
    pub adds: bool,
    /// It carries deletions (which may or may not be new).
    pub deletes: bool,
    /// New cards it creates (a card created again under its old id counts too).
    pub new_cards: usize,
}

impl Verdict {
    /// Brings nothing at all: no new structs and no deletions.
    pub fn is_noop(&self) -> bool {
        !self.adds && !self.deletes
    }
}

/// A checked update: its verdict and the places of its new structs, to be recorded
/// in the shadow once `yrs` has applied it.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub verdict: Verdict,
    pub(super) spans: Vec<(u64, Span)>,
}

/// How a struct finds its place.
enum Source {
    /// It has it (a root entry, or a collected range).
    Own(Result<Place, SchemaError>),
    /// From the struct holding this id: an origin (`inherit`), or a nested parent.
    From(Id, Link),
}

#[derive(Clone, Copy)]
enum Link {
    /// Inherit parent and key from the left (`origin`), falling back to the right.
    Neighbour { right: Option<Id> },
    /// The struct is the map this item is an entry of.
    Parent,
}

/// The update's own structs, findable by id.
struct Local<'u, 'a> {
    update: &'u ParsedUpdate<'a>,
    /// Per client: the block index and the clock each of its structs starts at.
    by_client: HashMap<u64, (usize, Vec<u32>)>,
    /// Index of each block's first struct in the flat numbering.
    offsets: Vec<usize>,
}

impl<'u, 'a> Local<'u, 'a> {
    fn new(update: &'u ParsedUpdate<'a>) -> Self {
        let mut by_client = HashMap::with_capacity(update.blocks.len());
        let mut offsets = Vec::with_capacity(update.blocks.len());
        let mut flat = 0;
        for (b, block) in update.blocks.iter().enumerate() {
            let mut clock = block.start;
            let starts = block
                .structs
                .iter()
                .map(|s| {
                    let start = clock;
                    clock = clock.saturating_add(struct_len(s));
                    start
                })
                .collect();
            by_client.insert(block.client, (b, starts));
            offsets.push(flat);
            flat += block.structs.len();
        }
        Self {
            update,
            by_client,
            offsets,
        }
    }

    fn total(&self) -> usize {
        self.update.blocks.iter().map(|b| b.structs.len()).sum()
    }

    /// The flat index of the struct holding `id`.
    fn find(&self, id: Id) -> Option<usize> {
        let (b, starts) = self.by_client.get(&id.client)?;
        let i = starts.partition_point(|&s| s <= id.clock).checked_sub(1)?;
        let block = &self.update.blocks[*b];
        let s = &block.structs[i];
        (id.clock < starts[i].saturating_add(struct_len(s))).then_some(self.offsets[*b] + i)
    }

    fn get(&self, flat: usize) -> (u64, u32, &'u Struct<'a>) {
        let b = self.offsets.partition_point(|&o| o <= flat) - 1;
        let block = &self.update.blocks[b];
        let i = flat - self.offsets[b];
        let (_, starts) = &self.by_client[&block.client];
        (block.client, starts[i], &block.structs[i])
    }
}

pub(super) fn struct_len(s: &Struct<'_>) -> u32 {
    match s {
        Struct::Gc { len, .. } | Struct::Skip { len, .. } => *len,
        Struct::Item(item) => item.len,
    }
}

fn class_of(s: &Struct<'_>) -> Class {
    match s {
        Struct::Item(Item {
            content: Content::Map,
            ..
        }) => Class::Map,
        Struct::Item(Item {
            content: Content::Any(_),
            ..
        }) => Class::Value,
        _ => Class::Deleted,
    }
}

impl DocShadow {
    /// Checks `update` against this document; `Ok` carries what to record after
    /// applying it. `strict` is for writes from the network; a stored document is
    /// indexed leniently, so that old boards stay readable.
    pub fn check(&self, update: &ParsedUpdate<'_>) -> Result<Resolved, SchemaError> {
        if !self.is_indexed() && !update.is_empty() {
            return Err(SchemaError::Unindexed);
        }
        self.resolve(update, true)
    }

    pub(super) fn resolve(
        &self,
        update: &ParsedUpdate<'_>,
        strict: bool,
    ) -> Result<Resolved, SchemaError> {
        let local = Local::new(update);
        let mut verdict = Verdict {
            deletes: !update.delete_set.is_empty(),
            ..Verdict::default()
        };
        // Every client's clocks continue where the document's end.
        for block in &update.blocks {
            if block.start > self.end(block.client) {
                return Err(SchemaError::MissingHistory);
            }
        }
        let known = |client: u64, clock: u32| clock < self.end(client);
        let mut places: Vec<Option<(Place, Class)>> = vec![None; local.total()];
        let mut spans = Vec::new();
        for flat in 0..places.len() {
            let (client, start, s) = local.get(flat);
            let len = struct_len(s);
            if known(client, start.saturating_add(len) - 1) {
                continue; // a duplicate of what the document has: yrs skips it
            }
            if matches!(s, Struct::Skip { .. }) {
                return Err(SchemaError::MissingHistory);
            }
            let place = self.place_of(&local, flat, &mut places, strict)?;
            let class = class_of(s);
            if strict {
                check_content(&place, s, &mut verdict)?;
            }
            verdict.adds = true;
            spans.push((
                client,
                Span {
                    start,
                    len,
                    place,
                    class,
                },
            ));
        }
        for range in &update.delete_set {
            let end = range
                .clock
                .checked_add(range.len)
                .ok_or(SchemaError::MissingHistory)?;
            let state = self
                .end(range.client)
                .max(update.end(range.client).unwrap_or(0));
            if end > state {
                return Err(SchemaError::MissingHistory);
            }
        }
        Ok(Resolved { verdict, spans })
    }

    /// The place of the update's struct `flat`, following inheritance through the
    /// update and the document without recursion (chains can be long).
    fn place_of(
        &self,
        local: &Local<'_, '_>,
        flat: usize,
        places: &mut [Option<(Place, Class)>],
        strict: bool,
    ) -> Result<Place, SchemaError> {
        let mut stack = vec![flat];
        let mut visiting = vec![false; 0];
        while let Some(&cur) = stack.last() {
            if places[cur].is_some() {
                stack.pop();
                continue;
            }
            let (_, _, s) = local.get(cur);
            let resolved = match source(self, s, strict) {
                Source::Own(place) => Some(place?),
                Source::From(id, link) => match self.base(local, places, id, strict)? {
                    Base::Known(place, class) => Some(derive(
                        self, local, places, s, id, &place, class, link, strict,
                    )?),
                    Base::Pending(j) => {
                        if visiting.len() < places.len() {
                            visiting.resize(places.len(), false);
                        }
                        if visiting[j] {
                            return Err(SchemaError::MissingHistory); // a cycle
                        }
                        visiting[cur] = true;
                        stack.push(j);
                        None
                    }
                },
            };
            if let Some(place) = resolved {
                places[cur] = Some((place, class_of(s)));
                stack.pop();
            }
        }
        places[flat]
            .as_ref()
            .map(|(p, _)| p.clone())
            .ok_or(SchemaError::MissingHistory)
    }

    /// Where the struct holding `id` lives, if known yet.
    fn base(
        &self,
        local: &Local<'_, '_>,
        places: &[Option<(Place, Class)>],
        id: Id,
        _strict: bool,
    ) -> Result<Base, SchemaError> {
        if id.clock < self.end(id.client) {
            return match self.locate(id) {
                Some(span) => Ok(Base::Known(span.place.clone(), span.class)),
                None => Err(SchemaError::MissingHistory),
            };
        }
        match local.find(id) {
            Some(j) => match &places[j] {
                Some((place, class)) => Ok(Base::Known(place.clone(), *class)),
                None => Ok(Base::Pending(j)),
            },
            None => Err(SchemaError::MissingHistory),
        }
    }
}

enum Base {
    Known(Place, Class),
    Pending(usize),
}

fn source(shadow: &DocShadow, s: &Struct<'_>, strict: bool) -> Source {
    let item = match s {
        Struct::Gc { .. } | Struct::Skip { .. } => return Source::Own(Ok(Place::Gone)),
        Struct::Item(item) => item,
    };
    if let Some(origin) = item.origin {
        return Source::From(
            origin,
            Link::Neighbour {
                right: item.right_origin,
            },
        );
    }
    if let Some(right) = item.right_origin {
        return Source::From(right, Link::Neighbour { right: None });
    }
    match item.parent {
        Some(ParentRef::Root(name)) => {
            Source::Own(root_place(shadow, name, item.parent_sub, strict))
        }
        Some(ParentRef::Item(id)) => Source::From(id, Link::Parent),
        // The reader guarantees a parent when there is no origin.
        None => Source::Own(Err(SchemaError::MissingHistory)),
    }
}

fn root_place(
    shadow: &DocShadow,
    name: &str,
    key: Option<&str>,
    strict: bool,
) -> Result<Place, SchemaError> {
    let root = match shadow.kind.root(name) {
        Ok(root) => root,
        Err(_) if !strict => return Ok(Place::Foreign),
        Err(e) => return Err(e),
    };
    match key {
        Some(key) => Ok(Place::Root {
            root,
            key: Arc::from(key),
        }),
        None if strict => Err(SchemaError::Nesting("a root map")),
        None => Ok(Place::Foreign),
    }
}

/// The place an item gets from the struct it depends on (as `yrs` integrates it).
#[allow(clippy::too_many_arguments)]
fn derive(
    shadow: &DocShadow,
    local: &Local<'_, '_>,
    places: &[Option<(Place, Class)>],
    s: &Struct<'_>,
    id: Id,
    base: &Place,
    class: Class,
    link: Link,
    strict: bool,
) -> Result<Place, SchemaError> {
    match link {
        Link::Neighbour { right } => {
            if *base != Place::Gone {
                return Ok(base.clone());
            }
            // A collected left neighbour: yrs takes the parent from the right one.
            match right {
                None => Ok(Place::Gone),
                Some(r) => match shadow.base(local, places, r, strict)? {
                    Base::Known(place, _) => Ok(place),
                    // The right neighbour is resolved first only in odd updates;
                    // refusing them costs honest clients nothing.
                    Base::Pending(_) => Err(SchemaError::MissingHistory),
                },
            }
        }
        Link::Parent => {
            let key = match s {
                Struct::Item(item) => item.parent_sub,
                _ => None,
            };
            match (base, class) {
                (Place::Gone, _) | (_, Class::Deleted) => Ok(Place::Gone),
                (Place::Foreign, _) => Ok(Place::Foreign),
                (
                    Place::Root {
                        root: root @ (Root::Cards | Root::CarriedCards),
                        ..
                    },
                    Class::Map,
                ) => match key {
                    Some(key) => Ok(Place::CardField {
                        card: id,
                        carried: *root == Root::CarriedCards,
                        key: Arc::from(key),
                    }),
                    None if strict => Err(SchemaError::Nesting("a card")),
                    None => Ok(Place::Foreign),
                },
                _ if strict => Err(SchemaError::Nesting("this part of the board")),
                _ => Ok(Place::Foreign),
            }
        }
    }
}

/// Checks a new struct's content against the rule of its place.
fn check_content(place: &Place, s: &Struct<'_>, verdict: &mut Verdict) -> Result<(), SchemaError> {
    let content = match s {
        Struct::Item(item) => &item.content,
        Struct::Gc { .. } | Struct::Skip { .. } => return Ok(()),
    };
    if matches!(content, Content::Deleted(_)) {
        return Ok(());
    }
    let rule = match place {
        Place::Gone => return Ok(()),
        Place::Foreign => return Err(SchemaError::Nesting("content from before the schema")),
        Place::Root { root, key } => match root.entry(key)? {
            Entry::Card { .. } => {
                return match content {
                    Content::Map => {
                        verdict.new_cards += 1;
                        Ok(())
                    }
                    _ => Err(SchemaError::InvalidValue {
                        field: "card",
                        reason: "a card is a map of fields",
                    }),
                };
            }
            Entry::Value(rule) => rule,
        },
        Place::CardField { carried, key, .. } => card_field(*carried, key)?,
    };
    match content {
        // A map entry holds one value; several appear when overwritten values of one
        // key by one client were merged (Yjs keeps the last). Each must fit.
        Content::Any(values) => values.iter().try_for_each(|value| rule.check(value)),
        _ => Err(SchemaError::Nesting("a field")),
    }
}
