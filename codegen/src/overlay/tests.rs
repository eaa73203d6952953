use serde_json::{Value, json};

use super::apply;

fn overlay(actions: &str) -> String {
    format!("overlay: 1.0.0\ninfo:\n  title: t\n  version: 1.0.0\nactions:\n{actions}")
}

/// Applies one action given as YAML lines (indented under `actions:`); returns the warnings' codes.
fn run(doc: &mut Value, actions: &str) -> Vec<&'static str> {
    apply(doc, &overlay(actions))
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|d| d.code)
        .collect()
}

fn sample() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "x", "version": "1", "contact": {"email": "a@b"}},
        "tags": [{"name": "a"}],
        "paths": {
            "/a/{id}": {
                "get": {"operationId": "getA", "tags": ["a"], "x-internal": true,
                         "parameters": [{"name": "id", "in": "path"}, {"name": "q", "in": "query"}],
                         "responses": {"200": {"description": "ok"}}},
                "post": {"operationId": "postA", "x-internal": false, "responses": {}}
            },
            "/b.json": {"get": {"operationId": "getB", "x-count": 3, "responses": {}}}
        }
    })
}

#[test]
fn deep_merge_objects_arrays_scalars() {
    let mut doc = sample();
    let codes = run(
        &mut doc,
        "  - target: $.info\n    update:\n      title: New\n      contact: {name: Me}\n      x-new: [1]\n  - target: $.paths['/a/{id}'].get\n    update:\n      tags: [b]\n      responses: {'404': {description: gone}}\n",
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(
        doc["info"],
        json!({"title": "New", "version": "1", "contact": {"email": "a@b", "name": "Me"},
               "x-new": [1]})
    );
    let get = &doc["paths"]["/a/{id}"]["get"];
    assert_eq!(get["tags"], json!(["a", "b"]));
    assert_eq!(
        get["responses"],
        json!({"200": {"description": "ok"}, "404": {"description": "gone"}})
    );
}

#[test]
fn array_targets_append_and_mismatches_warn() {
    let mut doc = sample();
    let codes = run(
        &mut doc,
        "  - target: $.tags\n    update: {name: b}\n  - target: $.tags\n    update: [{name: c}, {name: d}]\n  - target: $.info\n    update: just a string\n",
    );
    assert_eq!(codes, ["overlay.update-mismatch"]);
    assert_eq!(
        doc["tags"],
        json!([{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}])
    );
    assert_eq!(doc["info"]["title"], "x");
}

#[test]
fn remove_objects_and_array_items() {
    let mut doc = sample();
    let codes = run(
        &mut doc,
        "  - target: $.paths['/a/{id}'].post\n    remove: true\n  - target: $.paths['/a/{id}'].get.parameters[*]\n    remove: true\n  - target: $.info.contact\n    remove: true\n    update: {ignored: true}\n",
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert!(doc["paths"]["/a/{id}"].get("post").is_none());
    assert_eq!(doc["paths"]["/a/{id}"]["get"]["parameters"], json!([]));
    assert_eq!(doc["info"], json!({"title": "x", "version": "1"}));
    let codes = run(&mut doc, "  - target: $\n    remove: true\n");
    assert_eq!(codes, ["overlay.remove-root"]);
}

fn targets(doc: &Value, target: &str) -> Vec<String> {
    let path = super::jsonpath::parse_path(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
    let Ok(locs) = super::jsonpath::evaluate(doc, &path) else {
        panic!("budget");
    };
    locs.iter().map(|l| super::apply::pointer(l)).collect()
}

#[test]
fn jsonpath_forms() {
    let doc = sample();
    assert_eq!(targets(&doc, "$"), [""]);
    assert_eq!(targets(&doc, "$.info.title"), ["/info/title"]);
    assert_eq!(targets(&doc, "$['info'][\"title\"]"), ["/info/title"]);
    assert_eq!(
        targets(&doc, "$.paths['/b.json'].get"),
        ["/paths/~1b.json/get"]
    );
    assert_eq!(targets(&doc, "$.paths[\"/a/{id}\"].*.operationId").len(), 2);
    assert_eq!(
        targets(&doc, "$.paths.*[*].operationId"),
        [
            "/paths/~1a~1{id}/get/operationId",
            "/paths/~1a~1{id}/post/operationId",
            "/paths/~1b.json/get/operationId"
        ]
    );
    assert_eq!(
        targets(&doc, "$.paths['/a/{id}'].get.parameters[1].name"),
        ["/paths/~1a~1{id}/get/parameters/1/name"]
    );
    assert_eq!(
        targets(&doc, "$.paths['/a/{id}'].get.parameters[-1]"),
        ["/paths/~1a~1{id}/get/parameters/1"]
    );
    assert!(targets(&doc, "$.paths['/a/{id}'].get.parameters[2]").is_empty());
    assert_eq!(
        targets(&doc, "$..operationId"),
        [
            "/paths/~1a~1{id}/get/operationId",
            "/paths/~1a~1{id}/post/operationId",
            "/paths/~1b.json/get/operationId"
        ]
    );
    assert_eq!(
        targets(&doc, "$..['x-count']"),
        ["/paths/~1b.json/get/x-count"]
    );
    assert_eq!(targets(&doc, "$.info['title','version']").len(), 2);
    // Filters: strings, booleans, numbers, !=, existence, RFC spelling without parentheses.
    assert_eq!(
        targets(
            &doc,
            "$.paths['/a/{id}'].get.parameters[?(@.in == 'query')]"
        ),
        ["/paths/~1a~1{id}/get/parameters/1"]
    );
    assert_eq!(
        targets(&doc, "$.paths.*[?(@.x-internal == true)]"),
        ["/paths/~1a~1{id}/get"]
    );
    assert_eq!(
        targets(&doc, "$.paths.*[?@['x-internal'] != true]").len(),
        2,
        "post (false) and /b.json get (absent)"
    );
    assert_eq!(
        targets(&doc, "$.paths.*.*[?(@.x-count == 3.0)]"),
        Vec::<String>::new(),
        "filters look at children of the selected node"
    );
    assert_eq!(
        targets(&doc, "$.paths.*[?(@['x-count'] == 3)]"),
        ["/paths/~1b.json/get"]
    );
    assert_eq!(
        targets(&doc, "$..parameters[?(\"path\" == @.in)].name"),
        ["/paths/~1a~1{id}/get/parameters/0/name"]
    );
    assert_eq!(
        targets(&doc, "$.paths.*[?(@.tags)]"),
        ["/paths/~1a~1{id}/get"]
    );
}

#[test]
fn realistic_content_type_fix() {
    // The shape of seed 001: the page's header says form-urlencoded, the embedded YAML says JSON.
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "compatibility", "version": "1.0.0"},
        "paths": {"/Accounts/{AccountSid}/tokens": {"post": {
            "operationId": "create-token",
            "parameters": [
                {"name": "AccountSid", "in": "path", "required": true,
                 "schema": {"type": "string", "format": "uuid"}},
                {"name": "Authorization", "in": "header", "required": true,
                 "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/CreateTokenRequest"}}}},
            "responses": {"200": {"description": "The request has succeeded."}}}}},
        "components": {"schemas": {"CreateTokenRequest": {"type": "object"}}}
    });
    let text = r#"overlay: 1.0.0
