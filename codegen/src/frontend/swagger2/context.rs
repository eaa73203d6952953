//! What every conversion step shares: the Swagger 2.0 document being read, its node lines, the
//! warnings gathered so far, and the rewriting of local `$ref`s into their OpenAPI 3 places.
//!
//! Warnings carry the JSON pointer of the node in the **Swagger 2.0** document (the node the
//! user wrote) and its line, or that of its nearest ancestor with a known line.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, line_of, pointer_token};

/// The conversion's state.
pub(super) struct Ctx<'a> {
    /// The Swagger 2.0 document.
    pub(super) root: &'a Value,
    locations: &'a BTreeMap<String, usize>,
    /// Warnings so far.
    pub(super) diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// A context over `root`, whose node lines are `locations`.
    pub(super) fn new(root: &'a Value, locations: &'a BTreeMap<String, usize>) -> Self {
        Ctx {
            root,
            locations,
            diags: Vec::new(),
        }
    }

    /// Records a warning about the node at `pointer` of the 2.0 document.
    pub(super) fn warn(&mut self, code: &'static str, pointer: &str, message: impl Into<String>) {
        let line = line_of(self.locations, pointer);
        let mut d = Diagnostic::warning(code, message).pointer(pointer.to_string());
        if line > 0 {
            d = d.at(line, 1);
        }
        self.diags.push(d);
    }

    /// The `$ref` `raw` (found at `at`) pointing at its OpenAPI 3 place: `#/definitions/X` ->
    /// `#/components/schemas/X`, `#/parameters/X` -> `#/components/parameters/X`,
    /// `#/responses/X` -> `#/components/responses/X`. Any other reference is kept, with a
    /// warning.
    pub(super) fn reference(&mut self, raw: &str, at: &str) -> String {
        if let Some(new) = rewrite_ref(raw) {
            return new;
        }
        let what = if raw.starts_with('#') {
            "a local reference outside `definitions`, `parameters` and `responses`"
        } else {
            "a reference to another file that was not bundled"
        };
        self.warn(
            "swagger2.ref-kept",
            at,
            format!("`$ref: {raw}` is {what}; kept as written (expected `#/definitions/…`)"),
        );
        raw.to_string()
    }
}

/// `raw` rewritten to its OpenAPI 3 place, when it is a reference into a section that moves.
pub(super) fn rewrite_ref(raw: &str) -> Option<String> {
    for (old, new) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
        ("#/securityDefinitions/", "#/components/securitySchemes/"),
    ] {
        if let Some(rest) = raw.strip_prefix(old) {
            return Some(format!("{new}{rest}"));
        }
    }
    None
}

/// `base` extended by one pointer segment.
pub(super) fn child(base: &str, segment: &str) -> String {
    format!("{base}/{}", pointer_token(segment))
}

/// Copies every `x-` extension of `from` into `to`.
pub(super) fn copy_extensions(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    for (k, v) in from {
        if k.starts_with("x-") {
            to.insert(k.clone(), v.clone());
        }
    }
}

/// The strings of `v` when it is a list of strings (`consumes`, `produces`, `schemes`).
pub(super) fn strings(v: Option<&Value>) -> Option<Vec<String>> {
    let list = v?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
    )
}
