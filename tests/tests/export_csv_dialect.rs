//! The harvest's CSV as the spreadsheet of its language opens it: a UTF-8 byte-order
//! mark, semicolons and decimal commas in Dutch, commas and points in English; and
//! every download named in its language with the session's date and title.

use ovaal_tests::harvest_fixture::{ADVICE, export, incident_session, is_download_name};

#[tokio::test]
async fn dutch_csv_has_semicolons_and_english_commas_both_with_a_bom() -> anyhow::Result<()> {
    let board = incident_session().await?;
    for (lang, separator, phase) in [
        ("?lang=nl", b';', "Adviesronde"),
        ("", b',', "Advice round"),
    ] {
        let r = export(
            &board.server,
            &board.session,
            &format!("csv{lang}"),
            &board.session.facilitator,
        )
        .await?;
        assert_eq!(r.status, 200);
        assert!(
            r.body.starts_with(b"\xEF\xBB\xBF"),
            "{lang}: a UTF-8 byte-order mark"
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .from_reader(&r.body[3..]);
        let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
        assert_eq!(header.len(), 16, "{lang}: every column found: {header:?}");
        let col = |name: &str| header.iter().position(|h| h == name).expect(name);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        let advice = rows
            .iter()
            .find(|row| &row[col("text")] == ADVICE)
            .expect("the advice row");
        assert_eq!(&advice[col("phase")], phase, "{lang}");
        assert_eq!(&advice[col("useful")], "true");
        let x = &advice[col("x")];
        if separator == b';' {
            assert_eq!(x, "0,15", "a Dutch spreadsheet reads decimal commas");
        } else {
            assert_eq!(x, "0.15");
        }
    }
    Ok(())
}

#[tokio::test]
async fn downloads_are_named_in_their_language_with_date_and_title() -> anyhow::Result<()> {
    let board = incident_session().await?;
    for (query, word) in [
        ("?lang=nl", "oogst"),
        ("?lang=en", "harvest"),
        ("", "harvest"),
    ] {
        for ext in ["pdf", "csv", "md", "json"] {
            let r = export(
                &board.server,
                &board.session,
                &format!("{ext}{query}"),
                &board.session.facilitator,
            )
            .await?;
            assert_eq!(r.status, 200);
            let disposition = r.header("content-disposition").unwrap_or_default();
            assert!(
                is_download_name(disposition, word, "intervisie-team-zuid-een-casus", ext),
                "{ext}{query}: {disposition}"
            );
        }
    }
    Ok(())
}
