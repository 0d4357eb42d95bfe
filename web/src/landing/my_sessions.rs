//! "My sessions" on the start page (`#my-sessions`): the sessions made in this
//! browser, newest first (see [`super::saved`]), each with its date and method, a
//! button that shows its links again and one that removes it from the list. Removing
//! asks first, in the row itself, with the focus on the safe answer ("keep"); Escape
//! keeps it too.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::Landing;
use super::date;
use super::saved::{self, SavedSession};
use crate::browser;
use crate::dom::{self, Hide, el};
use crate::i18n::{self, Key, Lang};

pub(super) struct MySessions {
    pub(super) panel: Element,
    list: Element,
    /// Says what happened (a removal) to screen readers too.
    status: Element,
}

impl MySessions {
    pub(super) fn new(lang: Lang) -> Self {
        let list = el("ul")
            .id("my-sessions-list")
            .class("my-sessions-list")
            .build();
        let status = el("p")
            .id("my-sessions-status")
            .class("muted")
            .attr("role", "status")
            .build();
        let panel = el("section")
            .id("my-sessions")
            .class("panel")
            .class("landing-panel")
            .attr("aria-labelledby", "my-sessions-title")
            .attr("hidden", "")
            .child(
                el("h2")
                    .id("my-sessions-title")
                    .attr("tabindex", "-1")
                    .key(lang, Key::MySessionsTitle),
            )
            .child(el("p").class("muted").key(lang, Key::MySessionsIntro))
            .child(&list)
            .child(&status)
            .build();
        Self {
            panel,
            list,
            status,
        }
    }
}

/// The kept list.
pub(super) fn kept() -> Vec<SavedSession> {
    browser::storage_get(saved::STORAGE_KEY)
        .map(|json| saved::parse(&json))
        .unwrap_or_default()
}

fn store(list: &[SavedSession]) {
    browser::storage_set(saved::STORAGE_KEY, &saved::to_json(list));
}

/// "Wednesday 14 May 2025 · Incident method".
pub(super) fn describe(lang: Lang, session: &SavedSession) -> String {
    let method = match session.method {
        Some(method) => i18n::t(lang, i18n::method_key(method)),
        None => i18n::t(lang, Key::MySessionFromHarvest),
    };
    format!("{} · {method}", date::long(lang, &session.date))
}

impl Landing {
    /// Keeps a new session at the top of the list.
    pub(super) fn keep_session(&self, session: &SavedSession) {
        let mut list = kept();
        saved::add(&mut list, session.clone());
        store(&list);
        self.render_my_sessions();
    }

    /// Draws the list again from storage (also after a language switch, for the dates
    /// and method names).
    pub(super) fn render_my_sessions(&self) {
        let lang = self.lang.get();
        let view = &self.my_sessions;
        let list = kept();
        view.list.set_text_content(None);
        view.panel.set_hidden(list.is_empty());
        for (i, session) in list.iter().enumerate() {
            let _ = view.list.append_child(&row(lang, i, session));
        }
    }

    /// Open, remove, keep and remove-for-sure, delegated from the list.
    pub(super) fn clicked_in_my_sessions(self: &Rc<Self>, event: &web_sys::Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let Some(row) = button.closest("li.my-session").ok().flatten() else {
            return;
        };
        let Some(id) = row.get_attribute("data-session-id") else {
            return;
        };
        let class = button.class_name();
        if class.contains("my-session-open") {
            if let Some(session) = kept().into_iter().find(|s| s.id == id) {
                self.my_sessions.status.set_text_content(None);
                self.show_links(&session, false);
            }
        } else if class.contains("my-session-remove-yes") {
            self.remove_session(&id);
        } else if class.contains("my-session-remove") {
            self.ask_remove(&row);
        } else if class.contains("my-session-keep") {
            self.keep_asked(&row);
        }
    }

