//! The `http-target` of an httpdoc request line: a Kiota URL-tree path (`\` separators) with an
//! RFC 6570 query template appended (`{?a*,b}`), variable names percent-encoded
//! (`StartTime<` is written `StartTime%3C`, `page-size` may be written `page%2Dsize`).

use crate::vocab::percent_decode;

/// One variable of the `{?…}` query template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryVar {
    /// The parameter name, percent-decoded.
    pub name: String,
    /// `*` modifier: the parameter explodes (`explode: true`).
    pub explode: bool,
}

/// A parsed `http-target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The OpenAPI path: `/` separators, template names decoded, no query template.
    pub path: String,
    /// The query template's variables, in order.
    pub query: Vec<QueryVar>,
    /// Names of `{…}` path template variables, in order.
    pub path_params: Vec<String>,
}

/// Parses the text of an `http-target` span.
pub(crate) fn parse_target(raw: &str) -> Target {
    let raw = raw.trim();
    let (path_part, query_part) = match raw.find("{?") {
        Some(i) => (raw.get(..i).unwrap_or(""), raw.get(i..).unwrap_or("")),
        None => (raw, ""),
    };
    let mut query = Vec::new();
    // `{?a,b}` possibly followed by `{&c}` continuations.
    let mut rest = query_part;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let body = after.get(..close).unwrap_or("");
        let body = body.trim_start_matches(['?', '&']);
        for spec in body.split(',') {
            let spec = spec.trim();
            if spec.is_empty() {
                continue;
            }
            let (name, explode) = match spec.strip_suffix('*') {
                Some(n) => (n, true),
                None => (spec.split(':').next().unwrap_or(spec), false),
            };
            query.push(QueryVar {
                name: percent_decode(name),
                explode,
            });
        }
        rest = after.get(close + 1..).unwrap_or("");
    }

    let mut path = String::with_capacity(path_part.len() + 1);
    let mut path_params = Vec::new();
    let mut chars = path_part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => path.push('/'),
            '{' => {
                let after = path_part.get(i + 1..).unwrap_or("");
                match after.find('}') {
                    Some(close) => {
                        let name = percent_decode(after.get(..close).unwrap_or(""));
                        path.push('{');
                        path.push_str(&name);
                        path.push('}');
                        path_params.push(name);
                        // Skip the name and the closing brace.
                        let end = i + 1 + close;
                        while chars.peek().is_some_and(|&(j, _)| j <= end) {
                            chars.next();
                        }
                    }
                    None => path.push('{'),
                }
            }
            _ => path.push(c),
        }
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    Target {
        path,
        query,
        path_params,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backslashes_and_query_template() {
        let t = parse_target(
            r"\2010-04-01\Accounts\{AccountSid}\Calls.json{?To*,StartTime%3C*,page%2Dsize}",
        );
        assert_eq!(t.path, "/2010-04-01/Accounts/{AccountSid}/Calls.json");
        assert_eq!(t.path_params, ["AccountSid"]);
        let q: Vec<_> = t
            .query
            .iter()
            .map(|v| (v.name.as_str(), v.explode))
            .collect();
        assert_eq!(
            q,
            [("To", true), ("StartTime<", true), ("page-size", false)]
        );
    }

    #[test]
    fn plain_and_odd_targets() {
        assert_eq!(parse_target(r"\speakers").path, "/speakers");
        assert_eq!(parse_target("").path, "/");
        assert_eq!(parse_target(r"\a\{b").path, "/a/{b");
        assert_eq!(parse_target(r"\x{?a}{&b*}").query.len(), 2);
        assert_eq!(parse_target(r"\x\{id%2Ex}").path_params, ["id.x"]);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("StartTime%3C"), "StartTime<");
        assert_eq!(percent_decode("a%zz%4"), "a%zz%4");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }
}
