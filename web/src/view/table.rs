//! The oval table and its seats, drawn in SVG. The SVG scales with its `viewBox`, so the
//! drawing code works in fixed units ([`crate::geometry`]) on every screen.
//!
//! Seat elements are created when the seat count changes and otherwise updated in
//! place (`g.seat[data-seat]`, `data-holder`), so keyboard focus on a seat survives
//! other people's changes. One click and one keydown listener on the SVG serve all
//! seats.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ovaal_shared::board::Location;
use ovaal_shared::{ParticipantId, Role};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use crate::dom::{remove_attr, set_attr, svg, toggle_class};
use crate::geometry::{self, SEAT_H, SEAT_W};
use crate::i18n::{self, Key, Lang};

/// What one seat shows.
#[derive(Debug, Clone, Default)]
pub struct SeatInfo {
    pub holder: Option<ParticipantId>,
    pub name: String,
    pub location: Option<Location>,
    pub online: bool,
    pub mine: bool,
    /// The holder sits in the hot seat (is the case-holder).
    pub hot: bool,
    /// A master's or sponsor's badge.
    pub badge: Option<Role>,
}

pub struct TableView {
    /// The board's drawing (`#board > svg.table`).
    pub svg: Element,
    seats_group: Element,
    seats: RefCell<Vec<Element>>,
    /// Whether this person can sit down (has joined and may write); read by the
    /// shared click handler.
    can_sit: Rc<Cell<bool>>,
}

