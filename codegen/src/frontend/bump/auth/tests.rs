//! Unit tests of the evidence rules: each rule on its own, and how names and samples combine.

use serde_json::json;

use super::{Named, SchemeType, entry, from_curl, from_prose, resolve};

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn key(location: &'static str, name: &str) -> SchemeType {
    SchemeType::ApiKey {
        location,
        name: name.into(),
    }
}

#[test]
fn curl_user_is_basic_and_bearer_flags_are_bearer() {
    assert_eq!(from_curl(&words("--user u:p")), vec![SchemeType::Basic]);
    assert_eq!(from_curl(&words("-u u:p")), vec![SchemeType::Basic]);
    assert_eq!(from_curl(&words("-uu:p")), vec![SchemeType::Basic]);
    assert_eq!(from_curl(&words("--user=u:p")), vec![SchemeType::Basic]);
    assert_eq!(
        from_curl(&words("--oauth2-bearer t")),
        vec![SchemeType::Bearer]
    );
    // A flag with no value shows nothing; `--url` is not `-u`.
    assert_eq!(from_curl(&words("--user")), vec![]);
    assert_eq!(from_curl(&words("--url https://x/a")), vec![]);
}

#[test]
fn curl_authorization_headers_show_their_scheme() {
    let w = vec![
        "--header".to_string(),
        "Authorization: Bearer $TOKEN".to_string(),
        "-H".to_string(),
        "authorization: basic abc=".to_string(),
        "--header".to_string(),
        "Content-Type: application/json".to_string(),
        "--header".to_string(),
        "Authorization: Digest x".to_string(),
    ];
    assert_eq!(from_curl(&w), vec![SchemeType::Bearer, SchemeType::Basic]);
}

#[test]
fn prose_samples_and_written_out_headers() {
    assert_eq!(
        from_prose("Call it: ```curl -X POST https://x/a -u SID:TOKEN``` and see."),
        vec![SchemeType::Basic]
    );
    assert_eq!(
        from_prose("Send `Authorization: Bearer <token>` with every call."),
        vec![SchemeType::Bearer]
    );
    // A whitespace-collapsed page: the line continuation `\` reads `\ `.
    assert_eq!(
        from_prose("``` curl -X POST https://x/a \\ -u \"$SID:$TOKEN\" ```"),
        vec![SchemeType::Basic]
    );
    // A fence ends the command: a `-u` after it is not curl's.
    assert_eq!(
        from_prose("```curl https://x/a``` then run ls -u x"),
        vec![]
    );
    // Prose about authorization, a name like "Basic auth", `libcurl`: no evidence.
    assert_eq!(
        from_prose("Authorization: see the guide. Basic auth. libcurl -u x"),
        vec![]
    );
}

#[test]
fn entries_name_the_method_and_may_say_where_a_key_goes() {
    let e = entry("Account sid auth token", "", ()).unwrap();
    assert_eq!((e.name.as_str(), e.ty), ("Account sid auth token", None));
    // A name is not evidence, even one that reads like a type.
    assert_eq!(entry("Bearer auth", "", ()).unwrap().ty, None);
    assert_eq!(
        entry("Api key (header `X-API-Key`)", "", ()).unwrap().ty,
        Some(key("header", "X-API-Key"))
    );
    let e = entry("Api key: `api_key` query parameter", "", ()).unwrap();
    assert_eq!(e.name, "Api key");
    assert_eq!(e.ty, Some(key("query", "api_key")));
    assert_eq!(
        entry("Token (query parameter: token)", "", ()).unwrap().ty,
        Some(key("query", "token"))
    );
    assert_eq!(
        entry("Session (cookie `sid`)", "", ()).unwrap().ty,
        Some(key("cookie", "sid"))
    );
    // A location word without a name in backticks or after a colon says nothing.
    assert_eq!(entry("Key (sent in a header)", "", ()).unwrap().ty, None);
    assert_eq!(
        entry("Legacy (Authorization: Basic)", "", ()).unwrap().ty,
        Some(SchemeType::Basic)
    );
    assert!(entry("  ", "", ()).is_none());
}

