//! `ovaal-client-bench`: how long until a board with many cards is interactive in
//! headless Chromium (run it with `cargo xtask bench client`; figures in
//! `docs/benchmarks.md`).
//!
//! Two boards, each seeded over the protocol into its own session:
//!
//! - **scattered**: `--cards` cards (300) from `--authors` people (6) on a free board
//!   of 8 seats, spread over the table — many cards, little structure;
//! - **real size**: the largest real session ([`ovaal_tests::real_size`]): 14 seats,
//!   14 people, 80 cards across the phases of the incident method, the question round
//!   on, the case-holder in the hot seat — most places hold more than they show.
//!
//! For each, the facilitator's link is opened in Chromium `--runs` times, and the page
//! measures from navigation start (`performance.now()` is relative to it):
//!
//! - **wasm loaded**: `responseEnd` of the `.wasm` download (resource timing);
//! - **cards shown**: when the last of the cards is in the DOM (a `MutationObserver`
//!   injected before the page's own scripts run);
//! - **interactive**: after the next animation frame and a zero-delay task (so the main
//!   thread has painted and is free), a card on the table is focused (`focus()` takes
//!   effect);
//! - **key → moved**: from a real ArrowRight key press on the focused card (which moves
//!   it to the next place) to the card's new place in the DOM, on the full board.
//!
//! "Cold" runs open a fresh browser context each time (empty cache, first visit: the
//! join screen over the board); "warm" runs reload the page in a context that has
//! joined before (cached files, straight to the board).
//!
//! **The static floor**: the same board as a plain HTML page — the client's own DOM of
//! the drawn board, without scripts, its boxes in a stylesheet
//! ([`ovaal_tests::bench::static_floor`]) — served by the same server from its own
//! static path and loaded in the same Chromium, alternating with the client's loads,
//! cold and warm, with the same probe ("cards shown", "interactive"). The benchmark
//! prints both and the client's medians as a multiple of the floor's, and, for the
//! cold loads, Chromium's own counters of the main thread's work until interactive
//! (script, style, layout: `Performance.getMetrics`).
//!
//! Options: `--board scattered|real-size|both` (both), `--cards N` (300) and
//! `--authors N` (6) for the scattered board, `--runs N` (5 cold + 5 warm),
//! `--server PATH` (target/release/ovaal), `--cpu-profile N` (0: after the cold runs,
//! one more cold load under Chromium's CPU profiler, and after the warm runs one more
//! warm load, each with its N largest functions; [`ovaal_tests::bench::cpu_profile`]).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::participant::{add_card, write_profile};
use ovaal_shared::board::{CardKind, CardText, Location, Position, Profile};
use ovaal_tests::ProtocolClient;
use ovaal_tests::bench::cpu_profile::{self, LoadKind};
use ovaal_tests::bench::static_floor::{capture, copy_dist, write_floor};
use ovaal_tests::board_page::fill_join_form;
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::real_size::{CARDS, SEATS, write_real_size};
use ovaal_tests::scene::{create_session, random_card_id, ws_url};
use ovaal_tests::server::web_dist;
use ovaal_tests::server_process::{ServerProcess, free_addr};
use serde_json::{Value, json};

/// Which boards to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boards {
    Scattered,
    RealSize,
    Both,
}

struct Options {
    boards: Boards,
    cards: usize,
    authors: usize,
    runs: usize,
    server: PathBuf,
    /// How many functions of a profiled cold load to print (0: none profiled).
    cpu_profile: usize,
}

fn options() -> Result<Options> {
    let mut o = Options {
        boards: Boards::Both,
        cards: 300,
        authors: 6,
        runs: 5,
        server: PathBuf::from("target/release/ovaal"),
        cpu_profile: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--board" => {
                o.boards = match value.as_str() {
                    "scattered" => Boards::Scattered,
                    "real-size" => Boards::RealSize,
                    "both" => Boards::Both,
                    other => anyhow::bail!("--board is scattered, real-size or both, not {other}"),
                }
            }
            "--cards" => o.cards = value.parse()?,
            "--authors" => o.authors = value.parse()?,
            "--runs" => o.runs = value.parse()?,
            "--server" => o.server = value.into(),
            "--cpu-profile" => o.cpu_profile = value.parse()?,
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    ensure!(
        o.authors >= 1 && o.cards >= 1 && o.runs >= 1,
        "all counts must be positive"
    );
    Ok(o)
}

