//! A JSON body extractor whose every failure is an [`AppError`] with a JSON body, so a
//! malformed request never gets axum's plain-text rejection.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("could not read the request body: {e}")))?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| {
            AppError::BadRequest(format!(
                "the request body is not valid JSON for this request: {e}"
            ))
        })
    }
}
