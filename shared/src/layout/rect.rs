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

    /// The point of the box nearest to `(x, y)` (the point itself when inside).
    pub fn nearest_to(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            x.clamp(self.x, self.right()),
            y.clamp(self.y, self.bottom()),
        )
    }

    /// Whether the segment from `a` to `b` passes through the box's inside (touching
    /// its edge does not count). Liang–Barsky clipping: the part of the segment
    /// inside each pair of edges, intersected.
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x),
            (dx, self.right() - a.0),
            (-dy, a.1 - self.y),
            (dy, self.bottom() - a.1),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        // A crossing shorter than a thousandth of a pixel is a touch at a corner.
        (t1 - t0) * dx.hypot(dy) > 1e-3
    }
}

/// The table top: a superellipse, `|x/rx|^p + |y/ry|^p <= 1` about its middle. An
/// exponent of 2 is an ellipse; a larger one squares the shape off towards a rounded
/// rectangle, so the table reaches into the corners of the board, where the cards of
/// the diagonal seats go, instead of leaving them empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oval {
    pub cx: f64,
    pub cy: f64,
    pub rx: f64,
    pub ry: f64,
    /// The exponent `p`, at least 2 (see [`Oval::TABLE`]).
    pub exponent: f64,
}

impl Oval {
    /// The table's exponent: square enough that the corners hold cards, round enough
    /// to read as a table people sit around.
    pub const TABLE: f64 = 4.0;

    /// Whether `rect` lies wholly on the table top (the shape is convex, so its
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
    /// to the middle in the oval's own measure is found per axis, which is exact since
    /// the measure is a sum of one term per axis, each growing with the distance.
    pub fn touches(&self, rect: &Rect) -> bool {
        let nearest = |lo: f64, hi: f64, c: f64| c.clamp(lo, hi);
        let x = nearest(rect.x, rect.right(), self.cx);
        let y = nearest(rect.y, rect.bottom(), self.cy);
        self.reach(x, y) < 1.0
    }

    /// The point of the edge in direction `angle` (radians, y down) as seen in
    /// fractions of the radii, so that a seat, its place's units and a stored
    /// position agree on directions whatever the exponent.
    pub fn edge_at(&self, angle: f64) -> (f64, f64) {
        let (c, s) = (angle.cos(), angle.sin());
        let r = edge_radius(c, s, self.exponent);
        (self.cx + self.rx * r * c, self.cy + self.ry * r * s)
    }

    /// The edge as a closed polygon, fine enough to draw the table with straight
    /// lines at any size a screen or a page has (about a pixel off at 2000 px).
    pub fn outline(&self) -> Vec<(f64, f64)> {
        const POINTS: usize = 256;
        (0..POINTS)
            .map(|i| self.edge_at(std::f64::consts::TAU * i as f64 / POINTS as f64))
            .collect()
    }

    /// The outline as SVG path data (`M … L … Z`), for the renderers that draw paths.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for (i, (x, y)) in self.outline().into_iter().enumerate() {
            let command = if i == 0 { 'M' } else { 'L' };
            d.push_str(&format!("{command}{x:.1} {y:.1} "));
        }
        d.push('Z');
        d
    }

    /// A point in fractions of the radii from the middle.
    pub(crate) fn normalised(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.cx) / self.rx, (y - self.cy) / self.ry)
    }

    fn reach(&self, x: f64, y: f64) -> f64 {
        let (nx, ny) = self.normalised(x, y);
        nx.abs().powf(self.exponent) + ny.abs().powf(self.exponent)
    }
}

/// How far the edge of a unit superellipse of exponent `p` lies in the direction
/// `(c, s)` (a unit vector).
pub(crate) fn edge_radius(c: f64, s: f64, p: f64) -> f64 {
    (c.abs().powf(p) + s.abs().powf(p)).powf(-1.0 / p)
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
    fn a_segment_crosses_a_box_only_through_its_inside() {
        let a = rect(10.0, 10.0, 10.0, 10.0);
        assert!(a.crossed_by((0.0, 15.0), (30.0, 15.0)));
        assert!(a.crossed_by((0.0, 0.0), (15.0, 15.0)), "ends inside");
        assert!(!a.crossed_by((0.0, 10.0), (30.0, 10.0)), "along an edge");
        assert!(!a.crossed_by((0.0, 0.0), (9.0, 30.0)), "beside it");
        assert!(!a.crossed_by((0.0, 15.0), (10.0, 15.0)), "ends on its edge");
        assert!(!a.crossed_by((0.0, 20.0), (10.0, 30.0)));
        assert_eq!(a.nearest_to((0.0, 15.0)), (10.0, 15.0));
        assert_eq!(a.nearest_to((12.0, 13.0)), (12.0, 13.0));
    }

    #[test]
    fn the_oval_holds_and_touches_boxes() {
        let oval = Oval {
            cx: 100.0,
            cy: 50.0,
            rx: 100.0,
            ry: 50.0,
            exponent: 2.0,
        };
        assert!(oval.holds(&rect(60.0, 30.0, 80.0, 40.0)));
        assert!(!oval.holds(&rect(0.0, 0.0, 30.0, 30.0)));
        // A corner box off the ellipse's curve touches nothing.
        assert!(!oval.touches(&rect(0.0, 0.0, 20.0, 10.0)));
        assert!(oval.touches(&rect(90.0, -10.0, 20.0, 20.0)));
        assert!(oval.touches(&rect(-10.0, -10.0, 300.0, 300.0)));
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn a_squarer_table_holds_what_lies_in_its_corners() {
        let table = |exponent| Oval {
            cx: 100.0,
            cy: 50.0,
            rx: 100.0,
            ry: 50.0,
            exponent,
        };
        let corner = Rect {
            x: 15.0,
            y: 10.0,
            w: 20.0,
            h: 10.0,
        };
        assert!(!table(2.0).holds(&corner) && table(Oval::TABLE).holds(&corner));
        let t = table(Oval::TABLE);
        for (x, y) in t.outline() {
            assert!((t.reach(x, y) - 1.0).abs() < 1e-9);
        }
        let (x, y) = t.edge_at(0.0);
        assert!((x - 200.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
        assert!(t.svg_path().starts_with("M200.0 50.0 L") && t.svg_path().ends_with('Z'));
    }
}
