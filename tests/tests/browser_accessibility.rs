//! Automated accessibility check (axe-core, WCAG 2.x A/AA and best practices) of the
//! main views with a realistic board: the start page, the join screen, the laptop view
//! (a participant's and the facilitator's), the phone view, the list view and the room
//! screen. Any "serious" or "critical" violation fails the test, with every finding
//! listed (rule, element, how to fix). Lesser findings are printed, not failed.

use anyhow::{Context, Result, bail};
use ovaal_tests::TestServer;
use ovaal_tests::axe::{self, Violation};
use ovaal_tests::board_page::{
    WAIT, artifact, fill_join_form, open_join_screen, prefer_language, require_client,
    set_phone_viewport, take_seat,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::scene::Scene;

struct Findings {
    failing: String,
    other: String,
    /// Views that could not be opened at all (a missing view fails the test too).
    unreachable: String,
}

impl Findings {
    fn new() -> Self {
        Findings {
            failing: String::new(),
            other: String::new(),
            unreachable: String::new(),
        }
    }

    /// Records a view that could not be reached, and goes on with the others.
    fn reached(&mut self, view: &str, outcome: Result<()>) {
        if let Err(err) = outcome {
            self.unreachable.push_str(&format!("[{view}] {err:#}\n"));
        }
    }

    async fn check(&mut self, view: &str, page: &Page, source: &str) -> Result<()> {
        let violations = axe::run(page, source)
            .await
            .with_context(|| format!("axe on the {view}"))?;
        let (failing, other): (Vec<Violation>, Vec<Violation>) =
            violations.into_iter().partition(Violation::fails);
        self.failing.push_str(&axe::report(view, &failing));
        self.other.push_str(&axe::report(view, &other));
        page.screenshot(artifact(&format!("a11y-{}.png", view.replace(' ', "-"))))
            .await?;
        Ok(())
    }
}

#[tokio::test]
async fn the_main_views_have_no_serious_accessibility_violations() -> Result<()> {
    require_client()?;
    let source = axe::axe_source()?;
    let server = TestServer::start().await?;
    let scene = Scene::write(server.addr, "Intervisie team Zuid").await?;
    let links = &scene.session.links;
    let browser = Browser::launch().await?;
    let mut findings = Findings::new();

    // The start page and the join screen, in Dutch (the product's first language).
    let laptop = browser.new_page(1280, 800).await?;
    prefer_language(&laptop, "nl-NL").await?;
    laptop.goto(&server.base_url()).await?;
    laptop
        .wait_for("!!document.querySelector('#session-create')", WAIT)
        .await?;
    findings.check("start page", &laptop, &source).await?;
    open_join_screen(&laptop, &links.participant_url).await?;
    findings.check("join screen", &laptop, &source).await?;

    // The laptop view: seated, with the scene's cards around the table.
    fill_join_form(&laptop, "Gijs").await?;
    take_seat(&laptop, 4).await?;
    let cards = scene.cards;
    let all_cards = format!("document.querySelectorAll('.card').length >= {cards}");
    laptop.wait_for(&all_cards, WAIT).await?;
    findings.check("laptop view", &laptop, &source).await?;

    // The facilitator's laptop view, with the controls for phases, timer and hot seat.
    let facilitator = browser.new_page(1280, 800).await?;
    prefer_language(&facilitator, "nl-NL").await?;
    open_join_screen(&facilitator, &links.facilitator_url).await?;
    fill_join_form(&facilitator, "Fenna").await?;
    take_seat(&facilitator, 0).await?;
    facilitator.wait_for(&all_cards, WAIT).await?;
    findings
        .check("facilitator laptop view", &facilitator, &source)
        .await?;

    // The list view of the same board.
    let list = async {
        laptop.click("button[data-view='list']").await?;
        laptop
            .wait_for(
                &format!(
                    "document.querySelectorAll('#list-view li[data-card-id]').length >= {cards}"
                ),
                WAIT,
            )
            .await
            .context("the list view does not list the cards")?;
        Ok(())
    }
    .await;
    let listed = list.is_ok();
    findings.reached("list view", list);
    if listed {
        findings.check("list view", &laptop, &source).await?;
    }

    // The phone view.
    let phone = browser.new_page(375, 667).await?;
    set_phone_viewport(&phone, 375, 667).await?;
    prefer_language(&phone, "nl-NL").await?;
    open_join_screen(&phone, &links.participant_url).await?;
    fill_join_form(&phone, "Gijs").await?;
    phone.wait_for(&all_cards, WAIT).await?;
    findings.check("phone view", &phone, &source).await?;

    // The room screen on the projector.
    let room = browser.new_page(1280, 720).await?;
    prefer_language(&room, "nl-NL").await?;
    room.goto(&scene.session.room_screen_url).await?;
    let opened = room
        .wait_for("document.body.dataset.page === 'room'", WAIT)
        .await
        .context("the room-screen link did not open the room screen (body[data-page=room])")
        .map(drop);
    let is_room = opened.is_ok();
    findings.reached("room screen", opened);
    if is_room {
        room.wait_for(&all_cards, WAIT).await?;
        findings.check("room screen", &room, &source).await?;
    }

    if !findings.other.is_empty() {
        eprintln!(
            "Minor and moderate accessibility findings (not failing):\n{}",
            findings.other
        );
    }
    if !findings.failing.is_empty() || !findings.unreachable.is_empty() {
        bail!(
            "serious or critical accessibility violations:\n{}\nviews that could not be \
             checked:\n{}",
            if findings.failing.is_empty() {
                "(none)\n"
            } else {
                &findings.failing
            },
            if findings.unreachable.is_empty() {
                "(none)\n"
            } else {
                &findings.unreachable
            },
        );
    }
    drop(scene);
    Ok(())
}

/// The check itself can fail: on a page with an unnamed button and an image without
/// alternative text, axe reports both as critical.
#[tokio::test]
async fn axe_reports_a_known_violation() -> Result<()> {
    let source = axe::axe_source()?;
    let browser = Browser::launch().await?;
    let page = browser.new_page(800, 600).await?;
    page.goto(
        "data:text/html,<!doctype html><html lang=en><head><title>t</title></head><body>\
         <main><button></button><img src='data:image/png;base64,'></main></body></html>",
    )
    .await?;
    let violations = axe::run(&page, &source).await?;
    let failing: Vec<&str> = violations
        .iter()
        .filter(|v| v.fails())
        .map(|v| v.id.as_str())
        .collect();
    if !(failing.contains(&"button-name") && failing.contains(&"image-alt")) {
        bail!(
            "axe did not report the planted violations; it found:\n{}",
            axe::report("planted", &violations)
        );
    }
    Ok(())
}
