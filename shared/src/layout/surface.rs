//! How big things are on each kind of screen. A projector is read from across the
//! room, a laptop at arm's length, a phone in the hand and paper close up; the layout
//! keeps one arrangement and changes only these sizes, so the board looks the same
//! everywhere. All sizes are CSS pixels.

/// The kind of screen a layout is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Surface {
    /// The room screen, read from a distance (designed for 1920 × 1080).
    Projector,
    /// A participant's or the facilitator's browser (1280 × 720 and up).
    Laptop,
    /// A phone (375 px wide and up): the table shows counts, a place's cards open as
    /// a list.
    Phone,
    /// The harvest picture (SVG, PNG, PDF).
    Print,
}

/// Text sizes in CSS pixels at which the layout's boxes were sized, for the renderer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSizes {
    /// A current-phase card.
    pub card: f64,
    /// A small (earlier-phase) card.
    pub small: f64,
    /// A card in the centre (the case, the chosen theme).
    pub centre: f64,
    /// The "+N" and "earlier phases" chips.
    pub chip: f64,
    /// A seat's name.
    pub label: f64,
    /// A seat's badge.
    pub badge: f64,
}

/// Every size the arrangement needs. The table is a grid of units: a chip or a small
/// card takes one unit, a current card `large` units, a centre card `centre` units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Metrics {
    pub unit_w: f64,
    pub unit_h: f64,
    pub gap: f64,
    pub large: (i32, i32),
    pub centre: (i32, i32),
    /// Centre cards side by side in the centre.
    pub centre_cols: i32,
    /// Rows of centre cards in the centre: a phone's table is too narrow for two
    /// side by side, so it stacks the case and the chosen theme.
    pub centre_rows: i32,
    /// Whether cards are drawn in front of the seats at all (not on a phone).
    pub seat_cards: bool,
    pub margin: f64,
    pub label_h: f64,
    pub label_min_w: f64,
    pub label_max_w: f64,
    /// Average advance of a label character, to size a label to its name.
    pub char_w: f64,
    pub label_pad: f64,
    pub badge_w: f64,
    pub badge_h: f64,
    pub text: TextSizes,
}

impl Metrics {
    pub fn of(surface: Surface) -> Metrics {
        match surface {
            Surface::Projector => Metrics {
                unit_w: 100.0,
                unit_h: 40.0,
                gap: 8.0,
                large: (2, 2),
                centre: (3, 3),
                centre_cols: 2,
                centre_rows: 1,
                seat_cards: true,
                margin: 8.0,
                label_h: 44.0,
                label_min_w: 64.0,
                label_max_w: 250.0,
                char_w: 11.0,
                label_pad: 14.0,
                badge_w: 140.0,
                badge_h: 28.0,
                text: TextSizes {
                    card: 20.0,
                    small: 16.0,
                    centre: 24.0,
                    chip: 16.0,
                    label: 20.0,
                    badge: 16.0,
                },
            },
            Surface::Laptop | Surface::Print => Metrics {
                unit_w: 72.0,
                unit_h: 30.0,
                gap: 6.0,
                large: (2, 2),
                centre: (3, 3),
                centre_cols: 2,
                centre_rows: 1,
                seat_cards: true,
                margin: 6.0,
                label_h: 32.0,
                label_min_w: 48.0,
                label_max_w: 180.0,
                char_w: 7.7,
                label_pad: 10.0,
                badge_w: 96.0,
                badge_h: 20.0,
                text: TextSizes {
                    card: 14.0,
                    small: 12.0,
                    centre: 16.0,
                    chip: 12.0,
                    label: 14.0,
                    badge: 12.0,
                },
            },
            Surface::Phone => Metrics {
                unit_w: 36.0,
                unit_h: 24.0,
                gap: 4.0,
                large: (2, 2),
                centre: (4, 3),
                centre_cols: 1,
                centre_rows: 2,
                seat_cards: false,
                margin: 4.0,
                label_h: 24.0,
                label_min_w: 28.0,
                label_max_w: 88.0,
                char_w: 6.6,
                label_pad: 6.0,
                // "🔥 hete stoel" whole at its 9 px, not squeezed to fit.
                badge_w: 72.0,
                badge_h: 16.0,
                text: TextSizes {
                    card: 14.0,
                    small: 12.0,
                    centre: 14.0,
                    chip: 12.0,
                    label: 12.0,
                    badge: 9.0,
                },
            },
        }
    }

    /// The same arrangement at `factor` of the size, for viewports too small for the
    /// surface's own sizes (nothing is lost, text gets smaller).
    pub fn scaled(&self, factor: f64) -> Metrics {
        let t = self.text;
        let s = |v: f64| v * factor;
        Metrics {
            unit_w: s(self.unit_w),
            unit_h: s(self.unit_h),
            gap: s(self.gap),
            margin: s(self.margin),
            label_h: s(self.label_h),
            label_min_w: s(self.label_min_w),
            label_max_w: s(self.label_max_w),
            char_w: s(self.char_w),
            label_pad: s(self.label_pad),
            badge_w: s(self.badge_w),
            badge_h: s(self.badge_h),
            text: TextSizes {
                card: s(t.card),
                small: s(t.small),
                centre: s(t.centre),
                chip: s(t.chip),
                label: s(t.label),
                badge: s(t.badge),
            },
            ..*self
        }
    }

    /// The size of a block of `w` × `h` units, gaps inside included.
    pub fn block(&self, (w, h): (i32, i32)) -> (f64, f64) {
        (
            f64::from(w) * (self.unit_w + self.gap) - self.gap,
            f64::from(h) * (self.unit_h + self.gap) - self.gap,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_readable_where_it_is_read() {
        assert!(Metrics::of(Surface::Laptop).text.card >= 14.0);
        assert!(Metrics::of(Surface::Projector).text.card >= 20.0);
        let phone = Metrics::of(Surface::Phone);
        // Every tap target on a phone is at least 24 × 24.
        assert!(phone.unit_w >= 24.0 && phone.unit_h >= 24.0 && phone.label_h >= 24.0);
    }

    #[test]
    fn cards_are_big_enough_for_their_text() {
        for surface in [Surface::Projector, Surface::Laptop, Surface::Print] {
            let m = Metrics::of(surface);
            let (w, h) = m.block(m.large);
            // A kind line and two lines of text at 1.25 line height.
            assert!(h >= 3.0 * 1.25 * m.text.card * 0.9, "{surface:?}");
            // About fourteen characters a line.
            assert!(w >= 14.0 * 0.5 * m.text.card, "{surface:?}");
            let (_, ch) = m.block(m.centre);
            assert!(ch >= 4.0 * 1.25 * m.text.centre, "{surface:?}");
        }
    }
}
