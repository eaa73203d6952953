//! Example blocks of a text page: `Request example` / `Response examples (CODE)` headings and
//! their JSON or Ruby `Hash#inspect` bodies, and a curl `--data` read as an example.

use serde_json::{Map, Value, json};

use crate::frontend::bump::sections::is_status_code;

/// `Request example[s]` -> Some(None); `Response examples (CODE)` -> Some(Some(CODE)).
pub(super) fn is_example_heading(l: &str) -> Option<Option<String>> {
    if l == "Request example" || l == "Request examples" {
        return Some(None);
    }
    let code = l
        .strip_prefix("Response example")
        .map(|r| r.strip_prefix('s').unwrap_or(r))
        .and_then(|r| r.strip_prefix(" ("))
        .and_then(|r| r.strip_suffix(')'))?;
    is_status_code(code).then(|| Some(code.to_string()))
}

/// JSON, else a Ruby `Hash#inspect` (`{"Type"=>"apn", "N"=>nil}`) turned into JSON.
pub(super) fn example_value(raw: &str) -> Option<Value> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    serde_json::from_str(&ruby_to_json(t)?).ok()
}

/// Rewrites Ruby inspect syntax to JSON: `=>` to `:`, `nil` to `null`, Ruby string escapes to
/// JSON ones. `None` on an unterminated string.
fn ruby_to_json(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut val = String::new();
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            'n' => val.push('\n'),
                            't' => val.push('\t'),
                            'r' => val.push('\r'),
                            'e' => val.push('\u{1b}'),
                            '0' => val.push('\0'),
                            'u' => {
                                let mut hex = String::new();
                                if chars.next_if_eq(&'{').is_some() {
                                    while let Some(h) = chars.next_if(|c| *c != '}') {
                                        hex.push(h);
                                    }
                                    chars.next();
                                } else {
                                    for _ in 0..4 {
                                        hex.push(chars.next()?);
                                    }
                                }
                                val.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                            }
                            o => val.push(o),
                        },
                        o => val.push(o),
                    }
                }
                out.push_str(&serde_json::to_string(&val).ok()?);
            }
            '=' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push(':');
            }
            'n' => {
                let mut word = String::from('n');
                while let Some(w) = chars.next_if(char::is_ascii_alphanumeric) {
                    word.push(w);
                }
                out.push_str(if word == "nil" { "null" } else { &word });
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// `--data` as an example: JSON bodies as JSON, form bodies as an object of strings.
pub(super) fn data_example(d: &str, ct: Option<&str>) -> Option<Value> {
    if ct.is_some_and(|c| c.contains("json")) {
        return serde_json::from_str(d).ok();
    }
    if ct.is_some_and(|c| c.contains("x-www-form-urlencoded")) {
        let mut m = Map::new();
        for pair in d.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            m.insert(
                crate::vocab::form_decode(k),
                json!(crate::vocab::form_decode(v)),
            );
        }
        return Some(Value::Object(m));
    }
    None
}
