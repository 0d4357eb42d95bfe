//! The colours that carry meaning: one set per card kind, the hot seat, and the focus
//! ring. They live here, not only in `style.css`, so that a unit test can compute their
//! WCAG contrast ratios; [`css_custom_properties`] hands them to the stylesheet as CSS
//! custom properties (`--theme-bg`, `--theme-edge`, …) when the page starts, so the
//! two can never drift apart.
//!
//! A kind is never told by colour alone: every card also shows its icon and its
//! translated label (see [`crate::i18n::kind_icon`]).
//!
//! What the test demands (WCAG 2.2 AA):
//! - text on a card (body text, author line, kind label) ≥ 4.5:1 against the card;
//! - a card's border ≥ 3:1 against the card itself and against everything a card can lie
//!   on (the light board and the wooden table top);
//! - the focus ring ≥ 3:1 against the board, the table top and the cards.

use ovaal_shared::board::CardKind;

/// A colour as 8-bit sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS.
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
#[derive(Debug, Clone, Copy)]
pub struct KindColours {
    /// The card's background.
    pub bg: Rgb,
    /// Its border, and the colour of its kind label and icon line.
    pub edge: Rgb,
}

/// Body text everywhere.
pub const TEXT: Rgb = Rgb(0x1d, 0x27, 0x31);
/// Secondary text (the "by Anna" line on cards).
pub const MUTED: Rgb = Rgb(0x4c, 0x57, 0x63);
/// The board's background (a radial gradient between these two).
pub const BOARD: [Rgb; 2] = [Rgb(0xfb, 0xfa, 0xf7), Rgb(0xef, 0xeb, 0xe4)];
/// The wooden table top cards often lie on.
pub const WOOD: Rgb = Rgb(0xc9, 0xa2, 0x7e);
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

/// Every palette colour as a CSS custom property, set on `<html>` at start-up.
pub fn css_custom_properties() -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(CardKind::ALL.len() * 2 + 3);
    for kind in CardKind::ALL {
        let colours = kind_colours(kind);
        out.push((format!("--{kind}-bg"), colours.bg.hex()));
        out.push((format!("--{kind}-edge"), colours.edge.hex()));
    }
    out.push(("--focus".to_owned(), FOCUS.hex()));
    out.push(("--hot".to_owned(), HOT.hex()));
    out.push(("--muted-card".to_owned(), MUTED.hex()));
    out
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
                ("table top", WOOD),
            ] {
                let ratio = contrast(c.edge, background);
                assert!(ratio >= 3.0, "{kind} edge on {what}: {ratio:.2}:1 < 3:1");
            }
        }
    }

    #[test]
    fn focus_ring_and_hot_seat_are_visible_everywhere() {
        let mut backgrounds = vec![BOARD[0], BOARD[1], WOOD, WHITE];
        backgrounds.extend(CardKind::ALL.map(|k| kind_colours(k).bg));
        for background in backgrounds {
            let focus = contrast(FOCUS, background);
            assert!(focus >= 3.0, "focus on {}: {focus:.2}", background.hex());
        }
        for background in [BOARD[0], BOARD[1], WOOD, WHITE] {
            let hot = contrast(HOT, background);
            assert!(hot >= 3.0, "hot ring on {}: {hot:.2}", background.hex());
        }
        assert!(contrast(WHITE, HOT) >= 4.5, "badge text");
    }

    #[test]
    fn every_kind_becomes_css_properties() {
        let props = css_custom_properties();
        assert_eq!(props.len(), CardKind::ALL.len() * 2 + 3);
        assert!(
            props
                .iter()
                .any(|(k, v)| k == "--case-bg" && v == "#fde8e2")
        );
        assert!(
            props
                .iter()
                .all(|(k, v)| k.starts_with("--") && v.len() == 7)
        );
    }
}
