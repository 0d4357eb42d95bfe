//! The phase bar above the board, for everyone: all phases of the plan (the current
//! one marked), what to do now, which card kinds may be written, and the timer. The
//! facilitator's buttons sit in the same place (previous/next, jump to a phase, the
//! timer's start/pause/+1/+5/stop), so what they run is what everyone sees.
//!
//! ```text
//! section#phase-panel
//!   p#ended-banner / p#locked-banner           (when ended / locked)
//!   nav#phase-bar > ol > li[data-phase-id][aria-current="step"]
//!                          (facilitator: button[data-jump-phase])
//!   #phase-title  #phase-instruction  #phase-more[aria-expanded]  #phase-kinds
//!   #phase-timer[data-state][data-remaining-ms]  #phase-timer-state
//!   #phase-prev #phase-next #timer-start #timer-pause #timer-add-1 #timer-add-5 #timer-reset
//!   #private-strip: #ready-toggle, #ready-count[data-ready][data-total], #reveal
//! ```

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::board::phase::Phase;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::private_strip::PrivateStrip;
use crate::clock::TimerState;
use crate::dom::{Hide, el, listen, remove_attr, set_attr};
use crate::i18n::{self, Key, Lang};

/// How long "More" waits to be measured when no frame comes (a hidden tab).
const FIT_FALLBACK_MS: f64 = 200.0;

/// What the facilitator (or, for `Ready`, a participant) asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum PhaseAction {
    Prev,
    Next,
    Jump(String),
    TimerStart,
    TimerPause,
    TimerAdd(i64),
    TimerReset,
    ToggleReady,
    Reveal,
}

/// The plan part of the bar.
pub struct PhaseShown<'a> {
    pub plan: &'a [Phase],
    pub current: Option<&'a Phase>,
    pub revealed: &'a [String],
    /// The kinds the add-card form offers now.
    pub kinds: &'a [CardKind],
    /// Show the facilitator's controls (not once the session ended).
    pub controls: bool,
    pub ended: bool,
    pub locked: bool,
}

pub struct PhaseBar {
    pub root: Element,
    steps: Element,
    title: Element,
    instruction: Element,
    more: Element,
    kinds: Element,
    timer: Element,
    timer_state: Element,
    controls: Element,
    /// The private round's strip (`#private-strip`).
    pub private: PrivateStrip,
    ended: Element,
    locked: Element,
    /// What the steps were built from, to rebuild them only when the plan changed.
    built: RefCell<String>,
    /// Whether the instruction's line is to be measured once the page is laid out.
    fit_pending: Rc<Cell<bool>>,
}

fn button(lang: Lang, id: &str, key: Key) -> Element {
    el("button")
        .id(id)
        .attr("type", "button")
        .key(lang, key)
        .build()
}

