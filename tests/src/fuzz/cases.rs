//! What the fuzzer sends next: who sends it, to which document, as which message, and
//! how the bytes were made (an honest sample, a mutation, a generated oddity, or a
//! duplicate or reordered pair).

use ovaal_shared::board::CardText;
use ovaal_shared::board::participant::write_profile;
use ovaal_shared::board::{Location, Profile};
use ovaal_shared::{DocName, ParticipantId};
use yrs::{Map, ReadTxn, StateVector, Transact};

use super::Rng;
use super::corpus::{Corpus, Sample, Target, doc_as};
use super::mutate::{huge_client, mutate, with_client};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// A participant link: their own documents are theirs, others' are not.
    Mallory,
    /// The facilitator: control, and anyone's cards.
    Facilitator,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub sender: Sender,
    pub doc: DocName,
    /// Sent as a Step2 rather than a live Update.
    pub step2: bool,
    pub bytes: Vec<u8>,
    pub what: String,
}

/// The documents of the session, by what the corpus made them for.
pub struct Docs {
    pub own: DocName,
    pub victim: DocName,
    pub private: DocName,
    pub victims_private: DocName,
}

impl Docs {
    pub fn new(mallory: &ParticipantId, victim: &ParticipantId, private_phase: &str) -> Self {
        let private = |owner: &ParticipantId| DocName::Private {
            phase: private_phase.to_owned(),
            owner: owner.clone(),
        };
        Self {
            own: DocName::Participant(mallory.clone()),
            victim: DocName::Participant(victim.clone()),
            private: private(mallory),
            victims_private: private(victim),
        }
    }

    fn of(&self, target: Target) -> DocName {
        match target {
            Target::Own => self.own.clone(),
            Target::Victim => self.victim.clone(),
            Target::Private => self.private.clone(),
            Target::Triage => DocName::Triage,
            Target::Control => DocName::Control,
        }
    }

    fn any(&self, rng: &mut Rng) -> DocName {
        let all = [
            self.own.clone(),
            self.victim.clone(),
            self.private.clone(),
            self.victims_private.clone(),
            DocName::Triage,
            DocName::Control,
            DocName::Carried,
        ];
        rng.pick(&all).clone()
    }
}

/// The next one or two sends.
pub fn next(rng: &mut Rng, corpus: &Corpus, docs: &Docs) -> anyhow::Result<Vec<Case>> {
    let sample = rng.pick(&corpus.samples).clone();
    let other = rng.pick(&corpus.samples).bytes.clone();
    let roll = rng.below(100);
    let made: Vec<(Target, Vec<u8>, String)> = if roll < 50 {
        let (bytes, name) = mutate(rng, &sample.bytes, &other);
        vec![(sample.target, bytes, name.to_owned())]
    } else if roll < 60 {
        vec![(sample.target, sample.bytes, "honest".to_owned())]
    } else if roll < 70 {
        let bytes = if rng.chance(50) {
            mutate(rng, &sample.bytes, &other).0
        } else {
            sample.bytes
        };
        vec![
            (sample.target, bytes.clone(), "duplicate (1)".to_owned()),
            (sample.target, bytes, "duplicate (2)".to_owned()),
        ]
    } else if roll < 80 {
        let pair = reordered(rng, corpus, sample.target);
        if pair.is_empty() {
            vec![(sample.target, sample.bytes, "honest".to_owned())]
        } else {
            pair
        }
    } else if roll < 95 {
        vec![(Target::Own, generated(rng)?, "generated".to_owned())]
    } else {
        let n = rng.below(64);
        let junk = (0..n).map(|_| rng.next_u64().to_le_bytes()[0]).collect();
        vec![(sample.target, junk, "random bytes".to_owned())]
    };
    let sender = |rng: &mut Rng, target| {
        let facilitator_percent = match target {
            Target::Control => 85,
            Target::Victim => 40,
            _ => 15,
        };
        if rng.chance(facilitator_percent) {
            Sender::Facilitator
        } else {
            Sender::Mallory
        }
    };
    // A pair goes to one place from one sender, as one client would send it.
    let (target, _, _) = &made[0];
    let who = sender(rng, *target);
    let doc = if rng.chance(85) {
        docs.of(*target)
    } else {
        docs.any(rng)
    };
    let step2 = rng.chance(20);
    Ok(made
        .into_iter()
        .map(|(_, bytes, what)| Case {
            sender: who,
            doc: doc.clone(),
            step2,
            bytes,
            what,
        })
        .collect())
}

/// Two consecutive changes of one document, the later one first.
fn reordered(rng: &mut Rng, corpus: &Corpus, target: Target) -> Vec<(Target, Vec<u8>, String)> {
    let changes: Vec<&Sample> = corpus.of(target).into_iter().filter(|s| !s.whole).collect();
    if changes.len() < 2 {
        return Vec::new();
    }
    let at = rng.below(changes.len() - 1);
    vec![
        (
            target,
            changes[at + 1].bytes.clone(),
            "reordered (later)".to_owned(),
        ),
        (
            target,
            changes[at].bytes.clone(),
            "reordered (earlier)".to_owned(),
        ),
    ]
}

/// An honest-looking write by a client id Yjs cannot represent (≥ 2^53), or with a
/// value where the board expects another.
fn generated(rng: &mut Rng) -> anyhow::Result<Vec<u8>> {
    let doc = doc_as(rng.next_u64() & 0xFFFF_FFFF);
    match rng.below(3) {
        0 => {
            let profile = Profile {
                name: "Grote klant".to_owned(),
                seat: Some(1),
                location: Location::Remote,
                seat_claimed_ms: 1,
            };
            write_profile(&doc, &profile);
        }
        1 => {
            let text = CardText::new("Klant voorbij 2^53")?;
            let fields = crate::hostile::card_fields(text.as_str());
            let _ = crate::hostile::raw_card(&doc, "card-0000000000000000000001", fields);
        }
        _ => {
            let cards = doc.get_or_insert_map("cards");
            let big = i64::MAX - rng.below(10) as i64;
            cards.insert(&mut doc.transact_mut(), "created_ms", big);
        }
    }
    let honest = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    Ok(with_client(&honest, huge_client(rng)))
}
