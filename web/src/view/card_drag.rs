//! Moving cards with the pointer (mouse, pen, touch) and with the arrow keys.
//!
//! While dragging only the element moves; the new position is written to the
//! document once, on drop, because every write leaves bytes in the CRDT forever.
//! `setPointerCapture` keeps the events coming to the card when the pointer leaves
//! it, so a fast drag does not lose the card. Listeners sit on the board (event
//! delegation), one set for all cards.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ovaal_shared::CardId;
use ovaal_shared::board::Position;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent, PointerEvent};

use super::cards::{CardAction, CardsView};
use crate::browser;
use crate::dom::{listen, toggle_class};

/// Pointer travel (px) below which a press is a click, not a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Arrow-key step, as a fraction of the board (Shift moves five times as far).
const KEY_STEP: f64 = 0.01;
/// Arrow-key moves are written once the keys have been still this long.
const KEY_SETTLE_MS: f64 = 600.0;

struct Drag {
    id: CardId,
    element: HtmlElement,
    pointer: i32,
    start_x: f64,
    start_y: f64,
    start: Position,
    current: Position,
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

    let settle = Rc::new(Cell::new(0u32));
    let v = Rc::clone(view);
    listen(&board, "keydown", move |event| {
        arrow_key(&v, &settle, event)
    });
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
    let Some(start) = view.shown.borrow().get(&id).map(|c| c.position) else {
        return;
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
    let rect = view.board.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return;
    }
    d.current = Position::clamped(
        d.start.x + dx / rect.width(),
        d.start.y + dy / rect.height(),
    );
    CardsView::place(&d.element, d.current);
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
        CardsView::place(&d.element, d.start);
        return;
    }
    // A card just put down belongs on top of the pile (moving the node drops its
    // focus, so give it back).
    let _ = view.board.append_child(&d.element);
    let _ = d.element.focus();
    let doc = view.shown.borrow().get(&d.id).map(|c| c.doc.clone());
    match doc {
        Some(doc) => (view.act)(CardAction::Move {
            doc,
            id: d.id,
            position: d.current,
        }),
        // The card was deleted by someone else mid-drag; nothing to write.
        None => d.element.remove(),
    }
}

/// Arrow keys move a focused, movable card; the write waits until the keys settle.
fn arrow_key(view: &Rc<CardsView>, settle: &Rc<Cell<u32>>, event: Event) {
    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    let (dx, dy) = match key.key().as_str() {
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowRight" => (1.0, 0.0),
        "ArrowUp" => (0.0, -1.0),
        "ArrowDown" => (0.0, 1.0),
        _ => return,
    };
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
    event.prevent_default();
    let step = if key.shift_key() {
        KEY_STEP * 5.0
    } else {
        KEY_STEP
    };
    let position = {
        let mut shown = view.shown.borrow_mut();
        let Some(card) = shown.get_mut(&id) else {
            return;
        };
        card.position = Position::clamped(card.position.x + dx * step, card.position.y + dy * step);
        card.position
    };
    CardsView::place(&element, position);
    let ticket = settle.get().wrapping_add(1);
    settle.set(ticket);
    let (view, settle) = (Rc::clone(view), Rc::clone(settle));
    browser::set_timeout(KEY_SETTLE_MS, move || {
        if settle.get() != ticket {
            return; // Another key came; that one writes.
        }
        let doc = view.shown.borrow().get(&id).map(|c| c.doc.clone());
        if let Some(doc) = doc {
            (view.act)(CardAction::Move { doc, id, position });
        }
    });
}
