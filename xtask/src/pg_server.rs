//! A throwaway PostgreSQL server for `cargo xtask cluster`: a fresh cluster (`initdb`)
//! in the cluster's directory, started with `pg_ctl` on a loopback port, one database
//! for Ovaal, stopped (fast shutdown) when dropped.
//!
//! PostgreSQL refuses to run as root, so as root everything runs as the unprivileged
//! system user [`UNPRIVILEGED`] (created when missing), as the storage tests do
//! (`tests/src/postgres.rs`). The programs come from [`crate::postgres`].

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, bail};

use crate::shell::{self, announce};

/// The system user unprivileged servers run as when xtask runs as root.
pub const UNPRIVILEGED: &str = "ovaal-pg";

pub struct PgServer {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    owner: Option<(u32, u32)>,
}

impl PgServer {
    /// Initialises and starts a cluster in `dir` (created here, owned by the user the
    /// server runs as) on `port`.
    pub fn start(bin: &Path, dir: &Path, port: u16) -> Result<Self> {
        let owner = unprivileged_owner()?;
        std::fs::create_dir_all(dir)?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(dir, Some(uid), Some(gid))?;
        }
        let server = Self {
            bin: bin.to_path_buf(),
            dir: dir.to_path_buf(),
            port,
            owner,
        };
        announce(&format!(
            "Initialising a PostgreSQL cluster in {}{}",
            dir.display(),
            match owner {
                Some(_) => format!(" (as the unprivileged user {UNPRIVILEGED})"),
                None => String::new(),
            }
        ));
        server.run(
            Command::new(bin.join("initdb"))
                .arg("-D")
                .arg(server.data())
                .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]),
        )?;
        announce(&format!("Starting PostgreSQL on 127.0.0.1:{port}"));
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=100",
            dir.display()
        );
        server
            .run(
                Command::new(bin.join("pg_ctl"))
                    .arg("-D")
                    .arg(server.data())
                    .arg("-l")
                    .arg(dir.join("postgresql.log"))
                    .args(["-o", &options, "-w", "start"]),
            )
            .with_context(|| {
                format!(
                    "PostgreSQL did not start; its log is {}",
                    dir.join("postgresql.log").display()
                )
            })?;
        announce("Creating the database `ovaal`");
        server.run(
            Command::new(bin.join("createdb"))
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                .args(["-U", "postgres", "ovaal"]),
        )?;
        Ok(server)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// The URL the nodes store with.
    pub fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/ovaal?sslmode=disable",
            self.port
        )
    }

    fn run(&self, command: &mut Command) -> Result<Output> {
        if let Some((uid, gid)) = self.owner {
            command.uid(uid).gid(gid);
        }
        // Its own process group: Ctrl-C in the terminal reaches xtask only, which
        // stops the nodes before the database.
        command.process_group(0);
        let line = shell::display(command);
        let output = command
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run {line}"))?;
        if !output.status.success() {
            bail!(
                "`{line}` failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(output)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        announce("Stopping PostgreSQL");
        let _ = self.run(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data())
                .args(["-m", "fast", "-w", "stop"]),
        );
    }
}

/// As root: the uid and gid of [`UNPRIVILEGED`], creating that system user when
/// missing. Otherwise `None`: the servers run as whoever runs xtask.
pub fn unprivileged_owner() -> Result<Option<(u32, u32)>> {
    let root = shell::output(Command::new("id").arg("-u"))?.trim() == "0";
    if !root {
        return Ok(None);
    }
    let id = |flag: &str| -> Option<u32> {
        shell::output(Command::new("id").args([flag, UNPRIVILEGED]))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    if id("-u").is_none() {
        let mut useradd = Command::new("useradd");
        useradd.args([
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            UNPRIVILEGED,
        ]);
        shell::run(
            &format!("Creating the system user {UNPRIVILEGED} to run PostgreSQL and nginx as"),
            &mut useradd,
        )?;
    }
    match (id("-u"), id("-g")) {
        (Some(uid), Some(gid)) => Ok(Some((uid, gid))),
        _ => bail!("cannot read the uid and gid of {UNPRIVILEGED}"),
    }
}
