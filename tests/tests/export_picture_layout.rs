//! The picture of a real-size table (14 seats, 80 cards) follows the shared layout:
//! in the PNG no card covers another card, a chip or a seat's name, and each card's
//! box shows the card's colour; the SVG holds every visible card's text and the
//! chips' counts, in English and Dutch; cards moved by hand lie in their new place.
//! The SVG, PNG and PDF stay in `tests/artifacts/harvest-14-seats.*` to look at.

use std::collections::BTreeMap;

use anyhow::Context;
use ovaal_server::export::scene::{self, kind_colours};
use ovaal_server::export::svg::escape;
use ovaal_server::export::words::Lang;
use ovaal_server::export::{Format, png as picture_png, render};
use ovaal_shared::CardId;
use ovaal_shared::layout::ring::nearest_seat;
use ovaal_shared::layout::{CardSize, Place, Rect};
use ovaal_tests::harvest_fixture::big_table::{CARDS, SEATS, big_table, keep_artifact};

/// A layout box in PNG pixels.
fn in_pixels(rect: &Rect) -> Rect {
    let s = f64::from(picture_png::SCALE);
    Rect {
        x: rect.x * s,
        y: (rect.y + f64::from(scene::HEADER)) * s,
        w: rect.w * s,
        h: rect.h * s,
    }
}

#[test]
fn the_png_draws_every_card_in_its_layout_box() -> anyhow::Result<()> {
    let board = big_table();
    let png = render(&board.harvest, Format::Png, Lang::En)?;
    keep_artifact("harvest-14-seats.png", &png);
    let pdf = render(&board.harvest, Format::Pdf, Lang::En)?;
    keep_artifact("harvest-14-seats.pdf", &pdf);

    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info()?;
    let mut pixels = vec![0; reader.output_buffer_size().context("png size")?];
    let info = reader.next_frame(&mut pixels)?;
    let at = |x: f64, y: f64| {
        let i = (y as usize * info.width as usize + x as usize) * 3;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };

    let (table, laid) = scene::table_layout(&board.harvest, Lang::En);
    assert_eq!(laid.seats.len(), SEATS as usize);
    let kinds: BTreeMap<&CardId, _> = table.cards.iter().map(|c| (&c.id, c.kind)).collect();
    assert_eq!(kinds.len(), CARDS);
    let mut counted = 0;
    let mut boxes: Vec<(String, Rect)> = Vec::new();
    for place in &laid.places {
        for card in &place.cards {
            boxes.push((card.id.to_string(), in_pixels(&card.rect)));
        }
        for chip in [place.more.as_ref().map(|c| (c.rect, c.cards.len()))]
            .into_iter()
            .chain([place.earlier.as_ref().map(|c| (c.rect, c.cards.len()))])
            .flatten()
        {
            boxes.push((format!("chip of {:?}", place.place), in_pixels(&chip.0)));
            counted += chip.1;
        }
    }
    let shown = laid.places.iter().map(|p| p.cards.len()).sum::<usize>();
    assert_eq!(shown + counted, CARDS, "every card is drawn or counted");
    assert!(counted > 0, "a real-size board has chips");
    assert!(shown > 30, "many cards are in sight: {shown}");

    // Nothing covers anything: not another card or chip, not a seat's name or badge.
    let seats: Vec<Rect> = laid.seats.iter().map(|s| in_pixels(&s.target)).collect();
    for (i, (what, a)) in boxes.iter().enumerate() {
        for (other, b) in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{what} covers {other}");
        }
        for (seat, s) in seats.iter().enumerate() {
            assert!(!a.overlaps(s), "{what} covers seat {seat}");
        }
        assert!(
            a.right() <= f64::from(info.width) && a.bottom() <= f64::from(info.height),
            "{what} is off the picture"
        );
    }

    // Inside each card's box the card's own background shows (around its text).
    for place in &laid.places {
        for card in &place.cards {
            let (background, _) = kind_colours(kinds[&card.id]);
            let r = in_pixels(&card.rect);
            let mut hits = 0;
            let mut all = 0;
            let mut y = r.y + 3.0;
            while y < r.bottom() - 3.0 {
                let mut x = r.x + 12.0;
                while x < r.right() - 3.0 {
                    all += 1;
                    if at(x, y) == [background.r, background.g, background.b] {
                        hits += 1;
                    }
                    x += 2.0;
                }
                y += 2.0;
            }
            assert!(
                hits * 2 > all,
                "card {} ({:?}): {hits} of {all} pixels in its colour",
                card.id,
                card.size
            );
        }
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

    // Moved to the centre, ordered before the case: the table reaches into the
    // corners, so the centre has room for both, the moved card first (as a small card:
    // the newest, the case, keeps the centre's large block).
    let centre = &laid.places[0];
    assert_eq!(centre.place, Place::Centre);
    assert!(centre.more.is_none(), "nothing of the centre folded away");
    let ids: Vec<&CardId> = centre.cards.iter().map(|c| &c.id).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], &board.moved_to_centre);
    assert_eq!(centre.cards[1].size, CardSize::Centre);
    let (x, y) = card_origin(&svg, &board.moved_to_centre).context("in the SVG")?;
    assert!(
        (x - centre.cards[0].rect.x).abs() < 0.01
            && (y - centre.cards[0].rect.y - 60.0).abs() < 0.01
    );
    Ok(())
}
