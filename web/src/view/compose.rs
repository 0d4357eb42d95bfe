//! The "add a card" form: kind, text with a live character counter, and Add. The text
//! is checked with the shared [`CardText`] rule before anything is written, and the
//! reason is shown next to the field when it fails.
//!
//! The kinds offered are the current phase's (`#card-kind` lists only those), and the
//! placeholder names them ("Schrijf je vraag…"). When
//! this person cannot write now (the case-holder listens, the board is locked, the
//! session ended) the form gives way to a note saying why (`#compose-note`).

use std::rc::Rc;

use ovaal_shared::board::{BoardError, CardKind, CardText};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{self, Hide, el, set_attr, toggle_class};
use crate::i18n::{self, Key, Lang};

pub struct Compose {
    pub root: Element,
    /// The kinds the phase takes, for the placeholder in either language.
    kinds: std::cell::RefCell<Vec<CardKind>>,
    form: Element,
    note: Element,
    kind: HtmlSelectElement,
    text: HtmlTextAreaElement,
    counter: Element,
    error: Element,
}

impl Compose {
    pub fn new(lang: Lang, on_add: impl Fn(CardKind, CardText) + 'static) -> Rc<Self> {
        let kind = el("select")
            .id("card-kind")
            .attr("name", "kind")
            .cast::<HtmlSelectElement>();
        let text = el("textarea")
            .id("card-text")
            .attr("name", "text")
            .attr("rows", "4")
            .attr("dir", "auto")
            .attr("aria-describedby", "card-counter card-error")
            .attr("placeholder", i18n::t(lang, Key::CardTextPlaceholder))
            .cast::<HtmlTextAreaElement>();
        let counter = el("span").id("card-counter").class("counter").build();
        let error = el("p")
            .id("card-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let add = el("button")
            .id("card-add")
            .class("button-primary")
            .attr("type", "submit")
            .key(lang, Key::CardAdd);

        let form = el("form")
            .class("compose")
            .attr("novalidate", "")
            .child(el("h2").class("panel-title").key(lang, Key::AddCardTitle))
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "card-kind")
                            .key(lang, Key::CardKindLabel),
                    )
                    .child(kind.clone()),
            )
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("div")
                            .class("label-row")
                            .child(
                                el("label")
                                    .attr("for", "card-text")
                                    .key(lang, Key::CardTextLabel),
                            )
                            .child(counter.clone()),
                    )
                    .child(text.clone())
                    .child(error.clone()),
            )
            .child(el("div").class("actions").child(add))
            .build();

        let note = el("p")
            .id("compose-note")
            .class("compose-note")
            .attr("tabindex", "-1")
            .attr("hidden", "")
            .build();
        let view = Rc::new(Self {
            root: el("section")
                .id("compose-panel")
                .class("panel")
                .child(form.clone())
                .child(note.clone())
                .build(),
            kinds: std::cell::RefCell::new(Vec::new()),
            form: form.clone(),
            note,
            kind,
            text,
            counter,
            error,
        });
        view.set_kinds(lang, &CardKind::ALL);

        let v = Rc::clone(&view);
        let on_input = move |_| v.update_counter(lang_of(&v));
        let v = Rc::clone(&view);
        crate::dom::listen(&view.text, "input", on_input);
        crate::dom::listen(&form, "submit", move |event| {
            event.prevent_default();
            let lang = lang_of(&v);
            let kind = v.kind.value().parse().unwrap_or(CardKind::Theme);
            match CardText::new(&v.text.value()) {
                Ok(text) => {
                    v.show_error(None);
                    v.text.set_value("");
                    v.update_counter(lang);
                    on_add(kind, text);
                    let _ = v.text.focus();
                }
                Err(error) => {
                    v.show_error(Some(&error_text(lang, &error)));
                    let _ = v.text.focus();
                }
            }
        });
        view
    }

    /// Offers exactly `kinds` (keeping the chosen one when it is still allowed).
    pub fn set_kinds(&self, lang: Lang, kinds: &[CardKind]) {
        *self.kinds.borrow_mut() = kinds.to_vec();
        let wanted: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let options = self.kind.options();
        let have: Vec<String> = (0..options.length())
            .filter_map(|i| options.item(i)?.get_attribute("value"))
            .collect();
        if have.iter().map(String::as_str).eq(wanted.iter().copied()) {
            return self.relabel(lang);
        }
        let chosen = self.kind.value();
        self.kind.set_text_content(None);
        for kind in kinds {
            let option = el("option").attr("value", kind.as_str()).build();
            let _ = self.kind.append_child(&option);
        }
        if wanted.contains(&chosen.as_str()) {
            self.kind.set_value(&chosen);
        }
        self.relabel(lang);
    }

    /// Shows the form, or instead a note saying why this person cannot write now.
    pub fn set_note(&self, lang: Lang, note: Option<Key>) {
        self.form.set_hidden(note.is_some());
        self.note.set_hidden(note.is_none());
        // A hidden note keeps its text: only the key goes.
        match note {
            Some(key) => dom::set_key(&self.note, lang, key),
            None => dom::remove_attr(&self.note, "data-i18n"),
        }
    }

    /// Updates the option labels (icon + translated kind) and the counter (drawn
    /// with the kinds, from the model's compose part, which carries the language).
    fn relabel(&self, lang: Lang) {
        set_attr(&self.root, "data-lang", lang.tag());
        let placeholder = i18n::compose_placeholder(lang, &self.kinds.borrow());
        self.text.set_placeholder(&placeholder);
        let options = self.kind.options();
        for i in 0..options.length() {
            let Some(option) = options.item(i) else {
                continue;
            };
            let kind = option
                .get_attribute("value")
                .and_then(|v| v.parse::<CardKind>().ok());
            if let Some(kind) = kind {
                let label = format!(
                    "{} {}",
                    i18n::kind_icon(kind),
                    i18n::t(lang, i18n::kind_key(kind))
                );
                option.set_text_content(Some(&label));
            }
        }
        self.update_counter(lang);
        if !self.error.text_content().unwrap_or_default().is_empty() {
            // Re-check so the message is in the new language.
            if let Err(error) = CardText::new(&self.text.value()) {
                self.show_error(Some(&error_text(lang, &error)));
            }
        }
    }

    /// Puts the caret in the text box (the phone's "write a card" button).
    /// The caret in the text box or, while nothing can be written, the focus on the
    /// note that says why (not lost on a hidden box).
    pub fn focus(&self) {
        if self.form.has_attribute("hidden") {
            if let Some(note) = self.note.dyn_ref::<web_sys::HtmlElement>() {
                let _ = note.focus();
            }
        } else {
            let _ = self.text.focus();
        }
    }

    fn update_counter(&self, lang: Lang) {
        let used = self.text.value().trim().chars().count();
        let max = CardText::MAX_CHARS;
        self.counter
            .set_text_content(Some(&format!("{used} / {max}")));
        toggle_class(&self.counter, "over", used > max);
        set_attr(
            &self.counter,
            "aria-live",
            if used > max { "polite" } else { "off" },
        );
        if used > max {
            self.show_error(Some(&error_text(
                lang,
                &BoardError::TextTooLong { max, got: used },
            )));
        } else if self.error.text_content().is_some_and(|t| !t.is_empty()) && used > 0 {
            self.show_error(None);
        }
    }

    fn show_error(&self, message: Option<&str>) {
        self.error.set_text_content(message);
        set_attr(
            &self.text,
            "aria-invalid",
            if message.is_some() { "true" } else { "false" },
        );
    }
}

fn lang_of(view: &Compose) -> Lang {
    Lang::from_tag(&view.root.get_attribute("data-lang").unwrap_or_default())
}

fn error_text(lang: Lang, error: &BoardError) -> String {
    match error {
        BoardError::TextTooLong { max, .. } => {
            i18n::tf(lang, Key::CardTooLong, &[("max", &max.to_string())])
        }
        _ => i18n::t(lang, Key::CardEmpty).to_owned(),
    }
}
