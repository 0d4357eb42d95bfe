//! The wall clock, read once here: milliseconds since the Unix epoch, the time every
//! stored record, attendance event and cluster message carries.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch; 0 for a clock set before 1970 (nothing stored
/// then could be ordered anyway).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .unwrap_or(0)
}

/// [`now_ms`] for the protocol and cluster fields, which are unsigned.
pub fn now_ms_unsigned() -> u64 {
    u64::try_from(now_ms()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_after_2020() {
        // 2020-01-01 in milliseconds: a clock this far off means the conversion broke.
        assert!(now_ms() > 1_577_836_800_000);
        assert_eq!(
            now_ms_unsigned() / 1000,
            u64::try_from(now_ms()).unwrap() / 1000
        );
    }
}
