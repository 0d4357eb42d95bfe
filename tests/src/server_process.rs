//! The real `ovaal` binary as a separate process: for signal and crash tests and the
//! load benchmark, where the server must be its own process.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};

/// The `ovaal` binary: `OVAAL_BIN` if set, else the workspace's debug build, which is
/// (re)built here so the tests never run a stale server. Cargo's build lock is free
/// while tests run, and an up-to-date build only checks timestamps.
pub fn ovaal_binary() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("OVAAL_BIN") {
        return Ok(PathBuf::from(path));
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "ovaal-server", "--bin", "ovaal"])
        .current_dir(&workspace)
        .status()
        .context("cannot run cargo to build the ovaal binary")?;
    anyhow::ensure!(
        status.success(),
        "building the ovaal binary failed: {status}"
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let path = target.join("debug/ovaal");
    anyhow::ensure!(path.exists(), "no ovaal binary at {}", path.display());
    Ok(path)
}

pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
}

/// A free port on loopback, to hand to a server process.
pub fn free_addr() -> anyhow::Result<SocketAddr> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?)
}

impl ServerProcess {
    /// Starts `ovaal serve` on `addr` with `data_dir` and waits until it answers.
    pub async fn start(
        binary: &Path,
        addr: SocketAddr,
        data_dir: &Path,
        extra: &[&str],
    ) -> anyhow::Result<Self> {
        Self::start_logging(binary, addr, data_dir, extra, "warn", None).await
    }

    /// Like [`ServerProcess::start`], with a `RUST_LOG` filter and, optionally, all of
    /// the server's output (stdout and stderr) written to `log`.
    pub async fn start_logging(
        binary: &Path,
        addr: SocketAddr,
        data_dir: &Path,
        extra: &[&str],
        filter: &str,
        log: Option<&Path>,
    ) -> anyhow::Result<Self> {
        let (stdout, stderr) = match log {
            Some(path) => {
                let file = std::fs::File::create(path)?;
                (Stdio::from(file.try_clone()?), Stdio::from(file))
            }
            None => (Stdio::null(), Stdio::inherit()),
        };
        let child = Command::new(binary)
            .args(["serve", "--bind", &addr.to_string()])
            .arg("--data-dir")
            .arg(data_dir)
            .args(extra)
            .env("RUST_LOG", filter)
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let server = Self { child, addr };
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

    /// Sends a signal by name (`TERM`, `INT`, `KILL`) with the system's `kill`.
    pub fn signal(&self, name: &str) -> anyhow::Result<()> {
        let status = Command::new("kill")
            .args(["-s", name, &self.pid().to_string()])
            .status()
            .context("cannot run kill")?;
        anyhow::ensure!(status.success(), "kill -s {name} failed: {status}");
        Ok(())
    }

    /// Waits for the process to exit, with a deadline.
    pub async fn wait_exit(&mut self, deadline: Duration) -> anyhow::Result<ExitStatus> {
        let until = tokio::time::Instant::now() + deadline;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if tokio::time::Instant::now() >= until {
                bail!("the server did not exit within {deadline:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Resident memory in bytes (`VmRSS`).
    pub fn rss_bytes(&self) -> anyhow::Result<u64> {
        crate::memory::rss_bytes(self.pid())
    }

    /// The most resident memory the server has had so far (`VmHWM`), in bytes.
    pub fn peak_rss_bytes(&self) -> anyhow::Result<u64> {
        crate::memory::peak_rss_bytes(self.pid())
    }

    /// User + system CPU time consumed so far.
    pub fn cpu_time(&self) -> anyhow::Result<Duration> {
        crate::memory::cpu_time(self.pid())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
