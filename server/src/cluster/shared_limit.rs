//! Join-code limits counted for the whole cluster: the two token buckets of
//! `gate/client_limit.rs` (per client address, and for everyone), kept in Redis so
//! that a guesser spreading its guesses over the nodes behind a balancer gets no more
//! than from one node.
//!
//! Each request runs one Lua script on Redis, so taking from both buckets (and giving
//! back to the client's bucket when the one for everyone is empty) is atomic across
//! the nodes; the script reads Redis's own clock, so the nodes' clocks do not matter.
//! Buckets expire once they would have refilled.
//!
//! Each node still counts in its own memory too (its bound holds when Redis is away):
//! while Redis cannot be reached the shared count is skipped, not the request — a
//! join code must keep working in an outage — and the node's own count is what limits.

use std::net::IpAddr;
use std::time::Duration;

use redis::aio::MultiplexedConnection;
use tokio::sync::Mutex;
use tokio::time::{Instant, timeout};

use super::url::RedisUrl;
use crate::gate::client_limit::{ClientLimits, Limited};

/// Takes one token from each of the two buckets (KEYS[1] the client's, KEYS[2]
/// everyone's), or gives one back to each (ARGV[5] = -1). Returns 0 when taken or
/// given back, else the milliseconds until the bucket that refused has a token.
const SCRIPT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function bucket(key, burst, every, delta)
  local b = redis.call('HMGET', key, 'a', 's')
  local avail = tonumber(b[1]) or burst
  local since = tonumber(b[2]) or now
  if avail >= burst then
    since = now
  else
    local gained = math.floor((now - since) / every)
    if gained > 0 then
      avail = math.min(burst, avail + gained)
      if avail >= burst then since = now else since = since + gained * every end
    end
  end
  local wait = 0
  if delta > 0 and avail < delta then
    wait = math.max(1, every - (now - since))
  else
    avail = math.min(burst, avail - delta)
  end
  redis.call('HSET', key, 'a', avail, 's', since)
  redis.call('PEXPIRE', key, burst * every + 1000)
  return wait
end
local delta = tonumber(ARGV[5])
local wait = bucket(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), delta)
if wait > 0 then return wait end
wait = bucket(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]), delta)
if wait > 0 and delta > 0 then bucket(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), -delta) end
return wait
";

const CALL_TIMEOUT: Duration = Duration::from_millis(500);
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

pub struct SharedLimiter {
    client: redis::Client,
    /// What is counted: the prefix of its keys (`join`).
    what: &'static str,
    limits: ClientLimits,
    conn: Mutex<Connection>,
}

struct Connection {
    open: Option<MultiplexedConnection>,
    next_try: Instant,
}

impl SharedLimiter {
    pub fn new(url: &RedisUrl, what: &'static str, limits: ClientLimits) -> Option<Self> {
        let client = redis::Client::open(url.as_str()).ok()?;
        Some(Self {
            client,
            what,
            limits,
            conn: Mutex::new(Connection {
                open: None,
                next_try: Instant::now(),
            }),
        })
    }

    /// Counts a request from `client` across the cluster (`Ok` also when Redis
    /// cannot be reached: see the module header).
    pub async fn try_take(&self, client: IpAddr) -> Result<(), Limited> {
        match self.run(client, 1).await {
            Some(wait_ms) if wait_ms > 0 => Err(Limited {
                retry_after: Duration::from_millis(wait_ms),
            }),
            _ => Ok(()),
        }
    }

    /// Gives back what [`SharedLimiter::try_take`] took (a right code).
    pub async fn give_back(&self, client: IpAddr) {
        let _ = self.run(client, -1).await;
    }

    async fn run(&self, client: IpAddr, delta: i64) -> Option<u64> {
        let mut conn = self.conn.lock().await;
        let open = conn.connection(&self.client).await?.clone();
        drop(conn);
        let millis = |d: Duration| u64::try_from(d.as_millis().max(1)).unwrap_or(u64::MAX);
        let (per_client, everyone) = (&self.limits.per_client, &self.limits.everyone);
        let mut cmd = redis::cmd("EVAL");
        cmd.arg(SCRIPT)
            .arg(2)
            .arg(format!("ovaal:limit:{}:client:{client}", self.what))
            .arg(format!("ovaal:limit:{}:everyone", self.what))
            .arg(per_client.burst)
            .arg(millis(per_client.refill_every))
            .arg(everyone.burst)
            .arg(millis(everyone.refill_every))
            .arg(delta);
        let mut open = open;
        match timeout(CALL_TIMEOUT, cmd.query_async::<u64>(&mut open)).await {
            Ok(Ok(wait)) => Some(wait),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, what = self.what, "shared limit not counted: Redis failed");
                self.conn.lock().await.lost();
                None
            }
            Err(_) => {
                tracing::warn!(
                    what = self.what,
                    "shared limit not counted: Redis timed out"
                );
                self.conn.lock().await.lost();
                None
            }
        }
    }
}

impl Connection {
    async fn connection(&mut self, client: &redis::Client) -> Option<&MultiplexedConnection> {
        if self.open.is_none() && Instant::now() >= self.next_try {
            match timeout(CALL_TIMEOUT, client.get_multiplexed_async_connection()).await {
                Ok(Ok(open)) => self.open = Some(open),
                _ => self.lost(),
            }
        }
        self.open.as_ref()
    }

    fn lost(&mut self) {
        self.open = None;
        self.next_try = Instant::now() + RECONNECT_PAUSE;
    }
}
