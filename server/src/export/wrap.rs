//! Line breaking for the picture and the PDF: text is broken in logical order (as
//! typed), measured with its shaped width, and only then is each line put in visual
//! order when it is drawn ([`super::shape`]). Breaking after reordering would tear
//! right-to-left phrases apart.

use super::font::Typeface;
use super::text::{clean, one_line};

impl Typeface<'_> {
    /// Breaks text into lines no wider than `max_width`: at line breaks, between
    /// words, and inside a word only when the word alone is too wide. Blank lines are
    /// dropped.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: break it by characters if it is too wide.
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size) > max_width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// At most `max_lines` lines; when text is cut, the last line ends in "…".
    pub fn wrap_at_most(
        &self,
        text: &str,
        size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(text, size, max_width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                self.ellipsize(last, size, max_width);
            }
        }
        lines
    }

    /// Shortens a line so that it and a trailing "…" fit in `max_width`.
    pub fn ellipsize(&self, line: &mut String, size: f32, max_width: f32) {
        while !line.is_empty() && self.width(&format!("{line}…"), size) > max_width {
            line.pop();
        }
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        line.push('…');
    }

    /// One line, cut with "…" if it is wider than `max_width`.
    pub fn fit(&self, text: &str, size: f32, max_width: f32) -> String {
        let mut line = one_line(text);
        if self.width(&line, size) > max_width {
            self.ellipsize(&mut line, size, max_width);
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::super::font::{Weight, fonts};

    #[test]
    fn wrapping_respects_width_breaks_and_long_words() {
        let font = fonts().unwrap().get(Weight::Regular);
        let lines = font.wrap("een twee drie vier vijf zes\n\nzeven", 10.0, 60.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.last().unwrap(), "zeven");
        for line in &lines {
            assert!(font.width(line, 10.0) <= 60.0, "{line}");
        }
        let long = font.wrap(&"x".repeat(100), 10.0, 50.0);
        assert!(long.len() > 5 && long.iter().all(|l| font.width(l, 10.0) <= 50.0));
        let cut = font.wrap_at_most("een twee drie vier vijf zes zeven acht", 10.0, 40.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(font.fit(&"lang ".repeat(20), 10.0, 50.0).ends_with('…'));
    }

    #[test]
    fn right_to_left_text_breaks_in_logical_order() {
        let font = fonts().unwrap().get(Weight::Regular);
        let lines = font.wrap("مرحبا بالعالم مرحبا بالعالم", 10.0, 80.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines[0].starts_with("مرحبا"), "{lines:?}");
    }
}
