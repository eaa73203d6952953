//! The state of one lowering: the [`Input`] documents, the [`Lowerer`] that accumulates the
//! API, its namespaces, diagnostics and `$ref` caches, and the per-document [`Doc`] context.
//!
//! A leaf of `lower`: it holds data and the two primitives every other part uses (reporting a
//! warning, following a local `$ref`); what gets lowered lives in the sibling modules.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::helpers::{resolve_pointer, str_of};
use crate::diag::Diagnostic;
use crate::frontend::Recovered;
use crate::ir::{Api, TypeRef};
use crate::naming::Namespace;

/// One input document of an API.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its detected format id.
    pub format: String,
    /// What its frontend recovered.
    pub recovered: Recovered,
}

/// What lowering one API builds up as it reads its documents.
pub(super) struct Lowerer {
    pub(super) api: Api,
    pub(super) types_ns: Namespace,
    pub(super) ops_ns: Namespace,
    pub(super) diags: Vec<Diagnostic>,
    /// `(document, $ref)` -> lowered type, so each component is lowered once.
    pub(super) refs: HashMap<(usize, String), TypeRef>,
    /// `(component name, canonical JSON)` -> type: identical components of several files of
    /// one API share one Rust type.
    pub(super) shared: HashMap<(String, String), TypeRef>,
    pub(super) doc_index: usize,
}

/// Per-document context.
pub(super) struct Doc<'a> {
    pub(super) root: &'a Value,
    pub(super) file: &'a Path,
    pub(super) locations: &'a BTreeMap<String, usize>,
    /// The type name of each schema component (see [`component_type_names`]).
    pub(super) type_names: &'a HashMap<String, String>,
}

/// The type name of every `components.schemas` entry of `root`: its
/// [`component_type`](crate::naming::component_type), or its full [`camel`](crate::naming::camel)
/// name where two components' short names would be the same.
pub(super) fn component_type_names(root: &Value) -> HashMap<String, String> {
    let Some(schemas) = root
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return HashMap::new();
    };
    let short: Vec<(&String, String)> = schemas
        .keys()
        .map(|k| (k, crate::naming::component_type(k)))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, s) in &short {
        *count.entry(s.as_str()).or_default() += 1;
    }
    short
        .iter()
        .map(|(k, s)| {
            let name = if count[s.as_str()] > 1 {
                crate::naming::camel(k)
            } else {
                s.clone()
            };
            ((*k).clone(), name)
        })
        .collect()
}

impl Lowerer {
    pub(super) fn warn(&mut self, code: &'static str, file: &Path, pointer: String, msg: String) {
        self.diags.push(
            Diagnostic::warning(code, msg)
                .pointer(pointer)
                .in_file(file),
        );
    }

    /// Follows a local `$ref` (to any depth, cycles end at the first repeat).
    pub(super) fn deref_value<'v>(&mut self, doc: &Doc<'v>, v: &'v Value) -> &'v Value {
        let mut cur = v;
        for _ in 0..32 {
            match str_of(cur, "$ref") {
                Some(r) => match resolve_pointer(doc.root, r) {
                    Some(t) => cur = t,
                    None => return cur,
                },
                None => return cur,
            }
        }
        cur
    }
}
