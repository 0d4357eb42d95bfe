//! The servers under test, each as a separate process so its memory and CPU are its
//! own: Ovaal's release binary on a temporary data directory, the y-websocket server
//! (`@y/websocket-server`, in memory) started with `node`, and the relay floor
//! ([`super::floor`], this program started again with `--floor-serve`).

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use super::framing::{Framing, Room};
use crate::server_process::{ServerProcess, free_addr};

pub enum BenchServer {
    Ovaal {
        process: ServerProcess,
        _data: tempfile::TempDir,
    },
    YWebsocket {
        child: Child,
        addr: SocketAddr,
    },
    Floor {
        child: Child,
        addr: SocketAddr,
    },
}

impl BenchServer {
    /// Starts Ovaal (`ovaal serve`) and waits until it answers `/healthz`.
    pub async fn start_ovaal(binary: &Path) -> anyhow::Result<Self> {
        let data = tempfile::tempdir()?;
        let process = ServerProcess::start(binary, free_addr()?, data.path(), &[]).await?;
        Ok(Self::Ovaal {
            process,
            _data: data,
        })
    }

    /// Starts `node <server.js>` of `@y/websocket-server` and waits until it answers.
    pub async fn start_y_websocket(node: &Path, script: &Path) -> anyhow::Result<Self> {
        let addr = free_addr()?;
        let child = Command::new(node)
            .arg(script)
            .env("HOST", addr.ip().to_string())
            .env("PORT", addr.port().to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {} {}", node.display(), script.display()))?;
        let server = Self::YWebsocket { child, addr };
        crate::wait::until("the y-websocket server to answer", || async {
            crate::http::get(addr, "/", &[])
                .await
                .ok()
                .filter(|r| r.status == 200)
        })
        .await?;
        Ok(server)
    }

    /// Starts the relay floor: this program again, with `--floor-serve ADDR`, and
    /// waits until it accepts connections.
    pub async fn start_floor() -> anyhow::Result<Self> {
        let addr = free_addr()?;
        let me = std::env::current_exe()?;
        let child = Command::new(&me)
            .arg("--floor-serve")
            .arg(addr.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {} --floor-serve", me.display()))?;
        let server = Self::Floor { child, addr };
        crate::wait::until("the relay floor to accept connections", || async {
            tokio::net::TcpStream::connect(addr).await.ok()
        })
        .await?;
        Ok(server)
    }

    pub fn framing(&self) -> Framing {
        match self {
            Self::Ovaal { .. } => Framing::Ovaal,
            Self::YWebsocket { .. } | Self::Floor { .. } => Framing::YWebsocket,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Ovaal { .. } => "Ovaal",
            Self::YWebsocket { .. } => "y-websocket",
            Self::Floor { .. } => "relay floor",
        }
    }

    pub fn addr(&self) -> SocketAddr {
        match self {
            Self::Ovaal { process, .. } => process.addr,
            Self::YWebsocket { addr, .. } | Self::Floor { addr, .. } => *addr,
        }
    }

    pub fn pid(&self) -> u32 {
        match self {
            Self::Ovaal { process, .. } => process.pid(),
            Self::YWebsocket { child, .. } | Self::Floor { child, .. } => child.id(),
        }
    }

    /// Resident memory in bytes (`VmRSS`).
    pub fn rss_bytes(&self) -> anyhow::Result<u64> {
        crate::memory::rss_bytes(self.pid())
    }

    /// User + system CPU time the process has consumed so far (`/proc/<pid>/stat`).
    pub fn cpu_time(&self) -> anyhow::Result<Duration> {
        crate::memory::cpu_time(self.pid())
    }

    /// Makes `count` rooms: Ovaal sessions through the HTTP API (each with its
    /// participant link), y-websocket documents by name.
    pub async fn make_rooms(&self, count: usize) -> anyhow::Result<Vec<Room>> {
        let addr = self.addr();
        let mut rooms = Vec::with_capacity(count);
        for i in 0..count {
            rooms.push(match self {
                Self::YWebsocket { .. } | Self::Floor { .. } => Room {
                    url: format!("ws://{addr}/bench-{i}"),
                    token: String::new(),
                },
                Self::Ovaal { .. } => {
                    let body =
                        serde_json::to_vec(&serde_json::json!({ "title": format!("bench {i}") }))?;
                    // From a new loopback address every 25 rooms, as from many schools:
                    // one address may make only 30 sessions at once (docs/api.md).
                    let from = std::net::IpAddr::from([
                        127,
                        0,
                        u8::try_from(i / 25 / 250).unwrap(),
                        u8::try_from(1 + i / 25 % 250).unwrap(),
                    ]);
                    // Many sessions at once meet the server's limit on new sessions;
                    // wait as long as its answer says and try again.
                    let mut tries = 0;
                    let r = loop {
                        let r = crate::http::request_from(
                            from,
                            addr,
                            "POST",
                            "/api/sessions",
                            &[("Content-Type", "application/json")],
                            &body,
                        )
                        .await?;
                        tries += 1;
                        if r.status != 429 || tries > 60 {
                            break r;
                        }
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    };
                    anyhow::ensure!(r.status == 201, "create session: {r:?}");
                    let json = r.json()?;
                    let id = json["id"].as_str().context("id")?;
                    let link = json["links"]["participant"].as_str().context("link")?;
                    let token = link.split_once("#token=").context("token")?.1;
                    Room {
                        url: format!("ws://{addr}/api/sessions/{id}/ws"),
                        token: token.to_owned(),
                    }
                }
            });
        }
        Ok(rooms)
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        if let Self::YWebsocket { child, .. } | Self::Floor { child, .. } = self {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
