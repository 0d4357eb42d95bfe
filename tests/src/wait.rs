//! Deadlines for waiting. Tests wait for a condition, never for a fixed time.

use std::time::Duration;

/// How long an end-to-end condition may take before the test fails. Generous, because
/// CI machines are slow; a passing test never waits this long.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Polls an async condition until it returns `Some`, or fails with `what` at the deadline.
pub async fn until<T, F, Fut>(what: &str, mut check: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(value) = check().await {
            return Ok(value);
        }
        if tokio::time::Instant::now() >= deadline {
            anyhow::bail!("timed out after {DEADLINE:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
