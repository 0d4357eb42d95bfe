//! How long browsers may keep the client's files: a file asked for with the version of
//! the build the server serves (`/assets/<file>?v=<version>`, the addresses the built
//! page uses) is kept for good; the page itself, a file without a version and a file
//! of another build are checked with the server at each use, so that a new build is
//! never run with an old build's files.
//!
//! The server serves a small stand-in client from a temporary directory, with the
//! `version` file the build writes next to `index.html`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_tests::TestServer;
use ovaal_tests::http::request;

const VERSION: &str = "0123456789abcdef";
const FOREVER: &str = "public, max-age=31536000, immutable";

/// A server whose web directory holds a page and a stylesheet, with `version` as the
/// build's version (none: no `version` file).
async fn server_with_client(
    version: Option<&str>,
) -> anyhow::Result<(TestServer, tempfile::TempDir)> {
    let web = tempfile::tempdir()?;
    std::fs::create_dir_all(web.path().join("assets"))?;
    std::fs::write(
        web.path().join("index.html"),
        format!(
            "<!doctype html><link rel=\"stylesheet\" href=\"/assets/style.css?v={}\">",
            version.unwrap_or_default()
        ),
    )?;
    std::fs::write(web.path().join("assets/style.css"), "body { margin: 0 }")?;
    if let Some(version) = version {
        std::fs::write(web.path().join("version"), format!("{version}\n"))?;
    }
    let dir = web.path().to_path_buf();
    let server = TestServer::start_configured(move |config| config.web_dir = dir).await?;
    Ok((server, web))
}

async fn cache_control(server: &TestServer, path: &str) -> anyhow::Result<(u16, Option<String>)> {
    let response = request(server.addr, "GET", path, &[], b"").await?;
    Ok((
        response.status,
        response.header("Cache-Control").map(str::to_owned),
    ))
}

#[tokio::test]
async fn this_builds_files_are_kept_for_good_and_everything_else_is_checked() -> anyhow::Result<()>
{
    let (server, _web) = server_with_client(Some(VERSION)).await?;

    let (status, rule) = cache_control(&server, &format!("/assets/style.css?v={VERSION}")).await?;
    assert_eq!(status, 200);
    assert_eq!(rule.as_deref(), Some(FOREVER), "this build's file");

    for (path, what) in [
        ("/assets/style.css", "a file without a version"),
        (
            "/assets/style.css?v=0000000000000000",
            "another build's file",
        ),
        (
            "/assets/style.css?version=0123456789abcdef",
            "another parameter",
        ),
        ("/", "the page"),
    ] {
        let (status, rule) = cache_control(&server, path).await?;
        assert_eq!(status, 200, "{what}");
        assert_eq!(rule.as_deref(), Some("no-cache"), "{what}: {path}");
    }

    let (status, rule) = cache_control(&server, &format!("/assets/missing.js?v={VERSION}")).await?;
    assert_eq!(status, 404);
    assert_ne!(rule.as_deref(), Some(FOREVER), "a missing file is not kept");
    Ok(())
}

#[tokio::test]
async fn a_client_built_without_a_version_is_always_checked() -> anyhow::Result<()> {
    let (server, _web) = server_with_client(None).await?;
    for path in [
        "/assets/style.css?v=",
        "/assets/style.css?v=anything",
        "/assets/style.css",
    ] {
        let (status, rule) = cache_control(&server, path).await?;
        assert_eq!(status, 200, "{path}");
        assert_eq!(rule.as_deref(), Some("no-cache"), "{path}");
    }
    Ok(())
}

/// The versioned addresses of `text` (`/assets/…?v=…`), up to their closing quote.
fn versioned_addresses(text: &str) -> Vec<String> {
    text.split(['"', '\''])
        .filter(|part| part.starts_with("/assets/") && part.contains("?v="))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_built_page_names_its_files_with_the_version_browsers_keep() -> anyhow::Result<()> {
    let dist = ovaal_tests::server::web_dist();
    let version = std::fs::read_to_string(dist.join("version")).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the client first (`cargo xtask build-web`).",
            dist.join("version").display()
        )
    });
    let version = version.trim().to_owned();
    let server = TestServer::start_configured(move |config| config.web_dir = dist).await?;

    let page = request(server.addr, "GET", "/", &[], b"").await?;
    let boot = request(
        server.addr,
        "GET",
        &format!("/assets/boot.js?v={version}"),
        &[],
        b"",
    )
    .await?;
    let mut addresses = versioned_addresses(&String::from_utf8_lossy(&page.body));
    addresses.extend(versioned_addresses(&String::from_utf8_lossy(&boot.body)));
    for file in ["style.css", "boot.js", "ovaal_web.js", "ovaal_web_bg.wasm"] {
        assert!(
            addresses.contains(&format!("/assets/{file}?v={version}")),
            "the page or boot.js names /assets/{file} with the build's version: {addresses:?}"
        );
    }
    for address in &addresses {
        let (status, rule) = cache_control(&server, address).await?;
        assert_eq!(status, 200, "{address}");
        assert_eq!(rule.as_deref(), Some(FOREVER), "{address}");
    }
    Ok(())
}
