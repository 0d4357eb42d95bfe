//! The struct section of a v1 update: per client, a run of structs whose clocks
//! follow from the client's start clock and each struct's length.
//!
//! Every detail follows yrs 0.28 `Update::decode` / `ItemContent::decode`, and where
//! yrs and yjs read the same byte differently, the byte is refused:
//! - yrs recognises GC and Skip only when the whole info byte is 0 or 10, yjs when
//!   its low 5 bits are; flags on a GC or Skip are refused.
//! - yrs takes the content kind from the low 4 bits of the info byte, yjs from the low
//!   5; kinds 16–31 are refused (they are unknown to yjs, and yrs would read them as
//!   kinds 0–15).
//! - yrs reads a type ref as one byte, yjs as a varuint; only the byte 1 (map) is
//!   accepted, which both read the same.
//! - yrs reads a parent info other than 1 as "parent is an id"; only 0 and 1 are
//!   accepted.

use std::collections::HashSet;

use super::reader::{Reader, end_of};
use super::scalar::read_values;
use super::{ClientBlock, Content, Id, Item, ParentRef, Struct, UpdateError};
use crate::protocol::lib0::DecodeError;

/// Info byte layout (yrs `block.rs`).
const HAS_ORIGIN: u8 = 0x80;
const HAS_RIGHT_ORIGIN: u8 = 0x40;
const HAS_PARENT_SUB: u8 = 0x20;
const KIND_BITS: u8 = 0x1f;

const GC: u8 = 0;
const DELETED: u8 = 1;
const TYPE: u8 = 7;
const ANY: u8 = 8;
const SKIP: u8 = 10;

/// yrs `TYPE_REFS_MAP`.
const TYPE_MAP: u8 = 1;

/// The fewest bytes a struct takes (info byte and a length).
const MIN_STRUCT_BYTES: usize = 2;
/// The fewest bytes a client's run takes: count, client, clock and one struct.
const MIN_CLIENT_BYTES: usize = 3 + MIN_STRUCT_BYTES;

pub(crate) fn read_struct_section<'a>(
    r: &mut Reader<'a>,
    max_structs: usize,
) -> Result<Vec<ClientBlock<'a>>, UpdateError> {
    let clients = r.count(MIN_CLIENT_BYTES, max_structs)?;
    let mut seen = HashSet::new();
    let mut blocks = Vec::new();
    let mut total = 0usize;
    for _ in 0..clients {
        let claimed = r.var_uint()?;
        let client = r.client()?;
        let start = r.clock()?;
        // Neither yrs nor yjs writes a client without structs.
        if claimed == 0 {
            return Err(UpdateError::EmptyStruct);
        }
        let count = r.bounded(claimed, MIN_STRUCT_BYTES, usize::MAX)?;
        total += count;
        if total > max_structs {
            return Err(UpdateError::TooMany(max_structs));
        }
        if !seen.insert(client) {
            return Err(UpdateError::DuplicateClient(client));
        }
        let mut structs = Vec::new();
        let mut clock = start;
        for _ in 0..count {
            let s = read_struct(r, Id { client, clock })?;
            clock = s.end();
            structs.push(s);
        }
        blocks.push(ClientBlock {
            client,
            start,
            structs,
        });
    }
    Ok(blocks)
}

/// One struct at `id`; its end clock is checked to fit in `u32`.
fn read_struct<'a>(r: &mut Reader<'a>, id: Id) -> Result<Struct<'a>, UpdateError> {
    let info = r.u8()?;
    let s = match info {
        GC => Struct::Gc { id, len: r.len()? },
        SKIP => Struct::Skip { id, len: r.len()? },
        _ => Struct::Item(read_item(r, id, info)?),
    };
    end_of(id.clock, s.len())?;
    Ok(s)
}

