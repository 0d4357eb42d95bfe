//! How each card looks, decided in one place for the table and the list: its byline
//! (none while the facilitator hides names; "from <session>" for carried cards), the
//! "only you see this" note on unrevealed private cards, the phase it was written in,
//! the case-holder's label and "useful" mark, and what this person may do with it.

use std::collections::{BTreeMap, BTreeSet};

use ovaal_shared::board::triage::Triage;
use ovaal_shared::board::{Profile, seating};
use ovaal_shared::{DocName, ParticipantId, Role};

use super::Board;
use crate::card_model::BoardCard;
use crate::i18n::{self, Key, Lang};
use crate::layout::BoardView;
use crate::view::card_marks::{CardLook, TriageTools};
use crate::view::cards::by;
use crate::view::list::{ListCard, ListSeat};

/// What every card's look depends on, read once per redraw.
struct LookContext {
    lang: Lang,
    me: ParticipantId,
    hide_names: bool,
    revealed: Vec<String>,
    phase_names: BTreeMap<String, String>,
    profiles: BTreeMap<ParticipantId, Profile>,
    triage: Triage,
    may_triage: bool,
    /// The facilitator's spotlight, offered on every card.
    spotlight: super::spotlight::ListSpotlight,
}

impl Board {
    fn look_context(&self) -> LookContext {
        let lang = self.lang.get();
        let f = self.facilitation.borrow();
        LookContext {
            lang,
            me: self.session.borrow().me().clone(),
            hide_names: f.hide_names,
            revealed: f.revealed.clone(),
            phase_names: f
                .plan
                .iter()
                .map(|p| (p.id.clone(), p.name.get(lang.tag()).to_owned()))
                .collect(),
            profiles: self.profiles.borrow().clone(),
            triage: self.triage.borrow().clone(),
            may_triage: self.may_write_now(&DocName::Triage) && !self.is_back_turned(),
            spotlight: self.list_spotlight(),
        }
    }

    fn card_look(&self, card: &BoardCard, ctx: &LookContext, may_write: bool) -> CardLook {
        let lang = ctx.lang;
        let byline = match (&card.carried, &card.author) {
            (Some(from), _) => {
                let origin = i18n::tf(lang, Key::CarriedFrom, &[("title", &from.title)]);
                if ctx.hide_names || from.author_name.is_empty() {
                    origin
                } else {
                    format!("{} · {origin}", from.author_name)
                }
            }
            (None, Some(author)) if !ctx.hide_names => {
                by(lang, &self.display_name(&ctx.profiles, author))
            }
            _ => String::new(),
        };
        let note = match &card.doc {
            DocName::Private { phase, owner }
                if owner == &ctx.me && !ctx.revealed.contains(phase) =>
            {
                i18n::t(lang, Key::OnlyYou).to_owned()
            }
            _ => String::new(),
        };
        let key = card.triage_key();
        let carried = card.doc == DocName::Carried;
        CardLook {
            byline,
            note,
            phase: card
                .phase
                .as_ref()
                .and_then(|p| ctx.phase_names.get(p))
                .cloned()
                .unwrap_or_default(),
            editable: may_write && !carried,
            movable: may_write,
            label: key.as_ref().and_then(|k| ctx.triage.labels.get(k).copied()),
            useful: key
                .as_ref()
                .is_some_and(|k| ctx.triage.useful.get(k) == Some(&true)),
            tools: TriageTools::for_kind(card.kind, ctx.may_triage && card.author.is_some()),
            spotlight: ctx.spotlight.offered.then(|| ctx.spotlight.is_card(card)),
        }
    }

