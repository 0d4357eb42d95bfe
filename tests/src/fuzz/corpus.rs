//! Honest updates of every document a session has, made with the board's own functions
//! exactly as the web client makes them: incremental (one change each) and whole
//! documents. The fuzzer sends them as they are, out of order, to the wrong document,
//! and broken in every way [`super::mutate`] knows.

use yrs::{ClientID, Doc, Options, ReadTxn, StateVector, Transact};

use ovaal_shared::board::control::{write_hot_seat, write_seat_count};
use ovaal_shared::board::facilitation::{
    Timer, reveal, write_hide_names, write_locked, write_participants_export, write_phase,
    write_sponsor_phases, write_timer,
};
use ovaal_shared::board::participant::{
    add_card_with, delete_card, edit_card, mark_removed, move_card, write_profile,
};
use ovaal_shared::board::triage::{Label, write_label, write_useful};
use ovaal_shared::board::{CardKind, CardText, Location, NewCard, Position, Profile};
use ovaal_shared::{CardId, ParticipantId};

use super::Rng;

/// Which document an update was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The fuzzing participant's own document.
    Own,
    /// Another participant's document.
    Victim,
    /// The fuzzing participant's notes in a private round.
    Private,
    /// The case-holder's labels (the fuzzing participant is in the hot seat).
    Triage,
    /// The facilitator's control document.
    Control,
}

#[derive(Debug, Clone)]
pub struct Sample {
    pub target: Target,
    pub bytes: Vec<u8>,
    /// A whole-document encoding rather than one change.
    pub whole: bool,
}

/// What the corpus is built on: who is who, and the session's plan. Nothing of the
/// server's own state goes in (its documents carry random client ids), so the corpus,
/// and with it every send, follows from the seed alone and a seed replays its run.
pub struct Setting<'a> {
    pub mallory: &'a ParticipantId,
    pub victim: &'a ParticipantId,
    /// The plan's phase ids, and the private round among them.
    pub phases: &'a [String],
    pub private_phase: &'a str,
}

/// Texts that have broken exports and encoders before: non-ASCII, right-to-left,
/// astral characters, markup, line breaks, the maximum length.
fn texts() -> Vec<String> {
    vec![
        "Wat heb je al geprobeerd?".to_owned(),
        "مرحبا — hoe voelde dat? 🤔🔥".to_owned(),
        "<script>alert(1)</script> *vet* | pipe, \"quote\"".to_owned(),
        "Eerste regel\nTweede regel: # geen kop".to_owned(),
        "é".repeat(CardText::MAX_CHARS),
        "=1+2".to_owned(),
    ]
}

pub struct Corpus {
    pub samples: Vec<Sample>,
    /// The victim's own history, in order: sent honestly at set-up so that their
    /// document exists on the server.
    pub victim_history: Vec<Vec<u8>>,
}

impl Corpus {
    pub fn build(rng: &mut Rng, s: &Setting<'_>) -> anyhow::Result<Self> {
        let mut samples = Vec::new();
        let own = person(rng, s, Target::Own, &mut samples)?;
        let victim_cards = person(rng, s, Target::Victim, &mut samples)?;
        let victim_history = samples
            .iter()
            .filter(|x| x.target == Target::Victim && !x.whole)
            .map(|x| x.bytes.clone())
            .collect();
        private(rng, s, &mut samples)?;
        triage(rng, s, &victim_cards, &own, &mut samples);
        control(rng, s, &mut samples);
        Ok(Self {
            samples,
            victim_history,
        })
    }

    pub fn of(&self, target: Target) -> Vec<&Sample> {
        self.samples.iter().filter(|s| s.target == target).collect()
    }
}

/// A replica with a chosen client id (in the range Yjs itself draws from).
pub fn doc_as(client: u64) -> Doc {
    Doc::with_options(Options {
        client_id: ClientID::new(client),
        skip_gc: true,
        ..Options::default()
    })
}

fn yjs_client(rng: &mut Rng) -> u64 {
    rng.next_u64() & 0xFFFF_FFFF
}

/// Records one change as an incremental update.
fn change(doc: &Doc, target: Target, out: &mut Vec<Sample>, f: impl FnOnce(&Doc)) {
    let before = doc.transact().state_vector();
    f(doc);
    let bytes = doc.transact().encode_state_as_update_v1(&before);
    out.push(Sample {
        target,
        bytes,
        whole: false,
    });
}

fn whole(doc: &Doc, target: Target, out: &mut Vec<Sample>) {
    let bytes = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    out.push(Sample {
        target,
        bytes,
        whole: true,
    });
}

fn new_card(rng: &mut Rng, text: &str, phase: Option<&str>) -> anyhow::Result<NewCard> {
    Ok(NewCard {
        id: CardId::from_random(rng.bytes16()),
        kind: *rng.pick(&CardKind::ALL),
        text: CardText::new(text)?,
        position: Position::clamped(rng.below(101) as f64 / 100.0, 0.25),
        created_ms: 1_700_000_000_000 + rng.below(1_000_000) as i64,
        phase: phase.map(str::to_owned),
    })
}

