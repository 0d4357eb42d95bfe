//! From the documents to the views. Only documents that changed are read again (the
//! update observers in [`crate::docs`] mark them), and the views update their elements
//! in place; a change to one document's cards touches only those cards.

use std::collections::{BTreeMap, BTreeSet};

use ovaal_shared::board::triage::read_triage;
use ovaal_shared::board::{Profile, control, participant, seating};
use ovaal_shared::{DocName, ParticipantId, Role};

use super::Board;
use crate::awareness::Awareness;
use crate::card_model::{holds_cards, read_doc_cards};
use crate::dom::{self, Hide, el, set_attr};
use crate::i18n::{self, Key};
use crate::view::header::Status;
use crate::view::presence::Person;
use crate::view::table::SeatInfo;

/// A master's or sponsor's badge, from their presence.
pub(super) fn badge_role(awareness: &Awareness, participant: &ParticipantId) -> Option<Role> {
    awareness
        .present()
        .into_iter()
        .find(|s| s.participant == participant.as_str())
        .and_then(|s| s.role.parse().ok())
        .filter(|r| matches!(r, Role::Master | Role::Sponsor))
}

impl Board {
    /// Redraws the documents changed since the last call. `announce` is true for
    /// live updates from others: their new cards are read out by screen readers.
    pub(super) fn render_dirty(&self, announce: bool) {
        // Live documents waiting for the next frame are drawn now, announced as such.
        let announce = announce || self.announce_pending.replace(false);
        let dirty = self.session.borrow().docs.take_dirty();
        if dirty.is_empty() {
            return;
        }
        self.remember_locally(&dirty);
        let lang = self.lang.get();
        let mut people_changed = false;
        // Whose name may have changed: their cards' bylines are drawn again.
        let mut renamed: BTreeSet<ParticipantId> = BTreeSet::new();
        let mut own_changed = false;
        let mut control_changed = false;
        let mut triage_changed = false;
        let mut card_docs: BTreeSet<DocName> = BTreeSet::new();
        {
            let session = self.session.borrow();
            if dirty.contains(&DocName::Control)
                && let Some(doc) = session.docs.get(&DocName::Control)
            {
                let settings = control::read_settings(doc);
                if let Some(settings) = &settings {
                    self.header.set_title(&settings.title);
                    self.header.set_method(lang, Some(settings.method));
                    self.table_settings.set_seats(settings.seats);
                }
                *self.settings.borrow_mut() = settings;
                self.read_control(doc);
                control_changed = true;
                people_changed = true;
            }
            if dirty.contains(&DocName::Triage)
                && let Some(doc) = session.docs.get(&DocName::Triage)
            {
                *self.triage.borrow_mut() = read_triage(doc);
                triage_changed = true;
            }
            for name in &dirty {
                let Some(doc) = session.docs.get(name) else {
                    continue;
                };
                if let DocName::Participant(id) = name {
                    let mut removed = self.removed.borrow_mut();
                    people_changed |= if participant::is_removed(doc) {
                        removed.insert(id.clone())
                    } else {
                        removed.remove(id)
                    };
                    drop(removed);
                    let profile = participant::read_profile(doc);
                    let mut profiles = self.profiles.borrow_mut();
                    if profiles.get(id) != profile.as_ref() {
                        people_changed = true;
                        renamed.insert(id.clone());
                        own_changed |= id == session.me();
                        match profile {
                            Some(profile) => profiles.insert(id.clone(), profile),
                            None => profiles.remove(id),
                        };
                    }
                }
                if holds_cards(name) {
                    let cards = read_doc_cards(name, doc);
                    self.all_cards.borrow_mut().insert(name.clone(), cards);
                    card_docs.insert(name.clone());
                }
            }
        }

        if control_changed {
            let hot = self.hot_seat.borrow().clone();
            self.session.borrow_mut().set_hot_seat(hot);
        }
        // Looks depend on the settings and the triage (then every card is looked at
        // again; only what differs touches the page) and on names (then the cards of
        // the people whose profile changed).
        if control_changed || triage_changed {
            self.render_cards(None, announce);
        } else {
            let mut docs = card_docs;
            docs.extend(
                self.all_cards
                    .borrow()
                    .keys()
                    .filter(|doc| match doc {
                        DocName::Participant(a) | DocName::Private { owner: a, .. } => {
                            renamed.contains(a)
                        }
                        _ => false,
                    })
                    .cloned(),
            );
            self.render_cards(Some(&docs), announce);
            card_docs = docs;
        }
        if control_changed {
            self.announce_changes();
        }
        if control_changed || people_changed {
            self.render_flow();
        } else if !card_docs.is_empty() && self.is_back_turned() {
            self.render_notes();
        }
        if people_changed {
            self.render_people();
        } else if !card_docs.is_empty() || triage_changed {
            self.render_list();
        }
        if control_changed || people_changed || !card_docs.is_empty() {
            self.render_spotlight();
        }
        if control_changed || card_docs.contains(&DocName::Carried) {
            self.maybe_load_arc();
        }
        if own_changed {
            // A new name or location is news for the others too.
            self.send_presence();
        }
        self.render_table();
    }

