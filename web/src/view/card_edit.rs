//! Editing and deleting cards in place: the edit button, Enter on a focused card or a
//! double-click swaps the card's text for a textarea with Save and Cancel; Enter
//! saves, Shift+Enter makes a new line, Escape cancels. The delete button or the
//! Delete key deletes at once; the board then offers undo in a toast (no "are you
//! sure?" dialog). The move button opens the "move card to…" menu. All listeners sit
//! on the board, shared by every card.

use std::rc::Rc;

use ovaal_shared::CardId;
use ovaal_shared::board::{BoardError, CardText};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlTextAreaElement, KeyboardEvent};

use super::cards::{CardAction, CardsView};
use crate::dom::{self, el, listen, query, set_attr, toggle_class};
use crate::i18n::{self, Key};

pub(super) fn wire(view: &Rc<CardsView>) {
    let board = view.board.clone();
    let v = Rc::clone(view);
    listen(&board, "click", move |event| click(&v, &event));
    let v = Rc::clone(view);
    listen(&board, "dblclick", move |event| {
        let Some(target) = target_element(&event) else {
            return;
        };
        if target.closest("button, textarea").ok().flatten().is_some() {
            return;
        }
        if let Some((id, card)) = v.card_of(&target) {
            start(&v, &id, &card);
        }
    });
    let v = Rc::clone(view);
    listen(&board, "keydown", move |event| key(&v, &event));
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn click(view: &Rc<CardsView>, event: &Event) {
    let Some(target) = target_element(event) else {
        return;
    };
    let Some(button) = target.closest("button").ok().flatten() else {
        return;
    };
    let Some((id, card)) = view.card_of(&button) else {
        return;
    };
    if let Some(change) = super::card_marks::change_of(&button) {
        let author = card
            .get_attribute("data-author")
            .and_then(|a| a.parse().ok());
        if let Some(author) = author {
            (view.act)(CardAction::Triage { author, id, change });
        }
        return;
    }
    let class = button.class_list();
    if class.contains("card-edit") {
        start(view, &id, &card);
    } else if class.contains("card-delete") {
        delete(view, id, &card);
    } else if class.contains("card-move") {
        let doc = view.shown.borrow().get(&id).map(|c| c.doc.clone());
        if let (Some(doc), Ok(opener)) = (doc, button.dyn_into::<HtmlElement>()) {
            (view.act)(CardAction::OpenMove { doc, id, opener });
        }
    } else if class.contains("card-spotlight") {
        let doc = view.shown.borrow().get(&id).map(|c| c.doc.clone());
        if let Some(doc) = doc {
            (view.act)(CardAction::Spotlight { doc, id });
        }
    } else if class.contains("card-save") {
        save(view, &id, &card);
    } else if class.contains("card-cancel") {
        stop(view, &id, &card);
    }
}

fn key(view: &Rc<CardsView>, event: &Event) {
    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    let Some(target) = target_element(event) else {
        return;
    };
    if !target.class_list().contains("card-edit-text") {
        if !target.class_list().contains("card") {
            return;
        }
        let Some((id, card)) = view.card_of(&target) else {
            return;
        };
        match key.key().as_str() {
            // Enter on a focused card opens the editor, like a double-click.
            "Enter" => {
                event.prevent_default();
                start(view, &id, &card);
            }
            "Delete" | "Backspace"
                if card.get_attribute("data-editable").as_deref() == Some("true") =>
            {
                event.prevent_default();
                delete(view, id, &card);
            }
            _ => {}
        }
        return;
    }
    let Some((id, card)) = view.card_of(&target) else {
        return;
    };
    match key.key().as_str() {
        "Enter" if !key.shift_key() && !key.is_composing() => {
            event.prevent_default();
            save(view, &id, &card);
        }
        "Escape" => {
            event.prevent_default();
            stop(view, &id, &card);
            let _ = card.focus();
        }
        _ => {}
    }
}

/// Opens the editor on a card the person may change.
fn start(view: &Rc<CardsView>, id: &CardId, card: &HtmlElement) {
    if card.get_attribute("data-editable").as_deref() != Some("true")
        || card.class_list().contains("editing")
    {
        return;
    }
    let Some(text) = view.shown.borrow().get(id).map(|c| c.text.clone()) else {
        return;
    };
    let lang = view.lang.get();
    let textarea = el("textarea")
        .class("card-edit-text")
        .attr("rows", "3")
        .attr("dir", "auto")
        .key_attr(lang, "aria-label", Key::CardEditLabel)
        .cast::<HtmlTextAreaElement>();
    textarea.set_value(&text);
    let editor = el("div")
        .class("card-editor")
        .child(textarea.clone())
        .child(el("p").class("card-edit-error").attr("role", "alert"))
        .child(
            el("div")
                .class("card-edit-actions")
                .child(
                    el("button")
                        .class("card-cancel")
                        .class("button-quiet")
                        .attr("type", "button")
                        .key(lang, Key::Cancel),
                )
                .child(
                    el("button")
                        .class("card-save")
                        .class("button-primary")
                        .attr("type", "button")
                        .key(lang, Key::Save),
                ),
        )
        .build();
    toggle_class(card, "editing", true);
    set_attr(card, "data-editing", "true");
    if let Some(text) = query(card, ".card-text") {
        set_attr(&text, "hidden", "");
    }
    let _ = card.append_child(&editor);
    let _ = textarea.focus();
    // The browser clamps a range past the end to the end.
    let end = u32::try_from(textarea.value().len()).unwrap_or(u32::MAX);
    let _ = textarea.set_selection_range(end, end);
}

/// Closes the editor and shows the card's latest text (which may have changed
/// remotely while editing).
fn stop(view: &Rc<CardsView>, id: &CardId, card: &HtmlElement) {
    if let Some(editor) = query(card, ".card-editor") {
        editor.remove();
    }
    toggle_class(card, "editing", false);
    let _ = card.remove_attribute("data-editing");
    if let Some(text) = query(card, ".card-text") {
        let _ = text.remove_attribute("hidden");
        if let Some(latest) = view.shown.borrow().get(id) {
            text.set_text_content(Some(&latest.text));
        }
    }
}

fn save(view: &Rc<CardsView>, id: &CardId, card: &HtmlElement) {
    let Some(textarea) =
        query(card, ".card-edit-text").and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let lang = view.lang.get();
    let text = match CardText::new(&textarea.value()) {
        Ok(text) => text,
        Err(error) => {
            let message = match error {
                BoardError::TextTooLong { max, .. } => {
                    i18n::tf(lang, Key::CardTooLong, &[("max", &max.to_string())])
                }
                _ => i18n::t(lang, Key::CardEmpty).to_owned(),
            };
            if let Some(slot) = query(card, ".card-edit-error") {
                slot.set_text_content(Some(&message));
            }
            set_attr(&textarea, "aria-invalid", "true");
            let _ = textarea.focus();
            return;
        }
    };
    let Some(doc) = view.shown.borrow().get(id).map(|c| c.doc.clone()) else {
        return;
    };
    stop(view, id, card);
    let _ = card.focus();
    (view.act)(CardAction::Edit {
        doc,
        id: id.clone(),
        text,
    });
}

/// Deletes at once (the board offers undo). The focus moves to the next card first,
/// so a keyboard user is not dropped at the top of the page.
fn delete(view: &Rc<CardsView>, id: CardId, card: &HtmlElement) {
    let Some(doc) = view.shown.borrow().get(&id).map(|c| c.doc.clone()) else {
        return;
    };
    if card.contains(
        dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .as_ref()
            .map(|e| e.as_ref()),
    ) {
        focus_next_card(card);
    }
    (view.act)(CardAction::Delete { doc, id });
}

/// Focuses the card after `card` in the page (or the one before, when it is last).
fn focus_next_card(card: &HtmlElement) {
    let Some(board) = card.parent_element() else {
        return;
    };
    let Ok(cards) = board.query_selector_all(".card") else {
        return;
    };
    let all: Vec<HtmlElement> = (0..cards.length())
        .filter_map(|i| cards.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect();
    let Some(at) = all.iter().position(|c| c == card) else {
        return;
    };
    let next = all
        .get(at + 1)
        .or_else(|| at.checked_sub(1).and_then(|i| all.get(i)));
    match next {
        Some(next) => {
            let _ = next.focus();
        }
        None => {
            if let Some(text) = dom::document()
                .ok()
                .and_then(|d| d.get_element_by_id("card-text"))
                .and_then(|t| t.dyn_into::<HtmlElement>().ok())
            {
                let _ = text.focus();
            }
        }
    }
}