/// Injected before the page's own scripts on every navigation: records when the
/// `cards`-th card appears, then the next frame, then focuses a card in the next task
/// (one drawn on the table that may be moved; a place's folded cards are hidden).
fn probe_script(cards: usize) -> String {
    format!(
        r#"(() => {{
  const want = {cards};
  const bench = window.__bench = {{}};
  let observer;
  const check = () => {{
    if (bench.shown !== undefined) return;
    const all = document.getElementsByClassName('card');
    if (all.length < want) return;
    bench.shown = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {{
      bench.frame = performance.now();
      setTimeout(() => {{
        const cards = [...all].filter(c => !c.hidden && c.getClientRects().length > 0);
        const card = cards.find(c => c.dataset.movable === 'true') || cards[0] || all[0];
        card.focus();
        bench.focused = document.activeElement === card;
        bench.cardId = card.dataset.cardId;
        bench.interactive = performance.now();
      }}, 0);
    }});
  }};
  observer = new MutationObserver(check);
  const start = () => {{ observer.observe(document.documentElement, {{ childList: true, subtree: true }}); check(); }};
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, {{ once: true }});
}})()"#
    )
}

/// What one page load measured, in ms since navigation start. The static floor has
/// no wasm and moves nothing: its `wasm` and `key_to_move` are `None`.
#[derive(Debug, Clone, Copy)]
struct Load {
    wasm: Option<f64>,
    shown: f64,
    interactive: f64,
    key_to_move: Option<f64>,
}

/// Where the main thread's time went until the page was interactive (Chromium's own
/// counters, `Performance.getMetrics`, read on a fresh page right after the probe
/// focused a card): script, style and layout in ms, and how often style and layout
/// were computed.
#[derive(Debug, Clone, Copy, Default)]
struct Work {
    task: f64,
    script: f64,
    style: f64,
    layout: f64,
    styles: f64,
    layouts: f64,
}

async fn work(page: &Page) -> Result<Work> {
    let metrics = page.call("Performance.getMetrics", json!({})).await?;
    let value = |name: &str| {
        metrics["metrics"]
            .as_array()
            .and_then(|all| all.iter().find(|m| m["name"] == name))
            .and_then(|m| m["value"].as_f64())
            .unwrap_or(f64::NAN)
    };
    Ok(Work {
        task: value("TaskDuration") * 1000.0,
        script: value("ScriptDuration") * 1000.0,
        style: value("RecalcStyleDuration") * 1000.0,
        layout: value("LayoutDuration") * 1000.0,
        styles: value("RecalcStyleCount"),
        layouts: value("LayoutCount"),
    })
}

/// The medians of the cold loads' counters.
fn report_work(label: &str, works: &[Work]) {
    let column = |f: fn(&Work) -> f64| median(&mut works.iter().map(f).collect::<Vec<_>>());
    println!(
        "{label}: main thread until interactive (cold, medians): tasks {:.0} ms, script {:.0} ms, \
         style {:.0} ms ({:.0} times), layout {:.0} ms ({:.0} times)",
        column(|w| w.task),
        column(|w| w.script),
        column(|w| w.style),
        column(|w| w.styles),
        column(|w| w.layout),
        column(|w| w.layouts),
    );
}

/// One board's loads: the client's, and the static floor's (the same cards as a plain
/// page from the same server), cold and warm.
struct Measured {
    cold: Vec<Load>,
    warm: Vec<Load>,
    floor_cold: Vec<Load>,
    floor_warm: Vec<Load>,
    work: Vec<Work>,
    floor_work: Vec<Work>,
}

/// Waits until the probe has focused a card and returns what it recorded.
async fn wait_interactive(page: &Page, cards: usize) -> Result<Value> {
    let bench = page
        .wait_for(
            "window.__bench && window.__bench.interactive !== undefined ? window.__bench : null",
            Duration::from_secs(120),
        )
        .await
        .with_context(|| format!("{cards} cards did not become interactive"))?;
    ensure!(
        bench["focused"] == true,
        "the page showed the cards but a card could not take the focus"
    );
    Ok(bench)
}

fn number(v: &Value, what: &str) -> Result<f64> {
    v.as_f64().with_context(|| format!("no {what}"))
}

/// One load of the static floor page: the same probe, nothing to download but the
/// page and its stylesheets.
async fn measure_floor(page: &Page, url: &str, cards: usize) -> Result<(Load, Work)> {
    page.goto(url).await?;
    let bench = wait_interactive(page, cards).await?;
    let work = work(page).await?;
    let load = Load {
        wasm: None,
        shown: number(&bench["shown"], "shown")?,
        interactive: number(&bench["interactive"], "interactive")?,
        key_to_move: None,
    };
    Ok((load, work))
}

/// Loads the client until interactive, measuring nothing (for the profiler).
async fn page_load(page: &Page, url: &str, cards: usize) -> Result<()> {
    page.goto(url).await?;
    wait_interactive(page, cards).await?;
    Ok(())
}