impl PhaseBar {
    pub fn new(lang: Lang, act: impl Fn(PhaseAction) + 'static) -> Rc<Self> {
        let steps = el("ol").class("phase-steps").build();
        let timer = el("p")
            .id("phase-timer")
            .class("phase-timer")
            .attr("role", "timer")
            .attr("data-state", "idle")
            .text("--:--")
            .build();
        let timer_state = el("p")
            .id("phase-timer-state")
            .class("phase-timer-state")
            .build();
        // "+1 min" is the name; the tooltip spells it out.
        let add1 = button(lang, "timer-add-1", Key::TimerAdd1);
        set_attr(&add1, "title", i18n::t(lang, Key::TimerAdd1Label));
        set_attr(&add1, "data-i18n-title", Key::TimerAdd1Label.name());
        let add5 = button(lang, "timer-add-5", Key::TimerAdd5);
        set_attr(&add5, "title", i18n::t(lang, Key::TimerAdd5Label));
        set_attr(&add5, "data-i18n-title", Key::TimerAdd5Label.name());
        let controls = el("div")
            .id("phase-controls")
            .class("phase-controls")
            .attr("hidden", "")
            .child(
                el("div")
                    .class("control-group")
                    .child(button(lang, "phase-prev", Key::PhasePrev))
                    .child(button(lang, "phase-next", Key::PhaseNext)),
            )
            .child(
                el("div")
                    .class("control-group")
                    .child(button(lang, "timer-start", Key::TimerStart))
                    .child(button(lang, "timer-pause", Key::TimerPause))
                    .child(add1)
                    .child(add5)
                    .child(button(lang, "timer-reset", Key::TimerReset)),
            )
            .build();
        let private = PrivateStrip::new(lang);
        let ended = el("p")
            .id("ended-banner")
            .class("banner")
            .class("banner-ended")
            .attr("role", "status")
            .attr("hidden", "")
            .key(lang, Key::EndedBanner)
            .build();
        let locked = el("p")
            .id("locked-banner")
            .class("banner")
            .attr("hidden", "")
            .key(lang, Key::LockedBanner)
            .build();
        let title = el("h2").id("phase-title").class("phase-title").build();
        let instruction = el("p")
            .id("phase-instruction")
            .class("phase-instruction")
            .build();
        // On a laptop the instruction is cut to one line; this opens it whole.
        let more = el("button")
            .id("phase-more")
            .class("phase-more")
            .attr("type", "button")
            .attr("aria-expanded", "false")
            .attr("aria-controls", "phase-instruction")
            .key(lang, Key::PhaseInstructionMore)
            .build();
        let kinds = el("p").id("phase-kinds").class("phase-kinds").build();
        let root = el("section")
            .id("phase-panel")
            .class("phase-panel")
            .attr("aria-labelledby", "phase-title")
            .child(ended.clone())
            .child(locked.clone())
            .child(
                el("nav")
                    .id("phase-bar")
                    .class("phase-bar")
                    .key_attr(lang, "aria-label", Key::PhasesLabel)
                    .child(steps.clone()),
            )
            .child(
                el("div")
                    .class("phase-now")
                    .child(
                        el("div")
                            .class("phase-text")
                            .child(title.clone())
                            .child(instruction.clone())
                            .child(more.clone())
                            .child(kinds.clone()),
                    )
                    .child(
                        el("div")
                            .class("phase-clock")
                            .child(timer.clone())
                            .child(timer_state.clone()),
                    ),
            )
            .child(controls.clone())
            .child(private.root.clone())
            .build();
        let bar = Rc::new(Self {
            root,
            steps,
            title,
            instruction,
            more,
            kinds,
            timer,
            timer_state,
            controls,
            private,
            ended,
            locked,
            built: RefCell::new(String::new()),
            fit_pending: Rc::new(Cell::new(false)),
        });
        listen(&bar.root, "click", move |event| {
            let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            if target.get_attribute("aria-disabled").as_deref() == Some("true") {
                return;
            }
            if target.id() == "phase-more" {
                return toggle_instruction(&target);
            }
            if let Some(id) = target.get_attribute("data-jump-phase") {
                return act(PhaseAction::Jump(id));
            }
            let action = match target.id().as_str() {
                "phase-prev" => PhaseAction::Prev,
                "phase-next" => PhaseAction::Next,
                "timer-start" => PhaseAction::TimerStart,
                "timer-pause" => PhaseAction::TimerPause,
                "timer-add-1" => PhaseAction::TimerAdd(1),
                "timer-add-5" => PhaseAction::TimerAdd(5),
                "timer-reset" => PhaseAction::TimerReset,
                "ready-toggle" => PhaseAction::ToggleReady,
                "reveal" => PhaseAction::Reveal,
                _ => return,
            };
            act(action);
        });
        bar
    }

