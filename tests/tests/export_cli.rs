//! `ovaal export` reads the harvest straight from the data directory: while the server
//! runs (SQLite's WAL lets a second process read) and after it has stopped. Wrong
//! input gets a clear message and a non-zero exit, and never a new empty store.

use std::path::Path;
use std::process::Output;

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::control::wait_for_control;
use ovaal_tests::server_process::ovaal_binary;
use ovaal_tests::{ProtocolClient, TestServer};

const THEME: &str = "Één thema, \"met\" komma's\nen een tweede regel";

async fn ovaal(args: &[&str], data_dir: &Path) -> anyhow::Result<Output> {
    let output = tokio::process::Command::new(ovaal_binary()?)
        .arg("export")
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", "warn")
        .output()
        .await?;
    Ok(output)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test]
async fn export_from_the_data_dir_while_the_server_runs_and_after() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let s = server
        .create_session_with("Leerkring Zoë", Method::LearningCircle)
        .await?;
    let mut anna = ProtocolClient::connect(&server.ws_url(&s.id), &s.participant).await?;
    wait_for_control(&mut anna).await?;
    anna.join_table("Zoë", 1).await?;
    anna.add_card(CardKind::Theme, THEME).await?;
    anna.round_trip().await?;
    anna.wait_stored().await?;
    let id = s.id.to_string();
    let out_dir = tempfile::tempdir()?;

    // While the server runs.
    let md_path = out_dir.path().join("harvest.md");
    let md_arg = md_path.to_string_lossy().into_owned();
    let run = ovaal(&[&id, "--format", "md", "--out", &md_arg], &server.data_dir).await?;
    assert!(run.status.success(), "{}", stderr(&run));
    let md = std::fs::read_to_string(&md_path)?;
    assert!(md.starts_with("# Harvest: Leerkring Zoë\n"), "{md}");
    assert!(
        md.contains("- Één thema, \"met\" komma's\\\n  en een tweede regel — *Zoë*"),
        "{md}"
    );
    // The server did not notice: it still takes writes, and a second export sees them.
    anna.add_card(CardKind::Theme, "Later geschreven").await?;
    anna.round_trip().await?;
    anna.wait_stored().await?;
    let run = ovaal(&[&id, "--format", "json"], &server.data_dir).await?;
    assert!(run.status.success(), "{}", stderr(&run));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout)?;
    assert_eq!(json["format"], "ovaal-harvest");
    let texts = json["participants"][0]["cards"].to_string();
    assert!(texts.contains("Later geschreven"), "{texts}");

    // After it stopped: CSV to standard output, and the format from --out's name.
    let data_dir = server.data_dir.clone();
    let _keep = server.stop().await?;
    let run = ovaal(&[&id, "--format", "csv", "--out", "-"], &data_dir).await?;
    assert!(run.status.success(), "{}", stderr(&run));
    let mut csv = csv::Reader::from_reader(run.stdout.as_slice());
    let column = csv
        .headers()?
        .iter()
        .position(|h| h == "text")
        .expect("a text column");
    let rows: Vec<String> = csv
        .records()
        .map(|r| r.map(|r| r[column].to_owned()))
        .collect::<Result<_, _>>()?;
    assert_eq!(rows, [THEME, "Later geschreven"]);
    let pdf_path = out_dir.path().join("oogst.pdf");
    let pdf_arg = pdf_path.to_string_lossy().into_owned();
    let run = ovaal(&[&id, "--out", &pdf_arg, "--lang", "nl"], &data_dir).await?;
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(std::fs::read(&pdf_path)?.starts_with(b"%PDF-"));

    // Clear errors, non-zero exits.
    let run = ovaal(&["NoSuchSession1234"], &data_dir).await?;
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("there is no session \"NoSuchSession1234\""),
        "{}",
        stderr(&run)
    );
    let run = ovaal(&[&id, "--format", "docx"], &data_dir).await?;
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("unknown export format \"docx\""),
        "{}",
        stderr(&run)
    );
    let nowhere = out_dir.path().join("no-store-here");
    let run = ovaal(&[&id], &nowhere).await?;
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("there is no Ovaal store"),
        "{}",
        stderr(&run)
    );
    assert!(
        !nowhere.exists(),
        "a wrong --data-dir must not create a store"
    );
    Ok(())
}
