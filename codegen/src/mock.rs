//! Mock data computed from the IR at generation time: for every operation, the response a mock
//! provider answers (the spec's example when it fits the generated type, else a value synthesised
//! from the type), its documented error responses, and an example value for every argument.
//!
//! Synthesis is deterministic (the same IR gives the same bytes) and bounded: optional members are
//! filled only near the root, a type met again inside itself gets only its required members, and
//! a budget caps the number of values per document.
//!
//! [`conforms`] checks a JSON value against an IR type the way the generated serde types read it
//! (required members present, formats parseable, any string for an enum with its `Unknown`
//! fallback); an example that does not conform is replaced by a synthesised value.

use serde_json::{Map, Number, Value};

use crate::ir::*;

/// Below this depth optional members are filled in; deeper only what is required.
const OPTIONAL_DEPTH: usize = 3;
/// Past this depth synthesis stops with `null` (only reached by types that require themselves).
const MAX_DEPTH: usize = 24;
/// At most this many values per synthesised document; past it, only what is required.
const BUDGET: usize = 400;
/// Longest string a pattern may ask for.
const MAX_REPEAT: u64 = 256;

/// A synthesised value and what could not be honoured while making it.
#[derive(Debug, Clone, PartialEq)]
pub struct Synthesized {
    /// The value.
    pub value: Value,
    /// Why the value may not satisfy every constraint (a pattern too complex, …); empty when
    /// it does.
    pub notes: Vec<String>,
}

/// One response of a mock provider.
#[derive(Debug, Clone, PartialEq)]
pub struct MockBody {
    /// The status answered (`4XX` answers 400, `default` 500 unless a request asks for another).
    pub status: u16,
    /// `"404"`, `"4XX"` or `"default"`: which statuses this response covers.
    pub covers: String,
    /// The media type; empty when there is no body.
    pub content_type: String,
    /// The body text.
    pub body: String,
    /// Where the body came from: `example`, `synthesised`, or `synthesised (…why…)`.
    pub source: String,
}

/// What a mock provider answers for one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationMock {
    /// The success response.
    pub success: MockBody,
    /// One response per documented error status, in the operation's order.
    pub errors: Vec<MockBody>,
}

/// The mock responses of `op`.
pub fn operation_mock(api: &Api, op: &Operation) -> OperationMock {
    let success = match op.responses.iter().find(|r| r.is_success()) {
        Some(r) => response_body(api, r),
        None => MockBody {
            status: 200,
            covers: "200".into(),
            content_type: String::new(),
            body: String::new(),
            source: "no success response is documented".into(),
        },
    };
    let errors = op
        .responses
        .iter()
        .filter(|r| !r.is_success())
        .map(|r| response_body(api, r))
        .collect();
    OperationMock { success, errors }
}

/// The mock answer for one documented response.
pub fn response_body(api: &Api, r: &Response) -> MockBody {
    let (status, covers) = match r.status {
        StatusSpec::Code(c) => (c, c.to_string()),
        StatusSpec::Range(c) => (c * 100, format!("{c}XX")),
        StatusSpec::Default => (500, "default".to_string()),
    };
    let content_type = r.content_type.clone().unwrap_or_default();
    let (body, source) = match &r.body {
        ResponseBody::Empty => (String::new(), "no body".to_string()),
        ResponseBody::Json(t) => {
            let (v, source) = example_or_synth(api, t, r.example.as_ref());
            (compact(&v), source)
        }
        ResponseBody::Untyped => match &r.example {
            Some(v) => (compact(v), "example".into()),
            None => ("{}".into(), "synthesised (no schema)".into()),
        },
        ResponseBody::Text | ResponseBody::Bytes => match &r.example {
            Some(Value::String(s)) => (s.clone(), "example".into()),
            Some(v) => (compact(v), "example".into()),
            None => ("example".into(), "synthesised".into()),
        },
    };
    MockBody {
        status,
        covers,
        content_type: if body.is_empty() {
            String::new()
        } else {
            content_type
        },
        body,
        source,
    }
}

