//! The emitter: IR into Rust tokens (quote), then source text (prettyplease).
//!
//! Generated code stays thin: models (serde), one builder per operation that fills a
//! `cpaas_runtime::Request` and maps statuses to types, and a small dispatch table for the CLI.
//! Sending, auth, retries and errors live in `cpaas-runtime`, written once by hand.
//!
//! [`emit`] is the entry point; [`tokens`] gives the same module tree as one token tree, for
//! benchmarks and for checking that the parallel print equals printing that tree at once.
//!
//! One file per thing made: `options` (what is asked, how it fails), `plan` (per-operation
//! names and serde needs, decided once), `models`, `errors`, `responses` (success types and
//! the decoding by status and media type), `builder` (with `pagination`: `pages()`/`stream()`,
//! and `events`, the streaming method), `client`, `cli` and
//! `registry` (the generated modules), `pieces` (the file as a list of parts) and `format`
//! (printing the parts on every core), with small helpers in `tokens`.

mod auth_doc;
mod builder;
mod cli;
mod client;
mod errors;
mod events;
mod format;
mod models;
mod multipart;
mod options;
mod pagination;
mod pieces;
mod plan;
mod registry;
mod responses;
mod tokens;

use proc_macro2::TokenStream;

use crate::ir::Api;

pub use options::{CliTables, EmitError, EmitOptions};

/// Emits the whole module tree for `apis` (grouped by provider) as formatted Rust source:
/// `pub mod provider { pub mod api { … } }` per API, then `registry` (with
/// `opts.warnings` as `registry::WARNINGS`), provider modules documented by
/// `opts.provider_docs`.
///
/// Fails with [`EmitError::ModulePrefix`] or [`EmitError::EnvHook`] when those options are
/// not Rust paths, and with [`EmitError::Internal`] when the emitter made code that does not
/// parse (a bug).
pub fn emit(apis: &[Api], opts: &EmitOptions) -> Result<String, EmitError> {
    opts.check()?;
    let prepared: Vec<plan::Prepared> = apis.iter().map(|a| plan::prepare(a, opts)).collect();
    format::format_pieces(&pieces::pieces(&prepared, opts))
}

/// The module tree [`emit`] prints, as one token tree (unformatted): prettyplease gives the
/// same text for it as [`emit`] does. For benchmarks of the token stage and the determinism
/// test; generators should call [`emit`].
pub fn tokens(apis: &[Api], opts: &EmitOptions) -> Result<TokenStream, EmitError> {
    opts.check()?;
    let prepared: Vec<plan::Prepared> = apis.iter().map(|a| plan::prepare(a, opts)).collect();
    pieces::assemble(&pieces::pieces(&prepared, opts))
}
