//! Text clean-up shared by the formats. Card text comes from other people's browsers:
//! besides emoji and right-to-left script it can hold control characters, which XML
//! forbids even escaped and which no picture can draw.

/// Line breaks as `\n`, tabs as spaces, every other control character (and the
/// non-characters XML forbids) dropped. Everything else — emoji, right-to-left text,
/// combining marks — stays as it is.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// [`clean`], with line breaks as spaces (for titles, names and headings).
pub fn one_line(text: &str) -> String {
    clean(text)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a character belongs to a right-to-left script (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether a character sets the direction of the text around it.
fn is_strong(c: char) -> bool {
    c.is_alphabetic() || is_rtl(c)
}

/// Whether a line reads right to left: its first letter is Hebrew, Arabic or another
/// right-to-left script (the rule a browser applies to `dir="auto"`). The picture
/// aligns such a line to the right of its box.
pub fn is_rtl_line(line: &str) -> bool {
    line.chars().find(|c| is_strong(*c)).is_some_and(is_rtl)
}

/// One line of a left-to-right page in the order its characters are drawn from left to
/// right (the report's lines: see [`visual_order_in`]).
pub fn visual_order(line: &str) -> String {
    visual_order_in(line, false)
}

/// One line of text in the order its characters are drawn from left to right, for
/// drawings that place glyphs one after the other (the PNG and the PDF), in a line
/// whose own direction is right to left when `rtl`. A small part of the Unicode
/// bidirectional algorithm: letters take their script's direction, digits run left to
/// right, spaces and punctuation take the direction of the letters on both sides (else
/// the line's), then runs are reversed from the deepest level out and brackets in
/// right-to-left runs mirrored. Enough for names and sentences in Hebrew or Arabic amid
/// Dutch; Arabic letters keep their isolated forms (no shaping).
pub fn visual_order_in(line: &str, rtl: bool) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    // The direction each character has by itself: `Some(true)` right to left,
    // `Some(false)` left to right, `None` neutral. A digit runs right to left for its
    // neighbours when the letter before it does (as in the algorithm's rule N1).
    let mut last_strong = rtl;
    let own: Vec<Option<bool>> = chars
        .iter()
        .map(|c| {
            if is_strong(*c) {
                last_strong = is_rtl(*c);
                Some(last_strong)
            } else if c.is_ascii_digit() {
                Some(last_strong)
            } else {
                None
            }
        })
        .collect();
    let base: u8 = u8::from(rtl);
    let levels: Vec<u8> = (0..chars.len())
        .map(|i| {
            if chars[i].is_ascii_digit() {
                // Numbers always read left to right, one level deeper than their
                // surroundings when those run right to left.
                return if own[i] == Some(true) || rtl { 2 } else { 0 };
            }
            let direction = own[i].unwrap_or_else(|| {
                let before = own[..i].iter().rev().find_map(|d| *d).unwrap_or(rtl);
                let after = own[i + 1..].iter().find_map(|d| *d).unwrap_or(rtl);
                if before == after { before } else { rtl }
            });
            match (direction, base) {
                (true, _) => 1,
                (false, 0) => 0,
                (false, _) => 2,
            }
        })
        .collect();
    // From the deepest level out, every run at that level or deeper is reversed.
    let mut out: Vec<(char, u8)> = chars.into_iter().zip(levels).collect();
    let deepest = out.iter().map(|(_, l)| *l).max().unwrap_or(0);
    for level in (1..=deepest).rev() {
        let mut i = 0;
        while i < out.len() {
            if out[i].1 < level {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < out.len() && out[j].1 >= level {
                j += 1;
            }
            out[i..j].reverse();
            i = j;
        }
    }
    out.into_iter()
        .map(|(c, level)| if level % 2 == 1 { mirrored(c) } else { c })
        .collect()
}

fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

/// A file-name-safe form of a title: lowercase ASCII letters, digits and dashes;
/// common accented Latin letters lose their accent. Never empty.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "ovaal".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The unaccented letter for common Latin letters with diacritics.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_everything_else_stays() {
        assert_eq!(clean("a\r\nb\rc\td\u{0}e\u{1b}f"), "a\nb\nc def");
        let tricky = "één 🤔 مرحبا שלום <script>";
        assert_eq!(clean(tricky), tricky);
        assert_eq!(one_line(" a \n\n b "), "a b");
    }

    #[test]
    fn right_to_left_runs_are_drawn_in_visual_order() {
        assert_eq!(visual_order("Bram"), "Bram");
        assert_eq!(visual_order("שלום"), "םולש");
        assert_eq!(
            visual_order("שלום: wie besluit er?"),
            "םולש: wie besluit er?"
        );
        assert_eq!(visual_order("Zoë zegt שלום עולם."), "Zoë zegt םלוע םולש.");
        assert_eq!(visual_order("(שלום עולם)"), "(םלוע םולש)");
        assert_eq!(visual_order("سارا — in de zaal"), "اراس — in de zaal");
        assert_eq!(visual_order("שלום 123"), "123 םולש");
    }

    #[test]
    fn a_right_to_left_line_reads_from_the_right() {
        assert!(is_rtl_line("שלום: wie besluit er?"));
        assert!(is_rtl_line("— مرحبا"));
        assert!(!is_rtl_line("Zoë zegt שלום"));
        assert!(!is_rtl_line("123"));
        assert_eq!(
            visual_order_in("שלום: wie besluit er?", true),
            "?wie besluit er :םולש"
        );
        assert_eq!(visual_order_in("(שלום) 12", true), "12 (םולש)");
        assert_eq!(visual_order_in("abc", true), "abc");
    }

    #[test]
    fn slugs_are_ascii_and_never_empty() {
        assert_eq!(slug("Intervisie team Zuid"), "intervisie-team-zuid");
        assert_eq!(slug("Één café — Zoë's kring!"), "een-cafe-zoe-s-kring");
        assert_eq!(slug("🤔 مرحبا"), "ovaal");
        assert!(slug(&"x".repeat(200)).len() <= 60);
    }
}
