//! Seeded fuzzing of the whole write pipeline — decode, validate, apply, store, compact,
//! export — against a real `ovaal` process over real WebSockets.
//!
//! A participant (Mallory, in the hot seat) and the facilitator send honest session
//! updates, broken ones and generated oddities to every kind of document. After every
//! batch an honest participant's card must be stored without a refusal and reach an
//! observer; every few batches everyone leaves, the room is compacted, a late joiner
//! reads the compacted documents, every export answers and the JSON export imports.
//! At the end the official JavaScript `yjs` must apply every Sync frame the observers
//! and late joiners received.
//!
//! The seed is printed; `OVAAL_SEED=<seed>` runs the same cases again, nearly: yrs
//! writes a new card's fields in hash-map order, so the corpus bytes differ slightly
//! between processes. Every send is journaled with its bytes in
//! `tests/artifacts/fuzz/sends-<seed>.jsonl`; `OVAAL_REPLAY=<that file>` sends exactly
//! those bytes again, in the same rounds and batches. The frames received are in
//! `frames-<seed>.jsonl`, the server's log in `server-<seed>.log`; a passing run
//! removes all three.

use ovaal_tests::control::connect_facilitator;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail, ensure};

use ovaal_shared::board::facilitation::{read_facilitation, write_locked};
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::{DocName, SessionId};
use ovaal_tests::ProtocolClient;
use ovaal_tests::fuzz::cases::{self, Case, Docs, Sender};
use ovaal_tests::fuzz::corpus::{Corpus, Setting};
use ovaal_tests::fuzz::recorder::{Frame, Recorder, write_frames};
use ovaal_tests::fuzz::replay::{self, Entry, VICTIM};
use ovaal_tests::fuzz::writer::{Identity, Journal, Writer};
use ovaal_tests::fuzz::{Rng, interop, seed};
use ovaal_tests::hostile::contains;
use ovaal_tests::http::{get, request, with_token};
use ovaal_tests::server::{SessionLinks, create_session_at};
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

/// Rounds (each ends with everyone leaving and a compaction) × batches × sends: about
/// 2,400 sends, in well under a minute.
const ROUNDS: usize = 5;
const BATCHES: usize = 3;
const BATCH: usize = 160;
/// Sends between waits for the server's acknowledgements (keeps queues short).
const CHECKPOINT: usize = 25;
const FORMATS: [&str; 6] = ["json", "md", "csv", "svg", "png", "pdf"];

fn artifacts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/fuzz")
}

/// How often the storage worker has logged `session compacted` for `session`.
fn compactions(log: &Path, session: &SessionId) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("session compacted") && l.contains(session.as_str()))
        .count()
}

#[tokio::test]
async fn hostile_updates_go_through_the_whole_pipeline_harmlessly() -> anyhow::Result<()> {
    let (seed, replayed, name) = match std::env::var_os("OVAAL_REPLAY") {
        Some(path) => {
            // Tests run in `tests/`; a path from the workspace root works too.
            let path = PathBuf::from(path);
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let path = if path.exists() { path } else { root.join(path) };
            let (seed, entries) = replay::read(&path)?;
            println!(
                "fuzz_pipeline: replaying {} sends of seed {seed}",
                entries.len()
            );
            (seed, Some(entries), format!("{seed}-replay"))
        }
        None => {
            let seed = seed();
            println!(
                "fuzz_pipeline: seed {seed} (OVAAL_SEED={seed} runs it again; \
                 OVAAL_REPLAY=tests/artifacts/fuzz/sends-{seed}.jsonl resends its exact bytes)"
            );
            (seed, None, seed.to_string())
        }
    };
    std::fs::create_dir_all(artifacts())?;
    // Kept after the run, next to the journal: a crash's story is in it.
    let log = artifacts().join(format!("server-{name}.log"));
    let journal = artifacts().join(format!("sends-{name}.jsonl"));
    let frames = artifacts().join(format!("frames-{name}.jsonl"));
    match fuzz(seed, replayed, &log, &journal, &frames).await {
        // A passing run's files tell nothing new; a failing run's stay for replaying.
        Ok(()) => {
            for file in [&log, &journal, &frames] {
                let _ = std::fs::remove_file(file);
            }
            Ok(())
        }
        Err(e) => {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            let panic = text
                .lines()
                .find(|l| l.contains("panicked"))
                .unwrap_or("none");
            Err(e.context(format!(
                "seed {seed}; first panic in the server log: {panic}; journal {}",
                journal.display()
            )))
        }
    }
}

