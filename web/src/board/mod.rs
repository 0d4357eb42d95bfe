//! The board page: one [`Board`] ties the documents, the connection, presence and the
//! views together. What the page shows is derived by the host-tested
//! [`crate::board_model::BoardModel`] from the documents and the local state (language,
//! identity, role, presence); the files here read the documents into it, patch the
//! views from its changes and turn the person's actions into writes. Split by
//! direction of flow:
//!
//! - [`net`]: frames from the server → protocol engine → view; the connection state.
//! - [`actions`]: what the person did → document writes → frames to the server.
//! - [`render`]: documents → the model → the views whose part of the model changed.
//! - [`page_layout`]: which view is shown (table, list, room screen), the phone layout,
//!   the keyboard shortcuts for undo and redo, mounting and the browser's events.
//! - [`card_rendering`]: the cards on the table and the list, drawn from the model's
//!   looks; new cards read out.
//! - [`phase_views`]: the phase bar, the timer, the case-holder's modes, private
//!   rounds, the facilitator's panels and the announcements of changes.
//! - [`facilitate`]: the facilitator's and the case-holder's actions on the documents.
//! - [`harvest`]: the HTTP calls (links, people, export, end, delete, next session).
//! - [`persist`]: the local copy in IndexedDB, read before connecting.
//! - [`session_panels`]: building the facilitation and harvest views (phase bar,
//!   facilitator's panel, plan editor, links, harvest, dialogs).
//! - [`session_gone`]: the board leaving the page (session deleted, person removed).
//! - [`spotlight`]: the facilitator's spotlight and the room screen's view of it.
//! - [`seat_focus`]: where the focus goes after joining and after taking a seat.
//! - [`table`]: the table's layout from the board, and moving cards between places.
//!
//! Everything runs on the browser's single thread; shared state sits in `Cell` and
//! `RefCell`, and no borrow is held while calling into another part, so a view
//! callback that writes a document can never find the state already borrowed.

mod actions;
mod card_rendering;
mod facilitate;
mod harvest;
mod history;
mod net;
mod page_layout;
mod persist;
mod phase_views;
mod render;
mod seat_focus;
mod session_gone;
mod session_panels;
mod spotlight;
mod table;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};

use ovaal_shared::{DocName, SessionId};
use web_sys::{Element, HtmlElement};

use crate::awareness::Awareness;
use crate::board_model::BoardModel;
use crate::browser;
use crate::clock::ServerClock;
use crate::connection::Connection;
use crate::dom::{self, DomError, el};
use crate::i18n::{Key, Lang};
use crate::identity::{self, Identity};
use crate::layout::{self, BoardView};
use crate::link;
use crate::local_store::LocalStore;
use crate::qr;
use crate::sync::Session;
use crate::table_model::TableScene;
use crate::undo::OwnUndo;
use crate::view::cards::CardsView;
use crate::view::compose::Compose;
use crate::view::header::Header;
use crate::view::join::JoinView;
use crate::view::list::{ListAction, ListView};
use crate::view::me_menu::{MeAction, MeMenu};
use crate::view::move_menu::MoveMenu;
use crate::view::notices::Notices;
use crate::view::place_list::PlaceList;
use crate::view::presence::PresenceView;
use crate::view::room::RoomPanel;
use crate::view::seat_prompt::SeatPrompt;
use crate::view::skip_link::SkipLink;
use crate::view::table::{SeatAction, TableView};
use crate::view::table_chips::ChipsView;
use crate::view::table_settings::TableSettings;
use crate::view::toolbar::{UndoButtons, ViewSwitch};

/// How long the first measurements wait for a paint that does not come (a hidden tab).
const MEASURE_FALLBACK_MS: f64 = 500.0;

/// What a board is made from.
struct Setup {
    lang: Lang,
    session_id: SessionId,
    token: String,
    identity: Identity,
    url: String,
    /// The join code from a room-screen link (`&join=…`), normalized.
    join_code: Option<String>,
}

thread_local! {
    static PAGE_BOARD: RefCell<Option<Rc<Board>>> = const { RefCell::new(None) };
}

