//! The numbers of an update as the update format means them: clocks and lengths that
//! must fit yrs' `u32` clock, client ids, struct ids, and counts that are checked
//! against the bytes present and a limit before anything loops over them.
//!
//! Built on [`crate::protocol::lib0::Decoder`], which already bounds every length by
//! the bytes left; this layer adds the meaning (`ClockOverflow`, `TooMany`).

use super::{Id, UpdateError};
use crate::protocol::lib0::{DecodeError, Decoder};

#[derive(Debug)]
pub(crate) struct Reader<'a> {
    inner: Decoder<'a>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self {
            inner: Decoder::new(bytes),
        }
    }

    /// The lib0 primitives (strings, floats, signed varints) for the value reader.
    pub(crate) fn lib0(&mut self) -> &mut Decoder<'a> {
        &mut self.inner
    }

    pub(crate) fn u8(&mut self) -> Result<u8, UpdateError> {
        Ok(self.inner.u8()?)
    }

    pub(crate) fn var_uint(&mut self) -> Result<u64, UpdateError> {
        Ok(self.inner.var_uint()?)
    }

    pub(crate) fn var_string(&mut self) -> Result<&'a str, UpdateError> {
        Ok(self.inner.var_string()?)
    }

    /// A clock or a length. yrs reads these as `u32` and silently wraps larger
    /// encodings, so a value above `u32::MAX` would mean something else to yrs than
    /// to us: refused.
    pub(crate) fn clock(&mut self) -> Result<u32, UpdateError> {
        u32::try_from(self.var_uint()?).map_err(|_| UpdateError::ClockOverflow)
    }

    /// A length that must be at least 1 (a struct or a deleted range).
    pub(crate) fn len(&mut self) -> Result<u32, UpdateError> {
        match self.clock()? {
            0 => Err(UpdateError::EmptyStruct),
            len => Ok(len),
        }
    }

    /// A client id: yjs makes them 53-bit (a JavaScript safe integer), and yrs'
    /// `ClientID::new` asserts that in debug builds and masks the rest away in release.
    pub(crate) fn client(&mut self) -> Result<u64, UpdateError> {
        match self.var_uint()? {
            client if client < 1 << 53 => Ok(client),
            _ => Err(UpdateError::ClientOverflow),
        }
    }

    pub(crate) fn id(&mut self) -> Result<Id, UpdateError> {
        let client = self.client()?;
        let clock = self.clock()?;
        Ok(Id { client, clock })
    }

    /// A count of entries that each take at least `min_bytes` bytes. A count that
    /// cannot fit in what is left is a truncated message, whatever it claims; one that
    /// fits but exceeds `limit` is refused before the first entry is read.
    pub(crate) fn count(&mut self, min_bytes: usize, limit: usize) -> Result<usize, UpdateError> {
        let claimed = self.var_uint()?;
        self.bounded(claimed, min_bytes, limit)
    }

    /// [`Reader::count`] for a count already read.
    pub(crate) fn bounded(
        &self,
        claimed: u64,
        min_bytes: usize,
        limit: usize,
    ) -> Result<usize, UpdateError> {
        let fits = self.inner.remaining() / min_bytes.max(1);
        let count = usize::try_from(claimed)
            .ok()
            .filter(|&n| n <= fits)
            .ok_or(DecodeError::UnexpectedEnd)?;
        if count > limit {
            return Err(UpdateError::TooMany(limit));
        }
        Ok(count)
    }

    pub(crate) fn finish(self) -> Result<(), UpdateError> {
        Ok(self.inner.finish()?)
    }
}

/// `clock + len`, the clock after a run of `len` ticks, if it fits in yrs' `u32`.
pub(crate) fn end_of(clock: u32, len: u32) -> Result<u32, UpdateError> {
    clock.checked_add(len).ok_or(UpdateError::ClockOverflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_above_u32_are_overflow() {
        // u32::MAX, then u32::MAX + 1.
        let bytes = [0xff, 0xff, 0xff, 0xff, 0x0f, 0x80, 0x80, 0x80, 0x80, 0x10];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.clock(), Ok(u32::MAX));
        assert_eq!(r.clock(), Err(UpdateError::ClockOverflow));
        r.finish().unwrap();
    }

    #[test]
    fn zero_length_is_empty() {
        assert_eq!(Reader::new(&[0]).len(), Err(UpdateError::EmptyStruct));
        assert_eq!(Reader::new(&[3]).len(), Ok(3));
    }

    #[test]
    fn clients_are_53_bit() {
        let mut e = crate::protocol::lib0::Encoder::new();
        e.var_uint((1 << 53) - 1).var_uint(1 << 53);
        let bytes = e.finish();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.client(), Ok((1 << 53) - 1));
        assert_eq!(r.client(), Err(UpdateError::ClientOverflow));
    }

    #[test]
    fn ids_read_client_then_clock() {
        let mut r = Reader::new(&[0xac, 0x02, 7]);
        assert_eq!(
            r.id(),
            Ok(Id {
                client: 300,
                clock: 7
            })
        );
        let mut r = Reader::new(&[1, 0x80, 0x80, 0x80, 0x80, 0x10]);
        assert_eq!(r.id(), Err(UpdateError::ClockOverflow));
    }

    #[test]
    fn counts_are_checked_against_bytes_then_limit() {
        // Claims 2^29 entries of 2 bytes with 2 bytes left.
        let mut r = Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x02, 0, 0]);
        assert_eq!(
            r.count(2, 65_536),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
        let mut r = Reader::new(&[3, 0, 0, 0, 0, 0, 0]);
        assert_eq!(r.count(2, 3), Ok(3));
        let mut r = Reader::new(&[3, 0, 0, 0, 0, 0, 0]);
        assert_eq!(r.count(2, 2), Err(UpdateError::TooMany(2)));
        let mut r = Reader::new(&[4, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            r.count(2, 10),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
    }

    #[test]
    fn ends_that_overflow_are_refused() {
        assert_eq!(end_of(u32::MAX - 1, 1), Ok(u32::MAX));
        assert_eq!(end_of(u32::MAX, 1), Err(UpdateError::ClockOverflow));
    }
}
