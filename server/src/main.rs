//! The `ovaal` command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use ovaal_server::config::DatabaseUrl;
use ovaal_server::logs::{LogFormat, LogTarget};
use ovaal_server::{Config, Limits};

#[derive(Parser)]
#[command(
    name = "ovaal",
    version,
    about = "Ovaal: a live board for facilitated peer-learning sessions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The log's format: `text` for people (coloured only on a terminal), `json` for
    /// log collectors (one object per line).
    #[arg(long, global = true, env = "OVAAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server: HTTP API, web client and live sync.
    Serve(ServeArgs),
    /// Write a consistent copy of the store to a new file (also while the server runs).
    Backup(BackupArgs),
    /// Export a session's harvest from the store (also while the server runs).
    Export(ovaal_server::export::cli::ExportArgs),
    /// Copy every session of an embedded store into PostgreSQL (stop the server first).
    Copy(CopyArgs),
}

#[derive(clap::Args)]
struct CopyArgs {
    /// Directory of the embedded store to copy.
    #[arg(long)]
    from: PathBuf,
    /// The PostgreSQL database to copy into, postgres://user:password@host:port/dbname
    /// (it must not hold any of these sessions yet).
    #[arg(long, env = "OVAAL_DATABASE_URL", hide_env_values = true)]
    to: DatabaseUrl,
}

