//! The landing page (`/`): a form to create a session (title and method), then the
//! three capability links with copy buttons.

use std::rc::Rc;

use ovaal_shared::board::{Method, SessionSettings};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement};

use crate::api::{self, CreatedSession};
use crate::browser;
use crate::dom::{self, DomError, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::link;
use crate::qr;
use crate::view::header::Header;

struct Landing {
    lang: std::cell::Cell<Lang>,
    join_code: HtmlInputElement,
    join_error: Element,
    join_go: HtmlButtonElement,
    title: HtmlInputElement,
    method: HtmlSelectElement,
    submit: HtmlButtonElement,
    error: Element,
    form_panel: Element,
    links_panel: Element,
}

pub fn start() -> Result<(), DomError> {
    let lang = browser::preferred_lang();
    let body = dom::document()?
        .body()
        .ok_or(DomError::Missing("body".into()))?;
    body.set_text_content(None);
    set_attr(&body, "data-page", "landing");

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
    let method = el("select")
        .id("session-method")
        .attr("name", "method")
        .cast::<HtmlSelectElement>();
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
                .child(title.clone()),
        )
        .child(
            el("div")
                .class("field")
                .child(
                    el("label")
                        .attr("for", "session-method")
                        .key(lang, Key::MethodLabel),
                )
                .child(method.clone()),
        )
        .child(error.clone())
        .child(el("div").class("actions").child(submit.clone()))
        .build();
    let form_panel = el("section")
        .class("panel")
        .class("landing-panel")
        .child(el("h1").key(lang, Key::LandingTitle))
        .child(el("p").class("muted").key(lang, Key::LandingIntro))
        .child(form.clone())
        .build();
    let join_code = el("input")
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
    let join_error = el("p")
        .id("join-code-error")
        .class("field-error")
        .attr("role", "alert")
        .build();
    let join_go = el("button")
        .id("join-code-go")
        .class("button-primary")
        .attr("type", "submit")
        .key(lang, Key::JoinCodeGo)
        .cast::<HtmlButtonElement>();
    let join_form = el("form")
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
                .child(
                    el("div")
                        .class("join-code-row")
                        .child(join_code.clone())
                        .child(join_go.clone()),
                )
                .child(join_error.clone()),
        )
        .build();
    let join_panel = el("section")
        .id("join-panel")
        .class("panel")
        .class("landing-panel")
        .attr("aria-labelledby", "join-code-title")
        .child(el("h2").id("join-code-title").key(lang, Key::JoinCodeTitle))
        .child(el("p").class("muted").key(lang, Key::JoinCodeIntro))
        .child(join_form.clone())
        .build();
    let links_panel = el("section")
        .id("links")
        .class("panel")
        .class("landing-panel")
        .attr("hidden", "")
        .attr("aria-live", "polite")
        .build();

    let landing = Rc::new(Landing {
        lang: std::cell::Cell::new(lang),
        join_code,
        join_error,
        join_go,
        title,
        method,
        submit,
        error,
        form_panel: form_panel.clone(),
        links_panel: links_panel.clone(),
    });
    landing.relabel_methods();

    let l = Rc::clone(&landing);
    let header = Header::new(lang, false, move || {
        let lang = l.lang.get().other();
        l.lang.set(lang);
        browser::remember_lang(lang);
        dom::relabel(lang);
        l.relabel_methods();
    });
    let _ = body.append_child(&header.root);
    let main = el("main")
        .class("landing")
        .child(form_panel)
        .child(links_panel)
        .child(join_panel)
        .build();
    let _ = body.append_child(&main);

    let l = Rc::clone(&landing);
    listen(&form, "submit", move |event| {
        event.prevent_default();
        l.submit();
    });
    let l = Rc::clone(&landing);
    listen(&join_form, "submit", move |event| {
        event.prevent_default();
        l.join_with_code();
    });
    let l = Rc::clone(&landing);
    listen(&landing.links_panel, "click", move |event| {
        l.clicked_in_links(&event)
    });
    let _ = landing.title.focus();
    Ok(())
}

impl Landing {
    fn relabel_methods(&self) {
        let lang = self.lang.get();
        let options = self.method.options();
        for (i, m) in Method::ALL.into_iter().enumerate() {
            if let Some(option) = options.item(i as u32) {
                option.set_text_content(Some(i18n::t(lang, i18n::method_key(m))));
            }
        }
    }

