//! Reading a send journal back, to send exactly the same bytes again. A seed alone
//! does not quite replay a run: `yrs` writes a new card's fields in hash-map order,
//! which differs from one process to the next, so the corpus bytes (and every mutation
//! of them) differ too. The journal has the bytes themselves.

use std::path::Path;

use anyhow::Context;

use super::cases::{Case, Sender};

/// Who sent a journaled frame: the victim's honest history at set-up, or a fuzzing
/// writer.
pub const VICTIM: &str = "victim";

pub struct Entry {
    pub round: usize,
    pub batch: usize,
    pub who: String,
    pub case: Case,
}

/// The seed and the sends of a journal written by [`super::writer::Journal`].
pub fn read(path: &Path) -> anyhow::Result<(u64, Vec<Entry>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().context("empty journal")?)?;
    let seed = header["seed"].as_u64().context("no seed in the journal")?;
    let entries = lines
        .map(|line| entry(line).with_context(|| format!("journal line {line:.80}")))
        .collect::<anyhow::Result<_>>()?;
    Ok((seed, entries))
}

fn entry(line: &str) -> anyhow::Result<Entry> {
    let v: serde_json::Value = serde_json::from_str(line)?;
    let text = |key: &str| v[key].as_str().with_context(|| format!("no {key}"));
    let number = |key: &str| {
        v[key]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .with_context(|| format!("no {key}"))
    };
    let hex = text("hex")?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<Result<Vec<u8>, _>>()?;
    let who = text("sender")?.to_owned();
    Ok(Entry {
        round: number("round")?,
        batch: number("batch")?,
        case: Case {
            sender: if who == "facilitator" {
                Sender::Facilitator
            } else {
                Sender::Mallory
            },
            doc: text("doc")?.parse()?,
            step2: text("kind")? == "step2",
            bytes,
            what: text("what")?.to_owned(),
        },
        who,
    })
}
