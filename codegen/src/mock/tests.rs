use super::conformance::{is_date, is_rfc2822, is_rfc3339, is_uri, is_uuid};
use super::synth::MAX_DEPTH;
use super::*;
use crate::ir::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn field(name: &str, ty: TypeRef, required: Required) -> Field {
    Field {
        name: name.into(),
        rust_name: crate::naming::snake(name),
        ty,
        required,
        description: None,
        constraints: Constraints::default(),
        boxed: false,
        deprecated: false,
        read_only: false,
    }
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        rust_name: name.into(),
        source_name: None,
        kind,
        description: None,
    }
}

fn strukt(fields: Vec<Field>) -> TypeKind {
    TypeKind::Struct {
        fields,
        additional: None,
    }
}

/// Types: 0 Token {sid pattern, ttl, kind enum, created rfc2822, id uuid, url, tags, note?},
/// 1 Kind enum, 2 Tree {name, children: [Tree]}, 3 Chain {next: Chain (required)},
/// 4 Shape union(Tree | string), 5 Alias of Token.
fn api() -> Api {
    let mut sid = field("sid", TypeRef::String, Required::Yes);
    sid.constraints.pattern = Some("^AC[0-9a-fA-F]{32}$".into());
    let mut ttl = field("ttl", TypeRef::Integer(32), Required::Yes);
    ttl.constraints.minimum = Some((60.0, false));
    ttl.constraints.maximum = Some((86400.0, false));
    let mut name = field("friendly_name", TypeRef::String, Required::No);
    name.constraints.min_length = Some(12);
    name.constraints.max_length = Some(20);
    let token = strukt(vec![
        sid,
        ttl,
        field("kind", TypeRef::Named(1), Required::Yes),
        field("date_created", TypeRef::DateTimeRfc2822, Required::Yes),
        field("created_at", TypeRef::DateTime, Required::Yes),
        field("day", TypeRef::Date, Required::Yes),
        field("id", TypeRef::Uuid, Required::Yes),
        field("url", TypeRef::Uri, Required::Yes),
        field(
            "tags",
            TypeRef::Array(Box::new(TypeRef::String)),
            Required::No,
        ),
        field(
            "note",
            TypeRef::Nullable(Box::new(TypeRef::String)),
            Required::Yes,
        ),
        name,
        field("shape", TypeRef::Named(4), Required::No),
    ]);
    let kind = TypeKind::Enum {
        values: ["fcm", "apn"]
            .iter()
            .map(|v| EnumValue {
                value: v.to_string(),
                rust_name: camel(v),
                description: None,
            })
            .collect(),
    };
    let tree = strukt(vec![
        field("name", TypeRef::String, Required::Yes),
        field(
            "children",
            TypeRef::Array(Box::new(TypeRef::Named(2))),
            Required::No,
        ),
    ]);
    let chain = strukt(vec![field("next", TypeRef::Named(3), Required::Yes)]);
    let shape = TypeKind::Union {
        variants: vec![
            Variant {
                rust_name: "Tree".into(),
                ty: TypeRef::Named(2),
                boxed: false,
            },
            Variant {
                rust_name: "String".into(),
                ty: TypeRef::String,
                boxed: false,
            },
        ],
    };
    Api {
        provider: "p".into(),
        name: "a".into(),
        types: vec![
            def("Token", token),
            def("Kind", kind),
            def("Tree", tree),
            def("Chain", chain),
            def("Shape", shape),
            def("TokenAlias", TypeKind::Alias(TypeRef::Named(0))),
        ],
        ..Api::default()
    }
}

use crate::naming::camel;

fn regex_matches(pattern: &str, s: &str) -> bool {
    regex::Regex::new(pattern)
        .map(|r| r.is_match(s))
        .unwrap_or(false)
}

#[test]
fn patterns_give_matching_strings() {
    let cases = [
        r"^AC[0-9a-fA-F]{32}$",
        r"^\+[1-9]\d{1,14}$",
        r"^[A-Z]{2}$",
        r"^(foo|bar)-\d+$",
        r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
        r"^\S+$",
        r"^SK[0-9a-fA-F]{32}$",
        r"^(?:[a-z0-9-]+\.)*example\.com$",
        r"^[\w.-]{3,}$",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^[A-Za-z0-9_\-]+$",
        r"^x{2,4}y?z*$",
    ];
    for p in cases {
        let s = pattern_string(p, 0, u64::MAX).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(regex_matches(p, &s), "{p} does not match {s:?}");
    }
    assert_eq!(
        pattern_string(r"^AC[0-9a-fA-F]{32}$", 0, u64::MAX).unwrap(),
        format!("AC{}", "a".repeat(32))
    );
}

