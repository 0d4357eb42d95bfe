//! Where the focus goes after the two steps that remove the focused element: the join
//! screen closing, and a seat being taken (the clicked seat or "take seat" button is
//! redrawn). Left alone the browser puts the focus on the page body, and keyboard and
//! screen-reader users lose their place.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, SvgElement};

use super::Board;
use crate::dom;

impl Board {
    /// Without a seat: the "pick a free seat" prompt. With one: the first of the
    /// card form's text box, the phone's "write a card" button, the person's own
    /// seat and the "me" button that can take the focus now.
    pub(super) fn focus_next_step(&self) {
        if self.seat_prompt.is_shown() {
            self.seat_prompt.focus();
            return;
        }
        let Ok(document) = dom::document() else {
            return;
        };
        let seat = self
            .own_seat()
            .map(|seat| format!("g.seat[data-seat='{seat}']"));
        let candidates = ["#card-text", "#compose-open"]
            .into_iter()
            .map(str::to_owned)
            .chain(seat)
            .chain(["#me-button".to_owned()]);
        for selector in candidates {
            let Ok(Some(element)) = document.query_selector(&selector) else {
                continue;
            };
            if try_focus(&element) {
                return;
            }
        }
    }

    fn own_seat(&self) -> Option<u32> {
        let me = self.session.borrow().me().clone();
        self.profiles().get(&me).and_then(|p| p.seat)
    }
}

/// Focuses a rendered element and says whether it took the focus (a hidden or
/// disabled one does not).
fn try_focus(element: &Element) -> bool {
    let rect = element.get_bounding_client_rect();
    if rect.width() == 0.0 && rect.height() == 0.0 {
        return false;
    }
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
    dom::document()
        .ok()
        .and_then(|d| d.active_element())
        .as_ref()
        == Some(element)
}
