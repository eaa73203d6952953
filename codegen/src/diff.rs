//! `cpaas spec diff`: what changed between two versions of an API document, in terms of the
//! generated Rust API, each change marked breaking or not by semver rules.
//!
//! Both files are lowered under the same provider/API name and compared by wire names
//! (operation ids, parameter `in`+name, property names, component schema names), never by the
//! derived Rust names. The rules:
//!
//! | change | breaking |
//! |---|---|
//! | operation removed or renamed (operationId) | yes |
//! | operation added | no |
//! | method or path changed (same operationId; the Rust method stays) | no |
//! | parameter, request field or response field removed | yes |
//! | required parameter / request field / request body added | yes |
//! | optional parameter / request field, response field added | no |
//! | type changed (including nullability and integer width) | yes |
//! | parameter or request field made required | yes |
//! | parameter or request field made optional | no |
//! | response field made optional or required (its Rust type changes) | yes |
//! | enum value removed (its Rust variant goes) | yes |
//! | enum value added | no |
//! | request or response content type changed | yes |
//! | documented error status removed / added | yes / no |
//! | an accepted auth scheme removed, or auth required where none was | yes |
//! | another auth scheme accepted | no |
//! | default server URL changed | no |
//! | server variable without default added | yes |
//!
//! A component schema used by several operations is compared once, under its name; operations
//! report only what is their own (parameters, inline bodies, which schema they use).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::ir::*;

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Where: `operation createCall`, `schema Call`, `servers`, `auth`.
    pub scope: String,
    /// What inside the scope: `query parameter page[size]`, `request body field to`, ….
    pub location: String,
    /// Stable kind (`operation-removed`, `type-changed`, `made-required`, …).
    pub kind: &'static str,
    /// Breaking by the module's rules.
    pub breaking: bool,
    /// Old and new, in words.
    pub detail: String,
}

/// Every change between two versions.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// Changes, sorted by scope and location.
    pub changes: Vec<Change>,
    /// Operations in the old and the new version.
    pub operations: (usize, usize),
}

impl Diff {
    /// Number of breaking changes.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// Number of non-breaking changes.
    pub fn non_breaking(&self) -> usize {
        self.changes.len() - self.breaking()
    }

    /// How many changes of each kind, as `(kind, breaking, count)`, sorted.
    pub fn counts(&self) -> Vec<(&'static str, bool, usize)> {
        let mut m: BTreeMap<(&'static str, bool), usize> = BTreeMap::new();
        for c in &self.changes {
            *m.entry((c.kind, c.breaking)).or_default() += 1;
        }
        m.into_iter().map(|((k, b), n)| (k, b, n)).collect()
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        let count = |k: &str| self.changes.iter().filter(|c| c.kind == k).count();
        format!(
            "{} change(s): {} breaking, {} non-breaking; operations {} -> {} ({} added, {} removed, {} renamed)",
            self.changes.len(),
            self.breaking(),
            self.non_breaking(),
            self.operations.0,
            self.operations.1,
            count("operation-added"),
            count("operation-removed"),
            count("operation-renamed"),
        )
    }

    /// Human-readable report: the summary, then breaking changes, then the others.
    pub fn render(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        for (title, breaking) in [("Breaking", true), ("Non-breaking", false)] {
            let list: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.breaking == breaking)
                .collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for c in list {
                let _ = writeln!(out, "  {}", line(c));
            }
        }
        out
    }

    /// JSON for tools: `{summary: {...}, changes: [{scope, location, kind, breaking, detail}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "summary": {
                "changes": self.changes.len(),
                "breaking": self.breaking(),
                "non_breaking": self.non_breaking(),
                "operations_old": self.operations.0,
                "operations_new": self.operations.1,
            },
            "changes": self.changes.iter().map(|c| json!({
                "scope": c.scope,
                "location": c.location,
                "kind": c.kind,
                "breaking": c.breaking,
                "detail": c.detail,
            })).collect::<Vec<_>>(),
        })
    }
}

