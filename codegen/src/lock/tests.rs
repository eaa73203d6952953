use std::path::Path;

use super::*;
use crate::diff::diff_apis;

fn seeds() -> Vec<Api> {
    let mut c = crate::Config::new();
    c.specs_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs"))
        .cargo_directives(false);
    c.run().unwrap_or_else(|e| panic!("{e}")).apis
}

/// The lock holds what `spec diff` compares: an API and the API rebuilt from its lock are the
/// same by the diff's rules, and the rebuilt API's lock is the same text.
#[test]
fn a_surface_round_trips_through_what_the_diff_compares() {
    let apis = seeds();
    assert_eq!(apis.len(), 4);
    for api in &apis {
        let text = render(api);
        let surface: Surface = serde_json::from_str(&text).unwrap();
        let rebuilt = surface.to_api().unwrap_or_else(|d| panic!("{d}"));
        let diff = diff_apis(api, &rebuilt);
        assert!(diff.changes.is_empty(), "{}: {}", api.name, diff.render());
        assert_eq!(render(&rebuilt), text, "{}", api.name);
        // Nothing a reviewer should not see: no descriptions, no source lines.
        assert!(!text.contains("description") && !text.contains("\"line\""));
    }
}

#[test]
fn type_strings_read_back() {
    let names = ["Call", "Map"];
    for s in [
        "string",
        "i32",
        "i64",
        "array<nullable<Call>>",
        "map<Map>",
        "date-time-rfc-2822",
        "secret",
    ] {
        let t = typeref::parse_type(s, &names).unwrap();
        let api = Api {
            types: names
                .iter()
                .map(|n| crate::ir::TypeDef {
                    rust_name: n.to_string(),
                    source_name: None,
                    kind: crate::ir::TypeKind::Alias(crate::ir::TypeRef::Any),
                    description: None,
                })
                .collect(),
            ..Api::default()
        };
        assert_eq!(typeref::show_type(&api, &t), s);
    }
    let e = typeref::parse_type("Nope", &names).unwrap_err();
    assert_eq!(e.code, "lock.invalid");
}
