//! Ways to break a Yjs v1 update. Some are blind (bit flips, inserted and deleted
//! bytes, truncation, splices); the others know the encoding well enough to hit the
//! fields a reader must distrust: the counts and ids in the first block's header
//! (`clients, structs, client, clock`), the length-prefixed root names and keys, the
//! info byte that says which content follows and the tags of `Any` values.

use super::Rng;

/// Root names and keys the board uses: swapping one for another keeps the update
/// well-formed but puts a value where the schema does not allow it.
const NAMES: &[&str] = &[
    "cards",
    "profile",
    "session",
    "labels",
    "useful",
    "name",
    "seat",
    "location",
    "seat_claimed_ms",
    "removed",
    "kind",
    "text",
    "x",
    "y",
    "created_ms",
    "phase",
    "plan",
    "locked",
    "hide_names",
    "hot_seat",
    "timer",
    "revealed",
    "title",
    "method",
    "seats",
    "participants_export",
    "sponsor_phases",
    "ended",
    "__proto__",
];

/// lib0 `Any` tags (undefined … string, 119 … 127).
const ANY_TAGS: std::ops::RangeInclusive<u8> = 116..=127;

/// Values that make a clock, count or length overflow or point past the data.
const EDGES: &[u64] = &[
    0,
    1,
    0x7F,
    0x80,
    0xFFFF,
    u32::MAX as u64 - 1,
    u32::MAX as u64,
    u32::MAX as u64 + 1,
    1 << 53,
    (1 << 53) + 1,
    u64::MAX,
];

/// One mutation of `base`, which may use `other` (for splices); returns the bytes and
/// the mutation's name (written to the send journal).
pub fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> (Vec<u8>, &'static str) {
    let mut bytes = base.to_vec();
    let name = match rng.below(11) {
        0 => {
            for _ in 0..=rng.below(3) {
                flip_bit(rng, &mut bytes);
            }
            "bit flip"
        }
        1 => {
            let at = rng.below(bytes.len() + 1);
            let n = 1 + rng.below(4);
            let junk: Vec<u8> = (0..n).map(|_| rng.next_u64().to_le_bytes()[0]).collect();
            bytes.splice(at..at, junk);
            "byte insert"
        }
        2 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            let end = (at + 1 + rng.below(4)).min(bytes.len());
            bytes.drain(at..end);
            "byte delete"
        }
        3 => {
            bytes.truncate(rng.below(bytes.len().max(1)));
            "truncation"
        }
        4 => {
            let cut = rng.below(bytes.len() + 1);
            let from = rng.below(other.len() + 1);
            bytes.truncate(cut);
            bytes.extend_from_slice(&other[from..]);
            "splice"
        }
        5 => {
            bump_any_varint(rng, &mut bytes);
            "varint bump"
        }
        6 => {
            let client = huge_client(rng);
            set_header(rng, &mut bytes, Field::Client, client);
            "client id >= 2^53"
        }
        7 => {
            let clock = u32::MAX as u64 - rng.below(4) as u64;
            set_header(rng, &mut bytes, Field::Clock, clock);
            "clock near u32::MAX"
        }
        8 => {
            let field = *rng.pick(&[Field::Clients, Field::Structs]);
            let value = *rng.pick(EDGES);
            set_header(rng, &mut bytes, field, value);
            "count bump"
        }
        9 => {
            swap_name(rng, &mut bytes);
            "name swap"
        }
        _ => {
            swap_kind(rng, &mut bytes);
            "content kind swap"
        }
    };
    (bytes, name)
}

pub fn huge_client(rng: &mut Rng) -> u64 {
    let pick = rng.below(3);
    match pick {
        0 => (1 << 53) + rng.below(1000) as u64,
        1 => u64::MAX - rng.below(1000) as u64,
        _ => 1 << (53 + rng.below(11)),
    }
}

fn flip_bit(rng: &mut Rng, bytes: &mut [u8]) {
    if !bytes.is_empty() {
        let at = rng.below(bytes.len());
        bytes[at] ^= 1 << rng.below(8);
    }
}

/// A LEB128 varint at `at`: its value and length, if one ends within 10 bytes.
fn read_varint(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (b, i) in bytes.get(at..)?.iter().take(10).zip(0u32..) {
        value |= u64::from(b & 0x7F).checked_shl(7 * i).unwrap_or(0);
        if b & 0x80 == 0 {
            return Some((value, usize::try_from(i).ok()? + 1));
        }
    }
    None
}

