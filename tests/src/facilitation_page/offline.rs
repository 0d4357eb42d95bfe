//! The page and its server apart: connection and "saved" state, the page's own copy
//! in IndexedDB, reloading, and serving only the page's files while the server is
//! down.

use anyhow::{Context, Result};

use crate::board_page::{WAIT, js};
use crate::browser::Page;

/// `<body data-connection>` now.
pub async fn connection_state(page: &Page) -> Result<String> {
    Ok(page
        .eval("document.body.dataset.connection ?? ''")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// `#save-state[data-state]` now (`saved`, `pending`, ...), if shown.
pub async fn save_state(page: &Page) -> Result<Option<String>> {
    Ok(page
        .eval("document.querySelector('#save-state')?.dataset.state ?? null")
        .await?
        .as_str()
        .map(str::to_owned))
}

/// Waits until `#save-state[data-state]` is `state`.
pub async fn wait_save_state(page: &Page, state: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector('#save-state')?.dataset.state === {}",
            js(state)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("#save-state never said {state:?}"))?;
    Ok(())
}

/// Waits until the page's local copy in IndexedDB (database `ovaal`, store `docs`,
/// see `web/src/local_store.rs`) holds `text` in one of its documents. The copy is
/// written a moment (400 ms) after a change, so a reload sooner than that may come
/// back without the change; tests that reload wait for this first.
pub async fn wait_stored_locally(page: &Page, text: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "(async () => {{ const db = await new Promise((ok, no) => {{ \
               const r = indexedDB.open('ovaal'); r.onsuccess = () => ok(r.result); \
               r.onerror = () => no(r.error); }}); \
             if (!db.objectStoreNames.contains('docs')) {{ db.close(); return false; }} \
             const values = await new Promise((ok, no) => {{ \
               const r = db.transaction('docs').objectStore('docs').getAll(); \
               r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); }}); \
             db.close(); const t = {}; \
             return values.some(v => v instanceof Uint8Array \
               && new TextDecoder().decode(v).includes(t)); }})()",
            js(text)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("{text:?} never reached the page's local copy (IndexedDB)"))?;
    Ok(())
}

/// Reloads the page as a person pressing F5 would, and waits for the load event
/// (navigating to the same address with a `#fragment` would not reload).
pub async fn reload(page: &Page) -> Result<()> {
    let url = page
        .eval("location.href")
        .await?
        .as_str()
        .context("location.href")?
        .to_owned();
    page.goto("about:blank").await?;
    page.goto(&url).await
}

// ---------------------------------------------------------------------------------
// The page without its server

/// Serves only the web client's own files (`index.html` for every page address, the
/// files under `assets/`) and answers every `/api/…` address — the sync WebSocket
/// included — with `503`: the server is down, but the page can still be loaded, as it
/// could from a cache or a separate static host. The client has no service worker, so
/// with nothing at all listening a reload would show the browser's error page; this
/// keeps the test about what it is for: the board coming back from IndexedDB.
pub struct ShellOnly {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl ShellOnly {
    pub async fn start_at(addr: std::net::SocketAddr) -> Result<ShellOnly> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr} for the page's files"))?;
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => {
                        if let Ok((socket, _)) = accepted {
                            tokio::spawn(serve_shell(socket));
                        }
                    }
                }
            }
        });
        Ok(ShellOnly {
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Stops listening and frees the address for the real server.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.context("the page-files server")?;
        }
        Ok(())
    }
}

impl Drop for ShellOnly {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn serve_shell(mut socket: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let dist = crate::server::web_dist();
    let (status, kind, body) = if path.starts_with("/api/") {
        (
            "503 Service Unavailable",
            "application/json",
            br#"{"error":{"code":"down","message":"the server is down"}}"#.to_vec(),
        )
    } else if let Some(name) = path.strip_prefix("/assets/") {
        let file = (!name.contains("..") && !name.is_empty())
            .then(|| std::fs::read(dist.join("assets").join(name)).ok())
            .flatten();
        match file {
            Some(bytes) => ("200 OK", content_type(name), bytes),
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        }
    } else {
        match std::fs::read(dist.join("index.html")) {
            Ok(bytes) => ("200 OK", "text/html; charset=utf-8", bytes),
            Err(_) => ("404 Not Found", "text/plain", b"not built".to_vec()),
        }
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\n\
         cache-control: no-cache\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = socket.write_all(response.as_bytes()).await;
    let _ = socket.write_all(&body).await;
    let _ = socket.shutdown().await;
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("wasm") => "application/wasm",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