fn read_item<'a>(r: &mut Reader<'a>, id: Id, info: u8) -> Result<Item<'a>, UpdateError> {
    let kind = info & KIND_BITS;
    if !matches!(kind, DELETED | TYPE | ANY) {
        return Err(UpdateError::ContentKind(kind));
    }
    let origin = (info & HAS_ORIGIN != 0).then(|| r.id()).transpose()?;
    let right_origin = (info & HAS_RIGHT_ORIGIN != 0).then(|| r.id()).transpose()?;
    // An item with an origin takes its parent and key from it; the parent-sub flag
    // is then still set by yjs but nothing follows it.
    let (parent, parent_sub) = if origin.is_none() && right_origin.is_none() {
        let parent = match r.var_uint()? {
            1 => ParentRef::Root(r.var_string()?),
            0 => ParentRef::Item(r.id()?),
            other => {
                return Err(DecodeError::InvalidField {
                    field: "parent info",
                    reason: format!("{other} is neither 0 (an item) nor 1 (a root)"),
                }
                .into());
            }
        };
        let sub = (info & HAS_PARENT_SUB != 0)
            .then(|| r.var_string())
            .transpose()?;
        (Some(parent), sub)
    } else {
        (None, None)
    };
    let (content, len) = match kind {
        DELETED => {
            let len = r.len()?;
            (Content::Deleted(len), len)
        }
        TYPE => match r.u8()? {
            TYPE_MAP => (Content::Map, 1),
            other => return Err(UpdateError::TypeKind(other)),
        },
        _ => {
            let values = read_values(r)?;
            // At most `MAX_VALUES`, so it fits.
            let len = u32::try_from(values.len()).map_err(|_| UpdateError::ClockOverflow)?;
            (Content::Any(values), len)
        }
    };
    Ok(Item {
        id,
        len,
        origin,
        right_origin,
        parent,
        parent_sub,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::lib0::Encoder;
    use crate::update::MAX_STRUCTS;

    fn section(bytes: &[u8]) -> Result<Vec<ClientBlock<'_>>, UpdateError> {
        let mut r = Reader::new(bytes);
        let blocks = read_struct_section(&mut r, MAX_STRUCTS)?;
        r.finish()?;
        Ok(blocks)
    }

    /// One client (7) at clock 5 with the given structs.
    fn one_client(count: u64, structs: &[u8]) -> Vec<u8> {
        let mut e = Encoder::new();
        e.var_uint(1).var_uint(count).var_uint(7).var_uint(5);
        let mut bytes = e.finish();
        bytes.extend_from_slice(structs);
        bytes
    }

    #[test]
    fn clocks_follow_from_lengths() {
        // GC of 2, Skip of 3, a root map entry `cards["k"] = Map`, then a value
        // `["a", 1]` to the right of it (origin 7:10).
        let mut s = vec![GC, 2, SKIP, 3, TYPE | HAS_PARENT_SUB, 1, 5];
        s.extend_from_slice(b"cards");
        s.extend_from_slice(&[1, b'k', TYPE_MAP, ANY | HAS_ORIGIN, 7, 10, 2, 119, 1, b'a']);
        s.extend_from_slice(&[125, 1, DELETED | HAS_RIGHT_ORIGIN, 7, 0, 4]);
        let bytes = one_client(5, &s);
        let blocks = section(&bytes).unwrap();
        let structs = &blocks[0].structs;
        let ends: Vec<u32> = structs.iter().map(|s| s.end()).collect();
        assert_eq!(ends, [7, 10, 11, 13, 17]);
        let Struct::Item(map) = &structs[2] else {
            panic!("an item")
        };
        assert_eq!(map.parent, Some(ParentRef::Root("cards")));
        assert_eq!(map.parent_sub, Some("k"));
        assert_eq!(map.content, Content::Map);
        let Struct::Item(value) = &structs[3] else {
            panic!("an item")
        };
        assert_eq!(
            value.id,
            Id {
                client: 7,
                clock: 11
            }
        );
        assert_eq!(
            value.origin,
            Some(Id {
                client: 7,
                clock: 10
            })
        );
        assert_eq!((value.parent, value.parent_sub), (None, None));
        assert_eq!(value.len, 2);
        assert_eq!(structs[4].end(), 17);
    }

    #[test]
    fn origin_with_parent_sub_flag_reads_no_key() {
        // yjs sets the parent-sub flag on every map entry, also when the key is
        // inherited from the origin and not written.
        let s = [ANY | HAS_ORIGIN | HAS_PARENT_SUB, 7, 4, 1, 126];
        let bytes = one_client(1, &s);
        let blocks = section(&bytes).unwrap();
        assert_eq!(blocks[0].structs[0].end(), 6);
    }

    #[test]
    fn flags_on_gc_and_skip_and_high_kinds_are_refused() {
        for info in [GC | HAS_PARENT_SUB, SKIP | HAS_ORIGIN] {
            let err = section(&one_client(1, &[info, 1, 1, 1])).unwrap_err();
            assert_eq!(err, UpdateError::ContentKind(info & KIND_BITS));
        }
        // yrs would read 0x18 as `Any`.
        let s = [0x18 | HAS_ORIGIN, 7, 4, 1, 126];
        assert_eq!(
            section(&one_client(1, &s)),
            Err(UpdateError::ContentKind(24))
        );
        for kind in [2, 3, 4, 5, 6, 9, 11, 15] {
            let s = [kind | HAS_ORIGIN, 7, 4, 1, 1];
            assert_eq!(
                section(&one_client(1, &s)),
                Err(UpdateError::ContentKind(kind))
            );
        }
    }

    #[test]
    fn types_other_than_map_are_refused() {
        for type_ref in [0, 2, 3, 4, 5, 6, 7, 8, 9, 0x81] {
            let s = [TYPE | HAS_ORIGIN, 7, 4, type_ref];
            assert_eq!(
                section(&one_client(1, &s)),
                Err(UpdateError::TypeKind(type_ref))
            );
        }
    }

    #[test]
    fn parent_info_is_zero_or_one() {
        let s = [ANY, 0, 3, 9, 1, 126];
        let bytes = one_client(1, &s);
        let blocks = section(&bytes).unwrap();
        let Struct::Item(item) = &blocks[0].structs[0] else {
            panic!("an item")
        };
        assert_eq!(
            item.parent,
            Some(ParentRef::Item(Id {
                client: 3,
                clock: 9
            }))
        );
        let s = [ANY, 2, 3, 9, 1, 126];
        assert!(matches!(
            section(&one_client(1, &s)),
            Err(UpdateError::Decode(DecodeError::InvalidField { .. }))
        ));
    }

    #[test]
    fn overflowing_clocks_are_refused() {
        let mut e = Encoder::new();
        e.var_uint(1)
            .var_uint(1)
            .var_uint(7)
            .var_uint(u64::from(u32::MAX));
        let mut bytes = e.finish();
        bytes.extend_from_slice(&[GC, 1]);
        assert_eq!(section(&bytes), Err(UpdateError::ClockOverflow));
        // Ending exactly at u32::MAX fits.
        bytes[3] = 0xfe;
        assert!(section(&bytes).is_ok());
        // An origin clock beyond u32.
        let s = [ANY | HAS_ORIGIN, 7, 0x80, 0x80, 0x80, 0x80, 0x10, 1, 126];
        assert_eq!(section(&one_client(1, &s)), Err(UpdateError::ClockOverflow));
    }

    #[test]
    fn empty_structs_and_duplicate_clients_are_refused() {
        assert_eq!(
            section(&one_client(1, &[GC, 0])),
            Err(UpdateError::EmptyStruct)
        );
        let s = [DELETED | HAS_ORIGIN, 7, 4, 0];
        assert_eq!(section(&one_client(1, &s)), Err(UpdateError::EmptyStruct));
        let s = [ANY | HAS_ORIGIN, 7, 4, 0];
        assert_eq!(section(&one_client(1, &s)), Err(UpdateError::EmptyStruct));
        assert_eq!(
            section(&one_client(0, &[0, 0, 0, 0, 0])),
            Err(UpdateError::EmptyStruct)
        );
        let twice = [2, 1, 7, 0, GC, 1, 1, 7, 1, GC, 1];
        assert_eq!(section(&twice), Err(UpdateError::DuplicateClient(7)));
    }

    #[test]
    fn struct_counts_are_bounded() {
        // A claim beyond the bytes present.
        let bytes = one_client(1 << 40, &[GC, 1]);
        assert_eq!(
            section(&bytes),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
        let many: Vec<u8> = [GC, 1].repeat(MAX_STRUCTS + 1);
        let bytes = one_client(MAX_STRUCTS as u64 + 1, &many);
        assert_eq!(section(&bytes), Err(UpdateError::TooMany(MAX_STRUCTS)));
        let bytes = one_client(MAX_STRUCTS as u64, &many[2..]);
        assert_eq!(section(&bytes).unwrap()[0].structs.len(), MAX_STRUCTS);
    }
}
