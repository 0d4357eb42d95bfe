//! The next session of an arc starts from the earlier one: themes, actions and chosen
//! cards carry over, marked with where they came from; the new session has new links;
//! the Oogst holds the whole arc's harvest.

use ovaal_shared::DocName;
use ovaal_shared::board::carried::read_carried;
use ovaal_shared::board::control::read_settings;
use ovaal_shared::board::triage::card_key;
use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::http::{get, request, with_token};
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer};
use serde_json::{Value, json};

async fn next(
    server: &TestServer,
    from: &SessionLinks,
    body: Value,
) -> anyhow::Result<(u16, Value)> {
    let path = format!("/api/sessions/{}/next", from.id);
    let body = serde_json::to_vec(&body)?;
    let r = with_token(server.addr, "POST", &path, &from.facilitator, &body).await?;
    let json = r.json().unwrap_or(Value::Null);
    Ok((r.status, json))
}

fn links_of(json: &Value) -> anyhow::Result<SessionLinks> {
    ovaal_tests::server::links_from(json)
}

async fn carried_texts(
    server: &TestServer,
    s: &SessionLinks,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut c = ProtocolClient::connect(&server.ws_url(&s.id), &s.observer).await?;
    c.round_trip().await?;
    c.send_step1(&DocName::Carried).await?;
    c.round_trip().await?;
    let mut out: Vec<(String, String)> = read_carried(c.doc(&DocName::Carried))
        .into_iter()
        .map(|card| (card.text, card.from_title))
        .collect();
    out.sort();
    Ok(out)
}

#[tokio::test]
async fn a_mastercircle_arc_carries_its_harvest_to_the_oogst() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let urgentie = server
        .create_session_with("Urgentie", Method::MastercircleUrgentie)
        .await?;
    let mut anna =
        ProtocolClient::connect(&server.ws_url(&urgentie.id), &urgentie.participant).await?;
    anna.join_table("Anna", 1).await?;
    anna.add_card(CardKind::Theme, "Eigenaarschap in het team")
        .await?;
    anna.add_card(CardKind::Question, "Wie beslist er nu eigenlijk?")
        .await?;
    let advice = anna
        .add_card(CardKind::Advice, "Begin bij de teamleiders")
        .await?;
    anna.add_card(CardKind::Action, "Gesprek met de directeur")
        .await?;
    anna.wait_stored().await?;

    // Only the facilitator starts the next session.
    let denied = request(
        server.addr,
        "POST",
        &format!("/api/sessions/{}/next", urgentie.id),
        &[("Authorization", &format!("Bearer {}", urgentie.participant))],
        br#"{"title": "Opgave"}"#,
    )
    .await?;
    assert_eq!(denied.status, 403);

    let chosen = card_key(anna.participant(), &advice);
    let (status, opgave) = next(
        &server,
        &urgentie,
        json!({"title": "Opgave", "carry": [chosen]}),
    )
    .await?;
    assert_eq!(status, 201, "{opgave}");
    assert_eq!(
        opgave["method"], "mastercircle-opgave",
        "the arc's next method by default"
    );
    let opgave = links_of(&opgave)?;
    assert_ne!(opgave.id, urgentie.id);
    assert_ne!(
        opgave.facilitator, urgentie.facilitator,
        "the new session has new links"
    );
    assert_eq!(
        carried_texts(&server, &opgave).await?,
        [
            ("Begin bij de teamleiders".to_owned(), "Urgentie".to_owned()),
            (
                "Eigenaarschap in het team".to_owned(),
                "Urgentie".to_owned()
            ),
            ("Gesprek met de directeur".to_owned(), "Urgentie".to_owned()),
        ],
        "themes, actions and the chosen advice carry over; the question does not"
    );
    let mut check = ProtocolClient::connect(&server.ws_url(&opgave.id), &opgave.observer).await?;
    check.round_trip().await?;
    let settings = read_settings(check.doc(&DocName::Control)).expect("settings");
    assert_eq!(settings.method, Method::MastercircleOpgave);

    // On through the arc; each session adds an action.
    let mut current = opgave;
    for title in ["Omslag", "Toekomst", "Oogst"] {
        let mut p =
            ProtocolClient::connect(&server.ws_url(&current.id), &current.participant).await?;
        p.add_card(
            CardKind::Action,
            &format!("actie uit {}", current_title(&server, &current).await?),
        )
        .await?;
        p.wait_stored().await?;
        let (status, made) = next(&server, &current, json!({ "title": title })).await?;
        assert_eq!(status, 201, "{made}");
        current = links_of(&made)?;
    }
    let oogst = current;
    let harvest = carried_texts(&server, &oogst).await?;
    for expected in [
        ("Eigenaarschap in het team", "Urgentie"),
        ("Begin bij de teamleiders", "Urgentie"),
        ("actie uit Opgave", "Opgave"),
        ("actie uit Omslag", "Omslag"),
        ("actie uit Toekomst", "Toekomst"),
    ] {
        assert!(
            harvest.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "the Oogst lacks {expected:?}: {harvest:?}"
        );
    }

    let arc = get(
        server.addr,
        &format!("/api/sessions/{}/arc", oogst.id),
        &[("Authorization", &format!("Bearer {}", oogst.observer))],
    )
    .await?
    .json()?;
    let titles: Vec<&str> = arc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Urgentie", "Opgave", "Omslag", "Toekomst", "Oogst"]
    );
    let methods: Vec<&str> = arc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods.last(), Some(&"mastercircle-oogst"));
    Ok(())
}

async fn current_title(server: &TestServer, s: &SessionLinks) -> anyhow::Result<String> {
    let info = get(
        server.addr,
        &format!("/api/sessions/{}", s.id),
        &[("Authorization", &format!("Bearer {}", s.observer))],
    )
    .await?
    .json()?;
    Ok(info["title"].as_str().unwrap_or_default().to_owned())
}
