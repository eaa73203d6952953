//! Value synthesis: a JSON value of an IR type that satisfies its constraints, and a
//! command-line flag's example text built from one. Contract: deterministic (the same IR gives
//! the same bytes) and bounded: optional members are filled only near the root, a type met
//! again inside itself gets only its required members, and a budget caps the number of values
//! per document.

use serde_json::{Map, Number, Value};

use super::conformance::compact;
use super::patterns::{MAX_REPEAT, pattern_string};
use crate::ir::*;

/// Below this depth optional members are filled in; deeper only what is required.
const OPTIONAL_DEPTH: usize = 3;
/// Past this depth synthesis stops with `null` (only reached by types that require themselves).
pub(super) const MAX_DEPTH: usize = 24;
/// At most this many values per synthesised document; past it, only what is required.
const BUDGET: usize = 400;

/// A synthesised value and what could not be honoured while making it.
#[derive(Debug, Clone, PartialEq)]
pub struct Synthesized {
    /// The value.
    pub value: Value,
    /// Why the value may not satisfy every constraint (a pattern too complex, …); empty when
    /// it does.
    pub notes: Vec<String>,
}

/// An example value of a command-line argument, as the flag's text: strings as they are,
/// anything else as compact JSON. For an array, one item (array flags repeat).
pub fn flag_example(api: &Api, ty: &TypeRef, c: &Constraints, wire: &str) -> String {
    let (inner, _) = ty.strip_nullable();
    let (ty, c) = match inner {
        TypeRef::Array(item) => (item.as_ref(), Constraints::default()),
        t => (t, c.clone()),
    };
    match synthesize(api, ty, &c, wire).value {
        Value::String(s) => s,
        v => compact(&v),
    }
}

/// A value of type `t` that satisfies `c`; `name` (a wire name, may be empty) picks friendlier
/// strings (`…url` gives a URL, `…email` an address).
pub fn synthesize(api: &Api, t: &TypeRef, c: &Constraints, name: &str) -> Synthesized {
    let mut s = Synth {
        api,
        notes: Vec::new(),
        stack: Vec::new(),
        budget: BUDGET,
    };
    let value = s.value(t, c, name, 0, true);
    Synthesized {
        value,
        notes: s.notes,
    }
}

struct Synth<'a> {
    api: &'a Api,
    notes: Vec<String>,
    /// Named types being synthesised (to spot a type inside itself).
    stack: Vec<TypeId>,
    budget: usize,
}

impl Synth<'_> {
    fn note(&mut self, n: String) {
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    /// `rich`: optional members and non-empty lists are welcome here.
    fn value(
        &mut self,
        t: &TypeRef,
        c: &Constraints,
        name: &str,
        depth: usize,
        rich: bool,
    ) -> Value {
        if depth > MAX_DEPTH {
            self.note("a type requires itself too deeply; cut with null".into());
            return Value::Null;
        }
        self.budget = self.budget.saturating_sub(1);
        let rich = rich && depth < OPTIONAL_DEPTH && self.budget > 0;
        match t {
            TypeRef::String | TypeRef::Secret => Value::String(self.string(c, name)),
            TypeRef::Integer(bits) => Value::Number(Number::from(integer(c, *bits))),
            TypeRef::Number => Number::from_f64(number(c))
                .map(Value::Number)
                .unwrap_or(Value::Null),
            TypeRef::Boolean => Value::Bool(true),
            TypeRef::Uuid => Value::String("3fa85f64-5717-4562-b3fc-2c963f66afa6".into()),
            TypeRef::DateTime => Value::String("2024-01-15T09:30:00Z".into()),
            TypeRef::DateTimeRfc2822 => Value::String("Mon, 15 Jan 2024 09:30:00 +0000".into()),
            TypeRef::Date => Value::String("2024-01-15".into()),
            TypeRef::Uri => Value::String("https://example.com/resource".into()),
            TypeRef::Any => Value::Object(Map::new()),
            TypeRef::Nullable(inner) => {
                if rich {
                    self.value(inner, c, name, depth, rich)
                } else {
                    Value::Null
                }
            }
            TypeRef::Array(item) => {
                let min = c.min_items.unwrap_or(0);
                let max = c.max_items.unwrap_or(u64::MAX);
                let want = if rich { min.max(1) } else { min };
                let n = want.min(max).min(MAX_REPEAT);
                let items: Vec<Value> = (0..n)
                    .map(|_| self.value(item, &Constraints::default(), name, depth + 1, rich))
                    .collect();
                Value::Array(items)
            }
            TypeRef::Map(v) => {
                let mut m = Map::new();
                if rich {
                    m.insert(
                        "key".into(),
                        self.value(v, &Constraints::default(), "", depth + 1, rich),
                    );
                }
                Value::Object(m)
            }
            TypeRef::Named(id) => self.named(*id, c, name, depth, rich),
        }
    }

    /// An object's members: required ones always, optional ones when `rich`.
    fn members(&mut self, fields: &[Field], depth: usize, rich: bool) -> Map<String, Value> {
        let mut m = Map::new();
        for f in fields {
            let (_, nullable) = f.ty.strip_nullable();
            let required = f.required.is_required();
            if !required && !rich {
                continue;
            }
            let v = if required && nullable && !rich {
                Value::Null
            } else {
                self.value(&f.ty, &f.constraints, &f.name, depth + 1, rich)
            };
            m.insert(f.name.clone(), v);
        }
        m
    }

    fn named(
        &mut self,
        id: TypeId,
        c: &Constraints,
        name: &str,
        depth: usize,
        rich: bool,
    ) -> Value {
        let Some(def) = self.api.types.get(id) else {
            return Value::Null;
        };
        let recursive = self.stack.contains(&id);
        let rich = rich && !recursive;
        self.stack.push(id);
        let v = match &def.kind {
            TypeKind::Struct { fields, .. } => Value::Object(self.members(fields, depth, rich)),
            TypeKind::Tagged { tag, variants } => match variants.first() {
                Some(v) => {
                    let mut m = Map::new();
                    m.insert(tag.clone(), Value::String(v.value.clone()));
                    m.extend(self.members(&v.fields, depth, rich));
                    Value::Object(m)
                }
                None => Value::Null,
            },
            TypeKind::Enum { values } => match values.first() {
                Some(v) => Value::String(v.value.clone()),
                None => Value::String("unknown".into()),
            },
            TypeKind::Union { variants } => {
                // The first variant that does not lead back into this union.
                let pick = variants
                    .iter()
                    .find(|v| !mentions(self.api, &v.ty, id, &mut Vec::new()))
                    .or_else(|| variants.first());
                match pick {
                    Some(v) => self.value(&v.ty, c, name, depth + 1, rich),
                    None => Value::Null,
                }
            }
            TypeKind::Alias(t) => self.value(t, c, name, depth, rich),
        };
        self.stack.pop();
        v
    }

    fn string(&mut self, c: &Constraints, name: &str) -> String {
        let min = c.min_length.unwrap_or(0);
        let max = c.max_length.unwrap_or(u64::MAX);
        if let Some(p) = &c.pattern {
            match pattern_string(p, min, max) {
                Ok(s) => return s,
                Err(e) => self.note(format!("pattern `{p}`: {e}")),
            }
        }
        let lower = name.to_ascii_lowercase();
        let mut s = if lower.ends_with("email") {
            "user@example.com".to_string()
        } else if lower.ends_with("url") || lower.ends_with("uri") {
            "https://example.com/callback".to_string()
        } else {
            "example".to_string()
        };
        let n = s.chars().count() as u64;
        if n < min {
            s.extend(std::iter::repeat_n(
                'x',
                (min - n).min(MAX_REPEAT * 16) as usize,
            ));
        }
        if (s.chars().count() as u64) > max {
            s = s.chars().take(max as usize).collect();
        }
        s
    }
}