fn example_or_synth(api: &Api, t: &TypeRef, example: Option<&Value>) -> (Value, String) {
    let mismatch = match example {
        Some(v) => match conforms(api, t, v) {
            Ok(()) => return (v.clone(), "example".into()),
            Err(e) => Some(e),
        },
        None => None,
    };
    let s = synthesize(api, t, &Constraints::default(), "");
    let mut why: Vec<String> = Vec::new();
    if let Some(e) = mismatch {
        why.push(format!("the spec's example does not fit the type: {e}"));
    }
    why.extend(s.notes);
    let source = if why.is_empty() {
        "synthesised".to_string()
    } else {
        format!("synthesised ({})", why.join("; "))
    };
    (s.value, source)
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
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
            TypeRef::String => Value::String(self.string(c, name)),
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

// ---------------------------------------------------------------------------------------------
// Strings for patterns

/// A string the ECMA-262 regular expression `pattern` matches, of length within
/// `min..=max` when it can be. Understood: literals and escapes, `.`, classes (`[a-f0-9]`,
/// `[^…]`, `\d \w \s` and their negations), groups with alternatives (the first is taken),
/// `* + ? {n} {n,} {n,m}` (lazy or not), anchors. Anything else (look-around, back-references,
/// `\p{…}`, word boundaries) is an error naming it.
pub fn pattern_string(pattern: &str, min: u64, max: u64) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser { s: &chars, i: 0 };
    let alt = p.alternatives(0)?;
    if p.i < chars.len() {
        return Err(format!("unbalanced `)` at offset {}", p.i));
    }
    let seq = alt.into_iter().next().unwrap_or_default();
    let mut counts: Vec<u64> = seq.iter().map(|n| n.min).collect();
    let len = |counts: &[u64]| -> u64 {
        seq.iter()
            .zip(counts)
            .map(|(n, c)| n.atom.min_len().saturating_mul(*c))
            .fold(0u64, u64::saturating_add)
    };
    // Grow the first open repetitions until the string is long enough.
    let mut cur = len(&counts);
    for (k, n) in seq.iter().enumerate() {
        if cur >= min {
            break;
        }
        let unit = n.atom.min_len();
        if unit == 0 {
            continue;
        }
        let room = n.max.saturating_sub(counts[k]);
        let need = (min - cur).div_ceil(unit);
        let add = need.min(room).min(MAX_REPEAT);
        counts[k] += add;
        cur = len(&counts);
    }
    let mut out = String::new();
    for (n, c) in seq.iter().zip(&counts) {
        for _ in 0..*c {
            n.atom.write(&mut out);
        }
    }
    let n = out.chars().count() as u64;
    if n < min || n > max {
        return Err(format!(
            "cannot also honour length {min}..={}",
            if max == u64::MAX {
                "∞".to_string()
            } else {
                max.to_string()
            }
        ));
    }
    Ok(out)
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    /// Ranges; negated classes are resolved to one character when parsed.
    Class(Vec<(char, char)>),
    Group(Vec<Vec<Node>>),
    Empty,
}

#[derive(Debug, Clone)]
struct Node {
    atom: Atom,
    min: u64,
    max: u64,
}

impl Atom {
    fn min_len(&self) -> u64 {
        match self {
            Atom::Char(_) | Atom::Class(_) => 1,
            Atom::Group(alts) => alts
                .first()
                .map(|seq| {
                    seq.iter()
                        .map(|n| n.atom.min_len().saturating_mul(n.min))
                        .fold(0u64, u64::saturating_add)
                })
                .unwrap_or(0),
            Atom::Empty => 0,
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            Atom::Char(c) => out.push(*c),
            Atom::Class(ranges) => out.push(pick(ranges)),
            Atom::Group(alts) => {
                if let Some(seq) = alts.first() {
                    for n in seq {
                        for _ in 0..n.min {
                            n.atom.write(out);
                        }
                    }
                }
            }
            Atom::Empty => {}
        }
    }
}

