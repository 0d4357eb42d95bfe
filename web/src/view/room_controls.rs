//! The room screen keeps its app controls (view switch, language, the "me" menu, the
//! connection pill) out of the picture: a projector shows the board to a room, and
//! nobody there can use a button on it. They come back while someone uses the
//! machine — a mouse move, a key, or the focus inside the header — and go again
//! after [`IDLE_MS`] without either.
//!
//! `<body data-controls="shown">` says they are shown; the stylesheet fades the
//! header's tools only on `body[data-page="room"]` without it. They are made
//! transparent, not taken out of the page, so Tab still reaches them (and the focus
//! inside the header shows them at once).

use std::cell::Cell;
use std::rc::Rc;

use crate::browser;
use crate::dom::{self, listen, set_attr};

/// How long the controls stay after the last mouse move or key.
pub const IDLE_MS: f64 = 3_000.0;

/// Shows the controls on activity and hides them after [`IDLE_MS`] of none.
pub fn wire() {
    let Ok(window) = dom::window() else { return };
    let pending: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
    for event in [
        "mousemove",
        "pointerdown",
        "keydown",
        "focusin",
        "touchstart",
    ] {
        let pending = Rc::clone(&pending);
        listen(&window, event, move |_| wake(&pending));
    }
}

fn wake(pending: &Rc<Cell<Option<i32>>>) {
    let Some(body) = dom::document().ok().and_then(|d| d.body()) else {
        return;
    };
    set_attr(&body, "data-controls", "shown");
    if let Some(handle) = pending.take() {
        browser::clear_timeout(handle);
    }
    let handle = browser::set_timeout(IDLE_MS, {
        let pending = Rc::clone(pending);
        move || {
            pending.set(None);
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                let _ = body.remove_attribute("data-controls");
            }
        }
    });
    pending.set(handle);
}
