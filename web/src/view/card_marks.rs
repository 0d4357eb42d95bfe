//! What a card shows besides its text, the same on the table and in the list: the
//! case-holder's triage (a label on questions, a "useful" mark on advice) and, for
//! the case-holder only, the buttons to set them.
//!
//! ```text
//! div.card-triage
//!   span.card-label[data-label="warm|neutral|cold"]   "🔥 warm"   (everyone)
//!   span.card-useful-mark                             "👍 useful" (everyone)
//!   div.card-triage-tools[role=group]                 (the case-holder)
//!     button.card-label-set[data-label][aria-pressed] × 3   (question cards)
//!     button.card-useful[aria-pressed]                       (advice cards)
//! ```
//!
//! Labels are told by an icon and a word, never by colour alone.

use ovaal_shared::board::triage::Label;
use web_sys::Element;

pub use crate::board_model::card_looks::{CardLook, TriageTools};
use crate::dom::{Hide, el, query, set_attr};
use crate::i18n::{self, Key, Lang};

/// A change the case-holder asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriageChange {
    Label(Option<Label>),
    Useful(bool),
}

/// The triage part of a card, made the first time a card needs it (most cards never
/// do, and a board of hundreds of cards should not carry hundreds of hidden buttons).
fn build() -> Element {
    let labels =
        Label::ALL
            .into_iter()
            .fold(el("span").class("card-label-tools"), |group, label| {
                group.child(
                    el("button")
                        .class("card-label-set")
                        .attr("type", "button")
                        .attr("data-label", label.as_str())
                        .attr("aria-pressed", "false")
                        .child(
                            el("span")
                                .attr("aria-hidden", "true")
                                .text(i18n::label_icon(label)),
                        )
                        .child(el("span").class("visually-hidden")),
                )
            });
    el("div")
        .class("card-triage")
        .attr("hidden", "")
        .child(el("span").class("card-label").attr("hidden", ""))
        .child(el("span").class("card-useful-mark").attr("hidden", ""))
        .child(
            el("div")
                .class("card-triage-tools")
                .attr("role", "group")
                .attr("hidden", "")
                .child(labels)
                .child(
                    el("button")
                        .class("card-useful")
                        .attr("type", "button")
                        .attr("aria-pressed", "false")
                        .child(el("span").attr("aria-hidden", "true").text("👍"))
                        .child(el("span").class("card-useful-text")),
                ),
        )
        .build()
}

/// Brings a card's triage part in line with `look`, making it (just before the element
/// matching `before`) when it is first needed.
pub fn update(card: &Element, lang: Lang, look: &CardLook, before: &str) {
    let needed = look.label.is_some() || look.useful || look.tools != TriageTools::None;
    let root = match query(card, ".card-triage") {
        Some(root) => root,
        None if !needed => return,
        None => {
            let root = build();
            let anchor = query(card, before);
            let _ = card.insert_before(&root, anchor.as_ref().map(|a| a.as_ref()));
            root
        }
    };
    let shows = look.label.is_some() || look.useful || look.tools != TriageTools::None;
    root.set_hidden(!shows);
    if let Some(mark) = query(&root, ".card-label") {
        match look.label {
            Some(label) => {
                set_attr(&mark, "data-label", label.as_str());
                set_text(
                    &mark,
                    &format!(
                        "{} {}",
                        i18n::label_icon(label),
                        i18n::t(lang, i18n::label_key(label))
                    ),
                );
                mark.set_hidden(false);
            }
            None => {
                let _ = mark.remove_attribute("data-label");
                mark.set_hidden(true);
            }
        }
    }
    if let Some(mark) = query(&root, ".card-useful-mark") {
        set_text(&mark, &format!("👍 {}", i18n::t(lang, Key::Useful)));
        mark.set_hidden(!look.useful);
    }
    let Some(tools) = query(&root, ".card-triage-tools") else {
        return;
    };
    tools.set_hidden(look.tools == TriageTools::None);
    if let Some(labels) = query(&tools, ".card-label-tools") {
        labels.set_hidden(look.tools != TriageTools::Labels);
        set_attr(&labels, "aria-label", i18n::t(lang, Key::LabelGroup));
        set_attr(&labels, "role", "group");
        for label in Label::ALL {
            let selector = format!("button[data-label=\"{}\"]", label.as_str());
            if let Some(button) = query(&labels, &selector) {
                let word = i18n::t(lang, i18n::label_key(label));
                set_attr(&button, "title", word);
                pressed(&button, look.label == Some(label));
                if let Some(text) = query(&button, ".visually-hidden") {
                    set_text(&text, word);
                }
            }
        }
    }
    if let Some(button) = query(&tools, ".card-useful") {
        button.set_hidden(look.tools != TriageTools::Useful);
        pressed(&button, look.useful);
        set_attr(&button, "title", i18n::t(lang, Key::MarkUsefulLabel));
        if let Some(text) = query(&button, ".card-useful-text") {
            set_text(&text, i18n::t(lang, Key::MarkUseful));
        }
    }
}

/// The change a click on a triage button asks for (pressing the label a card has
/// takes it off again).
pub fn change_of(button: &Element) -> Option<TriageChange> {
    let on = button.get_attribute("aria-pressed").as_deref() == Some("true");
    if button.class_list().contains("card-useful") {
        return Some(TriageChange::Useful(!on));
    }
    if button.class_list().contains("card-label-set") {
        let label = Label::parse(&button.get_attribute("data-label")?)?;
        return Some(TriageChange::Label((!on).then_some(label)));
    }
    None
}

fn pressed(button: &Element, on: bool) {
    set_attr(button, "aria-pressed", if on { "true" } else { "false" });
}

fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}
