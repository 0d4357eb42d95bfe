//! "Start next session" (`#next-dialog`): the title (`#next-title`, suggested by
//! [`crate::next_session::next_title`]), the method (`#next-method`, by default the
//! arc's next step), and which cards to take along: this session's cards by phase
//! (`fieldset.next-group[data-phase-id]`, the group outside the plan's phases without
//! one) and within a phase by kind, each `input.next-carry[data-card-key][data-kind]`
//! with the case-holder's marks (`.next-mark[data-mark=useful|label]`), ticked to begin
//! with as [`crate::next_session`] decides. `#next-create` makes it; the new session's
//! links then appear in `#next-links` (`#next-link-facilitator`,
//! `#next-link-participant`, `#next-link-observer`, `#next-link-room_screen`, each
//! with a copy button).

use std::rc::Rc;

use ovaal_shared::board::{CardKind, Method, SessionSettings};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::dialog::Dialog;
use super::link_list::{self, LinkListPlace};
use crate::dom::{Hide, el, listen, query};
use crate::i18n::{self, Key, Lang};
use crate::next_session::{CarryGroup, CarryItem};
use ovaal_shared::http_api::CreatedSession;

#[derive(Debug, Clone, PartialEq)]
pub enum NextAction {
    Create {
        title: String,
        method: Method,
        /// Card keys ticked.
        carry: Vec<String>,
        /// Themes and actions unticked (they come along unless left behind).
        leave: Vec<String>,
    },
    /// Copy the text of the element with this id.
    Copy(String),
}

pub struct NextDialog {
    dialog: Rc<Dialog>,
    title: HtmlInputElement,
    method: HtmlSelectElement,
    cards: Element,
    error: Element,
    form: Element,
    links: Element,
}

