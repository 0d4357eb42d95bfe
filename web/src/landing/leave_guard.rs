//! The warning before leaving the start page while a new session's links have been
//! neither copied nor opened: closing the tab then would leave the facilitator with a
//! session nobody can reach (the links are also in "my sessions", but a private window
//! or a cleared browser forgets those). `body[data-leave-warning="armed"]` says when
//! it is on.
//!
//! The browser shows its own question; pages may no longer choose its text.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::dom::{self, listen, remove_attr, set_attr};

pub(super) struct LeaveGuard {
    armed: Rc<Cell<bool>>,
}

impl LeaveGuard {
    /// Listens for `beforeunload` for the life of the page, disarmed.
    pub(super) fn install() -> Self {
        let armed = Rc::new(Cell::new(false));
        if let Ok(window) = dom::window() {
            let on = Rc::clone(&armed);
            listen(&window, "beforeunload", move |event| {
                if on.get() {
                    event.prevent_default();
                    // Older engines ask through `returnValue` instead.
                    let _ =
                        js_sys::Reflect::set(&event, &"returnValue".into(), &JsValue::from_str(""));
                }
            });
        }
        Self { armed }
    }

    pub(super) fn arm(&self) {
        self.set(true);
    }

    pub(super) fn disarm(&self) {
        self.set(false);
    }

    fn set(&self, armed: bool) {
        self.armed.set(armed);
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            if armed {
                set_attr(&body, "data-leave-warning", "armed");
            } else {
                remove_attr(&body, "data-leave-warning");
            }
        }
    }
}
