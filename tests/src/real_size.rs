//! A session at the largest real size, written over the protocol by native clients:
//! a fourteen-seat table in the question round of the incident method, the
//! case-holder in the hot seat, and eighty cards across the phases — one review card
//! and one pitch from each person (the one after the case-holder pitches a theme,
//! which the group chose: it lies in the centre beside the case), then questions,
//! three or four each. The browser
//! tests of the table, the room screen and the client benchmark look at it.

use crate::control::wait_for_control;
use anyhow::{Context, Result, ensure};
use ovaal_shared::board::arrangement::move_to_place;
use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::facilitation::write_phase;
use ovaal_shared::board::participant::add_card_with;
use ovaal_shared::board::{CardKind, CardText, NewCard, Position};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, DocName};

use crate::ProtocolClient;
use crate::scene::random_card_id;

/// Seats at the table.
pub const SEATS: u32 = 14;
/// Cards on the board.
pub const CARDS: usize = 80;
/// The case-holder's seat.
pub const HOT_SEAT: u32 = 2;
/// The phase the session is in.
pub const CURRENT_PHASE: &str = "questions";

/// The name of whoever sits at the `n`-th seat taken.
const NAMES: [&str; 14] = [
    "Anna de Vries",
    "Bram",
    "Chantal Oudejans-Verhoeven",
    "Daan",
    "Els",
    "Fatima el Amrani",
    "Gijs",
    "Hanneke",
    "Ivo van Leeuwen",
    "Jasmijn",
    "Koen",
    "Lotte",
    "Mohammed",
    "Noor",
];

const QUESTIONS: [&str; 6] = [
    "Wat maakt dat je dit nu inbrengt?",
    "Wie heeft er nog meer last van deze situatie, en hoe merk je dat?",
    "Wat heb je zelf al geprobeerd?",
    "Wanneer ging het wel goed?",
    "Wat zou je willen dat er over een half jaar anders is in het team, concreet?",
    "Hoe reageerde je leidinggevende?",
];

/// The session as written: keep it alive while pages show it.
pub struct RealSize {
    /// The facilitator's connection, for changing the phase, the timer, the spotlight.
    pub facilitator: ProtocolClient,
    /// Each seated person's connection and seat.
    pub people: Vec<(ProtocolClient, u32)>,
    /// The ids of the current phase's cards (the questions).
    pub questions: Vec<String>,
}

fn text_for(kind: CardKind, i: usize) -> String {
    match kind {
        CardKind::Question => format!("{} ({})", QUESTIONS[i % QUESTIONS.len()], i + 1),
        CardKind::Case => format!("Casus {}: een collega die steeds later komt", i + 1),
        CardKind::Theme => format!("Thema {}: grenzen stellen", i + 1),
        CardKind::Insight => format!("Vorige keer geleerd: eerst luisteren ({})", i + 1),
        _ => format!("Kaart {}", i + 1),
    }
}

/// Writes one card of `kind` in `phase` to the client's own document.
async fn write_card(
    client: &mut ProtocolClient,
    kind: CardKind,
    phase: &str,
    i: usize,
    at: i64,
) -> Result<CardId> {
    let id = random_card_id();
    let card = NewCard {
        id: id.clone(),
        kind,
        text: CardText::new(&text_for(kind, i))?,
        position: Position { x: 0.3, y: 0.7 },
        created_ms: at,
        phase: Some(phase.to_owned()),
    };
    let me = client.my_doc_name();
    client.edit(&me, |doc| add_card_with(doc, &card)).await?;
    Ok(id)
}

/// Seats one person at each of `seats` (which must hold [`HOT_SEAT`]) and writes the
/// board as the incident method leaves it in the question round: a review card and a
/// pitch from each person, then questions round by round until there are [`CARDS`]
/// cards (the first person writes any left over).
pub async fn write_real_size(
    url: &str,
    facilitator_token: &str,
    participant_token: &str,
    seats: &[u32],
) -> Result<RealSize> {
    ensure!(
        seats.len() <= NAMES.len() && seats.contains(&HOT_SEAT),
        "between 1 and {} seats, the hot seat among them",
        NAMES.len()
    );
    let mut facilitator = ProtocolClient::connect(url, facilitator_token).await?;
    wait_for_control(&mut facilitator).await?;
    let mut people = Vec::new();
    for (name, seat) in NAMES.iter().zip(seats) {
        let mut client = ProtocolClient::connect(url, participant_token).await?;
        client.join_table(name, *seat).await?;
        people.push((client, *seat));
    }
    let hot_index = seats.iter().position(|&s| s == HOT_SEAT).unwrap_or(0);
    let theme_author = (hot_index + 1) % people.len();
    let mut at = 1_700_000_000_000_i64;
    let mut questions = Vec::new();
    let mut n = 0;
    for (phase, kinds) in [
        ("review", vec![CardKind::Insight]),
        ("pitches", vec![CardKind::Case]),
        (CURRENT_PHASE, vec![CardKind::Question; 4]),
    ] {
        facilitator
            .edit(&DocName::Control, |doc| write_phase(doc, phase))
            .await?;
        if phase == CURRENT_PHASE {
            let holder = people
                .iter()
                .find(|(_, seat)| *seat == HOT_SEAT)
                .map(|(c, _)| c.participant().clone())
                .context("the case-holder")?;
            facilitator
                .edit(&DocName::Control, |doc| write_hot_seat(doc, Some(&holder)))
                .await?;
        }
        for kind in kinds {
            for (i, (client, _)) in people.iter_mut().enumerate() {
                if n >= CARDS {
                    break;
                }
                at += 1_000;
                // The one after the case-holder pitches a theme, and the group
                // chooses it: it is moved to the centre, beside the case.
                let theme = kind == CardKind::Case && i == theme_author;
                let kind = if theme { CardKind::Theme } else { kind };
                let id = write_card(client, kind, phase, n, at).await?;
                if theme {
                    let me = client.my_doc_name();
                    let mut moved = Ok(());
                    client
                        .edit(&me, |doc| {
                            moved = move_to_place(doc, &id, Place::Centre, None);
                        })
                        .await?;
                    moved?;
                }
                if phase == CURRENT_PHASE {
                    questions.push(id.to_string());
                }
                n += 1;
            }
        }
    }
    while n < CARDS {
        at += 1_000;
        let (client, _) = &mut people[0];
        questions.push(
            write_card(client, CardKind::Question, CURRENT_PHASE, n, at)
                .await?
                .to_string(),
        );
        n += 1;
    }
    for (client, _) in people.iter_mut() {
        client.wait_stored().await?;
        ensure!(client.refusals.is_empty(), "refused: {:?}", client.refusals);
    }
    facilitator.round_trip().await?;
    ensure!(
        facilitator.refusals.is_empty(),
        "the facilitator's writes were refused: {:?}",
        facilitator.refusals
    );
    Ok(RealSize {
        facilitator,
        people,
        questions,
    })
}
