//! The harvest as Markdown: organised as a harvest (participants, the case, the phases
//! in plan order with their cards, the case-holder's actions), with the case-holder's
//! labels and useful marks, and every card text escaped so it stays text.

use ovaal_shared::board::{Method, templates};
use ovaal_tests::harvest_fixture::{
    ACTION, ADVICE, CASE, INSIGHT, MIRROR, NO_PHASE, OTHER_CASE, Q_ARABIC, Q_HEBREW, REVEALED,
    TITLE, export_ok, incident_session, md_section, text,
};

#[tokio::test]
async fn markdown_is_organised_as_a_harvest_and_escaped() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let plan = templates::phases(Method::Incident);
    let name_of = |id: &str| {
        plan.iter()
            .find(|p| p.id == id)
            .map(|p| p.name.en.clone())
            .unwrap()
    };
    let md_response = export_ok(&board, "md").await?;
    assert_eq!(
        md_response.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    let md = text(&md_response);
    assert!(md.starts_with(&format!("# Harvest: {TITLE}\n")), "{md}");
    let order = [
        "## Participants",
        "## The case",
        "## Phases",
        "### 2. Case pitches",
        "### 4. Question round",
        "### 6. Advice round",
        "### 7. Evaluation",
        "### 8. First thoughts",
        "### Other cards",
        "## Actions of the case-holder",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| {
            md.find(&format!("\n{h}\n"))
                .unwrap_or_else(|| panic!("{h} missing:\n{md}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order:\n{md}"
    );
    assert_eq!(name_of("questions"), "Question round");
    let participants = md_section(&md, "## Participants");
    assert!(
        participants.contains("- Zoë — in the room, seat 1 — case-holder"),
        "{participants}"
    );
    assert!(
        participants.contains("- Bram — remote, seat 3"),
        "{participants}"
    );
    let case = md_section(&md, "## The case");
    assert!(
        case.contains(CASE) && !case.contains(OTHER_CASE),
        "the case-holder's case only:\n{case}"
    );
    let pitches = md_section(&md, "### 2. Case pitches");
    assert!(
        pitches.contains(CASE) && pitches.contains(OTHER_CASE),
        "{pitches}"
    );
    let questions = md_section(&md, "### 4. Question round");
    assert!(questions.contains("#### Questions"), "{questions}");
    assert!(
        questions.contains(
            "- **warm** Wat heb je al geprobeerd? \"Ja, maar…\", zei ze, en toen? — *Bram*"
        ),
        "{questions}"
    );
    assert!(
        questions.contains("- **neutral** Eerste regel\\\n  Tweede regel: # geen kop — *Bram*"),
        "{questions}"
    );
    assert!(
        questions.contains(&format!("- **cold** {Q_ARABIC} — *سارا*")),
        "{questions}"
    );
    assert!(
        questions.contains(&format!("- {Q_HEBREW} — *سارا*")),
        "{questions}"
    );
    assert!(
        !questions.contains(ADVICE),
        "advice is not a question round card"
    );
    let advice = md_section(&md, "### 6. Advice round");
    assert!(
        advice.contains(&format!("- **★ useful** {ADVICE} — *Bram*")),
        "{advice}"
    );
    assert!(
        advice.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\*vet\\* \\_schuin\\_ \\[link\\](http://x) \\`code\\` \\| pipe"),
        "{advice}"
    );
    assert!(!md.contains("<script"), "HTML reached the Markdown");
    let evaluation = md_section(&md, "### 7. Evaluation");
    for t in [ACTION, INSIGHT, MIRROR] {
        assert!(evaluation.contains(t), "{t} in evaluation:\n{evaluation}");
    }
    assert!(md_section(&md, "### 8. First thoughts").contains(REVEALED));
    assert!(md_section(&md, "### 9. Notes").contains("*No cards.*"));
    assert!(md_section(&md, "### Other cards").contains(NO_PHASE));
    assert!(md_section(&md, "## Actions of the case-holder").contains(ACTION));
    assert!(!md.contains("GEHEIM"));
    Ok(())
}
