//! The build-script entry point, in the manner of `prost_build::Config`.
//!
//! ```no_run
//! // build.rs, in `fn main()`:
//! if let Err(e) = cpaas_codegen::Config::new().specs_dir("specs").generate() {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/cpaas_generated.rs"));`
//!
//! Layout rule: `specs/<provider>/<api>/<file>`. Each folder under a provider is one API, a
//! module `<provider>::<api>` with one `Client`; every file in it contributes its operations.
//! Folder names must be Rust identifiers (`api_v2010`, not `api-v2010`). A file named
//! `<file>.overlay.yaml` (or `.overlay.json`) is an OpenAPI Overlay applied to `<file>` after
//! recovery; a recovery warning the overlay settles (an authentication method of unknown type
//! the overlay types or removes) is not repeated. Files and folders starting with `.` and `README*` files are ignored.
//!
//! Multi-file specifications: only files directly in an API folder are documents; the files
//! their `$ref`s lead to live in subfolders of it and are bundled in (see [`crate::bundle`]). A
//! file directly in the folder that another document there references is skipped, with a
//! `bundle.part-of-document` warning.
#![allow(clippy::needless_doctest_main)] // the example is a build script's `main`

use std::fmt;
use std::path::{Path, PathBuf};

use crate::detect::Format;
use crate::diag::{Diagnostic, Severity};
use crate::emit::{self, CliTables, EmitOptions};
use crate::frontend::{self, Outcome, Recovered};
use crate::ir::Api;
use crate::lower::{self, Input};
use crate::select::Selection;

/// Configures and runs code generation.
#[derive(Debug, Clone)]
pub struct Config {
    specs_dir: PathBuf,
    templates_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    out_file: String,
    emit: EmitOptions,
    cargo: Option<bool>,
    bundle_root: Option<PathBuf>,
    selection: Selection,
    api_selections: Vec<(String, String, Selection)>,
    lock_dir: Option<PathBuf>,
    lock_deny: bool,
    lock_update: Option<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

/// Generation failed: every error found, with file, line and what was expected.
#[derive(Debug)]
pub struct Error {
    /// The errors (and the warnings seen before them).
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self.diagnostics.iter().filter(|d| d.is_error()).collect();
        writeln!(f, "cpaas-codegen: {} error(s)", errors.len())?;
        for d in errors {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// What one input file became.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its detected format.
    pub format: Format,
    /// True when the file had no line break at all.
    pub collapsed: bool,
    /// True when a frontend read it (false: no frontend for its format yet).
    pub recovered: bool,
    /// Every file read for it: the file itself, then the files its `$ref`s lead to (see
    /// [`crate::bundle`]).
    pub sources: Vec<PathBuf>,
}

/// The result of a generation run.
#[derive(Debug)]
pub struct Generated {
    /// The APIs, as lowered.
    pub apis: Vec<Api>,
    /// Every input file with its format.
    pub files: Vec<FileReport>,
    /// Warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The generated Rust source.
    pub code: String,
    /// Where it was written, if it was.
    pub written: Option<PathBuf>,
}

impl Config {
    /// Defaults: specs in `specs/`, output `$OUT_DIR/cpaas_generated.rs`.
    pub fn new() -> Self {
        Config {
            specs_dir: PathBuf::from("specs"),
            templates_dir: None,
            out_dir: None,
            out_file: "cpaas_generated.rs".into(),
            emit: EmitOptions {
                crate_name: std::env::var("CARGO_CRATE_NAME")
                    .or_else(|_| std::env::var("CARGO_PKG_NAME"))
                    .map(|n| n.replace('-', "_"))
                    .unwrap_or_else(|_| "cpaas_tokens".into()),
                ..EmitOptions::default()
            },
            cargo: None,
            bundle_root: None,
            selection: Selection::default(),
            api_selections: Vec::new(),
            lock_dir: None,
            lock_deny: false,
            lock_update: None,
        }
    }

    /// The folder that `$ref`s of multi-file documents may reach (see [`crate::bundle`]):
    /// by default each entry document's own folder; a wider root (the specs folder, or the top
    /// of a vendored tree whose entry refers to `../common/Error.yaml`) lets references climb
    /// up to it, never above it.
    pub fn bundle_root(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.bundle_root = Some(dir.into());
        self
    }

