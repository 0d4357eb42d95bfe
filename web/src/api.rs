//! The HTTP API the client uses: creating a session and looking up a join code here,
//! the facilitator's calls in [`crate::session_api`]. Parsing an answer is kept apart
//! from fetching it so the host tests can check both the success and the error shapes.

use ovaal_shared::board::Method;
use ovaal_shared::http_api::{
    ApiErrorCode, CreateSessionRequest, CreatedSession, ErrorBody, JoinTarget,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer at all (server down, offline).
    #[error("the server could not be reached: {0}")]
    Network(String),
    /// The server refused, with its own explanation (shown to the person).
    #[error("{message}")]
    Refused {
        status: u16,
        code: ApiErrorCode,
        message: String,
    },
    /// An answer we do not understand.
    #[error("unexpected answer from the server ({status}): {detail}")]
    Unexpected { status: u16, detail: String },
}

/// Where the browser is: its zone's name and its offset from UTC now (minutes east),
/// sent with a new session so the attendance record shows the group's own clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowserZone {
    pub name: Option<String>,
    pub offset_minutes: Option<i64>,
}

/// The request to make a session, with the browser's zone when it knows one.
pub fn create_request(title: &str, method: Method, zone: &BrowserZone) -> CreateSessionRequest {
    CreateSessionRequest {
        time_zone: zone.name.clone(),
        utc_offset_minutes: zone.offset_minutes,
        ..CreateSessionRequest::new(title, method)
    }
}

/// This browser's zone (`Intl`) and offset (`Date`).
#[cfg(target_arch = "wasm32")]
pub fn browser_zone() -> BrowserZone {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let name = js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|n| !n.is_empty() && n.len() <= 60);
    // `getTimezoneOffset` counts minutes west of UTC.
    let west = js_sys::Date::new_0().get_timezone_offset();
    BrowserZone {
        name,
        // Minutes: within a day either way.
        offset_minutes: west.is_finite().then(|| -ovaal_shared::float::to_i64(west)),
    }
}

/// Interprets the answer to `POST /api/sessions`.
pub fn parse_create_response(status: u16, body: &str) -> Result<CreatedSession, ApiError> {
    parse_response(status, body)
}

/// Interprets the answer to `GET /api/join/{code}`; an unknown code is
/// `Refused { code: "unknown_join_code", .. }`.
pub fn parse_join_response(status: u16, body: &str) -> Result<JoinTarget, ApiError> {
    parse_response(status, body)
}

/// The server's error, or `Ok` for a success status (for answers without a body).
pub fn parse_status(status: u16, body: &str) -> Result<(), ApiError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    // `IgnoredAny`, not `serde_json::Value`: reading into a `Value` would compile
    // `Value`'s whole deserializer into the client for a body nobody reads.
    parse_response::<serde::de::IgnoredAny>(status, body).map(|_| ())
}

/// A request body as JSON. Serialising these plain structs cannot fail; an empty
/// object would be refused by the server with its own message.
#[cfg(target_arch = "wasm32")]
pub(crate) fn to_json<T: serde::Serialize>(body: &T) -> String {
    serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned())
}

pub(crate) fn parse_response<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &str,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(|e| ApiError::Unexpected {
            status,
            detail: e.to_string(),
        });
    }
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(ErrorBody { error }) => Err(ApiError::Refused {
            status,
            code: error.code,
            message: error.message,
        }),
        Err(_) => Err(ApiError::Unexpected {
            status,
            detail: body.chars().take(200).collect(),
        }),
    }
}

/// Creates a session through the API, with the server's creation key when the
/// browser has one.
#[cfg(target_arch = "wasm32")]
pub async fn create_session(
    title: &str,
    method: Method,
    create_token: Option<&str>,
) -> Result<CreatedSession, ApiError> {
    let (status, text) = fetch(
        "POST",
        ovaal_shared::http_api::paths::SESSIONS,
        create_token,
        Some(&to_json(&create_request(title, method, &browser_zone()))),
    )
    .await?;
    parse_create_response(status, &text)
}

/// A new session from a JSON export (`POST /api/sessions/import`); the answer is like
/// creating one.
#[cfg(target_arch = "wasm32")]
pub async fn import_session(
    export_json: &str,
    create_token: Option<&str>,
) -> Result<CreatedSession, ApiError> {
    let (status, text) = fetch(
        "POST",
        ovaal_shared::http_api::paths::IMPORT,
        create_token,
        Some(export_json),
    )
    .await?;
    parse_create_response(status, &text)
}

