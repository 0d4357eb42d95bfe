//! `ovaal-bench`: the load benchmark (run it with `cargo xtask bench load`).
//!
//! Without load options it runs the standard set — 200 rooms × 8 clients × 1 update/s,
//! 50 × 8 × 10 updates/s (20 s each) and 500 × 10 idle connections — against Ovaal,
//! given `--peer` against the y-websocket server, and against the relay floor (the
//! least a relay server must do, `bench::floor`), each on a fresh server process, and
//! prints the servers' figures and their ratios to y-websocket's.
//!
//! Options: `--server PATH` (target/release/ovaal), `--peer PATH` (the `server.js` of
//! `@y/websocket-server`; no peer run without it), `--node PATH` (node), `--floor
//! off` (no floor run), and for one run of your own `--rooms N`, `--clients N`,
//! `--seconds N` (0: idle), `--rate N`, `--preload-kb N` (Ovaal only: grow each board
//! to N kB first).
//!
//! `ovaal-bench --floor-serve ADDR` is the relay floor itself, started by the
//! benchmark as a process of its own.

use std::path::PathBuf;

use anyhow::Context;
use tokio::time::Instant;

use ovaal_tests::bench::process::BenchServer;
use ovaal_tests::bench::scenario::{self, Figures, Scenario};

struct Options {
    server: PathBuf,
    peer: Option<PathBuf>,
    node: PathBuf,
    /// Also run the relay floor.
    floor: bool,
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
        floor: true,
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
            "--floor" => o.floor = value != "off",
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
    if o.preload_kb > 0 {
        o.floor = false;
    }
    Ok(o)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--floor-serve") {
        let addr = args.next().context("--floor-serve needs an address")?;
        return ovaal_tests::bench::floor::serve(addr.parse()?);
    }
    let o = options()?;
    let scenarios = match o.custom {
        Some(s) => vec![s],
        None => STANDARD.to_vec(),
    };
    let most = scenarios
        .iter()
        .map(|s| s.rooms * s.clients)
        .max()
        .unwrap_or(0);
    if let Err(e) = ovaal_tests::bench::files::allow_connections(most) {
        // A sentence, not a backtrace: the machine, not the program, is the limit.
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run_all(o, scenarios))
}

async fn run_all(o: Options, scenarios: Vec<Scenario>) -> anyhow::Result<()> {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "machine load average (1, 5, 15 min) at the start: {}",
        load.trim()
    );
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
        let floor = if o.floor {
            let floor = BenchServer::start_floor().await?;
            Some(run_one(&floor, s, 0).await?)
        } else {
            None
        };
        summary.push(Run {
            scenario: s,
            ovaal: ours,
            peer: theirs,
            floor,
        });
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
        "{} connections open in {:.1} s; join (connect + handshake) p50/p99/max: {:.2} / {:.2} / {:.2} ms",
        f.connections,
        f.connect_seconds,
        f.join.percentile_ms(50.0),
        f.join.percentile_ms(99.0),
        f.join.percentile_ms(100.0)
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

/// One scenario against each server.
struct Run {
    scenario: Scenario,
    ovaal: Figures,
    peer: Option<Figures>,
    floor: Option<Figures>,
}

/// A figure of the side-by-side table.
#[derive(Clone, Copy)]
enum Figure {
    RelayP50,
    RelayP99,
    CpuPerDelivery,
    StoredP50,
    StoredP99,
    JoinP50,
    JoinP99,
    MemoryPerIdleConnection,
}

impl Figure {
    fn name(self) -> &'static str {
        match self {
            Figure::RelayP50 => "relay p50",
            Figure::RelayP99 => "relay p99",
            Figure::CpuPerDelivery => "server CPU per delivery",
            Figure::StoredP50 => "send -> Stored p50",
            Figure::StoredP99 => "send -> Stored p99",
            Figure::JoinP50 => "join p50",
            Figure::JoinP99 => "join p99",
            Figure::MemoryPerIdleConnection => "memory per idle connection",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Figure::CpuPerDelivery => "µs",
            Figure::MemoryPerIdleConnection => "kB",
            _ => "ms",
        }
    }

    /// Whether the other servers have it too (only Ovaal acknowledges).
    fn shared(self) -> bool {
        !matches!(self, Figure::StoredP50 | Figure::StoredP99)
    }

    fn of(self, f: &mut Figures) -> f64 {
        match self {
            Figure::RelayP50 => f.relay.percentile_ms(50.0),
            Figure::RelayP99 => f.relay.percentile_ms(99.0),
            Figure::CpuPerDelivery => f.cpu_per_delivery_us(),
            Figure::StoredP50 => f.stored.percentile_ms(50.0),
            Figure::StoredP99 => f.stored.percentile_ms(99.0),
            Figure::JoinP50 => f.join.percentile_ms(50.0),
            Figure::JoinP99 => f.join.percentile_ms(99.0),
            Figure::MemoryPerIdleConnection => f.kb_per_idle_connection(),
        }
    }
}

