//! The secret rule: which free strings are credentials, held in `cpaas_runtime::Secret` by the
//! generated code (its `Debug` and `Display` print `[redacted]`), decided here and nowhere
//! else.
//!
//! A schema of type `string` is a secret when
//!
//! 1. the spec marks it: `format: password`, `writeOnly: true`, or the extension
//!    `x-cpaas-secret: true` (an overlay can add it); `x-cpaas-secret: false` unmarks it and
//!    overrides everything else, the name rule included; or
//! 2. its wire name says so ([`is_secret_name`]): the name's words (split at `_`, `-`, spaces and
//!    case changes, compared lower case) end with one of [`LAST_WORDS`] (`secret`, `…_token`,
//!    `…_password`, `…_jwt`, `…_credential`, `apikey`) or [`LAST_PAIRS`] (`api_key`,
//!    `…_private_key`, `…_secret_key`, `…_access_key`) and contain no word of
//!    [`NOT_CREDENTIAL`] (pagination and sync cursors: `page_token`,
//!    `next_token`, `sync_token`, `idempotency_token` are not credentials). So `token_type`,
//!    `token_id`, `secret_sid`, `ttl`, `*_url` and counts are not secrets.
//!
//! Only *free* strings are secrets: enums (a closed set of values is no credential) and
//! formatted strings (`uuid`, `date-time`, `uri` …) keep their types, and a mark on a
//! non-string schema is ignored (lowering warns about an `x-cpaas-secret: true` it cannot
//! honour). A body has no wire name: a text or string body is a secret when its schema is
//! marked, or when the name rule matches its schema's `title` or its response's description
//! when that description is a short name rather than a sentence (Telnyx documents its JWT
//! answer as `description: JWT`).
//!
//! A leaf of `lower`: it reads JSON and rewrites [`TypeRef`]s; the callers (fields and
//! parameters in `schema` and `operation`, bodies in `operation`) say which name and schemas
//! a string was described with.

use serde_json::{Map, Value};

use crate::ir::TypeRef;
use crate::naming::words;

/// The extension that marks (`true`) or unmarks (`false`) a string as a secret.
pub const EXTENSION: &str = "x-cpaas-secret";

/// Last words that make a name a credential (`sip_password`, `push_secret`, `bearer_token`).
pub const LAST_WORDS: &[&str] = &[
    "secret",
    "token",
    "password",
    "passwd",
    "passphrase",
    "jwt",
    "credential",
    "apikey",
    "privatekey",
];

/// Last two words that make a name a credential (`push_private_key`, `aws_secret_key`).
pub const LAST_PAIRS: &[[&str; 2]] = &[
    ["api", "key"],
    ["private", "key"],
    ["secret", "key"],
    ["access", "key"],
    ["signing", "key"],
];

/// Words that make a `…_token` name a cursor rather than a credential (`page_token`,
/// `next_page_token`, `continuation_token`, `sync_token`, `idempotency_token`).
pub const NOT_CREDENTIAL: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "cursor",
    "continuation",
    "pagination",
    "sync",
    "idempotency",
    "resume",
];

/// Whether the name rule makes a string of this wire name a secret (see the module docs).
pub fn is_secret_name(wire: &str) -> bool {
    let w: Vec<String> = words(wire).iter().map(|w| w.to_lowercase()).collect();
    let Some(last) = w.last() else {
        return false;
    };
    if w.iter().any(|x| NOT_CREDENTIAL.contains(&x.as_str())) {
        return false;
    }
    let pair = match w.as_slice() {
        [.., a, b] => LAST_PAIRS.iter().any(|p| p[0] == a && p[1] == b),
        _ => false,
    };
    pair || LAST_WORDS.contains(&last.as_str())
}

/// What a schema (or a parameter object) says itself: `Some(false)` for
/// `x-cpaas-secret: false`; `Some(true)` for `x-cpaas-secret: true`, `format: password` or
/// `writeOnly: true`; `None` when it says nothing.
pub fn marked(schema: &Value) -> Option<bool> {
    schema.as_object().and_then(marked_in)
}

/// [`marked`] for a schema already read as an object.
pub fn marked_in(schema: &Map<String, Value>) -> Option<bool> {
    if let Some(Value::Bool(b)) = schema.get(EXTENSION) {
        return Some(*b);
    }
    let password = schema.get("format").and_then(Value::as_str) == Some("password");
    let write_only = schema.get("writeOnly") == Some(&Value::Bool(true));
    (password || write_only).then_some(true)
}

/// The rule: whether a free string described by `schemas` (as written, then what `$ref`s
/// resolve to) and named `name` (its wire name, when it has one) is a secret. An unmark
/// anywhere wins, then a mark anywhere, then the name.
pub fn is_secret(name: Option<&str>, schemas: &[&Value]) -> bool {
    let marks: Vec<bool> = schemas.iter().filter_map(|s| marked(s)).collect();
    if marks.contains(&false) {
        return false;
    }
    marks.contains(&true) || name.is_some_and(is_secret_name)
}

/// Whether `schema` asks for a secret with `x-cpaas-secret: true` although `ty`, the type it
/// was lowered to, is no free string (an enum, a number, a formatted string …): the mark
/// cannot be honoured, and lowering says so.
pub fn mark_ignored(schema: &Map<String, Value>, ty: &TypeRef) -> bool {
    schema.get(EXTENSION) == Some(&Value::Bool(true))
        && !matches!(ty.strip_nullable().0, TypeRef::String | TypeRef::Secret)
}

