//! The API lock: the generated API's surface, kept in a checked-in file per API
//! (`<lock dir>/<provider>/<api>.lock.json`, pretty JSON, sorted, no descriptions), so that a
//! changed vendored document shows as a reviewable change of the Rust API.
//!
//! [`check`] compares what is generated now with the lock by the rules of `cpaas spec diff`
//! ([`crate::diff::diff_apis`], rules table in `diff/mod.rs`; one set of rules): both sides are
//! rebuilt from their [`Surface`] and compared. Every change is a `lock.change` warning naming
//! the Rust item (`operation createToken (POST /tokens) [create_token]: …`), a breaking one a
//! `lock.breaking` warning, and a `lock.outdated` warning says how to accept them. The build
//! never writes into the source tree unasked: a lock is written (or a stale one removed) only
//! with [`LockOptions::update`] (`CPAAS_UPDATE_LOCK=1`); a missing lock is a `lock.missing`
//! warning. With [`LockOptions::deny_breaking`] (`CPAAS_LOCK=deny`), for CI, breaking changes,
//! a missing lock and an unreadable one are errors instead.
//!
//! Lock formats: format 2 ([`FORMAT`], a `"format": 2` key) records each operation's pagination
//! and event stream; a format 1 lock (no key) is still read and compared without them, with a
//! `lock.format` warning saying so until it is rewritten. A lock of a newer format than this
//! generator knows is `lock.invalid`.
//!
//! Contract: reads and writes lock files only under the lock folder; decides nothing about
//! what breaks (that is the diff's table).

mod surface;
mod typeref;

pub use surface::{
    AuthSurface, BodySurface, FORMAT, KindSurface, MemberSurface, OperationSurface, PagesSurface,
    ServerSurface, SuccessSurface, Surface, TaggedSurface, TypeSurface,
};

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::diff::{diff_apis, line};
use crate::ir::Api;

/// The environment variable that rewrites the lock files (`CPAAS_UPDATE_LOCK=1 cargo build`).
pub const UPDATE_ENV: &str = "CPAAS_UPDATE_LOCK";
/// The environment variable that makes breaking changes build errors (`CPAAS_LOCK=deny`).
pub const MODE_ENV: &str = "CPAAS_LOCK";
/// What to run to accept the changes, as the warnings say it.
pub const UPDATE_COMMAND: &str = "CPAAS_UPDATE_LOCK=1 cargo build";

/// How the lock is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOptions {
    /// The folder holding `<provider>/<api>.lock.json`.
    pub dir: PathBuf,
    /// Breaking changes, a missing and an unreadable lock are errors, not warnings.
    pub deny_breaking: bool,
    /// Write the lock files from what is generated (and remove those of APIs no longer
    /// generated) instead of comparing.
    pub update: bool,
}

impl LockOptions {
    /// Options for `dir`: `deny_breaking` as given or when `CPAAS_LOCK=deny`, `update` when
    /// `CPAAS_UPDATE_LOCK` is set to anything but `0` or nothing.
    pub fn from_env(dir: impl Into<PathBuf>, deny_breaking: bool) -> Self {
        let env = |name: &str| std::env::var(name).unwrap_or_default();
        LockOptions {
            dir: dir.into(),
            deny_breaking: deny_breaking || env(MODE_ENV).eq_ignore_ascii_case("deny"),
            update: !matches!(env(UPDATE_ENV).as_str(), "" | "0"),
        }
    }

    /// The lock file of `<provider>::<api>`.
    pub fn path(&self, provider: &str, api: &str) -> PathBuf {
        self.dir.join(provider).join(format!("{api}.lock.json"))
    }
}

/// The lock file's text for `api`: its [`Surface`] as pretty JSON, ending in a line break.
pub fn render(api: &Api) -> String {
    let mut text = serde_json::to_string_pretty(&Surface::of(api)).unwrap_or_default();
    text.push('\n');
    text
}

