//! "Me": the header button with your name that opens a small profile panel, where you
//! change your name, say whether you are in the room or remote, and leave your seat.
//! Observers have no profile and see only the text.
//!
//! Hooks: `#me-button` (aria-expanded) opens `#me-menu` with `#me-name`,
//! `input[name=me-location]`, `#me-save`, `#me-leave-seat` and `#me-close`. Escape or
//! a click outside closes it and gives the focus back to the button.

use std::rc::Rc;

use ovaal_shared::board::{Location, Profile};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, KeyboardEvent};

use super::profile_fields::{FieldNames, ProfileFields};
use crate::dom::{self, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};

/// What the person asked for in the panel.
pub enum MeAction {
    Save { name: String, location: Location },
    LeaveSeat,
}

pub struct MeMenu {
    pub root: Element,
    button: HtmlButtonElement,
    name: Element,
    role: Element,
    panel: Element,
    fields: ProfileFields,
    seat_note: Element,
    leave: HtmlButtonElement,
    status: Element,
}

impl MeMenu {
    /// `current` reads the stored profile when the panel opens, to fill the form.
    pub fn new(
        lang: Lang,
        current: impl Fn() -> Option<Profile> + 'static,
        act: impl Fn(MeAction) + 'static,
    ) -> Rc<Self> {
        let name = el("span").class("me-name").build();
        let role = el("span").class("me-role").build();
        let label = el("span")
            .id("me")
            .class("me")
            .child(name.clone())
            .child(role.clone())
            .build();
        let button = el("button")
            .id("me-button")
            .class("me-button")
            .attr("type", "button")
            .attr("aria-expanded", "false")
            .attr("aria-controls", "me-menu")
            .attr("disabled", "")
            .key_attr(lang, "title", Key::MeButtonLabel)
            .child(label.clone())
            .child(
                el("span")
                    .class("me-caret")
                    .attr("aria-hidden", "true")
                    .text("▾"),
            )
            .cast::<HtmlButtonElement>();
        let fields = ProfileFields::new(
            lang,
            &FieldNames {
                name_id: "me-name",
                name: "me-name",
                error_id: "me-error",
                location: "me-location",
                checked: None,
            },
        );
        let seat_note = el("p").id("me-seat").class("muted").build();
        let leave = el("button")
            .id("me-leave-seat")
            .class("button-quiet")
            .attr("type", "button")
            .key(lang, Key::LeaveSeat)
            .cast::<HtmlButtonElement>();
        let status = el("p").class("me-status").attr("role", "status").build();
        let form = el("form")
            .attr("novalidate", "")
            .child(&fields.name_field)
            .child(&fields.location_field)
            .child(
                el("div").class("actions").child(
                    el("button")
                        .id("me-save")
                        .class("button-primary")
                        .attr("type", "submit")
                        .key(lang, Key::Save),
                ),
            )
            .build();
        let panel = el("div")
            .id("me-menu")
            .class("popover")
            .class("me-menu")
            .attr("role", "dialog")
            .attr("aria-labelledby", "me-menu-title")
            .attr("hidden", "")
            .child(
                el("div")
                    .class("popover-head")
                    .child(el("h2").id("me-menu-title").key(lang, Key::MeTitle))
                    .child(
                        el("button")
                            .id("me-close")
                            .class("icon-button")
                            .attr("type", "button")
                            .key_attr(lang, "aria-label", Key::Dismiss)
                            .child(el("span").attr("aria-hidden", "true").text("×")),
                    ),
            )
            .child(form.clone())
            .child(
                el("div")
                    .class("me-seat-row")
                    .child(seat_note.clone())
                    .child(leave.clone()),
            )
            .child(status.clone())
            .build();
        let root = el("div")
            .class("me-wrap")
            .child(button.clone())
            .child(panel.clone())
            .build();
        let view = Rc::new(Self {
            root,
            button,
            name,
            role,
            panel,
            fields,
            seat_note,
            leave,
            status,
        });

        let act = Rc::new(act);
        let v = Rc::clone(&view);
        listen(&view.button, "click", move |_| {
            if v.is_open() {
                v.close(true);
            } else {
                v.fill(current().as_ref());
                v.open();
            }
        });
        let v = Rc::clone(&view);
        let a = Rc::clone(&act);
        listen(&form, "submit", move |event| {
            event.prevent_default();
            let lang = Lang::from_tag(&v.root.get_attribute("data-lang").unwrap_or_default());
            if let Some(name) = v.fields.valid_name(lang) {
                // The panel stays open after saving, so the field is marked valid
                // again (the join screen goes away instead).
                set_attr(&v.fields.name, "aria-invalid", "false");
                a(MeAction::Save {
                    name,
                    location: v.fields.location(),
                });
                v.status
                    .set_text_content(Some(i18n::t(lang, Key::ProfileSaved)));
            }
        });
        let a = Rc::clone(&act);
        listen(&view.leave, "click", move |_| a(MeAction::LeaveSeat));
        let v = Rc::clone(&view);
        if let Some(close) = dom::query(&view.panel, "#me-close") {
            listen(&close, "click", move |_| v.close(true));
        }
        let v = Rc::clone(&view);
        listen(&view.panel, "keydown", move |event| {
            if event.dyn_ref::<KeyboardEvent>().map(|k| k.key()).as_deref() == Some("Escape") {
                event.prevent_default();
                v.close(true);
            }
        });
        // A click anywhere else closes the panel (without moving the focus).
        let v = Rc::clone(&view);
        if let Ok(document) = dom::document() {
            listen(&document, "click", move |event| {
                if !v.is_open() {
                    return;
                }
                let inside = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|node| v.root.contains(Some(&node)));
                if !inside {
                    v.close(false);
                }
            });
        }
        view.set_lang(lang);
        view
    }

    pub fn set_lang(&self, lang: Lang) {
        set_attr(&self.root, "data-lang", lang.tag());
    }

    /// The header text ("Anna · participant"), as a name and a role part so a phone
    /// can drop the role and keep the name whole; `profile` enables the panel.
    pub fn set_text(&self, name: Option<&str>, role: Option<&str>, has_profile: bool) {
        let role = match (name, role) {
            (Some(_), Some(role)) => format!(" · {role}"),
            (None, Some(role)) => role.to_owned(),
            (_, None) => String::new(),
        };
        self.name.set_text_content(name);
        dom::toggle_class(&self.name, "hidden", name.is_none());
        self.role.set_text_content(Some(&role));
        self.button.set_disabled(!has_profile);
        dom::toggle_class(&self.button, "static", !has_profile);
        if !has_profile && self.is_open() {
            self.close(false);
        }
    }

    /// Brings the panel's seat line in line with the profile.
    pub fn set_seat(&self, lang: Lang, seat: Option<u32>) {
        let text = match seat {
            Some(seat) => i18n::tf(lang, Key::YourSeatIs, &[("n", &(seat + 1).to_string())]),
            None => i18n::t(lang, Key::NoSeatYet).to_owned(),
        };
        self.seat_note.set_text_content(Some(&text));
        self.leave.set_hidden(seat.is_none());
    }

    /// Fills the form from the stored profile (when opening it).
    fn fill(&self, profile: Option<&Profile>) {
        if let Some(profile) = profile {
            self.fields.fill(profile);
        }
    }

    pub fn is_open(&self) -> bool {
        !self.panel.has_attribute("hidden")
    }

    fn open(&self) {
        self.status.set_text_content(None);
        self.fields.clear_error();
        let _ = self.panel.remove_attribute("hidden");
        set_attr(&self.button, "aria-expanded", "true");
        let _ = self.fields.name.focus();
    }

    fn close(&self, give_focus_back: bool) {
        set_attr(&self.panel, "hidden", "");
        set_attr(&self.button, "aria-expanded", "false");
        if give_focus_back {
            let _ = self.button.focus();
        }
    }
}
