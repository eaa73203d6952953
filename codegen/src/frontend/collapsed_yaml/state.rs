//! The search state: open frames (mappings and lists being read), the events a reading emits,
//! the alternatives at a choice point, the [`Search`] itself with what it knows of the page
//! (tokens, key tokens, referenced schema names, `required` lists), and how applying an
//! alternative changes the state (closing frames records what R21 and R30 look back at).

use std::collections::HashSet;

use serde_json::Value;

use super::options::Options;
use super::tokens::{Tok, read_quoted};
use super::vocabulary::Ty;

#[derive(Debug, Clone)]
pub(super) struct Frame {
    pub(super) ty: Ty,
    pub(super) seq: bool,
    pub(super) keys: Vec<String>,
    pub(super) items: usize,
    pub(super) via: String,
    /// The schema's `type` when it is a single name.
    pub(super) stype: Option<String>,
    /// Property names of a closed `properties` child.
    pub(super) props: Option<Vec<String>>,
    /// In a property map: how many of its closed properties (`$ref`s aside) have a
    /// `description`, and how many have none (R30).
    pub(super) described: [u16; 2],
    /// The same count for `nullable` (R31: a key nearly every member has).
    pub(super) nullable: [u16; 2],
}

impl Frame {
    pub(super) fn new(ty: Ty, seq: bool, via: String) -> Self {
        Frame {
            ty,
            seq,
            keys: Vec::new(),
            items: 0,
            via,
            stype: None,
            props: None,
            described: [0, 0],
            nullable: [0, 0],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Mode {
    After,
    Value(Ty),
}

/// A scalar: a resolved value, or the text of a token range (block scalars, long plain runs),
/// joined only when the document is built.
#[derive(Debug, Clone)]
pub(super) enum Sv {
    V(Value),
    Range(usize, usize),
}

#[derive(Debug, Clone)]
pub(super) enum Ev {
    MapStart(usize),
    SeqStart,
    End,
    Key(String),
    Scalar(Sv),
}

#[derive(Debug, Clone)]
pub(super) struct State {
    pub(super) pos: usize,
    pub(super) mode: Mode,
    pub(super) frames: Vec<Frame>,
    pub(super) events: usize,
    pub(super) empties: usize,
}

#[derive(Debug, Clone)]
pub(super) enum Alt {
    Key {
        frame: usize,
        key: String,
        ty: Ty,
        next: usize,
    },
    Dash {
        frame: usize,
    },
    OpenMap {
        key: String,
        kty: Ty,
        next: usize,
    },
    OpenSeq,
    Scalar {
        value: Sv,
        next: usize,
    },
    Empty,
    EmptyColl {
        map: bool,
    },
    Complete,
}

/// Lazily produced block-scalar ends.
#[derive(Debug, Clone)]
pub(super) struct BlockScan {
    /// First content token.
    pub(super) from: usize,
    /// Next token to examine as an end.
    pub(super) at: usize,
    pub(super) fences: usize,
    pub(super) done: bool,
}

pub(super) struct Search<'a> {
    pub(super) page: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) keys: Vec<Option<(String, usize)>>,
    pub(super) fern: bool,
    pub(super) strict: bool,
    pub(super) check_ambiguity: bool,
    pub(super) budget: usize,
    pub(super) steps: usize,
    pub(super) schema_names: HashSet<String>,
    pub(super) events: Vec<Ev>,
    pub(super) failed: HashSet<u64>,
    pub(super) best: (usize, String),
    pub(super) offsets: Vec<usize>,
    /// Set by the last call of `alternatives`: which of its alternatives no rule tells from the
    /// first (§8 undecidable classes); the search for a second reading revisits only those.
    pub(super) undecided: Vec<bool>,
    /// True once the preferred reading is found: the search for a second one is running.
    pub(super) second_search: bool,
    /// Whether a value may be read as empty (a last resort: js-yaml writes none).
    pub(super) allow_empty: bool,
    /// R13 in the first search: a `required` list naming open properties ends a block scalar.
    pub(super) required_ends: bool,
    /// R17: every property map keeps its keys in ascending order.
    pub(super) sorted_props: bool,
    /// R17 for a page whose schemas sort their keywords: every schema's keys ascend.
    pub(super) sorted_schemas: bool,
    /// R10: keys follow Fern's fixed order (off for pages in their source's order).
    pub(super) fern_order: bool,
    /// Every `required: - a - b` list of the page: the token after the key, and the names.
    pub(super) required_lists: Vec<(usize, Vec<String>)>,
}

pub(super) enum Next {
    Alts(Vec<Alt>, Option<BlockScan>),
    Fail(String),
}

impl<'a> Search<'a> {
    /// A search over `toks`; `(allow_empty, required_ends)` is the pass (see
    /// [`PASSES`](super::passes::PASSES)).
    pub(super) fn new(
        page: &'a str,
        toks: &'a [Tok],
        opts: &Options,
        strict: bool,
        budget: usize,
        (allow_empty, required_ends): (bool, bool),
    ) -> Self {
        let mut keys = Vec::with_capacity(toks.len());
        for t in toks {
            keys.push(Self::key_token(page, toks, t));
        }
        let mut schema_names = HashSet::new();
        for t in toks {
            let s = page.get(t.s..t.e).unwrap_or("");
            if let Some(i) = s.find("#/components/schemas/") {
                let name = &s[i + 21..];
                let name = name.trim_end_matches(['\'', '"']);
                schema_names.insert(name.to_string());
            }
        }
        let mut search = Search {
            page,
            toks,
            keys,
            fern: opts.fern_habits,
            strict,
            check_ambiguity: opts.check_ambiguity,
            budget,
            steps: 0,
            schema_names,
            events: Vec::new(),
            failed: HashSet::new(),
            best: (0, String::new()),
            offsets: Vec::new(),
            undecided: Vec::new(),
            second_search: false,
            allow_empty,
            required_ends,
            sorted_props: false,
            sorted_schemas: false,
            fern_order: true,
            required_lists: Vec::new(),
        };
        let mut lists = Vec::new();
        for (i, k) in search.keys.iter().enumerate() {
            if let Some((key, next)) = k {
                if key == "required" {
                    let names = search.list_ahead(*next);
                    if !names.is_empty() {
                        lists.push((i, names));
                    }
                }
            }
        }
        search.required_lists = lists;
        search
    }

