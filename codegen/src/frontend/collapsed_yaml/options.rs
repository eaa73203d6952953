//! The reader's public types: [`Options`] (how it behaves) and [`Parsed`] (what
//! [`parse`](super::parse) returns).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diag::Diagnostic;

/// How the parser behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Apply Fern's emitter habits (R3: `servers` is root-level).
    pub fern_habits: bool,
    /// Step budget; `None` means `100_000 + 10 × tokens`.
    pub budget: Option<usize>,
    /// Search for a second complete parse and flag where it differs (on by default).
    pub check_ambiguity: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fern_habits: true,
            budget: None,
            check_ambiguity: true,
        }
    }
}

/// The result of [`parse`](super::parse).
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The recovered document.
    pub value: Value,
    /// Warnings: `fern.ambiguous` (two complete readings differ), `fern.example-ambiguous`
    /// (they differ only inside schema example data), `fern.empty-value` (a value
    /// taken as empty, usually after tag deletion), `fern.relaxed` (strict rules had no reading).
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offsets (into the page) of mapping nodes up to four pointer segments deep.
    pub offsets: BTreeMap<String, usize>,
    /// Search steps spent.
    pub steps: usize,
}
