//! Laying out `web/dist` around the wasm-bindgen output: copying `web/static`, checking
//! that `index.html` only references files that exist, gzip copies, and a size report.
//!
//! `index.html` is served for both `/` and `/s/{id}`, so every local reference in it must
//! be absolute (`/assets/style.css`): a relative `assets/style.css` would resolve to
//! `/s/assets/style.css` on a session page. The check catches that at build time, and
//! also that the service worker (`/sw.js`, served from `assets/sw.js`) exists and keeps
//! only files that exist. The page has no inline script (the server's
//! Content-Security-Policy would block it): its module scripts are files under
//! `/assets/`, and their imports and service worker are checked as if written in
//! the page.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::shell::announce;
use crate::web::OUT_NAME;

/// Fails with a clear message when the hand-written page is missing.
pub fn check_static_dir(static_dir: &Path) -> Result<()> {
    let index = static_dir.join("index.html");
    if !index.is_file() {
        bail!(
            "{} is missing. The web client's page and stylesheet live in web/static \
             (index.html, style.css); build-web copies index.html to web/dist/index.html and \
             everything else to web/dist/assets/.",
            index.display()
        );
    }
    Ok(())
}

/// Copies `web/static`, checks `index.html`'s references, writes the `.gz` copies and
/// prints the sizes.
pub fn finish(static_dir: &Path, dist: &Path) -> Result<()> {
    announce("Copying web/static (*.html to web/dist/, the rest to web/dist/assets/)");
    copy_static(static_dir, dist)?;
    let version = crate::version_stamp::stamp(dist)?;
    announce(&format!(
        "The client's files are addressed as /assets/<file>?v={version} (web/dist/{})",
        crate::version_stamp::VERSION_FILE
    ));
    check_references(dist)?;
    announce("Writing gzip copies of the .wasm, .js and .css files");
    let rows = compress_and_measure(dist)?;
    print_sizes(&rows);
    Ok(())
}

fn copy_static(static_dir: &Path, dist: &Path) -> Result<()> {
    for entry in read_dir(static_dir)? {
        let name = entry.file_name().context("static entry without a name")?;
        let is_html = entry.extension().is_some_and(|ext| ext == "html");
        let to = if is_html {
            dist.join(name)
        } else {
            dist.join("assets").join(name)
        };
        copy_recursively(&entry, &to)?;
    }
    Ok(())
}

fn copy_recursively(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
        for entry in read_dir(from)? {
            let name = entry.file_name().context("entry without a name")?;
            copy_recursively(&entry, &to.join(name))?;
        }
    } else if from.extension().is_some_and(|ext| ext == "css") {
        let css =
            fs::read_to_string(from).with_context(|| format!("cannot read {}", from.display()))?;
        fs::write(to, crate::css::strip(&css))
            .with_context(|| format!("cannot write {}", to.display()))?;
    } else {
        fs::copy(from, to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

/// Every file under `dir`, sorted so output is stable.
fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    entries.sort();
    Ok(entries)
}

fn check_references(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let html = fs::read_to_string(&index_path)
        .with_context(|| format!("cannot read {}", index_path.display()))?;
    let mut problems = inline_scripts(&html);
    let mut loads_client = false;
    for reference in page_references(dist, &html)? {
        let Some(path) = local_path(&reference) else {
            continue;
        };
        if !path.starts_with('/') {
            problems.push(format!(
                "`{reference}` is relative: index.html is also served at /s/{{id}}, where it \
                 would resolve under /s/. Use `/assets/...`."
            ));
        } else if let Some(asset) = path.strip_prefix("/assets/") {
            loads_client |= asset == format!("{OUT_NAME}.js");
            if !dist.join("assets").join(asset).is_file() {
                problems.push(format!(
                    "`{reference}` does not exist in web/dist/assets/ (files there come from \
                     wasm-bindgen and web/static)"
                ));
            }
        } else if path == SERVICE_WORKER {
            problems.extend(check_service_worker(dist)?);
        }
    }
    if !loads_client {
        problems.push(format!(
            "index.html never imports `/assets/{OUT_NAME}.js`, so the client would not start"
        ));
    }
    if !problems.is_empty() {
        bail!(
            "web/static/index.html does not line up with web/dist:\n  - {}",
            problems.join("\n  - ")
        );
    }
    announce("index.html's references all resolve to files in web/dist");
    Ok(())
}

/// Where the server serves `assets/sw.js` (see `server/src/http/web.rs`).
const SERVICE_WORKER: &str = "/sw.js";

/// What is wrong with the service worker: it must exist, keep the client's files for
/// offline use (its `SHELL` list), and every file in that list must exist (else
/// installing it fails as a whole).
fn check_service_worker(dist: &Path) -> Result<Vec<String>> {
    let path = dist.join("assets").join("sw.js");
    if !path.is_file() {
        return Ok(vec![format!(
            "index.html registers `{SERVICE_WORKER}`, but web/static/sw.js does not exist"
        )]);
    }
    let script =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let Some(kept) = shell_list(&script) else {
        return Ok(vec![
            "sw.js has no `const SHELL = [...]` list of files to keep".into(),
        ]);
    };
    let mut problems = Vec::new();
    let kept: Vec<String> = kept.iter().filter_map(|file| local_path(file)).collect();
    for needed in [
        format!("/assets/{OUT_NAME}.js"),
        format!("/assets/{OUT_NAME}_bg.wasm"),
    ] {
        if !kept.contains(&needed) {
            problems.push(format!("sw.js does not keep `{needed}` for offline use"));
        }
    }
    for file in &kept {
        if let Some(asset) = file.strip_prefix("/assets/")
            && !dist.join("assets").join(asset).is_file()
        {
            problems.push(format!(
                "sw.js keeps `{file}`, which does not exist in web/dist/assets/"
            ));
        }
    }
    Ok(problems)
}

/// The quoted entries of the script's `const SHELL = [...]` (names of constants in it
/// are skipped).
fn shell_list(script: &str) -> Option<Vec<String>> {
    let after = &script[script.find("const SHELL")?..];
    let list = &after[after.find('[')? + 1..];
    let list = &list[..list.find(']')?];
    Some(
        list.split(',')
            .map(str::trim)
            .filter_map(|item| {
                let quote = item.chars().next().filter(|c| *c == '\'' || *c == '"')?;
                item[1..].strip_suffix(quote).map(str::to_string)
            })
            .collect(),
    )
}

/// `<script>` elements with code in them: the Content-Security-Policy
/// (`server/src/http/headers.rs`) allows no inline script.
fn inline_scripts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    script_bodies(&lower)
        .into_iter()
        .filter(|(start, end)| !html[*start..*end].trim().is_empty())
        .map(|_| {
            "index.html has an inline <script>, which the server's Content-Security-Policy \
             blocks: put it in web/static/<name>.js and load it with \
             <script type=\"module\" src=\"/assets/<name>.js\">"
                .to_string()
        })
        .collect()
}

