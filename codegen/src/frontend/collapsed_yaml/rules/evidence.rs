//! R31 (ours): the page's own evidence against a placement. A keyword after a property map
//! belongs to the last property's schema or to the map's owner (§8's undecidable class 1);
//! where the keyword, its value or the schemas around it tell that one of the two cannot hold
//! it, that one is a misfit: it is tried last, and the second-reading search does not revisit
//! it (no `fern.ambiguous` warning for a reading the page itself refutes).
//!
//! The evidence, each piece stating a fact the page writes:
//! - a typed keyword (`items`, `minLength`, `properties` …), a `format` of a known type
//!   (`int32`, `date-time` …) or a one-name `type` does not fit a schema whose `type` is another,
//!   nor an untyped schema whose keywords are all of another type;
//! - a scalar `example`, `default`, `const` or `enum` value is no `object`'s or `array`'s;
//! - a `description` (or `nullable`) after a property map whose other members nearly all have
//!   one (four in five, three at least) belongs to the last property (which has none yet).
//!   (The converse is no evidence: a last property may be the one described, and a wrong owner
//!   would close it before its own later keywords.)
//!   A request body below that owner is ruled out alike (taking the key closes the owner).
//!   Taking any scalar keyword of the same run (`format: uri-map nullable: true description:
//!   …`) would leave that description to the owner: the owner is ruled out for the whole run.
//! - a `title` is no property's unless it spells the property's name (R16's observation, as
//!   evidence), and a title spelling the last property's name is that property's.

use super::super::state::{Frame, Search, State};
use super::super::vocabulary::{Ty, keyword_type};
use super::placement::ident_norm;

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
        if frames.get(i).is_some_and(|f| f.ty == Ty::RequestBody)
            && matches!(key, "description" | "nullable")
        {
            // A request body taking the key closes the schemas above it: the same evidence
            // that rules out the innermost property map's owner rules it out too.
            return (i + 1..frames.len()).rev().any(|o| {
                matches!(trailing(frames, o, true), (Some(_), _)) && shared_misfit(frames, o, key)
            });
        }
        let Some(f) = frames.get(i).filter(|f| f.ty == Ty::Schema && !f.seq) else {
            return false;
        };
        // Sub-schemas of the last property may be open for a description, `nullable` or a
        // `type` (the last property is then the one below them); other keys need the plain
        // shape.
        let deep = matches!(key, "description" | "nullable" | "type");
        if matches!(trailing(frames, i, deep), (None, None)) {
            return false;
        }
        if self.run_misfit(st, key, next, i) {
            return true;
        }
        if let Some(types) = keyword_type(key) {
            return excludes(f, types);
        }
        if key == "type" {
            // A one-name `type` (`type: array`) does not fit a schema whose keywords are all of
            // another type (`properties` is no array's).
            return self
                .plain_ahead(next)
                .filter(|v| {
                    matches!(
                        v.as_str(),
                        "object" | "array" | "string" | "integer" | "number" | "boolean"
                    )
                })
                .is_some_and(|v| excludes(f, &[v.as_str()]));
        }
        if key == "format" {
            return self
                .plain_ahead(next)
                .and_then(|v| format_type(&v))
                .is_some_and(|types| excludes(f, types));
        }
        if matches!(key, "example" | "examples" | "default" | "const" | "enum") {
            return self.scalar_ahead(key, next, false)
                && matches!(f.stype.as_deref(), Some("object" | "array"));
        }
        if matches!(key, "description" | "nullable") {
            return shared_misfit(frames, i, key);
        }
        if key == "title" {
            return self
                .plain_ahead(next)
                .is_some_and(|t| title_misfit(frames, i, &ident_norm(&t)));
        }
        false
    }

    /// The owner `i` of a property map taking scalar keyword `key` closes the last property: a
    /// `description` or `nullable` later in the same run of scalar keywords then has no other
    /// schema to go to (none below the owner takes it), so where the page rules the owner out
    /// for that key (`shared_misfit`), it rules it out for `key` too (`format: uri-map
    /// nullable: true description: …` after a map whose members all have both).
    fn run_misfit(&self, st: &State, key: &str, next: usize, i: usize) -> bool {
        let frames = &st.frames;
        if matches!(key, "description" | "nullable")
            || !matches!(trailing(frames, i, true), (Some(_), _))
            || self.is_key(next)
            || matches!(self.tok(next), "-" | "|" | "|-" | ">" | ">-")
        {
            return false;
        }
        ["description", "nullable"].into_iter().any(|want| {
            self.in_annotation_run(next, want, &["format", "pattern"])
                && shared_misfit(frames, i, want)
                && (0..i).all(|j| self.accepts(frames, j, want).is_none())
        })
    }

    /// Whether the `required: - a - b` list at token `next` names only properties of schema
    /// frame `i` (closed or still open above it), which has no `required` yet: that schema's own
    /// list (R2), which example data holding a `required` key of exactly those names is not.
    pub(crate) fn required_fits(&self, st: &State, i: usize, next: usize) -> bool {
        let frames = &st.frames;
        let Some(f) = frames.get(i).filter(|f| f.ty == Ty::Schema && !f.seq) else {
            return false;
        };
        let names = self.list_ahead(next);
        let props = f.props.as_ref().or_else(|| {
            frames
                .get(i + 1)
                .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                .map(|c| &c.keys)
        });
        !names.is_empty()
            && f.keys.iter().all(|k| k != "required")
            && props.is_some_and(|p| names.iter().all(|n| p.contains(n)))
    }

    /// Whether a scalar value (or a list of scalars, for `examples` and `enum`) starts at `next`;
    /// with `single`, only a one-word one (R25's test).
    pub(crate) fn scalar_ahead(&self, key: &str, next: usize, single: bool) -> bool {
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
            && (!single || !self.keys.get(at + 1).is_some_and(|k| k.is_none()))
    }
}

