//! Conformance: whether a JSON value deserialises into the Rust type generated for an IR type
//! (required members present, formats parseable, any string for an enum with its `Unknown`
//! fallback). Contract: [`conforms`] says where and why a value does not fit; it never panics
//! and stops descending past a fixed depth. Also the compact JSON text the mock module shows.

use serde_json::{Map, Value};

use crate::ir::*;

pub(super) fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Whether `v` deserialises into the Rust type generated for `t`: `Err` says where and why not.
pub fn conforms(api: &Api, t: &TypeRef, v: &Value) -> Result<(), String> {
    check(api, t, v, "$", 0)
}

fn check(api: &Api, t: &TypeRef, v: &Value, at: &str, depth: usize) -> Result<(), String> {
    if depth > 64 {
        return Ok(());
    }
    let fail = |what: &str| Err(format!("{at}: expected {what}, got {}", short(v)));
    match t {
        TypeRef::Any => Ok(()),
        TypeRef::Nullable(inner) => {
            if v.is_null() {
                Ok(())
            } else {
                check(api, inner, v, at, depth + 1)
            }
        }
        TypeRef::String | TypeRef::Secret => match v {
            Value::String(_) => Ok(()),
            _ => fail("a string"),
        },
        TypeRef::Integer(bits) => {
            let ok = match (v.as_i64(), *bits) {
                (Some(n), 32) => i32::try_from(n).is_ok(),
                (Some(_), _) => true,
                (None, _) => false,
            };
            if ok {
                Ok(())
            } else {
                fail(&format!("an integer of {bits} bits"))
            }
        }
        TypeRef::Number => match v {
            Value::Number(_) => Ok(()),
            _ => fail("a number"),
        },
        TypeRef::Boolean => match v {
            Value::Bool(_) => Ok(()),
            _ => fail("a boolean"),
        },
        TypeRef::Uuid => formatted(v, is_uuid, "a UUID", at),
        TypeRef::DateTime => formatted(v, is_rfc3339, "an RFC 3339 date-time", at),
        TypeRef::DateTimeRfc2822 => formatted(v, is_rfc2822, "an RFC 2822 date-time", at),
        TypeRef::Date => formatted(v, is_date, "a date (YYYY-MM-DD)", at),
        TypeRef::Uri => formatted(v, is_uri, "an absolute URL", at),
        TypeRef::Array(item) => match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, x)| check(api, item, x, &format!("{at}[{i}]"), depth + 1)),
            _ => fail("an array"),
        },
        TypeRef::Map(item) => match v {
            Value::Object(m) => m
                .iter()
                .try_for_each(|(k, x)| check(api, item, x, &format!("{at}.{k}"), depth + 1)),
            _ => fail("an object"),
        },
        TypeRef::Named(id) => {
            let Some(def) = api.types.get(*id) else {
                return Ok(());
            };
            match &def.kind {
                TypeKind::Struct { fields, .. } => {
                    let Value::Object(m) = v else {
                        return fail(&format!("an object ({})", def.rust_name));
                    };
                    check_members(api, fields, m, at, depth)
                }
                TypeKind::Tagged { tag, variants } => {
                    let Value::Object(m) = v else {
                        return fail(&format!("an object ({})", def.rust_name));
                    };
                    let Some(Value::String(value)) = m.get(tag) else {
                        return Err(format!("{at}.{tag}: the tag of {}, missing", def.rust_name));
                    };
                    match variants.iter().find(|x| &x.value == value) {
                        Some(var) => check_members(api, &var.fields, m, at, depth),
                        // Unknown tags land in the `Unknown` variant.
                        None => Ok(()),
                    }
                }
                // Unknown values land in the `Unknown(String)` variant.
                TypeKind::Enum { .. } => match v {
                    Value::String(_) => Ok(()),
                    _ => fail("a string"),
                },
                TypeKind::Union { variants } => {
                    let mut errors = Vec::new();
                    for var in variants {
                        match check(api, &var.ty, v, at, depth + 1) {
                            Ok(()) => return Ok(()),
                            Err(e) => errors.push(e),
                        }
                    }
                    Err(format!(
                        "{at}: no variant of {} fits ({})",
                        def.rust_name,
                        errors.join("; ")
                    ))
                }
                TypeKind::Alias(t) => check(api, t, v, at, depth + 1),
            }
        }
    }
}

/// Checks an object's members against `fields`.
fn check_members(
    api: &Api,
    fields: &[Field],
    m: &Map<String, Value>,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    for f in fields {
        let (_, nullable) = f.ty.strip_nullable();
        let here = format!("{at}.{}", f.name);
        match m.get(&f.name) {
            None if f.required.is_required() && !nullable => {
                return Err(format!("{here}: required, missing"));
            }
            None => {}
            // Optional members are `Option<T>`: `null` reads as `None`.
            Some(Value::Null) if !f.required.is_required() || nullable => {}
            Some(x) => check(api, &f.ty, x, &here, depth + 1)?,
        }
    }
    Ok(())
}

fn short(v: &Value) -> String {
    let s = compact(v);
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn formatted(v: &Value, ok: fn(&str) -> bool, what: &str, at: &str) -> Result<(), String> {
    match v {
        Value::String(s) if ok(s) => Ok(()),
        _ => Err(format!("{at}: expected {what}, got {}", short(v))),
    }
}

fn all_hex(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_hexdigit())
}

pub(super) fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [a] => a.len() == 32 && all_hex(a),
        [a, b, c, d, e] => {
            [a.len(), b.len(), c.len(), d.len(), e.len()] == [8, 4, 4, 4, 12]
                && parts.iter().all(|p| all_hex(p))
        }
        _ => false,
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn is_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    matches!(p.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2)
        && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u8>().unwrap_or(0)))
}

fn is_time(s: &str) -> bool {
    let (hms, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let p: Vec<&str> = hms.split(':').collect();
    matches!(p.as_slice(), [h, m, sec] if digits(h, 2) && digits(m, 2) && digits(sec, 2))
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn is_rfc3339(s: &str) -> bool {
    let Some((date, rest)) = s.split_once(['T', 't', ' ']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    if let Some(time) = rest.strip_suffix(['Z', 'z']) {
        return is_time(time);
    }
    let Some(pos) = rest.rfind(['+', '-']) else {
        return false;
    };
    let (time, off) = rest.split_at(pos);
    let off = &off[1..];
    is_time(time) && matches!(off.split_once(':'), Some((h, m)) if digits(h, 2) && digits(m, 2))
}

pub(super) fn is_rfc2822(s: &str) -> bool {
    let s = s.trim();
    let s = match s.split_once(", ") {
        Some((day, rest)) if day.len() == 3 => rest,
        _ => s,
    };
    let p: Vec<&str> = s.split_whitespace().collect();
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let zone_ok = |z: &str| {
        matches!(
            z,
            "GMT" | "UT" | "UTC" | "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT"
        ) || (z.len() == 5
            && z.starts_with(['+', '-'])
            && z[1..].chars().all(|c| c.is_ascii_digit()))
    };
    matches!(p.as_slice(), [d, m, y, t, z]
        if (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit())
        && MONTHS.contains(m) && y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())
        && t.split(':').count() >= 2 && t.split(':').all(|x| digits(x, 2))
        && zone_ok(z))
}

pub(super) fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let special = matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "ws" | "wss" | "ftp"
    );
    let host_ok = if special {
        let host = rest.trim_start_matches('/');
        !host.is_empty() && !host.starts_with(['?', '#', ':'])
    } else {
        !rest.is_empty()
    };
    scheme_ok && host_ok && !s.contains(char::is_whitespace)
}
