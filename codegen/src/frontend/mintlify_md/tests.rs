use serde_json::{Value, json};

use super::recover;
use crate::diag::Diagnostic;

use crate::frontend::read_shared as shared;

fn ptr<'a>(doc: &'a Value, p: &str) -> &'a Value {
    doc.pointer(p)
        .unwrap_or_else(|| panic!("no {p} in {doc:#}"))
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code).collect()
}

#[test]
fn seed_002_variant_a() {
    let text = crate::frontend::seed("002_");
    // Through the dispatching entry point: detection by content picks this frontend.
    let (det, outcome) = crate::frontend::recover(&text).expect("seed 002 recovers");
    assert_eq!(det.format, crate::detect::Format::MintlifyMd);
    let crate::frontend::Outcome::Recovered(r) = outcome else {
        panic!("not recovered");
    };
    let doc = &r.doc;
    let op = ptr(doc, "/paths/~1telephony_credentials~1{id}~1token/post");
    assert_eq!(op["operationId"], "CreateTelephonyCredentialToken");
    assert_eq!(ptr(doc, "/servers/0/url"), "https://api.telnyx.com/v2");
    assert_eq!(ptr(doc, "/security"), &json!([{"bearerAuth": []}]));
    assert_eq!(
        ptr(doc, "/components/securitySchemes/bearerAuth"),
        &json!({"scheme": "bearer", "type": "http"})
    );
    assert_eq!(
        op["parameters"],
        json!([{"name": "id", "in": "path", "description": "Identifies the resource.",
                "required": true, "schema": {"type": "string"}}])
    );
    let ok = &op["responses"]["201"]["content"]["text/plain"]["schema"];
    assert_eq!(ok["type"], "string");
    assert!(
        ok["example"]
            .as_str()
            .is_some_and(|e| e.starts_with("eyJhbGciOiJIUzUxMiIs"))
    );
    assert_eq!(
        op["responses"]["404"],
        json!({"description": "Resource not Found"})
    );
    assert_eq!(op["x-codeSamples"].as_array().map(Vec::len), Some(7));
    assert_eq!(
        ptr(doc, "/info/x-cpaas-spec-url"),
        "https://telnyx-openapi-ng.s3.us-east-1.amazonaws.com/webrtc/sdk-client-credentials.yml"
    );
    // The operation's location is its line in the page (line 27: `    post:`).
    let line = r.locations["/paths/~1telephony_credentials~1{id}~1token/post"];
    assert_eq!(text.lines().nth(line - 1).map(str::trim), Some("post:"));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn lunary_variant_a_operation_security() {
    let Some(text) = shared("corpus/pages/mintlify_md/lunary_export-runs-data.md") else {
        return;
    };
    let r = recover(&text).expect("lunary recovers");
    let doc = &r.doc;
    assert_eq!(doc["openapi"], "3.0.0");
    assert_eq!(ptr(doc, "/servers/0/url"), "https://api.lunary.ai");
    assert_eq!(doc["security"], json!([]));
    let op = ptr(doc, "/paths/~1v1~1runs~1export/get");
    assert_eq!(op["security"], json!([{"BearerAuth": []}]));
    let names: Vec<_> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["in"].as_str().unwrap(),
                p["required"] == true,
            )
        })
        .collect();
    assert_eq!(
        names,
        [("type", "query", true), ("exportFormat", "query", true)]
    );
    assert_eq!(
        op["parameters"][1]["schema"]["enum"],
        json!(["csv", "jsonl", "ojsonl"])
    );
    assert_eq!(
        op["responses"]["200"]["content"]["application/octet-stream"]["schema"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        op["responses"]["401"],
        json!({"description": "Invalid Private Key"})
    );
    assert_eq!(
        ptr(doc, "/components/securitySchemes/BearerAuth/scheme"),
        "bearer"
    );
    assert_eq!(
        ptr(doc, "/info/x-cpaas-spec-url"),
        "https://api.lunary.ai/v1/openapi"
    );
    let line = r.locations["/paths/~1v1~1runs~1export/get"];
    assert_eq!(text.lines().nth(line - 1).map(str::trim), Some("get:"));
}

