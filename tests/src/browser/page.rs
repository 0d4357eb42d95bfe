//! [`Page`]: one tab in its own browser context. Navigation, evaluating JavaScript,
//! waiting for a condition, the viewport, screenshots, and the page's errors.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine as _;
use serde_json::{Value, json};
use tokio::sync::{Mutex, mpsc};

use super::connection::{Connection, Event};

const NAVIGATION_TIMEOUT: Duration = Duration::from_secs(30);
const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// How long input helpers wait for their element by default.
const DEFAULT_ELEMENT_TIMEOUT: Duration = Duration::from_secs(10);

/// A page (tab) in its own browser context; closed with its context when dropped.
pub struct Page {
    pub(super) connection: Arc<Connection>,
    pub(super) session: String,
    context: String,
    events: Mutex<PageEvents>,
    /// How long `click`, `type_text` and `drag` wait for their element to exist, be
    /// visible and be on top before failing.
    pub(super) element_timeout: Duration,
}

/// What the page has reported so far, folded from its event stream on demand.
struct PageEvents {
    receiver: mpsc::UnboundedReceiver<Event>,
    /// Navigations (by `loaderId`) whose `load` lifecycle event has fired.
    loaded: HashSet<String>,
    errors: Vec<String>,
    /// What the Content-Security-Policy blocked (also in `errors`). Every page is
    /// checked when it is dropped: a test whose page broke the policy fails, also
    /// when it never looks at the console.
    csp_violations: Vec<String>,
    /// The page's renderer crashed (`Inspector.targetCrashed`).
    crashed: bool,
    /// Times the page asked before being left (see [`Page::goto`]).
    leave_prompts: u32,
}

impl PageEvents {
    fn fold(&mut self, event: Event) {
        let params = &event.params;
        match event.method.as_str() {
            "Inspector.targetCrashed" => self.crashed = true,
            "Page.lifecycleEvent" if params["name"] == "load" => {
                if let Some(loader) = params["loaderId"].as_str() {
                    self.loaded.insert(loader.to_string());
                }
            }
            "Runtime.exceptionThrown" => {
                let details = &params["exceptionDetails"];
                let text = details["exception"]["description"]
                    .as_str()
                    .or_else(|| details["text"].as_str())
                    .unwrap_or("unknown exception");
                self.errors.push(format!("uncaught: {text}"));
            }
            "Runtime.consoleAPICalled"
                if matches!(params["type"].as_str(), Some("error" | "assert")) =>
            {
                let args: Vec<String> = params["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|arg| match &arg["value"] {
                        Value::String(s) => s.clone(),
                        Value::Null => arg["description"].as_str().unwrap_or("").to_string(),
                        other => other.to_string(),
                    })
                    .collect();
                self.record_error(format!("console.error: {}", args.join(" ")));
            }
            "Log.entryAdded" if params["entry"]["level"] == "error" => {
                let entry = &params["entry"];
                let url = entry["url"].as_str().unwrap_or("");
                // Chromium asks for /favicon.ico on its own; a missing one is not our page's error.
                if !url.ends_with("/favicon.ico") {
                    let text = entry["text"].as_str().unwrap_or("");
                    self.record_error(format!("log: {text} {url}").trim_end().to_string());
                }
            }
            _ => {}
        }
    }

    /// Chromium reports what a policy blocked as a `security` log entry: "Refused to
    /// execute inline script because it violates the following Content Security
    /// Policy directive: …".
    fn record_error(&mut self, error: String) {
        if error.contains("Content Security Policy") {
            self.csp_violations.push(error.clone());
        }
        self.errors.push(error);
    }

    fn drain(&mut self) {
        while let Ok(event) = self.receiver.try_recv() {
            self.fold(event);
        }
    }
}