pub struct Board {
    /// This board, weakly, for callbacks made later (the undo toast).
    this: Weak<Board>,
    session_id: SessionId,
    token: String,
    identity: Identity,
    session: RefCell<Session>,
    /// The documents as last read, the language and who this person is, and all that
    /// the page shows derived from them ([`BoardModel`]).
    model: RefCell<BoardModel>,
    /// The model's versions each view last drew.
    drawn: render::DrawnParts,
    awareness: RefCell<Awareness>,
    /// Whether our last awareness message carried a state (so leaving says so).
    presence_sent: Cell<bool>,
    /// Incoming documents wait to be drawn at the next frame (`net::render_dirty_soon`).
    render_pending: Cell<bool>,
    /// Whether one of them was live (its new cards are read out).
    announce_pending: Cell<bool>,
    conn: Rc<Connection>,
    header: Header,
    table: TableView,
    cards: Rc<CardsView>,
    /// The "+N" and "earlier phases" chips on the table.
    chips: Rc<ChipsView>,
    /// A place's cards as a list (a chip's, or a seat's on a phone).
    place_list: Rc<PlaceList>,
    /// The table as last laid out, for drops and the lists.
    scene: RefCell<Option<TableScene>>,
    /// The board's size as the resize observer last reported it (`None`: read it).
    table_size: Cell<Option<table::TableSize>>,
    /// What else the table was last arranged for; `None` when the cards' elements
    /// changed since (see [`Board::render_table_if_moved`]).
    arranged_for: Cell<Option<table::ArrangedFor>>,
    compose: Rc<Compose>,
    presence: PresenceView,
    notices: Notices,
    join: Rc<JoinView>,
    side: Element,
    hint: Element,
    keys_hint: Element,
    seat_prompt: SeatPrompt,
    skip_link: SkipLink,
    /// Role-specific parts are added once the role is known.
    role_ui_done: Cell<bool>,
    /// Which view is shown, and whether the window is phone-sized.
    view: Cell<BoardView>,
    narrow: Cell<bool>,
    join_code: Option<String>,
    /// Undo/redo of our own cards, made for our own document once we know it.
    undo: RefCell<Option<(DocName, OwnUndo)>>,
    /// The server's clock as seen from here, for the timer.
    clock: Cell<ServerClock>,
    /// What was last announced (phase, hot seat, reveals, timer), to say only news.
    seen: RefCell<phase_views::Seen>,
    /// The local copy of the documents, once opened.
    store: RefCell<Option<Rc<LocalStore>>>,
    /// Documents changed since the local copy was last written.
    unsaved_locally: RefCell<BTreeSet<DocName>>,
    local_save_timer: Cell<Option<i32>>,
    /// The connection is started once, after the local copy is read (or not found).
    connecting: Cell<bool>,
    /// The board has left the page (the session was deleted, or this person can no
    /// longer come in): nothing connects or saves any more.
    closed: Cell<bool>,
    /// Facilitation and harvest views.
    panels: session_panels::SessionPanels,
    view_switch: ViewSwitch,
    undo_buttons: UndoButtons,
    me_menu: Rc<MeMenu>,
    table_settings: TableSettings,
    move_menu: Rc<MoveMenu>,
    list: Rc<ListView>,
    room: RoomPanel,
    /// The facilitator's spotlight, its bar and the room screen's view of it.
    spot: spotlight::Spot,
    /// The phone's "write a card" button and the strip it sits in.
    compose_open: Element,
    view_tools: Element,
    board_frame: Element,
}