async fn measure(page: &Page, url: &str, cards: usize) -> Result<(Load, Work)> {
    page.goto(url).await?;
    let bench = wait_interactive(page, cards).await?;
    let work = work(page).await?;
    let wasm = page
        .eval(
            "performance.getEntriesByType('resource')\
             .find(e => new URL(e.name).pathname.endsWith('.wasm'))?.responseEnd ?? null",
        )
        .await?
        .as_f64()
        .context("no .wasm download in the resource timing")?;
    let key_to_move = key_latency(page, bench["cardId"].as_str().unwrap_or_default()).await?;
    let load = Load {
        wasm: Some(wasm),
        shown: number(&bench["shown"], "shown")?,
        interactive: number(&bench["interactive"], "interactive")?,
        key_to_move: Some(key_to_move),
    };
    Ok((load, work))
}

/// Presses ArrowRight on the focused card and returns the ms from the key event to the
/// card's new place in the DOM (`data-place`, written with its new box or its hiding
/// in the same pass).
async fn key_latency(page: &Page, id: &str) -> Result<f64> {
    page.eval(&format!(
        r#"(() => {{
  const card = document.querySelector(".card[data-card-id='{id}']");
  const before = card.dataset.place;
  const bench = window.__bench;
  document.addEventListener('keydown', (e) => {{ bench.keyAt = e.timeStamp; }}, {{ capture: true, once: true }});
  new MutationObserver((_, obs) => {{
    if (card.dataset.place !== before) {{ bench.movedAt = performance.now(); obs.disconnect(); }}
  }}).observe(card, {{ attributes: true, attributeFilter: ['data-place'] }});
}})()"#
    ))
    .await?;
    page.press_key("ArrowRight").await?;
    let moved = page
        .wait_for(
            "window.__bench.movedAt !== undefined ? window.__bench.movedAt - window.__bench.keyAt : null",
            Duration::from_secs(20),
        )
        .await
        .context("ArrowRight did not move the focused card")?;
    moved.as_f64().context("latency")
}

/// Seeds `cards` cards from `authors` people over the protocol, spread over the board.
async fn seed(url: &str, token: &str, cards: usize, authors: usize) -> Result<Vec<ProtocolClient>> {
    const NAMES: [&str; 12] = [
        "Anna", "Bram", "Chantal", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Ilse", "Joris",
        "Karin", "Lars",
    ];
    const TEXTS: [&str; 8] = [
        "Wat heb je zelf al geprobeerd?",
        "Grenzen stellen",
        "Benoem wat je ziet, zonder oordeel.",
        "Wanneer merkte je het voor het eerst?",
        "Vertrouwen in het team",
        "Plan deze week een kort gesprek.",
        "Ik zie dat je je verantwoordelijk voelt.",
        "Wat gebeurt er als je niets doet?",
    ];
    let mut clients = Vec::new();
    let mut random = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        (random >> 11) as f64 / (1u64 << 53) as f64
    };
    for a in 0..authors {
        let mut client = ProtocolClient::connect(url, token).await?;
        let share = cards / authors + usize::from(a < cards % authors);
        let profile = Profile {
            name: NAMES[a % NAMES.len()].to_owned(),
            seat: Some(u32::try_from(a % 8)?),
            location: if a % 2 == 0 {
                Location::Room
            } else {
                Location::Remote
            },
            seat_claimed_ms: 1,
        };
        let placed: Vec<(CardKind, CardText, Position)> = (0..share)
            .map(|n| {
                let kind = CardKind::ALL[(a + n) % 3];
                let text =
                    CardText::new(&format!("{} ({})", TEXTS[(a * 7 + n) % TEXTS.len()], n + 1))?;
                Ok((
                    kind,
                    text,
                    Position::clamped(0.06 + 0.88 * next(), 0.08 + 0.84 * next()),
                ))
            })
            .collect::<Result<_>>()?;
        let me = client.my_doc_name();
        client
            .edit(&me, |doc| {
                write_profile(doc, &profile);
                for (n, (kind, text, at)) in placed.iter().enumerate() {
                    add_card(doc, &random_card_id(), *kind, text, *at, 1 + n as i64);
                }
            })
            .await?;
        client.round_trip().await?;
        clients.push(client);
    }
    Ok(clients)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn report(label: &str, loads: &[Load]) {
    println!("{label}:");
    println!("     run | wasm loaded | cards shown | interactive | key -> moved");
    let row = |name: &str, l: &Load| {
        let wasm = l.wasm.map_or("-".to_owned(), |w| format!("{w:.0} ms"));
        let key = l
            .key_to_move
            .map_or("-".to_owned(), |k| format!("{k:.1} ms"));
        println!(
            "  {name:>6} | {wasm:>11} | {:>8.0} ms | {:>8.0} ms | {key:>12}",
            l.shown, l.interactive
        );
    };
    for (i, l) in loads.iter().enumerate() {
        row(&(i + 1).to_string(), l);
    }
    row("median", &medians(loads));
}