#[test]
fn patterns_honour_lengths_or_say_why() {
    let s = pattern_string(r"^[a-z]+$", 5, 8).unwrap();
    assert_eq!(s, "aaaaa");
    let s = pattern_string(r"^[a-z]{3,10}$", 6, u64::MAX).unwrap();
    assert!(regex_matches(r"^[a-z]{3,10}$", &s) && s.len() == 6, "{s}");
    let e = pattern_string(r"^[a-z]{2}$", 5, u64::MAX).unwrap_err();
    assert!(e.contains("length"), "{e}");
}

#[test]
fn unsupported_patterns_are_named() {
    for (p, what) in [
        (r"^(?=x)x$", "look-around"),
        (r"\bword", "word boundaries"),
        (r"^\p{L}+$", "Unicode property"),
        (r"^(a)\1$", "back-references"),
        (r"^[a-z", "without its `]`"),
        (r"^(ab$", "without its `)`"),
        (r"a{1000}", "too long"),
    ] {
        let e = pattern_string(p, 0, u64::MAX).unwrap_err();
        assert!(e.contains(what), "{p}: {e}");
    }
}

#[test]
fn synthesised_values_conform_and_honour_constraints() {
    let api = api();
    let s = synthesize(&api, &TypeRef::Named(0), &Constraints::default(), "");
    assert!(s.notes.is_empty(), "{:?}", s.notes);
    conforms(&api, &TypeRef::Named(0), &s.value).unwrap();
    let v = &s.value;
    let sid = v["sid"].as_str().unwrap();
    assert!(regex_matches(r"^AC[0-9a-fA-F]{32}$", sid), "{sid}");
    let ttl = v["ttl"].as_i64().unwrap();
    assert!((60..=86400).contains(&ttl), "{ttl}");
    assert_eq!(v["kind"], "fcm");
    assert_eq!(v["date_created"], "Mon, 15 Jan 2024 09:30:00 +0000");
    assert!(is_rfc2822(v["date_created"].as_str().unwrap()));
    assert!(is_rfc3339(v["created_at"].as_str().unwrap()));
    assert!(is_uuid(v["id"].as_str().unwrap()));
    assert!(is_uri(v["url"].as_str().unwrap()));
    assert!(is_date(v["day"].as_str().unwrap()));
    let name = v["friendly_name"].as_str().unwrap();
    assert!((12..=20).contains(&name.len()), "{name}");
    assert!(v["tags"].as_array().is_some_and(|a| a.len() == 1));
    // Through an alias, the same.
    let a = synthesize(&api, &TypeRef::Named(5), &Constraints::default(), "");
    assert_eq!(a.value, s.value);
}

#[test]
fn recursion_is_bounded() {
    let api = api();
    // A tree: optional children stop once the type repeats.
    let t = synthesize(&api, &TypeRef::Named(2), &Constraints::default(), "");
    conforms(&api, &TypeRef::Named(2), &t.value).unwrap();
    let child = &t.value["children"][0];
    assert_eq!(child, &serde_json::json!({"name": "example"}));
    // A type that requires itself: cut, with a note.
    let c = synthesize(&api, &TypeRef::Named(3), &Constraints::default(), "");
    assert!(
        c.notes.iter().any(|n| n.contains("requires itself")),
        "{:?}",
        c.notes
    );
    let depth = serde_json::to_string(&c.value)
        .unwrap()
        .matches("next")
        .count();
    assert!(depth <= MAX_DEPTH + 1, "{depth}");
    // The union picks a variant that does not lead back to itself.
    let u = synthesize(&api, &TypeRef::Named(4), &Constraints::default(), "");
    conforms(&api, &TypeRef::Named(4), &u.value).unwrap();
}

