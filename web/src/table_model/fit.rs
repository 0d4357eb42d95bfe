//! How a card's text fits its box. A box does not grow with its text, so the page
//! decides per card, from the box and the text, the size to draw it at and how many
//! lines to show: a long question on a large card first steps down to the small text
//! size (still readable where it is read), and what still does not fit is cut after
//! the last whole line with "…" (the whole text is the card's tooltip, is read out
//! whole, and is in its place's list and the list view).
//!
//! Widths are estimated from the text size and the page font's average letter width
//! (measured once, in ems; [`LETTER`] until then), so no card has to be measured on
//! the page and a board of a hundred cards lays out without a reflow per card.

/// How a card's text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextFit {
    /// The text size in CSS px.
    pub px: f64,
    /// Lines of text the box shows.
    pub lines: u32,
    /// Whether the text is cut (it needs more lines than `lines`).
    pub cut: bool,
}

/// Line height of card text, as the stylesheet sets it.
const LEADING: f64 = 1.25;
/// An average letter's advance in ems, in a sans-serif font like the page's, for
/// when the page's own has not been measured.
pub const LETTER: f64 = 0.55;

/// The lines `text` takes at `px` in a box `width` wide, with letters `letter` ems
/// wide on average.
pub fn lines_needed(text: &str, px: f64, width: f64, letter: f64) -> u32 {
    let per_line = ovaal_shared::float::to_usize((width / (letter * px)).floor()).max(1);
    // A card's text is a few hundred letters: its lines fit a u32.
    let lines = text
        .split('\n')
        .map(|para| {
            // Whole words wrap: count a line per `per_line` letters, words kept whole.
            let mut lines = 1;
            let mut used = 0;
            for word in para.split_whitespace() {
                let len = word.chars().count();
                let need = if used == 0 { len } else { used + 1 + len };
                if need <= per_line {
                    used = need;
                } else if used == 0 {
                    lines += (len - 1) / per_line;
                    used = len % per_line;
                } else {
                    lines += 1 + (len.saturating_sub(1)) / per_line;
                    used = if len > per_line { len % per_line } else { len };
                }
            }
            lines
        })
        .sum::<usize>();
    u32::try_from(lines).unwrap_or(u32::MAX)
}

/// The size and number of lines for `text` in a box of `width` × `height` whose
/// first line holds the card's kind, drawn at `px` or, if that cuts it, at `min_px`;
/// `letter` is the font's average letter width in ems.
pub fn fit(text: &str, (width, height): (f64, f64), px: f64, min_px: f64, letter: f64) -> TextFit {
    // Padding and borders (about 12 px across, 6 px down) and the kind line.
    let at = |px: f64| {
        let room = height - 6.0 - 0.78 * px * LEADING;
        let lines = ovaal_shared::float::to_u32((room / (px * LEADING)).floor().max(1.0));
        let needed = lines_needed(text, px, width - 14.0, letter);
        TextFit {
            px,
            lines,
            cut: needed > lines,
        }
    };
    let full = at(px);
    if !full.cut || min_px >= px {
        return full;
    }
    let smaller = at(min_px);
    if smaller.cut && smaller.lines <= full.lines {
        full
    } else {
        smaller
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUESTION: &str = "Wat heb je al geprobeerd om het gesprek met je collega aan te \
        gaan, en wat gebeurde er toen je dat deed? Hoe reageerde je team daarop, en wat \
        zou je de volgende keer anders willen doen?";

    #[test]
    fn a_short_question_keeps_the_card_size() {
        // The laptop's large card: 150 × 66 at 14 px.
        let f = fit("Wat wil je bereiken?", (150.0, 66.0), 14.0, 12.0, LETTER);
        assert_eq!(f.px, 14.0);
        assert!(!f.cut && f.lines >= 2, "{f:?}");
    }

    #[test]
    fn a_long_question_steps_down_then_is_cut() {
        assert!(QUESTION.chars().count() > 150);
        // The projector's large card: 208 × 88 at 20 px, small text 16 px.
        let f = fit(QUESTION, (208.0, 88.0), 20.0, 16.0, LETTER);
        assert_eq!(f.px, 16.0, "{f:?}");
        assert!(f.cut, "{f:?}");
        assert!(f.lines >= 3, "{f:?}");
        let medium = fit(
            "Grenzen stellen bij een collega",
            (150.0, 66.0),
            12.0,
            12.0,
            LETTER,
        );
        assert!(!medium.cut && medium.lines >= 3, "{medium:?}");
    }

    #[test]
    fn lines_follow_words_and_line_breaks() {
        assert_eq!(lines_needed("een twee", 10.0, 100.0, 0.5), 1);
        assert_eq!(lines_needed("een\ntwee", 10.0, 100.0, 0.5), 2);
        // Twenty letters a line: three words of nine letters take two lines.
        let words = "abcdefghi abcdefghi abcdefghi";
        assert_eq!(lines_needed(words, 10.0, 100.0, 0.5), 2);
        // A word longer than a line breaks anywhere.
        assert_eq!(lines_needed(&"x".repeat(45), 10.0, 100.0, 0.5), 3);
        // Wider letters, fewer a line.
        assert_eq!(lines_needed("abcdefghi abcdefghi", 10.0, 100.0, 1.0), 2);
    }

    #[test]
    fn a_question_that_needs_a_third_line_steps_down_to_show_it_whole() {
        // 36 letters on the laptop's large card, in a font of wide letters: three
        // lines at 14 px, where the card holds two; at 12 px it holds three.
        let text = "Wat zou je tegen haar willen zeggen?";
        let f = fit(text, (150.0, 66.0), 14.0, 12.0, 0.6);
        assert_eq!((f.px, f.cut), (12.0, false), "{f:?}");
    }
}