/// `ty` decided again by the rule when it is a free string (`String` or `Secret`, possibly
/// nullable): `Secret` when [`is_secret`], else `String`. Any other type is returned as it
/// is.
pub fn decide(ty: TypeRef, name: Option<&str>, schemas: &[&Value]) -> TypeRef {
    match ty {
        TypeRef::String | TypeRef::Secret => {
            if is_secret(name, schemas) {
                TypeRef::Secret
            } else {
                TypeRef::String
            }
        }
        TypeRef::Nullable(inner) if matches!(*inner, TypeRef::String | TypeRef::Secret) => {
            TypeRef::Nullable(Box::new(decide(*inner, name, schemas)))
        }
        other => other,
    }
}

/// The name a body goes by for the name rule: its schema's `title`, else its description
/// when that is a short name (at most three words, no sentence punctuation) rather than a
/// sentence.
pub fn body_name<'a>(schema: &'a Value, description: Option<&'a str>) -> Option<&'a str> {
    if let Some(title) = schema.get("title").and_then(Value::as_str) {
        return Some(title);
    }
    let d = description?.trim();
    let short = d.split_whitespace().count() <= 3 && !d.contains(['.', ',', ':', ';', '(']);
    short.then_some(d)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn credential_names_are_secrets() {
        for name in [
            "secret",
            "Secret",
            "token",
            "password",
            "credential",
            "jwt",
            "JWT",
            "PrivateKey",
            "private_key",
            "privatekey",
            "ApiKey",
            "api-key",
            "API_KEY",
            "apikey",
            "auth_token",
            "AuthToken",
            "accessToken",
            "refresh_token",
            "client_secret",
            "clientSecret",
            "sip_password",
            "push_secret",
            "bearer-token",
            "push_private_key",
            "aws_secret_key",
            "webhook_signing_key",
        ] {
            assert!(is_secret_name(name), "{name} should be a secret");
        }
    }

    #[test]
    fn other_names_are_not() {
        for name in [
            "token_type",
            "TokenType",
            "ttl",
            "token_id",
            "TokenId",
            "secret_sid",
            "SecretSid",
            "token_url",
            "secret_url",
            "token_count",
            "tokens",
            "key",
            "sid",
            "friendly_name",
            "username",
            "certificate",
            "Certificate",
            "PageToken",
            "page_token",
            "next_page_token",
            "NextToken",
            "continuation_token",
            "sync_token",
            "idempotency_token",
            "password_required",
            "secret_expires_at",
            "",
            "_",
        ] {
            assert!(!is_secret_name(name), "{name} should not be a secret");
        }
    }

    #[test]
    fn spec_marks_and_unmarks() {
        assert_eq!(
            marked(&json!({"type": "string", "format": "password"})),
            Some(true)
        );
        assert_eq!(
            marked(&json!({"type": "string", "writeOnly": true})),
            Some(true)
        );
        assert_eq!(
            marked(&json!({"type": "string", "x-cpaas-secret": true})),
            Some(true)
        );
        assert_eq!(
            marked(&json!({"type": "string", "x-cpaas-secret": false})),
            Some(false)
        );
        assert_eq!(marked(&json!({"type": "string", "writeOnly": false})), None);
        assert_eq!(marked(&json!({"type": "string"})), None);
        // An unmark overrides a format and the name, wherever it is among the schemas.
        let unmarked = json!({"type": "string", "format": "password", "x-cpaas-secret": false});
        assert!(!is_secret(Some("password"), &[&unmarked]));
        let target = json!({"type": "string"});
        let beside_ref = json!({"$ref": "#/x", "x-cpaas-secret": false});
        assert!(!is_secret(Some("token"), &[&beside_ref, &target]));
        // A mark makes any name a secret; no mark leaves it to the name.
        let marked_plain = json!({"type": "string", "x-cpaas-secret": true});
        assert!(is_secret(Some("value"), &[&marked_plain]));
        assert!(is_secret(Some("token"), &[&target]));
        assert!(!is_secret(Some("value"), &[&target]));
        assert!(!is_secret(None, &[&target]));
    }

    #[test]
    fn only_free_strings_change() {
        let plain = json!({"type": "string"});
        assert_eq!(
            decide(TypeRef::String, Some("secret"), &[&plain]),
            TypeRef::Secret
        );
        assert_eq!(
            decide(
                TypeRef::Nullable(Box::new(TypeRef::String)),
                Some("secret"),
                &[&plain]
            ),
            TypeRef::Nullable(Box::new(TypeRef::Secret))
        );
        let off = json!({"type": "string", "x-cpaas-secret": false});
        assert_eq!(
            decide(TypeRef::Secret, Some("secret"), &[&off]),
            TypeRef::String
        );
        for kept in [
            TypeRef::Uuid,
            TypeRef::Uri,
            TypeRef::Named(0),
            TypeRef::Integer(64),
        ] {
            assert_eq!(decide(kept.clone(), Some("token"), &[&plain]), kept);
        }
    }

    #[test]
    fn bodies_go_by_title_or_a_short_description() {
        let s = json!({"type": "string"});
        assert_eq!(body_name(&s, Some("JWT")), Some("JWT"));
        assert_eq!(
            body_name(&s, Some("Resource not Found")),
            Some("Resource not Found")
        );
        assert_eq!(body_name(&s, Some("Returns the token. Keep it safe")), None);
        assert_eq!(
            body_name(&json!({"title": "ApiKey"}), Some("long text here, yes")),
            Some("ApiKey")
        );
        assert!(is_secret(body_name(&s, Some("JWT")), &[&s]));
        assert!(!is_secret(body_name(&s, Some("Resource not Found")), &[&s]));
        assert!(!is_secret(body_name(&s, None), &[&s]));
    }
}
