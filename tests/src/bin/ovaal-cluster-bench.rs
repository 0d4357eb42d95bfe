//! `ovaal-cluster-bench`: the multi-node load benchmark (`cargo xtask bench cluster`,
//! which starts PostgreSQL and Redis and passes their URLs).
//!
//! Starts `--nodes` release servers as separate processes on one PostgreSQL and one
//! Redis, makes `--rooms` sessions and connects `--clients` per room spread over the
//! nodes (client `j` of room `r` on node `(r + j) mod nodes`, so every room has people
//! on several nodes), has each client send small card updates, and prints relay
//! latency for sender and receiver on the same node and on different nodes, server
//! CPU per delivery summed over the nodes, PostgreSQL commits per second (from each
//! node's `/metrics`), and the time from sending an update to its `Stored`.
//!
//! Options: `--nodes N` (3), `--rooms N` (200), `--clients N` per room (8),
//! `--seconds N` of load (20), `--rate N` updates per client per second (1),
//! `--server PATH`, `--database-url URL`, `--redis-url URL` (both required).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::time::Instant;

use ovaal_tests::bench::load_client::{self, ClientPlan, SentFrames};
use ovaal_tests::bench::stats::Latencies;
use ovaal_tests::server_process::{ServerProcess, free_addr};

struct Options {
    nodes: usize,
    rooms: usize,
    clients: usize,
    seconds: u64,
    rate: f64,
    server: PathBuf,
    database_url: String,
    redis_url: String,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        nodes: 3,
        rooms: 200,
        clients: 8,
        seconds: 20,
        rate: 1.0,
        server: PathBuf::from("target/release/ovaal"),
        database_url: String::new(),
        redis_url: String::new(),
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
            "--database-url" => o.database_url = value,
            "--redis-url" => o.redis_url = value,
            other => bail!("unknown option {other}"),
        }
    }
    if o.database_url.is_empty() || o.redis_url.is_empty() {
        bail!(
            "--database-url and --redis-url are required (`cargo xtask bench cluster` passes them)"
        );
    }
    anyhow::ensure!(o.nodes >= 2, "--nodes: at least 2");
    anyhow::ensure!(o.clients >= 2, "--clients: at least 2 per room");
    Ok(o)
}

/// Whether the server binary has the fan-out between nodes at all.
fn supports_redis(server: &PathBuf) -> anyhow::Result<bool> {
    let help = std::process::Command::new(server)
        .args(["serve", "--help"])
        .output()
        .with_context(|| format!("cannot run {}", server.display()))?;
    Ok(String::from_utf8_lossy(&help.stdout).contains("--redis-url"))
}

/// Every node's group commits so far, from its `/metrics`.
async fn commits(nodes: &[ServerProcess]) -> anyhow::Result<f64> {
    let mut total = 0.0;
    for node in nodes {
        let scrape = ovaal_tests::metrics::scrape(node.addr).await?;
        total += scrape.get("ovaal_storage_commit_seconds_count", &[])?;
    }
    Ok(total)
}

fn print_latency(what: &str, latencies: &mut Latencies) {
    println!(
        "{what:<27}p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} deliveries)",
        latencies.percentile_ms(50.0),
        latencies.percentile_ms(99.0),
        latencies.percentile_ms(100.0),
        latencies.len()
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    if !supports_redis(&o.server)? {
        bail!(
            "{} has no --redis-url: this build cannot fan out between nodes, so a \
             multi-node run would measure nothing meaningful",
            o.server.display()
        );
    }
    let data = tempfile::tempdir()?;
    let mut nodes = Vec::with_capacity(o.nodes);
    for index in 0..o.nodes {
        let dir = data.path().join(format!("node-{index}"));
        std::fs::create_dir_all(&dir)?;
        let node = ServerProcess::start(
            &o.server,
            free_addr()?,
            &dir,
            &[
                "--database-url",
                &o.database_url,
                "--redis-url",
                &o.redis_url,
            ],
        )
        .await?;
        println!("node {index}: pid {} on {}", node.pid(), node.addr);
        nodes.push(node);
    }
    println!(
        "{} nodes; {} rooms x {} clients spread over them, {} update(s)/client/s for {} s",
        o.nodes, o.rooms, o.clients, o.rate, o.seconds
    );
    let mut sessions = Vec::new();
    for i in 0..o.rooms {
        let body = serde_json::to_vec(&serde_json::json!({ "title": format!("bench {i}") }))?;
        // As in the single-node benchmark: a new loopback address every 25 rooms.
        let from = std::net::IpAddr::from([127, 0, (i / 25 / 250) as u8, (1 + i / 25 % 250) as u8]);
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
    let connect_start = Instant::now();
    let mut connected = Vec::with_capacity(total);
    for (room, (id, token)) in sessions.iter().enumerate() {
        for client in 0..o.clients {
            let node = (room + client) % o.nodes;
            let plan = ClientPlan {
                url: format!("ws://{}/api/sessions/{id}/ws", nodes[node].addr),
                token: token.clone(),
                start: Instant::now(),
                stop: Instant::now(),
                interval: Duration::from_secs_f64(1.0 / o.rate),
                node,
            };
            let (socket, doc) = load_client::connect(&plan).await?;
            connected.push((plan, socket, doc));
        }
    }
    println!(
        "{total} connections open in {:.1} s",
        connect_start.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(2)).await;

    let sent_frames: SentFrames = Arc::new(Mutex::new(Default::default()));
    let start = Instant::now() + Duration::from_millis(500);
    let stop = start + Duration::from_secs(o.seconds);
    let mut cpu_before = Duration::ZERO;
    for node in &nodes {
        cpu_before += node.cpu_time()?;
    }
    let commits_before = commits(&nodes).await?;
    let mut tasks = Vec::with_capacity(total);
    for (i, (mut plan, socket, doc)) in connected.into_iter().enumerate() {
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
    let (mut same, mut cross, mut stored) = (
        Latencies::default(),
        Latencies::default(),
        Latencies::default(),
    );
    for task in tasks {
        let r = task.await?;
        sent += r.sent;
        received += r.received;
        same.merge(r.latencies);
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
    let commits = commits(&nodes).await? - commits_before;
    let expected = sent * (o.clients as u64 - 1);
    println!();
    println!(
        "updates sent:              {sent} ({:.0}/s)",
        sent as f64 / o.seconds as f64
    );
    println!(
        "deliveries:                {received} of {expected} expected ({:.2} %)",
        100.0 * received as f64 / expected.max(1) as f64
    );
    print_latency("relay, same node:", &mut same);
    print_latency("relay, across nodes:", &mut cross);
    print_latency("send to Stored:", &mut stored);
    println!(
        "server CPU per delivery:   {:.1} µs (summed over {} nodes)",
        cpu.as_secs_f64() * 1e6 / received.max(1) as f64,
        o.nodes
    );
    println!(
        "PostgreSQL commits:        {:.0}/s ({:.1} updates per commit)",
        commits / o.seconds as f64,
        sent as f64 / commits.max(1.0)
    );
    println!("client errors:             {errors}");
    Ok(())
}
