//! The landing page with a session's links in place of the form: right after creating
//! it, or again from "my sessions" ([`crate::view::link_list`]). Each link has a copy
//! button; "copy all" copies every link with its name, "copy invitation" a text for
//! the participants (see [`super::share_text`]); `#copy-status` (a live region) says
//! what was copied. "Create another" brings the empty form back.
//!
//! Copying or opening any of a new session's links disarms the warning before leaving
//! the page ([`super::leave_guard`]).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::Landing;
use super::copy::{self, CopyOutcome};
use super::my_sessions;
use super::saved::SavedSession;
use super::{date, share_text};
use crate::browser;
use crate::dom::{self, Hide, el, set_attr};
use crate::i18n::{self, Key};
use crate::view::link_list::{self, LinkListPlace, ShownLinks};
use ovaal_shared::http_api::CreatedSession;

/// What a share button copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Share {
    AllLinks,
    Invitation,
}

impl Landing {
    /// Shows `session`'s links; `fresh` when it was just made (not yet copied or
    /// opened anywhere), which arms the warning before leaving.
    pub(super) fn show_links(&self, session: &SavedSession, fresh: bool) {
        let lang = self.lang.get();
        let panel = &self.links_panel;
        panel.set_text_content(None);
        *self.shown.borrow_mut() = Some(session.clone());
        let intro = [
            el("h2").key(lang, Key::SessionReady).build(),
            el("p").class("session-name").text(&session.title).build(),
            el("p")
                .class("session-when")
                .class("muted")
                .text(&my_sessions::describe(lang, session))
                .build(),
            el("p").class("muted").key(lang, Key::LinksIntro).build(),
        ];
        for part in intro {
            let _ = panel.append_child(&part);
        }
        link_list::append(panel, lang, LinkListPlace::StartPage, &shown(session));
        let share = el("div")
            .class("share")
            .attr("role", "group")
            .attr("aria-labelledby", "share-title")
            .child(el("h3").id("share-title").key(lang, Key::ShareTitle))
            .child(
                el("div")
                    .class("share-buttons")
                    .child(
                        el("button")
                            .id("copy-all")
                            .class("button-quiet")
                            .attr("type", "button")
                            .key(lang, Key::CopyAll),
                    )
                    .child(
                        el("button")
                            .id("copy-invitation")
                            .class("button-primary")
                            .attr("type", "button")
                            .key(lang, Key::CopyInvitation),
                    ),
            )
            .child(
                el("textarea")
                    .id("copy-fallback")
                    .attr("readonly", "")
                    .attr("rows", "8")
                    .attr("hidden", "")
                    .key_attr(lang, "aria-label", Key::ShareTitle),
            )
            .build();
        let after = [
            share,
            el("p")
                .id("copy-status")
                .class("copy-status")
                .attr("role", "status")
                .build(),
            el("p").class("muted").key(lang, Key::LinksKeptNote).build(),
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
        if fresh {
            self.guard.arm();
        }
        panel.set_hidden(false);
        self.create.panel.set_hidden(true);
        // The heading takes the focus, so a screen reader starts reading the result.
        if let Some(first) = dom::query(panel, "h2").and_then(|h| h.dyn_into::<HtmlElement>().ok())
        {
            set_attr(&first, "tabindex", "-1");
            let _ = first.focus();
        }
    }

    /// A message in `#copy-status`: `ok` for what was copied, else a problem.
    fn show_copy_status(&self, message: Option<&str>, ok: bool) {
        if let Some(status) = dom::query(&self.links_panel, "#copy-status") {
            status.set_text_content(message);
            set_attr(&status, "data-state", if ok { "ok" } else { "problem" });
        }
    }

    /// Copy buttons, the share buttons and "create another", delegated from the links
    /// panel; following one of the links counts as having it.
    pub(super) fn clicked_in_links(self: &Rc<Self>, event: &web_sys::Event) {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target
            .as_ref()
            .and_then(|t| t.closest("a[href]").ok().flatten())
            .is_some()
        {
            self.guard.disarm();
            return;
        }
        let Some(button) = target.and_then(|t| t.closest("button").ok().flatten()) else {
            return;
        };
        match button.id().as_str() {
            "create-another" => {
                self.links_panel.set_hidden(true);
                self.create.panel.set_hidden(false);
                self.create.title.set_value("");
                let _ = self.create.title.focus();
            }
            "copy-all" => self.share(Share::AllLinks, button),
            "copy-invitation" => self.share(Share::Invitation, button),
            _ => self.copy_one(button),
        }
    }

    fn share(self: &Rc<Self>, what: Share, button: Element) {
        let Some(session) = self.shown.borrow().clone() else {
            return;
        };
        let Some(fallback) = dom::query(&self.links_panel, "#copy-fallback")
            .and_then(|f| f.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let lang = self.lang.get();
        let when = date::long(lang, &session.date);
        let (text, done) = match what {
            Share::AllLinks => (share_text::all_links(lang, &session, &when), Key::CopiedAll),
            Share::Invitation => (
                share_text::invitation(lang, &session, &when, &start_page()),
                Key::CopiedInvitation,
            ),
        };
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = copy::copy_text(&text, &fallback).await;
            let lang = this.lang.get();
            match outcome {
                CopyOutcome::Copied => {
                    this.guard.disarm();
                    this.show_copy_status(Some(i18n::t(lang, done)), true);
                    if let Some(button) = button.dyn_ref::<HtmlElement>() {
                        let _ = button.focus();
                    }
                }
                // Selected for Ctrl+C: as good as copied for the warning, since the
                // person now has the text in hand.
                CopyOutcome::SelectedForHand => {
                    this.guard.disarm();
                    this.show_copy_status(Some(i18n::t(lang, Key::CopySelectHint)), false);
                }
            }
        });
    }

    /// One link's copy button (`data-copy` names the address it copies).
    fn copy_one(self: &Rc<Self>, button: Element) {
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
                this.show_copy_status(Some(i18n::t(lang, Key::CopyFailed)), false);
                return;
            }
            this.guard.disarm();
            this.show_copy_status(Some(i18n::t(lang, Key::CopiedLink)), true);
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

/// The start page's address, where a join code is typed.
fn start_page() -> String {
    dom::window()
        .ok()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}/"))
        .unwrap_or_default()
}

/// What [`link_list`] draws of a kept session.
fn shown(session: &SavedSession) -> ShownLinks<'_> {
    let links = &session.links;
    ShownLinks {
        facilitator: &links.facilitator,
        participant: &links.participant,
        observer: &links.observer,
        room_screen: links.room_screen.as_deref(),
        join_code: session.join_code.as_deref(),
    }
}

/// What "my sessions" keeps of a session the server just made.
pub(super) fn to_saved(
    created: &CreatedSession,
    method: Option<ovaal_shared::board::Method>,
    date: String,
) -> SavedSession {
    let links = &created.links;
    // The server sends full addresses; a bare path still becomes one to keep.
    let origin = dom::window()
        .ok()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let full = |link: &str| crate::link::absolute_link(&origin, link);
    SavedSession {
        id: created.id.to_string(),
        title: created.title.clone(),
        method,
        date,
        created_ms: browser::now_ms(),
        links: super::saved::SavedLinks {
            facilitator: full(&links.facilitator),
            participant: full(&links.participant),
            observer: full(&links.observer),
            room_screen: Some(full(&links.room_screen)),
        },
        join_code: Some(created.join_code.clone()),
    }
}
