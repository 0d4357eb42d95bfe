//! The list view's groups: one per place (the carried cards, the table centre, each
//! seat) or per card kind, each with a heading (title, the seat's details, the hot-seat
//! badge, "take seat", the facilitator's "show on the room screen") and a list of
//! cards. Rebuilt only when the set of groups changes; the headings are updated in
//! place.

use ovaal_shared::board::CardKind;
use web_sys::Element;

use super::list::{ListSeat, PlaceSpotlight};
use super::list_item::set_text;
use crate::dom::{Hide, el, set_attr};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::layout::Place as Region;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GroupKey {
    Place(Region),
    Kind(CardKind),
    /// Cards carried over from earlier sessions (grouped by place only).
    Carried,
}

impl GroupKey {
    pub(super) fn attr(self) -> String {
        match self {
            GroupKey::Carried => "carried".to_owned(),
            GroupKey::Place(Region::Centre) => "centre".to_owned(),
            GroupKey::Place(Region::Seat(n)) => format!("seat-{n}"),
            GroupKey::Kind(kind) => format!("kind-{kind}"),
        }
    }
}

pub(super) struct Group {
    pub(super) key: GroupKey,
    pub(super) title: Element,
    pub(super) details: Element,
    pub(super) badge: Element,
    pub(super) take: Element,
    /// The facilitator's "show on the room screen" (place groups only).
    pub(super) spotlight: Element,
    pub(super) cards: Element,
    pub(super) empty: Element,
}

pub(super) fn rebuild(groups_root: &Element, keys: &[GroupKey]) -> Vec<Group> {
    groups_root.set_text_content(None);
    let mut groups = Vec::with_capacity(keys.len());
    for key in keys {
        let heading_id = format!("list-group-{}", key.attr());
        let title = el("span")
            .class("list-group-title")
            .attr("dir", "auto")
            .build();
        let details = el("span").class("list-group-details").build();
        let badge = el("span").class("hot-badge").build();
        let take = el("button")
            .class("list-take-seat")
            .class("button-quiet")
            .attr("type", "button")
            .attr("hidden", "")
            .build();
        if let GroupKey::Place(Region::Seat(n)) = key {
            set_attr(&take, "data-seat", &n.to_string());
        }
        let spotlight = el("button")
            .class("list-spotlight-place")
            .class("button-quiet")
            .class("small")
            .attr("type", "button")
            .attr("aria-pressed", "false")
            .attr("hidden", "")
            .build();
        match key {
            GroupKey::Place(Region::Centre) => set_attr(&spotlight, "data-place", "centre"),
            GroupKey::Place(Region::Seat(n)) => {
                set_attr(&spotlight, "data-place", &format!("seat:{n}"));
            }
            _ => {}
        }
        let cards = el("ul")
            .class("list-cards")
            .attr("aria-labelledby", &heading_id)
            .build();
        let empty = el("p").class("list-empty").build();
        let group = el("li")
            .class("list-group")
            .attr("data-group", &key.attr())
            .child(
                el("div")
                    .class("list-group-head")
                    .child(
                        el("h3")
                            .id(&heading_id)
                            .child(title.clone())
                            .child(details.clone())
                            .child(badge.clone()),
                    )
                    .child(take.clone())
                    .child(spotlight.clone()),
            )
            .child(cards.clone())
            .child(empty.clone())
            .build();
        let _ = groups_root.append_child(&group);
        groups.push(Group {
            key: *key,
            title,
            details,
            badge,
            take,
            spotlight,
            cards,
            empty,
        });
    }
    groups
}

/// Brings the group headings in line: titles, seat details, the hot-seat badge, the
/// take-a-seat button and the empty note.
pub(super) fn headings(groups: &[Group], lang: Lang, seats: &[ListSeat], spot: PlaceSpotlight) {
    for group in groups {
        let (title, details, hot, can_take) = match group.key {
            GroupKey::Carried => (
                i18n::t(lang, Key::CarriedGroup).to_owned(),
                String::new(),
                false,
                false,
            ),
            GroupKey::Place(Region::Centre) => (
                i18n::t(lang, Key::TableCentre).to_owned(),
                String::new(),
                false,
                false,
            ),
            GroupKey::Place(Region::Seat(n)) => match seats.iter().find(|s| s.index == n) {
                Some(seat) => (
                    seat.label.clone(),
                    seat.details.clone(),
                    seat.hot,
                    seat.can_take,
                ),
                None => continue,
            },
            GroupKey::Kind(kind) => (
                format!(
                    "{} {}",
                    i18n::kind_icon(kind),
                    i18n::t(lang, i18n::kind_key(kind))
                ),
                String::new(),
                false,
                false,
            ),
        };
        set_text(&group.title, &title);
        set_text(&group.details, &details);
        group.details.set_hidden(details.is_empty());
        set_text(
            &group.badge,
            &format!("🔥 {}", i18n::t(lang, Key::HotSeatBadge)),
        );
        group.badge.set_hidden(!hot);
        set_text(&group.take, &{
            let n = match group.key {
                GroupKey::Place(Region::Seat(n)) => n + 1,
                _ => 0,
            };
            i18n::tf(lang, Key::SeatTake, &[("n", &n.to_string())])
        });
        group.take.set_hidden(!can_take);
        if let GroupKey::Place(region) = group.key {
            set_text(
                &group.spotlight,
                &format!("📽 {}", i18n::t(lang, Key::SpotlightShow)),
            );
            set_attr(
                &group.spotlight,
                "aria-label",
                &i18n::tf(lang, Key::SpotlightShowPlace, &[("place", &title)]),
            );
            let pressed = spot.current == Some(region);
            set_attr(
                &group.spotlight,
                "aria-pressed",
                if pressed { "true" } else { "false" },
            );
            group.spotlight.set_hidden(!spot.offered);
        }
        set_text(&group.empty, i18n::t(lang, Key::NoCards));
    }
}
