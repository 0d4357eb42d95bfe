//! The facilitator's reminder that something is on the room screen, and the way to
//! take it off: `#spotlight-bar` ("On the room screen: <what>") with
//! `#spotlight-clear`, above the board in every view, shown only while a spotlight is
//! set. A spotlight left on by mistake would hide the table from the room, so the way
//! back is always one visible button away.

use web_sys::Element;

use crate::dom::{Hide, el, set_attr};
use crate::i18n::{Key, Lang};

pub struct SpotlightBar {
    pub root: Element,
    what: Element,
}

impl SpotlightBar {
    pub fn new(lang: Lang, on_clear: impl Fn() + 'static) -> Self {
        let what = el("span")
            .id("spotlight-what")
            .class("spotlight-what")
            .attr("dir", "auto")
            .build();
        let root = el("div")
            .id("spotlight-bar")
            .class("spotlight-bar")
            .attr("role", "status")
            .attr("hidden", "")
            .child(
                el("p")
                    .class("spotlight-bar-text")
                    .child(el("span").attr("aria-hidden", "true").text("📽 "))
                    .child(el("span").key(lang, Key::SpotlightOn))
                    .child(el("span").text(" "))
                    .child(what.clone()),
            )
            .child(
                el("button")
                    .id("spotlight-clear")
                    .class("button-danger")
                    .class("small")
                    .attr("type", "button")
                    .key(lang, Key::SpotlightClear)
                    .on("click", move |_| on_clear()),
            )
            .build();
        Self { root, what }
    }

    /// Shows what is in the spotlight (`None`: nothing, the bar goes).
    pub fn set(&self, what: Option<&str>) {
        match what {
            Some(what) => {
                if self.what.text_content().as_deref() != Some(what) {
                    self.what.set_text_content(Some(what));
                }
                self.root.set_hidden(false);
            }
            None => self.root.set_hidden(true),
        }
        set_attr(
            &self.root,
            "data-set",
            if what.is_some() { "true" } else { "false" },
        );
    }
}
