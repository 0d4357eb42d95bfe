//! "Who's here": everyone with a connected browser, from awareness, with their role
//! and whether they are in the room or remote. Rebuilt as a whole on change: it is a
//! short list without focusable parts, so nothing is lost by redrawing it.

use ovaal_shared::Role;
use ovaal_shared::board::Location;
use web_sys::Element;

use crate::awareness::PresenceState;
use crate::dom::{el, set_attr};
use crate::i18n::{self, Key, Lang};

pub struct PresenceView {
    pub root: Element,
    list: Element,
    count: Element,
}

/// One line of the list.
pub struct Person<'a> {
    pub state: &'a PresenceState,
    pub is_me: bool,
    /// Sits in the hot seat (the case-holder).
    pub hot: bool,
}

impl PresenceView {
    pub fn new(lang: Lang) -> Self {
        let list = el("ul").id("presence-list").class("presence-list").build();
        let count = el("span")
            .class("count")
            .attr("aria-hidden", "true")
            .build();
        let root = el("section")
            .id("presence-panel")
            .class("panel")
            .attr("aria-labelledby", "presence-title")
            .child(
                el("h2")
                    .class("panel-title")
                    .child(el("span").id("presence-title").key(lang, Key::WhoIsHere))
                    .child(count.clone()),
            )
            .child(list.clone())
            .build();
        Self { root, list, count }
    }

    pub fn render(&self, lang: Lang, people: &[Person<'_>]) {
        self.list.set_text_content(None);
        self.count.set_text_content(Some(&people.len().to_string()));
        if people.is_empty() {
            let empty = el("li")
                .class("presence-empty")
                .key(lang, Key::NobodyHere)
                .build();
            let _ = self.list.append_child(&empty);
            return;
        }
        for person in people {
            let state = person.state;
            let role = state.role.parse::<Role>().ok();
            let location = state.location.parse::<Location>().ok();
            let name = if state.name.trim().is_empty() {
                i18n::t(lang, Key::Someone).to_owned()
            } else {
                state.name.clone()
            };
            let mut details = Vec::new();
            if let Some(role) = role {
                details.push(i18n::t(lang, i18n::role_key(role)));
            }
            if let Some(location) = location.filter(|_| role.is_some_and(Role::writes)) {
                details.push(i18n::t(lang, i18n::location_key(location)));
            }
            let hot = format!("🔥 {}", i18n::t(lang, Key::HotSeatBadge));
            if person.hot {
                details.push(&hot);
            }
            let mut line = el("span")
                .class("presence-name")
                .attr("dir", "auto")
                .text(&name);
            if let Some(role) = role.filter(|r| matches!(r, Role::Master | Role::Sponsor)) {
                line = line.child(
                    el("span")
                        .class("role-badge")
                        .attr("data-role", role.as_str())
                        .text(&format!(
                            "{} {}",
                            i18n::role_icon(role),
                            i18n::t(lang, i18n::role_key(role))
                        )),
                );
            }
            if person.is_me {
                line = line.child(
                    el("span")
                        .class("presence-you")
                        .text(&format!(" ({})", i18n::t(lang, Key::You))),
                );
            }
            let item = el("li")
                .class("presence-item")
                .attr("data-participant", &state.participant)
                .child(el("span").class("presence-dot").attr("aria-hidden", "true"))
                .child(
                    el("span").class("presence-text").child(line).child(
                        el("span")
                            .class("presence-details")
                            .text(&details.join(" · ")),
                    ),
                )
                .build();
            if let Some(role) = role {
                set_attr(&item, "data-role", role.as_str());
            }
            let _ = self.list.append_child(&item);
        }
    }
}
