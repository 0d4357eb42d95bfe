//! The board's HTTP calls (docs/api.md), each with the page's own token as a bearer
//! token: the facilitator's links and people, the harvest downloads, ending and
//! deleting the session, the next session of an arc, and the arc itself. Failures are
//! told in a toast with the server's reason; nothing here changes a document.

use ovaal_shared::{DocName, ParticipantId, Role};
use wasm_bindgen_futures::spawn_local;

use super::Board;
use crate::api::ApiError;
use crate::board_model::loaded::{Links, LinksStatus};
use crate::browser;
use crate::card_model::BoardCard;
use crate::dom::{self, log_error};
use crate::i18n::{self, Key};
use crate::next_session;
use crate::session_api as api;
use crate::view::harvest::HarvestAction;
use crate::view::links_panel::LinksAction;
use crate::view::next_dialog::NextAction;
use ovaal_shared::board::arc::next_method;
use ovaal_shared::export_format::ExportFormat;
use ovaal_shared::http_api::NextSessionRequest;

impl Board {
    /// Runs `call` with this board (if the page still has it) once the future is done.
    fn later<F, T>(&self, future: F, then: impl FnOnce(&Board, T) + 'static)
    where
        F: std::future::Future<Output = T> + 'static,
        T: 'static,
    {
        let weak = self.weak();
        spawn_local(async move {
            let value = future.await;
            if let Some(board) = weak.upgrade() {
                then(&board, value);
            }
        });
    }

    fn ids(&self) -> (String, String) {
        (self.session_id.to_string(), self.token.clone())
    }

    fn failed(&self, error: &ApiError) {
        let lang = self.lang();
        let text = i18n::tf(lang, Key::ActionFailed, &[("reason", &error.to_string())]);
        self.notices.show(lang, &text, "error");
    }

    fn is_facilitator(&self) -> bool {
        self.session.borrow().role() == Some(Role::Facilitator)
    }

    /// Loads the session's links into the links panel (facilitators only).
    pub(super) fn load_links(&self) {
        if !self.is_facilitator() {
            return;
        }
        self.set_links(|links| links.status = LinksStatus::Loading);
        let (session, token) = self.ids();
        self.later(
            async move { api::list_links(&session, &token).await },
            |board, result| match result {
                Ok(listed) => board.set_links(|links| {
                    links.listed = listed;
                    links.status = LinksStatus::Idle;
                }),
                Err(e) => {
                    board.set_links(|links| links.status = LinksStatus::Failed(e.to_string()))
                }
            },
        );
    }

    /// Changes the links input of the model and draws what moved.
    fn set_links(&self, change: impl FnOnce(&mut Links)) {
        let mut links = self.model.borrow().links.get().clone();
        change(&mut links);
        if self.model.borrow_mut().links.set(links) {
            self.render_model(false);
        }
    }

    /// The facilitator's people list ("remove from the session"), when the model's
    /// part moved.
    pub(super) fn draw_people_panel(&self) {
        let m = self.model.borrow();
        let part = m.people_panel();
        if !self.drawn.people_panel.moved(&[part.version()]) {
            return;
        }
        if let Some(list) = part.get() {
            self.panels.links.render_people(list.lang, &list.people);
        }
    }

    pub(super) fn links_action(&self, action: LinksAction) {
        let lang = self.lang();
        let (session, token) = self.ids();
        match action {
            LinksAction::Refresh => self.load_links(),
            LinksAction::Create { role, label } => self.later(
                async move { api::create_link(&session, &token, role, &label).await },
                |board, result| match result {
                    Ok(created) => {
                        board.panels.links.show_created(&created.link);
                        board.load_links();
                    }
                    Err(e) => board.failed(&e),
                },
            ),
            LinksAction::CopyCreated => {
                let (text, element) = self.panels.links.created();
                self.copy(text, element);
            }
            LinksAction::Revoke { id, label } => {
                let weak = self.weak();
                // Say which link goes: the facilitator may have several alike.
                let text = if label.trim().is_empty() {
                    i18n::t(lang, Key::LinkRevokeConfirm).to_owned()
                } else {
                    i18n::tf(lang, Key::LinkRevokeConfirmNamed, &[("link", label.trim())])
                };
                let text = text.as_str();
                self.panels
                    .confirm
                    .ask(lang, text, Key::LinkRevoke, None, move || {
                        if let Some(board) = weak.upgrade() {
                            board.later(
                                async move { api::revoke_link(&session, &token, &id).await },
                                |board, result| match result {
                                    Ok(()) => {
                                        let lang = board.lang();
                                        board.notices.show(
                                            lang,
                                            i18n::t(lang, Key::LinkRevoked),
                                            "ok",
                                        );
                                        board.load_links();
                                    }
                                    Err(e) => board.failed(&e),
                                },
                            );
                        }
                    });
            }
            LinksAction::Remove { participant, name } => {
                let weak = self.weak();
                let text = i18n::tf(lang, Key::RemovePersonConfirm, &[("name", &name)]);
                self.panels
                    .confirm
                    .ask(lang, &text, Key::RemovePerson, None, move || {
                        if let Some(board) = weak.upgrade() {
                            let id = participant.to_string();
                            board.later(
                                async move { api::remove_participant(&session, &token, &id).await },
                                move |board, result| match result {
                                    Ok(()) => {
                                        board.free_seat_of(participant);
                                        let lang = board.lang();
                                        let text =
                                            i18n::tf(lang, Key::PersonRemoved, &[("name", &name)]);
                                        board.notices.show(lang, &text, "ok");
                                    }
                                    Err(e) => board.failed(&e),
                                },
                            );
                        }
                    });
            }
        }
    }

    fn copy(&self, text: String, element: web_sys::Element) {
        self.later(
            async move { browser::copy_to_clipboard(&text, &element).await },
            |board, copied| {
                let lang = board.lang();
                let key = if copied { Key::Copied } else { Key::CopyFailed };
                board.notices.show(
                    lang,
                    i18n::t(lang, key),
                    if copied { "ok" } else { "warning" },
                );
            },
        );
    }

    pub(super) fn harvest_action(&self, action: HarvestAction) {
        let lang = self.lang();
        let (session, token) = self.ids();
        match action {
            HarvestAction::Export(format) => self.export(format),
            HarvestAction::Caseholder(format) => self.export_caseholder(format),
            HarvestAction::End => {
                let weak = self.weak();
                let text = i18n::t(lang, Key::EndConfirm);
                self.panels
                    .confirm
                    .ask(lang, text, Key::EndSession, None, move || {
                        if let Some(board) = weak.upgrade() {
                            board.later(
                                async move { api::end_session(&session, &token).await },
                                |board, result| {
                                    if let Err(e) = result {
                                        board.failed(&e);
                                    }
                                },
                            );
                        }
                    });
            }
            HarvestAction::Delete => {
                let weak = self.weak();
                let title = self
                    .settings()
                    .as_ref()
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                let text = i18n::t(lang, Key::DeleteConfirmText);
                self.panels.confirm.ask(
                    lang,
                    text,
                    Key::DeleteConfirmButton,
                    Some(title),
                    move || {
                        if let Some(board) = weak.upgrade() {
                            board.later(
                                async move { api::delete_session(&session, &token).await },
                                |board, result| match result {
                                    Ok(()) => board.show_deleted(),
                                    Err(e) => board.failed(&e),
                                },
                            );
                        }
                    },
                );
            }
            HarvestAction::Next => self.open_next(),
        }
    }

    fn export(&self, format: ExportFormat) {
        let (session, token) = self.ids();
        let lang = self.lang().tag();
        self.later(
            async move { api::download(&session, &token, format, lang).await },
            |board, result| match result {
                Ok(()) => board
                    .notices
                    .announce(i18n::t(board.lang(), Key::ExportStarted)),
                Err(e) => board.failed(&e),
            },
        );
    }

    /// The case-holder's own harvest, proven with this page's identity.
    fn export_caseholder(&self, format: ExportFormat) {
        let (session, token) = self.ids();
        let identity = self.identity.clone();
        let lang = self.lang().tag();
        self.later(
            async move { api::download_caseholder(&session, &token, &identity, format, lang).await },
            |board, result| match result {
                Ok(()) => board
                    .notices
                    .announce(i18n::t(board.lang(), Key::ExportStarted)),
                Err(e) => board.failed(&e),
            },
        );
    }

    /// The next-session dialog: a suggested title, the arc's next method, and this
    /// session's cards to take along (`crate::next_session` decides which are ticked).
    fn open_next(&self) {
        let lang = self.lang();
        let Some(settings) = self.settings().clone() else {
            return;
        };
        let method = next_method(settings.method);
        let title = next_session::next_title(lang, &settings.title, settings.method);
        let profiles = self.profiles().clone();
        let all_cards = self.all_cards();
        let cards: Vec<&BoardCard> = all_cards
            .iter()
            .filter(|(name, _)| matches!(name, DocName::Participant(_) | DocName::Private { .. }))
            .flat_map(|(_, cards)| cards.iter())
            .collect();
        let plan = self.facilitation().plan.clone();
        let triage = self.triage().clone();
        let groups = next_session::carry_groups(lang, &cards, &plan, &triage, |card| {
            card.author
                .as_ref()
                .map(|a| self.display_name(&profiles, a))
                .unwrap_or_default()
        });
        drop(all_cards);
        self.panels.next.open(lang, &title, method, &groups);
    }

    pub(super) fn next_action(&self, action: NextAction) {
        match action {
            NextAction::Create {
                title,
                method,
                carry,
                leave,
            } => {
                let (session, token) = self.ids();
                let request = NextSessionRequest::new(&title, method, carry, leave);
                self.later(
                    async move { api::next_session(&session, &token, &request).await },
                    |board, result| match result {
                        Ok(created) => board.panels.next.show_links(board.lang(), &created),
                        Err(e) => board.panels.next.show_error(&e.to_string()),
                    },
                );
            }
            NextAction::Copy(id) => {
                if let Some(element) = dom::document().ok().and_then(|d| d.get_element_by_id(&id)) {
                    self.copy(element.text_content().unwrap_or_default(), element);
                }
            }
        }
    }

    /// Fetches the arc timeline once, if the model wants it (an Oogst, or a session
    /// that carries cards over); the fetched arc goes into the model.
    pub(super) fn maybe_load_arc(&self) {
        let wanted = *self.model.borrow().arc_wanted().get();
        if !wanted || self.seen.borrow().arc_requested {
            return;
        }
        self.seen.borrow_mut().arc_requested = true;
        let (session, token) = self.ids();
        self.later(
            async move { api::arc(&session, &token).await },
            |board, result| match result {
                Ok(arc) => {
                    board.model.borrow_mut().set_arc(arc);
                    board.derive();
                    board.draw_arc();
                }
                Err(e) => {
                    // Asked again with the next change (the server may be away).
                    board.seen.borrow_mut().arc_requested = false;
                    log_error("arc", &e);
                }
            },
        );
    }

    /// The arc panel, when the model's part moved (the arc arrived, or the language
    /// changed).
    pub(super) fn draw_arc(&self) {
        let m = self.model.borrow();
        let part = m.arc_shown();
        if !self.drawn.arc_panel.moved(&[part.version()]) {
            return;
        }
        if let Some(arc) = part.get() {
            self.panels
                .arc
                .render(arc.lang, &arc.entries, self.session_id.as_str());
        }
    }

    /// After the server removed someone: their seat is freed and their profile marked,
    /// so every board drops them from the table and the people list.
    fn free_seat_of(&self, participant: ParticipantId) {
        {
            let mut session = self.session.borrow_mut();
            let doc = session
                .docs
                .get_or_create(&DocName::Participant(participant));
            ovaal_shared::board::participant::mark_removed(doc);
        }
        self.after_local_change();
    }
}
