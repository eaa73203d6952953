//! The depth-first search: choice points, backtracking, the memo of failed states, the step
//! budget and the error naming the furthest position, the search for a second reading
//! (`fern.ambiguous`), and the alternatives after a value (which open frame takes the next
//! key, R20's fold-width filter, R18's end of an `enum` list at `- type:`).

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use super::checks::{diff, only_example_data, refutation, what_differs};
use super::options::Parsed;
use super::state::{Alt, BlockScan, Mode, Next, Search, State};
use super::vocabulary::{Ty, fold_width, schema_key_ty};
use crate::diag::{Diagnostic, pointer_token};

/// How many complete readings the page refutes the search for a second one passes over before
/// it gives up (and flags the reading taken).
const MAX_REFUTED: usize = 64;

struct Choice {
    snap: State,
    alts: Vec<Alt>,
    idx: usize,
    scan: Option<BlockScan>,
    sig: u64,
    had_success: bool,
    undecided: Vec<bool>,
    /// The alternative the preferred reading took here, once it is found.
    taken: Option<usize>,
    /// Whether `undecided` was told again from the alternative taken.
    retold: bool,
}

impl Search<'_> {
    pub(super) fn run(&mut self) -> Result<Parsed, Diagnostic> {
        let mut st = State {
            pos: 0,
            mode: Mode::Value(Ty::Document),
            frames: Vec::new(),
            events: 0,
            empties: 0,
        };
        let mut stack: Vec<Choice> = Vec::new();
        let mut first: Option<(Value, BTreeMap<String, usize>, usize)> = None;
        let mut second: Option<Value> = None;
        let mut divergence: Option<String> = None;
        // Complete readings the page refutes (`checks::refutation`), passed over.
        let mut refuted = 0usize;
        let mut refuted_out = false;
        // Where a second reading differs from the preferred one only inside example data.
        let mut example_note: Option<String> = None;
        let mut budget_hit = false;
        loop {
            self.steps += 1;
            if self.steps > self.budget {
                budget_hit = true;
                break;
            }
            if st.pos > self.best.0 {
                self.best = (st.pos, String::new());
            }
            let next = self.alternatives(&st);
            let mut chosen: Option<Alt> = None;
            match next {
                Next::Fail(why) => {
                    if st.pos >= self.best.0 {
                        self.best = (st.pos, why);
                    }
                }
                Next::Alts(alts, scan) => {
                    if alts.len() == 1 && scan.is_none() {
                        chosen = alts.into_iter().next();
                    } else if !alts.is_empty() {
                        // Snapshots and signatures cost in proportion to the open keys.
                        self.steps += st.frames.iter().map(|f| f.keys.len()).sum::<usize>() / 8;
                        let sig = self.signature(&st);
                        if !self.failed.contains(&sig) {
                            let a = alts[0].clone();
                            stack.push(Choice {
                                snap: st.clone(),
                                alts,
                                idx: 0,
                                scan,
                                sig,
                                had_success: false,
                                undecided: std::mem::take(&mut self.undecided),
                                taken: None,
                                retold: false,
                            });
                            chosen = Some(a);
                        }
                    }
                }
            }
            if let Some(alt) = chosen {
                if matches!(alt, Alt::Complete) {
                    self.apply(&mut st, &alt);
                    let v = self.build(st.events);
                    for c in stack.iter_mut() {
                        c.had_success = true;
                    }
                    match &first {
                        None => {
                            for c in stack.iter_mut() {
                                c.taken = Some(c.idx);
                            }
                            let offs = self.collect_offsets();
                            first = Some((v, offs, st.empties));
                            self.second_search = true;
                            if !self.check_ambiguity {
                                break;
                            }
                        }
                        Some((f, _, _)) => {
                            let data_only = *f != v && only_example_data(f, &v);
                            if *f != v && (data_only || refutation(f, &v).is_some()) {
                                // The page's own evidence rules this reading out, or it differs
                                // only in example data (noted, not flagged): search on for one
                                // that differs in what reaches the generated code.
                                if data_only && example_note.is_none() {
                                    let mut d = Vec::new();
                                    diff(f, &v, String::new(), &mut d);
                                    example_note = d.into_iter().next();
                                }
                                refuted += 1;
                                if refuted > MAX_REFUTED {
                                    refuted_out = true;
                                    break;
                                }
                            } else if *f != v {
                                second = Some(v);
                                divergence = stack
                                    .iter()
                                    .find(|c| c.taken.is_some_and(|t| t != c.idx))
                                    .and_then(|c| {
                                        let a = c.alts.get(c.taken?)?;
                                        let b = c.alts.get(c.idx)?;
                                        Some(self.describe_choice(&c.snap, a, b))
                                    });
                                break;
                            }
                        }
                    }
                    // Look for another reading: backtrack as on failure.
                } else {
                    self.apply(&mut st, &alt);
                    continue;
                }
            }
            // Backtrack.
            let mut resumed = false;
            while let Some(c) = stack.last_mut() {
                c.idx += 1;
                if c.had_success {
                    if let Some(t) = c.taken.filter(|&t| t > 0 && !c.retold) {
                        // The preferred reading took a later candidate than the first (which
                        // found no complete reading): tell the others from the one it took.
                        c.retold = true;
                        let cands: Vec<(usize, Ty)> = c
                            .alts
                            .iter()
                            .filter_map(|a| match a {
                                Alt::Key { frame, ty, .. } => Some((*frame, *ty)),
                                _ => None,
                            })
                            .collect();
                        if let (Some(Alt::Key { key, .. }), true) =
                            (c.alts.first(), cands.len() == c.alts.len())
                        {
                            c.undecided = self.undecided_from(&c.snap, key, &cands, t);
                        }
                    }
                    // The second-reading search revisits only alternatives no rule excludes.
                    while c.idx < c.alts.len() && !c.undecided.get(c.idx).copied().unwrap_or(false)
                    {
                        c.idx += 1;
                    }
                    if c.idx >= c.alts.len() {
                        stack.pop();
                        continue;
                    }
                }
                if c.idx >= c.alts.len() {
                    if let Some(scan) = c.scan.as_mut() {
                        let snap = c.snap.clone();
                        if let Some(alt) = self.next_block_end(&snap, scan) {
                            c.alts.push(alt);
                        }
                    }
                }
                if let Some(c) = stack.last() {
                    if c.idx < c.alts.len() {
                        st = c.snap.clone();
                        self.events.truncate(st.events);
                        let alt = c.alts[c.idx].clone();
                        self.apply(&mut st, &alt);
                        resumed = true;
                        break;
                    }
                }
                if let Some(c) = stack.pop() {
                    if !c.had_success {
                        self.failed.insert(c.sig);
                    }
                }
            }
            if !resumed {
                break;
            }
        }
        let Some((value, offs, empties)) = first else {
            let at = self
                .toks
                .get(self.best.0)
                .map_or(self.toks.last().map_or(0, |t| t.e), |t| t.s);
            let found = if self.best.0 < self.toks.len() {
                format!("`{}`", self.tok(self.best.0))
            } else {
                "the end of the block".to_string()
            };
            let msg = if budget_hit {
                format!(
                    "no complete reading of the collapsed YAML within {} steps; the longest \
                     partial reading stops at {found}{}",
                    self.budget,
                    expect_suffix(&self.best.1)
                )
            } else {
                format!(
                    "collapsed YAML cannot be read as OpenAPI: the longest partial reading stops \
                     at {found}{}",
                    expect_suffix(&self.best.1)
                )
            };
            let code = if budget_hit {
                "fern.collapsed-budget"
            } else {
                "fern.collapsed-syntax"
            };
            return Err(Diagnostic::error(code, msg).at_offset(self.page, at));
        };
        let mut diagnostics = Vec::new();
        if let Some(at) = example_note {
            diagnostics.push(
                Diagnostic::warning(
                    "fern.example-ambiguous",
                    "the collapsed YAML has another complete reading that differs only inside \
                     this example data (schema examples do not reach the generated client); \
                     the preferred reading was taken",
                )
                .pointer(at),
            );
        }
        if empties > 0 {
            diagnostics.push(Diagnostic::warning(
                "fern.empty-value",
                format!(
                    "{empties} value(s) read as empty (js-yaml writes none: a deleted `<…>` \
                     placeholder is likely)"
                ),
            ));
        }
        if let Some(other) = &second {
            let mut diffs = Vec::new();
            diff(&value, other, String::new(), &mut diffs);
            for p in diffs.iter().take(5) {
                diagnostics.push(
                    Diagnostic::warning(
                        "fern.ambiguous",
                        format!(
                            "the collapsed YAML has another complete reading that differs here \
                             ({}){}; the preferred reading was taken (override it in the overlay \
                             if wrong)",
                            what_differs(&value, other, p),
                            divergence
                                .as_deref()
                                .map_or(String::new(), |d| format!(": {d}"))
                        ),
                    )
                    .pointer(p.clone()),
                );
            }
        } else if refuted_out {
            diagnostics.push(Diagnostic::warning(
                "fern.ambiguous",
                format!(
                    "the search for a second reading of the collapsed YAML passed over \
                     {MAX_REFUTED} readings the page refutes and stopped: the reading taken may \
                     be one of several"
                ),
            ));
        } else if budget_hit && self.check_ambiguity {
            diagnostics.push(Diagnostic::warning(
                "fern.ambiguous",
                format!(
                    "the search for a second reading of the collapsed YAML stopped after {} \
                     steps: the reading taken may be one of several",
                    self.budget
                ),
            ));
        }
        Ok(Parsed {
            value,
            diagnostics,
            offsets: offs,
            steps: self.steps,
        })
    }

    /// Where two alternatives at one choice point part, for a warning: the key and the two
    /// places it goes (`description` on `/components/schemas/A` or on its property `b`), or
    /// where a text ends.
    fn describe_choice(&self, snap: &State, taken: &Alt, other: &Alt) -> String {
        let frames = &snap.frames;
        let at = |i: usize| -> String {
            let p: Vec<String> = frames
                .iter()
                .take(i + 1)
                .skip(1)
                .map(|f| pointer_token(&f.via))
                .collect();
            if p.is_empty() {
                "the document".to_string()
            } else {
                format!("`/{}`", p.join("/"))
            }
        };
        let one = |a: &Alt| -> String {
            match a {
                Alt::Key { frame, key, .. } => {
                    let f = &frames[*frame];
                    let what = if f.ty == Ty::PropMap {
                        format!("a property of {}", at(*frame))
                    } else {
                        format!("{} {}", f.ty.name(), at(*frame))
                    };
                    format!("`{key}` in {what}")
                }
                Alt::Dash { frame } => format!("a new item of {}", at(*frame)),
                Alt::Scalar { next, .. } if *next >= self.toks.len() => {
                    "a value running to the end".to_string()
                }
                Alt::Scalar { next, .. } => {
                    format!("a value ending before `{}`", self.tok(*next))
                }
                Alt::OpenMap { key, .. } => format!("a mapping opening with `{key}`"),
                Alt::OpenSeq => "a list".to_string(),
                Alt::Empty | Alt::EmptyColl { .. } => "an empty value".to_string(),
                Alt::Complete => "the end".to_string(),
            }
        };
        format!(
            "the reading taken has {}, the other {}",
            one(taken),
            one(other)
        )
    }

    fn signature(&self, st: &State) -> u64 {
        let mut h = DefaultHasher::new();
        st.pos.hash(&mut h);
        st.mode.hash(&mut h);
        for f in &st.frames {
            f.ty.hash(&mut h);
            f.seq.hash(&mut h);
            f.keys.hash(&mut h);
            f.stype.hash(&mut h);
            f.props.hash(&mut h);
            f.via.hash(&mut h);
        }
        h.finish()
    }

    fn alternatives(&mut self, st: &State) -> Next {
        self.undecided.clear();
        match st.mode {
            Mode::After => self.after_alts(st),
            Mode::Value(ty) => self.value_alts(st, ty),
        }
    }

    fn after_alts(&mut self, st: &State) -> Next {
        if st.pos >= self.toks.len() {
            return Next::Alts(vec![Alt::Complete], None);
        }
        if let Some((key, next)) = self.keys.get(st.pos).cloned().flatten() {
            let mut cands: Vec<(usize, Ty)> = Vec::new();
            for i in (0..st.frames.len()).rev() {
                if let Some(t) = self.accepts(&st.frames, i, &key) {
                    cands.push((i, t));
                }
            }
            self.order(st, &key, next, &mut cands);
            // R20 (js-yaml's line width): a string longer than `max(40, 80 - indent)` is always
            // folded (`>-`), so a plain or quoted one of `len` characters (collapsing only
            // shortens it) sits no deeper than that width allows. Frame `i` holds its keys at
            // column `2i`, its values at `2i + 2`.
            if self.fern && self.strict {
                if let Some(len) = self.scalar_len(next) {
                    cands.retain(|&(i, ty)| {
                        !matches!(ty, Ty::Str | Ty::Any) || len <= fold_width(2 * i + 2)
                    });
                }
            }
            self.undecided = self.undecided_pairs(st, &key, &cands);
            if cands.is_empty() {
                return Next::Fail(format!(
                    "`{key}` is no key of {} nor of an enclosing mapping",
                    st.frames.last().map_or("the document", |f| f.ty.name())
                ));
            }
            let alts = cands
                .into_iter()
                .map(|(frame, ty)| Alt::Key {
                    frame,
                    key: key.clone(),
                    ty,
                    next,
                })
                .collect();
            return Next::Alts(alts, None);
        }
        if self.tok(st.pos) == "-" {
            let mut frames: Vec<usize> = (0..st.frames.len())
                .rev()
                .filter(|&i| st.frames[i].seq)
                .collect();
            // R18 (ours): an item opening with a schema keyword (`- type: string`) ends an
            // `enum` list for the enclosing schema list (anyOf/oneOf/allOf): enum values are
            // data, and data mappings keyed like a schema are vanishingly rare.
            let schema_item = self
                .keys
                .get(st.pos + 1)
                .cloned()
                .flatten()
                .is_some_and(|(k, _)| schema_key_ty(&k).is_some());
            if schema_item && frames.iter().any(|&i| st.frames[i].ty == Ty::Schema) {
                frames.sort_by_key(|&i| st.frames[i].ty == Ty::Any && st.frames[i].via == "enum");
            }
            let alts: Vec<Alt> = frames
                .into_iter()
                .map(|frame| Alt::Dash { frame })
                .collect();
            if alts.is_empty() {
                return Next::Fail("a list item `-` where no list is open".into());
            }
            return Next::Alts(alts, None);
        }
        Next::Fail(format!(
            "expected a key of {} or a list item",
            st.frames.last().map_or("the document", |f| f.ty.name())
        ))
    }
}

fn expect_suffix(why: &str) -> String {
    if why.is_empty() {
        String::new()
    } else {
        format!(": {why}")
    }
}
