//! The case-holder's own harvest: the person in the hot seat downloads, with their
//! participant id and key, exactly their case, the questions they labelled, the
//! advice they found useful and their actions — as Markdown and PDF. The facilitator
//! may too; everyone else is refused.

use ovaal_tests::harvest_fixture::{
    ACTION, ADVICE, CASE, INSIGHT, MARKUP, MIRROR, NO_PHASE, OTHER_CASE, Q_ARABIC, Q_HEBREW,
    REVEALED, SECRET, incident_session, is_download_name, pdf_text, text,
};
use ovaal_tests::http::{Response, request};

async fn caseholder_export(
    board: &ovaal_tests::harvest_fixture::Board,
    file: &str,
    token: &str,
    who: Option<(&str, &str)>,
) -> anyhow::Result<Response> {
    let path = format!("/api/sessions/{}/{file}", board.session.id);
    let bearer = format!("Bearer {token}");
    let mut headers = vec![("Authorization", bearer.as_str())];
    if let Some((participant, key)) = who {
        headers.push(("X-Ovaal-Participant", participant));
        headers.push(("X-Ovaal-Key", key));
    }
    request(board.server.addr, "GET", &path, &headers, &[]).await
}

fn code(r: &Response) -> String {
    r.json()
        .map(|j| j["error"]["code"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_caseholder_gets_exactly_their_case_labels_useful_advice_and_actions()
-> anyhow::Result<()> {
    let board = incident_session().await?;
    let zoe = (board.ids.zoe.to_string(), board.ids.zoe_key.clone());
    let who = Some((zoe.0.as_str(), zoe.1.as_str()));
    let participant = board.session.participant.clone();

    let md = caseholder_export(&board, "caseholder.md", &participant, who).await?;
    assert_eq!(md.status, 200, "{}", text(&md));
    let disposition = md.header("content-disposition").unwrap_or_default();
    assert!(
        is_download_name(
            disposition,
            "harvest-case-holder",
            "intervisie-team-zuid-een-casus",
            "md"
        ),
        "{disposition}"
    );
    let md = text(&md);
    for wanted in [
        CASE,
        "Wat heb je al geprobeerd?",
        "Eerste regel",
        ADVICE,
        ACTION,
    ] {
        assert!(md.contains(wanted), "{wanted:?} missing:\n{md}");
    }
    assert!(md.contains("مرحبا"), "the cold question too:\n{md}");
    // Warm first, then neutral, then cold.
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(at("**warm**") < at("**neutral**") && at("**neutral**") < at("**cold**"));
    for unwanted in [
        OTHER_CASE, Q_HEBREW, MIRROR, INSIGHT, NO_PHASE, REVEALED, SECRET, "script",
    ] {
        assert!(
            !md.contains(unwanted),
            "{unwanted:?} should not be there:\n{md}"
        );
    }
    assert!(!MARKUP.is_empty() && !Q_ARABIC.is_empty());

    let nl = caseholder_export(&board, "caseholder.pdf?lang=nl", &participant, who).await?;
    assert_eq!(nl.status, 200, "{}", text(&nl));
    let disposition = nl.header("content-disposition").unwrap_or_default();
    assert!(
        is_download_name(
            disposition,
            "oogst-inbrenger",
            "intervisie-team-zuid-een-casus",
            "pdf"
        ),
        "{disposition}"
    );
    let pdf = pdf_text(&nl.body)?;
    for wanted in [
        "Oogst van de inbrenger",
        ACTION,
        "Plan één rustig gesprek",
        "warm",
    ] {
        assert!(
            pdf.contains(wanted),
            "{wanted:?} missing from the PDF:\n{pdf}"
        );
    }
    assert!(
        !pdf.contains("Werkdruk") && !pdf.contains("GEHEIM"),
        "{pdf}"
    );

    // The facilitator may download it without an id.
    let facilitator =
        caseholder_export(&board, "caseholder.md", &board.session.facilitator, None).await?;
    assert_eq!(facilitator.status, 200);
    Ok(())
}

#[tokio::test]
async fn nobody_else_gets_the_caseholders_harvest() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let participant = board.session.participant.clone();
    let zoe = board.ids.zoe.to_string();
    let bram = (board.ids.bram.to_string(), board.ids.bram_key.clone());
    let refusals = [
        // Another participant, as themselves.
        (
            participant.clone(),
            Some((bram.0.as_str(), bram.1.as_str())),
        ),
        // Another participant claiming the case-holder's id with their own key.
        (participant.clone(), Some((zoe.as_str(), bram.1.as_str()))),
        // The participant link alone.
        (participant.clone(), None),
        // A room screen.
        (
            board.session.observer.clone(),
            Some((zoe.as_str(), board.ids.zoe_key.as_str())),
        ),
    ];
    for (token, who) in refusals {
        let r = caseholder_export(&board, "caseholder.md", &token, who).await?;
        assert_eq!(
            (r.status, code(&r).as_str()),
            (403, "caseholder_only"),
            "{who:?}"
        );
    }
    let path = format!("/api/sessions/{}/caseholder.md", board.session.id);
    let anonymous = request(board.server.addr, "GET", &path, &[], &[]).await?;
    assert_eq!(anonymous.status, 401);
    Ok(())
}
