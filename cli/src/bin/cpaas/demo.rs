//! The main job (`cargo run`), the mock provider and `spec diff`.
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cpaas_cli::mock::{MockOptions, MockProvider, RecordedRequest};
use cpaas_runtime::cli::{ApiEntry, Args, OperationInfo};
use cpaas_runtime::{Auth, Client};
use cpaas_tokens::registry;

pub use cpaas_runtime::cli::{Failure, Style, describe_error, pretty};

/// Dummy credentials for the demo, set only when the variable is unset: never real secrets.
const DEMO_ENV: &[(&str, &str)] = &[
    ("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"),
    ("TWILIO_AUTH_TOKEN", "demo-auth-token"),
    (
        "SIGNALWIRE_PROJECT_ID",
        "0a1b2c3d-0000-4000-8000-000000000000",
    ),
    ("SIGNALWIRE_API_TOKEN", "PTdemo-api-token"),
    ("SIGNALWIRE_SPACE", "demo"),
    ("TELNYX_API_KEY", "KEYdemo-api-key"),
];

/// Sets the demo's dummy credentials for this process where unset; returns the names set.
///
/// Call before any other thread starts (the environment is process-global).
pub fn prepare_env() -> Vec<&'static str> {
    let mut set = Vec::new();
    for (var, value) in DEMO_ENV {
        if std::env::var_os(var).is_none_or(|v| v.is_empty()) {
            // SAFETY: called from `main` before the async runtime or any other thread exists,
            // so nothing reads the environment concurrently.
            unsafe { std::env::set_var(var, value) };
            set.push(*var);
        }
    }
    set
}

fn indent(text: &str, by: &str, max_lines: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines
        .iter()
        .take(max_lines)
        .map(|l| format!("{by}{l}"))
        .collect();
    if lines.len() > max_lines {
        out.push(format!("{by}… ({} more lines)", lines.len() - max_lines));
    }
    out.join("\n")
}

fn operations() -> Vec<(&'static ApiEntry, &'static OperationInfo)> {
    registry::APIS
        .iter()
        .flat_map(|e| e.operations.iter().map(move |o| (e, o)))
        .collect()
}

/// The file of an `OperationInfo::source` (`specs/x/y/file.txt:12` -> `specs/x/y/file.txt`).
fn source_file(source: &str) -> &str {
    match source.rsplit_once(':') {
        Some((file, line)) if line.chars().all(|c| c.is_ascii_digit()) => file,
        _ => source,
    }
}

/// The demo's arguments for `op`: an example for every required flag, except path
/// parameters the client fills from its credentials (`AccountSid`).
fn example_args(op: &OperationInfo, client: &Client) -> Vec<(String, String)> {
    op.flags
        .iter()
        .filter(|f| f.required)
        .filter(|f| !(f.location == "path" && client.path_default(f.wire).is_some()))
        .map(|f| (f.name.to_string(), f.example.to_string()))
        .collect()
}

/// A client of `entry` against the mock: credentials through the provider glue (the demo's
/// dummy environment), else dummy credentials of a kind the operation accepts.
fn demo_client(entry: &ApiEntry, op: &OperationInfo, base_url: String) -> Result<Client, String> {
    let builder = Client::builder(entry.info);
    let builder = match cpaas_tokens::auth::configure_from_env(builder, entry.info) {
        Ok(b) => b,
        Err(e) => return Err(e.to_string()),
    };
    let builder = if matches!(entry.info.provider, "twilio" | "signalwire" | "telnyx") {
        builder
    } else {
        match op.auth.first() {
            Some(a) if a.kind == "basic" => builder.auth(Auth::Basic {
                username: "demo".into(),
                password: "demo".into(),
            }),
            Some(a) if a.kind == "api-key" && a.location == "header" => {
                builder.auth(Auth::ApiKeyHeader {
                    name: a.name,
                    value: "demo-key".into(),
                })
            }
            Some(_) => builder.auth(Auth::Bearer("demo-token".into())),
            None => builder,
        }
    };
    builder
        .base_url(base_url)
        .max_retries(0)
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())
}

