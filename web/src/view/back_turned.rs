//! The case-holder's screen while they sit back-turned (the gossip method): nothing of
//! the board, only "listening — take notes" and their own notes, which go into their
//! private document of this phase (`private/{phase}/{me}`), seen by nobody else.
//!
//! `#back-turned` with `#note-text`, `#note-add` and `#note-list > li.note`. It is in
//! the page only while the case-holder sits back-turned (and only on their page).

use std::rc::Rc;

use ovaal_shared::board::CardText;
use web_sys::{Element, HtmlTextAreaElement};

use crate::card_model::BoardCard;
use crate::dom::{self, Hide, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};

pub struct BackTurned {
    pub root: Element,
    text: HtmlTextAreaElement,
    error: Element,
    notes: Element,
    empty: Element,
}

impl BackTurned {
    pub fn new(lang: Lang, on_add: impl Fn(CardText) + 'static) -> Rc<Self> {
        let text = el("textarea")
            .id("note-text")
            .attr("rows", "4")
            .attr("aria-describedby", "note-error")
            .cast::<HtmlTextAreaElement>();
        let error = el("p")
            .id("note-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let notes = el("ul").id("note-list").class("note-list").build();
        let empty = el("p").class("muted").key(lang, Key::NoNotes).build();
        let form = el("form")
            .class("note-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "note-text")
                            .key(lang, Key::NoteLabel),
                    )
                    .child(text.clone())
                    .child(error.clone()),
            )
            .child(
                el("div").class("actions").child(
                    el("button")
                        .id("note-add")
                        .class("button-primary")
                        .attr("type", "submit")
                        .key(lang, Key::NoteAdd),
                ),
            )
            .build();
        let root = el("section")
            .id("back-turned")
            .class("back-turned")
            .attr("aria-labelledby", "back-turned-title")
            .child(
                el("h1")
                    .id("back-turned-title")
                    .attr("tabindex", "-1")
                    .key(lang, Key::BackTurnedTitle),
            )
            .child(
                el("p")
                    .class("back-turned-intro")
                    .key(lang, Key::BackTurnedIntro),
            )
            .child(form.clone())
            .child(el("h2").key(lang, Key::NotesTitle))
            .child(notes.clone())
            .child(empty.clone())
            .build();
        let view = Rc::new(Self {
            root,
            text,
            error,
            notes,
            empty,
        });
        let v = Rc::clone(&view);
        listen(&form, "submit", move |event| {
            event.prevent_default();
            let lang = Lang::from_tag(&v.root.get_attribute("data-lang").unwrap_or_default());
            match CardText::new(&v.text.value()) {
                Ok(note) => {
                    v.text.set_value("");
                    v.error.set_text_content(None);
                    on_add(note);
                }
                Err(_) => {
                    v.error
                        .set_text_content(Some(i18n::t(lang, Key::CardEmpty)));
                }
            }
            let _ = v.text.focus();
        });
        view
    }

    /// Puts the screen in the page (before `<main>`, which the stylesheet then hides)
    /// or takes it out; returns whether it just appeared.
    pub fn show(&self, lang: Lang, show: bool) -> bool {
        set_attr(&self.root, "data-lang", lang.tag());
        let was = self.root.is_connected();
        if show && !was {
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                let main = dom::query(&body, "main");
                let _ = body.insert_before(&self.root, main.as_ref().map(|m| m.as_ref()));
            }
        } else if !show && was {
            self.root.remove();
        }
        show && !was
    }

    /// The person's notes of this phase, oldest first.
    pub fn render_notes(&self, notes: &[&BoardCard]) {
        let signature = notes
            .iter()
            .map(|n| format!("{}:{}", n.id, n.text))
            .collect::<Vec<_>>()
            .join("\n");
        if self.notes.get_attribute("data-shown").as_deref() == Some(signature.as_str()) {
            return;
        }
        set_attr(&self.notes, "data-shown", &signature);
        self.notes.set_text_content(None);
        for note in notes {
            let item = el("li")
                .class("note")
                .attr("data-card-id", note.id.as_str())
                .text(&note.text)
                .build();
            let _ = self.notes.append_child(&item);
        }
        self.empty.set_hidden(!notes.is_empty());
    }

    pub fn focus(&self) {
        let _ = self.text.focus();
    }
}
