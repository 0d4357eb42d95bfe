//! The facilitator's actions (phases, timer, switches, hot seat, plan, sponsors,
//! reveal), the case-holder's triage, and "ready" in a private round. Each checks the
//! same permission rule the server applies before writing, so nothing is written that
//! would be refused; then [`Board::after_local_change`] sends and redraws.

use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::facilitation::{self as fac, Timer};
use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::triage::{write_label, write_useful};
use ovaal_shared::{CardId, DocName, ParticipantId};
use yrs::Doc;

use super::Board;
use crate::browser;
use crate::clock::{TimerState, start_minutes};
use crate::plan;
use crate::view::card_marks::TriageChange;
use crate::view::facilitator::FacilitatorAction;
use crate::view::phase_bar::PhaseAction;

impl Board {
    /// Runs `write` on the control document, if this person may change it now.
    pub(super) fn with_control(&self, write: impl FnOnce(&Doc)) {
        if !self.may_write_now(&DocName::Control) {
            return;
        }
        {
            let session = self.session.borrow();
            let Some(doc) = session.docs.get(&DocName::Control) else {
                return;
            };
            write(doc);
        }
        self.after_local_change();
    }

    fn server_now(&self) -> i64 {
        self.clock.get().server_now(browser::now_ms())
    }

    /// Moves the group to another phase. Its timer starts afresh (idle): the
    /// facilitator starts it when the group is ready.
    fn go_to_phase(&self, id: &str) {
        self.with_control(|doc| {
            fac::write_phase(doc, id);
            fac::write_timer(doc, Timer::Idle);
        });
    }

    pub(super) fn phase_action(&self, action: PhaseAction) {
        let f = self.facilitation().clone();
        let now = self.server_now();
        match action {
            PhaseAction::Prev | PhaseAction::Next => {
                let step = if action == PhaseAction::Next { 1 } else { -1 };
                if let Some(phase) = plan::neighbour(&f, step) {
                    self.go_to_phase(&phase.id);
                }
            }
            PhaseAction::Jump(id) => {
                if f.index_of(&id).is_some() && f.phase.as_deref() != Some(id.as_str()) {
                    self.go_to_phase(&id);
                }
            }
            PhaseAction::TimerStart => {
                let timer = match TimerState::of(f.timer, now) {
                    TimerState::Paused { .. } => f.timer.resume(now),
                    TimerState::Running { .. } => return,
                    TimerState::Idle | TimerState::Done => {
                        Timer::start(start_minutes(f.current().map(|p| p.minutes)), now)
                    }
                };
                self.with_control(|doc| fac::write_timer(doc, timer));
            }
            PhaseAction::TimerPause => {
                if matches!(TimerState::of(f.timer, now), TimerState::Running { .. }) {
                    self.with_control(|doc| fac::write_timer(doc, f.timer.pause(now)));
                }
            }
            PhaseAction::TimerAdd(minutes) => {
                let timer = f.timer.add_minutes(minutes, now);
                self.with_control(|doc| fac::write_timer(doc, timer));
            }
            PhaseAction::TimerReset => self.with_control(|doc| fac::write_timer(doc, Timer::Idle)),
            PhaseAction::Reveal => {
                if let Some(phase) = f.current().filter(|p| p.private) {
                    let id = phase.id.clone();
                    self.with_control(|doc| fac::reveal(doc, &id));
                }
            }
            PhaseAction::ToggleReady => self.toggle_ready(),
        }
    }

    pub(super) fn facilitator_action(&self, action: FacilitatorAction) {
        match action {
            FacilitatorAction::Lock(on) => self.with_control(|doc| fac::write_locked(doc, on)),
            FacilitatorAction::HideNames(on) => {
                self.with_control(|doc| fac::write_hide_names(doc, on));
            }
            FacilitatorAction::ParticipantsExport(on) => {
                self.with_control(|doc| fac::write_participants_export(doc, on));
            }
            FacilitatorAction::TimerSound(on) => {
                self.with_control(|doc| fac::write_timer_sound(doc, on));
            }
            FacilitatorAction::HotSeat(who) => {
                let seated = self.seated();
                // Only someone at the table can take the hot seat.
                if who
                    .as_ref()
                    .is_some_and(|id| !seated.iter().any(|(s, _)| s == id))
                {
                    return;
                }
                self.with_control(|doc| write_hot_seat(doc, who.as_ref()));
            }
            FacilitatorAction::SponsorPhases(phases) => {
                self.with_control(|doc| fac::write_sponsor_phases(doc, phases.as_deref()));
            }
            FacilitatorAction::EditPlan => {
                let f = self.facilitation().clone();
                self.panels
                    .plan_editor
                    .open(self.lang(), &f.plan, f.phase.as_deref());
            }
        }
    }

    /// The plan editor's result: written whole (ids are kept by the editor).
    pub(super) fn set_plan(&self, plan: Vec<Phase>) {
        if plan.iter().all(|p| Phase::valid_id(&p.id)) {
            self.with_control(|doc| fac::write_plan(doc, &plan));
        }
    }

    /// The case-holder labels a question or marks advice as useful.
    pub(super) fn triage_card(&self, author: &ParticipantId, id: &CardId, change: TriageChange) {
        if !self.may_write_now(&DocName::Triage) {
            return;
        }
        {
            let mut session = self.session.borrow_mut();
            let doc = session.docs.get_or_create(&DocName::Triage);
            match change {
                TriageChange::Label(label) => write_label(doc, author, id, label),
                TriageChange::Useful(useful) => write_useful(doc, author, id, useful),
            }
        }
        self.after_local_change();
    }

    /// "I'm ready" in a private round: said through presence, never written down.
    fn toggle_ready(&self) {
        let Some(phase) = self
            .facilitation()
            .current()
            .filter(|p| p.private)
            .map(|p| p.id.clone())
        else {
            return;
        };
        {
            let mut model = self.model.borrow_mut();
            let again = model.ready.get().as_deref() == Some(phase.as_str());
            model.ready.set((!again).then_some(phase));
        }
        // The own presence moves with the ready round: the model sends it.
        self.render_model(false);
        self.render_private();
    }
}
