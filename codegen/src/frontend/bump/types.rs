//! Bump.sh type strings, shared by the Markdown ([`super::md`]) and text ([`super::text`])
//! readers (docs/formats.md §6, type strings).
//!
//! Grammar (`ALT` alternatives separated by `|`, spaces around `|` optional):
//!
//! ```text
//! TYPE   := ""                         -- untyped
//!         | ALT { "|" ALT }
//! ALT    := "null"
//!         | "()"                       -- untyped
//!         | "array[" TYPE "]"
//!         | BASE [ "(" FORMAT ")" ]    -- FORMAT may hold balanced parentheses
//! BASE   := string | integer | number | boolean | object | array | any
//! ```
//!
//! `string(date-time-rfc-2822) | null` is a nullable string with that format; on `bump_md` pages
//! the whole type sits in parentheses (`(string(date-time) | null)`), so callers find the group
//! with [`balanced_group`] first.

use serde_json::{Map, Value, json};

/// The JSON Schema base types a type string may name (`any` reads as untyped).
pub const BASE_TYPES: [&str; 7] = [
    "string", "integer", "number", "boolean", "object", "array", "any",
];

/// Nesting limit for `array[…]` and format parentheses; deeper input is rejected, not recursed.
const MAX_DEPTH: usize = 32;

/// Longest type string accepted, in bytes (types are short; prose is not a type).
pub const MAX_TYPE_LEN: usize = 512;

/// One alternative of a type string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alt {
    /// A base type with an optional format: `string(uri)`.
    Base {
        /// `string`, `integer`, `number`, `boolean`, `object` or `array` (bare, items unknown).
        name: String,
        /// The text in parentheses after the base type, if any.
        format: Option<String>,
    },
    /// `array[TYPE]`.
    Array(Box<TypeString>),
    /// `null`.
    Null,
    /// `()`, `any` or the empty type: nothing is known about the value.
    Untyped,
}

/// A parsed type string: its alternatives in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeString {
    /// The alternatives (`string | null` has two). Never empty: the empty type is `[Untyped]`.
    pub alts: Vec<Alt>,
}

/// Why a text is not a type string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// Byte offset into the parsed text where parsing stopped.
    pub offset: usize,
    /// What was expected there.
    pub expected: String,
}

impl std::fmt::Display for TypeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at byte {}: expected {}", self.offset, self.expected)
    }
}

/// Parses a type string (without the outer parentheses of a `bump_md` item).
pub fn parse(text: &str) -> Result<TypeString, TypeError> {
    if text.len() > MAX_TYPE_LEN {
        return Err(TypeError {
            offset: MAX_TYPE_LEN,
            expected: format!("a type string of at most {MAX_TYPE_LEN} bytes"),
        });
    }
    let mut p = Parser { s: text, pos: 0 };
    p.skip_ws();
    if p.pos == text.len() {
        return Ok(TypeString {
            alts: vec![Alt::Untyped],
        });
    }
    let t = p.type_string(0)?;
    p.skip_ws();
    if p.pos != text.len() {
        return Err(p.err("`|` and another type, or the end of the type"));
    }
    Ok(t)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    fn err(&self, expected: &str) -> TypeError {
        TypeError {
            offset: self.pos,
            expected: expected.to_string(),
        }
    }

    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }

    fn type_string(&mut self, depth: usize) -> Result<TypeString, TypeError> {
        if depth > MAX_DEPTH {
            return Err(self.err("less deeply nested types"));
        }
        let mut alts = vec![self.alt(depth)?];
        loop {
            let save = self.pos;
            self.skip_ws();
            if self.rest().starts_with('|') {
                self.pos += 1;
                self.skip_ws();
                alts.push(self.alt(depth)?);
            } else {
                self.pos = save;
                return Ok(TypeString { alts });
            }
        }
    }

    fn alt(&mut self, depth: usize) -> Result<Alt, TypeError> {
        let r = self.rest();
        if r.starts_with("()") {
            self.pos += 2;
            return Ok(Alt::Untyped);
        }
        let word_len = r
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(r.len());
        let word = &r[..word_len];
        if word == "null" {
            self.pos += word_len;
            return Ok(Alt::Null);
        }
        if word == "array" && r[word_len..].starts_with('[') {
            self.pos += word_len + 1;
            self.skip_ws();
            let inner = if self.rest().starts_with(']') {
                TypeString {
                    alts: vec![Alt::Untyped],
                }
            } else {
                self.type_string(depth + 1)?
            };
            self.skip_ws();
            if !self.rest().starts_with(']') {
                return Err(self.err("`]` closing `array[`"));
            }
            self.pos += 1;
            return Ok(Alt::Array(Box::new(inner)));
        }
        if !BASE_TYPES.contains(&word) {
            return Err(
                self.err("a type: string, integer, number, boolean, object, array[…], null or ()")
            );
        }
        self.pos += word_len;
        if word == "any" {
            return Ok(Alt::Untyped);
        }
        let mut format = None;
        if self.rest().starts_with('(') {
            let start = self.pos;
            let end = balanced_group(self.s, start).ok_or_else(|| TypeError {
                offset: start,
                expected: "`)` closing the format".to_string(),
            })?;
            let f = &self.s[start + 1..end];
            if f.trim().is_empty() || f.contains('|') || f.chars().any(char::is_whitespace) {
                return Err(TypeError {
                    offset: start + 1,
                    expected: "a format name such as `date-time` in the parentheses".to_string(),
                });
            }
            format = Some(f.to_string());
            self.pos = end + 1;
        }
        Ok(Alt::Base {
            name: word.to_string(),
            format,
        })
    }
}

