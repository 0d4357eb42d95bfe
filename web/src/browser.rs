//! Small wrappers around browser services: time, randomness, local storage, timers.
//! Each hides a `Result` the page can live without (storage can be disabled, for
//! example) behind a plain value or a logged error.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::dom::{self, js_message, log_error};
use crate::i18n::Lang;

/// Milliseconds since the Unix epoch (the clock `created_ms` and seat claims use).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Cryptographically random bytes (ids and the participant's secret key must not be
/// guessable). Falls back to `Math.random` only if the Web Crypto API is missing,
/// which no browser that runs WebAssembly lacks.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = dom::window()
        .ok()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        log_error("random", &"crypto.getRandomValues is unavailable");
        for b in &mut bytes {
            // In [0, 256): every byte value, none beyond.
            *b = ovaal_shared::float::to_u8(js_sys::Math::random() * 256.0);
        }
    }
    bytes
}

pub fn random_u32() -> u32 {
    u32::from_le_bytes(random_bytes::<4>())
}

/// A number in `[0, 1)` for jitter, where quality does not matter.
pub fn random_unit() -> f64 {
    js_sys::Math::random()
}

fn storage() -> Option<web_sys::Storage> {
    dom::window().ok()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(storage) = storage()
        && let Err(e) = storage.set_item(key, value)
    {
        log_error("localStorage", &js_message(&e));
    }
}

pub fn storage_remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Where the NL/EN choice is remembered.
const LANG_KEY: &str = "ovaal:lang";

/// The language to start in: the person's earlier choice, else the browser's.
pub fn preferred_lang() -> Lang {
    let tag = storage_get(LANG_KEY).unwrap_or_else(|| {
        dom::window()
            .ok()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default()
    });
    Lang::from_tag(&tag)
}

pub fn remember_lang(lang: Lang) {
    storage_set(LANG_KEY, lang.tag());
}

pub fn navigator_online() -> bool {
    dom::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// `f` as a JavaScript function called at most once, freed after its call (so timers
/// and one-off callbacks do not leak).
pub fn once_js(f: impl FnOnce() + 'static) -> JsValue {
    once_js_boxed(Box::new(f))
}

/// [`once_js`] behind one `dyn` type: wasm-bindgen's glue for a one-off closure is
/// compiled once instead of once per callback (as for `dom::listen`).
#[inline(never)]
fn once_js_boxed(f: Box<dyn FnOnce()>) -> JsValue {
    Closure::once_into_js(f)
}

/// Runs `f` once after `ms` milliseconds; returns the handle for [`clear_timeout`].
pub fn set_timeout(ms: f64, f: impl FnOnce() + 'static) -> Option<i32> {
    let window = dom::window().ok()?;
    let callback = once_js(f);
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            ovaal_shared::float::to_i32(ms.clamp(0.0, f64::from(i32::MAX))),
        )
        .map_err(|e| log_error("setTimeout", &js_message(&e)))
        .ok()
}

/// Runs `f` once, before the browser next paints, or after `fallback_ms` if no frame
/// comes first (a hidden tab paints nothing, and what `f` does must still happen).
pub fn next_frame(fallback_ms: f64, f: impl FnOnce() + 'static) {
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let once = std::rc::Rc::clone(&once);
        move || {
            if let Some(f) = once.take() {
                f();
            }
        }
    };
    let Ok(window) = dom::window() else { return };
    let frame = once_js(run.clone());
    if let Err(e) = window.request_animation_frame(frame.unchecked_ref()) {
        log_error("requestAnimationFrame", &js_message(&e));
    }
    set_timeout(fallback_ms, run);
}

/// Runs `f` once in a task after the browser next paints (or after `fallback_ms`
/// without a frame): what it reads of the layout is then the browser's own, already
/// worked out, rather than a layout forced in the middle of drawing.
pub fn after_next_paint(fallback_ms: f64, f: impl FnOnce() + 'static) {
    next_frame(fallback_ms, move || {
        set_timeout(0.0, f);
    });
}

pub fn clear_timeout(handle: i32) {
    if let Ok(window) = dom::window() {
        window.clear_timeout_with_handle(handle);
    }
}

/// Runs `f` every `ms` milliseconds for the life of the page.
pub fn set_interval(ms: i32, f: impl FnMut() + 'static) {
    let Ok(window) = dom::window() else { return };
    let closure = Closure::<dyn FnMut()>::wrap(Box::new(f));
    if let Err(e) = window.set_interval_with_callback_and_timeout_and_arguments_0(
        closure.as_ref().unchecked_ref(),
        ms,
    ) {
        log_error("setInterval", &js_message(&e));
    }
    closure.forget();
}

/// Copies text to the clipboard; resolves to whether it worked. The async Clipboard
/// API exists only in secure contexts (https, localhost); a session served over plain
/// http on a LAN address falls back to selecting `element`'s text and the older
/// `execCommand("copy")`. On failure the text stays selected for a manual copy.
pub async fn copy_to_clipboard(text: &str, element: &web_sys::Element) -> bool {
    let Ok(window) = dom::window() else {
        return false;
    };
    if window.is_secure_context() {
        let promise = window.navigator().clipboard().write_text(text);
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            return true;
        }
    }
    if let Ok(Some(selection)) = window.get_selection() {
        let _ = selection.select_all_children(element);
    }
    window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}
