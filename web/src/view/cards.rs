//! Cards as HTML elements over the board, keyed by card id and updated in place.
//!
//! The documents are the truth; this view keeps one element per card and, when a
//! document changes, creates, updates or removes only that document's elements. How
//! a card looks (byline, triage, whether it can be changed) comes from the board as a
//! [`CardLook`]. A card being dragged or edited keeps its local state until the person
//! lets go: a remote change then lands on top when they drop, save or cancel.
//!
//! Cards get no listeners of their own. The board listens once ([`super::card_drag`]
//! for pointers, [`super::card_edit`] for buttons and keys) and finds the card from the
//! event target, so cards coming and going leak nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ovaal_shared::board::{CardKind, CardText, Position};
use ovaal_shared::{CardId, DocName, ParticipantId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::card_marks::{self, CardLook, TriageChange};
use crate::card_model::BoardCard;
use crate::dom::{Hide, el, query, set_attr, set_style};
use crate::geometry;
use crate::i18n::{self, Key, Lang};

/// A change to a card the person asked for. Cards are named by the document they
/// live in (a participant's, a private round's, the carried cards) and their id.
#[derive(Debug, Clone)]
pub enum CardAction {
    Move {
        doc: DocName,
        id: CardId,
        position: Position,
    },
    Edit {
        doc: DocName,
        id: CardId,
        text: CardText,
    },
    Delete {
        doc: DocName,
        id: CardId,
    },
    /// Open the "move card to…" menu next to `opener`.
    OpenMove {
        doc: DocName,
        id: CardId,
        opener: HtmlElement,
    },
    /// The case-holder labels a question or marks advice useful.
    Triage {
        author: ParticipantId,
        id: CardId,
        change: TriageChange,
    },
}

/// What the view remembers of a card it shows.
pub(super) struct Shown {
    pub element: HtmlElement,
    pub doc: DocName,
    pub kind: CardKind,
    pub text: String,
    pub position: Position,
    /// What the element shows now; only differences touch the page.
    pub look: CardLook,
    /// The language its words are in.
    pub lang: Lang,
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

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Shows exactly `cards` for document `doc`, each with its look. Returns the cards
    /// that were not shown before (the caller decides whether to announce them).
    pub fn render_doc(&self, doc: &DocName, cards: &[(&BoardCard, CardLook)]) -> Vec<BoardCard> {
        let lang = self.lang.get();
        let mut shown = self.shown.borrow_mut();
        let dragging = self.dragging.borrow().clone();
        let mut added = Vec::new();

        shown.retain(|id, card| {
            let keep = &card.doc != doc || cards.iter().any(|(c, _)| &c.id == id);
            if !keep {
                card.element.remove();
            }
            keep
        });

        for (card, look) in cards {
            match shown.get_mut(&card.id) {
                Some(existing) => {
                    let held = dragging.as_ref() == Some(&card.id);
                    update(lang, existing, card, look, held);
                }
                None => {
                    let element = build(lang, card);
                    let _ = self.board.append_child(&element);
                    let mut entry = Shown {
                        element,
                        doc: doc.clone(),
                        kind: card.kind,
                        text: card.text.clone(),
                        position: card.position,
                        // What a freshly built element shows, except the permissions,
                        // which are set below whatever they are.
                        look: CardLook {
                            editable: !look.editable,
                            ..CardLook::default()
                        },
                        lang,
                    };
                    // Applies position and looks through the same path as updates.
                    update(lang, &mut entry, card, look, false);
                    shown.insert(card.id.clone(), entry);
                    added.push((*card).clone());
                }
            }
        }
        added
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

fn build(lang: Lang, card: &BoardCard) -> HtmlElement {
    let tool = |class: &str, key: Key, glyph: &str| {
        el("button")
            .class(class)
            .attr("type", "button")
            .key_attr(lang, "aria-label", key)
            .key_attr(lang, "title", key)
            .child(el("span").attr("aria-hidden", "true").text(glyph))
    };
    let mut article = el("article")
        .class("card")
        .attr("data-card-id", card.id.as_str())
        .attr("data-doc", &card.doc.to_string())
        // Every card is a tab stop, also read-only ones: keyboard users read them too.
        .attr("tabindex", "0");
    if let Some(author) = &card.author {
        article = article.attr("data-author", author.as_str());
    }
    if let Some(from) = &card.carried {
        article = article
            .class("carried")
            .attr("data-from-session", &from.session);
    }
    if card.is_private() {
        article = article.class("private");
    }
    article
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
        .child(el("p").class("card-note").attr("hidden", ""))
        .child(el("p").class("card-text").text(&card.text))
        .child(el("p").class("card-author").attr("hidden", ""))
        .cast::<HtmlElement>()
}

/// Brings an element in line with the card, except what the person is busy with.
fn update(lang: Lang, shown: &mut Shown, card: &BoardCard, look: &CardLook, dragging: bool) {
    let element = &shown.element;
    let relabel = shown.lang != lang;
    let first = !element.has_attribute("data-kind");
    if shown.kind != card.kind || first || relabel {
        shown.kind = card.kind;
        set_attr(element, "data-kind", card.kind.as_str());
        if let Some(icon) = query(element, ".card-icon") {
            icon.set_text_content(Some(i18n::kind_icon(card.kind)));
        }
        if let Some(label) = query(element, ".card-kind-label") {
            set_text(&label, i18n::t(lang, i18n::kind_key(card.kind)));
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
    if !dragging && (shown.position != card.position || first) {
        shown.position = card.position;
        CardsView::place(element, card.position);
    }
    let old = &shown.look;
    if old.editable != look.editable || old.movable != look.movable {
        let flag = |on: bool| if on { "true" } else { "false" };
        set_attr(element, "data-editable", flag(look.editable));
        set_attr(element, "data-movable", flag(look.movable));
        if let Some(tools) = query(element, ".card-tools") {
            tools.set_hidden(!(look.editable || look.movable));
            for class in [".card-edit", ".card-delete"] {
                if let Some(button) = query(&tools, class) {
                    button.set_hidden(!look.editable);
                }
            }
        }
    }
    if old.byline != look.byline
        && let Some(author) = query(element, ".card-author")
    {
        set_text(&author, &look.byline);
        author.set_hidden(look.byline.is_empty());
    }
    if old.note != look.note
        && let Some(note) = query(element, ".card-note")
    {
        set_text(&note, &look.note);
        note.set_hidden(look.note.is_empty());
    }
    if old.triage_differs(look) || relabel {
        card_marks::update(element, lang, look, ".card-author");
    }
    shown.look = look.clone();
    shown.lang = lang;
}

/// "by Anna".
pub fn by(lang: Lang, name: &str) -> String {
    i18n::tf(lang, Key::CardBy, &[("name", name)])
}

fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}
