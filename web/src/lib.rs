//! # ovaal-web
//!
//! The browser client of Ovaal, compiled to WebAssembly. `index.html` only loads the
//! bundle; [`start`] reads the address and shows either the landing page (create a
//! session) or a session's board.
//!
//! ## Why no UI framework
//!
//! The board is a projection of the session's `yrs` documents: changes arrive from the
//! documents' update observers, whether they were made here or by someone else. A
//! reactive framework would keep a second copy of that state in its own signals or
//! virtual DOM and reconcile the two, and it would add build time and download size on
//! a two-core build machine. So the client uses plain `web-sys` with a tiny element
//! builder ([`dom`]) and updates the page in place, keyed by card id and seat index.
//! Nothing is rebuilt wholesale on a change: that would lose focus, text being typed,
//! and a drag in progress. What to patch is decided by [`board_model`]'s version
//! counters, one plain mechanism for the whole board instead of a signal graph.
//!
//! The protocol decisions, presence encoding, i18n and link handling are
//! plain Rust without browser types, so `cargo test -p ovaal-web` runs them on the
//! host. Everything that touches the browser is compiled for `wasm32` only.
//!
//! ## Offering only what is allowed
//!
//! The server refuses writes the facilitator's settings forbid (a locked board, a
//! listening case-holder, a sponsor outside their phases, an ended session). A refused
//! write would already be in this browser's copy of the document, so the page asks the
//! same rule first (`ovaal_shared::permissions::may_write_in` with the `Policy` read
//! from the control document) and simply does not offer what would be refused.
//!
//! ## Layout
//!
//! Pure (host and wasm):
//! - [`i18n`]: every visible string, English and Dutch, looked up by key.
//! - [`sync`]: the client side of the sync protocol (handshake, which documents to
//!   answer, live updates), messages in and out, no I/O.
//! - [`saves`]: "saved" / "not yet saved" from the server's `Stored` acknowledgements.
//! - [`docs`]: the local `yrs` documents, their update observers, the send queue.
//! - [`card_model`]: every card on the board with the document it lives in (own,
//!   private round, carried over).
//! - [`board_model`]: the board as a model. From the documents and the local state
//!   (language, who this person is, who is present, the connection) it derives what
//!   the page shows: which cards show with which looks, the seats, the phase bar, what
//!   this person may write now (per role, phase and private round), the add-card
//!   form's options, the private round's strip, the harvest's offers, the page's
//!   mode (ended, locked, back-turned, the sound button, undo allowed), who is here
//!   (the presence list and the room's count, "you" in the header, the hint, the seat
//!   prompt, the join dialog, the keyboard hint), the facilitator's panels, the
//!   people list, the list view's seats, the spotlight, the arc, what this browser
//!   announces about this person (the page sends only that), the undo and redo
//!   buttons (from what the undo manager holds), and the header's connection pill,
//!   save state and method. Presence, connection, save and undo events set the
//!   model's inputs and go through the same path as document changes; so do the
//!   links and the arc fetched over HTTP.
//!   Every input and every derived part carries a version counter that moves only when
//!   its value changes; a view patches the page when the version it last drew moved.
//!   The language is one of its inputs, so switching it flows through the same path
//!   as any document change: every view that shows words drew at its version (the
//!   page's fixed words too, translated again in place), and no code lists what to
//!   relabel.
//! - [`awareness`]: presence in the y-protocols awareness encoding, "ready" counts.
//! - [`clock`]: the server's clock as seen from here, and what the timer shows.
//! - [`plan`]: moving through and editing the facilitator's plan of phases.
//! - [`next_session`]: what "start next session" suggests: the title, and the cards
//!   to take along by phase and kind, with the case-holder's marks.
//! - [`backoff`]: reconnect delays (exponential, with jitter).
//! - [`liveness`]: when a silent socket is pinged, and when it counts as dead.
//! - [`table_model`]: the table as drawn: board → shared layout → boxes per card, seat,
//!   chip and seat line; how a card's text fits its box; which place and order a move
//!   writes.
//! - [`link`]: the page address (session id, token in the fragment), URLs, base64url.
//! - [`identity`]: the participant id and secret key kept in localStorage.
//! - [`api`], [`session_api`]: the HTTP calls (create, join code; links, people, end,
//!   delete, next session, arc, export); their bodies are `ovaal_shared::http_api`'s types.
//! - [`palette`]: the table's colours (`ovaal_shared::palette`: card kinds, hot seat,
//!   focus, wood, seats, board) handed to the stylesheet as CSS custom properties.
//! - [`layout`]: the board's views (table, list, room screen) and how one is chosen.
//! - [`undo`]: undo/redo of the person's own cards (a `yrs` undo manager).
//! - [`qr`]: the join code (read and shown by `ovaal_shared::join_code`, as the
//!   server does) and the QR code of the participant link.
//!
//! Browser only (`wasm32`):
//! - `dom`: the element builder, event listeners, in-place relabelling.
//! - `browser`: time, randomness, storage, timers, clipboard.
//! - `connection`: the WebSocket with reconnects and backoff.
//! - `sound`: the timer's tone at time-up (WebAudio, unlocked by a gesture).
//! - `local_store`: the board's copy in IndexedDB.
//! - `landing`: the landing page, split into `create` (the form) with
//!   `method_preview`, `created` (a session's links, "copy all", the invitation),
//!   `my_sessions` (the sessions made in this browser), `leave_guard`, `join_code`
//!   (joining with a code) and `import`; its `saved` list and `share_text` are pure
//!   and tested on the host.
//! - `board`: the board page, split into `net` (server → screen), `actions`
//!   (person → documents), `render` (documents → [`board_model`] → the views whose
//!   part moved), `card_rendering` (the cards and the list from the model's looks),
//!   `phase_views` (the phase bar's timer, the case-holder's modes, private rounds,
//!   the facilitator's panels, announcements), `facilitate` (the facilitator's and
//!   case-holder's writes), `harvest` (HTTP calls), `persist` (the local copy),
//!   `history` (undo), `page_layout` (which view, mounting, browser events),
//!   `session_panels` (building the facilitation and harvest views), `session_gone`
//!   (the board leaving the page).
//! - `view`: the board's parts: `header`, `toolbar` (view switch, undo/redo),
//!   `me_menu`, `table` (SVG seats, hot seat), `cards` and `card_marks` (triage on a
//!   card), `card_drag`, `card_edit`, `move_menu`, `list` with `list_item`,
//!   `list_groups`, `list_input` and `list_edit`, `room` (the projector's panel),
//!   `room_controls` (its fading controls), `room_spotlight` and `spotlight_bar` (the
//!   facilitator's spotlight), `phase_bar` with
//!   `phase_steps` and `private_strip`, `facilitator`, `plan_editor` with
//!   `phase_form`, `links_panel`, `harvest`, `next_dialog`, `link_list` (a new
//!   session's links, also on the landing page), `dialog` (modal and confirmation),
//!   `back_turned`, `arc`, `table_settings`, `compose`, `presence`, `join` and
//!   `me_menu` with `profile_fields` (name, in the room or remote), `notices`
//!   (toasts, the undo toast, the live region).

