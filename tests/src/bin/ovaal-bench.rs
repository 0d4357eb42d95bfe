//! `ovaal-bench`: the load benchmark (run it with `cargo xtask bench load`).
//!
//! Without load options it runs the standard set — 200 rooms × 8 clients × 1 update/s,
//! 50 × 8 × 10 updates/s (20 s each) and 500 × 10 idle connections — against Ovaal and,
//! given `--peer`, against the y-websocket server, each on a fresh server process, and
//! prints both servers' figures and their ratios.
//!
//! Options: `--server PATH` (target/release/ovaal), `--peer PATH` (the `server.js` of
//! `@y/websocket-server`; no peer run without it), `--node PATH` (node), and for one
//! run of your own `--rooms N`, `--clients N`, `--seconds N` (0: idle), `--rate N`,
//! `--preload-kb N` (Ovaal only: grow each board to N kB first).

use std::path::PathBuf;

use anyhow::Context;
use tokio::time::Instant;

use ovaal_tests::bench::process::BenchServer;
use ovaal_tests::bench::scenario::{self, Figures, Scenario};

struct Options {
    server: PathBuf,
    peer: Option<PathBuf>,
    node: PathBuf,
    /// A run of one's own instead of the standard set.
    custom: Option<Scenario>,
    preload_kb: usize,
}

const STANDARD: [Scenario; 3] = [
    Scenario {
        rooms: 200,
        clients: 8,
        rate: 1.0,
        seconds: 20,
    },
    Scenario {
        rooms: 50,
        clients: 8,
        rate: 10.0,
        seconds: 20,
    },
    Scenario {
        rooms: 500,
        clients: 10,
        rate: 1.0,
        seconds: 0,
    },
];

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        server: PathBuf::from("target/release/ovaal"),
        peer: None,
        node: PathBuf::from("node"),
        custom: None,
        preload_kb: 0,
    };
    let mut custom = Scenario {
        rooms: 200,
        clients: 8,
        rate: 1.0,
        seconds: 20,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server" => o.server = value.into(),
            "--peer" => o.peer = Some(value.into()),
            "--node" => o.node = value.into(),
            "--rooms" => custom.rooms = value.parse()?,
            "--clients" => custom.clients = value.parse()?,
            "--seconds" => custom.seconds = value.parse()?,
            "--rate" => custom.rate = value.parse()?,
            "--preload-kb" => o.preload_kb = value.parse()?,
            other => anyhow::bail!("unknown option {other}"),
        }
        if matches!(
            flag.as_str(),
            "--rooms" | "--clients" | "--seconds" | "--rate" | "--preload-kb"
        ) {
            o.custom = Some(custom);
        }
    }
    anyhow::ensure!(custom.clients >= 2, "--clients must be at least 2");
    anyhow::ensure!(
        o.preload_kb == 0 || o.peer.is_none(),
        "--preload-kb is for Ovaal alone: leave out --peer"
    );
    Ok(o)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "machine load average (1, 5, 15 min) at the start: {}",
        load.trim()
    );
    let scenarios = match o.custom {
        Some(s) => vec![s],
        None => STANDARD.to_vec(),
    };
    let mut summary = Vec::new();
    for s in scenarios {
        let ovaal = BenchServer::start_ovaal(&o.server).await?;
        let ours = run_one(&ovaal, s, o.preload_kb).await?;
        drop(ovaal);
        let theirs = match &o.peer {
            Some(script) => {
                let peer = BenchServer::start_y_websocket(&o.node, script).await?;
                Some(run_one(&peer, s, 0).await?)
            }
            None => None,
        };
        summary.push((s, ours, theirs));
    }
    print_summary(&mut summary);
    Ok(())
}

