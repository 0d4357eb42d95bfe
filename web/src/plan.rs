//! The facilitator's plan, as the client edits and reads it: moving between phases,
//! adding, changing, reordering and removing phases (ids stay stable, so cards keep
//! pointing at the phase they were written in), which card kinds may be written now,
//! and the arc's next method. The plan is written whole (`write_plan`); these
//! functions only compute the new plan.

use ovaal_shared::board::CardKind;
use ovaal_shared::board::facilitation::Facilitation;
use ovaal_shared::board::phase::Phase;

/// Why a plan edit was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("a phase needs a name")]
    NoName,
    #[error("a phase needs at least one card kind")]
    NoKinds,
    #[error("there is no phase {0}")]
    NoSuchPhase(String),
    #[error("the current phase cannot be removed")]
    RemovingCurrent,
    #[error("a plan keeps at least one phase")]
    LastPhase,
}

/// The id of the phase `step` places after (`1`) or before (`-1`) the current one.
pub fn neighbour(f: &Facilitation, step: isize) -> Option<&Phase> {
    let at = match f.phase.as_deref().and_then(|id| f.index_of(id)) {
        Some(at) => at as isize + step,
        // No current phase yet: "next" starts the plan.
        None if step > 0 => 0,
        None => return None,
    };
    usize::try_from(at).ok().and_then(|i| f.plan.get(i))
}

/// The kinds the add-card form offers now: the current phase's, or all without a plan.
pub fn allowed_kinds(f: &Facilitation) -> Vec<CardKind> {
    match f.current() {
        Some(phase) if !phase.kinds.is_empty() => CardKind::ALL
            .into_iter()
            .filter(|k| phase.allows(*k))
            .collect(),
        _ => CardKind::ALL.to_vec(),
    }
}

/// A new phase id from its name: lower case, `[a-z0-9-]`, unique in `plan`.
pub fn new_phase_id(name: &str, plan: &[Phase]) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'a'..='z' | '0'..='9' => c,
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            _ => '-',
        };
        if c != '-' || !(slug.is_empty() || slug.ends_with('-')) {
            slug.push(c);
        }
    }
    let mut base: String = slug.trim_end_matches('-').chars().take(32).collect();
    base = base.trim_end_matches('-').to_owned();
    if base.is_empty() {
        base = "phase".to_owned();
    }
    let taken = |id: &str| plan.iter().any(|p| p.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// What the facilitator typed for a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseDraft {
    pub name_nl: String,
    pub name_en: String,
    pub instruction_nl: String,
    pub instruction_en: String,
    pub kinds: Vec<CardKind>,
    pub caseholder: ovaal_shared::board::phase::CaseholderMode,
    pub private: bool,
    pub minutes: u32,
}

impl PhaseDraft {
    pub fn of(phase: &Phase) -> Self {
        Self {
            name_nl: phase.name.nl.clone(),
            name_en: phase.name.en.clone(),
            instruction_nl: phase.instruction.nl.clone(),
            instruction_en: phase.instruction.en.clone(),
            kinds: phase.kinds.clone(),
            caseholder: phase.caseholder,
            private: phase.private,
            minutes: phase.minutes,
        }
    }

    /// The phase with id `id`. A text given in one language only is used for both, so
    /// nobody sees an empty name after switching language.
    fn into_phase(self, id: String) -> Result<Phase, PlanError> {
        use ovaal_shared::board::phase::Bilingual;
        let pair = |nl: &str, en: &str| {
            let (nl, en) = (nl.trim(), en.trim());
            match (nl.is_empty(), en.is_empty()) {
                (true, true) => None,
                (true, false) => Some(Bilingual::new(en, en)),
                (false, true) => Some(Bilingual::new(nl, nl)),
                (false, false) => Some(Bilingual::new(nl, en)),
            }
        };
        let name = pair(&self.name_nl, &self.name_en).ok_or(PlanError::NoName)?;
        if self.kinds.is_empty() {
            return Err(PlanError::NoKinds);
        }
        let instruction = pair(&self.instruction_nl, &self.instruction_en)
            .unwrap_or_else(|| Bilingual::new("", ""));
        Ok(Phase {
            id,
            name,
            instruction,
            kinds: self.kinds,
            caseholder: self.caseholder,
            private: self.private,
            minutes: self.minutes.min(600),
        })
    }
}

/// The plan with a new phase added after `after` (or at the end).
pub fn add_phase(
    plan: &[Phase],
    draft: PhaseDraft,
    after: Option<&str>,
) -> Result<Vec<Phase>, PlanError> {
    let basis = if draft.name_en.trim().is_empty() {
        &draft.name_nl
    } else {
        &draft.name_en
    };
    let id = new_phase_id(basis, plan);
    let phase = draft.into_phase(id)?;
    let mut out = plan.to_vec();
    let at = after
        .and_then(|a| out.iter().position(|p| p.id == a))
        .map_or(out.len(), |i| i + 1);
    out.insert(at, phase);
    Ok(out)
}

/// The plan with phase `id` changed (its id stays).
pub fn change_phase(plan: &[Phase], id: &str, draft: PhaseDraft) -> Result<Vec<Phase>, PlanError> {
    let at = position(plan, id)?;
    let mut out = plan.to_vec();
    out[at] = draft.into_phase(id.to_owned())?;
    Ok(out)
}