pub mod api;
pub mod awareness;
pub mod backoff;
pub mod board_model;
pub mod card_model;
pub mod clock;
pub mod docs;
pub mod i18n;
pub mod identity;
pub mod landing;
pub mod layout;
pub mod link;
pub mod liveness;
pub mod next_session;
pub mod palette;
pub mod plan;
pub mod qr;
pub mod saves;
pub mod session_api;
pub mod sync;
pub mod table_model;
pub mod undo;

#[cfg(target_arch = "wasm32")]
mod board;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod connection;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod local_store;
#[cfg(target_arch = "wasm32")]
mod sound;
#[cfg(target_arch = "wasm32")]
mod view;

/// Entry point, run by wasm-bindgen when the module is instantiated.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    use link::Page;

    let Ok(location) = dom::window().map(|w| w.location()) else {
        return;
    };
    prepare_document();
    let page = link::parse_page(
        &location.pathname().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    );
    let result = match page {
        Page::Landing => landing::start(),
        Page::Board { session, token } => board::Board::start(session, token).map(|_| ()),
        Page::MissingToken => message_page(i18n::Key::LinkIncomplete),
        Page::InvalidSession => message_page(i18n::Key::LinkInvalid),
    };
    if let Err(e) = result {
        dom::log_error("start", &e);
    }
}

/// Sets `<html lang>` to the chosen language and hands the palette
/// ([`palette::css_custom_properties`]) to the stylesheet.
#[cfg(target_arch = "wasm32")]
fn prepare_document() {
    let Some(root) = dom::document().ok().and_then(|d| d.document_element()) else {
        return;
    };
    dom::set_attr(&root, "lang", browser::preferred_lang().tag());
    if let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) {
        for (name, value) in palette::css_custom_properties() {
            dom::set_style(&root, &name, &value);
        }
    }
}

/// The main part of a page that only says something (`#page-message`): instead of a
/// board that cannot be shown.
#[cfg(target_arch = "wasm32")]
pub(crate) fn message_main(lang: i18n::Lang, key: i18n::Key) -> web_sys::Element {
    use dom::el;

    el("main")
        .class("landing")
        .child(
            el("section")
                .class("panel")
                .class("landing-panel")
                .class("message")
                .attr("role", "alert")
                .child(
                    el("p")
                        .id("page-message")
                        .class("message-text")
                        .key(lang, key),
                ),
        )
        .build()
}

/// A page with only a message, for links that cannot work (and a deleted session).
#[cfg(target_arch = "wasm32")]
pub(crate) fn message_page(key: i18n::Key) -> Result<(), dom::DomError> {
    let lang = browser::preferred_lang();
    let body = dom::document()?
        .body()
        .ok_or(dom::DomError::Missing("body".into()))?;
    body.set_text_content(None);
    dom::set_attr(&body, "data-page", "message");
    let header = view::header::Header::new(lang, false, move || {
        let next = browser::preferred_lang().other();
        browser::remember_lang(next);
        dom::relabel(next);
    });
    let _ = body.append_child(&header.root);
    let _ = body.append_child(&message_main(lang, key));
    Ok(())
}
