//! The `call` command (feature `cli`), written once for `cpaas call` and for the binary of
//! every crate `cpaas generate` writes: `<usage> OPERATION [--flag VALUE]... [--base-url URL]
//! [--verbose] [--json] [--timeout SECONDS] [--max-retries N] [--retry-non-idempotent]
//! [--all-pages] [--help]`.
//!
//! Contract: the operation is the Rust method name in kebab-case, flags are wire names in
//! kebab-case (repeated for arrays, `@PATH` for file parts); no operation lists them, `--help`
//! after one prints its flags. Exit status 0 for a success status, 1 for an error answer, a
//! flag that does not check out or missing credentials (the message on stderr), 2 for a
//! command line [`main`] cannot read. Output: the body on stdout (pretty JSON, or the text),
//! `HTTP <status>` on stderr; with `--json`, one JSON document on stdout either way.
//! `--all-pages` prints every item of a paginated list and an operation that streams events
//! prints each event's data, one compact JSON value per line as they arrive (`walk.rs`); an
//! error ends them with exit 1, printed as any error answer.

use std::process::ExitCode;
use std::time::Duration;

use serde_json::{Value, json};

use super::args::Args;
use super::call::call;
use super::show::{Style, describe_error, pretty, print_help, print_operations};
use super::suggest::closest;
use super::walk::{print_all_pages, print_events};
use crate::client::{Client, ClientBuilder};
use crate::dispatch::{ApiEntry, OperationInfo};
use crate::error::Error;
use crate::secret::{Auth, Secret};

/// How credentials reach a client: `(builder, API, operation)` to the configured builder, or a
/// message saying what to set.
pub type CredentialsFn<'a> = dyn Fn(ClientBuilder, &'static ApiEntry, &'static OperationInfo) -> Result<ClientBuilder, String>
    + 'a;

/// What a `call` command calls: its operations, how it is named in help, its credentials.
pub struct Program<'a> {
    /// The command before the operation, in help and hints (`cpaas call twilio`, `acme call`).
    pub usage: String,
    /// What the operation list is titled (`twilio`, `acme`).
    pub title: String,
    /// The APIs whose operations can be called (names unique across them).
    pub apis: Vec<&'static ApiEntry>,
    /// Credentials for a call.
    pub credentials: &'a CredentialsFn<'a>,
}

/// The `call` command's own flags, and the operation's flags as `(name, value)` pairs.
struct CallFlags {
    args: Vec<(String, String)>,
    base_url: Option<String>,
    verbose: bool,
    json: bool,
    help: bool,
    all_pages: bool,
    retry_non_idempotent: bool,
    timeout: Option<f64>,
    max_retries: Option<u32>,
}

fn parse_call_flags(rest: &[String]) -> Result<CallFlags, String> {
    let mut f = CallFlags {
        args: Vec::new(),
        base_url: None,
        verbose: false,
        json: false,
        help: false,
        all_pages: false,
        retry_non_idempotent: false,
        timeout: None,
        max_retries: None,
    };
    let mut i = 0;
    while i < rest.len() {
        let a = &rest[i];
        let Some(name) = a.strip_prefix("--") else {
            return Err(format!(
                "unexpected argument `{a}`: flags take the form --name value"
            ));
        };
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (name.to_string(), None),
        };
        match name.as_str() {
            "verbose" => f.verbose = true,
            "json" => f.json = true,
            "help" => f.help = true,
            "all-pages" => f.all_pages = true,
            "retry-non-idempotent" => f.retry_non_idempotent = true,
            _ => {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        rest.get(i)
                            .cloned()
                            .ok_or_else(|| format!("flag --{name} needs a value"))?
                    }
                };
                match name.as_str() {
                    "base-url" => f.base_url = Some(value),
                    "timeout" => {
                        f.timeout = Some(
                            value
                                .parse()
                                .map_err(|_| format!("--timeout takes seconds, got `{value}`"))?,
                        )
                    }
                    "max-retries" => {
                        f.max_retries = Some(value.parse().map_err(|_| {
                            format!("--max-retries takes a whole number, got `{value}`")
                        })?)
                    }
                    _ => f.args.push((name, value)),
                }
            }
        }
        i += 1;
    }
    Ok(f)
}

