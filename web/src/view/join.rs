//! The join screen: a writing role's name and whether they sit in the room or join
//! remotely, written to their own participant document. Shown as a modal over the
//! board until the person's profile exists; observers never see it.

use std::rc::Rc;

use ovaal_shared::board::Location;
use web_sys::Element;

use super::profile_fields::{FieldNames, ProfileFields};
use crate::dom::{self, el, listen, set_attr};
use crate::i18n::{Key, Lang};

/// How long the name field waits for a paint that does not come (a hidden tab).
const FOCUS_FALLBACK_MS: f64 = 100.0;

pub struct JoinView {
    pub root: Element,
    fields: ProfileFields,
}

impl JoinView {
    pub fn new(lang: Lang, on_join: impl Fn(String, Location) + 'static) -> Rc<Self> {
        let fields = ProfileFields::new(
            lang,
            &FieldNames {
                name_id: "join-name",
                name: "name",
                error_id: "join-error",
                location: "location",
                checked: Some(Location::Room),
            },
        );
        let form = el("form")
            .class("join-form")
            .attr("novalidate", "")
            .child(el("h2").id("join-title").key(lang, Key::JoinTitle))
            .child(el("p").class("muted").key(lang, Key::JoinIntro))
            .child(&fields.name_field)
            .child(&fields.location_field)
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
        let view = Rc::new(Self { root, fields });

        let v = Rc::clone(&view);
        listen(&form, "submit", move |event| {
            event.prevent_default();
            let lang = Lang::from_tag(&v.root.get_attribute("data-lang").unwrap_or_default());
            if let Some(name) = v.fields.valid_name(lang) {
                on_join(name, v.fields.location());
            }
        });
        view.set_lang(lang);
        view
    }

    /// Draws the dialog in the model's language (from the presence part, which
    /// carries it). The dialog is out of the page while it is not shown, where the
    /// page's own relabelling does not reach: so its words are translated here, and
    /// the language is remembered for messages built later.
    pub fn set_lang(&self, lang: Lang) {
        if self.root.get_attribute("data-lang").as_deref() == Some(lang.tag()) {
            return;
        }
        set_attr(&self.root, "data-lang", lang.tag());
        dom::relabel_within(&self.root, lang);
    }

    /// Puts the focus in the name field once the dialog is drawn (in a task after the
    /// next paint): focusing needs the page laid out, and the dialog opens in the same
    /// pass that draws the board behind it (300 cards laid out twice, once for the
    /// focus and once for the frame, before the page could answer). A task straight
    /// after the drawing would still come before the frame.
    pub fn focus(&self) {
        let name = self.fields.name.clone();
        crate::browser::after_next_paint(FOCUS_FALLBACK_MS, move || {
            let _ = name.focus();
        });
    }
}
