//! The lib0 binary encoding used by y-protocols: variable-length unsigned integers
//! (7 bits per byte, least significant group first, high bit = "more follows"),
//! length-prefixed byte arrays and UTF-8 strings. Decoding never trusts a length: it is
//! checked against the bytes actually left, so hostile input cannot make us allocate.

/// Why a frame could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the message ended early")]
    UnexpectedEnd,
    #[error("a number in the message is too large")]
    VarIntOverflow,
    #[error("a text in the message is not valid UTF-8")]
    InvalidUtf8,
    #[error("unknown message type {0}")]
    UnknownMessageType(u64),
    #[error("unknown sync message type {0}")]
    UnknownSyncType(u64),
    #[error("invalid document name: {0}")]
    InvalidDocName(#[from] crate::ids::IdError),
    #[error("invalid field {field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("{0} unexpected bytes after the end of the message")]
    TrailingBytes(usize),
}

#[derive(Debug, Default)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub fn var_uint(&mut self, mut n: u64) -> &mut Self {
        while n >= 0x80 {
            self.buf.push(((n & 0x7f) as u8) | 0x80);
            n >>= 7;
        }
        // Under 0x80 after the loop: the mask keeps all of it.
        self.buf.push((n & 0x7f) as u8);
        self
    }

    pub fn var_bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.var_uint(bytes.len() as u64);
        self.buf.extend_from_slice(bytes);
        self
    }

    pub fn var_string(&mut self, s: &str) -> &mut Self {
        self.var_bytes(s.as_bytes())
    }

    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

#[derive(Debug)]
pub struct Decoder<'a> {
    rest: &'a [u8],
}

