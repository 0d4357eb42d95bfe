//! The texts of the languages not compiled in, once fetched (`i18n::fetch`).
//!
//! Each language is filled at most once per page; `t` reads it without locking or
//! copying. A key the file lacks (an older file) is said in English.

use std::sync::OnceLock;

use super::texts_file;
use super::{Key, Lang};

static DUTCH: OnceLock<Vec<Option<String>>> = OnceLock::new();

fn slot(lang: Lang) -> Option<&'static OnceLock<Vec<Option<String>>>> {
    match lang {
        Lang::En => None,
        Lang::Nl => Some(&DUTCH),
    }
}

/// Whether `t(lang, …)` can say everything in `lang` now (English always can).
pub fn is_ready(lang: Lang) -> bool {
    slot(lang).is_none_or(|s| s.get().is_some())
}

/// Keeps the texts of `file` (a texts file of `lang`).
pub fn install(lang: Lang, file: &str) {
    if let Some(slot) = slot(lang) {
        let _ = slot.set(texts_file::decode(file));
    }
}

/// `key` in `lang`, if its texts are here.
pub fn text(lang: Lang, key: Key) -> Option<&'static str> {
    slot(lang)?.get()?.get(key.index())?.as_deref()
}
