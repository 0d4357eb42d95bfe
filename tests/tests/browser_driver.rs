//! Tests of the CDP driver in `ovaal_tests::browser` itself, against small pages of its
//! own, so a failing end-to-end test can be trusted to be about Ovaal and not the driver.
//!
//! These need Chromium and fail (not skip) without it: `cargo xtask test` installs it.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_tests::browser::{Browser, Page};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const WAIT: Duration = Duration::from_secs(10);

/// A page with a button, a text field that records Enter, and an absolutely positioned
/// box that follows pointer drags.
const TEST_PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>
  body { margin: 0; font-family: sans-serif; }
  #box { position: absolute; left: 50px; top: 200px; width: 80px; height: 60px;
         background: steelblue; touch-action: none; }
</style></head><body>
<button id="button" onclick="this.textContent = 'clicked'">press me</button>
<input id="field" onkeydown="if (event.key === 'Enter') window.entered = this.value">
<div id="box"></div>
<script>
  const box = document.getElementById('box');
  let grab = null;
  box.addEventListener('pointerdown', e => {
    grab = { x: e.clientX - box.offsetLeft, y: e.clientY - box.offsetTop };
    box.setPointerCapture(e.pointerId);
  });
  box.addEventListener('pointermove', e => {
    if (!grab) return;
    box.style.left = (e.clientX - grab.x) + 'px';
    box.style.top = (e.clientY - grab.y) + 'px';
  });
  box.addEventListener('pointerup', () => { grab = null; });
</script></body></html>"#;

async fn open_test_page(browser: &Browser) -> Result<Page> {
    let page = browser.new_page(800, 600).await?;
    page.goto(&format!("data:text/html,{}", percent_encode(TEST_PAGE)))
        .await?;
    Ok(page)
}

#[tokio::test]
async fn clicks_types_and_presses_keys() -> Result<()> {
    let browser = Browser::launch().await?;
    let page = open_test_page(&browser).await?;

    page.click("#button").await?;
    let text = page
        .wait_for(
            "document.getElementById('button').textContent === 'clicked' && 'yes'",
            WAIT,
        )
        .await?;
    assert_eq!(text, json!("yes"));

    page.type_text("#field", "hello ovaal").await?;
    page.press_key("Enter").await?;
    page.wait_for("window.entered === 'hello ovaal'", WAIT)
        .await?;

    page.press_key("Backspace").await?;
    page.press_key("ArrowLeft").await?;
    page.press_key("X").await?;
    let value = page.eval("document.getElementById('field').value").await?;
    assert_eq!(value, json!("hello ovaXa"));

    let err = page
        .eval("(() => { throw new Error('bad thing') })()")
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("bad thing"), "{err:#}");
    let err = page
        .wait_for("false", Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("`false`"), "{err:#}");
    Ok(())
}

#[tokio::test]
async fn drags_by_pointer_deltas_and_takes_screenshots() -> Result<()> {
    let browser = Browser::launch().await?;
    let page = open_test_page(&browser).await?;
    let position = "(() => { const r = document.getElementById('box').getBoundingClientRect(); \
                    return [r.left, r.top]; })()";
    assert_eq!(page.eval(position).await?, json!([50, 200]));

    page.drag("#box", 120.0, -80.0).await?;
    page.wait_for(&format!("JSON.stringify({position}) === '[170,120]'"), WAIT)
        .await?;

    let dir = std::env::temp_dir().join(format!("ovaal-driver-{}", std::process::id()));
    let path = dir.join("nested").join("shot.png");
    page.screenshot(&path).await?;
    let png = std::fs::read(&path).context("the screenshot was not written")?;
    std::fs::remove_dir_all(&dir)?;
    ensure!(png.len() > 24, "PNG too short: {} bytes", png.len());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "first chunk is IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into()?);
    let height = u32::from_be_bytes(png[20..24].try_into()?);
    assert_eq!((width, height), (800, 600));

    page.set_viewport(400, 300).await?;
    page.wait_for("innerWidth === 400 && innerHeight === 300", WAIT)
        .await?;
    assert_eq!(page.console_errors().await, Vec::<String>::new());
    Ok(())
}

#[tokio::test]
async fn pages_are_separate_people_and_report_errors() -> Result<()> {
    let origin = serve_blank_page().await?;
    let browser = Browser::launch().await?;
    let mut alice = browser.new_page(800, 600).await?;
    let bob = browser.new_page(800, 600).await?;
    alice.goto(&origin).await?;
    bob.goto(&origin).await?;

    alice.eval("localStorage.setItem('who', 'alice')").await?;
    assert_eq!(
        alice.eval("localStorage.getItem('who')").await?,
        json!("alice")
    );
    assert_eq!(bob.eval("localStorage.getItem('who')").await?, json!(null));

    assert_eq!(alice.console_errors().await, Vec::<String>::new());
    alice.eval("console.error('visible', 42)").await?;
    alice
        .eval("setTimeout(() => { throw new Error('uncaught boom') })")
        .await?;
    let errors = wait_for_errors(&alice, 2).await?;
    assert!(errors[0].contains("visible 42"), "{errors:?}");
    assert!(errors[1].contains("uncaught boom"), "{errors:?}");
    assert_eq!(bob.console_errors().await, Vec::<String>::new());

    alice.set_element_timeout(Duration::from_millis(300));
    let err = alice.click("#missing").await.unwrap_err();
    assert!(format!("{err:#}").contains("#missing"), "{err:#}");
    Ok(())
}

/// Errors arrive as events, after the call that caused them has returned: poll for them
/// the way `wait_for` polls the page.
async fn wait_for_errors(page: &Page, count: usize) -> Result<Vec<String>> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let errors = page.console_errors().await;
        if errors.len() >= count {
            return Ok(errors);
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "expected {count} errors, got {errors:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Serves an empty HTML page on 127.0.0.1 (localStorage needs a real origin; `data:`
/// URLs have none) and returns its URL.
async fn serve_blank_page() -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let body = "<!doctype html><title>blank</title>";
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
            });
        }
    });
    Ok(url)
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
