//! The texts of a language as a file the client fetches when that language is chosen,
//! instead of compiling every language into the wasm.
//!
//! English is compiled in (it is what a page falls back to); the other languages are
//! written by `cargo xtask build-web` from the same exhaustive `match`es the host build
//! compiles (so a key without a translation is still a compile error), served from
//! `/assets/`, kept by the service worker for offline use, and fetched by
//! `i18n::fetch` before the page first speaks that language.
//!
//! One line per key: `Name<TAB>text`, with `\n`, `\t` and `\\` escaped. Lines are read
//! by key name, so a file from an older build can never put a text under the wrong
//! key: what it lacks is shown in English.

use super::{Key, Lang};

/// Where the texts of `lang` are served, or `None` for the compiled-in English.
pub const fn path(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Nl => Some("/assets/texts-nl.txt"),
    }
}

/// The file's name inside `web/dist/assets/` (what [`path`] serves).
pub fn file_name(lang: Lang) -> Option<&'static str> {
    path(lang).and_then(|p| p.strip_prefix("/assets/"))
}

/// The file for `lang`, with every key's text (built on the host, by the xtask).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(lang: Lang) -> String {
    let mut out = String::new();
    for &key in Key::ALL {
        out.push_str(key.name());
        out.push('\t');
        for c in super::t(lang, key).chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// The texts in `file`, one slot per key in [`Key::ALL`]'s order; `None` where the
/// file has no (or an unknown) line for that key.
pub fn decode(file: &str) -> Vec<Option<String>> {
    let mut texts = vec![None; Key::ALL.len()];
    for line in file.lines() {
        let Some((name, text)) = line.split_once('\t') else {
            continue;
        };
        if let Some(key) = Key::from_name(name) {
            texts[key.index()] = Some(unescape(text));
        }
    }
    texts
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guarantee the compiled `match`es give holds for the file too: every key
    /// comes back with its text, in every language.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_text_survives_the_file() {
        for lang in Lang::ALL {
            let texts = decode(&encode(lang));
            for &key in Key::ALL {
                assert_eq!(
                    texts[key.index()].as_deref(),
                    Some(super::super::t(lang, key)),
                    "{key:?} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn unknown_and_broken_lines_are_left_out() {
        let texts = decode("NoSuchKey\tx\nAppName\tA\\\\b\\nc\nCopy without a tab\n");
        assert_eq!(texts[Key::AppName.index()].as_deref(), Some("A\\b\nc"));
        assert_eq!(texts[Key::Copy.index()], None);
        assert_eq!(texts.iter().flatten().count(), 1);
    }

    #[test]
    fn english_is_compiled_in_and_the_others_have_a_file() {
        assert_eq!(path(Lang::En), None);
        assert_eq!(file_name(Lang::Nl), Some("texts-nl.txt"));
    }
}
