//! The room's join code: a short participant token (8 characters, 40 bits) that the
//! room screen shows as `ABCD-EFGH` and people type on the start page or scan as a QR
//! code. The server issues, shows and looks codes up by these rules and the page reads
//! a typed or linked code by them, so a code the page accepts is one the server knows
//! how to read.

/// The characters of a code: Crockford base32 without look-alikes (no I, L, O, U), so
/// a code read off a projector can be typed without confusion.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The length of a code without its dash.
pub const LEN: usize = 8;

/// Turns what someone typed (or a link carried) into the canonical code:
/// case-insensitive, dashes and spaces ignored, the usual misreadings (O→0, I/L→1)
/// forgiven; `None` if it cannot be a code.
pub fn normalize(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    (code.len() == LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// How a code is shown and read aloud: `K7PM-4QXA`.
pub fn display(code: &str) -> String {
    let half = code.len() / 2;
    match (code.get(..half), code.get(half..)) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_forgivingly_and_shown_with_a_dash() {
        assert_eq!(normalize("k7pm-4qxa").as_deref(), Some("K7PM4QXA"));
        assert_eq!(normalize(" K7PM 4QXA ").as_deref(), Some("K7PM4QXA"));
        assert_eq!(normalize("abcd-efgo").as_deref(), Some("ABCDEFG0"));
        assert_eq!(normalize("abcd-efgi").as_deref(), Some("ABCDEFG1"));
        assert_eq!(normalize("ABCD-EFG"), None);
        assert_eq!(normalize("ABCD-EFG!"), None);
        assert_eq!(normalize("ABCD-EFGU"), None, "U is not in the alphabet");
        assert_eq!(display("K7PM4QXA"), "K7PM-4QXA");
        assert_eq!(normalize(&display("K7PM4QXA")).as_deref(), Some("K7PM4QXA"));
    }
}
