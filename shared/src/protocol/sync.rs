//! The y-protocols sync message (`messageYjsSyncStep1/2/Update`), byte-compatible
//! with `y-protocols/sync.js`.

use super::lib0::{DecodeError, Decoder, Encoder};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncMessage {
    /// "Here is my state vector; send me what I am missing." (sub-type 0)
    Step1(Vec<u8>),
    /// The answer to Step1: an update with everything the asker lacks. (sub-type 1)
    Step2(Vec<u8>),
    /// A live incremental update (v1 encoding). (sub-type 2)
    Update(Vec<u8>),
}

impl SyncMessage {
    pub const STEP1: u64 = 0;
    pub const STEP2: u64 = 1;
    pub const UPDATE: u64 = 2;

    pub(crate) fn encode(&self, e: &mut Encoder) {
        let (kind, data) = match self {
            SyncMessage::Step1(d) => (Self::STEP1, d),
            SyncMessage::Step2(d) => (Self::STEP2, d),
            SyncMessage::Update(d) => (Self::UPDATE, d),
        };
        e.var_uint(kind).var_bytes(data);
    }

    pub(crate) fn decode(d: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let kind = d.var_uint()?;
        let data = d.var_bytes()?.to_vec();
        match kind {
            Self::STEP1 => Ok(SyncMessage::Step1(data)),
            Self::STEP2 => Ok(SyncMessage::Step2(data)),
            Self::UPDATE => Ok(SyncMessage::Update(data)),
            other => Err(DecodeError::UnknownSyncType(other)),
        }
    }

    /// Whether this message changes the document (Step2 and Update do; Step1 only asks).
    pub fn is_write(&self) -> bool {
        !matches!(self, SyncMessage::Step1(_))
    }
}