    /// Escape in a row's question keeps the session.
    pub(super) fn key_in_my_sessions(&self, event: &web_sys::Event) {
        let escape = event
            .dyn_ref::<KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape");
        let asking = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("li.my-session.confirming").ok().flatten());
        if let (true, Some(row)) = (escape, asking) {
            event.prevent_default();
            self.keep_asked(&row);
        }
    }

    fn ask_remove(&self, row: &Element) {
        let lang = self.lang.get();
        let title = dom::query(row, ".my-session-title")
            .and_then(|t| t.text_content())
            .unwrap_or_default();
        let Some(actions) = dom::query(row, ".my-session-actions") else {
            return;
        };
        let question_id = format!("{}-question", row.id());
        let keep = el("button")
            .class("my-session-keep")
            .class("button-primary")
            .attr("type", "button")
            .key(lang, Key::MySessionKeep)
            .build();
        let confirm = el("div")
            .class("my-session-confirm")
            .attr("role", "group")
            .attr("aria-labelledby", &question_id)
            .child(
                el("p")
                    .id(&question_id)
                    .class("my-session-question")
                    .text(&i18n::tf(
                        lang,
                        Key::MySessionRemoveConfirm,
                        &[("title", &title)],
                    )),
            )
            .child(
                el("div").class("actions").child(&keep).child(
                    el("button")
                        .class("my-session-remove-yes")
                        .class("button-danger")
                        .attr("type", "button")
                        .key(lang, Key::MySessionRemoveYes),
                ),
            )
            .build();
        actions.set_hidden(true);
        let _ = row.class_list().add_1("confirming");
        let _ = row.append_child(&confirm);
        focus(&keep);
    }

    fn keep_asked(&self, row: &Element) {
        if let Some(confirm) = dom::query(row, ".my-session-confirm") {
            confirm.remove();
        }
        let _ = row.class_list().remove_1("confirming");
        if let Some(actions) = dom::query(row, ".my-session-actions") {
            actions.set_hidden(false);
        }
        if let Some(remove) = dom::query(row, ".my-session-remove") {
            focus(&remove);
        }
    }

    fn remove_session(&self, id: &str) {
        let mut list = kept();
        let Some(at) = list.iter().position(|s| s.id == id) else {
            return;
        };
        let title = list[at].title.clone();
        saved::remove(&mut list, id);
        store(&list);
        self.render_my_sessions();
        let lang = self.lang.get();
        let view = &self.my_sessions;
        view.status.set_text_content(Some(&i18n::tf(
            lang,
            Key::MySessionRemoved,
            &[("title", &title)],
        )));
        // The focus goes to the session that took its place, else to the one before,
        // else (an empty list is hidden) to the title field of the form.
        let next = list
            .get(at)
            .or_else(|| at.checked_sub(1).and_then(|i| list.get(i)));
        match next.and_then(|s| {
            dom::query(
                &view.list,
                &format!("li[data-session-id=\"{}\"] .my-session-open", s.id),
            )
        }) {
            Some(button) => focus(&button),
            None => {
                let _ = self.create.title.focus();
            }
        }
    }
}

fn row(lang: Lang, index: usize, session: &SavedSession) -> Element {
    let row_id = format!("my-session-{index}");
    let title_id = format!("{row_id}-title");
    el("li")
        .id(&row_id)
        .class("my-session")
        .attr("data-session-id", &session.id)
        .child(
            el("div")
                .class("my-session-text")
                .child(
                    el("strong")
                        .id(&title_id)
                        .class("my-session-title")
                        .text(&session.title),
                )
                .child(
                    el("span")
                        .class("my-session-meta")
                        .class("muted")
                        .text(&describe(lang, session)),
                ),
        )
        .child(
            el("div")
                .class("my-session-actions")
                .child(
                    el("button")
                        .class("my-session-open")
                        .class("button-quiet")
                        .attr("type", "button")
                        .attr("aria-describedby", &title_id)
                        .key(lang, Key::MySessionOpen),
                )
                .child(
                    el("button")
                        .class("my-session-remove")
                        .attr("type", "button")
                        .attr("aria-describedby", &title_id)
                        .key(lang, Key::MySessionRemove),
                ),
        )
        .build()
}

fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}