impl TableView {
    pub fn new(lang: Lang, on_take: impl Fn(u32) + 'static) -> Self {
        let seats_group = svg("g").class("seats").build();
        let (cx, cy) = (
            geometry::CENTRE_X.to_string(),
            geometry::CENTRE_Y.to_string(),
        );
        let ellipse = |class: &str, dy: f64, shrink: f64| {
            svg("ellipse")
                .class(class)
                .attr("cx", &cx)
                .attr("cy", &(geometry::CENTRE_Y + dy).to_string())
                .attr("rx", &(geometry::TABLE_RX - shrink).to_string())
                .attr("ry", &(geometry::TABLE_RY - shrink).to_string())
        };
        let can_sit = Rc::new(Cell::new(false));
        let on_take = Rc::new(on_take);
        let (click_sit, key_sit) = (Rc::clone(&can_sit), Rc::clone(&can_sit));
        let (click_take, key_take) = (Rc::clone(&on_take), on_take);
        let svg_root = svg("svg")
            .class("table")
            .attr(
                "viewBox",
                &format!("0 0 {} {}", geometry::VIEW_W, geometry::VIEW_H),
            )
            .attr("preserveAspectRatio", "xMidYMid meet")
            .attr("role", "group")
            .key_attr(lang, "aria-label", Key::BoardLabel)
            .child(ellipse("table-shadow", 10.0, 0.0))
            .child(ellipse("table-top", 0.0, 0.0))
            .child(ellipse("table-inner", 0.0, 26.0))
            .child(
                svg("text")
                    .class("table-mark")
                    .attr("x", &cx)
                    .attr("y", &cy)
                    .attr("aria-hidden", "true")
                    .text("Ovaal"),
            )
            .child(seats_group.clone())
            .on("click", move |event| {
                if let Some(seat) = free_seat(&event, &click_sit) {
                    click_take(seat);
                }
            })
            .on("keydown", move |event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>().map(|k| k.key()) else {
                    return;
                };
                if key != "Enter" && key != " " {
                    return;
                }
                if let Some(seat) = free_seat(&event, &key_sit) {
                    event.prevent_default();
                    key_take(seat);
                }
            })
            .build();
        Self {
            svg: svg_root,
            seats_group,
            seats: RefCell::new(Vec::new()),
            can_sit,
        }
    }

    /// Shows `infos.len()` seats. Rebuilds only when the count changed.
    pub fn render(&self, lang: Lang, infos: &[SeatInfo], can_sit: bool) {
        self.can_sit.set(can_sit);
        let count = infos.len() as u32;
        let mut seats = self.seats.borrow_mut();
        if seats.len() != infos.len() {
            self.seats_group.set_text_content(None);
            *seats = (0..count).map(|i| self.build_seat(i, count)).collect();
            for seat in seats.iter() {
                let _ = self.seats_group.append_child(seat);
            }
        }
        for (i, (seat, info)) in seats.iter().zip(infos).enumerate() {
            update_seat(lang, seat, i as u32, info, can_sit);
        }
    }

    fn build_seat(&self, index: u32, count: u32) -> Element {
        let (x, y) = geometry::seat_centre(index, count);
        let (w, h) = (SEAT_W, SEAT_H);
        let avatar_x = (-w / 2.0 + 28.0).to_string();
        let text_x = (-w / 2.0 + 54.0).to_string();
        // The hot seat's badge sits on the seat's top edge, wide enough for
        // "🔥 hete stoel · inbrenger"; hidden unless the seat is hot.
        let badge_w = w + 56.0;
        svg("g")
            .class("seat")
            .attr("data-seat", &index.to_string())
            .attr("transform", &format!("translate({x:.1} {y:.1})"))
            .child(svg("title").class("seat-title"))
            .child(
                svg("rect")
                    .class("seat-hot-ring")
                    .attr("x", &(-w / 2.0 - 7.0).to_string())
                    .attr("y", &(-h / 2.0 - 7.0).to_string())
                    .attr("width", &(w + 14.0).to_string())
                    .attr("height", &(h + 14.0).to_string())
                    .attr("rx", "24"),
            )
            .child(
                svg("rect")
                    .class("seat-body")
                    .attr("x", &(-w / 2.0).to_string())
                    .attr("y", &(-h / 2.0).to_string())
                    .attr("width", &w.to_string())
                    .attr("height", &h.to_string())
                    .attr("rx", "18"),
            )
            .child(
                svg("circle")
                    .class("seat-avatar")
                    .attr("cx", &avatar_x)
                    .attr("cy", "0")
                    .attr("r", "19"),
            )
            .child(
                svg("text")
                    .class("seat-initial")
                    .attr("x", &avatar_x)
                    .attr("y", "1"),
            )
            .child(
                svg("text")
                    .class("seat-name")
                    .attr("x", &text_x)
                    .attr("y", "-8"),
            )
            .child(
                svg("text")
                    .class("seat-location")
                    .attr("x", &text_x)
                    .attr("y", "9"),
            )
            .child(
                svg("text")
                    .class("seat-presence")
                    .attr("x", &text_x)
                    .attr("y", "24"),
            )
            .child(
                svg("g")
                    .class("seat-hot")
                    .attr("aria-hidden", "true")
                    .child(
                        svg("rect")
                            .class("seat-hot-badge")
                            .attr("x", &(-badge_w / 2.0).to_string())
                            .attr("y", &(-h / 2.0 - 20.0).to_string())
                            .attr("width", &badge_w.to_string())
                            .attr("height", "22")
                            .attr("rx", "11"),
                    )
                    .child(
                        svg("text")
                            .class("seat-hot-label")
                            .attr("x", "0")
                            .attr("y", &(-h / 2.0 - 9.0).to_string()),
                    ),
            )
            .build()
    }
}

