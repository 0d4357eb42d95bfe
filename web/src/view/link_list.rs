//! A new session's links (facilitator, participant, observer and, when the server
//! made one, the room screen), each with its name, its address and a copy button, and
//! the join code under them. Shown on the start page once a session is created and in
//! the "next session" dialog once the next one is.
//!
//! Each copy button names, in `data-copy`, the id of the address it copies; the page
//! around the list listens for the clicks, because the start page copies by itself
//! and the board through its own notices.

use web_sys::Element;

use crate::dom::{self, el};
use crate::i18n::{Key, Lang};
use crate::link;
use ovaal_shared::http_api::CreatedSession;

/// Where the list is shown, which decides its ids and how much it explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkListPlace {
    /// `#link-<role>` and `#created-join-code`: a hint under each name, and the
    /// addresses as links that open in a new tab, for someone seeing them the first
    /// time.
    StartPage,
    /// `#next-link-<role>` and `#next-join-code`: names and addresses only, for the
    /// facilitator who has seen them before.
    NextDialog,
}

impl LinkListPlace {
    fn id_prefix(self) -> &'static str {
        match self {
            LinkListPlace::StartPage => "link-",
            LinkListPlace::NextDialog => "next-link-",
        }
    }

    fn join_code_id(self) -> &'static str {
        match self {
            LinkListPlace::StartPage => "created-join-code",
            LinkListPlace::NextDialog => "next-join-code",
        }
    }
}

/// What the list shows: a session's links, as the server gave them or as "my
/// sessions" kept them (a session kept before room screens had links has none).
pub struct ShownLinks<'a> {
    pub facilitator: &'a str,
    pub participant: &'a str,
    pub observer: &'a str,
    pub room_screen: Option<&'a str>,
    pub join_code: Option<&'a str>,
}

impl<'a> From<&'a CreatedSession> for ShownLinks<'a> {
    fn from(created: &'a CreatedSession) -> Self {
        ShownLinks {
            facilitator: &created.links.facilitator,
            participant: &created.links.participant,
            observer: &created.links.observer,
            room_screen: Some(&created.links.room_screen),
            join_code: Some(&created.join_code),
        }
    }
}

/// One link: its role (`data-role`, part of the address's id), name, hint, address.
struct Row<'a> {
    role: &'static str,
    name: Key,
    hint: Key,
    link: &'a str,
}

/// Appends the list of links and, when there is one, the join code to `parent`.
pub fn append(parent: &Element, lang: Lang, place: LinkListPlace, links: &ShownLinks<'_>) {
    let mut rows = vec![
        Row {
            role: "facilitator",
            name: Key::LinkFacilitator,
            hint: Key::LinkFacilitatorHint,
            link: links.facilitator,
        },
        Row {
            role: "participant",
            name: Key::LinkParticipant,
            hint: Key::LinkParticipantHint,
            link: links.participant,
        },
        Row {
            role: "observer",
            name: Key::LinkObserver,
            hint: Key::LinkObserverHint,
            link: links.observer,
        },
    ];
    if let Some(room) = links.room_screen {
        rows.push(Row {
            role: "room_screen",
            name: Key::LinkRoomScreen,
            hint: Key::LinkRoomScreenHint,
            link: room,
        });
    }
    // The server sends full addresses; a bare path still becomes one to copy.
    let origin = dom::window()
        .ok()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let list = el("ul").class("link-list").build();
    for row in rows {
        let url = link::absolute_link(&origin, row.link);
        let _ = list.append_child(&link_row(lang, place, &row, &url));
    }
    let _ = parent.append_child(&list);
    if let Some(code) = links.join_code {
        let line = el("p")
            .class("created-join-code")
            .child(el("span").key(lang, Key::JoinCodeShown))
            .child(el("span").text(" "))
            .child(el("strong").id(place.join_code_id()).text(code))
            .build();
        let _ = parent.append_child(&line);
    }
}

fn link_row(lang: Lang, place: LinkListPlace, row: &Row<'_>, url: &str) -> Element {
    let id = format!("{}{}", place.id_prefix(), row.role);
    let mut head = el("div")
        .class("link-head")
        .child(el("strong").key(lang, row.name));
    let (address, copy) = match place {
        LinkListPlace::StartPage => {
            head = head.child(el("span").class("muted").key(lang, row.hint));
            let address = el("a")
                .attr("href", url)
                .attr("target", "_blank")
                .attr("rel", "noopener");
            (address, el("button").class("copy").class("button-quiet"))
        }
        LinkListPlace::NextDialog => (el("code"), el("button")),
    };
    el("li")
        .class("link-row")
        .attr("data-role", row.role)
        .child(head)
        .child(
            el("div")
                .class("link-line")
                .child(address.id(&id).class("link-url").text(url))
                .child(
                    copy.attr("type", "button")
                        .attr("data-copy", &id)
                        .key(lang, Key::Copy),
                ),
        )
        .build()
}
