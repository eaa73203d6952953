//! Checking an overlay document: its version, `info`, and every action's structure and
//! JSONPath target. Contract: [`compile`] returns the actions in order, or the first error
//! (with the action index and line); unknown keys and no-op actions are warnings.

use std::collections::BTreeMap;

use serde_json::Value;

use super::jsonpath::{Segment, parse_path};
use crate::diag::Diagnostic;

/// One checked action.
pub(super) struct Action {
    pub(super) index: usize,
    pub(super) line: usize,
    pub(super) target: String,
    pub(super) path: Vec<Segment>,
    pub(super) update: Option<Value>,
    pub(super) remove: bool,
}

pub(super) fn compile(
    root: &Value,
    lines: &BTreeMap<String, usize>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Action>, Diagnostic> {
    let line_of = |p: &str| lines.get(p).copied().unwrap_or(1);
    let Value::Object(root) = root else {
        return Err(Diagnostic::error(
            "overlay.invalid",
            "an overlay must be a mapping with `overlay: 1.0.0`, `info` and `actions`",
        )
        .at(1, 1));
    };
    match root.get("overlay") {
        Some(Value::String(v)) if is_version_1_0(v) => {}
        other => {
            let found = other.map_or("nothing".to_string(), |v| format!("`{v}`"));
            return Err(Diagnostic::error(
                "overlay.version",
                format!("expected `overlay: 1.0.0` (Overlay 1.0.x) at the root, found {found}"),
            )
            .at(1, 1));
        }
    }
    if !matches!(root.get("info"), Some(Value::Object(_))) {
        warnings.push(
            Diagnostic::warning(
                "overlay.info-missing",
                "the overlay has no `info` object (title, version), which Overlay 1.0 requires",
            )
            .at(1, 1),
        );
    }
    let Some(Value::Array(list)) = root.get("actions") else {
        return Err(Diagnostic::error(
            "overlay.actions",
            "expected `actions:` at the root, a list of {target, update | remove}",
        )
        .at(1, 1));
    };
    let mut actions = Vec::new();
    for (index, a) in list.iter().enumerate() {
        let line = line_of(&format!("/actions/{index}"));
        let err = |code, msg: String| Diagnostic::error(code, msg).at(line, 1);
        let Value::Object(a) = a else {
            return Err(err(
                "overlay.action",
                format!(
                    "action {index}: expected a mapping with `target` and `update` or `remove`"
                ),
            ));
        };
        let Some(Value::String(target)) = a.get("target") else {
            return Err(err(
                "overlay.action",
                format!("action {index}: expected `target:`, a JSONPath string starting with `$`"),
            ));
        };
        let path = parse_path(target).map_err(|(col, what)| {
            err(
                "overlay.jsonpath",
                format!(
                    "action {index}: invalid JSONPath `{target}` at column {col}: expected {what}"
                ),
            )
        })?;
        let remove = match a.get("remove") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(err(
                    "overlay.action",
                    format!("action {index}: `remove` must be true or false, found `{other}`"),
                ));
            }
        };
        let update = a.get("update").cloned();
        for k in a.keys() {
            if !matches!(k.as_str(), "target" | "description" | "update" | "remove")
                && !k.starts_with("x-")
            {
                warnings.push(
                    Diagnostic::warning(
                        "overlay.unknown-key",
                        format!(
                            "action {index}: `{k}` is not an Overlay 1.0 action field; ignored"
                        ),
                    )
                    .at(line, 1),
                );
            }
        }
        if !remove && update.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "overlay.no-op",
                    format!("action {index}: neither `update` nor `remove: true`; nothing to do"),
                )
                .at(line, 1),
            );
        }
        actions.push(Action {
            index,
            line,
            target: target.clone(),
            path,
            update,
            remove,
        });
    }
    Ok(actions)
}

fn is_version_1_0(v: &str) -> bool {
    v.strip_prefix("1.0.")
        .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}
