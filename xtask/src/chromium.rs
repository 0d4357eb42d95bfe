//! The browser the end-to-end tests drive over the Chrome DevTools Protocol. Tools that
//! download their own browser build cannot work here, so this uses Debian's `chromium`
//! (and `chromium-driver`, for anyone who wants WebDriver), installing them with apt-get
//! on a fresh machine. Also `pdftotext` (Debian's `poppler-utils`), which reads the
//! harvest's PDF in the export test.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::apt;
use crate::shell::{self, announce, find_program};

/// Where a Chromium binary is: `$OVAAL_CHROMIUM`, `/usr/bin/chromium`, or a Chromium or
/// Chrome on `PATH`. The test support code (`ovaal_tests::browser`) looks in the same
/// places, and `cargo xtask test` passes what it found on as `OVAAL_CHROMIUM`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OVAAL_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    [
        "/usr/bin/chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]
    .into_iter()
    .find_map(find_program)
}

/// Returns the Chromium to use, installing `chromium` and `chromium-driver` with apt-get
/// first when either is missing.
pub fn ensure_chromium() -> Result<PathBuf> {
    ensure_emoji_font()?;
    let driver = find_program("chromedriver");
    if let (Some(chromium), Some(_)) = (find_chromium(), &driver) {
        announce(&format!(
            "Chromium is installed: {} ({})",
            chromium.display(),
            version(&chromium)
        ));
        return Ok(chromium);
    }
    announce(
        "Chromium or chromedriver is missing: installing Debian's chromium and chromium-driver",
    );
    install_with_apt().context(
        "could not install Chromium. Install the Debian packages `chromium` and \
         `chromium-driver` (or point OVAAL_CHROMIUM at a Chromium/Chrome binary) and retry",
    )?;
    let chromium = find_chromium()
        .context("apt-get reported success but no Chromium binary was found (/usr/bin/chromium)")?;
    announce(&format!(
        "Chromium is installed: {} ({})",
        chromium.display(),
        version(&chromium)
    ));
    Ok(chromium)
}

/// Makes sure `pdftotext` is there (the harvest export's test reads its PDF with it),
/// installing Debian's `poppler-utils` when it is missing.
pub fn ensure_pdftotext() -> Result<()> {
    if let Some(path) = find_program("pdftotext") {
        announce(&format!("pdftotext is installed: {}", path.display()));
        return Ok(());
    }
    announce("pdftotext is missing: installing Debian's poppler-utils");
    apt::install("Installing poppler-utils", &["poppler-utils"]).context(
        "could not install pdftotext. Install the Debian package `poppler-utils` and retry",
    )?;
    find_program("pdftotext")
        .map(|_| ())
        .context("apt-get reported success but pdftotext is not on PATH")
}

/// Where Debian's colour emoji font lives.
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// The board shows card kinds as emoji icons: without a colour emoji font the browser
/// draws them as empty boxes, in screenshots and for the tests that look at them.
fn ensure_emoji_font() -> Result<()> {
    if std::path::Path::new(EMOJI_FONT).exists() {
        announce("The colour emoji font is installed (fonts-noto-color-emoji)");
        return Ok(());
    }
    announce("The colour emoji font is missing: installing Debian's fonts-noto-color-emoji");
    apt::install(
        "Installing the colour emoji font",
        &["fonts-noto-color-emoji"],
    )
    .context(
        "could not install the emoji font. Install the Debian package \
         `fonts-noto-color-emoji` and retry",
    )
}

fn install_with_apt() -> Result<()> {
    apt::install(
        "Installing Chromium",
        &[
            "chromium",
            "chromium-driver",
            // Recommended, not required, by chromium; without a font, text renders as
            // boxes in screenshots and measures differently.
            "fonts-liberation",
        ],
    )
}

fn version(chromium: &std::path::Path) -> String {
    shell::output(Command::new(chromium).arg("--version"))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|_| "version unknown".to_string())
}