/// Runs the demo: lists every generated operation with its source and warnings, starts the
/// mock provider, calls every operation through the generated clients and prints what was
/// sent and the typed answer. Exit 0 when every call succeeded.
pub async fn run(dummy_env: Vec<&'static str>) -> Result<ExitCode, String> {
    let started = Instant::now();
    let s = Style::stdout();
    let ops = operations();
    let files: Vec<&str> = {
        let mut f: Vec<&str> = ops.iter().map(|(_, o)| source_file(o.source)).collect();
        f.dedup();
        f
    };
    println!(
        "{}",
        s.bold(&format!(
            "cpaas-tokens: {} operation(s) in {} API(s), generated from {} vendored document(s)",
            ops.len(),
            registry::APIS.len(),
            files.len()
        ))
    );
    for (entry, op) in &ops {
        println!(
            "\n  {} {} {}  {} {}{}",
            s.cyan(entry.info.provider),
            entry.info.api,
            s.bold(op.name),
            op.method,
            entry.info.base_url,
            op.path
        );
        println!("    {} -> {}", op.rust_path, op.summary);
        println!("    source: {} (format {})", op.source, op.format);
        let file = source_file(op.source);
        for (_, msg) in registry::WARNINGS.iter().filter(|(f, _)| *f == file) {
            println!("    {}", s.yellow(msg));
        }
    }
    let other: Vec<&(&str, &str)> = registry::WARNINGS
        .iter()
        .filter(|(f, _)| !files.contains(f))
        .collect();
    if !other.is_empty() {
        println!("\n  Files that gave no operation:");
        for (f, msg) in other {
            println!("    {f}: {}", s.yellow(msg));
        }
    }

    let mock = MockProvider::start_with(MockOptions::default())
        .await
        .map_err(|e| format!("cannot start the mock provider on loopback: {e}"))?;
    println!(
        "\n{} {}",
        s.bold("Mock provider (answers from the specs' examples and types):"),
        mock.base_url()
    );
    if !dummy_env.is_empty() {
        println!("  dummy credentials for this run: {}", dummy_env.join(", "));
    }
    println!();

    let total = ops.len();
    let mut failed = 0usize;
    for (i, (entry, op)) in ops.iter().enumerate() {
        let progress = format!("[{}/{total}]", i + 1);
        println!(
            "{} {} {} {}",
            s.bold(&progress),
            entry.info.provider,
            entry.info.api,
            s.bold(op.name)
        );
        let client = match demo_client(entry, op, mock.base_url_for(entry.info)) {
            Ok(c) => c,
            Err(e) => {
                failed += 1;
                println!("      {} cannot build the client: {e}", s.red("error:"));
                continue;
            }
        };
        let args = example_args(op, &client);
        if !args.is_empty() {
            let shown: Vec<String> = args.iter().map(|(k, v)| format!("--{k} {v}")).collect();
            println!("      {}", s.dim(&format!("args: {}", shown.join(" "))));
        }
        let before = mock.requests().len();
        let result = registry::call(
            entry.info.provider,
            entry.info.api,
            op.name,
            client,
            &Args::new(args),
        )
        .await;
        let sent: Vec<RecordedRequest> = mock.requests().into_iter().skip(before).collect();
        for r in &sent {
            println!("      -> {} {}", r.method, r.target);
        }
        match result {
            None => {
                failed += 1;
                println!(
                    "      {} the registry does not dispatch `{}`",
                    s.red("error:"),
                    op.name
                );
            }
            Some(Ok(out)) => {
                println!(
                    "      {} HTTP {}{}",
                    s.green("<-"),
                    out.status,
                    out.request_id
                        .as_deref()
                        .map(|r| format!(" (request id {r})"))
                        .unwrap_or_default()
                );
                println!("{}", indent(&pretty(&out.body), "         ", 24));
            }
            Some(Err(e)) => {
                failed += 1;
                let Failure { head, body, .. } = describe_error(&e);
                println!("      {} {head}", s.red("error:"));
                if let Some(b) = body {
                    println!("{}", indent(&pretty(&b), "         ", 24));
                }
            }
        }
    }
    drop(mock);
    let secs = started.elapsed().as_secs_f64();
    let line = format!(
        "{}/{} operation(s) answered and decoded through the generated clients ({secs:.2} s)",
        total - failed,
        total
    );
    if failed == 0 {
        println!("\n{}", s.green(&line));
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\n{}", s.red(&line));
        Ok(ExitCode::FAILURE)
    }
}

