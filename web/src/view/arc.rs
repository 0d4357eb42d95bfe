//! The arc of sessions this one belongs to (the Mastercircle's Urgentie → Opgave →
//! Omslag → Toekomst → Oogst, or an intervision group's meetings), as a small timeline:
//! `#arc-timeline > ol > li[data-session-id]`, this session with
//! `aria-current="page"`.

use web_sys::Element;

use crate::dom::{Hide, el};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::http_api::ArcEntry;

pub struct ArcView {
    pub root: Element,
    list: Element,
}

impl ArcView {
    pub fn new(lang: Lang) -> Self {
        let list = el("ol").class("arc-list").build();
        let root = el("nav")
            .id("arc-timeline")
            .class("arc-timeline")
            .key_attr(lang, "aria-label", Key::ArcTitle)
            .attr("hidden", "")
            .child(
                el("span")
                    .class("arc-title")
                    .attr("aria-hidden", "true")
                    .key(lang, Key::ArcTitle),
            )
            .child(list.clone())
            .build();
        Self { root, list }
    }

    pub fn render(&self, lang: Lang, arc: &[ArcEntry], this: &str) {
        self.list.set_text_content(None);
        for entry in arc {
            let mut details = i18n::t(lang, i18n::method_key(entry.method)).to_owned();
            let is_this = entry.id.as_str() == this;
            if is_this {
                details = format!("{details} · {}", i18n::t(lang, Key::ArcThis));
            } else if entry.ended_ms.is_some() {
                details = format!("{details} · {}", i18n::t(lang, Key::ArcEnded));
            }
            let mut item = el("li")
                .class("arc-step")
                .attr("data-session-id", entry.id.as_str())
                .child(el("span").class("arc-name").text(&entry.title))
                .child(el("span").class("arc-details").text(&details));
            if is_this {
                item = item.attr("aria-current", "page");
            }
            let _ = self.list.append_child(&item.build());
        }
        self.root.set_hidden(arc.is_empty());
    }
}
