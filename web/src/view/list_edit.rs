//! Editing a card's text in the list view: the item's text is swapped for a textarea
//! with Save and Cancel; Enter saves, Shift+Enter makes a new line, Escape cancels.

use ovaal_shared::board::{BoardError, CardText};
use ovaal_shared::{CardId, DocName};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};

use super::cards::CardAction;
use super::list::{ListAction, ListView};
use super::list_item::{focus_in, set_text};
use crate::dom::{Hide, el, query, set_attr, toggle_class};
use crate::i18n::{self, Key};

impl ListView {
    pub(super) fn start_edit(&self, id: &CardId, item: &Element) {
        if self.editing.borrow().is_some() {
            return;
        }
        let lang = self.lang.get();
        let Some(text) = self.items.borrow().get(id).map(|i| i.text.clone()) else {
            return;
        };
        *self.editing.borrow_mut() = Some(id.clone());
        let textarea = el("textarea")
            .class("list-edit-text")
            .attr("rows", "3")
            .key_attr(lang, "aria-label", Key::CardEditLabel)
            .cast::<HtmlTextAreaElement>();
        textarea.set_value(&text);
        let editor = el("div")
            .class("list-editor")
            .child(textarea.clone())
            .child(el("p").class("field-error").attr("role", "alert"))
            .child(
                el("div")
                    .class("actions")
                    .child(
                        el("button")
                            .class("list-cancel")
                            .class("button-quiet")
                            .attr("type", "button")
                            .key(lang, Key::Cancel),
                    )
                    .child(
                        el("button")
                            .class("list-save")
                            .class("button-primary")
                            .attr("type", "button")
                            .key(lang, Key::Save),
                    ),
            )
            .build();
        if let Some(p) = query(item, ".list-card-text") {
            p.set_hidden(true);
            let _ = p.after_with_node_1(&editor);
        }
        if let Some(actions) = query(item, ".list-card-actions") {
            actions.set_hidden(true);
        }
        toggle_class(item, "editing", true);
        let _ = textarea.focus();
    }

    pub(super) fn stop_edit(&self, id: &CardId, item: &Element) {
        if let Some(editor) = query(item, ".list-editor") {
            editor.remove();
        }
        toggle_class(item, "editing", false);
        if let Some(p) = query(item, ".list-card-text") {
            p.set_hidden(false);
            if let Some(latest) = self.items.borrow().get(id) {
                set_text(&p, &latest.text);
            }
        }
        if let Some(actions) = query(item, ".list-card-actions") {
            actions.set_hidden(false);
        }
        let mut editing = self.editing.borrow_mut();
        if editing.as_ref() == Some(id) {
            *editing = None;
        }
    }

    pub(super) fn save(&self, id: &CardId, item: &Element, doc: DocName) {
        let Some(textarea) =
            query(item, ".list-edit-text").and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let lang = self.lang.get();
        match CardText::new(&textarea.value()) {
            Ok(text) => {
                self.stop_edit(id, item);
                focus_in(item, ".list-edit");
                (self.act)(ListAction::Card(CardAction::Edit {
                    doc,
                    id: id.clone(),
                    text,
                }));
            }
            Err(error) => {
                let message = match error {
                    BoardError::TextTooLong { max, .. } => {
                        i18n::tf(lang, Key::CardTooLong, &[("max", &max.to_string())])
                    }
                    _ => i18n::t(lang, Key::CardEmpty).to_owned(),
                };
                if let Some(slot) = query(item, ".list-editor .field-error") {
                    slot.set_text_content(Some(&message));
                }
                set_attr(&textarea, "aria-invalid", "true");
                let _ = textarea.focus();
            }
        }
    }
}
