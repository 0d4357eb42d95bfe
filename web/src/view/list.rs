//! The list view: the same board as an outline, for keyboards, screen readers and
//! phones. An equal view, not a fallback: everything the table offers is here as plain
//! buttons (edit, move to…, delete, take a seat).
//!
//! ```text
//! #list-view
//!   h2 "The board as a list"   [By person | By kind]   (button[data-group])
//!   ul.list-groups
//!     li.list-group[data-group="carried"]  h3 "From earlier sessions" (when any)
//!     li.list-group[data-group="centre"]   h3 "Table centre"
//!       ul.list-cards > li.list-card[data-card-id][data-kind][data-author]
//!     li.list-group[data-group="seat-0"]   h3 "Seat 1 · Anna" (+ hot seat badge)
//!       …
//! ```
//!
//! "By person" groups by a card's place as every screen decides it
//! (`ovaal_shared::layout::place_of`), never by its stored position: a person's cards
//! stay under their seat and name wherever they were dragged; a card moved to another
//! place ("move to…") lies under that place, its byline naming its author and "moved
//! here"; the centre holds the cards moved there and the hot seat's case. Within a
//! group the cards go by kind (in [`CardKind::ALL`]'s order), then by their order in
//! the place. The facilitator gets "show on the room screen" on every card and every
//! place (`button.list-spotlight`, `button.list-spotlight-place[data-place]`,
//! `aria-pressed` while it is in the spotlight).
//!
//! Clicks and keys are handled in [`super::list_input`], editing a card in place in
//! [`super::list_edit`].
//!
//! Card items are kept per card id and only moved between groups when their place
//! changes, so focus and an open editor survive other people's changes. Groups are
//! rebuilt only when their set changes (seat count, grouping).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::layout::{Place, card_order};
use ovaal_shared::{CardId, DocName};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::card_marks::CardLook;
use super::cards::CardAction;
use super::list_groups::{Group, GroupKey};
use super::list_item::{Item, build_item, update_item};
use crate::card_model::BoardCard;
use crate::dom::{self, Hide, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::layout::Place as Region;

/// How cards are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Place,
    Kind,
}

/// A seat as the list shows it (derived in the board model).
pub use crate::board_model::list_seats::ListSeat;

/// A card as the list shows it.
pub struct ListCard<'a> {
    pub card: &'a BoardCard,
    pub look: CardLook,
    pub region: Region,
    /// The region's name ("Table centre", "Seat 3 · Anna"), shown when grouped by kind.
    pub place: String,
    /// Its order within its place, when it was ordered by hand.
    pub order: Option<f64>,
    /// It lies in another place than in front of its author because it was moved.
    pub moved: bool,
    /// Whether it is in the spotlight, for the facilitator (`None`: not offered).
    pub spotlight: Option<bool>,
}

/// The facilitator's spotlight as the list's place groups offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceSpotlight {
    /// This person may put a place in the spotlight.
    pub offered: bool,
    /// The place in the spotlight now, if any.
    pub current: Option<Region>,
}

/// What the person asked for in the list.
pub enum ListAction {
    Card(CardAction),
    TakeSeat(u32),
    /// The grouping changed: the board renders the list again.
    Regroup,
    /// Put a card in the spotlight (or take it out, when it is in it).
    SpotlightCard {
        doc: DocName,
        id: CardId,
    },
    /// Put a place in the spotlight (or take it out, when it is in it).
    SpotlightPlace(Place),
}

pub struct ListView {
    pub root: Element,
    groups_root: Element,
    groups: RefCell<Vec<Group>>,
    pub(super) items: RefCell<HashMap<CardId, Item>>,
    pub(super) grouping: Cell<Grouping>,
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

    /// The language the next [`Self::render`] draws in (the model's).
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Takes every card out of the page (the back-turned case-holder sees none).
    pub fn clear(&self) {
        for (_, item) in self.items.borrow_mut().drain() {
            item.element.remove();
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
    pub fn render(&self, seats: &[ListSeat], cards: &[ListCard<'_>], spot: PlaceSpotlight) {
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
        super::list_groups::headings(&self.groups.borrow(), lang, seats, spot);

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
            let moved_here = i18n::t(lang, Key::ListMovedHere);
            if grouping == Grouping::Place && c.moved {
                footer.push(moved_here);
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
        let kind_rank = |kind: CardKind| CardKind::ALL.iter().position(|k| *k == kind);
        ovaal_shared::sort::sort_by(&mut sorted, |a, b| {
            let by_kind = if grouping == Grouping::Place {
                kind_rank(a.card.kind).cmp(&kind_rank(b.card.kind))
            } else {
                std::cmp::Ordering::Equal
            };
            by_kind.then_with(|| {
                card_order(
                    (a.order, a.card.created_ms, &a.card.id),
                    (b.order, b.card.created_ms, &b.card.id),
                )
            })
        });
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
                    .zip(0u32..)
                    .all(|(e, i)| children.item(i).as_ref() == Some(*e));
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
}
