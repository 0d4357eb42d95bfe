//! Waiting for the control document: the server sends it when a client joins, and a
//! test reads or edits it only once it has arrived (settings and plan), as the browser
//! does. One wait for every test that reads the plan, and one opening
//! ([`connect_facilitator`]) for every test that runs the session.

use ovaal_shared::DocName;
use ovaal_shared::board::control::read_settings;
use ovaal_shared::board::facilitation::read_facilitation;

use crate::ProtocolClient;

/// Connects to `url` with the facilitator's `token` and waits for the control
/// document, so the plan can be read and the settings edited right away.
pub async fn connect_facilitator(url: &str, token: &str) -> anyhow::Result<ProtocolClient> {
    let mut facilitator = ProtocolClient::connect(url, token).await?;
    wait_for_control(&mut facilitator).await?;
    Ok(facilitator)
}

/// Handles frames until the control document with its settings and plan is here.
pub async fn wait_for_control(client: &mut ProtocolClient) -> anyhow::Result<()> {
    client
        .wait_until("the control document", |c| {
            c.docs.get(&DocName::Control).is_some_and(|d| {
                read_settings(d).is_some() && !read_facilitation(d).plan.is_empty()
            })
        })
        .await
}
