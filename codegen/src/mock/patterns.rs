//! Strings for patterns: a string an ECMA-262 regular expression matches, within a length
//! range when it can be. Contract: [`pattern_string`] either returns a matching string or an
//! error naming the construct it does not understand or the constraint it cannot honour.

/// Longest string a pattern may ask for.
pub(super) const MAX_REPEAT: u64 = 256;

/// A string the ECMA-262 regular expression `pattern` matches, of length within
/// `min..=max` when it can be. Understood: literals and escapes, `.`, classes (`[a-f0-9]`,
/// `[^…]`, `\d \w \s` and their negations), groups with alternatives (the first is taken),
/// `* + ? {n} {n,} {n,m}` (lazy or not), anchors. Anything else (look-around, back-references,
/// `\p{…}`, word boundaries) is an error naming it.
pub fn pattern_string(pattern: &str, min: u64, max: u64) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser { s: &chars, i: 0 };
    let alt = p.alternatives(0)?;
    if p.i < chars.len() {
        return Err(format!("unbalanced `)` at offset {}", p.i));
    }
    let seq = alt.into_iter().next().unwrap_or_default();
    let mut counts: Vec<u64> = seq.iter().map(|n| n.min).collect();
    let len = |counts: &[u64]| -> u64 {
        seq.iter()
            .zip(counts)
            .map(|(n, c)| n.atom.min_len().saturating_mul(*c))
            .fold(0u64, u64::saturating_add)
    };
    // Grow the first open repetitions until the string is long enough.
    let mut cur = len(&counts);
    for (k, n) in seq.iter().enumerate() {
        if cur >= min {
            break;
        }
        let unit = n.atom.min_len();
        if unit == 0 {
            continue;
        }
        let room = n.max.saturating_sub(counts[k]);
        let need = (min - cur).div_ceil(unit);
        let add = need.min(room).min(MAX_REPEAT);
        counts[k] += add;
        cur = len(&counts);
    }
    let mut out = String::new();
    for (n, c) in seq.iter().zip(&counts) {
        for _ in 0..*c {
            n.atom.write(&mut out);
        }
    }
    let n = out.chars().count() as u64;
    if n < min || n > max {
        return Err(format!(
            "cannot also honour length {min}..={}",
            if max == u64::MAX {
                "∞".to_string()
            } else {
                max.to_string()
            }
        ));
    }
    Ok(out)
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    /// Ranges; negated classes are resolved to one character when parsed.
    Class(Vec<(char, char)>),
    Group(Vec<Vec<Node>>),
    Empty,
}

#[derive(Debug, Clone)]
struct Node {
    atom: Atom,
    min: u64,
    max: u64,
}

impl Atom {
    fn min_len(&self) -> u64 {
        match self {
            Atom::Char(_) | Atom::Class(_) => 1,
            Atom::Group(alts) => alts
                .first()
                .map(|seq| {
                    seq.iter()
                        .map(|n| n.atom.min_len().saturating_mul(n.min))
                        .fold(0u64, u64::saturating_add)
                })
                .unwrap_or(0),
            Atom::Empty => 0,
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            Atom::Char(c) => out.push(*c),
            Atom::Class(ranges) => out.push(pick(ranges)),
            Atom::Group(alts) => {
                if let Some(seq) = alts.first() {
                    for n in seq {
                        for _ in 0..n.min {
                            n.atom.write(out);
                        }
                    }
                }
            }
            Atom::Empty => {}
        }
    }
}

