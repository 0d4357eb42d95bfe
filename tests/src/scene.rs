//! A realistic session for screenshots and the client benchmark: an intervision group
//! around the table — people seated in the room and remote, a case-holder in the hot
//! seat, Dutch cards of several kinds near their authors — written over the real
//! protocol by native clients, so the pages under test only have to show it.

use std::net::SocketAddr;

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::control::{read_settings, write_hot_seat};
use ovaal_shared::board::participant::{add_card, write_profile};
use ovaal_shared::board::{CardKind, CardText, Location, Position, Profile};
use ovaal_shared::protocol::ClientMessage;
use ovaal_shared::protocol::lib0::Encoder;
use ovaal_shared::{CardId, DocName};

use crate::ProtocolClient;
use crate::server::SessionLinks;

/// A session as `POST /api/sessions` answers it: the links, plus the join code and the
/// room-screen link.
#[derive(Debug, Clone)]
pub struct CreatedSession {
    pub links: SessionLinks,
    /// As shown to people: `XXXX-XXXX`.
    pub join_code: String,
    pub room_screen_url: String,
}

impl CreatedSession {
    /// The join code as the participant link carries it (`#token=XXXXXXXX`).
    pub fn join_token(&self) -> String {
        self.join_code.replace('-', "")
    }
}

/// Creates a session through the HTTP API.
pub async fn create_session(
    addr: SocketAddr,
    title: &str,
    method: &str,
    seats: u32,
) -> Result<CreatedSession> {
    let body = serde_json::json!({ "title": title, "method": method, "seats": seats });
    let response = crate::http::post_json(addr, "/api/sessions", &body).await?;
    ensure!(response.status == 201, "create session: {response:?}");
    let json = response.json()?;
    let text = |pointer: &str| -> Result<String> {
        json.pointer(pointer)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .with_context(|| format!("no {pointer} in {json}"))
    };
    let token_of = |url: &str| -> Result<String> {
        url.split_once("#token=")
            .map(|(_, t)| t.split('&').next().unwrap_or(t).to_owned())
            .with_context(|| format!("no token in {url}"))
    };
    let (f, p, o, r) = (
        text("/links/facilitator")?,
        text("/links/participant")?,
        text("/links/observer")?,
        text("/links/room_screen")?,
    );
    Ok(CreatedSession {
        links: SessionLinks {
            id: text("/id")?.parse()?,
            facilitator: token_of(&f)?,
            participant: token_of(&p)?,
            observer: token_of(&o)?,
            room_screen: token_of(&r)?,
            facilitator_url: f,
            participant_url: p,
            observer_url: o,
            room_screen_url: r.clone(),
        },
        join_code: text("/join_code")?,
        room_screen_url: r,
    })
}

/// The WebSocket address of a session on a server at `addr`.
pub fn ws_url(addr: SocketAddr, session: &CreatedSession) -> String {
    format!("ws://{addr}/api/sessions/{}/ws", session.links.id)
}

/// One person of the scene and the cards they write, each at a place on the board in
/// the client's board units (a 1000 × 600 view, the table's centre at 500, 300; seats
/// clockwise from the top). The places are chosen so cards do not cover each other at
/// laptop size and each lies in its author's seat region (the case in the centre).
struct Person {
    name: &'static str,
    seat: u32,
    location: Location,
    cards: &'static [(CardKind, &'static str, (f64, f64))],
}

/// The group around an eight-seat table: the facilitator (who joins in a browser)
/// takes seat 0 and a participant on a phone seat 4; Bram is in the hot seat with his
/// case in the centre of the table.
const PEOPLE: [Person; 6] = [
    Person {
        name: "Anna",
        seat: 1,
        location: Location::Room,
        cards: &[(
            CardKind::Question,
            "Wat heb je zelf al geprobeerd?",
            (655.0, 140.0),
        )],
    },
    Person {
        name: "Bram",
        seat: 2,
        location: Location::Remote,
        cards: &[
            (
                CardKind::Case,
                "Hoe spreek ik een collega aan die steeds te laat komt?",
                (500.0, 262.0),
            ),
            (
                CardKind::Insight,
                "Ik wacht te lang met iets zeggen.",
                (700.0, 300.0),
            ),
        ],
    },
    Person {
        name: "Chantal",
        seat: 3,
        location: Location::Room,
        cards: &[(
            CardKind::Advice,
            "Benoem wat je ziet, zonder oordeel.",
            (665.0, 455.0),
        )],
    },
    Person {
        name: "Daan",
        seat: 5,
        location: Location::Remote,
        cards: &[(
            CardKind::Question,
            "Wat gebeurt er als je niets doet?",
            (335.0, 455.0),
        )],
    },
    Person {
        name: "Eva",
        seat: 6,
        location: Location::Room,
        cards: &[(
            CardKind::Mirror,
            "Ik zie dat je je verantwoordelijk voelt voor de sfeer.",
            (300.0, 300.0),
        )],
    },
    Person {
        name: "Sanne",
        seat: 7,
        location: Location::Room,
        cards: &[(CardKind::Theme, "Grenzen stellen", (345.0, 140.0))],
    },
];

