//! Where a block scalar's text ends: at a key some open mapping accepts or a dash in an open
//! list, with the fences inside balanced; R13 (a `required` list naming open properties ends
//! it for good) and R23 (no prose holds `key: |-`).

use super::super::state::{Alt, BlockScan, Search, State, Sv};
use super::super::tokens::{is_block_indicator, is_fence};
use super::super::vocabulary::Ty;

impl Search<'_> {
    /// The next admissible end of a block scalar: before a key some open mapping accepts, or a
    /// dash when a list is open, with the fences inside balanced; or the end of the block.
    /// R13 (ours): true when the `- a - b` list at token `next` names only properties of an
    /// open object schema that has no `required` yet (or keys inside the scalar `from..at`). Such a `required:` is that schema's list
    /// (R2), so a block scalar before it ends there: prose naming exactly the properties after a
    /// `required:` is not text js-yaml would leave unfolded in a description.
    fn names_open_properties(&self, st: &State, from: usize, at: usize, next: usize) -> bool {
        let names = self.list_ahead(next);
        if names.is_empty() {
            return false;
        }
        // Keys inside the candidate scalar count too: a scalar that swallowed properties
        // (`… scopes: $ref: … required: - id - scopes`) is no prose either.
        let inside: Vec<String> = (from..at)
            .filter_map(|j| self.keys.get(j).cloned().flatten().map(|(k, _)| k))
            .collect();
        let frames = &st.frames;
        // Names of properties anywhere on the open chain: a property the reading so far put
        // into a nested map still counts (the list is evidence against that placement).
        let open: Vec<&String> = frames
            .iter()
            .filter(|f| f.ty == Ty::PropMap)
            .flat_map(|f| f.keys.iter())
            .collect();
        let has_open_owner = frames
            .iter()
            .any(|f| f.ty == Ty::Schema && !f.keys.iter().any(|k| k == "required"));
        if has_open_owner
            && names
                .iter()
                .all(|n| open.contains(&n) || inside.contains(n))
        {
            return true;
        }
        (0..frames.len()).any(|i| {
            let f = &frames[i];
            if f.ty != Ty::Schema || f.keys.iter().any(|k| k == "required") {
                return false;
            }
            let props = f.props.as_ref().or_else(|| {
                frames
                    .get(i + 1)
                    .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                    .map(|c| &c.keys)
            });
            props.is_some_and(|p| names.iter().all(|n| p.contains(n) || inside.contains(n)))
        })
    }

    pub(crate) fn next_block_end(&mut self, st: &State, scan: &mut BlockScan) -> Option<Alt> {
        if scan.done {
            return None;
        }
        let seq_open = st.frames.iter().any(|f| f.seq);
        while scan.at < self.toks.len() {
            self.steps += 1;
            let i = scan.at;
            scan.at += 1;
            if i > scan.from && scan.fences % 2 == 0 {
                let boundary = if let Some((k, next)) = self.keys.get(i).cloned().flatten() {
                    if k == "required"
                        && (self.second_search || self.required_ends)
                        && self.names_open_properties(st, scan.from, i, next)
                    {
                        // R13: text cannot hold a schema's own `required` list.
                        scan.done = true;
                        return Some(Alt::Scalar {
                            value: Sv::Range(scan.from, i),
                            next: i,
                        });
                    }
                    if is_block_indicator(self.tok(next)) {
                        // R23 (ours): prose holds no `key: |-`; a key opening a block scalar
                        // ends the text for good (a reading where nothing takes the key fails).
                        scan.done = true;
                        return Some(Alt::Scalar {
                            value: Sv::Range(scan.from, i),
                            next: i,
                        });
                    }
                    (0..st.frames.len()).any(|f| self.accepts(&st.frames, f, &k).is_some())
                } else {
                    seq_open && self.tok(i) == "-"
                };
                if boundary {
                    if is_fence(self.tok(i)) {
                        scan.fences += 1;
                    }
                    return Some(Alt::Scalar {
                        value: Sv::Range(scan.from, i),
                        next: i,
                    });
                }
            }
            if is_fence(self.tok(i)) {
                scan.fences += 1;
            }
            if self.steps > self.budget {
                return None;
            }
        }
        scan.done = true;
        Some(Alt::Scalar {
            value: Sv::Range(scan.from, self.toks.len()),
            next: self.toks.len(),
        })
    }
}
