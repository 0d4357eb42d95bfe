//! The board's facilitation and harvest parts, built once with callbacks into the
//! board: the phase bar, the facilitator's panel and plan editor, the links panel, the
//! harvest panel and the next-session dialog, the confirmation dialog, the
//! case-holder's back-turned screen, the arc timeline and the room screen's "enable
//! sound".

use std::rc::{Rc, Weak};

use super::Board;
use crate::i18n::Lang;
use crate::view::arc::ArcView;
use crate::view::back_turned::BackTurned;
use crate::view::dialog::Confirm;
use crate::view::facilitator::FacilitatorPanel;
use crate::view::harvest::HarvestPanel;
use crate::view::links_panel::LinksPanel;
use crate::view::next_dialog::NextDialog;
use crate::view::phase_bar::PhaseBar;
use crate::view::plan_editor::PlanEditor;
use crate::view::sound_button::SoundButton;

pub(super) struct SessionPanels {
    pub phase_bar: Rc<PhaseBar>,
    pub facilitator: Rc<FacilitatorPanel>,
    pub plan_editor: Rc<PlanEditor>,
    pub links: Rc<LinksPanel>,
    pub harvest: Rc<HarvestPanel>,
    pub next: Rc<NextDialog>,
    pub confirm: Rc<Confirm>,
    pub back_turned: Rc<BackTurned>,
    pub arc: ArcView,
    /// The room screen's "enable sound" (mounted in the room panel).
    pub sound: Rc<SoundButton>,
}

/// A callback that reaches the board if it still exists.
fn to_board<A: 'static>(weak: &Weak<Board>, f: fn(&Board, A)) -> impl Fn(A) + 'static {
    let weak = weak.clone();
    move |arg| {
        if let Some(board) = weak.upgrade() {
            f(&board, arg);
        }
    }
}

impl SessionPanels {
    pub fn new(lang: Lang, weak: &Weak<Board>) -> Self {
        Self {
            phase_bar: PhaseBar::new(lang, to_board(weak, Board::phase_action)),
            facilitator: FacilitatorPanel::new(lang, to_board(weak, Board::facilitator_action)),
            plan_editor: PlanEditor::new(lang, to_board(weak, Board::set_plan)),
            links: LinksPanel::new(lang, to_board(weak, Board::links_action)),
            harvest: HarvestPanel::new(lang, to_board(weak, Board::harvest_action)),
            next: NextDialog::new(lang, to_board(weak, Board::next_action)),
            confirm: Confirm::new(lang),
            back_turned: BackTurned::new(lang, to_board(weak, Board::add_note)),
            arc: ArcView::new(lang),
            sound: SoundButton::new(lang),
        }
    }
}