/// One change as a line: `operation createCall: query parameter limit: type-changed (integer -> string)`.
pub fn line(c: &Change) -> String {
    let mut s = c.scope.clone();
    if !c.location.is_empty() {
        s.push_str(": ");
        s.push_str(&c.location);
    }
    let _ = write!(s, ": {}", c.kind);
    if !c.detail.is_empty() {
        let _ = write!(s, " ({})", c.detail);
    }
    s
}

/// Reads, recovers and lowers both files (as provider `diff`, API `api`) and compares them.
/// Warnings of both runs are returned beside the diff.
pub fn diff_files(old: &Path, new: &Path) -> Result<(Diff, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut lower_one = |p: &Path| -> Result<Api, Vec<Diagnostic>> {
        let (report, rec, ds) = crate::config::recover_file(p)?;
        diags.extend(ds);
        let Some(rec) = rec else {
            return Err(vec![
                Diagnostic::error(
                    "diff.no-frontend",
                    format!("format `{}` has no frontend yet", report.format.id()),
                )
                .in_file(p),
            ]);
        };
        let input = crate::lower::Input {
            path: p.to_path_buf(),
            format: report.format.id().to_string(),
            recovered: rec,
        };
        let (api, ds) = crate::lower::lower("diff", "api", &[input]).map_err(|d| vec![d])?;
        diags.extend(ds);
        Ok(api)
    };
    let a = lower_one(old)?;
    let b = lower_one(new)?;
    Ok((diff_apis(&a, &b), diags))
}

