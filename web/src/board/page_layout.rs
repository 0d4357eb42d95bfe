//! Which view is shown and how the page is laid out: the view switch (table, list,
//! room screen; remembered per browser), the phone layout (the compose form behind a
//! "write a card" button, moved to the top of the page), and the undo/redo keyboard
//! shortcuts.
//!
//! Also where the page is put together (`mount`) and the browser's events are wired
//! (connection, online/offline, leaving the page, the presence heartbeat, the timer).
//!
//! `<body>` carries the state for the stylesheet and the tests: `data-view` (table,
//! list, room), `data-page` ("room" for the room screen, else "board"), `data-narrow`
//! on phone-sized windows and `data-compose="open"` while the phone's form is open.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::Board;
use crate::awareness::HEARTBEAT_MS;
use crate::browser;
use crate::dom::{self, DomError, el, listen, set_attr};
use crate::i18n::Key;
use crate::layout::{self, BoardView};
use crate::qr;
use crate::view::header::Status;

/// Whether the window is phone-sized (see [`layout::NARROW_MAX_PX`]).
pub(super) fn is_narrow() -> bool {
    dom::window()
        .ok()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= f64::from(layout::NARROW_MAX_PX))
}

fn body() -> Option<HtmlElement> {
    dom::document().ok()?.body()
}

impl Board {
    /// Puts the page together in `<body>`.
    pub(super) fn mount(&self) -> Result<(), DomError> {
        let body = dom::document()?
            .body()
            .ok_or(DomError::Missing("body".into()))?;
        body.set_text_content(None);
        let lang = self.lang();
        self.header.add_tool(&self.view_switch.root);
        self.header.add_tool(&self.undo_buttons.root);
        self.header.add_tool(&self.me_menu.root);
        let _ = body.append_child(&self.skip_link.root);
        let _ = body.append_child(&self.header.root);
        let _ = self.side.append_child(&self.room.root);
        let _ = self.side.append_child(&self.panels.harvest.root);
        let _ = self.side.append_child(&self.presence.root);
        let _ = self.board_frame.append_child(self.cards.board());
        // Over the table (the stylesheet shows it on the room screen only).
        let _ = self.board_frame.append_child(&self.spot.room.root);
        let main = el("main")
            .class("layout")
            .child(
                el("section")
                    .class("board-area")
                    .key_attr(lang, "aria-label", Key::BoardLabel)
                    .child(self.room.banner.clone())
                    .child(self.panels.phase_bar.root.clone())
                    .child(self.spot.bar.root.clone())
                    .child(self.panels.arc.root.clone())
                    .child(self.seat_prompt.root.clone())
                    .child(self.view_tools.clone())
                    .child(self.board_frame.clone())
                    .child(self.list.root.clone())
                    .child(self.hint.clone())
                    .child(self.keys_hint.clone()),
            )
            .child(self.side.clone())
            .build();
        let _ = body.append_child(&main);
        for region in self.notices.regions() {
            let _ = body.append_child(&region);
        }
        let _ = body.append_child(&self.move_menu.root);
        if let Some(code) = &self.join_code {
            let origin = dom::window()?.location().origin().unwrap_or_default();
            let link = qr::participant_link(&origin, self.session_id.as_str(), code);
            self.room.set_join(lang, code, &link);
        }
        self.apply_view(self.view.get());
        Ok(())
    }

