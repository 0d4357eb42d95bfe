//! Reading exports back: what a person would look for in each format.

use anyhow::Context;

/// Every card text in a JSON export's participants (not the private rounds').
pub fn card_texts(json: &serde_json::Value) -> anyhow::Result<Vec<String>> {
    Ok(json["participants"]
        .as_array()
        .context("participants")?
        .iter()
        .flat_map(|p| p["cards"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["text"].as_str().map(str::to_owned))
        .collect())
}

/// The part of a Markdown report from `heading` to the next heading of the same or a
/// higher level.
pub fn md_section<'a>(md: &'a str, heading: &str) -> &'a str {
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

/// The PDF's text as `pdftotext` extracts it, whitespace collapsed.
pub fn pdf_text(pdf: &[u8]) -> anyhow::Result<String> {
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
