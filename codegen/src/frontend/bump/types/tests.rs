//! Unit tests of the type-string grammar ([`super::parse`]) and its schemas.

use serde_json::{Value, json};

use super::{balanced_group, parse};

fn schema(t: &str) -> Value {
    parse(t).map(|t| t.to_schema()).unwrap_or(json!("ERR"))
}

#[test]
fn scalar_nullable_and_format() {
    assert_eq!(schema("string"), json!({"type": "string"}));
    assert_eq!(
        schema("string(date-time-rfc-2822) | null"),
        json!({"type": ["string", "null"], "format": "date-time-rfc-2822"})
    );
    assert_eq!(schema("boolean|null"), json!({"type": ["boolean", "null"]}));
    assert_eq!(schema("null"), json!({"type": "null"}));
}

#[test]
fn nested_arrays_and_parenthesised_formats() {
    assert_eq!(
        schema("array[array[string(uri)] | null]"),
        json!({"type": "array", "items": {"type": ["array", "null"], "items": {"type": "string", "format": "uri"}}})
    );
    // A format that itself holds balanced parentheses.
    assert_eq!(
        schema("string(a(b)c)"),
        json!({"type": "string", "format": "a(b)c"})
    );
    assert_eq!(schema("array[()]"), json!({"type": "array"}));
}

#[test]
fn untyped_forms() {
    assert_eq!(schema(""), json!({}));
    assert_eq!(schema("()"), json!({}));
    assert_eq!(schema("() | null"), json!({}));
    assert_eq!(schema("any"), json!({}));
}

#[test]
fn unions() {
    assert_eq!(
        schema("string | integer | null"),
        json!({"type": ["string", "integer", "null"]})
    );
    assert_eq!(
        schema("string(uri) | integer"),
        json!({"anyOf": [{"type": "string", "format": "uri"}, {"type": "integer"}]})
    );
}

#[test]
fn prose_and_broken_types_are_errors() {
    for bad in [
        "Note that this",
        "string(",
        "array[string",
        "string | ",
        "string)",
        "strin",
        "string(date time)",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} parsed");
    }
    let e = parse("array[string").unwrap_err();
    assert_eq!(e.offset, 12);
    assert!(e.expected.contains(']'));
}

#[test]
fn deep_nesting_is_rejected_not_recursed() {
    let deep = "array[".repeat(80) + "string" + &"]".repeat(80);
    assert!(parse(&deep).is_err());
    let huge = "array[".repeat(10_000);
    assert!(parse(&huge).is_err());
}

#[test]
fn balanced_groups() {
    let t = "x (string(date-time) | null) y";
    assert_eq!(balanced_group(t, 2), Some(27));
    assert_eq!(balanced_group("(a(b)", 0), None);
    assert_eq!(balanced_group("abc", 1), None);
}