impl<'a> Decoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    pub fn var_uint(&mut self) -> Result<u64, DecodeError> {
        let mut n: u64 = 0;
        for shift in (0..70).step_by(7) {
            let (&byte, rest) = self.rest.split_first().ok_or(DecodeError::UnexpectedEnd)?;
            self.rest = rest;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(DecodeError::VarIntOverflow);
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(DecodeError::VarIntOverflow)
    }

    pub fn var_u32(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.var_uint()?).map_err(|_| DecodeError::VarIntOverflow)
    }

    pub fn var_bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = usize::try_from(self.var_uint()?).map_err(|_| DecodeError::VarIntOverflow)?;
        if len > self.rest.len() {
            return Err(DecodeError::UnexpectedEnd);
        }
        let (bytes, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(bytes)
    }

    pub fn var_string(&mut self) -> Result<&'a str, DecodeError> {
        std::str::from_utf8(self.var_bytes()?).map_err(|_| DecodeError::InvalidUtf8)
    }

    /// How many bytes are left: what a claimed count is checked against before any
    /// loop or allocation trusts it.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        let (&byte, rest) = self.rest.split_first().ok_or(DecodeError::UnexpectedEnd)?;
        self.rest = rest;
        Ok(byte)
    }

    /// Exactly `N` bytes (fixed-width numbers).
    pub fn fixed<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let (head, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or(DecodeError::UnexpectedEnd)?;
        self.rest = rest;
        Ok(*head)
    }

    /// lib0's signed varint: the first byte holds "more follows" (0x80), the sign
    /// (0x40) and 6 value bits, every further byte 7 bits. Magnitudes beyond 63 bits
    /// and encodings longer than 10 bytes are refused: `yrs` shifts past 64 bits on
    /// an 11th byte and negates `i64::MIN`, both of which panic in debug builds.
    pub fn var_int(&mut self) -> Result<i64, DecodeError> {
        let first = self.u8()?;
        let negative = first & 0x40 != 0;
        let mut magnitude = u64::from(first & 0x3f);
        let mut more = first & 0x80 != 0;
        let mut shift = 6;
        while more {
            if shift > 62 {
                return Err(DecodeError::VarIntOverflow);
            }
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 62 && bits > 1 {
                return Err(DecodeError::VarIntOverflow);
            }
            magnitude |= bits << shift;
            more = byte & 0x80 != 0;
            shift += 7;
        }
        let value = i64::try_from(magnitude).map_err(|_| DecodeError::VarIntOverflow)?;
        Ok(if negative { -value } else { value })
    }

    pub fn f32_be(&mut self) -> Result<f32, DecodeError> {
        Ok(f32::from_be_bytes(self.fixed()?))
    }

    pub fn f64_be(&mut self) -> Result<f64, DecodeError> {
        Ok(f64::from_be_bytes(self.fixed()?))
    }

    /// lib0's bigint: 8 bytes, big-endian, two's complement.
    pub fn i64_be(&mut self) -> Result<i64, DecodeError> {
        Ok(i64::from_be_bytes(self.fixed()?))
    }

    /// Fails unless every byte was consumed: trailing garbage means the peer and we
    /// disagree about the format, which must not pass silently.
    pub fn finish(self) -> Result<(), DecodeError> {
        match self.rest.len() {
            0 => Ok(()),
            n => Err(DecodeError::TrailingBytes(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_uint_matches_lib0() {
        // Reference bytes from lib0's encoding.writeVarUint.
        let cases: [(u64, &[u8]); 5] = [
            (0, &[0]),
            (127, &[127]),
            (128, &[0x80, 0x01]),
            (300, &[0xac, 0x02]),
            (
                u64::MAX,
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
        ];
        for (n, bytes) in cases {
            let mut e = Encoder::new();
            e.var_uint(n);
            assert_eq!(e.finish(), bytes, "encoding {n}");
            let mut d = Decoder::new(bytes);
            assert_eq!(d.var_uint().unwrap(), n);
            d.finish().unwrap();
        }
    }

    #[test]
    fn rejects_overflow_and_truncation() {
        let too_long = [0xffu8; 11];
        assert_eq!(
            Decoder::new(&too_long).var_uint(),
            Err(DecodeError::VarIntOverflow)
        );
        assert_eq!(
            Decoder::new(&[0x80]).var_uint(),
            Err(DecodeError::UnexpectedEnd)
        );
        // A length prefix larger than the rest of the message.
        assert_eq!(
            Decoder::new(&[5, 1, 2]).var_bytes(),
            Err(DecodeError::UnexpectedEnd)
        );
        assert_eq!(
            Decoder::new(&[1, 0xff]).var_string(),
            Err(DecodeError::InvalidUtf8)
        );
    }

    #[test]
    fn var_int_matches_lib0() {
        // Reference bytes from lib0's encoding.writeVarInt (yrs `write_var_i64`).
        let cases: [(i64, &[u8]); 7] = [
            (0, &[0x00]),
            (63, &[0x3f]),
            (-1, &[0x41]),
            (64, &[0x80, 0x01]),
            (-64, &[0xc0, 0x01]),
            (1_700_000_000_000, &[0x80, 0xa0, 0xab, 0xfe, 0xf9, 0x62]),
            (
                i64::MAX,
                &[0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
        ];
        for (n, bytes) in cases {
            let mut d = Decoder::new(bytes);
            assert_eq!(d.var_int().unwrap(), n, "decoding {bytes:02x?}");
            d.finish().unwrap();
        }
        // A 64th magnitude bit, and an 11th byte even when it adds nothing.
        let big = [0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03];
        assert_eq!(
            Decoder::new(&big).var_int(),
            Err(DecodeError::VarIntOverflow)
        );
        let long = [
            0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00,
        ];
        assert_eq!(
            Decoder::new(&long).var_int(),
            Err(DecodeError::VarIntOverflow)
        );
        assert_eq!(
            Decoder::new(&[0x80]).var_int(),
            Err(DecodeError::UnexpectedEnd)
        );
    }

    #[test]
    fn fixed_width_numbers_are_big_endian() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&1.5f32.to_be_bytes());
        bytes.extend_from_slice(&(-0.25f64).to_be_bytes());
        bytes.extend_from_slice(&(-2i64).to_be_bytes());
        let mut d = Decoder::new(&bytes);
        assert_eq!(d.remaining(), 20);
        assert_eq!(d.f32_be().unwrap(), 1.5);
        assert_eq!(d.f64_be().unwrap(), -0.25);
        assert_eq!(d.i64_be().unwrap(), -2);
        d.finish().unwrap();
        assert_eq!(
            Decoder::new(&[0; 7]).f64_be(),
            Err(DecodeError::UnexpectedEnd)
        );
        assert_eq!(Decoder::new(&[]).u8(), Err(DecodeError::UnexpectedEnd));
    }

    #[test]
    fn strings_round_trip() {
        let mut e = Encoder::new();
        e.var_string("héllo 👋").var_bytes(&[1, 2, 3]);
        let bytes = e.finish();
        let mut d = Decoder::new(&bytes);
        assert_eq!(d.var_string().unwrap(), "héllo 👋");
        assert_eq!(d.var_bytes().unwrap(), &[1, 2, 3]);
        d.finish().unwrap();
    }
}
