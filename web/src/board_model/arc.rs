//! The arc of sessions (a Mastercircle's Opgave, Verdieping and Oogst, or any chain
//! of sessions that carried cards over): whether this board wants its timeline, and
//! the timeline as last fetched. The fetched arc is an input like a document; the
//! panel draws it in the model's language, so a language switch redraws it. Until the
//! arc arrives, a wanted timeline shows this session alone: the row holds its place
//! from the first frame, and the table below it does not jump when the arc arrives.

use ovaal_shared::SessionId;
use ovaal_shared::board::Method;
use ovaal_shared::http_api::ArcEntry;

use super::inputs::Control;
use crate::card_model::BoardCard;
use crate::i18n::Lang;

/// Wanted on an Oogst (the arc's last session looks back over it) and on any
/// session that carries cards over from an earlier one.
pub fn wanted(control: &Control, carried: Option<&Vec<BoardCard>>) -> bool {
    let oogst = control
        .settings
        .as_ref()
        .is_some_and(|s| s.method == Method::MastercircleOogst);
    oogst || carried.is_some_and(|cards| !cards.is_empty())
}

/// The arc panel: the sessions, in the language they are drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcShown {
    pub lang: Lang,
    pub entries: Vec<ArcEntry>,
}

/// The fetched arc; before it arrived, this session alone (its title and method from
/// the control document) while the arc is wanted; nothing otherwise.
pub fn derive(
    lang: Lang,
    arc: &[ArcEntry],
    wanted: bool,
    control: &Control,
    this: Option<&SessionId>,
) -> Option<ArcShown> {
    if !arc.is_empty() {
        return Some(ArcShown {
            lang,
            entries: arc.to_vec(),
        });
    }
    let (settings, id) = (control.settings.as_ref()?, this?);
    wanted.then(|| ArcShown {
        lang,
        entries: vec![ArcEntry {
            id: id.clone(),
            title: settings.title.clone(),
            method: settings.method,
            created_ms: 0,
            ended_ms: None,
        }],
    })
}
