//! Downloading exports and importing them, as a facilitator's browser (or a script)
//! does over HTTP.

use anyhow::Context;

use super::Board;
use crate::http::{Response, request, with_token};
use crate::{SessionLinks, TestServer};

/// `GET /api/sessions/{id}/export.{ext}` with `token`, whatever the answer.
pub async fn export(
    server: &TestServer,
    s: &SessionLinks,
    ext: &str,
    token: &str,
) -> anyhow::Result<Response> {
    let path = format!("/api/sessions/{}/export.{ext}", s.id);
    with_token(server.addr, "GET", &path, token, &[]).await
}

/// The facilitator's export of `board`, which must succeed with the file name made
/// from the title. A copy stays in `tests/artifacts/` under `board.artifact`.
pub async fn export_ok(board: &Board, ext: &str) -> anyhow::Result<Response> {
    let r = export(
        &board.server,
        &board.session,
        ext,
        &board.session.facilitator,
    )
    .await?;
    keep(&format!("{}.{ext}", board.artifact), &r.body);
    anyhow::ensure!(
        r.status == 200,
        "export.{ext}: {} {}",
        r.status,
        String::from_utf8_lossy(&r.body)
    );
    let disposition = r.header("content-disposition").unwrap_or_default();
    assert!(
        is_download_name(
            disposition,
            "harvest",
            "intervisie-team-zuid-een-casus",
            ext
        ),
        "{ext}: {disposition}"
    );
    Ok(r)
}

/// Whether a `Content-Disposition` names `<word>-YYYY-MM-DD-<slug>.<ext>`.
pub fn is_download_name(disposition: &str, word: &str, slug: &str, ext: &str) -> bool {
    let Some(name) = disposition
        .strip_prefix("attachment; filename=\"")
        .and_then(|n| n.strip_suffix('"'))
    else {
        return false;
    };
    let Some(date) = name
        .strip_prefix(&format!("{word}-"))
        .and_then(|n| n.strip_suffix(&format!("-{slug}.{ext}")))
    else {
        return false;
    };
    date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A JSON export without its attendance section (the last field): an import does not
/// take it over, so a re-export differs there.
pub fn without_attendance(json: &str) -> String {
    match json.find(",\n  \"attendance\": ") {
        Some(start) => format!("{}\n}}\n", &json[..start]),
        None => json.to_owned(),
    }
}

/// Leaves an export in `tests/artifacts/` (gitignored) for people to look at: the
/// first of each name this test run makes.
fn keep(name: &str, bytes: &[u8]) {
    static KEPT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    if let Ok(mut kept) = KEPT.lock() {
        if kept.iter().any(|k| k == name) {
            return;
        }
        kept.push(name.to_owned());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), bytes));
}

/// A text format's body.
pub fn text(r: &Response) -> String {
    String::from_utf8(r.body.clone()).expect("a text format is UTF-8")
}

/// `POST /api/sessions/import`: anyone may import, so no token.
pub async fn import(server: &TestServer, body: &[u8]) -> anyhow::Result<Response> {
    request(
        server.addr,
        "POST",
        "/api/sessions/import",
        &[("Content-Type", "application/json")],
        body,
    )
    .await
}

/// Imports a JSON export, exports the new session again and checks that the two are
/// byte for byte the same apart from the volatile fields. Returns the import's answer.
pub async fn import_and_compare(
    server: &TestServer,
    old_id: &str,
    first: &Response,
) -> anyhow::Result<serde_json::Value> {
    let created = import(server, &first.body).await?;
    let body = String::from_utf8_lossy(&created.body).into_owned();
    anyhow::ensure!(created.status == 201, "import: {} {body}", created.status);
    let answer = created.json()?;
    let new_id = answer["id"].as_str().context("id")?.to_owned();
    assert_ne!(new_id, old_id);
    let again = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{new_id}/export.json"),
        &token_of(&answer, "facilitator")?,
        &[],
    )
    .await?;
    assert_eq!(again.status, 200);
    let stamp = |r: &Response| -> anyhow::Result<String> {
        Ok(r.json()?["exported_at"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    };
    let expected = without_attendance(&text(first))
        .replacen(
            &format!("\"id\": \"{old_id}\""),
            &format!("\"id\": \"{new_id}\""),
            1,
        )
        .replacen(&stamp(first)?, &stamp(&again)?, 1);
    assert_eq!(
        without_attendance(&text(&again)),
        expected,
        "the re-export differs beyond the volatile fields"
    );
    Ok(answer)
}

/// The token in the `role` link of an answer that created a session.
pub fn token_of(answer: &serde_json::Value, role: &str) -> anyhow::Result<String> {
    Ok(answer["links"][role]
        .as_str()
        .and_then(|l| l.split_once("#token="))
        .context("link")?
        .1
        .to_owned())
}
