//! Type uses in a lock file, as short strings a reviewer reads at a glance: `string`,
//! `secret`, `i32`, `i64`, `f64`, `bool`, `uuid`, `date-time`, `date-time-rfc-2822`, `date`,
//! `uri`, `any`, `array<T>`, `map<T>`, `nullable<T>`, and a named type by its Rust name
//! (`Call`). Contract: [`parse_type`] reads back exactly what [`show_type`] writes.

use crate::diag::Diagnostic;
use crate::ir::{Api, TypeRef};

/// The scalar words and the types they stand for.
const SCALARS: [(&str, TypeRef); 11] = [
    ("string", TypeRef::String),
    ("secret", TypeRef::Secret),
    ("f64", TypeRef::Number),
    ("bool", TypeRef::Boolean),
    ("uuid", TypeRef::Uuid),
    ("date-time", TypeRef::DateTime),
    ("date-time-rfc-2822", TypeRef::DateTimeRfc2822),
    ("date", TypeRef::Date),
    ("uri", TypeRef::Uri),
    ("any", TypeRef::Any),
    ("i64", TypeRef::Integer(64)),
];

/// `t` as a lock file writes it; a named type by its Rust name in `api`.
pub(super) fn show_type(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Integer(bits) => format!("i{bits}"),
        TypeRef::Array(i) => format!("array<{}>", show_type(api, i)),
        TypeRef::Map(i) => format!("map<{}>", show_type(api, i)),
        TypeRef::Nullable(i) => format!("nullable<{}>", show_type(api, i)),
        TypeRef::Named(id) => api
            .types
            .get(*id)
            .map_or_else(|| format!("#{id}"), |d| d.rust_name.clone()),
        scalar => SCALARS
            .iter()
            .find(|(_, s)| s == scalar)
            .map(|(w, _)| (*w).to_string())
            .unwrap_or_default(),
    }
}

/// Reads a type written by [`show_type`]; a named type is the index of its Rust name in
/// `names` (the lock's types, in order).
pub(super) fn parse_type(s: &str, names: &[&str]) -> Result<TypeRef, Diagnostic> {
    for (wrapper, make) in [
        ("array<", TypeRef::Array as fn(Box<TypeRef>) -> TypeRef),
        ("map<", TypeRef::Map),
        ("nullable<", TypeRef::Nullable),
    ] {
        if let Some(inner) = s.strip_prefix(wrapper).and_then(|r| r.strip_suffix('>')) {
            return Ok(make(Box::new(parse_type(inner, names)?)));
        }
    }
    if let Some((_, t)) = SCALARS.iter().find(|(w, _)| *w == s) {
        return Ok(t.clone());
    }
    if let Some(bits) = s.strip_prefix('i').and_then(|b| b.parse::<u8>().ok()) {
        return Ok(TypeRef::Integer(bits));
    }
    names
        .iter()
        .position(|n| *n == s)
        .map(TypeRef::Named)
        .ok_or_else(|| {
            invalid(format!(
                "type `{s}` is neither a scalar nor a type of the lock"
            ))
        })
}

/// A `lock.invalid` error: the lock file could not be read back.
pub(super) fn invalid(what: String) -> Diagnostic {
    Diagnostic::error(
        "lock.invalid",
        format!("cannot read the API lock: {what} (rewrite it with CPAAS_UPDATE_LOCK=1)"),
    )
}
