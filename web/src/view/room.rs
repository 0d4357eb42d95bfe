//! The room screen's parts, for the projector. The side panel: the timer
//! (`#room-timer[data-state]`, large), how many people are here (`#room-count`), and —
//! when the link carries the join code — the code (`#room-join-code`, shown as
//! `XXXX-XXXX`) and a QR code of the participant link (`#room-qr`, an inline SVG).
//! The banner above the table (`#room-phase`): the current phase's name and
//! instruction, as wide as the table so a long instruction stays on few lines and
//! large enough to read from the back of the room.

use web_sys::Element;

use crate::dom::{el, set_attr, svg};
use crate::i18n::{Key, Lang};
use crate::qr::{self, QrSvg};

pub struct RoomPanel {
    pub root: Element,
    /// The phase banner, mounted above the table (see [`RoomPanel`]'s module docs).
    pub banner: Element,
    count: Element,
    join: Element,
    phase: Element,
    timer: Element,
}

impl RoomPanel {
    pub fn new(lang: Lang) -> Self {
        let count = el("strong")
            .id("room-count")
            .class("room-count")
            .text("0")
            .build();
        let join = el("div").class("room-join").attr("hidden", "").build();
        let phase = el("div").id("room-phase").class("room-slot").build();
        let banner = el("div")
            .class("room-banner")
            .attr("hidden", "")
            .child(phase.clone())
            .build();
        let timer = el("div").id("room-timer").class("room-slot").build();
        let root = el("section")
            .id("room-panel")
            .class("room-panel")
            .key_attr(lang, "aria-label", Key::ViewRoom)
            // The timer, large, for the room.
            .child(el("div").class("room-slots").child(timer.clone()))
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
        Self {
            root,
            banner,
            count,
            join,
            phase,
            timer,
        }
    }

    /// Takes the page's notices into the panel, between the timer and the join code:
    /// on the room screen a notice ("time is up") is read there, never over a seat's
    /// name on the table, and the panel's layout keeps the join code and the QR code
    /// clear of it (see the stylesheet).
    pub fn hold_notices(&self, notices: &Element) {
        if notices.parent_element().as_ref() != Some(&self.root) {
            let _ = self.root.insert_before(notices, Some(&self.join));
        }
    }

    /// The current phase's name and instruction (empty without a plan).
    pub fn set_phase(&self, name: &str, instruction: &str) {
        let signature = format!("{name}\n{instruction}");
        if self.phase.get_attribute("data-shown").as_deref() == Some(signature.as_str()) {
            return;
        }
        set_attr(&self.phase, "data-shown", &signature);
        self.phase.set_text_content(None);
        if name.is_empty() {
            return;
        }
        let _ = self.phase.append_child(
            &el("p")
                .class("room-phase-name")
                .attr("dir", "auto")
                .text(name)
                .build(),
        );
        if !instruction.is_empty() {
            let _ = self.phase.append_child(
                &el("p")
                    .class("room-phase-instruction")
                    .attr("dir", "auto")
                    .text(instruction)
                    .build(),
            );
        }
    }

    /// The timer as everyone sees it (`mm:ss` and its state), empty when idle.
    pub fn set_timer(&self, text: &str, state: &str) {
        set_attr(&self.timer, "data-state", state);
        if self.timer.text_content().as_deref() != Some(text) {
            self.timer.set_text_content(Some(text));
        }
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