impl NextDialog {
    pub fn new(lang: Lang, act: impl Fn(NextAction) + 'static) -> Rc<Self> {
        let dialog = Dialog::new(lang, "next-dialog", Key::NextSession);
        let title = el("input")
            .id("next-title")
            .attr("type", "text")
            .attr("maxlength", &SessionSettings::MAX_TITLE_CHARS.to_string())
            .cast::<HtmlInputElement>();
        let method = el("select").id("next-method").cast::<HtmlSelectElement>();
        for m in Method::ALL {
            let _ = method.append_child(&el("option").attr("value", m.as_str()).build());
        }
        let cards = el("div").id("next-cards").class("next-cards").build();
        let error = el("p")
            .id("next-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let form = el("form")
            .class("next-form")
            .attr("novalidate", "")
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "next-title")
                            .key(lang, Key::NextTitleLabel),
                    )
                    .child(title.clone()),
            )
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "next-method")
                            .key(lang, Key::MethodLabel),
                    )
                    .child(method.clone()),
            )
            .child(
                el("fieldset")
                    .class("choices")
                    .child(el("legend").key(lang, Key::NextCarryTitle))
                    .child(el("p").class("muted").key(lang, Key::NextCarryHint))
                    .child(cards.clone()),
            )
            .child(error.clone())
            .child(
                el("div").class("actions").child(
                    el("button")
                        .id("next-create")
                        .class("button-primary")
                        .attr("type", "submit")
                        .key(lang, Key::NextCreate),
                ),
            )
            .build();
        let links = el("div")
            .id("next-links")
            .class("next-links")
            .attr("hidden", "")
            .build();
        let _ = dialog.body.append_child(&form);
        let _ = dialog.body.append_child(&links);
        let next = Rc::new(Self {
            dialog,
            title,
            method,
            cards,
            error,
            form,
            links,
        });
        let act = Rc::new(act);
        let (n, a) = (Rc::clone(&next), Rc::clone(&act));
        listen(&next.form, "submit", move |event| {
            event.prevent_default();
            let Ok(method) = n.method.value().parse::<Method>() else {
                return;
            };
            let (carry, leave) = n.chosen();
            a(NextAction::Create {
                title: n.title.value(),
                method,
                carry,
                leave,
            });
        });
        listen(&next.links, "click", move |event| {
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button[data-copy]").ok().flatten());
            if let Some(id) = target.and_then(|b| b.get_attribute("data-copy")) {
                act(NextAction::Copy(id));
            }
        });
        next
    }

    pub fn open(&self, lang: Lang, title: &str, method: Method, groups: &[CarryGroup]) {
        let options = self.method.options();
        for (m, i) in Method::ALL.into_iter().zip(0u32..) {
            if let Some(option) = options.item(i) {
                option.set_text_content(Some(i18n::t(lang, i18n::method_key(m))));
            }
        }
        self.title.set_value(title);
        self.method.set_value(method.as_str());
        self.error.set_text_content(None);
        self.cards.set_text_content(None);
        if groups.is_empty() {
            let none = el("p").class("muted").key(lang, Key::NextNoCards).build();
            let _ = self.cards.append_child(&none);
        }
        for group in groups {
            let name = if group.name.is_empty() {
                i18n::t(lang, Key::NextOtherCards).to_owned()
            } else {
                group.name.clone()
            };
            let mut set = el("fieldset")
                .class("next-group")
                .child(el("legend").class("next-group-name").text(&name));
            if let Some(phase) = &group.phase {
                set = set.attr("data-phase-id", phase);
            }
            for item in &group.items {
                set = set.child(carry_row(lang, item));
            }
            let _ = self.cards.append_child(&set.build());
        }
        self.form.set_hidden(false);
        self.links.set_hidden(true);
        self.dialog.open(Some(&self.title.clone().into()));
    }

    /// The keys ticked, and the themes and actions unticked.
    fn chosen(&self) -> (Vec<String>, Vec<String>) {
        let Ok(nodes) = self.cards.query_selector_all("input.next-carry") else {
            return (Vec::new(), Vec::new());
        };
        let mut carry = Vec::new();
        let mut leave = Vec::new();
        for input in
            (0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into::<HtmlInputElement>().ok())
        {
            let Some(key) = input.get_attribute("data-card-key") else {
                continue;
            };
            let by_default = matches!(
                input
                    .get_attribute("data-kind")
                    .and_then(|k| k.parse().ok()),
                Some(CardKind::Theme | CardKind::Action)
            );
            if input.checked() {
                carry.push(key);
            } else if by_default {
                leave.push(key);
            }
        }
        (carry, leave)
    }

    pub fn show_error(&self, text: &str) {
        self.error.set_text_content(Some(text));
    }

    /// The new session's links, in place of the form.
    pub fn show_links(&self, lang: Lang, created: &CreatedSession) {
        self.links.set_text_content(None);
        let heading = el("p")
            .class("next-created")
            .attr("tabindex", "-1")
            .key(lang, Key::NextCreated)
            .build();
        let _ = self.links.append_child(&heading);
        link_list::append(
            &self.links,
            lang,
            LinkListPlace::NextDialog,
            &created.into(),
        );
        self.form.set_hidden(true);
        self.links.set_hidden(false);
        if let Some(h) = query(&self.links, ".next-created")
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    }
}

/// One card to tick: its kind, text and author, and the case-holder's mark on it
/// (told by an icon and a word, as on the card itself).
fn carry_row(lang: Lang, item: &CarryItem) -> crate::dom::El {
    let input = el("input")
        .class("next-carry")
        .attr("type", "checkbox")
        .attr("data-card-key", &item.key)
        .attr("data-kind", item.kind.as_str());
    let input = if item.chosen {
        input.attr("checked", "")
    } else {
        input
    };
    let mut text = el("span").class("next-carry-text").text(&format!(
        "{} {} — {}",
        i18n::kind_icon(item.kind),
        item.text,
        item.author
    ));
    if item.useful {
        text = text.child(
            el("span")
                .class("next-mark")
                .attr("data-mark", "useful")
                .text(&format!("👍 {}", i18n::t(lang, Key::Useful))),
        );
    }
    if let Some(label) = item.label {
        text = text.child(
            el("span")
                .class("next-mark")
                .attr("data-mark", "label")
                .attr("data-label", label.as_str())
                .text(&format!(
                    "{} {}",
                    i18n::label_icon(label),
                    i18n::t(lang, i18n::label_key(label))
                )),
        );
    }
    el("label")
        .class("choice")
        .class("next-carry-row")
        .attr("data-kind", item.kind.as_str())
        .child(input)
        .child(text)
}
