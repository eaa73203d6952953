//! Client-side checks of JSON Schema constraints, run before a request is sent.
//!
//! Each function returns [`Error::Validation`] naming the field and the constraint.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::error::Error;

/// `value` must have at least `n` characters (Unicode scalar values, as JSON Schema counts).
pub fn min_length<E>(field: &str, value: &str, n: u64) -> Result<(), Error<E>> {
    let len = value.chars().count() as u64;
    if len < n {
        return Err(Error::validation(
            field,
            format!("must be at least {n} characters long (is {len})"),
        ));
    }
    Ok(())
}

/// `value` must have at most `n` characters.
pub fn max_length<E>(field: &str, value: &str, n: u64) -> Result<(), Error<E>> {
    let len = value.chars().count() as u64;
    if len > n {
        return Err(Error::validation(
            field,
            format!("must be at most {n} characters long (is {len})"),
        ));
    }
    Ok(())
}

type Cache = Mutex<HashMap<&'static str, Option<regex::Regex>>>;

fn compiled(pattern: &'static str) -> Option<regex::Regex> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry(pattern)
        .or_insert_with(|| match regex::Regex::new(pattern) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::debug!(pattern, error = %e, "pattern not supported by the regex crate; not checked");
                None
            }
        })
        .clone()
}

/// `value` must match the (unanchored, as in JSON Schema) regular expression `pattern`.
/// Each pattern is compiled once. A pattern the `regex` crate cannot compile (look-around,
/// back-references) is not checked (logged at debug level).
pub fn pattern<E>(field: &str, value: &str, pattern: &'static str) -> Result<(), Error<E>> {
    match compiled(pattern) {
        Some(re) if !re.is_match(value) => Err(Error::validation(
            field,
            format!("must match the pattern {pattern}"),
        )),
        _ => Ok(()),
    }
}

/// `value` must be `>= min` (`> min` when `exclusive`). NaN fails.
pub fn minimum<E>(field: &str, value: f64, min: f64, exclusive: bool) -> Result<(), Error<E>> {
    let ok = if exclusive { value > min } else { value >= min };
    if !ok {
        let op = if exclusive { ">" } else { ">=" };
        return Err(Error::validation(
            field,
            format!("must be {op} {min} (is {value})"),
        ));
    }
    Ok(())
}

/// `value` must be `<= max` (`< max` when `exclusive`). NaN fails.
pub fn maximum<E>(field: &str, value: f64, max: f64, exclusive: bool) -> Result<(), Error<E>> {
    let ok = if exclusive { value < max } else { value <= max };
    if !ok {
        let op = if exclusive { "<" } else { "<=" };
        return Err(Error::validation(
            field,
            format!("must be {op} {max} (is {value})"),
        ));
    }
    Ok(())
}

/// A list must have at least `n` items.
pub fn min_items<E>(field: &str, len: usize, n: u64) -> Result<(), Error<E>> {
    if (len as u64) < n {
        return Err(Error::validation(
            field,
            format!("must have at least {n} items (has {len})"),
        ));
    }
    Ok(())
}

/// A list must have at most `n` items.
pub fn max_items<E>(field: &str, len: usize, n: u64) -> Result<(), Error<E>> {
    if (len as u64) > n {
        return Err(Error::validation(
            field,
            format!("must have at most {n} items (has {len})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(r: Result<(), Error<()>>) -> Option<String> {
        match r {
            Err(Error::Validation { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn lengths_count_chars() {
        assert!(min_length::<()>("f", "éé", 2).is_ok());
        assert_eq!(field_of(min_length("f", "é", 2)).as_deref(), Some("f"));
        assert!(max_length::<()>("f", "ééé", 3).is_ok());
        assert!(max_length::<()>("f", "éééé", 3).is_err());
    }

    #[test]
    fn patterns() {
        assert!(pattern::<()>("sid", "AC0123", "^AC[0-9]+$").is_ok());
        assert_eq!(
            field_of(pattern("sid", "XX", "^AC[0-9]+$")).as_deref(),
            Some("sid")
        );
        assert!(pattern::<()>("sid", "xxACyy", "AC").is_ok(), "unanchored");
        // look-ahead is not supported: skipped rather than failing every call
        assert!(pattern::<()>("p", "anything", "^(?=a)").is_ok());
    }

    #[test]
    fn bounds() {
        assert!(minimum::<()>("n", 1.0, 1.0, false).is_ok());
        assert!(minimum::<()>("n", 1.0, 1.0, true).is_err());
        assert!(maximum::<()>("n", 5.0, 5.0, false).is_ok());
        assert!(maximum::<()>("n", 5.0, 5.0, true).is_err());
        assert!(minimum::<()>("n", f64::NAN, 0.0, false).is_err());
        assert!(min_items::<()>("l", 1, 1).is_ok() && min_items::<()>("l", 0, 1).is_err());
        assert!(max_items::<()>("l", 2, 2).is_ok() && max_items::<()>("l", 3, 2).is_err());
    }
}
