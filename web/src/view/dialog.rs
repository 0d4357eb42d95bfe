//! Modal dialogs in the page (never the browser's own `confirm()`, which blocks the
//! page, cannot be styled or translated well, and stalls automated browsers).
//!
//! [`Dialog`] is a titled panel over a dimmed page: it takes the focus when it opens,
//! keeps Tab inside, closes on Escape or its close button, and gives the focus back to
//! whatever opened it. Tab and Escape keep working even when the focus fell out of the
//! dialog onto the page (a focused button was hidden or removed): Escape still closes
//! it and Tab brings the focus back in. The parts inside a dialog still move the focus
//! themselves when they hide what has it (the plan editor's Cancel does).
//!
//! [`Confirm`] is the one confirmation dialog of the page (`#confirm-dialog`:
//! `#confirm-text`, optionally `#confirm-typed` for a typed confirmation,
//! `#confirm-no`, `#confirm-yes`), built once and reused.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::dom::{self, Hide, el, listen, set_attr};
use crate::i18n::{self, Key, Lang};

pub struct Dialog {
    /// The overlay; it is in the page only while open.
    pub root: Element,
    /// Where the dialog's content goes.
    pub body: Element,
    opener: RefCell<Option<HtmlElement>>,
    on_close: RefCell<Option<Box<dyn Fn()>>>,
}

impl Dialog {
    /// A dialog `#{id}` titled by `title`.
    pub fn new(lang: Lang, id: &str, title: Key) -> Rc<Self> {
        let title_id = format!("{id}-title");
        let body = el("div").class("dialog-body").build();
        let close = el("button")
            .class("dialog-close")
            .class("icon-button")
            .attr("type", "button")
            .key_attr(lang, "aria-label", Key::Close)
            .child(el("span").attr("aria-hidden", "true").text("×"))
            .build();
        let panel = el("div")
            .id(id)
            .class("dialog")
            .class("dialog-wide")
            .attr("role", "dialog")
            .attr("aria-modal", "true")
            .attr("aria-labelledby", &title_id)
            .child(
                el("div")
                    .class("dialog-head")
                    .child(
                        el("h2")
                            .id(&title_id)
                            .attr("tabindex", "-1")
                            .key(lang, title),
                    )
                    .child(close.clone()),
            )
            .child(body.clone())
            .build();
        let root = el("div").class("overlay").child(panel).build();
        let dialog = Rc::new(Self {
            root,
            body,
            opener: RefCell::new(None),
            on_close: RefCell::new(None),
        });
        let d = Rc::clone(&dialog);
        listen(&close, "click", move |_| d.close());
        let d = Rc::clone(&dialog);
        listen(&dialog.root, "keydown", move |event| d.key(&event));
        if let Ok(document) = dom::document() {
            let d = Rc::clone(&dialog);
            listen(&document, "keydown", move |event| d.stray_key(&event));
        }
        dialog
    }

    /// A key pressed while this dialog is open but the focus is outside it (on the
    /// page's body, after the focused control disappeared): Escape closes, Tab comes
    /// back in. Keys inside the dialog are [`Self::key`]'s; a dialog opened on top of
    /// this one handles its own.
    fn stray_key(&self, event: &web_sys::Event) {
        if !self.is_open() || event.default_prevented() {
            return;
        }
        let inside = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| self.root.contains(Some(&t)));
        let on_top = self.root.next_element_sibling().is_none_or(|mut next| {
            loop {
                if next.class_list().contains("overlay") {
                    break false;
                }
                match next.next_element_sibling() {
                    Some(after) => next = after,
                    None => break true,
                }
            }
        });
        if inside || !on_top {
            return;
        }
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" => {
                event.prevent_default();
                self.close();
            }
            "Tab" => {
                event.prevent_default();
                let controls = self.focusable();
                let target = if key.shift_key() {
                    controls.last()
                } else {
                    controls.first()
                };
                if let Some(target) = target {
                    let _ = target.focus();
                }
            }
            _ => {}
        }
    }

    /// Called whenever the dialog closes (to clear a form, say).
    pub fn on_close(&self, f: impl Fn() + 'static) {
        *self.on_close.borrow_mut() = Some(Box::new(f));
    }

    pub fn is_open(&self) -> bool {
        self.root.is_connected()
    }

    /// Shows the dialog and focuses `focus` (or its title).
    pub fn open(&self, focus: Option<&Element>) {
        if !self.is_open() {
            *self.opener.borrow_mut() = dom::document()
                .ok()
                .and_then(|d| d.active_element())
                .and_then(|a| a.dyn_into::<HtmlElement>().ok());
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                let _ = body.append_child(&self.root);
            }
        }
        let target = focus
            .cloned()
            .or_else(|| dom::query(&self.root, "h2"))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    }

    pub fn close(&self) {
        if !self.is_open() {
            return;
        }
        self.root.remove();
        if let Some(f) = self.on_close.borrow().as_ref() {
            f();
        }
        if let Some(opener) = self.opener.borrow_mut().take()
            && opener.is_connected()
        {
            let _ = opener.focus();
        }
    }

    fn key(&self, event: &web_sys::Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" => {
                event.prevent_default();
                self.close();
            }
            "Tab" => self.keep_tab_inside(event, key.shift_key()),
            _ => {}
        }
    }

    /// Tab from the last control goes to the first, Shift+Tab from the first to the
    /// last: the page behind is out of reach while the dialog is open.
    fn keep_tab_inside(&self, event: &web_sys::Event, backwards: bool) {
        let all = self.focusable();
        let (Some(first), Some(last)) = (all.first(), all.last()) else {
            return;
        };
        let active = dom::document().ok().and_then(|d| d.active_element());
        let at = |e: &HtmlElement| active.as_ref().is_some_and(|a| a.is_same_node(Some(e)));
        if backwards && at(first) {
            event.prevent_default();
            let _ = last.focus();
        } else if !backwards && at(last) {
            event.prevent_default();
            let _ = first.focus();
        }
    }

    /// The controls Tab visits in the dialog, in order (visible ones only).
    fn focusable(&self) -> Vec<HtmlElement> {
        let Ok(nodes) = self.root.query_selector_all(
            "button:not([disabled]):not([hidden]), input:not([disabled]), select, textarea, a[href]",
        ) else {
            return Vec::new();
        };
        (0..nodes.length())
            .filter_map(|i| nodes.item(i)?.dyn_into::<HtmlElement>().ok())
            .filter(|e| e.offset_parent().is_some())
            .collect()
    }
}

