//! The private round's strip under the phase bar (`#private-strip`): what a private
//! round means, "I'm ready" for the people who write (`#ready-toggle[aria-pressed]`),
//! and for the facilitator how many are ready (`#ready-count[data-ready][data-total]`)
//! and the reveal (`#reveal`). Its buttons are handled by the phase bar's listener.

use web_sys::Element;

use super::phase_bar::set_text;
use crate::dom::{self, Hide, el, remove_attr, set_attr};
use crate::i18n::{self, Key, Lang};

pub use crate::board_model::private_round::PrivateShown;

pub struct PrivateStrip {
    pub root: Element,
    icon: Element,
    text: Element,
    ready: Element,
    ready_count: Element,
    reveal: Element,
}

impl PrivateStrip {
    pub fn new(lang: Lang) -> Self {
        let ready = el("button")
            .id("ready-toggle")
            .attr("type", "button")
            .attr("aria-pressed", "false")
            .attr("hidden", "")
            .key(lang, Key::ReadyToggle)
            .build();
        let ready_count = el("span")
            .id("ready-count")
            .class("ready-count")
            .attr("hidden", "")
            .build();
        let reveal = el("button")
            .id("reveal")
            .class("button-primary")
            .attr("type", "button")
            .attr("hidden", "")
            .key(lang, Key::Reveal)
            .build();
        let icon = el("span")
            .class("private-icon")
            .attr("aria-hidden", "true")
            .build();
        let text = el("p").class("private-text").build();
        let root = el("div")
            .id("private-strip")
            .class("private-strip")
            .attr("hidden", "")
            .child(icon.clone())
            .child(text.clone())
            .child(ready.clone())
            .child(ready_count.clone())
            .child(reveal.clone())
            .build();
        Self {
            root,
            icon,
            text,
            ready,
            ready_count,
            reveal,
        }
    }

    /// `None` outside private phases (also clears `body[data-private]`).
    pub fn render(&self, lang: Lang, private: Option<&PrivateShown>) {
        let body = dom::document().ok().and_then(|d| d.body());
        let Some(p) = private else {
            self.root.set_hidden(true);
            if let Some(body) = body {
                remove_attr(&body, "data-private");
            }
            return;
        };
        if let Some(body) = body {
            set_attr(&body, "data-private", "true");
        }
        self.root.set_hidden(false);
        set_text(&self.icon, if p.revealed { "🔓" } else { "🔒" });
        let key = if p.revealed {
            Key::PrivateRevealedNotice
        } else {
            Key::PrivateNotice
        };
        set_attr(&self.text, "data-i18n", key.name());
        set_text(&self.text, i18n::t(lang, key));
        self.ready.set_hidden(p.can_ready.is_none() || p.revealed);
        let pressed = if p.can_ready == Some(true) {
            "true"
        } else {
            "false"
        };
        set_attr(&self.ready, "aria-pressed", pressed);
        match p.count {
            Some((ready, total)) => {
                self.ready_count.set_hidden(false);
                let (ready, total) = (ready.to_string(), total.to_string());
                set_attr(&self.ready_count, "data-ready", &ready);
                set_attr(&self.ready_count, "data-total", &total);
                let text = i18n::tf(
                    lang,
                    Key::ReadyCount,
                    &[("ready", &ready), ("total", &total)],
                );
                set_text(&self.ready_count, &text);
            }
            None => self.ready_count.set_hidden(true),
        }
        self.reveal.set_hidden(!p.can_reveal);
    }
}
