//! The page's mode under the control document: ended or locked, the case-holder's
//! mode (back-turned shows only their notes), whether the room screen's sound button
//! is offered, and whether this person may undo now.

use ovaal_shared::DocName;
use ovaal_shared::board::phase::CaseholderMode;

use super::inputs::{Control, Who};
use super::rights::Rights;
use crate::i18n::Lang;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMode {
    /// The language the back-turned screen is in.
    pub lang: Lang,
    pub ended: bool,
    pub locked: bool,
    /// The case-holder's mode, if this person sits in the hot seat.
    pub caseholder_mode: Option<CaseholderMode>,
    /// Sitting back-turned: the page shows only the case-holder's own notes.
    pub back_turned: bool,
    /// The sound button is offered: on a page that does not write (the room screen,
    /// an observer), when the facilitator wants the time-up tone, before the end.
    pub sound_button: bool,
    /// This person may undo and redo now: they may write their own document.
    pub may_undo: bool,
}

pub fn derive(lang: Lang, who: &Who, control: &Control, rights: &Rights) -> PageMode {
    let f = &control.facilitation;
    PageMode {
        lang,
        ended: f.ended,
        locked: f.locked,
        caseholder_mode: rights.caseholder_mode(),
        back_turned: rights.back_turned(),
        sound_button: who.role.is_some_and(|r| !r.writes()) && f.timer_sound && !f.ended,
        may_undo: rights.may_write(&DocName::Participant(who.me.clone())),
    }
}
