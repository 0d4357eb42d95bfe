//! "People & links" (`#links-panel`, facilitators only): the session's working links
//! (`li.link-row[data-link-id]` with `.link-revoke`), a new link for any role
//! (`#link-create-role`, `#link-create-label`, `#link-create`; the new link is shown
//! once in `#link-created` with `#link-created-copy`), and the people who joined, each
//! with `button.remove-participant[data-participant]`. Revoking and removing ask
//! first; the board makes the HTTP calls.
//!
//! A revoked link or a removed person leaves the list while its button has the focus
//! (given back by the confirmation dialog); the focus then moves to the same button
//! of the row now in its place, or to `#links-refresh`, never onto the page's body.

use std::rc::Rc;

use ovaal_shared::{ParticipantId, Role};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use crate::board_model::loaded::{Links, LinksStatus};
use crate::dom::{Hide, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::session_api::LINK_ROLES;
use ovaal_shared::http_api::{ListedLink, NewLinkRequest};

#[derive(Debug, Clone, PartialEq)]
pub enum LinksAction {
    Refresh,
    Create {
        role: Role,
        label: String,
    },
    Revoke {
        id: String,
        label: String,
    },
    Remove {
        participant: ParticipantId,
        name: String,
    },
    CopyCreated,
}

/// One person who joined the session (derived in the board model).
pub use crate::board_model::people_panel::PersonRow;

pub struct LinksPanel {
    pub root: Element,
    status: Element,
    links: Element,
    role: HtmlSelectElement,
    label: HtmlInputElement,
    created_box: Element,
    created: Element,
    people: Element,
}

impl LinksPanel {
    pub fn new(lang: Lang, act: impl Fn(LinksAction) + 'static) -> Rc<Self> {
        let role = el("select")
            .id("link-create-role")
            .cast::<HtmlSelectElement>();
        for r in LINK_ROLES {
            let _ = role.append_child(&el("option").attr("value", r.as_str()).build());
        }
        let label = el("input")
            .id("link-create-label")
            .attr("type", "text")
            .attr("maxlength", &NewLinkRequest::MAX_LABEL_CHARS.to_string())
            .cast::<HtmlInputElement>();
        let status = el("p").id("links-status").class("muted").build();
        let links = el("ul").id("link-list").class("link-list").build();
        let created = el("code").id("link-created").class("link-url").build();
        let created_box = el("div")
            .id("link-created-box")
            .class("link-created")
            .attr("hidden", "")
            .child(el("p").class("muted").key(lang, Key::LinkCreatedNote))
            .child(
                el("div").class("link-line").child(created.clone()).child(
                    el("button")
                        .id("link-created-copy")
                        .attr("type", "button")
                        .key(lang, Key::Copy),
                ),
            )
            .build();
        let people = el("ul").id("people-list").class("people-list").build();
        let root = el("section")
            .id("links-panel")
            .class("panel")
            .attr("aria-labelledby", "links-title")
            .child(
                el("h2")
                    .id("links-title")
                    .class("panel-title")
                    .child(el("span").key(lang, Key::LinksTitle))
                    .child(
                        el("button")
                            .id("links-refresh")
                            .class("button-quiet")
                            .class("small")
                            .attr("type", "button")
                            .key(lang, Key::LinksRefresh),
                    ),
            )
            .child(status.clone())
            .child(links.clone())
            .child(
                el("div")
                    .class("link-create")
                    .child(
                        el("div")
                            .class("field")
                            .child(
                                el("label")
                                    .attr("for", "link-create-role")
                                    .key(lang, Key::LinkCreateRole),
                            )
                            .child(role.clone()),
                    )
                    .child(
                        el("div")
                            .class("field")
                            .child(
                                el("label")
                                    .attr("for", "link-create-label")
                                    .key(lang, Key::LinkLabelField),
                            )
                            .child(label.clone()),
                    )
                    .child(
                        el("button")
                            .id("link-create")
                            .class("button-primary")
                            .attr("type", "button")
                            .key(lang, Key::LinkCreate),
                    ),
            )
            .child(created_box.clone())
            .child(el("h3").class("panel-subtitle").key(lang, Key::PeopleTitle))
            .child(people.clone())
            .build();
        let panel = Rc::new(Self {
            root,
            status,
            links,
            role,
            label,
            created_box,
            created,
            people,
        });
        panel.label_roles(lang);
        let p = Rc::clone(&panel);
        listen(&panel.root, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            let action = match button.id().as_str() {
                "links-refresh" => LinksAction::Refresh,
                "link-create-copy" | "link-created-copy" => LinksAction::CopyCreated,
                "link-create" => {
                    let Ok(role) = p.role.value().parse::<Role>() else {
                        return;
                    };
                    LinksAction::Create {
                        role,
                        label: p.label.value(),
                    }
                }
                _ if button.class_list().contains("link-revoke") => {
                    let row = button.closest("li.link-row").ok().flatten();
                    let Some(id) = row.as_ref().and_then(|r| r.get_attribute("data-link-id"))
                    else {
                        return;
                    };
                    let label = row
                        .and_then(|r| r.get_attribute("data-label"))
                        .unwrap_or_default();
                    LinksAction::Revoke { id, label }
                }
                _ if button.class_list().contains("remove-participant") => {
                    let Some(participant) = button
                        .get_attribute("data-participant")
                        .and_then(|id| id.parse().ok())
                    else {
                        return;
                    };
                    let name = button.get_attribute("data-name").unwrap_or_default();
                    LinksAction::Remove { participant, name }
                }
                _ => return,
            };
            act(action);
        });
        panel
    }

    /// Draws the model's links input in the model's language: the list, and
    /// "Loading…" or why the links could not be read.
    pub fn draw(&self, lang: Lang, links: &Links) {
        let status = match &links.status {
            LinksStatus::Idle => String::new(),
            LinksStatus::Loading => i18n::t(lang, Key::LinksLoading).to_owned(),
            LinksStatus::Failed(reason) => i18n::tf(lang, Key::LinksFailed, &[("reason", reason)]),
        };
        self.set_status(&status);
        self.render_links(lang, &links.listed);
        self.label_roles(lang);
    }

    /// The new link's role choices.
    fn label_roles(&self, lang: Lang) {
        let options = self.role.options();
        for (role, i) in LINK_ROLES.into_iter().zip(0u32..) {
            if let Some(option) = options.item(i) {
                option.set_text_content(Some(i18n::t(lang, i18n::role_key(role))));
            }
        }
    }

    /// "Loading…" or why the links could not be read; empty hides it.
    fn set_status(&self, text: &str) {
        self.status.set_text_content(Some(text));
        self.status.set_hidden(text.is_empty());
    }

    fn render_links(&self, lang: Lang, links: &[ListedLink]) {
        let links = &crate::session_api::sorted_links(links);
        let focus = FocusInList::take(&self.links, "li.link-row", "data-link-id");
        self.links.set_text_content(None);
        for listed in links {
            let link = &listed.record;
            let role_text = i18n::t(lang, i18n::role_key(link.role)).to_owned();
            let label = match i18n::default_link_label(&link.label) {
                Some(key) => i18n::t(lang, key).to_owned(),
                None if link.label.is_empty() => role_text.clone(),
                None => link.label.clone(),
            };
            let mut row = el("li")
                .class("link-row")
                .attr("data-link-id", &link.id)
                .attr("data-role", link.role.as_str())
                .attr("data-label", &label)
                .child(
                    el("span")
                        .class("link-text")
                        .child(el("span").class("link-label").text(&label))
                        .child(el("span").class("link-role").text(&role_text)),
                );
            row = if listed.current {
                row.child(
                    el("span")
                        .class("muted")
                        .text(i18n::t(lang, Key::LinkThisPage)),
                )
            } else {
                row.child(
                    el("button")
                        .class("link-revoke")
                        .attr("type", "button")
                        .attr(
                            "aria-label",
                            &i18n::tf(lang, Key::LinkRevokeLabel, &[("label", &label)]),
                        )
                        .text(i18n::t(lang, Key::LinkRevoke)),
                )
            };
            let _ = self.links.append_child(&row.build());
        }
        if let Some(focus) = focus {
            focus.restore(&self.links, &self.root);
        }
    }

    /// Shows a link just made (once: the server keeps only its hash).
    pub fn show_created(&self, link: &str) {
        self.created.set_text_content(Some(link));
        self.created_box.set_hidden(false);
        self.label.set_value("");
    }

    pub fn created(&self) -> (String, Element) {
        (
            self.created.text_content().unwrap_or_default(),
            self.created.clone(),
        )
    }

    pub fn render_people(&self, lang: Lang, people: &[PersonRow]) {
        let signature = people
            .iter()
            .map(|p| format!("{}:{}:{:?}", p.id, p.name, p.role))
            .collect::<Vec<_>>()
            .join("|");
        if self.people.get_attribute("data-shown").as_deref() == Some(signature.as_str())
            && self.people.get_attribute("data-lang").as_deref() == Some(lang.tag())
        {
            return;
        }
        set_attr(&self.people, "data-shown", &signature);
        set_attr(&self.people, "data-lang", lang.tag());
        let focus = FocusInList::take(&self.people, "li.person-row", "data-participant");
        self.people.set_text_content(None);
        for person in people {
            let mut details = el("span")
                .class("person-name")
                .attr("dir", "auto")
                .text(&person.name);
            if let Some(role) = person.role {
                details = details.child(
                    el("span")
                        .class("muted")
                        .class("person-role")
                        .text(&format!(" · {}", i18n::t(lang, i18n::role_key(role)))),
                );
            }
            let row = el("li")
                .class("person-row")
                .attr("data-participant", person.id.as_str())
                .child(details)
                .child(
                    el("button")
                        .class("remove-participant")
                        .attr("type", "button")
                        .attr("data-participant", person.id.as_str())
                        .attr("data-name", &person.name)
                        .attr(
                            "aria-label",
                            &i18n::tf(lang, Key::RemovePersonLabel, &[("name", &person.name)]),
                        )
                        .text(i18n::t(lang, Key::RemovePerson)),
                )
                .build();
            let _ = self.people.append_child(&row);
        }
        if let Some(focus) = focus {
            focus.restore(&self.people, &self.root);
        }
    }
}

