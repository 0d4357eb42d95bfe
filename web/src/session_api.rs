//! The facilitator's HTTP calls about one session (docs/api.md): its links, removing
//! a person, ending, deleting, the next session of an arc, the arc itself, and the
//! harvest downloads. Every call carries the page's own token as
//! `Authorization: Bearer …` (the token is in the address fragment, which browsers
//! never send by themselves). Shapes and parsing are plain Rust, tested on the host.

use ovaal_shared::Role;
use ovaal_shared::export_format::ExportFormat;
use ovaal_shared::http_api::{ArcEntry, CreatedLink, LinkRecord, ListedLink};

use crate::api::{ApiError, parse_response};

/// The links in the order the panel shows them: oldest first, and the links made
/// together with the session (at one moment) in a fixed order — facilitator,
/// participants, their join code, masters, sponsors, observers, room screen — rather
/// than whatever order the store returns them in.
pub fn sorted_links(links: &[ListedLink]) -> Vec<ListedLink> {
    let rank = |link: &LinkRecord| match link.role {
        Role::Facilitator => 0,
        Role::Participant if link.label == ovaal_shared::link_label::JOIN_CODE => 2,
        Role::Participant => 1,
        Role::Master => 3,
        Role::Sponsor => 4,
        Role::Observer => 5,
        Role::RoomScreen => 6,
    };
    let mut sorted = links.to_vec();
    ovaal_shared::sort::sort_by_key(&mut sorted, |l| (l.record.created_ms, rank(&l.record)));
    sorted
}

/// The roles a facilitator can make a link for.
pub const LINK_ROLES: [Role; 6] = [
    Role::Participant,
    Role::Facilitator,
    Role::Master,
    Role::Sponsor,
    Role::Observer,
    Role::RoomScreen,
];

pub fn parse_links(status: u16, body: &str) -> Result<Vec<ListedLink>, ApiError> {
    parse_response(status, body)
}

pub fn parse_created_link(status: u16, body: &str) -> Result<CreatedLink, ApiError> {
    parse_response(status, body)
}

pub fn parse_arc(status: u16, body: &str) -> Result<Vec<ArcEntry>, ApiError> {
    parse_response(status, body)
}

/// The file name from `Content-Disposition: attachment; filename="…"`, else a plain one.
pub fn download_name(disposition: Option<&str>, format: ExportFormat) -> String {
    disposition
        .and_then(|d| d.split("filename=").nth(1))
        .map(|n| n.split(';').next().unwrap_or(n).trim().trim_matches('"'))
        .filter(|n| !n.is_empty() && !n.contains(['/', '\\']))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("ovaal-harvest.{}", format.ext()))
}

#[cfg(target_arch = "wasm32")]
pub use calls::*;

#[cfg(target_arch = "wasm32")]
mod calls {
    use super::*;
    use crate::api::{fetch, parse_status, send, to_json};
    use ovaal_shared::http_api::caseholder::{KEY_HEADER, PARTICIPANT_HEADER};
    use ovaal_shared::http_api::paths;
    use ovaal_shared::http_api::{CreatedSession, NewLinkRequest, NextSessionRequest};

    pub async fn list_links(session: &str, token: &str) -> Result<Vec<ListedLink>, ApiError> {
        let (status, body) = fetch("GET", &paths::links(session), Some(token), None).await?;
        parse_links(status, &body)
    }

    pub async fn create_link(
        session: &str,
        token: &str,
        role: Role,
        label: &str,
    ) -> Result<CreatedLink, ApiError> {
        let url = paths::links(session);
        let body = to_json(&NewLinkRequest::new(role, label));
        let (status, text) = fetch("POST", &url, Some(token), Some(&body)).await?;
        parse_created_link(status, &text)
    }

    /// A call answered with `204 No Content` on success.
    pub async fn call(method: &str, url: &str, token: &str) -> Result<(), ApiError> {
        let (status, body) = fetch(method, url, Some(token), None).await?;
        parse_status(status, &body)
    }

    /// `GET /api/sessions/{id}`: whether the session exists and this link opens it.
    pub async fn check_link(session: &str, token: &str) -> Result<(), ApiError> {
        call("GET", &paths::session(session), token).await
    }

    pub async fn revoke_link(session: &str, token: &str, link: &str) -> Result<(), ApiError> {
        call("DELETE", &paths::link(session, link), token).await
    }

    pub async fn remove_participant(
        session: &str,
        token: &str,
        participant: &str,
    ) -> Result<(), ApiError> {
        let url = paths::participant(session, participant);
        call("DELETE", &url, token).await
    }

    pub async fn end_session(session: &str, token: &str) -> Result<(), ApiError> {
        call("POST", &paths::end(session), token).await
    }

    pub async fn delete_session(session: &str, token: &str) -> Result<(), ApiError> {
        call("DELETE", &paths::session(session), token).await
    }

    pub async fn next_session(
        session: &str,
        token: &str,
        request: &NextSessionRequest,
    ) -> Result<CreatedSession, ApiError> {
        let url = paths::next(session);
        let body = to_json(request);
        let (status, text) = fetch("POST", &url, Some(token), Some(&body)).await?;
        crate::api::parse_create_response(status, &text)
    }

    pub async fn arc(session: &str, token: &str) -> Result<Vec<ArcEntry>, ApiError> {
        let (status, body) = fetch("GET", &paths::arc(session), Some(token), None).await?;
        parse_arc(status, &body)
    }

