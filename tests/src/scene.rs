//! A realistic session for screenshots and the client benchmark: an intervision group
//! around the table — people seated in the room and remote, a case-holder in the hot
//! seat, Dutch cards of several kinds near their authors — written over the real
//! protocol by native clients, so the pages under test only have to show it.

use std::net::SocketAddr;

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::control::{read_settings, write_hot_seat};
use ovaal_shared::board::participant::{add_card, write_profile};
use ovaal_shared::board::{CardKind, CardText, Location, Position, Profile};
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
    let (f, p, o) = (
        text("/links/facilitator")?,
        text("/links/participant")?,
        text("/links/observer")?,
    );
    Ok(CreatedSession {
        links: SessionLinks {
            id: text("/id")?.parse()?,
            facilitator: token_of(&f)?,
            participant: token_of(&p)?,
            observer: token_of(&o)?,
            facilitator_url: f,
            participant_url: p,
            observer_url: o,
        },
        join_code: text("/join_code")?,
        room_screen_url: text("/links/room_screen")?,
    })
}

/// The WebSocket address of a session on a server at `addr`.
pub fn ws_url(addr: SocketAddr, session: &CreatedSession) -> String {
    format!("ws://{addr}/api/sessions/{}/ws", session.links.id)
}

/// One person of the scene and the cards they write.
struct Person {
    name: &'static str,
    seat: u32,
    location: Location,
    cards: &'static [(CardKind, &'static str)],
}

/// The group: five participants around an eight-seat table (the facilitator, who
/// joins in a browser, takes seat 0), Bram in the hot seat with his case.
const PEOPLE: [Person; 5] = [
    Person {
        name: "Anna",
        seat: 1,
        location: Location::Room,
        cards: &[
            (CardKind::Question, "Wat heb je zelf al geprobeerd?"),
            (CardKind::Theme, "Vertrouwen in het team"),
        ],
    },
    Person {
        name: "Bram",
        seat: 2,
        location: Location::Remote,
        cards: &[
            (
                CardKind::Case,
                "Hoe spreek ik een collega aan die steeds te laat komt?",
            ),
            (CardKind::Insight, "Ik wacht te lang met iets zeggen."),
        ],
    },
    Person {
        name: "Chantal",
        seat: 3,
        location: Location::Room,
        cards: &[
            (CardKind::Question, "Wanneer merkte je het voor het eerst?"),
            (CardKind::Advice, "Benoem wat je ziet, zonder oordeel."),
        ],
    },
    Person {
        name: "Daan",
        seat: 5,
        location: Location::Remote,
        cards: &[
            (CardKind::Question, "Wat gebeurt er als je niets doet?"),
            (
                CardKind::Advice,
                "Plan deze week een kort één-op-één gesprek.",
            ),
        ],
    },
    Person {
        name: "Eva",
        seat: 6,
        location: Location::Room,
        cards: &[
            (CardKind::Theme, "Grenzen stellen"),
            (
                CardKind::Mirror,
                "Ik zie dat je je verantwoordelijk voelt voor de sfeer.",
            ),
        ],
    },
];

/// Seats at the table of the scene.
pub const SEATS: u32 = 8;

/// The name of the person in the hot seat.
pub const HOT_SEAT: &str = "Bram";

/// The scene's people, connected; keep it alive while pages show the session.
pub struct Scene {
    pub session: CreatedSession,
    pub people: Vec<(String, ProtocolClient)>,
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
            let positions = card_positions(person.seat, person.cards.len());
            let written = person.cards;
            client
                .edit(&me, |doc| {
                    write_profile(doc, &profile);
                    for (n, ((kind, text), at)) in written.iter().zip(positions).enumerate() {
                        let text = CardText::new(text).expect("scene texts are valid");
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
        Ok(Scene {
            session,
            people,
            facilitator,
            cards,
        })
    }
}

/// Where an author's cards lie: between their seat and the table's centre, fanned out
/// along the table's edge. Board coordinates as the client draws them (a 1000 × 600
/// view with the table centred; seats clockwise from the top).
pub fn card_positions(seat: u32, count: usize) -> Vec<Position> {
    let angle = -std::f64::consts::FRAC_PI_2
        + std::f64::consts::TAU * f64::from(seat % SEATS) / f64::from(SEATS);
    (0..count)
        .map(|n| {
            let spread = (n as f64 - (count as f64 - 1.0) / 2.0) * 0.42;
            let a = angle + spread;
            let x = 500.0 + 250.0 * a.cos();
            let y = 300.0 + 150.0 * a.sin();
            Position::clamped(x / 1000.0, y / 600.0)
        })
        .collect()
}

/// A fresh random card id, as a browser makes them.
pub fn random_card_id() -> CardId {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).expect("the OS random source works");
    CardId::from_random(random)
}