pub fn write_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push(((value & 0x7f) as u8) | 0x80);
        value >>= 7;
    }
    out.push((value & 0x7f) as u8);
}

fn replace_varint(bytes: &mut Vec<u8>, at: usize, len: usize, value: u64) {
    let mut encoded = Vec::new();
    write_varint(value, &mut encoded);
    bytes.splice(at..at + len, encoded);
}

/// Bumps whatever varint starts at a random place: a count, a length, a clock.
fn bump_any_varint(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    let at = rng.below(bytes.len());
    if let Some((value, len)) = read_varint(bytes, at) {
        let bumped = match rng.below(4) {
            0 => value.wrapping_add(1),
            1 => value.wrapping_add(1 + rng.below(1 << 16) as u64),
            2 => value.wrapping_mul(2).wrapping_add(1),
            _ => *rng.pick(EDGES),
        };
        replace_varint(bytes, at, len, bumped);
    }
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Clients,
    Structs,
    Client,
    Clock,
}

/// Where the first block's header fields are: `[clients, structs, client, clock]`
/// as (offset, length) pairs, and the offset of the first info byte.
fn header(bytes: &[u8]) -> Option<([(usize, usize); 4], usize)> {
    let mut at = 0;
    let mut fields = [(0, 0); 4];
    for field in &mut fields {
        let (_, len) = read_varint(bytes, at)?;
        *field = (at, len);
        at += len;
    }
    Some((fields, at))
}

/// `bytes` with the first block's client id replaced: `yrs` itself cannot make a
/// document with a client id of 2^53 or more (Yjs cannot represent one), so such
/// updates only come from a crafted client.
pub fn with_client(bytes: &[u8], client: u64) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if let Some((fields, _)) = header(&out) {
        let (at, len) = fields[Field::Client as usize];
        replace_varint(&mut out, at, len, client);
    }
    out
}

fn set_header(rng: &mut Rng, bytes: &mut Vec<u8>, field: Field, value: u64) {
    match header(bytes) {
        Some((fields, _)) => {
            let (at, len) = fields[field as usize];
            replace_varint(bytes, at, len, value);
        }
        // Too broken to have a header: a bump elsewhere is still a mutation.
        None => bump_any_varint(rng, bytes),
    }
}

/// Replaces a length-prefixed name the board uses with another (or with a length
/// that claims more than is there).
fn swap_name(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let found: Vec<(usize, usize)> = NAMES
        .iter()
        .flat_map(|name| {
            let mut needle = vec![u8::try_from(name.len()).unwrap()];
            needle.extend_from_slice(name.as_bytes());
            positions(bytes, &needle)
                .into_iter()
                .map(move |at| (at, needle.len()))
        })
        .collect();
    let Some(&(at, len)) = found.get(rng.below(found.len().max(1))) else {
        return flip_bit(rng, bytes);
    };
    let mut with = Vec::new();
    if rng.chance(15) {
        write_varint(*rng.pick(EDGES), &mut with);
        with.extend_from_slice(&bytes[at + 1..at + len]);
    } else {
        let name = rng.pick(NAMES);
        with.push(u8::try_from(name.len()).unwrap());
        with.extend_from_slice(name.as_bytes());
    }
    bytes.splice(at..at + len, with);
}

fn positions(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Changes which content an item says it holds (its info byte's low five bits, or
/// the type ref after a type), or the tag of an `Any` value.
fn swap_kind(rng: &mut Rng, bytes: &mut [u8]) {
    let first_info = header(bytes)
        .map(|(_, at)| at)
        .filter(|&at| at < bytes.len());
    match first_info {
        Some(at) if rng.chance(50) => {
            let flags = bytes[at] & 0xE0;
            bytes[at] = flags | u8::try_from(rng.below(12)).unwrap();
            // A type's ref follows a content-type info byte (7).
            if bytes[at] & 0x1F == 7
                && rng.chance(50)
                && let Some(next) = bytes.get_mut(at + 1)
            {
                *next = u8::try_from(rng.below(9)).unwrap();
            }
        }
        _ => {
            let tags: Vec<usize> = (0..bytes.len())
                .filter(|&i| ANY_TAGS.contains(&bytes[i]))
                .collect();
            match tags.get(rng.below(tags.len().max(1))) {
                Some(&at) => bytes[at] = 116 + u8::try_from(rng.below(12)).unwrap(),
                None => flip_bit(rng, bytes),
            }
        }
    }
}
