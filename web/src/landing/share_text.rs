//! The texts the facilitator copies from the start page: "copy all" (every link with
//! its name, and the join code) and the invitation to paste into a mail or chat (the
//! date, the title, the participant link and the join code, with a friendly sentence),
//! in the page's language. Plain text: mail programs and chat apps turn the addresses
//! into links by themselves.

use super::saved::SavedSession;
use crate::i18n::{self, Key, Lang};

/// Every link with its name, one per line, then the join code.
pub fn all_links(lang: Lang, session: &SavedSession, date: &str) -> String {
    let links = &session.links;
    let mut lines = vec![
        format!("{} · {date}", session.title),
        String::new(),
        format!(
            "{}: {}",
            i18n::t(lang, Key::LinkFacilitator),
            links.facilitator
        ),
        format!(
            "{}: {}",
            i18n::t(lang, Key::LinkParticipant),
            links.participant
        ),
        format!("{}: {}", i18n::t(lang, Key::LinkObserver), links.observer),
    ];
    if let Some(room) = &links.room_screen {
        lines.push(format!("{}: {room}", i18n::t(lang, Key::LinkRoomScreen)));
    }
    if let Some(code) = &session.join_code {
        lines.push(format!("{} {code}", i18n::t(lang, Key::JoinCodeShown)));
    }
    lines.push(String::new());
    lines.push(i18n::t(lang, Key::AllLinksNote).to_owned());
    lines.join("\n")
}

/// The invitation for the participants: never the facilitator's or observers' links.
/// `start_page` is where a join code is typed.
pub fn invitation(lang: Lang, session: &SavedSession, date: &str, start_page: &str) -> String {
    let mut text = i18n::tf(
        lang,
        Key::InvitationBody,
        &[
            ("title", &session.title),
            ("date", date),
            ("link", &session.links.participant),
        ],
    );
    if let Some(code) = &session.join_code {
        text.push('\n');
        text.push_str(&i18n::tf(
            lang,
            Key::InvitationCode,
            &[("code", code), ("start", start_page)],
        ));
    }
    text.push_str("\n\n");
    text.push_str(i18n::t(lang, Key::InvitationClosing));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landing::saved::SavedLinks;

    fn session() -> SavedSession {
        SavedSession {
            id: "s1".to_owned(),
            title: "Intervisie team Noord".to_owned(),
            method: None,
            date: "2025-05-14".to_owned(),
            created_ms: 1.0,
            links: SavedLinks {
                facilitator: "http://x/s/s1#token=FAC".to_owned(),
                participant: "http://x/s/s1#token=PART".to_owned(),
                observer: "http://x/s/s1#token=OBS".to_owned(),
                room_screen: Some("http://x/s/s1#token=OBS&join=K7PM4QXA".to_owned()),
            },
            join_code: Some("K7PM-4QXA".to_owned()),
        }
    }

    #[test]
    fn all_links_names_every_link() {
        let text = all_links(Lang::Nl, &session(), "woensdag 14 mei 2025");
        for expected in [
            "Intervisie team Noord · woensdag 14 mei 2025",
            "Begeleider: http://x/s/s1#token=FAC",
            "Deelnemers: http://x/s/s1#token=PART",
            "Zaalscherm: http://x/s/s1#token=OBS&join=K7PM4QXA",
            "K7PM-4QXA",
        ] {
            assert!(text.contains(expected), "{expected:?} missing in {text}");
        }
    }

    #[test]
    fn the_invitation_has_the_participant_link_only() {
        for lang in Lang::ALL {
            let text = invitation(lang, &session(), "14 May", "http://x/");
            assert!(text.contains("Intervisie team Noord"), "{text}");
            assert!(text.contains("14 May"), "{text}");
            assert!(text.contains("http://x/s/s1#token=PART"), "{text}");
            assert!(
                text.contains("K7PM-4QXA") && text.contains("http://x/"),
                "{text}"
            );
            assert!(!text.contains("FAC") && !text.contains("OBS"), "{text}");
            assert!(!text.contains('{'), "a placeholder is left: {text}");
        }
        assert!(invitation(Lang::Nl, &session(), "14 mei", "http://x/").contains("uitgenodigd"));
    }

    #[test]
    fn without_a_join_code_there_is_no_code_line() {
        let mut s = session();
        s.join_code = None;
        let text = invitation(Lang::En, &s, "14 May", "http://x/start");
        assert!(!text.contains("http://x/start"), "{text}");
    }
}
