//! Boxes and the table oval in the layout's one coordinate space: CSS pixels of the
//! viewport, origin at its top left. Every screen draws from these numbers, so the
//! checks that nothing overlaps are made once, here.

/// An axis-aligned box: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two share more than an edge.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies inside this box (to a thousandth of a pixel, against
    /// rounding).
    pub fn contains(&self, other: &Rect) -> bool {
        const SLACK: f64 = 1e-3;
        other.x >= self.x - SLACK
            && other.y >= self.y - SLACK
            && other.right() <= self.right() + SLACK
            && other.bottom() <= self.bottom() + SLACK
    }

    /// The box with `margin` more on every side.
    pub fn grown(&self, margin: f64) -> Rect {
        Rect {
            x: self.x - margin,
            y: self.y - margin,
            w: self.w + 2.0 * margin,
            h: self.h + 2.0 * margin,
        }
    }

    pub(crate) fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// The table top: an ellipse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oval {
    pub cx: f64,
    pub cy: f64,
    pub rx: f64,
    pub ry: f64,
}

impl Oval {
    /// Whether `rect` lies wholly on the table top (an ellipse is convex, so its
    /// corners decide).
    pub fn holds(&self, rect: &Rect) -> bool {
        [
            (rect.x, rect.y),
            (rect.right(), rect.y),
            (rect.x, rect.bottom()),
            (rect.right(), rect.bottom()),
        ]
        .into_iter()
        .all(|(x, y)| self.reach(x, y) <= 1.0)
    }

    /// Whether any part of `rect` lies on the table top. The point of the box nearest
    /// to the middle in the oval's own measure is found per axis, which is exact for a
    /// centred ellipse.
    pub fn touches(&self, rect: &Rect) -> bool {
        let nearest = |lo: f64, hi: f64, c: f64| c.clamp(lo, hi);
        let x = nearest(rect.x, rect.right(), self.cx);
        let y = nearest(rect.y, rect.bottom(), self.cy);
        self.reach(x, y) < 1.0
    }

    /// A point in fractions of the radii from the middle.
    pub(crate) fn normalised(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.cx) / self.rx, (y - self.cy) / self.ry)
    }

    fn reach(&self, x: f64, y: f64) -> f64 {
        let (nx, ny) = self.normalised(x, y);
        nx * nx + ny * ny
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn boxes_overlap_only_when_they_share_more_than_an_edge() {
        let a = rect(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&rect(9.0, 9.0, 10.0, 10.0)));
        assert!(!a.overlaps(&rect(10.0, 0.0, 10.0, 10.0)));
        assert!(a.contains(&rect(1.0, 1.0, 9.0, 9.0)));
        assert!(!a.contains(&rect(1.0, 1.0, 10.0, 9.0)));
        assert_eq!(a.grown(1.0), rect(-1.0, -1.0, 12.0, 12.0));
    }

    #[test]
    fn the_oval_holds_and_touches_boxes() {
        let oval = Oval {
            cx: 100.0,
            cy: 50.0,
            rx: 100.0,
            ry: 50.0,
        };
        assert!(oval.holds(&rect(60.0, 30.0, 80.0, 40.0)));
        assert!(!oval.holds(&rect(0.0, 0.0, 30.0, 30.0)));
        // A corner box off the ellipse's curve touches nothing.
        assert!(!oval.touches(&rect(0.0, 0.0, 20.0, 10.0)));
        assert!(oval.touches(&rect(90.0, -10.0, 20.0, 20.0)));
        assert!(oval.touches(&rect(-10.0, -10.0, 300.0, 300.0)));
    }
}
