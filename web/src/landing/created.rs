//! The landing page once a session is created: its links in place of the form
//! ([`crate::view::link_list`]), the copy buttons, and "create another", which brings
//! the empty form back.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::Landing;
use crate::api::CreatedSession;
use crate::browser;
use crate::dom::{self, el, set_attr};
use crate::i18n::{self, Key};
use crate::view::link_list::{self, LinkListPlace};

impl Landing {
    pub(super) fn show_links(&self, created: &CreatedSession) {
        let lang = self.lang.get();
        let panel = &self.links_panel;
        panel.set_text_content(None);
        let intro = [
            el("h2").key(lang, Key::SessionReady).build(),
            el("p").class("session-name").text(&created.title).build(),
            el("p").class("muted").key(lang, Key::LinksIntro).build(),
        ];
        for part in intro {
            let _ = panel.append_child(&part);
        }
        link_list::append(panel, lang, LinkListPlace::StartPage, created);
        let after = [
            el("p").class("copy-status").attr("role", "status").build(),
            el("div")
                .class("actions")
                .child(
                    el("button")
                        .id("create-another")
                        .class("button-quiet")
                        .attr("type", "button")
                        .key(lang, Key::CreateAnother),
                )
                .build(),
        ];
        for part in after {
            let _ = panel.append_child(&part);
        }
        let _ = panel.remove_attribute("hidden");
        set_attr(&self.create.panel, "hidden", "");
        // The heading takes the focus, so a screen reader starts reading the result.
        if let Some(first) =
            dom::query(panel, "h2").and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        {
            set_attr(&first, "tabindex", "-1");
            let _ = first.focus();
        }
    }

    fn show_copy_status(&self, message: Option<&str>) {
        if let Some(status) = dom::query(&self.links_panel, ".copy-status") {
            status.set_text_content(message);
        }
    }

    /// Copy buttons and "create another", delegated from the links panel.
    pub(super) fn clicked_in_links(self: &Rc<Self>, event: &web_sys::Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if button.id() == "create-another" {
            set_attr(&self.links_panel, "hidden", "");
            let _ = self.create.panel.remove_attribute("hidden");
            self.create.title.set_value("");
            let _ = self.create.title.focus();
            return;
        }
        let Some(link) = button
            .get_attribute("data-copy")
            .and_then(|id| dom::query(&self.links_panel, &format!("#{id}")))
        else {
            return;
        };
        let url = link.text_content().unwrap_or_default();
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let lang = this.lang.get();
            let copied = browser::copy_to_clipboard(&url, &link).await;
            if !copied {
                this.show_copy_status(Some(i18n::t(lang, Key::CopyFailed)));
                return;
            }
            this.show_copy_status(None);
            set_attr(&button, "data-i18n", Key::Copied.name());
            button.set_text_content(Some(i18n::t(lang, Key::Copied)));
            let reset = button.clone();
            browser::set_timeout(2_000.0, move || {
                set_attr(&reset, "data-i18n", Key::Copy.name());
                reset.set_text_content(Some(i18n::t(this.lang.get(), Key::Copy)));
            });
        });
    }
}
