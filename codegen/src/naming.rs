//! Rust names from wire names: case conversion, symbols, keywords and collisions.
//!
//! Names must be stable (the same input gives the same name on every run) and collision-free:
//! Twilio's spec has `StartTime`, `StartTime<` and `StartTime>` side by side.

use std::collections::HashSet;

/// Words of a wire name: split at non-alphanumerics and at case changes (`HTTPServer` ->
/// `HTTP`, `Server`); symbols that carry meaning become words (`<` -> `lt`).
pub fn words(name: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '<' => spaced.push_str(" lt "),
            '>' => spaced.push_str(" gt "),
            '=' => spaced.push_str(" eq "),
            '+' => spaced.push_str(" plus "),
            '@' => spaced.push_str(" at "),
            c if c.is_alphanumeric() => spaced.push(c),
            _ => spaced.push(' '),
        }
    }
    let mut out = Vec::new();
    for chunk in spaced.split_whitespace() {
        let chars: Vec<char> = chunk.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None => false,
                Some(p) => {
                    (c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()))
                        || (c.is_uppercase()
                            && p.is_uppercase()
                            && next.is_some_and(|n| n.is_lowercase()))
                }
            };
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// [`words`] reduced to ASCII letters and digits (identifiers stay portable), empty ones dropped,
/// so a dropped character never leaves a stray `_` or a lowercase type name behind.
fn ascii_words(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// `snake_case`, a valid identifier (raw keywords avoided by a trailing `_`).
pub fn snake(name: &str) -> String {
    let w = ascii_words(name);
    let mut s = w
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    fix_ident(&mut s, "value");
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// `UpperCamelCase`, a valid identifier.
pub fn camel(name: &str) -> String {
    let mut s: String = ascii_words(name)
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect();
    fix_ident(&mut s, "Value");
    if matches!(s.as_str(), "Self" | "Crate" | "Super") {
        s.push('_');
    }
    s
}

/// The type name of a schema component (`components.schemas.NAME`): [`camel`] of its name,
/// shortened when the name is a dotted path, as package-style names often are
/// (`conversations.v1.service.service_conversation.service_conversation_message`):
///
/// 1. segments up to and including the last version segment (`v1`, `v2010`, `v2beta`) are
///    dropped when a segment follows it: the module already says which API and version;
/// 2. a segment that starts with the words the name has so far ends with says only its new
///    words (`service.service_conversation` is `service conversation`).
///
/// `conversations.v1.service.service_conversation.service_conversation_message` becomes
/// `ServiceConversationMessage`, `api.v2010.account.token` `AccountToken`. The rule reads
/// the one name only, so a name never changes because other components came or went; the
/// lowering keeps the full [`camel`] name for components whose short names would collide.
pub fn component_type(name: &str) -> String {
    if !name.contains('.') {
        return camel(name);
    }
    let segments: Vec<&str> = name.split('.').filter(|s| !s.is_empty()).collect();
    let is_version = |s: &&str| {
        let mut cs = s.chars();
        matches!(cs.next(), Some('v' | 'V'))
            && cs.next().is_some_and(|c| c.is_ascii_digit())
            && cs.all(|c| c.is_ascii_alphanumeric())
    };
    let start = segments
        .iter()
        .rposition(is_version)
        .filter(|&i| i + 1 < segments.len())
        .map_or(0, |i| i + 1);
    let mut acc: Vec<String> = Vec::new();
    for segment in &segments[start..] {
        append_overlapping(&mut acc, &lower_words(segment));
    }
    camel(&acc.join(" "))
}

/// The type name of a schema nested in the type `parent` under the wire name `part` (a
/// property, a parameter): the parent's name and the part's words, less the words the part
/// repeats from the end of the parent's name (`IceServer` + `server_url` is
/// `IceServerUrl`). The part always adds a word, so a nested type never takes its parent's name.
pub fn nested_type(parent: &str, part: &str) -> String {
    let mut acc = lower_words(parent);
    append_overlapping(&mut acc, &lower_words(part));
    camel(&acc.join(" "))
}

/// [`ascii_words`], lowercased.
fn lower_words(name: &str) -> Vec<String> {
    ascii_words(name)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect()
}

/// Appends `next` to `acc`, less its longest head that repeats the tail of `acc`, keeping at
/// least one word of `next`.
fn append_overlapping(acc: &mut Vec<String>, next: &[String]) {
    let overlap = (1..next.len().min(acc.len() + 1))
        .rev()
        .find(|&k| acc[acc.len() - k..] == next[..k])
        .unwrap_or(0);
    acc.extend(next[overlap..].iter().cloned());
}

/// `kebab-case` (the CLI's operation and flag names).
pub fn kebab(name: &str) -> String {
    snake(name).trim_end_matches('_').replace('_', "-")
}

fn fix_ident(s: &mut String, empty: &str) {
    // Identifiers must be XID; keep ASCII to stay portable.
    s.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if s.is_empty() {
        s.push_str(empty);
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, if empty == "Value" { "V" } else { "v_" });
    }
}

/// A Cargo package name in `kebab-case` from any text (a title, a file stem, a flag's value):
/// ASCII letters, digits and `-`, never empty, never starting with a digit, and never a Rust
/// keyword or reserved word (`gen` becomes `gen-client`), so its library name is an identifier.
pub fn crate_name(name: &str) -> String {
    let mut s = snake(name).trim_end_matches('_').to_string();
    if s.is_empty() {
        s.push_str("api");
    }
    if is_keyword(&s) {
        s.push_str("_client");
    }
    s.replace('_', "-")
}

/// True for Rust keywords (strict, reserved and weak ones that cannot be field names).
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
            | "union"
    )
}

