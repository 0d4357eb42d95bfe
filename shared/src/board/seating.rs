//! Who sits where. Each person writes their seat into their own document, so two people
//! can claim the same seat at the same moment; every screen resolves that the same way:
//! the earliest claim wins (ties broken by participant id) and the other person is shown
//! as not seated until they pick another seat.

use std::collections::BTreeMap;

use super::Profile;
use crate::ids::ParticipantId;

/// Maps each taken seat (below `seats`) to the person who holds it.
pub fn seat_holders<'a, I>(profiles: I, seats: u32) -> BTreeMap<u32, ParticipantId>
where
    I: IntoIterator<Item = (&'a ParticipantId, &'a Profile)>,
{
    let mut best: BTreeMap<u32, (i64, &ParticipantId)> = BTreeMap::new();
    for (id, profile) in profiles {
        let Some(seat) = profile.seat.filter(|s| *s < seats) else {
            continue;
        };
        let claim = (profile.seat_claimed_ms, id);
        best.entry(seat)
            .and_modify(|held| {
                if claim < *held {
                    *held = claim;
                }
            })
            .or_insert(claim);
    }
    crate::sort::map_of(best.into_iter().map(|(seat, (_, id))| (seat, id.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Location;

    fn profile(seat: Option<u32>, at: i64) -> Profile {
        Profile {
            name: "x".into(),
            seat,
            location: Location::Remote,
            seat_claimed_ms: at,
        }
    }

    #[test]
    fn earliest_claim_wins_and_out_of_range_seats_are_ignored() {
        let a: ParticipantId = "aaaaaaaa".parse().unwrap();
        let b: ParticipantId = "bbbbbbbb".parse().unwrap();
        let c: ParticipantId = "cccccccc".parse().unwrap();
        let profiles = [
            (a.clone(), profile(Some(1), 20)),
            (b.clone(), profile(Some(1), 10)),
            (c.clone(), profile(Some(9), 5)),
        ];
        let holders = seat_holders(profiles.iter().map(|(i, p)| (i, p)), 8);
        assert_eq!(holders.get(&1), Some(&b));
        assert_eq!(holders.len(), 1, "seat 9 does not exist at an 8-seat table");
        // Same claim time: the smaller id wins, on every screen alike.
        let tie = [
            (b.clone(), profile(Some(0), 1)),
            (a.clone(), profile(Some(0), 1)),
        ];
        assert_eq!(
            seat_holders(tie.iter().map(|(i, p)| (i, p)), 8).get(&0),
            Some(&a)
        );
    }
}
