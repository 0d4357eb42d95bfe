//! A real Redis server for the cluster tests: `redis-server` on a free loopback port,
//! its working directory a temporary one, nothing saved to disk, stopped when the
//! value is dropped. [`TestRedis::stop`] and [`TestRedis::start_again`] take it away
//! and bring it back on the same port, as an outage would.
//!
//! The binary is `OVAAL_REDIS_SERVER`, or `redis-server` on `PATH`; `cargo xtask
//! test` installs Debian's `redis-server` when it is missing. Without it
//! [`TestRedis::start`] fails with what to install: a cluster test never passes by
//! not running.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::wait::DEADLINE;

pub struct TestRedis {
    binary: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

/// `redis-server`: from `OVAAL_REDIS_SERVER`, else the first on `PATH`.
pub fn find_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OVAAL_REDIS_SERVER").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| candidate.is_file())
}

impl TestRedis {
    /// Starts a fresh server; fails when Redis is not installed.
    pub fn start() -> anyhow::Result<Self> {
        let Some(binary) = find_binary() else {
            bail!(
                "Redis is not installed (no redis-server found): `cargo xtask test` \
                 installs Debian's redis-server, or set OVAAL_REDIS_SERVER"
            );
        };
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let dir = tempfile::Builder::new().prefix("ovaal-redis-").tempdir()?;
        let mut redis = Self {
            binary,
            dir,
            port,
            child: None,
        };
        redis.start_again()?;
        Ok(redis)
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts the (stopped) server again on the same port, and waits until it
    /// answers.
    pub fn start_again(&mut self) -> anyhow::Result<()> {
        let child = Command::new(&self.binary)
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            // Nothing on disk: a restarted server starts empty, as after a crash.
            .args([
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ])
            .args(["--daemonize", "no", "--loglevel", "warning"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", self.binary.display()))?;
        self.child = Some(child);
        let deadline = Instant::now() + DEADLINE;
        while !self.answers() {
            if let Some(child) = &mut self.child
                && let Some(status) = child.try_wait()?
            {
                bail!(
                    "redis-server exited at start ({status}): is port {} free?",
                    self.port
                );
            }
            if Instant::now() >= deadline {
                bail!("redis-server did not answer on port {}", self.port);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    /// Kills the server (as a crash would: no goodbye to its clients) and waits
    /// until it is gone.
    pub fn stop(&mut self) -> anyhow::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }

    /// Whether the server answers `PING`.
    fn answers(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        if stream.write_all(b"PING\r\n").is_err() {
            return false;
        }
        let mut answer = [0u8; 7];
        stream.read_exact(&mut answer).is_ok() && &answer == b"+PONG\r\n"
    }
}

impl Drop for TestRedis {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
