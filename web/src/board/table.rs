//! The table view from the board's state: the layout is worked out again whenever the
//! documents, the people or the board's size change ([`Board::render_table`]), and
//! moves go through the card's place and order (`ovaal_shared::board::arrangement`),
//! one write per move. The permission rule is the page's usual one
//! ([`Board::may_write_now`]): the facilitator may move every card, an author their own.

use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::layout::{Place, Surface, Viewport};
use ovaal_shared::{CardId, DocName};
use web_sys::HtmlElement;

use super::Board;
use crate::card_model::BoardCard;
use crate::dom::{self, log_error};
use crate::i18n::{self, Key, Lang};
use crate::layout::BoardView;
use crate::table_model::{self, TableFacts, TableScene, order};
use crate::view::place_list::{PlaceItem, PlaceList, PlaceSpot};
use std::rc::{Rc, Weak};

/// The board's box and the window's width, read together.
///
/// Reading an element's size makes the browser lay the page out first if anything
/// changed since it last did; a pass that had just built 300 cards paid a whole
/// layout for it, and again for each pass until the page was interactive. The resize
/// observer reports the size after the browser's own layout, for free, so the table
/// is arranged from that, and read only when there is no report yet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TableSize {
    width: i32,
    height: i32,
    window_width: f64,
}

impl TableSize {
    fn read(board: &HtmlElement) -> TableSize {
        let width = board.client_width();
        let window_width = dom::window()
            .ok()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .unwrap_or(f64::from(width));
        TableSize {
            width,
            height: board.client_height(),
            window_width,
        }
    }
}

/// What an arrangement of the table depends on besides its scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ArrangedFor {
    surface: Surface,
    lang: Lang,
    opens_places: bool,
    back_turned: bool,
}

