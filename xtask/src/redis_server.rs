//! Running Redis for `cargo xtask cluster`: the `redis-server` that [`crate::redis`]
//! finds or installs, started in the cluster's directory on a loopback port, without
//! persistence (Redis only carries news between nodes; PostgreSQL holds everything),
//! stopped when dropped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::shell::{self, announce};

/// How long Redis may take to answer its first PING.
const READY_DEADLINE: Duration = Duration::from_secs(20);

pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    pub fn start(binary: &Path, dir: &Path, port: u16) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut command = Command::new(binary);
        command
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .arg("--dir")
            .arg(dir)
            .arg("--logfile")
            .arg(dir.join("redis.log"))
            // Nothing to keep: the durable copy is PostgreSQL's.
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // Ctrl-C reaches xtask only, which stops Redis after the nodes.
            .process_group(0);
        announce(&format!(
            "Starting Redis on 127.0.0.1:{port} ({})",
            shell::display(&command)
        ));
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let mut server = Self { child, port };
        server.wait_ready(dir)?;
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Whether it is still running (`None`), or how it ended.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    fn wait_ready(&mut self, dir: &Path) -> Result<()> {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + READY_DEADLINE;
        loop {
            if let Some(status) = self.exited() {
                bail!(
                    "Redis exited ({status}); its log is {}",
                    dir.join("redis.log").display()
                );
            }
            if ping(address).unwrap_or(false) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("Redis did not answer PING within {READY_DEADLINE:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `PING` in the inline protocol; `true` on `+PONG`.
fn ping(address: SocketAddr) -> Result<bool> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    stream.write_all(b"PING\r\n")?;
    let mut answer = [0u8; 7];
    stream.read_exact(&mut answer)?;
    Ok(&answer == b"+PONG\r\n")
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        announce("Stopping Redis");
        crate::cluster::terminate(&mut self.child, Duration::from_secs(10));
    }
}
