//! Rules on annotations and what follows them: R12 (a component's own `title`), R22 (a
//! description after a bare `$ref` schema is its owner's), and the look-ahead over runs of
//! scalar-valued annotations that R22, R27 and R30 decide by.

use super::super::state::{Search, State};
use super::super::vocabulary::{TRAILING, Ty};

impl Search<'_> {
    /// True when `key` is `title`, its value is one word naming the component schema open at
    /// frame `i` (R12: Fern titles every component with its own name; seed 001, Cash App).
    pub(super) fn title_of_component(&self, st: &State, key: &str, i: usize) -> bool {
        if key != "title" {
            return false;
        }
        let Some((_, next)) = self.keys.get(st.pos).cloned().flatten() else {
            return false;
        };
        let single =
            next + 1 >= self.toks.len() || self.keys.get(next + 1).is_some_and(|k| k.is_some());
        let value = self.tok(next).trim_matches(['\'', '"']);
        let frames = &st.frames;
        single
            && frames
                .get(i)
                .is_some_and(|f| f.ty == Ty::Schema && f.via == value)
            && i.checked_sub(1)
                .and_then(|p| frames.get(p))
                .is_some_and(|p| p.ty == Ty::SchemaMap && p.via == "schemas")
    }

    /// R22: moves the first candidate, a bare `$ref` schema, behind its owner (the schema owning
    /// the property map it is a property of, or the body, response or parameter holding it)
    /// when a description follows in the run of annotations `key` starts.
    pub(super) fn trailing_owner(
        &self,
        st: &State,
        key: &str,
        next: usize,
        cands: &mut Vec<(usize, Ty)>,
    ) {
        let frames = &st.frames;
        let Some(&(leaf, _)) = cands.first() else {
            return;
        };
        if frames[leaf].ty != Ty::Schema
            || frames[leaf].keys != ["$ref"]
            || !self.description_follows(key, next)
        {
            return;
        }
        let owner = |j: usize| {
            let object = j + 2 == leaf
                && frames[j].ty == Ty::Schema
                && frames[j + 1].ty == Ty::PropMap
                && !frames[j + 1].seq;
            object
                || matches!(
                    frames[j].ty,
                    Ty::RequestBody | Ty::Response | Ty::Parameter | Ty::Header
                )
        };
        if let Some(at) = cands.iter().position(|&(j, _)| j < leaf && owner(j)) {
            let c = cands.remove(0);
            cands.insert(at, c);
        }
    }

    /// True when annotation `key` (its value starting at token `next`) is `description` or
    /// starts a run of scalar-valued annotations holding one.
    fn description_follows(&self, key: &str, next: usize) -> bool {
        key == "description" || self.in_annotation_run(next, "description", &[])
    }

    /// True when the run of scalar-valued annotations (`TRAILING` and `also`) after the value
    /// starting at token `at` holds the key `want`.
    pub(super) fn in_annotation_run(&self, at: usize, want: &str, also: &[&str]) -> bool {
        for (k, n) in self.keys_from(at) {
            if k == want {
                return true;
            }
            if !(TRAILING.contains(&k.as_str()) || also.contains(&k.as_str())) || self.is_key(n) {
                return false;
            }
        }
        false
    }

    /// Whether the schema whose first key is at token `at` has a `description` among its
    /// leading scalar keywords (`type: string example: x description: …`); `None` when it
    /// opens with anything else.
    pub(super) fn described_ahead(&self, at: usize) -> Option<bool> {
        let mut seen = false;
        for (k, n) in self.keys_from(at) {
            let scalar = !self.is_key(n) && self.tok(n) != "-";
            if !scalar
                || !(TRAILING.contains(&k.as_str()) || matches!(k.as_str(), "type" | "format"))
            {
                break;
            }
            if k == "description" {
                return Some(true);
            }
            seen = true;
        }
        seen.then_some(false)
    }
}
