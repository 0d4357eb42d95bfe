//! Non-blocking messages: short toasts (a refused write, a failed copy) and a hidden
//! live region that screen readers announce (new cards from others). Neither takes
//! focus away from what the person is doing.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser;
use crate::dom::{el, set_attr};
use crate::i18n::{Key, Lang};

/// How long a toast stays before it goes by itself.
const TOAST_MS: f64 = 7_000.0;

pub struct Notices {
    toasts: Element,
    announcer: Element,
}

impl Notices {
    /// Builds both regions; put [`Notices::regions`] in the page.
    pub fn new() -> Self {
        let toasts = el("div")
            .id("notices")
            .class("notices")
            .attr("role", "status")
            .attr("aria-live", "polite")
            // One listener for every toast's close button (toasts come and go).
            .on("click", |event| {
                let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                if let Some(toast) = target
                    .filter(|t| t.closest(".toast-close").ok().flatten().is_some())
                    .and_then(|t| t.closest(".toast").ok().flatten())
                {
                    toast.remove();
                }
            })
            .build();
        let announcer = el("div")
            .id("announcer")
            .class("visually-hidden")
            .attr("aria-live", "polite")
            .attr("aria-atomic", "true")
            .build();
        Self { toasts, announcer }
    }

    pub fn regions(&self) -> [Element; 2] {
        [self.toasts.clone(), self.announcer.clone()]
    }

    /// Shows a toast with a close button.
    pub fn show(&self, lang: Lang, text: &str, kind: &str) {
        let toast = el("div").class("toast").class(kind).build();
        let close = el("button")
            .class("toast-close")
            .attr("type", "button")
            .key_attr(lang, "aria-label", Key::Dismiss)
            .text("×");
        let body = el("p").class("toast-text").text(text).build();
        let _ = toast.append_child(&body);
        let _ = toast.append_child(close.as_ref());
        let _ = self.toasts.append_child(&toast);
        browser::set_timeout(TOAST_MS, move || toast.remove());
    }

    /// Says something to screen-reader users without showing it.
    pub fn announce(&self, text: &str) {
        // Clearing first makes a repeated identical message be announced again.
        self.announcer.set_text_content(None);
        let announcer = self.announcer.clone();
        let text = text.to_owned();
        browser::set_timeout(50.0, move || {
            set_attr(&announcer, "data-last", "1");
            announcer.set_text_content(Some(&text));
        });
    }
}
