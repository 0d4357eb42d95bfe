//! Several Ovaal nodes serving the same sessions: in-process servers on one real
//! PostgreSQL database and one real Redis, as `--database-url` and `--redis-url`
//! configure them.

use ovaal_server::Limits;
use ovaal_server::config::{DatabaseUrl, RedisUrl};

use crate::postgres::TestPostgres;
use crate::redis::TestRedis;
use crate::server::TestServer;

pub struct TestCluster {
    pub nodes: Vec<TestServer>,
    pub redis: TestRedis,
    /// The database every node stores in.
    pub database: String,
    pub pg: TestPostgres,
    /// What every node is started with.
    limits: Limits,
}

impl TestCluster {
    /// PostgreSQL, Redis and `nodes` nodes.
    pub async fn start(nodes: usize) -> anyhow::Result<Self> {
        Self::start_with(nodes, Limits::default()).await
    }

    /// PostgreSQL, Redis and `nodes` nodes, each with `limits`.
    pub async fn start_with(nodes: usize, limits: Limits) -> anyhow::Result<Self> {
        let pg = TestPostgres::start()?;
        let database = pg.create_database()?;
        let redis = TestRedis::start()?;
        let mut cluster = Self {
            nodes: Vec::new(),
            redis,
            database,
            pg,
            limits,
        };
        for _ in 0..nodes {
            cluster.add_node().await?;
        }
        Ok(cluster)
    }

    /// One more node on the same database and Redis; its index.
    pub async fn add_node(&mut self) -> anyhow::Result<usize> {
        let database: DatabaseUrl = self.database.parse()?;
        let redis: RedisUrl = self.redis.url().parse()?;
        let limits = self.limits.clone();
        let node = TestServer::start_configured(move |config| {
            config.limits = limits;
            config.database = Some(database);
            config.redis = Some(redis);
        })
        .await?;
        self.nodes.push(node);
        Ok(self.nodes.len() - 1)
    }

    pub fn ws_url(&self, node: usize, session: &ovaal_shared::SessionId) -> String {
        self.nodes[node].ws_url(session)
    }
}
