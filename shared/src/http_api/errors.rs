//! The body of every 4xx and 5xx answer: `{"error": {"code": "...", "message": "..."}}`.
//! The code is for programs, the message for people.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: ApiErrorCode,
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}

/// What went wrong, as docs/api.md lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    BadRequest,
    Invalid,
    MissingToken,
    WrongToken,
    FacilitatorOnly,
    CaseholderOnly,
    NoCaseholder,
    UnknownLink,
    UnknownParticipant,
    UnknownSession,
    UnknownJoinCode,
    TooManyAttempts,
    TooManySessions,
    /// The server wants its creation key (`--create-token`) and none was sent.
    CreateTokenRequired,
    /// The creation key sent is not this server's.
    CreateTokenWrong,
    NotFound,
    MethodNotAllowed,
    ClientNotBuilt,
    TooLarge,
    SessionDamaged,
    Internal,
    /// A code this build does not know (a newer server's): the message still reads.
    #[serde(other)]
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_nested_and_codes_are_snake_case() {
        let body = ErrorBody::new(ApiErrorCode::CreateTokenRequired, "a key is needed");
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"create_token_required","message":"a key is needed"}}"#
        );
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), body);
    }

    #[test]
    fn an_unknown_code_still_reads() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new","message":"m"}}"#).unwrap();
        assert_eq!(body.error.code, ApiErrorCode::Other);
        assert_eq!(body.error.message, "m");
    }
}
