//! Cluster-wide locks: PostgreSQL advisory locks held by the storage thread's
//! connection, so that work that must run once across the nodes (compacting a
//! session, the retention sweep) never runs on two nodes at the same time.
//!
//! The locks are session-level (held until released or until the connection closes),
//! so a node that dies while holding one frees it with its connection. Names are
//! hashed into the lock key by PostgreSQL (`hashtext`) within a class of Ovaal's own;
//! two names that collide only make one of them wait its turn, never run together.

use postgres::Client;

use crate::storage::StorageError;
use ovaal_shared::SessionId;

/// The first half of every key Ovaal takes ("ov" in ASCII), apart from the
/// migrations' lock (`migrate.rs`), which uses the one-number form.
const CLASS: i32 = 0x6f76;

/// The lock that compacting `session` takes.
pub fn compaction(session: &SessionId) -> String {
    format!("compact:{session}")
}

/// Takes the lock if it is free; `false` if another connection holds it.
pub fn try_take(conn: &mut Client, name: &str) -> Result<bool, StorageError> {
    let row = conn.query_one(
        "SELECT pg_try_advisory_lock($1, hashtext($2))",
        &[&CLASS, &name],
    )?;
    Ok(row.try_get(0)?)
}

/// Gives the lock back (a lock not held is logged by PostgreSQL, nothing more).
pub fn release(conn: &mut Client, name: &str) -> Result<(), StorageError> {
    conn.query_one(
        "SELECT pg_advisory_unlock($1, hashtext($2))",
        &[&CLASS, &name],
    )?;
    Ok(())
}
