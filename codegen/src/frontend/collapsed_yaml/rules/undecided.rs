//! Which candidate placements of a key no rule tells from the preferred one (§8's undecidable
//! classes; R4, R12 and R31 decide; R21's moved list item stays open): the second-reading search
//! revisits only those, so every reading it finds is a flagged ambiguity.

use super::super::state::{Search, State};
use super::super::vocabulary::{Ty, is_response_code};

impl Search<'_> {
    /// For each ordered candidate: true when no rule tells it from the first one (§8 undecidable
    /// classes 1, 2, 3 and 5).
    pub(crate) fn undecided_pairs(
        &self,
        st: &State,
        key: &str,
        cands: &[(usize, Ty)],
    ) -> Vec<bool> {
        let frames = &st.frames;
        // The reading the others are told from: the first candidate, passing over a property
        // map when the value is no mapping (a property needs a schema).
        let next = self.keys.get(st.pos).cloned().flatten().map(|(_, n)| n);
        let mapping = next.is_some_and(|next| self.keys.get(next).is_some_and(|k| k.is_some()));
        let Some(r) = cands
            .iter()
            .position(|&(i, _)| mapping || frames[i].ty != Ty::PropMap)
            .or((!cands.is_empty()).then_some(0))
        else {
            return Vec::new();
        };
        self.undecided_from(st, key, cands, r)
    }

    /// For each candidate: true when no rule tells it from candidate `r` (the one the
    /// preferred reading took, once known: where the first candidate found no complete reading,
    /// the others are told from the one that did).
    pub(crate) fn undecided_from(
        &self,
        st: &State,
        key: &str,
        cands: &[(usize, Ty)],
        r: usize,
    ) -> Vec<bool> {
        let frames = &st.frames;
        let next = self.keys.get(st.pos).cloned().flatten().map(|(_, n)| n);
        let Some(&(f0, _)) = cands.get(r) else {
            return vec![false; cands.len()];
        };
        let a = frames[f0].ty;
        if a == Ty::SchemaMap && self.schema_names.contains(key) {
            // R4: a key naming a referenced component closes whatever is open.
            return vec![false; cands.len()];
        }
        if self.fern && self.title_of_component(st, key, f0) {
            // R12: a component's own `title`.
            return vec![false; cands.len()];
        }
        cands
            .iter()
            .enumerate()
            .map(|(n, &(i, _))| {
                let b = frames[i].ty;
                let pair = |x: Ty, y: Ty| (a == x && b == y) || (a == y && b == x);
                // A keyword after a property map: the last property's or the owner's. Fern
                // writes `type` before `properties`; an owner without `type` yet is another
                // emitter's order, where trailing keywords are undecidable.
                let trailing = a == Ty::Schema
                    && b == Ty::Schema
                    && (i.min(f0)..i.max(f0)).any(|k| frames[k].ty == Ty::PropMap);
                // R21 moved a list item's mapping behind an enclosing one: both stay open.
                let r21 = frames
                    .get(i)
                    .is_some_and(|f| f.ty == Ty::AnyMap && f.keys.iter().all(|k| k != key))
                    && i > f0
                    && a == Ty::AnyMap;
                // R31: a placement the page's evidence rules out, where the first is not.
                let refuted = next.is_some_and(|next| {
                    (self.misfit(st, key, next, i) && !self.misfit(st, key, next, f0))
                        // A `required` list naming the taken schema's properties is no data.
                        || (key == "required"
                            && b == Ty::AnyMap
                            && self.required_fits(st, f0, next))
                });
                n != r
                    && !refuted
                    && (trailing
                        || r21
                        || key.starts_with("x-")
                        || (is_response_code(key) && (a == Ty::Responses || b == Ty::Responses))
                        || (a == Ty::AnyMap) != (b == Ty::AnyMap)
                        || (a == Ty::PropMap && b == Ty::PropMap)
                        || (pair(Ty::PropMap, Ty::Schema)
                            && matches!(key, "example" | "default" | "const" | "examples"))
                        // A parameter's example or its schema's.
                        || (pair(Ty::Parameter, Ty::Schema)
                            && matches!(key, "example" | "examples"))
                        || (pair(Ty::PropMap, Ty::SchemaMap) && !self.schema_names.contains(key))
                        // Prose keys two different objects take (an operation's `description`
                        // or its path item's, a request body's or its schema's).
                        || (matches!(key, "description" | "summary")
                            && a != b
                            && a != Ty::PropMap
                            && b != Ty::PropMap))
            })
            .collect()
    }
}
