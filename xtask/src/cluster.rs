//! `cargo xtask cluster`: Ovaal as several identical nodes on one machine, the way it
//! runs on several — PostgreSQL for what must last, Redis for what travels between
//! nodes, three `ovaal serve` nodes, and nginx as a round-robin load balancer in
//! front — with one command, for trying out and for watching a node being killed.
//!
//! Installs Debian's `postgresql`, `redis-server` and `nginx` when missing, builds the
//! web client and the server (release), runs everything in a fresh directory under
//! the system's temporary directory (PostgreSQL and nginx as an unprivileged user
//! when run as root), creates a session through nginx and prints its links.
//!
//! Every child runs in a process group of its own, so Ctrl-C reaches only xtask,
//! which then stops things in order: nginx, the nodes (SIGTERM: each stores
//! everything and exits), Redis, PostgreSQL; then removes the directory. A node that
//! exits meanwhile (say, `kill -9` to try a failure) is reported; the rest carry on.

use std::net::{SocketAddr, TcpListener};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::nginx::{self, Balancer};
use crate::pg_server::{self, PgServer};
use crate::redis;
use crate::redis_server::RedisServer;
use crate::shell::{self, announce};
use crate::{http, postgres, run, toolchain, web};

const DEFAULT_PORT: u16 = 8080;
const DEFAULT_NODES: usize = 3;
const HEALTH_DEADLINE: Duration = Duration::from_secs(60);
/// How long a node may take to store everything and exit after SIGTERM.
const NODE_STOP: Duration = Duration::from_secs(30);

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// nginx's port on 127.0.0.1: the address people open.
    pub port: u16,
    pub nodes: usize,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = Options {
            port: DEFAULT_PORT,
            nodes: DEFAULT_NODES,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .with_context(|| format!("{name} needs a value"))
                    .cloned()
            };
            match arg.as_str() {
                "--port" => options.port = value("--port")?.parse().context("--port")?,
                "--nodes" => options.nodes = value("--nodes")?.parse().context("--nodes")?,
                other => bail!("unknown argument `{other}` (cluster takes --port N and --nodes N)"),
            }
        }
        if !(1..=16).contains(&options.nodes) {
            bail!("--nodes must be between 1 and 16");
        }
        Ok(options)
    }
}

/// What every node shares.
struct Shared {
    binary: PathBuf,
    web_dir: PathBuf,
    public_url: String,
    database_url: String,
    /// `None` while this build has no `--redis-url` (the nodes then share PostgreSQL
    /// but not live updates; announced).
    redis_url: Option<String>,
}

/// The one place a node's command line is made.
fn node_command(shared: &Shared, address: SocketAddr, dir: &Path) -> Command {
    let mut command = Command::new(&shared.binary);
    command
        .arg("serve")
        .args(["--bind", &address.to_string()])
        .args(["--public-url", &shared.public_url])
        .arg("--web-dir")
        .arg(&shared.web_dir)
        // Unused with PostgreSQL; kept out of the working directory all the same.
        .arg("--data-dir")
        .arg(dir)
        .args(["--database-url", &shared.database_url])
        // nginx sets X-Forwarded-For; without this every client would share nginx's
        // allowance of wrong join codes and new sessions.
        .arg("--trust-forwarded-for");
    if let Some(redis_url) = &shared.redis_url {
        command.args(["--redis-url", redis_url]);
    }
    command
}