/// The enum of an operation's differing success answers: `<Op>Success` (`Op` the
/// operation's type base, its Rust name in UpperCamelCase).
pub fn success_enum(op_type_base: &str) -> String {
    format!("{op_type_base}Success")
}

/// The variant name of a response status: its reason phrase in UpperCamelCase where it has a
/// well-known one (`Ok`, `NoContent`, `NotFound`), `Redirect{code}` for another 3xx,
/// `Status{code}` for any other code; `Status{n}xx` for a class (`range`, `2XX` is 2).
pub fn status_variant(code: Option<u16>, range: Option<u16>) -> String {
    let Some(c) = code else {
        return format!("Status{}xx", range.unwrap_or(0));
    };
    let known = match c {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        c if (300..400).contains(&c) => return format!("Redirect{c}"),
        c => return format!("Status{c}"),
    };
    known.to_string()
}

/// A word for a media type, to tell apart the variants of one status documented with
/// several: `Json` for `application/json`, `ProblemPlusJson` for
/// `application/problem+json`,
/// `Text` for `text/plain`, `Any` for `*/*`, else the subtype (`Xml`, `OctetStream`) or, for
/// `type/*`, the type (`Image`).
pub fn media_word(media_type: &str) -> String {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let (main, sub) = essence.split_once('/').unwrap_or(("", essence.as_str()));
    match (main, sub) {
        ("*", "*") => "Any".into(),
        ("text", "plain") => "Text".into(),
        (_, "json") => "Json".into(),
        (main, "*") => camel(main),
        (_, sub) => camel(sub),
    }
}

