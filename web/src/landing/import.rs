//! "Continue from a harvest" on the landing page (`#import-file`, `#import-go`,
//! `#import-status`, `#import-error`): a facilitator who kept the JSON export of an
//! earlier session opens it as a new board with new links (`POST
//! /api/sessions/import`). On that board "Start next session" carries its themes and
//! actions into the next meeting of the arc, as from any other session.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

use super::Landing;
use super::create_token::{self, KeyProblem, Pending};
use super::created::to_saved;
use super::date;
use crate::api::{self, ApiError};
use crate::dom::{self, el, set_attr};
use crate::i18n::{Key, Lang};
use ovaal_shared::http_api::ApiErrorCode;

/// The server takes imports up to this size (docs/api.md); larger files are refused
/// here, before they are uploaded. (`usize` to `f64` is exact up to 2^53.)
const MAX_IMPORT_BYTES: f64 = ovaal_shared::http_api::MAX_IMPORT_BYTES as f64;

pub(super) struct ImportForm {
    pub(super) panel: Element,
    pub(super) form: Element,
    file: HtmlInputElement,
    go: HtmlButtonElement,
    /// What is happening now (reading, creating): long work shows progress.
    status: Element,
    error: Element,
}

impl ImportForm {
    pub(super) fn new(lang: Lang) -> Self {
        let file = el("input")
            .id("import-file")
            .attr("type", "file")
            .attr("name", "export")
            .attr("accept", ".json,application/json")
            .attr("aria-describedby", "import-error")
            .cast::<HtmlInputElement>();
        let go = el("button")
            .id("import-go")
            .class("button-primary")
            .attr("type", "submit")
            .key(lang, Key::ImportGo)
            .cast::<HtmlButtonElement>();
        let status = el("p")
            .id("import-status")
            .class("muted")
            .attr("role", "status")
            .build();
        let error = el("p")
            .id("import-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let form = el("form")
            .id("import-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "import-file")
                            .key(lang, Key::ImportLabel),
                    )
                    .child(&file)
                    .child(&error),
            )
            .child(el("div").class("actions").child(&go))
            .child(&status)
            .build();
        let panel = el("section")
            .id("import-panel")
            .class("panel")
            .class("landing-panel")
            .attr("aria-labelledby", "import-title")
            .child(el("h2").id("import-title").key(lang, Key::ImportTitle))
            .child(el("p").class("muted").key(lang, Key::ImportIntro))
            .child(&form)
            .build();
        Self {
            panel,
            form,
            file,
            go,
            status,
            error,
        }
    }
}

/// Why an import did not happen, as the person reads it.
enum ImportProblem {
    Key(Key),
    /// The server refused the file, with its reason (which names the place in it).
    Rejected(String),
}

impl Landing {
    /// Reads the chosen file, sends it, and shows the new board's links.
    pub(super) fn import_export(self: &Rc<Self>) {
        let chosen = self.import.file.files().and_then(|files| files.get(0));
        let Some(file) = chosen else {
            self.show_import_problem(Some(ImportProblem::Key(Key::ImportNoFile)));
            return;
        };
        if file.size() > MAX_IMPORT_BYTES {
            self.show_import_problem(Some(ImportProblem::Key(Key::ImportTooLarge)));
            return;
        }
        self.show_import_problem(None);
        self.import.go.set_disabled(true);
        self.show_import_status(Some(Key::ImportReading));
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let result = match text {
                Some(text) => {
                    this.show_import_status(Some(Key::ImportSending));
                    let key = create_token::kept();
                    api::import_session(&text, key.as_deref()).await
                }
                None => Err(ApiError::Network("the file could not be read".into())),
            };
            this.import.go.set_disabled(false);
            this.show_import_status(None);
            if let Err(ApiError::Refused { code, .. }) = &result
                && let Some(problem) = KeyProblem::from_code(*code)
            {
                this.ask_for_token(Pending::Import, problem);
                return;
            }
            match result {
                Ok(created) => {
                    this.import.file.set_value("");
                    // Kept without a method, as a board continued from a harvest is.
                    let saved = to_saved(&created, None, date::today());
                    this.keep_session(&saved);
                    this.show_links(&saved, true);
                }
                Err(ApiError::Refused {
                    status: 400 | 422,
                    message,
                    ..
                }) => this.show_import_problem(Some(ImportProblem::Rejected(message))),
                Err(ApiError::Refused { status: 413, .. }) => {
                    this.show_import_problem(Some(ImportProblem::Key(Key::ImportTooLarge)))
                }
                Err(ApiError::Refused {
                    code: ApiErrorCode::TooManySessions,
                    ..
                }) => this.show_import_problem(Some(ImportProblem::Key(Key::CreateTooMany))),
                Err(e) => {
                    dom::log_error("import", &e);
                    this.show_import_problem(Some(ImportProblem::Key(Key::RequestFailed)));
                }
            }
        });
    }

    fn show_import_status(&self, key: Option<Key>) {
        dom::show_key(&self.import.status, self.lang.get(), key);
    }

    /// A problem's fixed part is kept as a key, so a language switch translates it;
    /// the server's reason follows it as it came.
    fn show_import_problem(&self, problem: Option<ImportProblem>) {
        let import = &self.import;
        let invalid = problem.is_some();
        match problem {
            Some(ImportProblem::Key(key)) => dom::set_key(&import.error, self.lang.get(), key),
            Some(ImportProblem::Rejected(reason)) => {
                dom::show_key(&import.error, self.lang.get(), None);
                let lead = el("span").key(self.lang.get(), Key::ImportRejected).build();
                let _ = import.error.append_child(&lead);
                let detail = el("span")
                    .class("import-reason")
                    .text(&format!(" {reason}"))
                    .build();
                let _ = import.error.append_child(&detail);
            }
            None => dom::show_key(&import.error, self.lang.get(), None),
        }
        set_attr(
            &import.file,
            "aria-invalid",
            if invalid { "true" } else { "false" },
        );
        if invalid {
            let _ = import.file.focus();
        }
    }
}
