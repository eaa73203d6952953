//! Unit tests of the Markdown reader: collapsed and un-collapsed pages, items versus bold prose,
//! nesting, seed 003, located errors and arbitrary input.

use serde_json::{Map, Value, json};

use super::recover;

fn doc(t: &str) -> Value {
    match recover(t) {
        Ok(r) => r.doc,
        Err(e) => panic!("{e}"),
    }
}

const PAGE: &str = "# Create widget\n\n**POST /v1/Widgets/{Sid}**\n\nCreate widget\n\nWidgets.\n\n\
## Servers\n\n- Production: https://api.example.com ()\n\n## Authentication methods\n\n\
- Account sid auth token\n\n## Parameters\n\n### Path parameters\n\n- **Sid** (string)\n  The sid.\n\n\
### Query parameters\n\n- **Page** (integer(int32) | null)\n  **Note that** pages start at 0.\n\n\
### Body: application/x-www-form-urlencoded (object)\n\n- **Name** (string)\n  A name. **Note that it is (short)**.\n\
- **Tags** (array[string])\n  Tags.\n\n## Responses\n\n### 201\nCreated\n\n#### Headers\n\n\
- **X-Rate** (integer)\n  Rate.\n\n#### Body: application/json (object)\n\n\
- **created** (string(date-time-rfc-2822) | null)\n  When.\n\n### 404\nNot found\n\n\
[Powered by Bump.sh](https://bump.sh)\n";

#[test]
fn collapsed_and_uncollapsed_pages_read_the_same() {
    let collapsed = PAGE.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!collapsed.contains('\n'));
    let a = doc(PAGE);
    let b = doc(&collapsed);
    assert_eq!(a, b);
    let op = &a["paths"]["/v1/Widgets/{Sid}"]["post"];
    assert_eq!(op["summary"], "Create widget");
    assert_eq!(op["description"], "Create widget");
    assert_eq!(a["paths"]["/v1/Widgets/{Sid}"]["description"], "Widgets.");
    assert_eq!(
        a["servers"],
        json!([{"url": "https://api.example.com", "description": "Production"}])
    );
    assert_eq!(
        op["parameters"][1]["schema"],
        json!({"type": ["integer", "null"], "format": "int32"})
    );
    assert_eq!(op["parameters"][0]["required"], true);
    assert_eq!(op["parameters"][1]["x-cpaas-required-unknown"], true);
    let body = &op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
    assert_eq!(body["x-cpaas-required-unknown"], true);
    assert_eq!(
        body["properties"]["Tags"],
        json!({"type": "array", "items": {"type": "string"}, "description": "Tags."})
    );
    let r = &op["responses"]["201"];
    assert_eq!(r["description"], "Created");
    assert_eq!(
        r["content"]["application/json"]["schema"]["properties"]["created"]["format"],
        "date-time-rfc-2822"
    );
    assert_eq!(op["responses"]["404"]["description"], "Not found");
    assert_eq!(op["security"], json!([{"accountSidAuthToken": []}]));
    assert!(op.get("operationId").is_none());
}

#[test]
fn bold_prose_is_not_an_item() {
    let d = doc(PAGE);
    let body = &d["paths"]["/v1/Widgets/{Sid}"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
        ["schema"]["properties"];
    assert_eq!(
        body.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["Name".to_string(), "Tags".to_string()])
    );
    assert_eq!(
        body["Name"]["description"],
        "A name. **Note that it is (short)**."
    );
    // Even in item position, a bold word whose parentheses hold no type is prose.
    let t = "# T **GET /a** ## Responses ### 200 OK #### Body: application/json (object) \
             - **id** (string) The id. - **Note** (see below) this is prose. \
             [Powered by Bump.sh](https://bump.sh)";
    let d = doc(t);
    let s = &d["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(s["properties"].as_object().map(Map::len), Some(1));
    assert_eq!(
        s["properties"]["id"]["description"],
        "The id. - **Note** (see below) this is prose."
    );
}

#[test]
fn nesting_follows_indentation_unless_collapsed() {
    let t = "# T\n**GET /a**\n## Responses\n### 200\nOK\n#### Body: application/json (object)\n\
- **meta** (object)\n  Paging.\n  - **page** (integer)\n    Page.\n- **items** (array[object])\n  \
- **id** (string)\n[Powered by Bump.sh](https://bump.sh)";
    let nested = doc(t);
    let s =
        &nested["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(
        s["properties"]["meta"]["properties"]["page"]["type"],
        "integer"
    );
    assert_eq!(
        s["properties"]["items"]["items"]["properties"]["id"]["type"],
        "string"
    );
    let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let r = recover(&collapsed).map_err(|e| e.to_string());
    let Ok(r) = r else { panic!("{r:?}") };
    let s =
        &r.doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let keys: Vec<&String> = s["properties"]
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["meta", "page", "items", "id"]);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "bump_md.nesting-unknown")
    );
}

