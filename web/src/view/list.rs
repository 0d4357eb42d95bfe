//! The list view: the same board as an outline, for keyboards, screen readers and
//! phones. An equal view, not a fallback: everything the table offers is here as plain
//! buttons (edit, move to…, delete, take a seat).
//!
//! ```text
//! #list-view
//!   h2 "The board as a list"   [By place | By kind]   (button[data-group])
//!   ul.list-groups
//!     li.list-group[data-group="centre"]   h3 "Table centre"
//!       ul.list-cards > li.list-card[data-card-id][data-kind][data-author]
//!     li.list-group[data-group="seat-0"]   h3 "Seat 1 · Anna" (+ hot seat badge)
//!       …
//!     li.list-group[data-group="carried"]  h3 "From earlier sessions" (when any)
//! ```
//!
//! Editing a card in place is in [`super::list_edit`].
//!
//! Card items are kept per card id and only moved between groups when their place
//! changes, so focus and an open editor survive other people's changes. Groups are
//! rebuilt only when their set changes (seat count, grouping).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ovaal_shared::CardId;
use ovaal_shared::board::CardKind;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::card_marks::{self, CardLook};
use super::cards::CardAction;
use super::list_groups::{Group, GroupKey};
use super::list_item::{Item, build_item, doc_of, focus_in, update_item};
use crate::card_model::BoardCard;
use crate::dom::{self, Hide, el, listen, set_attr};
use crate::geometry::Region;
use crate::i18n::{Key, Lang};

/// How cards are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Place,
    Kind,
}

/// A seat as the list shows it.
pub struct ListSeat {
    pub index: u32,
    /// "Seat 2 · Anna (you)".
    pub label: String,
    /// "in the room, online".
    pub details: String,
    pub hot: bool,
    pub can_take: bool,
}

/// A card as the list shows it.
pub struct ListCard<'a> {
    pub card: &'a BoardCard,
    pub look: CardLook,
    pub region: Region,
    /// The region's name ("Table centre", "Seat 3 · Anna"), shown when grouped by kind.
    pub place: String,
}

/// What the person asked for in the list.
pub enum ListAction {
    Card(CardAction),
    TakeSeat(u32),
    /// The grouping changed: the board renders the list again.
    Regroup,
}

pub struct ListView {
    pub root: Element,
    groups_root: Element,
    groups: RefCell<Vec<Group>>,
    pub(super) items: RefCell<HashMap<CardId, Item>>,
    grouping: Cell<Grouping>,
    pub(super) editing: RefCell<Option<CardId>>,
    pub(super) lang: Cell<Lang>,
    pub(super) act: Rc<dyn Fn(ListAction)>,
}