/// Checks (or, with [`LockOptions::update`], writes) the locks of `apis`, the APIs as
/// generated (after selection). Returns the diagnostics: warnings, and errors when
/// [`LockOptions::deny_breaking`] makes them so or a file cannot be written.
pub fn check(apis: &[Api], opts: &LockOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut expected = Vec::new();
    for api in apis {
        let path = opts.path(&api.provider, &api.name);
        expected.push(path.clone());
        let text = render(api);
        let old = std::fs::read_to_string(&path).ok();
        if opts.update {
            if old.as_deref() != Some(text.as_str()) {
                out.push(write(&path, &text));
            }
            continue;
        }
        match old {
            None => out.push(
                severe(opts, "lock.missing")(format!(
                    "`{}::{}` has no API lock; write it with `{UPDATE_COMMAND}` and check it in",
                    api.provider, api.name
                ))
                .in_file(&path),
            ),
            Some(old) if old == text => {}
            Some(old) => compare(&old, api, &path, opts, &mut out),
        }
    }
    // Locks of APIs that are no longer generated: every operation of theirs is gone.
    for path in lock_files(&opts.dir) {
        if expected.contains(&path) {
            continue;
        }
        if opts.update {
            out.push(match std::fs::remove_file(&path) {
                Ok(()) => Diagnostic::warning(
                    "lock.updated",
                    "removed: its API is no longer generated".to_string(),
                )
                .in_file(&path),
                Err(e) => {
                    Diagnostic::error("lock.write", format!("cannot remove: {e}")).in_file(&path)
                }
            });
            continue;
        }
        if let Ok(old) = std::fs::read_to_string(&path) {
            let (provider, name) = provider_api(&path);
            let gone = Api {
                provider,
                name,
                ..Api::default()
            };
            compare(&old, &gone, &path, opts, &mut out);
        }
    }
    out
}

/// Compares the lock text `old` with `api` and reports every change, then how to accept them.
fn compare(old: &str, api: &Api, path: &Path, opts: &LockOptions, out: &mut Vec<Diagnostic>) {
    let name = format!("{}::{}", api.provider, api.name);
    let surface = serde_json::from_str::<Surface>(old)
        .map_err(|e| typeref::invalid(format!("{e}")).at(e.line(), e.column()));
    let records_methods = surface.as_ref().is_ok_and(Surface::records_methods);
    let locked = match surface.and_then(|s| s.to_api()) {
        Ok(a) => a,
        Err(mut d) => {
            if !opts.deny_breaking {
                d.severity = crate::diag::Severity::Warning;
            }
            out.push(d.in_file(path));
            return;
        }
    };
    // Both sides through the surface, so only what the lock holds is compared.
    let mut now = match Surface::of(api).to_api() {
        Ok(a) => a,
        Err(d) => return out.push(d.in_file(path)),
    };
    if !records_methods {
        // A format 1 lock: no pagination or event stream recorded, so none compared (their
        // absence there says nothing).
        for op in &mut now.operations {
            op.pagination = None;
            op.events = None;
        }
        out.push(
            Diagnostic::warning(
                "lock.format",
                format!(
                    "`{name}`: lock format 1 does not record pagination and event streams, so \
                     changes to `stream()`, `pages()` and `events()` are not checked; \
                     `{UPDATE_COMMAND}` rewrites it in format {FORMAT}"
                ),
            )
            .in_file(path),
        );
    }
    let diff = diff_apis(&locked, &now);
    for c in &diff.changes {
        let d = if c.breaking {
            severe(opts, "lock.breaking")(format!("`{name}`: breaking change: {}", line(c)))
        } else {
            Diagnostic::warning("lock.change", format!("`{name}`: change: {}", line(c)))
        };
        out.push(d.in_file(path));
    }
    out.push(
        Diagnostic::warning(
            "lock.outdated",
            format!(
                "the generated API `{name}` differs from its lock ({} change(s), {} breaking); \
                 review, then accept with `{UPDATE_COMMAND}`",
                diff.changes.len(),
                diff.breaking()
            ),
        )
        .in_file(path),
    );
}

/// A warning, or an error under [`LockOptions::deny_breaking`].
fn severe(opts: &LockOptions, code: &'static str) -> impl Fn(String) -> Diagnostic {
    let deny = opts.deny_breaking;
    move |message| {
        if deny {
            Diagnostic::error(code, message)
        } else {
            Diagnostic::warning(code, message)
        }
    }
}

/// Writes a lock file: a `lock.updated` warning, or a `lock.write` error.
fn write(path: &Path, text: &str) -> Diagnostic {
    match crate::config::write_atomic(path, text) {
        Ok(()) => Diagnostic::warning(
            "lock.updated",
            "written from the generated API: review and check it in".to_string(),
        )
        .in_file(path),
        Err(e) => Diagnostic::error("lock.write", format!("cannot write: {e}")).in_file(path),
    }
}

/// Every `<dir>/<provider>/<api>.lock.json`, sorted.
fn lock_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for provider in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(provider.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = f.path();
            if p.is_file() && p.to_string_lossy().ends_with(".lock.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The provider and API a lock file's path names.
fn provider_api(path: &Path) -> (String, String) {
    let api = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".lock.json"))
        .unwrap_or_default();
    let provider = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    (provider.to_string(), api.to_string())
}

#[cfg(test)]
mod tests;
