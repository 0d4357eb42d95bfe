//! From the documents to the model to the views. The update observers in
//! [`crate::docs`] mark the documents that changed; only those are read again into
//! the [`BoardModel`](crate::board_model::BoardModel), which derives again the parts
//! whose inputs moved. Each view then patches the page when the version of what it
//! shows moved since it last drew ([`DrawnParts`]); nothing else says what changed.

use std::cell::{Ref, RefCell};
use std::collections::BTreeMap;

use ovaal_shared::board::facilitation::Facilitation;
use ovaal_shared::board::triage::Triage;
use ovaal_shared::board::{Profile, SessionSettings};
use ovaal_shared::{DocName, ParticipantId, Role};

use super::Board;
use crate::board_model::rights::Rights;
use crate::board_model::{Connection, Drawn, Present, Stamp, Who};
use crate::card_model::BoardCard;
use crate::dom::{self, Hide, el, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::view::phase_bar::PhaseShown;
use crate::view::presence::Person;

/// The versions of the model each view last drew.
#[derive(Default)]
pub(super) struct DrawnParts {
    /// Each document's cards on the table.
    cards: RefCell<BTreeMap<DocName, Stamp>>,
    seats: Drawn,
    phase_bar: Drawn,
    compose: Drawn,
    pub(super) private_round: Drawn,
    pub(super) page_mode: Drawn,
    pub(super) harvest: Drawn,
    /// The page's fixed words (labels, buttons, placeholders).
    words: Drawn,
    /// The connection pill, the save state, the method badge.
    header: Drawn,
    undo_buttons: Drawn,
    /// What this browser last sent about this person.
    own_presence: Drawn,
    table_settings: Drawn,
    links: Drawn,
    /// The title, the method, the seat count, announcements of the facilitator's
    /// changes.
    control: Drawn,
    /// What [`Board::render_flow`] draws.
    flow: Drawn,
    /// The presence part, and what follows presence (the private round, the table).
    presence: Drawn,
    people: Drawn,
    list: Drawn,
    notes: Drawn,
    pub(super) spotlight: Drawn,
    /// The arc was asked for (again, after a failure) since the control document or
    /// the carried cards moved.
    arc: Drawn,
    table: Drawn,
    pub(super) facilitator_panels: Drawn,
    pub(super) people_panel: Drawn,
    /// The arc's timeline, in the model's language.
    pub(super) arc_panel: Drawn,
}

impl Board {
    pub(super) fn lang(&self) -> Lang {
        self.model.borrow().lang()
    }

    /// What this person may do now (the server's own rule).
    pub(super) fn rights(&self) -> Rights {
        self.model.borrow().rights()
    }

    pub(super) fn facilitation(&self) -> Ref<'_, Facilitation> {
        Ref::map(self.model.borrow(), |m| &m.control.get().facilitation)
    }

    pub(super) fn settings(&self) -> Ref<'_, Option<SessionSettings>> {
        Ref::map(self.model.borrow(), |m| &m.control.get().settings)
    }

    pub(super) fn hot_seat(&self) -> Ref<'_, Option<ParticipantId>> {
        Ref::map(self.model.borrow(), |m| &m.control.get().hot_seat)
    }

    pub(super) fn profiles(&self) -> Ref<'_, BTreeMap<ParticipantId, Profile>> {
        Ref::map(self.model.borrow(), |m| &m.people.get().profiles)
    }

    pub(super) fn triage(&self) -> Ref<'_, Triage> {
        Ref::map(self.model.borrow(), |m| m.triage.get())
    }

    pub(super) fn all_cards(&self) -> Ref<'_, BTreeMap<DocName, Vec<BoardCard>>> {
        Ref::map(self.model.borrow(), |m| m.all_cards())
    }

    /// Reads the documents changed since the last call into the model and patches
    /// the views. `announce` is true for live updates from others: their new cards
    /// are read out by screen readers.
    pub(super) fn render_dirty(&self, announce: bool) {
        // Live documents waiting for the next frame are drawn now, announced as such.
        let announce = announce || self.announce_pending.replace(false);
        let dirty = self.session.borrow().docs.take_dirty();
        if dirty.is_empty() {
            return;
        }
        self.remember_locally(&dirty);
        {
            let session = self.session.borrow();
            let mut model = self.model.borrow_mut();
            for name in &dirty {
                if let Some(doc) = session.docs.get(name) {
                    model.read_doc(name, doc);
                }
            }
        }
        self.render_model(announce);
    }

    /// Brings the local inputs (who this person is, who is present, the connection)
    /// into the model
    /// and derives again what moved.
    pub(super) fn derive(&self) {
        let who = {
            let session = self.session.borrow();
            Who {
                me: session.me().clone(),
                role: session.role(),
                live: session.is_live(),
            }
        };
        let present: Present = ovaal_shared::sort::map_of(
            self.awareness
                .borrow()
                .present()
                .into_iter()
                .map(|s| (s.participant.clone(), s.clone())),
        );
        let connection = Connection {
            own_doc_ready: self.session.borrow().own_doc_ready(),
        };
        let mut model = self.model.borrow_mut();
        model.who.set(who);
        model.present.set(present);
        model.connection.set(connection);
        model.derive();
    }

    /// Derives the model again and patches every view whose part of it moved.
    pub(super) fn render_model(&self, announce: bool) {
        self.derive();
        let m = self.model.borrow();
        let (lang, who, control, people, triage) = (
            m.lang.version(),
            m.who.version(),
            m.control.version(),
            m.people.version(),
            m.triage.version(),
        );
        let cards = m.cards_versions();
        let looks = m.looks_versions();
        let carried = m
            .all_cards()
            .keys()
            .position(|d| d == &DocName::Carried)
            .and_then(|i| cards.get(i).copied())
            .unwrap_or_default();
        let links = m.links.version();
        drop(m);
        // The page was built in the first language (version 1): its fixed words are
        // translated again in place when the language moved since (keeping focus and
        // drafts).
        if self.drawn.words.moved(&[lang]) && lang > 1 {
            dom::relabel(self.lang());
        }
        self.draw_header();
        self.draw_undo_buttons();
        self.send_own_presence_if_moved();
        // Not before the control document was first read (version 1 is the empty
        // default): the first phase seen is not announced as a change.
        if control > 1 && self.drawn.control.moved(&[control]) {
            if let Some(settings) = self.settings().clone() {
                self.header.set_title(&settings.title);
            }
            let hot = self.hot_seat().clone();
            self.session.borrow_mut().set_hot_seat(hot);
            self.announce_changes();
        }
        // The seats before the cards: drawing them reads their fonts, which is cheap
        // before hundreds of new cards wait to be styled.
        self.draw_seats();
        self.draw_cards(announce);
        self.draw_phase_bar();
        self.draw_compose();
        let flow = [lang, who, control, people];
        if self.drawn.flow.moved(&flow) {
            self.render_flow();
        }
        if self.is_back_turned() && self.drawn.notes.moved(&cards) {
            self.render_notes();
        }
        self.draw_presence();
        let seating_moved = self.draw_after_presence(&self.presence_inputs());
        let mut shown = looks.clone();
        shown.extend([lang, who, control, people, triage]);
        shown.extend(&cards);
        let mut list = shown.clone();
        list.push(self.model.borrow().list_seats().version());
        if self.drawn.list.moved(&list) {
            self.render_list();
        }
        self.draw_spotlight();
        if self.drawn.arc.moved(&[control, carried]) {
            self.maybe_load_arc();
        }
        self.draw_arc();
        if self.drawn.table_settings.moved(&[lang, control]) {
            let seats = self.settings().as_ref().map(|s| s.seats);
            self.table_settings.draw(self.lang(), seats);
        }
        if self.drawn.links.moved(&[lang, links]) {
            let m = self.model.borrow();
            self.panels.links.draw(m.lang(), m.links.get());
        }
        // The table last, and once: arranging it may read the board's size, which
        // makes the browser lay out again whatever the views above changed since. Only
        // when the arrangement moved: the welcome of a page that drew its local copy
        // brings the same board, and a seat or card drawn anew asks for it
        // (`table_needs_arranging`).
        let cards_moved = self.drawn.table.moved(&shown);
        if seating_moved || cards_moved {
            self.render_table_if_moved();
        }
    }

    /// The header's connection pill, save state and method badge; the body's
    /// `data-saved` (which the tests and the stylesheet read).
    fn draw_header(&self) {
        let m = self.model.borrow();
        let part = m.header();
        if !self.drawn.header.moved(&[part.version()]) {
            return;
        }
        let shown = part.get();
        self.header.draw(shown);
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            match &shown.save {
                Some(save) => set_attr(&body, "data-saved", save.state.attr()),
                None => dom::remove_attr(&body, "data-saved"),
            }
        }
    }

    /// The undo and redo buttons, offered and enabled as the model says.
    fn draw_undo_buttons(&self) {
        let m = self.model.borrow();
        let part = m.undo_buttons();
        if !self.drawn.undo_buttons.moved(&[part.version()]) {
            return;
        }
        let shown = *part.get();
        drop(m);
        self.undo_buttons.show(shown.offered);
        self.undo_buttons.set_state(shown.undo, shown.redo);
    }

    /// Tells the others when what this browser announces about this person moved (a
    /// new name or place, the ready round, a room screen's name in another language).
    fn send_own_presence_if_moved(&self) {
        let version = self.model.borrow().own_presence().version();
        if self.drawn.own_presence.moved(&[version]) {
            self.send_presence();
        }
    }

    /// Each document's cards on the table, where their looks moved. Others' new
    /// cards are read out with `announce` (not to a back-turned case-holder, who
    /// hears nothing of the board; nor a revealed round, whose reveal is announced).
    fn draw_cards(&self, announce: bool) {
        let m = self.model.borrow();
        let lang = m.lang();
        self.cards.set_lang(lang);
        let mut drawn = self.drawn.cards.borrow_mut();
        let mut said = Vec::new();
        for (name, part) in m.looks() {
            if !drawn
                .entry(name.clone())
                .or_default()
                .moved(&[part.version()])
            {
                continue;
            }
            let looks: Vec<_> = part
                .get()
                .iter()
                .map(|s| (&s.card, s.look.clone()))
                .collect();
            let added = self.cards.render_doc(name, &looks);
            self.table_needs_arranging();
            if !announce || matches!(name, DocName::Private { .. }) {
                continue;
            }
            let me = m.me();
            for card in added.iter().filter(|c| c.author.as_ref() != Some(me)) {
                let Some(author) = &card.author else { continue };
                let kind = i18n::t(lang, i18n::kind_key(card.kind));
                said.push(if m.control.get().facilitation.hide_names {
                    i18n::tf(
                        lang,
                        Key::AnnounceNewCardAnon,
                        &[("kind", kind), ("text", &card.text)],
                    )
                } else {
                    let name = m.display_name(author);
                    i18n::tf(
                        lang,
                        Key::AnnounceNewCard,
                        &[("kind", kind), ("name", &name), ("text", &card.text)],
                    )
                });
            }
        }
        drop(drawn);
        drop(m);
        for text in said {
            self.notices.announce(&text);
        }
    }

    /// The seats around the table.
    fn draw_seats(&self) {
        let m = self.model.borrow();
        let part = m.seats();
        if !self.drawn.seats.moved(&[part.version()]) {
            return;
        }
        let seats = part.get();
        if let Some(lang) = seats.lang {
            self.table.render(lang, &seats.seats, seats.can_sit);
            self.table_needs_arranging();
        }
    }

    /// The phase bar and the room screen's phase.
    fn draw_phase_bar(&self) {
        let m = self.model.borrow();
        let part = m.phase_bar();
        if !self.drawn.phase_bar.moved(&[part.version()]) {
            return;
        }
        let bar = part.get();
        let lang = bar.lang.unwrap_or_default();
        self.panels.phase_bar.render(
            lang,
            &PhaseShown {
                plan: &bar.plan,
                current: bar.current(),
                revealed: &bar.revealed,
                kinds: &bar.kinds,
                controls: bar.controls,
                ended: bar.ended,
                locked: bar.locked,
            },
        );
        let (name, instruction) = bar.room_text();
        self.room.set_phase(name, instruction);
    }

    /// The add-card form: the phase's kinds, or why this person cannot write now.
    fn draw_compose(&self) {
        let m = self.model.borrow();
        let part = m.compose();
        if !self.drawn.compose.moved(&[part.version()]) {
            return;
        }
        let compose = part.get();
        if let Some(lang) = compose.lang {
            self.compose.set_kinds(lang, &compose.kinds);
            self.compose.set_note(lang, compose.note);
        }
    }

    /// The presence part: the "who's here" list, the room's count, "you" in the
    /// header, the hint, the seat prompt, the join dialog and the keyboard hint.
    fn draw_presence(&self) {
        let m = self.model.borrow();
        let part = m.presence();
        if !self.drawn.presence.moved(&[part.version()]) {
            return;
        }
        let shown = part.get();
        let lang = shown.lang;
        let people: Vec<Person<'_>> = shown
            .people
            .iter()
            .map(|p| Person {
                state: &p.state,
                is_me: p.is_me,
                hot: p.hot,
            })
            .collect();
        self.presence.render(lang, &people);
        self.join.set_lang(lang);
        self.me_menu.set_lang(lang);
        self.room.set_count(shown.at_table);
        let role_text = shown.my_role.map(|r| i18n::t(lang, i18n::role_key(r)));
        self.me_menu
            .set_text(shown.my_name.as_deref(), role_text, shown.menu);
        self.me_menu.set_seat(lang, shown.my_seat);
        dom::set_key(&self.hint, lang, shown.hint);
        // The stylesheet hides the seat line (the prompt above the board says it) and,
        // on touch screens, the drag-and-double-click line.
        let kind = match shown.hint {
            Key::SeatHint => "seat",
            Key::DragHint => "drag",
            _ => "info",
        };
        set_attr(&self.hint, "data-hint", kind);
        self.seat_prompt.set_shown(shown.seat_prompt);
        let needs_join = shown.needs_join;
        self.keys_hint.set_hidden(!shown.keys_hint);
        drop(m);
        self.show_join(needs_join);
    }

    /// What follows who is present and who this person is: the facilitator's
    /// panels and people list (drawn when their parts moved) and the private round.
    /// Returns whether the table must be arranged again, which the caller does once,
    /// after the rest of what it draws.
    #[must_use]
    fn draw_after_presence(&self, inputs: &[u64]) -> bool {
        self.draw_facilitator_panels();
        self.draw_people_panel();
        if !self.drawn.people.moved(inputs) {
            return false;
        }
        self.render_private();
        true
    }

    /// Draws the presence part and what follows it, without the rest of the model
    /// (before any document was read, when the page is built).
    pub(super) fn render_presence(&self) {
        self.derive();
        self.draw_header();
        self.draw_seats();
        self.draw_presence();
        let inputs = self.presence_inputs();
        if self.draw_after_presence(&inputs) {
            self.render_table();
        }
    }

    fn presence_inputs(&self) -> [u64; 6] {
        let m = self.model.borrow();
        [
            m.lang.version(),
            m.who.version(),
            m.control.version(),
            m.people.version(),
            m.present.version(),
            m.connection.version(),
        ]
    }

    /// Adds the parts that depend on the role, once it is known: the add-card form
    /// for people who write, a read-only note for observers.
    pub(super) fn show_role(&self, role: Role) {
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            set_attr(&body, "data-role", role.as_str());
            set_attr(
                &body,
                "data-participant",
                self.session.borrow().me().as_str(),
            );
        }
        self.view_switch.allow_room(!role.writes());
        if !self.role_ui_done.replace(true) {
            self.add_role_panels(role);
            // The side column has other panels now, and the page may scroll (which
            // narrows the board): the size the resize observer reported before them
            // is stale, and arranging for it would arrange twice.
            self.table_size_unknown();
        }
        self.apply_view(self.view.get());
        self.render_flow();
    }

    /// The panels of the role, added once.
    fn add_role_panels(&self, role: Role) {
        // After the room panel, which is always the side column's first part.
        let first = self.side.first_child().and_then(|f| f.next_sibling());
        if role.writes() {
            self.place_compose();
            self.start_undo();
            if role == Role::Facilitator {
                let harvest: &web_sys::Node = &self.panels.harvest.root;
                let _ = self
                    .side
                    .insert_before(&self.panels.facilitator.root, Some(harvest));
                for panel in [&self.panels.links.root, &self.table_settings.root] {
                    let _ = self.side.insert_before(panel, Some(&self.presence.root));
                }
            }
        } else {
            // Under the room screen's timer.
            let slots = self.room.root.first_child();
            let after = slots.and_then(|s| s.next_sibling());
            let _ = self
                .room
                .root
                .insert_before(&self.panels.sound.root, after.as_ref());
            let note = el("section")
                .id("readonly-panel")
                .class("panel")
                .class("panel-note")
                .child(el("p").key(self.lang(), Key::ReadOnlyNotice))
                .build();
            let _ = self.side.insert_before(&note, first.as_ref());
        }
    }

    fn show_join(&self, show: bool) {
        let shown = self.join.root.is_connected();
        if show && !shown {
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                let _ = body.append_child(&self.join.root);
                self.join.focus();
            }
        } else if !show && shown {
            self.join.root.remove();
            // The focused field went with the dialog; without this the focus would
            // fall back to the page body and the newcomer would not hear what's next.
            self.focus_next_step();
        }
    }

    /// A person's name as shown on cards and seats.
    pub(super) fn display_name(
        &self,
        profiles: &BTreeMap<ParticipantId, Profile>,
        id: &ParticipantId,
    ) -> String {
        profiles
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| i18n::t(self.lang(), Key::Someone).to_owned())
    }
}
