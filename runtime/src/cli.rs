//! The command line of generated clients: the operation tables generated code fills in
//! ([`OperationInfo`], [`FlagInfo`]), the one non-generic [`call`] that builds a request from a
//! table row and flags and sends it, and (feature `cli`) the whole `call` command a generated
//! crate's binary and `cpaas call` run ([`main`], [`run_call`]).

use serde::de::DeserializeOwned;

use crate::error::Error;

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

mod args;
mod call;
#[cfg(feature = "cli")]
mod run;
#[cfg(feature = "cli")]
mod show;
mod suggest;
mod value;
#[cfg(feature = "cli")]
mod walk;

pub use self::args::Args;
pub use self::call::call;
#[cfg(feature = "cli")]
pub use self::run::{
    CredentialsFn, Program, env_credentials, init_verbose_tracing, main, run_call,
};
#[cfg(feature = "cli")]
pub use self::show::{Failure, Style, describe_error, pretty};
pub use self::suggest::closest;
pub use self::value::{flag_value, parse_file};
pub use crate::dispatch::{
    ApiEntry, AuthInfo, BodyInfo, BodyKind, CallFuture, CallResult, FlagInfo, FlagKind,
    MockResponse, OperationInfo, Output, ResponseInfo, finish,
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
