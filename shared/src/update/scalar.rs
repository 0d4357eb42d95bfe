//! lib0 `Any` values, scalars only.
//!
//! The board stores only strings, numbers, booleans and null in its maps. Arrays,
//! objects and buffers are refused at their tag, before their contents are read, so
//! no value can nest and nothing here recurses (yrs' own `Any::decode` recurses once
//! per nesting level).

use super::reader::Reader;
use super::{MAX_VALUES, Scalar, UpdateError};

/// lib0's one-byte value tags (lib0 `encoding.writeAny`).
mod tag {
    pub const UNDEFINED: u8 = 127;
    pub const NULL: u8 = 126;
    pub const INT: u8 = 125;
    pub const FLOAT32: u8 = 124;
    pub const FLOAT64: u8 = 123;
    pub const BIGINT: u8 = 122;
    pub const FALSE: u8 = 121;
    pub const TRUE: u8 = 120;
    pub const STRING: u8 = 119;
}

pub(crate) fn read_scalar<'a>(r: &mut Reader<'a>) -> Result<Scalar<'a>, UpdateError> {
    Ok(match r.u8()? {
        tag::UNDEFINED => Scalar::Undefined,
        tag::NULL => Scalar::Null,
        tag::INT => Scalar::Int(r.lib0().var_int()?),
        tag::FLOAT32 => Scalar::Float(f64::from(r.lib0().f32_be()?)),
        tag::FLOAT64 => Scalar::Float(r.lib0().f64_be()?),
        tag::BIGINT => Scalar::Int(r.lib0().i64_be()?),
        tag::FALSE => Scalar::Bool(false),
        tag::TRUE => Scalar::Bool(true),
        tag::STRING => Scalar::String(r.var_string()?),
        // 118 object, 117 array, 116 buffer, and tags lib0 does not define.
        other => return Err(UpdateError::ValueKind(other)),
    })
}

/// The values of a `ContentAny`: a count, then that many values. The list grows
/// only with values actually read.
pub(crate) fn read_values<'a>(r: &mut Reader<'a>) -> Result<Vec<Scalar<'a>>, UpdateError> {
    // yrs drops a `ContentAny` without values (and does not advance the clock for it),
    // and neither yrs nor yjs writes one: refused rather than reproduced.
    let claimed = r.var_uint()?;
    if claimed == 0 {
        return Err(UpdateError::EmptyStruct);
    }
    let count = r.bounded(claimed, 1, MAX_VALUES)?;
    let mut values = Vec::new();
    for _ in 0..count {
        values.push(read_scalar(r)?);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::lib0::DecodeError;
    use yrs::Any;
    use yrs::encoding::write::Write;

    fn encoded(values: &[Any]) -> Vec<u8> {
        let mut buf = Vec::new();
        buf.write_var(values.len() as u64);
        for v in values {
            v.encode(&mut buf);
        }
        buf
    }

    fn read(bytes: &[u8]) -> Result<Vec<Scalar<'_>>, UpdateError> {
        let mut r = Reader::new(bytes);
        let values = read_values(&mut r)?;
        r.finish()?;
        Ok(values)
    }

    #[test]
    fn scalars_written_by_yrs_read_back() {
        let values = [
            Any::Undefined,
            Any::Null,
            Any::Bool(true),
            Any::Bool(false),
            Any::from(0.25f64),
            Any::from(1.1f64),
            Any::from(-3i64),
            // yrs writes integers beyond 32 bits as floats when that is exact.
            Any::from(1_700_000_000_000i64),
            Any::from("kaart ✓"),
        ];
        let bytes = encoded(&values);
        assert_eq!(
            read(&bytes).unwrap(),
            [
                Scalar::Undefined,
                Scalar::Null,
                Scalar::Bool(true),
                Scalar::Bool(false),
                Scalar::Float(0.25),
                Scalar::Float(1.1),
                Scalar::Int(-3),
                Scalar::Float(1_700_000_000_000.0),
                Scalar::String("kaart ✓"),
            ]
        );
    }

    #[test]
    fn float32_widens_and_bigint_is_big_endian() {
        let mut bytes = vec![2, tag::FLOAT32];
        bytes.extend_from_slice(&0.5f32.to_be_bytes());
        bytes.push(tag::BIGINT);
        bytes.extend_from_slice(&(i64::MIN + 1).to_be_bytes());
        assert_eq!(
            read(&bytes).unwrap(),
            [Scalar::Float(0.5), Scalar::Int(i64::MIN + 1)]
        );
        // yrs' own writer picks bigint only for integers no float holds exactly.
        let odd = i64::MAX - 2;
        assert_eq!(
            read(&encoded(&[Any::from(odd)])).unwrap(),
            [Scalar::Int(odd)]
        );
    }

    #[test]
    fn containers_and_unknown_tags_are_refused_at_the_tag() {
        let nested = Any::Array(vec![Any::Array(vec![Any::Null].into())].into());
        assert_eq!(read(&encoded(&[nested])), Err(UpdateError::ValueKind(117)));
        let map = Any::Map(std::collections::HashMap::from([("k".to_owned(), Any::Null)]).into());
        assert_eq!(read(&encoded(&[map])), Err(UpdateError::ValueKind(118)));
        let buffer = Any::Buffer(vec![1u8, 2, 3].into());
        assert_eq!(read(&encoded(&[buffer])), Err(UpdateError::ValueKind(116)));
        assert_eq!(read(&[1, 115]), Err(UpdateError::ValueKind(115)));
        assert_eq!(read(&[1, 128]), Err(UpdateError::ValueKind(128)));
    }

    #[test]
    fn counts_are_bounded() {
        assert_eq!(read(&[0]), Err(UpdateError::EmptyStruct));
        // Claims more values than there are bytes.
        assert_eq!(
            read(&[0xff, 0xff, 0xff, 0xff, 0x0f, 126]),
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
        );
        let mut many = encoded(&vec![Any::Null; MAX_VALUES + 1]);
        assert_eq!(read(&many), Err(UpdateError::TooMany(MAX_VALUES)));
        many = encoded(&vec![Any::Null; MAX_VALUES]);
        assert_eq!(read(&many).unwrap().len(), MAX_VALUES);
    }

    #[test]
    fn truncated_values_are_unexpected_end() {
        let bytes = encoded(&[Any::from(1.5f64), Any::from("abc")]);
        for cut in 0..bytes.len() {
            assert!(read(&bytes[..cut]).is_err(), "prefix of {cut} bytes");
        }
    }
}