/// [`references`] of the page, plus those of the page's own script files (the boot
/// script imports the client and registers the service worker).
fn page_references(dist: &Path, html: &str) -> Result<Vec<String>> {
    let mut found = references(html);
    let scripts: Vec<PathBuf> = found
        .iter()
        .filter_map(|r| local_path(r))
        .filter_map(|path| {
            let asset = path.strip_prefix("/assets/")?;
            (asset.ends_with(".js") && asset != format!("{OUT_NAME}.js"))
                .then(|| dist.join("assets").join(asset))
        })
        .filter(|file| file.is_file())
        .collect();
    for file in scripts {
        let script =
            fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        found.extend(script_references(&script));
    }
    Ok(found)
}

/// The `src`/`href` attribute values anywhere, and the module specifiers of `import`s
/// and the service worker `register(...)`ed inside `<script>` elements. A small
/// scanner, not a parser: the page is ours.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for key in ["src=", "href="] {
        found.extend(quoted_after(html, &lower, key, |_| true));
    }
    for (start, end) in script_bodies(&lower) {
        found.extend(script_references(&html[start..end]));
    }
    found
}

/// The module specifiers of a script's `import`s and the service worker it
/// `register(...)`s.
fn script_references(script: &str) -> Vec<String> {
    let script_lower = script.to_ascii_lowercase();
    let mut found = quoted_after(script, &script_lower, "serviceworker.register(", |_| true);
    for key in ["from", "import", "import("] {
        found.extend(quoted_after(script, &script_lower, key, |before| {
            before.is_none_or(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '.')
        }));
    }
    found
}

/// Values in quotes right after `key` (spaces allowed between), where the character
/// before `key` passes `boundary`.
fn quoted_after(
    text: &str,
    lower: &str,
    key: &str,
    boundary: impl Fn(Option<char>) -> bool,
) -> Vec<String> {
    let mut values = Vec::new();
    for (at, _) in lower.match_indices(key) {
        if !boundary(text[..at].chars().next_back()) {
            continue;
        }
        let rest = text[at + key.len()..].trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            values.push(rest[1..1 + end].to_string());
        }
    }
    values
}

fn script_bodies(lower: &str) -> Vec<(usize, usize)> {
    let mut bodies = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<script") {
        let Some(tag_end) = lower[from + open..].find('>') else {
            break;
        };
        let start = from + open + tag_end + 1;
        let end = lower[start..]
            .find("</script")
            .map_or(lower.len(), |e| start + e);
        bodies.push((start, end));
        from = end;
    }
    bodies
}

/// The path part of a reference to this server, or `None` for other origins, data URLs,
/// fragments and the like.
fn local_path(reference: &str) -> Option<String> {
    let reference = reference.trim();
    let external = reference.is_empty()
        || reference.starts_with('#')
        || reference.starts_with("//")
        || reference.contains("://")
        || ["data:", "mailto:", "javascript:", "blob:"]
            .iter()
            .any(|scheme| reference.starts_with(scheme));
    if external {
        return None;
    }
    let end = reference.find(['?', '#']).unwrap_or(reference.len());
    Some(reference[..end].to_string())
}

