//! The phase bar: the plan's steps, the current phase with its instruction, the kinds
//! of card the phase takes, the facilitator's controls, and the ended and locked
//! banners. The room screen shows the same phase's name and instruction.

use ovaal_shared::Role;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::phase::Phase;

use super::inputs::{Control, Who};
use crate::i18n::Lang;
use crate::plan;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhaseBarState {
    /// The language the bar is drawn in (phase names come in both).
    pub lang: Option<Lang>,
    pub plan: Vec<Phase>,
    /// The current phase's id (`None` before the session starts).
    pub current: Option<String>,
    /// Private rounds everyone may read.
    pub revealed: Vec<String>,
    /// The kinds the add-card form offers now.
    pub kinds: Vec<CardKind>,
    /// The facilitator's controls (not once the session ended).
    pub controls: bool,
    pub ended: bool,
    pub locked: bool,
}

impl PhaseBarState {
    pub fn current(&self) -> Option<&Phase> {
        let id = self.current.as_deref()?;
        self.plan.iter().find(|p| p.id == id)
    }

    /// The current phase's name and instruction in the bar's language (the room
    /// screen shows them).
    pub fn room_text(&self) -> (&str, &str) {
        let tag = self.lang.unwrap_or_default().tag();
        self.current()
            .map_or(("", ""), |p| (p.name.get(tag), p.instruction.get(tag)))
    }
}

pub fn derive(lang: Lang, who: &Who, control: &Control) -> PhaseBarState {
    let f = &control.facilitation;
    PhaseBarState {
        lang: Some(lang),
        plan: f.plan.clone(),
        current: f.current().map(|p| p.id.clone()),
        revealed: f.revealed.clone(),
        kinds: plan::allowed_kinds(f),
        controls: who.role == Some(Role::Facilitator) && !f.ended,
        ended: f.ended,
        locked: f.locked,
    }
}
