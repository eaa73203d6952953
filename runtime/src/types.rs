//! Value types generated models use for string formats: `uuid`, `date-time`, `date`, `uri`,
//! and Twilio's `date-time-rfc-2822`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use chrono::NaiveDate as Date;
pub use url::Url;
pub use uuid::Uuid;

/// An RFC 3339 timestamp with its offset (`date-time`).
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// A timestamp written in RFC 2822 form (`Mon, 16 Aug 2010 03:45:01 +0000`), as Twilio's
/// `date-time-rfc-2822` format sends it. Serialises back in the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rfc2822DateTime(pub DateTime);

impl Rfc2822DateTime {
    /// The timestamp.
    pub fn get(&self) -> DateTime {
        self.0
    }
}

impl fmt::Display for Rfc2822DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc2822())
    }
}

impl FromStr for Rfc2822DateTime {
    type Err = chrono::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        chrono::DateTime::parse_from_rfc2822(s.trim()).map(Rfc2822DateTime)
    }
}

impl Serialize for Rfc2822DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc2822())
    }
}

impl<'de> Deserialize<'de> for Rfc2822DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e| {
            serde::de::Error::custom(format!("expected an RFC 2822 date-time, got `{s}`: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2822_round_trip() {
        let t: Rfc2822DateTime =
            serde_json::from_str("\"Mon, 16 Aug 2010 03:45:01 +0000\"").unwrap();
        assert_eq!(t.get().timestamp(), 1281930301);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"Mon, 16 Aug 2010 03:45:01 +0000\""
        );
        let e = serde_json::from_str::<Rfc2822DateTime>("\"2010-08-16\"").unwrap_err();
        assert!(e.to_string().contains("RFC 2822"), "{e}");
    }
}
