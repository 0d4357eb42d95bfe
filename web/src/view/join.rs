//! The join screen: a writing role's name and whether they sit in the room or join
//! remotely, written to their own participant document. Shown as a modal over the
//! board until the person's profile exists; observers never see it.

use std::rc::Rc;

use ovaal_shared::board::{Location, Profile};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{el, listen, set_attr};
use crate::i18n::{self, Key, Lang};

pub struct JoinView {
    pub root: Element,
    name: HtmlInputElement,
    error: Element,
}

impl JoinView {
    pub fn new(lang: Lang, on_join: impl Fn(String, Location) + 'static) -> Rc<Self> {
        let name = el("input")
            .id("join-name")
            .attr("type", "text")
            .attr("name", "name")
            .attr("autocomplete", "nickname")
            .attr("maxlength", &(Profile::MAX_NAME_CHARS * 2).to_string())
            .attr("aria-describedby", "join-error")
            .cast::<HtmlInputElement>();
        let error = el("p")
            .id("join-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let radio = |value: Location, key: Key, checked: bool| {
            el("label")
                .class("choice")
                .child(
                    el("input")
                        .attr("type", "radio")
                        .attr("name", "location")
                        .attr("value", value.as_str())
                        .flag("checked", checked),
                )
                .child(el("span").key(lang, key))
        };
        let form = el("form")
            .class("join-form")
            .attr("novalidate", "")
            .child(el("h2").id("join-title").key(lang, Key::JoinTitle))
            .child(el("p").class("muted").key(lang, Key::JoinIntro))
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "join-name")
                            .key(lang, Key::NameLabel),
                    )
                    .child(name.clone())
                    .child(error.clone()),
            )
            .child(
                el("fieldset")
                    .class("field")
                    .class("choices")
                    .child(el("legend").key(lang, Key::WhereLabel))
                    .child(radio(Location::Room, Key::LocationRoom, true))
                    .child(radio(Location::Remote, Key::LocationRemote, false)),
            )
            .child(
                el("div").class("actions").child(
                    el("button")
                        .id("join-submit")
                        .class("button-primary")
                        .attr("type", "submit")
                        .key(lang, Key::JoinSubmit),
                ),
            )
            .build();
        let root = el("div")
            .id("join-overlay")
            .class("overlay")
            .child(
                el("div")
                    .class("dialog")
                    .attr("role", "dialog")
                    .attr("aria-modal", "true")
                    .attr("aria-labelledby", "join-title")
                    .child(form.clone()),
            )
            .build();
        let view = Rc::new(Self { root, name, error });

        let v = Rc::clone(&view);
        listen(&form, "submit", move |event| {
            event.prevent_default();
            let lang = Lang::from_tag(&v.root.get_attribute("data-lang").unwrap_or_default());
            match Profile::valid_name(&v.name.value()) {
                Ok(name) => {
                    v.error.set_text_content(None);
                    on_join(name, selected_location(&v.root));
                }
                Err(_) => {
                    let max = Profile::MAX_NAME_CHARS.to_string();
                    v.error.set_text_content(Some(&i18n::tf(
                        lang,
                        Key::NameInvalid,
                        &[("max", &max)],
                    )));
                    set_attr(&v.name, "aria-invalid", "true");
                    let _ = v.name.focus();
                }
            }
        });
        view.set_lang(lang);
        view
    }

    /// Remembers the language for messages built after a switch.
    pub fn set_lang(&self, lang: Lang) {
        set_attr(&self.root, "data-lang", lang.tag());
    }

    pub fn focus(&self) {
        let _ = self.name.focus();
    }
}

fn selected_location(root: &Element) -> Location {
    root.query_selector("input[name=location]:checked")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| input.value().parse().ok())
        .unwrap_or(Location::Remote)
}
