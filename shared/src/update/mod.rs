//! Reading Yjs v1 updates and state vectors that came from the network, before `yrs`
//! sees a byte of them.
//!
//! `yrs` trusts its input: a claimed count becomes an allocation, a clock near
//! `u32::MAX` corrupts its block store, deeply nested values exhaust the stack. This
//! module is the server's first line: a reader of the v1 encodings that
//!
//! - never allocates from a claimed count (every count and length is checked against the
//!   bytes actually present, and collections grow only with what was really read);
//! - refuses clocks and lengths that overflow `u32` (yrs' clock type) and client ids
//!   beyond 53 bits (yrs asserts on them in debug builds and silently drops the high
//!   bits in release, so one client could pass for another);
//! - refuses every content kind and type the board never uses (JSON, binary, embeds,
//!   formatting, sub-documents, XML, text, arrays, weak links, moves) and any value
//!   that is not a scalar (no nested arrays or maps, so no recursion);
//! - yields borrowed views of what it read (no copies of strings).
//!
//! What the board schema allows on top of the structure (root names, keys, card text
//! length, gaps against the document's state) is [`crate::board::schema`]'s job.
//!
//! - `reader`: clocks, ids and bounded counts, on top of the lib0 primitives of
//!   [`crate::protocol::lib0::Decoder`].
//! - `structs`: the struct section (`Struct`, `Item`, `Content`).
//! - `scalar`: lib0 `Any` values, scalars only.
//! - `delete_set`: the delete set section.
//! - `state_vector`: [`decode_state_vector`].
//!
//! [`parse_update`] reads a whole update: struct section, delete set, nothing after.

mod delete_set;
mod reader;
mod scalar;
mod state_vector;
mod structs;

pub use state_vector::decode_state_vector;

use crate::protocol::lib0::DecodeError;

/// Most structs in one update, over all clients. A board write is a handful; a whole
/// participant document with a few hundred cards, edits and moves stays well below.
pub const MAX_STRUCTS: usize = 65_536;
/// Most deleted ranges (and delete-set clients) in one update.
pub const MAX_DELETE_RANGES: usize = 65_536;
/// Most values in one `ContentAny` (a map entry holds one; yrs merges runs of values
/// only in arrays, which the board does not use).
pub const MAX_VALUES: usize = 4_096;
/// Most entries in one state vector.
pub const MAX_STATE_VECTOR: usize = 65_536;

/// Reads a v1 update completely (struct section, delete set, no trailing bytes)
/// without trusting any count or length in it, and refuses everything the board
/// never writes (see the module header). Memory use grows with the bytes read.
pub fn parse_update(bytes: &[u8]) -> Result<ParsedUpdate<'_>, UpdateError> {
    parse_with(bytes, MAX_STRUCTS, MAX_DELETE_RANGES)
}

/// Like [`parse_update`], for a whole document the server encoded itself (to index it
/// when a room loads): the same rules, without the per-message limits on how many
/// structs and deleted ranges there are, which a long-lived document may exceed.
pub fn parse_trusted(bytes: &[u8]) -> Result<ParsedUpdate<'_>, UpdateError> {
    parse_with(bytes, usize::MAX, usize::MAX)
}

fn parse_with(
    bytes: &[u8],
    max_structs: usize,
    max_ranges: usize,
) -> Result<ParsedUpdate<'_>, UpdateError> {
    let mut r = reader::Reader::new(bytes);
    let blocks = structs::read_struct_section(&mut r, max_structs)?;
    let delete_set = delete_set::read_delete_set(&mut r, max_ranges)?;
    r.finish()?;
    Ok(ParsedUpdate { blocks, delete_set })
}

/// A parsed v1 update, borrowing its strings from the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedUpdate<'a> {
    /// One run of structs per client, in the order sent; no client twice.
    pub blocks: Vec<ClientBlock<'a>>,
    /// Deleted ranges, grouped by client in the order sent; no client twice.
    pub delete_set: Vec<DeleteRange>,
}

impl ParsedUpdate<'_> {
    /// Nothing to integrate: no structs and no deletions (what a peer sends when it
    /// has nothing new).
    pub fn is_empty(&self) -> bool {
        self.delete_set.is_empty() && self.blocks.iter().all(|b| b.structs.is_empty())
    }

    /// The clock after this update's last struct of `client`: what the client's
    /// entry in a document's state vector becomes once the update is integrated.
    pub fn end(&self, client: u64) -> Option<u32> {
        self.blocks
            .iter()
            .find(|b| b.client == client)
            .map(ClientBlock::end)
    }
}

/// A client's run of consecutive structs, from clock `start`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientBlock<'a> {
    pub client: u64,
    pub start: u32,
    pub structs: Vec<Struct<'a>>,
}

impl ClientBlock<'_> {
    /// The clock after the last struct.
    pub fn end(&self) -> u32 {
        self.structs.last().map_or(self.start, Struct::end)
    }
}

/// A struct's identity: the client that made it and its clock (yrs `ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id {
    pub client: u64,
    pub clock: u32,
}