    /// Generate only the operations `selection` selects, and the types they reach (see
    /// [`crate::select`]), in every API an API-specific selection ([`select_api`]) does not
    /// cover. A selector no operation of those APIs matches is an error; an API left without
    /// operations is not generated.
    ///
    /// ```no_run
    /// use cpaas_codegen::select::Selection;
    /// cpaas_codegen::Config::new()
    ///     .select(Selection::default().include(["tag:Credentials", "POST /telephony_credentials/*/token"]))
    ///     .generate()
    ///     .unwrap();
    /// ```
    ///
    /// [`select_api`]: Self::select_api
    pub fn select(&mut self, selection: Selection) -> &mut Self {
        self.selection = selection;
        self
    }

    /// Generate only the operations of the API `<provider>::<api>` (the folders
    /// `specs/<provider>/<api>/`) that `selection` selects; its selectors must match
    /// operations of that API. Replaces [`select`](Self::select) for that API.
    pub fn select_api(
        &mut self,
        provider: impl Into<String>,
        api: impl Into<String>,
        selection: Selection,
    ) -> &mut Self {
        let (provider, api) = (provider.into(), api.into());
        self.api_selections
            .retain(|(p, a, _)| *p != provider || *a != api);
        self.api_selections.push((provider, api, selection));
        self
    }

    /// Keep an API lock (see [`crate::lock`]) in `dir`: `<dir>/<provider>/<api>.lock.json`
    /// per generated API (with [`specs_dir`](Self::specs_dir) as `dir`, beside the API's
    /// folder). [`generate`](Self::generate) compares what it generates with it and warns
    /// about every change (breaking ones marked) until the lock is rewritten with
    /// `CPAAS_UPDATE_LOCK=1 cargo build`; a missing lock is a warning, never written unasked.
    pub fn lock_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.lock_dir = Some(dir.into());
        self
    }

    /// Make breaking changes against the lock (and a missing or unreadable lock) build errors,
    /// for CI; also turned on by `CPAAS_LOCK=deny`. Off by default.
    pub fn lock_deny_breaking(&mut self, yes: bool) -> &mut Self {
        self.lock_deny = yes;
        self
    }

    /// Rewrite the lock files instead of comparing (default: when `CPAAS_UPDATE_LOCK` is set
    /// to anything but `0`).
    pub fn update_lock(&mut self, yes: bool) -> &mut Self {
        self.lock_update = Some(yes);
        self
    }

    /// The folder holding `<provider>/<api>/<file>` specs.
    pub fn specs_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.specs_dir = dir.into();
        self
    }