impl Board {
    /// Builds the page for `session` and starts connecting.
    pub fn start(session: SessionId, token: String) -> Result<Rc<Board>, DomError> {
        let lang = browser::preferred_lang();
        let identity::Loaded { identity, new } = identity::load_or_create(&session, &token);
        // Asked for first: the browser opens the local copy while the page is built.
        let local = LocalStore::open(&session, &identity.participant);
        let location = dom::window()?.location();
        let url = link::websocket_url(
            &location.protocol().unwrap_or_default(),
            &location.host().unwrap_or_default(),
            &session,
        );
        let join_code = link::fragment_param(&location.hash().unwrap_or_default(), "join")
            .and_then(|code| qr::normalize_join_code(&code));
        let board = Rc::new_cyclic(|weak: &Weak<Board>| {
            Board::build(
                weak,
                Setup {
                    lang,
                    session_id: session,
                    token,
                    identity,
                    url,
                    join_code,
                },
            )
        });
        board.mount()?;
        board.wire_browser_events();
        board.wire_views();
        board.render_presence();
        board.render_flow();
        // The local copy first, so the board shows even while the server is down.
        board.start_local(local, new);
        // The board's letter width, measured after the first paint of the page and
        // so before any card waits to be styled (the local copy and the server's
        // board come later).
        let weak = Rc::downgrade(&board);
        browser::after_next_paint(MEASURE_FALLBACK_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.cards.measure_letters();
            }
        });
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
            join_code,
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
        let table = TableView::new(lang, move |action| {
            if let Some(board) = w.upgrade() {
                match action {
                    SeatAction::Take(seat) => board.take_seat(seat),
                    SeatAction::Open(seat) => {
                        board.open_place(ovaal_shared::layout::Place::Seat(seat), None)
                    }
                }
            }
        });
        let _ = board_el.append_child(&table.svg);
        let w = weak.clone();
        let chips = ChipsView::new(move |place, cards, _chip| {
            if let Some(board) = w.upgrade() {
                board.open_place(place, Some(cards));
            }
        });
        let _ = board_el.append_child(&chips.root);
        let place_list = table::place_list(lang, weak);
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
        let w = weak.clone();
        let view_switch = ViewSwitch::new(lang, move |view| {
            if let Some(board) = w.upgrade() {
                board.pick_view(view);
            }
        });
        let undo_buttons = UndoButtons::new(lang, with(|b| b.undo()), with(|b| b.redo()));
        let (w, w2) = (weak.clone(), weak.clone());
        let me_menu = MeMenu::new(
            lang,
            move || {
                let board = w.upgrade()?;
                let me = board.session.borrow().me().clone();
                board.profiles().get(&me).cloned()
            },
            move |action| {
                if let Some(board) = w2.upgrade() {
                    match action {
                        MeAction::Save { name, location } => board.join(name, location),
                        MeAction::LeaveSeat => board.leave_seat(),
                    }
                }
            },
        );
        let w = weak.clone();
        let table_settings = TableSettings::new(lang, move |seats| {
            if let Some(board) = w.upgrade() {
                board.set_seat_count(seats);
            }
        });
        let w = weak.clone();
        let move_menu = MoveMenu::new(lang, move |doc, id, choice| {
            if let Some(board) = w.upgrade() {
                board.move_card_to(doc, id, choice);
            }
        });
        let w = weak.clone();
        let list = ListView::new(lang, move |action| {
            if let Some(board) = w.upgrade() {
                match action {
                    ListAction::Card(action) => board.card_action(action),
                    ListAction::TakeSeat(seat) => board.take_seat(seat),
                    ListAction::Regroup => board.render_list(),
                    ListAction::SpotlightCard { doc, id } => board.spotlight_card(&doc, &id),
                    ListAction::SpotlightPlace(place) => board.spotlight_place(place),
                }
            }
        });
        let compose_open = el("button")
            .id("compose-open")
            .class("button-primary")
            .class("compose-open")
            .attr("type", "button")
            .attr("aria-expanded", "false")
            .attr("aria-controls", "compose-panel")
            .attr("hidden", "")
            .key(lang, Key::WriteCard)
            .on("click", {
                let toggle = with(|b| b.toggle_compose());
                move |_| toggle()
            })
            .build();
        let narrow = page_layout::is_narrow();
        let stored = browser::storage_get(layout::STORAGE_KEY);
        let view = layout::initial_view(stored.as_deref(), narrow, join_code.is_some());
        Board {
            this: weak.clone(),
            session_id: session_id.clone(),
            token,
            session: RefCell::new(Session::new(identity.participant.clone())),
            model: RefCell::new({
                let mut model = BoardModel::with_join_code(
                    lang,
                    identity.participant.clone(),
                    join_code.is_some(),
                );
                model.set_this_session(session_id);
                model
            }),
            drawn: render::DrawnParts::default(),
            identity,
            awareness: RefCell::new(Awareness::new(browser::random_u32())),
            presence_sent: Cell::new(false),
            render_pending: Cell::new(false),
            announce_pending: Cell::new(false),
            conn: Connection::new(url),
            header: Header::new(lang, true, with(|b| b.switch_language())),
            table,
            cards,
            chips,
            place_list,
            scene: RefCell::new(None),
            table_size: Cell::new(None),
            arranged_for: Cell::new(None),
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
            keys_hint: el("p")
                .id("keys-hint")
                .class("board-hint")
                .attr("hidden", "")
                .key(lang, Key::CardKeysHint)
                .build(),
            seat_prompt: SeatPrompt::new(lang),
            skip_link: SkipLink::new(lang, with(|b| b.skip_to_compose())),
            role_ui_done: Cell::new(false),
            view: Cell::new(view),
            narrow: Cell::new(narrow),
            join_code,
            undo: RefCell::new(None),
            clock: Cell::new(ServerClock::default()),
            seen: RefCell::new(phase_views::Seen::default()),
            store: RefCell::new(None),
            unsaved_locally: RefCell::new(BTreeSet::new()),
            local_save_timer: Cell::new(None),
            connecting: Cell::new(false),
            closed: Cell::new(false),
            panels: session_panels::SessionPanels::new(lang, weak),
            view_switch,
            undo_buttons,
            me_menu,
            table_settings,
            move_menu,
            list,
            room: RoomPanel::new(lang),
            spot: spotlight::Spot::new(lang, weak),
            view_tools: el("div")
                .class("view-tools")
                .child(compose_open.clone())
                .build(),
            compose_open,
            board_frame: el("div").class("board-frame").build(),
        }
    }

    fn weak(&self) -> Weak<Board> {
        self.this.clone()
    }
}
