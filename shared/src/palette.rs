//! The table's colours, for every place it is drawn: the browser's board (the client
//! hands them to `style.css` as CSS custom properties when the page starts) and the
//! harvest picture (the server's SVG, PNG and PDF). One set, so the table on paper is
//! the table on the screens, and one place where a unit test computes their WCAG
//! contrast ratios.
//!
//! A kind is never told by colour alone: every card also shows its icon and its
//! translated label.
//!
//! What the tests demand (WCAG 2.2 AA):
//! - text on a card (body text, author line, kind label) ≥ 4.5:1 against the card;
//! - a card's border ≥ 3:1 against the card itself and against everything a card can lie
//!   on (the light board and the wooden table top);
//! - the focus ring ≥ 3:1 against the board, the table top and the cards.

use crate::board::CardKind;

/// A colour as 8-bit sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS and SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG contrast ratio between two colours (1.0 to 21.0).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A card kind's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindColours {
    /// The card's background.
    pub bg: Rgb,
    /// Its border, and the colour of its kind label and icon line.
    pub edge: Rgb,
}

/// The page behind everything (the stylesheet's `--bg`, the picture's title band).
pub const PAGE: Rgb = Rgb(0xf4, 0xf2, 0xee);
/// Body text everywhere.
pub const TEXT: Rgb = Rgb(0x1d, 0x27, 0x31);
/// Secondary text (the "by Anna" line on cards).
pub const MUTED: Rgb = Rgb(0x4c, 0x57, 0x63);
/// The board's background: a radial gradient from the first (middle) to the second
/// (edges) on a screen.
pub const BOARD: [Rgb; 2] = [Rgb(0xfb, 0xfa, 0xf7), Rgb(0xef, 0xeb, 0xe4)];
/// The board's background where it is one flat colour (the harvest picture): between
/// the gradient's two ends.
pub const BOARD_FLAT: Rgb = Rgb(0xf6, 0xf3, 0xed);
/// The wooden table top cards often lie on.
pub const WOOD: Rgb = Rgb(0xc9, 0xa2, 0x7e);
/// The table top's edge.
pub const WOOD_EDGE: Rgb = Rgb(0xa7, 0x7d, 0x56);
/// A seat label's border.
pub const SEAT_EDGE: Rgb = Rgb(0xc9, 0xc1, 0xb4);
/// A free seat's label (a taken one is white).
pub const FREE_SEAT: Rgb = Rgb(0xf8, 0xf6, 0xf2);
/// The keyboard focus ring.
pub const FOCUS: Rgb = Rgb(0x0b, 0x4a, 0xa8);
/// The hot seat's ring and badge (with white text on the badge).
pub const HOT: Rgb = Rgb(0x9a, 0x22, 0x0e);
/// The white of seats, panels and badge text.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

pub fn kind_colours(kind: CardKind) -> KindColours {
    let (bg, edge) = match kind {
        CardKind::Theme => (Rgb(0xf1, 0xeb, 0xfb), Rgb(0x5a, 0x3d, 0x99)),
        CardKind::Question => (Rgb(0xe7, 0xf0, 0xfb), Rgb(0x1d, 0x55, 0x96)),
        CardKind::Advice => (Rgb(0xff, 0xf4, 0xc9), Rgb(0x6a, 0x4e, 0x00)),
        CardKind::Case => (Rgb(0xfd, 0xe8, 0xe2), Rgb(0x96, 0x31, 0x1c)),
        CardKind::Mirror => (Rgb(0xe0, 0xf3, 0xf0), Rgb(0x12, 0x5e, 0x57)),
        CardKind::Insight => (Rgb(0xe7, 0xf4, 0xe0), Rgb(0x2d, 0x63, 0x1d)),
        CardKind::Action => (Rgb(0xfd, 0xeb, 0xd9), Rgb(0x85, 0x42, 0x07)),
    };
    KindColours { bg, edge }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = contrast(Rgb(0x76, 0x76, 0x76), WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn card_text_is_readable_on_every_kind() {
        for kind in CardKind::ALL {
            let c = kind_colours(kind);
            for (what, ink) in [("text", TEXT), ("author", MUTED), ("label", c.edge)] {
                let ratio = contrast(ink, c.bg);
                assert!(ratio >= 4.5, "{kind} {what}: {ratio:.2}:1 < 4.5:1");
            }
        }
    }

    #[test]
    fn card_borders_stand_out_from_the_card_and_what_it_lies_on() {
        for kind in CardKind::ALL {
            let c = kind_colours(kind);
            for (what, background) in [
                ("card", c.bg),
                ("board light", BOARD[0]),
                ("board dark", BOARD[1]),
                ("board flat", BOARD_FLAT),
                ("table top", WOOD),
            ] {
                let ratio = contrast(c.edge, background);
                assert!(ratio >= 3.0, "{kind} edge on {what}: {ratio:.2}:1 < 3:1");
            }
        }
    }

    #[test]
    fn focus_ring_and_hot_seat_are_visible_everywhere() {
        let boards = [BOARD[0], BOARD[1], BOARD_FLAT, WOOD, WHITE];
        let mut backgrounds = boards.to_vec();
        backgrounds.extend(CardKind::ALL.map(|k| kind_colours(k).bg));
        for background in backgrounds {
            let focus = contrast(FOCUS, background);
            assert!(focus >= 3.0, "focus on {}: {focus:.2}", background.hex());
        }
        for background in boards {
            let hot = contrast(HOT, background);
            assert!(hot >= 3.0, "hot ring on {}: {hot:.2}", background.hex());
        }
        assert!(contrast(WHITE, HOT) >= 4.5, "badge text");
    }

    #[test]
    fn names_on_seats_are_readable() {
        for seat in [WHITE, FREE_SEAT] {
            for (what, ink) in [("name", TEXT), ("free", MUTED)] {
                let ratio = contrast(ink, seat);
                assert!(ratio >= 4.5, "{what} on {}: {ratio:.2}:1", seat.hex());
            }
        }
    }
}
