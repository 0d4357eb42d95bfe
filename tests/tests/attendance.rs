//! The attendance record: the server notes who joined in which role and when they
//! left, one row per person per visit (a reconnect and a second tab are the same
//! visit), in the session's time zone, for the facilitator only; deleting the session
//! deletes it.

use ovaal_server::time_zone::TimeZone;
use ovaal_shared::board::facilitation::write_participants_export;
use ovaal_shared::{DocName, ParticipantId};
use ovaal_tests::client::new_identity;
use ovaal_tests::harvest_fixture::{is_download_name, text};
use ovaal_tests::http::{Response, post_json, with_token};
use ovaal_tests::server::links_from;
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer, wait};

const TITLE: &str = "Intervisie team Noord";

async fn attendance(
    server: &TestServer,
    s: &SessionLinks,
    query: &str,
    token: &str,
) -> anyhow::Result<Response> {
    let path = format!("/api/sessions/{}/attendance.csv{query}", s.id);
    with_token(server.addr, "GET", &path, token, &[]).await
}

/// The rows of an attendance CSV read with `separator`, after checking its BOM.
fn read_rows(r: &Response, separator: u8) -> anyhow::Result<Vec<csv::StringRecord>> {
    assert!(
        r.body.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(&r.body[3..]);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    assert_eq!(header[0], "name");
    assert_eq!(header.len(), 10, "{header:?}");
    Ok(reader.records().collect::<Result<_, _>>()?)
}

async fn sit(client: &mut ProtocolClient, name: &str, seat: u32) -> anyhow::Result<()> {
    client.join_table(name, seat).await?;
    client.round_trip().await
}

#[tokio::test]
async fn joins_reconnects_and_leaves_make_one_row_per_visit() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let body = serde_json::json!({
        "title": TITLE, "method": "incident", "time_zone": "Europe/Amsterdam", "utc_offset_minutes": 60
    });
    let created = post_json(server.addr, "/api/sessions", &body).await?;
    assert_eq!(created.status, 201, "{}", text(&created));
    let s = links_from(&created.json()?)?;
    let url = server.ws_url(&s.id);

    let facilitator = ProtocolClient::connect(&url, &s.facilitator).await?;
    let (anna_id, anna_key) = new_identity();
    let mut anna =
        ProtocolClient::connect_as(&url, &s.participant, anna_id.clone(), &anna_key).await?;
    sit(&mut anna, "Anna", 0).await?;
    let mut bram = ProtocolClient::connect(&url, &s.participant).await?;
    sit(&mut bram, "Bram", 1).await?;
    let bram_id = bram.participant().clone();

    // Anna's network drops and she comes back; she also opens a second tab and
    // closes it again.
    anna.reconnect().await?;
    let second_tab =
        ProtocolClient::connect_as(&url, &s.participant, anna_id.clone(), &anna_key).await?;
    drop(second_tab);
    anna.round_trip().await?;
    // Bram leaves.
    drop(bram);

    let csv_of = |r: &Response| read_rows(r, b';');
    let bram_left = |rows: &[csv::StringRecord]| {
        rows.iter()
            .any(|r| &r[7] == bram_id.as_str() && !r[4].is_empty())
    };
    let rows = wait::until("Bram's leaving recorded", || async {
        let r = attendance(&server, &s, "?lang=nl", &s.facilitator)
            .await
            .ok()?;
        let rows = csv_of(&r).ok()?;
        bram_left(&rows).then_some(rows)
    })
    .await?;
    let of = |id: &ParticipantId| -> Vec<&csv::StringRecord> {
        rows.iter().filter(|r| &r[7] == id.as_str()).collect()
    };
    assert_eq!(of(&anna_id).len(), 1, "one visit for Anna: {rows:?}");
    assert_eq!(of(&bram_id).len(), 1, "{rows:?}");
    assert_eq!(of(facilitator.participant()).len(), 1, "{rows:?}");
    assert_eq!(rows.len(), 3, "{rows:?}");

    let anna_row = of(&anna_id)[0];
    assert_eq!(&anna_row[0], "Anna");
    assert_eq!(&anna_row[1], "deelnemer");
    assert!(anna_row[4].is_empty(), "Anna is still here: {anna_row:?}");
    assert_eq!(&anna_row[6], "Europe/Amsterdam");
    let facilitator_row = of(facilitator.participant())[0];
    assert_eq!(&facilitator_row[1], "begeleider");

    // Times in the session's zone: the offset Amsterdam has now.
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_millis(),
    )?;
    let offset = ovaal_server::time_zone::offset_text(TimeZone::AMSTERDAM.offset_minutes(now));
    let bram_row = of(&bram_id)[0];
    assert!(bram_row[8].ends_with(&offset), "{bram_row:?} in {offset}");
    assert!(bram_row[9].ends_with(&offset), "{bram_row:?} in {offset}");
    assert_eq!(&bram_row[2], &bram_row[8][..10], "the local date");
    assert_eq!(&bram_row[3], &bram_row[8][11..16], "the local clock time");

    // In English with commas, and in another zone when asked.
    let en = attendance(&server, &s, "?tz=%2B05:30", &s.facilitator).await?;
    assert_eq!(en.status, 200);
    let disposition = en.header("content-disposition").unwrap_or_default();
    assert!(
        is_download_name(disposition, "attendance", "intervisie-team-noord", "csv"),
        "{disposition}"
    );
    let en_rows = read_rows(&en, b',')?;
    assert!(
        en_rows.iter().all(|r| r[8].ends_with("+05:30")),
        "{en_rows:?}"
    );
    assert!(en_rows.iter().any(|r| &r[1] == "participant"));
    let nl = attendance(&server, &s, "?lang=nl", &s.facilitator).await?;
    assert!(is_download_name(
        nl.header("content-disposition").unwrap_or_default(),
        "aanwezigheid",
        "intervisie-team-noord",
        "csv"
    ));
    let bad_zone = attendance(&server, &s, "?tz=Mars/Olympus", &s.facilitator).await?;
    assert_eq!(bad_zone.status, 422);

    // The facilitator's report carries the record.
    let md = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{}/export.md?lang=nl", s.id),
        &s.facilitator,
        &[],
    )
    .await?;
    let md = text(&md);
    assert!(md.contains("## Aanwezigheid"), "{md}");
    assert!(md.contains("Anna — deelnemer"), "{md}");
    let json = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{}/export.json", s.id),
        &s.facilitator,
        &[],
    )
    .await?;
    let json = json.json()?;
    assert_eq!(json["attendance"]["time_zone"], "Europe/Amsterdam");
    assert_eq!(
        json["attendance"]["visits"].as_array().map(Vec::len),
        Some(3)
    );
    Ok(())
}