/// A focused button in a list that is about to be drawn again: which row (by id and
/// place) and which button, so the focus can come back after the redraw.
struct FocusInList {
    row_selector: &'static str,
    id_attribute: &'static str,
    id: String,
    index: usize,
    button_class: String,
}

impl FocusInList {
    fn take(
        list: &Element,
        row_selector: &'static str,
        id_attribute: &'static str,
    ) -> Option<Self> {
        let active = crate::dom::document().ok()?.active_element()?;
        if !list.contains(Some(&active)) {
            return None;
        }
        let row = active.closest(row_selector).ok()??;
        let rows = list.query_selector_all(row_selector).ok()?;
        let index = (0..rows.length())
            .position(|i| rows.item(i).is_some_and(|r| r.is_same_node(Some(&row))))?;
        Some(Self {
            row_selector,
            id_attribute,
            id: row.get_attribute(id_attribute)?,
            index,
            button_class: active.class_name().split(' ').next()?.to_owned(),
        })
    }

    /// The same button of the same row; else of the row now in its place (or the
    /// last); else `fallback`'s `#links-refresh`.
    fn restore(&self, list: &Element, fallback: &Element) {
        let button = format!(".{}", self.button_class);
        let same = format!(
            "{}[{}=\"{}\"] {button}",
            self.row_selector, self.id_attribute, self.id
        );
        let in_its_place = || {
            let rows = list.query_selector_all(self.row_selector).ok()?;
            let last = rows.length().checked_sub(1)?;
            let at = u32::try_from(self.index).map_or(last, |i| i.min(last));
            let row: Element = rows.item(at)?.dyn_into().ok()?;
            crate::dom::query(&row, &button)
        };
        let target = crate::dom::query(list, &same)
            .or_else(in_its_place)
            .or_else(|| crate::dom::query(fallback, "#links-refresh"))
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    }
}
