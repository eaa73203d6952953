//! Path templates (`/Accounts/{AccountSid}/Calls.json`) parsed once into literal text and
//! `{name}` parameters, so lowering and emitting read one parse instead of each scanning the
//! string.
//!
//! The parse is total and keeps every byte: a parameter is the text between a `{` and the
//! first `}` after it (so `{a{b}` names `a{b`, and `{}` names the empty string); a `{` with no
//! `}` after it ends the parsing and stays literal with the rest of the text; a `}` with no
//! `{` before it is literal. [`PathTemplate`]'s `Display` gives back the original text.

use std::fmt;

/// A path template parsed into literal text and `{name}` parameters, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    /// The pieces, in order. No literal is empty; two literals never follow each other.
    pub segments: Vec<PathSegment>,
}

/// One piece of a [`PathTemplate`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// Text sent as written (it may hold a stray `}`, or an unmatched `{` at the end).
    Literal(String),
    /// A `{name}` parameter: the name as written between the braces.
    Param(String),
}

impl PathTemplate {
    /// Parses `path`; never fails (see the module documentation for the edge cases).
    pub fn parse(path: &str) -> PathTemplate {
        let mut segments = Vec::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            if start > 0 {
                segments.push(PathSegment::Literal(rest[..start].to_string()));
            }
            segments.push(PathSegment::Param(rest[start + 1..start + len].to_string()));
            rest = &rest[start + len + 1..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_string()));
        }
        PathTemplate { segments }
    }

    /// The names of the `{name}` parameters, in order (repeats kept).
    pub fn params(&self) -> impl Iterator<Item = &str> + '_ {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Param(name) => Some(name.as_str()),
            PathSegment::Literal(_) => None,
        })
    }
}

impl fmt::Display for PathTemplate {
    /// The original template text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.segments {
            match s {
                PathSegment::Literal(text) => f.write_str(text)?,
                PathSegment::Param(name) => write!(f, "{{{name}}}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::PathSegment::{Literal, Param};
    use super::*;

    fn lit(s: &str) -> PathSegment {
        Literal(s.to_string())
    }

    fn param(s: &str) -> PathSegment {
        Param(s.to_string())
    }

    /// The scan lowering used before the template was parsed into the IR (`template_names`),
    /// kept as the oracle for [`PathTemplate::params`].
    fn template_names_before(path: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.push(rest[start + 1..start + len].to_string());
            rest = &rest[start + len + 1..];
        }
        out
    }

    #[track_caller]
    fn check(path: &str, segments: &[PathSegment]) {
        let t = PathTemplate::parse(path);
        assert_eq!(t.segments, segments, "segments of {path:?}");
        assert_eq!(t.to_string(), path, "round trip of {path:?}");
        assert_eq!(
            PathTemplate::parse(&t.to_string()),
            t,
            "reparse of {path:?}"
        );
        assert_eq!(
            t.params().collect::<Vec<_>>(),
            template_names_before(path),
            "params of {path:?}"
        );
    }

    #[test]
    fn plain() {
        check("", &[]);
        check("/", &[lit("/")]);
        check("/v1/calls.json", &[lit("/v1/calls.json")]);
    }

    #[test]
    fn params_between_literals() {
        check(
            "/Accounts/{AccountSid}/Calls/{Sid}.json",
            &[
                lit("/Accounts/"),
                param("AccountSid"),
                lit("/Calls/"),
                param("Sid"),
                lit(".json"),
            ],
        );
        check("{id}", &[param("id")]);
    }

    #[test]
    fn adjacent_params() {
        check("/{a}{b}", &[lit("/"), param("a"), param("b")]);
        check("/{a}{a}/x", &[lit("/"), param("a"), param("a"), lit("/x")]);
    }

    #[test]
    fn unmatched_braces() {
        // A `{` without a `}` after it: the rest is literal, earlier parameters stay.
        check("/x/{a", &[lit("/x/{a")]);
        check("/{a}/{b", &[lit("/"), param("a"), lit("/{b")]);
        // A stray `}` is literal.
        check("/x}/{a}", &[lit("/x}/"), param("a")]);
        check("/{a}}", &[lit("/"), param("a"), lit("}")]);
        // A `{` inside a parameter belongs to its name; `{}` names the empty string.
        check("/{a{b}/c", &[lit("/"), param("a{b"), lit("/c")]);
        check("/{}", &[lit("/"), param("")]);
    }
}
