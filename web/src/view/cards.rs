//! Cards as HTML elements over the board, keyed by card id and updated in place, and
//! put where the table's layout says ([`CardsView::arrange`]): a card of the current
//! phase large, an earlier one small, a card counted on a chip hidden.
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

use ovaal_shared::board::{CardKind, CardText};
use ovaal_shared::layout::CardSize;
use ovaal_shared::{CardId, DocName, ParticipantId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::card_marks::{self, CardLook, TriageChange};
use super::text_width::{Font, TextWidth};
use crate::card_model::BoardCard;
use crate::dom::{Hide, el, query, remove_attr, set_attr, set_style};
use crate::i18n::{self, Key, Lang};
use crate::table_model::{LETTER, TableScene, TextFit, fit};

/// A change to a card the person asked for. Cards are named by the document they
/// live in (a participant's, a private round's, the carried cards) and their id.
#[derive(Debug, Clone)]
pub enum CardAction {
    /// The card was dragged and let go with its middle at `(x, y)`, CSS px of the
    /// board; the board decides which place that is.
    Drop {
        doc: DocName,
        id: CardId,
        x: f64,
        y: f64,
    },
    /// To the next (or previous) place: the centre, then the seats clockwise.
    Step {
        doc: DocName,
        id: CardId,
        forward: bool,
    },
    /// One step earlier (`up`) or later within its place.
    Reorder {
        doc: DocName,
        id: CardId,
        up: bool,
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
    /// The facilitator puts the card in the room screen's spotlight (or takes it out).
    Spotlight {
        doc: DocName,
        id: CardId,
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
    /// What the element shows now; only differences touch the page.
    pub look: CardLook,
    /// The language its words are in.
    pub lang: Lang,
}

pub struct CardsView {
    pub(super) board: HtmlElement,
    pub(super) shown: RefCell<HashMap<CardId, Shown>>,
    pub(super) lang: Cell<Lang>,
    /// The card being dragged, which the layout leaves where the pointer has it.
    pub(super) dragging: RefCell<Option<CardId>>,
    /// The page font's average letter width in ems, measured once.
    letter: Cell<Option<f64>>,
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
            letter: Cell::new(None),
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
                Some(existing) => update(lang, existing, card, look),
                None => {
                    let of = PrototypeOf::new(lang, card, look);
                    let element = build(of, card);
                    let _ = self.board.append_child(&element);
                    let mut entry = Shown {
                        element,
                        doc: doc.clone(),
                        kind: card.kind,
                        text: card.text.clone(),
                        look: of.look(),
                        lang,
                    };
                    // Hidden until the layout gives it a place (`arrange`).
                    set_attr(&entry.element, "hidden", "");
                    // Applies the looks through the same path as updates.
                    update(lang, &mut entry, card, look);
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

    /// Puts every card where the layout says: its box and text size, or hidden when
    /// a chip counts it. The card being dragged stays under the pointer.
    pub fn arrange(&self, scene: &TableScene) {
        let dragging = self.dragging.borrow().clone();
        let boxes: HashMap<&CardId, _> = scene.cards.iter().map(|c| (&c.id, c)).collect();
        for (id, card) in self.shown.borrow().iter() {
            let element = &card.element;
            if let Some(place) = scene.places.get(id) {
                set_attr(element, "data-place", &place.to_string());
            }
            if dragging.as_ref() == Some(id) {
                continue;
            }
            let Some(shown) = boxes.get(id) else {
                set_attr(element, "hidden", "");
                continue;
            };
            let r = &shown.rect;
            set_style(element, "left", &format!("{:.1}px", r.x));
            set_style(element, "top", &format!("{:.1}px", r.y));
            set_style(element, "width", &format!("{:.1}px", r.w));
            set_style(element, "height", &format!("{:.1}px", r.h));
            // A block card's text steps down to the small size when that shows it
            // whole, else is cut after its last line with "…" (see `fit`). The
            // centre's (the case, the chosen theme) steps down no further than a
            // card of the round: read by the whole room, it stays as large as any.
            let least = match shown.size {
                CardSize::Centre => scene.text.card,
                _ => scene.text.small,
            };
            let fitted = match shown.size {
                CardSize::Small => TextFit {
                    px: shown.text_px,
                    lines: 1,
                    cut: false,
                },
                _ => fit(
                    &card.text,
                    (r.w, r.h),
                    shown.text_px,
                    least,
                    self.letter_em(),
                ),
            };
            set_style(element, "font-size", &format!("{:.1}px", fitted.px));
            set_style(element, "--lines", &fitted.lines.to_string());
            if fitted.cut {
                set_attr(element, "data-cut", "");
            } else {
                remove_attr(element, "data-cut");
            }
            let size = match shown.size {
                CardSize::Centre => "centre",
                CardSize::Large => "large",
                CardSize::Medium => "medium",
                CardSize::Small => "small",
            };
            set_attr(element, "data-size", size);
            remove_attr(element, "hidden");
        }
    }
}

impl CardsView {
    /// Measures the board font's letter width now, if it is not known. For a moment
    /// when the page's styles are computed and nothing waits to be: reading the
    /// board's font makes the browser compute the styles of everything new, which
    /// at a card's first arrangement is every card just built.
    pub fn measure_letters(&self) {
        let _ = self.letter_em();
    }

    /// The average letter width of the board's font in ems, measured once on a
    /// canvas with a sentence of the kind cards hold ([`LETTER`] if that fails).
    fn letter_em(&self) -> f64 {
        if let Some(letter) = self.letter.get() {
            return letter;
        }
        const SAMPLE: &str = "Wat heb je zelf al geprobeerd? What would you do differently?";
        let measured = (|| {
            let font = Font::of(&self.board)?;
            let width = TextWidth::new()?.of(SAMPLE, &font, 100.0)?;
            let letters = SAMPLE.chars().count() as f64;
            Some(width / 100.0 / letters).filter(|l| l.is_finite() && *l > 0.2 && *l < 1.0)
        })();
        let letter = measured.unwrap_or(LETTER);
        self.letter.set(Some(letter));
        letter
    }
}

/// What a card [`prototype`] is made for: everything of a card's element that many
/// cards share, so that a new card is a copy with little left to write.
#[derive(Clone, Copy, PartialEq, Eq)]
struct PrototypeOf {
    lang: Lang,
    kind: CardKind,
    editable: bool,
    movable: bool,
    spotlight: Option<bool>,
}

impl PrototypeOf {
    fn new(lang: Lang, card: &BoardCard, look: &CardLook) -> Self {
        Self {
            lang,
            kind: card.kind,
            editable: look.editable,
            movable: look.movable,
            spotlight: look.spotlight,
        }
    }

    /// What an element copied from this prototype shows, for [`update`] to compare
    /// the card's look with.
    fn look(self) -> CardLook {
        CardLook {
            editable: self.editable,
            movable: self.movable,
            spotlight: self.spotlight,
            ..CardLook::default()
        }
    }
}

/// A new card's element: a copy of the card [`prototype`] of its kind and
/// permissions with this card's id, document, author and text (so that [`update`]
/// finds only the rest of its look to write).
fn build(of: PrototypeOf, card: &BoardCard) -> HtmlElement {
    let article = PROTOTYPES.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.first().is_some_and(|(made, _)| made.lang != of.lang) {
            cached.clear();
        }
        let index = match cached.iter().position(|(made, _)| *made == of) {
            Some(index) => index,
            None => {
                cached.push((of, prototype(of)));
                cached.len() - 1
            }
        };
        cached
            .get(index)
            .and_then(|(_, element)| element.clone_node_with_deep(true).ok())
            .and_then(|node| node.dyn_into::<HtmlElement>().ok())
    });
    // Cloning an element cannot fail; a new one built the long way if it did.
    let article = article.unwrap_or_else(|| prototype(of));
    set_attr(&article, "data-card-id", card.id.as_str());
    set_attr(&article, "data-doc", &card.doc.to_string());
    if let Some(author) = &card.author {
        set_attr(&article, "data-author", author.as_str());
    }
    if let Some(from) = &card.carried {
        let _ = article.class_list().add_1("carried");
        set_attr(&article, "data-from-session", &from.session);
    }
    if card.is_private() {
        let _ = article.class_list().add_1("private");
    }
    // A card's box does not grow with its text: the whole text is its tooltip (and
    // in the place's list).
    set_attr(&article, "title", &card.text);
    if let Some(text) = article.query_selector(".card-text").ok().flatten() {
        text.set_text_content(Some(&card.text));
    }
    article
}

thread_local! {
    /// The card prototypes built so far, all in one language (a handful: one per
    /// kind and permissions seen). 300 cards built element by element were 300 × 13
    /// elements and 30 attributes, each a call out of the wasm with its strings
    /// copied; a deep copy of one element is one call.
    static PROTOTYPES: RefCell<Vec<(PrototypeOf, HtmlElement)>> =
        const { RefCell::new(Vec::new()) };
}

/// A card's elements with everything every card of `of`'s kind and permissions
/// has: its kind's icon and name, its tools (their labels in `lang`, shown as
/// [`update`] shows them for those permissions), the places for a note, the text
/// and the byline.
fn prototype(of: PrototypeOf) -> HtmlElement {
    let PrototypeOf {
        lang,
        kind,
        editable,
        movable,
        spotlight,
    } = of;
    let offered = spotlight.is_some();
    let flag = |on: bool| if on { "true" } else { "false" };
    let tool = |class: &str, key: Key, glyph: &str, shown: bool| {
        let button = el("button")
            .class(class)
            .attr("type", "button")
            .key_attr(lang, "aria-label", key)
            .key_attr(lang, "title", key)
            .child(el("span").attr("aria-hidden", "true").text(glyph));
        if shown {
            button
        } else {
            button.attr("hidden", "")
        }
    };
    let tools = el("span").class("card-tools");
    let tools = if editable || movable || offered {
        tools
    } else {
        tools.attr("hidden", "")
    };
    el("article")
        .class("card")
        .attr("data-kind", kind.as_str())
        .attr("data-editable", flag(editable))
        .attr("data-movable", flag(movable))
        // Every card is a tab stop, also read-only ones: keyboard users read them too.
        .attr("tabindex", "0")
        .child(
            el("div")
                .class("card-head")
                .child(
                    el("span")
                        .class("card-kind")
                        .child(
                            el("span")
                                .class("card-icon")
                                .attr("aria-hidden", "true")
                                .text(i18n::kind_icon(kind)),
                        )
                        .child(
                            el("span")
                                .class("card-kind-label")
                                .text(i18n::t(lang, i18n::kind_key(kind))),
                        ),
                )
                .child(
                    tools
                        .child(tool("card-edit", Key::EditCard, "✎", editable))
                        .child(tool("card-move", Key::MoveCard, "⇄", movable))
                        .child(
                            tool("card-spotlight", Key::SpotlightShow, "📽", offered)
                                .attr("aria-pressed", flag(spotlight == Some(true))),
                        )
                        .child(tool("card-delete", Key::DeleteCard, "✕", editable)),
                ),
        )
        .child(el("p").class("card-note").attr("hidden", ""))
        // Text in a right-to-left script reads right to left (and a name in the byline).
        .child(el("p").class("card-text").attr("dir", "auto"))
        .child(
            el("p")
                .class("card-author")
                .attr("dir", "auto")
                .attr("hidden", ""),
        )
        .cast::<HtmlElement>()
}

/// Brings an element in line with the card, except what the person is busy with.
fn update(lang: Lang, shown: &mut Shown, card: &BoardCard, look: &CardLook) {
    let element = &shown.element;
    let relabel = shown.lang != lang;
    // A new element was built with its kind and text (`build`).
    if shown.kind != card.kind || relabel {
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
        set_attr(element, "title", &card.text);
        if !element.class_list().contains("editing")
            && let Some(text) = query(element, ".card-text")
        {
            text.set_text_content(Some(&card.text));
        }
    }
    let old = &shown.look;
    let offered = look.spotlight.is_some();
    if old.editable != look.editable
        || old.movable != look.movable
        || old.spotlight.is_some() != offered
    {
        let flag = |on: bool| if on { "true" } else { "false" };
        set_attr(element, "data-editable", flag(look.editable));
        set_attr(element, "data-movable", flag(look.movable));
        if let Some(tools) = query(element, ".card-tools") {
            tools.set_hidden(!(look.editable || look.movable || offered));
            for class in [".card-edit", ".card-delete"] {
                if let Some(button) = query(&tools, class) {
                    button.set_hidden(!look.editable);
                }
            }
            if let Some(button) = query(&tools, ".card-move") {
                button.set_hidden(!look.movable);
            }
        }
    }
    if old.spotlight != look.spotlight
        && let Some(button) = query(element, ".card-spotlight")
    {
        button.set_hidden(!offered);
        let pressed = if look.spotlight == Some(true) {
            "true"
        } else {
            "false"
        };
        set_attr(&button, "aria-pressed", pressed);
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

fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}