    /// The plan, the current phase and what may be written.
    pub fn render(&self, lang: Lang, shown: &PhaseShown<'_>) {
        let tag = lang.tag();
        self.ended.set_hidden(!shown.ended);
        self.locked.set_hidden(!shown.locked || shown.ended);
        self.controls.set_hidden(!shown.controls);
        let signature = format!(
            "{tag}|{}|{}|{}",
            shown.controls,
            shown.revealed.join(","),
            shown
                .plan
                .iter()
                .map(|p| format!("{}:{}:{}", p.id, p.name.get(tag), p.private))
                .collect::<Vec<_>>()
                .join("|")
        );
        if *self.built.borrow() != signature {
            super::phase_steps::build(&self.steps, lang, shown);
            *self.built.borrow_mut() = signature;
        }
        let current_id = shown.current.map(|p| p.id.as_str());
        super::phase_steps::mark_current(&self.steps, current_id);
        match shown.current {
            Some(phase) => {
                let n = shown
                    .plan
                    .iter()
                    .position(|p| p.id == phase.id)
                    .unwrap_or(0)
                    + 1;
                let step = i18n::tf(
                    lang,
                    Key::PhaseStep,
                    &[
                        ("n", &n.to_string()),
                        ("total", &shown.plan.len().to_string()),
                    ],
                );
                set_text(&self.title, &format!("{step} · {}", phase.name.get(tag)));
                set_text(&self.instruction, phase.instruction.get(tag));
            }
            None => {
                set_text(&self.title, i18n::t(lang, Key::PhaseNone));
                set_text(&self.instruction, "");
            }
        }
        let instruction = self.instruction.text_content().unwrap_or_default();
        self.instruction.set_hidden(instruction.is_empty());
        // The whole instruction also as the tooltip of its one cut line.
        set_attr(&self.instruction, "title", &instruction);
        let kinds: Vec<String> = shown
            .kinds
            .iter()
            .map(|k| {
                format!(
                    "{} {}",
                    i18n::kind_icon(*k),
                    i18n::t(lang, i18n::kind_key(*k))
                )
            })
            .collect();
        set_text(
            &self.kinds,
            &format!("{} {}", i18n::t(lang, Key::MayWriteNow), kinds.join(", ")),
        );
        set_attr(
            &self.kinds,
            "data-kinds",
            &shown
                .kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        // Nothing to offer when nobody may write here now (a locked board still takes
        // the facilitator's cards).
        let writes_now =
            !shown.ended && !shown.kinds.is_empty() && (!shown.locked || shown.controls);
        self.kinds.set_hidden(!writes_now);
        let at_start =
            current_id.is_some() && shown.plan.first().map(|p| p.id.as_str()) == current_id;
        let at_end = shown.plan.last().map(|p| p.id.as_str()) == current_id;
        self.enable("phase-prev", current_id.is_some() && !at_start);
        self.enable("phase-next", !shown.plan.is_empty() && !at_end);
        self.fit_instruction();
    }

    /// "More" only where the instruction's line is cut: one Tab stop fewer
    /// everywhere else. Whether it is cut is a matter of the page's layout, not of the
    /// phase, so it is measured again after each [`Self::render`] and each timer tick:
    /// in a task after the next paint, when the browser has laid the page out. Measured
    /// in the same pass as a drawing, or in a task straight after it (which a browser
    /// runs before its next frame), it made the browser lay out the whole board (300
    /// cards) once more before the frame.
    pub fn fit_instruction(&self) {
        if self.fit_pending.replace(true) {
            return;
        }
        let (instruction, more) = (self.instruction.clone(), self.more.clone());
        let pending = Rc::clone(&self.fit_pending);
        crate::browser::after_next_paint(FIT_FALLBACK_MS, move || {
            pending.set(false);
            fit_instruction(&instruction, &more);
        });
    }

    /// The timer's display and, for the facilitator, which timer buttons work now.
    pub fn render_timer(&self, lang: Lang, state: TimerState) {
        set_attr(&self.timer, "data-state", state.attr());
        match state.remaining_ms() {
            Some(ms) => set_attr(&self.timer, "data-remaining-ms", &ms.to_string()),
            None => remove_attr(&self.timer, "data-remaining-ms"),
        }
        let text = state.display().unwrap_or_else(|| "--:--".to_owned());
        set_text(&self.timer, &text);
        let label = match state {
            TimerState::Idle => i18n::t(lang, Key::TimerIdle).to_owned(),
            TimerState::Paused { .. } => i18n::t(lang, Key::TimerPaused).to_owned(),
            TimerState::Done => i18n::t(lang, Key::TimerDone).to_owned(),
            TimerState::Running { .. } => i18n::t(lang, Key::TimerRemaining).to_owned(),
        };
        set_text(&self.timer_state, &label);
        let running = matches!(state, TimerState::Running { .. });
        self.enable("timer-start", !running);
        self.enable("timer-pause", running);
        self.enable("timer-reset", state != TimerState::Idle);
        if let Some(start) = self.control("timer-start") {
            let key = if matches!(state, TimerState::Paused { .. }) {
                Key::TimerResume
            } else {
                Key::TimerStart
            };
            set_attr(&start, "data-i18n", key.name());
            set_text(&start, i18n::t(lang, key));
        }
    }

    fn control(&self, id: &str) -> Option<Element> {
        crate::dom::query(&self.root, &format!("#{id}"))
    }

    /// Marks a button as (not) working now with `aria-disabled` rather than
    /// `disabled`, so a button that just did its job keeps the keyboard focus.
    fn enable(&self, id: &str, on: bool) {
        if let Some(button) = self.control(id) {
            set_attr(&button, "aria-disabled", if on { "false" } else { "true" });
        }
    }
}

/// Opens or closes the whole instruction (`#phase-panel[data-instruction="open"]`).
fn toggle_instruction(button: &Element) {
    // The page's language now (it may have been switched since the bar was built).
    let lang = button
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .map_or(Lang::En, |tag| Lang::from_tag(&tag));
    let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
    set_attr(button, "aria-expanded", if open { "true" } else { "false" });
    let key = if open {
        Key::PhaseInstructionLess
    } else {
        Key::PhaseInstructionMore
    };
    set_attr(button, "data-i18n", key.name());
    set_text(button, i18n::t(lang, key));
    if let Some(panel) = button.closest(".phase-panel").ok().flatten() {
        set_attr(
            &panel,
            "data-instruction",
            if open { "open" } else { "closed" },
        );
    }
}

pub(super) fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

/// Shows "More" only where the instruction's line is cut ([`PhaseBar::fit_instruction`]).
fn fit_instruction(instruction: &Element, more: &Element) {
    let empty = instruction.text_content().unwrap_or_default().is_empty();
    // Nothing to cut: no need to measure (which lays the page out first).
    if empty {
        more.set_hidden(true);
        return;
    }
    let open = more.get_attribute("aria-expanded").as_deref() == Some("true");
    // Measured as if the button were not there: shown, it takes room from the
    // line, and could cut a line that fits and then keep itself in place.
    let room_of_button = if more.has_attribute("hidden") {
        0.0
    } else {
        let line = instruction.get_bounding_client_rect();
        (more.get_bounding_client_rect().right() - line.right()).max(0.0)
    };
    let cut = instruction
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|i| {
            f64::from(i.scroll_width()) > f64::from(i.client_width()) + room_of_button
        });
    more.set_hidden(!(open || cut));
}
