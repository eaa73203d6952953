//! `cpaas` with no arguments runs the demo; `cpaas call` explains what to do on mistakes.

#[path = "support/bin.rs"]
mod bin;

use bin::cpaas;
use cpaas_tokens::registry;

#[test]
fn demo_calls_every_operation_and_exits_0() {
    let out = cpaas().output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "exit {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let total: usize = registry::APIS.iter().map(|e| e.operations.len()).sum();
    for e in registry::APIS {
        for o in e.operations {
            assert!(stdout.contains(o.name), "{} missing:\n{stdout}", o.name);
            assert!(stdout.contains(o.source), "{} missing", o.source);
        }
    }
    for (file, _) in registry::WARNINGS {
        assert!(stdout.contains(file), "warning of {file} not shown");
    }
    assert!(stdout.contains(&format!("[{total}/{total}]")));
    // Each call shows the mock's status and the body as received (JSON pretty-printed).
    let ops = registry::APIS.iter().flat_map(|e| e.operations);
    for (i, o) in ops.enumerate() {
        let start = stdout.find(&format!("[{}/{total}] ", i + 1)).unwrap();
        let end = stdout[start..]
            .find(&format!("[{}/{total}] ", i + 2))
            .map_or(stdout.len(), |n| start + n);
        let section = &stdout[start..end];
        assert!(
            section.contains(&format!("<- HTTP {}", o.mock.status)),
            "{section}"
        );
        let body = match serde_json::from_str(o.mock.body) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(v) => serde_json::to_string_pretty(&v).unwrap(),
            Err(_) => o.mock.body.to_string(),
        };
        // The demo shows at most 24 lines of a body, then how many more there are.
        let lines: Vec<&str> = body.lines().collect();
        let mut shown: Vec<String> = lines
            .iter()
            .take(24)
            .map(|l| format!("         {l}"))
            .collect();
        if lines.len() > 24 {
            shown.push(format!("         … ({} more lines)", lines.len() - 24));
        }
        assert!(
            section.contains(&shown.join("\n")),
            "{}:\n{section}",
            o.name
        );
    }
    assert!(stdout.contains(&format!("{total}/{total} operation(s) answered")));
    // Not a terminal: no colour.
    assert!(!stdout.contains('\x1b'));
}

/// Per provider, its first operation that requires credentials (every provider has one).
fn ops_with_auth() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for e in registry::APIS {
        if out.iter().any(|(p, _)| *p == e.info.provider) {
            continue;
        }
        if let Some(o) = e.operations.iter().find(|o| !o.auth.is_empty()) {
            out.push((e.info.provider, o.name));
        }
    }
    let providers: std::collections::BTreeSet<_> =
        registry::APIS.iter().map(|e| e.info.provider).collect();
    assert_eq!(
        out.len(),
        providers.len(),
        "a provider without auth: {out:?}"
    );
    out
}

#[test]
fn call_errors_say_what_to_do() {
    for (provider, op) in ops_with_auth() {
        // A typo: the closest operation is named.
        let typo = &op[..op.len() - 1];
        let out = cpaas().args(["call", provider, typo]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains(&format!("Did you mean `{op}`?")), "{err}");
        // Missing credentials: the variable is named.
        let out = cpaas().args(["call", provider, op]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("set the environment variable"), "{err}");
        assert!(err.contains(&provider.to_ascii_uppercase()), "{err}");
    }
}

#[test]
fn op_help_lists_flags_with_examples() {
    for e in registry::APIS {
        for o in e.operations {
            let out = cpaas()
                .args(["call", e.info.provider, o.name, "--help"])
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8_lossy(&out.stdout);
            for f in o.flags {
                assert!(
                    text.contains(&format!("--{}", f.name)),
                    "{}: --{}\n{text}",
                    o.name,
                    f.name
                );
                for v in f.values {
                    assert!(text.contains(v), "{}: value {v}", o.name);
                }
            }
        }
    }
}