/// Hands out unique names in one namespace, in a stable order: the first claimant keeps the
/// plain name, later ones get `_2`, `_3`… (or `2`, `3`… for type names).
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    /// An empty namespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves `name` so no claim receives it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Returns `base` or the first free numbered variant of it, and takes it.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) || base.contains('_') {
            "_"
        } else if base.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|i| format!("{base}{sep}{i}"))
            .find(|n| self.taken.insert(n.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_valid_and_never_keywords() {
        assert_eq!(crate_name("gen"), "gen-client");
        assert_eq!(crate_name("try"), "try-client");
        assert_eq!(crate_name("Twilio - Api"), "twilio-api");
        assert_eq!(crate_name("my_crate"), "my-crate");
        assert_eq!(crate_name("2fa"), "v-2fa");
        assert_eq!(crate_name("***"), "value");
    }

    #[test]
    fn cases() {
        assert_eq!(snake("AccountSid"), "account_sid");
        assert_eq!(
            snake("CreateTelephonyCredentialToken"),
            "create_telephony_credential_token"
        );
        assert_eq!(snake("create-token"), "create_token");
        assert_eq!(snake("Create new key"), "create_new_key");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3ds"), "v_3ds");
        assert_eq!(snake("StartTime<"), "start_time_lt");
        assert_eq!(snake("StartTime>"), "start_time_gt");
        assert_eq!(camel("date-time-rfc-2822"), "DateTimeRfc2822");
        assert_eq!(camel("twilio.api.v2010.token"), "TwilioApiV2010Token");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("200"), "V200");
        assert_eq!(camel("*"), "Value");
        assert_eq!(
            kebab("CreateTelephonyCredentialToken"),
            "create-telephony-credential-token"
        );
        assert_eq!(kebab("FriendlyName"), "friendly-name");
        assert_eq!(kebab("type"), "type");
        // Non-ASCII characters are dropped per word: no lowercase type name (`self` here, which
        // made the emitter panic on `r#self`), no stray `_`.
        assert_eq!(camel("\u{10eab}self"), "Self_");
        assert_eq!(camel("\u{10eab}a\u{2074}"), "A");
        assert_eq!(snake("\u{a16}\u{a3c}a\u{2074}"), "a");
        assert_eq!(snake("\u{a16}\u{a3c}\u{a16}"), "value");
    }

    #[test]
    fn namespace_is_stable_and_unique() {
        let mut ns = Namespace::new();
        assert_eq!(ns.claim("start_time"), "start_time");
        assert_eq!(ns.claim("start_time"), "start_time_2");
        assert_eq!(ns.claim("Foo"), "Foo");
        assert_eq!(ns.claim("Foo"), "Foo2");
        ns.reserve("Client");
        assert_eq!(ns.claim("Client"), "Client2");
    }

    #[test]
    fn status_and_media_words() {
        assert_eq!(status_variant(Some(200), None), "Ok");
        assert_eq!(status_variant(Some(204), None), "NoContent");
        assert_eq!(status_variant(Some(399), None), "Redirect399");
        assert_eq!(status_variant(Some(299), None), "Status299");
        assert_eq!(status_variant(None, Some(2)), "Status2xx");
        assert_eq!(media_word("application/json; charset=utf-8"), "Json");
        assert_eq!(media_word("application/problem+json"), "ProblemPlusJson");
        assert_eq!(media_word("text/plain"), "Text");
        assert_eq!(media_word("application/octet-stream"), "OctetStream");
        assert_eq!(media_word("image/*"), "Image");
        assert_eq!(media_word("*/*"), "Any");
        assert_eq!(success_enum("CreateToken"), "CreateTokenSuccess");
    }
    #[test]
    fn dotted_component_names_are_shortened() {
        assert_eq!(
            component_type(
                "conversations.v1.service.service_conversation.service_conversation_message\
                 .service_conversation_message_receipt"
            ),
            "ServiceConversationMessageReceipt"
        );
        assert_eq!(component_type("api.v2010.account.token"), "AccountToken");
        assert_eq!(component_type("com.example.v2beta.User"), "User");
        // A version as the last segment is the name itself.
        assert_eq!(component_type("api.v2"), "ApiV2");
        // No version: every segment stays, repeats dropped.
        assert_eq!(component_type("billing.billing_account"), "BillingAccount");
        // Undotted names are `camel` as before.
        assert_eq!(component_type("ServiceServiceName"), "ServiceServiceName");
        assert_eq!(component_type("date-time-rfc-2822"), "DateTimeRfc2822");
        // A segment that only repeats keeps its last word.
        assert_eq!(component_type("a.v1.token.token"), "TokenToken");
        assert_eq!(component_type(".."), "Value");
    }

    #[test]
    fn nested_names_drop_the_words_they_repeat() {
        assert_eq!(nested_type("IceServer", "server_url"), "IceServerUrl");
        assert_eq!(nested_type("Message", "message_status"), "MessageStatus");
        assert_eq!(nested_type("CreateToken", "ttl"), "CreateTokenTtl");
        // Never the parent's own name.
        assert_eq!(nested_type("Message", "message"), "MessageMessage");
        assert_eq!(nested_type("Token", "ice_servers"), "TokenIceServers");
    }
}
