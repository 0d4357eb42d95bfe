//! A page whose clock is wrong, and how far off a page's clock is.

use anyhow::{Context, Result};

use crate::browser::Page;

/// Makes this page's clock run `offset_ms` ahead (negative: behind) from the next
/// navigation on: `Date.now()`, `new Date()`, `Date()` and `performance.timeOrigin`
/// are shifted, as on a laptop whose clock is wrong. Installed with
/// [`Page::run_before_page_scripts`], so it runs before the page's own scripts.
pub async fn skew_clock(page: &Page, offset_ms: i64) -> Result<()> {
    let script = format!(
        "(() => {{
            const offset = {offset_ms};
            const RealDate = Date;
            const realNow = RealDate.now.bind(RealDate);
            const skewedNow = () => realNow() + offset;
            const Skewed = new Proxy(RealDate, {{
                construct(target, args, newTarget) {{
                    return args.length
                        ? Reflect.construct(target, args, newTarget)
                        : Reflect.construct(target, [skewedNow()], newTarget);
                }},
                apply() {{ return new RealDate(skewedNow()).toString(); }},
                get(target, prop, receiver) {{
                    if (prop === 'now') return skewedNow;
                    return Reflect.get(target, prop, receiver);
                }},
            }});
            globalThis.Date = Skewed;
            const origin = performance.timeOrigin + offset;
            try {{
                Object.defineProperty(performance, 'timeOrigin', {{ get: () => origin }});
            }} catch (e) {{}}
            globalThis.__ovaalClockOffsetMs = offset;
        }})()"
    );
    page.run_before_page_scripts(&script).await
}

/// Milliseconds since the Unix epoch on the test's (and the in-process server's) clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// How far the page's `Date.now()` is from the test's clock, in ms (bounded by the
/// DevTools round trip).
pub async fn page_clock_offset(page: &Page) -> Result<i64> {
    let before = now_ms();
    let page_now = ovaal_shared::float::to_i64(
        page.eval("Date.now()")
            .await?
            .as_f64()
            .context("Date.now()")?,
    );
    let after = now_ms();
    Ok(page_now - (before + after) / 2)
}
