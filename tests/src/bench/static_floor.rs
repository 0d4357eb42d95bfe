//! The floor of the client benchmark: the same cards as a static HTML page, served by
//! the same server, so the time the client needs until a board is interactive can be
//! set against the time Chromium needs to show the very same cards without any script.
//!
//! The page is the client's own DOM, taken from a board that has been drawn: the same
//! elements, classes, texts and boxes, the same `style.css`, without its scripts. The
//! server's Content-Security-Policy allows no `style` attribute (`style-src 'self'`),
//! so each element's inline style (the boxes the client sets through the CSSOM) is
//! moved into a stylesheet of its own next to the page, one rule per element, each
//! declaration `!important` so it still wins over `style.css` as the inline style did.
//!
//! The server serves the page from its own static path: it is started on a copy of
//! the built client ([`copy_dist`]) and the page is written into that copy's
//! `assets/` ([`write_floor`]), served as `/assets/<name>.html`.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// Runs in the page of a drawn board and returns `{ html, css }`: the document without
/// its scripts, every inline style moved into `css` as a rule on a `data-floor`
/// attribute. `STYLESHEET` is replaced by the address of the rules' file.
const CAPTURE: &str = r#"(() => {
  const root = document.documentElement.cloneNode(true);
  root.querySelectorAll('script').forEach((s) => s.remove());
  const rules = [];
  const elements = [root, ...root.querySelectorAll('[style]')].filter((e) => e.hasAttribute('style'));
  elements.forEach((element, n) => {
    const declarations = [];
    for (const property of element.style) {
      declarations.push(`${property}:${element.style.getPropertyValue(property)} !important`);
    }
    element.setAttribute('data-floor', String(n));
    element.removeAttribute('style');
    rules.push(`[data-floor="${n}"]{${declarations.join(';')}}`);
  });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'STYLESHEET';
  root.querySelector('head').appendChild(link);
  return { html: '<!doctype html>\n' + root.outerHTML, css: rules.join('\n') };
})()"#;

/// A drawn board's page as static HTML and the stylesheet of its boxes.
pub struct StaticBoard {
    pub html: String,
    pub css: String,
}

/// Takes the static copy of the board shown in `page` (call it once the cards are
/// drawn). `name` is the file name the page will be written under (see [`write_floor`]);
/// its stylesheet is addressed with the build's version of the client in `web_dir`,
/// like the client's own files, so that browsers keep it as they keep those.
pub async fn capture(
    page: &crate::browser::Page,
    name: &str,
    web_dir: &Path,
) -> Result<StaticBoard> {
    let version = std::fs::read_to_string(web_dir.join("version")).unwrap_or_default();
    let script = CAPTURE.replace(
        "STYLESHEET",
        &format!("/assets/{name}.css?v={}", version.trim()),
    );
    let captured: Value = page.eval(&script).await?;
    let field = |key: &str| {
        captured[key]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("the page's copy has no {key}"))
    };
    Ok(StaticBoard {
        html: field("html")?,
        css: field("css")?,
    })
}

/// Copies the built client (`index.html`, `assets/`) from `dist` into `to`, so the
/// server can be started on a directory the floor pages can be written into.
pub fn copy_dist(dist: &Path, to: &Path) -> Result<()> {
    for entry in
        std::fs::read_dir(dist).with_context(|| format!("cannot read {}", dist.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dist(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes `board` as `assets/<name>.html` and `assets/<name>.css` under `web_dir`;
/// returns the page's address path (`/assets/<name>.html`).
pub fn write_floor(web_dir: &Path, name: &str, board: &StaticBoard) -> Result<String> {
    let assets = web_dir.join("assets");
    std::fs::write(assets.join(format!("{name}.html")), &board.html)?;
    std::fs::write(assets.join(format!("{name}.css")), &board.css)?;
    Ok(format!("/assets/{name}.html"))
}