    /// Connection events, the browser going on- and offline, leaving the page, and the
    /// presence heartbeat.
    pub(super) fn wire_browser_events(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        self.conn.set_handler(move |event| {
            if let Some(board) = weak.upgrade() {
                board.on_connection(event);
            }
        });
        let Ok(window) = dom::window() else { return };
        let weak = Rc::downgrade(self);
        listen(&window, "online", move |_| {
            if let Some(board) = weak.upgrade() {
                board.conn.retry_now();
            }
        });
        let weak = Rc::downgrade(self);
        listen(&window, "offline", move |_| {
            // The socket may still look open for a minute: say so now, and let it go
            // (the retries succeed once the browser is back online).
            if let Some(board) = weak.upgrade()
                && board.status().failure().is_none()
            {
                board.conn.drop_socket();
                board.set_status(Status::Offline);
            }
        });
        self.conn.watch();
        crate::sound::unlock_on_first_gesture();
        let weak = Rc::downgrade(self);
        listen(&window, "pagehide", move |_| {
            if let Some(board) = weak.upgrade() {
                board.send_presence_leaving();
                board.save_locally_now();
            }
        });
        let weak = Rc::downgrade(self);
        browser::set_interval(super::phase_views::TICK_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.tick();
            }
        });
        let weak = Rc::downgrade(self);
        browser::set_interval(HEARTBEAT_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.heartbeat();
            }
        });
    }

    /// Window size changes and the undo/redo shortcuts.
    pub(super) fn wire_views(self: &Rc<Self>) {
        let Ok(window) = dom::window() else { return };
        let weak = Rc::downgrade(self);
        listen(&window, "resize", move |_| {
            if let Some(board) = weak.upgrade() {
                let narrow = is_narrow();
                if board.narrow.replace(narrow) != narrow {
                    board.place_compose();
                }
                // The table is laid out for the board's size and the kind of screen.
                board.table_size_unknown();
                board.render_table();
            }
        });
        self.observe_board_size();
        let weak = Rc::downgrade(self);
        listen(&window, "keydown", move |event| {
            if let Some(board) = weak.upgrade() {
                board.shortcut(&event);
            }
        });
        self.place_compose();
        crate::view::room_controls::wire();
    }

    /// Lays the table out again whenever the board's box changes size (the window,
    /// a scroll bar coming or going, the side column), not only on window resizes.
    fn observe_board_size(self: &Rc<Self>) {
        use wasm_bindgen::closure::Closure;
        let weak = Rc::downgrade(self);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(board) = weak.upgrade() {
                board.table_resized();
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(self.cards.board());
            // The observer lives as long as the page (as the board does).
            std::mem::forget(observer);
        }
        callback.forget();
    }

    /// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac), except while typing,
    /// where the text box has its own undo.
    fn shortcut(&self, event: &web_sys::Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if !(key.ctrl_key() || key.meta_key()) || key.alt_key() {
            return;
        }
        let typing = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| {
                matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || t.closest("[contenteditable]").ok().flatten().is_some()
            });
        if typing {
            return;
        }
        let letter = key.key().to_lowercase();
        let redo = (letter == "z" && key.shift_key()) || letter == "y";
        let undo = letter == "z" && !key.shift_key();
        if !(undo || redo) || !self.session.borrow().role().is_some_and(|r| r.writes()) {
            return;
        }
        event.prevent_default();
        if undo {
            self.undo();
        } else {
            self.redo();
        }
    }

    /// The person chose a view: show it and remember it for this browser.
    pub(super) fn pick_view(&self, view: BoardView) {
        browser::storage_set(layout::STORAGE_KEY, view.as_str());
        self.apply_view(view);
    }

    /// Shows `view` (falling back when the role may not have it).
    pub(super) fn apply_view(&self, view: BoardView) {
        let role = self.session.borrow().role();
        let view = match role {
            Some(role) => layout::view_for_role(view, role, self.narrow.get()),
            None => view,
        };
        let switched = self.view.replace(view) != view;
        if let Some(body) = body() {
            set_attr(&body, "data-view", view.as_str());
            set_attr(
                &body,
                "data-page",
                if view == BoardView::Room {
                    "room"
                } else {
                    "board"
                },
            );
        }
        self.view_switch.set_current(view);
        // Another view gives the board another box. The same view shown again (the
        // welcome repeating the role) keeps the size the resize observer reported:
        // reading it now would make the browser lay out the page in the middle of
        // drawing it. (The role's panels arriving forget it themselves, `show_role`.)
        if switched {
            self.table_size_unknown();
        }
        hide(&self.board_frame, view == BoardView::List);
        self.list.show(view == BoardView::List);
        hide(&self.room.root, view != BoardView::Room);
        hide(&self.room.banner, view != BoardView::Room);
        // The room screen's notices stand in its side panel, the others' at the
        // window's corner.
        let toasts = self.notices.toasts();
        if view == BoardView::Room {
            self.room.hold_notices(toasts);
        } else if let Some(body) = body()
            && toasts.parent_element().as_deref() != Some(&**body)
        {
            let _ = body.append_child(toasts);
        }
        if view == BoardView::List {
            self.render_list();
        } else if switched {
            self.render_table();
        } else {
            self.render_table_if_moved();
        }
    }

    /// On a phone the compose form sits at the top of the board area, behind the
    /// "write a card" button; elsewhere it is the first panel of the side column.
    pub(super) fn place_compose(&self) {
        let narrow = self.narrow.get();
        if let Some(body) = body() {
            if narrow {
                set_attr(&body, "data-narrow", "true");
            } else {
                let _ = body.remove_attribute("data-narrow");
            }
        }
        let writes = self.session.borrow().role().is_some_and(|r| r.writes());
        hide(&self.compose_open, !(narrow && writes));
        self.skip_link.set_shown(writes);
        if !writes {
            return;
        }
        let panel = &self.compose.root;
        if narrow {
            if panel.parent_element().as_ref() != Some(&self.view_tools) {
                let _ = self.view_tools.append_child(panel);
            }
        } else if panel.parent_element().as_ref() != Some(&self.side) {
            let first = self.side.first_child();
            // After the room panel, which is always first.
            let after_room = first.and_then(|f| f.next_sibling());
            let _ = self.side.insert_before(panel, after_room.as_ref());
        }
    }

    /// The skip link: to the form, opening it first on a phone.
    pub(super) fn skip_to_compose(&self) {
        let open = body().and_then(|b| b.get_attribute("data-compose"));
        if self.narrow.get() && open.as_deref() != Some("open") {
            // Opening focuses the form.
            self.toggle_compose();
        } else {
            self.compose.focus();
        }
    }

    /// The phone's "write a card" button opens and closes the form.
    pub(super) fn toggle_compose(&self) {
        let Some(body) = body() else { return };
        let open = body.get_attribute("data-compose").as_deref() != Some("open");
        if open {
            set_attr(&body, "data-compose", "open");
            set_attr(&self.compose_open, "aria-expanded", "true");
            self.compose.focus();
        } else {
            let _ = body.remove_attribute("data-compose");
            set_attr(&self.compose_open, "aria-expanded", "false");
        }
    }
}

fn hide(element: &Element, hidden: bool) {
    if hidden {
        set_attr(element, "hidden", "");
    } else {
        let _ = element.remove_attribute("hidden");
    }
}