/// Serves the mock provider until Ctrl-C, one line per request.
pub async fn serve_mock(port: u16) -> Result<ExitCode, String> {
    let s = Style::stdout();
    let log = std::sync::Arc::new(move |r: &RecordedRequest| {
        let what = r
            .operation
            .as_ref()
            .map(|(p, a, o)| format!("{p}/{a} {o}"))
            .unwrap_or_else(|| "no operation".into());
        let status = r.status.to_string();
        let status = if r.status < 400 {
            s.green(&status)
        } else {
            s.red(&status)
        };
        println!(
            "{} {} -> {status} {what} ({} ms)",
            r.method,
            r.target,
            r.elapsed.as_millis()
        );
    });
    let mock = MockProvider::start_with(MockOptions {
        port,
        on_request: Some(log),
        ..MockOptions::default()
    })
    .await
    .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "{} {}",
        s.bold("Mock provider listening on"),
        mock.base_url()
    );
    let mut providers: Vec<&str> = Vec::new();
    for e in registry::APIS {
        println!(
            "  {:<10} {:<16} {}",
            e.info.provider,
            e.info.api,
            mock.base_url_for(e.info)
        );
        if !providers.contains(&e.info.provider) {
            providers.push(e.info.provider);
        }
    }
    println!("Point a whole provider at it, e.g.:");
    for p in providers {
        println!("  {}_BASE_URL={}", p.to_ascii_uppercase(), mock.base_url());
    }
    println!(
        "A request header `{}: 404` asks for a documented error response. Ctrl-C stops.",
        cpaas_cli::mock::STATUS_HEADER
    );
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    mock.shutdown().await;
    Ok(ExitCode::SUCCESS)
}

/// Which changes make `cpaas spec diff` exit with status 1 (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A breaking change.
    Breaking,
    /// Any change at all.
    Any,
    /// None: the report only (the default).
    Never,
}

impl FailOn {
    /// How many changes of this class `diff` has.
    fn count(self, diff: &cpaas_codegen::diff::Diff) -> usize {
        match self {
            FailOn::Breaking => diff.breaking(),
            FailOn::Any => diff.changes.len(),
            FailOn::Never => 0,
        }
    }
}

/// Exit status of `cpaas spec diff` when a document cannot be read, recovered or lowered
/// (1 is for changes of the `--fail-on` class; 2 is also what clap uses for usage errors).
const DIFF_UNREADABLE: u8 = 2;

/// `cpaas spec diff`: both files lowered under one name, compared by wire names. Exit status:
/// 0, or 1 when a change of the `fail_on` class exists, or [`DIFF_UNREADABLE`].
pub fn spec_diff(
    old: &std::path::Path,
    new: &std::path::Path,
    json: bool,
    fail_on: FailOn,
) -> ExitCode {
    let unreadable = |message: &str| {
        eprintln!("{} {message}", Style::stderr().red("error:"));
        ExitCode::from(DIFF_UNREADABLE)
    };
    let (diff, warnings) = match cpaas_codegen::diff::diff_files(old, new) {
        Ok(x) => x,
        Err(ds) => {
            let text: Vec<String> = ds.iter().map(ToString::to_string).collect();
            return unreadable(&text.join("\n"));
        }
    };
    if !warnings.is_empty() {
        eprintln!(
            "({} warning(s) while reading the documents; `cpaas spec export FILE` shows them)",
            warnings.len()
        );
    }
    if json {
        match serde_json::to_string_pretty(&diff.to_json()) {
            Ok(text) => println!("{text}"),
            Err(e) => return unreadable(&e.to_string()),
        }
    } else {
        let s = Style::stdout();
        println!(
            "{}",
            s.bold(&format!("{} -> {}", old.display(), new.display()))
        );
        for l in diff.render().lines() {
            if l.starts_with("Breaking") {
                println!("{}", s.red(l));
            } else if l.starts_with("Non-breaking") {
                println!("{}", s.green(l));
            } else {
                println!("{l}");
            }
        }
    }
    match fail_on.count(&diff) {
        0 => ExitCode::SUCCESS,
        n => {
            let class = match fail_on {
                FailOn::Breaking => "breaking ",
                _ => "",
            };
            eprintln!(
                "{} {n} {class}change(s) (--fail-on {})",
                Style::stderr().red("spec diff failed:"),
                clap::ValueEnum::to_possible_value(&fail_on)
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default()
            );
            ExitCode::FAILURE
        }
    }
}
