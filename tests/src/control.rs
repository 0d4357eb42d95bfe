//! Waiting for the control document: the server sends it when a client joins, and a
//! test reads or edits it only once it has arrived (settings and plan), as the browser
//! does. One wait for every test that opens as the facilitator.

use ovaal_shared::DocName;
use ovaal_shared::board::control::read_settings;
use ovaal_shared::board::facilitation::read_facilitation;

use crate::ProtocolClient;

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
