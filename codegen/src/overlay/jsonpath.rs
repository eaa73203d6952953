//! The JSONPath subset overlays use (see the [module docs](super)): parsing an expression into
//! segments and evaluating it to the concrete locations it selects. Contract: a parse error
//! names the 1-based column and what was expected there; evaluation visits at most
//! [`VISIT_BUDGET`] nodes, so any query ends quickly.

use std::collections::HashSet;

use serde_json::Value;

/// Upper bound on nodes visited while evaluating one target, so any query ends quickly.
pub(super) const VISIT_BUDGET: usize = 2_000_000;

/// One step of a concrete location in the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

pub(super) type Loc = Vec<Step>;

/// `.sel`, `[sel, …]`, or the descendant form `..sel`.
#[derive(Debug)]
pub(super) struct Segment {
    descendant: bool,
    selectors: Vec<Selector>,
}

#[derive(Debug)]
enum Selector {
    Name(String),
    Index(i64),
    Wildcard,
    Filter(Filter),
}

#[derive(Debug)]
enum Filter {
    /// `@.a.b` exists.
    Exists(Vec<RelStep>),
    /// `@.a == 'x'` (operands in either order).
    Compare(Operand, bool, Operand),
}

#[derive(Debug)]
enum RelStep {
    Name(String),
    Index(i64),
}

#[derive(Debug)]
enum Operand {
    Path(Vec<RelStep>),
    Literal(Value),
}

/// A parse failure: 1-based column and what was expected there.
type PathError = (usize, &'static str);

struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.pos += 1;
        }
    }
    fn fail<T>(&self, what: &'static str) -> Result<T, PathError> {
        Err((self.pos + 1, what))
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '$') || !c.is_ascii()
}

pub(super) fn parse_path(src: &str) -> Result<Vec<Segment>, PathError> {
    let mut c = Cursor {
        chars: src.chars().collect(),
        pos: 0,
    };
    c.skip_ws();
    if !c.eat('$') {
        return c.fail("`$` (the document root)");
    }
    let mut segments = Vec::new();
    loop {
        c.skip_ws();
        match c.peek() {
            None => break,
            Some('.') => {
                c.pos += 1;
                let descendant = c.eat('.');
                let selectors = match c.peek() {
                    Some('*') => {
                        c.pos += 1;
                        vec![Selector::Wildcard]
                    }
                    Some('[') if descendant => bracket(&mut c)?,
                    Some(ch) if is_name_char(ch) => vec![Selector::Name(shorthand(&mut c))],
                    _ => return c.fail("a member name, `*` or (after `..`) `[`"),
                };
                segments.push(Segment {
                    descendant,
                    selectors,
                });
            }
            Some('[') => segments.push(Segment {
                descendant: false,
                selectors: bracket(&mut c)?,
            }),
            Some(_) => return c.fail("`.`, `..` or `[` (or the end of the expression)"),
        }
    }
    Ok(segments)
}

fn shorthand(c: &mut Cursor) -> String {
    let start = c.pos;
    while c.peek().is_some_and(is_name_char) {
        c.pos += 1;
    }
    c.chars[start..c.pos].iter().collect()
}

/// `[ selector {, selector} ]`, the cursor on `[`.
fn bracket(c: &mut Cursor) -> Result<Vec<Selector>, PathError> {
    c.pos += 1;
    let mut out = Vec::new();
    loop {
        c.skip_ws();
        let sel = match c.peek() {
            Some('\'') | Some('"') => Selector::Name(string_literal(c)?),
            Some('*') => {
                c.pos += 1;
                Selector::Wildcard
            }
            Some('?') => {
                c.pos += 1;
                Selector::Filter(filter(c)?)
            }
            Some(ch) if ch == '-' || ch.is_ascii_digit() => Selector::Index(integer(c)?),
            _ => return c.fail("a quoted name, an index, `*` or a `?` filter"),
        };
        out.push(sel);
        c.skip_ws();
        if c.eat(']') {
            return Ok(out);
        }
        if !c.eat(',') {
            return c.fail("`,` or `]`");
        }
    }
}

fn integer(c: &mut Cursor) -> Result<i64, PathError> {
    let start = c.pos;
    c.eat('-');
    let digits = c.pos;
    while c.peek().is_some_and(|d| d.is_ascii_digit()) {
        c.pos += 1;
    }
    if c.pos == digits {
        c.pos = digits;
        return c.fail("digits");
    }
    let s: String = c.chars[start..c.pos].iter().collect();
    s.parse::<i64>()
        .map_err(|_| (start + 1, "an index that fits 64 bits"))
}