/// Frame `i` after a property map: as its owner (the map and its last property open above it,
/// first) or as that last property (the map open just below it, second). With `deep`,
/// sub-schemas of the last property may still be open above it (`items: {type: string}`, an
/// `anyOf` list).
fn trailing(frames: &[Frame], i: usize, deep: bool) -> (Option<&Frame>, Option<&Frame>) {
    // Frame `k` is the last property: nothing above it, or (with `deep`) only schemas.
    let last = |k: usize| {
        frames.len() == k + 1
            || (deep && frames.len() > k && frames.iter().skip(k).all(|f| f.ty == Ty::Schema))
    };
    let map_above = frames
        .get(i + 1)
        .filter(|m| m.ty == Ty::PropMap && m.via == "properties" && last(i + 2));
    let map_below = i
        .checked_sub(1)
        .and_then(|m| frames.get(m))
        .filter(|m| m.ty == Ty::PropMap && m.via == "properties" && last(i));
    (map_above, map_below)
}

/// A trailing `title` (normalised as `t`) and frame `i`: a property is ruled out when the title
/// spells neither its name nor a suffix of it (R16: generators title a property after its own
/// name); the owner when the title spells the last property's name and not the owner's.
fn title_misfit(frames: &[Frame], i: usize, t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    let property = i
        .checked_sub(1)
        .and_then(|m| frames.get(m))
        .is_some_and(|m| m.ty == Ty::PropMap && m.via == "properties" && !m.seq);
    if property {
        let via = ident_norm(&frames[i].via);
        return !(via == t || (via.len() >= 3 && t.ends_with(&via)));
    }
    matches!(trailing(frames, i, false), (Some(_), _))
        && frames
            .get(i + 2)
            .is_some_and(|p| ident_norm(&p.via) == t && ident_norm(&frames[i].via) != t)
}

/// A trailing `description` or `nullable` (`key`) and the property map it follows: the owner is
/// ruled out where nearly every other member (four in five, three at least) has the key and
/// the last property has none yet. A last property that is a bare `$ref` is R22's to decide.
fn shared_misfit(frames: &[Frame], i: usize, key: &str) -> bool {
    let (Some(m), _) = trailing(frames, i, true) else {
        return false;
    };
    let [w, u] = if key == "nullable" {
        m.nullable
    } else {
        m.described
    };
    w >= 3
        && u * 4 <= w
        && frames
            .get(i + 2)
            .is_some_and(|p| p.keys.iter().all(|k| k != "$ref" && k != key))
}