/// Given `text[open] == '('`, the byte index of the matching `)`, counting nested parentheses.
/// Looks at most [`MAX_TYPE_LEN`] bytes ahead; `None` when the group does not close there.
pub fn balanced_group(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let limit = (open + MAX_TYPE_LEN + 2).min(bytes.len());
    for (i, &b) in bytes.iter().enumerate().take(limit).skip(open) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

impl TypeString {
    /// True when `null` is one of the alternatives.
    pub fn nullable(&self) -> bool {
        self.alts.contains(&Alt::Null)
    }

    /// True when the value is an object (possibly nullable), so its properties may be listed.
    pub fn is_object(&self) -> bool {
        self.alts
            .iter()
            .any(|a| matches!(a, Alt::Base { name, .. } if name == "object"))
    }

    /// The OpenAPI 3.1 schema this type string describes: `type` (a list when nullable or a
    /// union), `format`, `items`. Untyped alternatives absorb everything: `{}`.
    pub fn to_schema(&self) -> Value {
        if self.alts.contains(&Alt::Untyped) {
            return json!({});
        }
        let nullable = self.nullable();
        let non_null: Vec<&Alt> = self.alts.iter().filter(|a| **a != Alt::Null).collect();
        match non_null.as_slice() {
            [] => json!({"type": "null"}),
            [one] => {
                let mut s = alt_schema(one);
                if nullable {
                    if let Some(Value::String(t)) = s.get("type").cloned() {
                        s.insert("type".into(), json!([t, "null"]));
                    }
                }
                Value::Object(s)
            }
            many => {
                let plain: Option<Vec<&str>> = many
                    .iter()
                    .map(|a| match a {
                        Alt::Base { name, format: None } => Some(name.as_str()),
                        _ => None,
                    })
                    .collect();
                match plain {
                    Some(mut names) => {
                        names.dedup();
                        if nullable {
                            names.push("null");
                        }
                        json!({ "type": names })
                    }
                    None => {
                        let mut any_of: Vec<Value> =
                            many.iter().map(|a| Value::Object(alt_schema(a))).collect();
                        if nullable {
                            any_of.push(json!({"type": "null"}));
                        }
                        json!({ "anyOf": any_of })
                    }
                }
            }
        }
    }
}

fn alt_schema(alt: &Alt) -> Map<String, Value> {
    let mut m = Map::new();
    match alt {
        Alt::Base { name, format } => {
            m.insert("type".into(), json!(name));
            if let Some(f) = format {
                m.insert("format".into(), json!(f));
            }
        }
        Alt::Array(items) => {
            m.insert("type".into(), json!("array"));
            let it = items.to_schema();
            if it.as_object().is_some_and(|o| !o.is_empty()) {
                m.insert("items".into(), it);
            }
        }
        Alt::Null => {
            m.insert("type".into(), json!("null"));
        }
        Alt::Untyped => {}
    }
    m
}

/// The object schema a list of child fields belongs to: `schema` itself when it is an object,
/// else the innermost object `items` of an array. `None` when neither.
pub fn properties_owner(schema: &mut Value) -> Option<&mut Map<String, Value>> {
    if has_type(schema, "object") {
        return schema.as_object_mut();
    }
    if has_type(schema, "array") {
        let items = schema.get_mut("items")?;
        return properties_owner(items);
    }
    None
}

/// Where a list of child fields goes: the [`properties_owner`], else `schema` itself when it is a
/// JSON object (fields listed under a value that is not an object are read as its properties).
/// `None` when `schema` is not a JSON object at all.
pub fn fields_owner(schema: &mut Value) -> Option<&mut Map<String, Value>> {
    if properties_owner(schema).is_some() {
        return properties_owner(schema);
    }
    if has_type(schema, "array") {
        // `array` with no item type: the fields are the items'.
        let items = schema
            .as_object_mut()?
            .entry("items")
            .or_insert_with(|| Value::Object(Map::new()));
        return fields_owner(items);
    }
    schema.as_object_mut()
}

/// True when fields listed under `schema` describe it: an object, an array of objects, or a
/// schema whose type the page did not show (untyped, or an array of untyped items). False for
/// a scalar type (`string`, `integer` …): its fields are a misreading the reader warns about.
pub fn takes_fields(schema: &Value) -> bool {
    if has_type(schema, "object") {
        return true;
    }
    if has_type(schema, "array") {
        return schema.get("items").is_none_or(takes_fields);
    }
    schema.get("type").is_none()
}

/// Adds property `name` to an object schema. A name already present (a collapsed page's nested
/// field, or `StartTime<`/`StartTime>` after `<`/`>` were eaten) is not overwritten: the schema
/// goes to `x-cpaas-duplicate-properties` as `{name, schema}` and `false` is returned.
pub fn insert_property(owner: &mut Map<String, Value>, name: &str, schema: Value) -> bool {
    let props = owner
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(props) = props {
        if !props.contains_key(name) {
            props.insert(name.to_string(), schema);
            return true;
        }
    }
    let dups = owner
        .entry("x-cpaas-duplicate-properties")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(d) = dups {
        d.push(json!({"name": name, "schema": schema}));
    }
    false
}

/// True when the schema's `type` is `t` or a list holding `t`.
pub fn has_type(schema: &Value, t: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(x)) => x == t,
        Some(Value::Array(xs)) => xs.iter().any(|x| x == t),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
