//! The facilitator's panel: the board's switches (`#lock-board`, `#hide-names`,
//! `#participants-export`, `#timer-sound`), the plan editor's button (`#plan-edit`), who sits in the
//! hot seat (`button[data-hot-seat="<participantId>"]`, `#hot-seat-clear`) and the
//! phases sponsors may write in (`#sponsor-all`, `input.sponsor-phase[data-phase-id]`).
//! Only facilitators get it; everything here writes the control document.

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::ParticipantId;
use ovaal_shared::board::phase::Phase;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{self, Hide, el, listen, query};
use crate::i18n::{self, Key, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum FacilitatorAction {
    Lock(bool),
    HideNames(bool),
    ParticipantsExport(bool),
    TimerSound(bool),
    HotSeat(Option<ParticipantId>),
    /// `None`: sponsors write in every phase.
    SponsorPhases(Option<Vec<String>>),
    EditPlan,
}

/// What the panel shows.
pub struct FacilitatorShown<'a> {
    pub locked: bool,
    pub hide_names: bool,
    pub participants_export: bool,
    pub timer_sound: bool,
    /// Seated people (participant id, name), in seat order.
    pub seated: &'a [(ParticipantId, String)],
    pub hot: Option<&'a ParticipantId>,
    pub plan: &'a [Phase],
    pub sponsor_phases: Option<&'a [String]>,
}

pub struct FacilitatorPanel {
    pub root: Element,
    lock: HtmlInputElement,
    hide: HtmlInputElement,
    export: HtmlInputElement,
    sound: HtmlInputElement,
    hot_list: Element,
    hot_empty: Element,
    hot_clear: Element,
    sponsor_all: HtmlInputElement,
    sponsor_list: Element,
    built: RefCell<(String, String)>,
}

fn switch(lang: Lang, id: &str, key: Key) -> (Element, HtmlInputElement) {
    let input = el("input")
        .id(id)
        .attr("type", "checkbox")
        .cast::<HtmlInputElement>();
    let label = el("label")
        .class("switch")
        .child(input.clone())
        .child(el("span").key(lang, key))
        .build();
    (label, input)
}

