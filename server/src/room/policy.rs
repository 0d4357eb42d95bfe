//! The facilitator's current settings as they bear on permissions, kept up to date by
//! the room after every change to the control document.

use ovaal_shared::board::control::read_hot_seat;
use ovaal_shared::board::facilitation::read_facilitation;
use ovaal_shared::permissions::Policy;

use super::documents::Documents;
use ovaal_shared::DocName;

/// Reads the policy from the room's control document (the default policy while the
/// session has none). `ended` comes from the store, which is authoritative: the
/// control document only mirrors it for the screens.
pub fn from_documents(docs: &Documents, ended: bool) -> Policy {
    let mut policy = match docs.get(&DocName::Control) {
        Some(control) => Policy::new(&read_facilitation(control), read_hot_seat(control)),
        None => Policy::default(),
    };
    policy.ended = ended;
    policy
}

/// Private rounds revealed by going from `old` to `new`.
pub fn newly_revealed<'a>(old: &Policy, new: &'a Policy) -> Vec<&'a str> {
    new.revealed
        .iter()
        .filter(|phase| !old.revealed.contains(phase))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reveals_are_detected_once() {
        let old = Policy {
            revealed: vec!["a".into()],
            ..Policy::default()
        };
        let new = Policy {
            revealed: vec!["a".into(), "b".into()],
            ..Policy::default()
        };
        assert_eq!(newly_revealed(&old, &new), ["b"]);
        assert!(newly_revealed(&new, &new).is_empty());
    }
}
