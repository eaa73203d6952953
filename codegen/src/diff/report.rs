//! The diff report: [`Change`], [`Diff`] (counts, summary, human-readable and JSON renderings)
//! and [`line`]. Contract: renders changes exactly as recorded; it decides nothing about what
//! changed or whether it breaks.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Where: `operation createCall`, `schema Call`, `servers`, `auth`.
    pub scope: String,
    /// The Rust item the scope is in the generated code, as lowering named it: the method
    /// `create_call` of an operation, the type `types::Call` of a schema; empty for servers
    /// and auth.
    pub rust: String,
    /// What inside the scope: `query parameter page[size]`, `request body field to`, ….
    pub location: String,
    /// Stable kind (`operation-removed`, `type-changed`, `made-required`, …).
    pub kind: &'static str,
    /// Breaking by the module's rules.
    pub breaking: bool,
    /// Old and new, in words.
    pub detail: String,
}

/// Every change between two versions.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// Changes, sorted by scope and location.
    pub changes: Vec<Change>,
    /// Operations in the old and the new version.
    pub operations: (usize, usize),
}

impl Diff {
    /// Number of breaking changes.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// Number of non-breaking changes.
    pub fn non_breaking(&self) -> usize {
        self.changes.len() - self.breaking()
    }

    /// How many changes of each kind, as `(kind, breaking, count)`, sorted.
    pub fn counts(&self) -> Vec<(&'static str, bool, usize)> {
        let mut m: BTreeMap<(&'static str, bool), usize> = BTreeMap::new();
        for c in &self.changes {
            *m.entry((c.kind, c.breaking)).or_default() += 1;
        }
        m.into_iter().map(|((k, b), n)| (k, b, n)).collect()
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        let count = |k: &str| self.changes.iter().filter(|c| c.kind == k).count();
        format!(
            "{} change(s): {} breaking, {} non-breaking; operations {} -> {} ({} added, {} removed, {} renamed)",
            self.changes.len(),
            self.breaking(),
            self.non_breaking(),
            self.operations.0,
            self.operations.1,
            count("operation-added"),
            count("operation-removed"),
            count("operation-renamed"),
        )
    }

    /// Human-readable report: the summary, then breaking changes, then the others.
    pub fn render(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        for (title, breaking) in [("Breaking", true), ("Non-breaking", false)] {
            let list: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.breaking == breaking)
                .collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for c in list {
                let _ = writeln!(out, "  {}", line(c));
            }
        }
        out
    }

    /// JSON for tools: `{summary: {...}, changes: [{scope, rust, location, kind, breaking,
    /// detail}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "summary": {
                "changes": self.changes.len(),
                "breaking": self.breaking(),
                "non_breaking": self.non_breaking(),
                "operations_old": self.operations.0,
                "operations_new": self.operations.1,
            },
            "changes": self.changes.iter().map(|c| json!({
                "scope": c.scope,
                "rust": c.rust,
                "location": c.location,
                "kind": c.kind,
                "breaking": c.breaking,
                "detail": c.detail,
            })).collect::<Vec<_>>(),
        })
    }
}

/// One change as a line: `operation createCall [create_call]: query parameter limit:
/// type-changed (integer -> string)`.
pub fn line(c: &Change) -> String {
    let mut s = c.scope.clone();
    if !c.rust.is_empty() {
        let _ = write!(s, " [{}]", c.rust);
    }
    if !c.location.is_empty() {
        s.push_str(": ");
        s.push_str(&c.location);
    }
    let _ = write!(s, ": {}", c.kind);
    if !c.detail.is_empty() {
        let _ = write!(s, " ({})", c.detail);
    }
    s
}
