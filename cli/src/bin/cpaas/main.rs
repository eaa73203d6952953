//! `cpaas`: check what the generator understood, generate standalone crates, and call the
//! generated clients from the command line.
//!
//! ```text
//! cpaas                                   run the demo: every operation against an embedded mock
//! cpaas ops [--json]                      list every generated operation
//! cpaas spec export FILE [--root DIR]     the OpenAPI 3.1 document recovered from FILE
//! cpaas spec diff OLD NEW [--json] [--fail-on breaking|any|never]
//!                                         API changes between two versions (exit 1: gate CI)
//! cpaas generate --out DIR [--crate-name N] [--provider P] [--api A] [--runtime-version REQ]
//!                [--root DIR] [--operations SEL,...] [--exclude-operations SEL,...] FILE...
//!                                         a standalone crate generated from FILEs
//! cpaas call PROVIDER OPERATION [--FLAG VALUE]... [--base-url URL] [--verbose] [--json]
//! cpaas mock [--port N]                   serve the mock provider on loopback
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cpaas_codegen::select::closest;
use cpaas_codegen::standalone::{CrateOptions, RuntimeDep};
use cpaas_runtime::cli::{ApiEntry, OperationInfo, Program, run_call};
use cpaas_tokens::registry;

mod demo;

#[derive(Parser)]
#[command(
    name = "cpaas",
    version,
    about = "Typed CPaaS credential clients generated from vendored API docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List every generated operation: provider, API, method, URL template, Rust path, source.
    Ops {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Inspect vendored API documents.
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
    /// Generate a standalone crate (Cargo.toml + src) from API documents.
    Generate {
        /// Output folder (created; existing generated files are replaced).
        #[arg(long)]
        out: PathBuf,
        /// Crate name (default: the first document's `info.title`, else the file stem).
        #[arg(long = "crate-name", alias = "name")]
        crate_name: Option<String>,
        /// Provider module every API goes under (default: `generated`).
        #[arg(long)]
        provider: Option<String>,
        /// API module all inputs go into (default: one API per file, named by its stem).
        #[arg(long)]
        api: Option<String>,
        /// Depend on `cpaas-runtime = "<REQ>"` from a registry (default: this repository's
        /// `runtime/` by a path relative to the generated crate, or this binary's version from
        /// the registry when it was installed without the repository).
        #[arg(long = "runtime-version", value_name = "REQ")]
        runtime_version: Option<String>,
        /// The folder that `$ref`s of multi-file documents may reach (default: each
        /// document's own folder).
        #[arg(long)]
        root: Option<PathBuf>,
        /// Generate only these operations (and the types they reach), comma-separated: an
        /// operationId, a Rust method name, `tag:NAME`, or `[METHOD] /path/pattern` (`*` one
        /// segment, `**` any). Default: all.
        #[arg(long, value_delimiter = ',', value_name = "SELECTOR,...")]
        operations: Vec<String>,
        /// Leave out these operations (same forms), applied after --operations.
        #[arg(
            long = "exclude-operations",
            value_delimiter = ',',
            value_name = "SELECTOR,..."
        )]
        exclude_operations: Vec<String>,
        /// Input files (names never come from their folders).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Call an operation through the generated client.
    ///
    /// OPERATION is the Rust method name in kebab-case; flags are the wire names of parameters
    /// and body fields in kebab-case (repeat a flag for arrays). Credentials come from the
    /// provider's environment variables. Run `cpaas call PROVIDER OPERATION --help` for flags.
    #[command(disable_help_flag = true)]
    Call {
        /// Provider (`twilio`, `signalwire`, `telnyx`).
        provider: String,
        /// Operation, e.g. `create-token`.
        operation: Option<String>,
        /// `--FLAG VALUE` pairs, plus `--base-url URL`, `--verbose`, `--json`,
        /// `--retry-non-idempotent`, `--idempotency-key KEY`, `--timeout SECONDS`, `--help`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Serve the mock provider (answers every generated operation from its spec) on loopback.
    Mock {
        /// Port (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

#[derive(Subcommand)]
enum SpecCommand {
    /// Print the API recovered from one vendored file as one OpenAPI 3.1 JSON document
    /// (warnings on stderr).
    Export {
        /// The file.
        file: PathBuf,
        /// The folder that its `$ref`s to other files may reach (default: the file's folder).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// What changed between two versions of a document, in terms of the generated Rust API.
    ///
    /// Each change names the wire item (operationId, schema, parameter, field) and the Rust
    /// item of the generated code (method, `types::Type`), and says whether it is breaking.
    ///
    /// Exit status: 0 when no change of the `--fail-on` class exists (always, with the default
    /// `never`); 1 when one does; 2 when a document cannot be read, recovered or lowered (or
    /// the command line is wrong).
    Diff {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Exit with status 1 when a change of this class exists: `breaking`, `any`, or
        /// `never` (report only).
        #[arg(long, value_enum, default_value_t = demo::FailOn::Never)]
        fail_on: demo::FailOn,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Before any thread exists: the demo sets dummy credentials where none are configured.
    let demo_env = if cli.command.is_none() {
        demo::prepare_env()
    } else {
        Vec::new()
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        None => runtime.block_on(demo::run(demo_env)),
        Some(Command::Ops { json }) => ops(json),
        Some(Command::Spec {
            command: SpecCommand::Export { file, root },
        }) => spec_export(&file, root.as_deref()),
        Some(Command::Spec {
            command:
                SpecCommand::Diff {
                    old,
                    new,
                    json,
                    fail_on,
                },
        }) => Ok(demo::spec_diff(&old, &new, json, fail_on)),
        Some(Command::Generate {
            out,
            crate_name,
            provider,
            api,
            runtime_version,
            root,
            operations,
            exclude_operations,
            files,
        }) => {
            let runtime = match runtime_version {
                Some(req) => RuntimeDep::Version(req),
                None => default_runtime(),
            };
            let opts = CrateOptions {
                crate_name,
                provider,
                api,
                runtime,
                bundle_root: root,
                selection: cpaas_codegen::select::Selection::default()
                    .include(operations)
                    .exclude(exclude_operations),
            };
            generate(&out, &opts, &files)
        }
        Some(Command::Call {
            provider,
            operation,
            rest,
        }) => runtime.block_on(call(&provider, operation.as_deref(), &rest)),
        Some(Command::Mock { port }) => runtime.block_on(demo::serve_mock(port)),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{} {message}", demo::Style::stderr().red("error:"));
            ExitCode::FAILURE
        }
    }
}

type CmdResult = Result<ExitCode, String>;

fn ops(json: bool) -> CmdResult {
    if json {
        let rows: Vec<serde_json::Value> = registry::APIS
            .iter()
            .flat_map(|e| {
                e.operations.iter().map(move |o| {
                    serde_json::json!({
                        "provider": e.info.provider, "api": e.info.api, "operation": o.name,
                        "method": o.method, "url": format!("{}{}", e.info.base_url, o.path),
                        "rust": o.rust_path, "source": o.source, "format": o.format,
                    })
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for e in registry::APIS {
        for o in e.operations {
            println!(
                "{:<11} {:<16} {:<34} {:<6} {}{}\n{:<11} rust: {}\n{:<11} source: {} ({})",
                e.info.provider,
                e.info.api,
                o.name,
                o.method,
                e.info.base_url,
                o.path,
                "",
                o.rust_path,
                "",
                o.source,
                o.format
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn spec_export(file: &std::path::Path, root: Option<&std::path::Path>) -> CmdResult {
    let (_, rec, diags) = cpaas_codegen::config::recover_file_within(file, root).map_err(|ds| {
        ds.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    for d in &diags {
        eprintln!("{d}");
    }
    let Some(mut rec) = rec else {
        return Err(format!(
            "{}: no frontend for this file's format yet",
            file.display()
        ));
    };
    cpaas_codegen::normalize::to_openapi_31(&mut rec.doc);
    println!(
        "{}",
        serde_json::to_string_pretty(&rec.doc).map_err(|e| e.to_string())?
    );
    Ok(ExitCode::SUCCESS)
}

fn generate(out: &std::path::Path, opts: &CrateOptions, files: &[PathBuf]) -> CmdResult {
    let report = cpaas_codegen::standalone::generate_portable(out, files, opts)
        .map_err(|e| e.to_string())?;
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    eprintln!(
        "generated {} operation(s) in {} API(s) into {} ({} lines)",
        report.operations,
        report.apis,
        out.display(),
        report.lines
    );
    Ok(ExitCode::SUCCESS)
}

async fn call(provider: &str, operation: Option<&str>, rest: &[String]) -> CmdResult {
    let apis: Vec<&'static ApiEntry> = registry::APIS
        .iter()
        .filter(|e| e.info.provider == provider)
        .collect();
    if apis.is_empty() {
        let hint = closest(provider, registry::APIS.iter().map(|e| e.info.provider))
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        let all: Vec<&str> = registry::APIS.iter().map(|e| e.info.provider).collect();
        return Err(format!(
            "no provider `{provider}`{hint}; providers: {}",
            dedup(all).join(", ")
        ));
    }
    let credentials = |builder, entry: &'static ApiEntry, _: &'static OperationInfo| {
        cpaas_tokens::auth::configure_from_env(builder, entry.info).map_err(|e| {
            format!(
                "{e}\n(to try the clients without an account, run `cpaas` for the demo, or \
                 `cpaas mock` and pass its URL with --base-url)"
            )
        })
    };
    let program = Program {
        usage: format!("cpaas call {provider}"),
        title: provider.to_string(),
        apis,
        credentials: &credentials,
    };
    run_call(&program, operation, rest).await
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.dedup();
    v
}

/// The runtime a generated crate depends on without `--runtime-version`: the repository's
/// `runtime/` by a path when this binary was built from the repository, else the registry's
/// release of this binary's own version (the workspace shares one version).
fn default_runtime() -> RuntimeDep {
    let local = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime"));
    if local.join("Cargo.toml").is_file() {
        RuntimeDep::Path(local.to_path_buf())
    } else {
        RuntimeDep::Version(env!("CARGO_PKG_VERSION").to_string())
    }
}
