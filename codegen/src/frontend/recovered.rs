//! What a frontend hands back: [`Recovered`], the OpenAPI document recovered from one input file
//! with its diagnostics and source locations, and [`Outcome`], what happened to the file.
//!
//! A leaf module: every frontend imports these from here (re-exported as
//! `cpaas_codegen::frontend::{Recovered, Outcome}`), so no frontend reaches back up into
//! `frontend/mod.rs`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::detect::Detected;
use crate::diag::Diagnostic;

/// An OpenAPI document recovered from one input file.
#[derive(Debug, Clone, Default)]
pub struct Recovered {
    /// The OpenAPI 3.1 document, as JSON.
    pub doc: Value,
    /// Warnings about heuristic decisions, conflicts and facts the format could not carry.
    pub diagnostics: Vec<Diagnostic>,
    /// 1-based source lines of nodes, by JSON pointer (at least every operation).
    pub locations: BTreeMap<String, usize>,
}

impl Recovered {
    /// A recovered document with no diagnostics yet.
    pub fn new(doc: Value) -> Self {
        Recovered {
            doc,
            ..Default::default()
        }
    }
}

/// What happened to one input file.
#[derive(Debug)]
pub enum Outcome {
    /// The file was read into an OpenAPI document.
    Recovered(Recovered),
    /// The file's format is known but has no frontend yet (a warning, not an error).
    Unsupported(Detected),
}
