//! The arc of sessions: a group meets again and again, each session started from the
//! one before (`POST /api/sessions/{id}/next`). The server uses [`next_method`] when the
//! request names no method; the facilitator's dialog proposes the same one.

use super::Method;

/// The method the next session of an arc uses by default: the Mastercircle's next
/// step (Urgentie → Opgave → Omslag → Toekomst → Oogst), else the same method — an
/// intervision group meets again with its own method, and the Oogst closes the arc.
pub fn next_method(earlier: Method) -> Method {
    match earlier {
        Method::MastercircleUrgentie => Method::MastercircleOpgave,
        Method::MastercircleOpgave => Method::MastercircleOmslag,
        Method::MastercircleOmslag => Method::MastercircleToekomst,
        Method::MastercircleToekomst => Method::MastercircleOogst,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mastercircle_walks_its_steps_and_ends_at_the_oogst() {
        let mut method = Method::MastercircleUrgentie;
        let mut walked = vec![method];
        while next_method(method) != method {
            method = next_method(method);
            walked.push(method);
        }
        assert_eq!(
            walked,
            [
                Method::MastercircleUrgentie,
                Method::MastercircleOpgave,
                Method::MastercircleOmslag,
                Method::MastercircleToekomst,
                Method::MastercircleOogst,
            ]
        );
    }

    #[test]
    fn other_methods_meet_again_with_their_own_method() {
        for method in Method::ALL {
            if !method.as_str().starts_with("mastercircle-") {
                assert_eq!(next_method(method), method, "{method:?}");
            }
        }
    }
}
