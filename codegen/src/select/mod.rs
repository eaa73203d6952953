//! Operation selection: generating only some operations of an API, and only the types they
//! reach. It runs in one place, between lowering and emitting ([`Selection::apply`] prunes
//! the [`ir::Api`]s), so the clients, models, error enums, mock answers and command-line
//! tables all follow from the pruned IR; no frontend and no emitter knows about it.
//!
//! A [`Selection`] holds include and exclude [selectors](Selector) (operationId, Rust method
//! name, `tag:NAME`, `[METHOD] /path/pattern`): an operation is generated when the include
//! list is empty or one include selector matches it, and no exclude selector matches it. A
//! selection applies to a set of APIs (every API of a [`crate::Config`] run, or the one API
//! [`crate::Config::select_api`] names): an API left without any operation is dropped.
//!
//! A selector that matches no operation of those APIs is an error, never silently ignored
//! (`select.unknown-operation`, `select.unknown-tag`, `select.no-match`), naming the closest
//! existing name; so is a selection that leaves nothing (`select.nothing-selected`).
//!
//! Warnings follow the selection ([`keep_selected`]): only those about the selected
//! operations, the schemas their types come from, and the documents as a whole are printed.
//!
//! [`ir::Api`]: crate::ir::Api

mod glob;
mod prune;
mod selector;
mod suggest;
mod warnings;

pub use glob::path_matches;
pub use prune::{prune_types, reached};
pub use selector::Selector;
pub use suggest::{closest, distance};
pub use warnings::keep_selected;

use crate::diag::Diagnostic;
use crate::ir::{Api, Operation};

/// Which operations to generate: include and exclude selectors, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selectors of the operations to generate (empty: all).
    pub include: Vec<String>,
    /// Selectors of operations not to generate, applied after `include`.
    pub exclude: Vec<String>,
}

impl Selection {
    /// Adds include selectors (see [`Selector::parse`] for their forms).
    pub fn include<S: Into<String>>(mut self, selectors: impl IntoIterator<Item = S>) -> Self {
        self.include.extend(selectors.into_iter().map(Into::into));
        self
    }

    /// Adds exclude selectors.
    pub fn exclude<S: Into<String>>(mut self, selectors: impl IntoIterator<Item = S>) -> Self {
        self.exclude.extend(selectors.into_iter().map(Into::into));
        self
    }

    /// True when it selects every operation (no selector at all).
    pub fn is_all(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Keeps only the selected operations of `apis` and the types they reach, dropping APIs
    /// left without operations. Every selector must match at least one operation of `apis`;
    /// otherwise the errors (every one at once) and nothing changed.
    pub fn apply(&self, apis: &mut Vec<Api>) -> Result<(), Vec<Diagnostic>> {
        if self.is_all() {
            return Ok(());
        }
        let mut errors = Vec::new();
        let mut parse = |list: &[String]| -> Vec<Selector> {
            list.iter()
                .filter_map(|s| Selector::parse(s).map_err(|d| errors.push(d)).ok())
                .collect()
        };
        let include = parse(&self.include);
        let exclude = parse(&self.exclude);
        let ops: Vec<&Operation> = apis.iter().flat_map(|a| &a.operations).collect();
        for s in include.iter().chain(&exclude) {
            if !ops.iter().any(|op| s.matches(op)) {
                errors.push(no_match(s, &ops, apis));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let selected = |op: &Operation| {
            (include.is_empty() || include.iter().any(|s| s.matches(op)))
                && !exclude.iter().any(|s| s.matches(op))
        };
        if !ops.iter().any(|op| selected(op)) {
            return Err(vec![Diagnostic::error(
                "select.nothing-selected",
                format!(
                    "the selection (include {:?}, exclude {:?}) leaves no operation to generate",
                    self.include, self.exclude
                ),
            )]);
        }
        for api in apis.iter_mut() {
            api.operations.retain(|op| selected(op));
            prune_types(api);
        }
        apis.retain(|a| !a.operations.is_empty());
        Ok(())
    }
}

impl Selection {
    /// [`apply`](Self::apply), also dropping from `diagnostics` the warnings about what the
    /// selection leaves out (see [`keep_selected`]); nothing is dropped when it selects all.
    pub fn apply_to_warnings(
        &self,
        apis: &mut Vec<Api>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(), Vec<Diagnostic>> {
        if self.is_all() {
            return Ok(());
        }
        let sources: Vec<std::path::PathBuf> = apis
            .iter()
            .flat_map(|a| a.sources.iter().map(|s| s.path.clone()))
            .collect();
        self.apply(apis)?;
        keep_selected(diagnostics, &sources, apis);
        Ok(())
    }
}

/// The error for a selector no operation matches, with the closest name there is.
fn no_match(s: &Selector, ops: &[&Operation], apis: &[Api]) -> Diagnostic {
    let names: Vec<String> = apis
        .iter()
        .map(|a| format!("{}::{}", a.provider, a.name))
        .collect();
    let within = format!("in {}", names.join(", "));
    let hint = |c: Option<&str>| {
        c.map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default()
    };
    match s {
        Selector::Operation(name) => {
            let candidates = ops
                .iter()
                .flat_map(|o| [o.id.as_str(), o.rust_name.as_str()]);
            Diagnostic::error(
                "select.unknown-operation",
                format!(
                    "no operation has the operationId or Rust method name `{name}` {within}{}",
                    hint(closest(name, candidates))
                ),
            )
        }
        Selector::Tag(tag) => {
            let candidates = ops.iter().flat_map(|o| o.tags.iter().map(String::as_str));
            Diagnostic::error(
                "select.unknown-tag",
                format!(
                    "no operation has the tag `{tag}` {within}{}",
                    hint(closest(tag, candidates))
                ),
            )
        }
        Selector::Path { method, .. } => {
            let shown: Vec<String> = ops
                .iter()
                .map(|o| match method {
                    Some(_) => format!("{} {}", o.method, o.path),
                    None => o.path.clone(),
                })
                .collect();
            let hint = hint(closest(&s.to_string(), shown.iter().map(String::as_str)));
            Diagnostic::error(
                "select.no-match",
                format!(
                    "no operation's {} matches `{s}` {within}{hint}",
                    if method.is_some() {
                        "method and path"
                    } else {
                        "path"
                    },
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests;