info:
  title: SignalWire token endpoint fixes
  version: 1.0.0
actions:
  - target: $.paths['/Accounts/{AccountSid}/tokens'].post.requestBody.content
    description: The endpoint takes a form, as the page's Content-Type line says.
    update:
      application/x-www-form-urlencoded:
        schema:
          $ref: '#/components/schemas/CreateTokenRequest'
  - target: $.paths['/Accounts/{AccountSid}/tokens'].post.requestBody.content['application/json']
    remove: true
  - target: $.paths['/Accounts/{AccountSid}/tokens'].post.requestBody
    update:
      required: true
  - target: $.paths.*.post.parameters[?(@.name == 'Authorization')]
    description: Authentication is configured on the client, not passed per call.
    remove: true
"#;
    let warnings = apply(&mut doc, text).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let op = &doc["paths"]["/Accounts/{AccountSid}/tokens"]["post"];
    assert_eq!(
        op["requestBody"],
        json!({"content": {"application/x-www-form-urlencoded": {
                  "schema": {"$ref": "#/components/schemas/CreateTokenRequest"}}},
               "required": true})
    );
    let names: Vec<_> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, [json!("AccountSid")]);
}

#[test]
fn no_match_warns_with_action_index_and_line() {
    let mut doc = sample();
    let before = doc.clone();
    let w = apply(
        &mut doc,
        &overlay("  - target: $.info\n    update: {}\n  - target: $.paths['/nope'].get\n    remove: true\n"),
    )
    .unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "overlay.no-match");
    assert!(w[0].message.contains("action 1"), "{}", w[0]);
    assert_eq!(w[0].line, 8);
    assert_eq!(doc, before);
}

