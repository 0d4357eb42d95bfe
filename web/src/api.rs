//! The HTTP API the client uses: creating a session. Parsing the answer is kept apart
//! from fetching it so the host tests can check both the success and the error shape.

use ovaal_shared::board::Method;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer at all (server down, offline).
    #[error("the server could not be reached: {0}")]
    Network(String),
    /// The server refused, with its own explanation (shown to the person).
    #[error("{message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// An answer we do not understand.
    #[error("unexpected answer from the server ({status}): {detail}")]
    Unexpected { status: u16, detail: String },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Links {
    pub facilitator: String,
    pub participant: String,
    pub observer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct CreatedSession {
    pub id: String,
    pub title: String,
    pub links: Links,
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
}

/// The JSON body of `POST /api/sessions`.
pub fn create_request(title: &str, method: Method) -> String {
    serde_json::json!({ "title": title, "method": method.as_str() }).to_string()
}

/// Interprets the answer to `POST /api/sessions`.
pub fn parse_create_response(status: u16, body: &str) -> Result<CreatedSession, ApiError> {
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

/// Creates a session through the API.
#[cfg(target_arch = "wasm32")]
pub async fn create_session(title: &str, method: Method) -> Result<CreatedSession, ApiError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::dom::js_message;

    let network = |e: wasm_bindgen::JsValue| ApiError::Network(js_message(&e));
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&create_request(
        title, method,
    )));
    let headers = web_sys::Headers::new().map_err(network)?;
    headers
        .set("Content-Type", "application/json")
        .map_err(network)?;
    headers.set("Accept", "application/json").map_err(network)?;
    init.set_headers(&headers);
    let request =
        web_sys::Request::new_with_str_and_init("/api/sessions", &init).map_err(network)?;
    let window = crate::dom::window().map_err(|e| ApiError::Network(e.to_string()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    parse_create_response(response.status(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_body() {
        let body: serde_json::Value =
            serde_json::from_str(&create_request("Team \"Noord\"", Method::CaseClinic)).unwrap();
        assert_eq!(body["title"], "Team \"Noord\"");
        assert_eq!(body["method"], "case-clinic");
    }

    #[test]
    fn created_and_refused_answers() {
        let ok = r#"{"id":"abcdefgh","title":"T","links":{"facilitator":"/s/abcdefgh#token=f","participant":"/s/abcdefgh#token=p","observer":"/s/abcdefgh#token=o"}}"#;
        let created = parse_create_response(201, ok).unwrap();
        assert_eq!(created.links.observer, "/s/abcdefgh#token=o");
        let refused = parse_create_response(
            422,
            r#"{"error":{"code":"invalid_title","message":"A title is needed"}}"#,
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
}
