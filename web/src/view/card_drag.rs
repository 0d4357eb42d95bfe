//! Moving cards with the pointer (mouse, pen, touch) and with the arrow keys.
//!
//! While dragging only the element moves; where it is let go decides its new place,
//! which is written to the document once, on drop, because every write leaves bytes
//! in the CRDT forever. The keys move a card a whole place at a time (← →) or one step
//! within its place (Alt+↑ ↓), one write per press.
//! `setPointerCapture` keeps the events coming to the card when the pointer leaves
//! it, so a fast drag does not lose the card. Listeners sit on the board (event
//! delegation), one set for all cards.

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::CardId;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent, PointerEvent};

use super::cards::{CardAction, CardsView};
use crate::dom::{listen, set_style, toggle_class};

/// Pointer travel (px) below which a press is a click, not a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;

/// A point in CSS px of the board.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

struct Drag {
    id: CardId,
    element: HtmlElement,
    pointer: i32,
    start_x: f64,
    start_y: f64,
    /// The card's top-left corner when the drag began, and now.
    start: Point,
    current: Point,
    moved: bool,
}

pub(super) fn wire(view: &Rc<CardsView>) {
    let drag: Rc<RefCell<Option<Drag>>> = Rc::new(RefCell::new(None));
    let board = view.board.clone();

    let (v, d) = (Rc::clone(view), Rc::clone(&drag));
    listen(&board, "pointerdown", move |event| down(&v, &d, event));
    let (v, d) = (Rc::clone(view), Rc::clone(&drag));
    listen(&board, "pointermove", move |event| moving(&v, &d, event));
    let (v, d) = (Rc::clone(view), Rc::clone(&drag));
    listen(&board, "pointerup", move |event| up(&v, &d, event, false));
    let (v, d) = (Rc::clone(view), Rc::clone(&drag));
    listen(&board, "pointercancel", move |event| {
        up(&v, &d, event, true)
    });

    let v = Rc::clone(view);
    listen(&board, "keydown", move |event| arrow_key(&v, event));
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn down(view: &Rc<CardsView>, drag: &RefCell<Option<Drag>>, event: Event) {
    let Some(pointer) = event.dyn_ref::<PointerEvent>() else {
        return;
    };
    if pointer.button() != 0 || drag.borrow().is_some() {
        return;
    }
    let Some(target) = target_element(&event) else {
        return;
    };
    // Buttons and the edit box keep their own behaviour.
    if target
        .closest("button, textarea, input, select, a")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let Some((id, element)) = view.card_of(&target) else {
        return;
    };
    if element.get_attribute("data-movable").as_deref() != Some("true")
        || element.class_list().contains("editing")
    {
        return;
    }
    let start = Point {
        x: f64::from(element.offset_left()),
        y: f64::from(element.offset_top()),
    };
    // Without this the browser starts selecting text or scrolling.
    event.prevent_default();
    let _ = element.focus();
    let _ = element.set_pointer_capture(pointer.pointer_id());
    *view.dragging.borrow_mut() = Some(id.clone());
    *drag.borrow_mut() = Some(Drag {
        id,
        element,
        pointer: pointer.pointer_id(),
        start_x: f64::from(pointer.client_x()),
        start_y: f64::from(pointer.client_y()),
        start,
        current: start,
        moved: false,
    });
}

fn moving(view: &Rc<CardsView>, drag: &RefCell<Option<Drag>>, event: Event) {
    let Some(pointer) = event.dyn_ref::<PointerEvent>() else {
        return;
    };
    let mut guard = drag.borrow_mut();
    if let Some(d) = guard.as_mut().filter(|d| d.pointer == pointer.pointer_id()) {
        follow(view, d, pointer);
    }
}

/// Moves the card's element to follow the pointer, once it travelled far enough to
/// count as a drag.
fn follow(view: &CardsView, d: &mut Drag, pointer: &PointerEvent) {
    let dx = f64::from(pointer.client_x()) - d.start_x;
    let dy = f64::from(pointer.client_y()) - d.start_y;
    if !d.moved && dx.hypot(dy) < DRAG_THRESHOLD_PX {
        return;
    }
    if !d.moved {
        d.moved = true;
        toggle_class(&d.element, "dragging", true);
    }
    let (w, h) = (
        f64::from(view.board.client_width()),
        f64::from(view.board.client_height()),
    );
    d.current = Point {
        x: (d.start.x + dx).clamp(0.0, (w - 8.0).max(0.0)),
        y: (d.start.y + dy).clamp(0.0, (h - 8.0).max(0.0)),
    };
    put(&d.element, d.current);
}

fn put(element: &HtmlElement, at: Point) {
    set_style(element, "left", &format!("{:.1}px", at.x));
    set_style(element, "top", &format!("{:.1}px", at.y));
}

fn up(view: &Rc<CardsView>, drag: &RefCell<Option<Drag>>, event: Event, cancelled: bool) {
    let Some(pointer) = event.dyn_ref::<PointerEvent>() else {
        return;
    };
    let finished = {
        let mut guard = drag.borrow_mut();
        match guard.as_ref() {
            Some(d) if d.pointer == pointer.pointer_id() => guard.take(),
            _ => None,
        }
    };
    let Some(mut d) = finished else { return };
    if !cancelled {
        // Where the pointer was let go counts too, in case no move event came last.
        follow(view, &mut d, pointer);
    }
    let _ = d.element.release_pointer_capture(d.pointer);
    toggle_class(&d.element, "dragging", false);
    *view.dragging.borrow_mut() = None;
    if cancelled || !d.moved {
        put(&d.element, d.start);
        return;
    }
    let doc = view.shown.borrow().get(&d.id).map(|c| c.doc.clone());
    // The card's middle decides where it lands, not the pointer's spot on it.
    let x = d.current.x + f64::from(d.element.offset_width()) / 2.0;
    let y = d.current.y + f64::from(d.element.offset_height()) / 2.0;
    match doc {
        Some(doc) => (view.act)(CardAction::Drop {
            doc,
            id: d.id,
            x,
            y,
        }),
        // The card was deleted by someone else mid-drag; nothing to write.
        None => d.element.remove(),
    }
}

/// ← → move a focused, movable card to the previous or next place; Alt+↑ ↓ move it
/// earlier or later within its place (plain ↑ ↓ keep scrolling the page).
fn arrow_key(view: &Rc<CardsView>, event: Event) {
    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if key.ctrl_key() || key.meta_key() {
        return;
    }
    let alt = key.alt_key();
    let Some(target) = target_element(&event) else {
        return;
    };
    // Only when the card itself has focus, not a text box inside it.
    if !target.class_list().contains("card") {
        return;
    }
    let Some((id, element)) = view.card_of(&target) else {
        return;
    };
    if element.get_attribute("data-movable").as_deref() != Some("true") {
        return;
    }
    let Some(doc) = view.shown.borrow().get(&id).map(|c| c.doc.clone()) else {
        return;
    };
    let action = match (key.key().as_str(), alt) {
        ("ArrowLeft", false) => CardAction::Step {
            doc,
            id,
            forward: false,
        },
        ("ArrowRight", false) => CardAction::Step {
            doc,
            id,
            forward: true,
        },
        ("ArrowUp", true) => CardAction::Reorder { doc, id, up: true },
        ("ArrowDown", true) => CardAction::Reorder { doc, id, up: false },
        _ => return,
    };
    event.prevent_default();
    (view.act)(action);
}
