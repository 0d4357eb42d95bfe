//! Wrong join codes are counted for the whole cluster: guesses spread over the nodes
//! behind a balancer get no more answers than guesses sent to one node, and a right
//! code does not use up anyone's allowance. Nothing refills while the test runs (one
//! token an hour).

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use serde_json::json;

use ovaal_server::Limits;
use ovaal_server::config::{Allowance, JoinCodeLimits};
use ovaal_tests::cluster::TestCluster;
use ovaal_tests::http::{get_from, post_json};

const GUESSER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));
const OTHER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

fn limits() -> Limits {
    let allowance = |burst| Allowance {
        burst,
        refill_every: Duration::from_secs(3600),
    };
    Limits {
        join_codes: JoinCodeLimits {
            per_client: allowance(4),
            everyone: allowance(100),
            ..JoinCodeLimits::join_codes()
        },
        ..Limits::default()
    }
}

#[tokio::test]
async fn guesses_spread_over_nodes_share_one_allowance() -> anyhow::Result<()> {
    let cluster = TestCluster::start_with(3, limits()).await?;
    let created = post_json(
        cluster.nodes[0].addr,
        "/api/sessions",
        &json!({"title": "Leerkring"}),
    )
    .await?;
    assert_eq!(created.status, 201);
    let right = created.json()?["join_code"]
        .as_str()
        .unwrap_or_default()
        .replace('-', "");
    let node = |n: usize| cluster.nodes[n % cluster.nodes.len()].addr;

    // A right code, on every node, costs nothing.
    for n in 0..3 {
        let found = get_from(GUESSER, node(n), &format!("/api/join/{right}")).await?;
        assert_eq!(found.status, 200, "{found:?}");
    }
    // Four wrong codes, one node after the other: each node alone would answer four.
    let wrong = |n: u32| format!("ZZZZ{n:04}");
    for n in 0..4 {
        let answer = get_from(
            GUESSER,
            node(n as usize),
            &format!("/api/join/{}", wrong(n)),
        )
        .await?;
        assert_eq!(answer.status, 404, "guess {n}: {answer:?}");
    }
    for n in 4..7 {
        let answer = get_from(
            GUESSER,
            node(n as usize),
            &format!("/api/join/{}", wrong(n)),
        )
        .await?;
        answer.assert_rate_limited(
            "too_many_attempts",
            3600,
            "a guess past the shared allowance",
        );
    }
    // Another address still has its own allowance, on any node.
    let other = get_from(OTHER, node(2), &format!("/api/join/{}", wrong(9))).await?;
    assert_eq!(other.status, 404, "{other:?}");
    Ok(())
}