/// The plan with phase `id` moved one place up (`-1`) or down (`1`).
pub fn move_phase(plan: &[Phase], id: &str, step: isize) -> Result<Vec<Phase>, PlanError> {
    let at = position(plan, id)?;
    let mut out = plan.to_vec();
    let to = at as isize + step;
    if let Ok(to) = usize::try_from(to)
        && to < out.len()
    {
        out.swap(at, to);
    }
    Ok(out)
}

/// The plan without phase `id`. The current phase stays: the group is in it.
pub fn remove_phase(
    plan: &[Phase],
    id: &str,
    current: Option<&str>,
) -> Result<Vec<Phase>, PlanError> {
    let at = position(plan, id)?;
    if current == Some(id) {
        return Err(PlanError::RemovingCurrent);
    }
    if plan.len() == 1 {
        return Err(PlanError::LastPhase);
    }
    let mut out = plan.to_vec();
    out.remove(at);
    Ok(out)
}

fn position(plan: &[Phase], id: &str) -> Result<usize, PlanError> {
    plan.iter()
        .position(|p| p.id == id)
        .ok_or_else(|| PlanError::NoSuchPhase(id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::Method;
    use ovaal_shared::board::phase::CaseholderMode;
    use ovaal_shared::board::templates::phases;

    fn facilitation(method: Method, phase: Option<&str>) -> Facilitation {
        Facilitation {
            plan: phases(method),
            phase: phase.map(str::to_owned),
            timer: Default::default(),
            locked: false,
            hide_names: false,
            revealed: vec![],
            sponsor_phases: None,
            participants_export: false,
            ended: false,
            timer_sound: false,
        }
    }

    fn draft(en: &str) -> PhaseDraft {
        PhaseDraft {
            name_nl: String::new(),
            name_en: en.to_owned(),
            instruction_nl: "Schrijf".into(),
            instruction_en: String::new(),
            kinds: vec![CardKind::Insight],
            caseholder: CaseholderMode::Speaks,
            private: true,
            minutes: 5,
        }
    }

    #[test]
    fn next_and_previous() {
        let f = facilitation(Method::Incident, Some("review"));
        assert_eq!(neighbour(&f, 1).map(|p| p.id.as_str()), Some("pitches"));
        assert!(neighbour(&f, -1).is_none());
        let f = facilitation(Method::Incident, Some("evaluation"));
        assert!(neighbour(&f, 1).is_none());
        assert_eq!(neighbour(&f, -1).map(|p| p.id.as_str()), Some("advice"));
        let f = facilitation(Method::Incident, None);
        assert_eq!(neighbour(&f, 1).map(|p| p.id.as_str()), Some("review"));
    }

    #[test]
    fn kinds_follow_the_phase() {
        let f = facilitation(Method::Incident, Some("questions"));
        assert_eq!(allowed_kinds(&f), [CardKind::Question]);
        let none = facilitation(Method::Incident, None);
        assert_eq!(allowed_kinds(&none).len(), CardKind::ALL.len());
    }

    #[test]
    fn ids_are_slugs_and_unique() {
        let plan = phases(Method::Incident);
        assert_eq!(
            new_phase_id("Stilte & reflectie!", &plan),
            "stilte-reflectie"
        );
        assert_eq!(new_phase_id("Vragenronde", &plan), "vragenronde");
        assert_eq!(new_phase_id("Questions", &plan), "questions-2");
        assert_eq!(new_phase_id("  ", &plan), "phase");
        assert_eq!(new_phase_id("Évaluatie ñ", &plan), "evaluatie-n");
        let long = new_phase_id(&"x".repeat(100), &plan);
        assert!(ovaal_shared::board::phase::Phase::valid_id(&long));
    }

    #[test]
    fn add_change_move_remove() {
        let plan = phases(Method::Incident);
        let added = add_phase(&plan, draft("Quiet writing"), Some("questions")).unwrap();
        let at = added.iter().position(|p| p.id == "quiet-writing").unwrap();
        assert_eq!(added[at - 1].id, "questions");
        assert_eq!(added[at].name.nl, "Quiet writing");
        assert_eq!(added[at].instruction.en, "Schrijf");
        let changed = change_phase(&added, "quiet-writing", draft("Silence")).unwrap();
        assert_eq!(changed[at].id, "quiet-writing", "ids stay stable");
        assert_eq!(changed[at].name.en, "Silence");
        let moved = move_phase(&changed, "quiet-writing", -1).unwrap();
        assert_eq!(moved[at - 1].id, "quiet-writing");
        let same = move_phase(&moved, "review", -1).unwrap();
        assert_eq!(same[0].id, "review");
        let removed = remove_phase(&moved, "quiet-writing", Some("review")).unwrap();
        assert_eq!(removed, plan);
        assert_eq!(
            remove_phase(&plan, "review", Some("review")),
            Err(PlanError::RemovingCurrent)
        );
        let mut nameless = draft("");
        nameless.name_nl.clear();
        assert_eq!(add_phase(&plan, nameless, None), Err(PlanError::NoName));
        let mut kindless = draft("x");
        kindless.kinds.clear();
        assert_eq!(add_phase(&plan, kindless, None), Err(PlanError::NoKinds));
    }
}
