//! From the documents to the views. Only documents that changed are read again (the
//! update observers in [`crate::docs`] mark them), and the views update their elements
//! in place; a change to one person's cards touches only that person's cards.

use std::collections::BTreeMap;

use ovaal_shared::board::{Profile, control, participant, seating};
use ovaal_shared::{DocName, ParticipantId, Role};
use web_sys::Element;

use super::Board;
use crate::dom::{self, el, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::view::header::Status;
use crate::view::presence::Person;
use crate::view::table::SeatInfo;

impl Board {
    /// Redraws the documents changed since the last call. `announce` is true for
    /// live updates from others: their new cards are read out by screen readers.
    pub(super) fn render_dirty(&self, announce: bool) {
        let dirty = self.session.borrow().docs.take_dirty();
        if dirty.is_empty() {
            return;
        }
        let lang = self.lang.get();
        let mut people_changed = false;
        let mut own_changed = false;
        let session = self.session.borrow();

        if dirty.contains(&DocName::Control)
            && let Some(doc) = session.docs.get(&DocName::Control)
        {
            let settings = control::read_settings(doc);
            if let Some(settings) = &settings {
                self.header.set_title(&settings.title);
                self.header.set_method(lang, Some(settings.method));
            }
            *self.settings.borrow_mut() = settings;
            people_changed = true;
        }

        for name in &dirty {
            let (DocName::Participant(id), Some(doc)) = (name, session.docs.get(name)) else {
                continue;
            };
            let profile = participant::read_profile(doc);
            let mut profiles = self.profiles.borrow_mut();
            if profiles.get(id) != profile.as_ref() {
                people_changed = true;
                own_changed |= id == session.me();
                match profile {
                    Some(profile) => profiles.insert(id.clone(), profile),
                    None => profiles.remove(id),
                };
            }
        }

        let profiles = self.profiles.borrow().clone();
        for name in &dirty {
            let (DocName::Participant(author), Some(doc)) = (name, session.docs.get(name)) else {
                continue;
            };
            let cards = participant::read_cards(doc, author);
            let author_name = self.display_name(&profiles, author);
            let added =
                self.cards
                    .render_author(author, &cards, &author_name, session.may_write(name));
            if announce && author != session.me() {
                for card in added {
                    let kind = i18n::t(lang, i18n::kind_key(card.kind));
                    self.notices.announce(&i18n::tf(
                        lang,
                        Key::AnnounceNewCard,
                        &[("kind", kind), ("name", &author_name), ("text", &card.text)],
                    ));
                }
            }
        }
        drop(session);

        if people_changed {
            self.cards
                .author_names(&|id| self.display_name(&profiles, id));
            self.render_people();
        }
        if own_changed {
            // A new name or location is news for the others too.
            self.send_presence();
        }
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
                        }
                    }
                    None => SeatInfo::default(),
                })
                .collect();
            self.table
                .render(lang, &infos, writes && my_profile.is_some());
        }

        let own_state = if live { self.own_presence() } else { None };
        let mut people: Vec<Person<'_>> = Vec::new();
        if let Some(state) = &own_state {
            people.push(Person { state, is_me: true });
        }
        for state in awareness.present() {
            if state.participant != me.as_str() {
                people.push(Person {
                    state,
                    is_me: false,
                });
            }
        }
        self.presence.render(lang, &people);

        self.header
            .set_me(lang, my_profile.map(|p| p.name.as_str()), role);
        let seated = my_profile.and_then(|p| p.seat).is_some();
        let hint = match (self.status.get(), role) {
            (Status::Failed(key), _) => key,
            (_, None) => Key::LoadingBoard,
            (_, Some(Role::Observer)) => Key::ReadOnlyNotice,
            (_, Some(_)) if !seated => Key::SeatHint,
            (_, Some(_)) => Key::DragHint,
        };
        set_key(&self.hint, lang, hint);

        let needs_join = writes && own_doc_ready && my_profile.is_none();
        self.show_join(needs_join);
    }

    /// Adds the parts that depend on the role, once it is known: the add-card form
    /// for people who write, a read-only note for observers.
    pub(super) fn show_role(&self, role: Role) {
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            set_attr(&body, "data-role", role.as_str());
        }
        if self.role_ui_done.replace(true) {
            return;
        }
        let first = self.side.first_child();
        if role.writes() {
            let _ = self.side.insert_before(&self.compose.root, first.as_ref());
        } else {
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

/// Shows a translated text that also follows later language switches.
fn set_key(element: &Element, lang: Lang, key: Key) {
    set_attr(element, "data-i18n", key.name());
    element.set_text_content(Some(i18n::t(lang, key)));
}
