//! Lowering behaviour: one meaning for OpenAPI 3.0 and 3.1, stable collision-free names,
//! recursion, and the facts the IR keeps.

use cpaas_codegen::frontend::Recovered;
use cpaas_codegen::ir::*;
use cpaas_codegen::lower::{Input, lower};
use serde_json::{Value, json};

fn api_from(docs: &[Value]) -> Api {
    let inputs: Vec<Input> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| Input {
            path: format!("specs/p/a/{i}.json").into(),
            format: "openapi".into(),
            recovered: Recovered::new(d.clone()),
        })
        .collect();
    lower("p", "a", &inputs).expect("lowers").0
}

fn doc(version: &str, schemas: Value, props_of_body: Value) -> Value {
    json!({
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1/"}],
        "paths": {"/things/{id}": {"post": {
            "operationId": "CreateThing",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/json": {"schema": props_of_body}}},
            "responses": {"201": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
        }}},
        "components": {"schemas": schemas}
    })
}

fn struct_fields(api: &Api, name: &str) -> Vec<Field> {
    let t = api
        .types
        .iter()
        .find(|t| t.rust_name == name)
        .unwrap_or_else(|| {
            panic!(
                "no type {name}: {:?}",
                api.types.iter().map(|t| &t.rust_name).collect::<Vec<_>>()
            )
        });
    match &t.kind {
        TypeKind::Struct { fields, .. } => fields.clone(),
        k => panic!("{name} is {k:?}"),
    }
}

#[test]
fn nullable_30_and_type_array_31_mean_the_same() {
    let thing30 = json!({"Thing": {"type": "object", "required": ["a"], "properties": {
        "a": {"type": "string", "nullable": true},
        "b": {"type": "integer", "format": "int32"},
        "c": {"$ref": "#/components/schemas/Other", "nullable": true}
    }}, "Other": {"type": "object", "properties": {"x": {"type": "boolean"}}}});
    let thing31 = json!({"Thing": {"type": "object", "required": ["a"], "properties": {
        "a": {"type": ["string", "null"]},
        "b": {"type": "integer", "format": "int32"},
        "c": {"oneOf": [{"$ref": "#/components/schemas/Other"}, {"type": "null"}]}
    }}, "Other": {"type": "object", "properties": {"x": {"type": "boolean"}}}});
    for d in [
        doc("3.0.3", thing30, json!({})),
        doc("3.1.0", thing31, json!({})),
    ] {
        let api = api_from(&[d]);
        let f = struct_fields(&api, "Thing");
        assert_eq!(f[0].ty, TypeRef::Nullable(Box::new(TypeRef::String)));
        assert_eq!(
            f[0].required,
            Required::Yes,
            "required and nullable stay apart"
        );
        assert_eq!(f[1].ty, TypeRef::Integer(32));
        assert_eq!(f[1].required, Required::No);
        assert!(matches!(&f[2].ty, TypeRef::Nullable(t) if matches!(**t, TypeRef::Named(_))));
        assert_eq!(
            api.servers[0].url, "https://api.example.com/v1",
            "trailing slash trimmed"
        );
    }
}

#[test]
fn formats_become_real_types_and_unknown_formats_degrade() {
    let schemas = json!({"Thing": {"type": "object", "properties": {
        "u": {"type": "string", "format": "uuid"},
        "t": {"type": "string", "format": "date-time"},
        "r": {"type": "string", "format": "date-time-rfc-2822"},
        "w": {"type": "string", "format": "uri"},
        "p": {"type": "string", "format": "phone-number"},
        "o": {"type": "object", "format": "uri-map"},
        "n": {"type": "number", "format": "weird"}
    }}});
    let api = api_from(&[doc("3.0.1", schemas, json!({}))]);
    let tys: Vec<TypeRef> = struct_fields(&api, "Thing")
        .into_iter()
        .map(|f| f.ty)
        .collect();
    assert_eq!(
        tys,
        vec![
            TypeRef::Uuid,
            TypeRef::DateTime,
            TypeRef::DateTimeRfc2822,
            TypeRef::Uri,
            TypeRef::String,
            TypeRef::Any,
            TypeRef::Number
        ]
    );
}

#[test]
fn names_that_collide_after_conversion_stay_distinct() {
    let d = json!({
        "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {"/calls": {"get": {
            "operationId": "ListCall",
            "parameters": [
                {"name": "StartTime", "in": "query", "schema": {"type": "string"}},
                {"name": "StartTime<", "in": "query", "schema": {"type": "string"}},
                {"name": "StartTime>", "in": "query", "schema": {"type": "string"}},
                {"name": "start_time", "in": "query", "schema": {"type": "string"}},
                {"name": "type", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "ok"}}
        }}}
    });
    let api = api_from(&[d]);
    let names: Vec<&str> = api.operations[0]
        .params
        .iter()
        .map(|p| p.rust_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "start_time",
            "start_time_lt",
            "start_time_gt",
            "start_time_2",
            "type_"
        ]
    );
}

