//! The server under test as a separate process, so its memory and CPU are its own.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
    _data: tempfile::TempDir,
}

impl ServerProcess {
    pub async fn start(binary: &Path) -> anyhow::Result<Self> {
        let data = tempfile::tempdir()?;
        // Pick a free port, then hand it to the server.
        let addr = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let child = Command::new(binary)
            .args([
                "serve",
                "--bind",
                &addr.to_string(),
                "--max-connections-per-room",
                "64",
            ])
            .arg("--data-dir")
            .arg(data.path())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let server = Self {
            child,
            addr,
            _data: data,
        };
        crate::wait::until("the server to answer /healthz", || async {
            crate::http::get(addr, "/healthz", &[])
                .await
                .ok()
                .filter(|r| r.status == 200)
        })
        .await?;
        Ok(server)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory in bytes (`VmRSS`).
    pub fn rss_bytes(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .context("no VmRSS")?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()?;
        Ok(kb * 1024)
    }

    /// User + system CPU time consumed so far.
    pub fn cpu_time(&self) -> anyhow::Result<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))?;
        // Fields after the parenthesised command name; utime and stime are 14 and 15.
        let after = stat.rsplit_once(')').context("stat format")?.1;
        let fields: Vec<&str> = after.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
        // Linux reports in clock ticks of 1/100 s (USER_HZ) on every common platform.
        Ok(Duration::from_millis(ticks * 10))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
