//! The views that follow the facilitator's settings, drawn from the model
//! ([`crate::board_model`] decides the phase bar, the rights, the add-card form and
//! the private round's strip): the timer and "time is up", the case-holder's modes
//! (`body[data-caseholder-mode]`, the back-turned screen with their notes), the
//! facilitator's panels, the harvest panel's offers, and the live-region
//! announcements of changes.

use ovaal_shared::board::facilitation::Timer;
use ovaal_shared::board::phase::CaseholderMode;
use ovaal_shared::{DocName, ParticipantId, Role};

use super::Board;
use crate::browser;
use crate::clock::TimerState;
use crate::dom::{self, Hide, remove_attr, set_attr};
use crate::i18n::{self, Key};
use crate::view::facilitator::FacilitatorShown;

/// How often the timer's display is brought up to date.
pub(super) const TICK_MS: i32 = 250;

/// What was last announced, so only changes are read out.
#[derive(Debug, Default)]
pub(super) struct Seen {
    started: bool,
    phase: Option<String>,
    hot_seat: Option<ParticipantId>,
    revealed: Vec<String>,
    /// The running timer last seen (phase, end), to say "time is up" once.
    running: Option<(Option<String>, i64)>,
    /// The timer whose end was announced.
    done: Option<(Option<String>, i64)>,
    /// The arc timeline was asked for (once per page).
    pub arc_requested: bool,
}

fn body_attr(name: &str, value: Option<&str>) {
    if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
        match value {
            Some(v) => set_attr(&body, name, v),
            None => remove_attr(&body, name),
        }
    }
}

impl Board {
    fn role(&self) -> Option<Role> {
        self.session.borrow().role()
    }

    fn me(&self) -> ParticipantId {
        self.session.borrow().me().clone()
    }

    /// Whether this person may change `doc` right now (the server's own rule).
    pub(super) fn may_write_now(&self, doc: &DocName) -> bool {
        self.rights().may_write(doc)
    }

    /// Sitting back-turned: the screen shows only the notes.
    pub(super) fn is_back_turned(&self) -> bool {
        self.rights().back_turned()
    }

    /// Where a card written now goes: the private round's document in a private
    /// phase, else the person's own document.
    pub(super) fn target_doc(&self) -> DocName {
        self.rights().target_doc()
    }

    /// Where the back-turned case-holder's notes go: their private document of this
    /// phase (whether or not the phase is a private round), which nobody else gets.
    pub(super) fn notes_doc(&self) -> Option<DocName> {
        let phase = self.facilitation().phase.clone()?;
        Some(DocName::Private {
            phase,
            owner: self.me(),
        })
    }

    /// Everything that follows from the control document and the role.
    pub(super) fn render_flow(&self) {
        let (back_turned, sound_button) = self.draw_page_mode();
        if back_turned {
            self.render_notes();
        }
        self.draw_facilitator_panels();
        self.draw_harvest_offers();
        // Asked each time: the browser may have unlocked its sound since.
        self.panels.sound.show(sound_button);
        self.render_private();
        self.tick();
    }

    /// The page's mode: the body's ended, locked and case-holder attributes and the
    /// back-turned screen, patched when the model's part moved. Returns whether the
    /// page is back-turned and whether the sound button is offered.
    fn draw_page_mode(&self) -> (bool, bool) {
        let m = self.model.borrow();
        let part = m.page_mode();
        let mode = part.get();
        let shown = (mode.back_turned, mode.sound_button);
        if !self.drawn.page_mode.moved(&[part.version()]) {
            return shown;
        }
        body_attr("data-ended", mode.ended.then_some("true"));
        body_attr("data-locked", mode.locked.then_some("true"));
        body_attr(
            "data-caseholder-mode",
            mode.caseholder_mode.map(CaseholderMode::as_str),
        );
        let lang = mode.lang;
        let back_turned = mode.back_turned;
        drop(m);
        if self.panels.back_turned.show(lang, back_turned) {
            self.notices.clear_announcer();
            self.panels.back_turned.focus();
        }
        shown
    }

    /// The harvest panel: the exports and harvest parts the model offers.
    fn draw_harvest_offers(&self) {
        let m = self.model.borrow();
        let part = m.harvest_offers();
        if !self
            .drawn
            .harvest
            .moved(&[part.version(), m.lang.version()])
        {
            return;
        }
        let offers = part.get();
        self.panels.harvest.render(
            m.lang(),
            &offers.exports,
            offers.caseholder,
            offers.facilitator,
            offers.ended,
        );
    }

    /// The facilitator's tone at time-up, where it is wanted: on the facilitator's own
    /// page and the room screen, not on every participant's phone.
    fn time_up_sound(&self) {
        let wanted = self.facilitation().timer_sound;
        // Observers too: before room screens had links of their own, the projector
        // opened the observers' link.
        if wanted
            && matches!(
                self.role(),
                Some(Role::Facilitator | Role::RoomScreen | Role::Observer)
            )
        {
            crate::sound::play_time_up();
        }
    }

    /// The seated people, in seat order (participant id, name): who may take the hot
    /// seat (the facilitator's panels hold them; other pages have none).
    pub(super) fn seated(&self) -> Vec<(ParticipantId, String)> {
        let m = self.model.borrow();
        m.facilitator_panels()
            .get()
            .as_ref()
            .map(|p| p.seated.clone())
            .unwrap_or_default()
    }

