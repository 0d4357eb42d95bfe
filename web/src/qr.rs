//! The room screen's join code and the QR code of the participant link made from it.
//!
//! The room-screen link carries the join code in its fragment (`&join=K7PM4QXA`, see
//! `docs/api.md`). People in the room either type the code on the start page or scan
//! the QR code, which opens `{origin}/s/{session}#token={code}` directly: the code is a
//! participant token in its own right.
//!
//! The QR code is made by the `qrcode` crate without its renderers; [`QrSvg`] draws the
//! module matrix as one SVG path (a horizontal run of dark modules is one rectangle),
//! dark on white with the standard quiet zone of four modules.

use qrcode::{Color, QrCode};

/// How a typed or linked code is read and how one is shown: the server's rules.
pub use ovaal_shared::join_code::{display as display_join_code, normalize as normalize_join_code};
/// Light modules around the code that scanners need (the QR standard's minimum).
pub const QUIET_ZONE: usize = 4;

/// The participant link a join code opens.
pub fn participant_link(origin: &str, session: &str, code: &str) -> String {
    ovaal_shared::http_api::paths::board_link(origin, session, code)
}

/// A QR code as SVG drawing instructions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height in modules, quiet zone included (the `viewBox` size).
    pub size: usize,
    /// The `d` of one path covering every dark module.
    pub path: String,
}

impl QrSvg {
    pub fn new(data: &str) -> Option<Self> {
        let code = QrCode::new(data.as_bytes()).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let mut path = String::new();
        for (y, row) in colors.chunks(width).enumerate() {
            let mut x = 0;
            while x < width {
                if row[x] != Color::Dark {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            }
        }
        Some(Self {
            size: width + 2 * QUIET_ZONE,
            path,
        })
    }

    /// Whether the module at (`x`, `y`) (quiet zone included) is dark, read back from
    /// the path (for tests).
    #[cfg(test)]
    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.path.split('M').skip(1).any(|rect| {
            let mut parts = rect.split(['h', 'v', ' ']);
            let sx: usize = parts.next().unwrap().parse().unwrap();
            let sy: usize = parts.next().unwrap().parse().unwrap();
            let run: usize = parts.next().unwrap().parse().unwrap();
            sy == y && (sx..sx + run).contains(&x)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_are_normalized_and_shown_with_a_dash() {
        assert_eq!(
            normalize_join_code("k7pm-4qxa").as_deref(),
            Some("K7PM4QXA")
        );
        assert_eq!(
            normalize_join_code(" K7PM 4QXA ").as_deref(),
            Some("K7PM4QXA")
        );
        assert_eq!(normalize_join_code("K7PM4QX"), None);
        assert_eq!(normalize_join_code("K7PM4QX!"), None);
        // A misread O is the 0 the server issued.
        assert_eq!(normalize_join_code("K7PM4QXO").as_deref(), Some("K7PM4QX0"));
        assert_eq!(display_join_code("K7PM4QXA"), "K7PM-4QXA");
        assert_eq!(
            participant_link("https://ovaal.example", "abcdefgh12", "K7PM4QXA"),
            "https://ovaal.example/s/abcdefgh12#token=K7PM4QXA"
        );
    }

    #[test]
    fn qr_has_finder_patterns_inside_a_quiet_zone() {
        let link = participant_link(
            "http://127.0.0.1:18090",
            "IerDWXZKamJOdl9rIJ_KNw",
            "K7PM4QXA",
        );
        let qr = QrSvg::new(&link).unwrap();
        let modules = qr.size - 2 * QUIET_ZONE;
        assert_eq!((modules - 17) % 4, 0, "a QR code is 17 + 4·version modules");
        assert!(
            modules >= 29,
            "{} characters need at least version 3",
            link.len()
        );
        // Nothing dark in the quiet zone.
        for i in 0..qr.size {
            for q in 0..QUIET_ZONE {
                assert!(!qr.is_dark(i, q) && !qr.is_dark(q, i));
                assert!(!qr.is_dark(i, qr.size - 1 - q) && !qr.is_dark(qr.size - 1 - q, i));
            }
        }
        // The three 7×7 finder patterns: a dark ring, a light ring, a dark 3×3 core.
        let o = QUIET_ZONE;
        let far = qr.size - QUIET_ZONE - 7;
        for (fx, fy) in [(o, o), (far, o), (o, far)] {
            for d in 0..7 {
                assert!(qr.is_dark(fx + d, fy) && qr.is_dark(fx, fy + d));
                assert!(qr.is_dark(fx + d, fy + 6) && qr.is_dark(fx + 6, fy + d));
            }
            assert!(!qr.is_dark(fx + 1, fy + 1) && qr.is_dark(fx + 3, fy + 3));
        }
    }
}