    pub(super) fn tok(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.page.get(t.s..t.e))
            .unwrap_or("")
    }

    /// If token `t` (possibly with following tokens, for quoted keys) is a mapping key, the key
    /// and the index of the token after it.
    fn key_token(page: &str, toks: &[Tok], t: &Tok) -> Option<(String, usize)> {
        let s = page.get(t.s..t.e)?;
        let idx = toks.partition_point(|x| x.s < t.s);
        if s.starts_with(['\'', '"']) {
            let end = toks.last().map_or(t.e, |l| l.e);
            let (k, after) = read_quoted(page, t.s, end)?;
            if page.get(after..after + 1) != Some(":") {
                return None;
            }
            let j = toks.partition_point(|x| x.e < after + 1);
            let tj = toks.get(j)?;
            if tj.e != after + 1 {
                return None;
            }
            return Some((k, j + 1));
        }
        if s.len() < 2 || !s.ends_with(':') {
            return None;
        }
        if s.starts_with([
            '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#', ',', ']', '}',
        ]) || s.starts_with("- ")
        {
            return None;
        }
        let k = &s[..s.len() - 1];
        if k.ends_with(':') {
            return None;
        }
        Some((k.to_string(), idx + 1))
    }

    fn close_top(&mut self, st: &mut State) {
        if let Some(f) = st.frames.pop() {
            self.events.push(Ev::End);
            if f.ty == Ty::Schema && !f.keys.iter().any(|k| k == "$ref") {
                if let Some(p) = st
                    .frames
                    .last_mut()
                    .filter(|p| p.ty == Ty::PropMap && !p.seq)
                {
                    let d = usize::from(!f.keys.iter().any(|k| k == "description"));
                    p.described[d] = p.described[d].saturating_add(1);
                    let n = usize::from(!f.keys.iter().any(|k| k == "nullable"));
                    p.nullable[n] = p.nullable[n].saturating_add(1);
                }
            }
            if f.ty == Ty::PropMap && f.via == "properties" {
                if let Some(p) = st.frames.last_mut() {
                    p.props = Some(f.keys);
                }
            } else if f.ty == Ty::AnyMap {
                // A list remembers its last mapping item's keys (R21).
                if let Some(p) = st.frames.last_mut().filter(|p| p.seq) {
                    p.props = Some(f.keys);
                }
            }
        }
    }

