//! One run of the load benchmark against one server: open rooms × clients, read the
//! server's memory with everyone idle, then (unless it is an idle run) have every
//! client send updates at a fixed rate and measure relay latency, acknowledgement
//! latency and the server's CPU per delivered update.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use super::framing::{self, Room};
use super::load_client::{self, ClientPlan, SentFrames};
use super::process::BenchServer;
use super::stats::Latencies;

#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    pub rooms: usize,
    pub clients: usize,
    /// Updates per client per second.
    pub rate: f64,
    /// Seconds of load; 0 for an idle run (connect, measure memory, leave).
    pub seconds: u64,
}

impl Scenario {
    pub fn label(&self) -> String {
        if self.seconds == 0 {
            format!("{} rooms x {} clients, idle", self.rooms, self.clients)
        } else {
            format!(
                "{} rooms x {} clients x {} update(s)/s, {} s",
                self.rooms, self.clients, self.rate, self.seconds
            )
        }
    }
}

/// What one run measured.
#[derive(Default)]
pub struct Figures {
    pub connections: usize,
    pub connect_seconds: f64,
    /// From opening the TCP connection until the handshake is done (Ovaal's
    /// `Welcome`, y-websocket's sync step 2), one sample per connection.
    pub join: Latencies,
    pub sent: u64,
    pub received: u64,
    pub expected: u64,
    pub relay: Latencies,
    pub stored: Latencies,
    pub cpu: Duration,
    pub rss_before: u64,
    pub rss_rooms: u64,
    pub rss_idle: u64,
    pub errors: usize,
}

impl Figures {
    /// Server CPU per delivered update, in microseconds.
    pub fn cpu_per_delivery_us(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.received.max(1) as f64
    }

    /// Resident memory each idle connection added, in kB.
    pub fn kb_per_idle_connection(&self) -> f64 {
        self.rss_idle.saturating_sub(self.rss_before) as f64
            / self.connections.max(1) as f64
            / 1024.0
    }
}

/// Runs `scenario` against `server` on the given rooms.
pub async fn run(
    server: &BenchServer,
    rooms: &[Room],
    scenario: Scenario,
) -> anyhow::Result<Figures> {
    let mut figures = Figures {
        rss_before: server.rss_bytes()?,
        ..Figures::default()
    };
    let framing = server.framing();
    let connect_start = Instant::now();
    let mut connected = Vec::with_capacity(rooms.len() * scenario.clients);
    // First one client per room (which loads the room), then the others, so that the
    // memory of a room and that of a connection can be told apart.
    let total = rooms.len() * scenario.clients;
    for first in [true, false] {
        for room in rooms {
            let clients = if first { 1 } else { scenario.clients - 1 };
            for _ in 0..clients {
                let source = framing::source_address(connected.len(), total);
                let started = Instant::now();
                connected.push(framing::connect_from(framing, room, source).await?);
                figures.join.record(started.elapsed());
            }
        }
        if first {
            tokio::time::sleep(Duration::from_secs(1)).await;
            figures.rss_rooms = server.rss_bytes()?;
        }
    }
    figures.connections = connected.len();
    figures.connect_seconds = connect_start.elapsed().as_secs_f64();
    // Let the server settle, then read its memory with everyone connected and idle.
    tokio::time::sleep(Duration::from_secs(2)).await;
    figures.rss_idle = server.rss_bytes()?;
    if scenario.seconds == 0 {
        return Ok(figures);
    }

    // Every client creates its card, then the server is given a moment to store them.
    let mut writers = Vec::with_capacity(connected.len());
    for connection in &mut connected {
        writers.push(framing::create_card(connection).await?);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    let sent_frames: SentFrames = Arc::new(Mutex::new(Default::default()));
    let interval = Duration::from_secs_f64(1.0 / scenario.rate);
    let start = Instant::now() + Duration::from_millis(500);
    let stop = start + Duration::from_secs(scenario.seconds);
    let cpu_before = server.cpu_time()?;
    let total = connected.len();
    let mut tasks = Vec::with_capacity(total);
    for (i, (connection, writer)) in connected.into_iter().zip(writers).enumerate() {
        // Spread the clients' send times evenly over one interval.
        let plan = ClientPlan {
            framing,
            start: start + interval.mul_f64(i as f64 / total as f64),
            stop,
            interval,
            node: 0,
        };
        tasks.push(tokio::spawn(load_client::run(
            plan,
            connection,
            writer,
            sent_frames.clone(),
        )));
    }
    for task in tasks {
        let r = task.await?;
        figures.sent += r.sent;
        figures.received += r.received;
        figures.relay.merge(r.latencies);
        figures.stored.merge(r.stored);
        if let Some(e) = r.error {
            if figures.errors < 3 {
                eprintln!("client error: {e}");
            }
            figures.errors += 1;
        }
    }
    figures.cpu = server.cpu_time()?.saturating_sub(cpu_before);
    figures.expected = figures.sent * (scenario.clients as u64 - 1);
    Ok(figures)
}
