//! The comparison state shared by the operation and type comparisons: which side of the wire a
//! type is on, the two versions, the changes found so far, and how one change is recorded.

use std::collections::{HashMap, HashSet};

use super::report::Change;
use crate::ir::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Request,
    Response,
}

pub(super) struct Differ<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    pub(super) out: Vec<Change>,
    /// Anonymous type pairs already compared under a scope (cycles).
    pub(super) seen: HashSet<(TypeId, TypeId, String)>,
    /// The Rust item of each scope (`create_call`, `types::Call`), taken from the IR as
    /// lowering named it; registered with [`Self::name_scope`] before the scope's changes.
    pub(super) rust: HashMap<String, String>,
}

impl Differ<'_> {
    /// Records the Rust item that `scope` is in the generated code.
    pub(super) fn name_scope(&mut self, scope: &str, rust: &str) {
        self.rust.insert(scope.to_string(), rust.to_string());
    }

    pub(super) fn push(
        &mut self,
        scope: &str,
        location: &str,
        kind: &'static str,
        breaking: bool,
        detail: String,
    ) {
        self.out.push(Change {
            scope: scope.to_string(),
            rust: self.rust.get(scope).cloned().unwrap_or_default(),
            location: location.to_string(),
            kind,
            breaking,
            detail,
        });
    }
}