    /// A folder of templates: `<provider>.md` becomes the provider module's documentation.
    pub fn templates_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.templates_dir = Some(dir.into());
        self
    }

    /// Where to write the generated file (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The generated file's name (default `cpaas_generated.rs`).
    pub fn out_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.out_file = name.into();
        self
    }

    /// The name of the crate that includes the generated code, for doc examples.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.emit.crate_name = name.into();
        self
    }

    /// The module path under which the generated tree is included (default: crate root).
    pub fn module_prefix(&mut self, prefix: impl Into<String>) -> &mut Self {
        self.emit.module_prefix = prefix.into();
        self
    }

    /// Generate the command-line tables (`cli` modules, `registry::APIS`, `registry::call`)
    /// that a `cpaas`-style tool dispatches through: [`CliTables::Off`] by default, since a
    /// library that only calls the clients need not compile them.
    pub fn cli(&mut self, tables: CliTables) -> &mut Self {
        self.emit.cli = tables;
        self
    }

    /// Derive both `Serialize` and `Deserialize` on every model (off by default: models
    /// derive `Serialize` when requests carry them and `Deserialize` when responses do,
    /// which roughly halves the generated code's compile time).
    pub fn full_serde(&mut self, yes: bool) -> &mut Self {
        self.emit.full_serde = yes;
        self
    }

    /// Emit `send_blocking` methods behind the including crate's `blocking` feature.
    pub fn blocking(&mut self, yes: bool) -> &mut Self {
        self.emit.blocking = yes;
        self
    }

    /// A function `fn(ClientBuilder, &'static ApiInfo) -> Result<ClientBuilder, ConfigError>`
    /// (a path such as `crate::auth::configure_from_env`) that every `Client::from_env()` calls.
    pub fn env_hook(&mut self, path: impl Into<String>) -> &mut Self {
        self.emit.env_hook = Some(path.into());
        self
    }

    /// A path parameter that `provider`'s clients fill from their configuration (the
    /// credentials glue calls `ClientBuilder::path_default(name, …)`), such as Twilio's
    /// `AccountSid`: documented as filled by the client unless set, never set in examples.
    pub fn client_path_param(&mut self, provider: &str, name: &str) -> &mut Self {
        let pair = (provider.to_owned(), name.to_owned());
        self.emit.client_path_params.push(pair);
        self
    }

    /// Print `cargo:` directives (rerun-if-changed, warnings). Default: when `OUT_DIR` is set.
    pub fn cargo_directives(&mut self, yes: bool) -> &mut Self {
        self.cargo = Some(yes);
        self
    }

    /// Reads every spec, generates the code and writes it (atomically, and only when it
    /// changed). Warnings are printed as cargo warnings under a build script.
    pub fn generate(&self) -> Result<Generated, Error> {
        let cargo = self
            .cargo
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        if cargo {
            println!("cargo:rerun-if-changed={}", self.specs_dir.display());
            if let Some(t) = &self.templates_dir {
                println!("cargo:rerun-if-changed={}", t.display());
            }
            if let Some(l) = &self.lock_dir {
                println!("cargo:rerun-if-changed={}", l.display());
                for var in [crate::lock::UPDATE_ENV, crate::lock::MODE_ENV] {
                    println!("cargo:rerun-if-env-changed={var}");
                }
            }
        }
        let result = self.run().and_then(|g| self.check_lock(g));
        if cargo {
            let diags = match &result {
                Ok(g) => &g.diagnostics,
                Err(e) => &e.diagnostics,
            };
            for d in diags.iter().filter(|d| d.severity == Severity::Warning) {
                println!("cargo:warning={}", d.to_string().replace('\n', " "));
            }
        }
        let mut generated = result?;
        if cargo {
            for source in generated
                .files
                .iter()
                .flat_map(|f| f.sources.iter().skip(1))
            {
                println!("cargo:rerun-if-changed={}", source.display());
            }
        }
        let out_dir = match &self.out_dir {
            Some(d) => Some(d.clone()),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from),
        };
        if let Some(dir) = out_dir {
            let path = dir.join(&self.out_file);
            write_atomic(&path, &generated.code).map_err(|e| Error {
                diagnostics: vec![
                    Diagnostic::error("output.write", format!("cannot write: {e}")).in_file(&path),
                ],
            })?;
            generated.written = Some(path);
        }
        Ok(generated)
    }

    /// Generates without writing anything.
    pub fn run(&self) -> Result<Generated, Error> {
        let layout = scan_specs(&self.specs_dir).map_err(|d| Error {
            diagnostics: vec![d],
        })?;
        let mut c = Collected {
            bundle_root: self.bundle_root.clone(),
            ..Collected::default()
        };
        for (provider, api, paths) in layout {
            c.add_api(&provider, &api, &paths);
        }
        let Collected {
            apis,
            files,
            mut diagnostics,
            failed,
            ..
        } = c;
        if failed {
            return Err(Error { diagnostics });
        }
        let apis = self
            .apply_selections(apis, &mut diagnostics)
            .map_err(|errors| {
                diagnostics.extend(errors);
                Error {
                    diagnostics: std::mem::take(&mut diagnostics),
                }
            })?;
        let mut code = String::from(
            "// @generated by cpaas-codegen from the vendored specs. Do not edit: edit the specs \
             or their overlays and rebuild.\n\n",
        );
        let opts = EmitOptions {
            provider_docs: self.provider_docs(&apis),
            warnings: warning_pairs(&diagnostics),
            ..self.emit.clone()
        };
        let body = emit::emit(&apis, &opts).map_err(|e| Error {
            diagnostics: vec![Diagnostic::error(e.code(), e.to_string())],
        })?;
        code.push_str(&body);
        Ok(Generated {
            apis,
            files,
            diagnostics,
            code,
            written: None,
        })
    }

    /// The lock's diagnostics added to `generated` (see [`lock_dir`](Self::lock_dir)), or
    /// every diagnostic when one of them is an error.
    fn check_lock(&self, mut generated: Generated) -> Result<Generated, Error> {
        let Some(dir) = &self.lock_dir else {
            return Ok(generated);
        };
        let mut opts = crate::lock::LockOptions::from_env(dir, self.lock_deny);
        opts.update = self.lock_update.unwrap_or(opts.update);
        generated
            .diagnostics
            .extend(crate::lock::check(&generated.apis, &opts));
        if generated.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error {
                diagnostics: generated.diagnostics,
            });
        }
        Ok(generated)
    }

    /// The APIs with [`select`](Self::select) and [`select_api`](Self::select_api) applied
    /// (in their order), or every selection error. An API-specific selection naming no API is
    /// a `select.unknown-api` error. Warnings about what a selection leaves out are dropped
    /// from `diagnostics` ([`Selection::apply_to_warnings`]).
    fn apply_selections(
        &self,
        apis: Vec<Api>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Api>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let names: Vec<String> = apis
            .iter()
            .map(|a| format!("{}::{}", a.provider, a.name))
            .collect();
        for (p, a, _) in &self.api_selections {
            let name = format!("{p}::{a}");
            if !names.contains(&name) {
                let hint = crate::select::closest(&name, names.iter().map(String::as_str))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                errors.push(Diagnostic::error(
                    "select.unknown-api",
                    format!("a selection names the API `{name}`, which the specs folder does not hold{hint}"),
                ));
            }
        }
        let own = |api: &Api| {
            self.api_selections
                .iter()
                .position(|(p, a, _)| *p == api.provider && *a == api.name)
        };
        // Selected separately: each API with its own selection, and the rest together.
        let mut groups: Vec<(Option<usize>, Vec<Api>)> = Vec::new();
        for api in apis {
            let key = own(&api);
            match groups.iter_mut().find(|(k, _)| *k == key && k.is_none()) {
                Some((_, g)) => g.push(api),
                None => groups.push((key, vec![api])),
            }
        }
        let mut out = Vec::new();
        for (key, mut group) in groups {
            let sel = key.map_or(&self.selection, |i| &self.api_selections[i].2);
            match sel.apply_to_warnings(&mut group, diagnostics) {
                Ok(()) => out.extend(group),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Back in the order the APIs were read.
        out.sort_by_key(|a| {
            names
                .iter()
                .position(|n| *n == format!("{}::{}", a.provider, a.name))
        });
        Ok(out)
    }

    fn provider_docs(&self, apis: &[Api]) -> Vec<(String, String)> {
        let Some(dir) = &self.templates_dir else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for a in apis {
            if out.iter().any(|(p, _): &(String, String)| *p == a.provider) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(dir.join(format!("{}.md", a.provider))) {
                out.push((a.provider.clone(), text));
            }
        }
        out
    }
}

/// The warnings of a run as `(file, "line:col: warning[code]: message (at pointer)")`, in order;
/// the file is empty for a warning about no file.
pub fn warning_pairs(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| {
            let file = d
                .file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            let mut message = String::new();
            if d.line > 0 {
                message.push_str(&format!("{}:{}: ", d.line, d.col.max(1)));
            }
            message.push_str(&format!("warning[{}]: {}", d.code, d.message));
            if let Some(p) = &d.pointer {
                message.push_str(&format!(" (at {p})"));
            }
            (file, message)
        })
        .collect()
}

