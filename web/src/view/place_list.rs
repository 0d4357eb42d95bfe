//! A place's cards as a list, in a dialog: what a chip stands for, or (on a phone)
//! everything in front of a seat. Keyboard accessible like every dialog of the page
//! (the focus moves in, Tab stays inside, Escape closes, the focus goes back to the
//! chip or seat that opened it).
//!
//! Hooks: `#place-dialog` with `#place-dialog-place` (the place's name) and
//! `#place-list > li.place-card[data-card-id][data-kind]` holding `.place-card-text`,
//! `.place-card-meta` (author, phase) and, where the card may be moved, a
//! `button.place-card-move`.

use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::{CardId, DocName};
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::dialog::Dialog;
use crate::dom::{el, listen};
use crate::i18n::{self, Key, Lang};

/// One card of the list.
#[derive(Debug, Clone)]
pub struct PlaceItem {
    pub id: CardId,
    pub doc: DocName,
    pub kind: CardKind,
    pub text: String,
    /// "Anna · Question round" (empty parts left out).
    pub meta: String,
    pub movable: bool,
}

pub struct PlaceList {
    dialog: Rc<Dialog>,
    place: Element,
    list: Element,
    items: std::cell::RefCell<Vec<PlaceItem>>,
}

impl PlaceList {
    /// `on_move` opens the move menu for a listed card; the list closes first (the
    /// focus is back on what opened it, where the menu opens).
    pub fn new(lang: Lang, on_move: impl Fn(DocName, CardId) + 'static) -> Rc<Self> {
        let dialog = Dialog::new(lang, "place-dialog", Key::PlaceCards);
        let place = el("p")
            .id("place-dialog-place")
            .class("place-dialog-place")
            .build();
        let list = el("ul").id("place-list").class("place-list").build();
        let _ = dialog.body.append_child(&place);
        let _ = dialog.body.append_child(&list);
        let view = Rc::new(Self {
            dialog,
            place,
            list,
            items: std::cell::RefCell::new(Vec::new()),
        });
        let v = Rc::clone(&view);
        listen(&view.list, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button.place-card-move").ok().flatten())
            else {
                return;
            };
            let id = button
                .closest("li.place-card")
                .ok()
                .flatten()
                .and_then(|li| li.get_attribute("data-card-id"));
            let item = id.and_then(|id| {
                v.items
                    .borrow()
                    .iter()
                    .find(|i| i.id.as_str() == id)
                    .cloned()
            });
            if let Some(item) = item {
                v.close();
                on_move(item.doc, item.id);
            }
        });
        view
    }

    /// Opens the list of `items` at the place called `place`.
    pub fn open(&self, lang: Lang, place: &str, items: Vec<PlaceItem>) {
        self.place.set_text_content(Some(place));
        self.list.set_text_content(None);
        if items.is_empty() {
            let _ = self.list.append_child(
                &el("li")
                    .class("place-empty")
                    .text(i18n::t(lang, Key::PlaceEmpty))
                    .build(),
            );
        }
        for item in &items {
            let kind = format!(
                "{} {}",
                i18n::kind_icon(item.kind),
                i18n::t(lang, i18n::kind_key(item.kind))
            );
            let mut li = el("li")
                .class("place-card")
                .attr("data-card-id", item.id.as_str())
                .attr("data-kind", item.kind.as_str())
                .child(el("span").class("place-card-kind").text(&kind))
                .child(el("p").class("place-card-text").text(&item.text));
            if !item.meta.is_empty() {
                li = li.child(el("p").class("place-card-meta").text(&item.meta));
            }
            if item.movable {
                li = li.child(
                    el("button")
                        .class("place-card-move")
                        .class("small")
                        .attr("type", "button")
                        .text(i18n::t(lang, Key::MoveCard)),
                );
            }
            let _ = self.list.append_child(&li.build());
        }
        *self.items.borrow_mut() = items;
        self.dialog.open(None);
    }

    pub fn close(&self) {
        self.dialog.close();
    }
}
