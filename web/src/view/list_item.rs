//! One card in the list view: its element (`li.list-card`), built once and updated
//! in place from the card and its [`CardLook`].

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::card_marks::{self, CardLook};
use super::list::ListCard;
use crate::card_model::BoardCard;
use crate::dom::{Hide, el, query, set_attr};
use crate::i18n::{self, Key, Lang};

pub(super) struct Item {
    pub(super) element: Element,
    pub(super) text: String,
    pub(super) footer: String,
    pub(super) kind: CardKind,
    pub(super) look: Option<CardLook>,
    /// The language its look was drawn in (a switch draws it again).
    pub(super) lang: Option<Lang>,
    /// Whether the facilitator's spotlight button was offered at the last update.
    pub(super) spotlight_offered: bool,
}

pub(super) fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

pub(super) fn build_item(lang: Lang, card: &BoardCard) -> Item {
    let text_id = format!("list-text-{}", card.id);
    let action = |class: &str, key: Key| {
        el("button")
            .class(class)
            .attr("type", "button")
            .attr("aria-describedby", &text_id)
            .key(lang, key)
    };
    let mut item = el("li")
        .class("list-card")
        .attr("data-card-id", card.id.as_str())
        .attr("data-doc", &card.doc.to_string())
        .attr("tabindex", "-1");
    if let Some(author) = &card.author {
        item = item.attr("data-author", author.as_str());
    }
    if let Some(from) = &card.carried {
        item = item
            .class("carried")
            .attr("data-from-session", &from.session);
    }
    if card.is_private() {
        item = item.class("private");
    }
    let element = item
        .child(
            el("p")
                .class("list-card-kind")
                .child(
                    el("span")
                        .class("list-card-icon")
                        .attr("aria-hidden", "true"),
                )
                .child(el("span").class("list-card-kind-label")),
        )
        .child(el("p").class("list-card-note").attr("hidden", ""))
        // Text and names in any script: `dir="auto"` reads Arabic or Hebrew right to left.
        .child(
            el("p")
                .class("list-card-text")
                .id(&text_id)
                .attr("dir", "auto"),
        )
        .child(el("p").class("list-card-author").attr("dir", "auto"))
        .child(
            el("div")
                .class("list-card-actions")
                .attr("hidden", "")
                .child(action("list-edit", Key::Edit))
                .child(action("list-move", Key::MoveCard))
                .child(action("list-delete", Key::Delete))
                .child(
                    action("list-spotlight", Key::SpotlightShow)
                        .attr("aria-pressed", "false")
                        .attr("hidden", ""),
                ),
        )
        .build();
    Item {
        element,
        text: String::new(),
        footer: String::new(),
        // Differs from every real kind's first render below.
        kind: if card.kind == CardKind::Theme {
            CardKind::Action
        } else {
            CardKind::Theme
        },
        look: None,
        lang: None,
        spotlight_offered: false,
    }
}

pub(super) fn update_item(lang: Lang, item: &mut Item, c: &ListCard<'_>, footer: &str) {
    let element = &item.element;
    if item.kind != c.card.kind || !element.has_attribute("data-kind") {
        item.kind = c.card.kind;
        set_attr(element, "data-kind", c.card.kind.as_str());
        if let Some(icon) = query(element, ".list-card-icon") {
            icon.set_text_content(Some(i18n::kind_icon(c.card.kind)));
        }
    }
    // The label follows language switches: the list is drawn at the language's
    // version.
    if let Some(label) = query(element, ".list-card-kind-label") {
        set_text(&label, i18n::t(lang, i18n::kind_key(c.card.kind)));
    }
    if item.text != c.card.text {
        item.text = c.card.text.clone();
        if let Some(p) = query(element, ".list-card-text") {
            set_text(&p, &c.card.text);
        }
    }
    if item.footer != footer {
        item.footer = footer.to_owned();
        if let Some(p) = query(element, ".list-card-author") {
            set_text(&p, footer);
        }
    }
    let offered = c.spotlight.is_some();
    if let Some(button) = query(element, ".list-spotlight") {
        button.set_hidden(!offered);
        let pressed = if c.spotlight == Some(true) {
            "true"
        } else {
            "false"
        };
        if button.get_attribute("aria-pressed").as_deref() != Some(pressed) {
            set_attr(&button, "aria-pressed", pressed);
        }
    }
    if item.look.as_ref() != Some(&c.look)
        || item.spotlight_offered != offered
        || item.lang != Some(lang)
    {
        item.spotlight_offered = offered;
        item.lang = Some(lang);
        let look = &c.look;
        let flag = |on: bool| if on { "true" } else { "false" };
        set_attr(element, "data-editable", flag(look.editable));
        set_attr(element, "data-movable", flag(look.movable));
        if let Some(actions) = query(element, ".list-card-actions") {
            actions.set_hidden(!(look.editable || look.movable || offered));
            for class in [".list-edit", ".list-delete"] {
                if let Some(button) = query(&actions, class) {
                    button.set_hidden(!look.editable);
                }
            }
            if let Some(button) = query(&actions, ".list-move") {
                button.set_hidden(!look.movable);
            }
        }
        if let Some(note) = query(element, ".list-card-note") {
            set_text(&note, &look.note);
            note.set_hidden(look.note.is_empty());
        }
        card_marks::update(element, lang, look, ".list-card-author");
        item.look = Some(look.clone());
    }
}

/// The document a list item's card lives in.
pub(super) fn doc_of(item: &Element) -> Option<DocName> {
    item.get_attribute("data-doc")?.parse().ok()
}

pub(super) fn focus_in(item: &Element, selector: &str) {
    if let Some(target) = query(item, selector).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}
