//! `ovaal-cluster-bench`: the multi-node load benchmark (`cargo xtask bench cluster`).
//! Starts a real PostgreSQL, a real Redis and `--nodes` release `ovaal` processes on
//! them, spreads each room's clients over the nodes (client `i` of a room on node
//! `i mod nodes`), and measures relay latency separately for sender and receiver on
//! the same node and on different nodes, the CPU all nodes spent per delivery, and
//! PostgreSQL's commits per second.
//!
//! Options: `--nodes N` (3), `--rooms N` (200), `--clients N` per room (8),
//! `--seconds N` of load (20), `--rate N` updates per client per second (1),
//! `--server PATH` (target/release/ovaal).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::time::Instant;

use ovaal_tests::bench::framing::{self, Framing, Room};
use ovaal_tests::bench::load_client::{self, ClientPlan, SentFrames};
use ovaal_tests::bench::stats::Latencies;
use ovaal_tests::postgres::TestPostgres;
use ovaal_tests::redis::TestRedis;
use ovaal_tests::server_process::{ServerProcess, free_addr};

struct Options {
    nodes: usize,
    rooms: usize,
    clients: usize,
    seconds: u64,
    rate: f64,
    server: PathBuf,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        nodes: 3,
        rooms: 200,
        clients: 8,
        seconds: 20,
        rate: 1.0,
        server: PathBuf::from("target/release/ovaal"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--nodes" => o.nodes = value.parse()?,
            "--rooms" => o.rooms = value.parse()?,
            "--clients" => o.clients = value.parse()?,
            "--seconds" => o.seconds = value.parse()?,
            "--rate" => o.rate = value.parse()?,
            "--server" => o.server = value.into(),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    anyhow::ensure!(
        o.nodes >= 1 && o.clients >= 2,
        "at least one node and two clients"
    );
    Ok(o)
}

/// PostgreSQL's count of committed transactions in `database`.
fn commits(pg: &TestPostgres, database: &str) -> anyhow::Result<u64> {
    let count = pg.query(
        database,
        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
    )?;
    Ok(count.trim().parse()?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    let pg = TestPostgres::start()?;
    let database = pg.create_database()?;
    let redis = TestRedis::start()?;
    let redis_url = redis.url();
    let unused = tempfile::tempdir()?;
    let args = [
        "--database-url",
        database.as_str(),
        "--redis-url",
        redis_url.as_str(),
    ];
    let mut nodes = Vec::new();
    for _ in 0..o.nodes {
        nodes.push(ServerProcess::start(&o.server, free_addr()?, unused.path(), &args).await?);
    }
    println!(
        "{} nodes on one PostgreSQL and one Redis; {} rooms x {} clients spread over them, \
         {} update(s)/client/s for {} s",
        o.nodes, o.rooms, o.clients, o.rate, o.seconds
    );
    let mut sessions = Vec::new();
    for i in 0..o.rooms {
        let body = serde_json::to_vec(&serde_json::json!({ "title": format!("bench {i}") }))?;
        // A new loopback address every 25 rooms: one address makes only 30 at once.
        let from = std::net::IpAddr::from([
            127,
            0,
            u8::try_from(i / 25 / 250)?,
            u8::try_from(1 + i / 25 % 250)?,
        ]);
        let r = ovaal_tests::http::request_from(
            from,
            nodes[i % o.nodes].addr,
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
    let total = o.rooms * o.clients;
    let mut connected = Vec::with_capacity(total);
    for (id, token) in &sessions {
        for client in 0..o.clients {
            let node = client % o.nodes;
            let room = Room {
                url: format!("ws://{}/api/sessions/{id}/ws", nodes[node].addr),
                token: token.clone(),
            };
            connected.push((node, framing::connect(Framing::Ovaal, &room).await?));
        }
    }
    println!("{total} connections open");
    // Every client creates its card, then the nodes are given a moment to store them.
    let mut writers = Vec::with_capacity(total);
    for (_, connection) in &mut connected {
        writers.push(framing::create_card(connection).await?);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    let sent_frames: SentFrames = Arc::new(Mutex::new(Default::default()));
    let interval = Duration::from_secs_f64(1.0 / o.rate);
    let start = Instant::now() + Duration::from_millis(500);
    let stop = start + Duration::from_secs(o.seconds);
    let mut cpu_before = Duration::ZERO;
    for node in &nodes {
        cpu_before += node.cpu_time()?;
    }
    let commits_before = commits(&pg, &database)?;
    let mut tasks = Vec::with_capacity(total);
    for (i, ((node, connection), writer)) in connected.into_iter().zip(writers).enumerate() {
        // Spread the clients' send times evenly over one interval.
        let plan = ClientPlan {
            framing: Framing::Ovaal,
            start: start + interval.mul_f64(i as f64 / total as f64),
            stop,
            interval,
            node,
        };
        tasks.push(tokio::spawn(load_client::run(
            plan,
            connection,
            writer,
            sent_frames.clone(),
        )));
    }
    let (mut sent, mut received, mut errors) = (0u64, 0u64, 0usize);
    let (mut same, mut cross) = (Latencies::default(), Latencies::default());
    let mut stored = Latencies::default();
    for task in tasks {
        let r = task.await?;
        sent += r.sent;
        received += r.received;
        same.merge(r.same_node);
        cross.merge(r.cross_node);
        stored.merge(r.stored);
        if let Some(e) = r.error {
            if errors < 3 {
                eprintln!("client error: {e}");
            }
            errors += 1;
        }
    }
    let mut cpu = Duration::ZERO;
    for node in &nodes {
        cpu += node.cpu_time()?;
    }
    let cpu = cpu.saturating_sub(cpu_before);
    let commits = commits(&pg, &database)?.saturating_sub(commits_before);
    let (same_count, cross_count) = (same.len(), cross.len());
    let expected = sent * (o.clients as u64 - 1);
    println!();
    println!("updates sent:              {sent}");
    println!(
        "deliveries:                {received} of {expected} expected ({:.2} %): \
         {same_count} on the sender's node, {cross_count} on another",
        100.0 * received as f64 / expected.max(1) as f64
    );
    println!(
        "relay latency, same node:  p50 {:.2} ms, p99 {:.2} ms",
        same.percentile_ms(50.0),
        same.percentile_ms(99.0)
    );
    println!(
        "relay latency, cross-node: p50 {:.2} ms, p99 {:.2} ms",
        cross.percentile_ms(50.0),
        cross.percentile_ms(99.0)
    );
    println!(
        "send to Stored:            p50 {:.2} ms, p99 {:.2} ms ({} writes acknowledged)",
        stored.percentile_ms(50.0),
        stored.percentile_ms(99.0),
        stored.len()
    );
    println!(
        "server CPU per delivery:   {:.1} µs (all nodes together)",
        cpu.as_secs_f64() * 1e6 / received.max(1) as f64
    );
    println!(
        "PostgreSQL commits:        {:.0}/s",
        commits as f64 / o.seconds as f64
    );
    println!("client errors:             {errors}");
    Ok(())
}
