//! Property tests: the YAML/JSON loader round-trips values, Rust names are valid and stable, and
//! lowering plus emitting never panics on schema-shaped documents.

use cpaas_codegen::emit::{EmitOptions, emit};
use cpaas_codegen::frontend::{Recovered, yaml};
use cpaas_codegen::lower::{Input, lower};
use cpaas_codegen::naming::{Namespace, camel, kebab, snake};
use proptest::prelude::*;
use serde_json::{Map, Number, Value, json};

// ---------------------------------------------------------------------------------------------
// Loader round trips

/// Floats exact in binary, so JSON parsers that round differently still agree.
fn exact_float() -> impl Strategy<Value = f64> {
    (-1_000_000i64..1_000_000, 0u32..6).prop_map(|(m, e)| m as f64 / f64::from(1u32 << e))
}

fn scalar(any_float: bool) -> BoxedStrategy<Value> {
    let float: BoxedStrategy<f64> = if any_float {
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .boxed()
    } else {
        exact_float().boxed()
    };
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        float.prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        // Strings that look like other scalars, YAML indicators and arbitrary text.
        prop_oneof![
            Just("true".to_string()),
            Just("null".to_string()),
            Just("~".to_string()),
            Just("1.0.0".to_string()),
            Just("0x1F".to_string()),
            Just("- a".to_string()),
            Just("a: b".to_string()),
            Just("#x".to_string()),
            "[a-zA-Z0-9 _.:#'\"-]{0,12}",
            any::<String>(),
        ]
        .prop_map(Value::String),
    ]
    .boxed()
}

