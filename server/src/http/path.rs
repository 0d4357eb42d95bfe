//! The path parameters of a route, whose rejection (a parameter that is not valid
//! UTF-8 after percent-decoding, such as `%FF`) is an [`AppError`] with a JSON body
//! instead of axum's plain text.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|rejection| {
                AppError::BadRequest(format!(
                    "the address is not valid: {}",
                    rejection.body_text()
                ))
            })
    }
}