#[test]
fn dotted_component_names_are_short_unless_that_collides() {
    let obj = |field: &str| json!({"type": "object", "properties": {field: {"type": "string"}}});
    let schemas = json!({
        "Thing": {"type": "object", "properties": {
            "receipt": {"$ref": "#/components/schemas/conversations.v1.service.service_conversation.service_conversation_receipt"},
            "a": {"$ref": "#/components/schemas/a.v1.token"},
            "b": {"$ref": "#/components/schemas/b.v1.token"},
            "message": {"type": "object", "properties": {
                "message_status": {"type": "string", "enum": ["sent", "read"]}
            }}
        }},
        "conversations.v1.service.service_conversation.service_conversation_receipt": obj("x"),
        "a.v1.token": obj("y"),
        "b.v1.token": obj("z")
    });
    let api = api_from(&[doc("3.1.0", schemas, json!({"type": "string"}))]);
    let names: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    // The package and version prefix and the repeated words go ...
    assert!(names.contains(&"ServiceConversationReceipt"), "{names:?}");
    // ... unless two components would share the short name: both keep their full names.
    assert!(names.contains(&"AV1Token"), "{names:?}");
    assert!(names.contains(&"BV1Token"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Token")), "{names:?}");
    // An inline schema under a property that repeats its parent's last word.
    assert!(names.contains(&"ThingMessageStatus"), "{names:?}");
    // The wire names stay as the spec wrote them.
    let receipt = api
        .types
        .iter()
        .find(|t| t.rust_name == "ServiceConversationReceipt")
        .unwrap();
    assert_eq!(
        receipt.source_name.as_deref(),
        Some("conversations.v1.service.service_conversation.service_conversation_receipt")
    );
}

#[test]
fn recursive_types_are_boxed_and_lists_are_not() {
    let schemas = json!({
        "Thing": {"type": "object", "properties": {
            "parent": {"$ref": "#/components/schemas/Thing"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
            "other": {"$ref": "#/components/schemas/Other"}
        }},
        "Other": {"type": "object", "properties": {"back": {"$ref": "#/components/schemas/Thing"}}}
    });
    let api = api_from(&[doc("3.1.0", schemas, json!({}))]);
    let f = struct_fields(&api, "Thing");
    assert!(f[0].boxed, "direct self reference");
    assert!(!f[1].boxed, "a Vec already breaks the cycle");
    assert!(f[2].boxed, "mutual recursion through Other");
}

#[test]
fn enums_unions_all_of_and_inline_names() {
    let schemas = json!({
        "Thing": {"allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"type": "object", "required": ["kind"], "properties": {
                "kind": {"type": "string", "enum": ["a", "b", "Self"]},
                "value": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "inner": {"type": "object", "properties": {"x": {"type": "string"}}}
            }}
        ]},
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    });
    let api = api_from(&[doc(
        "3.1.0",
        schemas,
        json!({"type": "object", "properties": {"n": {"type": "string"}}}),
    )]);
    let f = struct_fields(&api, "Thing");
    let names: Vec<&str> = f.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "kind", "value", "inner"],
        "allOf merged in order"
    );
    assert_eq!(f[0].required, Required::Yes);
    assert_eq!(f[1].required, Required::Yes);
    let kind = match &f[1].ty {
        TypeRef::Named(id) => &api.types[*id],
        t => panic!("{t:?}"),
    };
    assert_eq!(
        kind.rust_name, "ThingKind",
        "inline enum named from where it stands"
    );
    match &kind.kind {
        TypeKind::Enum { values } => {
            let v: Vec<&str> = values.iter().map(|v| v.rust_name.as_str()).collect();
            assert_eq!(v, ["A", "B", "Self_"]);
        }
        k => panic!("{k:?}"),
    }
    assert!(
        matches!(&f[2].ty, TypeRef::Named(id) if matches!(api.types[*id].kind, TypeKind::Union { .. }))
    );
    assert!(matches!(&f[3].ty, TypeRef::Named(id) if api.types[*id].rust_name == "ThingInner"));
    // The anonymous body is named after its operation.
    let body = api.operations[0].body.as_ref().unwrap();
    assert!(
        matches!(&body.ty, TypeRef::Named(id) if api.types[*id].rust_name == "CreateThingRequest")
    );
}