#[test]
fn laravel_forge_variant_b() {
    let Some(text) =
        shared("corpus/pages/mintlify_md/laravel-forge_delete-database-user_variantB.md")
    else {
        return;
    };
    let r = recover(&text).expect("forge recovers");
    let doc = &r.doc;
    let p = "/orgs/{organization}/servers/{server}/database/users/{databaseUser}";
    let op_ptr = format!("/paths/{}/delete", p.replace('/', "~1"));
    let op = ptr(doc, &op_ptr);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        ptr(doc, "/servers"),
        &json!([{"url": "https://forge.laravel.com/api"}])
    );
    assert_eq!(op["summary"], "Delete database user");
    assert_eq!(op["description"], "Remove a database user from the server.");
    assert!(op.get("deprecated").is_none());
    assert_eq!(
        op["parameters"],
        json!([
            {"name": "organization", "in": "path", "description": "The organization slug",
             "required": true, "schema": {"type": "string"}},
            {"name": "server", "in": "path", "description": "The server ID",
             "required": true, "schema": {"type": "integer"}},
            {"name": "databaseUser", "in": "path", "description": "The database user ID",
             "required": true, "schema": {"type": "integer"}},
        ])
    );
    assert!(op.get("requestBody").is_none());
    assert_eq!(op["security"], json!([{"oauth2": []}]));
    assert_eq!(
        ptr(doc, "/components/securitySchemes/oauth2"),
        &json!({"type": "oauth2", "flows": {}})
    );
    assert_eq!(op["responses"]["202"], json!({"description": "Accepted"}));
    for code in ["403", "404"] {
        let media = &op["responses"][code]["content"]["application/json"];
        assert_eq!(
            media["schema"],
            json!({"type": "object",
                   "properties": {"message": {"type": "string", "description": "Error overview."}},
                   "required": ["message"]})
        );
        // The generated `message: <string>` example is dropped.
        assert!(media.get("examples").is_none(), "{media}");
    }
    assert_eq!(op["responses"]["404"]["description"], "Not found");
    let c = codes(&r.diagnostics);
    assert!(c.contains(&"mintlify_md.placeholder-example"), "{c:?}");
    assert!(c.contains(&"mintlify_md.oauth2-flows-unknown"), "{c:?}");
    assert!(
        !c.contains(&"mintlify_md.unknown-key"),
        "{:?}",
        r.diagnostics
    );
    // The operation points at the `paths:` line of the block.
    assert_eq!(text.lines().nth(r.locations[&op_ptr] - 1), Some("paths:"));
    // `x-cpaas-spec-url` names the source document.
    assert_eq!(
        ptr(doc, "/info/x-cpaas-spec-url"),
        "https://forge.laravel.com/api/docs.openapi"
    );
}

/// A variant B page written for this test: two body schemas, `refIdentifier`, nested
/// `allOf` wrappers, `requiredProperties`, `enum<string>`, API keys in query and cookie, a
/// parameter with two schemas, a real and a generated example, and no spec URL.
const OWN_B: &str = r#"---
source: https://docs.example.test/api/pets/create.md
---

# Source: https://docs.example.test/api/pets/create.md

> ## Documentation Index
> Fetch the complete documentation index at: https://docs.example.test/llms.txt

# Create a pet

> Adds a pet to the store.
> Second line of the first paragraph.

> A second blockquote that is not the lede.

```bash
# not a title
```

## OpenAPI

````yaml post /stores/{store}/pets
paths:
  path: /stores/{store}/pets
  method: post
  servers:
    - url: https://{region}.example.test/v1
      variables:
        region:
          default: eu
  request:
    security:
      - title: key in query
        parameters:
          query:
            api_key:
              type: apiKey
              description: The store key.
          header: {}
          cookie: {}
      - title: session
        parameters:
          query: {}
          header: {}
          cookie:
            sid:
              type: apiKey
    parameters:
      path:
        store:
          schema:
            - type: enum<string>
              enum: [north, south]
              required: true
              description: Which store.
      query:
        since:
          schema:
            - type: string
              format: date-time
              required: false
              description: Only newer pets.
            - type: 'null'
              required: false
              description: Only newer pets.
      header:
        X-Trace:
          schema:
            - type: string
              deprecated: true
      cookie: {}
    body:
      application/json:
        schemaArray:
          - type: object
            properties:
              name:
                allOf:
                  - type: string
                    minLength: 1
              tags:
                allOf:
                  - type: array
                    items:
                      allOf:
                        - type: string
              owner:
                allOf:
                  - $ref: '#/components/schemas/Owner'
            required: true
            refIdentifier: '#/components/schemas/NewPet'
            requiredProperties:
              - name
          - type: object
            properties:
              clone_of:
                allOf:
                  - type: integer
            requiredProperties:
              - clone_of
        examples:
          example:
            value:
              name: Rex
              tags:
                - dog
  response:
    '201':
      application/json:
        schemaArray:
          - type: object
            properties:
              id:
                allOf:
                  - type: integer
              extra:
                allOf:
                  - type: any
            refIdentifier: '#/components/schemas/Pet'
            requiredProperties:
              - id
        examples:
          example:
            value:
              id: 123
              extra: <any>
        description: Created
    '204':
      _mintlify/placeholder:
        schemaArray:
          - type: any
            description: Nothing
        examples: {}
        description: Nothing
  deprecated: true
  type: path
