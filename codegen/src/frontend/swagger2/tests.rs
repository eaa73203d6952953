//! One test per conversion rule, on small 2.0 documents written here.

use serde_json::{Value, json};

use super::{convert, recover};
use crate::diag::Diagnostic;

/// Converts a 2.0 document given as YAML; the OpenAPI 3 document and the warnings.
fn conv(yaml: &str) -> (Value, Vec<Diagnostic>) {
    let rec = recover(yaml).unwrap_or_else(|e| panic!("{e}"));
    (rec.doc, rec.diagnostics)
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code).collect()
}

const HEAD: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\n";

#[test]
fn host_base_path_and_schemes_become_servers_https_first() {
    let (d, w) = conv(&format!(
        "{HEAD}host: api.x.io:8443\nbasePath: /v2\nschemes: [http, https]\npaths: {{}}\n"
    ));
    assert_eq!(d["openapi"], "3.0.3");
    assert_eq!(
        d["servers"],
        json!([{"url": "https://api.x.io:8443/v2"}, {"url": "http://api.x.io:8443/v2"}])
    );
    assert!(w.is_empty(), "{w:#?}");
}

#[test]
fn no_host_is_a_relative_server_and_no_schemes_assumes_https_with_a_warning() {
    let (d, _) = conv(&format!("{HEAD}basePath: /api\npaths: {{}}\n"));
    assert_eq!(d["servers"], json!([{"url": "/api"}]));
    let (d, _) = conv(&format!("{HEAD}paths: {{}}\n"));
    assert_eq!(d["servers"], json!([{"url": "/"}]));
    let (d, w) = conv(&format!("{HEAD}host: h.io\npaths: {{}}\n"));
    assert_eq!(d["servers"], json!([{"url": "https://h.io"}]));
    assert_eq!(codes(&w), ["swagger2.scheme-assumed"]);
    assert_eq!(w[0].line, 3, "{}", w[0]);
}

#[test]
fn body_parameter_becomes_request_body_per_consumed_type() {
    let (d, _) = conv(&format!(
        "{HEAD}consumes: [application/json, application/xml]\npaths:\n  /a:\n    post:\n      \
         parameters:\n        - {{name: b, in: body, required: true, description: the thing, \
         x-k: 1, schema: {{$ref: '#/definitions/A'}}}}\n      responses: {{'204': {{description: \
         ok}}}}\ndefinitions:\n  A: {{type: object}}\n"
    ));
    let rb = &d["paths"]["/a"]["post"]["requestBody"];
    let schema = json!({"$ref": "#/components/schemas/A"});
    assert_eq!(
        rb,
        &json!({"description": "the thing", "required": true, "x-k": 1, "content": {
            "application/json": {"schema": schema}, "application/xml": {"schema": schema}}})
    );
    assert!(d["paths"]["/a"]["post"].get("parameters").is_none());
}

#[test]
fn body_without_consumes_is_json_and_operation_consumes_override_global() {
    let doc = |global: &str| {
        conv(&format!(
            "{HEAD}{global}paths:\n  /a:\n    put:\n      parameters:\n        - {{name: b, in: \
             body, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n  \
             /b:\n    put:\n      consumes: [text/plain]\n      parameters:\n        - {{name: \
             b, in: body, schema: {{type: string}}}}\n      responses: {{'204': {{description: \
             ok}}}}\n"
        ))
        .0
    };
    let d = doc("");
    let keys = |d: &Value, p: &str| -> Vec<String> {
        d["paths"][p]["put"]["requestBody"]["content"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&d, "/a"), ["application/json"]);
    assert_eq!(keys(&d, "/b"), ["text/plain"]);
    let d = doc("consumes: [application/vnd.x+json]\n");
    assert_eq!(keys(&d, "/a"), ["application/vnd.x+json"]);
}

