//! A real Ovaal server running inside the test process, on `127.0.0.1:0` with its own
//! data directory.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use ovaal_server::{Config, Limits};
use ovaal_shared::SessionId;

pub struct TestServer {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), ovaal_server::ServerError>>>,
    /// Keeps a temporary data directory alive as long as the server uses it.
    _temp: Option<tempfile::TempDir>,
}

/// The three capability links of a session, split into id and tokens.
#[derive(Debug, Clone)]
pub struct SessionLinks {
    pub id: SessionId,
    pub facilitator: String,
    pub participant: String,
    pub observer: String,
    /// The room screen's own token (its link carries the join code after it too).
    pub room_screen: String,
    pub facilitator_url: String,
    pub participant_url: String,
    pub observer_url: String,
    pub room_screen_url: String,
}

/// The WebSocket address of a session on the server at `addr` (in-process or a real
/// process alike).
pub fn ws_url_at(addr: SocketAddr, session: &SessionId) -> String {
    format!("ws://{addr}/api/sessions/{session}/ws")
}

/// Where the built web client is: `OVAAL_WEB_DIST`, or `web/dist` in the workspace.
pub fn web_dist() -> PathBuf {
    std::env::var_os("OVAAL_WEB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/dist"))
}

impl TestServer {
    /// A server on a fresh temporary data directory.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with(Limits::default()).await
    }

    pub async fn start_with(limits: Limits) -> anyhow::Result<Self> {
        Self::start_configured(|config| config.limits = limits).await
    }

    /// A server on a fresh temporary data directory, with settings beyond the limits
    /// (say, a creation secret).
    pub async fn start_configured(configure: impl FnOnce(&mut Config)) -> anyhow::Result<Self> {
        let temp = tempfile::tempdir()?;
        let mut server =
            Self::start_at_with("127.0.0.1:0".parse()?, temp.path(), configure).await?;
        server._temp = Some(temp);
        Ok(server)
    }

    /// A server on an existing data directory (for restart tests).
    pub async fn start_in(data_dir: &Path, limits: Limits) -> anyhow::Result<Self> {
        Self::start_at("127.0.0.1:0".parse()?, data_dir, limits).await
    }

    /// A server on a given address and data directory: a restart that browsers, which
    /// remember the address, reconnect to by themselves.
    pub async fn start_at(
        addr: SocketAddr,
        data_dir: &Path,
        limits: Limits,
    ) -> anyhow::Result<Self> {
        Self::start_at_with(addr, data_dir, |config| config.limits = limits).await
    }

    /// A server on a given address and data directory, with settings of its own (a
    /// restart on another build of the client, say).
    pub async fn start_at_with(
        addr: SocketAddr,
        data_dir: &Path,
        configure: impl FnOnce(&mut Config),
    ) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let mut config = Config::new(data_dir, web_dist());
        configure(&mut config);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(ovaal_server::run(listener, config, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            addr,
            data_dir: data_dir.to_path_buf(),
            stop: Some(stop),
            task: Some(task),
            _temp: None,
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn ws_url(&self, session: &SessionId) -> String {
        ws_url_at(self.addr, session)
    }

    /// Stops the server gracefully and waits until everything is stored. Keeps the
    /// temporary data directory (returned) for a restart.
    pub async fn stop(mut self) -> anyhow::Result<Option<tempfile::TempDir>> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.context("server task")?.context("server run")?;
        }
        Ok(self._temp.take())
    }

    /// Creates a free-board session through the HTTP API and returns its links.
    pub async fn create_session(&self, title: &str) -> anyhow::Result<SessionLinks> {
        self.create_session_with(title, ovaal_shared::board::Method::Free)
            .await
    }

    /// Creates a session following a method.
    pub async fn create_session_with(
        &self,
        title: &str,
        method: ovaal_shared::board::Method,
    ) -> anyhow::Result<SessionLinks> {
        create_session_at(self.addr, title, method).await
    }
}

/// Creates a session on any Ovaal server (in-process or a separate process).
pub async fn create_session_at(
    addr: SocketAddr,
    title: &str,
    method: ovaal_shared::board::Method,
) -> anyhow::Result<SessionLinks> {
    let body = serde_json::json!({ "title": title, "method": method.as_str() });
    let response = crate::http::post_json(addr, "/api/sessions", &body).await?;
    anyhow::ensure!(response.status == 201, "create session: {response:?}");
    links_from(&response.json()?)
}

/// Reads the id and links of a created session (`POST /api/sessions` and the next
/// session of an arc answer alike).
pub fn links_from(json: &serde_json::Value) -> anyhow::Result<SessionLinks> {
    let link = |role: &str| -> anyhow::Result<String> {
        json["links"][role]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("no {role} link in {json}"))
    };
    let token_of = |url: &str| -> anyhow::Result<String> {
        url.split_once("#token=")
            .map(|(_, t)| t.split('&').next().unwrap_or(t).to_owned())
            .with_context(|| format!("no token in {url}"))
    };
    let (f, p, o, r) = (
        link("facilitator")?,
        link("participant")?,
        link("observer")?,
        link("room_screen")?,
    );
    Ok(SessionLinks {
        id: json["id"].as_str().context("no id")?.parse()?,
        facilitator: token_of(&f)?,
        participant: token_of(&p)?,
        observer: token_of(&o)?,
        room_screen: token_of(&r)?,
        facilitator_url: f,
        participant_url: p,
        observer_url: o,
        room_screen_url: r,
    })
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
