//! Finding and starting headless Chromium. [`Browser`] owns the process and its
//! throw-away profile directory, and removes both when dropped, so a failing test leaves
//! nothing behind.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use tokio::sync::mpsc;

use super::connection::Connection;
use super::page::Page;

const STARTUP_DEADLINE: Duration = Duration::from_secs(30);
const INSTALL_HINT: &str = "Install Debian's `chromium` package (`cargo xtask test` installs it: \
     apt-get install -y chromium chromium-driver), or point OVAAL_CHROMIUM at a Chromium or \
     Chrome binary";

/// A running headless Chromium and the DevTools connection to it.
pub struct Browser {
    connection: Arc<Connection>,
    _process: ChromiumProcess,
}

/// The Chromium process and its profile directory, cleaned up on drop.
struct ChromiumProcess {
    child: Child,
    profile_dir: PathBuf,
    /// The last lines Chromium wrote to stderr, for error messages.
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
}

/// Where Chromium is: `$OVAAL_CHROMIUM`, else `/usr/bin/chromium`, else `chromium`,
/// `chromium-browser` or `google-chrome` on `PATH` (the same search as `cargo xtask`).
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OVAAL_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    if Path::new("/usr/bin/chromium").is_file() {
        return Some(PathBuf::from("/usr/bin/chromium"));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

impl Browser {
    /// Starts a fresh headless Chromium with an empty profile. Fails, with how to install
    /// it, when there is no Chromium: a browser test that silently skips proves nothing.
    pub async fn launch() -> Result<Browser> {
        let binary = find_chromium().ok_or_else(|| match std::env::var_os("OVAAL_CHROMIUM") {
            Some(path) if !path.is_empty() => anyhow!(
                "OVAAL_CHROMIUM={} is not a file. {INSTALL_HINT}",
                PathBuf::from(path).display()
            ),
            _ => anyhow!("no Chromium found. {INSTALL_HINT}"),
        })?;
        let profile_dir = fresh_profile_dir()?;
        let mut command = Command::new(&binary);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-extensions",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile_dir.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(err) => {
                let _ = std::fs::remove_dir_all(&profile_dir);
                return Err(anyhow!(
                    "cannot start {}: {err}. {INSTALL_HINT}",
                    binary.display()
                ));
            }
        };
        let stderr = child
            .stderr
            .take()
            .context("Chromium's stderr is not piped")?;
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let mut lines = read_lines_in_background(stderr, Arc::clone(&stderr_tail));

        // From here on, dropping `process` cleans up the process and the profile.
        let mut process = ChromiumProcess {
            child,
            profile_dir,
            stderr_tail,
        };
        let url = process.devtools_url(&mut lines, &binary).await?;
        let connection = Arc::new(Connection::connect(&url).await?);
        Ok(Browser {
            connection,
            _process: process,
        })
    }

    /// Opens a page in its own browser context (like an incognito window): two pages
    /// share no cookies or localStorage, so they are two different people.
    pub async fn new_page(&self, width: u32, height: u32) -> Result<Page> {
        Page::open(Arc::clone(&self.connection), width, height).await
    }
}

impl ChromiumProcess {
    /// Waits for the `DevTools listening on ws://...` line Chromium prints on stderr.
    async fn devtools_url(
        &mut self,
        lines: &mut mpsc::UnboundedReceiver<String>,
        binary: &Path,
    ) -> Result<String> {
        const MARKER: &str = "DevTools listening on ";
        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            let line = tokio::time::timeout_at(deadline.into(), lines.recv()).await;
            match line {
                Ok(Some(line)) => {
                    if let Some(at) = line.find(MARKER) {
                        return Ok(line[at + MARKER.len()..].trim().to_string());
                    }
                }
                Ok(None) => {
                    let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
                    bail!(
                        "{} exited ({status}) before opening DevTools. Its output:\n{}",
                        binary.display(),
                        self.stderr_tail()
                    );
                }
                Err(_) => bail!(
                    "{} did not print `{MARKER}ws://...` within {STARTUP_DEADLINE:?}. Its output:\n{}",
                    binary.display(),
                    self.stderr_tail()
                ),
            }
        }
    }

    fn stderr_tail(&self) -> String {
        let tail = self.stderr_tail.lock().unwrap_or_else(|p| p.into_inner());
        tail.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for ChromiumProcess {
    /// Asks Chromium to exit (SIGTERM lets it stop its helper processes), kills it if it
    /// has not within two seconds, then deletes the profile.
    fn drop(&mut self) {
        let terminated = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + Duration::from_secs(2);
        while terminated && Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A helper process may still be writing for a moment after the browser exits.
        for _ in 0..5 {
            if std::fs::remove_dir_all(&self.profile_dir).is_ok() || !self.profile_dir.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A new empty directory under the system temp dir, unique within and across processes.
fn fresh_profile_dir() -> Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "ovaal-chromium-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// Reads Chromium's stderr on a thread for as long as it runs (so the pipe never fills),
/// keeping the last lines and passing each line on while anyone listens.
fn read_lines_in_background(
    stderr: std::process::ChildStderr,
    tail: Arc<Mutex<VecDeque<String>>>,
) -> mpsc::UnboundedReceiver<String> {
    let (sender, receiver) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            {
                let mut tail = tail.lock().unwrap_or_else(|p| p.into_inner());
                if tail.len() == 30 {
                    tail.pop_front();
                }
                tail.push_back(line.clone());
            }
            let _ = sender.send(line);
        }
    });
    receiver
}
