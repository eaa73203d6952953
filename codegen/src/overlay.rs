//! OpenAPI Overlay 1.0 documents (`<file>.overlay.yaml` beside a spec): ordered actions that
//! update or remove the nodes a JSONPath `target` selects in the recovered OpenAPI document.
//!
//! ```yaml
//! overlay: 1.0.0
//! info: {title: Fix content type, version: 1.0.0}
//! actions:
//!   - target: $.paths['/Accounts/{AccountSid}/tokens'].post.requestBody.content['application/json']
//!     remove: true
//! ```
//!
//! **Update** merges into every selected node: objects recursively (keys of the update win for
//! scalars, nested objects merge, nested arrays are appended to), an array target gets the update
//! appended (an array update is appended element by element), a scalar target is replaced.
//! **Remove** deletes every selected node from its parent object or array.
//!
//! **JSONPath subset** (the forms overlays use, RFC 9535 syntax plus the common `[?(…)]` filter
//! spelling): `$`, `.name` (letters, digits, `_`, `-`, `$`), `['name']` / `["name"]` (any name,
//! with `\` escapes), `.*` / `[*]`, `[N]` (negative counts from the end), unions such as
//! `['a','b']`, descendants `..name` / `..*` / `..[…]`, and filters `[?(@.key == 'value')]`,
//! `[?@.a.b != 3]`, `[?(@.flag)]` comparing a relative path with a string, number, boolean or
//! `null` literal.
//!
//! All actions are checked (structure and JSONPath syntax) before the first one is applied, so an
//! `Err` leaves the document untouched.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use crate::diag::Diagnostic;

/// Upper bound on nodes visited while evaluating one target, so any query ends quickly.
const VISIT_BUDGET: usize = 2_000_000;

/// Applies the Overlay document `overlay_text` (YAML or JSON) to `doc`.
///
/// Returns warnings (targets matching nothing: `overlay.no-match`; updates that do not fit the
/// selected node; …). An `Err` (an invalid overlay or JSONPath, with the action index and the
/// column in the expression) is returned before `doc` is changed.
pub fn apply(doc: &mut Value, overlay_text: &str) -> Result<Vec<Diagnostic>, Diagnostic> {
    let parsed = crate::frontend::yaml::parse_with_locations(overlay_text)?;
    let lines = parsed.locations;
    let mut warnings = parsed.warnings;
    let actions = compile(&parsed.value, &lines, &mut warnings)?;
    for a in &actions {
        let at = |d: Diagnostic| d.at(a.line, 1);
        let paths = match evaluate(doc, &a.path) {
            Ok(p) => p,
            Err(Budget) => {
                warnings.push(at(Diagnostic::warning(
                    "overlay.too-many-matches",
                    format!(
                        "action {}: target `{}` visits more than {VISIT_BUDGET} nodes; action \
                         skipped",
                        a.index, a.target
                    ),
                )));
                continue;
            }
        };
        if paths.is_empty() {
            warnings.push(at(Diagnostic::warning(
                "overlay.no-match",
                format!(
                    "action {}: target `{}` matches nothing in the document",
                    a.index, a.target
                ),
            )));
            continue;
        }
        if a.remove {
            remove_all(doc, paths, a, &mut warnings);
        } else if let Some(update) = &a.update {
            for p in &paths {
                let Some(node) = get_mut(doc, p) else {
                    continue;
                };
                if let Err(msg) = update_node(node, update) {
                    warnings.push(
                        at(Diagnostic::warning(
                            "overlay.update-mismatch",
                            format!("action {}: {msg}; node left unchanged", a.index),
                        ))
                        .pointer(pointer(p)),
                    );
                }
            }
        }
    }
    Ok(warnings)
}

/// One checked action.
struct Action {
    index: usize,
    line: usize,
    target: String,
    path: Vec<Segment>,
    update: Option<Value>,
    remove: bool,
}

