//! The facilitator's panels: the switches (locked, hide names, exports, the time-up
//! tone), who is seated and who holds the hot seat, the plan with its sponsor phases,
//! the plan editor's plan and current phase, and whether the panels show at all. An
//! ended board can be read, exported and continued, nothing else: the settings, the
//! hot seat, the seats and new links would only be refused, so the facilitator panel,
//! the links panel and the table settings hide and the plan editor closes. Other
//! roles have none of these panels.

use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::seating;
use ovaal_shared::{ParticipantId, Role};

use super::card_looks::display_name;
use super::inputs::{Control, People, Who};
use crate::i18n::Lang;

/// What the facilitator's panels show.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilitatorPanels {
    /// The language the names ("someone") and the panels' words are in.
    pub lang: Lang,
    pub locked: bool,
    pub hide_names: bool,
    pub participants_export: bool,
    pub timer_sound: bool,
    /// Seated people (participant id, name), in seat order: who may take the hot seat.
    pub seated: Vec<(ParticipantId, String)>,
    pub hot: Option<ParticipantId>,
    pub plan: Vec<Phase>,
    /// The phase now, for the plan editor.
    pub current_phase: Option<String>,
    pub sponsor_phases: Option<Vec<String>>,
    /// The facilitator panel, the links panel and the table settings show, and the
    /// plan editor may stay open: the session has not ended.
    pub shown: bool,
}

/// The panels, for the facilitator only.
pub fn derive(
    lang: Lang,
    who: &Who,
    control: &Control,
    people: &People,
) -> Option<FacilitatorPanels> {
    if who.role != Some(Role::Facilitator) {
        return None;
    }
    let f = &control.facilitation;
    let seated = seating::seat_holders(people.profiles.iter(), control.seats())
        .into_values()
        .map(|id| {
            let name = display_name(lang, people, &id);
            (id, name)
        })
        .collect();
    Some(FacilitatorPanels {
        lang,
        locked: f.locked,
        hide_names: f.hide_names,
        participants_export: f.participants_export,
        timer_sound: f.timer_sound,
        seated,
        hot: control.hot_seat.clone(),
        plan: f.plan.clone(),
        current_phase: f.phase.clone(),
        sponsor_phases: f.sponsor_phases.clone(),
        shown: !f.ended,
    })
}
