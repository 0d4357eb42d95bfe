//! The delete set that ends every v1 update: per client, ranges of deleted clocks.
//!
//! yrs adds `clock + len` unchecked (a panic in debug builds, a wrapped range in
//! release) and lets a repeated client silently replace the earlier one, so both are
//! refused here. Neither yrs nor yjs writes a range of length zero (yrs' range set
//! drops them on insert); a client with no ranges is harmless and accepted.

use std::collections::HashSet;

use super::reader::{Reader, end_of};
use super::{DeleteRange, UpdateError};

/// The fewest bytes a client entry takes: client and range count.
const MIN_CLIENT_BYTES: usize = 2;
/// The fewest bytes a range takes: clock and length.
const MIN_RANGE_BYTES: usize = 2;

pub(crate) fn read_delete_set(
    r: &mut Reader<'_>,
    max_ranges: usize,
) -> Result<Vec<DeleteRange>, UpdateError> {
    let clients = r.count(MIN_CLIENT_BYTES, max_ranges)?;
    let mut seen = HashSet::new();
    let mut ranges = Vec::new();
    for _ in 0..clients {
        let client = r.client()?;
        let count = r.count(MIN_RANGE_BYTES, usize::MAX)?;
        if ranges.len() + count > max_ranges {
            return Err(UpdateError::TooMany(max_ranges));
        }
        if !seen.insert(client) {
            return Err(UpdateError::DuplicateClient(client));
        }
        for _ in 0..count {
            let clock = r.clock()?;
            let len = r.len()?;
            end_of(clock, len)?;
            ranges.push(DeleteRange { client, clock, len });
        }
    }
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::lib0::{DecodeError, Encoder};
    use crate::update::MAX_DELETE_RANGES;

    fn read(bytes: &[u8]) -> Result<Vec<DeleteRange>, UpdateError> {
        let mut r = Reader::new(bytes);
        let ranges = read_delete_set(&mut r, MAX_DELETE_RANGES)?;
        r.finish()?;
        Ok(ranges)
    }

    #[test]
    fn ranges_per_client() {
        let bytes = [2, 7, 2, 0, 3, 10, 1, 9, 0];
        assert_eq!(
            read(&bytes).unwrap(),
            [
                DeleteRange {
                    client: 7,
                    clock: 0,
                    len: 3
                },
                DeleteRange {
                    client: 7,
                    clock: 10,
                    len: 1
                },
            ]
        );
        assert_eq!(read(&[0]).unwrap(), []);
    }

    #[test]
    fn matches_yrs_encoding() {
        use yrs::updates::encoder::Encode;
        let mut set = yrs::IdSet::new();
        set.insert(yrs::ID::new(yrs::ClientID::new(300), 5), 2);
        set.insert(yrs::ID::new(yrs::ClientID::new(300), 9), 4);
        set.insert(yrs::ID::new(yrs::ClientID::new(2), 0), 1);
        let mut ranges = read(&set.encode_v1()).unwrap();
        ranges.sort_by_key(|r| (r.client, r.clock));
        let flat: Vec<(u64, u32, u32)> =
            ranges.iter().map(|r| (r.client, r.clock, r.len)).collect();
        assert_eq!(flat, [(2, 0, 1), (300, 5, 2), (300, 9, 4)]);
    }

    #[test]
    fn malformed_ranges_are_refused() {
        assert_eq!(read(&[1, 7, 1, 4, 0]), Err(UpdateError::EmptyStruct));
        assert_eq!(
            read(&[2, 7, 1, 0, 1, 7, 1, 4, 1]),
            Err(UpdateError::DuplicateClient(7))
        );
        let mut e = Encoder::new();
        e.var_uint(1).var_uint(7).var_uint(1);
        e.var_uint(u64::from(u32::MAX)).var_uint(1);
        assert_eq!(read(&e.finish()), Err(UpdateError::ClockOverflow));
        let mut e = Encoder::new();
        e.var_uint(1).var_uint(7).var_uint(1);
        e.var_uint(1 << 32).var_uint(1);
        assert_eq!(read(&e.finish()), Err(UpdateError::ClockOverflow));
    }

    #[test]
    fn counts_are_bounded() {
        let mut e = Encoder::new();
        e.var_uint(1)
            .var_uint(7)
            .var_uint(1 << 29)
            .var_uint(0)
            .var_uint(1);
        assert_eq!(
            read(&e.finish()),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
        let mut e = Encoder::new();
        e.var_uint(1)
            .var_uint(7)
            .var_uint(MAX_DELETE_RANGES as u64 + 1);
        for clock in 0..=MAX_DELETE_RANGES as u64 {
            e.var_uint(clock * 2).var_uint(1);
        }
        assert_eq!(
            read(&e.finish()),
            Err(UpdateError::TooMany(MAX_DELETE_RANGES))
        );
    }
}
