//! The harvest: a realistic incident-method session, written through the real
//! protocol, exported from the server in every format. Each format must show the cards
//! under the phase they were written in, with the case-holder's labels and useful
//! marks, keep every tricky text intact and inert, leave out unrevealed private cards,
//! respect who may download it, and the JSON must import into an identical board.

use std::sync::atomic::{AtomicI64, Ordering};

use anyhow::Context;
use ovaal_shared::board::control::write_hot_seat;
use ovaal_shared::board::facilitation::{
    Timer, read_facilitation, reveal, write_hide_names, write_locked, write_participants_export,
    write_phase, write_plan, write_sponsor_phases, write_timer,
};
use ovaal_shared::board::participant::{add_card_with, write_profile};
use ovaal_shared::board::phase::{Bilingual, CaseholderMode, Phase};
use ovaal_shared::board::triage::{Label, write_label, write_useful};
use ovaal_shared::board::{
    CardKind, CardText, Location, Method, NewCard, Position, Profile, templates,
};
use ovaal_shared::{CardId, DocName, ParticipantId};
use ovaal_tests::http::{Response, get, request};
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer};

const TITLE: &str = "Intervisie team Zuid: één casus";
const CASE: &str = "Hoe geef ik één collega feedback zonder de relatie te schaden?";
const OTHER_CASE: &str = "Mijn eigen casus: de planning";
const Q_QUOTES: &str = "Wat heb je al geprobeerd? \"Ja, maar…\", zei ze, en toen?";
const Q_LINES: &str = "Eerste regel\nTweede regel: # geen kop";
const Q_ARABIC: &str = "مرحبا — hoe voelde dat? 🤔🔥";
const Q_HEBREW: &str = "שלום: wie besluit er?";
const ADVICE: &str = "Plan één rustig gesprek, Zoë";
const MARKUP: &str = "<script>alert(1)</script> *vet* _schuin_ [link](http://x) `code` | pipe";
const MIRROR: &str = "Ik zie iemand die twijfelt";
const ACTION: &str = "Ik plan volgende week één gesprek";
const INSIGHT: &str = "Feedback mag kort zijn";
const NO_PHASE: &str = "Werkdruk";
const REVEALED: &str = "Eerste gedachte: durf";
const SECRET: &str = "GEHEIM: niet exporteren";

static CLOCK: AtomicI64 = AtomicI64::new(1_750_000_000_000);

fn random_id() -> CardId {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("random source");
    CardId::from_random(bytes)
}

/// Writes a card into `doc` as the client's browser would, in `phase`.
async fn card(
    client: &mut ProtocolClient,
    doc: DocName,
    kind: CardKind,
    text: &str,
    phase: Option<&str>,
    (x, y): (f64, f64),
) -> anyhow::Result<CardId> {
    let card = NewCard {
        id: random_id(),
        kind,
        text: CardText::new(text)?,
        position: Position { x, y },
        created_ms: CLOCK.fetch_add(1000, Ordering::Relaxed),
        phase: phase.map(str::to_owned),
    };
    let id = card.id.clone();
    client.edit(&doc, move |d| add_card_with(d, &card)).await?;
    Ok(id)
}

async fn synced(client: &mut ProtocolClient) -> anyhow::Result<()> {
    client
        .wait_until("the control document", |c| {
            c.docs
                .get(&DocName::Control)
                .is_some_and(|d| !read_facilitation(d).plan.is_empty())
        })
        .await
}

/// The facilitator changes the control document; the server has it before we go on.
async fn facilitate(f: &mut ProtocolClient, change: impl FnOnce(&yrs::Doc)) -> anyhow::Result<()> {
    f.edit(&DocName::Control, change).await?;
    f.round_trip().await
}

async fn sit(
    client: &mut ProtocolClient,
    name: &str,
    seat: u32,
    location: Location,
) -> anyhow::Result<()> {
    let profile = Profile {
        name: name.to_owned(),
        seat: Some(seat),
        location,
        seat_claimed_ms: 1,
    };
    let me = client.my_doc_name();
    client.edit(&me, |d| write_profile(d, &profile)).await
}

fn private_phase(id: &str, nl: &str, en: &str) -> Phase {
    Phase {
        id: id.to_owned(),
        name: Bilingual::new(nl, en),
        instruction: Bilingual::new("Schrijf voor jezelf.", "Write for yourself."),
        kinds: vec![CardKind::Mirror],
        caseholder: CaseholderMode::Speaks,
        private: true,
        minutes: 3,
    }
}