/// A readable member of a class: a lowercase letter, a digit or an uppercase letter when the
/// class has one, else its first character.
fn pick(ranges: &[(char, char)]) -> char {
    for want in ['a', '0', 'A', '_', '-'] {
        if ranges.iter().any(|(lo, hi)| *lo <= want && want <= *hi) {
            return want;
        }
    }
    for (lo, hi) in ranges {
        for probe in [('a', 'z'), ('0', '9'), ('A', 'Z')] {
            let c = (*lo).max(probe.0);
            if c <= (*hi).min(probe.1) {
                return c;
            }
        }
    }
    ranges.first().map(|r| r.0).unwrap_or('a')
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')];
const SPACE: &[(char, char)] = &[(' ', ' '), ('\t', '\r')];

/// One character outside `ranges` (for negated classes).
fn outside(ranges: &[(char, char)]) -> Option<char> {
    let inside = |c: char| ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi);
    "a0A_-x.Z9 ~".chars().chain('!'..='~').find(|c| !inside(*c))
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, String> {
        if depth > 32 {
            return Err("groups nested too deeply".into());
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.peek() == Some('|') {
            self.i += 1;
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, String> {
        let mut seq = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.i += 1;
            let atom = match c {
                '^' | '$' => Atom::Empty,
                '.' => Atom::Char('a'),
                '[' => self.class()?,
                '(' => {
                    if self.peek() == Some('?') {
                        if self.s.get(self.i + 1) == Some(&':') {
                            self.i += 2;
                        } else {
                            return Err("look-around or named groups are not supported".into());
                        }
                    }
                    let alts = self.alternatives(depth + 1)?;
                    if self.peek() != Some(')') {
                        return Err("a `(` without its `)`".into());
                    }
                    self.i += 1;
                    Atom::Group(alts)
                }
                '\\' => self.escape(false)?,
                '*' | '+' | '?' | '{' if seq.is_empty() => {
                    return Err(format!("`{c}` with nothing to repeat"));
                }
                c => Atom::Char(c),
            };
            let (min, max) = self.quantifier()?;
            seq.push(Node { atom, min, max });
        }
        Ok(seq)
    }

    fn quantifier(&mut self) -> Result<(u64, u64), String> {
        let q = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, u64::MAX)
            }
            Some('+') => {
                self.i += 1;
                (1, u64::MAX)
            }
            Some('?') => {
                self.i += 1;
                (0, 1)
            }
            Some('{') => {
                let start = self.i;
                let close = self.s[self.i..]
                    .iter()
                    .position(|&c| c == '}')
                    .map(|p| p + self.i);
                let Some(close) = close else {
                    // A lone `{` is a literal in ECMA-262's web compatibility grammar.
                    return Ok((1, 1));
                };
                let body: String = self.s[start + 1..close].iter().collect();
                let parse = |t: &str| t.trim().parse::<u64>().ok();
                let q = match body.split_once(',') {
                    None => parse(&body).map(|n| (n, n)),
                    Some((a, "")) => parse(a).map(|n| (n, u64::MAX)),
                    Some((a, b)) => parse(a).zip(parse(b)),
                };
                let Some(q) = q else {
                    return Ok((1, 1));
                };
                if q.0 > MAX_REPEAT {
                    return Err(format!("repetition {{{body}}} is too long for an example"));
                }
                self.i = close + 1;
                q
            }
            _ => return Ok((1, 1)),
        };
        if self.peek() == Some('?') {
            self.i += 1; // lazy
        }
        Ok(q)
    }

    fn escape(&mut self, in_class: bool) -> Result<Atom, String> {
        let Some(c) = self.peek() else {
            return Err("a pattern ending in `\\`".into());
        };
        self.i += 1;
        Ok(match c {
            'd' => Atom::Class(DIGIT.to_vec()),
            'w' => Atom::Class(WORD.to_vec()),
            's' => Atom::Class(SPACE.to_vec()),
            'D' | 'W' | 'S' => {
                let set = match c {
                    'D' => DIGIT,
                    'W' => WORD,
                    _ => SPACE,
                };
                let ch = outside(set).ok_or("an empty class")?;
                Atom::Char(ch)
            }
            'n' => Atom::Char('\n'),
            't' => Atom::Char('\t'),
            'r' => Atom::Char('\r'),
            'f' => Atom::Char('\u{c}'),
            'v' => Atom::Char('\u{b}'),
            '0' => Atom::Char('\0'),
            'x' => Atom::Char(self.hex(2)?),
            'u' => Atom::Char(self.hex(4)?),
            'b' if in_class => Atom::Char('\u{8}'),
            'b' | 'B' => return Err("word boundaries are not supported".into()),
            'p' | 'P' => return Err("Unicode property classes are not supported".into()),
            '1'..='9' => return Err("back-references are not supported".into()),
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("the escape `\\{c}` is not supported"));
            }
            c => Atom::Char(c),
        })
    }

    fn hex(&mut self, n: usize) -> Result<char, String> {
        let digits: String = self.s.iter().skip(self.i).take(n).collect();
        let code = u32::from_str_radix(&digits, 16)
            .map_err(|_| format!("expected {n} hex digits after the escape"))?;
        self.i += n;
        char::from_u32(code).ok_or_else(|| "an escape that is no character".to_string())
    }

    /// After `[`.
    fn class(&mut self) -> Result<Atom, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.i += 1;
        }
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err("a `[` without its `]`".into());
            };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Atom::Char(ch) => ch,
                    Atom::Class(rs) => {
                        ranges.extend(rs);
                        continue;
                    }
                    _ => return Err("an escape inside a class that is not supported".into()),
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|&n| n != ']') {
                self.i += 1;
                let Some(hi) = self.peek() else {
                    return Err("a `[` without its `]`".into());
                };
                self.i += 1;
                let hi = if hi == '\\' {
                    match self.escape(true)? {
                        Atom::Char(ch) => ch,
                        _ => return Err("a class range ending in a class".into()),
                    }
                } else {
                    hi
                };
                if hi < lo {
                    return Err(format!("the class range {lo}-{hi} is reversed"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        if negated {
            return outside(&ranges)
                .map(Atom::Char)
                .ok_or_else(|| "a negated class that excludes every printable character".into());
        }
        if ranges.is_empty() {
            return Err("an empty class matches nothing".into());
        }
        Ok(Atom::Class(ranges))
    }
}
