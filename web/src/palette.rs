//! The table's colours ([`ovaal_shared::palette`], the harvest picture's too) handed
//! to the stylesheet: [`css_custom_properties`] names each as a CSS custom property
//! (`--theme-bg`, `--wood`, `--hot`, …), set on `<html>` when the page starts, so
//! `style.css` never writes one of them itself and the board and the picture cannot
//! drift apart.
//!
//! The page's own background and text colour (`--bg`, `--text`) are also the
//! palette's, but stay written in `style.css` too: the page shows them before this
//! client has loaded. A test holds the two equal.

use ovaal_shared::board::CardKind;
use ovaal_shared::palette::{
    BOARD, FOCUS, FREE_SEAT, HOT, MUTED, Rgb, SEAT_EDGE, WOOD, WOOD_EDGE, kind_colours,
};

/// The colours that are not a card kind's, with their property names.
const NAMED: [(&str, Rgb); 8] = [
    ("--focus", FOCUS),
    ("--hot", HOT),
    ("--muted-card", MUTED),
    ("--wood", WOOD),
    ("--wood-edge", WOOD_EDGE),
    ("--seat-edge", SEAT_EDGE),
    ("--free-seat", FREE_SEAT),
    ("--board-middle", BOARD[0]),
];

/// The board gradient's edge colour (its middle is in [`NAMED`]).
const BOARD_EDGES: (&str, Rgb) = ("--board-edges", BOARD[1]);

/// Every palette colour as a CSS custom property, set on `<html>` at start-up.
pub fn css_custom_properties() -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(CardKind::ALL.len() * 2 + NAMED.len() + 1);
    for kind in CardKind::ALL {
        let colours = kind_colours(kind);
        out.push((format!("--{kind}-bg"), colours.bg.hex()));
        out.push((format!("--{kind}-edge"), colours.edge.hex()));
    }
    for (name, colour) in NAMED.into_iter().chain([BOARD_EDGES]) {
        out.push((name.to_owned(), colour.hex()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::palette::{PAGE, TEXT};

    const STYLESHEET: &str = include_str!("../static/style.css");

    #[test]
    fn every_kind_becomes_css_properties() {
        let props = css_custom_properties();
        assert_eq!(props.len(), CardKind::ALL.len() * 2 + NAMED.len() + 1);
        assert!(
            props
                .iter()
                .any(|(k, v)| k == "--case-bg" && v == "#fde8e2")
        );
        assert!(props.iter().any(|(k, v)| k == "--wood" && v == "#c9a27e"));
        assert!(
            props
                .iter()
                .all(|(k, v)| k.starts_with("--") && v.len() == 7)
        );
    }

    #[test]
    fn the_stylesheet_uses_the_palette_and_writes_none_of_it() {
        for (name, value) in css_custom_properties() {
            assert!(
                STYLESHEET.contains(&format!("var({name})")),
                "style.css never uses {name}"
            );
            assert!(
                !STYLESHEET.contains(&format!("{name}:")),
                "style.css defines {name} itself"
            );
            assert!(
                !STYLESHEET.to_lowercase().contains(&value),
                "style.css writes {value} ({name}) as a literal"
            );
        }
    }

    #[test]
    fn the_stylesheet_s_page_colours_are_the_palette_s() {
        for (name, colour) in [("--bg", PAGE), ("--text", TEXT)] {
            let line = format!("{name}: {};", colour.hex());
            assert!(STYLESHEET.contains(&line), "style.css lacks `{line}`");
        }
    }
}