#[tokio::test]
async fn only_the_facilitator_sees_the_record_and_deleting_the_session_deletes_it()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server.create_session(TITLE).await?;
    let url = server.ws_url(&s.id);
    let mut facilitator = ProtocolClient::connect(&url, &s.facilitator).await?;
    let mut anna = ProtocolClient::connect(&url, &s.participant).await?;
    sit(&mut anna, "Anna", 0).await?;
    facilitator
        .edit(&DocName::Control, |d| write_participants_export(d, true))
        .await?;
    facilitator.round_trip().await?;

    for token in [&s.participant, &s.observer] {
        let r = attendance(&server, &s, "", token).await?;
        assert_eq!(r.status, 403, "{}", text(&r));
        assert_eq!(r.json()?["error"]["code"], "facilitator_only");
    }
    let missing = ovaal_tests::http::get(
        server.addr,
        &format!("/api/sessions/{}/attendance.csv", s.id),
        &[],
    )
    .await?;
    assert_eq!(missing.status, 401);
    // A participant allowed to download the harvest still sees nobody's times.
    for ext in ["md", "json"] {
        let r = with_token(
            server.addr,
            "GET",
            &format!("/api/sessions/{}/export.{ext}", s.id),
            &s.participant,
            &[],
        )
        .await?;
        assert_eq!(r.status, 200, "{}", text(&r));
        let body = text(&r);
        assert!(
            !body.contains("Attendance") && !body.contains("attendance"),
            "{ext}: {body}"
        );
    }
    let r = attendance(&server, &s, "", &s.facilitator).await?;
    assert_eq!(read_rows(&r, b',')?.len(), 2);

    let deleted = with_token(
        server.addr,
        "DELETE",
        &format!("/api/sessions/{}", s.id),
        &s.facilitator,
        &[],
    )
    .await?;
    assert_eq!(deleted.status, 204);
    drop((facilitator, anna));
    let gone = attendance(&server, &s, "", &s.facilitator).await?;
    assert_eq!(gone.status, 404);
    let data_dir = server.data_dir.clone();
    let _kept = server.stop().await?;
    let db = rusqlite::Connection::open(data_dir.join("ovaal.db"))?;
    let left: i64 = db.query_row(
        "SELECT COUNT(*) FROM attendance WHERE session_id = ?1",
        [s.id.as_str()],
        |r| r.get(0),
    )?;
    assert_eq!(left, 0, "the session's attendance went with it");
    Ok(())
}