/// True when `t` reaches the named type `id`.
fn mentions(api: &Api, t: &TypeRef, id: TypeId, seen: &mut Vec<TypeId>) -> bool {
    match t {
        TypeRef::Named(n) => {
            if *n == id {
                return true;
            }
            if seen.contains(n) {
                return false;
            }
            seen.push(*n);
            match api.types.get(*n).map(|d| &d.kind) {
                Some(TypeKind::Struct { fields, .. }) => fields
                    .iter()
                    .filter(|f| f.required.is_required())
                    .any(|f| mentions(api, &f.ty, id, seen)),
                Some(TypeKind::Union { variants }) => {
                    variants.iter().all(|v| mentions(api, &v.ty, id, seen))
                }
                Some(TypeKind::Alias(t)) => mentions(api, t, id, seen),
                _ => false,
            }
        }
        TypeRef::Array(_) | TypeRef::Map(_) => false,
        TypeRef::Nullable(t) => mentions(api, t, id, seen),
        _ => false,
    }
}

fn integer(c: &Constraints, bits: u8) -> i64 {
    let (tmin, tmax) = if bits == 32 {
        (i64::from(i32::MIN), i64::from(i32::MAX))
    } else {
        (i64::MIN, i64::MAX)
    };
    let lo = c
        .minimum
        .map(|(m, ex)| {
            let f = m.ceil();
            if ex && f == m { f + 1.0 } else { f }
        })
        .map(|f| f.clamp(tmin as f64, tmax as f64) as i64)
        .unwrap_or(tmin);
    let hi = c
        .maximum
        .map(|(m, ex)| {
            let f = m.floor();
            if ex && f == m { f - 1.0 } else { f }
        })
        .map(|f| f.clamp(tmin as f64, tmax as f64) as i64)
        .unwrap_or(tmax);
    if lo > hi {
        return lo;
    }
    1.clamp(lo, hi)
}

fn number(c: &Constraints) -> f64 {
    let ok = |x: f64| {
        c.minimum
            .is_none_or(|(m, ex)| if ex { x > m } else { x >= m })
            && c.maximum
                .is_none_or(|(m, ex)| if ex { x < m } else { x <= m })
    };
    let candidates = [
        1.5,
        c.minimum.map_or(f64::NAN, |(m, _)| m),
        c.minimum.map_or(f64::NAN, |(m, _)| m + 1.0),
        c.maximum.map_or(f64::NAN, |(m, _)| m),
        c.maximum.map_or(f64::NAN, |(m, _)| m - 1.0),
        match (c.minimum, c.maximum) {
            (Some((a, _)), Some((b, _))) => (a + b) / 2.0,
            _ => f64::NAN,
        },
    ];
    candidates
        .into_iter()
        .find(|x| x.is_finite() && ok(*x))
        .unwrap_or(1.5)
}
