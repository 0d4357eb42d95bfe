//! Memory and CPU figures of a process from `/proc` (Linux): tests assert that an input
//! allocated nothing large (compare the peak, `VmHWM`, before and after), and the
//! benchmarks divide a server's CPU time by what it delivered.

use std::time::Duration;

use anyhow::Context;

/// A `kB` field of `/proc/<pid>/status`, in bytes.
fn status_field(pid: u32, field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("cannot read /proc/{pid}/status"))?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .with_context(|| format!("no {field} in /proc/{pid}/status"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()?;
    Ok(kb * 1024)
}

/// The most resident memory the process has had so far (`VmHWM`), in bytes. It only
/// grows: an allocation that was touched and freed again still shows.
pub fn peak_rss_bytes(pid: u32) -> anyhow::Result<u64> {
    status_field(pid, "VmHWM")
}

/// Resident memory now (`VmRSS`), in bytes.
pub fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    status_field(pid, "VmRSS")
}

/// User + system CPU time the process has consumed so far (`/proc/<pid>/stat`).
pub fn cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("cannot read /proc/{pid}/stat"))?;
    // Fields after the parenthesised command name; utime and stime are 14 and 15.
    let after = stat.rsplit_once(')').context("stat format")?.1;
    let mut fields = after.split_whitespace().skip(11);
    let mut next = || -> anyhow::Result<u64> {
        Ok(fields.next().context("stat has no utime/stime")?.parse()?)
    };
    let ticks = next()? + next()?;
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every common platform.
    Ok(Duration::from_millis(ticks * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_cpu_time_grows_while_it_works() {
        let pid = std::process::id();
        let before = cpu_time(pid).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut spin = 0u64;
        while cpu_time(pid).unwrap() <= before {
            for i in 0..100_000u64 {
                spin = std::hint::black_box(spin.wrapping_mul(31).wrapping_add(i));
            }
            assert!(std::time::Instant::now() < deadline, "CPU time never moved");
        }
    }

    #[test]
    fn this_process_has_a_peak_at_least_its_current_size() {
        let pid = std::process::id();
        let now = rss_bytes(pid).unwrap();
        assert!(now > 0);
        assert!(peak_rss_bytes(pid).unwrap() >= now);
    }
}