/// Looks up where a typed join code leads.
#[cfg(target_arch = "wasm32")]
pub async fn lookup_join_code(code: &str) -> Result<JoinTarget, ApiError> {
    let (status, text) = fetch(
        "GET",
        &ovaal_shared::http_api::paths::join(code),
        None,
        None,
    )
    .await?;
    parse_join_response(status, &text)
}

#[cfg(target_arch = "wasm32")]
fn network(e: wasm_bindgen::JsValue) -> ApiError {
    ApiError::Network(crate::dom::js_message(&e))
}

/// Sends one request; `bearer` is a link's token (it travels in a header, never in
/// the address, so it stays out of logs).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn send(
    method: &str,
    url: &str,
    bearer: Option<&str>,
    body: Option<&str>,
) -> Result<web_sys::Response, ApiError> {
    send_with(method, url, bearer, body, &[]).await
}

/// [`send`] with further headers (the case-holder proves who they are with two).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn send_with(
    method: &str,
    url: &str,
    bearer: Option<&str>,
    body: Option<&str>,
    extra: &[(&str, &str)],
) -> Result<web_sys::Response, ApiError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(network)?;
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
        headers
            .set("Content-Type", "application/json")
            .map_err(network)?;
    }
    if let Some(token) = bearer {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(network)?;
    }
    for (name, value) in extra {
        headers.set(name, value).map_err(network)?;
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(network)?;
    let window = crate::dom::window().map_err(|e| ApiError::Network(e.to_string()))?;
    JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)
}

/// The body of an answer as text.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn text_of(response: &web_sys::Response) -> Result<String, ApiError> {
    let promise = response.text().map_err(network)?;
    Ok(wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default())
}

/// One JSON request; the answer's status and body.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn fetch(
    method: &str,
    url: &str,
    bearer: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), ApiError> {
    let response = send(method, url, bearer, body).await?;
    let text = text_of(&response).await?;
    Ok((response.status(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_body() {
        let body = serde_json::to_value(create_request(
            "Team \"Noord\"",
            Method::CaseClinic,
            &BrowserZone::default(),
        ))
        .unwrap();
        assert_eq!(body["title"], "Team \"Noord\"");
        assert_eq!(body["method"], "case-clinic");
        assert!(body.get("time_zone").is_none());
        let zone = BrowserZone {
            name: Some("Europe/Amsterdam".into()),
            offset_minutes: Some(60),
        };
        let body = serde_json::to_value(create_request("T", Method::Free, &zone)).unwrap();
        assert_eq!(body["time_zone"], "Europe/Amsterdam");
        assert_eq!(body["utc_offset_minutes"], 60);
    }

    #[test]
    fn created_and_refused_answers() {
        let ok = r#"{"id":"abcdefgh","title":"T","method":"free","links":{"facilitator":"/s/abcdefgh#token=f","participant":"/s/abcdefgh#token=p","observer":"/s/abcdefgh#token=o","room_screen":"/s/abcdefgh#token=r&join=K7PM4QXA"},"join_code":"K7PM-4QXA"}"#;
        let created = parse_create_response(201, ok).unwrap();
        assert_eq!(created.links.observer, "/s/abcdefgh#token=o");
        assert_eq!(
            created.links.room_screen,
            "/s/abcdefgh#token=r&join=K7PM4QXA"
        );
        assert_eq!(created.join_code, "K7PM-4QXA");
        let refused = parse_create_response(
            422,
            r#"{"error":{"code":"invalid","message":"A title is needed"}}"#,
        );
        assert_eq!(refused.unwrap_err().to_string(), "A title is needed");
        assert!(matches!(
            parse_create_response(502, "<html>Bad gateway</html>"),
            Err(ApiError::Unexpected { status: 502, .. })
        ));
        assert!(matches!(
            parse_create_response(201, "{}"),
            Err(ApiError::Unexpected { .. })
        ));
    }

    #[test]
    fn join_code_answers() {
        let ok =
            r#"{"id":"abcdefgh","title":"Leerkring","link":"http://h/s/abcdefgh#token=K7PM4QXA"}"#;
        assert_eq!(
            parse_join_response(200, ok).unwrap().link,
            "http://h/s/abcdefgh#token=K7PM4QXA"
        );
        let unknown = parse_join_response(
            404,
            r#"{"error":{"code":"unknown_join_code","message":"no such code"}}"#,
        );
        assert!(matches!(
            unknown,
            Err(ApiError::Refused {
                status: 404,
                code: ApiErrorCode::UnknownJoinCode,
                ..
            })
        ));
    }
}