struct Board {
    server: TestServer,
    session: SessionLinks,
    facilitator: ProtocolClient,
    ids: Ids,
}

struct Ids {
    zoe: ParticipantId,
    bram: ParticipantId,
    q_quotes: CardId,
    q_lines: CardId,
    advice: CardId,
}

/// An incident-method session from pitches to evaluation, with a revealed and an
/// unrevealed private round and a card written outside the plan.
async fn incident_session() -> anyhow::Result<Board> {
    let server = TestServer::start().await?;
    let session = server.create_session_with(TITLE, Method::Incident).await?;
    let url = server.ws_url(&session.id);
    let mut f = ProtocolClient::connect(&url, &session.facilitator).await?;
    let mut zoe = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;
    let mut sara = ProtocolClient::connect(&url, &session.participant).await?;
    for c in [&mut f, &mut zoe, &mut bram, &mut sara] {
        synced(c).await?;
    }
    sit(&mut zoe, "Zoë", 0, Location::Room).await?;
    sit(&mut bram, "Bram", 2, Location::Remote).await?;
    sit(&mut sara, "سارا", 4, Location::Room).await?;
    let (zoe_id, bram_id) = (zoe.participant().clone(), bram.participant().clone());

    let mut plan = templates::phases(Method::Incident);
    plan.push(private_phase(
        "first-thoughts",
        "Eerste gedachten",
        "First thoughts",
    ));
    plan.push(private_phase("notes", "Notities", "Notes"));
    let hot = zoe_id.clone();
    facilitate(&mut f, move |d| {
        write_plan(d, &plan);
        write_hot_seat(d, Some(&hot));
        write_phase(d, "pitches");
    })
    .await?;
    let me = |c: &ProtocolClient| c.my_doc_name();

    let (zd, bd, sd) = (me(&zoe), me(&bram), me(&sara));
    card(
        &mut zoe,
        zd.clone(),
        CardKind::Case,
        CASE,
        Some("pitches"),
        (0.5, 0.45),
    )
    .await?;
    card(
        &mut bram,
        bd.clone(),
        CardKind::Case,
        OTHER_CASE,
        Some("pitches"),
        (0.8, 0.2),
    )
    .await?;
    for c in [&mut zoe, &mut bram] {
        c.round_trip().await?;
    }

    facilitate(&mut f, |d| write_phase(d, "questions")).await?;
    let q_quotes = card(
        &mut bram,
        bd.clone(),
        CardKind::Question,
        Q_QUOTES,
        Some("questions"),
        (0.25, 0.3),
    )
    .await?;
    let q_lines = card(
        &mut bram,
        bd.clone(),
        CardKind::Question,
        Q_LINES,
        Some("questions"),
        (0.3, 0.75),
    )
    .await?;
    let q_arabic = card(
        &mut sara,
        sd.clone(),
        CardKind::Question,
        Q_ARABIC,
        Some("questions"),
        (0.7, 0.75),
    )
    .await?;
    card(
        &mut sara,
        sd.clone(),
        CardKind::Question,
        Q_HEBREW,
        Some("questions"),
        (0.75, 0.3),
    )
    .await?;
    for c in [&mut bram, &mut sara] {
        c.round_trip().await?;
    }
    let (b, qq, ql, qa) = (
        bram_id.clone(),
        q_quotes.clone(),
        q_lines.clone(),
        q_arabic.clone(),
    );
    let sara_id = sara.participant().clone();
    zoe.edit(&DocName::Triage, move |d| {
        write_label(d, &b, &qq, Some(Label::Warm));
        write_label(d, &b, &ql, Some(Label::Neutral));
        write_label(d, &sara_id, &qa, Some(Label::Cold));
    })
    .await?;
    zoe.round_trip().await?;

    facilitate(&mut f, |d| write_phase(d, "advice")).await?;
    let advice = card(
        &mut bram,
        bd.clone(),
        CardKind::Advice,
        ADVICE,
        Some("advice"),
        (0.15, 0.55),
    )
    .await?;
    card(
        &mut sara,
        sd.clone(),
        CardKind::Advice,
        MARKUP,
        Some("advice"),
        (0.85, 0.55),
    )
    .await?;
    bram.round_trip().await?;
    let (b, a) = (bram_id.clone(), advice.clone());
    zoe.edit(&DocName::Triage, move |d| write_useful(d, &b, &a, true))
        .await?;

    facilitate(&mut f, |d| write_phase(d, "evaluation")).await?;
    card(
        &mut zoe,
        zd.clone(),
        CardKind::Action,
        ACTION,
        Some("evaluation"),
        (0.5, 0.15),
    )
    .await?;
    card(
        &mut zoe,
        zd.clone(),
        CardKind::Insight,
        INSIGHT,
        Some("evaluation"),
        (0.4, 0.85),
    )
    .await?;
    card(
        &mut bram,
        bd.clone(),
        CardKind::Mirror,
        MIRROR,
        Some("evaluation"),
        (0.6, 0.85),
    )
    .await?;
    card(
        &mut bram,
        bd.clone(),
        CardKind::Theme,
        NO_PHASE,
        None,
        (0.1, 0.9),
    )
    .await?;

    facilitate(&mut f, |d| write_phase(d, "first-thoughts")).await?;
    let sara_private = DocName::Private {
        phase: "first-thoughts".into(),
        owner: sara.participant().clone(),
    };
    card(
        &mut sara,
        sara_private,
        CardKind::Mirror,
        REVEALED,
        Some("first-thoughts"),
        (0.9, 0.1),
    )
    .await?;
    sara.round_trip().await?;
    facilitate(&mut f, |d| {
        reveal(d, "first-thoughts");
        write_phase(d, "notes");
    })
    .await?;
    let bram_notes = DocName::Private {
        phase: "notes".into(),
        owner: bram_id.clone(),
    };
    card(
        &mut bram,
        bram_notes,
        CardKind::Mirror,
        SECRET,
        Some("notes"),
        (0.1, 0.1),
    )
    .await?;
    for c in [&mut zoe, &mut bram, &mut sara, &mut f] {
        c.round_trip().await?;
        c.wait_stored().await?;
    }
    Ok(Board {
        server,
        session,
        facilitator: f,
        ids: Ids {
            zoe: zoe_id,
            bram: bram_id,
            q_quotes,
            q_lines,
            advice,
        },
    })
}