/// Compares two lowered versions of one API.
pub fn diff_apis(old: &Api, new: &Api) -> Diff {
    let mut d = Differ {
        old,
        new,
        out: Vec::new(),
        seen: HashSet::new(),
    };
    d.servers();
    d.auth_schemes();
    d.operations();
    d.schemas();
    let mut changes = d.out;
    changes.sort();
    changes.dedup();
    Diff {
        changes,
        operations: (old.operations.len(), new.operations.len()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

struct Differ<'a> {
    old: &'a Api,
    new: &'a Api,
    out: Vec<Change>,
    /// Anonymous type pairs already compared under a scope (cycles).
    seen: HashSet<(TypeId, TypeId, String)>,
}

fn op_scope(op: &Operation) -> String {
    format!("operation {} ({} {})", op.id, op.method, op.path)
}

/// A named type's wire name: its component schema name, when it has one.
fn schema_name(api: &Api, id: TypeId) -> Option<&str> {
    api.types.get(id).and_then(|t| t.source_name.as_deref())
}

/// Follows aliases (transparent in both the wire format and Rust).
fn resolve<'t>(api: &'t Api, t: &'t TypeRef) -> &'t TypeRef {
    let mut cur = t;
    for _ in 0..32 {
        match cur {
            TypeRef::Named(id) => match api.types.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => cur = inner,
                _ => return cur,
            },
            _ => return cur,
        }
    }
    cur
}

/// A short description of a type, by wire facts.
fn describe(api: &Api, t: &TypeRef) -> String {
    match resolve(api, t) {
        TypeRef::String => "string".into(),
        TypeRef::Integer(b) => format!("integer ({b}-bit)"),
        TypeRef::Number => "number".into(),
        TypeRef::Boolean => "boolean".into(),
        TypeRef::Uuid => "uuid".into(),
        TypeRef::DateTime => "date-time".into(),
        TypeRef::DateTimeRfc2822 => "date-time-rfc-2822".into(),
        TypeRef::Date => "date".into(),
        TypeRef::Uri => "uri".into(),
        TypeRef::Any => "any JSON".into(),
        TypeRef::Array(i) => format!("array of {}", describe(api, i)),
        TypeRef::Map(i) => format!("map of {}", describe(api, i)),
        TypeRef::Nullable(i) => format!("{} or null", describe(api, i)),
        TypeRef::Named(id) => {
            let def = &api.types[*id];
            let kind = match &def.kind {
                TypeKind::Struct { .. } => "object",
                TypeKind::Enum { .. } => "string enum",
                TypeKind::Union { .. } => "union",
                TypeKind::Tagged { .. } => "tagged union",
                TypeKind::Alias(_) => "alias",
            };
            match &def.source_name {
                Some(n) => format!("{kind} `{n}`"),
                None => kind.to_string(),
            }
        }
    }
}

impl Differ<'_> {
    fn push(
        &mut self,
        scope: &str,
        location: &str,
        kind: &'static str,
        breaking: bool,
        detail: String,
    ) {
        self.out.push(Change {
            scope: scope.to_string(),
            location: location.to_string(),
            kind,
            breaking,
            detail,
        });
    }

    fn servers(&mut self) {
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

    fn auth_schemes(&mut self) {
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
    fn operations(&mut self) {
        let mut old: Vec<&Operation> = self.old.operations.iter().collect();
        let mut new: Vec<&Operation> = self.new.operations.iter().collect();
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
                    format!("operationId {} -> {}", o.id, n.id),
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
        let (aa, ab): (BTreeSet<&String>, BTreeSet<&String>) =
            (o.security.iter().collect(), n.security.iter().collect());
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
                    self.push(&scope, "auth", "auth-scheme-removed", true, (*s).clone());
                }
                for s in ab.difference(&aa) {
                    self.push(&scope, "auth", "auth-scheme-added", false, (*s).clone());
                }
            }
        }
    }

    fn response(&mut self, scope: &str, loc: &str, a: &Response, b: &Response) {
        let kind = |r: &Response| match &r.body {
            ResponseBody::Empty => "empty",
            ResponseBody::Json(_) => "json",
            ResponseBody::Text => "text",
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
    }

    fn requiredness(&mut self, scope: &str, loc: &str, a: Required, b: Required, side: Side) {
        let (ra, rb) = (a.is_required(), b.is_required());
        if ra == rb {
            return;
        }
        match side {
            Side::Request => {
                if rb {
                    self.push(scope, loc, "made-required", true, String::new());
                } else {
                    self.push(scope, loc, "made-optional", false, String::new());
                }
            }
            // The Rust field goes between `T` and `Option<T>` either way.
            Side::Response => self.push(
                scope,
                loc,
                if rb { "made-required" } else { "made-optional" },
                true,
                "the Rust field type changes".into(),
            ),
        }
    }

    /// Compares two uses of types. Named types with a component name are compared once, under
    /// `schema <name>` ([`Self::schemas`]); here only whether the same schema is used.
    fn types(
        &mut self,
        scope: &str,
        loc: &str,
        a: &TypeRef,
        b: &TypeRef,
        side: Side,
        depth: usize,
    ) {
        if depth > 24 {
            return;
        }
        let (ta, tb) = (resolve(self.old, a), resolve(self.new, b));
        let (ia, na) = ta.strip_nullable();
        let (ib, nb) = tb.strip_nullable();
        if na != nb {
            self.push(
                scope,
                loc,
                "type-changed",
                true,
                format!("{} -> {}", describe(self.old, ta), describe(self.new, tb)),
            );
            return;
        }
        let (ia, ib) = (resolve(self.old, ia), resolve(self.new, ib));
        match (ia, ib) {
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                self.types(scope, &format!("{loc}[]"), x, y, side, depth + 1)
            }
            (TypeRef::Map(x), TypeRef::Map(y)) => {
                self.types(scope, &format!("{loc}{{}}"), x, y, side, depth + 1)
            }
            (TypeRef::Named(x), TypeRef::Named(y)) => {
                let (sx, sy) = (schema_name(self.old, *x), schema_name(self.new, *y));
                match (sx, sy) {
                    // The same component: compared once under its own name.
                    (Some(p), Some(q)) if p == q => {}
                    (Some(_), Some(_)) => self.push(
                        scope,
                        loc,
                        "type-changed",
                        true,
                        format!("{} -> {}", describe(self.old, ia), describe(self.new, ib)),
                    ),
                    // An inline type on either side: compare the shapes here.
                    _ => self.named(scope, loc, *x, *y, side, depth + 1),
                }
            }
            (x, y) if same_scalar(x, y) => {}
            (x, y) => self.push(
                scope,
                loc,
                "type-changed",
                true,
                format!("{} -> {}", describe(self.old, x), describe(self.new, y)),
            ),
        }
    }

    /// Compares two objects' members (a struct's, or a tagged variant's).
    fn fields(
        &mut self,
        scope: &str,
        loc: &str,
        fa: &[Field],
        fb: &[Field],
        side: Side,
        depth: usize,
    ) {
        let prefix = prefix_of(loc);
        // Nested fields read as a path: `request body field data.name`.
        let field_loc = |name: &str| {
            if loc.contains("field ") {
                format!("{loc}.{name}")
            } else {
                format!("{prefix}field {name}")
            }
        };
        for f in fa {
            let floc = field_loc(&f.name);
            match fb.iter().find(|g| g.name == f.name) {
                None => self.push(scope, &floc, "field-removed", true, String::new()),
                Some(g) => {
                    self.requiredness(scope, &floc, f.required, g.required, side);
                    self.types(scope, &floc, &f.ty, &g.ty, side, depth + 1);
                }
            }
        }
        for g in fb {
            if !fa.iter().any(|f| f.name == g.name) {
                let req = side == Side::Request && g.required.is_required();
                self.push(
                    scope,
                    &field_loc(&g.name),
                    if req {
                        "required-field-added"
                    } else {
                        "field-added"
                    },
                    req,
                    describe(self.new, &g.ty),
                );
            }
        }
    }

    fn named(&mut self, scope: &str, loc: &str, x: TypeId, y: TypeId, side: Side, depth: usize) {
        if !self.seen.insert((x, y, scope.to_string())) {
            return;
        }
        let (Some(dx), Some(dy)) = (self.old.types.get(x), self.new.types.get(y)) else {
            return;
        };
        let prefix = prefix_of(loc);
        match (&dx.kind, &dy.kind) {
            (TypeKind::Struct { fields: fa, .. }, TypeKind::Struct { fields: fb, .. }) => {
                self.fields(scope, loc, fa, fb, side, depth);
            }
            (
                TypeKind::Tagged {
                    tag: ta,
                    variants: va,
                },
                TypeKind::Tagged {
                    tag: tb,
                    variants: vb,
                },
            ) => {
                if ta != tb {
                    self.push(
                        scope,
                        &format!("{prefix}tag property"),
                        "type-changed",
                        true,
                        format!("{ta} -> {tb}"),
                    );
                }
                for v in va {
                    let vloc = format!("{prefix}variant {}", v.value);
                    match vb.iter().find(|w| w.value == v.value) {
                        None => self.push(scope, &vloc, "variant-removed", true, String::new()),
                        Some(w) => self.fields(scope, &vloc, &v.fields, &w.fields, side, depth),
                    }
                }
                for w in vb {
                    if !va.iter().any(|v| v.value == w.value) {
                        let vloc = format!("{prefix}variant {}", w.value);
                        self.push(scope, &vloc, "variant-added", false, String::new());
                    }
                }
            }
            (TypeKind::Enum { values: va }, TypeKind::Enum { values: vb }) => {
                let removed = match side {
                    Side::Request => "request type",
                    Side::Response => "response type: its Rust variant goes",
                };
                for (from, to, kind, breaking, detail) in [
                    (va, vb, "enum-value-removed", true, removed),
                    (vb, va, "enum-value-added", false, ""),
                ] {
                    for v in from
                        .iter()
                        .filter(|v| !to.iter().any(|w| w.value == v.value))
                    {
                        let vloc = format!("{prefix}enum value {}", v.value);
                        self.push(scope, &vloc, kind, breaking, detail.into());
                    }
                }
            }
            (TypeKind::Union { variants: va }, TypeKind::Union { variants: vb }) => {
                // Variants are matched by their description (`string`, `object `Call``, …).
                let shapes = |api: &Api, vs: &[Variant]| -> Vec<String> {
                    vs.iter().map(|v| describe(api, &v.ty)).collect()
                };
                let (sa, sb) = (shapes(self.old, va), shapes(self.new, vb));
                for (from, to, kind, breaking) in [
                    (&sa, &sb, "variant-removed", true),
                    (&sb, &sa, "variant-added", false),
                ] {
                    for s in from.iter().filter(|s| !to.contains(s)) {
                        let vloc = format!("{prefix}union variant {s}");
                        self.push(scope, &vloc, kind, breaking, String::new());
                    }
                }
                // Variants present in both, in order: compare inline shapes.
                for (i, (v, s)) in va.iter().zip(&sa).enumerate() {
                    if let Some(j) = sb.iter().position(|t| t == s) {
                        let vloc = format!("{loc} (variant {i})");
                        self.types(scope, &vloc, &v.ty, &vb[j].ty, side, depth + 1);
                    }
                }
            }
            _ => self.push(
                scope,
                loc,
                "type-changed",
                true,
                format!(
                    "{} -> {}",
                    describe(self.old, &TypeRef::Named(x)),
                    describe(self.new, &TypeRef::Named(y))
                ),
            ),
        }
    }

    /// Component schemas present in both versions, compared once each; the side is where the
    /// new version uses it (request rules win when it is used on both sides).
    fn schemas(&mut self) {
        let usage = uses(self.new);
        let by_name = |api: &Api| -> BTreeMap<String, TypeId> {
            let mut m = BTreeMap::new();
            for (i, t) in api.types.iter().enumerate() {
                if let Some(n) = &t.source_name {
                    m.entry(n.clone()).or_insert(i);
                }
            }
            m
        };
        let (ma, mb) = (by_name(self.old), by_name(self.new));
        for (name, x) in &ma {
            let Some(y) = mb.get(name) else { continue };
            let side = if usage.request.contains(y) {
                Side::Request
            } else if usage.response.contains(y) {
                Side::Response
            } else {
                continue;
            };
            let scope = format!("schema {name}");
            // Aliases: compare what they stand for.
            let (a, b) = (TypeRef::Named(*x), TypeRef::Named(*y));
            let (ra, rb) = (resolve(self.old, &a).clone(), resolve(self.new, &b).clone());
            match (&ra, &rb) {
                (TypeRef::Named(p), TypeRef::Named(q)) => self.named(&scope, "", *p, *q, side, 0),
                _ => self.types(&scope, "", &ra, &rb, side, 0),
            }
        }
    }
}

