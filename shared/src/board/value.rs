//! Reading typed values out of `yrs` maps. Documents come from other people's
//! browsers, so every read tolerates a missing or wrongly typed field.

use yrs::types::map::MapRef;
use yrs::{Any, Map, Out, ReadTxn};

pub(crate) fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<String> {
    match map.get(txn, key)? {
        Out::Any(Any::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

pub(crate) fn boolean<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<bool> {
    match map.get(txn, key)? {
        Out::Any(Any::Bool(b)) => Some(b),
        _ => None,
    }
}

pub(crate) fn number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<f64> {
    match map.get(txn, key)? {
        Out::Any(Any::Number(n)) => n.as_f64(),
        _ => None,
    }
}

pub(crate) fn int<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<i64> {
    let n = number(map, txn, key)?;
    // Whole and finite; one beyond i64's range saturates rather than wraps.
    (n.is_finite() && n.fract() == 0.0).then_some(crate::float::to_i64(n))
}