async fn export(
    server: &TestServer,
    s: &SessionLinks,
    ext: &str,
    token: &str,
) -> anyhow::Result<Response> {
    get(
        server.addr,
        &format!("/api/sessions/{}/export.{ext}", s.id),
        &[("Authorization", &format!("Bearer {token}"))],
    )
    .await
}

async fn export_ok(board: &Board, ext: &str) -> anyhow::Result<Response> {
    let r = export(
        &board.server,
        &board.session,
        ext,
        &board.session.facilitator,
    )
    .await?;
    keep(&format!("harvest.{ext}"), &r.body);
    anyhow::ensure!(
        r.status == 200,
        "export.{ext}: {} {}",
        r.status,
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(
        r.header("content-disposition"),
        Some(
            format!("attachment; filename=\"intervisie-team-zuid-een-casus-harvest.{ext}\"")
                .as_str()
        ),
        "{ext}"
    );
    Ok(r)
}

/// Leaves an export in `tests/artifacts/` (gitignored) for people to look at: the
/// first of each name this test run makes.
fn keep(name: &str, bytes: &[u8]) {
    static KEPT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    if let Ok(mut kept) = KEPT.lock() {
        if kept.iter().any(|k| k == name) {
            return;
        }
        kept.push(name.to_owned());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), bytes));
}

fn text(r: &Response) -> String {
    String::from_utf8(r.body.clone()).expect("a text format is UTF-8")
}

