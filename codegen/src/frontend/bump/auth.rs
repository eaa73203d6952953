//! How a Bump.sh page says what credentials an operation takes, shared by the Markdown
//! ([`super::md`]) and text ([`super::text`]) readers.
//!
//! A page lists its authentication methods by **humanised name only** (`accountSid_authToken`
//! reads "Account sid auth token"); a name is never evidence of a type. The type comes from what
//! the page shows of the wire:
//!
//! * a `curl` sample: `--user`/`-u` is HTTP basic, `--oauth2-bearer` HTTP bearer; a header or
//!   query parameter whose name the secret rule calls a credential holding a placeholder
//!   (`--header "X-API-Key: $API_KEY"`, `…?api_key=$API_KEY`) an API key there (an
//!   `Authorization` header of another scheme is no type: the reader warns);
//! * an `Authorization: Basic …` / `Authorization: Bearer …` header, in a curl `--header` or
//!   written out in the page's prose;
//! * an authentication entry naming where a key goes: `` header `X-API-Key` ``,
//!   `` `X-API-Key` header ``, `header: X-API-Key`, `` query parameter `api_key` ``,
//!   `` cookie `session` `` (an API key in that header, query parameter or cookie).
//!
//! [`resolve`] puts the names and the evidence together: an entry's own evidence types it; the
//! page's samples type the one untyped name when they show exactly one type nobody else claims;
//! samples on a page that names no scheme (or whose names are all typed) are alternatives of their
//! own (`basicAuth`, `bearerAuth`). A name no evidence types stays a scheme of unknown type
//! (`x-cpaas-scheme-type-unknown: true`, the name as description) with a message each reader
//! turns into its `*.auth-type-unknown` warning: an overlay beside the page gives the type.

use serde_json::{Value, json};

use super::shell::shell_words;
use crate::lower::secret::is_secret_name;

/// A security scheme type a page shows evidence of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SchemeType {
    /// HTTP basic (`--user`, `Authorization: Basic`).
    Basic,
    /// HTTP bearer (`--oauth2-bearer`, `Authorization: Bearer`).
    Bearer,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// `header`, `query` or `cookie`.
        location: &'static str,
        /// The header, parameter or cookie name.
        name: String,
    },
}

impl SchemeType {
    /// The OpenAPI security scheme object, with `description` when given.
    fn scheme(&self, description: Option<&str>) -> Value {
        let mut s = match self {
            SchemeType::Basic => json!({"type": "http", "scheme": "basic"}),
            SchemeType::Bearer => json!({"type": "http", "scheme": "bearer"}),
            SchemeType::ApiKey { location, name } => {
                json!({"type": "apiKey", "in": location, "name": name})
            }
        };
        if let (Some(d), Some(o)) = (description, s.as_object_mut()) {
            o.insert("description".into(), json!(d));
        }
        s
    }

    /// The key of a scheme the page shows but does not name.
    fn key(&self) -> String {
        match self {
            SchemeType::Basic => "basicAuth".into(),
            SchemeType::Bearer => "bearerAuth".into(),
            SchemeType::ApiKey { location, name } => camel_key(&format!("{name} {location} key")),
        }
    }

    /// For messages: `HTTP basic`, `an API key in header X-API-Key`.
    fn label(&self) -> String {
        match self {
            SchemeType::Basic => "HTTP basic".into(),
            SchemeType::Bearer => "HTTP bearer".into(),
            SchemeType::ApiKey { location, name } => format!("an API key in {location} `{name}`"),
        }
    }
}

/// The type an `Authorization` header value shows: `Basic …` or `Bearer …`.
fn from_authorization(name: &str, value: &str) -> Option<SchemeType> {
    if !name.trim().eq_ignore_ascii_case("authorization") {
        return None;
    }
    let scheme = value
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if scheme.eq_ignore_ascii_case("basic") {
        Some(SchemeType::Basic)
    } else if scheme.eq_ignore_ascii_case("bearer") {
        Some(SchemeType::Bearer)
    } else {
        None
    }
}

/// Evidence in the words of one curl command (the words after `curl`), in order.
pub(super) fn from_curl(words: &[String]) -> Vec<SchemeType> {
    let mut out = Vec::new();
    let mut it = words.iter().map(String::as_str);
    while let Some(w) = it.next() {
        let found = match w {
            "--user" | "-u" => it.next().map(|_| SchemeType::Basic),
            "--oauth2-bearer" => it.next().map(|_| SchemeType::Bearer),
            "--header" | "-H" => it
                .next()
                .and_then(|h| h.split_once(':'))
                .and_then(|(k, v)| from_authorization(k, v).or_else(|| key_in("header", k, v))),
            _ if w.starts_with("--user=") || (w.starts_with("-u") && w.len() > 2) => {
                Some(SchemeType::Basic)
            }
            _ => {
                // A key in the URL's query: `https://…/a?api_key=$API_KEY`.
                if w.contains("://") {
                    for (k, v) in w
                        .split_once('?')
                        .map(|(_, q)| q.split('#').next().unwrap_or(q))
                        .into_iter()
                        .flat_map(|q| q.split('&'))
                        .filter_map(|kv| kv.split_once('='))
                    {
                        push_new(&mut out, key_in("query", k, v));
                    }
                }
                None
            }
        };
        push_new(&mut out, found);
    }
    out
}

