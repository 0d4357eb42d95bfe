//! The update reader against yrs: everything the board's own writers produce is
//! accepted and read the way yrs reads it; known hostile inputs, truncations, content
//! the board never uses and seeded random mutations of real updates are refused
//! without panics, and nothing the reader accepts makes `yrs` fail to decode.
//!
//! The mutation test prints its seed; rerun a failure with
//! `OVAAL_SEED=<seed> cargo test -p ovaal-shared --test update_reader`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

#[path = "update_reader/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use corpus::{Rng, Sample, corpus, seed, step};
use ovaal_shared::protocol::lib0::DecodeError;
use ovaal_shared::update::{
    Content, ParsedUpdate, Struct, UpdateError, decode_state_vector, parse_update,
};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn flat_delete_set(parsed: &ParsedUpdate<'_>) -> Vec<(u64, u32, u32)> {
    let mut ranges: Vec<_> = parsed
        .delete_set
        .iter()
        .map(|r| (r.client, r.clock, r.clock + r.len))
        .collect();
    ranges.sort();
    ranges
}

fn yrs_delete_set(update: &Update) -> Vec<(u64, u32, u32)> {
    let mut ranges = Vec::new();
    for (client, set) in update.delete_set().iter() {
        for range in set {
            ranges.push((client.get(), range.start, range.end));
        }
    }
    ranges.sort();
    ranges
}

#[test]
fn the_boards_own_updates_parse_as_yrs_reads_them() {
    let seed = seed();
    println!("board corpus seed: {seed} (rerun with OVAAL_SEED={seed})");
    let mut rng = Rng(seed);
    let mut kinds = BTreeMap::new();
    for Sample {
        bytes,
        state: sv,
        whole,
    } in corpus(&mut rng)
    {
        let parsed = parse_update(&bytes).unwrap_or_else(|e| panic!("{e:?} for {bytes:02x?}"));
        let yrs_update = Update::decode_v1(&bytes).expect("yrs reads its own update");
        for block in &parsed.blocks {
            assert_eq!(Some(block.end()), parsed.end(block.client));
            assert_eq!(block.end(), sv.get(&yrs::ClientID::new(block.client)));
            for s in &block.structs {
                let kind = match s {
                    Struct::Gc { .. } => "gc",
                    Struct::Skip { .. } => "skip",
                    Struct::Item(item) => match item.content {
                        Content::Deleted(_) => "deleted",
                        Content::Map => "map",
                        Content::Any(_) => "any",
                    },
                };
                *kinds.entry(kind).or_insert(0) += 1;
            }
        }
        // yrs' lower bound per client is where our first struct starts.
        let lower = yrs_update.state_vector_lower();
        for block in &parsed.blocks {
            assert_eq!(block.start, lower.get(&yrs::ClientID::new(block.client)));
        }
        assert_eq!(flat_delete_set(&parsed), yrs_delete_set(&yrs_update));
        // A whole-document encoding covers every client of the document.
        if whole {
            assert_eq!(parsed.blocks.len(), sv.len());
        }
    }
    println!("struct kinds seen: {kinds:?}");
    for kind in ["gc", "deleted", "map", "any"] {
        assert!(kinds.contains_key(kind), "no {kind} struct in the corpus");
    }
}

#[test]
fn known_hostile_updates_are_refused() {
    // Two structs of client 1 at clock u32::MAX: a card map `cards["card0001"]` and its
    // `text`. yrs corrupts its memory when it receives this twice.
    let overflow = hex(
        "010201ffffffff0f270105636172647308636172643030303101280001ffffffff0f04746578740177017800",
    );
    assert_eq!(overflow.len(), 44);
    assert_eq!(parse_update(&overflow), Err(UpdateError::ClockOverflow));

    // Client 1750202498 from clock 0: a ContentString "abca" in the root text `t`
    // (refused here, kind 4); yrs then reads a ContentJSON item (kind 2) with right
    // origin 99:35 and two JSON strings where the header says one (yrs reads len + 1),
    // an empty delete set, and ignores the 9 bytes left over. It integrates the text
    // and keeps the JSON item pending.
    let text = hex(
        "010282f1c7c20600040101740461626361626323010563617264730e6c374d674f626147476333745167000182f1c7c206010002",
    );
    assert_eq!(text.len(), 52);
    assert_eq!(parse_update(&text), Err(UpdateError::ContentKind(4)));
}

