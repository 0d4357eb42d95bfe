//! The PostgreSQL backend against a real PostgreSQL: the storage contract every
//! backend passes, migrations when several nodes start at once, the positions
//! appended updates get, reading what a node missed, and the cluster-wide locks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_server::storage::postgres::{DatabaseUrl, PostgresStorage, locks};
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

#[test]
fn a_node_reads_what_it_missed_after_a_position_even_past_a_compaction() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let (mut node_a, mut node_b) = (open(&url), open(&url));
    let one = contract::session("session-1");
    node_a.create_session(&one, &[], &[])?;
    let update = |doc: DocName| AppendUpdate {
        session: one.id.clone(),
        doc,
        update: vec![0, 0],
    };
    let given = node_a.append_numbered(&[update(DocName::Control), update(DocName::Triage)])?;
    assert_eq!(given, [Some(1), Some(2)]);
    // The other node numbers on from there.
    assert_eq!(
        node_b.append_numbered(&[update(DocName::Control)])?,
        [Some(3)]
    );
    let (_, through) = node_b.load_numbered(&one.id)?;
    assert_eq!(through, 3);

    let missed = node_a.missed_since(&one.id, 1)?;
    let positions: Vec<u64> = missed.updates.iter().map(|(p, _, _)| *p).collect();
    assert_eq!(positions, [2, 3]);
    assert_eq!(missed.through, 3);
    assert!(missed.snapshots.is_empty());

    // A compaction folds 1..=3 into snapshots: a node at 1 gets the snapshots of the
    // documents folded past it instead of the rows that are gone.
    node_b.compact(&one.id)?;
    node_b.append_numbered(&[update(DocName::Triage)])?;
    let missed = node_a.missed_since(&one.id, 1)?;
    let positions: Vec<u64> = missed.updates.iter().map(|(p, _, _)| *p).collect();
    assert_eq!(positions, [4]);
    let mut folded: Vec<String> = missed
        .snapshots
        .iter()
        .map(|(d, _)| d.to_string())
        .collect();
    folded.sort();
    assert_eq!(folded, ["control", "triage"]);
    assert_eq!(missed.through, 4);
    assert!(!missed.gone);
    let latest =
        node_b.latest_positions(&[one.id.clone(), contract::session("session-nobody").id])?;
    assert_eq!(latest, [(one.id.clone(), 4)]);
    node_b.delete_session(&one.id)?;
    assert!(node_a.missed_since(&one.id, 4)?.gone);
    Ok(())
}

#[test]
fn work_that_runs_once_across_nodes_waits_for_the_node_doing_it() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let (mut node_a, mut node_b) = (open(&url), open(&url));
    assert!(node_a.try_exclusive("retention")?);
    assert!(
        !node_b.try_exclusive("retention")?,
        "two nodes swept at once"
    );
    node_a.release_exclusive("retention")?;
    assert!(node_b.try_exclusive("retention")?);
    node_b.release_exclusive("retention")?;

    // A session being compacted on one node is left alone by another.
    let one = contract::session("session-1");
    node_a.create_session(&one, &[], &[])?;
    node_a.append(&[AppendUpdate {
        session: one.id.clone(),
        doc: DocName::Control,
        update: vec![0, 0],
    }])?;
    let name = locks::compaction(&one.id);
    assert!(node_a.try_exclusive(&name)?);
    node_b.compact(&one.id)?;
    let rows = pg.query(&url, "SELECT count(*) FROM updates")?;
    assert_eq!(rows, "1", "compacted while another node held the lock");
    node_a.release_exclusive(&name)?;
    node_b.compact(&one.id)?;
    let rows = pg.query(&url, "SELECT count(*) FROM updates")?;
    assert_eq!(rows, "0");
    Ok(())
}
