//! Memory figures of a process from `/proc/<pid>/status` (Linux), so tests can assert
//! that an input allocated nothing large: compare the peak (`VmHWM`) before and after.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_a_peak_at_least_its_current_size() {
        let pid = std::process::id();
        let now = rss_bytes(pid).unwrap();
        assert!(now > 0);
        assert!(peak_rss_bytes(pid).unwrap() >= now);
    }
}