struct SizeRow {
    name: String,
    raw: u64,
    gzip: u64,
}

fn compress_and_measure(dist: &Path) -> Result<Vec<SizeRow>> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    let mut rows = Vec::new();
    for file in files {
        let bytes = fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let served_gzipped = file
            .extension()
            .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css");
        let gzipped = if served_gzipped {
            gzip_smallest(&bytes)?
        } else {
            gzip(&bytes)?
        };
        if served_gzipped {
            let mut gz_name = file.clone().into_os_string();
            gz_name.push(".gz");
            fs::write(&gz_name, &gzipped)
                .with_context(|| format!("cannot write {}", Path::new(&gz_name).display()))?;
        }
        let name = file
            .strip_prefix(dist)
            .unwrap_or(&file)
            .display()
            .to_string();
        rows.push(SizeRow {
            name,
            raw: bytes.len() as u64,
            gzip: gzipped.len() as u64,
        });
    }
    Ok(rows)
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in read_dir(dir)? {
        if entry.is_dir() {
            collect_files(&entry, files)?;
        } else if entry.extension().is_none_or(|ext| ext != "gz")
            // Read by the server, never downloaded.
            && entry
                .file_name()
                .is_some_and(|name| name != crate::version_stamp::VERSION_FILE)
        {
            files.push(entry);
        }
    }
    Ok(())
}

/// The gzip copy the server sends: Zopfli's, which searches much longer than zlib's
/// best level for the same format (every browser reads it), unless zlib's is smaller.
/// About 5% off the wasm's gzip for some seconds of build (docs/benchmarks.md, "Web
/// client download").
fn gzip_smallest(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut zopfli = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut zopfli,
    )?;
    let zlib = gzip(bytes)?;
    Ok(if zopfli.len() < zlib.len() {
        zopfli
    } else {
        zlib
    })
}

/// zlib's best level: quick, for comparing sizes.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn print_sizes(rows: &[SizeRow]) {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0).max(14);
    println!("    {:<width$}  {:>10}  {:>10}", "file", "raw", "gzip");
    for row in rows {
        println!(
            "    {:<width$}  {:>10}  {:>10}",
            row.name,
            kib(row.raw),
            kib(row.gzip)
        );
    }
    let raw: u64 = rows.iter().map(|r| r.raw).sum();
    let gzip: u64 = rows.iter().map(|r| r.gzip).sum();
    println!(
        "    {:<width$}  {:>10}  {:>10}",
        "total download",
        kib(raw),
        kib(gzip)
    );
}

fn kib(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attribute_and_import_references() {
        let html = r##"<!doctype html><link rel="stylesheet" href="/assets/style.css">
            <script type="module">
              import init, { start } from '/assets/ovaal_web.js';
              import "/assets/extra.js"; const x = await import("/assets/lazy.js");
              const reimport = 1; // "from" in a comment without quotes
              navigator.serviceWorker.register('/sw.js');
            </script><a href="#top">top</a><img src='https://example.org/x.png'>"##;
        let refs = references(html);
        for expected in [
            "/assets/style.css",
            "/assets/ovaal_web.js",
            "/assets/extra.js",
            "/assets/lazy.js",
            "/sw.js",
            "#top",
            "https://example.org/x.png",
        ] {
            assert!(refs.iter().any(|r| r == expected), "{expected} in {refs:?}");
        }
    }

    #[test]
    fn inline_scripts_are_found_and_script_files_are_not() {
        assert_eq!(
            inline_scripts("<script type=\"module\">import '/a.js';</script>").len(),
            1
        );
        assert!(
            inline_scripts("<script type=\"module\" src=\"/assets/boot.js\"></script>").is_empty()
        );
        let boot = "import init from '/assets/ovaal_web.js';\n\
                    navigator.serviceWorker.register('/sw.js');";
        assert_eq!(script_references(boot), ["/sw.js", "/assets/ovaal_web.js"]);
    }

    #[test]
    fn reads_the_files_a_service_worker_keeps() {
        let script = "// it's the shell: ['/nope']\nconst PAGE = '/';\n\
                      const SHELL = [\n  PAGE,\n  '/assets/a.css',\n  \"/assets/b.js\",\n];";
        assert_eq!(
            shell_list(script),
            Some(vec![
                "/assets/a.css".to_string(),
                "/assets/b.js".to_string()
            ])
        );
        assert_eq!(shell_list("const CACHE = 'v1';"), None);
    }

    #[test]
    fn only_same_origin_paths_are_checked() {
        assert_eq!(
            local_path("/assets/a.css?v=1").as_deref(),
            Some("/assets/a.css")
        );
        assert_eq!(local_path("assets/a.css").as_deref(), Some("assets/a.css"));
        assert_eq!(local_path("https://cdn/x.js"), None);
        assert_eq!(local_path("data:,"), None);
        assert_eq!(local_path("#top"), None);
    }
}
