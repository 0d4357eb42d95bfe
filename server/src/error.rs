//! The one error type of the HTTP API. Clients get a status and a JSON body
//! `{"error": {"code": "...", "message": "..."}}`; internal details go to the log only.

use axum::Json;
use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::storage::StorageError;
use crate::tokens::RandomError;
use ovaal_shared::board::BoardError;
use ovaal_shared::http_api::{ApiErrorCode, ErrorBody};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Invalid(#[from] BoardError),
    #[error("{0}")]
    InvalidZone(#[from] crate::time_zone::ZoneError),
    #[error("this request needs a token: send the link's token as 'Authorization: Bearer <token>'")]
    MissingToken,
    #[error("this link is not valid for this session")]
    WrongToken,
    #[error("only the facilitator may do this")]
    FacilitatorOnly,
    /// The case-holder's harvest asked for by someone not in the hot seat.
    #[error(
        "only the case-holder may download this: send the participant id and key of the \
         person in the hot seat as X-Ovaal-Participant and X-Ovaal-Key"
    )]
    CaseholderOnly,
    #[error("nobody sits in the hot seat")]
    NoCaseholder,
    #[error("there is no such link in this session")]
    UnknownLink,
    #[error("there is no such participant in this session")]
    UnknownParticipant,
    #[error("there is no session with this id")]
    UnknownSession,
    #[error("this join code does not open a session; check the code on the room screen")]
    UnknownJoinCode,
    /// Too many wrong join codes: from this client, or from everyone together.
    #[error(
        "too many wrong join codes have been tried; try again in {retry_after_s} s, or scan \
         the QR code on the room screen"
    )]
    TooManyAttempts { retry_after_s: u64 },
    /// Too many new sessions: from this client, or from everyone together.
    #[error("too many sessions have been made from here; try again in {retry_after_s} s")]
    TooManySessions { retry_after_s: u64 },
    /// The server has a creation secret (`--create-token`) and none was sent.
    #[error(
        "this server makes sessions only with its creation key: send it as \
         'Authorization: Bearer <key>'; ask whoever runs Ovaal here"
    )]
    CreateTokenRequired,
    #[error("this is not the creation key of this server")]
    CreateTokenWrong,
    #[error("there is nothing at this address")]
    NotFound,
    #[error("this address does not take this method")]
    MethodNotAllowed,
    /// A response without a body of its own (from axum or a file service), given one;
    /// the status is kept.
    #[error("this request cannot be answered")]
    Status(StatusCode),
    #[error("the web client has not been built: run `cargo xtask build-web`")]
    ClientNotBuilt,
    /// An import with a value that breaks the board's rules (422 `invalid`).
    #[error("{0}")]
    InvalidImport(String),
    #[error("{0}")]
    TooLarge(String),
    /// The session is quarantined (`storage::quarantine`): its stored data failed.
    #[error(
        "this session's stored data is damaged and cannot be exported; the server's log names \
         the session"
    )]
    SessionDamaged,
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Random(#[from] RandomError),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, ApiErrorCode) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, ApiErrorCode::BadRequest),
            AppError::Invalid(_) | AppError::InvalidZone(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, ApiErrorCode::Invalid)
            }
            AppError::MissingToken => (StatusCode::UNAUTHORIZED, ApiErrorCode::MissingToken),
            AppError::WrongToken => (StatusCode::FORBIDDEN, ApiErrorCode::WrongToken),
            AppError::FacilitatorOnly => (StatusCode::FORBIDDEN, ApiErrorCode::FacilitatorOnly),
            AppError::CaseholderOnly => (StatusCode::FORBIDDEN, ApiErrorCode::CaseholderOnly),
            AppError::NoCaseholder => (StatusCode::NOT_FOUND, ApiErrorCode::NoCaseholder),
            AppError::UnknownLink => (StatusCode::NOT_FOUND, ApiErrorCode::UnknownLink),
            AppError::UnknownParticipant => {
                (StatusCode::NOT_FOUND, ApiErrorCode::UnknownParticipant)
            }
            AppError::UnknownSession => (StatusCode::NOT_FOUND, ApiErrorCode::UnknownSession),
            AppError::UnknownJoinCode => (StatusCode::NOT_FOUND, ApiErrorCode::UnknownJoinCode),
            AppError::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, ApiErrorCode::TooManyAttempts)
            }
            AppError::TooManySessions { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, ApiErrorCode::TooManySessions)
            }
            AppError::CreateTokenRequired => {
                (StatusCode::UNAUTHORIZED, ApiErrorCode::CreateTokenRequired)
            }
            AppError::CreateTokenWrong => {
                (StatusCode::UNAUTHORIZED, ApiErrorCode::CreateTokenWrong)
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, ApiErrorCode::NotFound),
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ApiErrorCode::MethodNotAllowed,
            ),
            AppError::Status(status) => (*status, code_of_status(*status)),
            AppError::ClientNotBuilt => (
                StatusCode::SERVICE_UNAVAILABLE,
                ApiErrorCode::ClientNotBuilt,
            ),
            AppError::InvalidImport(_) => (StatusCode::UNPROCESSABLE_ENTITY, ApiErrorCode::Invalid),
            AppError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, ApiErrorCode::TooLarge),
            AppError::SessionDamaged => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ApiErrorCode::SessionDamaged,
            ),
            AppError::Storage(_) | AppError::Random(_) | AppError::Export(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, ApiErrorCode::Internal)
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        // A damaged session is named as such; other server faults hide their details.
        let internal = matches!(
            self,
            AppError::Storage(_) | AppError::Random(_) | AppError::Export(_)
        );
        let message = if internal {
            tracing::error!(error = %self, "request failed");
            "something went wrong on the server; it has been logged".to_owned()
        } else {
            self.to_string()
        };
        let body = ErrorBody::new(code, message);
        let mut response = (status, Json(body)).into_response();
        match self {
            AppError::TooManyAttempts { retry_after_s }
            | AppError::TooManySessions { retry_after_s } => {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(retry_after_s));
            }
            // A 401 names the scheme it wants (RFC 9110).
            AppError::CreateTokenRequired | AppError::CreateTokenWrong => {
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// The code for a bare status: the documented code of that status where there is one;
/// `bad_request` for any other 4xx, `internal` for any 5xx.
fn code_of_status(status: StatusCode) -> ApiErrorCode {
    match status {
        StatusCode::NOT_FOUND => ApiErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ApiErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ApiErrorCode::TooLarge,
        s if s.is_server_error() => ApiErrorCode::Internal,
        _ => ApiErrorCode::BadRequest,
    }
}