pub fn cluster(root: &Path, args: &[String]) -> Result<ExitCode> {
    let options = Options::parse(args)?;
    announce(&format!(
        "A local cluster: PostgreSQL, Redis, {} Ovaal nodes and nginx on 127.0.0.1:{}",
        options.nodes, options.port
    ));
    let pg_bin = postgres::ensure_postgres()?;
    let redis_bin = redis::ensure_redis()?;
    let nginx_bin = nginx::ensure_nginx()?;
    web::build_web(root, true)?;
    shell::run(
        "Building the server (release)",
        shell::cargo().args(["build", "--release", "-p", "ovaal-server"]),
    )?;
    let binary = toolchain::target_dir()?.join("release").join("ovaal");
    let listen = SocketAddr::from(([127, 0, 0, 1], options.port));
    TcpListener::bind(listen).with_context(|| {
        format!("{listen} is taken; choose another port with `cargo xtask cluster --port N`")
    })?;

    // Ctrl-C and SIGTERM only set flags: the loop below stops everything in order.
    let interrupted = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted))?;
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&interrupted))?;

    // Dropped last: the directory goes once everything in it has stopped.
    let dir = Scratch::create()?;
    announce(&format!("Working directory: {}", dir.0.display()));
    let owner = pg_server::unprivileged_owner()?;
    let postgres = PgServer::start(&pg_bin, &dir.0.join("postgresql"), free_port()?)?;
    let redis = RedisServer::start(&redis_bin, &dir.0.join("redis"), free_port()?)?;
    let redis_url = if supports_redis(&binary)? {
        Some(redis.url())
    } else {
        announce(
            "NOTE: this build of ovaal has no --redis-url yet: the nodes share PostgreSQL \
             but not live updates, so people on different nodes see each other's work only \
             after reconnecting",
        );
        None
    };
    let shared = Shared {
        binary,
        web_dir: root.join("web/dist"),
        public_url: format!("http://{listen}"),
        database_url: postgres.url(),
        redis_url,
    };
    let mut nodes = Vec::new();
    for index in 1..=options.nodes {
        nodes.push(Node::start(&shared, index, &dir.0)?);
    }
    for node in &mut nodes {
        node.wait_healthy()?;
    }
    let mut balancer = start_nginx(&nginx_bin, listen, &nodes, &dir.0, owner)?;
    wait_through_nginx(&mut balancer, listen)?;
    run::create_session(&listen.to_string())?;

    println!();
    println!("    Open the links above: every request goes through nginx to any node.");
    for node in &nodes {
        println!(
            "    node {}: http://{} (metrics http://{}/metrics, log {})",
            node.index,
            node.address,
            node.address,
            node.log.display()
        );
    }
    println!("    PostgreSQL: {}", shared.database_url);
    println!("    Redis:      {}", redis.url());
    println!(
        "    nginx:      http://{listen}/ (configuration {})",
        dir.0.join("nginx/nginx.conf").display()
    );
    println!("\n    Try `kill -9 <pid>` on a node; stop everything with Ctrl-C.\n");

    watch(&interrupted, &mut nodes, &mut balancer.0);
    // In this order; an early return above drops them in the same order.
    drop(balancer);
    drop(nodes);
    drop(redis);
    drop(postgres);
    announce(&format!("Removing {}", dir.0.display()));
    drop(dir);
    announce("Everything stopped");
    Ok(ExitCode::SUCCESS)
}

/// Waits for Ctrl-C, reporting any process that exits meanwhile.
fn watch(interrupted: &AtomicBool, nodes: &mut [Node], balancer: &mut Child) {
    let mut balancer_gone = false;
    while !interrupted.load(Ordering::Relaxed) {
        for node in nodes.iter_mut() {
            if node.exited.is_none()
                && let Ok(Some(status)) = node.child.try_wait()
            {
                announce(&format!(
                    "node {} exited ({status}); the others carry on (its log: {})",
                    node.index,
                    node.log.display()
                ));
                node.exited = Some(status);
            }
        }
        if !balancer_gone && let Ok(Some(status)) = balancer.try_wait() {
            announce(&format!(
                "nginx exited ({status}); the nodes still answer directly"
            ));
            balancer_gone = true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!();
    announce("Interrupted: stopping the cluster");
}

/// Whether this build of the server takes `--redis-url`.
fn supports_redis(binary: &Path) -> Result<bool> {
    let help = shell::output(Command::new(binary).args(["serve", "--help"]))?;
    Ok(help.contains("--redis-url"))
}

struct Node {
    index: usize,
    address: SocketAddr,
    log: PathBuf,
    child: Child,
    exited: Option<std::process::ExitStatus>,
}

impl Node {
    fn start(shared: &Shared, index: usize, dir: &Path) -> Result<Self> {
        let address = SocketAddr::from(([127, 0, 0, 1], free_port()?));
        let node_dir = dir.join(format!("node-{index}"));
        std::fs::create_dir_all(&node_dir)?;
        let log = dir.join(format!("node-{index}.log"));
        let file = std::fs::File::create(&log)?;
        let mut command = node_command(shared, address, &node_dir);
        announce(&format!(
            "Starting node {index} on {address} ({})",
            shell::display(&command)
        ));
        let child = command
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot start {}", shared.binary.display()))?;
        Ok(Self {
            index,
            address,
            log,
            child,
            exited: None,
        })
    }

    fn wait_healthy(&mut self) -> Result<()> {
        announce(&format!(
            "Waiting for node {} (http://{}/healthz)",
            self.index, self.address
        ));
        let deadline = Instant::now() + HEALTH_DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "node {} exited ({status}) before answering /healthz:\n{}",
                    self.index,
                    tail(&self.log)
                );
            }
            if let Ok(response) = http::request(&self.address.to_string(), "GET", "/healthz", None)
                && response.status == 200
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "node {} did not answer /healthz within {HEALTH_DEADLINE:?}:\n{}",
                    self.index,
                    tail(&self.log)
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if self.exited.is_some() || matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        announce(&format!(
            "Stopping node {} (SIGTERM: it stores everything, then exits)",
            self.index
        ));
        terminate(&mut self.child, NODE_STOP);
    }
}

