//! The session's time zone, for times people read (the attendance record, the
//! harvest's file name and date). The server runs in UTC and has no time-zone
//! database; a group sits in one place for a few hours, so it needs only the rules of
//! the zones its users live in:
//!
//! - zones that follow the EU's summer time (last Sunday of March 01:00 UTC to the
//!   last Sunday of October 01:00 UTC, one hour ahead), named as the browser names
//!   them (`Europe/Amsterdam`), and a few without summer time (`America/Curacao`);
//! - any fixed offset (`+01:00`), which is what the browser's other zones become: it
//!   sends its offset along with its zone's name when the session is made.
//!
//! Without either, a Dutch export uses `Europe/Amsterdam` and an English one UTC.

use std::fmt;
use std::str::FromStr;

/// A zone whose offset the server can tell at any instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeZone {
    /// A named zone: its standard offset, and whether it keeps EU summer time.
    Named {
        name: &'static str,
        standard_minutes: i32,
        eu_summer_time: bool,
    },
    /// A fixed offset from UTC, in minutes (east positive).
    Fixed(i32),
}

/// Named zones the server knows the rules of: (name, standard offset, EU summer time).
const NAMED: &[(&str, i32, bool)] = &[
    ("UTC", 0, false),
    ("Etc/UTC", 0, false),
    ("Europe/London", 0, true),
    ("Europe/Dublin", 0, true),
    ("Europe/Lisbon", 0, true),
    ("Atlantic/Canary", 0, true),
    ("Europe/Amsterdam", 60, true),
    ("Europe/Brussels", 60, true),
    ("Europe/Luxembourg", 60, true),
    ("Europe/Paris", 60, true),
    ("Europe/Berlin", 60, true),
    ("Europe/Zurich", 60, true),
    ("Europe/Vienna", 60, true),
    ("Europe/Copenhagen", 60, true),
    ("Europe/Oslo", 60, true),
    ("Europe/Stockholm", 60, true),
    ("Europe/Madrid", 60, true),
    ("Europe/Rome", 60, true),
    ("Europe/Prague", 60, true),
    ("Europe/Warsaw", 60, true),
    ("Europe/Budapest", 60, true),
    ("Europe/Helsinki", 120, true),
    ("Europe/Athens", 120, true),
    ("Europe/Riga", 120, true),
    ("Europe/Tallinn", 120, true),
    ("Europe/Vilnius", 120, true),
    ("Europe/Sofia", 120, true),
    ("Europe/Bucharest", 120, true),
    ("America/Curacao", -240, false),
    ("America/Aruba", -240, false),
    ("America/Kralendijk", -240, false),
    ("America/Lower_Princes", -240, false),
    ("America/Paramaribo", -180, false),
];

/// Offsets beyond ±14 hours exist nowhere.
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    #[error(
        "unknown time zone {0:?}: send an offset such as +01:00 (or utc_offset_minutes with \
         the zone's name)"
    )]
    Unknown(String),
    #[error("a UTC offset lies between -14:00 and +14:00, not {0} minutes")]
    OffsetOutOfRange(i64),
}

impl TimeZone {
    pub const AMSTERDAM: TimeZone = TimeZone::Named {
        name: "Europe/Amsterdam",
        standard_minutes: 60,
        eu_summer_time: true,
    };

    pub fn fixed(minutes: i64) -> Result<TimeZone, ZoneError> {
        if minutes.abs() > i64::from(MAX_OFFSET_MINUTES) {
            return Err(ZoneError::OffsetOutOfRange(minutes));
        }
        i32::try_from(minutes)
            .map(TimeZone::Fixed)
            .map_err(|_| ZoneError::OffsetOutOfRange(minutes))
    }

    /// The zone of a new session from what the browser sent: a zone the server knows
    /// by name, else the browser's offset, else a fixed offset written as the name.
    pub fn resolve(
        name: Option<&str>,
        offset_minutes: Option<i64>,
    ) -> Result<Option<Self>, ZoneError> {
        let known = name.and_then(|n| n.parse::<TimeZone>().ok());
        match (known, offset_minutes, name) {
            (Some(zone), _, _) => Ok(Some(zone)),
            (None, Some(minutes), _) => TimeZone::fixed(minutes).map(Some),
            (None, None, Some(name)) => Err(ZoneError::Unknown(name.chars().take(60).collect())),
            (None, None, None) => Ok(None),
        }
    }

    /// Minutes east of UTC at an instant (ms since the Unix epoch).
    pub fn offset_minutes(self, at_ms: i64) -> i32 {
        match self {
            TimeZone::Fixed(minutes) => minutes,
            TimeZone::Named {
                standard_minutes,
                eu_summer_time,
                ..
            } => {
                standard_minutes
                    + if eu_summer_time && in_eu_summer(at_ms) {
                        60
                    } else {
                        0
                    }
            }
        }
    }

    /// The instant as local wall-clock ms (for calendar arithmetic).
    pub fn local_ms(self, at_ms: i64) -> i64 {
        at_ms + i64::from(self.offset_minutes(at_ms)) * 60_000
    }
}

