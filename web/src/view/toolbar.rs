//! The header's tools: the view switch (`button[data-view]`, `aria-pressed`) and the
//! undo/redo buttons (`#undo`, `#redo`, disabled when there is nothing to do).

use web_sys::{Element, HtmlButtonElement};

use crate::dom::{el, set_attr};
use crate::i18n::{Key, Lang};
use crate::layout::BoardView;

pub struct ViewSwitch {
    pub root: Element,
    buttons: Vec<(BoardView, Element)>,
}

impl ViewSwitch {
    pub fn new(lang: Lang, on_pick: impl Fn(BoardView) + Clone + 'static) -> Self {
        let mut root = el("div")
            .class("view-switch")
            .attr("role", "group")
            .key_attr(lang, "aria-label", Key::ViewSwitchLabel);
        let mut buttons = Vec::new();
        for view in BoardView::ALL {
            let key = match view {
                BoardView::Table => Key::ViewTable,
                BoardView::List => Key::ViewList,
                BoardView::Room => Key::ViewRoom,
            };
            // The words name the button; a phone shows only the icon (and hides the
            // words visually) to keep the header to two rows.
            let icon = match view {
                BoardView::Table => "◯",
                BoardView::List => "☰",
                BoardView::Room => "▣",
            };
            let pick = on_pick.clone();
            let button = el("button")
                .attr("type", "button")
                .attr("data-view", view.as_str())
                .attr("aria-pressed", "false")
                .child(
                    el("span")
                        .class("view-icon")
                        .attr("aria-hidden", "true")
                        .text(icon),
                )
                .child(el("span").class("view-text").key(lang, key))
                .on("click", move |_| pick(view))
                .build();
            if view == BoardView::Room {
                // Only observers get it, once the role is known.
                set_attr(&button, "hidden", "");
            }
            root = root.child(button.clone());
            buttons.push((view, button));
        }
        Self {
            root: root.build(),
            buttons,
        }
    }

    pub fn set_current(&self, current: BoardView) {
        for (view, button) in &self.buttons {
            set_attr(
                button,
                "aria-pressed",
                if *view == current { "true" } else { "false" },
            );
        }
    }

    /// Shows the room-screen button (observers only).
    pub fn allow_room(&self, allow: bool) {
        for (view, button) in &self.buttons {
            if *view == BoardView::Room {
                if allow {
                    let _ = button.remove_attribute("hidden");
                } else {
                    set_attr(button, "hidden", "");
                }
            }
        }
    }
}

pub struct UndoButtons {
    pub root: Element,
    undo: HtmlButtonElement,
    redo: HtmlButtonElement,
}

impl UndoButtons {
    pub fn new(lang: Lang, on_undo: impl Fn() + 'static, on_redo: impl Fn() + 'static) -> Self {
        let button = |id: &str, glyph: &str, label: Key, title: Key| {
            el("button")
                .id(id)
                .class("icon-button")
                .attr("type", "button")
                .attr("disabled", "")
                .key_attr(lang, "aria-label", label)
                .key_attr(lang, "title", title)
                .child(el("span").attr("aria-hidden", "true").text(glyph))
        };
        let undo = button("undo", "↶", Key::Undo, Key::UndoTitle)
            .on("click", move |_| on_undo())
            .cast::<HtmlButtonElement>();
        let redo = button("redo", "↷", Key::Redo, Key::RedoTitle)
            .on("click", move |_| on_redo())
            .cast::<HtmlButtonElement>();
        let root = el("div")
            .class("undo-buttons")
            .attr("hidden", "")
            .child(undo.clone())
            .child(redo.clone())
            .build();
        Self { root, undo, redo }
    }

    pub fn set_state(&self, can_undo: bool, can_redo: bool) {
        let active = crate::dom::document().ok().and_then(|d| d.active_element());
        let had_focus = |b: &HtmlButtonElement| active.as_ref() == Some(b.as_ref());
        let (undo_focused, redo_focused) = (had_focus(&self.undo), had_focus(&self.redo));
        self.undo.set_disabled(!can_undo);
        self.redo.set_disabled(!can_redo);
        // A button that becomes disabled drops the focus to <body>; hand it to the
        // other one instead, so the keyboard user stays where they were.
        if undo_focused && !can_undo && can_redo {
            let _ = self.redo.focus();
        } else if redo_focused && !can_redo && can_undo {
            let _ = self.undo.focus();
        }
    }

    /// Shown to people who write on the board.
    pub fn show(&self, show: bool) {
        if show {
            let _ = self.root.remove_attribute("hidden");
        } else {
            set_attr(&self.root, "hidden", "");
        }
    }
}
