//! Comparing types: uses of types (by wire facts, following aliases), object members and their
//! requiredness, enums, unions and tagged unions, and component schemas (each compared once,
//! under its name, by the rules of the side the new version uses it on).

use std::collections::{BTreeMap, HashSet};

use super::differ::{Differ, Side};
use crate::ir::*;

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
pub(super) fn describe(api: &Api, t: &TypeRef) -> String {
    match resolve(api, t) {
        TypeRef::String => "string".into(),
        TypeRef::Secret => SECRET_DESCRIPTION.into(),
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
    pub(super) fn requiredness(
        &mut self,
        scope: &str,
        loc: &str,
        a: Required,
        b: Required,
        side: Side,
    ) {
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
    pub(super) fn types(
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
                let detail = describe(self.new, &g.ty);
                // A request model is an exhaustive struct users build with a literal (see
                // the module docs): a new field, even optional, stops that literal compiling.
                let (breaking, detail) = match side {
                    Side::Request if !req => (
                        true,
                        format!("{detail}; a struct literal of the request model must name it"),
                    ),
                    _ => (req, detail),
                };
                self.push(
                    scope,
                    &field_loc(&g.name),
                    if req {
                        "required-field-added"
                    } else {
                        "field-added"
                    },
                    breaking,
                    detail,
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
    pub(super) fn schemas(&mut self) {
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
            self.name_scope(&scope, &format!("types::{}", self.new.types[*y].rust_name));
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
            api.reach(&p.ty, &mut u.request);
        }
        if let Some(b) = &op.body {
            api.reach(&b.ty, &mut u.request);
        }
        for r in &op.responses {
            if let ResponseBody::Json(t) = &r.body {
                api.reach(t, &mut u.response);
            }
        }
        // Types only an event stream or a page's items use (`events()`, `stream()`).
        if let Some(ResponseBody::Json(t)) = op.events.as_ref().map(|e| &e.data) {
            api.reach(t, &mut u.response);
        }
        if let Some(p) = &op.pagination {
            api.reach(&p.item, &mut u.response);
        }
    }
    u
}
