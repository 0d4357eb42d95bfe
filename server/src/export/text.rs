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

/// One line of text in the order its characters are drawn from left to right, for
/// drawings that place glyphs one after the other (the PNG and the PDF). A small part
/// of the Unicode bidirectional algorithm, for left-to-right pages: right-to-left runs
/// (with the spaces and punctuation between their words) are reversed and their
/// brackets mirrored. Enough for names and sentences in Hebrew or Arabic amid Dutch;
/// Arabic letters keep their isolated forms (no shaping).
pub fn visual_order(line: &str) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    // Whether each character runs right to left: strong ones by their script,
    // neutral ones (spaces, punctuation, digits, emoji) only between two
    // right-to-left ones.
    let strong: Vec<Option<bool>> = chars
        .iter()
        .map(|c| is_strong(*c).then(|| is_rtl(*c)))
        .collect();
    let rtl: Vec<bool> = (0..chars.len())
        .map(|i| {
            strong[i].unwrap_or_else(|| {
                let before = strong[..i].iter().rev().find_map(|d| *d);
                let after = strong[i + 1..].iter().find_map(|d| *d);
                match (before, after) {
                    (Some(a), Some(b)) if a == b => a,
                    _ => false,
                }
            })
        })
        .collect();
    // Right-to-left runs are reversed in place.
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && rtl[j] == rtl[i] {
            j += 1;
        }
        let run = &chars[i..j];
        if rtl[i] {
            out.extend(run.iter().rev().map(|c| mirrored(*c)));
        } else {
            out.extend_from_slice(run);
        }
        i = j;
    }
    out.into_iter().collect()
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
    }

    #[test]
    fn slugs_are_ascii_and_never_empty() {
        assert_eq!(slug("Intervisie team Zuid"), "intervisie-team-zuid");
        assert_eq!(slug("Één café — Zoë's kring!"), "een-cafe-zoe-s-kring");
        assert_eq!(slug("🤔 مرحبا"), "ovaal");
        assert!(slug(&"x".repeat(200)).len() <= 60);
    }
}
