//! Open files: every connection is a file descriptor in the load client and one in the
//! server, and both processes inherit this program's limit. The soft limit is raised
//! to the hard one (which needs no privilege); a run that needs more than the hard
//! limit is refused up front, with what it would take, rather than failing somewhere
//! in the middle with "too many open files".

/// Descriptors a process needs besides its connections: listeners, the store's
/// files, the runtime's own, standard streams.
pub const SPARE: u64 = 200;

/// The refusal: `connections` need more descriptors than this machine allows.
#[derive(Debug)]
pub struct TooManyConnections {
    pub connections: usize,
    pub hard_limit: u64,
}

impl std::fmt::Display for TooManyConnections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} connections need about {} open files in the load client and as many in the \
             server, but this machine's hard limit is {} (`ulimit -Hn`); at most {} \
             connections fit. Raising the hard limit needs root or CAP_SYS_RESOURCE \
             (e.g. `LimitNOFILE=` in a systemd unit, or `ulimit -Hn` as root).",
            self.connections,
            self.connections as u64 + SPARE,
            self.hard_limit,
            most_connections(self.hard_limit),
        )
    }
}

impl std::error::Error for TooManyConnections {}

/// The most connections a hard limit on open files allows.
pub fn most_connections(hard_limit: u64) -> u64 {
    hard_limit.saturating_sub(SPARE)
}

/// Checks that `connections` fit within the hard limit, and raises the soft limit to
/// the hard one so that they do (the servers started from here inherit it).
pub fn allow_connections(connections: usize) -> anyhow::Result<()> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    // `None` is "unlimited".
    let hard = limit.maximum.unwrap_or(u64::MAX);
    let needed = connections as u64 + SPARE;
    if needed > hard {
        return Err(TooManyConnections {
            connections,
            hard_limit: hard,
        }
        .into());
    }
    if limit.current.is_some_and(|soft| soft < needed) {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        setrlimit(Resource::Nofile, raised)?;
    }
    Ok(())
}
