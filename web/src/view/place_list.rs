//! A place's cards as a list, in a dialog: what a chip stands for, or (on a phone)
//! everything in front of a seat. Keyboard accessible like every dialog of the page
//! (the focus moves in, Tab stays inside, Escape closes, the focus goes back to the
//! chip or seat that opened it).
//!
//! Hooks: `#place-dialog` with `#place-dialog-place` (the place's name) and
//! `#place-list > li.place-card[data-card-id][data-kind]` holding `.place-card-text`,
//! `.place-card-meta` (author, phase) and, where the card may be moved, a
//! `button.place-card-move`. For the facilitator, `#place-spotlight` puts the place on
//! the room screen and each card's `button.place-card-spotlight` the card
//! (`aria-pressed` while it is there; pressed again, it clears).

use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, DocName};
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::dialog::Dialog;
use crate::dom::{Hide, el, listen};
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
    /// The facilitator's spotlight: `None` when not offered, else whether the card is
    /// in it now.
    pub spotlight: Option<bool>,
}

/// What the facilitator asked the room screen to show from the list.
#[derive(Debug, Clone)]
pub enum PlaceSpot {
    Place(Place),
    Card(DocName, CardId),
}

pub struct PlaceList {
    dialog: Rc<Dialog>,
    place: Element,
    spotlight: Element,
    list: Element,
    items: std::cell::RefCell<Vec<PlaceItem>>,
    shown: std::cell::Cell<Option<Place>>,
}

impl PlaceList {
    /// `on_move` opens the move menu for a listed card; the list closes first (the
    /// focus is back on what opened it, where the menu opens).
    pub fn new(
        lang: Lang,
        on_move: impl Fn(DocName, CardId) + 'static,
        on_spotlight: impl Fn(PlaceSpot) + 'static,
    ) -> Rc<Self> {
        let dialog = Dialog::new(lang, "place-dialog", Key::PlaceCards);
        let place = el("p")
            .id("place-dialog-place")
            .class("place-dialog-place")
            .attr("dir", "auto")
            .build();
        let list = el("ul").id("place-list").class("place-list").build();
        let spotlight = el("button")
            .id("place-spotlight")
            .class("small")
            .attr("type", "button")
            .attr("aria-pressed", "false")
            .attr("hidden", "")
            .build();
        let _ = dialog.body.append_child(&place);
        let _ = dialog.body.append_child(&spotlight);
        let _ = dialog.body.append_child(&list);
        let view = Rc::new(Self {
            dialog,
            place,
            spotlight,
            list,
            items: std::cell::RefCell::new(Vec::new()),
            shown: std::cell::Cell::new(None),
        });
        let on_spotlight = Rc::new(on_spotlight);
        let (v, spot) = (Rc::clone(&view), Rc::clone(&on_spotlight));
        listen(&view.spotlight, "click", move |_| {
            if let Some(place) = v.shown.get() {
                v.close();
                spot(PlaceSpot::Place(place));
            }
        });
        let v = Rc::clone(&view);
        listen(&view.list, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| {
                    t.closest("button.place-card-move, button.place-card-spotlight")
                        .ok()
                        .flatten()
                })
            else {
                return;
            };
            let spotlight = button.class_list().contains("place-card-spotlight");
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
                if spotlight {
                    on_spotlight(PlaceSpot::Card(item.doc, item.id));
                } else {
                    on_move(item.doc, item.id);
                }
            }
        });
        view
    }

    /// Opens the list of `items` at `place`, called `label`; `spotlight` offers the
    /// facilitator to show the place on the room screen (`Some(true)`: it is shown).
    pub fn open(
        &self,
        lang: Lang,
        (place, label): (Place, &str),
        items: Vec<PlaceItem>,
        spotlight: Option<bool>,
    ) {
        self.place.set_text_content(Some(label));
        self.shown.set(Some(place));
        self.spotlight.set_hidden(spotlight.is_none());
        self.spotlight.set_text_content(Some(&format!(
            "📽 {}",
            i18n::tf(lang, Key::SpotlightShowPlace, &[("place", label)])
        )));
        let pressed = if spotlight == Some(true) {
            "true"
        } else {
            "false"
        };
        crate::dom::set_attr(&self.spotlight, "aria-pressed", pressed);
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
                .child(
                    el("p")
                        .class("place-card-text")
                        .attr("dir", "auto")
                        .text(&item.text),
                );
            if !item.meta.is_empty() {
                li = li.child(
                    el("p")
                        .class("place-card-meta")
                        .attr("dir", "auto")
                        .text(&item.meta),
                );
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
            if let Some(pressed) = item.spotlight {
                li = li.child(
                    el("button")
                        .class("place-card-spotlight")
                        .class("small")
                        .attr("type", "button")
                        .attr("aria-pressed", if pressed { "true" } else { "false" })
                        .text(&format!("📽 {}", i18n::t(lang, Key::SpotlightShow))),
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
