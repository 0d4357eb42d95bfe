//! Who may download the harvest, and what it says about authors: the facilitator
//! always; participants only when the facilitator allows it (and never the lossless
//! JSON while names are hidden); observers and strangers never. With names hidden no
//! report, CSV or picture names the author of a card.

use ovaal_shared::board::Method;
use ovaal_shared::board::facilitation::{write_hide_names, write_participants_export};
use ovaal_tests::TestServer;
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::harvest_fixture::{
    export, export_ok, facilitate, incident_session, pdf_text, text,
};
use ovaal_tests::http::{Response, get, with_token};

#[tokio::test]
async fn only_the_facilitator_exports_unless_participants_may() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server
        .create_session_with("Leerkring", Method::LearningCircle)
        .await?;
    let url = server.ws_url(&s.id);
    let mut f = connect_facilitator(&url, &s.facilitator).await?;
    let status = |r: &Response| {
        (
            r.status,
            r.json()
                .ok()
                .and_then(|j| j["error"]["code"].as_str().map(str::to_owned)),
        )
    };
    for ext in ["json", "md", "csv", "svg", "png", "pdf"] {
        assert_eq!(
            export(&server, &s, ext, &s.facilitator).await?.status,
            200,
            "{ext}"
        );
        let refused = Some("facilitator_only".to_owned());
        assert_eq!(
            status(&export(&server, &s, ext, &s.participant).await?),
            (403, refused.clone()),
            "{ext}"
        );
        assert_eq!(
            status(&export(&server, &s, ext, &s.observer).await?),
            (403, refused),
            "{ext}"
        );
    }
    let anonymous = get(
        server.addr,
        &format!("/api/sessions/{}/export.md", s.id),
        &[],
    )
    .await?;
    assert_eq!(status(&anonymous), (401, Some("missing_token".to_owned())));
    let unknown = with_token(
        server.addr,
        "GET",
        "/api/sessions/no-such-session/export.md",
        &s.facilitator,
        &[],
    )
    .await?;
    assert_eq!(status(&unknown), (404, Some("unknown_session".to_owned())));

    facilitate(&mut f, |d| write_participants_export(d, true)).await?;
    f.wait_stored().await?;
    for ext in ["json", "md", "pdf"] {
        assert_eq!(
            export(&server, &s, ext, &s.participant).await?.status,
            200,
            "{ext}"
        );
        assert_eq!(
            export(&server, &s, ext, &s.observer).await?.status,
            403,
            "observers never"
        );
    }
    // With names hidden the lossless JSON (it names every author) stays the
    // facilitator's; the reports do not name authors and stay open.
    facilitate(&mut f, |d| write_hide_names(d, true)).await?;
    f.wait_stored().await?;
    assert_eq!(
        export(&server, &s, "json", &s.participant).await?.status,
        403
    );
    assert_eq!(export(&server, &s, "md", &s.participant).await?.status, 200);
    assert_eq!(
        export(&server, &s, "json", &s.facilitator).await?.status,
        200
    );
    Ok(())
}

#[tokio::test]
async fn hidden_names_leave_every_card_without_its_author() -> anyhow::Result<()> {
    let mut board = incident_session().await?;
    facilitate(&mut board.facilitator, |d| write_hide_names(d, true)).await?;
    board.artifact = "harvest-names-hidden";
    let md = text(&export_ok(&board, "md").await?);
    assert!(!md.contains("— *Bram*") && !md.contains("— *سارا*"), "{md}");
    assert!(md.contains("The facilitator hid the authors' names."));
    let csv_text = export_ok(&board, "csv").await?;
    let mut reader = csv::Reader::from_reader(csv_text.body.as_slice());
    let header = reader.headers()?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for record in reader.records() {
        let record = record?;
        assert_eq!(&record[col("author")], "", "{record:?}");
        assert_eq!(&record[col("author_id")], "", "{record:?}");
    }
    let svg = text(&export_ok(&board, "svg").await?);
    assert!(!svg.contains("— Bram"), "authors in the picture");
    assert!(!pdf_text(&export_ok(&board, "pdf").await?.body)?.contains("— Bram"));
    Ok(())
}
