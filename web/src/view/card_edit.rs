//! Editing and deleting cards in place: the edit button or a double-click swaps the
//! card's text for a textarea with Save and Cancel; Enter saves, Shift+Enter makes a
//! new line, Escape cancels. Delete asks for confirmation first. All listeners sit on
//! the board, shared by every card.

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
    let class = button.class_list();
    if class.contains("card-edit") {
        start(view, &id, &card);
    } else if class.contains("card-delete") {
        delete(view, id);
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
        // Enter on a focused card opens the editor, like a double-click.
        if key.key() == "Enter"
            && target.class_list().contains("card")
            && let Some((id, card)) = view.card_of(&target)
        {
            event.prevent_default();
            start(view, &id, &card);
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
    let end = textarea.value().len() as u32;
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
    let Some(author) = view.shown.borrow().get(id).map(|c| c.author.clone()) else {
        return;
    };
    stop(view, id, card);
    let _ = card.focus();
    (view.act)(CardAction::Edit {
        author,
        id: id.clone(),
        text,
    });
}

fn delete(view: &Rc<CardsView>, id: CardId) {
    let lang = view.lang.get();
    let confirmed = dom::window()
        .ok()
        .and_then(|w| {
            w.confirm_with_message(i18n::t(lang, Key::ConfirmDelete))
                .ok()
        })
        .unwrap_or(false);
    if !confirmed {
        return;
    }
    let Some(author) = view.shown.borrow().get(&id).map(|c| c.author.clone()) else {
        return;
    };
    (view.act)(CardAction::Delete { author, id });
}
