//! "Move card to…": a small menu of places (the table centre and every seat), so a card
//! can be moved without a mouse and without counting arrow-key presses, and "move up /
//! down" within its place. Opened by a card's `.card-move` button (on the table) or
//! `.list-move` (in the list).
//!
//! Hooks: `#move-menu` with `button[data-target="up"]`, `button[data-target="down"]`
//! (only where the card can go that way), `button[data-target="centre"]` and
//! `button[data-target="seat-<index>"]`. Arrow keys walk the buttons; Escape, Tab away
//! or a click outside closes it and gives the focus back to the button that opened it.

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::{CardId, DocName};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::dom::{self, el, listen, set_attr, set_style};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::layout::Place as Region;

/// What the menu's person chose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MoveChoice {
    To(Region),
    /// One step earlier (`true`) or later within the card's place.
    Step(bool),
}

/// Which card the menu is open for, and where the focus goes back to.
struct Open {
    doc: DocName,
    id: CardId,
    opener: HtmlElement,
}

pub struct MoveMenu {
    pub root: Element,
    list: Element,
    open: RefCell<Option<Open>>,
}

impl MoveMenu {
    pub fn new(lang: Lang, on_choose: impl Fn(DocName, CardId, MoveChoice) + 'static) -> Rc<Self> {
        let list = el("ul").class("move-list").build();
        let root = el("div")
            .id("move-menu")
            .class("popover")
            .class("move-menu")
            .attr("role", "dialog")
            .attr("aria-labelledby", "move-menu-title")
            .attr("hidden", "")
            .child(
                el("h2")
                    .id("move-menu-title")
                    .class("popover-title")
                    .key(lang, Key::MoveCard),
            )
            .child(list.clone())
            .build();
        let view = Rc::new(Self {
            root,
            list,
            open: RefCell::new(None),
        });
        let v = Rc::clone(&view);
        listen(&view.root, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button[data-target]").ok().flatten())
            else {
                return;
            };
            let target = button.get_attribute("data-target").unwrap_or_default();
            let choice = match target.as_str() {
                "centre" => Some(MoveChoice::To(Region::Centre)),
                "up" => Some(MoveChoice::Step(true)),
                "down" => Some(MoveChoice::Step(false)),
                _ => target
                    .strip_prefix("seat-")
                    .and_then(|n| n.parse().ok())
                    .map(|n| MoveChoice::To(Region::Seat(n))),
            };
            let open = v.close(true);
            if let (Some(choice), Some(open)) = (choice, open) {
                on_choose(open.doc, open.id, choice);
            }
        });
        let v = Rc::clone(&view);
        listen(&view.root, "keydown", move |event| v.key(&event));
        let v = Rc::clone(&view);
        listen(&view.root, "focusout", move |event| {
            // Tabbing out of the menu closes it (the focus is already elsewhere).
            let next = event
                .dyn_ref::<web_sys::FocusEvent>()
                .and_then(|f| f.related_target())
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if let Some(next) = next
                && !v.root.contains(Some(&next))
            {
                v.close(false);
            }
        });
        let v = Rc::clone(&view);
        if let Ok(document) = dom::document() {
            listen(&document, "pointerdown", move |event| {
                if v.open.borrow().is_none() {
                    return;
                }
                let inside = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|node| v.root.contains(Some(&node)));
                if !inside {
                    v.close(false);
                }
            });
        }
        view
    }

    /// Opens the menu for a card, next to `opener`, listing `places` (label per
    /// region); the card's current region is marked. `steps` says whether it can move
    /// up and down within its place.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        &self,
        lang: Lang,
        opener: &HtmlElement,
        doc: DocName,
        id: CardId,
        places: &[(Region, String)],
        current: Option<Region>,
        steps: (bool, bool),
    ) {
        set_attr(&self.root, "data-lang", lang.tag());
        self.list.set_text_content(None);
        for (target, key, shown) in [
            ("up", Key::MoveUp, steps.0),
            ("down", Key::MoveDown, steps.1),
        ] {
            if shown {
                let button = el("button")
                    .class("move-target")
                    .class("move-step")
                    .attr("type", "button")
                    .attr("data-target", target)
                    .text(i18n::t(lang, key));
                let _ = self.list.append_child(&el("li").child(button).build());
            }
        }
        for (region, label) in places {
            let target = match region {
                Region::Centre => "centre".to_owned(),
                Region::Seat(n) => format!("seat-{n}"),
            };
            let mut button = el("button")
                .class("move-target")
                .attr("type", "button")
                .attr("data-target", &target)
                .text(label);
            if current == Some(*region) {
                button = button.attr("aria-current", "true");
            }
            let _ = self.list.append_child(&el("li").child(button).build());
        }
        *self.open.borrow_mut() = Some(Open {
            doc,
            id,
            opener: opener.clone(),
        });
        let _ = self.root.remove_attribute("hidden");
        self.place_next_to(opener);
        if let Some(first) =
            dom::query(&self.list, "button").and_then(|b| b.dyn_into::<HtmlElement>().ok())
        {
            let _ = first.focus();
        }
    }

    /// Keeps the menu inside the window, below (or above) the button that opened it.
    fn place_next_to(&self, opener: &HtmlElement) {
        let Ok(root) = self.root.clone().dyn_into::<HtmlElement>() else {
            return;
        };
        let Ok(window) = dom::window() else { return };
        let vw = window
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(1024.0);
        let vh = window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(768.0);
        let anchor = opener.get_bounding_client_rect();
        let menu = root.get_bounding_client_rect();
        let left = (anchor.left()).min(vw - menu.width() - 8.0).max(8.0);
        let below = anchor.bottom() + 6.0;
        let top = if below + menu.height() <= vh - 8.0 {
            below
        } else {
            (anchor.top() - 6.0 - menu.height()).max(8.0)
        };
        set_style(&root, "left", &format!("{left:.0}px"));
        set_style(&root, "top", &format!("{top:.0}px"));
    }

    fn key(&self, event: &web_sys::Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" => {
                event.prevent_default();
                self.close(true);
            }
            k @ ("ArrowDown" | "ArrowUp" | "Home" | "End") => {
                event.prevent_default();
                let Ok(buttons) = self.list.query_selector_all("button") else {
                    return;
                };
                let count = buttons.length();
                if count == 0 {
                    return;
                }
                let active = dom::document().ok().and_then(|d| d.active_element());
                let current = (0..count).find(|i| {
                    buttons
                        .item(*i)
                        .zip(active.as_ref())
                        .is_some_and(|(b, a)| b.is_same_node(Some(a)))
                });
                let next = match (k, current) {
                    ("Home", _) => 0,
                    ("End", _) => count - 1,
                    ("ArrowDown", Some(i)) => (i + 1) % count,
                    ("ArrowUp", Some(i)) => (i + count - 1) % count,
                    _ => 0,
                };
                if let Some(button) = buttons
                    .item(next)
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
            _ => {}
        }
    }

    /// Closes the menu; returns what it was open for.
    fn close(&self, give_focus_back: bool) -> Option<OpenCard> {
        let open = self.open.borrow_mut().take()?;
        set_attr(&self.root, "hidden", "");
        if give_focus_back && open.opener.is_connected() {
            let _ = open.opener.focus();
        }
        Some(OpenCard {
            doc: open.doc,
            id: open.id,
        })
    }
}

/// The card a closed menu was open for.
struct OpenCard {
    doc: DocName,
    id: CardId,
}
