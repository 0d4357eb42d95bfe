//! Cards as HTML elements over the board, keyed by card id and updated in place.
//!
//! The documents are the truth; this view keeps one element per card and, when an
//! author's document changes, creates, updates or removes only that author's
//! elements. A card being dragged or edited keeps its local state until the person
//! lets go: a remote change then lands on top when they drop, save or cancel.
//!
//! Cards get no listeners of their own. The board listens once ([`super::card_drag`]
//! for pointers, [`super::card_edit`] for buttons and keys) and finds the card from the
//! event target, so cards coming and going leak nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ovaal_shared::board::{Card, CardKind, CardText, Position};
use ovaal_shared::{CardId, ParticipantId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::dom::{el, query, set_attr, set_style};
use crate::geometry;
use crate::i18n::{self, Key, Lang};

/// A change to a card the person asked for.
#[derive(Debug, Clone)]
pub enum CardAction {
    Move {
        author: ParticipantId,
        id: CardId,
        position: Position,
    },
    Edit {
        author: ParticipantId,
        id: CardId,
        text: CardText,
    },
    Delete {
        author: ParticipantId,
        id: CardId,
    },
    /// Open the "move card to…" menu next to `opener`.
    OpenMove {
        author: ParticipantId,
        id: CardId,
        opener: HtmlElement,
    },
}

impl CardAction {
    pub fn author(&self) -> &ParticipantId {
        match self {
            CardAction::Move { author, .. }
            | CardAction::Edit { author, .. }
            | CardAction::Delete { author, .. }
            | CardAction::OpenMove { author, .. } => author,
        }
    }
}

/// What the view remembers of a card it shows.
pub(super) struct Shown {
    pub element: HtmlElement,
    pub author: ParticipantId,
    pub kind: CardKind,
    pub text: String,
    pub position: Position,
    pub editable: bool,
}

pub struct CardsView {
    pub(super) board: HtmlElement,
    pub(super) shown: RefCell<HashMap<CardId, Shown>>,
    pub(super) lang: Cell<Lang>,
    /// The card being dragged, whose position must not be overwritten meanwhile.
    pub(super) dragging: RefCell<Option<CardId>>,
    pub(super) act: Rc<dyn Fn(CardAction)>,
}

impl CardsView {
    /// Attaches the card layer to `board` (the `#board` element).
    pub fn new(lang: Lang, board: HtmlElement, act: impl Fn(CardAction) + 'static) -> Rc<Self> {
        let view = Rc::new(Self {
            board,
            shown: RefCell::new(HashMap::new()),
            lang: Cell::new(lang),
            dragging: RefCell::new(None),
            act: Rc::new(act),
        });
        super::card_drag::wire(&view);
        super::card_edit::wire(&view);
        view
    }

    /// The `#board` element the cards lie on.
    pub fn board(&self) -> &HtmlElement {
        &self.board
    }

    /// Shows exactly `cards` for `author`. Returns the cards that were not shown
    /// before (the caller decides whether they are worth announcing).
    pub fn render_author(
        &self,
        author: &ParticipantId,
        cards: &[Card],
        author_name: &str,
        editable: bool,
    ) -> Vec<Card> {
        let lang = self.lang.get();
        let mut shown = self.shown.borrow_mut();
        let dragging = self.dragging.borrow().clone();
        let mut added = Vec::new();

        shown.retain(|id, card| {
            let keep = &card.author != author || cards.iter().any(|c| &c.id == id);
            if !keep {
                card.element.remove();
            }
            keep
        });

        for card in cards {
            match shown.get_mut(&card.id) {
                Some(existing) => {
                    update(
                        lang,
                        existing,
                        card,
                        editable,
                        dragging.as_ref() == Some(&card.id),
                    );
                    set_author(&existing.element, lang, author_name);
                }
                None => {
                    let element = build(lang, card, author_name);
                    let _ = self.board.append_child(&element);
                    let mut entry = Shown {
                        element,
                        author: author.clone(),
                        kind: card.kind,
                        text: card.text.clone(),
                        position: card.position,
                        editable: !editable,
                    };
                    // Applies position and permissions through the same path as updates.
                    update(lang, &mut entry, card, editable, false);
                    shown.insert(card.id.clone(), entry);
                    added.push(card.clone());
                }
            }
        }
        added
    }

    /// Updates every card's author line: a name can change after the card was drawn.
    pub fn author_names(&self, name_of: &dyn Fn(&ParticipantId) -> String) {
        let lang = self.lang.get();
        for card in self.shown.borrow().values() {
            set_author(&card.element, lang, &name_of(&card.author));
        }
    }

    /// Re-translates what `data-i18n` cannot: the author line ("by …").
    pub fn relabel(&self, lang: Lang, name_of: &dyn Fn(&ParticipantId) -> String) {
        self.lang.set(lang);
        self.author_names(name_of);
    }

    /// Finds a shown card by its element (from an event target).
    pub(super) fn card_of(&self, target: &Element) -> Option<(CardId, HtmlElement)> {
        let card = target.closest(".card").ok()??;
        let id: CardId = card.get_attribute("data-card-id")?.parse().ok()?;
        let element = card.dyn_into::<HtmlElement>().ok()?;
        Some((id, element))
    }

    /// The element of a shown card (to give it the focus).
    pub fn element(&self, id: &CardId) -> Option<HtmlElement> {
        self.shown.borrow().get(id).map(|c| c.element.clone())
    }

    /// Moves a card's element (not its document) to `position`.
    pub(super) fn place(element: &HtmlElement, position: Position) {
        let (left, top) = geometry::css_percent(position);
        set_style(element, "left", &left);
        set_style(element, "top", &top);
    }
}

fn build(lang: Lang, card: &Card, author_name: &str) -> HtmlElement {
    let tool = |class: &str, key: Key, glyph: &str| {
        el("button")
            .class(class)
            .attr("type", "button")
            .key_attr(lang, "aria-label", key)
            .key_attr(lang, "title", key)
            .child(el("span").attr("aria-hidden", "true").text(glyph))
    };
    el("article")
        .class("card")
        .attr("data-card-id", card.id.as_str())
        .attr("data-author", card.author.as_str())
        // Every card is a tab stop, also read-only ones: keyboard users read them too.
        .attr("tabindex", "0")
        .child(
            el("div")
                .class("card-head")
                .child(
                    el("span")
                        .class("card-kind")
                        .child(el("span").class("card-icon").attr("aria-hidden", "true"))
                        .child(el("span").class("card-kind-label")),
                )
                .child(
                    el("span")
                        .class("card-tools")
                        .child(tool("card-edit", Key::EditCard, "✎"))
                        .child(tool("card-move", Key::MoveCard, "⇄"))
                        .child(tool("card-delete", Key::DeleteCard, "✕")),
                ),
        )
        .child(el("p").class("card-text").text(&card.text))
        .child(el("p").class("card-author").text(&by(lang, author_name)))
        .cast::<HtmlElement>()
}

/// Brings an element in line with the card, except what the person is busy with.
fn update(lang: Lang, shown: &mut Shown, card: &Card, editable: bool, dragging: bool) {
    let element = &shown.element;
    if shown.kind != card.kind || !element.has_attribute("data-kind") {
        shown.kind = card.kind;
        set_attr(element, "data-kind", card.kind.as_str());
        let key = i18n::kind_key(card.kind);
        if let Some(icon) = query(element, ".card-icon") {
            icon.set_text_content(Some(i18n::kind_icon(card.kind)));
        }
        if let Some(label) = query(element, ".card-kind-label") {
            set_attr(&label, "data-i18n", key.name());
            label.set_text_content(Some(i18n::t(lang, key)));
        }
    }
    if shown.text != card.text {
        shown.text = card.text.clone();
        if !element.class_list().contains("editing")
            && let Some(text) = query(element, ".card-text")
        {
            text.set_text_content(Some(&card.text));
        }
    }
    if !dragging
        && (shown.position != card.position
            || element.style().get_property_value("left").ok().as_deref() == Some(""))
    {
        shown.position = card.position;
        CardsView::place(element, card.position);
    }
    if shown.editable != editable {
        shown.editable = editable;
        set_attr(
            element,
            "data-editable",
            if editable { "true" } else { "false" },
        );
        if let Some(tools) = query(element, ".card-tools") {
            if editable {
                let _ = tools.remove_attribute("hidden");
            } else {
                set_attr(&tools, "hidden", "");
            }
        }
    }
}

fn by(lang: Lang, name: &str) -> String {
    i18n::tf(lang, Key::CardBy, &[("name", name)])
}

fn set_author(element: &HtmlElement, lang: Lang, name: &str) {
    if let Some(author) = query(element, ".card-author") {
        let text = by(lang, name);
        if author.text_content().as_deref() != Some(text.as_str()) {
            author.set_text_content(Some(&text));
        }
    }
}
