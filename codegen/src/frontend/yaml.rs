//! YAML (1.2 core schema) and JSON into `serde_json::Value`, keeping key order and the line of
//! every node near the root, with errors that name the line and column.
//!
//! Built on `yaml-rust2`'s event parser: maintained, pure Rust, YAML 1.2, and it reports a
//! position for every event (serde_yaml is archived; its forks lose positions behind serde).

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, pointer_token};

/// How deep (in JSON-pointer segments) node lines are recorded: enough for
/// `/paths/{p}/{method}` and `/components/schemas/{name}`.
const LOCATION_DEPTH: usize = 4;

/// Deepest nesting of mappings and sequences accepted (serde_json's own limit): deeper input
/// would overflow the stack of the recursive stages after loading.
pub const MAX_DEPTH: usize = 128;

/// Most nodes that aliases may copy in one document, so `&a [*b, *b]` chains (each level
/// doubling the one before) cannot take unbounded time and memory.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// A parsed document with node lines and the warnings the parse produced.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The document.
    pub value: Value,
    /// 1-based line of each node up to four segments deep, by JSON pointer.
    pub locations: BTreeMap<String, usize>,
    /// Duplicate keys and similar oddities that did not stop the parse.
    pub warnings: Vec<Diagnostic>,
}

/// Parses YAML or JSON text into a JSON value.
pub fn parse(text: &str) -> Result<Value, Diagnostic> {
    parse_with_locations(text).map(|p| p.value)
}

/// Parses YAML or JSON text, keeping node lines and warnings.
pub fn parse_with_locations(text: &str) -> Result<Parsed, Diagnostic> {
    if text.trim_start().starts_with('{') {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return Ok(Parsed {
                value,
                ..Default::default()
            });
        }
        // Not strict JSON: YAML flow syntax is a superset, fall through for its error messages.
    }
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    // The events of the first document, in a flat loop: `Parser::load` recurses once per
    // nesting level, which overflows the stack on deeply nested block sequences (`- - - …`).
    loop {
        let (ev, mark) = parser.next_token().map_err(|e| {
            let m = e.marker();
            Diagnostic::error("yaml.syntax", format!("invalid YAML: {}", e.info()))
                .at(m.line().max(1), m.col() + 1)
        })?;
        if matches!(ev, Event::StreamEnd | Event::DocumentEnd) {
            break;
        }
        b.on_event(ev, mark);
        if b.error.is_some() {
            break;
        }
    }
    if let Some(err) = b.error {
        return Err(err);
    }
    Ok(Parsed {
        value: b.root.unwrap_or(Value::Null),
        locations: b.locations,
        warnings: b.warnings,
    })
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        /// The pending key is YAML's merge key: a plain `<<` (a quoted `"<<"` is a plain key).
        merge: bool,
        anchor: usize,
        line: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    path: Vec<String>,
    root: Option<Value>,
    anchors: HashMap<usize, Value>,
    locations: BTreeMap<String, usize>,
    warnings: Vec<Diagnostic>,
    error: Option<Diagnostic>,
    /// Nodes copied by aliases so far.
    alias_nodes: usize,
}

/// Nodes in `v`, counting no further than `limit` (also the bundler's copy budget).
pub(crate) fn count_nodes(v: &Value, limit: usize) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        if n > limit {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    n
}

impl Builder {
    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn fail(&mut self, mark: Marker, msg: &str) {
        self.fail_with("yaml.unsupported", mark, msg);
    }

    fn fail_with(&mut self, code: &'static str, mark: Marker, msg: &str) {
        if self.error.is_none() {
            self.error = Some(
                Diagnostic::error(code, msg.to_string()).at(mark.line().max(1), mark.col() + 1),
            );
        }
    }

    /// Fails (and returns false) when a new container would nest deeper than [`MAX_DEPTH`].
    fn depth_ok(&mut self, mark: Marker) -> bool {
        if self.stack.len() < MAX_DEPTH {
            return true;
        }
        let msg = format!(
            "mappings and sequences nested deeper than {MAX_DEPTH} levels; expected a shallower \
             document"
        );
        self.fail_with("yaml.too-deep", mark, &msg);
        false
    }

    /// Enters a container: remembers the path segment it stands at and records its line.
    fn enter(&mut self, mark: Marker) {
        // A block mapping starts at its first key; the node's line is that of the key naming it.
        let (seg, line) = match self.stack.last() {
            Some(Frame::Map {
                key: Some(k), line, ..
            }) => (Some(k.clone()), *line),
            Some(Frame::Seq { items, .. }) => (Some(items.len().to_string()), mark.line()),
            _ => (None, mark.line()),
        };
        if let Some(seg) = seg {
            self.path.push(seg);
        }
        if self.path.len() <= LOCATION_DEPTH {
            let ptr: String = self
                .path
                .iter()
                .map(|s| format!("/{}", pointer_token(s)))
                .collect();
            self.locations.insert(ptr, line.max(1));
        }
    }

