//! Dates for people and machines: in UTC where no zone is known, in the session's
//! [`TimeZone`] where people read the time of day (attendance, file names). A few lines
//! of calendar arithmetic instead of a date crate.

use crate::time_zone::{TimeZone, offset_text};

/// Splits ms since the Unix epoch into (year, month, day, hour, minute, second, ms).
fn civil(ms: i64) -> (i64, u32, u32, u32, u32, u32, u32) {
    // Each part below is in its calendar range (0..1000, 1..=31, ...): the conversions
    // cannot fail, their fallbacks are never taken.
    let millis = u32::try_from(ms.rem_euclid(1000)).unwrap_or(0);
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let of_day = u32::try_from(secs.rem_euclid(86_400)).unwrap_or(0);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
        millis,
    )
}

/// `2025-03-14T09:26:53.589Z`
pub fn iso_millis(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = civil(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// `2025-03-14 09:26 UTC`, for reports.
pub fn date_time(ms: i64) -> String {
    let (y, mo, d, h, mi, ..) = civil(ms);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

/// `2025-03-14`
pub fn date(ms: i64) -> String {
    let (y, mo, d, ..) = civil(ms);
    format!("{y:04}-{mo:02}-{d:02}")
}

/// `2026-12-06`, the local date in a zone.
pub fn date_in(ms: i64, zone: TimeZone) -> String {
    date(zone.local_ms(ms))
}

/// `09:30`, the local time of day in a zone.
pub fn clock_in(ms: i64, zone: TimeZone) -> String {
    let (_, _, _, h, mi, ..) = civil(zone.local_ms(ms));
    format!("{h:02}:{mi:02}")
}

/// `2026-12-06T09:30:05+01:00`: the local time with its offset, unambiguous.
pub fn iso_in(ms: i64, zone: TimeZone) -> String {
    let (y, mo, d, h, mi, s, _) = civil(zone.local_ms(ms));
    let offset = offset_text(zone.offset_minutes(ms));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{offset}")
}

/// `D:20250314092653Z`, the PDF date format.
pub fn pdf_date(ms: i64) -> (i32, u8, u8, u8, u8, u8) {
    let (y, mo, d, h, mi, s, _) = civil(ms);
    (
        i32::try_from(y).unwrap_or(1970),
        // Month, day, hour, minute and second: each under 60.
        u8::try_from(mo).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
        u8::try_from(h).unwrap_or(0),
        u8::try_from(mi).unwrap_or(0),
        u8::try_from(s).unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(iso_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_millis(1_741_944_413_589), "2025-03-14T09:26:53.589Z");
        assert_eq!(date(951_782_400_000), "2000-02-29");
        assert_eq!(date_time(1_709_251_199_000), "2024-02-29 23:59 UTC");
        assert_eq!(iso_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(pdf_date(0), (1970, 1, 1, 0, 0, 0));
    }

    #[test]
    fn local_times_carry_their_offset() {
        // 2026-12-06 23:30 UTC is already the 7th in Amsterdam.
        let ms = 1_796_599_800_000;
        assert_eq!(iso_millis(ms), "2026-12-06T23:30:00.000Z");
        assert_eq!(date_in(ms, TimeZone::AMSTERDAM), "2026-12-07");
        assert_eq!(clock_in(ms, TimeZone::AMSTERDAM), "00:30");
        assert_eq!(iso_in(ms, TimeZone::AMSTERDAM), "2026-12-07T00:30:00+01:00");
        assert_eq!(
            iso_in(ms, TimeZone::Fixed(-210)),
            "2026-12-06T20:00:00-03:30"
        );
    }
}
