//! The harvest's picture of the table: the SVG keeps every text as escaped, inert
//! text (emoji and right-to-left as written), the PNG decodes at the documented size
//! with the table and the text drawn, and no card hides the name of who sat where.

use anyhow::Context;
use ovaal_server::export::scene;
use ovaal_server::export::schema::Harvest;
use ovaal_server::export::words::Lang;
use ovaal_shared::layout::Rect;
use ovaal_tests::harvest_fixture::{export_ok, incident_session, text};

#[tokio::test]
async fn svg_text_is_intact_and_inert() -> anyhow::Result<()> {
    let board = incident_session().await?;
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
    Ok(())
}

#[tokio::test]
async fn png_decodes_with_the_table_drawn() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let png_response = export_ok(&board, "png").await?;
    assert_eq!(png_response.header("content-type"), Some("image/png"));
    let decoder = png::Decoder::new(std::io::Cursor::new(png_response.body.clone()));
    let mut reader = decoder.read_info()?;
    let mut pixels = vec![0; reader.output_buffer_size().context("png size")?];
    let info = reader.next_frame(&mut pixels)?;
    assert_eq!((info.width, info.height), (1920, 1170));
    let at = |x: usize, y: usize| {
        let i = (y * info.width as usize + x) * 3;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };
    // A point of the table top that the layout left free: the wood.
    let harvest: Harvest = serde_json::from_slice(&export_ok(&board, "json").await?.body)?;
    let (_, laid) = scene::table_layout(&harvest, Lang::En);
    let boxes: Vec<Rect> = laid
        .places
        .iter()
        .flat_map(|p| p.cards.iter().map(|c| c.rect))
        .collect();
    let t = laid.table;
    let free = (1..40)
        .map(|i| (t.cx - t.rx * 0.8 + f64::from(i) * t.rx * 0.04, t.cy))
        .find(|&(x, y)| {
            boxes.iter().all(|b| {
                !b.grown(4.0).overlaps(&Rect {
                    x,
                    y,
                    w: 0.1,
                    h: 0.1,
                })
            })
        })
        .context("a free point on the table")?;
    let scale = f64::from(png_scale());
    let (px, py) = (
        ovaal_shared::float::to_usize(free.0 * scale),
        ovaal_shared::float::to_usize((free.1 + f64::from(scene::HEADER)) * scale),
    );
    assert_eq!(at(px, py), [0xc9, 0xa2, 0x7e], "at {px},{py}");
    let dark = pixels
        .chunks(3)
        .filter(|p| p.iter().all(|c| *c < 80))
        .count();
    assert!(dark > 2000, "hardly any text drawn: {dark} dark pixels");
    Ok(())
}

/// The scene both the SVG and the PNG (and the PDF's last page) are drawn from.
#[tokio::test]
async fn no_card_hides_a_seats_name() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let harvest: Harvest = serde_json::from_slice(&export_ok(&board, "json").await?.body)?;
    let picture = scene::build(&harvest, Lang::En)?;
    assert_eq!(picture.seat_labels.len(), 8, "every seat of the table");
    let (_, laid) = scene::table_layout(&harvest, Lang::En);
    let on_chips: usize = laid
        .places
        .iter()
        .map(|p| {
            p.more.as_ref().map_or(0, |c| c.cards.len())
                + p.earlier.as_ref().map_or(0, |c| c.cards.len())
        })
        .sum();
    assert_eq!(
        picture.cards.len() + on_chips,
        13,
        "every card but the unrevealed one, drawn or counted on a chip"
    );
    let things: Vec<_> = picture.cards.iter().chain(&picture.chips).collect();
    for (i, card) in things.iter().enumerate() {
        for label in &picture.seat_labels {
            assert!(!card.overlaps(label), "{card:?} covers {label:?}");
        }
        for other in &things[i + 1..] {
            assert!(!card.overlaps(other), "{card:?} covers {other:?}");
        }
    }
    Ok(())
}

fn png_scale() -> f32 {
    ovaal_server::export::png::SCALE
}