    /// Seats, the presence list, "you" in the header, the hint and the join screen:
    /// everything that depends on profiles, settings and presence together.
    pub(super) fn render_people(&self) {
        let lang = self.lang.get();
        let session = self.session.borrow();
        let me = session.me().clone();
        let role = session.role();
        let live = session.is_live();
        let own_doc_ready = session.own_doc_ready();
        drop(session);

        let profiles = self.profiles.borrow();
        let awareness = self.awareness.borrow();
        let my_profile = profiles.get(&me);
        let writes = role.is_some_and(Role::writes);

        let hot_seat = self.hot_seat.borrow().clone();
        if let Some(settings) = self.settings.borrow().as_ref() {
            let holders = seating::seat_holders(profiles.iter(), settings.seats);
            let infos: Vec<SeatInfo> = (0..settings.seats)
                .map(|seat| match holders.get(&seat) {
                    Some(holder) => {
                        let profile = profiles.get(holder);
                        SeatInfo {
                            holder: Some(holder.clone()),
                            name: self.display_name(&profiles, holder),
                            location: profile.map(|p| p.location),
                            online: awareness.is_present(holder.as_str())
                                || (holder == &me && live),
                            mine: holder == &me,
                            hot: hot_seat.as_ref() == Some(holder),
                            badge: if holder == &me {
                                role.filter(|r| matches!(r, Role::Master | Role::Sponsor))
                            } else {
                                badge_role(&awareness, holder)
                            },
                        }
                    }
                    None => SeatInfo::default(),
                })
                .collect();
            self.table
                .render(lang, &infos, writes && my_profile.is_some());
        }
        let table_changed = self.settings.borrow().is_some();

        let own_state = if live { self.own_presence() } else { None };
        let mut people: Vec<Person<'_>> = Vec::new();
        let is_hot =
            |participant: &str| hot_seat.as_ref().is_some_and(|h| h.as_str() == participant);
        if let Some(state) = &own_state {
            people.push(Person {
                state,
                is_me: true,
                hot: is_hot(&state.participant),
            });
        }
        for state in awareness.present() {
            if state.participant != me.as_str() {
                people.push(Person {
                    state,
                    is_me: false,
                    hot: is_hot(&state.participant),
                });
            }
        }
        self.presence.render(lang, &people);
        // The room screen counts the people at the table, not the screens watching.
        let here = people
            .iter()
            .filter(|p| p.state.role.parse::<Role>().is_ok_and(Role::writes))
            .count();
        self.room.set_count(here);

        let role_text = role.map(|r| i18n::t(lang, i18n::role_key(r)));
        self.me_menu.set_text(
            my_profile.map(|p| p.name.as_str()),
            role_text,
            writes && my_profile.is_some(),
        );
        self.me_menu.set_seat(lang, my_profile.and_then(|p| p.seat));
        let seated = my_profile.and_then(|p| p.seat).is_some();
        let hint = match (self.status.get(), role) {
            (Status::Failed(key), _) => key,
            (_, None) => Key::LoadingBoard,
            (_, Some(r)) if !r.writes() => Key::ReadOnlyNotice,
            (_, Some(_)) if !seated => Key::SeatHint,
            (_, Some(_)) => Key::DragHint,
        };
        dom::set_key(&self.hint, lang, hint);
        // The stylesheet hides the seat line (the prompt above the board says it) and,
        // on touch screens, the drag-and-double-click line.
        let kind = match hint {
            Key::SeatHint => "seat",
            Key::DragHint => "drag",
            _ => "info",
        };
        set_attr(&self.hint, "data-hint", kind);

        self.seat_prompt
            .set_shown(writes && my_profile.is_some() && !seated);
        let needs_join = writes && own_doc_ready && my_profile.is_none();
        self.show_join(needs_join);
        self.keys_hint.set_hidden(!(writes && seated));
        drop(profiles);
        drop(awareness);
        self.render_list();
        self.render_private();
        if role == Some(Role::Facilitator) {
            self.render_facilitator();
            self.render_people_panel();
        }
        if table_changed {
            self.render_table();
        }
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
        self.undo_buttons.show(role.writes());
        self.apply_view(self.view.get());
        self.render_flow();
        if self.role_ui_done.replace(true) {
            return;
        }
        // After the room panel, which is always the side column's first part.
        let first = self.side.first_child().and_then(|f| f.next_sibling());
        if role.writes() {
            self.place_compose();
            self.start_undo();
            if role == Role::Facilitator {
                let harvest: &web_sys::Node = &self.flow.harvest.root;
                let _ = self
                    .side
                    .insert_before(&self.flow.facilitator.root, Some(harvest));
                for panel in [&self.flow.links.root, &self.table_settings.root] {
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
                .insert_before(&self.flow.sound.root, after.as_ref());
            let note = el("section")
                .id("readonly-panel")
                .class("panel")
                .class("panel-note")
                .child(el("p").key(self.lang.get(), Key::ReadOnlyNotice))
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
            .unwrap_or_else(|| i18n::t(self.lang.get(), Key::Someone).to_owned())
    }
}
