//! Which warnings a selection keeps: those about the selected operations (a JSON pointer under
//! `/paths/<path>/<method>`, or under `/paths/<path>` of a path item a selected operation
//! comes from), about the component schemas the generated types come from
//! (`/components/schemas/<name>`), and document-level ones (any other pointer, or none) of
//! files that still contribute an API. Warnings about operations and schemas that are not
//! generated go: a user who selected five operations of 1,156 reads only about those five.
//!
//! Contract: only warnings whose file is one of the given source files are considered; every
//! other diagnostic (errors, warnings about other files or about no file) is left as it is.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity, pointer_token};
use crate::ir::Api;
use crate::vocab::HTTP_METHODS;

/// Drops the warnings about the files `sources` (the input files of the APIs a selection was
/// applied to) that concern nothing `selected` (those APIs after the selection) generates.
pub fn keep_selected(diagnostics: &mut Vec<Diagnostic>, sources: &[PathBuf], selected: &[Api]) {
    let kept_files: HashSet<&Path> = selected
        .iter()
        .flat_map(|a| a.sources.iter().map(|s| s.path.as_path()))
        .collect();
    diagnostics.retain(|d| {
        let Some(file) = d.file.as_deref() else {
            return true;
        };
        if d.severity != Severity::Warning || !sources.iter().any(|s| s == file) {
            return true;
        }
        let pointer = d.pointer.as_deref().unwrap_or("");
        if let Some(rest) = pointer.strip_prefix("/paths/") {
            let mut tokens = rest.split('/');
            let path = tokens.next().unwrap_or("");
            let method = tokens.next().filter(|m| HTTP_METHODS.contains(m));
            return selected.iter().flat_map(|a| &a.operations).any(|op| {
                op.source.file == file
                    && pointer_token(&op.path) == path
                    && method.is_none_or(|m| op.method.eq_ignore_ascii_case(m))
            });
        }
        if let Some(rest) = pointer.strip_prefix("/components/schemas/") {
            let name = rest.split('/').next().unwrap_or("");
            return selected
                .iter()
                .filter(|a| a.sources.iter().any(|s| s.path == file))
                .flat_map(|a| &a.types)
                .any(|t| t.source_name.as_deref().map(pointer_token).as_deref() == Some(name));
        }
        kept_files.contains(file)
    });
}
