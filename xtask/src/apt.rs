//! Installing Debian packages with apt-get, for the tools the checks need beyond Rust
//! (Chromium for the browser tests, Node.js and npm for axe-core). Runs apt-get directly
//! as root, else through sudo, and says what to do when neither is possible.

use std::process::Command;

use anyhow::{Result, bail};

use crate::shell::{self, find_program};

/// `apt-get update`, then `apt-get install -y --no-install-recommends <packages>`,
/// each announced. `what` names the step in the announcement ("Installing Chromium").
pub fn install(what: &str, packages: &[&str]) -> Result<()> {
    if find_program("apt-get").is_none() {
        bail!("apt-get is not available on this system");
    }
    let root = shell::output(Command::new("id").arg("-u"))
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false);
    let privileged = |args: &[&str]| -> Result<Command> {
        let mut command = if root {
            let mut c = Command::new("apt-get");
            c.args(args);
            c
        } else if find_program("sudo").is_some() {
            let mut c = Command::new("sudo");
            c.arg("apt-get").args(args);
            c
        } else {
            bail!(
                "not running as root and sudo is not available, so apt-get cannot install packages"
            );
        };
        command.env("DEBIAN_FRONTEND", "noninteractive");
        Ok(command)
    };
    shell::run(
        "Updating the apt package lists",
        &mut privileged(&["update"])?,
    )?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    shell::run(what, &mut privileged(&args)?)
}