#[test]
fn form_data_becomes_an_urlencoded_object_with_required_fields() {
    let (d, w) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    post:\n      parameters:\n        - {{name: Ttl, in: formData, \
         type: integer, format: int32, required: true, minimum: 1}}\n        - {{name: Tags, in: \
         formData, type: array, items: {{type: string}}, collectionFormat: multi, description: \
         d}}\n      responses: {{'204': {{description: ok}}}}\n"
    ));
    assert!(w.is_empty(), "{w:#?}");
    assert_eq!(
        d["paths"]["/a"]["post"]["requestBody"],
        json!({"required": true, "content": {"application/x-www-form-urlencoded": {
            "schema": {"type": "object", "required": ["Ttl"], "properties": {
                "Ttl": {"type": "integer", "format": "int32", "minimum": 1},
                "Tags": {"type": "array", "items": {"type": "string"}, "description": "d"}}},
            "encoding": {"Tags": {"style": "form", "explode": true}}}}})
    );
}

#[test]
fn a_file_parameter_or_multipart_consumes_makes_multipart_with_binary_strings() {
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    post:\n      parameters:\n        - {{name: f, in: formData, \
         type: file}}\n      responses: {{'204': {{description: ok}}}}\n"
    ));
    let content = &d["paths"]["/a"]["post"]["requestBody"]["content"];
    assert_eq!(
        content["multipart/form-data"]["schema"]["properties"]["f"],
        json!({"type": "string", "format": "binary"})
    );
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    post:\n      consumes: [multipart/form-data]\n      \
         parameters:\n        - {{name: s, in: formData, type: string}}\n      responses: \
         {{'204': {{description: ok}}}}\n"
    ));
    let content = &d["paths"]["/a"]["post"]["requestBody"]["content"];
    assert!(content.get("multipart/form-data").is_some(), "{content}");
}

#[test]
fn a_delimited_form_array_is_kept_in_encoding_and_warned_about() {
    let (d, w) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    post:\n      parameters:\n        - {{name: t, in: formData, \
         type: array, items: {{type: string}}}}\n      responses: {{'204': {{description: \
         ok}}}}\n"
    ));
    let media =
        &d["paths"]["/a"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(
        media["encoding"]["t"],
        json!({"style": "form", "explode": false})
    );
    assert_eq!(codes(&w), ["swagger2.form-array-delimited"]);
}

#[test]
fn query_path_header_types_move_under_schema() {
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a/{{id}}:\n    get:\n      parameters:\n        - {{name: id, in: \
         path, required: true, type: string, pattern: '^[a-z]+$', maxLength: 9, x-e: 1}}\n        \
         - {{name: n, in: query, type: integer, default: 5, maximum: 10, exclusiveMaximum: true, \
         enum: [5, 10], allowEmptyValue: true}}\n        - {{name: X-H, in: header, type: \
         string, x-nullable: true, description: h}}\n      responses: {{'204': {{description: \
         ok}}}}\n"
    ));
    let ps = &d["paths"]["/a/{id}"]["get"]["parameters"];
    assert_eq!(
        ps[0],
        json!({"name": "id", "in": "path", "required": true, "x-e": 1,
               "schema": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 9}})
    );
    assert_eq!(
        ps[1],
        json!({"name": "n", "in": "query", "allowEmptyValue": true, "schema": {"type": "integer",
               "enum": [5, 10], "default": 5, "maximum": 10, "exclusiveMaximum": true}})
    );
    assert_eq!(
        ps[2],
        json!({"name": "X-H", "in": "header", "description": "h",
               "schema": {"type": "string", "nullable": true}})
    );
}

#[test]
fn collection_formats_become_style_and_explode() {
    let param = |loc: &str, format: &str| {
        let cf = if format.is_empty() {
            String::new()
        } else {
            format!(", collectionFormat: {format}")
        };
        let (d, w) = conv(&format!(
            "{HEAD}paths:\n  /a/{{p}}:\n    get:\n      parameters:\n        - {{name: p, in: \
             {loc}, required: true, type: array, items: {{type: integer}}{cf}}}\n      \
             responses: {{'204': {{description: ok}}}}\n"
        ));
        let p = d["paths"]["/a/{p}"]["get"]["parameters"][0].clone();
        assert_eq!(
            p["schema"],
            json!({"type": "array", "items": {"type": "integer"}})
        );
        ((p["style"].clone(), p["explode"].clone()), codes(&w))
    };
    let s = |style: &str, explode: bool| (json!(style), json!(explode));
    assert_eq!(param("query", ""), (s("form", false), vec![]));
    assert_eq!(param("query", "csv"), (s("form", false), vec![]));
    assert_eq!(param("query", "multi"), (s("form", true), vec![]));
    assert_eq!(param("query", "ssv"), (s("spaceDelimited", false), vec![]));
    assert_eq!(param("query", "pipes"), (s("pipeDelimited", false), vec![]));
    assert_eq!(
        param("query", "tsv"),
        (s("form", false), vec!["swagger2.collection-format"])
    );
    assert_eq!(param("path", "csv"), (s("simple", false), vec![]));
    assert_eq!(
        param("header", "multi"),
        (s("simple", false), vec!["swagger2.collection-format"])
    );
}

