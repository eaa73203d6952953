//! R31 (ours): the page's own evidence against a placement. A keyword after a property map
//! belongs to the last property's schema or to the map's owner (§8's undecidable class 1);
//! where the keyword, its value or the schemas around it tell that one of the two cannot hold
//! it, that one is a misfit: it is tried last, and the second-reading search does not revisit
//! it (no `fern.ambiguous` warning for a reading the page itself refutes).
//!
//! The evidence, each piece stating a fact the page writes:
//! - a typed keyword (`items`, `minLength`, `properties` …) or a `format` of a known type
//!   (`int32`, `date-time` …) does not fit a schema whose `type` is another, nor an untyped
//!   schema whose keywords are all of another type;
//! - a scalar `example`, `default`, `const` or `enum` value is no `object`'s or `array`'s;
//! - a `description` after a property map whose other members are all described belongs to the
//!   last property (which has none yet), and after one whose members are all undescribed, to
//!   the owner (two members at least either way).

use super::super::state::{Frame, Search, State};
use super::super::vocabulary::{Ty, keyword_type};

/// The types a `format` value belongs to, when it is one of the well-known formats.
fn format_type(v: &str) -> Option<&'static [&'static str]> {
    const NUM: &[&str] = &["number", "integer"];
    const STR: &[&str] = &["string"];
    Some(match v {
        "int32" | "int64" | "float" | "double" | "decimal" => NUM,
        "date-time" | "date" | "time" | "duration" | "uri" | "url" | "uri-reference" | "uuid"
        | "email" | "hostname" | "ipv4" | "ipv6" | "byte" | "binary" | "password" | "regex" => STR,
        _ => return None,
    })
}

/// Whether schema frame `f` cannot be of any of `types`: its `type` is another, or it states
/// no `type` and every typed keyword it holds belongs to another type.
fn excludes(f: &Frame, types: &[&str]) -> bool {
    let fits = |t: &str| types.contains(&t) || (t == "integer" && types.contains(&"number"));
    if let Some(t) = f.stype.as_deref() {
        return !fits(t);
    }
    let mut typed = f
        .keys
        .iter()
        .filter_map(|k| keyword_type(k))
        .chain(f.props.as_ref().map(|_| &["object"][..]))
        .peekable();
    typed.peek().is_some() && typed.all(|ts| !ts.iter().any(|t| fits(t)))
}

impl Search<'_> {
    /// Whether the page's evidence rules out frame `i` taking `key`, whose value starts at token
    /// `next` (see the module docs).
    pub(crate) fn misfit(&self, st: &State, key: &str, next: usize, i: usize) -> bool {
        let frames = &st.frames;
        let Some(f) = frames.get(i).filter(|f| f.ty == Ty::Schema && !f.seq) else {
            return false;
        };
        if let Some(types) = keyword_type(key) {
            return excludes(f, types);
        }
        if key == "format" {
            return self
                .plain_ahead(next)
                .and_then(|v| format_type(&v))
                .is_some_and(|types| excludes(f, types));
        }
        if matches!(key, "example" | "examples" | "default" | "const" | "enum") {
            return self.scalar_ahead(key, next)
                && matches!(f.stype.as_deref(), Some("object" | "array"));
        }
        if key == "description" {
            return self.description_misfit(frames, i);
        }
        false
    }

    /// Whether a scalar value (or a list of scalars, for `examples` and `enum`) starts at `next`.
    pub(crate) fn scalar_ahead(&self, key: &str, next: usize) -> bool {
        let at = if matches!(key, "examples" | "enum") && self.tok(next) == "-" {
            next + 1
        } else {
            next
        };
        let t = self.tok(at);
        at < self.toks.len()
            && !self.is_key(at)
            && !matches!(t, "-" | "[]" | "{}")
            && !t.starts_with(['[', '{', '|', '>', '&', '*', '!'])
            && !self.keys.get(at + 1).is_some_and(|k| k.is_none())
    }

    /// A trailing `description` and the members of the property map it follows: frame `i` is
    /// the owner of the map (the map and its last property open above it) or that last
    /// property (the map open just below it).
    fn description_misfit(&self, frames: &[Frame], i: usize) -> bool {
        let map_above = frames
            .get(i + 1)
            .filter(|m| m.ty == Ty::PropMap && m.via == "properties" && i + 3 == frames.len());
        let map_below = i
            .checked_sub(1)
            .and_then(|m| frames.get(m))
            .filter(|m| m.ty == Ty::PropMap && m.via == "properties" && i + 1 == frames.len());
        match (map_above, map_below) {
            // The owner: ruled out where every other member is described.
            // A last property that is a bare `$ref` is R22's to decide.
            (Some(m), _) => {
                matches!(m.described, [w, 0] if w >= 2)
                    && frames
                        .last()
                        .is_some_and(|p| p.keys.iter().all(|k| k != "$ref"))
            }
            // The last property: ruled out where no other member is.
            (_, Some(m)) => matches!(m.described, [0, w] if w >= 2),
            _ => false,
        }
    }
}