/// APIs recovered and lowered so far, with every file's report and diagnostic.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub(crate) apis: Vec<Api>,
    pub(crate) files: Vec<FileReport>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) failed: bool,
    /// The folder `$ref`s may reach (`None`: each entry document's folder).
    pub(crate) bundle_root: Option<PathBuf>,
}

impl Collected {
    /// Recovers every file of one API and lowers them together; errors are recorded, not
    /// returned, so one run reports every broken file at once.
    pub(crate) fn add_api(&mut self, provider: &str, api: &str, paths: &[PathBuf]) {
        let root = self.bundle_root.as_deref();
        let results: Vec<_> = paths.iter().map(|p| recover_file_within(p, root)).collect();
        // A file that another document of the folder references is part of that document
        // (unless the two reference each other: then both are read).
        let mut part_of: Vec<(PathBuf, PathBuf, &Path)> = Vec::new();
        for (path, r) in paths.iter().zip(&results) {
            if let Ok((report, _, _)) = r {
                let by = crate::bundle::normalize_path(path);
                for s in report.sources.iter().skip(1) {
                    part_of.push((crate::bundle::normalize_path(s), by.clone(), path));
                }
            }
        }
        let mut inputs = Vec::new();
        for (path, result) in paths.iter().zip(results) {
            let me = crate::bundle::normalize_path(path);
            let referrer = part_of.iter().find(|(s, by, _)| {
                *s == me
                    && *by != me
                    && !part_of.iter().any(|(s2, by2, _)| *s2 == *by && *by2 == me)
            });
            if let Some((_, _, by)) = referrer {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "bundle.part-of-document",
                        format!(
                            "referenced by `{}`, so read as part of that document, not as one \
                             of its own (move it into a subfolder to silence this note)",
                            by.display()
                        ),
                    )
                    .in_file(path),
                );
                continue;
            }
            match result {
                Ok((report, rec, diags)) => {
                    self.diagnostics.extend(diags);
                    if let Some(rec) = rec {
                        inputs.push(Input {
                            path: path.clone(),
                            format: report.format.id().to_string(),
                            recovered: rec,
                        });
                    }
                    self.files.push(report);
                }
                Err(d) => {
                    self.failed = true;
                    self.diagnostics.extend(d);
                }
            }
        }
        if inputs.is_empty() {
            return;
        }
        match lower::lower(provider, api, &inputs) {
            Ok((ir, diags)) => {
                self.diagnostics.extend(diags);
                self.apis.push(ir);
            }
            Err(d) => {
                self.failed = true;
                self.diagnostics.push(d);
            }
        }
    }
}

