//! Automated accessibility checks with axe-core (Deque's rule engine, the one browser
//! devtools and most CI accessibility checks use), injected into the page under test.
//!
//! axe-core comes from npm, pinned exactly in `tests/package.json` and
//! `tests/package-lock.json`; `cargo xtask test` installs it into `tests/node_modules`
//! (`npm ci --prefix tests`) when it is missing. The test reads `axe.min.js` from there,
//! evaluates it in the page with `Runtime.evaluate`, runs `axe.run()` and gets back the
//! violations. Automated rules find only part of the problems (contrast, names, roles,
//! structure); they do not replace trying the page with a keyboard and a screen reader.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::browser::Page;

/// What the accessibility tests refuse. axe's `minor` and `moderate` findings are
/// reported but do not fail.
pub const FAILING_IMPACTS: [&str; 2] = ["serious", "critical"];

/// One broken rule and where on the page.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    pub nodes: Vec<Node>,
}

/// One element that breaks a rule.
#[derive(Debug, Clone, Deserialize)]
pub struct Node {
    /// CSS selector(s) of the element (more than one inside iframes or shadow roots).
    pub target: Vec<serde_json::Value>,
    pub html: String,
    #[serde(rename = "failureSummary")]
    pub failure_summary: Option<String>,
}

impl Violation {
    pub fn fails(&self) -> bool {
        self.impact
            .as_deref()
            .is_some_and(|impact| FAILING_IMPACTS.contains(&impact))
    }
}

/// Where `npm ci --prefix tests` puts axe-core.
pub fn axe_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
}

/// The axe-core script, or how to install it.
pub fn axe_source() -> Result<String> {
    let path = axe_path();
    std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} — install the tests' npm packages with `npm ci --prefix tests` \
             (`cargo xtask test` does this for you)",
            path.display()
        )
    })
}

/// Injects axe-core (once per document) and runs every WCAG 2.x A/AA rule plus axe's
/// best practices on the whole page; returns all violations.
pub async fn run(page: &Page, source: &str) -> Result<Vec<Violation>> {
    let loaded = page.eval("typeof window.axe === 'object'").await?;
    if loaded != true {
        page.eval(&format!("{source}\n;typeof window.axe"))
            .await
            .context("injecting axe-core")?;
    }
    let result = page
        .eval(
            "axe.run(document, { resultTypes: ['violations'], \
             runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', \
             'wcag22aa', 'best-practice'] } }) \
             .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
             helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({ target: n.target, html: n.html, \
             failureSummary: n.failureSummary })) })))",
        )
        .await
        .context("running axe")?;
    serde_json::from_value(result).context("axe's answer has an unexpected shape")
}

/// A readable report of violations, one block per rule with up to five elements.
pub fn report(view: &str, violations: &[Violation]) -> String {
    let mut out = String::new();
    for violation in violations {
        let _ = writeln!(
            out,
            "[{view}] {impact}: {id} — {help} ({url})",
            impact = violation.impact.as_deref().unwrap_or("unknown"),
            id = violation.id,
            help = violation.help,
            url = violation.help_url,
        );
        for node in violation.nodes.iter().take(5) {
            let target = node
                .target
                .iter()
                .map(|t| {
                    t.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| t.to_string())
                })
                .collect::<Vec<_>>()
                .join(" > ");
            let _ = writeln!(out, "    at {target}");
            let _ = writeln!(out, "       {}", shorten(&node.html, 160));
            if let Some(summary) = &node.failure_summary {
                for line in summary.lines() {
                    let _ = writeln!(out, "       {}", line.trim());
                }
            }
        }
        if violation.nodes.len() > 5 {
            let _ = writeln!(out, "    … and {} more", violation.nodes.len() - 5);
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_serious_and_critical_fail() {
        let violation = |impact: Option<&str>| Violation {
            id: "color-contrast".into(),
            impact: impact.map(str::to_owned),
            help: "Elements must meet minimum color contrast ratio thresholds".into(),
            help_url: "https://example.invalid/color-contrast".into(),
            nodes: vec![Node {
                target: vec![serde_json::json!(".card-author")],
                html: "<p class=\"card-author\">door Anna</p>".into(),
                failure_summary: Some("Fix any of the following:\n  contrast 3.1:1".into()),
            }],
        };
        assert!(violation(Some("serious")).fails());
        assert!(violation(Some("critical")).fails());
        assert!(!violation(Some("moderate")).fails());
        assert!(!violation(None).fails());
        let text = report("phone", &[violation(Some("serious"))]);
        assert!(text.contains("[phone] serious: color-contrast"), "{text}");
        assert!(text.contains("at .card-author"), "{text}");
        assert!(text.contains("contrast 3.1:1"), "{text}");
    }
}
