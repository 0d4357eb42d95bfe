//! The table (the layout's rounded oval) and its seats, drawn in SVG from the table's layout
//! ([`crate::table_model::TableScene`]): the SVG's `viewBox` is the board's own size in
//! CSS pixels, so the layout's boxes are drawn as they are and the cards (HTML, over the
//! SVG) line up with them.
//!
//! Seat elements are created when the seat count changes and otherwise updated in
//! place (`g.seat[data-seat]`, `data-holder`), so keyboard focus on a seat survives
//! other people's changes. [`TableView::render`] says who sits where;
//! [`TableView::arrange`] puts the seats where the layout says. One click and one
//! keydown listener on the SVG serve all seats: a free seat is taken; on a phone (and
//! for the facilitator) a taken seat opens its place's cards as a list.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ovaal_shared::layout::Rect;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use super::text_width::{Font, TextWidth};
use crate::dom::{remove_attr, set_attr, svg, toggle_class};
use crate::i18n::{self, Key, Lang};
use crate::table_model::TableScene;

pub use crate::board_model::seats::SeatInfo;

/// What a click or Enter on a seat asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatAction {
    /// Sit down on this free seat.
    Take(u32),
    /// Show the cards in front of this seat as a list (on a phone, and for the
    /// facilitator).
    Open(u32),
}

pub struct TableView {
    /// The board's drawing (`#board > svg.table`).
    pub svg: Element,
    table: Element,
    /// Each seat's line to its cards, under the seats.
    tethers: Element,
    seats_group: Element,
    seats: RefCell<Vec<Element>>,
    /// Whether this person can sit down (has joined and may write); read by the
    /// shared click handler.
    can_sit: Rc<Cell<bool>>,
    /// Whether a taken seat opens its place's cards (the phone table, and the facilitator's).
    opens_places: Rc<Cell<bool>>,
    /// How long each text the seats showed was drawn ([`TextLengths`]).
    lengths: RefCell<TextLengths>,
}

