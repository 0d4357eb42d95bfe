//! Copying a longer text from the start page ("copy all", the invitation). The async
//! Clipboard API exists only in secure contexts (https, localhost), so on a server
//! reached over plain http on the local network the text is put in a read-only text
//! box (`#copy-fallback`), selected, and copied the old way; where even that is
//! refused, it stays selected for Ctrl+C.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;

use crate::dom;

/// How a copy ended, which decides what the page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CopyOutcome {
    Copied,
    /// The text is selected in `#copy-fallback` for the person to copy.
    SelectedForHand,
}

pub(super) async fn copy_text(text: &str, fallback: &HtmlTextAreaElement) -> CopyOutcome {
    fallback.set_hidden(true);
    let Ok(window) = dom::window() else {
        return show_selected(text, fallback);
    };
    if window.is_secure_context() {
        let promise = window.navigator().clipboard().write_text(text);
        if JsFuture::from(promise).await.is_ok() {
            return CopyOutcome::Copied;
        }
    }
    let outcome = show_selected(text, fallback);
    let copied = window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    if copied {
        // Copied after all: the box is not needed; the caller gives the focus back.
        fallback.set_hidden(true);
        CopyOutcome::Copied
    } else {
        outcome
    }
}

fn show_selected(text: &str, fallback: &HtmlTextAreaElement) -> CopyOutcome {
    fallback.set_value(text);
    fallback.set_hidden(false);
    let _ = fallback.focus();
    fallback.select();
    CopyOutcome::SelectedForHand
}