async fn fuzz(
    seed: u64,
    replayed: Option<Vec<Entry>>,
    log: &Path,
    journal_path: &Path,
    frames_path: &Path,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let grace = ["--room-grace-secs", "1"];
    let filter = "warn,ovaal_server::storage=debug";
    let _server =
        ServerProcess::start_logging(&binary, addr, data.path(), &grace, filter, Some(log)).await?;
    let session = create_session_at(addr, "Fuzz", Method::CaseClinic).await?;
    let url = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut rng = Rng::new(seed);
    let (mallory, victim, honest) = (
        Identity::new(&mut rng),
        Identity::new(&mut rng),
        Identity::new(&mut rng),
    );

    // The facilitator puts Mallory in the hot seat, so the triage document is hers.
    let mut facilitator = connect_facilitator(&url, &session.facilitator).await?;
    let plan = read_facilitation(&facilitator.docs[&DocName::Control]).plan;
    let phases: Vec<String> = plan.iter().map(|p| p.id.clone()).collect();
    let private_phase = plan
        .iter()
        .find(|p| p.private)
        .context("case clinic has a private round")?
        .id
        .clone();
    facilitator
        .edit(&DocName::Control, |d| {
            ovaal_shared::board::control::write_hot_seat(d, Some(&mallory.id))
        })
        .await?;
    facilitator.wait_stored().await?;
    let setting = Setting {
        mallory: &mallory.id,
        victim: &victim.id,
        phases: &phases,
        private_phase: &private_phase,
    };
    let corpus = Corpus::build(&mut rng, &setting)?;
    drop(facilitator);

    let mut journal = Journal::create(journal_path, seed)?;
    let history: Vec<Vec<u8>> = match &replayed {
        Some(entries) => entries
            .iter()
            .filter(|e| e.who == VICTIM)
            .map(|e| e.case.bytes.clone())
            .collect(),
        None => corpus.victim_history.clone(),
    };
    // The victim's document exists: their honest history is stored.
    let mut zoe = victim.connect(&url, &session.participant).await?;
    let own = zoe.my_doc_name();
    for update in history {
        let case = Case {
            sender: Sender::Mallory,
            doc: own.clone(),
            step2: false,
            bytes: update.clone(),
            what: "honest history".to_owned(),
        };
        journal.record(0, 0, VICTIM, &case)?;
        zoe.send_update(&own, update).await?;
    }
    zoe.wait_stored().await?;
    ensure!(
        zoe.refusals.is_empty(),
        "honest history refused: {:?}",
        zoe.refusals
    );
    drop(zoe);

    let docs = Docs::new(&mallory.id, &victim.id, &private_phase);
    let mut drops = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut markers = Vec::new();
    let mut refusals = BTreeMap::new();
    for round in 0..ROUNDS {
        let mut observer =
            Recorder::connect(&url, &session.observer, &format!("observer-{round}")).await?;
        let mut writers = [
            Writer::new(
                "mallory",
                mallory.connect(&url, &session.participant).await?,
            ),
            Writer::new(
                "facilitator",
                ProtocolClient::connect(&url, &session.facilitator).await?,
            ),
        ];
        let mut honest_client = honest.connect(&url, &session.participant).await?;
        let mut last = Sender::Mallory;
        for batch in 0..BATCHES {
            let batch_cases: Vec<Case> = match &replayed {
                Some(entries) => entries
                    .iter()
                    .filter(|e| e.round == round && e.batch == batch && e.who != VICTIM)
                    .map(|e| e.case.clone())
                    .collect(),
                None => {
                    let mut made = Vec::new();
                    while made.len() < BATCH {
                        made.extend(cases::next(&mut rng, &corpus, &docs)?);
                    }
                    made
                }
            };
            for (i, case) in batch_cases.iter().enumerate() {
                if case.sender != last {
                    writers[(last == Sender::Facilitator) as usize]
                        .handled(&mut drops)
                        .await?;
                    last = case.sender;
                }
                let writer = &mut writers[(case.sender == Sender::Facilitator) as usize];
                let n = journal.record(round, batch, writer.name, case)?;
                writer.send(case, n).await;
                if (i + 1) % CHECKPOINT == 0 {
                    for w in &mut writers {
                        w.settle(&mut drops).await?;
                    }
                    observer.drain().await?;
                }
            }
            for w in &mut writers {
                w.settle(&mut drops).await?;
            }
            let marker = format!("eerlijk {seed} {round}.{batch}");
            honest_write(addr, &mut writers[1].client, &mut honest_client, &marker)
                .await
                .with_context(|| format!("after send {} (seed {seed})", journal.count))?;
            observer.settle().await?;
            ensure!(
                observer
                    .frames
                    .iter()
                    .any(|f| contains(&f.bytes, marker.as_bytes())),
                "the honest card {marker:?} did not reach the observer"
            );
            markers.push(marker);
        }
        for w in &writers {
            for (code, n) in &w.refusals {
                *refusals.entry((w.name, *code)).or_insert(0) += n;
            }
        }
        observer.settle().await?;
        frames.append(&mut observer.frames);
        let before = compactions(log, &session.id);
        drop((writers, honest_client, observer));
        ovaal_tests::wait::until("the session to be compacted", || async {
            (compactions(log, &session.id) > before).then_some(())
        })
        .await?;
        let mut late = Recorder::connect(&url, &session.observer, &format!("late-{round}")).await?;
        late.settle().await?;
        frames.append(&mut late.frames);
        drop(late);
        exports_and_import(addr, &session, &markers).await?;
    }

    write_frames(frames_path, &frames)?;
    let server_log = std::fs::read_to_string(log)?;
    println!(
        "fuzz_pipeline: seed {seed}: {} sends, {} frames recorded, refusals {refusals:?}, \
         dropped connections {}, {:.1} s",
        journal.count,
        frames.len(),
        drops.len(),
        started.elapsed().as_secs_f64()
    );
    for d in &drops {
        println!("fuzz_pipeline: {d}");
    }
    for line in server_log
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR"))
    {
        println!("fuzz_pipeline: server: {line}");
    }
    let yjs = interop::check_with_yjs(frames_path)?;
    println!("fuzz_pipeline: {}", yjs.trim());
    // A panic caught by the runtime leaves the process up but is a bug all the same.
    ensure!(!server_log.contains("panicked"), "the server panicked");
    Ok(())
}

