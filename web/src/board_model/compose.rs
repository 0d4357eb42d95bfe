//! The add-card form: which kinds it offers (the phase's), and when this person
//! cannot write now, why (a locked board, a listening case-holder, a sponsor outside
//! their phases, an ended session) instead of a form that would be refused.

use ovaal_shared::board::CardKind;
use ovaal_shared::permissions::Refusal;

use super::inputs::Control;
use super::rights::Rights;
use crate::i18n::{self, Key, Lang};
use crate::plan;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComposeState {
    /// `None` for people who do not write (the form is not on their page).
    pub lang: Option<Lang>,
    pub kinds: Vec<CardKind>,
    /// Why a card written now would be refused.
    pub note: Option<Key>,
}

pub fn derive(lang: Lang, rights: &Rights, control: &Control) -> ComposeState {
    if !rights.writes() {
        return ComposeState::default();
    }
    let note = match rights.refusal(&rights.target_doc()) {
        None => None,
        Some(Refusal::CaseholderListens) => Some(Key::CaseholderListensNote),
        Some(refusal) => i18n::refusal_key(refusal.code()),
    };
    ComposeState {
        lang: Some(lang),
        kinds: plan::allowed_kinds(&control.facilitation),
        note,
    }
}