/// The median of each column (a column the loads do not have stays `None`).
fn medians(loads: &[Load]) -> Load {
    let column = |f: fn(&Load) -> f64| median(&mut loads.iter().map(f).collect::<Vec<_>>());
    let optional = |f: fn(&Load) -> Option<f64>| {
        let mut values: Vec<f64> = loads.iter().filter_map(f).collect();
        (!values.is_empty()).then(|| median(&mut values))
    };
    Load {
        wasm: optional(|l| l.wasm),
        shown: column(|l| l.shown),
        interactive: column(|l| l.interactive),
        key_to_move: optional(|l| l.key_to_move),
    }
}

/// The client's median against the static floor's, for "cards shown" and
/// "interactive".
fn report_ratio(label: &str, client: &[Load], floor: &[Load]) {
    let (c, f) = (medians(client), medians(floor));
    println!(
        "{label}: client / static floor (medians): cards shown {:.0} / {:.0} ms = {:.2}x, \
         interactive {:.0} / {:.0} ms = {:.2}x",
        c.shown,
        f.shown,
        c.shown / f.shown,
        c.interactive,
        f.interactive,
        c.interactive / f.interactive
    );
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    let dist = web_dist();
    ensure!(
        dist.join("index.html").exists(),
        "the web client is not built: run `cargo xtask build-web` (or `cargo xtask bench client`)"
    );
    let data = tempfile::tempdir()?;
    // The server serves a copy of the client, into which the static floor pages are
    // written: the same server, the same static file path, the same headers.
    let served = tempfile::tempdir()?;
    copy_dist(&dist, served.path())?;
    let web_dir = served.path().to_string_lossy().into_owned();
    let server = ServerProcess::start(
        &o.server,
        free_addr()?,
        data.path(),
        &["--web-dir", &web_dir],
    )
    .await?;
    let browser = Browser::launch().await?;
    let mut results = Vec::new();
    // Both sessions stay written (their writers connected) until the end.
    let mut _writers = Vec::new();
    if o.boards != Boards::RealSize {
        let session = create_session(server.addr, "Benchmark: volle tafel", "free", 8).await?;
        let url = ws_url(server.addr, &session);
        let started = std::time::Instant::now();
        _writers.extend(seed(&url, &session.links.participant, o.cards, o.authors).await?);
        println!(
            "seeded {} cards from {} authors over the protocol in {} ms; server pid {} on {}",
            o.cards,
            o.authors,
            started.elapsed().as_millis(),
            server.pid(),
            server.addr
        );
        let label = format!("{} cards scattered over an 8-seat free board", o.cards);
        let board = Board {
            link: &session.links.facilitator_url,
            cards: o.cards,
            floor: "floor-scattered",
        };
        let loads = measure_board(&browser, &board, served.path(), server.addr, &o).await?;
        results.push((label, loads));
    }
    if o.boards != Boards::Scattered {
        let session = create_session(
            server.addr,
            "Benchmark: intervisie op schaal",
            "incident",
            SEATS,
        )
        .await?;
        let url = ws_url(server.addr, &session);
        let started = std::time::Instant::now();
        let seats: Vec<u32> = (0..SEATS).collect();
        let written = write_real_size(
            &url,
            &session.links.facilitator,
            &session.links.participant,
            &seats,
        )
        .await?;
        println!(
            "seeded the real-size board ({CARDS} cards, {SEATS} people) over the protocol in {} ms",
            started.elapsed().as_millis(),
        );
        let label = format!(
            "real size: {CARDS} cards across the phases, {SEATS} seats, {} people, question round",
            written.people.len()
        );
        _writers.extend(written.people.into_iter().map(|(client, _)| client));
        _writers.push(written.facilitator);
        let board = Board {
            link: &session.links.facilitator_url,
            cards: CARDS,
            floor: "floor-real-size",
        };
        let loads = measure_board(&browser, &board, served.path(), server.addr, &o).await?;
        results.push((label, loads));
    }
    let page = browser.new_page(1280, 800).await?;
    let version = browser_version(&page).await.unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    for (label, m) in &results {
        println!("\n{label}; 1280x800, headless {version}; ms since navigation start");
        report("cold (fresh context: empty cache, first visit)", &m.cold);
        report(
            "static floor, cold (the same cards as a plain page, fresh context)",
            &m.floor_cold,
        );
        report("warm (reload after joining: cached files)", &m.warm);
        report("static floor, warm (reload: cached files)", &m.floor_warm);
        report_ratio("cold", &m.cold, &m.floor_cold);
        report_ratio("warm", &m.warm, &m.floor_warm);
        report_work("client", &m.work);
        report_work("static floor", &m.floor_work);
    }
    println!("\nload average at the end (1, 5, 15 min): {}", load.trim());
    Ok(())
}

