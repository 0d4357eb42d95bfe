//! The board as a model: everything the board page shows that follows from the
//! documents and the local state, computed here without the browser and tested on
//! the host. The page (`board` in the browser build) reads changed documents into
//! the model's inputs ([`BoardModel::read_doc`]), sets the local inputs (language,
//! who this person is, who is present), calls [`BoardModel::derive`], and then
//! patches each view whose part moved — never the other way round.
//!
//! - [`versions`]: the one change mechanism, version counters ([`Versioned`],
//!   [`Derived`], and the views' [`Drawn`]).
//! - [`inputs`]: what the model is made from ([`Who`], [`Control`], [`People`],
//!   presence, the triage, each document's cards).
//! - [`rights`]: what this person may write now, per document, role, phase and
//!   private round; the case-holder's modes.
//! - [`card_looks`]: which cards show, with which byline, note, marks and tools.
//! - [`seats`]: the seats and who holds them.
//! - [`phase_bar`]: the phase bar and the room screen's phase.
//! - [`compose`]: the add-card form's kinds and why it may be closed.
//! - [`harvest_offers`]: the export formats and harvest parts offered to this person.
//! - [`private_round`]: the private round's strip ("ready", "4/6 ready", Reveal).
//! - [`page_mode`]: ended, locked, the case-holder's mode (back-turned), the sound
//!   button, whether this person may undo now.
//! - [`presence`]: who is here, the room's count, "you" in the header, the hint,
//!   the seat prompt, the join dialog and the keyboard hint.
//! - [`own_presence`]: what this browser tells the others about this person (the
//!   page sends only this).
//! - [`undo_buttons`]: undo and redo offered and enabled (the role, the page's mode,
//!   what the undo manager holds).
//! - [`header`]: the connection pill, "saved" / "not yet saved", the method badge.
//! - [`loaded`]: the session's links, fetched over HTTP and shown with words.
//! - [`panels`]: the side panels' and overlays' parts, derived in
//!   [`BoardModel::derive_panels`]:
//!   - [`facilitator_panels`]: the facilitator's switches, the seated people and the
//!     hot seat, the plan (and the plan editor's), and whether the panels show.
//!   - [`people_panel`]: who the facilitator may remove, with name and present role.
//!   - [`list_seats`]: the list view's seats ("you", online, badges, which to take).
//!   - [`spotlight`]: what the spotlight shows (its place's or card's cards with
//!     bylines) on the room screen and in the facilitator's bar.
//!   - [`arc`]: whether the arc's timeline is wanted, and the fetched arc to draw.
//! - [`card_places`]: where each card lies (the shared `place_of`) and what a place
//!   is called, for the list and the spotlight.
//!
//! The language is an input like any other: switching it moves [`BoardModel::lang`],
//! every part with words in it is derived again, and the views patch what differs.
//! Views that draw words from an input directly (the page's fixed words, the links)
//! count the language among the versions they drew at, so nothing lists
//! what to relabel.

pub mod arc;
pub mod card_looks;
pub mod card_places;
pub mod compose;
pub mod facilitator_panels;
pub mod harvest_offers;
pub mod header;
pub mod inputs;
pub mod list_seats;
pub mod loaded;
pub mod own_presence;
pub mod page_mode;
pub mod panels;
pub mod people_panel;
pub mod phase_bar;
pub mod presence;
pub mod private_round;
pub mod rights;
pub mod seats;
pub mod spotlight;
pub mod undo_buttons;
pub mod versions;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use ovaal_shared::board::triage::Triage;
use ovaal_shared::{DocName, ParticipantId};

use crate::card_model::BoardCard;
use crate::i18n::Lang;
use card_looks::{LookContext, ShownCard};
use compose::ComposeState;
use harvest_offers::HarvestOffers;
use header::{HeaderShown, Status};
pub use inputs::{Connection, Control, People, Present, Who};
use ovaal_shared::protocol::presence::PresenceState;
use page_mode::PageMode;
use phase_bar::PhaseBarState;
use presence::PresenceShown;
use private_round::PrivateShown;
use rights::Rights;
use seats::Seats;
use undo_buttons::{UndoButtonsShown, UndoHeld};

use crate::saves::SaveState;
pub use versions::{Derived, Drawn, Stamp, Versioned};

