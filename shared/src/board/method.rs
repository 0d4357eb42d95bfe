//! The methods a facilitator can pick when creating a session. Their phases arrive
//! with facilitation; here a method is a named choice stored in the control document.

use std::fmt;
use std::str::FromStr;

use super::BoardError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    #[serde(rename = "free")]
    Free,
    #[serde(rename = "incident")]
    Incident,
    #[serde(rename = "gossip")]
    Gossip,
    #[serde(rename = "socratic")]
    Socratic,
    #[serde(rename = "balint")]
    Balint,
    #[serde(rename = "case-clinic")]
    CaseClinic,
    #[serde(rename = "learning-circle")]
    LearningCircle,
    #[serde(rename = "mastercircle-urgentie")]
    MastercircleUrgentie,
    #[serde(rename = "mastercircle-opgave")]
    MastercircleOpgave,
    #[serde(rename = "mastercircle-omslag")]
    MastercircleOmslag,
    #[serde(rename = "mastercircle-toekomst")]
    MastercircleToekomst,
    #[serde(rename = "mastercircle-oogst")]
    MastercircleOogst,
}

impl Method {
    pub const ALL: [Method; 12] = [
        Method::Free,
        Method::Incident,
        Method::Gossip,
        Method::Socratic,
        Method::Balint,
        Method::CaseClinic,
        Method::LearningCircle,
        Method::MastercircleUrgentie,
        Method::MastercircleOpgave,
        Method::MastercircleOmslag,
        Method::MastercircleToekomst,
        Method::MastercircleOogst,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Free => "free",
            Method::Incident => "incident",
            Method::Gossip => "gossip",
            Method::Socratic => "socratic",
            Method::Balint => "balint",
            Method::CaseClinic => "case-clinic",
            Method::LearningCircle => "learning-circle",
            Method::MastercircleUrgentie => "mastercircle-urgentie",
            Method::MastercircleOpgave => "mastercircle-opgave",
            Method::MastercircleOmslag => "mastercircle-omslag",
            Method::MastercircleToekomst => "mastercircle-toekomst",
            Method::MastercircleOogst => "mastercircle-oogst",
        }
    }
}

impl FromStr for Method {
    type Err = BoardError;
    fn from_str(s: &str) -> Result<Self, BoardError> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| BoardError::UnknownMethod(s.chars().take(40).collect()))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_round_trip_through_str_and_serde() {
        for method in Method::ALL {
            assert_eq!(method.as_str().parse::<Method>().unwrap(), method);
            let json = serde_json::to_string(&method).unwrap();
            assert_eq!(json, format!("\"{}\"", method.as_str()));
        }
        assert!("scrum".parse::<Method>().is_err());
    }
}
