//! The parts of the side panels and overlays kept apart from the table's parts:
//! the facilitator's panels, the people list, the list view's seats, the spotlight,
//! and the arc. Each is derived again when its inputs' versions moved, in
//! [`BoardModel::derive_panels`].

use ovaal_shared::http_api::ArcEntry;
use ovaal_shared::{DocName, SessionId};

use super::BoardModel;
use super::arc::{self, ArcShown};
use super::facilitator_panels::{self, FacilitatorPanels};
use super::list_seats::{self, ListSeat};
use super::people_panel::{self, PeoplePanel};
use super::spotlight::{self, Spotlit};
use super::versions::{Derived, Versioned};

/// The panels' inputs of their own and their derived parts.
#[derive(Debug, Default)]
pub struct Panels {
    /// The arc of sessions as last fetched (empty until then).
    arc: Versioned<Vec<ArcEntry>>,
    /// The session this board shows (the arc marks it; it stands alone in the arc
    /// until the arc arrived).
    this_session: Versioned<Option<SessionId>>,
    arc_wanted: Derived<bool>,
    arc_shown: Derived<Option<ArcShown>>,
    facilitator: Derived<Option<FacilitatorPanels>>,
    people: Derived<Option<PeoplePanel>>,
    list_seats: Derived<Vec<ListSeat>>,
    spotlight: Derived<Spotlit>,
}

impl BoardModel {
    /// Derives again the panels' parts whose inputs moved.
    pub(super) fn derive_panels(&mut self) {
        let lang = *self.lang.get();
        let (who, control, people, present) = (
            self.who.get(),
            self.control.get(),
            self.people.get(),
            self.present.get(),
        );
        let (l, w, c, p, pr) = (
            self.lang.version(),
            self.who.version(),
            self.control.version(),
            self.people.version(),
            self.present.version(),
        );
        let panels = &mut self.panels;
        panels.facilitator.refresh(&[l, w, c, p], || {
            facilitator_panels::derive(lang, who, control, people)
        });
        panels.people.refresh(&[l, w, p, pr], || {
            people_panel::derive(lang, who, people, present)
        });
        let seats = &self.seats;
        panels.list_seats.refresh(&[l, seats.version()], || {
            list_seats::derive(lang, seats.get())
        });
        let mut inputs = vec![l, w, c, p];
        inputs.extend(self.card_versions.values());
        panels.spotlight.refresh(&inputs, || {
            spotlight::derive(lang, who, control, people, &self.cards)
        });
        let carried = self.card_versions.get(&DocName::Carried).copied();
        panels
            .arc_wanted
            .refresh(&[c, carried.unwrap_or_default()], || {
                arc::wanted(control, self.cards.get(&DocName::Carried))
            });
        let (arc, this) = (&panels.arc, &panels.this_session);
        let wanted = &panels.arc_wanted;
        panels.arc_shown.refresh(
            &[l, c, arc.version(), wanted.version(), this.version()],
            || arc::derive(lang, arc.get(), *wanted.get(), control, this.get().as_ref()),
        );
    }

    /// The session this board shows, for the arc.
    pub fn set_this_session(&mut self, id: SessionId) {
        self.panels.this_session.set(Some(id));
    }

    /// The arc of sessions, fetched from the server.
    pub fn set_arc(&mut self, entries: Vec<ArcEntry>) {
        self.panels.arc.set(entries);
    }

    /// Whether this board wants the arc's timeline.
    pub fn arc_wanted(&self) -> &Derived<bool> {
        &self.panels.arc_wanted
    }

    pub fn arc_shown(&self) -> &Derived<Option<ArcShown>> {
        &self.panels.arc_shown
    }

    pub fn facilitator_panels(&self) -> &Derived<Option<FacilitatorPanels>> {
        &self.panels.facilitator
    }

    pub fn people_panel(&self) -> &Derived<Option<PeoplePanel>> {
        &self.panels.people
    }

    pub fn list_seats(&self) -> &Derived<Vec<ListSeat>> {
        &self.panels.list_seats
    }

    pub fn spotlight(&self) -> &Derived<Spotlit> {
        &self.panels.spotlight
    }
}
