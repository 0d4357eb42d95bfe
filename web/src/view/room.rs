//! The room screen's side panel, for the projector: how many people are here
//! (`#room-count`), and — when the link carries the join code — the code
//! (`#room-join-code`, shown as `XXXX-XXXX`) and a QR code of the participant link
//! (`#room-qr`, an inline SVG). The phase and the timer get their places at the top
//! (`#room-phase`, `#room-timer`); they stay empty until facilitation fills them.

use web_sys::Element;

use crate::dom::{el, set_attr, svg};
use crate::i18n::{Key, Lang};
use crate::qr::{self, QrSvg};

pub struct RoomPanel {
    pub root: Element,
    count: Element,
    join: Element,
}

impl RoomPanel {
    pub fn new(lang: Lang) -> Self {
        let count = el("strong")
            .id("room-count")
            .class("room-count")
            .text("0")
            .build();
        let join = el("div").class("room-join").attr("hidden", "").build();
        let root = el("section")
            .id("room-panel")
            .class("room-panel")
            .key_attr(lang, "aria-label", Key::ViewRoom)
            // Facilitation puts the current phase and the timer here; until then the
            // slots stay empty (no made-up data), keeping their place in the layout.
            .child(
                el("div")
                    .class("room-slots")
                    .child(el("div").id("room-phase").class("room-slot"))
                    .child(el("div").id("room-timer").class("room-slot")),
            )
            .child(
                el("p")
                    .class("room-here")
                    .attr("aria-live", "polite")
                    .child(count.clone())
                    .child(el("span").text(" "))
                    .child(el("span").key(lang, Key::HereNow)),
            )
            .child(join.clone())
            .build();
        Self { root, count, join }
    }

    pub fn set_count(&self, n: usize) {
        let text = n.to_string();
        if self.count.text_content().as_deref() != Some(text.as_str()) {
            self.count.set_text_content(Some(&text));
        }
    }

    /// Shows the join code and the QR code of `link` (the participant link it opens).
    pub fn set_join(&self, lang: Lang, code: &str, link: &str) {
        self.join.set_text_content(None);
        let Some(qr) = QrSvg::new(link) else {
            return;
        };
        let size = qr.size.to_string();
        let picture = svg("svg")
            .id("room-qr")
            .class("room-qr")
            .attr("viewBox", &format!("0 0 {size} {size}"))
            .attr("shape-rendering", "crispEdges")
            .attr("role", "img")
            .key_attr(lang, "aria-label", Key::RoomQrLabel)
            .child(
                svg("rect")
                    .attr("width", &size)
                    .attr("height", &size)
                    .attr("fill", "#ffffff"),
            )
            .child(svg("path").attr("d", &qr.path).attr("fill", "#000000"))
            .build();
        let parts = [
            el("h2")
                .class("room-join-title")
                .key(lang, Key::RoomJoinTitle)
                .build(),
            picture,
            el("p")
                .class("room-join-how")
                .key(lang, Key::RoomJoinHow)
                .build(),
            el("p")
                .id("room-join-code")
                .class("room-join-code")
                .text(&qr::display_join_code(code))
                .build(),
            el("p")
                .class("room-join-origin")
                .text(&origin_of(link))
                .build(),
        ];
        for part in parts {
            let _ = self.join.append_child(&part);
        }
        let _ = self.join.remove_attribute("hidden");
        set_attr(&self.join, "data-code", code);
    }
}

/// `https://ovaal.example/s/…` → `ovaal.example`: where people type the code.
fn origin_of(link: &str) -> String {
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest).to_owned()
}
