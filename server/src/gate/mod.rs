//! What a request passes before it is answered, shared by the HTTP routes and the
//! cluster: how often a client may ask (`client_limit.rs`, two token buckets from
//! `token_bucket.rs`: per client address and for everyone), how wrong join codes
//! (`join_limit.rs`) and new sessions (`create_limit.rs`) are counted, and the
//! optional creation secret (`create_token.rs`). The HTTP extractors that apply them
//! are in `http/create_guard.rs` and `http/join.rs`; in a cluster wrong join codes are
//! also counted for all nodes together (`cluster/shared_limit.rs`).

pub mod client_limit;
pub mod create_limit;
pub mod create_token;
pub mod join_limit;
mod token_bucket;
