//! The server under test as a separate process on a temporary data directory, so its
//! memory and CPU are its own.

use std::ops::Deref;
use std::path::Path;

use crate::server_process::{ServerProcess, free_addr};

pub struct BenchServer {
    process: ServerProcess,
    _data: tempfile::TempDir,
}

impl BenchServer {
    pub async fn start(binary: &Path) -> anyhow::Result<Self> {
        let data = tempfile::tempdir()?;
        let process = ServerProcess::start(binary, free_addr()?, data.path(), &[]).await?;
        Ok(Self {
            process,
            _data: data,
        })
    }
}

impl Deref for BenchServer {
    type Target = ServerProcess;
    fn deref(&self) -> &ServerProcess {
        &self.process
    }
}
