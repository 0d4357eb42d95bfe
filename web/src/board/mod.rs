//! The board page: one [`Board`] ties the documents, the connection, presence and the
//! views together. It is split by direction of flow:
//!
//! - [`net`]: frames from the server → protocol engine → view; the connection state.
//! - [`actions`]: what the person did → document writes → frames to the server.
//! - [`render`]: documents and presence → the views (only what changed).
//!
//! Everything runs on the browser's single thread; shared state sits in `Cell` and
//! `RefCell`, and no borrow is held while calling into another part, so a view
//! callback that writes a document can never find the state already borrowed.

mod actions;
mod net;
mod render;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use ovaal_shared::board::{Profile, SessionSettings};
use ovaal_shared::{ParticipantId, SessionId};
use web_sys::{Element, HtmlElement};

use crate::awareness::{Awareness, HEARTBEAT_MS};
use crate::browser;
use crate::connection::Connection;
use crate::dom::{self, DomError, el, listen};
use crate::i18n::{Key, Lang};
use crate::identity::{self, Identity};
use crate::link;
use crate::sync::Session;
use crate::view::cards::CardsView;
use crate::view::compose::Compose;
use crate::view::header::{Header, Status};
use crate::view::join::JoinView;
use crate::view::notices::Notices;
use crate::view::presence::PresenceView;
use crate::view::table::TableView;

/// What a board is made from.
struct Setup {
    lang: Lang,
    session_id: SessionId,
    token: String,
    identity: Identity,
    url: String,
}

thread_local! {
    static PAGE_BOARD: RefCell<Option<Rc<Board>>> = const { RefCell::new(None) };
}

pub struct Board {
    lang: Cell<Lang>,
    session_id: SessionId,
    token: String,
    identity: Identity,
    session: RefCell<Session>,
    awareness: RefCell<Awareness>,
    /// Whether our last awareness message carried a state (so leaving says so).
    presence_sent: Cell<bool>,
    conn: Rc<Connection>,
    status: Cell<Status>,
    /// What the documents said last time we looked, to redraw only what changed.
    settings: RefCell<Option<SessionSettings>>,
    profiles: RefCell<BTreeMap<ParticipantId, Profile>>,
    header: Header,
    table: TableView,
    cards: Rc<CardsView>,
    compose: Rc<Compose>,
    presence: PresenceView,
    notices: Notices,
    join: Rc<JoinView>,
    side: Element,
    hint: Element,
    /// Role-specific parts are added once the role is known.
    role_ui_done: Cell<bool>,
}

impl Board {
    /// Builds the page for `session` and starts connecting.
    pub fn start(session: SessionId, token: String) -> Result<Rc<Board>, DomError> {
        let lang = browser::preferred_lang();
        let identity = identity::load_or_create(&session, &token);
        let location = dom::window()?.location();
        let url = link::websocket_url(
            &location.protocol().unwrap_or_default(),
            &location.host().unwrap_or_default(),
            &session,
        );
        let board = Rc::new_cyclic(|weak: &Weak<Board>| {
            Board::build(
                weak,
                Setup {
                    lang,
                    session_id: session,
                    token,
                    identity,
                    url,
                },
            )
        });
        board.mount()?;
        board.wire_browser_events();
        board.render_people();
        board.conn.connect();
        // Every callback holds the board weakly (so nothing keeps a cycle alive by
        // accident); this is the one strong reference, for the life of the page.
        PAGE_BOARD.with(|page| *page.borrow_mut() = Some(Rc::clone(&board)));
        Ok(board)
    }

    fn build(weak: &Weak<Board>, setup: Setup) -> Board {
        let Setup {
            lang,
            session_id,
            token,
            identity,
            url,
        } = setup;
        let with = |f: fn(&Rc<Board>)| {
            let weak = weak.clone();
            move || {
                if let Some(board) = weak.upgrade() {
                    f(&board);
                }
            }
        };
        let board_el = el("div").id("board").class("board").cast::<HtmlElement>();
        let w = weak.clone();
        let table = TableView::new(lang, move |seat| {
            if let Some(board) = w.upgrade() {
                board.take_seat(seat);
            }
        });
        let _ = board_el.append_child(&table.svg);
        let w = weak.clone();
        let cards = CardsView::new(lang, board_el, move |action| {
            if let Some(board) = w.upgrade() {
                board.card_action(action);
            }
        });
        let w = weak.clone();
        let compose = Compose::new(lang, move |kind, text| {
            if let Some(board) = w.upgrade() {
                board.add_card(kind, text);
            }
        });
        let w = weak.clone();
        let join = JoinView::new(lang, move |name, location| {
            if let Some(board) = w.upgrade() {
                board.join(name, location);
            }
        });
        let notices = Notices::new();
        Board {
            lang: Cell::new(lang),
            session_id,
            token,
            session: RefCell::new(Session::new(identity.participant.clone())),
            identity,
            awareness: RefCell::new(Awareness::new(browser::random_u32())),
            presence_sent: Cell::new(false),
            conn: Connection::new(url),
            status: Cell::new(Status::Connecting),
            settings: RefCell::new(None),
            profiles: RefCell::new(BTreeMap::new()),
            header: Header::new(lang, true, with(|b| b.switch_language())),
            table,
            cards,
            compose,
            presence: PresenceView::new(lang),
            notices,
            join,
            side: el("aside").class("side").build(),
            hint: el("p")
                .id("board-hint")
                .class("board-hint")
                .key(lang, Key::LoadingBoard)
                .build(),
            role_ui_done: Cell::new(false),
        }
    }

    /// Puts the page together in `<body>`.
    fn mount(&self) -> Result<(), DomError> {
        let body = dom::document()?
            .body()
            .ok_or(DomError::Missing("body".into()))?;
        body.set_text_content(None);
        let lang = self.lang.get();
        let _ = body.append_child(&self.header.root);
        let _ = self.side.append_child(&self.presence.root);
        let main = el("main")
            .class("layout")
            .child(
                el("section")
                    .class("board-area")
                    .key_attr(lang, "aria-label", Key::BoardLabel)
                    .child(
                        el("div")
                            .class("board-frame")
                            .child(self.cards.board().clone()),
                    )
                    .child(self.hint.clone()),
            )
            .child(self.side.clone())
            .build();
        let _ = body.append_child(&main);
        for region in self.notices.regions() {
            let _ = body.append_child(&region);
        }
        self.header.set_status(lang, Status::Connecting);
        dom::set_attr(&body, "data-page", "board");
        Ok(())
    }

    /// Connection events, the browser going on- and offline, leaving the page, and the
    /// presence heartbeat.
    fn wire_browser_events(self: &Rc<Self>) {
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
            if let Some(board) = weak.upgrade()
                && matches!(
                    board.status.get(),
                    Status::Reconnecting(_) | Status::Connecting
                )
            {
                board.set_status(Status::Offline);
            }
        });
        let weak = Rc::downgrade(self);
        listen(&window, "pagehide", move |_| {
            if let Some(board) = weak.upgrade() {
                board.send_presence_leaving();
            }
        });
        let weak = Rc::downgrade(self);
        browser::set_interval(HEARTBEAT_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.heartbeat();
            }
        });
    }
}
