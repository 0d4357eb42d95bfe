//! Fetching a language's texts file (`texts_file`) before the page speaks it.

use wasm_bindgen_futures::spawn_local;

use super::{Lang, loaded, texts_file};
use crate::api::{self, ApiError};

/// Why a language could not be loaded: the page stays in the one it speaks.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("fetching the texts failed: {0}")]
    Request(#[from] ApiError),
    #[error("the texts file answered with status {0}")]
    Status(u16),
}

/// Makes `lang`'s texts available (at once for English or a language already here).
pub async fn ensure(lang: Lang) -> Result<(), LoadError> {
    let Some(path) = texts_file::path(lang).filter(|_| !loaded::is_ready(lang)) else {
        return Ok(());
    };
    let (status, body) = api::fetch("GET", path, None, None).await?;
    if status != 200 {
        return Err(LoadError::Status(status));
    }
    loaded::install(lang, &body);
    Ok(())
}

/// Runs `ready` once `lang` can be spoken: at once when its texts are here (the switch
/// stays instant), else after they arrived; `failed` when they cannot be had (offline
/// without a kept copy), so the caller keeps the current language and says so.
pub fn when_ready(lang: Lang, ready: impl FnOnce() + 'static, failed: impl FnOnce() + 'static) {
    if loaded::is_ready(lang) {
        ready();
        return;
    }
    spawn_local(async move {
        match ensure(lang).await {
            Ok(()) => ready(),
            Err(e) => {
                crate::dom::log_error("language", &e);
                failed();
            }
        }
    });
}