/// The documents as last read, the local state, and what is derived from them.
#[derive(Debug)]
pub struct BoardModel {
    pub lang: Versioned<Lang>,
    pub who: Versioned<Who>,
    pub control: Versioned<Control>,
    pub people: Versioned<People>,
    pub present: Versioned<Present>,
    pub triage: Versioned<Triage>,
    /// The private round this person said they are ready in (sent as presence).
    pub ready: Versioned<Option<String>>,
    pub connection: Versioned<Connection>,
    /// The connection pill's state.
    pub status: Versioned<Status>,
    /// Whether every change made here is stored by the server.
    pub saves: Versioned<SaveState>,
    /// The page was opened with a join code (see [`own_presence::derive`]).
    pub join_code: Versioned<bool>,
    /// What the undo manager over this person's own document holds.
    pub undo_held: Versioned<UndoHeld>,
    /// The session's links, for the facilitator's panel.
    pub links: Versioned<loaded::Links>,
    /// Every card-holding document's cards, as last read, and each one's version
    /// (kept apart so the views can borrow all cards as one map).
    cards: BTreeMap<DocName, Vec<BoardCard>>,
    card_versions: BTreeMap<DocName, u64>,
    looks: BTreeMap<DocName, Derived<Vec<ShownCard>>>,
    seats: Derived<Seats>,
    phase_bar: Derived<PhaseBarState>,
    compose: Derived<ComposeState>,
    private_round: Derived<Option<PrivateShown>>,
    harvest_offers: Derived<HarvestOffers>,
    presence: Derived<PresenceShown>,
    page_mode: Derived<PageMode>,
    own_presence: Derived<Option<PresenceState>>,
    undo_buttons: Derived<UndoButtonsShown>,
    header: Derived<HeaderShown>,
    panels: panels::Panels,
}

impl BoardModel {
    pub fn new(lang: Lang, me: ParticipantId) -> Self {
        Self {
            lang: Versioned::new(lang),
            who: Versioned::new(Who {
                me,
                role: None,
                live: false,
            }),
            control: Versioned::default(),
            people: Versioned::default(),
            present: Versioned::default(),
            triage: Versioned::default(),
            ready: Versioned::default(),
            connection: Versioned::default(),
            status: Versioned::default(),
            saves: Versioned::new(SaveState::Saved),
            join_code: Versioned::default(),
            undo_held: Versioned::default(),
            links: Versioned::default(),
            cards: BTreeMap::new(),
            card_versions: BTreeMap::new(),
            looks: BTreeMap::new(),
            seats: Derived::default(),
            phase_bar: Derived::default(),
            compose: Derived::default(),
            private_round: Derived::default(),
            harvest_offers: Derived::default(),
            presence: Derived::default(),
            page_mode: Derived::default(),
            own_presence: Derived::default(),
            undo_buttons: Derived::default(),
            header: Derived::default(),
            panels: panels::Panels::default(),
        }
    }

    /// A model for a page opened with (or without) a join code in its address.
    pub fn with_join_code(lang: Lang, me: ParticipantId, join_code: bool) -> Self {
        let mut model = Self::new(lang, me);
        model.join_code.set(join_code);
        model
    }

    pub fn lang(&self) -> Lang {
        *self.lang.get()
    }

    pub fn me(&self) -> &ParticipantId {
        &self.who.get().me
    }

    /// What this person may do under the control document as it is now.
    pub fn rights(&self) -> Rights {
        Rights::of(self.who.get(), self.control.get())
    }

    /// Derives again every part whose inputs moved.
    pub fn derive(&mut self) {
        let lang = *self.lang.get();
        let (who, control, people) = (self.who.get(), self.control.get(), self.people.get());
        let rights = Rights::of(who, control);
        let base = [
            self.lang.version(),
            self.who.version(),
            self.control.version(),
            self.people.version(),
            self.triage.version(),
        ];
        let ctx = LookContext::new(lang, &who.me, control, people, self.triage.get(), &rights);
        for (doc, cards) in &self.cards {
            let [a, b, c, d, e] = base;
            let version = self.card_versions.get(doc).copied().unwrap_or_default();
            self.looks
                .entry(doc.clone())
                .or_default()
                .refresh(&[a, b, c, d, e, version], || ctx.shown(doc, cards));
        }
        self.seats.refresh(
            &[base[0], base[1], base[2], base[3], self.present.version()],
            || seats::derive(lang, who, control, people, self.present.get()),
        );
        self.phase_bar
            .refresh(&base[..3], || phase_bar::derive(lang, who, control));
        self.compose
            .refresh(&base[..3], || compose::derive(lang, &rights, control));
        self.page_mode.refresh(&base[..3], || {
            page_mode::derive(lang, who, control, &rights)
        });
        self.harvest_offers
            .refresh(&base[1..3], || harvest_offers::derive(who, control));
        self.private_round.refresh(
            &[
                base[1],
                base[2],
                base[3],
                self.present.version(),
                self.ready.version(),
            ],
            || {
                private_round::derive(
                    who,
                    control,
                    people,
                    self.present.get(),
                    self.ready.get().as_deref(),
                )
            },
        );
        self.undo_buttons.refresh(
            &[
                self.who.version(),
                self.page_mode.version(),
                self.undo_held.version(),
            ],
            || undo_buttons::derive(who, self.page_mode.get(), *self.undo_held.get()),
        );
        self.header.refresh(
            &[
                base[0],
                base[1],
                base[2],
                self.status.version(),
                self.saves.version(),
            ],
            || header::derive(lang, *self.status.get(), *self.saves.get(), who, control),
        );
        self.derive_own_presence();
        self.derive_presence();
        self.derive_panels();
    }

