//! "Join with a code" on the landing page (`#join-code`, `#join-code-go`,
//! `#join-code-error`): the code people in the room read off the room screen. The
//! server says where it leads (`GET /api/join/{code}`) and the page goes there.

use std::rc::Rc;

use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

use super::Landing;
use crate::api;
use crate::dom::{self, el, set_attr};
use crate::i18n::{Key, Lang};
use crate::link;
use crate::qr;

pub(super) struct JoinCodeForm {
    pub(super) panel: Element,
    pub(super) form: Element,
    code: HtmlInputElement,
    error: Element,
    go: HtmlButtonElement,
}

impl JoinCodeForm {
    pub(super) fn new(lang: Lang) -> Self {
        let code = el("input")
            .id("join-code")
            .attr("type", "text")
            .attr("name", "code")
            .attr("autocomplete", "off")
            .attr("autocapitalize", "characters")
            .attr("spellcheck", "false")
            .attr("maxlength", "16")
            .attr("placeholder", "K7PM-4QXA")
            .attr("aria-describedby", "join-code-error")
            .cast::<HtmlInputElement>();
        let error = el("p")
            .id("join-code-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let go = el("button")
            .id("join-code-go")
            .class("button-primary")
            .attr("type", "submit")
            .key(lang, Key::JoinCodeGo)
            .cast::<HtmlButtonElement>();
        let form = el("form")
            .id("join-code-form")
            .class("join-code-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "join-code")
                            .key(lang, Key::JoinCodeLabel),
                    )
                    .child(el("div").class("join-code-row").child(&code).child(&go))
                    .child(&error),
            )
            .build();
        let panel = el("section")
            .id("join-panel")
            .class("panel")
            .class("landing-panel")
            .attr("aria-labelledby", "join-code-title")
            .child(el("h2").id("join-code-title").key(lang, Key::JoinCodeTitle))
            .child(el("p").class("muted").key(lang, Key::JoinCodeIntro))
            .child(&form)
            .build();
        Self {
            panel,
            form,
            code,
            error,
            go,
        }
    }
}

impl Landing {
    /// Asks the server where the code leads and goes there.
    pub(super) fn join_with_code(self: &Rc<Self>) {
        let join = &self.join;
        let Some(code) = qr::normalize_join_code(&join.code.value()) else {
            self.show_join_error(Some(Key::JoinCodeInvalid));
            let _ = join.code.focus();
            return;
        };
        self.show_join_error(None);
        join.go.set_disabled(true);
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = api::lookup_join_code(&code).await;
            this.join.go.set_disabled(false);
            match result {
                Ok(target) => {
                    if let Ok(location) = dom::window().map(|w| w.location()) {
                        let origin = location.origin().unwrap_or_default();
                        let _ = location.assign(&link::absolute_link(&origin, &target.link));
                    }
                }
                Err(api::ApiError::Refused { status: 404, .. }) => {
                    this.show_join_error(Some(Key::JoinCodeUnknown));
                    let _ = this.join.code.focus();
                }
                Err(api::ApiError::Refused { status: 429, .. }) => {
                    this.show_join_error(Some(Key::JoinCodeTooMany));
                }
                Err(e) => {
                    dom::log_error("join code", &e);
                    this.show_join_error(Some(Key::RequestFailed));
                }
            }
        });
    }

    /// The message is kept as a key, so a language switch translates it too.
    fn show_join_error(&self, key: Option<Key>) {
        let join = &self.join;
        dom::show_key(&join.error, self.lang.get(), key);
        set_attr(
            &join.code,
            "aria-invalid",
            if key.is_some() { "true" } else { "false" },
        );
    }
}