impl TableView {
    pub fn new(lang: Lang, on_seat: impl Fn(SeatAction) + 'static) -> Self {
        let seats_group = svg("g").class("seats").build();
        let table = svg("path").class("table-top").build();
        let tethers = svg("g")
            .class("tethers")
            .attr("aria-hidden", "true")
            .build();
        let can_sit = Rc::new(Cell::new(false));
        let opens_places = Rc::new(Cell::new(false));
        let on_seat = Rc::new(on_seat);
        let (click_sit, key_sit) = (Rc::clone(&can_sit), Rc::clone(&can_sit));
        let (click_open, key_open) = (Rc::clone(&opens_places), Rc::clone(&opens_places));
        let (click_act, key_act) = (Rc::clone(&on_seat), on_seat);
        let svg_root = svg("svg")
            .class("table")
            .attr("role", "group")
            .key_attr(lang, "aria-label", Key::BoardLabel)
            .child(table.clone())
            .child(tethers.clone())
            .child(seats_group.clone())
            .on("click", move |event| {
                if let Some(action) = seat_action(&event, &click_sit, &click_open) {
                    click_act(action);
                }
            })
            .on("keydown", move |event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>().map(|k| k.key()) else {
                    return;
                };
                if key != "Enter" && key != " " {
                    return;
                }
                if let Some(action) = seat_action(&event, &key_sit, &key_open) {
                    event.prevent_default();
                    key_act(action);
                }
            })
            .build();
        Self {
            svg: svg_root,
            table,
            tethers,
            seats_group,
            seats: RefCell::new(Vec::new()),
            can_sit,
            opens_places,
            lengths: RefCell::new(TextLengths::default()),
        }
    }

    /// Shows `infos.len()` seats. Rebuilds only when the count changed.
    pub fn render(&self, lang: Lang, infos: &[SeatInfo], can_sit: bool) {
        self.can_sit.set(can_sit);
        let mut seats = self.seats.borrow_mut();
        if seats.len() != infos.len() {
            self.seats_group.set_text_content(None);
            *seats = (0u32..).take(infos.len()).map(build_seat).collect();
            for seat in seats.iter() {
                let _ = self.seats_group.append_child(seat);
            }
        }
        let opens = self.opens_places.get();
        for ((seat, info), i) in seats.iter().zip(infos).zip(0u32..) {
            update_seat(lang, seat, i, info, can_sit, opens);
        }
        self.lengths.borrow_mut().learn_seat_fonts(&seats);
    }

    /// Puts the table and the seats where the layout says, with each name shortened
    /// to its label. `opens_places` makes taken seats open their place's cards.
    pub fn arrange(&self, lang: Lang, scene: &TableScene, opens_places: bool) {
        set_attr(
            &self.svg,
            "viewBox",
            &format!("0 0 {:.1} {:.1}", scene.width, scene.height),
        );
        // The shared layout's outline, so the harvest picture draws the same table.
        set_attr(&self.table, "d", &scene.table.svg_path());
        self.draw_tethers(scene);
        self.opens_places.set(opens_places);
        let seats = self.seats.borrow();
        // Writes first, then every measurement, then the fixes the measurements ask
        // for: measuring a text after a write makes the browser lay the page out, so
        // measuring seat by seat between writes laid it out once per seat.
        let mut fits = Vec::new();
        for (element, seat) in seats.iter().zip(&scene.seats) {
            place_rect(element, ".seat-target", &seat.target, 0.0);
            place_rect(element, ".seat-body", &seat.label, 0.0);
            place_rect(element, ".seat-hot-ring", &seat.label, 4.0);
            let (x, y) = centre(&seat.label);
            let name = match &seat.name {
                Some(name) => name.clone(),
                None => i18n::t(lang, Key::SeatFree).to_owned(),
            };
            if let Ok(Some(text)) = element.query_selector(".seat-name") {
                set_attr(&text, "x", &format!("{x:.1}"));
                set_attr(&text, "y", &format!("{y:.1}"));
                font_size(&text, scene.text.label);
                if text.text_content().as_deref() != Some(name.as_str()) {
                    text.set_text_content(Some(&name));
                }
                remove_attr(&text, "textLength");
                remove_attr(&text, "lengthAdjust");
                let free = element.class_list().contains("free");
                let key = TextKey::new(&name, scene.text.label, if free { "free" } else { "name" });
                fits.push((key, Fit::Squeeze(text, seat.label.w - 6.0)));
            }
            if let Some(badge) = &seat.badge {
                place_rect(element, ".seat-hot-badge", badge, 0.0);
                let (x, y) = centre(badge);
                if let Ok(Some(text)) = element.query_selector(".seat-hot-label") {
                    set_attr(&text, "x", &format!("{x:.1}"));
                    set_attr(&text, "y", &format!("{y:.1}"));
                    // On a phone's narrow badge the words would run out of it: they
                    // get smaller, whole, rather than squeezed out of shape.
                    font_size(&text, scene.text.badge);
                    let words = text.text_content().unwrap_or_default();
                    let key = TextKey::new(&words, scene.text.badge, "badge");
                    fits.push((key, Fit::Shrink(text, scene.text.badge, badge.w - 6.0)));
                }
            }
            let taken = element.has_attribute("data-holder");
            set_seat_role(element, !taken && self.can_sit.get(), taken && opens_places);
        }
        let mut lengths = self.lengths.borrow_mut();
        let measured: Vec<f64> = fits
            .iter()
            .map(|(key, fit)| lengths.of(key, fit.text()))
            .collect();
        for ((_, fit), length) in fits.iter().zip(measured) {
            fit.apply(length);
        }
    }
}

/// A seat's text to fit to its box once every seat has been drawn and measured.
enum Fit {
    /// A name, squeezed into `width` when the font draws it wider than the layout's
    /// estimate, so it never runs out of its label into the next seat.
    Squeeze(Element, f64),
    /// A badge's words, drawn at the size given or as much smaller as fits `width`.
    Shrink(Element, f64, f64),
}

impl Fit {
    fn text(&self) -> &Element {
        match self {
            Fit::Squeeze(text, _) | Fit::Shrink(text, _, _) => text,
        }
    }

    /// Fits the text, whose natural length is `length`.
    fn apply(&self, length: f64) {
        match self {
            Fit::Squeeze(text, width) => {
                if length > *width && *width > 0.0 {
                    set_attr(text, "textLength", &format!("{width:.1}"));
                    set_attr(text, "lengthAdjust", "spacingAndGlyphs");
                }
            }
            Fit::Shrink(text, px, width) => {
                if length > *width && *width > 0.0 {
                    font_size(text, px * width / length);
                }
            }
        }
    }
}

/// What a seat's text is drawn as: its words, size and style ("name", "free",
/// "badge": the stylesheet gives each its own weight).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TextKey {
    words: String,
    /// The size in tenths of a px (as written into the page).
    size: i64,
    style: &'static str,
}

