//! Cards: the kinds a session uses, their text rules and where they lie.

use std::fmt;
use std::str::FromStr;

use super::BoardError;
use crate::ids::{CardId, ParticipantId};

/// The kinds of card a method works with.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// A theme (thema) someone brings in.
    Theme,
    /// A question (vraag) to the case-holder or the group.
    Question,
    /// Advice (advies) for the case-holder.
    Advice,
    /// The case (casus): the hot-seat question.
    Case,
    /// A mirror (spiegel): "I see / I sense / I feel".
    Mirror,
    /// An insight or harvest (inzicht/oogst).
    Insight,
    /// The case-holder's next step (actie).
    Action,
}

impl CardKind {
    pub const ALL: [CardKind; 7] = [
        CardKind::Theme,
        CardKind::Question,
        CardKind::Advice,
        CardKind::Case,
        CardKind::Mirror,
        CardKind::Insight,
        CardKind::Action,
    ];

    /// The order kinds are listed in within a phase, from the case to what comes of
    /// it: in the harvest and in the next session's choice of cards alike.
    pub const IN_A_PHASE: [CardKind; 7] = [
        CardKind::Case,
        CardKind::Theme,
        CardKind::Question,
        CardKind::Mirror,
        CardKind::Advice,
        CardKind::Insight,
        CardKind::Action,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Theme => "theme",
            CardKind::Question => "question",
            CardKind::Advice => "advice",
            CardKind::Case => "case",
            CardKind::Mirror => "mirror",
            CardKind::Insight => "insight",
            CardKind::Action => "action",
        }
    }
}

impl FromStr for CardKind {
    type Err = BoardError;
    fn from_str(s: &str) -> Result<Self, BoardError> {
        CardKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| BoardError::UnknownKind(s.chars().take(40).collect()))
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text of a card: trimmed, never empty, at most [`CardText::MAX_CHARS`]
/// characters. Constructing one is the only way to put text on a card, so an empty or
/// oversized card cannot be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardText(String);

impl CardText {
    /// Long enough for a real question or piece of advice, short enough to stay a card.
    pub const MAX_CHARS: usize = 280;

    pub fn new(text: &str) -> Result<Self, BoardError> {
        let trimmed = text.trim();
        let got = trimmed.chars().count();
        if got == 0 {
            return Err(BoardError::EmptyText);
        }
        if got > Self::MAX_CHARS {
            return Err(BoardError::TextTooLong {
                max: Self::MAX_CHARS,
                got,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A place on the board, as fractions of the board's width and height.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

impl Position {
    /// The middle of the table, where the case and agreed themes lie.
    pub const CENTRE: Position = Position { x: 0.5, y: 0.5 };

    /// Keeps a position on the board whatever a client sent (NaN becomes the centre).
    pub fn clamped(x: f64, y: f64) -> Self {
        let fix = |v: f64| {
            if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.5
            }
        };
        Position {
            x: fix(x),
            y: fix(y),
        }
    }
}

/// A card as read from its author's document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Card {
    pub id: CardId,
    pub author: ParticipantId,
    pub kind: CardKind,
    pub text: String,
    pub position: Position,
    /// When it was written (ms since the Unix epoch, the author's clock); orders cards.
    pub created_ms: i64,
    /// The phase it was written in (its id in the plan), for the harvest.
    pub phase: Option<String>,
}

/// Everything needed to put a new card on the board.
#[derive(Debug, Clone)]
pub struct NewCard {
    pub id: CardId,
    pub kind: CardKind,
    pub text: CardText,
    pub position: Position,
    pub created_ms: i64,
    /// The current phase's id, if the session follows a plan.
    pub phase: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_text_rules() {
        assert_eq!(CardText::new("  \n "), Err(BoardError::EmptyText));
        assert_eq!(CardText::new("  hoi ").unwrap().as_str(), "hoi");
        let max = "é".repeat(CardText::MAX_CHARS);
        assert!(CardText::new(&max).is_ok());
        assert_eq!(
            CardText::new(&format!("{max}x")),
            Err(BoardError::TextTooLong {
                max: CardText::MAX_CHARS,
                got: CardText::MAX_CHARS + 1
            })
        );
    }

    #[test]
    fn kinds_round_trip() {
        for kind in CardKind::ALL {
            assert_eq!(kind.as_str().parse::<CardKind>().unwrap(), kind);
        }
        assert!("memo".parse::<CardKind>().is_err());
    }

    #[test]
    fn positions_stay_on_the_board() {
        assert_eq!(Position::clamped(-1.0, 2.0), Position { x: 0.0, y: 1.0 });
        assert_eq!(
            Position::clamped(f64::NAN, 0.25),
            Position { x: 0.5, y: 0.25 }
        );
    }
}
