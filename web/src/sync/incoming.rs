//! Server messages in: the handshake (`Welcome` → our Step1s; the server's Step1s →
//! our Step2s for the documents we may write), updates to apply, presence,
//! acknowledgements, refusals and errors.

use ovaal_shared::DocName;
use ovaal_shared::permissions::may_write_in;
use ovaal_shared::protocol::{ClientMessage, ServerMessage, SyncMessage};

use super::{Event, Outcome, Session};
use crate::docs::DocsError;

impl Session {
    pub fn handle(&mut self, message: ServerMessage) -> Result<Outcome, DocsError> {
        let mut out = Outcome::default();
        match message {
            ServerMessage::Welcome(welcome) => {
                self.role = Some(welcome.role);
                self.me = welcome.participant;
                self.live = true;
                let own = self.own_doc_name();
                self.own_pending = welcome.documents.contains(&own);
                for doc in &welcome.documents {
                    self.docs.get_or_create(doc);
                }
                let names: Vec<DocName> = self.docs.names().cloned().collect();
                for doc in names {
                    let sv = self.docs.state_vector(&doc)?;
                    out.replies.push(ClientMessage::Sync {
                        doc,
                        message: SyncMessage::Step1(sv),
                    });
                }
                // Anything queued before the handshake is covered by it (our Step2s).
                for (doc, _) in self.docs.take_local_updates() {
                    self.saves.changed_offline(&doc);
                }
                let (role, me, policy) = (welcome.role, self.me.clone(), self.policy());
                self.saves
                    .retain_unsent(|doc| may_write_in(role, &me, doc, &policy).is_ok());
                out.event = Some(Event::Welcomed {
                    role: welcome.role,
                    server_time_ms: welcome.server_time_ms,
                });
            }
            ServerMessage::Sync { doc, message } => match message {
                SyncMessage::Step1(sv) => {
                    // Only answer for documents we may write: the server would refuse
                    // anything else, and a read-only client has nothing to add.
                    if self.may_write(&doc) {
                        let diff = self.docs.diff(&doc, &sv)?;
                        self.saves.sent(&doc);
                        out.replies.push(ClientMessage::Sync {
                            doc,
                            message: SyncMessage::Step2(diff),
                        });
                    }
                }
                SyncMessage::Step2(update) => {
                    self.docs.apply_remote(&doc, &update)?;
                    if doc == self.own_doc_name() {
                        self.own_pending = false;
                    }
                    out.event = Some(Event::Applied { doc, live: false });
                }
                SyncMessage::Update(update) => {
                    self.docs.apply_remote(&doc, &update)?;
                    out.event = Some(Event::Applied { doc, live: true });
                }
            },
            ServerMessage::Awareness { update } => out.event = Some(Event::Awareness(update)),
            ServerMessage::Stored { count } => {
                self.saves.stored(count);
                out.event = Some(Event::Stored);
            }
            ServerMessage::Refused { doc, code, reason } => {
                out.event = Some(Event::Refused { doc, code, reason });
            }
            // The connection already counted it as a sign of life.
            ServerMessage::Pong => {}
            ServerMessage::Error { code, reason } => {
                self.live = false;
                out.event = Some(Event::Closing { code, reason });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use ovaal_shared::Role;
    use ovaal_shared::board::participant;
    use ovaal_shared::protocol::ErrorCode;

    use super::*;
    use crate::sync::fixtures::{me, profile, welcome};

    #[test]
    fn welcome_sends_step1_for_server_and_local_documents() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        assert!(
            s.outgoing().is_empty(),
            "offline edits wait for the handshake"
        );
        let out = s
            .handle(welcome(Role::Participant, vec![DocName::Control]))
            .unwrap();
        let docs: Vec<String> = out
            .replies
            .iter()
            .map(|m| match m {
                ClientMessage::Sync {
                    doc,
                    message: SyncMessage::Step1(_),
                } => doc.to_string(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(docs, ["control", "participant/me-1234567"]);
        assert!(s.own_doc_ready(), "the server has no document of ours yet");
    }

    #[test]
    fn server_step1_is_answered_only_for_writable_documents() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        s.handle(welcome(Role::Participant, vec![DocName::Control]))
            .unwrap();
        let empty_sv = vec![0];
        let mine = s
            .handle(ServerMessage::Sync {
                doc: own.clone(),
                message: SyncMessage::Step1(empty_sv.clone()),
            })
            .unwrap();
        assert!(matches!(
            &mine.replies[..],
            [ClientMessage::Sync { message: SyncMessage::Step2(diff), .. }] if diff.len() > 2
        ));
        let control = s
            .handle(ServerMessage::Sync {
                doc: DocName::Control,
                message: SyncMessage::Step1(empty_sv),
            })
            .unwrap();
        assert!(control.replies.is_empty());
    }

    #[test]
    fn own_document_is_pending_until_its_step2() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        s.handle(welcome(Role::Participant, vec![own.clone()]))
            .unwrap();
        assert!(!s.own_doc_ready());
        s.handle(ServerMessage::Sync {
            doc: own,
            message: SyncMessage::Step2(vec![0, 0]),
        })
        .unwrap();
        assert!(s.own_doc_ready());
    }
    #[test]
    fn errors_stop_sending() {
        let mut s = Session::new(me());
        s.handle(welcome(Role::Facilitator, vec![])).unwrap();
        let out = s
            .handle(ServerMessage::Error {
                code: ErrorCode::Unauthorized,
                reason: "bad token".into(),
            })
            .unwrap();
        assert!(matches!(
            out.event,
            Some(Event::Closing {
                code: ErrorCode::Unauthorized,
                ..
            })
        ));
        assert!(!s.is_live());
        assert!(
            s.may_write(&DocName::Control),
            "the role is remembered for the view"
        );
    }
}
