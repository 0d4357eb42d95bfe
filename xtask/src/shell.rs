//! Running external commands so that the output always shows what is being run and why:
//! every command is announced as `==> <what> (<command line>)` before it starts, and a
//! failure names the command and its exit status.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Prints a step announcement and flushes, so it appears before the child's own output.
pub fn announce(message: &str) {
    println!("==> {message}");
    let _ = std::io::stdout().flush();
}

/// A `cargo` command using the same cargo that runs xtask (`$CARGO`), so a toolchain
/// selected by rustup for this invocation is used for the nested builds too.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Shows a command as one could paste it into a shell (environment variables first).
pub fn display(command: &Command) -> String {
    let mut parts = Vec::new();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            parts.push(format!("{}={}", key.to_string_lossy(), quote(value)));
        }
    }
    let program = command.get_program().to_string_lossy();
    // `$CARGO` is an absolute path into the toolchain; "cargo" reads better.
    let program = if program.ends_with("/cargo") {
        "cargo".into()
    } else {
        program
    };
    parts.push(program.into_owned());
    parts.extend(command.get_args().map(quote));
    parts.join(" ")
}

fn quote(arg: &OsStr) -> String {
    let arg = arg.to_string_lossy();
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        arg.into_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// Announces `what` with the command line, runs it with inherited stdio, and fails with the
/// command line and exit status if it does not succeed.
pub fn run(what: &str, command: &mut Command) -> Result<()> {
    let line = display(command);
    announce(&format!("{what} ({line})"));
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("{what} failed: `{line}` exited with {status}");
    }
    Ok(())
}

/// Runs a command quietly and returns its stdout; for queries such as
/// `rustup target list --installed`, not for steps.
pub fn output(command: &mut Command) -> Result<String> {
    let line = display(command);
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !output.status.success() {
        bail!(
            "`{line}` exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("`{line}` printed non-UTF-8 output"))
}

/// Whether `program` can be found on `PATH` (or is a path to an existing file).
pub fn find_program(program: &str) -> Option<std::path::PathBuf> {
    let candidate = std::path::Path::new(program);
    if candidate.components().count() > 1 {
        return candidate.is_file().then(|| candidate.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|full| full.is_file())
}

/// Wall-clock time of each step, for the summary `cargo xtask test` prints at the end.
#[derive(Default)]
pub struct Timings {
    steps: Vec<(String, Duration, bool)>,
}

impl Timings {
    /// Runs one step, recording its duration and whether it passed.
    pub fn step<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        println!();
        announce(&format!("Step: {name}"));
        let start = Instant::now();
        let result = f();
        self.steps
            .push((name.to_string(), start.elapsed(), result.is_ok()));
        result.with_context(|| format!("step `{name}` failed"))
    }

    /// One line per step, then the total.
    pub fn summary(&self) -> String {
        let width = self.steps.iter().map(|(n, ..)| n.len()).max().unwrap_or(0);
        let mut out = String::new();
        let mut total = Duration::ZERO;
        for (name, took, ok) in &self.steps {
            total += *took;
            let mark = if *ok { "ok    " } else { "FAILED" };
            out.push_str(&format!(
                "    {mark} {name:<width$}  {}\n",
                format_duration(*took)
            ));
        }
        out.push_str(&format!(
            "           {:<width$}  {}\n",
            "total",
            format_duration(total)
        ));
        out
    }
}

pub fn format_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 60.0 {
        format!("{}m {:04.1}s", (secs / 60.0).floor(), secs % 60.0)
    } else {
        format!("{secs:.1}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_only_what_needs_it() {
        let mut command = Command::new("cargo");
        command
            .args(["clippy", "--", "-D", "warnings", "a b"])
            .env("OVAAL_X", "/tmp/x y");
        assert_eq!(
            display(&command),
            "OVAAL_X='/tmp/x y' cargo clippy -- -D warnings 'a b'"
        );
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(format_duration(Duration::from_millis(1234)), "1.2s");
        assert_eq!(format_duration(Duration::from_secs(125)), "2m 05.0s");
    }
}
