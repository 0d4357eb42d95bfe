//! From the facilitator's settings to what everyone may do and sees: the policy (the
//! same rule the server applies, so the page never offers what would be refused),
//! the phase bar and timer, the add-card form's kinds, the case-holder's modes
//! (`body[data-caseholder-mode]`, the back-turned screen), private rounds and "ready",
//! the facilitator's panels, and the live-region announcements of changes.

use ovaal_shared::board::CardKind;
use ovaal_shared::board::control::read_hot_seat;
use ovaal_shared::board::facilitation::{Facilitation, Timer, read_facilitation};
use ovaal_shared::board::phase::CaseholderMode;
use ovaal_shared::board::seating;
use ovaal_shared::permissions::{Policy, Refusal, may_write_in};
use ovaal_shared::{DocName, ParticipantId, Role};
use yrs::Doc;

use super::Board;
use crate::awareness::ready_count;
use crate::browser;
use crate::clock::TimerState;
use crate::dom::{self, Hide, remove_attr, set_attr};
use crate::i18n::{self, Key};
use crate::plan;
use crate::view::facilitator::FacilitatorShown;
use crate::view::phase_bar::PhaseShown;
use crate::view::private_strip::PrivateShown;
use ovaal_shared::export_format::{ExportFormat, ExportSettings};

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