#[test]
fn conformance_follows_serde() {
    let api = api();
    let t = TypeRef::Named(0);
    let good = synthesize(&api, &t, &Constraints::default(), "").value;
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("sid");
    assert!(conforms(&api, &t, &missing).unwrap_err().contains("$.sid"));
    // A required nullable field may be absent or null; an optional one null.
    let mut nulls = good.clone();
    nulls.as_object_mut().unwrap().remove("note");
    nulls["tags"] = Value::Null;
    conforms(&api, &t, &nulls).unwrap();
    // Any string is an enum value (the `Unknown` variant).
    let mut other = good.clone();
    other["kind"] = "brand-new".into();
    conforms(&api, &t, &other).unwrap();
    let mut bad = good.clone();
    bad["date_created"] = "2024-01-15T09:30:00Z".into();
    assert!(conforms(&api, &t, &bad).unwrap_err().contains("RFC 2822"));
    let mut big = good;
    big["ttl"] = serde_json::json!(1u64 << 40);
    assert!(conforms(&api, &t, &big).unwrap_err().contains("32 bits"));
}

fn response(status: StatusSpec, body: ResponseBody, example: Option<Value>) -> Response {
    Response {
        status,
        description: None,
        content_type: Some("application/json".into()),
        body,
        headers: Vec::new(),
        example,
    }
}