/// The part of a Markdown report from `heading` to the next heading of the same or a
/// higher level.
fn md_section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no heading {heading:?} in:\n{md}"));
    let level = heading.split(' ').next().unwrap_or("###");
    let rest = &md[start + heading.len() + 2..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i)
        .find(|i| {
            let line = &rest[i + 1..];
            line.starts_with('#')
                && line
                    .split(' ')
                    .next()
                    .is_some_and(|h| h.len() <= level.len())
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

#[tokio::test]
async fn the_harvest_in_every_format() -> anyhow::Result<()> {
    let mut board = incident_session().await?;
    let plan = templates::phases(Method::Incident);
    let name_of = |id: &str| {
        plan.iter()
            .find(|p| p.id == id)
            .map(|p| p.name.en.clone())
            .unwrap()
    };

    // JSON: lossless, every text intact, unrevealed private cards absent.
    let json_response = export_ok(&board, "json").await?;
    assert_eq!(
        json_response.header("content-type"),
        Some("application/json")
    );
    let json = json_response.json()?;
    assert_eq!(json["format"], "ovaal-harvest");
    assert_eq!(json["version"], 1);
    assert_eq!(json["session"]["title"], TITLE);
    assert_eq!(json["facilitation"]["hot_seat"], board.ids.zoe.as_str());
    let texts: Vec<String> = json["participants"]
        .as_array()
        .context("participants")?
        .iter()
        .flat_map(|p| p["cards"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["text"].as_str().map(str::to_owned))
        .collect();
    for t in [
        CASE, Q_QUOTES, Q_LINES, Q_ARABIC, Q_HEBREW, ADVICE, MARKUP, ACTION, NO_PHASE,
    ] {
        assert!(texts.iter().any(|x| x == t), "{t:?} missing from the JSON");
    }
    assert_eq!(json["private_cards"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["private_cards"][0]["cards"][0]["text"], REVEALED);
    let key = |author: &ParticipantId, card: &CardId| format!("{author}/{card}");
    assert_eq!(
        json["triage"]["labels"][key(&board.ids.bram, &board.ids.q_quotes)],
        "warm"
    );
    assert_eq!(
        json["triage"]["labels"][key(&board.ids.bram, &board.ids.q_lines)],
        "neutral"
    );
    assert_eq!(
        json["triage"]["useful"],
        serde_json::json!([key(&board.ids.bram, &board.ids.advice)])
    );
    assert!(
        !text(&json_response).contains("GEHEIM"),
        "an unrevealed private card was exported"
    );

    // Markdown: organised as a harvest, escaped.
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

    // CSV: one row per exported card, RFC 4180.
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

    // SVG: escaped, inert.
    let svg = text(&export_ok(&board, "svg").await?);
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.contains("&lt;script&gt;") && !svg.contains("<script"),
        "card text became markup"
    );
    assert!(
        svg.contains(">Zoë<") && svg.contains("Hoe geef ik één"),
        "names and text in the picture"
    );
    // Emoji and right-to-left text stay as written (the viewer lays them out).
    for t in ["🤔🔥", "שלום: wie besluit er?", ">سارا<", "&quot;Ja,"] {
        assert!(svg.contains(t), "{t:?} not intact in the SVG");
    }
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(!svg.contains("GEHEIM"));

    // PNG: decodes, the expected size, the table drawn.
    let png_response = export_ok(&board, "png").await?;
    assert_eq!(png_response.header("content-type"), Some("image/png"));
    let decoder = png::Decoder::new(std::io::Cursor::new(png_response.body.clone()));
    let mut reader = decoder.read_info()?;
    let mut pixels = vec![0; reader.output_buffer_size().context("png size")?];
    let info = reader.next_frame(&mut pixels)?;
    assert_eq!((info.width, info.height), (1600, 1056));
    let at = |x: usize, y: usize| {
        let i = (y * info.width as usize + x) * 3;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };
    // Above the "Ovaal" mark in the middle of the table: the wood.
    assert_eq!(at(800, 400), [0xc9, 0xa2, 0x7e]);
    let dark = pixels
        .chunks(3)
        .filter(|p| p.iter().all(|c| *c < 80))
        .count();
    assert!(dark > 2000, "hardly any text drawn: {dark} dark pixels");

    // PDF: a real report whose text extracts, including non-ASCII.
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

    // Hidden names: no author on any card, in any format that names authors.
    facilitate(&mut board.facilitator, |d| write_hide_names(d, true)).await?;
    let md = text(&export_ok(&board, "md").await?);
    assert!(!md.contains("— *Bram*") && !md.contains("— *سارا*"), "{md}");
    assert!(md.contains("The facilitator hid the authors' names."));
    let csv_text = export_ok(&board, "csv").await?;
    let mut reader = csv::Reader::from_reader(csv_text.body.as_slice());
    for record in reader.records() {
        let record = record?;
        assert_eq!(&record[col("author")], "", "{record:?}");
        assert_eq!(&record[col("author_id")], "", "{record:?}");
    }
    let svg = text(&export_ok(&board, "svg").await?);
    assert!(!svg.contains("— Bram"), "authors in the picture");
    assert!(!pdf_text(&export_ok(&board, "pdf").await?.body)?.contains("— Bram"));
    Ok(())
}

/// The PDF's text as `pdftotext` extracts it, whitespace collapsed.
fn pdf_text(pdf: &[u8]) -> anyhow::Result<String> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("harvest.pdf");
    std::fs::write(&path, pdf)?;
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .context("cannot run pdftotext: install Debian's poppler-utils (cargo xtask test does)")?;
    anyhow::ensure!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Poppler marks right-to-left runs with embedding controls; the words are what
    // count.
    let text: String = String::from_utf8(out.stdout)?
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[tokio::test]
async fn only_the_facilitator_exports_unless_participants_may() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server
        .create_session_with("Leerkring", Method::LearningCircle)
        .await?;
    let url = server.ws_url(&s.id);
    let mut f = ProtocolClient::connect(&url, &s.facilitator).await?;
    synced(&mut f).await?;
    let status = |r: &Response| {
        (
            r.status,
            r.json()
                .ok()
                .and_then(|j| j["error"]["code"].as_str().map(str::to_owned)),
        )
    };
    for ext in ["json", "md", "csv", "svg", "png", "pdf"] {
        assert_eq!(
            export(&server, &s, ext, &s.facilitator).await?.status,
            200,
            "{ext}"
        );
        let refused = Some("facilitator_only".to_owned());
        assert_eq!(
            status(&export(&server, &s, ext, &s.participant).await?),
            (403, refused.clone()),
            "{ext}"
        );
        assert_eq!(
            status(&export(&server, &s, ext, &s.observer).await?),
            (403, refused),
            "{ext}"
        );
    }
    let anonymous = get(
        server.addr,
        &format!("/api/sessions/{}/export.md", s.id),
        &[],
    )
    .await?;
    assert_eq!(status(&anonymous), (401, Some("missing_token".to_owned())));
    let unknown = get(
        server.addr,
        "/api/sessions/no-such-session/export.md",
        &[("Authorization", &format!("Bearer {}", s.facilitator))],
    )
    .await?;
    assert_eq!(status(&unknown), (404, Some("unknown_session".to_owned())));

    facilitate(&mut f, |d| write_participants_export(d, true)).await?;
    f.wait_stored().await?;
    for ext in ["json", "md", "pdf"] {
        assert_eq!(
            export(&server, &s, ext, &s.participant).await?.status,
            200,
            "{ext}"
        );
        assert_eq!(
            export(&server, &s, ext, &s.observer).await?.status,
            403,
            "observers never"
        );
    }
    // With names hidden the lossless JSON (it names every author) stays the
    // facilitator's; the reports do not name authors and stay open.
    facilitate(&mut f, |d| write_hide_names(d, true)).await?;
    f.wait_stored().await?;
    assert_eq!(
        export(&server, &s, "json", &s.participant).await?.status,
        403
    );
    assert_eq!(export(&server, &s, "md", &s.participant).await?.status, 200);
    assert_eq!(
        export(&server, &s, "json", &s.facilitator).await?.status,
        200
    );
    Ok(())
}

async fn import(server: &TestServer, body: &[u8]) -> anyhow::Result<Response> {
    request(
        server.addr,
        "POST",
        "/api/sessions/import",
        &[("Content-Type", "application/json")],
        body,
    )
    .await
}

/// Imports a JSON export, exports the new session again and checks that the two are
/// byte for byte the same apart from the volatile fields. Returns the import's answer.
async fn import_and_compare(
    server: &TestServer,
    old_id: &str,
    first: &Response,
) -> anyhow::Result<serde_json::Value> {
    let created = import(server, &first.body).await?;
    let body = String::from_utf8_lossy(&created.body).into_owned();
    anyhow::ensure!(created.status == 201, "import: {} {body}", created.status);
    let answer = created.json()?;
    let new_id = answer["id"].as_str().context("id")?.to_owned();
    assert_ne!(new_id, old_id);
    let again = get(
        server.addr,
        &format!("/api/sessions/{new_id}/export.json"),
        &[(
            "Authorization",
            &format!("Bearer {}", token_of(&answer, "facilitator")?),
        )],
    )
    .await?;
    assert_eq!(again.status, 200);
    let stamp = |r: &Response| -> anyhow::Result<String> {
        Ok(r.json()?["exported_at"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    };
    let expected = text(first)
        .replacen(
            &format!("\"id\": \"{old_id}\""),
            &format!("\"id\": \"{new_id}\""),
            1,
        )
        .replacen(&stamp(first)?, &stamp(&again)?, 1);
    assert_eq!(
        text(&again),
        expected,
        "the re-export differs beyond the volatile fields"
    );
    Ok(answer)
}

fn token_of(answer: &serde_json::Value, role: &str) -> anyhow::Result<String> {
    Ok(answer["links"][role]
        .as_str()
        .and_then(|l| l.split_once("#token="))
        .context("link")?
        .1
        .to_owned())
}

#[tokio::test]
async fn json_export_imports_into_an_identical_board() -> anyhow::Result<()> {
    let mut board = incident_session().await?;
    // Every kind of facilitator state, so the round trip covers it.
    facilitate(&mut board.facilitator, |d| {
        write_participants_export(d, true);
        write_timer(d, Timer::start(10, 1_750_000_000_000));
        write_sponsor_phases(d, Some(&["advice".to_owned()]));
        write_locked(d, true);
    })
    .await?;
    board.facilitator.wait_stored().await?;
    let first = export_ok(&board, "json").await?;
    let answer = import_and_compare(&board.server, board.session.id.as_str(), &first).await?;
    assert_eq!(answer["title"], TITLE);
    assert_eq!(answer["method"], "incident");
    assert!(answer["join_code"].as_str().is_some_and(|c| c.len() == 9));

    // The new session is live: its participant link opens the imported board.
    let new_id: ovaal_shared::SessionId = answer["id"].as_str().context("id")?.parse()?;
    let mut reader = ProtocolClient::connect(
        &board.server.ws_url(&new_id),
        &token_of(&answer, "participant")?,
    )
    .await?;
    reader
        .wait_until("the imported cards, the revealed round's too", |c| {
            let texts = c.all_card_texts();
            [CASE, REVEALED]
                .iter()
                .all(|t| texts.iter().any(|x| x == t))
        })
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_arcs_carried_cards_are_in_the_harvest_and_survive_import() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let urgentie = server
        .create_session_with("Urgentie", Method::MastercircleUrgentie)
        .await?;
    let mut anna =
        ProtocolClient::connect(&server.ws_url(&urgentie.id), &urgentie.participant).await?;
    synced(&mut anna).await?;
    anna.join_table("Anna", 1).await?;
    anna.add_card(CardKind::Theme, "Eigenaarschap <in> het team")
        .await?;
    anna.add_card(CardKind::Action, "Gesprek met de directeur plannen")
        .await?;
    anna.round_trip().await?;
    anna.wait_stored().await?;
    let next = request(
        server.addr,
        "POST",
        &format!("/api/sessions/{}/next", urgentie.id),
        &[("Authorization", &format!("Bearer {}", urgentie.facilitator))],
        &serde_json::to_vec(&serde_json::json!({ "title": "Opgave" }))?,
    )
    .await?;
    assert_eq!(next.status, 201, "{}", String::from_utf8_lossy(&next.body));
    let opgave = ovaal_tests::server::links_from(&next.json()?)?;

    let md = export(&server, &opgave, "md", &opgave.facilitator).await?;
    assert_eq!(md.status, 200);
    let md = text(&md);
    let carried = md_section(&md, "## Carried over from earlier sessions");
    assert!(carried.contains("### Urgentie"), "{md}");
    assert!(
        carried.contains("#### Themes\n\n- Eigenaarschap &lt;in&gt; het team — *Anna*"),
        "{md}"
    );
    assert!(
        carried.contains("- Gesprek met de directeur plannen — *Anna*"),
        "{md}"
    );

    let json = export(&server, &opgave, "json", &opgave.facilitator).await?;
    assert_eq!(json.json()?["carried"].as_array().map(Vec::len), Some(2));
    let csv_text = text(&export(&server, &opgave, "csv", &opgave.facilitator).await?);
    assert!(
        csv_text.contains(",Urgentie\r\n"),
        "carried_from: {csv_text}"
    );
    import_and_compare(&server, opgave.id.as_str(), &json).await?;
    Ok(())
}

/// Sends a 17 MiB import and reads the answer while still sending (the server
/// answers once it has read past its limit, without reading the rest).
async fn oversized_import(server: &TestServer) -> anyhow::Result<Response> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let stream = tokio::net::TcpStream::connect(server.addr).await?;
    let (mut stream, mut writer) = stream.into_split();
    let head = format!(
        "POST /api/sessions/import HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        17 << 20
    );
    writer.write_all(head.as_bytes()).await?;
    let sending = tokio::spawn(async move {
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..17 {
            // Once the server has answered it may stop reading: that is expected.
            if writer.write_all(&spaces).await.is_err() {
                break;
            }
        }
        writer
    });
    // The server answers without reading the body and keeps the connection open for
    // it: read until the answer is complete, not until the end of the stream.
    let mut raw = Vec::new();
    let complete = |raw: &[u8]| -> Option<usize> {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let body = &raw[split + 4..];
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let done = match length {
            Some(n) => body.len() >= n,
            None => body.ends_with(b"0\r\n\r\n"),
        };
        done.then_some(split)
    };
    let deadline = tokio::time::Instant::now() + ovaal_tests::wait::DEADLINE;
    let split = loop {
        if let Some(split) = complete(&raw) {
            break split;
        }
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await??;
        anyhow::ensure!(n > 0, "the connection closed before a full answer");
        raw.extend_from_slice(&chunk[..n]);
    };
    sending.abort();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).context("status")?.parse()?;
    let body = raw[split + 4..].to_vec();
    // A chunked body: the JSON is the one chunk between the size lines.
    let body = match (
        body.iter().position(|b| *b == b'{'),
        body.iter().rposition(|b| *b == b'}'),
    ) {
        (Some(a), Some(b)) => body[a..=b].to_vec(),
        _ => body,
    };
    Ok(Response {
        status,
        headers: Vec::new(),
        body,
    })
}

#[tokio::test]
async fn bad_imports_get_a_clear_4xx() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server.create_session_with("Balint", Method::Balint).await?;
    let exported = get(
        server.addr,
        &format!("/api/sessions/{}/export.json", s.id),
        &[("Authorization", &format!("Bearer {}", s.facilitator))],
    )
    .await?;
    let good = exported.json()?;
    let expect = |r: &Response, status: u16, code: &str, says: &str| {
        let body = String::from_utf8_lossy(&r.body).into_owned();
        assert_eq!(r.status, status, "{body}");
        let json = r.json().expect("errors are JSON");
        assert_eq!(json["error"]["code"], code, "{body}");
        let message = json["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(says),
            "{message:?} should mention {says:?}"
        );
    };
    expect(
        &import(&server, b"not json").await?,
        400,
        "bad_request",
        "not JSON",
    );
    expect(
        &import(&server, br#"{"format": "something-else"}"#).await?,
        400,
        "bad_request",
        "not an Ovaal harvest",
    );
    let mut v2 = good.clone();
    v2["version"] = 2.into();
    expect(
        &import(&server, &serde_json::to_vec(&v2)?).await?,
        422,
        "invalid",
        "version 2",
    );
    let mut extra = good.clone();
    extra["session"]["colour"] = "red".into();
    expect(
        &import(&server, &serde_json::to_vec(&extra)?).await?,
        400,
        "bad_request",
        "colour",
    );
    let mut long = good.clone();
    long["participants"] = serde_json::json!([{
        "id": "person-0001",
        "profile": null,
        "cards": [{ "id": "card-00001", "kind": "advice", "text": "x".repeat(281),
                    "x": 0.5, "y": 0.5, "created_ms": 1, "phase": null }]
    }]);
    expect(
        &import(&server, &serde_json::to_vec(&long)?).await?,
        422,
        "invalid",
        "participants[0].cards[0].text",
    );
    let mut bad_id = good.clone();
    bad_id["facilitation"]["hot_seat"] = "no".into();
    expect(
        &import(&server, &serde_json::to_vec(&bad_id)?).await?,
        400,
        "bad_request",
        "id",
    );
    let mut secret = good.clone();
    secret["private_cards"] =
        serde_json::json!([{ "phase": "associations", "author": "person-0001", "cards": [] }]);
    expect(
        &import(&server, &serde_json::to_vec(&secret)?).await?,
        422,
        "invalid",
        "not revealed",
    );
    expect(&oversized_import(&server).await?, 413, "too_large", "MiB");
    // The untouched export still imports.
    assert_eq!(import(&server, &exported.body).await?.status, 201);
    Ok(())
}
