//! What the facilitator put in the spotlight, large over the table on the room screen
//! (`#room-spotlight`): one card, or the cards of one place under the place's name.
//! It covers the table only, so the phase, the timer, the join code and the QR code
//! stay in view.
//!
//! ```text
//! section#room-spotlight[data-spotlight="card:<author>/<id>|place:<place>"]
//!   h2.spotlight-title                  (a place's name; absent for one card)
//!   div.spotlight-cards
//!     article.spotlight-card[data-card-id][data-kind]
//!       p.spotlight-kind   "❓ Question"
//!       p.spotlight-text[dir=auto]
//!       p.spotlight-author[dir=auto]   (none while names are hidden)
//! ```
//!
//! Card text and names are `dir="auto"`: a card written in Arabic or Hebrew reads
//! right to left here as it does in the list.

use web_sys::Element;

use crate::dom::{Hide, el, set_attr};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::board::CardKind;

/// A card as the spotlight shows it.
pub struct SpotCard<'a> {
    pub id: &'a str,
    pub kind: CardKind,
    pub text: &'a str,
    /// The author's name, or empty while names are hidden.
    pub byline: String,
}

pub struct RoomSpotlight {
    pub root: Element,
}

impl RoomSpotlight {
    pub fn new(lang: Lang) -> Self {
        let root = el("section")
            .id("room-spotlight")
            .class("room-spotlight")
            .attr("hidden", "")
            .key_attr(lang, "aria-label", Key::SpotlightLabel)
            .build();
        Self { root }
    }

    /// Shows `cards` (with `title` for a place), redrawing only when what is shown
    /// changed; `key` is the spotlight as stored.
    pub fn show(&self, lang: Lang, key: &str, title: Option<&str>, cards: &[SpotCard<'_>]) {
        let mut signature = format!("{}\n{key}\n{}", lang.tag(), title.unwrap_or_default());
        for card in cards {
            signature.push_str(&format!("\n{}|{}|{}", card.id, card.text, card.byline));
        }
        if self.root.get_attribute("data-shown").as_deref() == Some(signature.as_str())
            && !self.root.has_attribute("hidden")
        {
            return;
        }
        set_attr(&self.root, "data-shown", &signature);
        set_attr(&self.root, "data-spotlight", key);
        set_attr(
            &self.root,
            "data-count",
            if title.is_some() { "many" } else { "one" },
        );
        self.root.set_text_content(None);
        if let Some(title) = title {
            let _ = self.root.append_child(
                &el("h2")
                    .class("spotlight-title")
                    .attr("dir", "auto")
                    .text(title)
                    .build(),
            );
        }
        let list = el("div").class("spotlight-cards").build();
        for card in cards {
            let mut article = el("article")
                .class("spotlight-card")
                .attr("data-card-id", card.id)
                .attr("data-kind", card.kind.as_str())
                .child(el("p").class("spotlight-kind").text(&format!(
                    "{} {}",
                    i18n::kind_icon(card.kind),
                    i18n::t(lang, i18n::kind_key(card.kind))
                )))
                .child(
                    el("p")
                        .class("spotlight-text")
                        .attr("dir", "auto")
                        .text(card.text),
                );
            if !card.byline.is_empty() {
                article = article.child(
                    el("p")
                        .class("spotlight-author")
                        .attr("dir", "auto")
                        .text(&card.byline),
                );
            }
            let _ = list.append_child(&article.build());
        }
        if cards.is_empty() {
            let _ = list.append_child(
                &el("p")
                    .class("spotlight-empty")
                    .text(i18n::t(lang, Key::SpotlightEmpty))
                    .build(),
            );
        }
        let _ = self.root.append_child(&list);
        self.root.set_hidden(false);
    }

    pub fn clear(&self) {
        if !self.root.has_attribute("hidden") {
            self.root.set_hidden(true);
            self.root.set_text_content(None);
            let _ = self.root.remove_attribute("data-shown");
            let _ = self.root.remove_attribute("data-spotlight");
        }
    }
}