/// An API key a curl sample shows in a header or query parameter: a name the secret rule
/// calls a credential ([`is_secret_name`]: `X-API-Key`, `api_key`, `X-Auth-Token`, not
/// `Idempotency-Key`) holding a placeholder (`$API_KEY`, `<key>`, `{token}`, `YOUR_API_KEY`),
/// never a literal value (a documented parameter's example).
fn key_in(location: &'static str, name: &str, value: &str) -> Option<SchemeType> {
    let name = name.trim();
    let v = value.trim();
    let placeholder = v.starts_with('$')
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with('{') && v.ends_with('}'))
        || (v.len() >= 3
            && v.chars().any(|c| c.is_ascii_uppercase())
            && v.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'));
    (placeholder && is_name(name) && is_secret_name(name)).then(|| SchemeType::ApiKey {
        location,
        name: name.to_string(),
    })
}

/// The `Authorization` headers of a curl sample whose scheme is neither `Basic` nor `Bearer`
/// (`Token …`, a bare `$TOKEN`): shown, but of a type the page does not tell. Returns each
/// header's value, for the reader's warning.
pub(super) fn untyped_authorization(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if w != "--header" && w != "-H" {
            continue;
        }
        let Some((k, v)) = it.next().and_then(|h| h.split_once(':')) else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case("authorization") && from_authorization(k, v).is_none() {
            out.push(v.trim().to_string());
        }
    }
    out
}

/// Evidence in prose (descriptions, an authentication entry): every curl command written in it
/// (its words up to a code fence) and `Authorization: Basic|Bearer` written out.
pub(super) fn from_prose(text: &str) -> Vec<SchemeType> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("curl ") {
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &text[i..];
        let rest = rest
            .get(..rest.find("```").unwrap_or(rest.len()))
            .unwrap_or("");
        // On a whitespace-collapsed page a line continuation `\` + newline reads `\ `, which
        // the shell would take for an escaped space: trimmed off the next word.
        let (words, _) = shell_words(rest);
        let words: Vec<String> = words.iter().map(|w| w.trim().to_string()).collect();
        for t in from_curl(words.get(1..).unwrap_or(&[])) {
            push_new(&mut out, Some(t));
        }
    }
    let lower = text.to_ascii_lowercase();
    for (i, _) in lower.match_indices("authorization:") {
        let value = &text[i + "authorization:".len()..];
        let value = value.trim_start_matches([' ', '`', '"', '\'']);
        push_new(&mut out, from_authorization("authorization", value));
    }
    out
}

/// Where an authentication entry says a key goes: `` header `X` ``, `` `X` header ``,
/// `header: X` (likewise `query parameter`, `query`, `cookie`).
fn key_location(text: &str) -> Option<SchemeType> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let loc = |w: &str| {
        let w = w
            .trim_matches(|c: char| "(),.;".contains(c))
            .to_ascii_lowercase();
        let colon = w.ends_with(':');
        match w.trim_end_matches(':') {
            "header" => Some(("header", colon)),
            "query" => Some(("query", colon)),
            "cookie" => Some(("cookie", colon)),
            _ => None,
        }
    };
    let ticked = |w: &str| {
        let w = w.trim_matches(|c: char| "(),.;:".contains(c));
        w.strip_prefix('`')
            .and_then(|x| x.strip_suffix('`'))
            .filter(|x| is_name(x))
            .map(str::to_string)
    };
    for (i, w) in words.iter().enumerate() {
        let Some((location, mut colon)) = loc(w) else {
            continue;
        };
        // `NAME` header
        if let Some(name) = i.checked_sub(1).and_then(|p| ticked(words[p])) {
            return Some(SchemeType::ApiKey { location, name });
        }
        // header [parameter][:] NAME
        let mut j = i + 1;
        if words
            .get(j)
            .is_some_and(|p| p.trim_end_matches(':').eq_ignore_ascii_case("parameter"))
        {
            colon |= words[j].ends_with(':');
            j += 1;
        }
        let Some(next) = words.get(j) else { continue };
        if let Some(name) = ticked(next) {
            return Some(SchemeType::ApiKey { location, name });
        }
        let bare = next.trim_matches(|c: char| "(),.;".contains(c));
        if colon && is_name(bare) {
            return Some(SchemeType::ApiKey {
                location,
                name: bare.to_string(),
            });
        }
    }
    None
}