fn json_value(any_float: bool) -> impl Strategy<Value = Value> {
    scalar(any_float).prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("\\PC{0,10}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Block-style YAML for `v`: keys and strings double-quoted (JSON escapes are YAML escapes),
/// identifier-like strings plain, so both scalar styles are exercised.
fn to_yaml(v: &Value) -> String {
    fn scalar(v: &Value) -> String {
        match v {
            Value::String(s) if is_plain_safe(s) => s.clone(),
            Value::Object(m) if m.is_empty() => "{}".into(),
            Value::Array(a) if a.is_empty() => "[]".into(),
            Value::String(s) => quote(s),
            other => other.to_string(),
        }
    }
    /// A YAML double-quoted scalar; characters outside YAML's printable set are escaped.
    fn quote(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            let printable = matches!(c, '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                && c != '\u{feff}';
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if printable => out.push(c),
                c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push_str(&format!("\\U{:08x}", c as u32)),
            }
        }
        out.push('"');
        out
    }
    fn is_plain_safe(s: &str) -> bool {
        let mut cs = s.chars();
        cs.next().is_some_and(|c| c.is_ascii_alphabetic())
            && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !matches!(
                s,
                "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "null" | "Null" | "NULL"
            )
    }
    fn nested(v: &Value) -> bool {
        matches!(v, Value::Object(m) if !m.is_empty())
            || matches!(v, Value::Array(a) if !a.is_empty())
    }
    fn block(v: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match v {
            Value::Object(m) if !m.is_empty() => {
                for (k, v) in m {
                    out.push_str(&format!("{pad}{}:", quote(k)));
                    if nested(v) {
                        out.push('\n');
                        block(v, indent + 2, out);
                    } else {
                        out.push_str(&format!(" {}\n", scalar(v)));
                    }
                }
            }
            Value::Array(a) if !a.is_empty() => {
                for v in a {
                    out.push_str(&format!("{pad}-"));
                    if nested(v) {
                        out.push('\n');
                        block(v, indent + 2, out);
                    } else {
                        out.push_str(&format!(" {}\n", scalar(v)));
                    }
                }
            }
            other => out.push_str(&format!("{}\n", scalar(other))),
        }
    }
    let mut out = String::new();
    block(v, 0, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_text_round_trips(v in json_value(false)) {
        // Documents are mappings; JSON text goes through the strict JSON parser.
        let v = json!({ "v": v });
        let text = serde_json::to_string_pretty(&v).unwrap();
        let back = yaml::parse(&text).map_err(|d| TestCaseError::fail(format!("{d}\n{text}")))?;
        prop_assert_eq!(back, v, "{}", text);
    }

    #[test]
    fn yaml_text_round_trips(v in json_value(true)) {
        let text = to_yaml(&v);
        let back = yaml::parse(&text).map_err(|d| TestCaseError::fail(format!("{d}\n{text}")))?;
        prop_assert_eq!(back, v, "{}", text);
    }

    #[test]
    fn loader_never_panics_and_errors_have_a_line(text in "[ -~\n\t]{0,200}") {
        if let Err(d) = yaml::parse_with_locations(&text) {
            prop_assert!(d.is_error() && d.line >= 1, "{}", d);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Naming

fn wire_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9]{0,12}",
        "[a-z_<>=+@.\\- 0-9]{0,16}",
        Just("type".to_string()),
        Just("Self".to_string()),
        Just("async".to_string()),
        Just("self".to_string()),
        Just("StartTime<".to_string()),
        Just("\u{10eab}self".to_string()),
        any::<String>(),
    ]
}

fn is_ident(s: &str) -> bool {
    syn::parse_str::<syn::Ident>(s).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn names_are_identifiers(name in wire_name()) {
        let (s, c) = (snake(&name), camel(&name));
        prop_assert!(is_ident(&s), "snake({:?}) = {:?}", name, s);
        prop_assert!(is_ident(&c), "camel({:?}) = {:?}", name, c);
        prop_assert!(s.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'));
        prop_assert!(c.starts_with(|ch: char| ch.is_ascii_uppercase()), "{}", c);
        let k = kebab(&name);
        prop_assert!(!k.is_empty() && !k.contains('_'), "{}", k);
    }

    #[test]
    fn names_are_stable(name in wire_name()) {
        // Same input, same name; and a snake_case name converted again keeps its spelling.
        prop_assert_eq!(snake(&name), snake(&name));
        prop_assert_eq!(camel(&name), camel(&name));
        // (Not so for camel: `A A` gives `AA`, which reads as one acronym, `Aa`.)
        let s = snake(&name);
        prop_assert_eq!(snake(&s), s.clone());
    }

    #[test]
    fn namespaces_are_unique_and_deterministic(names in prop::collection::vec(wire_name(), 0..24)) {
        let claim_all = || {
            let mut ns = Namespace::new();
            names.iter().map(|n| ns.claim(&snake(n))).collect::<Vec<_>>()
        };
        let first = claim_all();
        prop_assert_eq!(&first, &claim_all());
        let mut seen = std::collections::HashSet::new();
        for n in &first {
            prop_assert!(seen.insert(n.clone()), "{} handed out twice", n);
            prop_assert!(is_ident(n), "{}", n);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lowering and emitting never panic on schema-shaped JSON

const COMPONENTS: [&str; 5] = ["Pet", "Owner", "pet-owner", "Self", "Missing"];

fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "string", "integer", "number", "boolean", "object", "array", "null", "weird"
        ])
        .prop_map(|t| json!({ "type": t })),
        prop::sample::select(COMPONENTS.to_vec())
            .prop_map(|c| json!({ "$ref": format!("#/components/schemas/{c}") })),
        Just(json!({"$ref": "#/nowhere"})),
        Just(json!({"type": "string", "format": "date-time", "maxLength": 3})),
        Just(json!({"enum": ["a", "A", "a<", "type", null, 3]})),
        Just(json!({"const": "x"})),
        Just(json!({"type": ["string", "null"]})),
        Just(json!({})),
        Just(json!(true)),
        Just(json!("not a schema")),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "type",
                        "self",
                        "Self",
                        "start_time",
                        "StartTime",
                        "StartTime<",
                        "",
                        "2x"
                    ]),
                    inner.clone()
                ),
                0..5
            )
            .prop_map(|kv| {
                let props: Map<String, Value> =
                    kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                let required: Vec<&String> = props.keys().take(2).collect();
                json!({"type": "object", "properties": props, "required": required})
            }),
            inner
                .clone()
                .prop_map(|i| json!({"type": "array", "items": i})),
            inner
                .clone()
                .prop_map(|i| json!({"type": "object", "additionalProperties": i})),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| json!({"oneOf": v})),
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| json!({"anyOf": v, "nullable": true})),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| json!({"allOf": v})),
        ]
    })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(schema(), COMPONENTS.len() - 1),
        prop::collection::vec((schema(), schema(), prop::sample::select(vec!["get", "post", "put"])), 1..4),
    )
        .prop_map(|(components, ops)| {
            let schemas: Map<String, Value> =
                COMPONENTS.iter().map(|c| c.to_string()).zip(components).collect();
            let mut paths = Map::new();
            for (i, (param, body, method)) in ops.into_iter().enumerate() {
                paths.insert(
                    format!("/items/{{id}}/v{i}"),
                    json!({ method: {
                        "operationId": if i == 0 { "type".to_string() } else { format!("Op{i}") },
                        "parameters": [
                            {"name": "id", "in": "path", "required": true, "schema": param},
                            {"name": "type", "in": "query", "schema": {"type": "string"}}
                        ],
                        "requestBody": {"content": {"application/json": {"schema": body.clone()}}},
                        "responses": {
                            "200": {"description": "ok", "content": {"application/json": {"schema": body}}},
                            "4XX": {"description": "error"}
                        }
                    }}),
                );
            }
            json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths,
                   "components": {"schemas": schemas}})
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn lowering_and_emitting_never_panic(doc in document()) {
        let input = Input { path: "p.json".into(), format: "openapi".into(), recovered: Recovered::new(doc.clone()) };
        let (api, _) = lower("prop", "api", &[input])
            .map_err(|d| TestCaseError::fail(format!("{d}\n{doc:#}")))?;
        // Whatever the schemas, the emitted code must be Rust that parses.
        emit(&[api], &EmitOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{doc:#}")))?;
    }
}
