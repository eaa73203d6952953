use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderValue};

use super::base_url::{redact_userinfo, resolve_base_url};
use super::retry::{RetryPolicy, retry_after};
use crate::config::ApiInfo;

static API: ApiInfo = ApiInfo {
    provider: "p",
    api: "a",
    base_url: "https://{space}.example.com/api/",
    server_variables: &[crate::ServerVariable {
        name: "space",
        default: None,
        env: Some("CPAAS_RUNTIME_UNIT_TEST_SPACE_UNSET"),
    }],
};

#[test]
fn retry_after_forms() {
    let mut h = HeaderMap::new();
    h.insert("retry-after", HeaderValue::from_static("2"));
    assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
    h.insert(
        "retry-after",
        HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
    );
    assert_eq!(retry_after(&h), Some(Duration::ZERO));
    let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
    h.insert("retry-after", HeaderValue::from_str(&future).unwrap());
    let d = retry_after(&h).unwrap();
    assert!(
        d > Duration::from_secs(110) && d <= Duration::from_secs(120),
        "{d:?}"
    );
    h.insert("retry-after", HeaderValue::from_static("soon"));
    assert_eq!(retry_after(&h), None);
    h.insert("retry-after-ms", HeaderValue::from_static("250"));
    assert_eq!(retry_after(&h), Some(Duration::from_millis(250)));
}

#[test]
fn backoff_doubles_and_caps() {
    let p = RetryPolicy::default();
    assert_eq!(p.backoff(1), Duration::from_millis(500));
    assert_eq!(p.backoff(2), Duration::from_secs(1));
    assert_eq!(p.backoff(5), Duration::from_secs(8));
    assert_eq!(p.backoff(100), Duration::from_secs(8));
    for _ in 0..100 {
        assert!(p.wait(3) <= Duration::from_secs(2));
    }
}

#[test]
fn base_url_resolution() {
    let mut vars = HashMap::new();
    let err = resolve_base_url(API.base_url, &API, &vars).unwrap_err();
    assert!(
        err.to_string()
            .contains("CPAAS_RUNTIME_UNIT_TEST_SPACE_UNSET"),
        "{err}"
    );
    vars.insert("space".to_owned(), "acme".to_owned());
    assert_eq!(
        resolve_base_url(API.base_url, &API, &vars).unwrap(),
        "https://acme.example.com/api"
    );
    let err = resolve_base_url("https://u:hunter2@h.example/x", &API, &vars).unwrap_err();
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert!(resolve_base_url("ftp://h.example", &API, &vars).is_err());
    assert!(resolve_base_url("https://h.example/{other}", &API, &vars).is_err());
    assert!(resolve_base_url("https://h.example/{open", &API, &vars).is_err());
    assert!(resolve_base_url("/relative", &API, &vars).is_err());
}

#[test]
fn redacts_userinfo() {
    assert_eq!(
        redact_userinfo("https://a:b@h/x@y"),
        "https://[redacted]@h/x@y"
    );
    assert_eq!(redact_userinfo("https://h/x@y"), "https://h/x@y");
}