/// A participant's document: sits down, writes cards, moves, edits and deletes some;
/// the victim is also removed by the facilitator. Returns the card ids.
fn person(
    rng: &mut Rng,
    s: &Setting<'_>,
    target: Target,
    out: &mut Vec<Sample>,
) -> anyhow::Result<Vec<CardId>> {
    let doc = doc_as(yjs_client(rng));
    let profile = Profile {
        name: if target == Target::Own {
            "Mallory 🦊"
        } else {
            "Zoë"
        }
        .to_owned(),
        seat: Some(u32::try_from(rng.below(8)).unwrap()),
        location: *rng.pick(&[Location::Room, Location::Remote]),
        seat_claimed_ms: 1,
    };
    change(&doc, target, out, |d| write_profile(d, &profile));
    let mut ids = Vec::new();
    for text in texts() {
        let card = new_card(rng, &text, s.phases.first().map(String::as_str))?;
        ids.push(card.id.clone());
        change(&doc, target, out, |d| add_card_with(d, &card));
    }
    whole(&doc, target, out);
    change(&doc, target, out, |d| {
        let _ = move_card(d, &ids[0], Position::clamped(0.9, 0.1));
    });
    let edited = CardText::new("Toch anders: één vraag")?;
    change(&doc, target, out, |d| {
        let _ = edit_card(d, &ids[1], &edited);
    });
    change(&doc, target, out, |d| {
        let _ = delete_card(d, &ids[2]);
    });
    if target == Target::Victim {
        // The facilitator removes the victim, from a replica of their own (the page
        // writes it once the server has removed the person).
        let removal = doc_as(yjs_client(rng));
        let state = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        apply(&removal, &state)?;
        change(&removal, target, out, mark_removed);
    }
    whole(&doc, target, out);
    Ok(ids)
}

fn private(rng: &mut Rng, s: &Setting<'_>, out: &mut Vec<Sample>) -> anyhow::Result<()> {
    let doc = doc_as(yjs_client(rng));
    let mut ids = Vec::new();
    for text in texts().into_iter().take(3) {
        let card = new_card(rng, &text, Some(s.private_phase))?;
        ids.push(card.id.clone());
        change(&doc, Target::Private, out, |d| add_card_with(d, &card));
    }
    change(&doc, Target::Private, out, |d| {
        let _ = delete_card(d, &ids[0]);
    });
    whole(&doc, Target::Private, out);
    Ok(())
}

fn triage(
    rng: &mut Rng,
    s: &Setting<'_>,
    victim_cards: &[CardId],
    own_cards: &[CardId],
    out: &mut Vec<Sample>,
) {
    let doc = doc_as(yjs_client(rng));
    for (i, card) in victim_cards.iter().enumerate() {
        let label = Label::ALL[i % Label::ALL.len()];
        change(&doc, Target::Triage, out, |d| {
            write_label(d, s.victim, card, Some(label))
        });
    }
    change(&doc, Target::Triage, out, |d| {
        write_label(d, s.victim, &victim_cards[0], None)
    });
    change(&doc, Target::Triage, out, |d| {
        write_useful(d, s.mallory, &own_cards[0], true)
    });
    change(&doc, Target::Triage, out, |d| {
        write_useful(d, s.mallory, &own_cards[0], false)
    });
    whole(&doc, Target::Triage, out);
}

/// The facilitator's changes, as a second facilitator tab that has not synced yet
/// would make them: phases, timer, lock, hidden names, hot seat, seats, reveal, export
/// rights. (Ending a session is not a document write: the store decides it.)
fn control(rng: &mut Rng, s: &Setting<'_>, out: &mut Vec<Sample>) {
    let doc = doc_as(yjs_client(rng));
    let t = Target::Control;
    for phase in s.phases {
        change(&doc, t, out, |d| write_phase(d, phase));
    }
    let now = 1_700_000_000_000;
    change(&doc, t, out, |d| write_timer(d, Timer::start(5, now)));
    change(&doc, t, out, |d| {
        write_timer(d, Timer::start(5, now).pause(now + 10))
    });
    change(&doc, t, out, |d| write_locked(d, true));
    change(&doc, t, out, |d| write_locked(d, false));
    change(&doc, t, out, |d| write_hide_names(d, true));
    change(&doc, t, out, |d| write_hot_seat(d, Some(s.victim)));
    change(&doc, t, out, |d| write_hot_seat(d, Some(s.mallory)));
    change(&doc, t, out, |d| {
        let _ = write_seat_count(d, 3 + u32::try_from(rng.below(10)).unwrap());
    });
    change(&doc, t, out, |d| reveal(d, s.private_phase));
    change(&doc, t, out, |d| write_participants_export(d, true));
    let only = [s.private_phase.to_owned()];
    change(&doc, t, out, |d| write_sponsor_phases(d, Some(&only)));
    change(&doc, t, out, |d| write_sponsor_phases(d, None));
    whole(&doc, t, out);
}

fn apply(doc: &Doc, update: &[u8]) -> anyhow::Result<()> {
    use yrs::updates::decoder::Decode;
    let update = yrs::Update::decode_v1(update)?;
    doc.transact_mut().apply_update(update)?;
    Ok(())
}
