//! The backstop that keeps the promise of docs/api.md: every 4xx and 5xx has a JSON
//! body. Handlers answer with [`AppError`] already; what reaches here without a JSON
//! body comes from axum or a file service (a rejection in plain text, an empty 404 for
//! a missing asset) and is answered as `AppError::Status` with the same status and
//! the same other headers (`Allow`, `Retry-After`).

use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !is_error || is_json {
        return response;
    }
    let (parts, _plain_body) = response.into_parts();
    let mut answer = AppError::Status(status).into_response();
    for (name, value) in &parts.headers {
        let describes_old_body = [
            CONTENT_TYPE,
            CONTENT_LENGTH,
            CONTENT_ENCODING,
            TRANSFER_ENCODING,
        ]
        .contains(name);
        if !describes_old_body {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    answer
}
