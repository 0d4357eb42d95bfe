//! What the person does in the list view, delegated from its root: the grouping
//! switch, "take seat", the facilitator's "show on the room screen" (a place or a
//! card), triage, and a card's edit, move and delete buttons; in the editor, Enter
//! saves and Escape cancels.

use ovaal_shared::CardId;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::card_marks;
use super::cards::CardAction;
use super::list::{Grouping, ListAction, ListView};
use super::list_item::{doc_of, focus_in};
use crate::dom::{self, set_attr};

impl ListView {
    pub(super) fn click(&self, event: &web_sys::Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if let Some(group) = button.get_attribute("data-group") {
            let grouping = if group == "kind" {
                Grouping::Kind
            } else {
                Grouping::Place
            };
            if let Ok(buttons) = self.root.query_selector_all("button[data-group]") {
                for i in 0..buttons.length() {
                    if let Some(b) = buttons.item(i).and_then(|b| b.dyn_into::<Element>().ok()) {
                        let on = b.get_attribute("data-group").as_deref() == Some(group.as_str());
                        set_attr(&b, "aria-pressed", if on { "true" } else { "false" });
                    }
                }
            }
            if self.grouping.replace(grouping) != grouping {
                (self.act)(ListAction::Regroup);
            }
            return;
        }
        if let Some(seat) = button
            .class_list()
            .contains("list-take-seat")
            .then(|| button.get_attribute("data-seat"))
            .flatten()
            .and_then(|s| s.parse().ok())
        {
            (self.act)(ListAction::TakeSeat(seat));
            return;
        }
        if let Some(place) = button
            .class_list()
            .contains("list-spotlight-place")
            .then(|| button.get_attribute("data-place"))
            .flatten()
            .and_then(|p| p.parse().ok())
        {
            (self.act)(ListAction::SpotlightPlace(place));
            return;
        }
        let Some((id, item)) = self.item_of(&button) else {
            return;
        };
        if let Some(change) = card_marks::change_of(&button) {
            let author = item
                .get_attribute("data-author")
                .and_then(|a| a.parse().ok());
            if let Some(author) = author {
                (self.act)(ListAction::Card(CardAction::Triage { author, id, change }));
            }
            return;
        }
        let Some(doc) = doc_of(&item) else {
            return;
        };
        let class = button.class_list();
        if class.contains("list-edit") {
            self.start_edit(&id, &item);
        } else if class.contains("list-save") {
            self.save(&id, &item, doc);
        } else if class.contains("list-cancel") {
            self.stop_edit(&id, &item);
            focus_in(&item, ".list-edit");
        } else if class.contains("list-move") {
            if let Ok(opener) = button.dyn_into::<HtmlElement>() {
                (self.act)(ListAction::Card(CardAction::OpenMove { doc, id, opener }));
            }
        } else if class.contains("list-spotlight") {
            (self.act)(ListAction::SpotlightCard { doc, id });
        } else if class.contains("list-delete") {
            focus_neighbour(&item);
            (self.act)(ListAction::Card(CardAction::Delete { doc, id }));
        }
    }

    pub(super) fn key(&self, event: &web_sys::Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if !target.class_list().contains("list-edit-text") {
            return;
        }
        let Some((id, item)) = self.item_of(&target) else {
            return;
        };
        match key.key().as_str() {
            "Enter" if !key.shift_key() && !key.is_composing() => {
                event.prevent_default();
                if let Some(doc) = doc_of(&item) {
                    self.save(&id, &item, doc);
                }
            }
            "Escape" => {
                event.prevent_default();
                self.stop_edit(&id, &item);
                focus_in(&item, ".list-edit");
            }
            _ => {}
        }
    }

    fn item_of(&self, target: &Element) -> Option<(CardId, Element)> {
        let item = target.closest("li.list-card").ok()??;
        let id = item.get_attribute("data-card-id")?.parse().ok()?;
        Some((id, item))
    }
}

/// Before an item goes away: focus the next card (or the previous, or the title), so
/// the keyboard user is not dropped at the top of the page.
fn focus_neighbour(item: &Element) {
    let next = item
        .next_element_sibling()
        .or_else(|| item.previous_element_sibling())
        .or_else(|| dom::document().ok()?.get_element_by_id("list-title"));
    if let Some(next) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ = next.focus();
    }
}
