//! "Pick a free seat at the table": the line that tells a newcomer what to do next,
//! shown above the board while a writing person has a profile but no seat. After the
//! join screen closes the focus lands on it, so keyboard and screen-reader users hear
//! the next step instead of being dropped on the page body.
//!
//! Hook: `#seat-prompt` (hidden while not needed); its heading takes the focus.

use web_sys::{Element, HtmlElement};

use crate::dom::{Hide, el};
use crate::i18n::{Key, Lang};

pub struct SeatPrompt {
    pub root: Element,
    heading: HtmlElement,
}

impl SeatPrompt {
    pub fn new(lang: Lang) -> Self {
        // A heading with tabindex -1: focusable from code, not a tab stop, and read
        // out as what it is when it gets the focus.
        let heading = el("h2")
            .id("seat-prompt-title")
            .attr("tabindex", "-1")
            .key(lang, Key::SeatPrompt)
            .cast::<HtmlElement>();
        let root = el("div")
            .id("seat-prompt")
            .class("seat-prompt")
            .attr("hidden", "")
            .child(heading.clone())
            .child(el("p").class("muted").key(lang, Key::SeatPromptHow))
            .build();
        Self { root, heading }
    }

    pub fn set_shown(&self, shown: bool) {
        self.root.set_hidden(!shown);
    }

    pub fn is_shown(&self) -> bool {
        !self.root.has_attribute("hidden")
    }

    pub fn focus(&self) {
        let _ = self.heading.focus();
    }
}