#[test]
fn seed_003() {
    let t = crate::frontend::seed("003_");
    let r = match recover(&t) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let op = &r.doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Keys.json"]["post"];
    assert_eq!(op["summary"], "Create new key");
    // The text after the method line does not repeat the title: the operation's, read without
    // a warning (its owner does not reach the generated code).
    assert_eq!(op["description"], "API keys");
    assert!(
        r.doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Keys.json"]
            .get("description")
            .is_none()
    );
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.code.contains("description")),
        "{:?}",
        r.diagnostics
    );
    let s = &op["responses"]["201"]["content"]["application/json"]["schema"];
    assert_eq!(s["properties"].as_object().map(Map::len), Some(5));
    assert!(
        s["properties"]["secret"]["description"]
            .as_str()
            .is_some_and(|d| d.ends_with("first created.**"))
    );
    assert_eq!(
        s["properties"]["date_created"],
        json!({"type": ["string", "null"], "format": "date-time-rfc-2822",
               "description": "The date and time in GMT that the API Key was created specified in [RFC 2822](https://www.ietf.org/rfc/rfc2822.txt) format."})
    );
    assert_eq!(
        op["responses"]["201"]["headers"].as_object().map(Map::len),
        Some(5)
    );
    // The page shows the method's name only: its type is left to the overlay beside the seed.
    assert_eq!(op["security"], json!([{"accountSidAuthToken": []}]));
    assert_eq!(
        r.doc["components"]["securitySchemes"]["accountSidAuthToken"],
        json!({"x-cpaas-scheme-type-unknown": true, "description": "Account sid auth token"})
    );
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "bump_md.auth-type-unknown")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(
        w[0].pointer.as_deref(),
        Some("/components/securitySchemes/accountSidAuthToken")
    );
    assert!(w[0].message.contains("Account sid auth token"));
    assert_eq!(
        r.locations
            .get("/paths/~12010-04-01~1Accounts~1{AccountSid}~1Keys.json/post"),
        Some(&1)
    );
}

#[test]
fn bad_input_is_a_located_error() {
    let e = recover("# Title\n\nno method here\n").err();
    assert!(
        e.as_ref()
            .is_some_and(|e| e.code == "bump_md.no-method" && e.line == 1)
    );
    let e = recover("# T **GET /a** ## Responses ### 200 OK #### Body: application/json (object) - **id** (string(uri) The id.")
        .err();
    let Some(e) = e else { panic!("accepted") };
    assert_eq!(e.code, "bump_md.type-unbalanced");
    assert_eq!((e.line, e.col), (1, 86));
    let e = recover(
        "x\n**GET /a**\n## Responses\n### 200\n#### Body: application/json (array[string)\n",
    )
    .err();
    let Some(e) = e else { panic!("accepted") };
    assert_eq!(e.code, "bump_md.bad-type");
    assert_eq!(e.line, 5);
    let e = recover("**GET /a").err();
    assert!(e.is_some_and(|e| e.code == "bump_md.method-unclosed"));
    assert!(recover("").is_err());
}

/// A page naming `methods` (already `- ` items) under `## Authentication methods`, with `desc`
/// as its description text.
fn auth_page(desc: &str, methods: &str) -> String {
    format!(
        "# T\n\n**GET /a**\n\n{desc}\n\n## Authentication methods\n\n{methods}\n\n\
         ## Responses\n\n### 204\nNo content\n\n[Powered by Bump.sh](https://bump.sh)\n"
    )
}

/// Security, schemes and the `auth-type-unknown` warnings (pointer, line) of a page.
fn schemes_and_warnings(page: &str) -> (Value, Value, Vec<(Option<String>, usize)>) {
    let Ok(r) = recover(page) else { panic!() };
    let w = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "bump_md.auth-type-unknown")
        .map(|d| (d.pointer.clone(), d.line))
        .collect();
    (
        r.doc["paths"]["/a"]["get"]["security"].clone(),
        r.doc["components"]["securitySchemes"].clone(),
        w,
    )
}