/// After a batch: the server is healthy, and an honest participant's card is stored
/// without a refusal once the facilitator has unlocked the board again (the batch may
/// have locked it, which is the facilitator's right).
async fn honest_write(
    addr: std::net::SocketAddr,
    facilitator: &mut ProtocolClient,
    honest: &mut ProtocolClient,
    marker: &str,
) -> anyhow::Result<()> {
    let health = get(addr, "/healthz", &[]).await?;
    ensure!(health.status == 200, "/healthz answered {}", health.status);
    // Catch up first, so the unlock is the newest write of `locked`.
    facilitator.round_trip().await?;
    facilitator
        .edit(&DocName::Control, |d| write_locked(d, false))
        .await?;
    facilitator.wait_stored().await?;
    honest.add_card(CardKind::Question, marker).await?;
    honest.wait_stored().await?;
    if !honest.refusals.is_empty() {
        bail!("an honest write was refused: {:?}", honest.refusals);
    }
    Ok(())
}

/// Every export format answers, the JSON has every honest card, and it imports.
async fn exports_and_import(
    addr: std::net::SocketAddr,
    session: &SessionLinks,
    markers: &[String],
) -> anyhow::Result<()> {
    let mut json = Vec::new();
    for format in FORMATS {
        let path = format!("/api/sessions/{}/export.{format}", session.id);
        let r = with_token(addr, "GET", &path, &session.facilitator, &[]).await?;
        let head: String = String::from_utf8_lossy(&r.body).chars().take(300).collect();
        ensure!(
            r.status == 200,
            "export.{format} answered {}: {head}",
            r.status
        );
        if format == "json" {
            json = r.body;
        }
    }
    for marker in markers {
        ensure!(
            contains(&json, marker.as_bytes()),
            "{marker:?} is missing from export.json"
        );
    }
    let headers = [("Content-Type", "application/json")];
    let r = request(addr, "POST", "/api/sessions/import", &headers, &json).await?;
    let head: String = String::from_utf8_lossy(&r.body).chars().take(300).collect();
    ensure!(
        r.status == 201,
        "import of export.json answered {}: {head}",
        r.status
    );
    Ok(())
}

/// The interoperability check can fail: yjs must reject a corrupt update and notice
/// an update whose history never arrived, and accept an honest one.
#[test]
fn the_yjs_check_rejects_corrupt_and_incomplete_updates() -> anyhow::Result<()> {
    use yrs::{Doc, Map, ReadTxn, StateVector, Transact};
    let doc = Doc::new();
    let cards = doc.get_or_insert_map("cards");
    cards.insert(&mut doc.transact_mut(), "a", "eerste");
    let first = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let before = doc.transact().state_vector();
    cards.insert(&mut doc.transact_mut(), "b", "tweede");
    let second = doc.transact().encode_state_as_update_v1(&before);
    let frame = |stream: &str, bytes: &[u8]| Frame {
        stream: stream.to_owned(),
        doc: "participant/x".to_owned(),
        kind: "update",
        bytes: bytes.to_vec(),
    };
    let dir = tempfile::tempdir()?;
    let good = dir.path().join("good.jsonl");
    write_frames(&good, &[frame("s", &first), frame("s", &second)])?;
    interop::check_with_yjs(&good)?;

    let bad = dir.path().join("bad.jsonl");
    let corrupt = &first[..first.len() - 3];
    write_frames(&bad, &[frame("corrupt", corrupt), frame("orphan", &second)])?;
    let output = interop::apply_with_yjs(&bad)?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "a corrupt update passed: {stderr}"
    );
    assert!(stderr.contains("corrupt/participant/x"), "{stderr}");
    assert!(stderr.contains("could not apply"), "{stderr}");
    assert!(
        stderr.contains("orphan/participant/x: structs pending"),
        "{stderr}"
    );
    Ok(())
}
