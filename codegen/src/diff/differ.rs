//! The comparison state shared by the operation and type comparisons: which side of the wire a
//! type is on, the two versions, the changes found so far, and how one change is recorded.

use std::collections::HashSet;

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
}

impl Differ<'_> {
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
            location: location.to_string(),
            kind,
            breaking,
            detail,
        });
    }
}