impl Page {
    pub(super) async fn open(connection: Arc<Connection>, width: u32, height: u32) -> Result<Page> {
        let context = connection
            .call(
                None,
                "Target.createBrowserContext",
                json!({ "disposeOnDetach": true }),
            )
            .await?;
        let context = string_field(&context, "browserContextId")?;
        let target = connection
            .call(
                None,
                "Target.createTarget",
                json!({ "url": "about:blank", "browserContextId": context }),
            )
            .await?;
        let target = string_field(&target, "targetId")?;
        let attached = connection
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target, "flatten": true }),
            )
            .await?;
        let session = string_field(&attached, "sessionId")?;
        let receiver = connection.subscribe(Some(&session));
        let page = Page {
            connection,
            session,
            context,
            events: Mutex::new(PageEvents {
                receiver,
                loaded: HashSet::new(),
                errors: Vec::new(),
                csp_violations: Vec::new(),
                crashed: false,
                leave_prompts: 0,
            }),
            element_timeout: DEFAULT_ELEMENT_TIMEOUT,
        };
        page.call("Page.enable", json!({})).await?;
        page.call("Page.setLifecycleEventsEnabled", json!({ "enabled": true }))
            .await?;
        page.call("Runtime.enable", json!({})).await?;
        page.call("Log.enable", json!({})).await?;
        page.set_viewport(width, height).await?;
        Ok(page)
    }

    /// Changes how long `click`, `type_text` and `drag` wait for their element (10 s by
    /// default), e.g. to fail fast when checking that something is *not* clickable.
    pub fn set_element_timeout(&mut self, timeout: Duration) {
        self.element_timeout = timeout;
    }

    /// Sends a raw CDP command to this page, for what the helpers do not cover.
    pub async fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.connection
            .call(Some(&self.session), method, params)
            .await
    }

    /// Runs `source` in every document this page loads from now on, before the page's
    /// own scripts (to install a probe, or a clock that is off).
    pub async fn run_before_page_scripts(&self, source: &str) -> Result<()> {
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": source }),
        )
        .await?;
        Ok(())
    }

    /// Navigates and waits until that navigation's `load` event has fired. As in any
    /// browser, changing only the `#fragment` of the current URL does not reload the page;
    /// open a new page (or navigate to `about:blank` first) for a fresh start.
    ///
    /// A page that asks before it is left (`beforeunload`) is answered "leave", as a
    /// person who navigates on purpose would; [`Page::leave_prompts`] counts the times.
    pub async fn goto(&self, url: &str) -> Result<()> {
        let mut events = self.events.lock().await;
        events.drain();
        let navigate = self.call("Page.navigate", json!({ "url": url }));
        tokio::pin!(navigate);
        // The answer to the navigation waits for the page's question, if it asks one.
        let navigated = loop {
            tokio::select! {
                navigated = &mut navigate => break navigated?,
                event = events.receiver.recv() => match event {
                    Some(event) => self.fold_answering(&mut events, event),
                    None => bail!("the browser went away while leaving for {url}"),
                },
            }
        };
        if let Some(error) = navigated["errorText"].as_str().filter(|e| !e.is_empty()) {
            bail!("navigating to {url} failed: {error}");
        }
        // Same-document navigations (only the #fragment changed) have no loader and no load event.
        let Some(loader) = navigated["loaderId"].as_str() else {
            return Ok(());
        };
        let deadline = tokio::time::Instant::now() + NAVIGATION_TIMEOUT;
        while !events.loaded.contains(loader) {
            match tokio::time::timeout_at(deadline, events.receiver.recv()).await {
                Ok(Some(event)) => self.fold_answering(&mut events, event),
                Ok(None) => bail!("the browser went away while loading {url}"),
                Err(_) => bail!("{url} did not finish loading within {NAVIGATION_TIMEOUT:?}"),
            }
        }
        Ok(())
    }

    /// Folds an event; a "leave this page?" question is answered "leave" and counted.
    fn fold_answering(&self, events: &mut PageEvents, event: Event) {
        if event.method == "Page.javascriptDialogOpening" && event.params["type"] == "beforeunload"
        {
            events.leave_prompts += 1;
            self.connection.call_detached(
                Some(&self.session),
                "Page.handleJavaScriptDialog",
                json!({ "accept": true }),
            );
            return;
        }
        events.fold(event);
    }

    /// How often the page asked "leave this page?" (`beforeunload`) when
    /// [`Page::goto`] navigated away from it.
    pub async fn leave_prompts(&self) -> u32 {
        self.events.lock().await.leave_prompts
    }

    /// Crashes the page's renderer, as when the system kills a tab or the machine loses
    /// power: no `pagehide`, no unload, nothing more runs in the page. Returns once the
    /// browser reports the crash; [`Page::goto`] opens a page in the tab again.
    pub async fn crash(&self) -> Result<()> {
        self.call("Inspector.enable", json!({})).await?;
        // Page.crash never answers: the renderer that would is gone.
        self.connection
            .call_detached(Some(&self.session), "Page.crash", json!({}));
        let deadline = tokio::time::Instant::now() + NAVIGATION_TIMEOUT;
        let mut events = self.events.lock().await;
        while !events.crashed {
            match tokio::time::timeout_at(deadline, events.receiver.recv()).await {
                Ok(Some(event)) => events.fold(event),
                Ok(None) => bail!("the browser went away while crashing the page"),
                Err(_) => bail!("the page did not crash within {NAVIGATION_TIMEOUT:?}"),
            }
        }
        events.crashed = false;
        Ok(())
    }

    /// Evaluates a JavaScript expression (awaiting it if it is a promise) and returns its
    /// value as JSON (`null` for `undefined` and values JSON cannot hold). A thrown
    /// exception becomes an error carrying its message.
    pub async fn eval(&self, expression: &str) -> Result<Value> {
        let response = self
            .call(
                "Runtime.evaluate",
                json!({
                    "expression": expression,
                    "returnByValue": true,
                    "awaitPromise": true,
                    "userGesture": true,
                }),
            )
            .await?;
        if let Some(details) = response.get("exceptionDetails") {
            let message = details["exception"]["description"]
                .as_str()
                .or_else(|| details["text"].as_str())
                .unwrap_or("exception");
            bail!("JavaScript threw: {message}\n  in: {expression}");
        }
        Ok(response["result"]
            .get("value")
            .cloned()
            .unwrap_or(Value::Null))
    }

    /// Polls `condition` every 50 ms until it is truthy and returns its value. This is the
    /// one way tests synchronise with the page: no sleeps. Evaluation errors (say, while a
    /// navigation replaces the document) count as "not yet".
    pub async fn wait_for(&self, condition: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let last = match self.eval(condition).await {
                Ok(value) if truthy(&value) => return Ok(value),
                Ok(value) => value.to_string(),
                Err(err) => format!("error: {err:#}"),
            };
            if Instant::now() >= deadline {
                bail!("timed out after {timeout:?} waiting for `{condition}`; last value: {last}");
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Grants this page's browser context `permissions` (such as `clipboardReadWrite`)
    /// for every origin, as a person who answered "allow" when asked.
    pub async fn grant_permissions(&self, permissions: &[&str]) -> Result<()> {
        self.connection
            .call(
                None,
                "Browser.grantPermissions",
                json!({ "permissions": permissions, "browserContextId": self.context }),
            )
            .await?;
        Ok(())
    }

    /// Sets the layout viewport in CSS pixels (device scale factor 1, desktop).
    pub async fn set_viewport(&self, width: u32, height: u32) -> Result<()> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await?;
        Ok(())
    }

    /// Saves a PNG of the viewport, creating parent directories.
    pub async fn screenshot(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let shot = self
            .call("Page.captureScreenshot", json!({ "format": "png" }))
            .await?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(string_field(&shot, "data")?)
            .context("the screenshot is not valid base64")?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Uncaught exceptions, `console.error`/`console.assert` messages and browser-logged
    /// errors (such as failed requests) since the page opened, so a test can assert there
    /// are none.
    pub async fn console_errors(&self) -> Vec<String> {
        let mut events = self.events.lock().await;
        events.drain();
        events.errors.clone()
    }

    /// Waits for the first Content-Security-Policy violation and takes every one
    /// reported so far (see [`Page::take_csp_violations`]); their text, joined.
    pub async fn wait_for_csp_violation(&self) -> Result<String> {
        let deadline = tokio::time::Instant::now() + NAVIGATION_TIMEOUT;
        let mut events = self.events.lock().await;
        events.drain();
        while events.csp_violations.is_empty() {
            match tokio::time::timeout_at(deadline, events.receiver.recv()).await {
                Ok(Some(event)) => events.fold(event),
                Ok(None) => bail!("the browser went away"),
                Err(_) => bail!("no CSP violation within {NAVIGATION_TIMEOUT:?}"),
            }
        }
        Ok(std::mem::take(&mut events.csp_violations).join("\n"))
    }

    /// What the Content-Security-Policy blocked so far; taken, so that a test that
    /// provokes a violation on purpose can check it and the page still drops cleanly.
    pub async fn take_csp_violations(&self) -> Vec<String> {
        let mut events = self.events.lock().await;
        events.drain();
        std::mem::take(&mut events.csp_violations)
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.connection.call_detached(
            None,
            "Target.disposeBrowserContext",
            json!({ "browserContextId": self.context }),
        );
        // A page that broke the Content-Security-Policy fails its test, whether or not
        // the test asked. (Not while already unwinding: the first failure is the one
        // to read.)
        if !std::thread::panicking()
            && let Ok(mut events) = self.events.try_lock()
        {
            events.drain();
            assert!(
                events.csp_violations.is_empty(),
                "the page broke the Content-Security-Policy: {:?}",
                events.csp_violations
            );
        }
    }
}

/// JavaScript truthiness of a JSON value (`NaN` and `undefined` arrive as `null`).
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

fn string_field(value: &Value, field: &str) -> Result<String> {
    value[field]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("the browser's answer has no `{field}`: {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truthiness_matches_javascript() {
        for falsy in [json!(null), json!(false), json!(0), json!(0.0), json!("")] {
            assert!(!truthy(&falsy), "{falsy}");
        }
        for truthy_value in [
            json!(true),
            json!(1),
            json!(-0.5),
            json!("0"),
            json!([]),
            json!({}),
        ] {
            assert!(truthy(&truthy_value), "{truthy_value}");
        }
    }
}
