//! A realistic session for screenshots and tests: an intervision group of twelve
//! around the table in the question round of the incident method — people seated in
//! the room and remote, a case-holder in the hot seat with the case and the chosen
//! theme in the centre, about sixty Dutch cards from every phase so far, a few carried
//! over from the group's previous session — written over the real protocol by native
//! clients, so the pages under test only have to show it. Who wrote what is in
//! [`group`].

pub mod group;

use crate::control::wait_for_control;
use std::net::SocketAddr;

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::arrangement::move_to_place;
use ovaal_shared::board::carried::{CarriedCard, add_carried};
use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::facilitation::{Timer, write_phase, write_timer};
use ovaal_shared::board::participant::{add_card_with, read_cards, write_profile};
use ovaal_shared::board::{CardText, NewCard, Position, Profile};
use ovaal_shared::layout::Place;
use ovaal_shared::protocol::ClientMessage;
use ovaal_shared::protocol::lib0::Encoder;
use ovaal_shared::{CardId, DocName};

use group::{CARRIED, CHOSEN_THEME, EARLIER_TITLE, PEOPLE, PHASES};
pub use group::{FACILITATOR_SEAT, HOT_SEAT, PHONE_QUESTION, PHONE_SEAT, SEATS};

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

/// The scene's people, connected; keep it alive while pages show the session.
pub struct Scene {
    pub session: CreatedSession,
    /// Name and connection of each seated person.
    pub people: Vec<(String, ProtocolClient)>,
    /// How often presence has been announced (the awareness clock).
    presence_clock: u64,
    pub facilitator: ProtocolClient,
    /// Every card on the board: the people's and the carried ones.
    pub cards: usize,
}

impl Scene {
    /// Writes the scene into a fresh session on the server at `addr`, phase by phase
    /// as the session went: the carried cards, the review, the pitches and themes,
    /// then the case chosen (its holder in the hot seat, the chosen theme moved to the
    /// centre), and the question round, the current phase, with its timer running.
    pub async fn write(addr: SocketAddr, title: &str) -> Result<Scene> {
        let earlier = create_session(addr, EARLIER_TITLE, "incident", SEATS).await?;
        let session = create_session(addr, title, "incident", SEATS).await?;
        let url = ws_url(addr, &session);
        let mut facilitator = ProtocolClient::connect(&url, &session.links.facilitator).await?;
        wait_for_control(&mut facilitator).await?;
        // The session began 45 minutes ago; cards follow each other by about 20 s.
        let now = now_ms();
        let mut clock = now - 45 * 60_000;
        let mut tick = || {
            clock += 20_000;
            clock
        };
        let from_session = earlier.links.id.to_string();
        facilitator
            .edit(&DocName::Carried, |doc| {
                // Where the server puts carried cards: a row along the board's top.
                let row = CARRIED.len() as f64 + 1.0;
                for (n, (kind, text, author)) in CARRIED.into_iter().enumerate() {
                    add_carried(
                        doc,
                        &CarriedCard {
                            id: random_card_id(),
                            kind,
                            text: text.to_owned(),
                            author_name: author.to_owned(),
                            from_session: from_session.clone(),
                            from_title: EARLIER_TITLE.to_owned(),
                            position: Position::clamped((n as f64 + 1.0) / row, 0.06),
                            created_ms: tick() - 30 * 24 * 3_600_000,
                        },
                    );
                }
            })
            .await?;

        let mut people = Vec::new();
        for person in &PEOPLE {
            let mut client = ProtocolClient::connect(&url, &session.links.participant).await?;
            let profile = Profile {
                name: person.name.to_owned(),
                seat: Some(person.seat),
                location: person.location,
                seat_claimed_ms: 1,
            };
            let me = client.my_doc_name();
            client.edit(&me, |doc| write_profile(doc, &profile)).await?;
            people.push((person.name.to_owned(), client));
        }
        let mut cards = CARRIED.len();
        for phase in PHASES {
            facilitator
                .edit(&DocName::Control, |doc| write_phase(doc, phase))
                .await?;
            if phase == "questions" {
                choose_the_case(&mut facilitator, &mut people).await?;
                facilitator
                    .edit(&DocName::Control, |doc| {
                        write_timer(doc, Timer::start(15, now - 6 * 60_000));
                    })
                    .await?;
            }
            for (person, (_, client)) in PEOPLE.iter().zip(people.iter_mut()) {
                let me = client.my_doc_name();
                let written: Vec<NewCard> = person
                    .cards
                    .iter()
                    .filter(|(p, _, _)| *p == phase)
                    .map(|(_, kind, text)| {
                        Ok(NewCard {
                            id: random_card_id(),
                            kind: *kind,
                            text: CardText::new(text)?,
                            position: Position::CENTRE,
                            created_ms: tick(),
                            phase: Some(phase.to_owned()),
                        })
                    })
                    .collect::<Result<_>>()?;
                client
                    .edit(&me, |doc| {
                        for card in &written {
                            add_card_with(doc, card);
                        }
                    })
                    .await?;
                cards += written.len();
            }
        }
        for (name, client) in people.iter_mut() {
            client.wait_stored().await?;
            ensure!(
                client.refusals.is_empty(),
                "the server refused {name}'s cards: {:?}",
                client.refusals
            );
        }
        facilitator.round_trip().await?;
        ensure!(
            facilitator.refusals.is_empty(),
            "the server refused the facilitator's writes: {:?}",
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

/// The group chose the case-holder's case: they take the hot seat (their case goes
/// to the centre) and the theme it belongs to is moved to the centre by its author.
async fn choose_the_case(
    facilitator: &mut ProtocolClient,
    people: &mut [(String, ProtocolClient)],
) -> Result<()> {
    let hot = people
        .iter()
        .find(|(name, _)| name == HOT_SEAT)
        .map(|(_, c)| c.participant().clone())
        .context("the hot-seat person is in the scene")?;
    facilitator
        .edit(&DocName::Control, |doc| write_hot_seat(doc, Some(&hot)))
        .await?;
    let author = PEOPLE
        .iter()
        .position(|p| p.cards.iter().any(|(_, _, text)| *text == CHOSEN_THEME))
        .context("someone wrote the chosen theme")?;
    let client = &mut people[author].1;
    let me = client.my_doc_name();
    let author_id = client.participant().clone();
    let theme = read_cards(client.doc(&me), &author_id)
        .into_iter()
        .find(|card| card.text == CHOSEN_THEME)
        .context("the chosen theme is on the board")?;
    let mut moved = Ok(());
    client
        .edit(&me, |doc| {
            moved = move_to_place(doc, &theme.id, Place::Centre, None);
        })
        .await?;
    moved?;
    Ok(())
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A fresh random card id, as a browser makes them.
pub fn random_card_id() -> CardId {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).expect("the OS random source works");
    CardId::from_random(random)
}
