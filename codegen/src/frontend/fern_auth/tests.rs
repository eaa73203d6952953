//! A Fern page whose API allows basic or bearer: the injected `Authorization` header describes
//! basic only; both are kept.

use serde_json::json;

/// A Fern page (line breaks kept) embedding a one-endpoint document with `schemes` and an
/// injected `Authorization` header described as `header_desc`.
fn page(schemes: &str, header_desc: &str) -> String {
    format!(
        "# Create token\n\nPOST https://api.example.com/tokens\n\nReference: \
         https://docs.example.com/create-token\n\n## OpenAPI Specification\n\n```yaml\n\
         openapi: 3.1.0\ninfo:\n  title: API\n  version: 1.0.0\npaths:\n  /tokens:\n    post:\n      \
         operationId: create-token\n      summary: Create token\n      parameters:\n        \
         - name: Authorization\n          in: header\n          description: {header_desc}\n          \
         required: true\n          schema:\n            type: string\n      responses:\n        \
         '204':\n          description: Created\nservers:\n  - url: https://api.example.com\n\
         components:\n  securitySchemes:\n{schemes}```\n\n## SDK Code Examples\n\n```python\n\
         import requests\n```\n"
    )
}

const BOTH: &str = "    basic:\n      type: http\n      scheme: basic\n      description: Basic \
                    authentication\n    bearer:\n      type: http\n      scheme: bearer\n      \
                    description: Bearer authentication\n";

#[test]
fn both_http_schemes_are_kept_as_alternatives_with_a_warning() {
    let (_, out) = crate::frontend::recover(&page(BOTH, "Basic authentication")).unwrap();
    let crate::frontend::Outcome::Recovered(r) = out else {
        panic!("recovered")
    };
    assert_eq!(r.doc["security"], json!([{"basic": []}, {"bearer": []}]));
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "fern.auth-alternatives")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.diagnostics);
    assert!(w[0].message.contains("describes `basic` only"));
    assert!(w[0].message.contains("also hold `bearer`"));
}

#[test]
fn an_api_key_scheme_is_not_an_alternative_of_the_authorization_header() {
    let schemes = "    basic:\n      type: http\n      scheme: basic\n      description: Basic \
                   authentication\n    key:\n      type: apiKey\n      in: header\n      \
                   name: X-Key\n";
    let (_, out) = crate::frontend::recover(&page(schemes, "Basic authentication")).unwrap();
    let crate::frontend::Outcome::Recovered(r) = out else {
        panic!("recovered")
    };
    assert_eq!(r.doc["security"], json!([{"basic": []}]));
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.code != "fern.auth-alternatives")
    );
}
