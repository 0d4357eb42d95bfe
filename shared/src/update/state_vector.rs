//! State vectors (sync step 1): what a peer says it already has, per client.
//!
//! yrs reserves room for the claimed number of entries before reading one, so 16
//! bytes can make it allocate a gibibyte; here the list grows only with entries
//! actually read, and a claim that cannot fit in the bytes present is refused first.

use std::collections::HashSet;

use super::reader::Reader;
use super::{MAX_STATE_VECTOR, UpdateError};

/// The fewest bytes an entry takes: client and clock.
const MIN_ENTRY_BYTES: usize = 2;

/// Reads a v1 state vector as `(client, clock)` pairs in the order sent. Refuses
/// more than [`MAX_STATE_VECTOR`] entries, a client named twice, clocks beyond
/// `u32` and trailing bytes.
pub fn decode_state_vector(bytes: &[u8]) -> Result<Vec<(u64, u32)>, UpdateError> {
    let mut r = Reader::new(bytes);
    let count = r.count(MIN_ENTRY_BYTES, MAX_STATE_VECTOR)?;
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for _ in 0..count {
        let client = r.client()?;
        let clock = r.clock()?;
        if !seen.insert(client) {
            return Err(UpdateError::DuplicateClient(client));
        }
        entries.push((client, clock));
    }
    r.finish()?;
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::lib0::{DecodeError, Encoder};
    use yrs::updates::encoder::Encode;
    use yrs::{Doc, Map, ReadTxn, Transact};

    #[test]
    fn reads_what_yrs_writes() {
        let doc = Doc::with_client_id(4_000_000_000);
        let map = doc.get_or_insert_map("m");
        map.insert(&mut doc.transact_mut(), "k", 1);
        map.insert(&mut doc.transact_mut(), "k", 2);
        let bytes = doc.transact().state_vector().encode_v1();
        assert_eq!(decode_state_vector(&bytes).unwrap(), [(4_000_000_000, 2)]);
        assert_eq!(decode_state_vector(&[0]).unwrap(), []);
    }

    #[test]
    fn huge_claims_are_truncation() {
        // 16 bytes claiming 2^29 entries.
        let mut bytes = vec![0x80, 0x80, 0x80, 0x80, 0x02];
        bytes.resize(16, 1);
        assert_eq!(
            decode_state_vector(&bytes),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
    }

    #[test]
    fn malformed_entries_are_refused() {
        assert_eq!(
            decode_state_vector(&[2, 7, 1, 7, 2]),
            Err(UpdateError::DuplicateClient(7))
        );
        let mut e = Encoder::new();
        e.var_uint(1).var_uint(7).var_uint(1 << 32);
        assert_eq!(
            decode_state_vector(&e.finish()),
            Err(UpdateError::ClockOverflow)
        );
        assert_eq!(
            decode_state_vector(&[1, 7, 1, 0]),
            Err(UpdateError::Decode(DecodeError::TrailingBytes(1)))
        );
        let mut e = Encoder::new();
        e.var_uint(MAX_STATE_VECTOR as u64 + 1);
        for client in 0..=MAX_STATE_VECTOR as u64 {
            e.var_uint(client).var_uint(1);
        }
        assert_eq!(
            decode_state_vector(&e.finish()),
            Err(UpdateError::TooMany(MAX_STATE_VECTOR))
        );
    }
}