/// Runs `<usage> OPERATION REST...` (no operation: lists them). `Err` is a message for stderr
/// (exit 1); an error answer is printed here and gives exit 1.
pub async fn run_call(
    program: &Program<'_>,
    operation: Option<&str>,
    rest: &[String],
) -> Result<ExitCode, String> {
    let usage = &program.usage;
    let flags = parse_call_flags(rest)?;
    let Some(operation) = operation else {
        let ops = program.apis.iter().flat_map(|e| e.operations.iter());
        print_operations(&program.title, ops);
        return Ok(ExitCode::SUCCESS);
    };
    let found = program.apis.iter().find_map(|e| {
        e.operations
            .iter()
            .find(|o| o.name == operation)
            .map(|o| (*e, o))
    });
    let Some((entry, op)) = found else {
        let names = program
            .apis
            .iter()
            .flat_map(|e| e.operations.iter().map(|o| o.name));
        let hint = closest(operation, names)
            .map(|c| format!(" Did you mean `{c}`?"))
            .unwrap_or_default();
        return Err(format!(
            "{} has no operation `{operation}`.{hint} Run `{usage}` to list them.",
            program.title
        ));
    };
    if flags.help {
        print_help(usage, entry.info.base_url, op);
        return Ok(ExitCode::SUCCESS);
    }
    for (name, _) in &flags.args {
        if !op.flags.iter().any(|f| f.name == name) {
            let hint = closest(name, op.flags.iter().map(|f| f.name))
                .map(|c| format!(" Did you mean --{c}?"))
                .unwrap_or_default();
            return Err(format!(
                "`{operation}` has no flag --{name}.{hint} Run `{usage} {operation} --help`."
            ));
        }
    }
    if flags.verbose {
        init_verbose_tracing();
    }
    let mut builder = (program.credentials)(Client::builder(entry.info), entry, op)?;
    if let Some(url) = &flags.base_url {
        builder = builder.base_url(url.clone());
    }
    if let Some(t) = flags.timeout {
        builder = builder.timeout(Duration::from_secs_f64(t.max(0.001)));
    }
    if let Some(n) = flags.max_retries {
        builder = builder.max_retries(n);
    }
    if flags.retry_non_idempotent {
        builder = builder.retry_non_idempotent(true);
    }
    let client = builder.build().map_err(|e| e.to_string())?;
    let args = Args::new(flags.args);
    let walked = if flags.all_pages {
        Some(print_all_pages(&client, op, &args).await)
    } else if op.events {
        Some(print_events(&client, op, &args).await)
    } else {
        None
    };
    match walked {
        Some(Ok(_)) => return Ok(ExitCode::SUCCESS),
        Some(Err(e)) => return Ok(print_failure(&e, flags.json, usage, operation)),
        None => {}
    }
    match call(&client, op, &args).await {
        Ok(out) => {
            if flags.json {
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                eprintln!(
                    "{} {}{}",
                    Style::stderr().green("HTTP"),
                    out.status,
                    out.request_id
                        .as_deref()
                        .map(|r| format!(" (request id {r})"))
                        .unwrap_or_default()
                );
                println!("{}", pretty(&out.body));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(print_failure(&e, flags.json, usage, operation)),
    }
}

/// Prints a failed call (on stderr, its body on stdout; with `json`, one JSON document on
/// stdout) and gives exit 1.
fn print_failure(e: &Error<Value>, json: bool, usage: &str, operation: &str) -> ExitCode {
    let failure = describe_error(e);
    let request_id = match e {
        Error::Status(v) => v.request_id().map(str::to_string),
        _ => None,
    };
    if json {
        let v = json!({
            "error": failure.head,
            "status": e.status().map(|s| s.as_u16()),
            "variant": failure.variant,
            "request_id": request_id,
            "body": failure.body,
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        let s = Style::stderr();
        eprintln!(
            "{} {}{}",
            s.red("error:"),
            failure.head,
            request_id
                .map(|r| format!(" [request id {r}]"))
                .unwrap_or_default()
        );
        if let Some(b) = &failure.body {
            println!("{}", pretty(b));
        }
        if let Error::Validation { .. } = e {
            eprintln!("Run `{usage} {operation} --help` for the flags and their values.");
        }
    }
    ExitCode::FAILURE
}

/// Prints one line per request attempt and retry on stderr.
pub fn init_verbose_tracing() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("cpaas_runtime=debug")
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The environment variable prefix of a crate: its name in upper case, `-` as `_`
/// (`acme-client` gives `ACME_CLIENT`).
fn env_prefix(crate_name: &str) -> String {
    crate_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Credentials chosen for one call.
enum Chosen {
    /// The operation needs none.
    Nothing,
    /// Sent by the client (an API key in a header, the query string or a cookie too).
    Client(Auth),
}

/// The environment variable of the API-key scheme `scheme`: `<PREFIX>_<SCHEME>`, the scheme
/// name in upper snake case (`queryKey` gives `ACME_QUERY_KEY`); a name that would read the
/// bearer or basic variables (`token`, `username`, `password`) gets `_KEY` after it
/// (`ACME_TOKEN_KEY`), so one variable never means two credentials.
fn scheme_var(prefix: &str, scheme: &str) -> String {
    let mut out = format!("{prefix}_");
    let mut prev_lower = false;
    for c in scheme.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        });
    }
    if ["TOKEN", "USERNAME", "PASSWORD"].contains(&&out[prefix.len() + 1..]) {
        out.push_str("_KEY");
    }
    out
}

/// The credentials of `op` from the environment, by the security schemes it accepts, in
/// order (the first one whose variables are set): `<PREFIX>_TOKEN` for bearer and OAuth 2,
/// `<PREFIX>_USERNAME` and `<PREFIX>_PASSWORD` for HTTP basic, and for an API key (in a
/// header, the query string or a cookie) the scheme's own `<PREFIX>_<SCHEME>`
/// ([`scheme_var`]), else `<PREFIX>_API_KEY`. Missing ones are named (never their values).
fn choose(prefix: &str, op: &OperationInfo) -> Result<Chosen, String> {
    if op.auth.is_empty() {
        return Ok(Chosen::Nothing);
    }
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut wanted: Vec<String> = Vec::new();
    for a in op.auth {
        match (a.kind, a.location) {
            ("bearer" | "oauth2", _) => match var(&format!("{prefix}_TOKEN")) {
                Some(t) => return Ok(Chosen::Client(Auth::Bearer(Secret::new(t)))),
                None => wanted.push(format!("{prefix}_TOKEN")),
            },
            ("basic", _) => match (
                var(&format!("{prefix}_USERNAME")),
                var(&format!("{prefix}_PASSWORD")),
            ) {
                (Some(username), Some(password)) => {
                    return Ok(Chosen::Client(Auth::Basic {
                        username,
                        password: Secret::new(password),
                    }));
                }
                _ => wanted.push(format!("{prefix}_USERNAME and {prefix}_PASSWORD")),
            },
            ("api-key", location @ ("header" | "query" | "cookie")) => {
                let (own, any) = (scheme_var(prefix, a.scheme), format!("{prefix}_API_KEY"));
                let Some(key) = var(&own).or_else(|| var(&any)) else {
                    wanted.push(if own == any {
                        any
                    } else {
                        format!("{own} (or {any})")
                    });
                    continue;
                };
                let (name, value) = (a.name, Secret::new(key));
                return Ok(Chosen::Client(match location {
                    "header" => Auth::ApiKeyHeader { name, value },
                    "query" => Auth::ApiKeyQuery { name, value },
                    _ => Auth::ApiKeyCookie { name, value },
                }));
            }
            _ => {}
        }
    }
    if wanted.is_empty() {
        let kinds: Vec<String> = op
            .auth
            .iter()
            .map(|a| format!("{} ({} in {})", a.scheme, a.kind, a.location))
            .collect();
        return Err(format!(
            "`{}` takes credentials the command line cannot read from the environment: {}",
            op.name,
            kinds.join(", ")
        ));
    }
    wanted.dedup();
    Err(format!(
        "`{}` needs credentials: set {}",
        op.name,
        wanted.join(", or ")
    ))
}

/// Credentials for `op` from the environment, by the security schemes it accepts (the first
/// one whose variables are set): `<PREFIX>_TOKEN` for bearer and OAuth 2 schemes,
/// `<PREFIX>_USERNAME` and `<PREFIX>_PASSWORD` for HTTP basic, `<PREFIX>_<SCHEME>` (the
/// scheme's name in upper snake case) or `<PREFIX>_API_KEY` for an API key (in a header, the
/// query string or a cookie: `Auth::ApiKeyHeader`, `Auth::ApiKeyQuery`, `Auth::ApiKeyCookie`).
/// An operation that needs none gets none; one whose variables are all unset is refused with
/// their names (never their values).
pub fn env_credentials(
    prefix: &str,
    builder: ClientBuilder,
    op: &OperationInfo,
) -> Result<ClientBuilder, String> {
    match choose(prefix, op)? {
        Chosen::Nothing => Ok(builder),
        Chosen::Client(auth) => Ok(builder.auth(auth)),
    }
}

/// The `main` of a generated crate's binary: `NAME call OPERATION [--flag VALUE]...` against
/// `apis` (the crate's `registry::APIS`), credentials from `NAME`'s environment variables
/// ([`env_credentials`]). `NAME`, `NAME --help` and `NAME call` list the operations.
pub fn main(name: &'static str, apis: &'static [ApiEntry]) -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let prefix = env_prefix(name);
    let credentials = |b: ClientBuilder, _: &'static ApiEntry, op: &'static OperationInfo| {
        env_credentials(&prefix, b, op)
    };
    let program = Program {
        usage: format!("{name} call"),
        title: name.to_owned(),
        apis: apis.iter().collect(),
        credentials: &credentials,
    };
    let (operation, rest) = match argv.first().map(String::as_str) {
        Some("call") => match argv.get(1) {
            Some(op) if !op.starts_with("--") => (Some(op.as_str()), &argv[2..]),
            _ => (None, &argv[1..]),
        },
        None | Some("help" | "--help" | "-h") => {
            println!(
                "Usage: {name} call OPERATION [--flag VALUE]... [--base-url URL] [--verbose] [--json]"
            );
            println!(
                "Credentials: {prefix}_TOKEN, {prefix}_USERNAME/{prefix}_PASSWORD or an API key (header, query or cookie) in {prefix}_<SCHEME> or {prefix}_API_KEY, as the operation's security schemes say.\n"
            );
            (None, &argv[argv.len()..])
        }
        Some(other) => {
            eprintln!(
                "error: unknown command `{other}`; usage: {name} call OPERATION [--flag VALUE]..."
            );
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run_call(&program, operation, rest)) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{} {message}", Style::stderr().red("error:"));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scheme_var;

    #[test]
    fn scheme_variables_are_upper_snake_case() {
        for (scheme, var) in [
            ("queryKey", "ACME_QUERY_KEY"),
            ("api_key", "ACME_API_KEY"),
            ("ApiKeyAuth", "ACME_API_KEY_AUTH"),
            ("session-cookie", "ACME_SESSION_COOKIE"),
            ("key2Header", "ACME_KEY2_HEADER"),
            ("token", "ACME_TOKEN_KEY"),
            ("Password", "ACME_PASSWORD_KEY"),
        ] {
            assert_eq!(scheme_var("ACME", scheme), var);
        }
    }
}
