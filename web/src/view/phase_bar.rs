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
//!   #phase-title  #phase-instruction  #phase-kinds
//!   #phase-timer[data-state][data-remaining-ms]  #phase-timer-state
//!   #phase-prev #phase-next #timer-start #timer-pause #timer-add-1 #timer-add-5 #timer-reset
//!   #private-strip: #ready-toggle, #ready-count[data-ready][data-total], #reveal
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::board::phase::Phase;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::clock::TimerState;
use crate::dom::{Hide, el, listen, remove_attr, set_attr};
use crate::i18n::{self, Key, Lang};

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

/// The private round's strip.
pub struct PrivateShown {
    pub revealed: bool,
    /// This person writes in the round and may say "ready".
    pub can_ready: Option<bool>,
    /// The facilitator's "4/6 ready".
    pub count: Option<(usize, usize)>,
    pub can_reveal: bool,
}

pub struct PhaseBar {
    pub root: Element,
    steps: Element,
    title: Element,
    instruction: Element,
    kinds: Element,
    timer: Element,
    timer_state: Element,
    controls: Element,
    private: Element,
    private_text: Element,
    ready: Element,
    ready_count: Element,
    reveal: Element,
    ended: Element,
    locked: Element,
    /// What the steps were built from, to rebuild them only when the plan changed.
    built: RefCell<String>,
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
        let ready = el("button")
            .id("ready-toggle")
            .attr("type", "button")
            .attr("aria-pressed", "false")
            .attr("hidden", "")
            .key(lang, Key::ReadyToggle)
            .build();
        let ready_count = el("span")
            .id("ready-count")
            .class("ready-count")
            .attr("hidden", "")
            .build();
        let reveal = el("button")
            .id("reveal")
            .class("button-primary")
            .attr("type", "button")
            .attr("hidden", "")
            .key(lang, Key::Reveal)
            .build();
        let private_text = el("p").class("private-text").build();
        let private = el("div")
            .id("private-strip")
            .class("private-strip")
            .attr("hidden", "")
            .child(
                el("span")
                    .class("private-icon")
                    .attr("aria-hidden", "true")
                    .text("🔒"),
            )
            .child(private_text.clone())
            .child(ready.clone())
            .child(ready_count.clone())
            .child(reveal.clone())
            .build();
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
            .child(private.clone())
            .build();
        let bar = Rc::new(Self {
            root,
            steps,
            title,
            instruction,
            kinds,
            timer,
            timer_state,
            controls,
            private,
            private_text,
            ready,
            ready_count,
            reveal,
            ended,
            locked,
            built: RefCell::new(String::new()),
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
            self.build_steps(lang, shown);
            *self.built.borrow_mut() = signature;
        }
        let current_id = shown.current.map(|p| p.id.as_str());
        let Ok(items) = self.steps.query_selector_all("li") else {
            return;
        };
        for i in 0..items.length() {
            let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let here = item.get_attribute("data-phase-id").as_deref() == current_id;
            // On the step itself too, so screen readers say "current step" there.
            let step = crate::dom::query(&item, ".phase-step");
            for element in std::iter::once(&item).chain(step.as_ref()) {
                if here {
                    set_attr(element, "aria-current", "step");
                } else {
                    remove_attr(element, "aria-current");
                }
            }
        }
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
        self.instruction.set_hidden(
            self.instruction
                .text_content()
                .unwrap_or_default()
                .is_empty(),
        );
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
        self.kinds.set_hidden(shown.ended);
        let at_start =
            current_id.is_some() && shown.plan.first().map(|p| p.id.as_str()) == current_id;
        let at_end = shown.plan.last().map(|p| p.id.as_str()) == current_id;
        self.enable("phase-prev", current_id.is_some() && !at_start);
        self.enable("phase-next", !shown.plan.is_empty() && !at_end);
    }

    fn build_steps(&self, lang: Lang, shown: &PhaseShown<'_>) {
        let tag = lang.tag();
        self.steps.set_text_content(None);
        for (i, phase) in shown.plan.iter().enumerate() {
            let n = (i + 1).to_string();
            let name = phase.name.get(tag);
            // The visible text is the accessible name ("3 Question round"): a
            // different aria-label would not match what people see (WCAG 2.5.3).
            let mut inner = if shown.controls {
                el("button")
                    .class("phase-step")
                    .attr("type", "button")
                    .attr("data-jump-phase", &phase.id)
                    .attr(
                        "title",
                        &i18n::tf(lang, Key::PhaseJumpLabel, &[("n", &n), ("name", name)]),
                    )
            } else {
                el("span").class("phase-step")
            };
            inner = inner
                .child(el("span").class("phase-num").text(&n))
                .child(el("span").class("visually-hidden").text(" "))
                .child(el("span").class("phase-name").text(name));
            if phase.private {
                let revealed = shown.revealed.iter().any(|r| r == &phase.id);
                let badge = if revealed {
                    format!("🔓 {}", i18n::t(lang, Key::PhaseRevealedBadge))
                } else {
                    format!("🔒 {}", i18n::t(lang, Key::PhasePrivateBadge))
                };
                inner = inner.child(el("span").class("phase-badge").text(&badge));
            }
            let item = el("li")
                .class("phase-item")
                .attr("data-phase-id", &phase.id)
                .child(inner)
                .build();
            let _ = self.steps.append_child(&item);
        }
        self.steps.set_hidden(shown.plan.is_empty());
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

    /// The private round's strip: `None` outside private phases.
    pub fn render_private(&self, lang: Lang, private: Option<&PrivateShown>) {
        let body = crate::dom::document().ok().and_then(|d| d.body());
        let Some(p) = private else {
            self.private.set_hidden(true);
            if let Some(body) = body {
                remove_attr(&body, "data-private");
            }
            return;
        };
        if let Some(body) = body {
            set_attr(&body, "data-private", "true");
        }
        self.private.set_hidden(false);
        let key = if p.revealed {
            Key::PrivateRevealedNotice
        } else {
            Key::PrivateNotice
        };
        if let Some(icon) = crate::dom::query(&self.private, ".private-icon") {
            set_text(&icon, if p.revealed { "🔓" } else { "🔒" });
        }
        set_attr(&self.private_text, "data-i18n", key.name());
        set_text(&self.private_text, i18n::t(lang, key));
        self.ready.set_hidden(p.can_ready.is_none() || p.revealed);
        set_attr(
            &self.ready,
            "aria-pressed",
            if p.can_ready == Some(true) {
                "true"
            } else {
                "false"
            },
        );
        match p.count {
            Some((ready, total)) => {
                self.ready_count.set_hidden(false);
                set_attr(&self.ready_count, "data-ready", &ready.to_string());
                set_attr(&self.ready_count, "data-total", &total.to_string());
                set_text(
                    &self.ready_count,
                    &i18n::tf(
                        lang,
                        Key::ReadyCount,
                        &[("ready", &ready.to_string()), ("total", &total.to_string())],
                    ),
                );
            }
            None => self.ready_count.set_hidden(true),
        }
        self.reveal.set_hidden(!p.can_reveal);
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

fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}
