//! What the harvest panel offers this person: the export formats (all to the
//! facilitator; to people who write only when the facilitator allows it, and then
//! none that names authors while names are hidden), and whether they hold the hot
//! seat or run the session (the case-holder's and the facilitator's harvest parts).

use ovaal_shared::Role;
use ovaal_shared::export_format::{ExportFormat, ExportSettings};

use super::inputs::{Control, Who};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarvestOffers {
    pub exports: Vec<ExportFormat>,
    pub caseholder: bool,
    pub facilitator: bool,
    pub ended: bool,
}

pub fn derive(who: &Who, control: &Control) -> HarvestOffers {
    let f = &control.facilitation;
    let settings = ExportSettings {
        participants_export: f.participants_export,
        hide_names: f.hide_names,
    };
    // The server answers downloads by the same rule (`ExportFormat::may_download`).
    let exports = match who.role {
        Some(role) => ExportFormat::ALL
            .into_iter()
            .filter(|x| x.may_download(role, settings))
            .collect(),
        None => Vec::new(),
    };
    HarvestOffers {
        exports,
        caseholder: who.role.is_some_and(Role::writes)
            && control.hot_seat.as_ref() == Some(&who.me),
        facilitator: who.role == Some(Role::Facilitator),
        ended: f.ended,
    }
}