#[test]
fn bad_paths_are_errors_with_index_and_column() {
    let mut doc = sample();
    let before = doc.clone();
    for (target, col) in [
        ("paths", 1),
        ("$.paths['/a", 12),
        ("$.paths[?(@.in ~= 'x')]", 16),
        ("$.paths.", 9),
        ("$.paths[1", 10),
        ("$..", 4),
        ("$.paths['a\\q']", 11),
        ("$.paths[?(@.in == 'x']", 22),
    ] {
        // The first action is valid: nothing is applied when a later one is invalid.
        let text = overlay(&format!(
            "  - target: $.info\n    update: {{title: changed}}\n  - target: \"{}\"\n    remove: true\n",
            target.replace('\\', "\\\\")
        ));
        let e = apply(&mut doc, &text).unwrap_err();
        assert_eq!(e.code, "overlay.jsonpath", "{target}");
        assert!(e.message.contains("action 1"), "{e}");
        assert!(
            e.message.contains(&format!("column {col}:")),
            "{target}: {e}"
        );
        assert_eq!(e.line, 8, "{e}");
        assert_eq!(doc, before);
    }
}

#[test]
fn invalid_overlay_documents() {
    let mut doc = sample();
    let e = apply(&mut doc, "overlay: 2.0.0\ninfo: {}\nactions: []\n").unwrap_err();
    assert_eq!(e.code, "overlay.version");
    let e = apply(&mut doc, "overlay: 1.0.0\ninfo: {}\n").unwrap_err();
    assert_eq!(e.code, "overlay.actions");
    let e = apply(&mut doc, &overlay("  - remove: true\n")).unwrap_err();
    assert_eq!(e.code, "overlay.action");
    let e = apply(
        &mut doc,
        &overlay("  - target: $.x\n    remove: yes please\n"),
    )
    .unwrap_err();
    assert_eq!(e.code, "overlay.action");
    let e = apply(&mut doc, "overlay: 1.0.0\nactions: [\n").unwrap_err();
    assert_eq!(e.code, "yaml.syntax");
    // JSON overlays work too; unknown keys and missing info warn.
    let w = apply(
        &mut doc,
        r#"{"overlay": "1.0.0", "actions": [{"target": "$.info", "copy": "$.x"}]}"#,
    )
    .unwrap();
    let codes: Vec<_> = w.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "overlay.info-missing",
            "overlay.unknown-key",
            "overlay.no-op"
        ]
    );
}

#[test]
fn pathological_queries_stay_bounded() {
    // A wide document and a query that multiplies descendants: deduplication and the visit
    // budget keep it bounded.
    let wide: serde_json::Map<String, Value> = (0..300)
        .map(|i| (format!("k{i}"), json!({"a": {"b": [1, 2, 3]}})))
        .collect();
    let mut doc = Value::Object(wide);
    let start = std::time::Instant::now();
    let _ = apply(
        &mut doc,
        &overlay("  - target: $..*..*..*..*\n    update: {}\n"),
    )
    .unwrap();
    assert!(start.elapsed().as_secs() < 20);
}
