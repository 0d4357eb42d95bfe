//! The picture of a real-size table (14 seats, 80 cards) follows the shared layout:
//! in the PNG no card covers another card, a chip or a seat's name, and each card's
//! box shows the card's colour — for a board built in memory (cards moved by hand,
//! right-to-left text) and for the session the browser tests at scale use, exported
//! over HTTP in Dutch and English; the SVG holds every visible card's text and the
//! chips' counts, in English and Dutch; cards moved by hand lie in their new place.
//! The pictures stay in `tests/artifacts/harvest-14-seats.*` and
//! `tests/artifacts/harvest-real-size-*.png` to look at.

use std::collections::BTreeMap;

use anyhow::Context;
use ovaal_server::export::scene;
use ovaal_server::export::schema::Harvest;
use ovaal_server::export::svg::escape;
use ovaal_server::export::words::Lang;
use ovaal_server::export::{Format, render};
use ovaal_shared::CardId;
use ovaal_shared::layout::ring::nearest_seat;
use ovaal_shared::layout::{CardSize, Place};
use ovaal_tests::TestServer;
use ovaal_tests::harvest_fixture::big_table::{CARDS, SEATS, big_table, keep_artifact};
use ovaal_tests::harvest_fixture::export;
use ovaal_tests::harvest_fixture::picture::check_png_against_layout;
use ovaal_tests::http::with_token;
use ovaal_tests::real_size::{self, write_real_size};
use ovaal_tests::scene::create_session;

#[test]
fn the_png_draws_every_card_in_its_layout_box() -> anyhow::Result<()> {
    let board = big_table();
    let png = render(&board.harvest, Format::Png, Lang::En)?;
    keep_artifact("harvest-14-seats.png", &png);
    let pdf = render(&board.harvest, Format::Pdf, Lang::En)?;
    keep_artifact("harvest-14-seats.pdf", &pdf);
    let drawn = check_png_against_layout(&board.harvest, Lang::En, &png)?;
    assert_eq!(drawn.seats, SEATS as usize);
    assert_eq!(drawn.shown + drawn.counted, CARDS);
    assert!(drawn.counted > 0, "a real-size board has chips");
    assert!(drawn.shown > 30, "many cards are in sight: {}", drawn.shown);
    Ok(())
}

/// The board the browser tests at scale look at (14 people, 80 cards across the
/// phases, the question round on), written over the protocol and exported over HTTP
/// as a facilitator downloads it: its PNG follows the layout of its JSON export.
#[tokio::test]
async fn the_png_of_the_real_size_session_draws_every_card_in_its_layout_box() -> anyhow::Result<()>
{
    let server = TestServer::start().await?;
    let session = create_session(
        server.addr,
        "Intervisie op schaal",
        "incident",
        real_size::SEATS,
    )
    .await?;
    let seats: Vec<u32> = (0..real_size::SEATS).collect();
    let _written = write_real_size(
        &server.ws_url(&session.links.id),
        &session.links.facilitator,
        &session.links.participant,
        &seats,
    )
    .await?;
    let links = &session.links;
    for lang in [Lang::Nl, Lang::En] {
        let json = export(&server, links, "json", &links.facilitator).await?;
        assert_eq!(json.status, 200, "export.json");
        let harvest: Harvest = serde_json::from_slice(&json.body)?;
        let png = with_token(
            server.addr,
            "GET",
            &format!("/api/sessions/{}/export.png?lang={}", links.id, lang.tag()),
            &links.facilitator,
            &[],
        )
        .await?;
        assert_eq!(png.status, 200, "export.png in {lang:?}");
        keep_artifact(&format!("harvest-real-size-{}.png", lang.tag()), &png.body);
        let drawn = check_png_against_layout(&harvest, lang, &png.body)?;
        assert_eq!(drawn.seats, real_size::SEATS as usize);
        assert_eq!(drawn.shown + drawn.counted, real_size::CARDS);
        assert!(drawn.counted > 0, "a real-size board has chips");
        println!(
            "{lang:?}: {} cards drawn, {} counted on chips",
            drawn.shown, drawn.counted
        );
    }
    Ok(())
}