    /// Derives again this person's own presence state, if its inputs moved.
    fn derive_own_presence(&mut self) {
        let inputs = [
            self.lang.version(),
            self.who.version(),
            self.people.version(),
            self.ready.version(),
            self.join_code.version(),
        ];
        self.own_presence.refresh(&inputs, || {
            own_presence::derive(
                *self.lang.get(),
                self.who.get(),
                self.people.get(),
                self.ready.get().as_deref(),
                *self.join_code.get(),
            )
        });
    }

    /// Derives again the presence part, if its inputs moved.
    fn derive_presence(&mut self) {
        let inputs = [
            self.lang.version(),
            self.who.version(),
            self.control.version(),
            self.people.version(),
            self.present.version(),
            self.connection.version(),
            self.status.version(),
            self.own_presence.version(),
        ];
        self.presence.refresh(&inputs, || {
            // Listed first once this browser announces it (while connected).
            let own = self.own_presence.get().as_ref();
            let who = self.who.get();
            presence::derive(
                *self.lang.get(),
                who,
                self.control.get(),
                self.people.get(),
                self.present.get(),
                &presence::Local {
                    connection: self.connection.get(),
                    failure: self.status.get().failure(),
                    own: own.filter(|_| who.live),
                },
            )
        });
    }

    /// The cards of each document as shown, with the version of each list.
    pub fn looks(&self) -> impl Iterator<Item = (&DocName, &Derived<Vec<ShownCard>>)> {
        self.looks.iter()
    }

    /// The versions of every document's shown cards, for views that show them all.
    pub fn looks_versions(&self) -> Vec<u64> {
        self.looks.values().map(Derived::version).collect()
    }

    /// The versions of every document's cards as read.
    pub fn cards_versions(&self) -> Vec<u64> {
        self.card_versions.values().copied().collect()
    }

    /// Replaces a document's cards; its version moves only if they differ.
    pub fn set_cards(&mut self, doc: &DocName, cards: Vec<BoardCard>) {
        if self.cards.get(doc) == Some(&cards) {
            return;
        }
        self.cards.insert(doc.clone(), cards);
        *self.card_versions.entry(doc.clone()).or_default() += 1;
    }

    pub fn seats(&self) -> &Derived<Seats> {
        &self.seats
    }

    pub fn phase_bar(&self) -> &Derived<PhaseBarState> {
        &self.phase_bar
    }

    pub fn compose(&self) -> &Derived<ComposeState> {
        &self.compose
    }

    pub fn harvest_offers(&self) -> &Derived<HarvestOffers> {
        &self.harvest_offers
    }

    pub fn page_mode(&self) -> &Derived<PageMode> {
        &self.page_mode
    }

    pub fn presence(&self) -> &Derived<PresenceShown> {
        &self.presence
    }

    /// What this browser tells the others about this person.
    pub fn own_presence(&self) -> &Derived<Option<PresenceState>> {
        &self.own_presence
    }

    pub fn undo_buttons(&self) -> &Derived<UndoButtonsShown> {
        &self.undo_buttons
    }

    pub fn header(&self) -> &Derived<HeaderShown> {
        &self.header
    }

    pub fn private_round(&self) -> &Derived<Option<PrivateShown>> {
        &self.private_round
    }

    /// Every card-holding document's cards.
    pub fn all_cards(&self) -> &BTreeMap<DocName, Vec<BoardCard>> {
        &self.cards
    }

    /// A person's name as shown ("someone" before their profile arrived).
    pub fn display_name(&self, id: &ParticipantId) -> String {
        card_looks::display_name(self.lang(), self.people.get(), id)
    }
}
