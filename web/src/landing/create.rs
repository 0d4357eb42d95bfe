//! Creating a session on the landing page: the title, date and method form
//! (`#session-title`, `#session-date`, `#session-method` with its preview,
//! `#session-create`), the check of the title before anything is sent, and `POST
//! /api/sessions`. The new session goes into "my sessions" before its links show.
//!
//! The date is the meeting's, for the invitation and "my sessions"; the server does
//! not need it, so it stays in this browser.

use std::rc::Rc;

use ovaal_shared::board::{Method, SessionSettings};
use web_sys::{Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement};

use super::Landing;
use super::create_token::{self, KeyProblem, Pending};
use super::created::to_saved;
use super::date;
use super::method_preview::MethodPreview;
use crate::api;
use crate::dom::{self, el, set_attr};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::http_api::ApiErrorCode;

pub(super) struct CreateForm {
    /// The section around the form, hidden while the links are shown.
    pub(super) panel: Element,
    pub(super) form: Element,
    pub(super) title: HtmlInputElement,
    pub(super) method: HtmlSelectElement,
    pub(super) date: HtmlInputElement,
    pub(super) preview: MethodPreview,
    submit: HtmlButtonElement,
    error: Element,
}

impl CreateForm {
    pub(super) fn new(lang: Lang) -> Self {
        let title = el("input")
            .id("session-title")
            .attr("type", "text")
            .attr("name", "title")
            .attr("required", "")
            .attr(
                "maxlength",
                &(SessionSettings::MAX_TITLE_CHARS * 2).to_string(),
            )
            .attr("aria-describedby", "create-error")
            .key_attr(lang, "placeholder", Key::SessionTitlePlaceholder)
            .cast::<HtmlInputElement>();
        let date = el("input")
            .id("session-date")
            .attr("type", "date")
            .attr("name", "date")
            .cast::<HtmlInputElement>();
        date.set_value(&date::today());
        let method = el("select")
            .id("session-method")
            .attr("name", "method")
            .attr("aria-describedby", "method-purpose")
            .cast::<HtmlSelectElement>();
        let preview = MethodPreview::new();
        for m in Method::ALL {
            let _ = method.append_child(&el("option").attr("value", m.as_str()).build());
        }
        let submit = el("button")
            .id("session-create")
            .class("button-primary")
            .attr("type", "submit")
            .key(lang, Key::CreateSession)
            .cast::<HtmlButtonElement>();
        let error = el("p")
            .id("create-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let form = el("form")
            .id("create-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "session-title")
                            .key(lang, Key::SessionTitleLabel),
                    )
                    .child(&title),
            )
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "session-date")
                            .key(lang, Key::SessionDateLabel),
                    )
                    .child(&date),
            )
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "session-method")
                            .key(lang, Key::MethodLabel),
                    )
                    .child(&method),
            )
            .child(&preview.root)
            .child(&error)
            .child(el("div").class("actions").child(&submit))
            .build();
        let panel = el("section")
            .class("panel")
            .class("landing-panel")
            .child(el("h1").key(lang, Key::LandingTitle))
            .child(
                el("p")
                    .id("landing-intro")
                    .class("muted")
                    .key(lang, Key::LandingIntro),
            )
            .child(&form)
            .build();
        Self {
            panel,
            form,
            title,
            method,
            date,
            preview,
            submit,
            error,
        }
    }
}

impl Landing {
    pub(super) fn submit(self: &Rc<Self>) {
        let lang = self.lang.get();
        let form = &self.create;
        let method = form.method.value().parse().unwrap_or(Method::Free);
        let settings =
            match SessionSettings::new(&form.title.value(), method, SessionSettings::DEFAULT_SEATS)
            {
                Ok(settings) => settings,
                Err(_) => {
                    let max = SessionSettings::MAX_TITLE_CHARS.to_string();
                    self.show_error(Some(&i18n::tf(lang, Key::TitleInvalid, &[("max", &max)])));
                    let _ = form.title.focus();
                    return;
                }
            };
        self.show_error(None);
        self.busy(true);
        let day = Some(form.date.value())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(date::today);
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let key = create_token::kept();
            let result =
                api::create_session(&settings.title, settings.method, key.as_deref()).await;
            this.busy(false);
            match result {
                Ok(created) => {
                    let saved = to_saved(&created, Some(method), day);
                    this.keep_session(&saved);
                    this.show_links(&saved, true);
                }
                Err(api::ApiError::Refused { code, message, .. }) => {
                    match KeyProblem::from_code(code) {
                        Some(problem) => this.ask_for_token(Pending::Create, problem),
                        None if code == ApiErrorCode::TooManySessions => {
                            this.show_error(Some(i18n::t(this.lang.get(), Key::CreateTooMany)))
                        }
                        None => this.show_error(Some(&message)),
                    }
                }
                Err(e) => {
                    dom::log_error("create session", &e);
                    this.show_error(Some(i18n::t(this.lang.get(), Key::RequestFailed)));
                }
            }
        });
    }

    /// Disables the button while the request runs, so a second click makes no second
    /// session, and says so on it.
    fn busy(&self, busy: bool) {
        let lang = self.lang.get();
        let submit = &self.create.submit;
        submit.set_disabled(busy);
        let key = if busy {
            Key::Creating
        } else {
            Key::CreateSession
        };
        dom::set_key(submit, lang, key);
    }

    /// The preview of the method now chosen.
    pub(super) fn show_method(&self) {
        let method = self.create.method.value().parse().unwrap_or(Method::Free);
        self.create.preview.show(self.lang.get(), method);
    }

    fn show_error(&self, message: Option<&str>) {
        self.create.error.set_text_content(message);
        set_attr(
            &self.create.title,
            "aria-invalid",
            if message.is_some() { "true" } else { "false" },
        );
    }
}
