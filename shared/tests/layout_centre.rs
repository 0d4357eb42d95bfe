//! The centre holds what the whole group works on: the case-holder's case and, once
//! chosen, the theme. Both must stay readable there, the case first, on every screen
//! that shows the table (the room screen, a laptop, a phone, the harvest picture),
//! however full the seats' places are.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_shared::CardId;
use ovaal_shared::board::{CardKind, Position};
use ovaal_shared::layout::{
    CardSize, LayoutCard, LayoutInput, Place, PlaceInput, SeatInput, Surface, Viewport, layout,
};

/// A real-size question round: `seats` people, the case of the one in the hot seat
/// (written first), the chosen theme moved to the centre (written later), and
/// `others` cards of the seated people, half of them questions of the round.
fn session(
    seats: u32,
    others: usize,
    (width, height): (f64, f64),
    surface: Surface,
) -> LayoutInput {
    let hot = 3;
    let mut at = 1_700_000_000_000_i64;
    let mut card = |n: usize, kind: CardKind, phase: &str, author: u32, explicit| {
        at += 1_000;
        LayoutCard {
            id: format!("card-{n:05}").parse::<CardId>().unwrap(),
            kind,
            place: PlaceInput {
                explicit,
                author_seat: Some(author),
                position: Position::CENTRE,
            },
            phase: Some(phase.to_owned()),
            created_ms: at,
            order: None,
        }
    };
    let mut cards = vec![card(0, CardKind::Case, "pitches", hot, None)];
    for n in 1..=others {
        let (kind, phase) = if n % 2 == 0 {
            (CardKind::Question, "questions")
        } else {
            (CardKind::Insight, "pitches")
        };
        cards.push(card(
            n,
            kind,
            phase,
            u32::try_from(n).unwrap() % seats,
            None,
        ));
        if n == others / 3 {
            cards.push(card(
                10_000,
                CardKind::Theme,
                "pitches",
                7,
                Some(Place::Centre),
            ));
        }
    }
    LayoutInput {
        seats: (0..seats)
            .map(|i| SeatInput {
                name: Some(format!("Persoon {i}")),
                hot: i == hot,
            })
            .collect(),
        cards,
        current_phase: Some("questions".to_owned()),
        viewport: Viewport { width, height },
        surface,
    }
}

#[test]
fn the_case_and_the_chosen_theme_both_stay_large_in_the_centre() {
    for (size, surface) in [
        // The room screen's board beside its panel at 1080p and at 720p.
        ((1400.0, 900.0), Surface::Projector),
        ((915.0, 568.0), Surface::Projector),
        ((1920.0, 1080.0), Surface::Projector),
        // The facilitator's board on a 1440 × 900 laptop, and a small laptop's.
        ((1396.0, 696.0), Surface::Laptop),
        ((1236.0, 520.0), Surface::Laptop),
        // A 375 px phone's table (its board is 10 : 13).
        ((351.0, 456.0), Surface::Phone),
        // The harvest picture (its table, and an A4 page's).
        ((1280.0, 720.0), Surface::Print),
        ((1123.0, 794.0), Surface::Print),
    ] {
        for (seats, others) in [(12, 57), (14, 79), (6, 20), (4, 3)] {
            let input = session(seats, others, size, surface);
            let l = layout(&input);
            let context = format!("{seats} seats, {} cards, {size:?} {surface:?}", others + 2);
            let centre = &l.places[0];
            assert_eq!(centre.place, Place::Centre);
            println!(
                "{context}: centre {:?}, text {} px",
                centre
                    .cards
                    .iter()
                    .map(|c| (c.id.to_string(), c.size, c.rect.w.round(), c.rect.h.round()))
                    .collect::<Vec<_>>(),
                l.text.centre
            );
            assert!(
                centre.more.is_none() && centre.earlier.is_none(),
                "{context}: a centre card is folded away"
            );
            let case = centre
                .cards
                .iter()
                .find(|c| c.id.as_str() == "card-00000")
                .unwrap_or_else(|| panic!("{context}: the case is not in the centre"));
            let theme = centre
                .cards
                .iter()
                .find(|c| c.id.as_str() == "card-10000")
                .unwrap_or_else(|| panic!("{context}: the theme is not in the centre"));
            for (what, c) in [("case", case), ("theme", theme)] {
                assert_eq!(
                    c.size,
                    CardSize::Centre,
                    "{context}: the {what} is not large"
                );
                // Four lines of the centre's text: a kind line and three of the card's.
                assert!(
                    c.rect.h >= 4.0 * 1.2 * l.text.centre,
                    "{context}: the {what} is {} px high at {} px text",
                    c.rect.h,
                    l.text.centre
                );
            }
            // The case comes first in reading order: above or to the left of the theme.
            assert!(
                (case.rect.y, case.rect.x) < (theme.rect.y, theme.rect.x),
                "{context}: the case comes after the theme"
            );
        }
    }
}
