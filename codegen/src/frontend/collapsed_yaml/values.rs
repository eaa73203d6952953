//! Reading values: the alternatives where a value is expected (mappings, lists, empty
//! collections, block scalars, quoted, flow and plain scalars; R5: a dash in a list of scalars
//! starts the next item), and looking ahead at the tokens after a key (is it a key, the keys
//! that follow, a short scalar's text and length, a `- a - b` list of names).

use serde_json::Value;

use super::state::{Alt, BlockScan, Frame, Next, Search, State, Sv};
use super::tokens::{is_block_indicator, is_fence, read_quoted};
use super::vocabulary::Ty;
use crate::frontend::yaml::resolve_plain;

impl Search<'_> {
    /// True when token `i` is a mapping key.
    pub(super) fn is_key(&self, i: usize) -> bool {
        self.keys.get(i).is_some_and(|k| k.is_some())
    }

    /// The keys from token `at` on, each with the token after it, passing over the values
    /// between them.
    pub(super) fn keys_from(&self, mut at: usize) -> impl Iterator<Item = (String, usize)> + '_ {
        std::iter::from_fn(move || {
            while at < self.toks.len() && self.keys.get(at).is_some_and(|k| k.is_none()) {
                at += 1;
            }
            let (k, n) = self.keys.get(at).cloned().flatten()?;
            at = n;
            Some((k, n))
        })
    }

    /// The text of a short plain or quoted scalar starting at token `i` (up to the next key),
    /// if it is one.
    pub(super) fn plain_ahead(&self, i: usize) -> Option<String> {
        let t = self.tok(i);
        if t.is_empty() || is_block_indicator(t) || self.keys.get(i).is_some_and(|k| k.is_some()) {
            return None;
        }
        if t.starts_with(['\'', '"']) {
            let tok = self.toks.get(i)?;
            let end = self.toks.last().map_or(0, |l| l.e);
            return read_quoted(self.page, tok.s, end).map(|(s, _)| s);
        }
        let mut e = i;
        while e < self.toks.len() && e < i + 12 && self.keys.get(e).is_some_and(|k| k.is_none()) {
            e += 1;
        }
        Some(self.join(i, e))
    }

    /// The character count of the string a plain or quoted single-line scalar starting at token
    /// `i` spells (plain: its words joined by single spaces), if the value is one.
    pub(super) fn scalar_len(&self, i: usize) -> Option<usize> {
        let t = self.tok(i);
        if t.is_empty()
            || t == "-"
            || is_block_indicator(t)
            || t.starts_with(['[', '{', '&', '*', '!', '|', '>', '#'])
            || self.keys.get(i).is_some_and(|k| k.is_some())
        {
            return None;
        }
        if t.starts_with(['\'', '"']) {
            let tok = self.toks.get(i)?;
            let end = self.toks.last().map_or(0, |l| l.e);
            let (s, after) = read_quoted(self.page, tok.s, end)?;
            // js-yaml folds no string with control characters or edge spaces (it quotes them).
            if s.trim() != s || s.chars().any(|c| c.is_control()) {
                return None;
            }
            let j = self.toks.partition_point(|x| x.e < after);
            if self.toks.get(j).is_none_or(|x| x.e != after) {
                return None;
            }
            return Some(s.chars().count());
        }
        let mut e = i;
        while e < self.toks.len() && self.keys.get(e).is_some_and(|k| k.is_none()) {
            if self.tok(e) == "-" || is_fence(self.tok(e)) {
                return None;
            }
            e += 1;
        }
        let text = self.join(i, e);
        matches!(resolve_plain(&text), Value::String(_)).then(|| text.chars().count())
    }

    /// Names of a `- a - b` list starting at token `i`.
    pub(super) fn list_ahead(&self, mut i: usize) -> Vec<String> {
        let mut out = Vec::new();
        while self.tok(i) == "-" && i + 1 < self.toks.len() {
            let t = self.tok(i + 1);
            if t == "-" || self.keys.get(i + 1).is_some_and(|k| k.is_some()) {
                break;
            }
            let after = self.tok(i + 2);
            if i + 2 < self.toks.len()
                && after != "-"
                && !self.keys.get(i + 2).is_some_and(|k| k.is_some())
            {
                break;
            }
            let name = t.trim_matches(['\'', '"']);
            out.push(name.to_string());
            i += 2;
        }
        out
    }

    pub(super) fn value_alts(&mut self, st: &State, ty: Ty) -> Next {
        let pos = st.pos;
        if pos >= self.toks.len() {
            return if ty.scalar_like() && self.allow_empty {
                Next::Alts(vec![Alt::Empty], None)
            } else {
                Next::Fail(format!("expected {}", ty.name()))
            };
        }
        let t = self.tok(pos);
        if let Some((key, next)) = self.keys.get(pos).cloned().flatten() {
            let mut alts = Vec::new();
            if let Some(mt) = ty.map_ty() {
                let probe = Frame::new(mt, false, String::new());
                let frames = [probe];
                if let Some(kty) = self.accepts(&frames, 0, &key) {
                    alts.push(Alt::OpenMap {
                        key: key.clone(),
                        kty,
                        next,
                    });
                }
            }
            if ty.scalar_like() && self.allow_empty {
                alts.push(Alt::Empty);
            }
            if alts.is_empty() {
                return Next::Fail(format!("expected {}, found the key `{key}`", ty.name()));
            }
            return Next::Alts(alts, None);
        }
        if t == "-" {
            let mut alts = Vec::new();
            if ty.seq_item().is_some() {
                alts.push(Alt::OpenSeq);
            }
            if ty.scalar_like() && self.allow_empty {
                alts.push(Alt::Empty);
            }
            if alts.is_empty() {
                return Next::Fail(format!("expected {}, found a list", ty.name()));
            }
            return Next::Alts(alts, None);
        }
        if t == "{}" || t == "[]" {
            let map = t == "{}";
            let ok = if map {
                ty.map_ty().is_some()
            } else {
                ty.seq_item().is_some()
            };
            if !ok {
                return Next::Fail(format!("expected {}, found `{t}`", ty.name()));
            }
            return Next::Alts(vec![Alt::EmptyColl { map }], None);
        }
        if is_block_indicator(t) {
            if !matches!(ty, Ty::Str | Ty::Any) {
                return Next::Fail(format!("expected {}, found a block scalar", ty.name()));
            }
            let mut scan = BlockScan {
                from: pos + 1,
                at: pos + 1,
                fences: 0,
                done: false,
            };
            let first = self.next_block_end(st, &mut scan);
            return Next::Alts(first.into_iter().collect(), Some(scan));
        }
        if t.starts_with(['&', '*', '!']) && t.len() > 1 {
            return Next::Fail(format!(
                "anchors, aliases and tags (`{t}`) cannot be placed in collapsed YAML"
            ));
        }
        if t.starts_with(['\'', '"']) {
            let end = self.toks.last().map_or(0, |l| l.e);
            let Some(tok) = self.toks.get(pos) else {
                return Next::Fail("expected a value".into());
            };
            let Some((s, after)) = read_quoted(self.page, tok.s, end) else {
                return Next::Fail("an unterminated quoted scalar".into());
            };
            let j = self.toks.partition_point(|x| x.e < after);
            if self.toks.get(j).is_none_or(|x| x.e != after) {
                return Next::Fail("a quoted scalar followed by other text".into());
            }
            let v = Value::String(s);
            if !ty.accepts_scalar(&v) {
                return Next::Fail(format!("expected {}, found a string", ty.name()));
            }
            return Next::Alts(
                vec![Alt::Scalar {
                    value: Sv::V(v),
                    next: j + 1,
                }],
                None,
            );
        }
        if (t.starts_with('[') || t.starts_with('{')) && !(ty == Ty::Str) {
            if let Some((v, next)) = self.flow(pos) {
                let ok = match &v {
                    Value::Array(_) => ty.seq_item().is_some(),
                    Value::Object(_) => ty.map_ty().is_some(),
                    other => ty.accepts_scalar(other),
                };
                if ok {
                    return Next::Alts(
                        vec![Alt::Scalar {
                            value: Sv::V(v),
                            next,
                        }],
                        None,
                    );
                }
            }
        }
        // Plain scalar: up to the first key token; it may also end before a dash.
        let mut end = pos;
        let mut dashes = Vec::new();
        while end < self.toks.len() && self.keys.get(end).is_some_and(|k| k.is_none()) {
            if self.tok(end) == "-" && end > pos {
                dashes.push(end);
            }
            end += 1;
        }
        let seq_open = st.frames.iter().any(|f| f.seq);
        let mut alts = Vec::new();
        let in_item = st.frames.last().is_some_and(|f| f.seq);
        let ends = if in_item {
            // R5-like: in a list of scalars a dash starts the next item.
            if let Some(&d) = dashes.first() {
                end = d;
            }
            Vec::new()
        } else if seq_open {
            dashes
        } else {
            Vec::new()
        };
        for e in ends.into_iter().chain(std::iter::once(end)) {
            self.steps += 1;
            if e - pos > 4 {
                // Several words: a string, never a number, boolean or type name.
                if matches!(ty, Ty::Str | Ty::Any) {
                    alts.push(Alt::Scalar {
                        value: Sv::Range(pos, e),
                        next: e,
                    });
                }
                continue;
            }
            let v = resolve_plain(&self.join(pos, e));
            if ty.accepts_scalar(&v) {
                alts.push(Alt::Scalar {
                    value: Sv::V(v),
                    next: e,
                });
            }
        }
        if alts.is_empty() {
            return Next::Fail(format!("expected {}, found `{t}`", ty.name()));
        }
        Next::Alts(alts, None)
    }

    /// Reads a flow collection starting at token `pos`; returns the value and the next token.
    fn flow(&self, pos: usize) -> Option<(Value, usize)> {
        let start = self.toks.get(pos)?.s;
        let end = self.toks.last()?.e;
        let text = self.page.get(start..end)?;
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        let mut close = None;
        for (i, c) in text.char_indices() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(start + i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        let j = self.toks.partition_point(|x| x.e < close);
        if self.toks.get(j)?.e != close {
            return None;
        }
        let v = crate::frontend::yaml::parse(self.page.get(start..close)?).ok()?;
        Some((v, j + 1))
    }

    pub(super) fn join(&self, a: usize, b: usize) -> String {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if b > a => {
                let raw = self.page.get(x.s..y.e).unwrap_or("");
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            _ => String::new(),
        }
    }
}
