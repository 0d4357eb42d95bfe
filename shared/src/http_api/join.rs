//! `GET /api/join/{code}`: where a join code typed from the room screen leads.

use serde::{Deserialize, Serialize};

use crate::SessionId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinTarget {
    pub id: SessionId,
    pub title: String,
    /// The participant link the code stands for.
    pub link: String,
}