#[test]
fn identical_components_of_two_files_share_one_type_and_different_ones_do_not() {
    let thing = json!({"Thing": {"type": "object", "properties": {"a": {"type": "string"}}}});
    let other = json!({"Thing": {"type": "object", "properties": {"b": {"type": "string"}}}});
    let api = api_from(&[
        doc("3.1.0", thing.clone(), json!({})),
        doc("3.1.0", thing, json!({})),
    ]);
    assert_eq!(
        api.types
            .iter()
            .filter(|t| t.rust_name.starts_with("Thing"))
            .count(),
        1
    );
    let api = api_from(&[
        doc(
            "3.1.0",
            json!({"Thing": {"type": "object", "properties": {"a": {"type": "string"}}}}),
            json!({}),
        ),
        doc("3.1.0", other, json!({})),
    ]);
    let names: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    assert!(
        names.contains(&"Thing") && names.contains(&"Thing2"),
        "{names:?}"
    );
    assert_eq!(
        api.operations[1].rust_name, "create_thing_2",
        "operation names stay unique"
    );
}

#[test]
fn responses_statuses_content_types_and_security() {
    let d = json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "paths": {"/t/{id}/token": {"post": {
            "operationId": "CreateToken",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
                "201": {"description": "JWT", "content": {"text/plain": {"schema": {"type": "string"}}}},
                "404": {"description": "Resource not Found"},
                "default": {"description": "error", "content": {"application/json": {}}}
            }
        }}}
    });
    let api = api_from(&[d]);
    let op = &api.operations[0];
    assert_eq!(op.security, [["bearerAuth"]]);
    assert_eq!(api.security_schemes[0].kind, AuthKind::Bearer);
    let bodies: Vec<(StatusSpec, &ResponseBody)> =
        op.responses.iter().map(|r| (r.status, &r.body)).collect();
    assert_eq!(
        bodies,
        [
            // A success text described `JWT` is a minted credential (lower/secret.rs).
            (StatusSpec::Code(201), &ResponseBody::SecretText),
            (StatusSpec::Code(404), &ResponseBody::Empty),
            (StatusSpec::Default, &ResponseBody::Untyped)
        ]
    );
}

#[test]
fn security_alternatives_stay_alternatives_and_combined_ones_stay_together() {
    let d = json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "security": [{"basic": []}, {"bearer": []}],
        "components": {"securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "bearer": {"type": "http", "scheme": "bearer"},
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"}
        }},
        "paths": {
            "/a": {"get": {"operationId": "A", "responses": {"204": {"description": "ok"}}}},
            "/b": {"get": {"operationId": "B", "security": [{"basic": [], "key": []}, {}],
                "responses": {"204": {"description": "ok"}}}}
        }
    });
    let api = api_from(&[d]);
    let a = api.operations.iter().find(|o| o.path == "/a").unwrap();
    assert_eq!(a.security, [vec!["basic"], vec!["bearer"]]);
    assert_eq!(a.scheme_names(), ["basic", "bearer"]);
    let b = api.operations.iter().find(|o| o.path == "/b").unwrap();
    assert_eq!(b.security, [vec!["basic", "key"], vec![]]);
}

