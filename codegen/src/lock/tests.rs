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

/// Pagination and event streams round-trip too (the seeds have neither): the lock fixtures of
/// the loopback tests, each with paginated lists or event streams.
#[test]
fn pagination_and_event_streams_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (mut pages, mut events) = (0, 0);
    for name in ["pagination_loopback.yaml", "events_loopback.yaml"] {
        let api = crate::diff::tests::lower_text(&std::fs::read_to_string(dir.join(name)).unwrap());
        pages += api
            .operations
            .iter()
            .filter(|o| o.pagination.is_some())
            .count();
        events += api.operations.iter().filter(|o| o.events.is_some()).count();
        let text = render(&api);
        let surface: Surface = serde_json::from_str(&text).unwrap();
        assert_eq!(surface.format, FORMAT);
        let rebuilt = surface.to_api().unwrap_or_else(|d| panic!("{d}"));
        let diff = diff_apis(&api, &rebuilt);
        assert!(diff.changes.is_empty(), "{name}: {}", diff.render());
        assert_eq!(render(&rebuilt), text, "{name}");
        // Dropping them from the rebuilt side is seen.
        let mut bare = rebuilt.clone();
        for op in &mut bare.operations {
            op.pagination = None;
            op.events = None;
        }
        let diff = diff_apis(&api, &bare);
        let gone = diff
            .changes
            .iter()
            .filter(|c| c.kind == "pagination-removed" || c.kind == "events-removed")
            .count();
        assert_eq!(gone, diff.changes.len(), "{}", diff.render());
        assert_eq!(
            gone,
            api.operations
                .iter()
                .map(|o| o.pagination.is_some() as usize + o.events.is_some() as usize)
                .sum::<usize>()
        );
    }
    assert!(
        pages >= 3 && events >= 1,
        "{pages} paginated, {events} streaming"
    );
}
