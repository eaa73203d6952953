//! A flag's text checked against its table row and turned into what is sent: a JSON value
//! ([`flag_value`]) for parameters and body fields, a file part ([`parse_file`]) for file
//! fields. Errors are [`Error::Validation`] naming `--flag` and what was expected.

use serde_json::Value;

use crate::dispatch::{FlagInfo, FlagKind};
use crate::error::Error;
use crate::multipart::Part;

/// Parses a file flag: `@PATH` reads the file (named after the path), any other text is the
/// file's content as it is. An unreadable file is [`Error::Validation`] naming `--flag`.
pub fn parse_file(flag: &str, raw: &str) -> Result<Part, Error<()>> {
    match raw.strip_prefix('@') {
        Some(path) => Part::file(path).map_err(|e| {
            Error::validation(format!("--{flag}"), format!("cannot read {path:?}: {e}"))
        }),
        None => Ok(Part::bytes(raw.as_bytes().to_vec())),
    }
}

/// One value of `flag` (one item of a repeated flag) as JSON, checked against the flag's
/// kind: integers, numbers and booleans must read as such, an enum's text must be one of its
/// values, JSON flags take JSON (other text is sent as a JSON string). `null` is accepted
/// where the type allows it (its description ends in `or null`).
pub fn flag_value(flag: &FlagInfo, raw: &str) -> Result<Value, Error<()>> {
    let bad = |expected: &str| {
        Error::validation(
            format!("--{}", flag.name),
            format!("cannot read {raw:?} as {expected}"),
        )
    };
    if raw == "null" && flag.ty.ends_with(" or null") {
        return Ok(Value::Null);
    }
    let text = raw.trim();
    match flag.kind {
        FlagKind::String | FlagKind::File => {
            if !flag.values.is_empty() && !flag.values.contains(&raw) {
                return Err(bad(&format!("one of: {}", flag.values.join(", "))));
            }
            Ok(Value::String(raw.to_owned()))
        }
        FlagKind::Integer => match (text.parse::<i64>(), text.parse::<u64>()) {
            (Ok(i), _) => Ok(Value::from(i)),
            (_, Ok(u)) => Ok(Value::from(u)),
            _ => Err(bad("an integer")),
        },
        FlagKind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| bad("a number")),
        FlagKind::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(bad("a boolean (true or false)")),
        },
        FlagKind::Json => {
            Ok(serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(kind: FlagKind, ty: &'static str, values: &'static [&'static str]) -> FlagInfo {
        FlagInfo {
            name: "x",
            wire: "X",
            location: "query",
            required: false,
            repeated: false,
            ty,
            description: "",
            values,
            example: "",
            kind,
            join: "",
            part_content_type: "",
            part_headers: &[],
        }
    }

    #[test]
    fn values_are_checked_against_the_kind() {
        let int = flag(FlagKind::Integer, "integer", &[]);
        assert_eq!(flag_value(&int, "42").unwrap(), Value::from(42));
        let e = flag_value(&int, "4x").unwrap_err().to_string();
        assert!(e.contains("--x") && e.contains("integer"), "{e}");
        let b = flag(FlagKind::Boolean, "boolean", &[]);
        assert_eq!(flag_value(&b, "true").unwrap(), Value::Bool(true));
        assert!(flag_value(&b, "yes").is_err());
        let n = flag(FlagKind::Number, "number", &[]);
        assert_eq!(flag_value(&n, "1.5").unwrap(), serde_json::json!(1.5));
        assert!(flag_value(&n, "NaN").is_err());
        let e = flag(FlagKind::String, "string", &["a", "b"]);
        assert_eq!(flag_value(&e, "b").unwrap(), Value::from("b"));
        let msg = flag_value(&e, "c").unwrap_err().to_string();
        assert!(msg.contains("one of: a, b"), "{msg}");
        let j = flag(FlagKind::Json, "json (Thing)", &[]);
        assert_eq!(
            flag_value(&j, r#"{"a":1}"#).unwrap(),
            serde_json::json!({"a": 1})
        );
        assert_eq!(flag_value(&j, "plain").unwrap(), Value::from("plain"));
        assert!(flag_value(&int, "null").is_err());
        let nullable = flag(FlagKind::Integer, "integer or null", &[]);
        assert_eq!(flag_value(&nullable, "null").unwrap(), Value::Null);
    }
}