impl ListView {
    pub fn new(lang: Lang, act: impl Fn(ListAction) + 'static) -> Rc<Self> {
        let switch_button = |grouping: Grouping, id: &str, key: Key, pressed: bool| {
            el("button")
                .id(id)
                .attr("type", "button")
                .attr(
                    "data-group",
                    match grouping {
                        Grouping::Place => "place",
                        Grouping::Kind => "kind",
                    },
                )
                .attr("aria-pressed", if pressed { "true" } else { "false" })
                .key(lang, key)
        };
        let groups_root = el("ul").class("list-groups").build();
        let root = el("section")
            .id("list-view")
            .class("list-view")
            .attr("aria-labelledby", "list-title")
            .attr("hidden", "")
            .child(
                el("div")
                    .class("list-head")
                    .child(
                        el("h2")
                            .id("list-title")
                            .attr("tabindex", "-1")
                            .key(lang, Key::ListTitle),
                    )
                    .child(
                        el("div")
                            .class("list-grouping")
                            .attr("role", "group")
                            .key_attr(lang, "aria-label", Key::GroupLabel)
                            .child(switch_button(
                                Grouping::Place,
                                "list-group-place",
                                Key::GroupByPlace,
                                true,
                            ))
                            .child(switch_button(
                                Grouping::Kind,
                                "list-group-kind",
                                Key::GroupByKind,
                                false,
                            )),
                    ),
            )
            .child(groups_root.clone())
            .build();
        let view = Rc::new(Self {
            root,
            groups_root,
            groups: RefCell::new(Vec::new()),
            items: RefCell::new(HashMap::new()),
            grouping: Cell::new(Grouping::Place),
            editing: RefCell::new(None),
            lang: Cell::new(lang),
            act: Rc::new(act),
        });
        let v = Rc::clone(&view);
        listen(&view.root, "click", move |event| v.click(&event));
        let v = Rc::clone(&view);
        listen(&view.root, "keydown", move |event| v.key(&event));
        view
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Takes every card out of the page (the back-turned case-holder sees none).
    pub fn clear(&self) {
        for (_, item) in self.items.borrow_mut().drain() {
            item.element.remove();
        }
    }

    /// Forgets the drawn items, so the next render draws them in the current language.
    pub fn relabel(&self) {
        for item in self.items.borrow_mut().values_mut() {
            item.look = None;
        }
    }

    pub fn show(&self, show: bool) {
        if show {
            let _ = self.root.remove_attribute("hidden");
        } else {
            set_attr(&self.root, "hidden", "");
        }
    }

    /// The item of a card (to give it the focus).
    pub fn item(&self, id: &CardId) -> Option<HtmlElement> {
        self.items
            .borrow()
            .get(id)
            .and_then(|i| i.element.clone().dyn_into::<HtmlElement>().ok())
    }

    /// Brings the outline in line with the board.
    pub fn render(&self, seats: &[ListSeat], cards: &[ListCard<'_>]) {
        let lang = self.lang.get();
        let grouping = self.grouping.get();
        let carried = cards.iter().any(|c| c.card.carried.is_some());
        let keys: Vec<GroupKey> = match grouping {
            Grouping::Place => carried
                .then_some(GroupKey::Carried)
                .into_iter()
                .chain(std::iter::once(GroupKey::Place(Region::Centre)))
                .chain(seats.iter().map(|s| GroupKey::Place(Region::Seat(s.index))))
                .collect(),
            Grouping::Kind => CardKind::ALL.into_iter().map(GroupKey::Kind).collect(),
        };
        let same = self
            .groups
            .borrow()
            .iter()
            .map(|g| g.key)
            .eq(keys.iter().copied());
        if !same {
            *self.groups.borrow_mut() = super::list_groups::rebuild(&self.groups_root, &keys);
        }
        super::list_groups::headings(&self.groups.borrow(), lang, seats);

        // Card items: drop the gone, make the new, update the rest.
        let editing = self.editing.borrow().clone();
        let mut items = self.items.borrow_mut();
        items.retain(|id, item| {
            let keep = cards.iter().any(|c| &c.card.id == id);
            if !keep {
                item.element.remove();
            }
            keep
        });
        for c in cards {
            let mut footer: Vec<&str> = Vec::new();
            if !c.look.byline.is_empty() {
                footer.push(&c.look.byline);
            }
            if grouping == Grouping::Kind && c.card.carried.is_none() {
                footer.push(&c.place);
            }
            if !c.look.phase.is_empty() {
                footer.push(&c.look.phase);
            }
            let footer = footer.join(" · ");
            let item = items
                .entry(c.card.id.clone())
                .or_insert_with(|| build_item(lang, c.card));
            if editing.as_ref() != Some(&c.card.id) {
                update_item(lang, item, c, &footer);
            }
        }

        // Place each item in its group, in order, moving only what is out of place.
        let active = dom::document().ok().and_then(|d| d.active_element());
        let mut sorted: Vec<&ListCard<'_>> = cards.iter().collect();
        sorted
            .sort_by(|a, b| (a.card.created_ms, &a.card.id).cmp(&(b.card.created_ms, &b.card.id)));
        for group in self.groups.borrow().iter() {
            let wanted: Vec<&Element> = sorted
                .iter()
                .filter(|c| match group.key {
                    GroupKey::Carried => c.card.carried.is_some(),
                    GroupKey::Place(region) => c.card.carried.is_none() && c.region == region,
                    GroupKey::Kind(kind) => c.card.kind == kind,
                })
                .filter_map(|c| items.get(&c.card.id).map(|i| &i.element))
                .collect();
            let children = group.cards.children();
            let in_place = children.length() as usize == wanted.len()
                && wanted
                    .iter()
                    .enumerate()
                    .all(|(i, e)| children.item(i as u32).as_ref() == Some(*e));
            if !in_place {
                for element in &wanted {
                    let _ = group.cards.append_child(element);
                }
            }
            group.cards.set_hidden(wanted.is_empty());
            group.empty.set_hidden(!wanted.is_empty());
        }
        // Moving a node drops its focus: give it back.
        let now = dom::document().ok().and_then(|d| d.active_element());
        if let Some(active) = active
            && now.as_ref() != Some(&active)
            && active.is_connected()
            && self.root.contains(Some(&active))
            && let Ok(active) = active.dyn_into::<HtmlElement>()
        {
            let _ = active.focus();
        }
    }

    fn click(&self, event: &web_sys::Event) {
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
        } else if class.contains("list-delete") {
            focus_neighbour(&item);
            (self.act)(ListAction::Card(CardAction::Delete { doc, id }));
        }
    }

    fn key(&self, event: &web_sys::Event) {
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
