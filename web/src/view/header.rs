//! The top bar: brand, session title and method, who you are, the connection pill and
//! the language switch. Also owns `<body data-connection>`, the hook the end-to-end
//! tests (and the stylesheet) read the connection state from.

use web_sys::Element;

use crate::board_model::header::{HeaderShown, SaveShown};
use crate::dom::{self, el, set_attr};
use crate::i18n::{Key, Lang};

/// What the connection pill says (a model input, [`crate::board_model::header`]).
pub use crate::board_model::header::Status;

pub struct Header {
    pub root: Element,
    title: Element,
    method: Element,
    right: Element,
    pill: Element,
    save: Element,
}

impl Header {
    /// `session` adds the session parts (title, method, you, pill); the landing page
    /// has only the brand and the language switch.
    pub fn new(lang: Lang, session: bool, on_switch: impl Fn() + 'static) -> Self {
        let title = el("h1").id("session-title").class("session-title").build();
        let method = el("span")
            .id("session-method")
            .class("badge")
            .class("hidden")
            .build();
        let pill = el("span")
            .id("connection-pill")
            .class("pill")
            .attr("role", "status")
            .build();
        // "Saved" / "not yet saved": whether the server has stored every change made
        // here (read from its acknowledgements). Hidden for people who write nothing.
        let save = el("span")
            .id("save-state")
            .class("save-state")
            .attr("hidden", "")
            .build();
        let brand = el("a")
            .class("brand")
            .attr("href", "/")
            .child(el("span").class("brand-mark").attr("aria-hidden", "true"))
            .child(el("span").class("brand-name").key(lang, Key::AppName));
        let switch = el("button")
            .id("lang-switch")
            .class("lang-switch")
            .attr("type", "button")
            .key_attr(lang, "aria-label", Key::SwitchLanguageLabel)
            .key(lang, Key::SwitchLanguage)
            .on("click", move |_| on_switch());
        let mut root = el("header").class("topbar").child(brand);
        let right = el("div").class("topbar-right").build();
        if session {
            root = root
                .child(
                    el("div")
                        .class("session-info")
                        .child(title.clone())
                        .child(method.clone()),
                )
                .child(right.clone());
            let _ = right.append_child(&save);
            let _ = right.append_child(&pill);
        } else {
            root = root
                .child(el("p").class("tagline").key(lang, Key::Tagline))
                .child(right.clone());
        }
        let _ = right.append_child(switch.as_ref());
        Self {
            root: root.build(),
            title,
            method,
            right,
            pill,
            save,
        }
    }

    /// Draws the model's header part: the connection pill, the save state and the
    /// method badge, in the model's language.
    pub fn draw(&self, shown: &HeaderShown) {
        self.pill.set_text_content(Some(&shown.status_text));
        set_attr(&self.pill, "data-state", shown.status.attr());
        set_body_connection(shown.status.attr());
        self.set_save(shown.save.as_ref());
        self.method
            .set_text_content(Some(shown.method.unwrap_or("")));
        dom::toggle_class(&self.method, "hidden", shown.method.is_none());
    }

    /// Shows whether everything is saved (`None` hides it).
    fn set_save(&self, save: Option<&SaveShown>) {
        let Some(save) = save else {
            set_attr(&self.save, "hidden", "");
            return;
        };
        let _ = self.save.remove_attribute("hidden");
        set_attr(&self.save, "data-state", save.state.attr());
        let (icon, text) = (save.icon, save.text);
        if self.save.text_content().as_deref() != Some(format!("{icon} {text}").as_str()) {
            // The words in their own span, which a phone hides visually (the icon
            // and the colour stay; a screen reader still reads the words).
            self.save.set_text_content(None);
            let _ = self.save.append_child(
                el("span")
                    .attr("aria-hidden", "true")
                    .text(&format!("{icon} "))
                    .build()
                    .as_ref(),
            );
            let _ = self
                .save
                .append_child(el("span").class("save-text").text(text).build().as_ref());
        }
    }

    pub fn set_title(&self, title: &str) {
        self.title.set_text_content(Some(title));
        if let Ok(doc) = dom::document() {
            doc.set_title(&format!("{title} · Ovaal"));
        }
    }

    /// Adds a tool (view switch, undo, "me") to the right side, before the pill.
    pub fn add_tool(&self, tool: &Element) {
        let _ = self.right.insert_before(tool, Some(&self.pill));
    }
}

/// Sets `<body data-connection>`.
pub fn set_body_connection(value: &str) {
    if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
        set_attr(&body, "data-connection", value);
    }
}
