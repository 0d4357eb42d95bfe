//! The attendance record as part of the harvest: the section in the facilitator's
//! JSON, Markdown and PDF, and its own CSV (`attendance.csv`). Times are shown in the
//! session's zone (`crate::time_zone`), each with its offset where a program reads it.
//!
//! Only the facilitator sees it: a participant's export never carries the times at
//! which others came and went.

use super::csv::Writer;
use super::entries::Board;
use super::report::{Block, Item};
use super::schema::{Attendance, Harvest, Visit};
use super::text::one_line;
use super::time;
use super::words::{Lang, location_name, role_name};
use crate::storage;
use crate::time_zone::TimeZone;

/// Adds the record to a harvest, naming each person as the board does.
pub fn attach(harvest: &mut Harvest, visits: &[storage::Visit], zone: TimeZone) {
    let names: Vec<(String, String)> = harvest
        .participants
        .iter()
        .filter_map(|p| {
            let profile = p.profile.as_ref()?;
            Some((p.id.to_string(), one_line(&profile.name)))
        })
        .collect();
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, name)| name.clone())
    };
    harvest.attendance = Some(Attendance {
        time_zone: zone.to_string(),
        visits: visits
            .iter()
            .map(|v| Visit {
                name: name_of(v.participant.as_str()),
                participant: v.participant.clone(),
                role: v.role,
                joined: time::iso_in(v.joined_ms, zone),
                left: v.left_ms.map(|ms| time::iso_in(ms, zone)),
                joined_ms: v.joined_ms,
                left_ms: v.left_ms,
            })
            .collect(),
    });
}

/// The zone a record was written in (as attached).
fn zone_of(attendance: &Attendance) -> TimeZone {
    attendance.time_zone.parse().unwrap_or(TimeZone::Fixed(0))
}

struct Words {
    title: &'static str,
    none: &'static str,
    times_in: &'static str,
    still_there: &'static str,
    minutes: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            title: "Aanwezigheid",
            none: "Niemand was verbonden.",
            times_in: "Tijden in",
            still_there: "nog aanwezig of vertrek niet gezien",
            minutes: "min",
        },
        Lang::En => Words {
            title: "Attendance",
            none: "Nobody was connected.",
            times_in: "Times in",
            still_there: "still there, or leaving not seen",
            minutes: "min",
        },
    }
}

/// Whole minutes present, when the visit has ended.
fn minutes(visit: &Visit) -> Option<i64> {
    visit
        .left_ms
        .map(|left| (left - visit.joined_ms).max(0) / 60_000)
}

/// The report's section: one line per visit, `Anna — deelnemer — 09:30–11:05 (95 min)`.
pub fn blocks(harvest: &Harvest, lang: Lang) -> Vec<Block> {
    let Some(attendance) = &harvest.attendance else {
        return Vec::new();
    };
    let w = words(lang);
    let zone = zone_of(attendance);
    let board = Board::new(harvest);
    let mut out = vec![
        Block::Heading(2, w.title.to_owned()),
        Block::Note(format!("{} {}.", w.times_in, attendance.time_zone)),
    ];
    if attendance.visits.is_empty() {
        out.push(Block::Note(w.none.to_owned()));
    }
    for visit in &attendance.visits {
        let name = visit
            .name
            .clone()
            .unwrap_or_else(|| board.name_of(&visit.participant));
        let joined = format!(
            "{} {}",
            time::date_in(visit.joined_ms, zone),
            time::clock_in(visit.joined_ms, zone)
        );
        let until = match (visit.left_ms, minutes(visit)) {
            (Some(left), Some(min)) => {
                format!("–{} ({min} {})", time::clock_in(left, zone), w.minutes)
            }
            _ => format!(" ({})", w.still_there),
        };
        let mut line = vec![name, role_name(visit.role, lang).to_owned()];
        if let Some(profile) = harvest
            .participants
            .iter()
            .find(|p| p.id == visit.participant)
            .and_then(|p| p.profile.as_ref())
        {
            line.push(location_name(profile.location, lang).to_owned());
        }
        line.push(format!("{joined}{until}"));
        out.push(Block::Item(Item {
            text: line.join(" — "),
            marks: Vec::new(),
            by: None,
            kind: None,
        }));
    }
    out
}

pub const CSV_HEADER: [&str; 10] = [
    "name",
    "role",
    "date",
    "joined",
    "left",
    "minutes",
    "time_zone",
    "participant_id",
    "joined_at",
    "left_at",
];

/// The record as its own CSV (same dialect as the cards' CSV): one row per visit,
/// local date and clock times for people, ISO 8601 with offset for programs.
pub fn csv(harvest: &Harvest, lang: Lang) -> String {
    let mut csv = Writer::new(lang);
    csv.row(CSV_HEADER.iter().map(|s| (*s).to_owned()));
    let Some(attendance) = &harvest.attendance else {
        return csv.finish();
    };
    let zone = zone_of(attendance);
    for visit in &attendance.visits {
        csv.row(
            [
                visit.name.clone().unwrap_or_default(),
                role_name(visit.role, lang).to_owned(),
                time::date_in(visit.joined_ms, zone),
                time::clock_in(visit.joined_ms, zone),
                visit
                    .left_ms
                    .map(|ms| time::clock_in(ms, zone))
                    .unwrap_or_default(),
                minutes(visit).map(|m| m.to_string()).unwrap_or_default(),
                attendance.time_zone.clone(),
                visit.participant.to_string(),
                visit.joined.clone(),
                visit.left.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    csv.finish()
}
