//! Deserialization helpers that generated models call, written once here so that each model's
//! generated `Deserialize` stays a few lines.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, Visitor};

/// An object key, borrowed from the input when it can be (no allocation for JSON keys
/// without escapes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A required member's value, or the error naming it.
pub fn required<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// Deserializes a string-backed value (a generated string enum) through its `FromStr`, which
/// keeps values it does not know.
pub fn from_str<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    let s = <String as serde::Deserialize>::deserialize(d)?;
    match s.parse() {
        Ok(v) => Ok(v),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_borrow_when_the_input_allows_and_own_when_escaped() {
        let mut de = serde_json::Deserializer::from_str(r#""plain""#);
        let k = <Key as serde::Deserialize>::deserialize(&mut de).unwrap();
        assert!(matches!(k.0, Cow::Borrowed("plain")));
        let mut de = serde_json::Deserializer::from_str(r#""a\"b""#);
        let k = <Key as serde::Deserialize>::deserialize(&mut de).unwrap();
        assert_eq!(k.as_str(), "a\"b");
        assert!(matches!(k.0, Cow::Owned(_)));
    }

    #[derive(Debug, PartialEq)]
    enum Kind {
        Apn,
        Unknown(String),
    }

    impl std::str::FromStr for Kind {
        type Err = std::convert::Infallible;
        fn from_str(s: &str) -> Result<Self, Self::Err> {
            Ok(match s {
                "apn" => Kind::Apn,
                other => Kind::Unknown(other.into()),
            })
        }
    }

    #[test]
    fn from_str_keeps_values_it_does_not_know_and_rejects_non_strings() {
        let de = |v: serde_json::Value| from_str::<_, Kind>(v);
        assert_eq!(
            de(serde_json::Value::String("apn".into())).unwrap(),
            Kind::Apn
        );
        assert_eq!(
            de(serde_json::Value::String("fcm".into())).unwrap(),
            Kind::Unknown("fcm".into())
        );
        assert!(de(serde_json::json!(3)).is_err());
    }
}
