//! The sentences Bump.sh writes under a field: `Values are a, b, or c.`, length, value, default
//! and pattern constraints; values typed by their schema.

use serde_json::{Value, json};

use crate::frontend::bump::types::has_type;

/// `Values are a, b, or c.` / `Values are a or b.` / `Value is a.`
pub(super) fn enum_values(p: &str) -> Option<Vec<String>> {
    if p.contains('\n') {
        return None;
    }
    if let Some(v) = p
        .strip_prefix("Value is ")
        .and_then(|r| r.strip_suffix('.'))
    {
        return Some(vec![v.to_string()]);
    }
    let r = p.strip_prefix("Values are ")?.strip_suffix('.')?;
    if r.contains(", ") {
        let mut parts: Vec<String> = r.split(", ").map(str::to_string).collect();
        let last = parts.pop()?;
        parts.push(last.strip_prefix("or ")?.to_string());
        return Some(parts);
    }
    let (a, b) = r.split_once(" or ")?;
    Some(vec![a.to_string(), b.to_string()])
}

/// A constraint value as written.
pub(super) enum Raw {
    /// A number.
    Num(Value),
    /// Text (a pattern, or a default typed later by its schema).
    Text(String),
}

/// Length, value, default and pattern sentences; `None` when any sentence is something else.
pub(super) fn constraints(p: &str) -> Option<Vec<(&'static str, Raw)>> {
    const PAIRS: [(&str, &str, &str, &str); 4] = [
        (
            "Minimum length is ",
            "minLength",
            ", maximum length is ",
            "maxLength",
        ),
        ("Maximum length is ", "maxLength", "", ""),
        (
            "Minimum value is ",
            "minimum",
            ", maximum value is ",
            "maximum",
        ),
        ("Maximum value is ", "maximum", "", ""),
    ];
    const PATTERN: &str = "Format should match the following pattern: ";
    const DEFAULT: &str = "Default value is ";
    if p.contains('\n') {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = p;
    'outer: while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(PATTERN) {
            out.push((
                "pattern",
                Raw::Text(r.strip_suffix('.').unwrap_or(r).to_string()),
            ));
            break;
        }
        if let Some(r) = rest.strip_prefix(DEFAULT) {
            let end = r.find(&format!(". {PATTERN}")).map_or(r.len(), |e| e + 1);
            let v = &r[..end];
            out.push((
                "default",
                Raw::Text(v.strip_suffix('.').unwrap_or(v).to_string()),
            ));
            rest = &r[end..];
            continue;
        }
        for (pre, key, pre2, key2) in PAIRS {
            if let Some(r) = rest.strip_prefix(pre) {
                let (n, r) = number(r)?;
                out.push((key, Raw::Num(n)));
                if !pre2.is_empty() {
                    if let Some(r2) = r.strip_prefix(pre2) {
                        let (n2, r2) = number(r2)?;
                        out.push((key2, Raw::Num(n2)));
                        rest = r2.strip_prefix('.')?;
                        continue 'outer;
                    }
                }
                rest = r.strip_prefix('.')?;
                continue 'outer;
            }
        }
        return None;
    }
    (!out.is_empty()).then_some(out)
}

/// A leading JSON number (a sentence's final `.` is not a decimal point).
fn number(s: &str) -> Option<(Value, &str)> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let v: Value = serde_json::from_str(s.get(..i)?).ok()?;
    v.is_number().then(|| (v, &s[i..]))
}

/// An enum or default value typed by its schema.
pub(super) fn typed_value(schema: &Value, v: &str) -> Value {
    if has_type(schema, "integer") || has_type(schema, "number") {
        if let Ok(n) = serde_json::from_str::<Value>(v) {
            if n.is_number() {
                return n;
            }
        }
    }
    if has_type(schema, "boolean") && (v == "true" || v == "false") {
        return json!(v == "true");
    }
    if v == "null" && has_type(schema, "null") {
        return Value::Null;
    }
    // Bump.sh writes a non-string value as JSON (`["US","CA"]`, `{}`, `null`): read it back
    // as such unless the schema says the text is a string.
    if !has_type(schema, "string") && v.starts_with(['[', '{', 'n']) {
        if let Ok(j) = serde_json::from_str::<Value>(v) {
            return j;
        }
    }
    json!(v)
}

/// Object schemas whose fields the page did not list: `required` unknown.
pub(super) fn mark_unknown_objects(schema: &mut Value) {
    if has_type(schema, "object") {
        if let Value::Object(m) = schema {
            m.insert("x-cpaas-required-unknown".into(), json!(true));
        }
    } else if has_type(schema, "array") {
        if let Some(items) = schema.get_mut("items") {
            mark_unknown_objects(items);
        }
    }
}