    /// Downloads the harvest as a file: fetched with the token in a header, then
    /// handed to the browser through a temporary object URL.
    pub async fn download(
        session: &str,
        token: &str,
        format: ExportFormat,
        lang: &str,
    ) -> Result<(), ApiError> {
        let url = format!("{}?lang={lang}", paths::export(session, format));
        let response = send("GET", &url, Some(token), None).await?;
        save(response, format).await
    }

    /// The case-holder's own harvest (`caseholder.md` or `.pdf`): the participant
    /// link is the whole group's, so the page proves who it is with its id and key.
    pub async fn download_caseholder(
        session: &str,
        token: &str,
        identity: &crate::identity::Identity,
        format: ExportFormat,
        lang: &str,
    ) -> Result<(), ApiError> {
        let url = format!("{}?lang={lang}", paths::caseholder(session, format));
        let id = identity.participant.to_string();
        let headers = [
            (PARTICIPANT_HEADER, id.as_str()),
            (KEY_HEADER, identity.key.as_str()),
        ];
        let response = crate::api::send_with("GET", &url, Some(token), None, &headers).await?;
        save(response, format).await
    }

    /// Hands an export's answer to the browser as a download.
    async fn save(response: web_sys::Response, format: ExportFormat) -> Result<(), ApiError> {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;

        let network = |e: wasm_bindgen::JsValue| ApiError::Network(crate::dom::js_message(&e));
        if !response.ok() {
            let body = crate::api::text_of(&response).await?;
            return parse_status(response.status(), &body);
        }
        let disposition = response.headers().get("Content-Disposition").ok().flatten();
        let blob: web_sys::Blob = JsFuture::from(response.blob().map_err(network)?)
            .await
            .map_err(network)?
            .dyn_into()
            .map_err(network)?;
        let object_url = web_sys::Url::create_object_url_with_blob(&blob).map_err(network)?;
        let link = crate::dom::el("a")
            .attr("href", &object_url)
            .attr("download", &download_name(disposition.as_deref(), format))
            .attr("hidden", "")
            .cast::<web_sys::HtmlElement>();
        if let Ok(Some(body)) = crate::dom::document().map(|d| d.body()) {
            let _ = body.append_child(&link);
            link.click();
            link.remove();
        }
        // Give the download a moment to start before the URL is freed.
        crate::browser::set_timeout(30_000.0, move || {
            let _ = web_sys::Url::revoke_object_url(&object_url);
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_status;

    #[test]
    fn links_and_created_links_parse() {
        let list = r#"[{"id":"Xq3k9LmPzA0b","role":"facilitator","label":"facilitator","created_ms":1,"current":false},
                       {"id":"T0mv2c8Yh1Qe","role":"participant","label":"join code","created_ms":2,"current":true}]"#;
        let links = parse_links(200, list).unwrap();
        assert_eq!(links.len(), 2);
        assert!(!links[0].current && links[1].current);
        assert_eq!(links[1].record.role, Role::Participant);
        let created = parse_created_link(
            201,
            r#"{"id":"b7Qw0PzLx2Ke","role":"sponsor","label":"","created_ms":3,"link":"http://h/s/x#token=t"}"#,
        )
        .unwrap();
        assert_eq!(created.record.role, Role::Sponsor);
        assert_eq!(created.link, "http://h/s/x#token=t");
        assert!(matches!(
            parse_links(
                403,
                r#"{"error":{"code":"facilitator_only","message":"no"}}"#
            ),
            Err(ApiError::Refused { status: 403, .. })
        ));
    }

    #[test]
    fn links_made_together_come_in_a_fixed_order() {
        let link = |role: Role, label: &str, at: i64| ListedLink {
            record: LinkRecord {
                id: format!("{role}-{label}"),
                role,
                label: label.to_owned(),
                created_ms: at,
            },
            current: false,
        };
        let stored = [
            link(Role::Master, "Sanne", 9),
            link(Role::RoomScreen, "room screen", 1),
            link(Role::Participant, "join code", 1),
            link(Role::Observer, "observers", 1),
            link(Role::Facilitator, "facilitator", 1),
            link(Role::Participant, "participants", 1),
        ];
        let order: Vec<String> = sorted_links(&stored)
            .into_iter()
            .map(|l| l.record.id)
            .collect();
        assert_eq!(
            order,
            [
                "facilitator-facilitator",
                "participant-participants",
                "participant-join code",
                "observer-observers",
                "room_screen-room screen",
                "master-Sanne",
            ]
        );
    }

    #[test]
    fn arc_and_statuses() {
        let arc = parse_arc(
            200,
            r#"[{"id":"aaaaaaaa","title":"Urgentie","method":"mastercircle-urgentie","created_ms":1,"ended_ms":2},
                {"id":"bbbbbbbb","title":"Opgave","method":"mastercircle-opgave","created_ms":3,"ended_ms":null}]"#,
        )
        .unwrap();
        assert_eq!(arc[1].ended_ms, None);
        assert!(parse_status(204, "").is_ok());
        assert!(parse_status(404, r#"{"error":{"code":"unknown_link","message":"x"}}"#).is_err());
    }

    #[test]
    fn download_names() {
        assert_eq!(
            download_name(
                Some(r#"attachment; filename="team-zuid-harvest.pdf""#),
                ExportFormat::Pdf
            ),
            "team-zuid-harvest.pdf"
        );
        assert_eq!(
            download_name(None, ExportFormat::Markdown),
            "ovaal-harvest.md"
        );
        assert_eq!(
            download_name(Some("attachment; filename=\"../x\""), ExportFormat::Csv),
            "ovaal-harvest.csv"
        );
    }
}
