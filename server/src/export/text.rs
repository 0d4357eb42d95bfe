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

/// Whether a line reads right to left: its first strong letter is Hebrew, Arabic or
/// another right-to-left script (the Unicode bidirectional algorithm's rules P2 and
/// P3, which a browser applies to `dir="auto"`). The picture aligns such a line to
/// the right of its box and lays it out as a right-to-left paragraph.
pub fn is_rtl_line(line: &str) -> bool {
    unicode_bidi::get_base_direction(line) == unicode_bidi::Direction::Rtl
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
    fn a_right_to_left_line_reads_from_the_right() {
        assert!(is_rtl_line("שלום: wie besluit er?"));
        assert!(is_rtl_line("— مرحبا"));
        assert!(!is_rtl_line("Zoë zegt שלום"));
        assert!(!is_rtl_line("123"));
    }

    #[test]
    fn slugs_are_ascii_and_never_empty() {
        assert_eq!(slug("Intervisie team Zuid"), "intervisie-team-zuid");
        assert_eq!(slug("Één café — Zoë's kring!"), "een-cafe-zoe-s-kring");
        assert_eq!(slug("🤔 مرحبا"), "ovaal");
        assert!(slug(&"x".repeat(200)).len() <= 60);
    }
}
