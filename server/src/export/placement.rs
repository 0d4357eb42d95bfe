//! Keeping the seats' names readable in the picture of the table. A card lies where
//! its author put it on the board, but the picture also shows who sat where, and a
//! card near a seat would hide the name. Such a card is moved the shortest way (up,
//! down, left or right, at most twice) until it covers no name, staying inside the
//! picture; every other card stays exactly where it was. Cards may still overlap each
//! other, as they do on the board.

/// A box in picture units: its left, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// The space kept between a moved card and the name it was moved off, so that the
/// two do not touch.
const GAP: f32 = 3.0;

impl Area {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two share more than an edge.
    pub fn overlaps(&self, other: &Area) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies inside this box (to a hundredth of a unit, against
    /// rounding).
    pub fn contains(&self, other: &Area) -> bool {
        const SLACK: f32 = 0.01;
        other.x >= self.x - SLACK
            && other.y >= self.y - SLACK
            && other.right() <= self.right() + SLACK
            && other.bottom() <= self.bottom() + SLACK
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Area) -> Area {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Area {
            x,
            y,
            w: self.right().max(other.right()) - x,
            h: self.bottom().max(other.bottom()) - y,
        }
    }

    /// The box with `margin` more on every side.
    pub fn grown(&self, margin: f32) -> Area {
        Area {
            x: self.x - margin,
            y: self.y - margin,
            w: self.w + 2.0 * margin,
            h: self.h + 2.0 * margin,
        }
    }

    fn moved(&self, dx: f32, dy: f32) -> Area {
        Area {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }
}

/// Where a card goes: `card` itself when it covers none of `labels`; otherwise the
/// position nearest to it, inside `bounds`, that covers none; `card` again when there
/// is no such position within two moves.
pub fn clear_of(card: Area, labels: &[Area], bounds: Area) -> Area {
    let fits = |a: &Area| bounds.contains(a) && !labels.iter().any(|l| a.overlaps(l));
    if fits(&card) {
        return card;
    }
    let distance = |a: &Area| (a.x - card.x).hypot(a.y - card.y);
    let mut best: Option<Area> = None;
    // First the moves off one name; where that lands on another name, one more move.
    let mut tried = vec![card];
    for _ in 0..2 {
        let mut next = Vec::new();
        for from in &tried {
            for label in labels.iter().filter(|l| from.overlaps(l)) {
                for to in escapes(from, label) {
                    if !fits(&to) {
                        next.push(to);
                    } else if best.is_none_or(|b| distance(&to) < distance(&b)) {
                        best = Some(to);
                    }
                }
            }
        }
        tried = next;
    }
    best.unwrap_or(card)
}

/// The card moved just clear of `label`: above it, below it, to its left, to its right.
fn escapes(card: &Area, label: &Area) -> [Area; 4] {
    [
        card.moved(0.0, label.y - GAP - card.bottom()),
        card.moved(0.0, label.bottom() + GAP - card.y),
        card.moved(label.x - GAP - card.right(), 0.0),
        card.moved(label.right() + GAP - card.x, 0.0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(x: f32, y: f32, w: f32, h: f32) -> Area {
        Area { x, y, w, h }
    }

    const BOUNDS: Area = Area {
        x: 0.0,
        y: 0.0,
        w: 1000.0,
        h: 600.0,
    };

    #[test]
    fn a_card_clear_of_every_name_stays_where_it_is() {
        let card = area(100.0, 100.0, 150.0, 70.0);
        let names = [
            area(300.0, 100.0, 80.0, 40.0),
            area(100.0, 171.0, 80.0, 40.0),
        ];
        assert_eq!(clear_of(card, &names, BOUNDS), card);
    }

    #[test]
    fn a_card_on_a_name_moves_the_shortest_way_off_it() {
        // The name's lower edge is 10 units into the card's top: down by 13 (with the
        // gap), not up, left or right by more.
        let name = area(440.0, 60.0, 120.0, 50.0);
        let card = area(425.0, 100.0, 150.0, 70.0);
        let moved = clear_of(card, &[name], BOUNDS);
        assert_eq!(moved, area(425.0, 113.0, 150.0, 70.0));
        assert!(!moved.overlaps(&name));
    }

    #[test]
    fn a_card_stays_inside_the_picture_and_clears_two_names() {
        // Pressed against the right edge: it cannot go right, and going left off
        // one name lands on the other; it goes down instead.
        let names = [
            area(900.0, 300.0, 100.0, 40.0),
            area(700.0, 300.0, 130.0, 40.0),
        ];
        let card = area(850.0, 320.0, 150.0, 80.0);
        let moved = clear_of(card, &names, BOUNDS);
        assert!(BOUNDS.contains(&moved), "{moved:?}");
        assert!(names.iter().all(|n| !n.overlaps(&moved)), "{moved:?}");
        assert_eq!(moved, area(850.0, 343.0, 150.0, 80.0));
    }

    #[test]
    fn a_card_with_nowhere_to_go_stays() {
        let everywhere = [BOUNDS];
        let card = area(10.0, 10.0, 150.0, 70.0);
        assert_eq!(clear_of(card, &everywhere, BOUNDS), card);
    }

    #[test]
    fn areas_overlap_only_when_they_share_more_than_an_edge() {
        let a = area(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&area(9.0, 9.0, 10.0, 10.0)));
        assert!(!a.overlaps(&area(10.0, 0.0, 10.0, 10.0)));
        assert_eq!(
            a.union(&area(5.0, -5.0, 10.0, 10.0)),
            area(0.0, -5.0, 15.0, 15.0)
        );
    }
}