    fn child_via(st: &State) -> String {
        match st.frames.last() {
            Some(f) if f.seq => f.items.saturating_sub(1).to_string(),
            Some(f) => f.keys.last().cloned().unwrap_or_default(),
            None => String::new(),
        }
    }

    pub(super) fn apply(&mut self, st: &mut State, alt: &Alt) {
        match alt {
            Alt::Key {
                frame,
                key,
                ty,
                next,
            } => {
                while st.frames.len() > frame + 1 {
                    self.close_top(st);
                }
                if let Some(f) = st.frames.last_mut() {
                    f.keys.push(key.clone());
                }
                self.events.push(Ev::Key(key.clone()));
                st.pos = *next;
                st.mode = Mode::Value(*ty);
            }
            Alt::Dash { frame } => {
                while st.frames.len() > frame + 1 {
                    self.close_top(st);
                }
                let ty = st.frames.last_mut().map_or(Ty::Any, |f| {
                    f.items += 1;
                    f.ty
                });
                st.pos += 1;
                st.mode = Mode::Value(ty);
            }
            Alt::OpenMap { key, kty, next } => {
                let mt = match st.mode {
                    Mode::Value(t) => t.map_ty().unwrap_or(Ty::AnyMap),
                    Mode::After => Ty::AnyMap,
                };
                let via = Self::child_via(st);
                let at = self.toks.get(st.pos).map_or(0, |t| t.s);
                self.events.push(Ev::MapStart(at));
                let mut f = Frame::new(mt, false, via);
                f.keys.push(key.clone());
                st.frames.push(f);
                self.events.push(Ev::Key(key.clone()));
                st.pos = *next;
                st.mode = Mode::Value(*kty);
            }
            Alt::OpenSeq => {
                let item = match st.mode {
                    Mode::Value(t) => t.seq_item().unwrap_or(Ty::Any),
                    Mode::After => Ty::Any,
                };
                let via = Self::child_via(st);
                self.events.push(Ev::SeqStart);
                let mut f = Frame::new(item, true, via);
                f.items = 1;
                st.frames.push(f);
                st.pos += 1;
                st.mode = Mode::Value(item);
            }
            Alt::Scalar { value, next } => {
                if let Some(f) = st.frames.last_mut() {
                    if f.ty == Ty::Schema && !f.seq && f.keys.last().is_some_and(|k| k == "type") {
                        if let Sv::V(Value::String(t)) = value {
                            f.stype = Some(t.clone());
                        }
                    }
                }
                self.events.push(Ev::Scalar(value.clone()));
                st.pos = *next;
                st.mode = Mode::After;
            }
            Alt::Empty => {
                self.events.push(Ev::Scalar(Sv::V(Value::Null)));
                st.empties += 1;
                st.mode = Mode::After;
            }
            Alt::EmptyColl { map } => {
                self.events
                    .push(if *map { Ev::MapStart(0) } else { Ev::SeqStart });
                self.events.push(Ev::End);
                st.pos += 1;
                st.mode = Mode::After;
            }
            Alt::Complete => {
                while !st.frames.is_empty() {
                    self.close_top(st);
                }
            }
        }
        st.events = self.events.len();
    }
}