#[test]
fn the_tsv_warning_names_pointer_and_line() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - name: t\n          in: \
         query\n          type: array\n          items: {{type: string}}\n          \
         collectionFormat: tsv\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let (_, w) = conv(&text);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(
        w[0].pointer.as_deref(),
        Some("/paths/~1a/get/parameters/0/collectionFormat")
    );
    // Lines are recorded four segments deep: the operation's line at least, never 0.
    assert!(w[0].line >= 5, "{}", w[0]);
}

#[test]
fn sections_become_components_and_every_ref_moves() {
    let (d, w) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/parameters/Lim'\n      \
         responses:\n        '200': {{$ref: '#/responses/Ok'}}\nparameters:\n  Lim: {{name: \
         limit, in: query, type: integer}}\nresponses:\n  Ok:\n    description: ok\n    schema: \
         {{$ref: '#/definitions/List'}}\ndefinitions:\n  List:\n    type: array\n    items: \
         {{$ref: '#/definitions/Item'}}\n  Item:\n    type: object\n    properties:\n      next: \
         {{$ref: '#/definitions/Item'}}\n"
    ));
    assert!(w.is_empty(), "{w:#?}");
    let op = &d["paths"]["/a"]["get"];
    assert_eq!(
        op["parameters"][0],
        json!({"$ref": "#/components/parameters/Lim"})
    );
    assert_eq!(
        op["responses"]["200"],
        json!({"$ref": "#/components/responses/Ok"})
    );
    let c = &d["components"];
    assert_eq!(
        c["parameters"]["Lim"],
        json!({"name": "limit", "in": "query", "schema": {"type": "integer"}})
    );
    assert_eq!(
        c["responses"]["Ok"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/List"})
    );
    assert_eq!(
        c["schemas"]["List"]["items"],
        json!({"$ref": "#/components/schemas/Item"})
    );
    assert_eq!(
        c["schemas"]["Item"]["properties"]["next"],
        json!({"$ref": "#/components/schemas/Item"})
    );
    assert!(!d.to_string().contains("#/definitions/"), "{d}");
}

