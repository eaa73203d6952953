//! Comparing servers, auth schemes and operations (matched by id, method and path): their
//! parameters, request bodies, success and error responses and auth. Types they use are handed
//! to the type comparison ([`super::types`]).

use std::collections::BTreeSet;

use super::differ::{Differ, Side};
use super::types::describe;
use crate::ir::*;

fn op_scope(op: &Operation) -> String {
    format!("operation {} ({} {})", op.id, op.method, op.path)
}

/// What kind of type an operation's success answers have: `one type`, `Option<T>`, or
/// `enum (Variant, …)`.
fn success_kind(op: &Operation) -> String {
    match &op.success.shape {
        SuccessShape::Single(_) => "one type".into(),
        SuccessShape::Optional(_) => "Option<T>".into(),
        SuccessShape::Enum { .. } => {
            let variants: Vec<&str> = op
                .success
                .cases
                .iter()
                .filter_map(|c| c.variant.as_deref())
                .collect();
            format!("enum ({})", variants.join(", "))
        }
    }
}

impl Differ<'_> {
    pub(super) fn servers(&mut self) {
        let (a, b) = (self.old.servers.first(), self.new.servers.first());
        let url = |s: Option<&Server>| s.map(|s| s.url.clone()).unwrap_or_else(|| "(none)".into());
        if url(a) != url(b) {
            self.push(
                "servers",
                "default server",
                "server-changed",
                false,
                format!("{} -> {}", url(a), url(b)),
            );
        }
        fn vars(s: Option<&Server>) -> &[ServerVariable] {
            s.map_or(&[], |s| &s.variables)
        }
        let (va, vb) = (vars(a), vars(b));
        for v in vb {
            match va.iter().find(|x| x.name == v.name) {
                None => self.push(
                    "servers",
                    &format!("variable {}", v.name),
                    "server-variable-added",
                    v.default.is_none(),
                    match &v.default {
                        Some(d) => format!("default `{d}`"),
                        None => "no default: every client must set it".into(),
                    },
                ),
                Some(x) if x.default.is_some() && v.default.is_none() => self.push(
                    "servers",
                    &format!("variable {}", v.name),
                    "server-variable-default-removed",
                    true,
                    "every client must now set it".into(),
                ),
                _ => {}
            }
        }
        for v in va {
            if !vb.iter().any(|x| x.name == v.name) {
                self.push(
                    "servers",
                    &format!("variable {}", v.name),
                    "server-variable-removed",
                    false,
                    String::new(),
                );
            }
        }
    }

    pub(super) fn auth_schemes(&mut self) {
        for s in &self.old.security_schemes {
            match self.new.security_schemes.iter().find(|x| x.name == s.name) {
                Some(n) if n.kind != s.kind => self.push(
                    "auth",
                    &format!("scheme {}", s.name),
                    "auth-scheme-changed",
                    true,
                    format!("{:?} -> {:?}", s.kind, n.kind),
                ),
                _ => {}
            }
        }
    }

    /// Matches operations in three passes: same id, method and path; then same id (moved);
    /// then same method and path (renamed). The rest were removed or added.
    pub(super) fn operations(&mut self) {
        let mut old: Vec<&Operation> = self.old.operations.iter().collect();
        let mut new: Vec<&Operation> = self.new.operations.iter().collect();
        // The new version's method name wins where both name one scope.
        for op in old.iter().chain(&new) {
            self.name_scope(&op_scope(op), &op.rust_name);
        }
        let mut pairs: Vec<(&Operation, &Operation, &'static str)> = Vec::new();
        type Same = fn(&Operation, &Operation) -> bool;
        let passes: [(Same, &'static str); 3] = [
            (
                |a, b| a.id == b.id && a.method == b.method && a.path == b.path,
                "",
            ),
            (|a, b| a.id == b.id, ""),
            (
                |a, b| a.method == b.method && a.path == b.path,
                "operation-renamed",
            ),
        ];
        for (same, kind) in passes {
            let mut i = 0;
            while i < old.len() {
                if let Some(j) = new.iter().position(|n| same(old[i], n)) {
                    pairs.push((old.remove(i), new.remove(j), kind));
                } else {
                    i += 1;
                }
            }
        }
        for o in old {
            self.push(&op_scope(o), "", "operation-removed", true, String::new());
        }
        for n in new {
            self.push(&op_scope(n), "", "operation-added", false, String::new());
        }
        for (o, n, kind) in pairs {
            if !kind.is_empty() {
                self.push(
                    &op_scope(n),
                    "",
                    kind,
                    true,
                    format!(
                        "operationId {} -> {}, Rust method {} -> {}",
                        o.id, n.id, o.rust_name, n.rust_name
                    ),
                );
            }
            self.operation(o, n);
        }
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let scope = op_scope(n);
        if o.method != n.method || o.path != n.path {
            self.push(
                &scope,
                "",
                "operation-moved",
                false,
                format!(
                    "{} {} -> {} {} (the Rust method stays)",
                    o.method, o.path, n.method, n.path
                ),
            );
        }
        // Parameters, by location and wire name.
        for p in &o.params {
            let loc = format!("{} parameter {}", p.location.as_str(), p.name);
            match n
                .params
                .iter()
                .find(|x| x.location == p.location && x.name == p.name)
            {
                None => self.push(&scope, &loc, "parameter-removed", true, String::new()),
                Some(q) => {
                    self.requiredness(&scope, &loc, p.required, q.required, Side::Request);
                    self.types(&scope, &loc, &p.ty, &q.ty, Side::Request, 0);
                }
            }
        }
        for q in &n.params {
            if !o
                .params
                .iter()
                .any(|x| x.location == q.location && x.name == q.name)
            {
                let req = q.required.is_required();
                self.push(
                    &scope,
                    &format!("{} parameter {}", q.location.as_str(), q.name),
                    if req {
                        "required-parameter-added"
                    } else {
                        "parameter-added"
                    },
                    req,
                    describe(self.new, &q.ty),
                );
            }
        }
        // Request body.
        match (&o.body, &n.body) {
            (Some(_), None) => self.push(
                &scope,
                "request body",
                "request-body-removed",
                true,
                String::new(),
            ),
            (None, Some(b)) => self.push(
                &scope,
                "request body",
                if b.required {
                    "required-request-body-added"
                } else {
                    "request-body-added"
                },
                b.required,
                b.content_type.clone(),
            ),
            (Some(a), Some(b)) => {
                if !a.content_type.eq_ignore_ascii_case(&b.content_type) {
                    self.push(
                        &scope,
                        "request body",
                        "content-type-changed",
                        true,
                        format!("{} -> {}", a.content_type, b.content_type),
                    );
                }
                if !a.required && b.required {
                    self.push(&scope, "request body", "made-required", true, String::new());
                }
                self.types(&scope, "request body", &a.ty, &b.ty, Side::Request, 0);
            }
            (None, None) => {}
        }
        // Success response (the one the Rust method returns).
        let (sa, sb) = (
            o.responses.iter().find(|r| r.is_success()),
            n.responses.iter().find(|r| r.is_success()),
        );
        match (sa, sb) {
            (Some(a), Some(b)) => {
                if a.status != b.status {
                    self.push(
                        &scope,
                        "success response",
                        "success-status-changed",
                        false,
                        format!("{} -> {}", status(a.status), status(b.status)),
                    );
                }
                self.response(&scope, &format!("response {}", status(b.status)), a, b);
            }
            (Some(a), None) => self.push(
                &scope,
                &format!("response {}", status(a.status)),
                "response-removed",
                true,
                String::new(),
            ),
            (None, Some(b)) => self.push(
                &scope,
                &format!("response {}", status(b.status)),
                "response-added",
                true,
                "the Rust return type changes".into(),
            ),
            (None, None) => {}
        }
        // The kind of success type (`T`, `Option<T>`, an enum of which variants).
        let (ka, kb) = (success_kind(o), success_kind(n));
        if ka != kb {
            self.push(
                &scope,
                "success response",
                "success-type-changed",
                true,
                format!("{ka} -> {kb}: the Rust return type changes"),
            );
        }
        // Error responses, by status.
        fn errs(op: &Operation) -> Vec<&Response> {
            op.responses.iter().filter(|r| !r.is_success()).collect()
        }
        let (ea, eb) = (errs(o), errs(n));
        for a in &ea {
            let loc = format!("error response {}", status(a.status));
            match eb.iter().find(|x| x.status == a.status) {
                None => self.push(
                    &scope,
                    &loc,
                    "error-status-removed",
                    true,
                    "its error variant goes".into(),
                ),
                Some(b) => self.response(&scope, &loc, a, b),
            }
        }
        for b in &eb {
            if !ea.iter().any(|x| x.status == b.status) {
                self.push(
                    &scope,
                    &format!("error response {}", status(b.status)),
                    "error-status-added",
                    false,
                    String::new(),
                );
            }
        }
        // Auth.
        let (aa, ab): (BTreeSet<&str>, BTreeSet<&str>) = (
            o.scheme_names().into_iter().collect(),
            n.scheme_names().into_iter().collect(),
        );
        if aa != ab {
            if aa.is_empty() {
                self.push(
                    &scope,
                    "auth",
                    "auth-required",
                    true,
                    format!("now one of {}", join(&ab)),
                );
            } else if ab.is_empty() {
                self.push(
                    &scope,
                    "auth",
                    "auth-dropped",
                    false,
                    format!("was one of {}", join(&aa)),
                );
            } else {
                for s in aa.difference(&ab) {
                    self.push(&scope, "auth", "auth-scheme-removed", true, s.to_string());
                }
                for s in ab.difference(&aa) {
                    self.push(&scope, "auth", "auth-scheme-added", false, s.to_string());
                }
            }
        }
        // `stream()`/`pages()` and `events()`.
        self.methods(&scope, o, n);
    }

    fn response(&mut self, scope: &str, loc: &str, a: &Response, b: &Response) {
        let kind = |r: &Response| match &r.body {
            ResponseBody::Empty => "empty",
            ResponseBody::Json(_) => "json",
            ResponseBody::Text | ResponseBody::SecretText => "text",
            ResponseBody::Untyped => "untyped json",
            ResponseBody::Bytes => "bytes",
        };
        let ct = |r: &Response| r.content_type.clone().unwrap_or_else(|| "(no body)".into());
        if !ct(a).eq_ignore_ascii_case(&ct(b)) || kind(a) != kind(b) {
            self.push(
                scope,
                loc,
                "content-type-changed",
                true,
                format!("{} ({}) -> {} ({})", ct(a), kind(a), ct(b), kind(b)),
            );
            return;
        }
        if let (ResponseBody::Json(x), ResponseBody::Json(y)) = (&a.body, &b.body) {
            self.types(scope, &format!("{loc} body"), x, y, Side::Response, 0);
        }
        // Text that becomes (or stops being) a credential: `String` <-> `Secret` in Rust.
        let text = |r: &Response| match r.body {
            ResponseBody::SecretText => SECRET_DESCRIPTION,
            _ => "string",
        };
        if kind(a) == "text" && text(a) != text(b) {
            self.push(
                scope,
                &format!("{loc} body"),
                "type-changed",
                true,
                format!("{} -> {}", text(a), text(b)),
            );
        }
    }
}

fn status(s: StatusSpec) -> String {
    match s {
        StatusSpec::Code(c) => c.to_string(),
        StatusSpec::Range(c) => format!("{c}XX"),
        StatusSpec::Default => "default".into(),
    }
}

fn join(s: &BTreeSet<&str>) -> String {
    s.iter().copied().collect::<Vec<_>>().join(", ")
}