/// A readable member of a class: a lowercase letter, a digit or an uppercase letter when the
/// class has one, else its first character.
fn pick(ranges: &[(char, char)]) -> char {
    for want in ['a', '0', 'A', '_', '-'] {
        if ranges.iter().any(|(lo, hi)| *lo <= want && want <= *hi) {
            return want;
        }
    }
    for (lo, hi) in ranges {
        for probe in [('a', 'z'), ('0', '9'), ('A', 'Z')] {
            let c = (*lo).max(probe.0);
            if c <= (*hi).min(probe.1) {
                return c;
            }
        }
    }
    ranges.first().map(|r| r.0).unwrap_or('a')
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')];
const SPACE: &[(char, char)] = &[(' ', ' '), ('\t', '\r')];

/// One character outside `ranges` (for negated classes).
fn outside(ranges: &[(char, char)]) -> Option<char> {
    let inside = |c: char| ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi);
    "a0A_-x.Z9 ~".chars().chain('!'..='~').find(|c| !inside(*c))
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, String> {
        if depth > 32 {
            return Err("groups nested too deeply".into());
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.peek() == Some('|') {
            self.i += 1;
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, String> {
        let mut seq = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.i += 1;
            let atom = match c {
                '^' | '$' => Atom::Empty,
                '.' => Atom::Char('a'),
                '[' => self.class()?,
                '(' => {
                    if self.peek() == Some('?') {
                        if self.s.get(self.i + 1) == Some(&':') {
                            self.i += 2;
                        } else {
                            return Err("look-around or named groups are not supported".into());
                        }
                    }
                    let alts = self.alternatives(depth + 1)?;
                    if self.peek() != Some(')') {
                        return Err("a `(` without its `)`".into());
                    }
                    self.i += 1;
                    Atom::Group(alts)
                }
                '\\' => self.escape(false)?,
                '*' | '+' | '?' | '{' if seq.is_empty() => {
                    return Err(format!("`{c}` with nothing to repeat"));
                }
                c => Atom::Char(c),
            };
            let (min, max) = self.quantifier()?;
            seq.push(Node { atom, min, max });
        }
        Ok(seq)
    }

    fn quantifier(&mut self) -> Result<(u64, u64), String> {
        let q = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, u64::MAX)
            }
            Some('+') => {
                self.i += 1;
                (1, u64::MAX)
            }
            Some('?') => {
                self.i += 1;
                (0, 1)
            }
            Some('{') => {
                let start = self.i;
                let close = self.s[self.i..]
                    .iter()
                    .position(|&c| c == '}')
                    .map(|p| p + self.i);
                let Some(close) = close else {
                    // A lone `{` is a literal in ECMA-262's web compatibility grammar.
                    return Ok((1, 1));
                };
                let body: String = self.s[start + 1..close].iter().collect();
                let parse = |t: &str| t.trim().parse::<u64>().ok();
                let q = match body.split_once(',') {
                    None => parse(&body).map(|n| (n, n)),
                    Some((a, "")) => parse(a).map(|n| (n, u64::MAX)),
                    Some((a, b)) => parse(a).zip(parse(b)),
                };
                let Some(q) = q else {
                    return Ok((1, 1));
                };
                if q.0 > MAX_REPEAT {
                    return Err(format!("repetition {{{body}}} is too long for an example"));
                }
                self.i = close + 1;
                q
            }
            _ => return Ok((1, 1)),
        };
        if self.peek() == Some('?') {
            self.i += 1; // lazy
        }
        Ok(q)
    }

    fn escape(&mut self, in_class: bool) -> Result<Atom, String> {
        let Some(c) = self.peek() else {
            return Err("a pattern ending in `\\`".into());
        };
        self.i += 1;
        Ok(match c {
            'd' => Atom::Class(DIGIT.to_vec()),
            'w' => Atom::Class(WORD.to_vec()),
            's' => Atom::Class(SPACE.to_vec()),
            'D' | 'W' | 'S' => {
                let set = match c {
                    'D' => DIGIT,
                    'W' => WORD,
                    _ => SPACE,
                };
                let ch = outside(set).ok_or("an empty class")?;
                Atom::Char(ch)
            }
            'n' => Atom::Char('\n'),
            't' => Atom::Char('\t'),
            'r' => Atom::Char('\r'),
            'f' => Atom::Char('\u{c}'),
            'v' => Atom::Char('\u{b}'),
            '0' => Atom::Char('\0'),
            'x' => Atom::Char(self.hex(2)?),
            'u' => Atom::Char(self.hex(4)?),
            'b' if in_class => Atom::Char('\u{8}'),
            'b' | 'B' => return Err("word boundaries are not supported".into()),
            'p' | 'P' => return Err("Unicode property classes are not supported".into()),
            '1'..='9' => return Err("back-references are not supported".into()),
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("the escape `\\{c}` is not supported"));
            }
            c => Atom::Char(c),
        })
    }

    fn hex(&mut self, n: usize) -> Result<char, String> {
        let digits: String = self.s.iter().skip(self.i).take(n).collect();
        let code = u32::from_str_radix(&digits, 16)
            .map_err(|_| format!("expected {n} hex digits after the escape"))?;
        self.i += n;
        char::from_u32(code).ok_or_else(|| "an escape that is no character".to_string())
    }

    /// After `[`.
    fn class(&mut self) -> Result<Atom, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.i += 1;
        }
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err("a `[` without its `]`".into());
            };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Atom::Char(ch) => ch,
                    Atom::Class(rs) => {
                        ranges.extend(rs);
                        continue;
                    }
                    _ => return Err("an escape inside a class that is not supported".into()),
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|&n| n != ']') {
                self.i += 1;
                let Some(hi) = self.peek() else {
                    return Err("a `[` without its `]`".into());
                };
                self.i += 1;
                let hi = if hi == '\\' {
                    match self.escape(true)? {
                        Atom::Char(ch) => ch,
                        _ => return Err("a class range ending in a class".into()),
                    }
                } else {
                    hi
                };
                if hi < lo {
                    return Err(format!("the class range {lo}-{hi} is reversed"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        if negated {
            return outside(&ranges)
                .map(Atom::Char)
                .ok_or_else(|| "a negated class that excludes every printable character".into());
        }
        if ranges.is_empty() {
            return Err("an empty class matches nothing".into());
        }
        Ok(Atom::Class(ranges))
    }
}

// ---------------------------------------------------------------------------------------------
// Conformance

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
        TypeRef::String => match v {
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

fn is_uuid(s: &str) -> bool {
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

fn is_date(s: &str) -> bool {
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

fn is_rfc3339(s: &str) -> bool {
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

fn is_rfc2822(s: &str) -> bool {
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

fn is_uri(s: &str) -> bool {
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

#[cfg(test)]
mod tests;
