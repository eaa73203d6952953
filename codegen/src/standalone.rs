//! `cpaas generate`: a standalone crate (Cargo.toml + src/lib.rs) from API documents, ready for
//! `cargo build` as it is. Output is deterministic: the same inputs give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{Collected, Error, write_atomic};
use crate::diag::Diagnostic;
use crate::emit::{self, CliTables, EmitOptions};
use crate::naming::snake;

mod bin;
mod portable;

/// The crate documentation's section on what `send()` returns.
const SUCCESS_DOC: &str = "//!
//! # Success types
//!
//! `send()` returns `ResponseValue<T>` (the value plus status, headers, request id) where `T`
//! follows the success answers (2xx, documented 3xx) of the operation: the body's type when
//! they all have the same body (`()` for none); `Option<T>` for a JSON body beside an empty
//! `204`; else the operation's `types::<Op>Success` enum, one variant per status (and media
//! type, where a status documents several). Answers are decoded by status and `Content-Type`;
//! a media type not documented for the status is `Error::UnexpectedContentType`.
";

/// What [`generate_crate`] produced.
#[derive(Debug)]
pub struct Report {
    /// APIs generated.
    pub apis: usize,
    /// Operations generated.
    pub operations: usize,
    /// Lines of `src/lib.rs`.
    pub lines: usize,
    /// Warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// The provider and API a file belongs to: `…/<provider>/<api>/<file>` when those folders are
/// module names, else `generated` and the file's stem.
pub fn api_of(path: &Path) -> (String, String) {
    let comps: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !s.starts_with(|c: char| c.is_ascii_digit())
            && !crate::naming::is_keyword(s)
    };
    if comps.len() >= 3 {
        let (p, a) = (&comps[comps.len() - 3], &comps[comps.len() - 2]);
        if ok(p) && ok(a) {
            return (p.clone(), a.clone());
        }
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
    ("generated".into(), snake(stem))
}

/// Generates a crate named `name` into `out` from `files`; generated code depends on the
/// `cpaas-runtime` crate at `runtime_path`.
pub fn generate_crate(
    out: &Path,
    name: &str,
    files: &[PathBuf],
    runtime_path: &Path,
) -> Result<Report, Error> {
    generate_crate_within(out, name, files, runtime_path, None)
}

/// [`generate_crate`], with the `$ref`s of multi-file documents allowed anywhere under
/// `bundle_root` (`None`: each document's own folder; see [`crate::bundle::bundle_within`]).
pub fn generate_crate_within(
    out: &Path,
    name: &str,
    files: &[PathBuf],
    runtime_path: &Path,
    bundle_root: Option<&Path>,
) -> Result<Report, Error> {
    let mut groups: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        groups.entry(api_of(f)).or_default().push(f.clone());
    }
    let (apis, diagnostics) = collect(groups, bundle_root)?;
    let runtime = runtime_path.display().to_string().replace('\\', "/");
    let dep = format!("{{ path = \"{runtime}\" }}");
    write_crate(out, name, &apis, diagnostics, &dep)
}

/// Where a generated crate finds `cpaas-runtime`.
#[derive(Debug, Clone)]
pub enum RuntimeDep {
    /// A registry version requirement (`"0.1"`), written as `cpaas-runtime = "<req>"`.
    Version(String),
    /// The runtime's folder, written relative to the generated crate's folder (absolute only
    /// when no relative path exists, e.g. on another Windows drive).
    Path(PathBuf),
}

/// What [`generate_portable`] is asked for; names left out are made from the first
/// document's `info.title` or the file stem, never from folder names.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// The Cargo package name (made valid by [`crate::naming::crate_name`]).
    pub crate_name: Option<String>,
    /// The provider module every API goes under (default `generated`).
    pub provider: Option<String>,
    /// The API module all inputs go into (default: one API per file, named by its stem).
    pub api: Option<String>,
    /// The runtime dependency.
    pub runtime: RuntimeDep,
    /// The folder `$ref`s may reach (see [`crate::bundle::bundle_within`]).
    pub bundle_root: Option<PathBuf>,
    /// The operations to generate (default: all), over all inputs (see [`crate::select`]).
    pub selection: crate::select::Selection,
}