/// A seeded board to measure: the facilitator's link, how many cards it shows, and
/// the file name of its static floor page.
struct Board<'a> {
    link: &'a str,
    cards: usize,
    floor: &'a str,
}

/// Joins the board once, takes its static copy (written into `web_dir`, served by
/// the server at `addr`), then `runs` cold loads of the client and of the static page
/// (alternating, so both see the same machine), then `runs` warm loads of each. Each
/// client load lasts until the cards are shown and one is focused, and a key press
/// moves it; each floor load until the cards are shown and one is focused.
async fn measure_board(
    browser: &Browser,
    board: &Board<'_>,
    web_dir: &std::path::Path,
    addr: std::net::SocketAddr,
    o: &Options,
) -> Result<Measured> {
    let runs = o.runs;
    let script = probe_script(board.cards);
    let with_probe = |page: Page| {
        let script = script.clone();
        async move {
            page.run_before_page_scripts(&script).await?;
            page.call("Performance.enable", json!({})).await?;
            anyhow::Ok(page)
        }
    };
    // The joined page: its board, once drawn, is the floor's content.
    let page = browser.new_page(1280, 800).await?;
    page.goto(board.link).await?;
    page.wait_for(
        "!!document.querySelector('#join-name')",
        Duration::from_secs(60),
    )
    .await?;
    fill_join_form(&page, "Fenna").await?;
    let page = with_probe(page).await?;
    page.goto("about:blank").await?;
    page.goto(board.link).await?;
    wait_interactive(&page, board.cards).await?;
    let copy = capture(&page, board.floor, web_dir).await?;
    let floor_url = format!("http://{addr}{}", write_floor(web_dir, board.floor, &copy)?);

    let mut m = Measured {
        cold: Vec::new(),
        warm: Vec::new(),
        floor_cold: Vec::new(),
        floor_warm: Vec::new(),
        work: Vec::new(),
        floor_work: Vec::new(),
    };
    for _ in 0..runs {
        let client = with_probe(browser.new_page(1280, 800).await?).await?;
        let (load, work) = measure(&client, board.link, board.cards).await?;
        m.cold.push(load);
        m.work.push(work);
        let floor = with_probe(browser.new_page(1280, 800).await?).await?;
        let (load, work) = measure_floor(&floor, &floor_url, board.cards).await?;
        m.floor_cold.push(load);
        m.floor_work.push(work);
    }
    if o.cpu_profile > 0 {
        let client = with_probe(browser.new_page(1280, 800).await?).await?;
        cpu_profile::start(&client).await?;
        page_load(&client, board.link, board.cards).await?;
        let functions = cpu_profile::stop(&client, LoadKind::Cold).await?;
        println!("\n{}:", board.link);
        cpu_profile::print(&functions, o.cpu_profile, LoadKind::Cold);
    }
    let floor = with_probe(browser.new_page(1280, 800).await?).await?;
    measure_floor(&floor, &floor_url, board.cards).await?;
    for _ in 0..runs {
        page.goto("about:blank").await?;
        m.warm
            .push(measure(&page, board.link, board.cards).await?.0);
        floor.goto("about:blank").await?;
        m.floor_warm
            .push(measure_floor(&floor, &floor_url, board.cards).await?.0);
    }
    if o.cpu_profile > 0 {
        page.goto("about:blank").await?;
        cpu_profile::start(&page).await?;
        page_load(&page, board.link, board.cards).await?;
        let functions = cpu_profile::stop(&page, LoadKind::Warm).await?;
        println!("\n{} (warm):", board.link);
        cpu_profile::print(&functions, o.cpu_profile, LoadKind::Warm);
    }
    Ok(m)
}

async fn browser_version(page: &Page) -> Result<String> {
    let agent = page.eval("navigator.userAgent").await?;
    let agent = agent.as_str().unwrap_or_default();
    Ok(agent
        .split_whitespace()
        .find(|part| part.starts_with("HeadlessChrome/") || part.starts_with("Chrome/"))
        .unwrap_or("Chromium")
        .to_owned())
}
