//! The harvest report as Markdown (CommonMark, GitHub-flavoured renderers included).
//!
//! Card text cannot inject formatting or HTML: every character with inline meaning is
//! backslash-escaped, `<`, `>` and `&` become entities, characters that start a block
//! (`#`, `-`, `+`, `=`, `1.`) are escaped at the start of each line, and a card's
//! line breaks become hard breaks inside its list item (blank lines are dropped), so a
//! card can never end its list item or start a heading.

use super::report::{self, Block, Item};
use super::schema::Harvest;
use super::text::{clean, one_line};
use super::words::Lang;

pub fn render(harvest: &Harvest, lang: Lang) -> String {
    render_blocks(&report::build(harvest, lang))
}

/// Any report's blocks as Markdown (the full report, the case-holder's own).
pub fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for block in blocks {
        let is_item = matches!(block, Block::Item(_) | Block::Meta(_));
        if !out.is_empty() {
            out.push_str(if previous_item && matches!(block, Block::Item(_)) {
                "\n"
            } else {
                "\n\n"
            });
        }
        previous_item = is_item;
        match block {
            Block::Title(t) => push_heading(&mut out, 1, t),
            Block::Heading(level, t) => push_heading(&mut out, *level, t),
            Block::Meta(pairs) => {
                let lines: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "- **{}:** {}",
                            escape_inline(k, false),
                            escape_inline(v, false)
                        )
                    })
                    .collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Paragraph(t) => out.push_str(&escape_text(t, "")),
            Block::Note(t) => {
                out.push('*');
                out.push_str(&escape_inline(t, false));
                out.push('*');
            }
            Block::Item(item) => push_item(&mut out, item),
        }
    }
    out.push('\n');
    out
}

fn push_heading(out: &mut String, level: u8, text: &str) {
    for _ in 0..level.clamp(1, 6) {
        out.push('#');
    }
    out.push(' ');
    out.push_str(&escape_inline(text, false));
}

fn push_item(out: &mut String, item: &Item) {
    out.push_str("- ");
    for mark in &item.marks {
        out.push_str("**");
        out.push_str(&escape_inline(mark, false));
        out.push_str("** ");
    }
    out.push_str(&escape_text(&item.text, "  "));
    if let Some(by) = &item.by {
        out.push_str(" — *");
        out.push_str(&escape_inline(by, false));
        out.push('*');
    }
}

/// Text that may hold line breaks: each line escaped, joined with hard breaks
/// (backslash at the end of a line), continuation lines indented by `indent` so they
/// stay inside their list item.
pub fn escape_text(text: &str, indent: &str) -> String {
    let cleaned = clean(text);
    let lines: Vec<String> = cleaned
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_line)
        .collect();
    lines.join(&format!("\\\n{indent}"))
}

/// One line of text that starts a line (or a list item), escaped so it shows exactly
/// as written.
pub fn escape_line(text: &str) -> String {
    escape_inline(text, true)
}

/// One line of inline text; `line_start` when it begins a line or a list item, where
/// `#`, `-`, `+`, `=` and `1.` would start a block.
pub fn escape_inline(text: &str, line_start: bool) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let mut at_start = line_start;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // Block starters matter only at the start of a line.
            '#' | '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            d if at_start && d.is_ascii_digit() => {
                // "1." or "1)" would start an ordered list.
                out.push(d);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_digit() {
                        out.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if let Some(&next) = chars.peek()
                    && (next == '.' || next == ')')
                {
                    out.push('\\');
                    out.push(next);
                    chars.next();
                }
            }
            other => out.push(other),
        }
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_and_html_are_escaped() {
        assert_eq!(
            escape_line("<script>alert(1)</script> & *x* _y_ [a](b) `c` | ~d~ $e$"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*x\\* \\_y\\_ \\[a\\](b) \\`c\\` \\| \\~d\\~ \\$e\\$"
        );
    }

    #[test]
    fn block_starters_are_escaped_at_line_starts_only() {
        assert_eq!(escape_line("# kop"), "\\# kop");
        assert_eq!(escape_line("- punt - en"), "\\- punt - en");
        assert_eq!(escape_line("12. twaalf"), "12\\. twaalf");
        assert_eq!(escape_line("3) drie"), "3\\) drie");
        assert_eq!(escape_line("in 2025. Klaar"), "in 2025. Klaar");
        assert_eq!(escape_line("> quote"), "&gt; quote");
        assert_eq!(escape_inline("4. Vragenronde", false), "4. Vragenronde");
    }

    #[test]
    fn line_breaks_stay_inside_the_item() {
        assert_eq!(
            escape_text("eerste\r\n\n# tweede\n  ---  ", "  "),
            "eerste\\\n  \\# tweede\\\n  \\---"
        );
        let tricky = "één 🤔 مرحبا שלום";
        assert_eq!(escape_line(tricky), tricky);
    }
}