impl Board {
    /// Runs `f` on the table's facts as the board has them now.
    fn with_facts<R>(
        &self,
        viewport: Viewport,
        surface: Surface,
        f: impl FnOnce(&TableFacts<'_>) -> R,
    ) -> R {
        let profiles = self.profiles();
        let all = self.all_cards();
        // The back-turned case-holder's page holds nothing of the board.
        let cards: Vec<&BoardCard> = if self.is_back_turned() {
            Vec::new()
        } else {
            all.values().flatten().collect()
        };
        let hot = self.hot_seat();
        let facilitation = self.facilitation();
        let facts = TableFacts {
            seats: self.seat_count(),
            profiles: &profiles,
            hot_seat: hot.as_ref(),
            current_phase: facilitation.phase.as_deref(),
            hide_names: facilitation.hide_names,
            cards: &cards,
            viewport,
            surface,
        };
        f(&facts)
    }

    /// The facts without a screen, for what does not depend on one (places, order).
    fn with_plain_facts<R>(&self, f: impl FnOnce(&TableFacts<'_>) -> R) -> R {
        let viewport = Viewport {
            width: 1000.0,
            height: 600.0,
        };
        self.with_facts(viewport, Surface::Laptop, f)
    }

    /// Runs `f` on the facts and every card's place (for order keys).
    pub(super) fn with_card_order<R>(
        &self,
        f: impl FnOnce(&TableFacts<'_>, &std::collections::BTreeMap<CardId, Place>) -> R,
    ) -> R {
        self.with_plain_facts(|facts| f(facts, &table_model::places(facts)))
    }

    /// The place of every card.
    pub(super) fn card_places(&self) -> std::collections::BTreeMap<CardId, Place> {
        self.with_plain_facts(table_model::places)
    }

    /// The board's size and the kind of screen, if the table is on the page: as the
    /// resize observer last reported them, else read now.
    fn table_viewport(&self) -> Option<(Viewport, Surface)> {
        let size = match self.table_size.get() {
            Some(size) => size,
            None => TableSize::read(self.cards.board()),
        };
        let (width, height) = (f64::from(size.width), f64::from(size.height));
        if width <= 0.0 || height <= 0.0 {
            return None;
        }
        let room = self.view.get() == BoardView::Room;
        Some((
            Viewport { width, height },
            table_model::surface_for(size.window_width, room),
        ))
    }

    /// The resize observer saw the board's box change (and the page laid out, so
    /// reading its size costs nothing now): the table is laid out for the new size
    /// if it differs from the one it was laid out for.
    pub(super) fn table_resized(&self) {
        let size = TableSize::read(self.cards.board());
        if self.table_size.replace(Some(size)) != Some(size) {
            self.render_table_if_moved();
        }
    }

    /// The window was resized or the view switched: the board's size is read again
    /// until the resize observer reports it.
    pub(super) fn table_size_unknown(&self) {
        self.table_size.set(None);
    }

    /// Lays the table out again and puts seats, cards and chips where it says.
    pub(super) fn render_table(&self) {
        self.arrange_table(true);
    }

    /// Lays the table out again, and puts seats, cards and chips where it says only
    /// when that moved: a joining page that already drew its local copy is welcomed
    /// with the same board, and moving its 300 cards to where they are (and measuring
    /// the seats' names again) was the main thread's work until it was interactive.
    pub(super) fn render_table_if_moved(&self) {
        self.arrange_table(false);
    }

    /// Cards or seats whose elements were built or changed since the last
    /// arrangement need it (a new card is hidden until then, a new text is fitted
    /// then, a new seat is placed then).
    pub(super) fn table_needs_arranging(&self) {
        self.arranged_for.set(None);
    }

    fn arrange_table(&self, always: bool) {
        if self.settings().is_none() {
            return;
        }
        let Some((viewport, surface)) = self.table_viewport() else {
            return;
        };
        let scene = self.with_facts(viewport, surface, table_model::table_scene);
        let lang = self.lang();
        // A taken seat opens its place's cards on a phone, where the table shows
        // counts, and for the facilitator everywhere, whose list of a place offers
        // to show it on the room screen.
        let opens_places = surface == Surface::Phone || self.list_spotlight().offered;
        let back_turned = self.is_back_turned();
        let arranged_for = Some(ArrangedFor {
            surface,
            lang,
            opens_places,
            back_turned,
        });
        if !always
            && self.arranged_for.get() == arranged_for
            && self.scene.borrow().as_ref() == Some(&scene)
        {
            return;
        }
        let board = self.cards.board();
        let _ = board.set_attribute("data-surface", surface_name(surface));
        self.table.arrange(lang, &scene, opens_places);
        self.cards.arrange(&scene);
        if back_turned {
            self.chips.clear();
        } else {
            self.chips
                .render(lang, &scene, &|place| self.region_label(place));
        }
        *self.scene.borrow_mut() = Some(scene);
        self.arranged_for.set(arranged_for);
    }

    /// Puts a card in `place`, after every card already there (so it shows as the
    /// place's newest).
    pub(super) fn move_card_place(&self, doc: DocName, id: CardId, place: Place) {
        if !self.ready_to_write(&doc) {
            return;
        }
        let order = self.with_plain_facts(|facts| {
            let places = table_model::places(facts);
            order::key_at_end(facts, &places, place, &id)
        });
        let result = {
            let session = self.session.borrow();
            match session.docs.get(&doc) {
                Some(d) => move_to_place(d, &id, place, order),
                None => return,
            }
        };
        if let Err(e) = result {
            log_error("card", &e);
        }
        self.after_local_change();
        let lang = self.lang();
        self.notices.announce(&i18n::tf(
            lang,
            Key::MoveCardTo,
            &[("place", &self.region_label(place))],
        ));
        self.refocus(&id);
    }

    /// One step earlier (`up`) or later within the card's place.
    pub(super) fn reorder_card(&self, doc: DocName, id: CardId, up: bool) {
        if !self.ready_to_write(&doc) {
            return;
        }
        let key = self.with_plain_facts(|facts| {
            let places = table_model::places(facts);
            order::step_key(facts, &places, &id, up)
        });
        let Some(key) = key else { return };
        let result = {
            let session = self.session.borrow();
            match session.docs.get(&doc) {
                Some(d) => set_order(d, &id, key),
                None => return,
            }
        };
        if let Err(e) = result {
            log_error("card", &e);
        }
        self.after_local_change();
        let lang = self.lang();
        self.notices.announce(i18n::t(
            lang,
            if up { Key::MovedUp } else { Key::MovedDown },
        ));
        self.refocus(&id);
    }

    /// ← → on a card: the previous or next place.
    pub(super) fn step_card(&self, doc: DocName, id: CardId, forward: bool) {
        let Some(current) = self.card_places().get(&id).copied() else {
            return;
        };
        let next = order::next_place(current, self.seat_count(), forward);
        self.move_card_place(doc, id, next);
    }

    /// A dragged card was let go at `(x, y)` on the board.
    pub(super) fn drop_card(&self, doc: DocName, id: CardId, x: f64, y: f64) {
        let target = self
            .scene
            .borrow()
            .as_ref()
            .map(|scene| (order::place_at(scene, x, y), scene.places.get(&id).copied()));
        match target {
            Some((place, current)) if Some(place) != current => {
                self.move_card_place(doc, id, place);
            }
            // Let go in its own place: it goes back to its box.
            _ => self.render_table(),
        }
    }

    /// The focus stays on a card that was moved (its element is the same; it may
    /// have been folded onto a chip, then the chip's list has it).
    fn refocus(&self, id: &CardId) {
        if self.view.get() == BoardView::List {
            return;
        }
        if let Some(element) = self.cards.element(id).filter(|e| !e.hidden()) {
            let _ = element.focus();
        }
    }

    /// Opens a place's cards as a list: the ones a chip stands for, or all of them.
    pub(super) fn open_place(&self, place: Place, only: Option<Vec<CardId>>) {
        let items = {
            let scene = self.scene.borrow();
            let Some(scene) = scene.as_ref() else { return };
            let ids =
                only.unwrap_or_else(|| scene.by_place.get(&place).cloned().unwrap_or_default());
            self.place_items(scene, &ids)
        };
        let spot = self.list_spotlight();
        let place_spot = spot.offered.then(|| spot.places().current == Some(place));
        self.place_list.open(
            self.lang(),
            (place, &self.region_label(place)),
            items,
            place_spot,
        );
    }

    fn place_items(&self, scene: &TableScene, ids: &[CardId]) -> Vec<PlaceItem> {
        let lang = self.lang();
        let spot = self.list_spotlight();
        let all = self.all_cards();
        let phase_names: std::collections::BTreeMap<String, String> = self
            .facilitation()
            .plan
            .iter()
            .map(|p| (p.id.clone(), p.name.get(lang.tag()).to_owned()))
            .collect();
        ids.iter()
            .filter_map(|id| {
                let entry = scene.entries.get(id)?;
                let card = all.values().flatten().find(|c| &c.id == id)?;
                let phase = entry.phase.as_ref().and_then(|p| phase_names.get(p));
                let meta = [entry.author.as_deref(), phase.map(String::as_str)]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                Some(PlaceItem {
                    id: id.clone(),
                    doc: card.doc.clone(),
                    kind: entry.kind,
                    text: entry.text.clone(),
                    meta,
                    movable: self.may_write_now(&card.doc),
                    spotlight: spot.offered.then(|| spot.is_card(card)),
                })
            })
            .collect()
    }

    /// Opens the move menu for a card listed in a place's list, next to whatever has
    /// the focus now (the chip or seat the list was opened from).
    pub(super) fn move_from_list(&self, doc: DocName, id: CardId) {
        use wasm_bindgen::JsCast;
        let opener = dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .and_then(|a| a.dyn_into::<HtmlElement>().ok())
            // A seat (SVG) is not an HTML element: the menu opens by the board then.
            .unwrap_or_else(|| self.cards.board().clone());
        self.open_move_menu(doc, id, opener);
    }
}

/// A place's list, its buttons calling back into the board: "move to…" and, for the
/// facilitator, the room screen's spotlight for the place or a card.
pub(super) fn place_list(lang: Lang, weak: &Weak<Board>) -> Rc<PlaceList> {
    let (w, w2) = (weak.clone(), weak.clone());
    PlaceList::new(
        lang,
        move |doc, id| {
            if let Some(board) = w.upgrade() {
                board.move_from_list(doc, id);
            }
        },
        move |spot| {
            if let Some(board) = w2.upgrade() {
                match spot {
                    PlaceSpot::Place(place) => board.spotlight_place(place),
                    PlaceSpot::Card(doc, id) => board.spotlight_card(&doc, &id),
                }
            }
        },
    )
}

fn surface_name(surface: Surface) -> &'static str {
    match surface {
        Surface::Projector => "projector",
        Surface::Laptop => "laptop",
        Surface::Phone => "phone",
        Surface::Print => "print",
    }
}