impl TextKey {
    fn new(words: &str, px: f64, style: &'static str) -> Self {
        Self {
            words: words.to_owned(),
            size: ovaal_shared::float::to_i64((px * 10.0).round()),
            style,
        }
    }
}

/// The seats' texts' lengths, measured on a canvas ([`super::text_width`]) in the font
/// the page draws each kind of text in, and kept. Asking the page instead
/// (`getComputedTextLength`) makes the browser lay the page out first, and the pass
/// that draws the seats' names is the one that has just built the cards: a whole
/// layout of the board before the frame's own.
#[derive(Default)]
struct TextLengths {
    known: std::collections::HashMap<TextKey, f64>,
    /// Each kind of text's font, read from the page's style once.
    fonts: std::collections::HashMap<&'static str, Font>,
    canvas: Option<TextWidth>,
}

impl TextLengths {
    /// Enough for every name of a full table at a few sizes; past that it starts over.
    const MOST: usize = 256;

    fn of(&mut self, key: &TextKey, text: &Element) -> f64 {
        if let Some(length) = self.known.get(key) {
            return *length;
        }
        let length = self
            .on_canvas(key, text)
            .unwrap_or_else(|| text_length(text));
        if length > 0.0 {
            if self.known.len() >= Self::MOST {
                self.known.clear();
            }
            self.known.insert(key.clone(), length);
        }
        length
    }

    /// Reads the font of `style`'s texts from `text`, unless it is known.
    fn learn_font(&mut self, style: &'static str, text: &Element) {
        if !self.fonts.contains_key(style)
            && let Some(font) = Font::of(text)
        {
            self.fonts.insert(style, font);
        }
    }

    /// Reads the fonts of the seats' names (and the hot seat's badge) from the seats
    /// as drawn. Called when the seats are drawn, before the cards of the same pass
    /// are built: reading a style makes the browser compute the styles of everything
    /// new, and after 300 new cards that was a pass over all of them before the
    /// frame's own.
    fn learn_seat_fonts(&mut self, seats: &[Element]) {
        for seat in seats {
            let classes = seat.class_list();
            let style = if classes.contains("free") {
                "free"
            } else {
                "name"
            };
            if let Ok(Some(text)) = seat.query_selector(".seat-name") {
                self.learn_font(style, &text);
            }
            if classes.contains("hot")
                && let Ok(Some(text)) = seat.query_selector(".seat-hot-label")
            {
                self.learn_font("badge", &text);
            }
        }
    }

    fn on_canvas(&mut self, key: &TextKey, text: &Element) -> Option<f64> {
        if self.canvas.is_none() {
            self.canvas = TextWidth::new();
        }
        self.learn_font(key.style, text);
        let font = self.fonts.get(key.style)?;
        let px = ovaal_shared::float::to_f32(key.size as f64 / 10.0);
        self.canvas.as_ref()?.of(&key.words, font, px)
    }
}

/// How long the font draws `text` (0 for an element that is not SVG text).
fn text_length(text: &Element) -> f64 {
    text.dyn_ref::<web_sys::SvgTextContentElement>()
        .map_or(0.0, |content| f64::from(content.get_computed_text_length()))
}

impl TableView {
    /// The lines from seats to their cards: few (one per seat), so drawn afresh.
    fn draw_tethers(&self, scene: &TableScene) {
        self.tethers.set_text_content(None);
        for (seat, t) in &scene.tethers {
            let line = svg("line")
                .class("tether")
                .attr("data-seat", &seat.to_string())
                .attr("x1", &format!("{:.1}", t.from.0))
                .attr("y1", &format!("{:.1}", t.from.1))
                .attr("x2", &format!("{:.1}", t.to.0))
                .attr("y2", &format!("{:.1}", t.to.1))
                .build();
            let end = svg("circle")
                .class("tether-end")
                .attr("cx", &format!("{:.1}", t.to.0))
                .attr("cy", &format!("{:.1}", t.to.1))
                .attr("r", "3")
                .build();
            let _ = self.tethers.append_child(&line);
            let _ = self.tethers.append_child(&end);
        }
    }
}

/// The layout's text size, as an inline style (set through the CSSOM, which the page's
/// Content-Security-Policy allows) so it wins over the stylesheet.
fn font_size(text: &Element, px: f64) {
    if let Some(svg) = text.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.style().set_property("font-size", &format!("{px:.1}px"));
    }
}

