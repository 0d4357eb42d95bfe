//! "Skip to writing a card": the page's first focusable element, out of sight until the
//! keyboard reaches it, for people who write. Without it a keyboard user tabs through
//! the header, the phase strip and every seat and card of the table before reaching
//! the form they came for.
//!
//! Hook: `#skip-to-compose` (an `a.skip-link` to `#card-text`; hidden for links that
//! only read). Following it opens the phone's form when needed and puts the focus in
//! the text box (or on the note that says why nothing can be written now).

use web_sys::Element;

use crate::dom::{Hide, el, listen};
use crate::i18n::{Key, Lang};

pub struct SkipLink {
    pub root: Element,
}

impl SkipLink {
    /// `go` moves the focus to the form (the board knows where the form is now).
    pub fn new(lang: Lang, go: impl Fn() + 'static) -> Self {
        let root = el("a")
            .id("skip-to-compose")
            .class("skip-link")
            .attr("href", "#card-text")
            .attr("hidden", "")
            .key(lang, Key::SkipToCompose)
            .build();
        listen(&root, "click", move |event| {
            // Not the browser's jump: on a phone the form first has to open.
            event.prevent_default();
            go();
        });
        Self { root }
    }

    /// Offered to people who write, not to observers and room screens.
    pub fn set_shown(&self, shown: bool) {
        self.root.set_hidden(!shown);
    }
}
