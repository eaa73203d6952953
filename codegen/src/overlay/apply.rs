//! Applying a checked overlay: every action's target is evaluated, then the selected nodes are
//! updated (deep merge, arrays appended) or removed. Contract: [`apply`] checks every action
//! before the first is applied, so an `Err` leaves the document untouched; what cannot be done
//! is a warning, never a panic.

use std::cmp::Ordering;

use serde_json::Value;

use super::action::{Action, compile};
use super::jsonpath::{Budget, Loc, Step, VISIT_BUDGET, evaluate};
use crate::diag::Diagnostic;

/// Applies the Overlay document `overlay_text` (YAML or JSON) to `doc`.
///
/// Returns warnings (targets matching nothing: `overlay.no-match`; updates that do not fit the
/// selected node; …). An `Err` (an invalid overlay or JSONPath, with the action index and the
/// column in the expression) is returned before `doc` is changed.
pub fn apply(doc: &mut Value, overlay_text: &str) -> Result<Vec<Diagnostic>, Diagnostic> {
    let parsed = crate::frontend::yaml::parse_with_locations(overlay_text)?;
    let lines = parsed.locations;
    let mut warnings = parsed.warnings;
    let actions = compile(&parsed.value, &lines, &mut warnings)?;
    for a in &actions {
        let at = |d: Diagnostic| d.at(a.line, 1);
        let paths = match evaluate(doc, &a.path) {
            Ok(p) => p,
            Err(Budget) => {
                warnings.push(at(Diagnostic::warning(
                    "overlay.too-many-matches",
                    format!(
                        "action {}: target `{}` visits more than {VISIT_BUDGET} nodes; action \
                         skipped",
                        a.index, a.target
                    ),
                )));
                continue;
            }
        };
        if paths.is_empty() {
            warnings.push(at(Diagnostic::warning(
                "overlay.no-match",
                format!(
                    "action {}: target `{}` matches nothing in the document",
                    a.index, a.target
                ),
            )));
            continue;
        }
        if a.remove {
            remove_all(doc, paths, a, &mut warnings);
        } else if let Some(update) = &a.update {
            for p in &paths {
                let Some(node) = get_mut(doc, p) else {
                    continue;
                };
                if let Err(msg) = update_node(node, update) {
                    warnings.push(
                        at(Diagnostic::warning(
                            "overlay.update-mismatch",
                            format!("action {}: {msg}; node left unchanged", a.index),
                        ))
                        .pointer(pointer(p)),
                    );
                }
            }
        }
    }
    Ok(warnings)
}

fn update_node(node: &mut Value, update: &Value) -> Result<(), String> {
    match node {
        Value::Object(_) if !update.is_object() => Err(format!(
            "the target is an object but the update is {}, not an object to merge",
            kind(update)
        )),
        Value::Array(items) => {
            match update {
                Value::Array(more) => items.extend(more.iter().cloned()),
                one => items.push(one.clone()),
            }
            Ok(())
        }
        _ => {
            merge(node, update);
            Ok(())
        }
    }
}

/// Deep merge: objects recursively, arrays appended, anything else replaced.
fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(t), Value::Object(u)) => {
            for (k, v) in u {
                match t.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(t), Value::Array(u)) => t.extend(u.iter().cloned()),
        (t, u) => *t = u.clone(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn remove_all(doc: &mut Value, mut paths: Vec<Loc>, a: &Action, warnings: &mut Vec<Diagnostic>) {
    // Deepest and last first, so earlier removals do not shift later ones.
    paths.sort_by(|x, y| cmp_loc(y, x));
    for p in paths {
        let Some((last, parent)) = p.split_last() else {
            warnings.push(
                Diagnostic::warning(
                    "overlay.remove-root",
                    format!("action {}: the document root cannot be removed", a.index),
                )
                .at(a.line, 1),
            );
            continue;
        };
        match (get_mut(doc, parent), last) {
            (Some(Value::Object(m)), Step::Key(k)) => {
                m.shift_remove(k);
            }
            (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        }
    }
}

fn cmp_loc(a: &Loc, b: &Loc) -> Ordering {
    for (x, y) in a.iter().zip(b.iter()) {
        let o = match (x, y) {
            (Step::Index(i), Step::Index(j)) => i.cmp(j),
            (Step::Key(i), Step::Key(j)) => i.cmp(j),
            (Step::Index(_), Step::Key(_)) => Ordering::Less,
            (Step::Key(_), Step::Index(_)) => Ordering::Greater,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

fn get_mut<'v>(doc: &'v mut Value, loc: &[Step]) -> Option<&'v mut Value> {
    let mut v = doc;
    for s in loc {
        v = match (v, s) {
            (Value::Object(m), Step::Key(k)) => m.get_mut(k)?,
            (Value::Array(a), Step::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

pub(super) fn pointer(loc: &[Step]) -> String {
    loc.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", crate::diag::pointer_token(k)),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}