components:
  schemas:
    Owner:
      type: object
      properties:
        email:
          type: string
      required:
        - email

````

---

> To find navigation and other pages in this documentation, fetch the llms.txt file at: https://docs.example.test/llms.txt
"#;

#[test]
fn own_variant_b_page() {
    let r = recover(OWN_B).expect("own page recovers");
    let doc = &r.doc;
    let op = ptr(doc, "/paths/~1stores~1{store}~1pets/post");
    assert_eq!(op["summary"], "Create a pet");
    assert_eq!(
        op["description"],
        "Adds a pet to the store. Second line of the first paragraph."
    );
    assert_eq!(op["deprecated"], true);
    assert!(doc["info"].get("x-cpaas-spec-url").is_none());
    assert_eq!(ptr(doc, "/servers/0/variables/region/default"), "eu");

    // Security: two alternatives, API keys in query and cookie.
    assert_eq!(
        op["security"],
        json!([{"key_in_query": []}, {"session": []}])
    );
    assert_eq!(
        ptr(doc, "/components/securitySchemes"),
        &json!({
            "key_in_query": {"type": "apiKey", "in": "query", "name": "api_key",
                             "description": "The store key."},
            "session": {"type": "apiKey", "in": "cookie", "name": "sid"},
        })
    );

    // Parameters.
    assert_eq!(
        op["parameters"][0],
        json!({"name": "store", "in": "path", "description": "Which store.", "required": true,
               "schema": {"type": "string", "enum": ["north", "south"]}})
    );
    assert_eq!(
        op["parameters"][1],
        json!({"name": "since", "in": "query", "description": "Only newer pets.",
               "schema": {"oneOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]}})
    );
    assert_eq!(
        op["parameters"][2],
        json!({"name": "X-Trace", "in": "header", "deprecated": true,
               "schema": {"type": "string"}})
    );

    // Body: two schemas → oneOf; the first moved to components under its refIdentifier.
    let rb = &op["requestBody"];
    assert_eq!(rb["required"], true);
    assert_eq!(
        rb["content"]["application/json"]["schema"],
        json!({"oneOf": [
            {"$ref": "#/components/schemas/NewPet"},
            {"type": "object", "properties": {"clone_of": {"type": "integer"}},
             "required": ["clone_of"]},
        ]})
    );
    assert_eq!(
        ptr(doc, "/components/schemas/NewPet"),
        &json!({"type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "owner": {"$ref": "#/components/schemas/Owner"}}})
    );
    // The block's own components stay.
    assert_eq!(
        ptr(doc, "/components/schemas/Owner/required"),
        &json!(["email"])
    );
    // A real example is kept.
    assert_eq!(
        rb["content"]["application/json"]["examples"]["example"]["value"]["name"],
        "Rex"
    );

    // Responses: `type: any` → `{}`, generated example dropped, placeholder → no content.
    let created = &op["responses"]["201"];
    assert_eq!(created["description"], "Created");
    assert_eq!(
        created["content"]["application/json"],
        json!({"schema": {"$ref": "#/components/schemas/Pet"}})
    );
    assert_eq!(
        ptr(doc, "/components/schemas/Pet"),
        &json!({"type": "object", "required": ["id"],
                "properties": {"id": {"type": "integer"}, "extra": {}}})
    );
    assert_eq!(op["responses"]["204"], json!({"description": "Nothing"}));
    let placeholder: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "mintlify_md.placeholder-example")
        .collect();
    assert_eq!(placeholder.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(
        placeholder[0].pointer.as_deref(),
        Some(
            "/paths/~1stores~1{store}~1pets/post/responses/201/content/application~1json/examples/example"
        )
    );
    assert!(placeholder[0].line > 25, "{}", placeholder[0]);
}

#[test]
fn selector_wins_over_block_and_several_schemes_in_one_entry() {
    let page = "# T\n\n## OpenAPI\n\n````yaml spec.json get /a\npaths:\n  path: /b\n  method: get\n  request:\n    security:\n      - title: both\n        parameters:\n          header:\n            X-Key:\n              type: apiKey\n            Authorization:\n              type: http\n              scheme: basic\n      - title: ''\n        parameters: {}\n  response: {}\n````\n";
    let r = recover(page).unwrap();
    let op = ptr(&r.doc, "/paths/~1a/get");
    assert_eq!(
        op["security"],
        json!([{"both_X-Key": [], "both_Authorization": []}, {}])
    );
    assert_eq!(
        ptr(&r.doc, "/components/securitySchemes/both_Authorization"),
        &json!({"type": "http", "scheme": "basic"})
    );
    let d = &r.diagnostics[0];
    assert_eq!(d.code, "mintlify_md.selector-mismatch");
    assert_eq!(d.line, 6);
}

#[test]
fn variant_a_keeps_only_the_selected_operation() {
    let page = "# List\n\n## OpenAPI\n\n````yaml s.yml GET /a\nopenapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    parameters: []\n    get: {responses: {'200': {description: ok}}}\n    post: {responses: {'200': {description: ok}}}\n  /b:\n    get: {responses: {'200': {description: ok}}}\n````\n";
    let r = recover(page).unwrap();
    assert_eq!(
        r.doc["paths"],
        json!({"/a": {"parameters": [], "get": {"responses": {"200": {"description": "ok"}}}}})
    );
    assert_eq!(r.locations.get("/paths/~1a/get"), Some(&11));
    assert!(!r.locations.contains_key("/paths/~1a/post"));
    assert!(!r.locations.contains_key("/paths/~1b"));
}

#[test]
fn yaml_error_points_into_the_page() {
    let page = "# T\n\nsome text\n\n## OpenAPI\n\n````yaml s.yml get /a\nopenapi: 3.1.0\npaths:\n  /a:\n    get: [1, 2\n  /b: x\n````\n";
    let e = recover(page).unwrap_err();
    assert_eq!(e.code, "yaml.syntax");
    assert!(e.is_error());
    // The bad flow sequence is on page line 11 (block line 4); the parser notices at 11 or 12.
    assert!((11..=12).contains(&e.line), "{e}");
}

#[test]
fn unclosed_fence() {
    let page = "# T\n\n## OpenAPI\n\n````yaml s.yml get /a\nopenapi: 3.1.0\n```\n";
    let e = recover(page).unwrap_err();
    assert_eq!(e.code, "mintlify_md.unclosed-fence");
    assert_eq!((e.line, e.col), (5, 1));
}

#[test]
fn operation_missing_from_block() {
    let page = "# T\n\n## OpenAPI\n\n````yaml s.yml delete /a\nopenapi: 3.1.0\npaths:\n  /a:\n    get: {}\n````\n";
    let e = recover(page).unwrap_err();
    assert_eq!(e.code, "mintlify_md.operation-missing");
    assert_eq!(e.line, 5);
    assert!(
        e.message.contains("DELETE /a") && e.message.contains("GET /a"),
        "{e}"
    );
}

#[test]
fn collapsed_pages_are_reported() {
    let page = "# T > x ## OpenAPI ````yaml s.yml get /a openapi: 3.1.0 paths: /a: get: {} ````";
    let e = recover(page).unwrap_err();
    assert_eq!(e.code, "mintlify_md.collapsed");
    assert_eq!((e.line, e.col), (1, 20));
    // A page with line breaks whose block was collapsed onto the fence line.
    let page =
        "# T\n\n## OpenAPI\n\n````yaml s.yml get /a openapi: 3.1.0 paths: /a: get: {} ````\n";
    let e = recover(page).unwrap_err();
    assert_eq!((e.code, e.line), ("mintlify_md.collapsed", 5));
}

#[test]
fn malformed_selector_and_unknown_block() {
    let e = recover("# T\n\n## OpenAPI\n\n````yaml spec.yml\nopenapi: 3.1.0\n````\n").unwrap_err();
    assert_eq!((e.code, e.line), ("mintlify_md.info-string", 5));
    let e = recover("# T\n\n## OpenAPI\n\n````yaml get /a\nfoo: 1\n````\n").unwrap_err();
    assert_eq!((e.code, e.line), ("mintlify_md.unknown-block", 6));
    let e = recover("# T\n\n## OpenAPI\n\n````yaml get /a\n- 1\n````\n").unwrap_err();
    assert_eq!(e.code, "mintlify_md.block-not-mapping");
    let e = recover("# T\nno block here\n").unwrap_err();
    assert_eq!(e.code, "mintlify_md.no-block");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let deep = format!(
        "# T\n\n````yaml get /a\npaths:\n  path: /a\n  method: get\n  response:\n    '200':\n      application/json:\n        schemaArray:\n          - {}\n````\n",
        "{items: ".repeat(110) + &"}".repeat(110)
    );
    let r = recover(&deep).unwrap();
    assert!(codes(&r.diagnostics).contains(&"mintlify_md.schema-too-deep"));
    for page in [
        "",
        "\n",
        "````yaml get /a\n",
        "````yaml get /a\n````\n",
        "---\n# T\n````yaml get /a\npaths: {path: 1, method: get, request: 5, response: [1]}\n````\n",
        "````yaml get /a\npaths: {method: get, request: {parameters: {path: {x: 1}, query: 3}, security: [1, {parameters: {header: {A: {type: foo}}}}]}, response: {'200': 7}}\n````\n",
        "````yaml get /a\nopenapi: 3.1.0\npaths: 1\n````\n",
    ] {
        let _ = recover(page);
    }
}
