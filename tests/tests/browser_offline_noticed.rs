//! The network goes away while the socket still looks open: the page says so within
//! seconds (not the minute a dead TCP path can take), and reconnects by itself when
//! the network is back.
//!
//! Two ways a network goes: the browser knows it is offline (Chromium's network
//! emulation fires `offline`), or the path silently stops carrying bytes (a proxy in
//! front of the server that holds the connections open and forwards nothing), which
//! only the page's ping and its silence limit notice.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{join, require_client};
use ovaal_tests::browser::{Browser, Page};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

const WAIT: Duration = Duration::from_secs(30);

/// Waits for the pill to say `state` and returns how long that took.
async fn pill_says(page: &Page, state: &str, deadline: Duration) -> Result<Duration> {
    let start = Instant::now();
    page.wait_for(
        &format!(
            "document.body.dataset.connection === {state:?} \
             && document.querySelector('#connection-pill').dataset.state === {state:?}"
        ),
        deadline,
    )
    .await?;
    Ok(start.elapsed())
}

#[tokio::test]
async fn the_browser_going_offline_shows_at_once_and_heals() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Wifi weg").await?;
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    join(&anna, &session.participant_url, "Anna", None).await?;

    let conditions = |offline: bool| json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    anna.call("Network.enable", json!({})).await?;
    anna.call("Network.emulateNetworkConditions", conditions(true))
        .await?;
    let took = pill_says(&anna, "offline", Duration::from_secs(3)).await?;
    eprintln!("offline shown after {took:?}");
    anna.screenshot(env!("CARGO_MANIFEST_DIR").to_owned() + "/artifacts/offline-pill.png")
        .await?;

    anna.call("Network.emulateNetworkConditions", conditions(false))
        .await?;
    pill_says(&anna, "connected", Duration::from_secs(15)).await?;
    drop(server);
    Ok(())
}

#[tokio::test]
async fn a_silent_network_path_is_noticed_within_seconds() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Stille lijn").await?;
    let (cut, proxy) = blackhole_proxy(server.addr).await?;
    let url = session
        .participant_url
        .replace(&server.addr.to_string(), &proxy.to_string());
    let browser = Browser::launch().await?;
    let anna = browser.new_page(1280, 800).await?;
    join(&anna, &url, "Anna", None).await?;

    // Quiet for a while first: a healthy but idle connection stays connected.
    tokio::time::sleep(Duration::from_secs(13)).await;
    ensure!(
        anna.eval("document.body.dataset.connection").await? == "connected",
        "an idle, healthy connection was given up"
    );

    cut.send_replace(true);
    let start = Instant::now();
    anna.wait_for(
        "document.body.dataset.connection !== 'connected' \
         && document.querySelector('#connection-pill').dataset.state !== 'connected'",
        Duration::from_secs(15),
    )
    .await?;
    let took = start.elapsed();
    eprintln!("silence noticed after {took:?}");
    ensure!(
        took <= Duration::from_secs(14),
        "the dead path was noticed after {took:?}"
    );

    cut.send_replace(false);
    pill_says(&anna, "connected", WAIT).await?;
    drop(server);
    Ok(())
}

/// A TCP proxy to `target`. While the returned switch is `true` it forwards nothing
/// and keeps every connection open (a dead network path, as the endpoints see it);
/// when it turns `false` again it closes those connections, as a recovering network
/// does with the ones that timed out.
async fn blackhole_proxy(target: SocketAddr) -> Result<(watch::Sender<bool>, SocketAddr)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (cut, _) = watch::channel(false);
    let switch = cut.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let mut cut = switch.subscribe();
            tokio::spawn(async move {
                if !*cut.borrow() {
                    let Ok(mut upstream) = TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut upstream) => return,
                        _ = cut.wait_for(|c| *c) => {}
                    }
                    // Cut: hold both ends open, forwarding nothing.
                    let _ = cut.wait_for(|c| !*c).await;
                    return;
                }
                let _ = cut.wait_for(|c| !*c).await;
            });
        }
    });
    Ok((cut, addr))
}
