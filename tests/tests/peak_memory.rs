//! A frame's claims are not allocations: an 18-byte Step1 whose state vector claims
//! 2^29 entries must not make the server reserve memory for them. Measured on the real
//! binary as its peak resident memory (`VmHWM`).

use ovaal_shared::DocName;
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::protocol::lib0::Encoder;
use ovaal_shared::protocol::{ClientMessage, SyncMessage};
use ovaal_tests::ProtocolClient;
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

/// What the server may grow by while handling the frame: far below what 2^29 state
/// vector entries would take (gigabytes), far above the noise of a few connections.
const MAX_GROWTH: u64 = 64 << 20;

#[tokio::test]
async fn a_state_vector_claiming_2_pow_29_entries_allocates_nothing_large() -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let server = ServerProcess::start(&ovaal_binary()?, free_addr()?, data.path(), &[]).await?;
    let session = create_session_at(server.addr, "Geheugen", Method::Free).await?;
    let url = ovaal_tests::server::ws_url_at(server.addr, &session.id);
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    observer.round_trip().await?;
    let before = server.peak_rss_bytes()?;

    // Step1 data: varUint(2^29) entries, then a few bytes (one client id and clock).
    let mut claim = Encoder::with_capacity(8);
    claim.var_uint(1 << 29);
    let mut state_vector = claim.finish();
    state_vector.extend_from_slice(&[1, 1]);
    let step1 = ClientMessage::Sync {
        doc: DocName::Control,
        message: SyncMessage::Step1(state_vector),
    };
    let frame = step1.encode();
    observer.send_raw(frame).await?;
    // The state vector cannot be read: the connection is closed as malformed, which
    // also says the frame has been handled.
    let closed = observer.wait_closed().await?;
    assert_eq!(
        closed.error.map(|e| e.0),
        Some(ovaal_shared::protocol::ErrorCode::MalformedMessage)
    );

    let health = ovaal_tests::http::get(server.addr, "/healthz", &[]).await?;
    assert_eq!(health.status, 200, "the server no longer answers /healthz");
    let grown = server.peak_rss_bytes()?.saturating_sub(before);
    assert!(
        grown < MAX_GROWTH,
        "the peak resident memory grew by {} MiB",
        grown >> 20
    );

    // And it still stores a card.
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    facilitator
        .add_card(CardKind::Theme, "na de aanval")
        .await?;
    facilitator.wait_stored().await?;
    Ok(())
}

/// A storm of malformed and hostile input from many connections at once: the figure
/// for docs/security.md, and a bound that fails if any of it is taken at its word.
#[tokio::test]
async fn a_storm_of_malformed_input_keeps_memory_flat() -> anyhow::Result<()> {
    use ovaal_tests::hostile::{card_fields, hex, raw_card};
    let data = tempfile::tempdir()?;
    let server = ServerProcess::start(&ovaal_binary()?, free_addr()?, data.path(), &[]).await?;
    let session = create_session_at(server.addr, "Storm", Method::Free).await?;
    let url = ovaal_tests::server::ws_url_at(server.addr, &session.id);
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    observer.round_trip().await?;
    let before = server.peak_rss_bytes()?;

    let mut claims = Encoder::with_capacity(8);
    claims.var_uint(1 << 29);
    let mut huge_claim = claims.finish();
    huge_claim.extend_from_slice(&[1, 1]);
    let scratch = yrs::Doc::new();
    let huge_card = raw_card(&scratch, "card-huge-1", card_fields(&"x".repeat(900_000)));
    let inputs: Vec<Vec<u8>> = vec![
        hex(
            "010201ffffffff0f270105636172647308636172643030303101280001ffffffff0f04746578740177017800",
        ),
        hex(
            "010282f1c7c20600040101740461626361626323010563617264730e6c374d674f626147476333745167000182f1c7c206010002",
        ),
        huge_claim,
        huge_card,
        vec![0xff; 200_000],
        [vec![0x80, 0x80, 0x80, 0x80, 0x08], vec![0; 64]].concat(),
    ];
    let rounds = 8;
    let mut writers = Vec::new();
    for _ in 0..8 {
        writers.push(ProtocolClient::connect(&url, &session.participant).await?);
    }
    for _ in 0..rounds {
        for writer in &mut writers {
            let own = writer.my_doc_name();
            for input in &inputs {
                writer.send_update(&own, input.clone()).await?;
            }
        }
        for writer in &mut writers {
            let expected = writer.refusals.len() + inputs.len();
            writer
                .wait_until("every hostile write answered", |c| {
                    c.refusals.len() >= expected
                })
                .await?;
        }
    }
    let grown = server.peak_rss_bytes()?.saturating_sub(before);
    println!(
        "storm: {} hostile writes from {} connections, peak resident memory grew by {:.1} MiB",
        rounds * writers.len() * inputs.len(),
        writers.len(),
        grown as f64 / f64::from(1 << 20)
    );
    assert!(grown < MAX_GROWTH, "grew by {} MiB", grown >> 20);
    let health = ovaal_tests::http::get(server.addr, "/healthz", &[]).await?;
    assert_eq!(health.status, 200);
    Ok(())
}
