//! Pruning an API's type graph to what its (selected) operations reach: parameters, request
//! bodies, every response body (error bodies included) and success answers, followed through
//! named types, arrays, maps, nullables, struct fields, extra properties, union and tagged
//! variants and aliases. Unreached types are dropped and every [`TypeId`] left is renumbered;
//! Rust names are kept as lowering decided them, so a selected crate's names are the whole
//! crate's names.

use std::collections::HashSet;

use crate::ir::{Api, Operation, ResponseBody, SuccessShape, TypeId, TypeKind, TypeRef};

/// The named types `api`'s operations reach.
pub fn reached(api: &Api) -> HashSet<TypeId> {
    let mut set = HashSet::new();
    for op in &api.operations {
        for_each_op_ref(op, &mut |t| api.reach(t, &mut set));
    }
    set
}

/// Drops every type no operation of `api` reaches, renumbering the others (in order).
pub fn prune_types(api: &mut Api) {
    let keep = reached(api);
    let mut map: Vec<Option<TypeId>> = Vec::with_capacity(api.types.len());
    let mut next = 0;
    for id in 0..api.types.len() {
        if keep.contains(&id) {
            map.push(Some(next));
            next += 1;
        } else {
            map.push(None);
        }
    }
    let types = std::mem::take(&mut api.types);
    api.types = types
        .into_iter()
        .enumerate()
        .filter(|(id, _)| keep.contains(id))
        .map(|(_, mut def)| {
            for_each_kind_ref_mut(&mut def.kind, &mut |t| renumber(t, &map));
            def
        })
        .collect();
    for op in &mut api.operations {
        for_each_op_ref_mut(op, &mut |t| renumber(t, &map));
    }
}

fn renumber(t: &mut TypeRef, map: &[Option<TypeId>]) {
    match t {
        TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => renumber(i, map),
        TypeRef::Named(id) => {
            // Every reached type is kept, so a kept type's members and the operations' types
            // all have a new number.
            *id = map.get(*id).copied().flatten().unwrap_or(*id);
        }
        _ => {}
    }
}

fn body_ref(b: &ResponseBody) -> Option<&TypeRef> {
    match b {
        ResponseBody::Json(t) => Some(t),
        _ => None,
    }
}

fn body_ref_mut(b: &mut ResponseBody) -> Option<&mut TypeRef> {
    match b {
        ResponseBody::Json(t) => Some(t),
        _ => None,
    }
}

/// Every type use of an operation: parameters, body, responses, success answers.
fn for_each_op_ref<'a>(op: &'a Operation, f: &mut impl FnMut(&'a TypeRef)) {
    op.params.iter().for_each(|p| f(&p.ty));
    op.body.iter().for_each(|b| f(&b.ty));
    op.responses
        .iter()
        .filter_map(|r| body_ref(&r.body))
        .for_each(&mut *f);
    op.success
        .cases
        .iter()
        .filter_map(|c| body_ref(&c.body))
        .for_each(&mut *f);
    if let SuccessShape::Single(b) | SuccessShape::Optional(b) = &op.success.shape {
        body_ref(b).into_iter().for_each(&mut *f);
    }
    op.pagination.iter().for_each(|p| f(&p.item));
}

fn for_each_op_ref_mut(op: &mut Operation, f: &mut impl FnMut(&mut TypeRef)) {
    op.params.iter_mut().for_each(|p| f(&mut p.ty));
    op.body.iter_mut().for_each(|b| f(&mut b.ty));
    op.responses
        .iter_mut()
        .filter_map(|r| body_ref_mut(&mut r.body))
        .for_each(&mut *f);
    op.success
        .cases
        .iter_mut()
        .filter_map(|c| body_ref_mut(&mut c.body))
        .for_each(&mut *f);
    if let SuccessShape::Single(b) | SuccessShape::Optional(b) = &mut op.success.shape {
        body_ref_mut(b).into_iter().for_each(&mut *f);
    }
    op.pagination.iter_mut().for_each(|p| f(&mut p.item));
}

/// Every type use inside a type definition (the mutable twin of
/// [`TypeKind::member_types`]).
fn for_each_kind_ref_mut(kind: &mut TypeKind, f: &mut impl FnMut(&mut TypeRef)) {
    match kind {
        TypeKind::Struct { fields, additional } => {
            fields.iter_mut().for_each(|x| f(&mut x.ty));
            additional.iter_mut().for_each(f);
        }
        TypeKind::Union { variants } => variants.iter_mut().for_each(|v| f(&mut v.ty)),
        TypeKind::Tagged { variants, .. } => variants
            .iter_mut()
            .flat_map(|v| v.fields.iter_mut())
            .for_each(|x| f(&mut x.ty)),
        TypeKind::Alias(t) => f(t),
        TypeKind::Enum { .. } => {}
    }
}