/// The state before the control document arrives.
pub(super) fn empty_facilitation() -> Facilitation {
    read_facilitation(&Doc::new())
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
    /// Reads the facilitator's state and the hot seat from the control document.
    pub(super) fn read_control(&self, doc: &Doc) {
        let facilitation = read_facilitation(doc);
        let hot = read_hot_seat(doc);
        let mut policy = Policy::new(&facilitation, hot.clone());
        policy.ended = facilitation.ended;
        *self.policy.borrow_mut() = policy;
        *self.facilitation.borrow_mut() = facilitation;
        *self.hot_seat.borrow_mut() = hot;
    }

    fn role(&self) -> Option<Role> {
        self.session.borrow().role()
    }

    fn me(&self) -> ParticipantId {
        self.session.borrow().me().clone()
    }

    /// Whether this person may change `doc` right now (the server's own rule).
    pub(super) fn may_write_now(&self, doc: &DocName) -> bool {
        self.write_refusal(doc).is_none() && self.role().is_some()
    }

    fn write_refusal(&self, doc: &DocName) -> Option<Refusal> {
        let role = self.role()?;
        may_write_in(role, &self.me(), doc, &self.policy.borrow()).err()
    }

    /// The case-holder's mode now, if this person sits in the hot seat.
    pub(super) fn caseholder_mode(&self) -> Option<CaseholderMode> {
        let writes = self.role().is_some_and(Role::writes);
        let hot = self.hot_seat.borrow().as_ref() == Some(&self.me());
        (writes && hot).then(|| {
            self.facilitation
                .borrow()
                .current()
                .map_or(CaseholderMode::Speaks, |p| p.caseholder)
        })
    }

    /// Sitting back-turned: the screen shows only the notes.
    pub(super) fn is_back_turned(&self) -> bool {
        self.caseholder_mode() == Some(CaseholderMode::BackTurned)
            && !self.facilitation.borrow().ended
    }

    /// Where a card written now goes: the private round's document in a private
    /// phase, else the person's own document.
    pub(super) fn target_doc(&self) -> DocName {
        let me = self.me();
        match self.facilitation.borrow().current() {
            Some(phase) if phase.private => DocName::Private {
                phase: phase.id.clone(),
                owner: me,
            },
            _ => DocName::Participant(me),
        }
    }

    /// Where the back-turned case-holder's notes go: their private document of this
    /// phase (whether or not the phase is a private round), which nobody else gets.
    pub(super) fn notes_doc(&self) -> Option<DocName> {
        let phase = self.facilitation.borrow().phase.clone()?;
        Some(DocName::Private {
            phase,
            owner: self.me(),
        })
    }

    /// Everything that follows from the control document and the role.
    pub(super) fn render_flow(&self) {
        let lang = self.lang.get();
        let role = self.role();
        let facilitator = role == Some(Role::Facilitator);
        let f = self.facilitation.borrow().clone();
        let current = f.current();
        let kinds = plan::allowed_kinds(&f);
        self.flow.phase_bar.render(
            lang,
            &PhaseShown {
                plan: &f.plan,
                current,
                revealed: &f.revealed,
                kinds: &kinds,
                controls: facilitator && !f.ended,
                ended: f.ended,
                locked: f.locked,
            },
        );
        let tag = lang.tag();
        self.room.set_phase(
            current.map_or("", |p| p.name.get(tag)),
            current.map_or("", |p| p.instruction.get(tag)),
        );
        body_attr("data-ended", f.ended.then_some("true"));
        body_attr("data-locked", f.locked.then_some("true"));
        let mode = self.caseholder_mode();
        body_attr("data-caseholder-mode", mode.map(CaseholderMode::as_str));
        self.render_compose(&kinds);
        let back_turned = self.is_back_turned();
        if self.flow.back_turned.show(lang, back_turned) {
            self.notices.clear_announcer();
            self.flow.back_turned.focus();
        }
        if back_turned {
            self.render_notes();
        }
        if facilitator {
            self.render_facilitator();
            self.flow
                .plan_editor
                .update(lang, &f.plan, f.phase.as_deref());
            // An ended board can be read, exported and continued, nothing else: the
            // settings, the hot seat, the seats and new links would only be refused.
            self.flow.facilitator.root.set_hidden(f.ended);
            self.flow.links.root.set_hidden(f.ended);
            self.table_settings.root.set_hidden(f.ended);
            if f.ended {
                self.flow.plan_editor.close();
            }
        }
        let settings = ExportSettings {
            participants_export: f.participants_export,
            hide_names: f.hide_names,
        };
        let exports: Vec<ExportFormat> = ExportFormat::ALL
            .into_iter()
            .filter(|x| role.is_some_and(|r| x.may_download(r, settings)))
            .collect();
        let caseholder = self.role().is_some_and(Role::writes)
            && self.hot_seat.borrow().as_ref() == Some(&self.me());
        self.flow
            .harvest
            .render(lang, &exports, caseholder, facilitator, f.ended);
        self.flow
            .sound
            .show(role.is_some_and(|r| !r.writes()) && f.timer_sound && !f.ended);
        self.render_private();
        self.update_undo_buttons();
        self.tick();
    }

    /// The facilitator's tone at time-up, where it is wanted: on the facilitator's own
    /// page and the room screen, not on every participant's phone.
    fn time_up_sound(&self) {
        let wanted = self.facilitation.borrow().timer_sound;
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

    /// The add-card form: the phase's kinds, or why this person cannot write now.
    fn render_compose(&self, kinds: &[CardKind]) {
        let lang = self.lang.get();
        if !self.role().is_some_and(Role::writes) {
            return;
        }
        self.compose.set_kinds(lang, kinds);
        let note = match self.write_refusal(&self.target_doc()) {
            None => None,
            Some(Refusal::CaseholderListens) => Some(Key::CaseholderListensNote),
            Some(refusal) => i18n::refusal_key(refusal.code()),
        };
        self.compose.set_note(lang, note);
    }

    /// The seated people, in seat order (participant id, name).
    pub(super) fn seated(&self) -> Vec<(ParticipantId, String)> {
        let profiles = self.profiles.borrow();
        seating::seat_holders(profiles.iter(), self.seat_count())
            .into_values()
            .map(|id| {
                let name = self.display_name(&profiles, &id);
                (id, name)
            })
            .collect()
    }

    pub(super) fn render_facilitator(&self) {
        let f = self.facilitation.borrow();
        let seated = self.seated();
        let hot = self.hot_seat.borrow().clone();
        self.flow.facilitator.render(
            self.lang.get(),
            &FacilitatorShown {
                locked: f.locked,
                hide_names: f.hide_names,
                participants_export: f.participants_export,
                timer_sound: f.timer_sound,
                seated: &seated,
                hot: hot.as_ref(),
                plan: &f.plan,
                sponsor_phases: f.sponsor_phases.as_deref(),
            },
        );
    }

    /// The private round's strip: "ready" for writers, "4/6 ready" and Reveal for the
    /// facilitator. Also called when presence changes.
    pub(super) fn render_private(&self) {
        let lang = self.lang.get();
        let role = self.role();
        let f = self.facilitation.borrow();
        let Some(phase) = f.current().filter(|p| p.private) else {
            self.flow.phase_bar.private.render(lang, None);
            return;
        };
        let facilitator = role == Some(Role::Facilitator);
        let writer = role.is_some_and(Role::is_participant);
        let count = facilitator.then(|| {
            let seated = self
                .seated()
                .into_iter()
                .map(|(id, _)| id.to_string())
                .collect();
            ready_count(self.awareness.borrow().present(), &seated, &phase.id)
        });
        let ready = self.ready.borrow().as_deref() == Some(phase.id.as_str());
        let shown = PrivateShown {
            revealed: f.is_revealed(&phase.id),
            can_ready: (writer && !f.ended).then_some(ready),
            count,
            can_reveal: facilitator && !f.ended && !f.is_revealed(&phase.id),
        };
        self.flow.phase_bar.private.render(lang, Some(&shown));
    }

    /// The back-turned case-holder's own notes of this phase.
    pub(super) fn render_notes(&self) {
        let all = self.all_cards.borrow();
        let notes: Vec<_> = self
            .notes_doc()
            .and_then(|doc| all.get(&doc))
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        self.flow.back_turned.render_notes(&notes);
    }

    /// Reads out what the facilitator changed: the phase, the hot seat, a reveal. The
    /// first look at the control document only sets the baseline.
    pub(super) fn announce_changes(&self) {
        let lang = self.lang.get();
        let tag = lang.tag();
        let f = self.facilitation.borrow().clone();
        let hot = self.hot_seat.borrow().clone();
        let mut seen = self.seen.borrow_mut();
        let first = !seen.started;
        seen.started = true;
        let mut said = Vec::new();
        if seen.phase != f.phase {
            seen.phase = f.phase.clone();
            // "Ready" belonged to the round that just ended.
            self.ready.borrow_mut().take();
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
                        let name = self.display_name(&self.profiles.borrow(), id);
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
        let lang = self.lang.get();
        let (timer, phase) = {
            let f = self.facilitation.borrow();
            // An ended session's timer is stopped, whatever it was doing then.
            let timer = if f.ended { Timer::Idle } else { f.timer };
            (timer, f.phase.clone())
        };
        let now = self.clock.get().server_now(browser::now_ms());
        let state = TimerState::of(timer, now);
        self.flow.phase_bar.render_timer(lang, state);
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
                let f = self.facilitation.borrow();
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