    /// Records the line of a scalar value near the root (so `paths: 3` can be pointed at).
    fn note_scalar(&mut self, mark: Marker) {
        if self.path.len() >= LOCATION_DEPTH {
            return;
        }
        let (seg, line) = match self.stack.last() {
            Some(Frame::Map {
                key: Some(k), line, ..
            }) => (k.clone(), *line),
            Some(Frame::Seq { items, .. }) => (items.len().to_string(), mark.line()),
            _ => return,
        };
        let ptr: String = self
            .path
            .iter()
            .chain(std::iter::once(&seg))
            .map(|s| format!("/{}", pointer_token(s)))
            .collect();
        self.locations.insert(ptr, line.max(1));
    }

    fn leave(&mut self) {
        if !self.stack.is_empty() {
            self.path.pop();
        }
    }

    fn push_value(&mut self, v: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(v),
            Some(Frame::Seq { items, .. }) => items.push(v),
            Some(Frame::Map {
                map,
                key,
                merge,
                line,
                ..
            }) => {
                let k = key.take().expect("value pushed only after a key");
                if std::mem::take(merge) {
                    merge_into(map, v);
                } else if map.insert(k.clone(), v).is_some() {
                    self.warnings.push(
                        Diagnostic::warning(
                            "yaml.duplicate-key",
                            format!("duplicate key `{k}`: the last value wins"),
                        )
                        .at(*line, 1),
                    );
                }
            }
        }
    }

    fn key_or_value(&mut self, v: Value, raw_key: Option<String>, mark: Marker) {
        if self.expecting_key() {
            let k = match raw_key {
                Some(k) => k,
                None => match v {
                    Value::String(s) => s,
                    Value::Null => String::new(),
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => {
                        self.fail(mark, "a mapping key must be a scalar");
                        return;
                    }
                },
            };
            if let Some(Frame::Map { key, line, .. }) = self.stack.last_mut() {
                *key = Some(k);
                *line = mark.line().max(1);
            }
        } else {
            self.note_scalar(mark);
            self.push_value(v);
        }
    }
}

