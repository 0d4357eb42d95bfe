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