/// Brings one seat in line: who holds it, whether they are connected, whether it
/// can be taken. Text is shown in three lines (name, room/remote, online), so
/// presence is told in words and not by the avatar's colour alone.
fn update_seat(lang: Lang, seat: &Element, index: u32, info: &SeatInfo, can_sit: bool) {
    let number = (index + 1).to_string();
    let taken = info.holder.is_some();
    match &info.holder {
        Some(holder) => set_attr(seat, "data-holder", holder.as_str()),
        None => remove_attr(seat, "data-holder"),
    }
    toggle_class(seat, "taken", taken);
    toggle_class(seat, "free", !taken);
    toggle_class(seat, "mine", info.mine);
    toggle_class(seat, "online", taken && info.online);
    let hot = taken && info.hot;
    toggle_class(seat, "hot", hot);
    if hot {
        set_attr(seat, "data-hot", "true");
    } else {
        remove_attr(seat, "data-hot");
    }
    let hot_text = format!("🔥 {}", i18n::t(lang, Key::HotSeatBadge));
    set_text(seat, ".seat-hot-label", if hot { &hot_text } else { "" });
    let clickable = !taken && can_sit;
    toggle_class(seat, "clickable", clickable);
    if clickable {
        set_attr(seat, "tabindex", "0");
        set_attr(seat, "role", "button");
    } else {
        remove_attr(seat, "tabindex");
        set_attr(seat, "role", "img");
    }

    let (initial, name, location, presence, label) = if taken {
        let place = info
            .location
            .map(|l| i18n::t(lang, i18n::location_key(l)))
            .unwrap_or("");
        // A master's or sponsor's badge takes the place line: the seat is narrow,
        // and the badge matters more at the table (the place is in the seat's label).
        let location = match info.badge {
            Some(role) => format!(
                "{} {}",
                i18n::role_icon(role),
                i18n::t(lang, i18n::role_key(role))
            ),
            None => place.to_owned(),
        };
        let location = location.as_str();
        let presence = i18n::t(
            lang,
            if info.online {
                Key::PresenceOnline
            } else {
                Key::PresenceAway
            },
        );
        let mut full_name = info.name.clone();
        if info.mine {
            full_name = format!("{full_name} ({})", i18n::t(lang, Key::You));
        }
        let mut label = i18n::tf(
            lang,
            Key::SeatTakenBy,
            &[
                ("n", &number),
                ("name", &full_name),
                ("location", place),
                ("presence", presence),
            ],
        );
        if let Some(role) = info.badge {
            label = format!("{label}, {}", i18n::t(lang, i18n::role_key(role)));
        }
        if hot {
            label = format!("{label} — {}", i18n::t(lang, Key::HotSeatBadge));
        }
        let initial = info
            .name
            .chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default();
        let name = geometry::fit_label(&info.name, 11);
        (
            initial,
            name,
            location.to_owned(),
            presence.to_owned(),
            label,
        )
    } else {
        let label = if can_sit {
            // Starts with what the seat shows ("3 empty seat"), so the spoken name
            // matches the visible one (WCAG 2.5.3).
            i18n::tf(lang, Key::SeatTakeLabel, &[("n", &number)])
        } else {
            format!("{number}: {}", i18n::t(lang, Key::SeatEmpty))
        };
        let name = i18n::t(lang, Key::SeatEmpty).to_owned();
        (number.clone(), name, String::new(), String::new(), label)
    };
    set_attr(seat, "aria-label", &label);
    // The tooltip shows a taken seat's full name (the seat shortens it). A free seat's
    // visible text says it all, and a title there would make its spoken name differ
    // from the visible one.
    set_text(seat, ".seat-title", if taken { &label } else { "" });
    // The trailing space keeps "3" and "empty seat" two words for tools that join the
    // seat's text nodes (SVG collapses it when drawing).
    set_text(seat, ".seat-initial", &format!("{initial} "));
    set_text(seat, ".seat-name", &name);
    set_text(seat, ".seat-location", &location);
    set_text(seat, ".seat-presence", &presence);
}

fn set_text(seat: &Element, selector: &str, text: &str) {
    if let Ok(Some(node)) = seat.query_selector(selector)
        && node.text_content().as_deref() != Some(text)
    {
        node.set_text_content(Some(text));
    }
}

/// The index of the free seat an event happened on, if sitting down is allowed.
fn free_seat(event: &Event, can_sit: &Cell<bool>) -> Option<u32> {
    if !can_sit.get() {
        return None;
    }
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let seat = target.closest("g.seat").ok()??;
    if seat.has_attribute("data-holder") {
        return None;
    }
    seat.get_attribute("data-seat")?.parse().ok()
}