#[test]
fn huge_claims_are_refused_quickly() {
    let mut sv = vec![0x80, 0x80, 0x80, 0x80, 0x02];
    sv.resize(16, 1);
    let started = Instant::now();
    assert_eq!(
        decode_state_vector(&sv),
        Err(UpdateError::Decode(DecodeError::UnexpectedEnd))
    );
    let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    let claims: Vec<Vec<u8>> = vec![
        // Clients.
        [&max[..], &[1, 1, 0, 0, 1, 0]].concat(),
        // Structs of one client.
        [&[1][..], &max, &[1, 0, 0, 1, 0]].concat(),
        // Values in one Any (origin 1:0).
        [&[1, 1, 1, 0, 0x88, 1, 0][..], &max, &[126, 0]].concat(),
        // Delete-set clients, then ranges of one client.
        [&[0][..], &max, &[1, 1, 0, 1]].concat(),
        [&[0, 1, 1][..], &max, &[0, 1]].concat(),
        // State-vector entries.
        [&max[..], &[1, 1]].concat(),
    ];
    for bytes in &claims {
        let result = if bytes == claims.last().expect("some") {
            decode_state_vector(bytes).map(|_| ())
        } else {
            parse_update(bytes).map(|_| ())
        };
        assert_eq!(
            result,
            Err(UpdateError::Decode(DecodeError::UnexpectedEnd)),
            "{bytes:02x?}"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn every_prefix_of_a_real_update_is_an_error() {
    let mut rng = Rng(7);
    let corpus = corpus(&mut rng);
    let mut checked = 0;
    for Sample { bytes, .. } in corpus.iter().step_by(17) {
        for cut in 0..bytes.len() {
            assert!(
                parse_update(&bytes[..cut]).is_err(),
                "prefix {cut} of {bytes:02x?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10);
}

/// An update written with yrs' own API on a fresh document.
fn yrs_write(write: impl FnOnce(&Doc)) -> Vec<u8> {
    step(&Doc::new(), write)
}

#[test]
fn content_the_board_never_uses_is_refused() {
    use yrs::types::xml::{XmlElementPrelim, XmlFragmentPrelim};
    use yrs::{Any, ArrayPrelim, Map, Text, TextPrelim};
    let map_with = |value: yrs::In| {
        yrs_write(move |doc| {
            let cards = doc.get_or_insert_map("cards");
            cards.insert(&mut doc.transact_mut(), "k", value);
        })
    };
    let cases: Vec<(&str, Vec<u8>, UpdateError)> = vec![
        (
            "root text",
            yrs_write(|doc| {
                let text = doc.get_or_insert_text("t");
                text.insert(&mut doc.transact_mut(), 0, "abc");
            }),
            UpdateError::ContentKind(4),
        ),
        (
            "nested text",
            map_with(TextPrelim::new("abc").into()),
            UpdateError::TypeKind(2),
        ),
        (
            "nested array",
            map_with(ArrayPrelim::default().into()),
            UpdateError::TypeKind(0),
        ),
        (
            "xml fragment",
            map_with(XmlFragmentPrelim::default().into()),
            UpdateError::TypeKind(4),
        ),
        (
            "xml element",
            map_with(XmlElementPrelim::empty("p").into()),
            UpdateError::TypeKind(3),
        ),
        // yrs 0.28 writes a sub-document as a type (ref 9), not as ContentDoc.
        (
            "sub-document",
            map_with(yrs::In::Doc(Doc::new())),
            UpdateError::TypeKind(9),
        ),
        (
            "array value",
            map_with(Any::Array(vec![Any::Array(vec![Any::Null].into())].into()).into()),
            UpdateError::ValueKind(117),
        ),
        (
            "map value",
            map_with(
                Any::from(std::collections::HashMap::from([(
                    "a".to_owned(),
                    Any::Null,
                )]))
                .into(),
            ),
            UpdateError::ValueKind(118),
        ),
        (
            "buffer",
            map_with(Any::Buffer(vec![1u8, 2].into()).into()),
            UpdateError::ValueKind(116),
        ),
    ];
    for (name, bytes, expected) in cases {
        Update::decode_v1(&bytes).expect("yrs reads its own update");
        assert_eq!(parse_update(&bytes), Err(expected), "{name}");
    }

    // Formatting and embeds, written after the text so the update holds only them.
    let doc = Doc::new();
    let text = doc.get_or_insert_text("t");
    text.insert(&mut doc.transact_mut(), 0, "abc");
    let bold = std::collections::HashMap::from([("bold".into(), Any::Bool(true))]);
    let format = step(&doc, |_| text.format(&mut doc.transact_mut(), 0, 2, bold));
    assert_eq!(parse_update(&format), Err(UpdateError::ContentKind(6)));
    let embed = step(&doc, |_| {
        text.insert_embed(&mut doc.transact_mut(), 1, Any::Null);
    });
    assert_eq!(parse_update(&embed), Err(UpdateError::ContentKind(5)));
}

/// One random change to an update's bytes.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng, corpus: &[Vec<u8>]) {
    let at = |rng: &mut Rng, len: usize| rng.below(len.max(1));
    match rng.below(6) {
        0 if !bytes.is_empty() => {
            let i = at(rng, bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 if !bytes.is_empty() => {
            let i = at(rng, bytes.len());
            bytes[i] = rng.next().to_le_bytes()[0];
        }
        2 => {
            let i = rng.below(bytes.len() + 1);
            bytes.insert(i, rng.next().to_le_bytes()[0]);
        }
        3 if !bytes.is_empty() => {
            let i = at(rng, bytes.len());
            bytes.remove(i);
        }
        4 => {
            // The head of this update with the tail of another.
            let other = &corpus[rng.below(corpus.len())];
            let head = rng.below(bytes.len() + 1);
            let tail = rng.below(other.len() + 1);
            bytes.truncate(head);
            bytes.extend_from_slice(&other[tail..]);
        }
        _ if !bytes.is_empty() => {
            // A varint bumped: a small byte (likely a count, length or clock) made
            // larger, possibly into a multi-byte varint.
            let i = at(rng, bytes.len());
            let big = (u64::from(bytes[i] & 0x7f) + 1) << rng.below(36);
            let mut e = ovaal_shared::protocol::lib0::Encoder::new();
            e.var_uint(big);
            bytes.splice(i..=i, e.finish());
        }
        _ => bytes.push(rng.next().to_le_bytes()[0]),
    }
}

#[test]
fn mutated_updates_never_panic_and_what_is_accepted_yrs_can_decode() {
    let seed = seed();
    println!("mutation seed: {seed} (rerun with OVAAL_SEED={seed})");
    let mut rng = Rng(seed);
    let corpus: Vec<Vec<u8>> = corpus(&mut rng).into_iter().map(|s| s.bytes).collect();
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..20_000 {
        let mut bytes = corpus[rng.below(corpus.len())].clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut bytes, &mut rng, &corpus);
        }
        let parsed = catch_unwind(|| parse_update(&bytes).is_ok());
        let Ok(ok) = parsed else {
            panic!("case {case}: parse_update panicked on {bytes:02x?}");
        };
        if !ok {
            refused += 1;
            continue;
        }
        accepted += 1;
        let decoded = catch_unwind(AssertUnwindSafe(|| Update::decode_v1(&bytes).is_ok()));
        assert_eq!(
            decoded.ok(),
            Some(true),
            "case {case}: accepted but yrs fails or panics on {bytes:02x?}"
        );
    }
    println!("mutations accepted: {accepted}, refused: {refused}");
    assert!(accepted > 0 && refused > 0);
}
