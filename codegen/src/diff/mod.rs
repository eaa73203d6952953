//! `cpaas spec diff`: what changed between two versions of an API document, in terms of the
//! generated Rust API, each change marked breaking or not by semver rules.
//!
//! Both files are lowered under the same provider/API name and compared by wire names
//! (operation ids, parameter `in`+name, property names, component schema names), never by the
//! derived Rust names; each change also names the Rust item it is in (the method
//! `create_call`, the type `types::Call`) as lowering named it in the new version's IR. The
//! rules:
//!
//! | change | breaking |
//! |---|---|
//! | operation removed or renamed (operationId) | yes |
//! | operation added | no |
//! | method or path changed (same operationId; the Rust method stays) | no |
//! | parameter, request field or response field removed | yes |
//! | required parameter / request field / request body added | yes |
//! | optional request field added (request models are exhaustive structs, see below) | yes |
//! | optional parameter, response field added | no |
//! | type changed (including nullability and integer width) | yes |
//! | parameter or request field made required | yes |
//! | parameter or request field made optional | no |
//! | response field made optional or required (its Rust type changes) | yes |
//! | enum value removed (its Rust variant goes) | yes |
//! | enum value added | no |
//! | request or response content type changed | yes |
//! | documented error status removed / added | yes / no |
//! | an accepted auth scheme removed, or auth required where none was | yes |
//! | another auth scheme accepted | no |
//! | paginated list no longer recognised (`stream()`, `pages()` go) | yes |
//! | paginated list recognised (`stream()`, `pages()` added) | no |
//! | pagination pattern or items path changed, same item type | no |
//! | type of the items `stream()` yields changed | yes |
//! | event stream removed (`events()` goes) / added | yes / no |
//! | type of the data `events()` yields changed (JSON type, JSON <-> text) | yes |
//! | default server URL changed | no |
//! | server variable without default added | yes |
//!
//! Why an optional request field is breaking: `emit/models.rs` generates every model as a
//! public struct with public fields and no `#[non_exhaustive]`, and no constructor. A builder
//! has a setter per body field, but also `body(value)` taking the whole request model, and a
//! body field whose type is an object takes that nested model, so users do write struct
//! literals of request models; a literal that does not name a new field no longer compiles
//! (`..Default::default()` helps only while every field is optional). Optional parameters are
//! builder setters only, so adding one breaks nobody. Response models are read, not built, by
//! the code the generator asks users to write, so a new response field stays non-breaking
//! (a literal or exhaustive pattern of a response model, in a user's test, would break).
//!
//! A component schema used by several operations is compared once, under its name; operations
//! report only what is their own (parameters, inline bodies, which schema they use).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::Diagnostic;
use crate::ir::Api;

mod differ;
mod methods;
mod operations;
mod report;
mod types;

use differ::Differ;
pub use report::{Change, Diff, line};

/// Reads, recovers and lowers both files (as provider `diff`, API `api`) and compares them.
/// Warnings of both runs are returned beside the diff.
pub fn diff_files(old: &Path, new: &Path) -> Result<(Diff, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut lower_one = |p: &Path| -> Result<Api, Vec<Diagnostic>> {
        let (report, rec, ds) = crate::config::recover_file(p)?;
        diags.extend(ds);
        let Some(rec) = rec else {
            return Err(vec![
                Diagnostic::error(
                    "diff.no-frontend",
                    format!("format `{}` has no frontend yet", report.format.id()),
                )
                .in_file(p),
            ]);
        };
        let input = crate::lower::Input {
            path: p.to_path_buf(),
            format: report.format.id().to_string(),
            recovered: rec,
        };
        let (api, ds) = crate::lower::lower("diff", "api", &[input]).map_err(|d| vec![d])?;
        diags.extend(ds);
        Ok(api)
    };
    let a = lower_one(old)?;
    let b = lower_one(new)?;
    Ok((diff_apis(&a, &b), diags))
}

/// Compares two lowered versions of one API.
pub fn diff_apis(old: &Api, new: &Api) -> Diff {
    let mut d = Differ {
        old,
        new,
        out: Vec::new(),
        seen: HashSet::new(),
        rust: HashMap::new(),
    };
    d.servers();
    d.auth_schemes();
    d.operations();
    d.schemas();
    let mut changes = d.out;
    changes.sort();
    changes.dedup();
    Diff {
        changes,
        operations: (old.operations.len(), new.operations.len()),
    }
}

#[cfg(test)]
pub(crate) mod tests;