fn string_literal(c: &mut Cursor) -> Result<String, PathError> {
    let Some(q) = c.peek() else {
        return c.fail("a quote");
    };
    c.pos += 1;
    let mut s = String::new();
    loop {
        let Some(ch) = c.peek() else {
            return c.fail("the closing quote");
        };
        c.pos += 1;
        if ch == q {
            return Ok(s);
        }
        if ch != '\\' {
            s.push(ch);
            continue;
        }
        let Some(e) = c.peek() else {
            return c.fail("an escaped character");
        };
        c.pos += 1;
        match e {
            '\\' | '/' | '\'' | '"' => s.push(e),
            'b' => s.push('\u{8}'),
            'f' => s.push('\u{c}'),
            'n' => s.push('\n'),
            'r' => s.push('\r'),
            't' => s.push('\t'),
            'u' => {
                let hex: String = c.chars.iter().skip(c.pos).take(4).collect();
                let ch = (hex.len() == 4)
                    .then(|| u32::from_str_radix(&hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                match ch {
                    Some(ch) => {
                        s.push(ch);
                        c.pos += 4;
                    }
                    None => return c.fail("four hex digits of a non-surrogate code point"),
                }
            }
            _ => {
                c.pos -= 2;
                return c.fail("an escape: \\\\, \\', \\\", \\/, \\b, \\f, \\n, \\r, \\t, \\uXXXX");
            }
        }
    }
}

/// After `?`: `(expr)` or `expr`, up to the `]` or `,` that ends the selector.
fn filter(c: &mut Cursor) -> Result<Filter, PathError> {
    c.skip_ws();
    let paren = c.eat('(');
    c.skip_ws();
    let left = operand(c)?;
    c.skip_ws();
    let op = if c.peek() == Some('=') && c.peek_at(1) == Some('=') {
        Some(true)
    } else if c.peek() == Some('!') && c.peek_at(1) == Some('=') {
        Some(false)
    } else {
        None
    };
    let f = match op {
        Some(eq) => {
            c.pos += 2;
            c.skip_ws();
            let right = operand(c)?;
            if matches!((&left, &right), (Operand::Literal(_), Operand::Literal(_))) {
                return c.fail("a comparison with `@` on one side");
            }
            Filter::Compare(left, eq, right)
        }
        None => match left {
            Operand::Path(p) => Filter::Exists(p),
            Operand::Literal(_) => return c.fail("`==` or `!=`"),
        },
    };
    c.skip_ws();
    if paren && !c.eat(')') {
        return c.fail("`)` closing the filter (only `==` and `!=` comparisons are supported)");
    }
    Ok(f)
}

fn operand(c: &mut Cursor) -> Result<Operand, PathError> {
    match c.peek() {
        Some('@') => {
            c.pos += 1;
            let mut steps = Vec::new();
            loop {
                match c.peek() {
                    Some('.') if c.peek_at(1).is_some_and(is_name_char) => {
                        c.pos += 1;
                        steps.push(RelStep::Name(shorthand(c)));
                    }
                    Some('[') => {
                        c.pos += 1;
                        c.skip_ws();
                        let s = match c.peek() {
                            Some('\'') | Some('"') => RelStep::Name(string_literal(c)?),
                            Some(ch) if ch == '-' || ch.is_ascii_digit() => {
                                RelStep::Index(integer(c)?)
                            }
                            _ => return c.fail("a quoted name or an index"),
                        };
                        c.skip_ws();
                        if !c.eat(']') {
                            return c.fail("`]`");
                        }
                        steps.push(s);
                    }
                    _ => break,
                }
            }
            Ok(Operand::Path(steps))
        }
        Some('\'') | Some('"') => Ok(Operand::Literal(Value::String(string_literal(c)?))),
        Some(ch) if ch == '-' || ch.is_ascii_digit() => {
            let start = c.pos;
            while c
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || matches!(d, '-' | '+' | '.' | 'e' | 'E'))
            {
                c.pos += 1;
            }
            let s: String = c.chars[start..c.pos].iter().collect();
            match serde_json::from_str::<serde_json::Number>(&s) {
                Ok(n) => Ok(Operand::Literal(Value::Number(n))),
                Err(_) => Err((start + 1, "a number")),
            }
        }
        _ => {
            for (word, v) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                let n = word.len();
                let here: String = c.chars.iter().skip(c.pos).take(n).collect();
                if here == word && !c.peek_at(n).is_some_and(is_name_char) {
                    c.pos += n;
                    return Ok(Operand::Literal(v));
                }
            }
            c.fail("`@`, a quoted string, a number, true, false or null")
        }
    }
}

