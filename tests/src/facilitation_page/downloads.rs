//! Catching the files a page downloads.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::board_page::WAIT;
use crate::browser::Page;

/// Catches what a page downloads: sets the page's download behaviour to save into a
/// fresh temporary directory, named by the download's own file name.
pub struct Downloads {
    dir: tempfile::TempDir,
}

impl Downloads {
    /// Starts catching this page's downloads.
    pub async fn catch(page: &Page) -> Result<Downloads> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_string_lossy().into_owned();
        // `Browser.setDownloadBehavior` for the page's own browser context; the page's
        // session answers for the context it lives in.
        let info = page.call("Target.getTargetInfo", json!({})).await?;
        let context = info["targetInfo"]["browserContextId"].as_str();
        let browser_wide = match context {
            Some(context) => page
                .call(
                    "Browser.setDownloadBehavior",
                    json!({ "behavior": "allow", "downloadPath": path,
                            "browserContextId": context }),
                )
                .await
                .is_ok(),
            None => false,
        };
        if !browser_wide {
            page.call(
                "Page.setDownloadBehavior",
                json!({ "behavior": "allow", "downloadPath": path }),
            )
            .await
            .context("neither Browser.setDownloadBehavior nor Page.setDownloadBehavior works")?;
        }
        Ok(Downloads { dir })
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Completed downloads so far (Chromium writes `*.crdownload` until done).
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(self.dir.path())? {
            let path = entry?.path();
            let partial = path
                .extension()
                .is_some_and(|e| e == "crdownload" || e == "tmp");
            if !partial && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// Waits for a completed, non-empty download whose name ends with `suffix`
    /// (e.g. `.pdf`) and returns its bytes and name.
    pub async fn wait_file(&self, suffix: &str) -> Result<(PathBuf, Vec<u8>)> {
        let deadline = Instant::now() + WAIT;
        loop {
            for path in self.files()? {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if name.is_some_and(|n| n.ends_with(suffix)) {
                    let bytes = std::fs::read(&path)?;
                    if !bytes.is_empty() {
                        return Ok((path, bytes));
                    }
                }
            }
            if Instant::now() >= deadline {
                bail!(
                    "no download ending in {suffix:?} arrived in {}; there are {:?}",
                    self.dir.path().display(),
                    self.files()?
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