/// Where an item says it lives, when it says so itself (items with an origin inherit
/// their parent and key from it instead).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParentRef<'a> {
    /// A root type, by name (`cards`, `profile`, `session`, …).
    Root(&'a str),
    /// A nested type: the item whose content is that type.
    Item(Id),
}

/// A lib0 `Any` value the board can hold. Arrays, maps and buffers are refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    Undefined,
    Null,
    Bool(bool),
    /// Integers (lib0 varint and bigint).
    Int(i64),
    /// Floats (lib0 float32 and float64).
    Float(f64),
    String(&'a str),
}

/// The content kinds the board uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Content<'a> {
    /// Deleted content (`ContentDeleted`): only a length.
    Deleted(u32),
    /// A nested map (`ContentType` with the map type ref).
    Map,
    /// One or more scalar values (`ContentAny`). A map entry holds exactly one.
    Any(Vec<Scalar<'a>>),
}

/// An item as encoded: its own fields only, nothing resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    pub id: Id,
    /// How many clock ticks it spans (1 for a map or a single value; the count of
    /// values or the deleted length otherwise).
    pub len: u32,
    pub origin: Option<Id>,
    pub right_origin: Option<Id>,
    /// Present only when the item has neither origin nor right origin.
    pub parent: Option<ParentRef<'a>>,
    /// The map key, present only together with `parent`.
    pub parent_sub: Option<&'a str>,
    pub content: Content<'a>,
}

/// One struct of the struct section.
#[derive(Debug, Clone, PartialEq)]
pub enum Struct<'a> {
    /// Garbage-collected range (ref 0).
    Gc {
        id: Id,
        len: u32,
    },
    /// A gap in an update (ref 10).
    Skip {
        id: Id,
        len: u32,
    },
    Item(Item<'a>),
}

impl Struct<'_> {
    pub fn id(&self) -> Id {
        match self {
            Struct::Gc { id, .. } | Struct::Skip { id, .. } => *id,
            Struct::Item(item) => item.id,
        }
    }

    /// How many clock ticks it spans (never 0 once parsed).
    #[allow(
        clippy::len_without_is_empty,
        reason = "a parsed struct always spans at least one tick"
    )]
    pub fn len(&self) -> u32 {
        match self {
            Struct::Gc { len, .. } | Struct::Skip { len, .. } => *len,
            Struct::Item(item) => item.len,
        }
    }

    /// The clock after it. Parsing guarantees this fits in `u32`; a struct built by
    /// hand with an overflowing end saturates instead of panicking.
    pub fn end(&self) -> u32 {
        self.id().clock.saturating_add(self.len())
    }
}

/// A deleted range: `len` clock ticks of `client` from `clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteRange {
    pub client: u64,
    pub clock: u32,
    pub len: u32,
}

/// Why an update or state vector was not accepted. Each is answered to the sender as
/// a malformed write; none of them reaches `yrs`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("a clock or length does not fit in 32 bits")]
    ClockOverflow,
    #[error("a client id does not fit in 53 bits")]
    ClientOverflow,
    #[error("the update names client {0} twice")]
    DuplicateClient(u64),
    #[error("content kind {0} is not used by the board")]
    ContentKind(u8),
    #[error("type {0} is not used by the board")]
    TypeKind(u8),
    #[error("value kind {0} is not used by the board")]
    ValueKind(u8),
    #[error("an item or range of length zero")]
    EmptyStruct,
    #[error("more than {0} entries of one kind in one message")]
    TooMany(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    #[test]
    fn empty_update_is_empty() {
        let parsed = parse_update(&[0, 0]).unwrap();
        assert!(parsed.is_empty());
        assert_eq!(parsed.end(1), None);
        assert_eq!(
            parse_update(&[0, 0, 0]),
            Err(UpdateError::Decode(DecodeError::TrailingBytes(1)))
        );
        assert_eq!(
            parse_update(&[0]),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
    }

    #[test]
    fn end_sums_a_clients_structs() {
        // Client 3 from clock 4: GC of 2, Skip of 5; delete set: client 3, [0, 1).
        let parsed = parse_update(&[1, 2, 3, 4, 0, 2, 10, 5, 1, 3, 1, 0, 1]).unwrap();
        assert!(!parsed.is_empty());
        assert_eq!(parsed.end(3), Some(11));
        assert_eq!(parsed.end(4), None);
        assert_eq!(
            parsed.blocks[0].structs[1].id(),
            Id {
                client: 3,
                clock: 6
            }
        );
        assert_eq!(parsed.blocks[0].structs[1].len(), 5);
        assert_eq!(
            parsed.delete_set,
            [DeleteRange {
                client: 3,
                clock: 0,
                len: 1
            }]
        );
    }

    #[test]
    fn a_struct_at_the_last_clock_is_refused() {
        // Two map entries of client 2 at clock u32::MAX: yrs corrupts its block store
        // when this arrives twice.
        let bytes = hex(
            "010201ffffffff0f270105636172647308636172643030303101280001ffffffff0f04746578740177017800",
        );
        assert_eq!(bytes.len(), 44);
        assert_eq!(parse_update(&bytes), Err(UpdateError::ClockOverflow));
    }
}
