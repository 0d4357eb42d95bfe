//! Real input, dispatched by the browser as if from a mouse and keyboard
//! (`Input.dispatchMouseEvent`, `Input.dispatchKeyEvent`, `Input.insertText`), so pointer
//! events, focus, hit-testing and default actions behave as they do for a person; calling
//! `element.click()` from JavaScript would skip all of that.

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use super::page::Page;

/// Pointer moves between press and release in [`Page::drag`].
const DRAG_STEPS: u32 = 10;

/// A point in CSS pixels, relative to the viewport.
#[derive(Debug, Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
}

impl Page {
    /// Clicks the centre of the first element matching `selector`, after scrolling it into
    /// view and waiting until it is visible and not covered by another element.
    pub async fn click(&self, selector: &str) -> Result<()> {
        let at = self.element_centre(selector).await?;
        self.mouse("mouseMoved", at, "none", 0, 0).await?;
        self.mouse("mousePressed", at, "left", 1, 1).await?;
        self.mouse("mouseReleased", at, "left", 0, 1).await
    }

    /// Focuses the element matching `selector` and inserts `text` as typing would (with
    /// `beforeinput`/`input` events), at the caret.
    pub async fn type_text(&self, selector: &str, text: &str) -> Result<()> {
        self.element_centre(selector).await?;
        let focused = self
            .eval(&format!(
                "(() => {{ const el = document.querySelector({sel}); el.focus(); \
                 return document.activeElement === el; }})()",
                sel = js_string(selector)
            ))
            .await?;
        if focused != Value::Bool(true) {
            bail!(
                "`{selector}` did not take the focus (is it an input, textarea or contenteditable?)"
            );
        }
        self.call("Input.insertText", json!({ "text": text }))
            .await?;
        Ok(())
    }

    /// Puts `files` into the file input matching `selector`, as choosing them in the
    /// file dialog would (the page gets its `input` and `change` events).
    pub async fn choose_files(&self, selector: &str, files: &[&std::path::Path]) -> Result<()> {
        self.element_centre(selector).await?;
        let found = self
            .call(
                "Runtime.evaluate",
                json!({ "expression": format!("document.querySelector({})", js_string(selector)) }),
            )
            .await?;
        let object = found["result"]["objectId"]
            .as_str()
            .with_context(|| format!("`{selector}` is not an element"))?
            .to_owned();
        let files: Vec<String> = files
            .iter()
            .map(|f| {
                std::path::absolute(f)
                    .map(|p| p.display().to_string())
                    .with_context(|| format!("no absolute path for {}", f.display()))
            })
            .collect::<Result<_>>()?;
        self.call(
            "DOM.setFileInputFiles",
            json!({ "files": files, "objectId": object }),
        )
        .await?;
        Ok(())
    }

    /// Presses and releases a key on the focused element: `Enter`, `Tab`, `Escape`,
    /// `Backspace`, `Delete`, `Space`, `Home`, `End`, the four `Arrow*` keys, or a single
    /// letter or digit.
    pub async fn press_key(&self, key: &str) -> Result<()> {
        let def = KeyDef::named(key)?;
        let mut down = json!({
            "type": "keyDown",
            "key": def.key,
            "code": def.code,
            "windowsVirtualKeyCode": def.key_code,
            "nativeVirtualKeyCode": def.key_code,
        });
        if let Some(text) = &def.text {
            down["text"] = json!(text);
            down["unmodifiedText"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down).await?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({
                "type": "keyUp",
                "key": def.key,
                "code": def.code,
                "windowsVirtualKeyCode": def.key_code,
                "nativeVirtualKeyCode": def.key_code,
            }),
        )
        .await?;
        Ok(())
    }

    /// Presses the mouse on the centre of the element matching `selector`, moves it by
    /// (`dx`, `dy`) CSS pixels in several steps with the button held, and releases it.
    pub async fn drag(&self, selector: &str, dx: f64, dy: f64) -> Result<()> {
        let start = self.element_centre(selector).await?;
        self.mouse("mouseMoved", start, "none", 0, 0).await?;
        self.mouse("mousePressed", start, "left", 1, 1).await?;
        for step in 1..=DRAG_STEPS {
            let fraction = f64::from(step) / f64::from(DRAG_STEPS);
            let at = Point {
                x: start.x + dx * fraction,
                y: start.y + dy * fraction,
            };
            self.mouse("mouseMoved", at, "left", 1, 0).await?;
        }
        let end = Point {
            x: start.x + dx,
            y: start.y + dy,
        };
        self.mouse("mouseReleased", end, "left", 0, 1).await
    }

