//! Importing a harvest: bad input gets a clear 4xx naming what is wrong (never a 500),
//! an oversized body is refused without being read, and the untouched export still
//! imports. (The round trip of a good export is in `export_json.rs`.)

use anyhow::Context;
use ovaal_shared::board::Method;
use ovaal_tests::TestServer;
use ovaal_tests::harvest_fixture::{export, import};
use ovaal_tests::http::Response;
use serde_json::{Value, json};

#[tokio::test]
async fn bad_imports_get_a_clear_4xx() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server.create_session_with("Balint", Method::Balint).await?;
    let exported = export(&server, &s, "json", &s.facilitator).await?;
    let good = exported.json()?;
    let expect = |r: &Response, status: u16, code: &str, says: &str| {
        let body = String::from_utf8_lossy(&r.body).into_owned();
        assert_eq!(r.status, status, "{body}");
        let json = r.json().expect("errors are JSON");
        assert_eq!(json["error"]["code"], code, "{body}");
        let message = json["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(says),
            "{message:?} should mention {says:?}"
        );
    };
    // The good export with one thing wrong.
    let edited = |change: fn(&mut Value)| {
        let mut v = good.clone();
        change(&mut v);
        serde_json::to_vec(&v).expect("JSON")
    };
    let cases: [(Vec<u8>, u16, &str, &str); 9] = [
        (b"not json".to_vec(), 400, "bad_request", "not JSON"),
        (
            br#"{"format": "something-else"}"#.to_vec(),
            400,
            "bad_request",
            "not an Ovaal harvest",
        ),
        (
            edited(|v| v["version"] = 3.into()),
            422,
            "invalid",
            "version 3",
        ),
        (
            edited(|v| v["session"]["colour"] = "red".into()),
            400,
            "bad_request",
            "colour",
        ),
        (
            edited(|v| {
                v["participants"] = json!([{
                    "id": "person-0001",
                    "profile": null,
                    "cards": [{ "id": "card-00001", "kind": "advice", "text": "x".repeat(281),
                                "x": 0.5, "y": 0.5, "created_ms": 1, "phase": null }]
                }]);
            }),
            422,
            "invalid",
            "participants[0].cards[0].text",
        ),
        (
            edited(|v| {
                v["participants"] = json!([{
                    "id": "person-0001",
                    "profile": null,
                    "cards": [{ "id": "card-00001", "kind": "advice", "text": "x",
                                "x": 0.5, "y": 0.5, "created_ms": 1, "phase": null,
                                "place": "seat:07" }]
                }]);
            }),
            422,
            "invalid",
            "participants[0].cards[0].place",
        ),
        (
            edited(|v| {
                v["carried"] = json!([{
                    "id": "card-00002", "kind": "action", "text": "x", "author_name": "Anna",
                    "from_session": "s", "from_title": "Urgentie", "x": 0.5, "y": 0.5,
                    "created_ms": 1, "place": "table"
                }]);
            }),
            422,
            "invalid",
            "carried[0].place",
        ),
        (
            edited(|v| v["facilitation"]["hot_seat"] = "no".into()),
            400,
            "bad_request",
            "id",
        ),
        (
            edited(|v| {
                v["private_cards"] = json!([
                    { "phase": "associations", "author": "person-0001", "cards": [] }
                ]);
            }),
            422,
            "invalid",
            "not revealed",
        ),
    ];
    for (body, status, code, says) in cases {
        expect(&import(&server, &body).await?, status, code, says);
    }
    expect(&oversized_import(&server).await?, 413, "too_large", "MiB");
    // The untouched export still imports, and so does the same board as version 1
    // wrote it (no card had a place or an order then).
    assert_eq!(import(&server, &exported.body).await?.status, 201);
    assert_eq!(
        import(&server, &edited(|v| v["version"] = 1.into()))
            .await?
            .status,
        201
    );
    Ok(())
}
/// Sends a 17 MiB import and reads the answer while still sending (the server
/// answers once it has read past its limit, without reading the rest).
async fn oversized_import(server: &TestServer) -> anyhow::Result<Response> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let stream = tokio::net::TcpStream::connect(server.addr).await?;
    let (mut stream, mut writer) = stream.into_split();
    let head = format!(
        "POST /api/sessions/import HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        17 << 20
    );
    writer.write_all(head.as_bytes()).await?;
    let sending = tokio::spawn(async move {
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..17 {
            // Once the server has answered it may stop reading: that is expected.
            if writer.write_all(&spaces).await.is_err() {
                break;
            }
        }
        writer
    });
    // The server answers without reading the body and keeps the connection open for
    // it: read until the answer is complete, not until the end of the stream.
    let mut raw = Vec::new();
    let complete = |raw: &[u8]| -> Option<usize> {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let body = &raw[split + 4..];
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let done = match length {
            Some(n) => body.len() >= n,
            None => body.ends_with(b"0\r\n\r\n"),
        };
        done.then_some(split)
    };
    let deadline = tokio::time::Instant::now() + ovaal_tests::wait::DEADLINE;
    let split = loop {
        if let Some(split) = complete(&raw) {
            break split;
        }
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await??;
        anyhow::ensure!(n > 0, "the connection closed before a full answer");
        raw.extend_from_slice(&chunk[..n]);
    };
    sending.abort();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).context("status")?.parse()?;
    let body = raw[split + 4..].to_vec();
    // A chunked body: the JSON is the one chunk between the size lines.
    let body = match (
        body.iter().position(|b| *b == b'{'),
        body.iter().rposition(|b| *b == b'}'),
    ) {
        (Some(a), Some(b)) => body[a..=b].to_vec(),
        _ => body,
    };
    Ok(Response {
        status,
        headers: Vec::new(),
        body,
    })
}
