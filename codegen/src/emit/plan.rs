//! The per-operation plan, and which serde traits each model needs: the only place the
//! emitter picks names (builder types, error enums, setters, command-line flags), so every
//! other file reads them from an [`OpPlan`] instead of deciding them again.
//!
//! Entry point: [`prepare`], once per API, before any of its pieces are made.

use super::options::EmitOptions;
use crate::ir::{
    Api, BodyEncoding, Constraints, Field, Operation, ParamLocation, Required, ResponseBody,
    TypeId, TypeKind, TypeRef,
};
use crate::naming::{Namespace, camel, kebab};

/// Which serde traits a model needs.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SerdeUse {
    /// It can be sent: `Serialize`.
    pub(super) ser: bool,
    /// It can be received: `Deserialize`.
    pub(super) de: bool,
}

/// Marks `t` and every type it reaches with `set`, stopping where the mark is already set.
fn mark_use(api: &Api, t: &TypeRef, uses: &mut [SerdeUse], set: fn(&mut SerdeUse) -> &mut bool) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => stack.push(i),
            TypeRef::Named(id) => {
                let Some(u) = uses.get_mut(*id) else {
                    continue;
                };
                if *set(u) {
                    continue;
                }
                *set(u) = true;
                stack.extend(api.types[*id].kind.member_types());
            }
            _ => {}
        }
    }
}

/// The serde traits each model of `api` needs: `Serialize` for what requests carry,
/// `Deserialize` for what responses carry (the command line sends and reads JSON values, so it
/// needs neither). Models no operation uses get both.
fn serde_uses(api: &Api, opts: &EmitOptions) -> Vec<SerdeUse> {
    let mut uses = vec![SerdeUse::default(); api.types.len()];
    if opts.full_serde {
        uses.fill(SerdeUse {
            ser: true,
            de: true,
        });
        return uses;
    }
    for op in &api.operations {
        for p in &op.params {
            mark_use(api, &p.ty, &mut uses, |u| &mut u.ser);
        }
        if let Some(b) = &op.body {
            mark_use(api, &b.ty, &mut uses, |u| &mut u.ser);
        }
        let success_bodies = op.success.cases.iter().map(|c| &c.body);
        for body in op.responses.iter().map(|r| &r.body).chain(success_bodies) {
            if let ResponseBody::Json(t) = body {
                mark_use(api, t, &mut uses, |u| &mut u.de);
            }
        }
    }
    // Not reachable from any operation: both, as a user building or reading it by hand would
    // expect, and so for every type it holds (a `Deserialize` needs its fields' too).
    let unreached: Vec<TypeId> = (0..uses.len())
        .filter(|&id| !uses[id].ser && !uses[id].de)
        .collect();
    for id in unreached {
        mark_use(api, &TypeRef::Named(id), &mut uses, |u| &mut u.ser);
        mark_use(api, &TypeRef::Named(id), &mut uses, |u| &mut u.de);
    }
    uses
}

/// What emitting one API needs computed once: its operation plans and serde needs.
pub(super) struct Prepared<'a> {
    pub(super) api: &'a Api,
    pub(super) plans: Vec<OpPlan<'a>>,
    pub(super) uses: Vec<SerdeUse>,
}

pub(super) fn prepare<'a>(api: &'a Api, opts: &EmitOptions) -> Prepared<'a> {
    let mut builder_ns = Namespace::new();
    let plans: Vec<OpPlan> = api
        .operations
        .iter()
        .map(|op| OpPlan::new(api, op, &mut builder_ns))
        .collect();
    let uses = serde_uses(api, opts);
    Prepared { api, plans, uses }
}

/// One argument of an operation builder: a parameter or a top-level body field.
pub(super) struct Arg {
    pub(super) wire: String,
    pub(super) setter: String,
    pub(super) flag: String,
    pub(super) location: &'static str,
    pub(super) ty: TypeRef,
    pub(super) required: Required,
    pub(super) description: Option<String>,
    pub(super) constraints: Constraints,
    pub(super) boxed: bool,
    pub(super) param: Option<ParamLocation>,
    /// A query array sent as one value: the character joining its items.
    pub(super) join: Option<char>,
    /// A multipart body's file field (or list of files): its setter takes
    /// `cpaas_runtime::Part` values.
    pub(super) file: bool,
    /// A `readOnly` body field: a builder setter (the body struct has the field) but no
    /// command-line flag.
    pub(super) read_only: bool,
}

pub(super) struct OpPlan<'a> {
    pub(super) op: &'a Operation,
    pub(super) builder: String,
    pub(super) error: String,
    pub(super) args: Vec<Arg>,
    /// The body struct when its fields are builder arguments.
    pub(super) body_struct: Option<TypeId>,
}

impl<'a> OpPlan<'a> {
    fn new(api: &'a Api, op: &'a Operation, ns: &mut Namespace) -> Self {
        let builder = ns.claim(&camel(&op.rust_name));
        let error = format!("{builder}Error");
        let mut setters = Namespace::new();
        for r in [
            "send",
            "body",
            "new",
            "client",
            "send_blocking",
            "request",
            "decode",
            "options",
            "events",
        ] {
            setters.reserve(r);
        }
        let mut flags = Namespace::new();
        let mut args = Vec::new();
        for p in &op.params {
            args.push(Arg {
                wire: p.name.clone(),
                setter: setters.claim(&p.rust_name),
                flag: flags.claim(&kebab(&p.name)),
                location: p.location.as_str(),
                ty: p.ty.clone(),
                required: p.required,
                description: p.description.clone(),
                constraints: p.constraints.clone(),
                boxed: false,
                param: Some(p.location),
                join: p.join,
                file: false,
                read_only: false,
            });
        }
        let mut body_struct = None;
        if let Some(b) = &op.body {
            if let TypeRef::Named(id) = b.ty.strip_nullable().0 {
                if let TypeKind::Struct { fields, .. } = &api.types[*id].kind {
                    if b.encoding != BodyEncoding::Bytes {
                        body_struct = Some(*id);
                        let read_only =
                            |f: &&Field| b.parts.iter().any(|m| m.name == f.name && m.read_only);
                        for f in fields.iter().filter(|f| !read_only(f)) {
                            let setter = setters.claim(&f.rust_name);
                            args.push(Arg {
                                wire: f.name.clone(),
                                setter,
                                flag: flags.claim(&kebab(&f.name)),
                                location: "body",
                                ty: f.ty.clone(),
                                required: f.required,
                                description: f.description.clone(),
                                constraints: f.constraints.clone(),
                                boxed: f.boxed,
                                param: None,
                                join: None,
                                file: b.parts.iter().any(|m| m.name == f.name && m.file),
                                read_only: f.read_only,
                            });
                        }
                    }
                }
            }
        }
        OpPlan {
            op,
            builder,
            error,
            args,
            body_struct,
        }
    }
}