    /// Draws the cards of `only` (every card document when `None`). With `announce`,
    /// others' new cards are read out (not to a back-turned case-holder, who hears
    /// nothing of the board).
    pub(super) fn render_cards(&self, only: Option<&BTreeSet<DocName>>, announce: bool) {
        let ctx = self.look_context();
        let lang = ctx.lang;
        // Sitting back-turned, the case-holder's page holds nothing of the board:
        // not hidden, gone (their notes are on the back-turned screen).
        let quiet = self.is_back_turned();
        let all = self.all_cards.borrow();
        for (name, cards) in all.iter() {
            if only.is_some_and(|set| !set.contains(name)) {
                continue;
            }
            if quiet {
                self.cards.render_doc(name, &[]);
                continue;
            }
            let may_write = self.may_write_now(name);
            let looks: Vec<(&BoardCard, CardLook)> = cards
                .iter()
                .map(|c| (c, self.card_look(c, &ctx, may_write)))
                .collect();
            let added = self.cards.render_doc(name, &looks);
            // A revealed round arrives all at once: the reveal itself is announced.
            if !announce || matches!(name, DocName::Private { .. }) {
                continue;
            }
            for card in added.iter().filter(|c| c.author.as_ref() != Some(&ctx.me)) {
                let Some(author) = &card.author else { continue };
                let kind = i18n::t(lang, i18n::kind_key(card.kind));
                let text = if ctx.hide_names {
                    i18n::tf(
                        lang,
                        Key::AnnounceNewCardAnon,
                        &[("kind", kind), ("text", &card.text)],
                    )
                } else {
                    let name = self.display_name(&ctx.profiles, author);
                    i18n::tf(
                        lang,
                        Key::AnnounceNewCard,
                        &[("kind", kind), ("name", &name), ("text", &card.text)],
                    )
                };
                self.notices.announce(&text);
            }
        }
    }

    /// The list view, when it is shown (it is rendered afresh when switched to).
    pub(super) fn render_list(&self) {
        if self.is_back_turned() {
            return self.list.clear();
        }
        if self.view.get() != BoardView::List {
            return;
        }
        let lang = self.lang.get();
        let seats = self.seat_count();
        let ctx = self.look_context();
        let session = self.session.borrow();
        let me = session.me().clone();
        let live = session.is_live();
        let can_sit = session.role().is_some_and(Role::writes);
        drop(session);
        let profiles = &ctx.profiles;
        let awareness = self.awareness.borrow();
        let holders = seating::seat_holders(profiles.iter(), seats);
        let hot_seat = self.hot_seat.borrow().clone();
        let has_profile = profiles.contains_key(&me);
        let list_seats: Vec<ListSeat> = (0..seats)
            .map(|index| {
                let number = (index + 1).to_string();
                let Some(holder) = holders.get(&index) else {
                    return ListSeat {
                        index,
                        label: i18n::tf(
                            lang,
                            Key::SeatNumberName,
                            &[("n", &number), ("name", i18n::t(lang, Key::SeatEmpty))],
                        ),
                        details: String::new(),
                        hot: false,
                        can_take: can_sit && has_profile,
                    };
                };
                let mut name = self.display_name(profiles, holder);
                if holder == &me {
                    name = format!("{name} ({})", i18n::t(lang, Key::You));
                }
                let online = awareness.is_present(holder.as_str()) || (holder == &me && live);
                let mut details = vec![
                    profiles
                        .get(holder)
                        .map(|p| i18n::t(lang, i18n::location_key(p.location)))
                        .unwrap_or(""),
                    i18n::t(
                        lang,
                        if online {
                            Key::PresenceOnline
                        } else {
                            Key::PresenceAway
                        },
                    ),
                ];
                if let Some(badge) = super::render::badge_role(&awareness, holder) {
                    details.push(i18n::t(lang, i18n::role_key(badge)));
                }
                ListSeat {
                    index,
                    label: i18n::tf(
                        lang,
                        Key::SeatNumberName,
                        &[("n", &number), ("name", &name)],
                    ),
                    details: details.join(", "),
                    hot: hot_seat.as_ref() == Some(holder),
                    can_take: false,
                }
            })
            .collect();
        drop(awareness);
        let places = self.place_context();
        let spot = self.list_spotlight();
        let all = self.all_cards.borrow();
        let cards: Vec<ListCard<'_>> = all
            .iter()
            .flat_map(|(name, cards)| {
                let may_write = self.may_write_now(name);
                let (ctx, places, spot) = (&ctx, &places, &spot);
                cards.iter().map(move |card| {
                    let place = places.place(card);
                    let region = super::places::region(place.place);
                    ListCard {
                        card,
                        look: self.card_look(card, ctx, may_write),
                        region,
                        place: self.region_label(region),
                        order: place.order,
                        moved: place.moved,
                        spotlight: spot.offered.then(|| spot.is_card(card)),
                    }
                })
            })
            .collect();
        self.list.render(&list_seats, &cards, spot.places());
    }
}