/// Reads one file and recovers its OpenAPI document (overlay applied), with its diagnostics.
/// `Ok((report, None, _))` is a file whose format has no frontend yet (a warning).
pub fn recover_file(
    path: &Path,
) -> Result<(FileReport, Option<Recovered>, Vec<Diagnostic>), Vec<Diagnostic>> {
    recover_file_within(path, None)
}

/// [`recover_file`], with the `$ref`s of a multi-file document allowed anywhere under `root`
/// (see [`crate::bundle::bundle_within`]); `None`: under the file's own folder.
pub fn recover_file_within(
    path: &Path,
    root: Option<&Path>,
) -> Result<(FileReport, Option<Recovered>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::error("input.read", format!("cannot read: {e}")).in_file(path)]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        vec![
            Diagnostic::error("input.utf8", "expected UTF-8 text")
                .at_offset(&prefix, at)
                .in_file(path),
        ]
    })?;
    let (text, sources) = bundle_if_needed(path, text, root)?;
    let (detected, outcome) = frontend::recover(&text).map_err(|d| vec![d.in_file(path)])?;
    let mut report = FileReport {
        path: path.to_path_buf(),
        format: detected.format,
        collapsed: detected.collapsed,
        recovered: false,
        sources,
    };
    match outcome {
        Outcome::Unsupported(d) => {
            let w = Diagnostic::warning(
                "detect.no-frontend",
                format!(
                    "detected format `{}`{}, which has no frontend yet; file skipped",
                    d.format,
                    if d.collapsed {
                        " (whitespace-collapsed)"
                    } else {
                        ""
                    }
                ),
            )
            .in_file(path);
            Ok((report, None, vec![w]))
        }
        Outcome::Recovered(mut rec) => {
            report.recovered = true;
            let mut diags: Vec<Diagnostic> = std::mem::take(&mut rec.diagnostics)
                .into_iter()
                .map(|d| d.in_file(path))
                .collect();
            let overlaid = apply_overlay(path, &mut rec)?;
            if let Some(ws) = overlaid {
                diags.retain(|d| !settled(d, &rec.doc));
                diags.extend(ws);
            }
            Ok((report, Some(rec), diags))
        }
    }
}

