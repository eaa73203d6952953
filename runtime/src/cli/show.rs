//! How the `call` command shows things (feature `cli`): colours on terminals, failed calls
//! ([`describe_error`]), bodies ([`pretty`]), an operation's flags ([`print_help`]) and the
//! operation list ([`print_operations`]).

use std::io::IsTerminal;

use serde_json::Value;

use crate::dispatch::OperationInfo;
use crate::error::Error;

/// ANSI styling, on only when the stream is a terminal and `NO_COLOR` is unset.
#[derive(Clone, Copy)]
pub struct Style {
    on: bool,
}

impl Style {
    /// For stdout.
    pub fn stdout() -> Self {
        Style {
            on: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// For stderr.
    pub fn stderr() -> Self {
        Style {
            on: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    fn paint(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Bold.
    pub fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
    /// Dim.
    pub fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }
    /// Green.
    pub fn green(self, s: &str) -> String {
        self.paint("32", s)
    }
    /// Red.
    pub fn red(self, s: &str) -> String {
        self.paint("31", s)
    }
    /// Yellow.
    pub fn yellow(self, s: &str) -> String {
        self.paint("33", s)
    }
    /// Cyan.
    pub fn cyan(self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// A failed call as the command line shows it.
pub struct Failure {
    /// `HTTP 404 (NotFound)` for a documented error status, else the error's own message.
    pub head: String,
    /// The documented error's variant (`NotFound`).
    pub variant: Option<String>,
    /// The body received, when there was one.
    pub body: Option<Value>,
}

/// How a failed call is shown: the status and, for a documented error, its variant and the body
/// received; the error's own message and no body otherwise.
pub fn describe_error(e: &Error<Value>) -> Failure {
    match e {
        Error::Status(v) => {
            let status = v.status().as_u16();
            // `cli::call` names the typed error: `{"Variant": body received}`.
            match v.inner() {
                Value::Object(m) if m.len() == 1 => {
                    let (variant, payload) = m.iter().next().expect("one member");
                    Failure {
                        head: format!("HTTP {status} ({variant})"),
                        variant: Some(variant.clone()),
                        body: Some(payload.clone()),
                    }
                }
                other => Failure {
                    head: format!("HTTP {status}"),
                    variant: None,
                    body: Some(other.clone()),
                },
            }
        }
        Error::UnexpectedStatus {
            status,
            body_excerpt,
            ..
        } => {
            let body = serde_json::from_str::<Value>(body_excerpt)
                .unwrap_or_else(|_| Value::String(body_excerpt.clone()));
            Failure {
                head: format!(
                    "HTTP {} (a status the API description does not document)",
                    status.as_u16()
                ),
                variant: None,
                body: Some(body),
            }
        }
        other => Failure {
            head: other.to_string(),
            variant: None,
            body: None,
        },
    }
}

/// Pretty JSON, or the string itself for a JSON string.
pub fn pretty(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => serde_json::to_string_pretty(v).unwrap_or_default(),
    }
}

/// Prints `op`'s help: summary, method and URL, source, then every flag with its type,
/// whether it is required or repeated, description, values, example and wire name.
/// `usage` is the command before the operation (`cpaas call twilio`, `acme call`).
pub(crate) fn print_help(usage: &str, base_url: &str, op: &OperationInfo) {
    println!(
        "{usage} {}: {}\n  {} {base_url}{}\n  source: {} ({})\n\nFlags:",
        op.name, op.summary, op.method, op.path, op.source, op.format
    );
    for f in op.flags {
        let mut line = format!("  --{} <{}>", f.name, f.ty);
        if f.required {
            line.push_str("  (required)");
        }
        if f.repeated {
            line.push_str("  (repeat for several)");
        }
        println!("{line}");
        let desc = f
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !desc.is_empty() {
            println!("      {desc}");
        }
        if !f.values.is_empty() {
            println!("      values: {}", f.values.join(", "));
        }
        if !f.example.is_empty() {
            println!("      example: --{} {}", f.name, f.example);
        }
        println!("      wire name `{}` in {}", f.wire, f.location);
    }
    println!(
        "\nAlso: --base-url URL, --verbose, --json, --timeout SECONDS, --max-retries N, --retry-non-idempotent"
    );
    if op.pagination.is_some() {
        println!("Paginated: --all-pages prints every item, one JSON value per line.");
    }
    if op.events {
        println!("Streams events: each event's data is printed as it arrives, one per line.");
    }
}

/// Prints one line per operation: name, method, path and summary, under `title`.
pub(crate) fn print_operations<'a>(title: &str, ops: impl Iterator<Item = &'a OperationInfo>) {
    println!("Operations of {title}:");
    for o in ops {
        println!("  {:<36} {} {}  {}", o.name, o.method, o.path, o.summary);
    }
}