#[test]
fn a_ref_to_a_global_body_or_form_parameter_is_inlined() {
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    post:\n      parameters:\n        - $ref: '#/parameters/B'\n      \
         responses: {{'204': {{description: ok}}}}\n  /f:\n    post:\n      parameters:\n        \
         - $ref: '#/parameters/F'\n      responses: {{'204': {{description: ok}}}}\nparameters:\n  \
         B: {{name: b, in: body, required: true, schema: {{$ref: '#/definitions/X'}}}}\n  F: \
         {{name: f, in: formData, type: string, required: true}}\ndefinitions:\n  X: {{type: \
         object}}\n"
    ));
    let a = &d["paths"]["/a"]["post"];
    assert!(a.get("parameters").is_none(), "{a}");
    assert_eq!(
        a["requestBody"],
        json!({"required": true, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/X"}}}})
    );
    let f =
        &d["paths"]["/f"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(f["schema"]["required"], json!(["f"]));
    // Body and form parameters are not components.
    assert!(
        d["components"].get("parameters").is_none(),
        "{}",
        d["components"]
    );
}

#[test]
fn path_level_body_and_form_parameters_reach_each_operation_own_ones_win() {
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    parameters:\n      - {{name: s, in: formData, type: string}}\n      \
         - {{name: q, in: query, type: string}}\n    post:\n      parameters:\n        - {{name: \
         s, in: formData, type: integer}}\n      responses: {{'204': {{description: ok}}}}\n"
    ));
    let item = &d["paths"]["/a"];
    assert_eq!(item["parameters"][0]["name"], "q");
    assert_eq!(item["parameters"].as_array().unwrap().len(), 1);
    let props = &item["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
        ["properties"];
    assert_eq!(props, &json!({"s": {"type": "integer"}}));
}

#[test]
fn responses_take_produces_headers_examples_and_extensions() {
    let (d, _) = conv(&format!(
        "{HEAD}produces: [application/json, text/csv]\npaths:\n  /a:\n    get:\n      \
         responses:\n        '200':\n          description: ok\n          x-r: true\n          \
         schema: {{type: string}}\n          headers:\n            X-Rate: {{type: integer, \
         description: left}}\n          examples:\n            application/json: {{a: 1}}\n        \
         default:\n          description: err\n"
    ));
    let r = &d["paths"]["/a"]["get"]["responses"];
    assert_eq!(
        r["200"],
        json!({"description": "ok", "x-r": true,
            "headers": {"X-Rate": {"description": "left", "schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": {"type": "string"}, "example": {"a": 1}},
                        "text/csv": {"schema": {"type": "string"}}}})
    );
    assert_eq!(r["default"], json!({"description": "err"}));
    // The operation's own `produces` wins; none at all is JSON.
    let (d, _) = conv(&format!(
        "{HEAD}paths:\n  /a:\n    get:\n      produces: [text/plain]\n      responses:\n        \
         '200': {{description: ok, schema: {{type: string}}}}\n  /b:\n    get:\n      \
         responses:\n        '200': {{description: ok, schema: {{type: string}}}}\n"
    ));
    let content = |p: &str| d["paths"][p]["get"]["responses"]["200"]["content"].clone();
    assert!(content("/a").get("text/plain").is_some());
    assert!(content("/b").get("application/json").is_some());
}

#[test]
fn schemas_nullable_file_and_discriminator() {
    let (d, _) = conv(&format!(
        "{HEAD}paths: {{}}\ndefinitions:\n  Pet:\n    type: object\n    discriminator: kind\n    \
         x-keep: 1\n    properties:\n      kind: {{type: string}}\n      photo: {{type: file}}\n      \
         owner: {{$ref: '#/definitions/Owner', x-nullable: true}}\n      tags:\n        type: \
         array\n        items: {{type: string, x-nullable: true}}\n        example: [{{x-nullable: \
         1}}]\n  Owner:\n    allOf:\n      - $ref: '#/definitions/Pet'\n      - {{additionalProperties: \
         {{type: string, x-nullable: true}}}}\n"
    ));
    let s = &d["components"]["schemas"];
    let pet = &s["Pet"];
    assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
    assert_eq!(pet["x-keep"], 1);
    assert_eq!(
        pet["properties"]["photo"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        pet["properties"]["owner"],
        json!({"$ref": "#/components/schemas/Owner", "nullable": true})
    );
    assert_eq!(
        pet["properties"]["tags"]["items"],
        json!({"type": "string", "nullable": true})
    );
    // Examples are data, left as written.
    assert_eq!(
        pet["properties"]["tags"]["example"],
        json!([{"x-nullable": 1}])
    );
    assert_eq!(
        s["Owner"]["allOf"][0],
        json!({"$ref": "#/components/schemas/Pet"})
    );
    assert_eq!(
        s["Owner"]["allOf"][1]["additionalProperties"],
        json!({"type": "string", "nullable": true})
    );
}

#[test]
fn security_definitions_become_security_schemes() {
    let (d, w) = conv(&format!(
        "{HEAD}paths: {{}}\nsecurity: [{{basic: []}}]\nsecurityDefinitions:\n  basic: {{type: \
         basic, description: b}}\n  key: {{type: apiKey, name: X-Key, in: header}}\n  imp: {{type: \
         oauth2, flow: implicit, authorizationUrl: 'https://a', scopes: {{r: read}}}}\n  pw: {{type: \
         oauth2, flow: password, tokenUrl: 'https://t'}}\n  app: {{type: oauth2, flow: \
         application, tokenUrl: 'https://t', x-e: 1}}\n  code: {{type: oauth2, flow: accessCode, \
         authorizationUrl: 'https://a', tokenUrl: 'https://t', scopes: {{}}}}\n  odd: {{type: \
         digest}}\n"
    ));
    let s = &d["components"]["securitySchemes"];
    assert_eq!(
        s["basic"],
        json!({"type": "http", "scheme": "basic", "description": "b"})
    );
    assert_eq!(
        s["key"],
        json!({"type": "apiKey", "name": "X-Key", "in": "header"})
    );
    assert_eq!(
        s["imp"]["flows"],
        json!({"implicit": {"authorizationUrl": "https://a", "scopes": {"r": "read"}}})
    );
    assert_eq!(
        s["pw"]["flows"],
        json!({"password": {"tokenUrl": "https://t", "scopes": {}}})
    );
    assert_eq!(
        s["app"],
        json!({"type": "oauth2", "x-e": 1,
               "flows": {"clientCredentials": {"tokenUrl": "https://t", "scopes": {}}}})
    );
    assert_eq!(
        s["code"]["flows"],
        json!({"authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t",
               "scopes": {}}})
    );
    assert!(s.get("odd").is_none());
    assert_eq!(codes(&w), ["swagger2.security-type"]);
    assert_eq!(d["security"], json!([{"basic": []}]));
}

#[test]
fn extensions_are_kept_at_root_path_item_operation_and_parameter() {
    let (d, _) = conv(&format!(
        "{HEAD}x-root: 1\npaths:\n  x-paths: 2\n  /a:\n    x-item: 3\n    get:\n      x-op: 4\n      \
         operationId: getA\n      tags: [t]\n      responses: {{'204': {{description: ok}}}}\n"
    ));
    assert_eq!(d["x-root"], 1);
    assert_eq!(d["paths"]["x-paths"], 2);
    assert_eq!(d["paths"]["/a"]["x-item"], 3);
    let op = &d["paths"]["/a"]["get"];
    assert_eq!(
        (&op["x-op"], &op["operationId"], &op["tags"]),
        (&json!(4), &json!("getA"), &json!(["t"]))
    );
}

#[test]
fn what_cannot_be_converted_is_a_warning_with_pointer_and_line_not_a_panic() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/parameters/Nope'\n        \
         - {{name: c, in: cookie, type: string}}\n        - 7\n      responses: {{'204': \
         {{description: ok}}}}\n  /b: 3\n  /c:\n    get:\n      parameters: {{}}\nodd: 1\n"
    );
    let (_, w) = conv(&text);
    let got = codes(&w);
    for c in [
        "swagger2.parameter-ref",
        "swagger2.parameter-location",
        "swagger2.wrong-type",
        "swagger2.no-responses",
        "swagger2.unknown-key",
    ] {
        assert!(got.contains(&c), "{c} missing from {got:?}");
    }
    for d in &w {
        assert!(d.pointer.is_some() && d.line > 0, "{d}");
    }
    // Garbage in, warnings out.
    for text in ["swagger: '2.0'\n", "swagger: '2.0'\npaths: [1]\n", "[1, 2]"] {
        let _ = convert(
            &crate::frontend::yaml::parse(text).unwrap(),
            &Default::default(),
        );
    }
}

#[test]
fn operation_lines_carry_over_and_the_pipeline_lowers_the_result() {
    let text = format!(
        "{HEAD}host: h.io\nschemes: [https]\npaths:\n  /a:\n    post:\n      operationId: makeA\n      \
         parameters:\n        - {{name: n, in: formData, type: string, required: true}}\n      \
         responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/A'}}}}\n\
         definitions:\n  A: {{type: object, properties: {{id: {{type: string}}}}}}\n"
    );
    let (_, out) = crate::frontend::recover(&text).unwrap();
    let crate::frontend::Outcome::Recovered(rec) = out else {
        panic!("not recovered")
    };
    assert_eq!(rec.locations.get("/paths/~1a/post"), Some(&7));
    let (api, _) = crate::lower::lower(
        "p",
        "a",
        &[crate::lower::Input {
            path: "x.yaml".into(),
            format: "swagger2".into(),
            recovered: rec,
        }],
    )
    .unwrap();
    let op = &api.operations[0];
    assert_eq!(op.source.line, 7);
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    assert_eq!(api.servers[0].url, "https://h.io");
}
