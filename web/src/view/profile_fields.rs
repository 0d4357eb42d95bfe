//! The profile fields that the join screen and the "me" panel share: the name (with
//! its error message) and whether the person sits in the room or joins remotely.
//! Both forms write the same profile, so they ask for it the same way and check the
//! name by the same rule ([`Profile::valid_name`]); only their ids differ, because
//! the page hooks tell the two forms apart (`#join-name`, `#me-name`).

use ovaal_shared::board::{Location, Profile};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{el, set_attr};
use crate::i18n::{self, Key, Lang};

/// What tells one form's fields from the other's.
pub struct FieldNames {
    /// The name input's id, which its label and the page hooks point at.
    pub name_id: &'static str,
    /// The name input's `name`.
    pub name: &'static str,
    /// The id of the name's error message.
    pub error_id: &'static str,
    /// The radios' `name`.
    pub location: &'static str,
    /// The radio checked from the start; `None` when the form is filled later from
    /// the stored profile.
    pub checked: Option<Location>,
}

pub struct ProfileFields {
    pub name: HtmlInputElement,
    error: Element,
    /// The name's label, input and error message.
    pub name_field: Element,
    /// The room/remote choice.
    pub location_field: Element,
}

impl ProfileFields {
    pub fn new(lang: Lang, names: &FieldNames) -> Self {
        let name = el("input")
            .id(names.name_id)
            .attr("type", "text")
            .attr("name", names.name)
            .attr("autocomplete", "nickname")
            .attr("maxlength", &(Profile::MAX_NAME_CHARS * 2).to_string())
            .attr("aria-describedby", names.error_id)
            .cast::<HtmlInputElement>();
        let error = el("p")
            .id(names.error_id)
            .class("field-error")
            .attr("role", "alert")
            .build();
        let name_field = el("div")
            .class("field")
            .child(
                el("label")
                    .attr("for", names.name_id)
                    .key(lang, Key::NameLabel),
            )
            .child(name.clone())
            .child(error.clone())
            .build();
        let radio = |value: Location, key: Key| {
            el("label")
                .class("choice")
                .child(
                    el("input")
                        .attr("type", "radio")
                        .attr("name", names.location)
                        .attr("value", value.as_str())
                        .flag("checked", names.checked == Some(value)),
                )
                .child(el("span").key(lang, key))
        };
        let location_field = el("fieldset")
            .class("field")
            .class("choices")
            .child(el("legend").key(lang, Key::WhereLabel))
            .child(radio(Location::Room, Key::LocationRoom))
            .child(radio(Location::Remote, Key::LocationRemote))
            .build();
        Self {
            name,
            error,
            name_field,
            location_field,
        }
    }

    /// The name when it is a valid one (and the error message cleared); otherwise
    /// `None`, after saying why in the error message and putting the focus back.
    pub fn valid_name(&self, lang: Lang) -> Option<String> {
        match Profile::valid_name(&self.name.value()) {
            Ok(name) => {
                self.error.set_text_content(None);
                Some(name)
            }
            Err(_) => {
                let max = Profile::MAX_NAME_CHARS.to_string();
                self.error.set_text_content(Some(&i18n::tf(
                    lang,
                    Key::NameInvalid,
                    &[("max", &max)],
                )));
                set_attr(&self.name, "aria-invalid", "true");
                let _ = self.name.focus();
                None
            }
        }
    }

    pub fn clear_error(&self) {
        self.error.set_text_content(None);
    }

    /// The checked radio; remote when none is.
    pub fn location(&self) -> Location {
        self.location_field
            .query_selector("input:checked")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .and_then(|input| input.value().parse().ok())
            .unwrap_or(Location::Remote)
    }

    /// Fills the fields from a stored profile.
    pub fn fill(&self, profile: &Profile) {
        self.name.set_value(&profile.name);
        let Ok(radios) = self.location_field.query_selector_all("input") else {
            return;
        };
        for i in 0..radios.length() {
            if let Some(radio) = radios
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                radio.set_checked(radio.value() == profile.location.as_str());
            }
        }
    }
}
