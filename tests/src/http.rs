//! A minimal HTTP/1.1 client, enough for the JSON API (keeps the tests free of a large
//! HTTP client dependency).

use std::net::{IpAddr, SocketAddr};

use anyhow::Context;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> anyhow::Result<serde_json::Value> {
        serde_json::from_slice(&self.body)
            .with_context(|| format!("body is not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The `error.code` of a JSON error body (empty when there is none).
    pub fn error_code(&self) -> String {
        self.json()
            .ok()
            .and_then(|body| body["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Asserts a `429` with this error code and a `Retry-After` of 1 to `max_secs`
    /// seconds (what a token bucket refilling every `max_secs` can keep); returns it.
    pub fn assert_rate_limited(&self, code: &str, max_secs: u64, what: &str) -> u64 {
        assert_eq!(
            (self.status, self.error_code().as_str()),
            (429, code),
            "{what}: {self:?}"
        );
        let retry_after: u64 = self
            .header("Retry-After")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{what}: no Retry-After in seconds: {self:?}"));
        assert!(
            (1..=max_secs).contains(&retry_after),
            "{what}: Retry-After {retry_after}"
        );
        retry_after
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request and reads the whole response (`Connection: close`).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> anyhow::Result<Response> {
    let stream = TcpStream::connect(addr).await?;
    exchange(stream, addr, method, path, headers, body).await
}

/// A GET sent from a chosen local address, for a second client with an address of
/// its own (on Linux all of 127.0.0.0/8 is the loopback).
pub async fn get_from(local: IpAddr, addr: SocketAddr, path: &str) -> anyhow::Result<Response> {
    request_from(local, addr, "GET", path, &[], &[]).await
}

/// Any request sent from a chosen local address (see [`get_from`]).
pub async fn request_from(
    local: IpAddr,
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> anyhow::Result<Response> {
    let socket = match local {
        IpAddr::V4(_) => TcpSocket::new_v4()?,
        IpAddr::V6(_) => TcpSocket::new_v6()?,
    };
    socket
        .bind(SocketAddr::new(local, 0))
        .with_context(|| format!("cannot send from {local}"))?;
    let stream = socket.connect(addr).await?;
    exchange(stream, addr, method, path, headers, body).await
}

async fn exchange(
    mut stream: TcpStream,
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> anyhow::Result<Response> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut raw = Vec::new();
    tokio::time::timeout(crate::wait::DEADLINE, stream.read_to_end(&mut raw))
        .await
        .context("the server did not answer in time")??;
    parse(&raw)
}

fn parse(raw: &[u8]) -> anyhow::Result<Response> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("no end of headers")?;
    let head = std::str::from_utf8(&raw[..split])?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().context("no status line")?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .context("no status code")?
        .parse()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .context("bad chunk")?;
        let size = usize::from_str_radix(std::str::from_utf8(&rest[..line_end])?.trim(), 16)?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(rest.get(..size).context("short chunk")?);
        rest = rest.get(size + 2..).context("short chunk")?;
    }
}

pub async fn post_json(
    addr: SocketAddr,
    path: &str,
    body: &serde_json::Value,
) -> anyhow::Result<Response> {
    let bytes = serde_json::to_vec(body)?;
    request(
        addr,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        &bytes,
    )
    .await
}

pub async fn get(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> anyhow::Result<Response> {
    request(addr, "GET", path, headers, &[]).await
}

/// A request made with a link's token, as the web client makes them.
pub async fn with_token(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: &[u8],
) -> anyhow::Result<Response> {
    let bearer = format!("Bearer {token}");
    request(addr, method, path, &[("Authorization", &bearer)], body).await
}