/// Seats at the table of the scene.
pub const SEATS: u32 = 8;

/// The name of the person in the hot seat.
pub const HOT_SEAT: &str = "Bram";

/// The scene's people, connected; keep it alive while pages show the session.
pub struct Scene {
    pub session: CreatedSession,
    /// Name and connection of each seated person.
    pub people: Vec<(String, ProtocolClient)>,
    /// How often presence has been announced (the awareness clock).
    presence_clock: u64,
    pub facilitator: ProtocolClient,
    pub cards: usize,
}

impl Scene {
    /// Writes the scene into a fresh session on the server at `addr`.
    pub async fn write(addr: SocketAddr, title: &str) -> Result<Scene> {
        let session = create_session(addr, title, "incident", SEATS).await?;
        let url = ws_url(addr, &session);
        let mut people = Vec::new();
        let mut cards = 0;
        for person in &PEOPLE {
            let mut client = ProtocolClient::connect(&url, &session.links.participant).await?;
            let me = client.my_doc_name();
            let profile = Profile {
                name: person.name.to_owned(),
                seat: Some(person.seat),
                location: person.location,
                seat_claimed_ms: 1,
            };
            let written = person.cards;
            client
                .edit(&me, |doc| {
                    write_profile(doc, &profile);
                    for (n, (kind, text, (x, y))) in written.iter().enumerate() {
                        let text = CardText::new(text).expect("scene texts are valid");
                        let at = Position::clamped(x / 1000.0, y / 600.0);
                        add_card(doc, &random_card_id(), *kind, &text, at, 1 + n as i64);
                    }
                })
                .await?;
            client.round_trip().await?;
            cards += person.cards.len();
            people.push((person.name.to_owned(), client));
        }
        let mut facilitator = ProtocolClient::connect(&url, &session.links.facilitator).await?;
        facilitator
            .wait_until("the control document", |c| {
                c.docs
                    .get(&DocName::Control)
                    .and_then(read_settings)
                    .is_some()
            })
            .await?;
        let hot = people
            .iter()
            .find(|(name, _)| name == HOT_SEAT)
            .map(|(_, c)| c.participant().clone())
            .context("the hot-seat person is in the scene")?;
        facilitator
            .edit(&DocName::Control, |doc| write_hot_seat(doc, Some(&hot)))
            .await?;
        facilitator.round_trip().await?;
        ensure!(
            facilitator.refusals.is_empty(),
            "the server refused the facilitator's hot seat: {:?}",
            facilitator.refusals
        );
        let mut scene = Scene {
            session,
            people,
            facilitator,
            cards,
            presence_clock: 0,
        };
        scene.announce_presence().await?;
        Ok(scene)
    }

    /// Tells everyone, over awareness, that the scene's people are here (online), the
    /// way each browser does. Presence lapses after 30 s without renewal, so call this
    /// again right before a screenshot if setting up took long.
    pub async fn announce_presence(&mut self) -> Result<()> {
        self.presence_clock += 1;
        for (n, (name, client)) in self.people.iter_mut().enumerate() {
            let location = PEOPLE
                .iter()
                .find(|p| p.name == name.as_str())
                .map_or("remote", |p| p.location.as_str());
            let state = serde_json::json!({
                "participant": client.participant().as_str(),
                "name": name,
                "role": "participant",
                "location": location,
            });
            let mut update = Encoder::new();
            update
                .var_uint(1)
                .var_uint(0x5ce0 + n as u64)
                .var_uint(self.presence_clock)
                .var_string(&state.to_string());
            client
                .send(&ClientMessage::Awareness {
                    update: update.finish(),
                })
                .await?;
            client.round_trip().await?;
        }
        Ok(())
    }
}

/// A fresh random card id, as a browser makes them.
pub fn random_card_id() -> CardId {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).expect("the OS random source works");
    CardId::from_random(random)
}