#[test]
fn names_without_evidence_get_untyped_schemes_and_a_warning_each() {
    for page in [
        auth_page("T", "- Bearer auth\n- Account sid auth token"),
        auth_page("T", "- Bearer auth - Account sid auth token")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    ] {
        let (security, schemes, warnings) = schemes_and_warnings(&page);
        assert_eq!(
            security,
            json!([{"bearerAuth": []}, {"accountSidAuthToken": []}])
        );
        // "Bearer auth" is a name, not evidence.
        assert_eq!(
            schemes["bearerAuth"],
            json!({"x-cpaas-scheme-type-unknown": true, "description": "Bearer auth"})
        );
        let pointers: Vec<_> = warnings.iter().map(|w| w.0.clone()).collect();
        assert_eq!(
            pointers,
            [
                Some("/components/securitySchemes/bearerAuth".to_string()),
                Some("/components/securitySchemes/accountSidAuthToken".to_string())
            ]
        );
    }
    // Located at the entry (line 9 of the page with line breaks).
    let (_, _, w) = schemes_and_warnings(&auth_page("T", "- Bearer auth"));
    assert_eq!(w[0].1, 9);
}

#[test]
fn a_curl_sample_in_the_description_types_the_one_name() {
    let page = auth_page(
        "T\n\n```\ncurl -X POST https://api.example.com/a \\\n  -u \"$SID:$TOKEN\"\n```",
        "- Account sid auth token",
    );
    for p in [
        page.clone(),
        page.split_whitespace().collect::<Vec<_>>().join(" "),
    ] {
        let (security, schemes, warnings) = schemes_and_warnings(&p);
        assert_eq!(security, json!([{"accountSidAuthToken": []}]));
        assert_eq!(
            schemes["accountSidAuthToken"],
            json!({"type": "http", "scheme": "basic", "description": "Account sid auth token"})
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn bearer_headers_and_key_locations_type_their_methods() {
    let (security, schemes, warnings) = schemes_and_warnings(&auth_page(
        "Send `Authorization: Bearer <token>`.",
        "- Oauth\n- Api key (header `X-API-Key`)",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(security, json!([{"oauth": []}, {"apiKey": []}]));
    assert_eq!(schemes["oauth"]["scheme"], "bearer");
    assert_eq!(
        schemes["apiKey"],
        json!({"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "Api key"})
    );
}

#[test]
fn a_sample_no_name_can_claim_leaves_names_untyped() {
    let (_, schemes, warnings) = schemes_and_warnings(&auth_page(
        "curl https://x/a --user u:p",
        "- First\n- Second",
    ));
    assert_eq!(warnings.len(), 2);
    assert_eq!(schemes["first"]["x-cpaas-scheme-type-unknown"], true);
    // No names at all: the sample is the page's one scheme.
    let Ok(r) = recover(
        "# T\n\n**GET /a**\n\nUse `curl -u u:p https://x/a`.\n\n## Responses\n\n### 204\nNo content\n",
    ) else {
        panic!()
    };
    assert_eq!(
        r.doc["paths"]["/a"]["get"]["security"],
        json!([{"basicAuth": []}])
    );
}

#[test]
fn arbitrary_input_never_panics() {
    let pieces = [
        "**GET /a**",
        "## Servers",
        "- x: y ()",
        "## Responses",
        "### 200",
        "#### Body:",
        "application/json",
        "(object)",
        "- **a** (",
        "string",
        ")",
        "(",
        "**",
        "- ",
        "é",
        "#### Headers",
        "[Powered by Bump.sh](https://bump.sh)",
        "\n",
        "  ",
    ];
    let mut seed = 7u64;
    for _ in 0..2000 {
        let mut t = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            t.push(' ');
        }
        let _ = recover(&t);
    }
}

#[test]
fn media_type_parameters_and_untyped_bodies_with_fields() {
    let page = "# Get\n\n**GET /a**\n\n## Responses\n\n### 200\nOK\n\n\
#### Body: application/json; charset=utf-8 ()\n\n- **id** (string)\n- **tags** (array)\n  - **name** (string)\n\n\
[Powered by Bump.sh](https://bump.sh)\n";
    for p in [
        page.to_string(),
        page.split_whitespace().collect::<Vec<_>>().join(" "),
    ] {
        let r = recover(&p).expect("reads");
        let media = &r.doc["paths"]["/a"]["get"]["responses"]["200"]["content"];
        let schema = &media["application/json; charset=utf-8"]["schema"];
        // `()` shows no type: the fields are the untyped schema's properties.
        assert!(schema.get("type").is_none(), "{schema}");
        assert_eq!(schema["properties"]["id"]["type"], "string");
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"bump_md.children-of-scalar"), "{codes:?}");
    }
    // Lines kept: the fields under an `array` with no item type are its items'.
    let r = recover(page).expect("reads");
    let schema = &r.doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json; charset=utf-8"]
        ["schema"];
    assert_eq!(
        schema["properties"]["tags"]["items"]["properties"]["name"]["type"],
        "string"
    );
}
