//! Deadlines for waiting. Tests wait for a condition, never for a fixed time; a test
//! that needs the server's own time to pass (a room's grace after everyone left)
//! jumps the clock with [`skip_ahead`] rather than running the server with shortened
//! limits.

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

/// Lets `duration` pass on the runtime's clock (the in-process server's timers) at
/// once: the clock is paused, everything already under way (a closed socket read, a
/// departure handled by its room) runs first, then the clock jumps `duration` on,
/// firing every timer due by then, and runs in real time again. The test must run on
/// the current-thread runtime (`#[tokio::test]`'s default) of the server it checks.
pub async fn skip_ahead(duration: Duration) {
    tokio::time::pause();
    tokio::time::sleep(duration).await;
    tokio::time::resume();
}
