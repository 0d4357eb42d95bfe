//! A tiny element builder over `web-sys`, instead of a UI framework.
//!
//! ```ignore
//! el("button").class("primary").attr("type", "button").key(lang, Key::Save).on("click", |_| save())
//! ```
//!
//! Listeners added with [`El::on`] live as long as the page (their closures are handed
//! to JavaScript for good), so use them only on elements built once. Elements that come
//! and go with the data (cards, seats) get no listeners of their own: their container
//! listens and finds the element from the event target ("event delegation").
//!
//! DOM calls only fail on programming errors (an invalid tag or attribute name, all of
//! which are literals here), so failures are written to the console instead of
//! stopping the page.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlElement, Window};

use crate::i18n::{self, Key, Lang};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Why a DOM operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DomError {
    #[error("no browser window")]
    NoWindow,
    #[error("no element matches {0}")]
    Missing(String),
    #[error("{0}")]
    Js(String),
}

impl From<JsValue> for DomError {
    fn from(value: JsValue) -> Self {
        DomError::Js(js_message(&value))
    }
}

/// A readable text for a thrown JavaScript value (usually an `Error`).
pub fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

pub fn window() -> Result<Window, DomError> {
    web_sys::window().ok_or(DomError::NoWindow)
}

pub fn document() -> Result<Document, DomError> {
    window()?.document().ok_or(DomError::NoWindow)
}

/// Logs a failure that the person cannot act on.
pub fn log_error(context: &str, error: &dyn std::fmt::Display) {
    web_sys::console::error_1(&JsValue::from_str(&format!("ovaal: {context}: {error}")));
}

fn report<T>(context: &str, result: Result<T, JsValue>) -> Option<T> {
    result.map_err(|e| log_error(context, &js_message(&e))).ok()
}

/// An element under construction.
pub struct El(Element);

/// Creates an HTML element.
pub fn el(tag: &str) -> El {
    El(create(tag, None))
}

/// Creates an SVG element (they need the SVG namespace to render).
pub fn svg(tag: &str) -> El {
    El(create(tag, Some(SVG_NS)))
}

fn create(tag: &str, namespace: Option<&str>) -> Element {
    let created = document()
        .map_err(JsValue::from)
        .and_then(|doc| match namespace {
            Some(ns) => doc.create_element_ns(Some(ns), tag),
            None => doc.create_element(tag),
        });
    match created {
        Ok(element) => element,
        // Only reachable with an invalid literal tag name: a bug worth stopping for.
        Err(e) => wasm_bindgen::throw_str(&format!("cannot create <{tag}>: {}", js_message(&e))),
    }
}

impl From<DomError> for JsValue {
    fn from(error: DomError) -> Self {
        JsValue::from_str(&error.to_string())
    }
}

impl El {
    pub fn id(self, id: &str) -> Self {
        self.0.set_id(id);
        self
    }

    pub fn class(self, class: &str) -> Self {
        report("class", self.0.class_list().add_1(class));
        self
    }

    pub fn attr(self, name: &str, value: &str) -> Self {
        set_attr(&self.0, name, value);
        self
    }

    /// Sets the attribute only when `on` is true (for boolean attributes).
    pub fn flag(self, name: &str, on: bool) -> Self {
        if on {
            set_attr(&self.0, name, "");
        }
        self
    }

    pub fn text(self, text: &str) -> Self {
        self.0.set_text_content(Some(text));
        self
    }

    /// Translated text that follows language switches (see [`relabel`]).
    pub fn key(self, lang: Lang, key: Key) -> Self {
        set_attr(&self.0, "data-i18n", key.name());
        self.text(i18n::t(lang, key))
    }

    /// A translated attribute (placeholder, aria-label, title) that follows switches.
    pub fn key_attr(self, lang: Lang, name: &str, key: Key) -> Self {
        set_attr(&self.0, &format!("data-i18n-{name}"), key.name());
        self.attr(name, i18n::t(lang, key))
    }

    pub fn child(self, child: impl AsRef<web_sys::Node>) -> Self {
        report("append", self.0.append_child(child.as_ref()));
        self
    }

    /// Adds a listener that lives as long as the page.
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> Self {
        listen(&self.0, event, handler);
        self
    }

    pub fn build(self) -> Element {
        self.0
    }

