//! The harvest as PDF: a real report whose text `pdftotext` extracts, accents,
//! quotes and right-to-left words included, without the unrevealed private card.

use ovaal_tests::harvest_fixture::{
    ADVICE, CASE, Q_HEBREW, Q_QUOTES, TITLE, export_ok, incident_session, pdf_text,
};

#[tokio::test]
async fn pdf_text_extracts_including_non_ascii() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let pdf = export_ok(&board, "pdf").await?;
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let extracted = pdf_text(&pdf.body)?;
    // Right-to-left words come out in reading order (they are drawn in visual order).
    for t in [CASE, ADVICE, TITLE, "Zoë", Q_QUOTES, Q_HEBREW, "سارا"] {
        assert!(
            extracted.contains(t),
            "{t:?} not in the PDF text:\n{extracted}"
        );
    }
    assert!(!extracted.contains("GEHEIM"));
    Ok(())
}
