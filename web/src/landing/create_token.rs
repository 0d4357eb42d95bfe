//! The server's creation key on the start page (`#create-token-panel`,
//! `#create-token`, `#create-token-save`, `#create-token-message`). A server started
//! with `--create-token` makes sessions only for whoever sends its key. The page does
//! not know in advance: the first create or import that the server answers with
//! `create_token_required` shows this prompt; the key typed is kept in localStorage
//! and the create or import that was asked for runs again. When the server answers
//! `create_token_wrong` the kept key is forgotten and the prompt comes back saying so.

use std::rc::Rc;

use web_sys::{Element, HtmlInputElement};

use super::Landing;
use crate::browser;
use crate::dom::{self, el, set_attr};
use crate::i18n::{Key, Lang};
use ovaal_shared::http_api::ApiErrorCode;

/// Where the key is kept in the browser.
const STORAGE_KEY: &str = "ovaal:create-token";

/// The kept key, if any, to send with a create or an import.
pub(super) fn kept() -> Option<String> {
    browser::storage_get(STORAGE_KEY).filter(|k| !k.is_empty())
}

/// What the person asked for when the server wanted the key: it runs again once the
/// key is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pending {
    Create,
    Import,
}

/// Why the server refused to make a session, when it was about its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyProblem {
    Missing,
    Wrong,
}

impl KeyProblem {
    /// The problem an error code of the server stands for, if it is about the key.
    pub(super) fn from_code(code: ApiErrorCode) -> Option<Self> {
        match code {
            ApiErrorCode::CreateTokenRequired => Some(Self::Missing),
            ApiErrorCode::CreateTokenWrong => Some(Self::Wrong),
            _ => None,
        }
    }
}

pub(super) struct TokenPrompt {
    pub(super) panel: Element,
    pub(super) form: Element,
    input: HtmlInputElement,
    message: Element,
}

impl TokenPrompt {
    pub(super) fn new(lang: Lang) -> Self {
        let input = el("input")
            .id("create-token")
            .attr("type", "password")
            .attr("name", "create-token")
            .attr("autocomplete", "off")
            .attr("spellcheck", "false")
            .attr("aria-describedby", "create-token-message")
            .cast::<HtmlInputElement>();
        let message = el("p")
            .id("create-token-message")
            .attr("role", "alert")
            .build();
        let form = el("form")
            .id("create-token-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "create-token")
                            .key(lang, Key::CreateTokenLabel),
                    )
                    .child(&input),
            )
            .child(
                el("div").class("actions").child(
                    el("button")
                        .id("create-token-save")
                        .class("button-primary")
                        .attr("type", "submit")
                        .key(lang, Key::CreateTokenSave),
                ),
            )
            .build();
        let panel = el("section")
            .id("create-token-panel")
            .class("panel")
            .class("landing-panel")
            .attr("aria-labelledby", "create-token-title")
            .attr("hidden", "")
            .child(
                el("h2")
                    .id("create-token-title")
                    .key(lang, Key::CreateTokenTitle),
            )
            .child(&message)
            .child(&form)
            .build();
        Self {
            panel,
            form,
            input,
            message,
        }
    }
}

impl Landing {
    /// Shows the prompt for `pending`; a wrong key is forgotten first.
    pub(super) fn ask_for_token(&self, pending: Pending, problem: KeyProblem) {
        if problem == KeyProblem::Wrong {
            browser::storage_remove(STORAGE_KEY);
        }
        self.pending.set(Some(pending));
        let prompt = &self.token;
        let key = match problem {
            KeyProblem::Missing => Key::CreateTokenNeeded,
            KeyProblem::Wrong => Key::CreateTokenWrong,
        };
        dom::set_key(&prompt.message, self.lang.get(), key);
        set_attr(
            &prompt.message,
            "class",
            if problem == KeyProblem::Wrong {
                "field-error"
            } else {
                "muted"
            },
        );
        set_attr(
            &prompt.input,
            "aria-invalid",
            if problem == KeyProblem::Wrong {
                "true"
            } else {
                "false"
            },
        );
        prompt.input.set_value("");
        dom::remove_attr(&prompt.panel, "hidden");
        let _ = prompt.input.focus();
    }

    /// Keeps the typed key and runs again what was asked for.
    pub(super) fn save_token(self: &Rc<Self>) {
        let prompt = &self.token;
        let key = prompt.input.value().trim().to_owned();
        if key.is_empty() {
            let _ = prompt.input.focus();
            return;
        }
        browser::storage_set(STORAGE_KEY, &key);
        prompt.input.set_value("");
        set_attr(&prompt.panel, "hidden", "");
        match self.pending.take() {
            Some(Pending::Create) => self.submit(),
            Some(Pending::Import) => self.import_export(),
            None => {}
        }
    }
}
