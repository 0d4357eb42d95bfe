//! The incident-method session every harvest test exports: four people (one remote,
//! one writing in Arabic), cards in every phase of the plan, the case-holder's labels
//! and useful mark, a revealed and an unrevealed private round, and a card written
//! outside the plan.

use crate::control::wait_for_control;
use std::sync::atomic::{AtomicI64, Ordering};

use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::facilitation::{reveal, write_phase, write_plan};
use ovaal_shared::board::participant::{add_card_with, write_profile};
use ovaal_shared::board::phase::{Bilingual, CaseholderMode, Phase};
use ovaal_shared::board::triage::{Label, write_label, write_useful};
use ovaal_shared::board::{
    CardKind, CardText, Location, Method, NewCard, Position, Profile, templates,
};
use ovaal_shared::{CardId, DocName, ParticipantId};

use super::{
    ACTION, ADVICE, CASE, INSIGHT, MARKUP, MIRROR, NO_PHASE, OTHER_CASE, Q_ARABIC, Q_HEBREW,
    Q_LINES, Q_QUOTES, REVEALED, SECRET, TITLE,
};
use crate::{ProtocolClient, SessionLinks, TestServer};

/// Cards' creation times: fixed and increasing, so every export lists them in the
/// order they were written.
static CLOCK: AtomicI64 = AtomicI64::new(1_750_000_000_000);

/// The session, and the facilitator's connection to change it further.
pub struct Board {
    pub server: TestServer,
    pub session: SessionLinks,
    pub facilitator: ProtocolClient,
    pub ids: Ids,
    /// The file name (without extension) its exports are kept under in
    /// `tests/artifacts/`: a test that changes the board first names its own.
    pub artifact: &'static str,
}

/// The ids the JSON's triage refers to.
pub struct Ids {
    pub zoe: ParticipantId,
    pub bram: ParticipantId,
    /// The keys their pages prove their ids with (the case-holder's own harvest).
    pub zoe_key: String,
    pub bram_key: String,
    pub q_quotes: CardId,
    pub q_lines: CardId,
    pub advice: CardId,
}

fn random_id() -> CardId {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("random source");
    CardId::from_random(bytes)
}

/// Writes a card into `doc` as the client's browser would, in `phase`.
async fn card(
    client: &mut ProtocolClient,
    doc: &DocName,
    kind: CardKind,
    text: &str,
    phase: Option<&str>,
    (x, y): (f64, f64),
) -> anyhow::Result<CardId> {
    let card = NewCard {
        id: random_id(),
        kind,
        text: CardText::new(text)?,
        position: Position { x, y },
        created_ms: CLOCK.fetch_add(1000, Ordering::Relaxed),
        phase: phase.map(str::to_owned),
    };
    let id = card.id.clone();
    client.edit(doc, move |d| add_card_with(d, &card)).await?;
    Ok(id)
}

/// The facilitator changes the control document; the server has it before we go on.
pub async fn facilitate(
    f: &mut ProtocolClient,
    change: impl FnOnce(&yrs::Doc),
) -> anyhow::Result<()> {
    f.edit(&DocName::Control, change).await?;
    f.round_trip().await
}

async fn sit(
    client: &mut ProtocolClient,
    name: &str,
    seat: u32,
    location: Location,
) -> anyhow::Result<()> {
    let profile = Profile {
        name: name.to_owned(),
        seat: Some(seat),
        location,
        seat_claimed_ms: 1,
    };
    let me = client.my_doc_name();
    client.edit(&me, |d| write_profile(d, &profile)).await
}

fn private_phase(id: &str, nl: &str, en: &str) -> Phase {
    Phase {
        id: id.to_owned(),
        name: Bilingual::new(nl, en),
        instruction: Bilingual::new("Schrijf voor jezelf.", "Write for yourself."),
        kinds: vec![CardKind::Mirror],
        caseholder: CaseholderMode::Speaks,
        private: true,
        minutes: 3,
    }
}

