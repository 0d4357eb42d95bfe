//! Laying the report's blocks out on A4 pages: wrapped text with mixed styles (a
//! question's label in its colour, the text, the author in grey), headings kept with
//! what follows them, and a footer with the title and "page n of N".

use super::super::font::{Fonts, Weight};
use super::super::report::{Block, Item};
use super::super::scene::{self, Anchor, Paint, Shape, rgb};
use super::super::text::clean;
use super::super::words::Words;
use super::writer::Page;

pub const A4_W: f32 = 595.28;
pub const A4_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = 70.0;
const BODY: f32 = 10.5;
const LINE: f32 = 14.5;
const BULLET_INDENT: f32 = 14.0;
/// A heading's rule: the seats' edge colour.
const RULE: Paint = scene::SEAT_EDGE;
/// A warm mark: the hot seat's colour.
const WARM: Paint = scene::HOT;
const USEFUL: Paint = rgb(0x2d631d);

/// A piece of text in one style.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub weight: Weight,
    pub paint: Paint,
}

fn run(text: impl Into<String>, weight: Weight, paint: Paint) -> Run {
    Run {
        text: text.into(),
        weight,
        paint,
    }
}

/// Breaks styled runs into lines no wider than `width`; each line is a list of
/// (x offset, run). Line breaks inside a run's text start a new line.
pub fn wrap_runs(fonts: &Fonts, runs: &[Run], size: f32, width: f32) -> Vec<Vec<(f32, Run)>> {
    let mut lines: Vec<Vec<(f32, Run)>> = vec![Vec::new()];
    let mut x = 0.0f32;
    for r in runs {
        let font = fonts.get(r.weight);
        let space = font.width(" ", size);
        for (i, paragraph) in clean(&r.text).split('\n').enumerate() {
            if i > 0 && !paragraph.trim().is_empty() {
                lines.push(Vec::new());
                x = 0.0;
            }
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let mut word = word.to_owned();
                loop {
                    // `lines` starts with one line and only grows; an empty one gets its
                    // first line here.
                    let Some(line) = lines.last_mut() else {
                        lines.push(Vec::new());
                        continue;
                    };
                    let gap = if line.is_empty() { 0.0 } else { space };
                    let w = font.width(&word, size);
                    if x + gap + w <= width || (line.is_empty() && word.chars().count() <= 1) {
                        place(line, x + gap, &word, r);
                        x += gap + w;
                        break;
                    }
                    if !line.is_empty() {
                        lines.push(Vec::new());
                        x = 0.0;
                        continue;
                    }
                    // A word wider than the line: as much of it as fits, then the rest.
                    let mut head = String::new();
                    for c in word.chars() {
                        head.push(c);
                        if font.width(&head, size) > width {
                            head.pop();
                            break;
                        }
                    }
                    if head.is_empty() {
                        head = word.chars().take(1).collect();
                    }
                    let rest = word[head.len()..].to_owned();
                    place(line, 0.0, &head, r);
                    lines.push(Vec::new());
                    x = 0.0;
                    word = rest;
                    if word.is_empty() {
                        break;
                    }
                }
            }
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// Adds a word to a line, joining it to the previous piece when the style is the same.
fn place(line: &mut Vec<(f32, Run)>, x: f32, word: &str, style: &Run) {
    if let Some((_, last)) = line.last_mut()
        && last.weight == style.weight
        && last.paint == style.paint
    {
        last.text.push(' ');
        last.text.push_str(word);
        return;
    }
    line.push((x, run(word, style.weight, style.paint)));
}

pub struct Layout<'a> {
    fonts: &'a Fonts,
    words: &'a Words,
    /// The pages before the one being written.
    pages: Vec<Page>,
    /// The page being written: there always is one.
    page: Page,
    y: f32,
}

fn blank_page() -> Page {
    Page {
        width: A4_W,
        height: A4_H,
        shapes: Vec::new(),
    }
}

impl<'a> Layout<'a> {
    pub fn new(fonts: &'a Fonts, words: &'a Words) -> Self {
        Self {
            fonts,
            words,
            pages: Vec::new(),
            page: blank_page(),
            y: TOP,
        }
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, blank_page());
        self.pages.push(done);
        self.y = TOP;
    }

    fn shapes(&mut self) -> &mut Vec<Shape> {
        &mut self.page.shapes
    }

    /// Starts a new page unless `height` more fits on this one.
    fn room_for(&mut self, height: f32) {
        if self.y + height > A4_H - BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn lines(&mut self, runs: &[Run], size: f32, line: f32, indent: f32) {
        let width = A4_W - 2.0 * MARGIN_X - indent;
        for pieces in wrap_runs(self.fonts, runs, size, width) {
            self.room_for(line);
            let baseline = self.y + size;
            for (x, r) in pieces {
                self.shapes().push(Shape::Text {
                    x: MARGIN_X + indent + x,
                    y: baseline,
                    size,
                    weight: r.weight,
                    paint: r.paint,
                    anchor: Anchor::Start,
                    text: r.text,
                    rtl: false,
                });
            }
            self.y += line;
        }
    }

    /// Body text: each entry starts a line of its own (and wraps), then a gap.
    fn paragraph(&mut self, lines: impl IntoIterator<Item = Vec<Run>>) {
        for runs in lines {
            self.lines(&runs, BODY, LINE, 0.0);
        }
        self.y += 4.0;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before, after) = match level {
            1 => (20.0, 0.0, 8.0),
            2 => (15.0, 16.0, 6.0),
            3 => (12.5, 12.0, 3.0),
            _ => (10.0, 5.0, 1.0),
        };
        // Keep a heading with at least two lines of what follows.
        self.room_for(before + size * 1.3 + after + 2.0 * LINE);
        if self.y > TOP {
            self.y += before;
        }
        let paint = if level >= 4 {
            scene::MUTED
        } else {
            scene::TEXT
        };
        let text = if level >= 4 {
            text.to_uppercase()
        } else {
            text.to_owned()
        };
        self.lines(&[run(text, Weight::Bold, paint)], size, size * 1.3, 0.0);
        if level == 2 {
            let y = self.y + 1.0;
            self.shapes().push(Shape::Rect {
                x: MARGIN_X,
                y,
                w: A4_W - 2.0 * MARGIN_X,
                h: 0.8,
                radius: 0.0,
                fill: Some(RULE),
                stroke: None,
            });
            self.y += 3.0;
        }
        self.y += after;
    }

    fn item(&mut self, item: &Item) {
        self.room_for(LINE);
        let bullet = item.kind.map_or(scene::MUTED, |k| scene::kind_colours(k).1);
        let baseline = self.y + BODY;
        self.shapes().push(Shape::Text {
            x: MARGIN_X + 2.0,
            y: baseline,
            size: BODY,
            weight: Weight::Bold,
            paint: bullet,
            anchor: Anchor::Start,
            text: "•".to_owned(),
            rtl: false,
        });
        let mut runs: Vec<Run> = item
            .marks
            .iter()
            .map(|m| {
                let paint = if m.starts_with('★') { USEFUL } else { WARM };
                run(format!("[{m}]"), Weight::Bold, paint)
            })
            .collect();
        runs.push(run(item.text.clone(), Weight::Regular, scene::TEXT));
        if let Some(by) = &item.by {
            runs.push(run(format!("— {by}"), Weight::Regular, scene::MUTED));
        }
        self.lines(&runs, BODY, LINE, BULLET_INDENT);
        self.y += 2.5;
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Title(t) => self.heading(1, t),
            Block::Heading(level, t) => self.heading(*level, t),
            Block::Meta(pairs) => {
                let lines = pairs.iter().map(|(k, v)| {
                    vec![
                        run(format!("{k}:"), Weight::Bold, scene::TEXT),
                        run(v.clone(), Weight::Regular, scene::TEXT),
                    ]
                });
                self.paragraph(lines);
            }
            Block::Paragraph(t) => {
                self.paragraph([vec![run(t.clone(), Weight::Regular, scene::TEXT)]]);
            }
            Block::Note(t) => {
                self.paragraph([vec![run(t.clone(), Weight::Regular, scene::MUTED)]]);
            }
            Block::Item(item) => self.item(item),
        }
    }

    /// Adds a page (e.g. the picture) as it is.
    pub fn push_page(&mut self, page: Page) {
        let done = std::mem::replace(&mut self.page, page);
        self.pages.push(done);
    }

    /// The pages, each with a footer: the title, and "Page n of N".
    pub fn finish(self, title: &str) -> Vec<Page> {
        let mut pages = self.pages;
        pages.push(self.page);
        let total = pages.len();
        let regular = self.fonts.get(Weight::Regular);
        for (i, page) in pages.iter_mut().enumerate() {
            let y = page.height - 34.0;
            let number = format!("{} {} {} {}", self.words.page, i + 1, self.words.of, total);
            let number_w = regular.width(&number, 8.5);
            page.shapes.push(Shape::Text {
                x: MARGIN_X,
                y,
                size: 8.5,
                weight: Weight::Regular,
                paint: scene::MUTED,
                anchor: Anchor::Start,
                text: regular.fit(title, 8.5, page.width - 2.0 * MARGIN_X - number_w - 20.0),
                rtl: false,
            });
            page.shapes.push(Shape::Text {
                x: page.width - MARGIN_X - number_w,
                y,
                size: 8.5,
                weight: Weight::Regular,
                paint: scene::MUTED,
                anchor: Anchor::Start,
                text: number,
                rtl: false,
            });
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::font::fonts;
    use super::*;

    #[test]
    fn runs_wrap_within_the_width_and_keep_their_styles() {
        let fonts = fonts().unwrap();
        let runs = [
            run("[warm]", Weight::Bold, WARM),
            run(
                "Wat heb je al geprobeerd om dit op te lossen, en wat gebeurde er toen?",
                Weight::Regular,
                scene::TEXT,
            ),
            run("— Bram", Weight::Regular, scene::MUTED),
        ];
        let lines = wrap_runs(fonts, &runs, 10.0, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines[0][0].1.text, "[warm]");
        assert_eq!(lines[0][0].1.weight, Weight::Bold);
        for line in &lines {
            let (x, last) = line.last().unwrap();
            assert!(
                x + fonts.get(last.weight).width(&last.text, 10.0) <= 150.01,
                "{line:?}"
            );
        }
        assert_eq!(lines.last().unwrap().last().unwrap().1.text, "— Bram");
        let long = wrap_runs(
            fonts,
            &[run("x".repeat(300), Weight::Regular, scene::TEXT)],
            10.0,
            100.0,
        );
        assert!(long.len() > 3);
    }
}
