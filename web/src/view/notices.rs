//! Non-blocking messages: short toasts (a refused write, a failed copy) and a hidden
//! live region that screen readers announce (new cards from others). Neither takes
//! focus away from what the person is doing.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser;
use crate::dom::{el, set_attr};
use crate::i18n::{Key, Lang};

/// How long a toast stays before it goes by itself.
const TOAST_MS: f64 = 7_000.0;
/// How long the undo toast offers to bring a deleted card back.
const UNDO_TOAST_MS: f64 = 8_000.0;

/// What the undo toast's button does, while the toast is up.
type PendingUndo = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

pub struct Notices {
    toasts: Element,
    announcer: Element,
    pending_undo: PendingUndo,
    /// Messages said within one moment, read out together (a phase change and a
    /// reveal at once must not overwrite each other).
    queued: Rc<RefCell<Vec<String>>>,
}

impl Notices {
    /// Builds both regions; put [`Notices::regions`] in the page.
    pub fn new() -> Self {
        let pending_undo: PendingUndo = Rc::new(RefCell::new(None));
        let pending = Rc::clone(&pending_undo);
        let toasts = el("div")
            .id("notices")
            .class("notices")
            .attr("role", "status")
            .attr("aria-live", "polite")
            // One listener for every toast's close button (toasts come and go).
            .on("click", move |event| {
                let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                if let Some(undo) = target
                    .as_ref()
                    .and_then(|t| t.closest("#undo-toast-undo").ok().flatten())
                {
                    if let Some(toast) = undo.closest(".toast").ok().flatten() {
                        toast.remove();
                    }
                    // Take it out before calling: the call may show a new toast.
                    let action = pending.borrow_mut().take();
                    if let Some(action) = action {
                        action();
                    }
                    return;
                }
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
        Self {
            toasts,
            announcer,
            pending_undo,
            queued: Rc::new(RefCell::new(Vec::new())),
        }
    }

    /// The toasts' region, which the room screen holds in its side panel.
    pub fn toasts(&self) -> &Element {
        &self.toasts
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

    /// The undo toast after a deletion (`#undo-toast`, button `#undo-toast-undo`):
    /// deleting is immediate, and for [`UNDO_TOAST_MS`] this offers it back. A newer
    /// deletion replaces the toast (its own undo is the one that matters now).
    pub fn show_undo(&self, lang: Lang, text: &str, on_undo: impl FnOnce() + 'static) {
        if let Ok(Some(old)) = self.toasts.query_selector("#undo-toast") {
            old.remove();
        }
        let undo = el("button")
            .id("undo-toast-undo")
            .class("button-quiet")
            .attr("type", "button")
            .key(lang, Key::Undo)
            .build();
        let toast = el("div")
            .id("undo-toast")
            .class("toast")
            .class("undo")
            .child(el("p").class("toast-text").text(text))
            .child(undo)
            .child(
                el("button")
                    .class("toast-close")
                    .attr("type", "button")
                    .key_attr(lang, "aria-label", Key::Dismiss)
                    .text("×"),
            )
            .build();
        *self.pending_undo.borrow_mut() = Some(Box::new(on_undo));
        let _ = self.toasts.append_child(&toast);
        let pending = Rc::clone(&self.pending_undo);
        browser::set_timeout(UNDO_TOAST_MS, move || {
            // Only if this toast is still the current one.
            if toast.is_connected() {
                toast.remove();
                pending.borrow_mut().take();
            }
        });
    }

    /// Empties the live region (what it said may not stay in the page, e.g. cards the
    /// back-turned case-holder must not see).
    pub fn clear_announcer(&self) {
        self.announcer.set_text_content(None);
    }

    /// Says something to screen-reader users without showing it.
    pub fn announce(&self, text: &str) {
        let first = {
            let mut queued = self.queued.borrow_mut();
            queued.push(text.to_owned());
            queued.len() == 1
        };
        if !first {
            return;
        }
        // Clearing first makes a repeated identical message be announced again.
        self.announcer.set_text_content(None);
        let announcer = self.announcer.clone();
        let queued = Rc::clone(&self.queued);
        browser::set_timeout(50.0, move || {
            let text = std::mem::take(&mut *queued.borrow_mut()).join(" ");
            set_attr(&announcer, "data-last", "1");
            announcer.set_text_content(Some(&text));
        });
    }
}