    /// The facilitator's panels and the plan editor, when the model's part moved. An
    /// ended board hides the facilitator panel, the links and the table settings, and
    /// closes the plan editor.
    pub(super) fn draw_facilitator_panels(&self) {
        let m = self.model.borrow();
        let part = m.facilitator_panels();
        if !self.drawn.facilitator_panels.moved(&[part.version()]) {
            return;
        }
        let Some(p) = part.get() else { return };
        self.panels.facilitator.render(
            p.lang,
            &FacilitatorShown {
                locked: p.locked,
                hide_names: p.hide_names,
                participants_export: p.participants_export,
                timer_sound: p.timer_sound,
                seated: &p.seated,
                hot: p.hot.as_ref(),
                plan: &p.plan,
                sponsor_phases: p.sponsor_phases.as_deref(),
            },
        );
        self.panels
            .plan_editor
            .update(p.lang, &p.plan, p.current_phase.as_deref());
        self.panels.facilitator.root.set_hidden(!p.shown);
        self.panels.links.root.set_hidden(!p.shown);
        self.table_settings.root.set_hidden(!p.shown);
        if !p.shown {
            self.panels.plan_editor.close();
        }
    }

    /// The private round's strip: "ready" for writers, "4/6 ready" and Reveal for the
    /// facilitator, drawn when the model's strip moved (presence moves it too).
    pub(super) fn render_private(&self) {
        self.derive();
        let m = self.model.borrow();
        let part = m.private_round();
        if self
            .drawn
            .private_round
            .moved(&[part.version(), m.lang.version()])
        {
            let lang = m.lang();
            self.panels
                .phase_bar
                .private
                .render(lang, part.get().as_ref());
        }
    }

    /// The back-turned case-holder's own notes of this phase.
    pub(super) fn render_notes(&self) {
        let all = self.all_cards();
        let notes: Vec<_> = self
            .notes_doc()
            .and_then(|doc| all.get(&doc))
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        self.panels.back_turned.render_notes(&notes);
    }

    /// Reads out what the facilitator changed: the phase, the hot seat, a reveal. The
    /// first look at the control document only sets the baseline.
    pub(super) fn announce_changes(&self) {
        let lang = self.lang();
        let tag = lang.tag();
        let f = self.facilitation().clone();
        let hot = self.hot_seat().clone();
        let mut seen = self.seen.borrow_mut();
        let first = !seen.started;
        seen.started = true;
        let mut said = Vec::new();
        if seen.phase != f.phase {
            seen.phase = f.phase.clone();
            // "Ready" belonged to the round that just ended.
            self.model.borrow_mut().ready.set(None);
            if let Some(p) = f.current().filter(|_| !first) {
                said.push(i18n::tf(
                    lang,
                    Key::AnnouncePhase,
                    &[
                        ("name", p.name.get(tag)),
                        ("instruction", p.instruction.get(tag)),
                    ],
                ));
            }
        }
        if seen.hot_seat != hot {
            seen.hot_seat = hot.clone();
            if !first {
                said.push(match &hot {
                    Some(id) => {
                        let name = self.display_name(&self.profiles(), id);
                        i18n::tf(lang, Key::AnnounceHotSeat, &[("name", &name)])
                    }
                    None => i18n::t(lang, Key::AnnounceHotSeatEmpty).to_owned(),
                });
            }
        }
        for phase in f.revealed.iter().filter(|r| !seen.revealed.contains(r)) {
            if !first {
                let name = f
                    .plan
                    .iter()
                    .find(|p| &p.id == phase)
                    .map_or(phase.as_str(), |p| p.name.get(tag));
                said.push(i18n::tf(lang, Key::AnnounceReveal, &[("phase", name)]));
            }
        }
        seen.revealed = f.revealed.clone();
        drop(seen);
        for text in said {
            self.notices.announce(&text);
        }
    }

    /// Every [`TICK_MS`]: the timer's display, on the server's clock; "time is up" is
    /// said once when a running timer reaches zero (the phase stays: the facilitator
    /// moves on).
    pub(super) fn tick(&self) {
        let lang = self.lang();
        let (timer, phase) = {
            let f = self.facilitation();
            // An ended session's timer is stopped, whatever it was doing then.
            let timer = if f.ended { Timer::Idle } else { f.timer };
            (timer, f.phase.clone())
        };
        let now = self.clock.get().server_now(browser::now_ms());
        let state = TimerState::of(timer, now);
        self.panels.phase_bar.render_timer(lang, state);
        self.panels.phase_bar.fit_instruction();
        self.room
            .set_timer(&state.display().unwrap_or_default(), state.attr());
        let Timer::Running { ends_at_ms } = timer else {
            self.seen.borrow_mut().running = None;
            return;
        };
        let key = (phase, ends_at_ms);
        let mut seen = self.seen.borrow_mut();
        let just_ended = now - ends_at_ms <= 5_000;
        match state {
            TimerState::Running { .. } => seen.running = Some(key),
            TimerState::Done
                if seen.done.as_ref() != Some(&key)
                    && (seen.running.as_ref() == Some(&key) || just_ended) =>
            {
                seen.running = None;
                seen.done = Some(key);
                drop(seen);
                let f = self.facilitation();
                let name = f.current().map_or("", |p| p.name.get(lang.tag()));
                let text = i18n::tf(lang, Key::TimerDoneAnnounce, &[("phase", name)]);
                drop(f);
                self.notices.announce(&text);
                self.notices.show(lang, &text, "timer");
                self.time_up_sound();
            }
            _ => {}
        }
    }
}