#[test]
fn dangling_refs_warn_and_degrade() {
    let schemas = json!({"Thing": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Missing"}}}});
    let d = doc("3.1.0", schemas, json!({}));
    let inputs = [Input {
        path: "specs/p/a/x.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(d),
    }];
    let (api, diags) = lower("p", "a", &inputs).unwrap();
    assert_eq!(struct_fields(&api, "Thing")[0].ty, TypeRef::Any);
    let d = diags
        .iter()
        .find(|d| d.code == "lower.dangling-ref")
        .expect("a warning");
    assert!(d.to_string().contains("specs/p/a/x.json"), "{d}");
}

fn kind_of<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.types
        .iter()
        .find(|t| t.rust_name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .kind
}

#[test]
fn one_of_objects_with_a_constant_property_is_an_internally_tagged_union() {
    // Inline branches with one-value enums (3.0), `const` (3.1), and a `$ref` branch named by
    // the discriminator mapping: all one tagged union on `type`, the tag out of the fields.
    let schemas = json!({
        "Thing": {"type": "object", "properties": {"source": {"$ref": "#/components/schemas/Source"}}},
        "Source": {
            "discriminator": {"propertyName": "type", "mapping": {"image": "#/components/schemas/FromImage"}},
            "oneOf": [
                {"type": "object", "description": "A blank disk.", "required": ["type", "size"], "properties": {
                    "type": {"type": "string", "enum": ["blank"]},
                    "size": {"type": "integer"}}},
                {"type": "object", "required": ["type"], "properties": {
                    "type": {"const": "snapshot"},
                    "snapshot_id": {"type": "string", "format": "uuid"}}},
                {"$ref": "#/components/schemas/FromImage"}
            ]},
        "FromImage": {"type": "object", "required": ["type", "image_id"], "properties": {
            "type": {"type": "string"}, "image_id": {"type": "string"}}}
    });
    let api = api_from(&[doc(
        "3.1.0",
        schemas,
        json!({"$ref": "#/components/schemas/Thing"}),
    )]);
    let TypeKind::Tagged { tag, variants } = kind_of(&api, "Source") else {
        panic!("{:?}", kind_of(&api, "Source"));
    };
    assert_eq!(tag, "type");
    let shape: Vec<(&str, &str, Vec<&str>)> = variants
        .iter()
        .map(|v| {
            let fields = v.fields.iter().map(|f| f.name.as_str()).collect();
            (v.value.as_str(), v.rust_name.as_str(), fields)
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("blank", "Blank", vec!["size"]),
            ("snapshot", "Snapshot", vec!["snapshot_id"]),
            ("image", "Image", vec!["image_id"]),
        ]
    );
    assert_eq!(variants[0].description.as_deref(), Some("A blank disk."));
    assert!(variants[0].fields[0].required.is_required());
    assert_eq!(variants[1].fields[0].ty, TypeRef::Uuid);
}

#[test]
fn one_of_without_a_distinct_constant_stays_an_untagged_union() {
    // Two branches with the same constant: no tag can tell them apart.
    let schemas = json!({
        "Thing": {"type": "object", "properties": {"v": {"$ref": "#/components/schemas/V"}}},
        "V": {"oneOf": [
            {"type": "object", "properties": {"kind": {"enum": ["a"]}, "x": {"type": "string"}}},
            {"type": "object", "properties": {"kind": {"enum": ["a"]}, "y": {"type": "integer"}}}
        ]}
    });
    let api = api_from(&[doc(
        "3.1.0",
        schemas,
        json!({"$ref": "#/components/schemas/Thing"}),
    )]);
    assert!(matches!(kind_of(&api, "V"), TypeKind::Union { variants } if variants.len() == 2));
}

#[test]
fn one_of_constant_strings_is_one_string_enum_with_each_values_description() {
    let schemas = json!({
        "Thing": {"type": "object", "properties": {"mode": {"$ref": "#/components/schemas/Mode"}}},
        "Mode": {"oneOf": [
            {"type": "string", "enum": ["fast"], "description": "Quick."},
            {"const": "safe", "description": "Careful."},
            {"type": "string", "enum": ["a", "b"]}
        ]}
    });
    let api = api_from(&[doc(
        "3.1.0",
        schemas,
        json!({"$ref": "#/components/schemas/Thing"}),
    )]);
    let TypeKind::Enum { values } = kind_of(&api, "Mode") else {
        panic!("{:?}", kind_of(&api, "Mode"));
    };
    let got: Vec<(&str, Option<&str>)> = values
        .iter()
        .map(|v| (v.value.as_str(), v.description.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("fast", Some("Quick.")),
            ("safe", Some("Careful.")),
            ("a", None),
            ("b", None)
        ]
    );
}

#[test]
fn a_scheme_type_the_client_cannot_apply_is_kept_unknown_with_a_warning() {
    let d = json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "security": [{"tls": []}, {"digest": []}, {"marked": []}],
        "components": {"securitySchemes": {
            "tls": {"type": "mutualTLS"},
            "digest": {"type": "http", "scheme": "digest"},
            // A frontend that could not tell the type has warned already.
            "marked": {"x-cpaas-scheme-type-unknown": true}
        }},
        "paths": {"/t": {"get": {"operationId": "GetT", "responses": {"204": {"description": "ok"}}}}}
    });
    let inputs = [Input {
        path: "specs/p/a/0.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(d),
    }];
    let (api, diags) = lower("p", "a", &inputs).expect("lowers");
    assert!(
        api.security_schemes
            .iter()
            .all(|s| s.kind == AuthKind::Unknown)
    );
    let warned: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "lower.auth-type-unknown")
        .map(|d| d.pointer.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        warned,
        [
            "/components/securitySchemes/tls",
            "/components/securitySchemes/digest"
        ]
    );
}