/// The `<rect>` that starts a card's group in the SVG, as (x, y).
fn card_origin(svg: &str, id: &CardId) -> Option<(f64, f64)> {
    let group = svg.find(&format!("<g id=\"card-{id}\">"))?;
    let rect = &svg[group..][svg[group..].find("<rect ")?..];
    let attr = |name: &str| -> Option<f64> {
        let start = rect.find(&format!(" {name}=\""))? + name.len() + 3;
        rect[start..].split('"').next()?.parse().ok()
    };
    Some((attr("x")?, attr("y")?))
}

#[test]
fn the_svg_holds_every_visible_card_and_the_chips_counts() -> anyhow::Result<()> {
    let board = big_table();
    for (lang, more, earlier) in [(Lang::En, "more", "earlier"), (Lang::Nl, "meer", "eerder")] {
        let svg = String::from_utf8(render(&board.harvest, Format::Svg, lang)?)?;
        if lang == Lang::En {
            keep_artifact("harvest-14-seats.svg", svg.as_bytes());
        }
        let (table, laid) = scene::table_layout(&board.harvest, lang);
        let texts: BTreeMap<&CardId, &str> = table
            .cards
            .iter()
            .map(|c| (&c.id, c.text.as_str()))
            .collect();
        for place in &laid.places {
            for card in &place.cards {
                let group = format!("<g id=\"card-{}\"><title>", card.id);
                let start = svg.find(&group).context("the card's group")?;
                let title_end = svg[start..].find("</title>").context("title")?;
                let title = &svg[start..start + title_end];
                assert!(
                    title.contains(&escape(texts[&card.id])),
                    "{} not in {title}",
                    texts[&card.id]
                );
            }
            if let Some(chip) = &place.more {
                let label = format!(">+{} {more}</text>", chip.cards.len());
                assert!(svg.contains(&label), "{label} missing");
            }
            if let Some(chip) = &place.earlier {
                let label = format!(">{} {earlier}</text>", chip.cards.len());
                assert!(svg.contains(&label), "{label} missing");
            }
        }
        assert!(
            laid.places.iter().any(|p| p.more.is_some())
                && laid.places.iter().any(|p| p.earlier.is_some()),
            "both kinds of chip"
        );
        // A right-to-left line says so, and starts at the right.
        assert!(svg.contains("direction=\"rtl\" unicode-bidi=\"embed\""));
    }
    Ok(())
}

#[test]
fn moved_cards_lie_in_their_new_place() -> anyhow::Result<()> {
    let board = big_table();
    let svg = String::from_utf8(render(&board.harvest, Format::Svg, Lang::En)?)?;
    let (_, laid) = scene::table_layout(&board.harvest, Lang::En);
    let find = |id: &CardId| {
        laid.places
            .iter()
            .find_map(|p| p.cards.iter().find(|c| &c.id == id).map(|c| (p.place, c)))
    };
    // Drawn where the layout put it: in the place it was moved to.
    let (place, card) = find(&board.moved_to_seat).context("the moved card is in sight")?;
    assert_eq!(place, Place::Seat(8));
    let (x, y) = card_origin(&svg, &board.moved_to_seat).context("in the SVG")?;
    assert!((x - card.rect.x).abs() < 0.01 && (y - card.rect.y - 60.0).abs() < 0.01);
    // ... which lies in seat 8's direction from the middle of the table.
    let t = laid.table;
    let (cx, cy) = (
        card.rect.x + card.rect.w / 2.0,
        card.rect.y + card.rect.h / 2.0,
    );
    assert_eq!(
        nearest_seat((cx - t.cx) / t.rx, (cy - t.cy) / t.ry, SEATS),
        8
    );

    // It names its author, since it no longer lies in front of them.
    assert!(
        svg.contains(">INSIGHT — Fatima</text>"),
        "the author is named"
    );

    // Moved to the centre, ordered before the case: the centre has room for both, and
    // the case keeps the first, large block (the case leads the centre whatever the
    // order), the moved card beside it.
    let centre = &laid.places[0];
    assert_eq!(centre.place, Place::Centre);
    assert!(centre.more.is_none(), "nothing of the centre folded away");
    let ids: Vec<&CardId> = centre.cards.iter().map(|c| &c.id).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[1], &board.moved_to_centre, "the case first: {ids:?}");
    assert_eq!(centre.cards[0].size, CardSize::Centre);
    let moved = &centre.cards[1];
    let (x, y) = card_origin(&svg, &board.moved_to_centre).context("in the SVG")?;
    assert!((x - moved.rect.x).abs() < 0.01 && (y - moved.rect.y - 60.0).abs() < 0.01);
    Ok(())
}
