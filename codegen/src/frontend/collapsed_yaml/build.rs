//! Building the result of a reading from its events: the JSON document, and the byte offsets of
//! its mapping nodes by JSON pointer.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::state::{Ev, Search, Sv};
use crate::diag::pointer_token;

impl Search<'_> {
    pub(super) fn collect_offsets(&mut self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        let mut path: Vec<String> = Vec::new();
        let mut stack: Vec<(bool, usize)> = Vec::new(); // (is_seq, index)
        let mut key: Option<String> = None;
        self.offsets.clear();
        for ev in &self.events {
            match ev {
                Ev::MapStart(_) | Ev::SeqStart => {
                    let at = if let Ev::MapStart(a) = ev { *a } else { 0 };
                    if let Some((seq, idx)) = stack.last_mut() {
                        if *seq {
                            path.push(idx.to_string());
                            *idx += 1;
                        } else {
                            path.push(key.take().unwrap_or_default());
                        }
                    } else {
                        path.push(String::new());
                    }
                    if matches!(ev, Ev::MapStart(_)) && path.len() <= 5 && at > 0 {
                        let ptr: String = path
                            .iter()
                            .skip(1)
                            .map(|s| format!("/{}", pointer_token(s)))
                            .collect();
                        out.insert(ptr, at);
                    }
                    stack.push((matches!(ev, Ev::SeqStart), 0));
                }
                Ev::End => {
                    stack.pop();
                    path.pop();
                }
                Ev::Key(k) => key = Some(k.clone()),
                Ev::Scalar(_) => {
                    if let Some((true, idx)) = stack.last_mut() {
                        *idx += 1;
                    }
                    key = None;
                }
            }
        }
        out
    }

    pub(super) fn build(&self, n: usize) -> Value {
        enum B {
            M(Map<String, Value>, Option<String>),
            S(Vec<Value>),
        }
        let mut stack: Vec<B> = Vec::new();
        let mut root = Value::Null;
        let push = |stack: &mut Vec<B>, root: &mut Value, v: Value| match stack.last_mut() {
            Some(B::M(m, k)) => {
                if let Some(k) = k.take() {
                    m.insert(k, v);
                }
            }
            Some(B::S(s)) => s.push(v),
            None => *root = v,
        };
        for ev in self.events.iter().take(n) {
            match ev {
                Ev::MapStart(_) => stack.push(B::M(Map::new(), None)),
                Ev::SeqStart => stack.push(B::S(Vec::new())),
                Ev::Key(k) => {
                    if let Some(B::M(_, slot)) = stack.last_mut() {
                        *slot = Some(k.clone());
                    }
                }
                Ev::Scalar(Sv::V(v)) => push(&mut stack, &mut root, v.clone()),
                Ev::Scalar(Sv::Range(a, b)) => {
                    push(&mut stack, &mut root, Value::String(self.join(*a, *b)))
                }
                Ev::End => {
                    let v = match stack.pop() {
                        Some(B::M(m, _)) => Value::Object(m),
                        Some(B::S(s)) => Value::Array(s),
                        None => continue,
                    };
                    push(&mut stack, &mut root, v);
                }
            }
        }
        root
    }
}