/// `loc` and a space, to put before a member's name; nothing at the top of a scope.
fn prefix_of(loc: &str) -> String {
    if loc.is_empty() {
        String::new()
    } else {
        format!("{loc} ")
    }
}

fn same_scalar(a: &TypeRef, b: &TypeRef) -> bool {
    match (a, b) {
        (TypeRef::Integer(x), TypeRef::Integer(y)) => x == y,
        (TypeRef::Named(_), _) | (_, TypeRef::Named(_)) => false,
        (TypeRef::Array(_), _) | (TypeRef::Map(_), _) | (TypeRef::Nullable(_), _) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

fn status(s: StatusSpec) -> String {
    match s {
        StatusSpec::Code(c) => c.to_string(),
        StatusSpec::Range(c) => format!("{c}XX"),
        StatusSpec::Default => "default".into(),
    }
}

fn join(s: &BTreeSet<&String>) -> String {
    s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
}

/// Named types reachable from requests and from responses.
struct Uses {
    request: HashSet<TypeId>,
    response: HashSet<TypeId>,
}

fn uses(api: &Api) -> Uses {
    let mut u = Uses {
        request: HashSet::new(),
        response: HashSet::new(),
    };
    for op in &api.operations {
        for p in &op.params {
            reach(api, &p.ty, &mut u.request);
        }
        if let Some(b) = &op.body {
            reach(api, &b.ty, &mut u.request);
        }
        for r in &op.responses {
            if let ResponseBody::Json(t) = &r.body {
                reach(api, t, &mut u.response);
            }
        }
    }
    u
}

fn reach(api: &Api, t: &TypeRef, set: &mut HashSet<TypeId>) {
    match t {
        TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => reach(api, i, set),
        TypeRef::Named(id) => {
            if !set.insert(*id) {
                return;
            }
            if let Some(def) = api.types.get(*id) {
                for m in def.kind.member_types() {
                    reach(api, m, set);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