fn compile(
    root: &Value,
    lines: &BTreeMap<String, usize>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Action>, Diagnostic> {
    let line_of = |p: &str| lines.get(p).copied().unwrap_or(1);
    let Value::Object(root) = root else {
        return Err(Diagnostic::error(
            "overlay.invalid",
            "an overlay must be a mapping with `overlay: 1.0.0`, `info` and `actions`",
        )
        .at(1, 1));
    };
    match root.get("overlay") {
        Some(Value::String(v)) if is_version_1_0(v) => {}
        other => {
            let found = other.map_or("nothing".to_string(), |v| format!("`{v}`"));
            return Err(Diagnostic::error(
                "overlay.version",
                format!("expected `overlay: 1.0.0` (Overlay 1.0.x) at the root, found {found}"),
            )
            .at(1, 1));
        }
    }
    if !matches!(root.get("info"), Some(Value::Object(_))) {
        warnings.push(
            Diagnostic::warning(
                "overlay.info-missing",
                "the overlay has no `info` object (title, version), which Overlay 1.0 requires",
            )
            .at(1, 1),
        );
    }
    let Some(Value::Array(list)) = root.get("actions") else {
        return Err(Diagnostic::error(
            "overlay.actions",
            "expected `actions:` at the root, a list of {target, update | remove}",
        )
        .at(1, 1));
    };
    let mut actions = Vec::new();
    for (index, a) in list.iter().enumerate() {
        let line = line_of(&format!("/actions/{index}"));
        let err = |code, msg: String| Diagnostic::error(code, msg).at(line, 1);
        let Value::Object(a) = a else {
            return Err(err(
                "overlay.action",
                format!(
                    "action {index}: expected a mapping with `target` and `update` or `remove`"
                ),
            ));
        };
        let Some(Value::String(target)) = a.get("target") else {
            return Err(err(
                "overlay.action",
                format!("action {index}: expected `target:`, a JSONPath string starting with `$`"),
            ));
        };
        let path = parse_path(target).map_err(|(col, what)| {
            err(
                "overlay.jsonpath",
                format!(
                    "action {index}: invalid JSONPath `{target}` at column {col}: expected {what}"
                ),
            )
        })?;
        let remove = match a.get("remove") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(err(
                    "overlay.action",
                    format!("action {index}: `remove` must be true or false, found `{other}`"),
                ));
            }
        };
        let update = a.get("update").cloned();
        for k in a.keys() {
            if !matches!(k.as_str(), "target" | "description" | "update" | "remove")
                && !k.starts_with("x-")
            {
                warnings.push(
                    Diagnostic::warning(
                        "overlay.unknown-key",
                        format!(
                            "action {index}: `{k}` is not an Overlay 1.0 action field; ignored"
                        ),
                    )
                    .at(line, 1),
                );
            }
        }
        if !remove && update.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "overlay.no-op",
                    format!("action {index}: neither `update` nor `remove: true`; nothing to do"),
                )
                .at(line, 1),
            );
        }
        actions.push(Action {
            index,
            line,
            target: target.clone(),
            path,
            update,
            remove,
        });
    }
    Ok(actions)
}

fn is_version_1_0(v: &str) -> bool {
    v.strip_prefix("1.0.")
        .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------------
// Applying

fn update_node(node: &mut Value, update: &Value) -> Result<(), String> {
    match node {
        Value::Object(_) if !update.is_object() => Err(format!(
            "the target is an object but the update is {}, not an object to merge",
            kind(update)
        )),
        Value::Array(items) => {
            match update {
                Value::Array(more) => items.extend(more.iter().cloned()),
                one => items.push(one.clone()),
            }
            Ok(())
        }
        _ => {
            merge(node, update);
            Ok(())
        }
    }
}

/// Deep merge: objects recursively, arrays appended, anything else replaced.
fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(t), Value::Object(u)) => {
            for (k, v) in u {
                match t.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(t), Value::Array(u)) => t.extend(u.iter().cloned()),
        (t, u) => *t = u.clone(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn remove_all(doc: &mut Value, mut paths: Vec<Loc>, a: &Action, warnings: &mut Vec<Diagnostic>) {
    // Deepest and last first, so earlier removals do not shift later ones.
    paths.sort_by(|x, y| cmp_loc(y, x));
    for p in paths {
        let Some((last, parent)) = p.split_last() else {
            warnings.push(
                Diagnostic::warning(
                    "overlay.remove-root",
                    format!("action {}: the document root cannot be removed", a.index),
                )
                .at(a.line, 1),
            );
            continue;
        };
        match (get_mut(doc, parent), last) {
            (Some(Value::Object(m)), Step::Key(k)) => {
                m.shift_remove(k);
            }
            (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        }
    }
}

fn cmp_loc(a: &Loc, b: &Loc) -> Ordering {
    for (x, y) in a.iter().zip(b.iter()) {
        let o = match (x, y) {
            (Step::Index(i), Step::Index(j)) => i.cmp(j),
            (Step::Key(i), Step::Key(j)) => i.cmp(j),
            (Step::Index(_), Step::Key(_)) => Ordering::Less,
            (Step::Key(_), Step::Index(_)) => Ordering::Greater,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

fn get_mut<'v>(doc: &'v mut Value, loc: &[Step]) -> Option<&'v mut Value> {
    let mut v = doc;
    for s in loc {
        v = match (v, s) {
            (Value::Object(m), Step::Key(k)) => m.get_mut(k)?,
            (Value::Array(a), Step::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn pointer(loc: &[Step]) -> String {
    loc.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", crate::diag::pointer_token(k)),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JSONPath

/// One step of a concrete location in the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    Key(String),
    Index(usize),
}

type Loc = Vec<Step>;

/// `.sel`, `[sel, …]`, or the descendant form `..sel`.
#[derive(Debug)]
struct Segment {
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

fn parse_path(src: &str) -> Result<Vec<Segment>, PathError> {
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
struct Budget;

fn evaluate(doc: &Value, path: &[Segment]) -> Result<Vec<Loc>, Budget> {
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

#[cfg(test)]
mod tests;