impl FacilitatorPanel {
    pub fn new(lang: Lang, act: impl Fn(FacilitatorAction) + 'static) -> Rc<Self> {
        let (lock_row, lock) = switch(lang, "lock-board", Key::LockBoard);
        let (hide_row, hide) = switch(lang, "hide-names", Key::HideNames);
        let (export_row, export) = switch(lang, "participants-export", Key::ParticipantsExport);
        let (sound_row, sound) = switch(lang, "timer-sound", Key::TimerSound);
        let hot_list = el("ul").id("hot-seat-list").class("hot-seat-list").build();
        let hot_empty = el("p").class("muted").key(lang, Key::HotSeatNobody).build();
        let hot_clear = el("button")
            .id("hot-seat-clear")
            .attr("type", "button")
            .key(lang, Key::HotSeatClear)
            .build();
        let (all_row, sponsor_all) = switch(lang, "sponsor-all", Key::SponsorAll);
        let sponsor_list = el("div").class("sponsor-phases").build();
        let root = el("section")
            .id("facilitator-panel")
            .class("panel")
            .attr("aria-labelledby", "facilitator-title")
            .child(
                el("h2")
                    .id("facilitator-title")
                    .class("panel-title")
                    .key(lang, Key::FacilitatorTitle),
            )
            .child(
                el("div")
                    .class("switches")
                    .child(lock_row)
                    .child(hide_row)
                    .child(export_row)
                    .child(sound_row),
            )
            .child(
                el("button")
                    .id("plan-edit")
                    .class("button-quiet")
                    .attr("type", "button")
                    .key(lang, Key::PlanEdit),
            )
            .child(
                el("h3")
                    .id("hot-seat-title")
                    .class("panel-subtitle")
                    .key(lang, Key::HotSeatTitle),
            )
            .child(hot_list.clone())
            .child(hot_empty.clone())
            .child(hot_clear.clone())
            .child(
                el("details")
                    .id("sponsor-details")
                    .class("sponsor-details")
                    .child(el("summary").key(lang, Key::SponsorPhasesTitle))
                    .child(
                        el("fieldset")
                            .class("choices")
                            .child(
                                el("legend")
                                    .class("visually-hidden")
                                    .key(lang, Key::SponsorPhasesTitle),
                            )
                            .child(all_row)
                            .child(sponsor_list.clone()),
                    ),
            )
            .build();
        let panel = Rc::new(Self {
            root,
            lock,
            hide,
            export,
            sound,
            hot_list,
            hot_empty,
            hot_clear,
            sponsor_all,
            sponsor_list,
            built: RefCell::new((String::new(), String::new())),
        });
        let act = Rc::new(act);
        let p = Rc::clone(&panel);
        let a = Rc::clone(&act);
        listen(&panel.root, "change", move |event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let on = input.checked();
            match input.id().as_str() {
                "lock-board" => a(FacilitatorAction::Lock(on)),
                "hide-names" => a(FacilitatorAction::HideNames(on)),
                "participants-export" => a(FacilitatorAction::ParticipantsExport(on)),
                "timer-sound" => a(FacilitatorAction::TimerSound(on)),
                _ => a(FacilitatorAction::SponsorPhases(p.sponsor_choice(&input))),
            }
        });
        listen(&panel.root, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            if button.id() == "plan-edit" {
                act(FacilitatorAction::EditPlan);
            } else if button.id() == "hot-seat-clear" {
                act(FacilitatorAction::HotSeat(None));
            } else if let Some(id) = button
                .get_attribute("data-hot-seat")
                .and_then(|id| id.parse().ok())
            {
                act(FacilitatorAction::HotSeat(Some(id)));
            }
        });
        panel
    }

    pub fn render(&self, lang: Lang, shown: &FacilitatorShown<'_>) {
        self.lock.set_checked(shown.locked);
        self.hide.set_checked(shown.hide_names);
        self.export.set_checked(shown.participants_export);
        self.sound.set_checked(shown.timer_sound);
        let tag = lang.tag();

        let people = format!(
            "{tag}|{}|{}",
            shown.hot.map_or("", |h| h.as_str()),
            shown
                .seated
                .iter()
                .map(|(id, name)| format!("{id}:{name}"))
                .collect::<Vec<_>>()
                .join("|")
        );
        if self.built.borrow().0 != people {
            // Rebuilding drops the focus: keep it on the same person's button.
            let focused = dom::document()
                .ok()
                .and_then(|d| d.active_element())
                .filter(|a| self.hot_list.contains(Some(a)))
                .and_then(|a| a.get_attribute("data-hot-seat"));
            self.hot_list.set_text_content(None);
            for (id, name) in shown.seated {
                let hot = shown.hot == Some(id);
                let button = el("button")
                    .class("hot-seat-pick")
                    .attr("type", "button")
                    .attr("data-hot-seat", id.as_str())
                    .attr("aria-pressed", if hot { "true" } else { "false" })
                    .attr(
                        "aria-label",
                        &i18n::tf(lang, Key::HotSeatPut, &[("name", name)]),
                    )
                    .child(el("span").attr("aria-hidden", "true").text(if hot {
                        "🔥"
                    } else {
                        "○"
                    }))
                    .child(el("span").text(name));
                let _ = self.hot_list.append_child(&el("li").child(button).build());
            }
            self.built.borrow_mut().0 = people;
            if let Some(button) = focused
                .and_then(|id| query(&self.hot_list, &format!("button[data-hot-seat=\"{id}\"]")))
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
        self.hot_empty.set_hidden(!shown.seated.is_empty());
        let clear_had_focus = dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == self.hot_clear);
        self.hot_clear.set_hidden(shown.hot.is_none());
        // The clear button goes once the seat is empty: keep the focus nearby.
        if clear_had_focus
            && shown.hot.is_none()
            && let Some(first) = query(&self.hot_list, "button")
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = first.focus();
        }

        let phases = format!(
            "{tag}|{}",
            shown
                .plan
                .iter()
                .map(|p| format!("{}:{}", p.id, p.name.get(tag)))
                .collect::<Vec<_>>()
                .join("|")
        );
        if self.built.borrow().1 != phases {
            self.sponsor_list.set_text_content(None);
            for phase in shown.plan {
                let row = el("label")
                    .class("switch")
                    .child(
                        el("input")
                            .class("sponsor-phase")
                            .attr("type", "checkbox")
                            .attr("data-phase-id", &phase.id),
                    )
                    .child(el("span").text(phase.name.get(tag)))
                    .build();
                let _ = self.sponsor_list.append_child(&row);
            }
            self.built.borrow_mut().1 = phases;
        }
        self.sponsor_all.set_checked(shown.sponsor_phases.is_none());
        for input in self.sponsor_inputs() {
            let id = input.get_attribute("data-phase-id").unwrap_or_default();
            let on = shown.sponsor_phases.is_none_or(|list| list.contains(&id));
            input.set_checked(on);
            input.set_disabled(shown.sponsor_phases.is_none());
        }
    }

    fn sponsor_inputs(&self) -> Vec<HtmlInputElement> {
        let Ok(nodes) = self.sponsor_list.query_selector_all("input.sponsor-phase") else {
            return Vec::new();
        };
        (0..nodes.length())
            .filter_map(|i| nodes.item(i)?.dyn_into::<HtmlInputElement>().ok())
            .collect()
    }

    /// The sponsors' phases after a change to one of the boxes.
    fn sponsor_choice(&self, changed: &HtmlInputElement) -> Option<Vec<String>> {
        if changed.id() == "sponsor-all" && changed.checked() {
            return None;
        }
        let chosen = self
            .sponsor_inputs()
            .into_iter()
            .filter(|i| changed.id() == "sponsor-all" || i.checked())
            .filter_map(|i| i.get_attribute("data-phase-id"))
            .collect();
        Some(chosen)
    }
}