fn named(name: &str, ty: Option<SchemeType>) -> Named<usize> {
    Named {
        name: name.into(),
        ty,
        at: 7,
    }
}

#[test]
fn one_untyped_name_takes_the_one_sample_type() {
    let (s, u) = resolve(
        vec![named("Account sid auth token", None)],
        &[SchemeType::Basic],
    );
    assert!(u.is_empty());
    assert_eq!(
        s,
        vec![(
            "accountSidAuthToken".to_string(),
            json!({"type": "http", "scheme": "basic", "description": "Account sid auth token"})
        )]
    );
}

#[test]
fn a_name_without_evidence_stays_untyped_with_a_message() {
    let (s, u) = resolve(vec![named("Account sid auth token", None)], &[]);
    assert_eq!(
        s[0].1,
        json!({"x-cpaas-scheme-type-unknown": true, "description": "Account sid auth token"})
    );
    assert_eq!(u.len(), 1);
    assert_eq!((u[0].key.as_str(), u[0].at), ("accountSidAuthToken", 7));
    assert!(u[0].message.contains("overlay"), "{}", u[0].message);
}

#[test]
fn a_name_listed_twice_is_one_method_the_sample_can_type() {
    let (s, u) = resolve(
        vec![named("Token", None), named("Token", None)],
        &[SchemeType::Bearer],
    );
    assert!(u.is_empty());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].1["scheme"], "bearer");
}

#[test]
fn samples_that_cannot_be_attributed_leave_names_untyped() {
    let (s, u) = resolve(
        vec![named("First", None), named("Second", None)],
        &[SchemeType::Basic],
    );
    assert_eq!(s.len(), 2);
    assert_eq!(u.len(), 2);
    assert!(u[0].message.contains("HTTP basic"), "{}", u[0].message);
}

#[test]
fn several_alternatives_stay_alternatives() {
    // No names: every sample type is one alternative.
    let (s, u) = resolve::<()>(Vec::new(), &[SchemeType::Basic, SchemeType::Bearer]);
    assert!(u.is_empty());
    let keys: Vec<&str> = s.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["basicAuth", "bearerAuth"]);
    // A typed name claims its type; the other sample type is an alternative of its own.
    let (s, u) = resolve(
        vec![named("Api key", Some(key("header", "X-Key")))],
        &[key("header", "X-Key"), SchemeType::Bearer],
    );
    assert!(u.is_empty());
    assert_eq!(
        s,
        vec![
            (
                "apiKey".to_string(),
                json!({"type": "apiKey", "in": "header", "name": "X-Key", "description": "Api key"})
            ),
            (
                "bearerAuth".to_string(),
                json!({"type": "http", "scheme": "bearer"})
            ),
        ]
    );
}

#[test]
fn curl_api_keys_are_credential_names_holding_placeholders() {
    let h = |s: &str| vec!["--header".to_string(), s.to_string()];
    assert_eq!(
        from_curl(&h("X-API-Key: $API_KEY")),
        vec![key("header", "X-API-Key")]
    );
    assert_eq!(
        from_curl(&h("X-Auth-Token: <token>")),
        vec![key("header", "X-Auth-Token")]
    );
    // A literal value is a documented parameter's example; a cursor or idempotency key is no
    // credential; `Authorization` is typed by its scheme, not as a key.
    assert_eq!(from_curl(&h("X-API-Key: abc123")), vec![]);
    assert_eq!(from_curl(&h("Idempotency-Key: $KEY")), vec![]);
    assert_eq!(from_curl(&h("Authorization: $TOKEN")), vec![]);
    assert_eq!(
        from_curl(&words("--request GET https://x/a?page=2&api_key=$API_KEY")),
        vec![key("query", "api_key")]
    );
}
