//! The `control` document: settings of the session that only the facilitator changes.

use yrs::{Doc, Map, Transact};

use super::{BoardError, Method, value};
use crate::ids::ParticipantId;

/// Root map of the control document.
const SESSION: &str = "session";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SessionSettings {
    pub title: String,
    pub method: Method,
    /// Number of seats around the table.
    pub seats: u32,
}

impl SessionSettings {
    pub const MIN_SEATS: u32 = 4;
    pub const MAX_SEATS: u32 = 14;
    pub const DEFAULT_SEATS: u32 = 8;
    pub const MAX_TITLE_CHARS: usize = 120;

    /// Validates settings coming from a person (the create-session form or API).
    pub fn new(title: &str, method: Method, seats: u32) -> Result<Self, BoardError> {
        let title = title.trim();
        let chars = title.chars().count();
        if chars == 0 || chars > Self::MAX_TITLE_CHARS {
            return Err(BoardError::InvalidTitle {
                max: Self::MAX_TITLE_CHARS,
            });
        }
        if !(Self::MIN_SEATS..=Self::MAX_SEATS).contains(&seats) {
            return Err(BoardError::InvalidSeatCount {
                min: Self::MIN_SEATS,
                max: Self::MAX_SEATS,
            });
        }
        Ok(Self {
            title: title.to_owned(),
            method,
            seats,
        })
    }
}

/// Writes all settings in one transaction.
pub fn write_settings(doc: &Doc, settings: &SessionSettings) {
    let map = doc.get_or_insert_map(SESSION);
    let mut txn = doc.transact_mut();
    map.insert(&mut txn, "title", settings.title.as_str());
    map.insert(&mut txn, "method", settings.method.as_str());
    map.insert(&mut txn, "seats", i64::from(settings.seats));
}

/// Changes only the number of seats (the facilitator's table setting).
pub fn write_seat_count(doc: &Doc, seats: u32) -> Result<(), BoardError> {
    if !(SessionSettings::MIN_SEATS..=SessionSettings::MAX_SEATS).contains(&seats) {
        return Err(BoardError::InvalidSeatCount {
            min: SessionSettings::MIN_SEATS,
            max: SessionSettings::MAX_SEATS,
        });
    }
    let map = doc.get_or_insert_map(SESSION);
    let mut txn = doc.transact_mut();
    map.insert(&mut txn, "seats", i64::from(seats));
    Ok(())
}

/// Puts a participant in the hot seat, or clears it (`None`). The facilitator's call;
/// everyone's board shows the hot seat from this field.
pub fn write_hot_seat(doc: &Doc, who: Option<&ParticipantId>) {
    let map = doc.get_or_insert_map(SESSION);
    let mut txn = doc.transact_mut();
    match who {
        Some(id) => map.insert(&mut txn, "hot_seat", id.as_str()),
        None => map.insert(&mut txn, "hot_seat", yrs::Any::Null),
    };
}

/// Who sits in the hot seat (the case-holder), if anyone.
pub fn read_hot_seat(doc: &Doc) -> Option<ParticipantId> {
    let map = doc.get_or_insert_map(SESSION);
    let txn = doc.transact();
    value::string(&map, &txn, "hot_seat").and_then(|s| s.parse().ok())
}

/// Reads the settings; `None` until the control document has been synced. Unknown or
/// out-of-range values fall back to safe defaults rather than failing the whole board.
pub fn read_settings(doc: &Doc) -> Option<SessionSettings> {
    let map = doc.get_or_insert_map(SESSION);
    let txn = doc.transact();
    let title = value::string(&map, &txn, "title")?;
    let method = value::string(&map, &txn, "method")
        .and_then(|m| m.parse().ok())
        .unwrap_or(Method::Free);
    let seats = value::int(&map, &txn, "seats")
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(SessionSettings::DEFAULT_SEATS)
        .clamp(SessionSettings::MIN_SEATS, SessionSettings::MAX_SEATS);
    Some(SessionSettings {
        title,
        method,
        seats,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_a_doc() {
        let doc = Doc::new();
        assert_eq!(read_settings(&doc), None);
        let settings = SessionSettings::new(" Intervisie ", Method::Incident, 6).unwrap();
        assert_eq!(settings.title, "Intervisie");
        write_settings(&doc, &settings);
        assert_eq!(read_settings(&doc), Some(settings));
        write_seat_count(&doc, 12).unwrap();
        assert_eq!(read_settings(&doc).unwrap().seats, 12);
        assert!(write_seat_count(&doc, 3).is_err());
    }

    #[test]
    fn hot_seat_is_set_and_cleared() {
        let doc = Doc::new();
        assert_eq!(read_hot_seat(&doc), None);
        let anna: ParticipantId = "anna-1234".parse().unwrap();
        write_hot_seat(&doc, Some(&anna));
        assert_eq!(read_hot_seat(&doc), Some(anna));
        write_hot_seat(&doc, None);
        assert_eq!(read_hot_seat(&doc), None);
    }

    #[test]
    fn invalid_settings_are_rejected() {
        assert!(SessionSettings::new("", Method::Free, 8).is_err());
        assert!(SessionSettings::new(&"x".repeat(121), Method::Free, 8).is_err());
        assert!(SessionSettings::new("ok", Method::Free, 15).is_err());
    }
}