#[test]
fn responses_use_fitting_examples_else_synthesise() {
    let api = api();
    let tree = ResponseBody::Json(TypeRef::Named(2));
    let ex = serde_json::json!({"name": "root", "children": []});
    let r = response_body(
        &api,
        &response(StatusSpec::Code(201), tree.clone(), Some(ex)),
    );
    assert_eq!(
        (r.status, r.source.as_str(), r.body.as_str()),
        (201, "example", r#"{"name":"root","children":[]}"#)
    );
    let bad = serde_json::json!({"children": []});
    let r = response_body(&api, &response(StatusSpec::Range(4), tree, Some(bad)));
    assert_eq!((r.status, r.covers.as_str()), (400, "4XX"));
    assert!(
        r.source.contains("does not fit") && r.source.contains("$.name"),
        "{}",
        r.source
    );
    assert_eq!(
        r.body,
        r#"{"name":"example","children":[{"name":"example"}]}"#
    );
    let mut text = response(
        StatusSpec::Code(200),
        ResponseBody::Text,
        Some("eyJ".into()),
    );
    text.content_type = Some("text/plain".into());
    let r = response_body(&api, &text);
    assert_eq!(
        (r.body.as_str(), r.content_type.as_str()),
        ("eyJ", "text/plain")
    );
    let empty = response(StatusSpec::Default, ResponseBody::Empty, None);
    let r = response_body(&api, &empty);
    assert_eq!(
        (r.status, r.content_type.as_str(), r.body.as_str()),
        (500, "", "")
    );
}

#[test]
fn flag_examples_are_flag_text() {
    let api = api();
    let c = Constraints {
        pattern: Some(r"^\+[1-9]\d{1,14}$".into()),
        ..Constraints::default()
    };
    assert_eq!(flag_example(&api, &TypeRef::String, &c, "To"), "+10");
    let none = Constraints::default();
    assert_eq!(flag_example(&api, &TypeRef::Named(1), &none, "Type"), "fcm");
    assert_eq!(
        flag_example(
            &api,
            &TypeRef::Array(Box::new(TypeRef::Integer(64))),
            &none,
            "Ids"
        ),
        "1"
    );
    assert_eq!(flag_example(&api, &TypeRef::Boolean, &none, "x"), "true");
    assert_eq!(
        flag_example(&api, &TypeRef::String, &none, "StatusCallbackUrl"),
        "https://example.com/callback"
    );
    let obj = flag_example(&api, &TypeRef::Named(2), &none, "tree");
    assert_eq!(obj, r#"{"name":"example","children":[{"name":"example"}]}"#);
}

/// A corpus spec's path, or `None` when the shared corpus is missing (a visible skip).
fn corpus(rel: &str) -> Option<PathBuf> {
    crate::frontend::shared_or_skip(&format!("corpus/specs/{rel}"))
}

fn lower_file(path: &Path) -> Api {
    let (report, rec, _) = crate::config::recover_file(path).expect("recover");
    let input = crate::lower::Input {
        path: path.to_path_buf(),
        format: report.format.id().to_string(),
        recovered: rec.expect("a frontend"),
    };
    crate::lower::lower("corpus", "api", &[input])
        .expect("lower")
        .0
}

/// Over real documents: every mock body parses and fits its type, every argument example fits
/// its type and constraints (patterns checked with a real regex engine).
#[test]
fn corpus_mocks_fit_their_types() {
    let files = [
        "twilio_conversations_v1.json",
        "signalwire_rest_openapi.yaml",
        "progenitor/nexus.json",
        "progenitor/buildomat.json",
    ];
    let mut checked = (0usize, 0usize, 0usize);
    for f in files {
        let Some(path) = corpus(f) else { return };
        let api = lower_file(&path);
        for op in &api.operations {
            let m = operation_mock(&api, op);
            let success = op.responses.iter().find(|r| r.is_success());
            let pairs = success.map(|r| (&m.success, r)).into_iter().chain(
                m.errors
                    .iter()
                    .zip(op.responses.iter().filter(|r| !r.is_success())),
            );
            for (body, r) in pairs {
                if let ResponseBody::Json(t) = &r.body {
                    let v: Value = serde_json::from_str(&body.body)
                        .unwrap_or_else(|e| panic!("{f} {}: {e}", op.id));
                    conforms(&api, t, &v).unwrap_or_else(|e| panic!("{f} {}: {e}", op.id));
                    checked.0 += 1;
                }
            }
            for p in &op.params {
                let text = flag_example(&api, &p.ty, &p.constraints, &p.name);
                check_flag(&api, f, &op.id, &p.name, &p.ty, &p.constraints, &text);
                checked.1 += 1;
            }
            let body_fields = op
                .body
                .as_ref()
                .and_then(|b| match b.ty.strip_nullable().0 {
                    TypeRef::Named(id) => match &api.types[*id].kind {
                        TypeKind::Struct { fields, .. } => Some(fields.clone()),
                        _ => None,
                    },
                    _ => None,
                });
            for fd in body_fields.unwrap_or_default() {
                let text = flag_example(&api, &fd.ty, &fd.constraints, &fd.name);
                check_flag(&api, f, &op.id, &fd.name, &fd.ty, &fd.constraints, &text);
                checked.2 += 1;
            }
        }
    }
    eprintln!(
        "checked {} response bodies, {} parameter and {} body field examples",
        checked.0, checked.1, checked.2
    );
    // Four real documents hold hundreds of each: a run that checked none tested nothing.
    assert!(
        checked.0 >= 100 && checked.1 >= 100 && checked.2 >= 100,
        "too few checks: {checked:?}"
    );
}

fn check_flag(api: &Api, f: &str, op: &str, name: &str, ty: &TypeRef, c: &Constraints, text: &str) {
    let (inner, _) = ty.strip_nullable();
    let item = match inner {
        TypeRef::Array(i) => i.as_ref(),
        t => t,
    };
    // The CLI reads a flag as JSON first, else as a string.
    let v = serde_json::from_str::<Value>(text)
        .ok()
        .filter(|v| conforms(api, item, v).is_ok())
        .unwrap_or_else(|| Value::String(text.to_string()));
    conforms(api, item, &v).unwrap_or_else(|e| panic!("{f} {op} {name}={text:?}: {e}"));
    if let (Value::String(s), Some(p)) = (&v, &c.pattern) {
        if pattern_string(p, 0, u64::MAX).is_ok() && regex::Regex::new(p).is_ok() {
            assert!(regex_matches(p, s), "{f} {op} {name}: {s:?} !~ {p}");
        }
    }
    if let Value::String(s) = &v {
        let n = s.chars().count() as u64;
        assert!(
            c.min_length.is_none_or(|m| n >= m),
            "{f} {op} {name}: {s:?} too short"
        );
        if c.pattern.is_none() {
            assert!(
                c.max_length.is_none_or(|m| n <= m),
                "{f} {op} {name}: {s:?} too long"
            );
        }
    }
    if let Some(x) = v.as_f64() {
        if let Some((m, ex)) = c.minimum {
            assert!(
                if ex { x > m } else { x >= m },
                "{f} {op} {name}: {x} < {m}"
            );
        }
        if let Some((m, ex)) = c.maximum {
            assert!(
                if ex { x < m } else { x <= m },
                "{f} {op} {name}: {x} > {m}"
            );
        }
    }
}