fn merge_into(map: &mut Map<String, Value>, v: Value) {
    let sources = match v {
        Value::Array(a) => a,
        other => vec![other],
    };
    for s in sources {
        if let Value::Object(o) = s {
            for (k, v) in o {
                map.entry(k).or_insert(v);
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match ev {
            Event::Scalar(s, style, anchor, tag) => {
                let raw_key = self.expecting_key().then(|| s.clone());
                let merge_key = raw_key.is_some() && style == TScalarStyle::Plain && s == "<<";
                let v = resolve_scalar(s, style, tag.as_ref());
                if anchor > 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                self.key_or_value(v, raw_key, mark);
                if let Some(Frame::Map { merge, .. }) = self.stack.last_mut() {
                    *merge = merge_key;
                }
            }
            Event::Alias(id) => {
                let budget = MAX_ALIAS_NODES - self.alias_nodes;
                let n = self.anchors.get(&id).map_or(1, |v| count_nodes(v, budget));
                if n > budget {
                    let msg = format!(
                        "aliases expand to more than {MAX_ALIAS_NODES} nodes; expected a \
                         document without alias bombs"
                    );
                    return self.fail_with("yaml.alias-limit", mark, &msg);
                }
                self.alias_nodes += n;
                let v = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                self.key_or_value(v, None, mark);
            }
            Event::SequenceStart(anchor, _) => {
                if self.expecting_key() {
                    return self.fail(mark, "a mapping key must be a scalar");
                }
                if !self.depth_ok(mark) {
                    return;
                }
                self.enter(mark);
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                if self.expecting_key() {
                    return self.fail(mark, "a mapping key must be a scalar");
                }
                if !self.depth_ok(mark) {
                    return;
                }
                self.enter(mark);
                self.stack.push(Frame::Map {
                    map: Map::new(),
                    key: None,
                    merge: false,
                    anchor,
                    line: mark.line().max(1),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (v, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { items, anchor }) => (Value::Array(items), anchor),
                    Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                self.leave();
                self.push_value(v);
            }
            _ => {}
        }
    }
}

/// Resolves a scalar with the YAML 1.2 core schema: only plain scalars become null, booleans or
/// numbers (`1.0.0` stays a string); quoted and block scalars are strings; `!!str` forces one.
fn resolve_scalar(s: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(t) = tag {
        if t.suffix == "str" {
            return Value::String(s);
        }
    }
    if style != TScalarStyle::Plain {
        return Value::String(s);
    }
    resolve_plain(&s)
}

/// Resolves a plain (unquoted) scalar with the YAML 1.2 core schema: null, booleans, integers
/// (decimal, `0x`, `0o`) and floats; anything else (`1.0.0`, `3.1.0`) stays a string.
pub fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_int(s) {
        return Value::Number(n);
    }
    if looks_like_float(s) {
        if let Some(n) = s.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(s.to_string())
}

fn parse_int(s: &str) -> Option<Number> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, body) = if let Some(h) = digits.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = digits.strip_prefix("0o") {
        (8, o)
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if neg {
        i64::from_str_radix(&format!("-{body}"), radix)
            .ok()
            .map(Number::from)
    } else {
        u64::from_str_radix(body, radix).ok().map(Number::from)
    }
}

fn looks_like_float(s: &str) -> bool {
    let b = s.trim_start_matches(['-', '+']);
    !b.is_empty()
        && b.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && b.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && b.chars().any(|c| c.is_ascii_digit())
        && b.matches('.').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn core_schema_and_order() {
        let v = parse(
            "b: 1.0.0\na: true\n'200': x\n201: y\nn: ~\nf: 1.5\ns: '12'\nl: [1, -2]\nblock: |\n  hi\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"b": "1.0.0", "a": true, "200": "x", "201": "y", "n": null, "f": 1.5,
                   "s": "12", "l": [1, -2], "block": "hi\n"})
        );
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys[0], "b");
    }

    #[test]
    fn only_a_plain_merge_key_merges() {
        // A quoted "<<" is an ordinary key (found by the YAML round-trip property test).
        let v = parse("a: {\"<<\": null}\nb: {'<<': {x: 1}}\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": {"<<": null}, "b": {"<<": {"x": 1}}})
        );
        let v = parse("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n").unwrap();
        assert_eq!(v["c"], serde_json::json!({"x": 1, "y": 2}));
    }

    #[test]
    fn anchors_aliases_and_merge() {
        let v = parse("a: &x {k: 1}\nb: *x\nc:\n  <<: *x\n  j: 2\n").unwrap();
        assert_eq!(
            v,
            json!({"a": {"k": 1}, "b": {"k": 1}, "c": {"k": 1, "j": 2}})
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert_eq!(e.code, "yaml.syntax");
        assert!(e.line >= 2, "{e}");
        let e = parse("a:\n  b: 1\n c: 2\n").unwrap_err();
        assert!(e.line >= 3, "{e}");
    }

    #[test]
    fn locations_of_operations() {
        let p = parse_with_locations("openapi: 3.1.0\npaths:\n  /a/{b}:\n    post:\n      x: 1\n")
            .unwrap();
        assert_eq!(p.locations.get("/paths/~1a~1{b}/post"), Some(&4));
    }

    #[test]
    fn deep_block_nesting_is_an_error_not_a_stack_overflow() {
        // `Parser::load` recursed once per level: 100k nested block sequences overflowed.
        let e = parse(&format!("x:\n{}x\n", "- ".repeat(100_000))).unwrap_err();
        assert_eq!((e.code, e.line), ("yaml.too-deep", 2), "{e}");
        let e = parse(&format!("x: {}{}\n", "[".repeat(200), "]".repeat(200))).unwrap_err();
        assert_eq!((e.code, e.line), ("yaml.too-deep", 1), "{e}");
        let ok = format!("x: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn alias_bombs_stop() {
        let mut text = String::from("a0: &a0 [x, x]\n");
        for i in 1..40 {
            text.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
        }
        let e = parse(&text).unwrap_err();
        assert_eq!(e.code, "yaml.alias-limit", "{e}");
        assert!(e.line > 15, "{e}");
    }

    #[test]
    fn lines_of_scalars_near_the_root() {
        let p = parse_with_locations("openapi: 3.1.0\ninfo:\n  title: x\npaths: 3\n").unwrap();
        assert_eq!(p.locations.get("/paths"), Some(&4));
        assert_eq!(p.locations.get("/info/title"), Some(&3));
    }

    #[test]
    fn duplicate_keys_warn() {
        let p = parse_with_locations("a: 1\na: 2\n").unwrap();
        assert_eq!(p.value, json!({"a": 2}));
        assert_eq!(p.warnings[0].code, "yaml.duplicate-key");
    }
}
