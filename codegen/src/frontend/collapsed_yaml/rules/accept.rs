//! Which open frame may take a key at all: the vocabulary's key types narrowed by Fern's habits
//! (components hold only referenced schemas; R24: a path item holds its method only; R10:
//! Fern's fixed key order), R17's sorted keys, R6 (`$ref` siblings), type-specific keywords
//! and `then`/`else` without `if`.

use super::super::state::{Frame, Search};
use super::super::vocabulary::{Ty, fern_order_ok, key_ty, keyword_type};

impl Search<'_> {
    /// Whether frame `f` accepts `key` now, and with which value type.
    pub(crate) fn accepts(&self, frames: &[Frame], i: usize, key: &str) -> Option<Ty> {
        let f = frames.get(i)?;
        if f.seq || f.keys.iter().any(|k| k == key) {
            return None;
        }
        let ty = key_ty(f.ty, key)?;
        if self.fern
            && f.ty == Ty::SchemaMap
            && f.via == "schemas"
            && !self.schema_names.contains(key)
        {
            // Fern's components hold only reachable schemas: every name is referenced.
            return None;
        }
        if self.fern
            && self.strict
            && f.ty == Ty::PathItem
            && !matches!(
                key,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            )
        {
            // R24: a Fern page's path item holds its one method and nothing else (path-level
            // parameters are merged into the operation).
            return None;
        }
        if self.fern && self.fern_order && self.strict && !fern_order_ok(f.ty, &f.keys, key) {
            return None;
        }
        if self.sorted_schemas
            && matches!(f.ty, Ty::Schema | Ty::SchemaOrBool)
            && f.keys.last().is_some_and(|l| l.as_str() > key)
        {
            return None;
        }
        if self.sorted_props
            && matches!(f.ty, Ty::PropMap | Ty::AnyMap)
            && f.keys.last().is_some_and(|l| l.as_str() > key)
        {
            return None;
        }
        if f.ty == Ty::Schema && self.strict {
            // R6: a schema with `$ref` takes only description/summary siblings.
            if f.keys.iter().any(|k| k == "$ref")
                && !matches!(key, "description" | "summary")
                && !key.starts_with("x-")
            {
                return None;
            }
            if key == "$ref"
                && f.keys.iter().any(|k| {
                    !matches!(k.as_str(), "description" | "summary") && !k.starts_with("x-")
                })
            {
                return None;
            }
            // `unevaluatedProperties: not: {}` (nothing more allowed) is a whole idiom: a
            // keyword after it is its owner's.
            if f.keys == ["not"]
                && matches!(
                    f.via.as_str(),
                    "unevaluatedProperties" | "additionalProperties" | "unevaluatedItems" | "items"
                )
                && i.checked_sub(1).is_some_and(|p| frames[p].ty == Ty::Schema)
            {
                return None;
            }
            // `then`/`else` mean nothing without `if` (written first): a property named so.
            if matches!(key, "then" | "else") && !f.keys.iter().any(|k| k == "if") {
                return None;
            }
            if let (Some(st), Some(kt)) = (&f.stype, keyword_type(key)) {
                if !kt.contains(&st.as_str()) {
                    return None;
                }
            }
        }
        Some(ty)
    }
}