#[derive(clap::Args)]
struct BackupArgs {
    /// The file to write (must not exist yet).
    file: PathBuf,
    /// Directory of the store to copy.
    #[arg(long, env = "OVAAL_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "OVAAL_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Directory of the embedded store (created on first run).
    #[arg(long, env = "OVAAL_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// Store in PostgreSQL instead of the embedded store, for several nodes:
    /// postgres://user:password@host:port/dbname[?sslmode=disable] (no TLS support).
    #[arg(long, env = "OVAAL_DATABASE_URL", hide_env_values = true)]
    database_url: Option<DatabaseUrl>,
    /// Share sessions with other nodes on the same database through Redis:
    /// redis://[:password@]host:port[/db] (only with --database-url).
    #[arg(long, env = "OVAAL_REDIS_URL", hide_env_values = true)]
    redis_url: Option<ovaal_server::config::RedisUrl>,
    /// What links start with, e.g. https://ovaal.example.org when behind a proxy
    /// [default: http://<bind address>]
    #[arg(long, env = "OVAAL_PUBLIC_URL")]
    public_url: Option<String>,
    /// Directory of the built web client (index.html and assets/).
    #[arg(long, env = "OVAAL_WEB_DIR", default_value = "web/dist")]
    web_dir: PathBuf,
    /// Largest WebSocket message accepted, in bytes.
    #[arg(long, env = "OVAAL_MAX_MESSAGE_BYTES", default_value_t = Limits::default().max_message_bytes)]
    max_message_bytes: usize,
    /// Delete ended sessions this many days after they ended (0: keep them).
    #[arg(long, env = "OVAAL_RETENTION_DAYS", default_value_t = ovaal_server::config::DEFAULT_RETENTION_DAYS)]
    retention_days: u32,
    /// Most connections in one session.
    #[arg(long, env = "OVAAL_MAX_CONNECTIONS_PER_ROOM", default_value_t = Limits::default().max_connections_per_room)]
    max_connections_per_room: usize,
    /// Count wrong join codes per address from X-Forwarded-For (its last address).
    /// Only behind a reverse proxy that sets that header: otherwise anyone can claim
    /// any address.
    #[arg(long, env = "OVAAL_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Seconds a session stays in memory after its last connection left; then it is
    /// stored compactly and deleted cards' text leaves the store.
    #[arg(long, env = "OVAAL_ROOM_GRACE_SECS", default_value_t = Limits::default().room_grace.as_secs())]
    room_grace_secs: u64,
    /// A secret that making a session needs (the start page asks for it once).
    /// Without it anyone who reaches the server can make sessions.
    #[arg(long, env = "OVAAL_CREATE_TOKEN", hide_env_values = true)]
    create_token: Option<String>,
    /// Serve GET /metrics only on this address (e.g. a private one for the
    /// scraper) instead of on --bind.
    #[arg(long, env = "OVAAL_METRICS_BIND")]
    metrics_bind: Option<SocketAddr>,
    /// Threads that run connections and rooms: 1 runs them all on one thread, which
    /// costs the least CPU per delivered update (docs/benchmarks.md); 0 takes one per
    /// CPU core, for a node that needs more than one core for its rooms.
    #[arg(long, env = "OVAAL_WORKER_THREADS", default_value_t = 1)]
    worker_threads: usize,
    /// Milliseconds the store waits after an update for more to share its commit
    /// (and its fsync); acknowledgements wait as long. 0: commit at once.
    #[arg(long, env = "OVAAL_COMMIT_WINDOW_MS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=1000))]
    commit_window_ms: u64,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let threads = match &cli.command {
        Command::Serve(args) => args.worker_threads,
        _ => 0,
    };
    match runtime(threads) {
        Ok(runtime) => runtime.block_on(run(cli)),
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// One thread runs everything on the main thread (no other runtime thread to wake);
/// more, or 0 for one per core, a multi-threaded runtime.
fn runtime(threads: usize) -> std::io::Result<tokio::runtime::Runtime> {
    let mut builder = match threads {
        1 => tokio::runtime::Builder::new_current_thread(),
        _ => tokio::runtime::Builder::new_multi_thread(),
    };
    if threads > 1 {
        builder.worker_threads(threads);
    }
    builder.enable_all().build()
}

async fn run(cli: Cli) -> std::process::ExitCode {
    // An export may go to standard output: keep the log out of it.
    let target = match cli.command {
        Command::Export(_) => LogTarget::Stderr,
        _ => LogTarget::Stdout,
    };
    ovaal_server::logs::init(cli.log_format, target);
    let result = match cli.command {
        Command::Serve(args) => serve(args, cli.log_format).await,
        Command::Backup(args) => backup(args),
        Command::Export(args) => {
            tokio::task::spawn_blocking(move || ovaal_server::export::cli::run(args))
                .await
                .map_err(anyhow::Error::from)
                .and_then(|done| done.map_err(Into::into))
        }
        Command::Copy(args) => copy(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // A sentence for people, not a backtrace.
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs, log_format: LogFormat) -> anyhow::Result<()> {
    let mut config = Config::new(args.data_dir, args.web_dir);
    config.database = args.database_url;
    config.redis = args.redis_url;
    config.public_url = args.public_url;
    config.limits.max_message_bytes = args.max_message_bytes;
    config.limits.max_connections_per_room = args.max_connections_per_room;
    config.retention_days = args.retention_days;
    config.trust_forwarded_for = args.trust_forwarded_for;
    config.metrics_bind = args.metrics_bind;
    config.commit_window = std::time::Duration::from_millis(args.commit_window_ms);
    config.limits.room_grace = std::time::Duration::from_secs(args.room_grace_secs);
    config.create_token = match args.create_token.as_deref().map(str::trim) {
        Some("") => anyhow::bail!("--create-token (OVAAL_CREATE_TOKEN) is empty"),
        Some(secret) => Some(ovaal_server::config::CreateToken::new(secret)),
        None => None,
    };
    if !config.web_dir.join("index.html").exists() {
        tracing::warn!(
            web_dir = %config.web_dir.display(),
            "the web client is not built here; run `cargo xtask build-web` (the API still works)"
        );
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let address = listener.local_addr()?;
    let base = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"));
    match &config.database {
        Some(url) => tracing::info!(%address, database = %url.describe(), "Ovaal is listening"),
        None => {
            tracing::info!(%address, data_dir = %config.data_dir.display(), "Ovaal is listening")
        }
    }
    // For people; a collector reading JSON lines gets the "listening" event instead.
    if log_format == LogFormat::Text {
        println!("Ovaal is running at {base}/ — open it to create a session.");
    }
    ovaal_server::run(listener, config, shutdown_signal()).await?;
    Ok(())
}

fn backup(args: BackupArgs) -> anyhow::Result<()> {
    println!(
        "Copying the store in {} to {} …",
        args.data_dir.display(),
        args.file.display()
    );
    let bytes = ovaal_server::storage::sqlite::backup::backup(&args.data_dir, &args.file)?;
    println!("Done: {} ({} kB).", args.file.display(), bytes / 1024);
    Ok(())
}

/// `ovaal copy`: blocking database work, so on a blocking thread.
async fn copy(args: CopyArgs) -> anyhow::Result<()> {
    let copied = tokio::task::spawn_blocking(move || {
        ovaal_server::storage::copy::copy(&args.from, &args.to, &mut std::io::stdout())
    })
    .await??;
    println!("Done: {copied} sessions copied.");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM, whichever comes first.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("Ctrl-C received"),
        _ = terminate => tracing::info!("SIGTERM received"),
    }
}