fn centre(r: &Rect) -> (f64, f64) {
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

fn place_rect(seat: &Element, selector: &str, r: &Rect, grow: f64) {
    if let Ok(Some(rect)) = seat.query_selector(selector) {
        set_attr(&rect, "x", &format!("{:.1}", r.x - grow));
        set_attr(&rect, "y", &format!("{:.1}", r.y - grow));
        set_attr(&rect, "width", &format!("{:.1}", r.w + 2.0 * grow));
        set_attr(&rect, "height", &format!("{:.1}", r.h + 2.0 * grow));
        set_attr(&rect, "rx", &format!("{:.1}", (r.h / 2.0 + grow).min(16.0)));
    }
}

/// One seat's elements; where they go is set by [`TableView::arrange`].
fn build_seat(index: u32) -> Element {
    svg("g")
        .class("seat")
        .attr("data-seat", &index.to_string())
        .child(svg("title").class("seat-title"))
        // The click target: the label and the badge's room together.
        .child(svg("rect").class("seat-target"))
        .child(svg("rect").class("seat-hot-ring"))
        .child(svg("rect").class("seat-body"))
        .child(svg("text").class("seat-name"))
        .child(
            svg("g")
                .class("seat-hot")
                .attr("aria-hidden", "true")
                .child(svg("rect").class("seat-hot-badge"))
                .child(svg("text").class("seat-hot-label")),
        )
        .build()
}

/// A seat is a button when it does something: sitting down on a free seat, opening a
/// place's cards on the phone.
fn set_seat_role(seat: &Element, takes: bool, opens: bool) {
    let button = takes || opens;
    toggle_class(seat, "clickable", button);
    if button {
        set_attr(seat, "tabindex", "0");
        set_attr(seat, "role", "button");
    } else {
        remove_attr(seat, "tabindex");
        set_attr(seat, "role", "img");
    }
}

/// Brings one seat in line: who holds it, whether they are connected, whether it
/// can be taken. The label shows the name; the seat's accessible name says all of it
/// (number, name, room or remote, online), so presence is told in words.
fn update_seat(
    lang: Lang,
    seat: &Element,
    index: u32,
    info: &SeatInfo,
    can_sit: bool,
    opens: bool,
) {
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
    let hot_text = format!("🔥 {}", i18n::t(lang, Key::HotSeatShort));
    set_text(seat, ".seat-hot-label", if hot { &hot_text } else { "" });
    set_seat_role(seat, !taken && can_sit, taken && opens);

    let label = if taken {
        let place = info
            .location
            .map(|l| i18n::t(lang, i18n::location_key(l)))
            .unwrap_or("");
        let presence = i18n::t(
            lang,
            if info.online {
                Key::PresenceOnline
            } else {
                Key::PresenceAway
            },
        );
        let mut full_name = info.name.clone();
        // The hot seat's words right after the name, as the seat shows them (name,
        // then badge), so a seat that is a button says what it shows (WCAG 2.5.3).
        if hot {
            full_name = format!("{full_name} 🔥 {}", i18n::t(lang, Key::HotSeatBadge));
        }
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
            label = format!(
                "{label}, {} {}",
                i18n::role_icon(role),
                i18n::t(lang, i18n::role_key(role))
            );
        }
        label
    } else if can_sit {
        // Starts with what the seat shows ("free"), so the spoken name matches the
        // visible one (WCAG 2.5.3).
        i18n::tf(lang, Key::SeatTakeLabel, &[("n", &number)])
    } else {
        format!(
            "{} — {}",
            i18n::t(lang, Key::SeatFree),
            i18n::tf(lang, Key::SeatNumber, &[("n", &number)])
        )
    };
    set_attr(seat, "aria-label", &label);
    // The tooltip shows a taken seat's full name (the label may shorten it).
    set_text(seat, ".seat-title", if taken { &label } else { "" });
}

fn set_text(seat: &Element, selector: &str, text: &str) {
    if let Ok(Some(node)) = seat.query_selector(selector)
        && node.text_content().as_deref() != Some(text)
    {
        node.set_text_content(Some(text));
    }
}

/// What a click or key on a seat asks for, if anything.
fn seat_action(event: &Event, can_sit: &Cell<bool>, opens: &Cell<bool>) -> Option<SeatAction> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let seat = target.closest("g.seat").ok()??;
    let index = seat.get_attribute("data-seat")?.parse().ok()?;
    if seat.has_attribute("data-holder") {
        opens.get().then_some(SeatAction::Open(index))
    } else {
        can_sit.get().then_some(SeatAction::Take(index))
    }
}