/// The running nginx, stopped when dropped.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        announce("Stopping nginx");
        terminate(&mut self.0, Duration::from_secs(10));
    }
}

fn start_nginx(
    binary: &Path,
    listen: SocketAddr,
    nodes: &[Node],
    dir: &Path,
    owner: Option<(u32, u32)>,
) -> Result<Nginx> {
    let prefix = dir.join("nginx");
    std::fs::create_dir_all(&prefix)?;
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(&prefix, Some(uid), Some(gid))?;
    }
    let addresses: Vec<SocketAddr> = nodes.iter().map(|n| n.address).collect();
    let config = prefix.join("nginx.conf");
    std::fs::write(
        &config,
        nginx::config(&Balancer {
            listen,
            nodes: &addresses,
            prefix: &prefix,
        }),
    )?;
    let mut command = Command::new(binary);
    command
        .arg("-p")
        .arg(&prefix)
        .arg("-e")
        .arg(prefix.join("error.log"))
        .arg("-c")
        .arg(&config);
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
    announce(&format!(
        "Starting nginx on {listen}, round robin over {} nodes ({})",
        nodes.len(),
        shell::display(&command)
    ));
    command
        .stdin(Stdio::null())
        .process_group(0)
        .spawn()
        .map(Nginx)
        .context("cannot start nginx")
}

fn wait_through_nginx(balancer: &mut Nginx, listen: SocketAddr) -> Result<()> {
    announce(&format!(
        "Waiting for http://{listen}/healthz through nginx"
    ));
    let deadline = Instant::now() + HEALTH_DEADLINE;
    loop {
        if let Some(status) = balancer.0.try_wait()? {
            bail!("nginx exited ({status}); see error.log in its directory");
        }
        if let Ok(response) = http::request(&listen.to_string(), "GET", "/healthz", None)
            && response.status == 200
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("nginx did not pass /healthz on within {HEALTH_DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// SIGTERM, then SIGKILL if the process has not exited within `grace` — to its whole
/// process group, when it leads one (every child here does), so that no worker of it
/// is left behind.
pub fn terminate(child: &mut Child, grace: Duration) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    announce(&format!(
        "process {} did not stop within {grace:?}: killing it",
        child.id()
    ));
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The last lines of a log, to show with a failure.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// The cluster's directory, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn create() -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("ovaal-cluster-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        // The unprivileged user PostgreSQL and nginx run as must reach its
        // subdirectories (each keeps its own, stricter, permissions).
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        Ok(Self(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_have_defaults_and_take_port_and_nodes() {
        assert_eq!(
            Options::parse(&[]).unwrap(),
            Options {
                port: 8080,
                nodes: 3
            }
        );
        assert_eq!(
            Options::parse(&args(&["--port", "9000", "--nodes", "2"])).unwrap(),
            Options {
                port: 9000,
                nodes: 2
            }
        );
        assert!(Options::parse(&args(&["--nodes", "0"])).is_err());
        assert!(Options::parse(&args(&["--port"])).is_err());
        assert!(Options::parse(&args(&["--bogus"])).is_err());
    }

    #[test]
    fn a_node_stores_in_postgresql_and_fans_out_over_redis_when_it_can() {
        let shared = Shared {
            binary: PathBuf::from("ovaal"),
            web_dir: PathBuf::from("web/dist"),
            public_url: "http://127.0.0.1:8080".into(),
            database_url: "postgres://postgres@127.0.0.1:5/ovaal?sslmode=disable".into(),
            redis_url: Some("redis://127.0.0.1:6/".into()),
        };
        let address: SocketAddr = "127.0.0.1:7".parse().unwrap();
        let line = shell::display(&node_command(&shared, address, Path::new("/d")));
        for part in [
            "serve --bind 127.0.0.1:7",
            "--public-url http://127.0.0.1:8080",
            "--database-url 'postgres://postgres@127.0.0.1:5/ovaal?sslmode=disable'",
            "--redis-url redis://127.0.0.1:6/",
            "--trust-forwarded-for",
        ] {
            assert!(line.contains(part), "{part:?} missing in {line}");
        }
        let without = Shared {
            redis_url: None,
            ..shared
        };
        let line = shell::display(&node_command(&without, address, Path::new("/d")));
        assert!(!line.contains("--redis-url"), "{line}");
    }
}