    /// The element as a more specific type (input, button, …). Falls back to a
    /// console error and a detached element if the tag did not match the type.
    pub fn cast<T: JsCast>(self) -> T {
        match self.0.dyn_into::<T>() {
            Ok(typed) => typed,
            Err(element) => wasm_bindgen::throw_str(&format!(
                "<{}> is not the expected element type",
                element.tag_name()
            )),
        }
    }
}

impl AsRef<web_sys::Node> for El {
    fn as_ref(&self) -> &web_sys::Node {
        &self.0
    }
}

pub fn set_attr(element: &Element, name: &str, value: &str) {
    report("attribute", element.set_attribute(name, value));
}

pub fn remove_attr(element: &Element, name: &str) {
    report("attribute", element.remove_attribute(name));
}

/// Shows a translated text that also follows later language switches (like
/// [`El::key`], for an element that already exists).
pub fn set_key(element: &Element, lang: Lang, key: Key) {
    set_attr(element, "data-i18n", key.name());
    element.set_text_content(Some(i18n::t(lang, key)));
}

/// [`set_key`], or empties the element (a message that went away).
pub fn show_key(element: &Element, lang: Lang, key: Option<Key>) {
    match key {
        Some(key) => set_key(element, lang, key),
        None => {
            remove_attr(element, "data-i18n");
            element.set_text_content(None);
        }
    }
}

/// Sets or clears a class.
pub fn toggle_class(element: &Element, class: &str, on: bool) {
    report("class", element.class_list().toggle_with_force(class, on));
}

/// Adds a page-lifetime listener to any event target (window, document, element).
pub fn listen(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    listen_boxed(target, event, Box::new(handler));
}

/// [`listen`] behind one `dyn` type: wasm-bindgen's closure glue (its `invoke` shim and
/// the conversion to a JavaScript function) is compiled once for every listener of the
/// client instead of once per handler (docs/benchmarks.md, "Web client download").
/// Never inlined, so that each handler adds only its own body and a `Box`.
#[inline(never)]
fn listen_boxed(target: &web_sys::EventTarget, event: &str, handler: Box<dyn FnMut(Event)>) {
    let closure = Closure::wrap(handler);
    report(
        "listener",
        target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref()),
    );
    closure.forget();
}

/// The first element matching `selector` inside `root`.
pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Sets an inline style property (positions of cards while dragging).
pub fn set_style(element: &HtmlElement, property: &str, value: &str) {
    report("style", element.style().set_property(property, value));
}

/// Walks the page and re-translates every node marked by [`El::key`] and
/// [`El::key_attr`], so a language switch keeps focus, drafts and scroll position.
pub fn relabel(lang: Lang) {
    let Ok(doc) = document() else { return };
    if let Some(root) = doc.document_element() {
        set_attr(&root, "lang", lang.tag());
        relabel_within(&root, lang);
    }
}

/// [`relabel`] for `root` and what it holds, also while it is out of the page (a
/// dialog shown only now and then).
pub fn relabel_within(root: &Element, lang: Lang) {
    relabel_matching(
        root,
        "[data-i18n]",
        "data-i18n",
        |element, text| element.set_text_content(Some(text)),
        lang,
    );
    for attr in ["placeholder", "aria-label", "title"] {
        let marker = format!("data-i18n-{attr}");
        relabel_matching(
            root,
            &format!("[{marker}]"),
            &marker,
            |element, text| set_attr(element, attr, text),
            lang,
        );
    }
}

fn relabel_matching(
    root: &Element,
    selector: &str,
    marker: &str,
    apply: impl Fn(&Element, &str),
    lang: Lang,
) {
    let Ok(nodes) = root.query_selector_all(selector) else {
        return;
    };
    // The root itself, then what it holds.
    let matching = std::iter::once(root.clone())
        .filter(|r| r.matches(selector).unwrap_or(false))
        .chain((0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok()));
    for element in matching {
        if let Some(key) = element
            .get_attribute(marker)
            .and_then(|k| Key::from_name(&k))
        {
            apply(&element, i18n::t(lang, key));
        }
    }
}

/// Shows or hides an element with the `hidden` attribute, touching the DOM only when
/// that changes. (`Element` has no `hidden` property; `HtmlElement` does, but SVG and
/// generic elements come through here too.)
pub trait Hide {
    fn set_hidden(&self, hidden: bool);
}

impl Hide for Element {
    fn set_hidden(&self, hidden: bool) {
        if hidden {
            if !self.has_attribute("hidden") {
                set_attr(self, "hidden", "");
            }
        } else if self.has_attribute("hidden") {
            remove_attr(self, "hidden");
        }
    }
}