/// A header, parameter or cookie name: letters, digits, `-`, `_`, `.`.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// An authentication method a page names: the name it shows, what its own entry says of its
/// type, and where the entry is (for the reader's warning).
#[derive(Debug)]
pub(super) struct Named<L> {
    /// The humanised name (`Account sid auth token`).
    pub(super) name: String,
    /// The type the entry itself shows, if any.
    pub(super) ty: Option<SchemeType>,
    /// Where the reader found the entry.
    pub(super) at: L,
}

/// Reads one authentication entry: its name (the text of `head` before a ` (` or `: ` that
/// starts a remark, else all of it) and the type the remark and `more` (text written under the
/// entry) show; `None` for an empty entry.
pub(super) fn entry<L>(head: &str, more: &str, at: L) -> Option<Named<L>> {
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = [" (", ": "]
        .iter()
        .filter_map(|m| head.find(m))
        .min()
        .unwrap_or(head.len());
    let name = head[..cut].trim();
    let name = if name.is_empty() { head.trim() } else { name };
    if name.is_empty() {
        return None;
    }
    let rest = format!("{} {more}", &head[cut..]);
    let ty = key_location(&rest).or_else(|| from_prose(&rest).into_iter().next());
    Some(Named {
        name: name.to_string(),
        ty,
        at,
    })
}

/// A named scheme whose type nothing on the page states.
#[derive(Debug)]
pub(super) struct Untyped<L> {
    /// Its key in `components.securitySchemes`.
    pub(super) key: String,
    /// Where the entry is.
    pub(super) at: L,
    /// The warning's message.
    pub(super) message: String,
}

/// Named schemes and the page's sample evidence put together: the schemes by key in page order
/// (each one alternative requirement) and the names left untyped.
pub(super) fn resolve<L>(
    mut named: Vec<Named<L>>,
    samples: &[SchemeType],
) -> (Vec<(String, Value)>, Vec<Untyped<L>>) {
    // A name listed twice is one method.
    let mut keys: Vec<String> = Vec::new();
    named.retain(|n| {
        let k = camel_key(&n.name);
        let new = !keys.contains(&k);
        keys.push(k);
        new
    });
    let claimed: Vec<&SchemeType> = named.iter().filter_map(|n| n.ty.as_ref()).collect();
    let mut left: Vec<&SchemeType> = Vec::new();
    for s in samples {
        if !claimed.contains(&s) && !left.contains(&s) {
            left.push(s);
        }
    }
    let untyped_count = named.iter().filter(|n| n.ty.is_none()).count();
    let shown = left
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ");
    let mut schemes: Vec<(String, Value)> = Vec::new();
    let mut untyped = Vec::new();
    for n in named {
        let key = camel_key(&n.name);
        let ty =
            n.ty.or_else(|| (untyped_count == 1 && left.len() == 1).then(|| left[0].clone()));
        let scheme = match ty {
            Some(t) => t.scheme(Some(&n.name)),
            None => {
                let why = if left.is_empty() {
                    "the page shows only its name, no sample or header stating its type".to_string()
                } else {
                    format!(
                        "the page's samples show {shown}, which cannot be attributed to one of its \
                         {untyped_count} methods of unstated type"
                    )
                };
                untyped.push(Untyped {
                    key: key.clone(),
                    at: n.at,
                    message: format!(
                        "authentication method \"{}\": {why}; kept as scheme `{key}` of unknown \
                         type (give its type in an overlay beside the page, or set the client's \
                         credentials explicitly)",
                        n.name
                    ),
                });
                json!({"x-cpaas-scheme-type-unknown": true, "description": n.name})
            }
        };
        schemes.push((key, scheme));
    }
    if untyped_count == 0 {
        for t in left {
            let key = t.key();
            if !schemes.iter().any(|(k, _)| *k == key) {
                schemes.push((key, t.scheme(None)));
            }
        }
    }
    (schemes, untyped)
}

/// Pushes `t` unless it is `None` or already in `out`.
fn push_new(out: &mut Vec<SchemeType>, t: Option<SchemeType>) {
    if let Some(t) = t {
        if !out.contains(&t) {
            out.push(t);
        }
    }
}

/// The scheme key of a humanised name: `Bearer auth` -> `bearerAuth`.
fn camel_key(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in name
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            if i == 0 {
                out.extend(f.to_lowercase());
            } else {
                out.extend(f.to_uppercase());
            }
            out.push_str(cs.as_str());
        }
    }
    if out.is_empty() {
        out.push_str("auth");
    }
    out
}

#[cfg(test)]
mod tests;