    fn submit(self: &Rc<Self>) {
        let lang = self.lang.get();
        let method = self.method.value().parse().unwrap_or(Method::Free);
        let settings =
            match SessionSettings::new(&self.title.value(), method, SessionSettings::DEFAULT_SEATS)
            {
                Ok(settings) => settings,
                Err(_) => {
                    let max = SessionSettings::MAX_TITLE_CHARS.to_string();
                    self.show_error(Some(&i18n::tf(lang, Key::TitleInvalid, &[("max", &max)])));
                    let _ = self.title.focus();
                    return;
                }
            };
        self.show_error(None);
        self.busy(true);
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = api::create_session(&settings.title, settings.method).await;
            this.busy(false);
            match result {
                Ok(created) => this.show_links(&created),
                Err(api::ApiError::Refused { message, .. }) => this.show_error(Some(&message)),
                Err(e) => {
                    dom::log_error("create session", &e);
                    this.show_error(Some(i18n::t(this.lang.get(), Key::RequestFailed)));
                }
            }
        });
    }

    /// "Join with a code": asks the server where the code leads and goes there.
    fn join_with_code(self: &Rc<Self>) {
        let Some(code) = qr::normalize_join_code(&self.join_code.value()) else {
            self.show_join_error(Some(Key::JoinCodeInvalid));
            let _ = self.join_code.focus();
            return;
        };
        self.show_join_error(None);
        self.join_go.set_disabled(true);
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = api::lookup_join_code(&code).await;
            this.join_go.set_disabled(false);
            match result {
                Ok(target) => {
                    if let Ok(location) = dom::window().map(|w| w.location()) {
                        let origin = location.origin().unwrap_or_default();
                        let _ = location.assign(&link::absolute_link(&origin, &target.link));
                    }
                }
                Err(api::ApiError::Refused { status: 404, .. }) => {
                    this.show_join_error(Some(Key::JoinCodeUnknown));
                    let _ = this.join_code.focus();
                }
                Err(e) => {
                    dom::log_error("join code", &e);
                    this.show_join_error(Some(Key::RequestFailed));
                }
            }
        });
    }

    fn show_join_error(&self, key: Option<Key>) {
        match key {
            Some(key) => {
                set_attr(&self.join_error, "data-i18n", key.name());
                self.join_error
                    .set_text_content(Some(i18n::t(self.lang.get(), key)));
            }
            None => {
                let _ = self.join_error.remove_attribute("data-i18n");
                self.join_error.set_text_content(None);
            }
        }
        set_attr(
            &self.join_code,
            "aria-invalid",
            if key.is_some() { "true" } else { "false" },
        );
    }

    fn busy(&self, busy: bool) {
        let lang = self.lang.get();
        self.submit.set_disabled(busy);
        let key = if busy {
            Key::Creating
        } else {
            Key::CreateSession
        };
        set_attr(&self.submit, "data-i18n", key.name());
        self.submit.set_text_content(Some(i18n::t(lang, key)));
    }

    fn show_error(&self, message: Option<&str>) {
        self.error.set_text_content(message);
        set_attr(
            &self.title,
            "aria-invalid",
            if message.is_some() { "true" } else { "false" },
        );
    }

    fn show_links(&self, created: &CreatedSession) {
        let lang = self.lang.get();
        let origin = dom::window()
            .ok()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let row = |role: &str, label: Key, hint: Key, link: &str| {
            let url = link::absolute_link(&origin, link);
            el("li")
                .class("link-row")
                .attr("data-role", role)
                .child(
                    el("div")
                        .class("link-head")
                        .child(el("strong").key(lang, label))
                        .child(el("span").class("muted").key(lang, hint)),
                )
                .child(
                    el("div")
                        .class("link-line")
                        .child(
                            el("a")
                                .class("link-url")
                                .attr("id", &format!("link-{role}"))
                                .attr("href", &url)
                                .attr("target", "_blank")
                                .attr("rel", "noopener")
                                .text(&url),
                        )
                        .child(
                            el("button")
                                .class("copy")
                                .class("button-quiet")
                                .attr("type", "button")
                                .attr("data-copy", &url)
                                .key(lang, Key::Copy),
                        ),
                )
                .build()
        };
        let links = &created.links;
        let panel = &self.links_panel;
        panel.set_text_content(None);
        let content = [
            el("h2").key(lang, Key::SessionReady).build(),
            el("p").class("session-name").text(&created.title).build(),
            el("p").class("muted").key(lang, Key::LinksIntro).build(),
            el("ul")
                .class("link-list")
                .child(row(
                    "facilitator",
                    Key::LinkFacilitator,
                    Key::LinkFacilitatorHint,
                    &links.facilitator,
                ))
                .child(row(
                    "participant",
                    Key::LinkParticipant,
                    Key::LinkParticipantHint,
                    &links.participant,
                ))
                .child(row(
                    "observer",
                    Key::LinkObserver,
                    Key::LinkObserverHint,
                    &links.observer,
                ))
                .child(match &links.room_screen {
                    Some(room) => row(
                        "room_screen",
                        Key::LinkRoomScreen,
                        Key::LinkRoomScreenHint,
                        room,
                    ),
                    None => el("li").attr("hidden", "").build(),
                })
                .build(),
            match &created.join_code {
                Some(code) => el("p")
                    .class("created-join-code")
                    .child(el("span").key(lang, Key::JoinCodeShown))
                    .child(el("span").text(" "))
                    .child(el("strong").id("created-join-code").text(code))
                    .build(),
                None => el("p").attr("hidden", "").build(),
            },
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
        for part in content {
            let _ = panel.append_child(&part);
        }
        let _ = panel.remove_attribute("hidden");
        set_attr(&self.form_panel, "hidden", "");
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
    fn clicked_in_links(self: &Rc<Self>, event: &web_sys::Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if button.id() == "create-another" {
            set_attr(&self.links_panel, "hidden", "");
            let _ = self.form_panel.remove_attribute("hidden");
            self.title.set_value("");
            let _ = self.title.focus();
            return;
        }
        let Some(url) = button.get_attribute("data-copy") else {
            return;
        };
        let Some(link) = button
            .closest(".link-row")
            .ok()
            .flatten()
            .and_then(|row| dom::query(&row, ".link-url"))
        else {
            return;
        };
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
