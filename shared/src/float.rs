//! Floating point to integer (and `f64` to `f32`) conversions, the one place where a
//! narrowing `as` is allowed (`clippy::cast_possible_truncation` is denied everywhere
//! else).
//!
//! Rust's `as` from a float is defined, never undefined: it rounds toward zero, saturates
//! at the target's bounds and maps NaN to 0 (and `f64 as f32` rounds to the nearest
//! `f32`, overflowing to infinity). Geometry, pixels and durations computed in floating
//! point want exactly that, so the callers round first (`round`, `floor`, `ceil`) and say
//! why the value fits; a value that does not fit is clamped, never wrapped.
#![allow(
    clippy::cast_possible_truncation,
    reason = "this module is the saturating float conversions the lint asks for elsewhere"
)]

/// `x` truncated toward zero, saturated to `i32`, NaN as 0.
pub const fn to_i32(x: f64) -> i32 {
    x as i32
}

/// `x` truncated toward zero, saturated to `i64`, NaN as 0.
pub const fn to_i64(x: f64) -> i64 {
    x as i64
}

/// `x` truncated toward zero, saturated to `u32` (negative as 0), NaN as 0.
pub const fn to_u32(x: f64) -> u32 {
    x as u32
}

/// `x` truncated toward zero, saturated to `u16` (negative as 0), NaN as 0.
pub const fn to_u16(x: f64) -> u16 {
    x as u16
}

/// `x` truncated toward zero, saturated to `u8` (negative as 0), NaN as 0.
pub const fn to_u8(x: f64) -> u8 {
    x as u8
}

/// `x` truncated toward zero, saturated to `usize` (negative as 0), NaN as 0.
pub const fn to_usize(x: f64) -> usize {
    x as usize
}

/// `x` rounded to the nearest `f32` (beyond its range: infinity), for drawing libraries
/// that work in `f32`.
pub const fn to_f32(x: f64) -> f32 {
    x as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturates_and_maps_nan_to_zero() {
        assert_eq!(to_i32(1e12), i32::MAX);
        assert_eq!(to_i32(-1e12), i32::MIN);
        assert_eq!(to_u32(-3.0), 0);
        assert_eq!(to_u8(300.0), 255);
        assert_eq!(to_usize(f64::NAN), 0);
        assert_eq!(to_i64(-2.9), -2);
        assert_eq!(to_u16(65_535.9), 65_535);
        assert_eq!(to_f32(1e300), f32::INFINITY);
        assert_eq!(to_f32(0.5), 0.5);
    }
}