/// `+01:00`, `-03:30`.
pub fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Whether EU summer time is on at an instant: from 01:00 UTC on the last Sunday of
/// March until 01:00 UTC on the last Sunday of October.
fn in_eu_summer(at_ms: i64) -> bool {
    let year = year_of(at_ms);
    let start = last_sunday_ms(year, 3) + 3_600_000;
    let end = last_sunday_ms(year, 10) + 3_600_000;
    (start..end).contains(&at_ms)
}

const DAY_MS: i64 = 86_400_000;

/// Days since the epoch of a civil date (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn year_of(at_ms: i64) -> i64 {
    // The year of 1 January on or before the instant: counting from an estimate.
    let mut year = 1970 + at_ms.div_euclid(DAY_MS) / 366;
    while days_from_civil(year + 1, 1, 1) * DAY_MS <= at_ms {
        year += 1;
    }
    year
}

/// Midnight UTC of the last Sunday of a 31-day month (March, October).
fn last_sunday_ms(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday.
    let weekday = (last + 4).rem_euclid(7);
    (last - weekday) * DAY_MS
}

impl FromStr for TimeZone {
    type Err = ZoneError;

    /// A known zone name (any case), `UTC`/`Z`, or an offset `+HH:MM`, `-HHMM`, `+H`.
    fn from_str(s: &str) -> Result<Self, ZoneError> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("z") {
            return Ok(TimeZone::Fixed(0));
        }
        if let Some(&(name, standard_minutes, eu_summer_time)) =
            NAMED.iter().find(|(n, ..)| n.eq_ignore_ascii_case(s))
        {
            return Ok(TimeZone::Named {
                name,
                standard_minutes,
                eu_summer_time,
            });
        }
        parse_offset(s).ok_or_else(|| ZoneError::Unknown(s.chars().take(60).collect()))?
    }
}

fn parse_offset(s: &str) -> Option<Result<TimeZone, ZoneError>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = if digits.len() <= 2 {
        (digits.parse::<i64>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits[..split].parse::<i64>().ok()?,
            digits[split..].parse::<i64>().ok()?,
        )
    };
    if minutes >= 60 {
        return None;
    }
    Some(TimeZone::fixed(sign * (hours * 60 + minutes)))
}

impl fmt::Display for TimeZone {
    /// What is stored and shown: the zone's name, or its offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeZone::Named { name, .. } => f.write_str(name),
            TimeZone::Fixed(minutes) => f.write_str(&offset_text(*minutes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn amsterdam_switches_on_the_eu_dates() {
        let zone = TimeZone::AMSTERDAM;
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let march_29 = days_from_civil(2026, 3, 29) * DAY_MS;
        let october_25 = days_from_civil(2026, 10, 25) * DAY_MS;
        assert_eq!(zone.offset_minutes(march_29 + HOUR - 1), 60);
        assert_eq!(zone.offset_minutes(march_29 + HOUR), 120);
        assert_eq!(zone.offset_minutes(october_25 + HOUR - 1), 120);
        assert_eq!(zone.offset_minutes(october_25 + HOUR), 60);
        let december_6 = days_from_civil(2026, 12, 6) * DAY_MS;
        assert_eq!(zone.offset_minutes(december_6), 60);
        assert_eq!(year_of(december_6), 2026);
        assert_eq!(year_of(days_from_civil(2027, 1, 1) * DAY_MS), 2027);
        assert_eq!(year_of(days_from_civil(2027, 1, 1) * DAY_MS - 1), 2026);
    }

    #[test]
    fn names_and_offsets_parse_and_print() {
        assert_eq!(
            "europe/amsterdam".parse::<TimeZone>(),
            Ok(TimeZone::AMSTERDAM)
        );
        assert_eq!(TimeZone::AMSTERDAM.to_string(), "Europe/Amsterdam");
        assert_eq!("+01:00".parse::<TimeZone>(), Ok(TimeZone::Fixed(60)));
        assert_eq!("-0330".parse::<TimeZone>(), Ok(TimeZone::Fixed(-210)));
        assert_eq!("+5".parse::<TimeZone>(), Ok(TimeZone::Fixed(300)));
        assert_eq!("Z".parse::<TimeZone>(), Ok(TimeZone::Fixed(0)));
        assert_eq!(TimeZone::Fixed(-210).to_string(), "-03:30");
        assert!("+15:00".parse::<TimeZone>().is_err());
        assert!("+01:75".parse::<TimeZone>().is_err());
        assert!("Mars/Olympus".parse::<TimeZone>().is_err());
    }

    #[test]
    fn a_browser_zone_the_server_does_not_know_becomes_its_offset() {
        assert_eq!(
            TimeZone::resolve(Some("Europe/Amsterdam"), Some(120)),
            Ok(Some(TimeZone::AMSTERDAM))
        );
        assert_eq!(
            TimeZone::resolve(Some("America/New_York"), Some(-300)),
            Ok(Some(TimeZone::Fixed(-300)))
        );
        assert!(TimeZone::resolve(Some("America/New_York"), None).is_err());
        assert_eq!(TimeZone::resolve(None, None), Ok(None));
        assert!(TimeZone::resolve(None, Some(24 * 60)).is_err());
    }
}
