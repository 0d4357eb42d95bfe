//! The facilitator's table panel: how many seats the table has (`#seat-count`, 4–14).
//! Only the facilitator may write the control document, so only they get the panel;
//! the facilitation controls (method, phase, timer, hot seat) will join it here.

use ovaal_shared::board::SessionSettings;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

use crate::dom::el;
use crate::i18n::{self, Key, Lang};

pub struct TableSettings {
    pub root: Element,
    seats: HtmlSelectElement,
}

impl TableSettings {
    pub fn new(lang: Lang, on_seats: impl Fn(u32) + 'static) -> Self {
        let seats = el("select")
            .id("seat-count")
            .attr("name", "seats")
            .on("change", move |event| {
                let value = event
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                    .and_then(|s| s.value().parse().ok());
                if let Some(n) = value {
                    on_seats(n);
                }
            })
            .cast::<HtmlSelectElement>();
        for n in SessionSettings::MIN_SEATS..=SessionSettings::MAX_SEATS {
            let _ = seats.append_child(&el("option").attr("value", &n.to_string()).build());
        }
        let root = el("section")
            .id("table-panel")
            .class("panel")
            .attr("aria-labelledby", "table-panel-title")
            .child(
                el("h2")
                    .id("table-panel-title")
                    .class("panel-title")
                    .key(lang, Key::TableSettingsTitle),
            )
            .child(
                el("div")
                    .class("field")
                    .child(
                        el("label")
                            .attr("for", "seat-count")
                            .key(lang, Key::SeatCountLabel),
                    )
                    .child(seats.clone()),
            )
            .build();
        let view = Self { root, seats };
        view.label_options(lang);
        view
    }

    /// Draws the seat count from the control document (`None` before it arrived),
    /// its choices in the model's language.
    pub fn draw(&self, lang: Lang, seats: Option<u32>) {
        self.label_options(lang);
        if let Some(seats) = seats {
            let value = seats.to_string();
            if self.seats.value() != value {
                self.seats.set_value(&value);
            }
        }
    }

    fn label_options(&self, lang: Lang) {
        let options = self.seats.options();
        for i in 0..options.length() {
            if let Some(option) = options.item(i) {
                let n = option.get_attribute("value").unwrap_or_default();
                option.set_text_content(Some(&i18n::tf(lang, Key::SeatCountOption, &[("n", &n)])));
            }
        }
    }
}