/// The side-by-side table: each figure of Ovaal, of the peer and of the relay floor,
/// and Ovaal's and the floor's as a fraction of the peer's (under 1: less).
fn print_summary(runs: &mut [Run]) {
    println!();
    println!(
        "| scenario | figure | Ovaal | y-websocket | relay floor | Ovaal / y-websocket | floor / y-websocket |"
    );
    println!("|---|---|---|---|---|---|---|");
    for run in runs.iter_mut() {
        let label = run.scenario.label();
        let figures: &[Figure] = if run.scenario.seconds > 0 {
            &[
                Figure::RelayP50,
                Figure::RelayP99,
                Figure::CpuPerDelivery,
                Figure::StoredP50,
                Figure::StoredP99,
                Figure::MemoryPerIdleConnection,
            ]
        } else {
            &[
                Figure::JoinP50,
                Figure::JoinP99,
                Figure::MemoryPerIdleConnection,
            ]
        };
        for &figure in figures {
            let unit = figure.unit();
            let ovaal = figure.of(&mut run.ovaal);
            let other =
                |f: Option<&mut Figures>| f.filter(|_| figure.shared()).map(|f| figure.of(f));
            let peer = other(run.peer.as_mut());
            let floor = other(run.floor.as_mut());
            let text = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{v:.2} {unit}"));
            let ratio = |v: Option<f64>| match (v, peer) {
                (Some(v), Some(p)) => format!("{:.2}", v / p),
                _ => "—".to_owned(),
            };
            println!(
                "| {label} | {} | {ovaal:.2} {unit} | {} | {} | {} | {} |",
                figure.name(),
                text(peer),
                text(floor),
                ratio(Some(ovaal)),
                ratio(floor),
            );
        }
    }
}

/// Writes cards into a room until its board holds about `kb` kilobytes, and waits until
/// the server has applied them. One participant's document holds at most
/// `Budget::cards_per_document` live cards (docs/protocol.md §6.4), so a large board is
/// written by as many participants as it takes, as a long series of sessions would
/// grow it; each writes its cards in a few updates of many cards, within the write
/// rate. A board past the session's byte budget would be refused: the bench says so.
async fn preload(url: &str, token: &str, kb: usize) -> anyhow::Result<()> {
    use ovaal_shared::board::CardKind;
    use ovaal_shared::board::schema::Budget;
    let budget = Budget::DEFAULT;
    // Room for the control document and the bench's own clients.
    let most = budget.session_bytes * 9 / 10;
    anyhow::ensure!(
        kb * 1024 <= most,
        "--preload-kb {kb} is past what one session may hold ({} kB of its {} kB budget; \
         docs/protocol.md §6.4)",
        most / 1024,
        budget.session_bytes / 1024
    );
    let text = "Wat zou er gebeuren als je het anders deed? ".repeat(6);
    let (target, per_update) = (kb * 1024, 50);
    let mut written = 0;
    while written < target {
        let mut client = ovaal_tests::ProtocolClient::connect(url, token).await?;
        let me = client.my_doc_name();
        let (mut cards, mut held) = (0, 0);
        while cards < budget.cards_per_document && written + held < target {
            let batch = per_update.min(budget.cards_per_document - cards);
            client
                .add_cards(CardKind::Question, &text[..250], batch)
                .await?;
            cards += batch;
            held = client.state_of(&me).map_or(0, |s| s.len());
        }
        client.round_trip().await?;
        if let Some((doc, code, reason)) = client.refusals.first() {
            anyhow::bail!("preloading was refused in {doc}: {code} {reason}");
        }
        written += held;
    }
    Ok(())
}
