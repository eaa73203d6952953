//! Small free functions the lowering parts share: reading strings and trimmed text out of JSON
//! values, resolving local `$ref` pointers (percent-decoded), and locating a JSON pointer's line
//! and naming a value's kind for diagnostics. Pure functions of their arguments; no `Lowerer`.

use serde_json::{Map, Value};

pub(super) fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The trimmed, non-empty text of `v[key]`.
pub(super) fn text_of(v: &Value, key: &str) -> Option<String> {
    v.as_object().and_then(|o| map_text(o, key))
}

/// [`text_of`] for an object already in hand.
pub(super) fn map_text(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(super) use crate::diag::line_of;

/// "a number", "a string"… for messages about values of the wrong type.
pub(super) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
    }
}

/// Resolves a local `$ref` (`#/components/schemas/X`) in `root`.
pub(super) fn resolve_pointer<'v>(root: &'v Value, r: &str) -> Option<&'v Value> {
    let p = r.strip_prefix('#')?;
    let decoded = crate::vocab::percent_decode(p);
    root.pointer(&decoded)
}