/// An incident-method session from pitches to evaluation, with a revealed and an
/// unrevealed private round and a card written outside the plan.
pub async fn incident_session() -> anyhow::Result<Board> {
    use CardKind::{Action, Advice, Case, Insight, Mirror, Question, Theme};
    let server = TestServer::start().await?;
    let session = server.create_session_with(TITLE, Method::Incident).await?;
    let url = server.ws_url(&session.id);
    let mut f = ProtocolClient::connect(&url, &session.facilitator).await?;
    let mut zoe = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;
    let mut sara = ProtocolClient::connect(&url, &session.participant).await?;
    for c in [&mut f, &mut zoe, &mut bram, &mut sara] {
        wait_for_control(c).await?;
    }
    sit(&mut zoe, "Zoë", 0, Location::Room).await?;
    sit(&mut bram, "Bram", 2, Location::Remote).await?;
    sit(&mut sara, "سارا", 4, Location::Room).await?;
    let (zoe_id, bram_id) = (zoe.participant().clone(), bram.participant().clone());

    let mut plan = templates::phases(Method::Incident);
    plan.push(private_phase(
        "first-thoughts",
        "Eerste gedachten",
        "First thoughts",
    ));
    plan.push(private_phase("notes", "Notities", "Notes"));
    let hot = zoe_id.clone();
    facilitate(&mut f, move |d| {
        write_plan(d, &plan);
        write_hot_seat(d, Some(&hot));
        write_phase(d, "pitches");
    })
    .await?;
    let (zd, bd, sd) = (zoe.my_doc_name(), bram.my_doc_name(), sara.my_doc_name());

    let phase = Some("pitches");
    card(&mut zoe, &zd, Case, CASE, phase, (0.5, 0.45)).await?;
    card(&mut bram, &bd, Case, OTHER_CASE, phase, (0.8, 0.2)).await?;
    for c in [&mut zoe, &mut bram] {
        c.round_trip().await?;
    }

    facilitate(&mut f, |d| write_phase(d, "questions")).await?;
    let phase = Some("questions");
    let q_quotes = card(&mut bram, &bd, Question, Q_QUOTES, phase, (0.25, 0.3)).await?;
    let q_lines = card(&mut bram, &bd, Question, Q_LINES, phase, (0.3, 0.75)).await?;
    let q_arabic = card(&mut sara, &sd, Question, Q_ARABIC, phase, (0.7, 0.75)).await?;
    card(&mut sara, &sd, Question, Q_HEBREW, phase, (0.75, 0.3)).await?;
    for c in [&mut bram, &mut sara] {
        c.round_trip().await?;
    }
    let (b, qq, ql, qa) = (
        bram_id.clone(),
        q_quotes.clone(),
        q_lines.clone(),
        q_arabic.clone(),
    );
    let sara_id = sara.participant().clone();
    zoe.edit(&DocName::Triage, move |d| {
        write_label(d, &b, &qq, Some(Label::Warm));
        write_label(d, &b, &ql, Some(Label::Neutral));
        write_label(d, &sara_id, &qa, Some(Label::Cold));
    })
    .await?;
    zoe.round_trip().await?;

    facilitate(&mut f, |d| write_phase(d, "advice")).await?;
    let phase = Some("advice");
    let advice = card(&mut bram, &bd, Advice, ADVICE, phase, (0.15, 0.55)).await?;
    card(&mut sara, &sd, Advice, MARKUP, phase, (0.85, 0.55)).await?;
    bram.round_trip().await?;
    let (b, a) = (bram_id.clone(), advice.clone());
    zoe.edit(&DocName::Triage, move |d| write_useful(d, &b, &a, true))
        .await?;

    facilitate(&mut f, |d| write_phase(d, "evaluation")).await?;
    let phase = Some("evaluation");
    card(&mut zoe, &zd, Action, ACTION, phase, (0.5, 0.15)).await?;
    card(&mut zoe, &zd, Insight, INSIGHT, phase, (0.4, 0.85)).await?;
    card(&mut bram, &bd, Mirror, MIRROR, phase, (0.6, 0.85)).await?;
    card(&mut bram, &bd, Theme, NO_PHASE, None, (0.1, 0.9)).await?;

    facilitate(&mut f, |d| write_phase(d, "first-thoughts")).await?;
    let sara_private = DocName::Private {
        phase: "first-thoughts".into(),
        owner: sara.participant().clone(),
    };
    let phase = Some("first-thoughts");
    card(
        &mut sara,
        &sara_private,
        Mirror,
        REVEALED,
        phase,
        (0.9, 0.1),
    )
    .await?;
    sara.round_trip().await?;
    facilitate(&mut f, |d| {
        reveal(d, "first-thoughts");
        write_phase(d, "notes");
    })
    .await?;
    let bram_notes = DocName::Private {
        phase: "notes".into(),
        owner: bram_id.clone(),
    };
    card(
        &mut bram,
        &bram_notes,
        Mirror,
        SECRET,
        Some("notes"),
        (0.1, 0.1),
    )
    .await?;
    for c in [&mut zoe, &mut bram, &mut sara, &mut f] {
        c.round_trip().await?;
        c.wait_stored().await?;
    }
    Ok(Board {
        server,
        session,
        facilitator: f,
        ids: Ids {
            zoe: zoe_id,
            bram: bram_id,
            zoe_key: zoe.key().to_owned(),
            bram_key: bram.key().to_owned(),
            q_quotes,
            q_lines,
            advice,
        },
        artifact: "harvest",
    })
}
