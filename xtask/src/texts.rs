//! The interface texts of the languages the client fetches when they are chosen
//! (`ovaal_web::i18n::texts_file`): written from the client's own tables, built here
//! on the host where every language's exhaustive `match` is compiled.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use ovaal_web::i18n::{Lang, texts_file};

use crate::shell::announce;

/// Writes `texts-<lang>.txt` into `assets` for every language not compiled in.
pub fn write(assets: &Path) -> Result<()> {
    for lang in Lang::ALL {
        let Some(name) = texts_file::file_name(lang) else {
            continue;
        };
        announce(&format!("Writing the {} texts to {name}", lang.tag()));
        let path = assets.join(name);
        fs::write(&path, texts_file::encode(lang))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// The addresses of the texts files (`/assets/texts-nl.txt`), which the service
/// worker must keep.
pub fn on_demand_paths() -> impl Iterator<Item = String> {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| texts_file::path(lang).map(str::to_owned))
}

/// Whether `name` (relative to `web/dist`) is a texts file, fetched only on demand.
pub fn is_on_demand(name: &str) -> bool {
    Lang::ALL.into_iter().any(|lang| {
        texts_file::file_name(lang).is_some_and(|file| name == format!("assets/{file}"))
    })
}