type Pending = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// "Are you sure?" for the few actions that cannot be undone.
pub struct Confirm {
    dialog: Rc<Dialog>,
    text: Element,
    typed: HtmlInputElement,
    typed_error: Element,
    no: Element,
    yes: Element,
    /// The text to type, for a typed confirmation.
    expected: Rc<RefCell<Option<String>>>,
    pending: Pending,
}

impl Confirm {
    pub fn new(lang: Lang) -> Rc<Self> {
        let dialog = Dialog::new(lang, "confirm-dialog", Key::ConfirmTitle);
        let text = el("p").id("confirm-text").class("confirm-text").build();
        let typed = el("input")
            .id("confirm-typed")
            .attr("type", "text")
            .attr("autocomplete", "off")
            .attr("aria-describedby", "confirm-text confirm-error")
            .cast::<HtmlInputElement>();
        let typed_error = el("p")
            .id("confirm-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let no = el("button")
            .id("confirm-no")
            .class("button-quiet")
            .attr("type", "button")
            .key(lang, Key::Cancel)
            .build();
        let yes = el("button")
            .id("confirm-yes")
            .class("button-danger")
            .attr("type", "button")
            .build();
        let _ = dialog.body.append_child(&text);
        let field = el("div")
            .class("field")
            .child(typed.clone())
            .child(typed_error.clone())
            .build();
        let _ = dialog.body.append_child(&field);
        let actions = el("div")
            .class("actions")
            .child(no.clone())
            .child(yes.clone())
            .build();
        let _ = dialog.body.append_child(&actions);
        let confirm = Rc::new(Self {
            dialog,
            text,
            typed,
            typed_error,
            no: no.clone(),
            yes,
            expected: Rc::new(RefCell::new(None)),
            pending: Rc::new(RefCell::new(None)),
        });
        let c = Rc::clone(&confirm);
        listen(&no, "click", move |_| c.dialog.close());
        let c = Rc::clone(&confirm);
        listen(&confirm.yes, "click", move |_| c.accept());
        let c = Rc::clone(&confirm);
        listen(&confirm.typed, "keydown", move |event| {
            if event.dyn_ref::<KeyboardEvent>().map(|k| k.key()).as_deref() == Some("Enter") {
                event.prevent_default();
                c.accept();
            }
        });
        let pending = Rc::clone(&confirm.pending);
        confirm.dialog.on_close(move || {
            pending.borrow_mut().take();
        });
        confirm
    }

    /// Asks; `on_yes` runs only when the person confirms. With `typed`, they must
    /// type that text first (deleting a session asks for its title).
    pub fn ask(
        &self,
        lang: Lang,
        text: &str,
        yes: Key,
        typed: Option<String>,
        on_yes: impl FnOnce() + 'static,
    ) {
        self.text.set_text_content(Some(text));
        set_attr(&self.yes, "data-i18n", yes.name());
        self.yes.set_text_content(Some(i18n::t(lang, yes)));
        self.typed.set_value("");
        self.typed_error.set_text_content(None);
        let field = self.typed.parent_element();
        if let Some(field) = &field {
            field.set_hidden(typed.is_none());
        }
        // Every question here is about something that cannot be undone: the focus
        // starts on the safe answer, so a stray Enter or Space cancels.
        let focus: Element = if typed.is_some() {
            self.typed.clone().into()
        } else {
            self.no.clone()
        };
        set_attr(&self.yes, "data-lang", lang.tag());
        *self.expected.borrow_mut() = typed;
        *self.pending.borrow_mut() = Some(Box::new(on_yes));
        self.dialog.open(Some(&focus));
    }

    fn accept(&self) {
        if let Some(expected) = self.expected.borrow().as_deref()
            && self.typed.value().trim() != expected.trim()
        {
            let lang = Lang::from_tag(&self.yes.get_attribute("data-lang").unwrap_or_default());
            self.typed_error
                .set_text_content(Some(i18n::t(lang, Key::DeleteMismatch)));
            set_attr(&self.typed, "aria-invalid", "true");
            let _ = self.typed.focus();
            return;
        }
        let action = self.pending.borrow_mut().take();
        self.dialog.close();
        if let Some(action) = action {
            action();
        }
    }
}
