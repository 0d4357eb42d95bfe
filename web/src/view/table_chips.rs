//! The chips on the table: "+N" for a place's current cards that did not fit, "🕘 N"
//! for its earlier-phase cards folded away. Each is a button at the box the layout gave
//! it; pressing it (click, Enter, Space) opens that place's cards as a list.
//!
//! Hooks: `button.chip[data-chip="more|earlier"][data-place="centre|seat:<n>"]`
//! with `data-count` (how many cards it stands for).

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::CardId;
use ovaal_shared::layout::Place;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::dom::{el, listen, set_attr, set_style};
use crate::i18n::{self, Key, Lang};
use crate::table_model::{ChipKind, TableScene};

/// A chip was pressed: the place, the cards it stands for, and the chip (the focus
/// goes back to it when the list closes).
pub type ChipPressed = dyn Fn(Place, Vec<CardId>, HtmlElement);

pub struct ChipsView {
    /// The chips' layer over the table.
    pub root: Element,
    /// The cards behind each chip now, in the order of the buttons.
    cards: RefCell<Vec<(Place, Vec<CardId>)>>,
}

impl ChipsView {
    pub fn new(on_press: impl Fn(Place, Vec<CardId>, HtmlElement) + 'static) -> Rc<Self> {
        let root = el("div").class("chips").build();
        let view = Rc::new(Self {
            root,
            cards: RefCell::new(Vec::new()),
        });
        let v = Rc::clone(&view);
        let on_press: Rc<ChipPressed> = Rc::new(on_press);
        listen(&view.root, "click", move |event| {
            let Some(chip) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button.chip").ok().flatten())
            else {
                return;
            };
            let Some(index) = chip
                .get_attribute("data-index")
                .and_then(|i| i.parse::<usize>().ok())
            else {
                return;
            };
            let Some((place, cards)) = v.cards.borrow().get(index).cloned() else {
                return;
            };
            if let Ok(chip) = chip.dyn_into::<HtmlElement>() {
                on_press(place, cards, chip);
            }
        });
        view
    }

    /// Shows the scene's chips. Chips are few (two per place at most), so they are
    /// drawn afresh, except that a focused chip keeps its element.
    pub fn render(&self, lang: Lang, scene: &TableScene, place_label: &dyn Fn(Place) -> String) {
        let existing = self.root.children();
        let count = scene.chips.len();
        for (chip, i) in scene.chips.iter().zip(0u32..) {
            let button = match existing.item(i) {
                Some(b) => b,
                None => {
                    let b = el("button").class("chip").attr("type", "button").build();
                    let _ = self.root.append_child(&b);
                    b
                }
            };
            let n = chip.cards.len();
            let (kind, text, key) = match &chip.kind {
                ChipKind::More => ("more", format!("+{n}"), Key::ChipMoreLabel),
                ChipKind::Earlier(_) => ("earlier", format!("🕘 {n}"), Key::ChipEarlierLabel),
            };
            set_attr(&button, "data-index", &i.to_string());
            set_attr(&button, "data-chip", kind);
            set_attr(&button, "data-place", &chip.place.to_string());
            set_attr(&button, "data-count", &n.to_string());
            let label = i18n::tf(
                lang,
                key,
                &[("n", &n.to_string()), ("place", &place_label(chip.place))],
            );
            set_attr(&button, "aria-label", &label);
            set_attr(&button, "title", &label);
            if button.text_content().as_deref() != Some(text.as_str()) {
                button.set_text_content(Some(&text));
            }
            if let Ok(b) = button.dyn_into::<HtmlElement>() {
                let r = &chip.rect;
                set_style(&b, "left", &format!("{:.1}px", r.x));
                set_style(&b, "top", &format!("{:.1}px", r.y));
                set_style(&b, "width", &format!("{:.1}px", r.w));
                set_style(&b, "height", &format!("{:.1}px", r.h));
                set_style(&b, "font-size", &format!("{:.1}px", chip.text_px));
            }
        }
        while self.root.children().length() as usize > count {
            if let Some(last) = self.root.last_element_child() {
                last.remove();
            }
        }
        *self.cards.borrow_mut() = scene
            .chips
            .iter()
            .map(|c| (c.place, c.cards.clone()))
            .collect();
    }

    /// No chips (the back-turned case-holder's page holds nothing of the board).
    pub fn clear(&self) {
        self.root.set_text_content(None);
        self.cards.borrow_mut().clear();
    }
}
