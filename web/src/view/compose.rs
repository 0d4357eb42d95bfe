//! The "add a card" form: kind, text with a live character counter, and Add. The text
//! is checked with the shared [`CardText`] rule before anything is written, and the
//! reason is shown next to the field when it fails.

use std::rc::Rc;

use ovaal_shared::board::{BoardError, CardKind, CardText};
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{el, set_attr, toggle_class};
use crate::i18n::{self, Key, Lang};

pub struct Compose {
    pub root: Element,
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
        for k in CardKind::ALL {
            let option = el("option").attr("value", k.as_str()).build();
            let _ = kind.append_child(&option);
        }
        let text = el("textarea")
            .id("card-text")
            .attr("name", "text")
            .attr("rows", "4")
            .attr("aria-describedby", "card-counter card-error")
            .key_attr(lang, "placeholder", Key::CardTextPlaceholder)
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

        let view = Rc::new(Self {
            root: el("section")
                .id("compose-panel")
                .class("panel")
                .child(form.clone())
                .build(),
            kind,
            text,
            counter,
            error,
        });
        view.relabel(lang);

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

    /// Updates the option labels (icon + translated kind) and the counter.
    pub fn relabel(&self, lang: Lang) {
        set_attr(&self.root, "data-lang", lang.tag());
        let options = self.kind.options();
        for (i, kind) in CardKind::ALL.into_iter().enumerate() {
            if let Some(option) = options.item(i as u32) {
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
    pub fn focus(&self) {
        let _ = self.text.focus();
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
