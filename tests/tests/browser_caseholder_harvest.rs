//! The case-holder's own harvest from their page, while the session runs: in the hot
//! seat they see "my harvest" (`#caseholder-md`, `#caseholder-pdf`), another
//! participant does not; a click downloads the file under the name the server gives
//! (`harvest-case-holder-<date>-<title>.md`, `oogst-inbrenger-…pdf` in Dutch), of the
//! right type, holding their case and action and not someone else's question.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::Method;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{WAIT, artifact, assert_no_console_errors, js, require_client};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    Downloads, ThreePeople, add_card, jump_to_phase, put_in_hot_seat, three_people, wait_card,
};
use ovaal_tests::harvest_fixture::{is_download_name, pdf_text};

/// Whether the element is in the page and rendered.
async fn visible(page: &Page, selector: &str) -> Result<bool> {
    Ok(page
        .eval(&format!(
            "(document.querySelector({})?.getClientRects().length ?? 0) > 0",
            js(selector)
        ))
        .await?
        == true)
}

/// Notes the type of every blob the page hands to the browser as a download (the
/// page saves a fetched file through `URL.createObjectURL`).
async fn watch_blob_types(page: &Page) -> Result<()> {
    page.eval(
        "(() => { if (window.__blobTypes) return; window.__blobTypes = []; \
         const make = URL.createObjectURL.bind(URL); \
         URL.createObjectURL = (blob) => { window.__blobTypes.push(blob.type); return make(blob); }; })()",
    )
    .await?;
    Ok(())
}

async fn last_blob_type(page: &Page) -> Result<String> {
    let value = page
        .wait_for(
            "window.__blobTypes?.length ? window.__blobTypes.at(-1) : null",
            WAIT,
        )
        .await
        .context("the page handed no file to the browser")?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Clicks `button` and returns the downloaded file's name and bytes.
async fn download(
    page: &Page,
    downloads: &Downloads,
    button: &str,
    ext: &str,
) -> Result<(String, Vec<u8>)> {
    page.eval("window.__blobTypes = []").await?;
    page.click(button).await?;
    let (path, bytes) = downloads
        .wait_file(ext)
        .await
        .with_context(|| format!("{button} downloaded nothing"))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::fs::remove_file(&path)?;
    Ok((name, bytes))
}

#[tokio::test]
async fn the_caseholder_downloads_their_own_harvest_from_their_page() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Intervisie team Zuid", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let ThreePeople {
        facilitator: fenna,
        caseholder: carla,
        participant: piet,
        caseholder_id,
        ..
    } = &people;
    let everyone = [carla, piet];
    let case = "Mijn team loopt vast in de planning";
    let action = "Ik plan volgende week een gesprek";
    let theirs = "Werkdruk bij het andere team";

    ensure!(
        !visible(carla, "#caseholder-md").await?,
        "Carla is offered a case-holder's harvest before she is in the hot seat"
    );
    jump_to_phase(fenna, "pitches", &everyone).await?;
    add_card(carla, "case", case).await?;
    add_card(piet, "case", theirs).await?;
    put_in_hot_seat(fenna, caseholder_id, &everyone).await?;
    jump_to_phase(fenna, "evaluation", &everyone).await?;
    add_card(carla, "action", action).await?;
    wait_card(fenna, action).await?;

    // Only the person in the hot seat sees the buttons.
    carla
        .wait_for(
            "['#caseholder-md', '#caseholder-pdf'].every(s => \
             (document.querySelector(s)?.getClientRects().length ?? 0) > 0)",
            WAIT,
        )
        .await
        .context("the case-holder's page does not show #caseholder-md and #caseholder-pdf")?;
    ensure!(
        !visible(piet, "#caseholder-md").await? && !visible(piet, "#caseholder-pdf").await?,
        "a participant outside the hot seat is offered the case-holder's harvest"
    );
    // The board's own downloads are the facilitator's here: no empty promise of them.
    ensure!(
        !visible(carla, "#harvest-panel .harvest-exports").await?,
        "the case-holder's panel offers to download the board without a button to do so"
    );
    carla
        .screenshot(artifact("caseholder-harvest-buttons.png"))
        .await?;

    // Markdown, in English.
    let downloads = Downloads::catch(carla).await?;
    watch_blob_types(carla).await?;
    let (name, bytes) = download(carla, &downloads, "#caseholder-md", ".md").await?;
    ensure!(
        is_download_name(
            &format!("attachment; filename=\"{name}\""),
            "harvest-case-holder",
            "intervisie-team-zuid",
            "md"
        ),
        "the Markdown is saved as {name:?}"
    );
    let kind = last_blob_type(carla).await?;
    ensure!(
        kind == "text/markdown; charset=utf-8",
        "the Markdown came as {kind:?}"
    );
    let md = String::from_utf8(bytes).context("the Markdown is not UTF-8")?;
    ensure!(
        md.contains(case) && md.contains(action) && !md.contains(theirs),
        "the case-holder's Markdown does not hold (only) their case and action:\n{md}"
    );

    // PDF, in Dutch.
    carla.click("#lang-switch").await?;
    carla
        .wait_for("document.documentElement.lang === 'nl'", WAIT)
        .await?;
    let (name, bytes) = download(carla, &downloads, "#caseholder-pdf", ".pdf").await?;
    ensure!(
        is_download_name(
            &format!("attachment; filename=\"{name}\""),
            "oogst-inbrenger",
            "intervisie-team-zuid",
            "pdf"
        ),
        "the Dutch PDF is saved as {name:?}"
    );
    let kind = last_blob_type(carla).await?;
    ensure!(kind == "application/pdf", "the PDF came as {kind:?}");
    ensure!(bytes.starts_with(b"%PDF-"), "the download is not a PDF");
    let text = pdf_text(&bytes)?;
    ensure!(
        text.contains("Oogst van de inbrenger") && text.contains(action),
        "the Dutch PDF does not read as the case-holder's harvest:\n{text}"
    );
    assert_no_console_errors(&people.pages()).await
}
