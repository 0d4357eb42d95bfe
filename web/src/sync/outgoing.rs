//! Local edits out: `Update` frames while connected; while not, the edits stay in the
//! documents (the next handshake's Step2 carries them) and only count as not yet saved.

use ovaal_shared::protocol::{ClientMessage, SyncMessage};

use super::Session;

impl Session {
    /// Turns local edits into `Update` frames while connected; otherwise drops them
    /// from the queue (they stay in the documents for the next handshake).
    pub fn outgoing(&mut self) -> Vec<ClientMessage> {
        let updates = self.docs.take_local_updates();
        if !self.live {
            // Before the first welcome the role is unknown: keep them all; the
            // welcome drops what this role never sends.
            for (doc, _) in updates {
                if self.role.is_none() || self.may_write(&doc) {
                    self.saves.changed_offline(&doc);
                }
            }
            return Vec::new();
        }
        let mut out = Vec::new();
        for (doc, update) in updates {
            if self.may_write(&doc) {
                self.saves.sent(&doc);
                out.push(ClientMessage::Sync {
                    doc,
                    message: SyncMessage::Update(update),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use ovaal_shared::Role;
    use ovaal_shared::board::participant;
    use ovaal_shared::protocol::{ServerMessage, SyncMessage};

    use super::*;
    use crate::sync::Event;
    use crate::sync::fixtures::{me, profile, welcome};

    #[test]
    fn live_edits_are_sent_remote_ones_are_not_echoed() {
        let mut writer = Session::new(me());
        writer.handle(welcome(Role::Participant, vec![])).unwrap();
        let own = writer.own_doc_name();
        participant::write_profile(writer.docs.get_or_create(&own), &profile());
        let sent = writer.outgoing();
        let [
            ClientMessage::Sync {
                doc,
                message: SyncMessage::Update(bytes),
            },
        ] = &sent[..]
        else {
            panic!("expected one update, got {sent:?}");
        };

        let mut reader = Session::new("observer-1".parse().unwrap());
        reader.handle(welcome(Role::Observer, vec![])).unwrap();
        let out = reader
            .handle(ServerMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Update(bytes.clone()),
            })
            .unwrap();
        assert_eq!(
            out.event,
            Some(Event::Applied {
                doc: doc.clone(),
                live: true
            })
        );
        assert!(reader.outgoing().is_empty());
        let got = participant::read_profile(reader.docs.get(doc).unwrap());
        assert_eq!(got.map(|p| p.name), Some("Anna".into()));
    }

    #[test]
    fn offline_edits_are_pending_until_their_step2_is_stored() {
        use crate::saves::SaveState;
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        s.outgoing();
        assert_eq!(s.saves.state(), SaveState::Pending);
        s.handle(welcome(Role::Participant, vec![])).unwrap();
        assert_eq!(s.saves.state(), SaveState::Pending);
        s.handle(ServerMessage::Sync {
            doc: own,
            message: SyncMessage::Step1(vec![0]),
        })
        .unwrap();
        let out = s.handle(ServerMessage::Stored { count: 1 }).unwrap();
        assert_eq!(out.event, Some(Event::Stored));
        assert_eq!(s.saves.state(), SaveState::Saved);
    }
}
