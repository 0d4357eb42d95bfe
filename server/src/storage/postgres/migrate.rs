//! The schema, as numbered migrations applied on start. Several nodes may start at
//! once against one database: each takes a transaction-scoped advisory lock first, so
//! one of them applies what is missing and the others then find nothing to do. The
//! versions applied are rows of `ovaal_schema`, so an operator can read them.

use postgres::Client;

use crate::storage::StorageError;

/// Key of the advisory lock that serialises migrations ("ovaal" in ASCII): any fixed
/// number works, as long as every node uses the same one.
const MIGRATION_LOCK: i64 = 0x6f_76_61_61_6c;

/// Migration `n` (from 1) is `MIGRATIONS[n - 1]`. Never edit one that was released:
/// add the next (and count it in [`LATEST`]; the array's length holds the two equal).
const MIGRATIONS: [&str; LATEST as usize] = [
    // 1: everything the SQLite store has (its base schema plus its migration 1), with
    // an ordered position per session for every stored update.
    "
    CREATE TABLE sessions (
        id             text PRIMARY KEY,
        title          text NOT NULL,
        method         text NOT NULL,
        created_ms     bigint NOT NULL,
        ended_ms       bigint,
        previous_id    text,
        time_zone      text,
        -- The position of the session's latest stored update (0: none yet). Appends
        -- take this row's lock to number their updates, so positions are gapless and
        -- commit in order within a session.
        last_position  bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_ended ON sessions (ended_ms) WHERE ended_ms IS NOT NULL;
    CREATE TABLE tokens (
        hash        bytea PRIMARY KEY,
        session_id  text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        role        text NOT NULL,
        link_id     text NOT NULL,
        label       text NOT NULL DEFAULT '',
        created_ms  bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX tokens_by_session ON tokens (session_id, link_id);
    CREATE TABLE participants (
        session_id      text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id  text NOT NULL,
        key_hash        bytea NOT NULL,
        removed         boolean NOT NULL DEFAULT false,
        PRIMARY KEY (session_id, participant_id)
    );
    CREATE TABLE snapshots (
        session_id        text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        doc               text NOT NULL,
        data              bytea NOT NULL,
        -- The highest update position folded into this snapshot.
        through_position  bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, doc)
    );
    CREATE TABLE updates (
        session_id  text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position    bigint NOT NULL,
        doc         text NOT NULL,
        data        bytea NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE attendance (
        id              bigserial PRIMARY KEY,
        session_id      text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id  text NOT NULL,
        role            text NOT NULL,
        joined_ms       bigint NOT NULL,
        left_ms         bigint
    );
    CREATE INDEX attendance_by_person ON attendance (session_id, participant_id, role, id);
    ",
];

/// The newest schema version this build knows.
pub const LATEST: i32 = 1;

/// Why the schema cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "the database's schema is version {found}, newer than this Ovaal knows \
         ({LATEST}); upgrade Ovaal on this node"
    )]
    TooNew { found: i32 },
}

/// Brings the database up to the newest schema, in one transaction under the lock.
pub fn migrate(client: &mut Client) -> Result<(), StorageError> {
    let mut txn = client.transaction()?;
    txn.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    txn.batch_execute(
        "CREATE TABLE IF NOT EXISTS ovaal_schema (
            version     integer PRIMARY KEY,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )",
    )?;
    let current: i32 = txn
        .query_one("SELECT COALESCE(MAX(version), 0) FROM ovaal_schema", &[])?
        .try_get(0)?;
    if current > LATEST {
        return Err(StorageError::Schema(SchemaError::TooNew { found: current }));
    }
    for (sql, version) in MIGRATIONS.iter().zip(1i32..).skip(current as usize) {
        txn.batch_execute(sql)?;
        txn.execute(
            "INSERT INTO ovaal_schema (version) VALUES ($1)",
            &[&version],
        )?;
        tracing::info!(version, "database schema migrated");
    }
    txn.commit()?;
    Ok(())
}
