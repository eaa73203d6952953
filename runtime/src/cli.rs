//! Helpers for the generated command-line dispatch.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parsed `--flag value` pairs of one subcommand, remembering which flags were read so the
/// CLI can reject unknown ones ([`Args::unused`]).
#[derive(Debug, Default)]
pub struct Args {
    pairs: Vec<(String, String, AtomicBool)>,
}

impl From<Vec<(String, String)>> for Args {
    fn from(pairs: Vec<(String, String)>) -> Self {
        Args::new(pairs)
    }
}

impl Args {
    /// From `(flag name without --, in kebab-case; value)` pairs, in command-line order.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Args {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k, v, AtomicBool::new(false)))
                .collect(),
        }
    }

    /// The value of `flag`; when given several times, the last one.
    pub fn get(&self, flag: &str) -> Option<&str> {
        let mut found = None;
        for (k, v, used) in &self.pairs {
            if k == flag {
                used.store(true, Ordering::Relaxed);
                found = Some(v.as_str());
            }
        }
        found
    }

    /// Every value of a repeated `flag`, in order.
    pub fn get_all(&self, flag: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _, _)| k == flag)
            .map(|(_, v, used)| {
                used.store(true, Ordering::Relaxed);
                v.as_str()
            })
            .collect()
    }

    /// The flags never read by [`get`](Self::get) or [`get_all`](Self::get_all), each once,
    /// in command-line order.
    pub fn unused(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (k, _, used) in &self.pairs {
            if !used.load(Ordering::Relaxed) && !out.contains(k) {
                out.push(k.clone());
            }
        }
        out
    }
}

/// Parses a file flag: `@PATH` reads the file (named after the path), any other text is the
/// file's content as it is. An unreadable file is [`Error::Validation`] naming `--flag`.
pub fn parse_file(flag: &str, raw: &str) -> Result<crate::Part, Error<()>> {
    match raw.strip_prefix('@') {
        Some(path) => crate::Part::file(path).map_err(|e| {
            Error::validation(format!("--{flag}"), format!("cannot read {path:?}: {e}"))
        }),
        None => Ok(crate::Part::bytes(raw.as_bytes().to_vec())),
    }
}

/// Parses a flag's text as `T`:
///
/// 1. as JSON (numbers, `true`/`false`, `null`, arrays, objects, quoted strings);
/// 2. else as a JSON string holding the text as is (strings, UUIDs, dates, enum values);
/// 3. else, for list types, as a comma-separated list whose items go through 1 and 2
///    (`--ids 1,2,3`, `--tags a,b`, or a single `--tags a`).
///
/// The error is [`Error::Validation`] whose `field` is `--flag` and whose message names the
/// expected type.
pub fn parse_arg<T: DeserializeOwned>(flag: &str, raw: &str) -> Result<T, Error<()>> {
    let as_json = serde_json::from_str::<serde_json::Value>(raw);
    let json_error = match &as_json {
        Ok(v) => match T::deserialize(v) {
            Ok(t) => return Ok(t),
            Err(e) => Some(e.to_string()),
        },
        Err(_) => None,
    };
    let string_error = match T::deserialize(&serde_json::Value::String(raw.to_owned())) {
        Ok(t) => return Ok(t),
        Err(e) => e.to_string(),
    };
    let items: Vec<serde_json::Value> = raw
        .split(',')
        .map(|item| {
            serde_json::from_str::<serde_json::Value>(item.trim())
                .unwrap_or_else(|_| serde_json::Value::String(item.to_owned()))
        })
        .collect();
    if let Ok(t) = T::deserialize(&serde_json::Value::Array(items)) {
        return Ok(t);
    }
    let type_name = short_type_name(std::any::type_name::<T>());
    // When the text was JSON, the JSON attempt explains best (e.g. `expected u32`).
    let detail = json_error.unwrap_or(string_error);
    Err(Error::validation(
        format!("--{flag}"),
        format!("cannot read {raw:?} as {type_name}: {detail}"),
    ))
}

/// `alloc::vec::Vec<core::option::Option<my::Type>>` -> `Vec<Option<Type>>`.
fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            segment.push(c);
        } else {
            out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
    out
}

pub use crate::dispatch::{
    ApiEntry, AuthInfo, CallFuture, CallResult, FlagInfo, MockResponse, OperationInfo, Output,
    finish,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(
            short_type_name("alloc::vec::Vec<core::option::Option<a::B>>"),
            "Vec<Option<B>>"
        );
        assert_eq!(short_type_name("u32"), "u32");
    }
}