    async fn mouse(
        &self,
        kind: &str,
        at: Point,
        button: &str,
        buttons: u8,
        clicks: u8,
    ) -> Result<()> {
        self.call(
            "Input.dispatchMouseEvent",
            json!({
                "type": kind,
                "x": at.x,
                "y": at.y,
                "button": button,
                "buttons": buttons,
                "clickCount": clicks,
            }),
        )
        .await?;
        Ok(())
    }

    /// Scrolls the element into view and returns its centre once it exists, has a size
    /// and is the topmost element there (what a person could actually click).
    async fn element_centre(&self, selector: &str) -> Result<Point> {
        // The element must also keep its place for two frames: a page that is still
        // drawing (a dialog closing, cards arriving) can move it between aiming and
        // pressing, and the press would land beside it.
        let probe = format!(
            "(async () => {{
                const el = document.querySelector({sel});
                if (!el) return null;
                el.scrollIntoView({{ block: 'center', inline: 'center' }});
                const box = () => el.getBoundingClientRect();
                const frame = () => new Promise(done => {{
                    requestAnimationFrame(() => done());
                    setTimeout(done, 100);
                }});
                const before = box();
                await frame();
                await frame();
                const r = box();
                if (r.width === 0 || r.height === 0) return null;
                if (r.left !== before.left || r.top !== before.top
                    || r.width !== before.width || r.height !== before.height) return null;
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const top = document.elementFromPoint(x, y);
                return (top && (el === top || el.contains(top))) ? {{ x, y }} : null;
            }})()",
            sel = js_string(selector)
        );
        let centre = self
            .wait_for(&probe, self.element_timeout)
            .await
            .with_context(|| format!("no visible, uncovered element matches `{selector}`"))?;
        let coordinate = |name: &str| centre[name].as_f64().context("bad element position");
        Ok(Point {
            x: coordinate("x")?,
            y: coordinate("y")?,
        })
    }
}

/// A selector or text as a JavaScript string literal (JSON strings are valid JS).
pub(super) fn js_string(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

/// What `Input.dispatchKeyEvent` needs to make Chromium treat a key as really pressed.
struct KeyDef {
    key: String,
    code: String,
    key_code: u32,
    /// The character the key types, if any (only then does it produce input).
    text: Option<String>,
}

impl KeyDef {
    fn named(key: &str) -> Result<KeyDef> {
        let special = |key: &str, code: &str, key_code: u32, text: Option<&str>| KeyDef {
            key: key.to_string(),
            code: code.to_string(),
            key_code,
            text: text.map(str::to_owned),
        };
        Ok(match key {
            "Enter" => special("Enter", "Enter", 13, Some("\r")),
            "Tab" => special("Tab", "Tab", 9, None),
            "Escape" => special("Escape", "Escape", 27, None),
            "Backspace" => special("Backspace", "Backspace", 8, None),
            "Delete" => special("Delete", "Delete", 46, None),
            "Space" | " " => special(" ", "Space", 32, Some(" ")),
            "Home" => special("Home", "Home", 36, None),
            "End" => special("End", "End", 35, None),
            "ArrowLeft" => special("ArrowLeft", "ArrowLeft", 37, None),
            "ArrowUp" => special("ArrowUp", "ArrowUp", 38, None),
            "ArrowRight" => special("ArrowRight", "ArrowRight", 39, None),
            "ArrowDown" => special("ArrowDown", "ArrowDown", 40, None),
            _ => {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_alphanumeric() => {
                        let upper = c.to_ascii_uppercase();
                        let code = if c.is_ascii_digit() {
                            format!("Digit{c}")
                        } else {
                            format!("Key{upper}")
                        };
                        KeyDef {
                            key: c.to_string(),
                            code,
                            key_code: u32::from(upper),
                            text: Some(c.to_string()),
                        }
                    }
                    _ => bail!(
                        "press_key does not know `{key}`; known: Enter, Tab, Escape, Backspace, \
                         Delete, Space, Home, End, ArrowLeft/Up/Right/Down, a letter or a digit"
                    ),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_the_codes_chromium_expects() {
        let enter = KeyDef::named("Enter").unwrap();
        assert_eq!(
            (enter.code.as_str(), enter.key_code, enter.text.as_deref()),
            ("Enter", 13, Some("\r"))
        );
        let a = KeyDef::named("a").unwrap();
        assert_eq!(
            (a.key.as_str(), a.code.as_str(), a.key_code),
            ("a", "KeyA", 65)
        );
        let seven = KeyDef::named("7").unwrap();
        assert_eq!((seven.code.as_str(), seven.key_code), ("Digit7", 55));
        assert!(KeyDef::named("F13").is_err());
    }

    #[test]
    fn selectors_become_safe_string_literals() {
        assert_eq!(js_string(r#"[data-x="a'b"]"#), r#""[data-x=\"a'b\"]""#);
    }
}
