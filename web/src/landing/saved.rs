//! "My sessions": the sessions a facilitator made in this browser, kept in
//! localStorage (`ovaal:my-sessions`) so that closing the tab does not lose their
//! links. Only this device knows them; the server keeps no list of who made what (a
//! session is reached by its links alone).
//!
//! This file is the list itself, without the browser: reading it tolerantly (an entry
//! a later version wrote, or a damaged one, is skipped rather than losing the rest),
//! adding (newest first, one entry per session) and removing.

use ovaal_shared::board::Method;
use serde::{Deserialize, Serialize};

/// Where the list is kept in the browser.
pub const STORAGE_KEY: &str = "ovaal:my-sessions";

/// Enough for a facilitator's season; the oldest fall off beyond it, so the page never
/// carries an ever-growing list.
pub const MAX_KEPT: usize = 50;

/// A session's links as the server gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedLinks {
    pub facilitator: String,
    pub participant: String,
    pub observer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_screen: Option<String>,
}

/// One session of "my sessions".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSession {
    pub id: String,
    pub title: String,
    /// The method chosen when creating; none for a board continued from a harvest,
    /// whose method came from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The day of the meeting, `YYYY-MM-DD`, as the facilitator set it (the day it
    /// was made, unless they chose another).
    pub date: String,
    /// When it was made (ms since the epoch): the order of the list.
    pub created_ms: f64,
    pub links: SavedLinks,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_code: Option<String>,
}

/// Reads the kept list; anything unreadable counts as nothing kept, and entries that
/// do not parse are left out.
pub fn parse(json: &str) -> Vec<SavedSession> {
    // Each entry kept as its raw text and read on its own (not through a
    // `serde_json::Value`, whose deserializer would be compiled in for this alone).
    let Ok(entries) = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(json) else {
        return Vec::new();
    };
    let mut list: Vec<SavedSession> = entries
        .into_iter()
        .filter_map(|entry| serde_json::from_str(entry.get()).ok())
        .collect();
    newest_first(&mut list);
    list
}

pub fn to_json(list: &[SavedSession]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

/// Adds `session` at the top; an entry of the same session is replaced.
pub fn add(list: &mut Vec<SavedSession>, session: SavedSession) {
    list.retain(|s| s.id != session.id);
    list.push(session);
    newest_first(list);
    list.truncate(MAX_KEPT);
}

/// Removes the session with `id`; whether there was one.
pub fn remove(list: &mut Vec<SavedSession>, id: &str) -> bool {
    let before = list.len();
    list.retain(|s| s.id != id);
    list.len() != before
}

fn newest_first(list: &mut [SavedSession]) {
    ovaal_shared::sort::sort_by(list, |a, b| b.created_ms.total_cmp(&a.created_ms));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, created_ms: f64) -> SavedSession {
        SavedSession {
            id: id.to_owned(),
            title: format!("Intervisie {id}"),
            method: Some(Method::Incident),
            date: "2025-05-14".to_owned(),
            created_ms,
            links: SavedLinks {
                facilitator: format!("http://x/s/{id}#token=f"),
                participant: format!("http://x/s/{id}#token=p"),
                observer: format!("http://x/s/{id}#token=o"),
                room_screen: Some(format!("http://x/s/{id}#token=o&join=K7PM4QXA")),
            },
            join_code: Some("K7PM-4QXA".to_owned()),
        }
    }

    #[test]
    fn newest_first_one_entry_per_session() {
        let mut list = Vec::new();
        add(&mut list, session("a", 1.0));
        add(&mut list, session("b", 3.0));
        add(&mut list, session("c", 2.0));
        add(&mut list, session("a", 4.0));
        let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn round_trips_and_removes() {
        let mut list = vec![session("a", 2.0), session("b", 1.0)];
        let back = parse(&to_json(&list));
        assert_eq!(back, list);
        assert!(remove(&mut list, "a"));
        assert!(!remove(&mut list, "a"));
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn damaged_entries_are_skipped_not_the_list() {
        let good = serde_json::to_value(session("a", 1.0)).unwrap();
        let json = serde_json::json!([good, {"id": 3}, "nonsense", {"id": "b"}]).to_string();
        assert_eq!(parse(&json), vec![session("a", 1.0)]);
        assert!(parse("not json").is_empty());
        assert!(parse("{\"a\":1}").is_empty());
    }

    #[test]
    fn a_board_from_a_harvest_has_no_method() {
        let mut s = session("a", 1.0);
        s.method = None;
        s.links.room_screen = None;
        s.join_code = None;
        let json = to_json(std::slice::from_ref(&s));
        assert!(!json.contains("method") && !json.contains("join_code"));
        assert_eq!(parse(&json), vec![s]);
    }

    #[test]
    fn the_oldest_fall_off() {
        let mut list = Vec::new();
        for i in 0..(MAX_KEPT + 5) {
            add(&mut list, session(&i.to_string(), i as f64));
        }
        assert_eq!(list.len(), MAX_KEPT);
        assert_eq!(list[0].id, (MAX_KEPT + 4).to_string());
    }
}
