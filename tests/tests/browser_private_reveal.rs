//! Writing privately, then revealing (the Case Clinic's "stillness"): two participants
//! write private cards; each page shows only its own, and the other's text is in no
//! other page's DOM — and, checked with a native protocol client, the server never
//! sent it. Participants mark themselves ready; the facilitator sees "N of M ready".
//! After `#reveal` every page shows every card of the round.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::Method;
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::browser::Page;
use ovaal_tests::facilitation_page::{
    ThreePeople, add_card, ensure_not_in_dom, jump_to_phase, screenshot_all, three_people,
    wait_card,
};
use ovaal_tests::{ProtocolClient, TestServer};

/// Waits until the facilitator's `#ready-count` says `ready` of `total`
/// (`data-ready`, `data-total`) and returns its visible text.
async fn wait_ready_count(page: &Page, ready: u64, total: u64) -> Result<String> {
    let value = page
        .wait_for(
            &format!(
                "(() => {{ const c = document.querySelector('#ready-count'); \
                 return c && !c.hidden && Number(c.dataset.ready) === {ready} \
                 && Number(c.dataset.total) === {total} ? c.textContent.trim() : null; }})()"
            ),
            WAIT,
        )
        .await;
    match value {
        Ok(text) => Ok(text.as_str().unwrap_or_default().to_owned()),
        Err(err) => {
            let now = page
                .eval(
                    "(() => { const c = document.querySelector('#ready-count'); \
                     return c ? [c.dataset.ready, c.dataset.total, c.textContent, c.hidden] \
                     : 'no #ready-count'; })()",
                )
                .await?;
            Err(err.context(format!(
                "#ready-count never said {ready} of {total}; it says {now}"
            )))
        }
    }
}

#[tokio::test]
async fn private_cards_stay_private_until_the_reveal() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Case Clinic", Method::CaseClinic)
        .await?;
    let browser = Browser::launch().await?;
    // No hot seat in this round: the "case-holder" is simply a second participant.
    let ThreePeople {
        facilitator: fenna,
        caseholder: anna,
        participant: bram,
        caseholder_id: anna_id,
        ..
    } = three_people(&browser, &session, ["Fenna", "Anna", "Bram"]).await?;
    let pages = [("facilitator", &fenna), ("anna", &anna), ("bram", &bram)];

    jump_to_phase(&fenna, "stillness", &[&anna, &bram]).await?;
    for page in [&anna, &bram] {
        page.wait_for("document.body.dataset.private === 'true'", WAIT)
            .await
            .context("a participant's page does not say body[data-private=true]")?;
    }
    let annas = "Ik zie iemand die alles alleen wil dragen";
    let brams = "Ik voel onrust in mijn buik";
    add_card(&anna, "mirror", annas).await?;
    add_card(&bram, "mirror", brams).await?;

    // Ready: the facilitator counts the two writers of the round.
    wait_ready_count(&fenna, 0, 2).await?;
    anna.click("#ready-toggle").await?;
    anna.wait_for(
        "document.querySelector('#ready-toggle')?.getAttribute('aria-pressed') === 'true'",
        WAIT,
    )
    .await
    .context("Anna's ready button does not show it is pressed")?;
    let text = wait_ready_count(&fenna, 1, 2).await?;
    ensure!(
        text.contains('1') && text.contains('2'),
        "#ready-count reads {text:?} for 1 of 2 ready"
    );
    bram.click("#ready-toggle").await?;
    wait_ready_count(&fenna, 2, 2).await?;

    // Each page shows its own card only; the other's text is in no other DOM. The
    // ready marks came after the cards, through the same server, so the cards would
    // have arrived by now if they were sent.
    for (author, text, readers) in [
        (
            "Anna",
            annas,
            [("Bram", &bram), ("the facilitator", &fenna)],
        ),
        (
            "Bram",
            brams,
            [("Anna", &anna), ("the facilitator", &fenna)],
        ),
    ] {
        for (who, page) in readers {
            ensure_not_in_dom(
                page,
                text,
                &format!("{author}'s private card, on {who}'s page before the reveal,"),
            )
            .await?;
        }
    }
    wait_card(&anna, annas).await?;
    wait_card(&bram, brams).await?;
    // The server never sent it: a facilitator's protocol client does not get the
    // document, not in the welcome and not on asking.
    let annas_doc = DocName::Private {
        phase: "stillness".into(),
        owner: anna_id.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?,
    };
    let url = server.ws_url(&session.id);
    let mut checker = ProtocolClient::connect(&url, &session.facilitator).await?;
    ensure!(
        !checker.welcome.documents.contains(&annas_doc),
        "the welcome names Anna's private document"
    );
    checker.send_step1(&annas_doc).await?;
    checker.round_trip().await?;
    checker.drain_for(Duration::from_millis(100)).await?;
    let received = checker.all_card_texts();
    ensure!(
        !received.iter().any(|t| t == annas || t == brams),
        "the server sent private cards before the reveal: {received:?}"
    );
    screenshot_all("private", "1-writing", &pages).await?;

    // Reveal: every page shows both cards.
    fenna.click("#reveal").await?;
    for page in [&fenna, &anna, &bram] {
        wait_card(page, annas).await?;
        wait_card(page, brams).await?;
    }
    checker
        .wait_until("the revealed cards", |c| {
            let texts = c.all_card_texts();
            texts.iter().any(|t| t == annas) && texts.iter().any(|t| t == brams)
        })
        .await?;
    screenshot_all("private", "2-revealed", &pages).await?;
    assert_no_console_errors(&pages).await
}