async fn run_one(server: &BenchServer, s: Scenario, preload_kb: usize) -> anyhow::Result<Figures> {
    println!();
    println!(
        "== {}: {} (pid {} on {})",
        server.name(),
        s.label(),
        server.pid(),
        server.addr()
    );
    let rooms = server.make_rooms(s.rooms).await?;
    if preload_kb > 0 {
        let started = Instant::now();
        for room in &rooms {
            preload(&room.url, &room.token, preload_kb).await?;
        }
        println!(
            "preloaded {} rooms with {preload_kb} kB each in {:.1} s",
            rooms.len(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut f = scenario::run(server, &rooms, s).await?;
    println!(
        "{} connections open in {:.1} s",
        f.connections, f.connect_seconds
    );
    if s.seconds > 0 {
        println!(
            "updates sent:              {} ({:.0}/s applied by the server)",
            f.sent,
            f.sent as f64 / s.seconds as f64
        );
        println!(
            "deliveries:                {} of {} expected ({:.2} %)",
            f.received,
            f.expected,
            100.0 * f.received as f64 / f.expected.max(1) as f64
        );
        println!(
            "relay latency p50/p99/max: {:.2} / {:.2} / {:.2} ms",
            f.relay.percentile_ms(50.0),
            f.relay.percentile_ms(99.0),
            f.relay.percentile_ms(100.0)
        );
        if !f.stored.is_empty() {
            println!(
                "send -> Stored p50/p99/max: {:.2} / {:.2} / {:.2} ms ({} of {} writes acknowledged)",
                f.stored.percentile_ms(50.0),
                f.stored.percentile_ms(99.0),
                f.stored.percentile_ms(100.0),
                f.stored.len(),
                f.sent
            );
        }
        println!(
            "server CPU per delivery:   {:.1} µs",
            f.cpu_per_delivery_us()
        );
    }
    println!(
        "server memory per idle connection: {:.1} kB ({:.1} MB with {} connections, {:.1} MB before)",
        f.kb_per_idle_connection(),
        f.rss_idle as f64 / 1048576.0,
        f.connections,
        f.rss_before as f64 / 1048576.0
    );
    let further = f.connections.saturating_sub(s.rooms).max(1);
    println!(
        "  of which: {:.1} kB for the first connection of a room (loads the room), {:.1} kB for each further one",
        f.rss_rooms.saturating_sub(f.rss_before) as f64 / s.rooms as f64 / 1024.0,
        f.rss_idle.saturating_sub(f.rss_rooms) as f64 / further as f64 / 1024.0,
    );
    println!("client errors:             {}", f.errors);
    Ok(f)
}

/// The side-by-side table: each figure of Ovaal, of the peer, and Ovaal's as a
/// fraction of the peer's (under 1: Ovaal needs less).
fn print_summary(runs: &mut [(Scenario, Figures, Option<Figures>)]) {
    println!();
    println!("| scenario | figure | Ovaal | y-websocket | Ovaal / y-websocket |");
    println!("|---|---|---|---|---|");
    for (s, ours, theirs) in runs.iter_mut() {
        let mut rows: Vec<(&str, f64, Option<f64>, &str)> = Vec::new();
        if s.seconds > 0 {
            let peer = theirs.as_mut();
            let (p50, p99, cpu) = match peer {
                Some(t) => (
                    Some(t.relay.percentile_ms(50.0)),
                    Some(t.relay.percentile_ms(99.0)),
                    Some(t.cpu_per_delivery_us()),
                ),
                None => (None, None, None),
            };
            rows.push(("relay p50", ours.relay.percentile_ms(50.0), p50, "ms"));
            rows.push(("relay p99", ours.relay.percentile_ms(99.0), p99, "ms"));
            rows.push((
                "server CPU per delivery",
                ours.cpu_per_delivery_us(),
                cpu,
                "µs",
            ));
            rows.push((
                "send -> Stored p50",
                ours.stored.percentile_ms(50.0),
                None,
                "ms",
            ));
            rows.push((
                "send -> Stored p99",
                ours.stored.percentile_ms(99.0),
                None,
                "ms",
            ));
        }
        rows.push((
            "memory per idle connection",
            ours.kb_per_idle_connection(),
            theirs.as_ref().map(Figures::kb_per_idle_connection),
            "kB",
        ));
        for (name, ovaal, peer, unit) in rows {
            let (peer_text, ratio) = match peer {
                Some(p) => (format!("{p:.2} {unit}"), format!("{:.2}", ovaal / p)),
                None => ("—".to_owned(), "—".to_owned()),
            };
            println!(
                "| {} | {name} | {ovaal:.2} {unit} | {peer_text} | {ratio} |",
                s.label()
            );
        }
    }
}

/// Writes cards into a room until its board holds about `kb` kilobytes, and waits until
/// the server has applied them.
async fn preload(url: &str, token: &str, kb: usize) -> anyhow::Result<()> {
    use ovaal_shared::board::CardKind;
    let mut client = ovaal_tests::ProtocolClient::connect(url, token).await?;
    let me = client.my_doc_name();
    let text = "Wat zou er gebeuren als je het anders deed? ".repeat(6);
    while client.state_of(&me).map_or(0, |s| s.len()) < kb * 1024 {
        // Batches of cards in one update, as a busy session would write over hours.
        for _ in 0..50 {
            client.add_card(CardKind::Question, &text[..250]).await?;
        }
    }
    client.round_trip().await
}