/// A `multipart/form-data` body: files from 3.0 and 3.1 schemas, the `encoding` object's one
/// concrete content type and fixed headers, `readOnly` fields marked; a union of objects
/// merged into one struct whose fields are required only where every branch requires them.
#[test]
fn multipart_bodies_keep_files_encodings_and_merge_unions() {
    let multipart = |schema: Value, encoding: Value| {
        let mut d = doc("3.1.0", json!({"Thing": {"type": "object"}}), json!({}));
        d["paths"]["/things/{id}"]["post"]["requestBody"]["content"] = json!({
            "multipart/form-data": {"schema": schema, "encoding": encoding}
        });
        api_from(&[d])
    };
    let api = multipart(
        json!({"type": "object", "properties": {
            "a": {"type": "string", "format": "binary"},
            "b": {"type": "string", "format": "byte"},
            "c": {"contentMediaType": "image/png"},
            "d": {"type": "string", "contentEncoding": "base64"},
            "e": {"type": "array", "items": {"type": "string", "format": "binary"}},
            "f": {"type": "string"},
            "g": {"type": "string", "readOnly": true}
        }}),
        json!({
            "a": {"contentType": "image/png", "headers": {
                "X-Fixed": {"schema": {"type": "string", "const": "v"}},
                "X-Free": {"schema": {"type": "string"}}
            }},
            "b": {"contentType": "image/*"},
            "c": {"contentType": "image/png, image/jpeg"}
        }),
    );
    let body = api.operations[0].body.clone().unwrap();
    assert_eq!(body.encoding, BodyEncoding::Multipart);
    let by_name = |n: &str| body.parts.iter().find(|p| p.name == n).unwrap().clone();
    for n in ["a", "b", "c", "d", "e"] {
        assert!(by_name(n).file, "{n}");
    }
    assert!(!by_name("f").file && !by_name("f").read_only);
    assert!(by_name("g").read_only);
    assert_eq!(by_name("a").content_type.as_deref(), Some("image/png"));
    assert_eq!(
        by_name("a").headers,
        [("X-Fixed".to_string(), "v".to_string())]
    );
    assert_eq!(by_name("b").content_type, None);
    assert_eq!(by_name("c").content_type, None);

    let api = multipart(
        json!({"oneOf": [
            {"type": "object", "required": ["kind", "audio"], "properties": {
                "kind": {"type": "string"}, "audio": {"type": "string", "format": "binary"}}},
            {"type": "object", "required": ["kind"], "properties": {
                "kind": {"type": "string"}, "text": {"type": "string"}}}
        ]}),
        json!({}),
    );
    let body = api.operations[0].body.clone().unwrap();
    assert_eq!(body.encoding, BodyEncoding::Multipart);
    let TypeRef::Named(id) = body.ty else {
        panic!("{:?}", body.ty)
    };
    let fields = struct_fields(&api, &api.types[id].rust_name);
    let got: Vec<(&str, Required)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        got,
        [
            ("kind", Required::Yes),
            ("audio", Required::No),
            ("text", Required::No)
        ]
    );
    assert!(body.parts.iter().any(|p| p.name == "audio" && p.file));
}
