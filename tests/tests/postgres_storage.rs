//! The PostgreSQL backend against a real PostgreSQL: the storage contract every
//! backend passes, migrations when several nodes start at once, and the positions
//! appended updates get.

use ovaal_server::storage::postgres::{DatabaseUrl, PostgresStorage};
use ovaal_server::storage::{AppendUpdate, Storage, contract};
use ovaal_shared::DocName;
use ovaal_tests::postgres::TestPostgres;

fn open(url: &str) -> PostgresStorage {
    let url: DatabaseUrl = url.parse().expect("a valid URL");
    PostgresStorage::open(&url).expect("the database opens")
}

#[test]
fn the_storage_contract_holds_on_postgres() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    contract::run_all(|| {
        let url = pg.create_database().expect("a new database");
        Box::new(open(&url))
    });
    Ok(())
}

#[test]
fn nodes_starting_together_migrate_once() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let nodes: Vec<_> = (0..6)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || open(&url))
        })
        .collect();
    for node in nodes {
        node.join().expect("a node opened the database");
    }
    let versions = pg.query(
        &url,
        "SELECT string_agg(version::text, ',') FROM ovaal_schema",
    )?;
    assert_eq!(versions, "1");
    Ok(())
}

#[test]
fn every_stored_update_has_a_gapless_position_in_its_session() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let mut store = open(&url);
    let one = contract::session("session-1");
    let two = contract::session("session-2");
    store.create_session(&one, &[], &[(DocName::Control, vec![0, 0])])?;
    store.create_session(&two, &[], &[])?;
    // An empty Yjs update (no structs, no deletions): compaction must decode it.
    let update = |id: &ovaal_shared::SessionId, _: u8| AppendUpdate {
        session: id.clone(),
        doc: DocName::Control,
        update: vec![0, 0],
    };
    store.append(&[update(&one.id, 2), update(&two.id, 1), update(&one.id, 3)])?;
    // A deleted session's updates are dropped without failing the batch.
    let gone = contract::session("session-gone");
    store.append(&[update(&gone.id, 9), update(&two.id, 2)])?;
    // Compaction removes rows; positions go on from where they were.
    store.compact(&one.id)?;
    store.append(&[update(&one.id, 4)])?;
    let rows = pg.query(
        &url,
        "SELECT session_id || ':' || position FROM updates ORDER BY session_id, position",
    )?;
    assert_eq!(
        rows.lines().collect::<Vec<_>>(),
        ["session-1:4", "session-2:1", "session-2:2"]
    );
    let positions = pg.query(
        &url,
        "SELECT id || '=' || last_position FROM sessions ORDER BY id",
    )?;
    assert_eq!(
        positions.lines().collect::<Vec<_>>(),
        ["session-1=4", "session-2=2"]
    );
    let through = pg.query(&url, "SELECT through_position FROM snapshots")?;
    assert_eq!(through, "3");
    Ok(())
}