/// An OpenAPI or Swagger 2.0 document whose `$ref`s lead to other files, bundled into one
/// document (as JSON text); any other text as it is. Also returns every file read.
fn bundle_if_needed(
    path: &Path,
    text: String,
    root: Option<&Path>,
) -> Result<(String, Vec<PathBuf>), Vec<Diagnostic>> {
    let plain = vec![path.to_path_buf()];
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let format = crate::detect::detect(body).format;
    if !matches!(format, Format::OpenApi | Format::Swagger2)
        || !crate::bundle::may_hold_external_refs(body)
    {
        return Ok((text, plain));
    }
    // A document that does not parse is reported by its frontend, as before.
    let Ok(doc) = frontend::yaml::parse(body) else {
        return Ok((text, plain));
    };
    let bundled = crate::bundle::bundle_within(path, doc, root)?;
    if bundled.files.len() <= 1 {
        return Ok((text, plain));
    }
    let json = serde_json::to_string(&bundled.doc).map_err(|e| {
        vec![Diagnostic::error("bundle.internal", format!("cannot serialize: {e}")).in_file(path)]
    })?;
    Ok((json, bundled.files))
}

/// Applies `<file>.overlay.yaml` / `.overlay.json` when it exists: `Some(its warnings)`, or
/// `None` when there is no overlay.
fn apply_overlay(
    path: &Path,
    rec: &mut Recovered,
) -> Result<Option<Vec<Diagnostic>>, Vec<Diagnostic>> {
    for ext in ["overlay.yaml", "overlay.yml", "overlay.json"] {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{ext}"));
        let overlay = PathBuf::from(name);
        if let Ok(text) = std::fs::read_to_string(&overlay) {
            return crate::overlay::apply(&mut rec.doc, &text)
                .map(|ws| Some(ws.into_iter().map(|d| d.in_file(&overlay)).collect()))
                .map_err(|d| vec![d.in_file(&overlay)]);
        }
    }
    Ok(None)
}

/// True for a recovery warning that an overlay settled: `*.auth-type-unknown` about a security
/// scheme the overlaid document no longer has, or now gives a `type`.
fn settled(d: &Diagnostic, doc: &serde_json::Value) -> bool {
    d.code.ends_with(".auth-type-unknown")
        && !d.is_error()
        && d.pointer
            .as_deref()
            .is_some_and(|p| doc.pointer(p).is_none_or(|s| s.get("type").is_some()))
}

fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("README")
        || name.ends_with(".overlay.yaml")
        || name.ends_with(".overlay.yml")
        || name.ends_with(".overlay.json")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(
            "input.specs-dir",
            format!("cannot read the specs folder: {e}"),
        )
        .in_file(dir)
    })?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !is_ignored(n))
        })
        .collect();
    v.sort();
    Ok(v)
}

fn valid_module(name: &str) -> bool {
    let mut cs = name.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && cs.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !crate::naming::is_keyword(name)
}

/// Finds `<provider>/<api>/<files>` under `dir`, sorted, validating folder names.
pub fn scan_specs(dir: &Path) -> Result<Vec<(String, String, Vec<PathBuf>)>, Diagnostic> {
    let mut out = Vec::new();
    for provider in sorted_entries(dir)? {
        if !provider.is_dir() {
            continue;
        }
        let pname = provider
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        for api in sorted_entries(&provider)? {
            if !api.is_dir() {
                continue;
            }
            let aname = api
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            for n in [&pname, &aname] {
                if !valid_module(n) {
                    return Err(Diagnostic::error(
                        "input.folder-name",
                        format!(
                            "folder `{n}` is not a Rust module name: expected lowercase letters, \
                             digits and `_` (the layout is specs/<provider>/<api>/<file>)"
                        ),
                    )
                    .in_file(&api));
                }
            }
            let files: Vec<PathBuf> = sorted_entries(&api)?
                .into_iter()
                .filter(|p| p.is_file())
                .collect();
            if !files.is_empty() {
                out.push((pname.clone(), aname, files));
            }
        }
    }
    Ok(out)
}

/// Writes `contents` to `path` through a temporary file and a rename, so a reader never sees
/// half a file; leaves the file untouched when it already holds `contents`.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