/// Ran past [`VISIT_BUDGET`].
pub(super) struct Budget;

pub(super) fn evaluate(doc: &Value, path: &[Segment]) -> Result<Vec<Loc>, Budget> {
    let mut budget = VISIT_BUDGET;
    let mut nodes: Vec<(Loc, &Value)> = vec![(Vec::new(), doc)];
    for seg in path {
        let mut next: Vec<(Loc, &Value)> = Vec::new();
        for (loc, v) in &nodes {
            if seg.descendant {
                let mut stack: Vec<(Loc, &Value)> = vec![(loc.clone(), *v)];
                while let Some((l, n)) = stack.pop() {
                    spend(&mut budget)?;
                    select(&seg.selectors, &l, n, &mut next, &mut budget)?;
                    let mut kids = children(&l, n);
                    kids.reverse();
                    stack.extend(kids);
                }
            } else {
                select(&seg.selectors, loc, v, &mut next, &mut budget)?;
            }
        }
        let mut seen = HashSet::new();
        next.retain(|(l, _)| seen.insert(l.clone()));
        nodes = next;
    }
    Ok(nodes.into_iter().map(|(l, _)| l).collect())
}

fn spend(budget: &mut usize) -> Result<(), Budget> {
    *budget = budget.checked_sub(1).ok_or(Budget)?;
    Ok(())
}

fn children<'v>(loc: &Loc, v: &'v Value) -> Vec<(Loc, &'v Value)> {
    let with = |s: Step| {
        let mut l = loc.clone();
        l.push(s);
        l
    };
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, c)| (with(Step::Key(k.clone())), c))
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (with(Step::Index(i)), c))
            .collect(),
        _ => Vec::new(),
    }
}

fn select<'v>(
    selectors: &[Selector],
    loc: &Loc,
    v: &'v Value,
    out: &mut Vec<(Loc, &'v Value)>,
    budget: &mut usize,
) -> Result<(), Budget> {
    for s in selectors {
        match (s, v) {
            (Selector::Name(n), Value::Object(m)) => {
                if let Some(c) = m.get(n) {
                    let mut l = loc.clone();
                    l.push(Step::Key(n.clone()));
                    out.push((l, c));
                }
            }
            (Selector::Index(i), Value::Array(a)) => {
                if let Some(idx) = resolve_index(*i, a.len()) {
                    let mut l = loc.clone();
                    l.push(Step::Index(idx));
                    out.push((l, &a[idx]));
                }
            }
            (Selector::Wildcard, _) => out.extend(children(loc, v)),
            (Selector::Filter(f), _) => {
                for (l, c) in children(loc, v) {
                    spend(budget)?;
                    if holds(f, c) {
                        out.push((l, c));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn resolve_index(i: i64, len: usize) -> Option<usize> {
    let idx = if i < 0 {
        len.checked_sub(usize::try_from(i.unsigned_abs()).ok()?)?
    } else {
        usize::try_from(i).ok()?
    };
    (idx < len).then_some(idx)
}

fn follow<'v>(v: &'v Value, steps: &[RelStep]) -> Option<&'v Value> {
    let mut v = v;
    for s in steps {
        v = match (s, v) {
            (RelStep::Name(n), Value::Object(m)) => m.get(n)?,
            (RelStep::Index(i), Value::Array(a)) => a.get(resolve_index(*i, a.len())?)?,
            _ => return None,
        };
    }
    Some(v)
}

fn holds(f: &Filter, node: &Value) -> bool {
    match f {
        Filter::Exists(p) => follow(node, p).is_some(),
        Filter::Compare(l, eq, r) => {
            let val = |o: &Operand| match o {
                Operand::Path(p) => follow(node, p).cloned(),
                Operand::Literal(v) => Some(v.clone()),
            };
            let same = match (val(l), val(r)) {
                (None, None) => true,
                (Some(Value::Number(a)), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            same == *eq
        }
    }
}
