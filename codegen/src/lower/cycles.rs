//! Cycles: `$ref` chains that never reach a schema ([`ref_cycle`], reported while lowering),
//! and recursive types that need a `Box` ([`box_cycles`], run once over the finished API, with
//! an iterative Tarjan for the strongly connected components).

use serde_json::Value;

use super::helpers::{resolve_pointer, str_of};
use crate::ir::{Api, TypeId, TypeKind, TypeRef};

/// `a -> b -> a` when the `$ref` chain starting at `r` comes back to a reference it passed,
/// without reaching a schema of its own.
pub(super) fn ref_cycle(root: &Value, r: &str) -> Option<String> {
    let mut seen = vec![r];
    let mut cur = resolve_pointer(root, r)?;
    while let Some(next) = str_of(cur, "$ref") {
        if seen.len() > 64 {
            return None;
        }
        if seen.contains(&next) {
            seen.push(next);
            return Some(seen.join(" -> "));
        }
        seen.push(next);
        cur = resolve_pointer(root, next)?;
    }
    None
}

/// Marks the struct fields and union variants that must be boxed: those whose type reaches
/// back to their own type without passing through a `Vec` or a map.
pub(super) fn box_cycles(api: &mut Api) {
    let n = api.types.len();
    // Direct edges (through Option/Nullable only).
    fn direct(t: &TypeRef) -> Option<TypeId> {
        match t {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Nullable(t) => direct(t),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|t| {
            t.kind
                .member_types()
                .into_iter()
                .filter_map(direct)
                .collect()
        })
        .collect();
    let scc = tarjan(n, &edges);
    for (id, def) in api.types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    if let Some(t) = direct(&f.ty) {
                        f.boxed = scc[t] == scc[id];
                    }
                }
            }
            TypeKind::Union { variants } => {
                for v in variants {
                    if let Some(t) = direct(&v.ty) {
                        v.boxed = scc[t] == scc[id];
                    }
                }
            }
            TypeKind::Tagged { variants, .. } => {
                for f in variants.iter_mut().flat_map(|v| v.fields.iter_mut()) {
                    if let Some(t) = direct(&f.ty) {
                        f.boxed = scc[t] == scc[id];
                    }
                }
            }
            _ => {}
        }
    }
}

/// Strongly connected components (iterative Tarjan); returns the component of each node.
fn tarjan(n: usize, edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSET: usize = usize::MAX;
    let mut index = vec![UNSET; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSET; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != UNSET {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == UNSET {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    // A node alone in its component is only cyclic with a self-edge; give acyclic singletons
    // distinct ids from their targets (they already are).
    comp
}
