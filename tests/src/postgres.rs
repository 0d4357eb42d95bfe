//! A real PostgreSQL server for the tests that store in one: a fresh cluster in a
//! temporary directory (`initdb`), started with `pg_ctl` on a free loopback port and a
//! socket directory under /tmp, and stopped when the value is dropped.
//!
//! PostgreSQL refuses to run as root, so as root the cluster belongs to an
//! unprivileged system user, `ovaal-pg`, created here when missing. The binaries are
//! found in `OVAAL_PG_BIN`, on `PATH` (`initdb` is not there on Debian), or in
//! Debian's `/usr/lib/postgresql/<version>/bin`; `cargo xtask test` installs Debian's
//! `postgresql` when none is found.
//!
//! Without PostgreSQL, [`TestPostgres::start`] fails with what to install, like the
//! browser tests without a browser: a storage test never passes by not running.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};

/// The system user the cluster runs as when the tests run as root.
const PG_USER: &str = "ovaal-pg";

pub struct TestPostgres {
    bin: PathBuf,
    /// Holds the data and socket directories; removed after the server stopped.
    dir: tempfile::TempDir,
    port: u16,
    owner: Option<(u32, u32)>,
    databases: AtomicUsize,
}

impl TestPostgres {
    /// Starts a fresh cluster; fails when PostgreSQL is not installed.
    pub fn start() -> anyhow::Result<Self> {
        let Some(bin) = find_bin() else {
            bail!(
                "PostgreSQL is not installed (no initdb found): `cargo xtask test` \
                 installs Debian's postgresql, or set OVAAL_PG_BIN"
            );
        };
        let owner = if is_root()? {
            Some(ensure_user()?)
        } else {
            None
        };
        // Under /tmp: the socket path must stay short (about 100 bytes at most).
        let dir = tempfile::Builder::new()
            .prefix("ovaal-pg-")
            .tempdir_in("/tmp")?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))?;
        }
        let server = Self {
            bin,
            dir,
            port: free_port()?,
            owner,
            databases: AtomicUsize::new(0),
        };
        let data = server.data_dir();
        server.run_checked(
            Command::new(server.bin.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"])
                // The cluster is thrown away after the test: no need to sync its files.
                .arg("--no-sync"),
        )?;
        server.start_server()?;
        Ok(server)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Starts the (stopped) server again on the same port, with the same data.
    pub fn start_server(&self) -> anyhow::Result<()> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=50",
            self.port,
            self.dir.path().display()
        );
        self.run_checked(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data_dir())
                .arg("-l")
                .arg(self.dir.path().join("server.log"))
                .args(["-o", &options, "-w", "start"]),
        )
        .map(drop)
        .context("pg_ctl start failed (the server log is server.log in the cluster directory)")
    }

    /// Stops the server (fast shutdown: open connections are cut), keeping its data.
    pub fn stop_server(&self) -> anyhow::Result<()> {
        self.run_checked(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "fast", "-w", "stop"]),
        )
        .map(drop)
    }

    /// A new, empty database; its URL.
    pub fn create_database(&self) -> anyhow::Result<String> {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("ovaal_test_{n}");
        self.run_checked(
            Command::new(self.bin.join("createdb"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
                .args(["-U", "postgres", &name]),
        )?;
        Ok(self.url(&name))
    }

    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    /// Runs one SQL statement with `psql` and returns its rows, one per line, fields
    /// separated by `|`.
    pub fn query(&self, url: &str, sql: &str) -> anyhow::Result<String> {
        let output = self.run_checked(Command::new(self.bin.join("psql")).args([
            "-X",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ]))?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn run_checked(&self, command: &mut Command) -> anyhow::Result<Output> {
        if let Some((uid, gid)) = self.owner {
            command.uid(uid).gid(gid);
        }
        let output = command
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run {command:?}"))?;
        if !output.status.success() {
            bail!(
                "{command:?} failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(output)
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let _ = self.run_checked(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "-w", "stop"]),
        );
    }
}

/// The directory holding `initdb`, `pg_ctl`, `createdb` and `psql`.
pub fn find_bin() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb", "psql"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(dir) = std::env::var_os("OVAAL_PG_BIN").map(PathBuf::from) {
        return has_all(&dir).then_some(dir);
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    if let Some(dir) = on_path.into_iter().find(|d| has_all(d)) {
        return Some(dir);
    }
    // Debian keeps the server binaries out of PATH, one directory per major version:
    // take the newest.
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, dir)| has_all(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}

fn is_root() -> anyhow::Result<bool> {
    let out = Command::new("id")
        .arg("-u")
        .output()
        .context("cannot run id")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// The uid and gid of [`PG_USER`], creating that system user when missing. Once per
/// process: two `useradd` at once can leave the user briefly unreadable to the other.
fn ensure_user() -> anyhow::Result<(u32, u32)> {
    static USER: std::sync::OnceLock<Result<(u32, u32), String>> = std::sync::OnceLock::new();
    USER.get_or_init(|| create_user().map_err(|e| format!("{e:#}")))
        .clone()
        .map_err(anyhow::Error::msg)
}

fn create_user() -> anyhow::Result<(u32, u32)> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, PG_USER]).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().parse().ok())?
    };
    if id("-u").is_none() {
        let status = Command::new("useradd")
            .args([
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                PG_USER,
            ])
            .status()
            .context("cannot run useradd")?;
        // Another test process may have created it meanwhile: check again below.
        if !status.success() && id("-u").is_none() {
            bail!("could not create the system user {PG_USER} to run PostgreSQL as");
        }
    }
    match (id("-u"), id("-g")) {
        (Some(uid), Some(gid)) => Ok((uid, gid)),
        _ => bail!("cannot read the uid and gid of {PG_USER}"),
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
