//! `ovaal-bench`: the load benchmark (run it with `cargo xtask bench`).
//!
//! Options: `--rooms N` (200), `--clients N` per room (8), `--seconds N` of load (20),
//! `--rate N` updates per client per second (1), `--server PATH` (target/release/ovaal).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::time::Instant;

use ovaal_tests::bench::load_client::{self, ClientPlan, SentFrames};
use ovaal_tests::bench::process::BenchServer;
use ovaal_tests::bench::stats::Latencies;

struct Options {
    rooms: usize,
    clients: usize,
    seconds: u64,
    rate: f64,
    server: PathBuf,
    /// Grow each room's board to this many kB before the load (0: empty boards), to
    /// show that relay cost does not depend on document size.
    preload_kb: usize,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        rooms: 200,
        clients: 8,
        seconds: 20,
        rate: 1.0,
        server: PathBuf::from("target/release/ovaal"),
        preload_kb: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--rooms" => o.rooms = value.parse()?,
            "--clients" => o.clients = value.parse()?,
            "--seconds" => o.seconds = value.parse()?,
            "--rate" => o.rate = value.parse()?,
            "--server" => o.server = value.into(),
            "--preload-kb" => o.preload_kb = value.parse()?,
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    let server = BenchServer::start(&o.server).await?;
    println!(
        "server pid {} on {}; {} rooms x {} clients, {} update(s)/client/s for {} s",
        server.pid(),
        server.addr,
        o.rooms,
        o.clients,
        o.rate,
        o.seconds
    );
    let mut sessions = Vec::new();
    for i in 0..o.rooms {
        let body = serde_json::to_vec(&serde_json::json!({ "title": format!("bench {i}") }))?;
        // From a new loopback address every 25 rooms, as from many schools: one
        // address may make only 30 sessions at once (docs/api.md).
        let from = std::net::IpAddr::from([127, 0, (i / 25 / 250) as u8, (1 + i / 25 % 250) as u8]);
        let r = ovaal_tests::http::request_from(
            from,
            server.addr,
            "POST",
            "/api/sessions",
            &[("Content-Type", "application/json")],
            &body,
        )
        .await?;
        anyhow::ensure!(r.status == 201, "create session: {r:?}");
        let json = r.json()?;
        let id = json["id"].as_str().context("id")?.to_owned();
        let link = json["links"]["participant"].as_str().context("link")?;
        let token = link.split_once("#token=").context("token")?.1.to_owned();
        sessions.push((id, token));
    }
    if o.preload_kb > 0 {
        let started = Instant::now();
        for (id, token) in &sessions {
            let url = format!("ws://{}/api/sessions/{id}/ws", server.addr);
            preload(&url, token, o.preload_kb).await?;
        }
        println!(
            "preloaded {} rooms with {} kB each in {:.1} s",
            sessions.len(),
            o.preload_kb,
            started.elapsed().as_secs_f64()
        );
    }
    let rss_before = server.rss_bytes()?;

    let total = o.rooms * o.clients;
    let connect_start = Instant::now();
    let start = Instant::now() + Duration::from_secs(3600); // replaced below
    let mut connected = Vec::with_capacity(total);
    // First one client per room (which loads the room), then the others, so that the
    // memory of a room and that of a connection can be told apart.
    let mut rss_rooms = 0;
    for first in [true, false] {
        for (id, token) in &sessions {
            let clients = if first { 1 } else { o.clients - 1 };
            for _ in 0..clients {
                let plan = ClientPlan {
                    url: format!("ws://{}/api/sessions/{id}/ws", server.addr),
                    token: token.clone(),
                    start,
                    stop: start,
                    interval: Duration::from_secs_f64(1.0 / o.rate),
                };
                let (socket, doc) = load_client::connect(&plan).await?;
                connected.push((plan, socket, doc));
            }
        }
        if first {
            tokio::time::sleep(Duration::from_secs(1)).await;
            rss_rooms = server.rss_bytes()?;
        }
    }
    println!(
        "{total} connections open in {:.1} s",
        connect_start.elapsed().as_secs_f64()
    );
    // Let the server settle, then read its memory with everyone connected and idle.
    let settle_until = Instant::now() + Duration::from_secs(2);
    tokio::time::sleep_until(settle_until).await;
    let rss_idle = server.rss_bytes()?;

    let sent_frames: SentFrames = Arc::new(Mutex::new(Default::default()));
    let start = Instant::now() + Duration::from_millis(500);
    let stop = start + Duration::from_secs(o.seconds);
    let cpu_before = server.cpu_time()?;
    let mut tasks = Vec::with_capacity(total);
    for (i, (mut plan, socket, doc)) in connected.into_iter().enumerate() {
        // Spread the clients' send times evenly over one interval.
        let offset = plan.interval.mul_f64(i as f64 / total as f64);
        plan.start = start + offset;
        plan.stop = stop;
        tasks.push(tokio::spawn(load_client::run(
            plan,
            socket,
            doc,
            sent_frames.clone(),
        )));
    }
    let (mut sent, mut received, mut errors) = (0u64, 0u64, 0usize);
    let mut latencies = Latencies::default();
    for task in tasks {
        let r = task.await?;
        sent += r.sent;
        received += r.received;
        latencies.merge(r.latencies);
        if let Some(e) = r.error {
            if errors < 3 {
                eprintln!("client error: {e}");
            }
            errors += 1;
        }
    }
    let cpu = server.cpu_time()?.saturating_sub(cpu_before);
    let expected = sent * (o.clients as u64 - 1);
    println!();
    println!(
        "updates sent:              {sent} ({:.0}/s applied by the server)",
        sent as f64 / o.seconds as f64
    );
    println!(
        "deliveries:                {received} of {expected} expected ({:.2} %)",
        100.0 * received as f64 / expected.max(1) as f64
    );
    println!(
        "relay latency p50:         {:.2} ms",
        latencies.percentile_ms(50.0)
    );
    println!(
        "relay latency p99:         {:.2} ms",
        latencies.percentile_ms(99.0)
    );
    println!(
        "relay latency max:         {:.2} ms",
        latencies.percentile_ms(100.0)
    );
    println!(
        "server CPU per delivery:   {:.1} µs",
        cpu.as_secs_f64() * 1e6 / received.max(1) as f64
    );
    println!(
        "server memory per idle connection: {:.1} kB ({:.1} MB with {total} connections, {:.1} MB before)",
        (rss_idle.saturating_sub(rss_before)) as f64 / total as f64 / 1024.0,
        rss_idle as f64 / 1048576.0,
        rss_before as f64 / 1048576.0
    );
    let further = total.saturating_sub(o.rooms).max(1);
    println!(
        "  of which: {:.1} kB for the first connection of a room (loads the room), {:.1} kB for each further one",
        (rss_rooms.saturating_sub(rss_before)) as f64 / o.rooms as f64 / 1024.0,
        (rss_idle.saturating_sub(rss_rooms)) as f64 / further as f64 / 1024.0,
    );
    println!("client errors:             {errors}");
    Ok(())
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
