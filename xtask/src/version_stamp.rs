//! The build's version in the client's addresses. The page, the boot script and the
//! service worker name the client's files as `/assets/<file>?v=OVAAL_BUILD`; the build
//! replaces the placeholder with a hash of the files and writes the same hash to
//! `web/dist/version`. The server reads that file at start: an address that carries
//! the version it serves is kept by browsers for good (a new build has a new
//! version, so an old file is never taken for a new one), every other address is
//! checked with the server at each use (docs/api.md, "The client's files").

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// What `web/static`'s files write where the version goes.
pub const PLACEHOLDER: &str = "OVAAL_BUILD";

/// The file in `web/dist` that holds the version (read by the server).
pub const VERSION_FILE: &str = "version";

/// Works out the version of the files in `dist/assets`, writes it into every page
/// and script that names it, and into `dist/version`. Returns the version.
pub fn stamp(dist: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.sort();
    let version = version_of(dist, &files)?;
    let mut stamped = 0;
    for file in &files {
        let is_text = file
            .extension()
            .is_some_and(|ext| ext == "html" || ext == "js");
        if !is_text {
            continue;
        }
        let text =
            fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        if text.contains(PLACEHOLDER) {
            fs::write(file, text.replace(PLACEHOLDER, &version))
                .with_context(|| format!("cannot write {}", file.display()))?;
            stamped += 1;
        }
    }
    if stamped == 0 {
        bail!(
            "no file in web/static names the build's version ({PLACEHOLDER}): index.html, \
             boot.js and sw.js must address the client's files as /assets/<file>?v={PLACEHOLDER}"
        );
    }
    fs::write(dist.join(VERSION_FILE), &version)
        .with_context(|| format!("cannot write {}", dist.join(VERSION_FILE).display()))?;
    Ok(version)
}

/// 16 hex digits of FNV-1a over every file's name and bytes: the same files give the
/// same version on every machine, and any change gives another.
fn version_of(dist: &Path, files: &[PathBuf]) -> Result<String> {
    let mut hash = Fnv1a::default();
    for file in files {
        let name = file.strip_prefix(dist).unwrap_or(file);
        hash.write(name.to_string_lossy().as_bytes());
        hash.write(&[0]);
        hash.write(&fs::read(file).with_context(|| format!("cannot read {}", file.display()))?);
        hash.write(&[0]);
    }
    Ok(format!("{:016x}", hash.0))
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_none_or(|ext| ext != "gz")
            && path.file_name().is_some_and(|name| name != VERSION_FILE)
        {
            files.push(path);
        }
    }
    Ok(())
}

struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch `dist` of its own, removed when dropped.
    struct Dist(PathBuf);

    impl Dist {
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dist {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn dist_with(files: &[(&str, &str)]) -> Dist {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("ovaal-stamp-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("assets")).expect("assets");
        for (name, text) in files {
            fs::write(dir.join(name), text).expect("file");
        }
        Dist(dir)
    }

    #[test]
    fn the_placeholder_becomes_the_version_everywhere() {
        let dist = dist_with(&[
            ("index.html", "<link href=\"/assets/a.css?v=OVAAL_BUILD\">"),
            (
                "assets/boot.js",
                "import x from '/assets/b.js?v=OVAAL_BUILD';",
            ),
            ("assets/a.css", "body{}"),
        ]);
        let version = stamp(dist.path()).expect("stamped");
        assert_eq!(version.len(), 16);
        let html = fs::read_to_string(dist.path().join("index.html")).expect("html");
        assert_eq!(html, format!("<link href=\"/assets/a.css?v={version}\">"));
        let boot = fs::read_to_string(dist.path().join("assets/boot.js")).expect("boot");
        assert!(boot.contains(&format!("b.js?v={version}")));
        let written = fs::read_to_string(dist.path().join(VERSION_FILE)).expect("version");
        assert_eq!(written, version);
    }

    #[test]
    fn another_file_gives_another_version_and_the_same_the_same() {
        let files = [
            ("index.html", "<link href=\"/assets/a.css?v=OVAAL_BUILD\">"),
            ("assets/a.css", "body{}"),
        ];
        let first = stamp(dist_with(&files).path()).expect("first");
        let again = stamp(dist_with(&files).path()).expect("again");
        assert_eq!(first, again);
        let changed = stamp(dist_with(&[files[0], ("assets/a.css", "body{color:red}")]).path())
            .expect("changed");
        assert_ne!(first, changed);
    }

    #[test]
    fn a_page_without_the_placeholder_is_refused() {
        let dist = dist_with(&[("index.html", "<link href=\"/assets/a.css\">")]);
        let error = stamp(dist.path()).expect_err("no placeholder");
        assert!(error.to_string().contains(PLACEHOLDER), "{error}");
    }
}