/// A crate that stays valid when moved: names from `opts` (or from the inputs, never their
/// folders), the runtime dependency as a version or a relative path, and source files named
/// relative to the inputs' folder (the file name alone for one input) in every generated file.
pub fn generate_portable(
    out: &Path,
    files: &[PathBuf],
    opts: &CrateOptions,
) -> Result<Report, Error> {
    let provider = opts.provider.as_deref().map_or("generated".into(), snake);
    let mut groups: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        let api = opts.api.as_deref().map_or_else(
            || snake(f.file_stem().and_then(|s| s.to_str()).unwrap_or("api")),
            snake,
        );
        groups
            .entry((provider.clone(), api))
            .or_default()
            .push(f.clone());
    }
    let (mut apis, mut diagnostics) = collect(groups, opts.bundle_root.as_deref())?;
    if let Err(errors) = opts
        .selection
        .apply_to_warnings(&mut apis, &mut diagnostics)
    {
        diagnostics.extend(errors);
        return Err(Error { diagnostics });
    }
    let base = portable::common_folder(files);
    for api in &mut apis {
        for s in &mut api.sources {
            s.path = portable::shown(&s.path, &base);
        }
        for op in &mut api.operations {
            op.source.file = portable::shown(&op.source.file, &base);
        }
    }
    for d in &mut diagnostics {
        if let Some(f) = d.file.as_mut() {
            *f = portable::shown(f, &base);
        }
    }
    let name = match &opts.crate_name {
        Some(n) => crate::naming::crate_name(n),
        None => {
            let title = apis.first().and_then(|a| a.title.clone());
            let stem = files
                .first()
                .and_then(|f| f.file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            crate::naming::crate_name(&title.or(stem).unwrap_or_default())
        }
    };
    let dep = match &opts.runtime {
        RuntimeDep::Version(req) => format!("\"{}\"", req.replace(['"', '\\'], "")),
        RuntimeDep::Path(p) => {
            let rel = portable::relative(&portable::absolute(out), p)
                .unwrap_or_else(|| portable::absolute(p));
            format!("{{ path = \"{}\" }}", portable::slashed(&rel))
        }
    };
    write_crate(out, &name, &apis, diagnostics, &dep)
}

/// Reads and lowers every `(provider, api)` group; the APIs and the run's warnings, or every
/// diagnostic when something could not be read.
fn collect(
    groups: BTreeMap<(String, String), Vec<PathBuf>>,
    bundle_root: Option<&Path>,
) -> Result<(Vec<crate::ir::Api>, Vec<Diagnostic>), Error> {
    let mut c = Collected {
        bundle_root: bundle_root.map(Path::to_path_buf),
        ..Collected::default()
    };
    for ((provider, api), mut paths) in groups {
        paths.sort();
        c.add_api(&provider, &api, &paths);
    }
    let Collected {
        apis,
        mut diagnostics,
        failed,
        ..
    } = c;
    if failed || apis.is_empty() {
        if apis.is_empty() && !failed {
            diagnostics.push(Diagnostic::error(
                "generate.nothing",
                "no input file could be read by a frontend: nothing to generate",
            ));
        }
        return Err(Error { diagnostics });
    }
    Ok((apis, diagnostics))
}

/// Emits `apis` and writes `Cargo.toml` (package `name`, `cpaas-runtime = <dep>`) and
/// `src/lib.rs` into `out`.
fn write_crate(
    out: &Path,
    name: &str,
    apis: &[crate::ir::Api],
    diagnostics: Vec<Diagnostic>,
    dep: &str,
) -> Result<Report, Error> {
    let crate_ident = name.replace('-', "_");
    let opts = EmitOptions {
        crate_name: crate_ident.clone(),
        cli: CliTables::Feature("cli".into()),
        warnings: crate::config::warning_pairs(&diagnostics),
        ..EmitOptions::default()
    };
    let code = emit::emit(apis, &opts).map_err(|e| Error {
        diagnostics: vec![Diagnostic::error(e.code(), e.to_string())],
    })?;
    let lib = format!(
        "//! Typed clients generated by cpaas-codegen. Do not edit: regenerate with `cpaas generate`.\n{SUCCESS_DOC}{}\n{code}",
        bin::crate_doc(name)
    );
    let cargo = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ncpaas-runtime = {dep}\n\n{}\n\
         # Not part of any enclosing workspace.\n[workspace]\n",
        bin::cargo_sections(name)
    );
    let io = |e: std::io::Error, p: &Path| Error {
        diagnostics: vec![
            Diagnostic::error("output.write", format!("cannot write: {e}")).in_file(p),
        ],
    };
    let cargo_path = out.join("Cargo.toml");
    write_atomic(&cargo_path, &cargo).map_err(|e| io(e, &cargo_path))?;
    let lib_path = out.join("src").join("lib.rs");
    write_atomic(&lib_path, &lib).map_err(|e| io(e, &lib_path))?;
    let main_path = out.join("src").join("main.rs");
    let main = bin::main_rs(name, &crate_ident);
    write_atomic(&main_path, &main).map_err(|e| io(e, &main_path))?;
    Ok(Report {
        apis: apis.len(),
        operations: apis.iter().map(|a| a.operations.len()).sum(),
        lines: lib.lines().count(),
        diagnostics,
    })
}
