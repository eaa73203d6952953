//! Every generated operation's documentation has the provider's text, where it came from, and a
//! `no_run` example (compiled by `cargo test --doc`); and the generated file is, byte for byte,
//! the seed snapshot that `codegen/tests/output` compiles.

use cpaas_tokens::registry;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/cpaas_generated.rs"));

/// The `///` lines right above `pub fn <name>(` inside module `<provider>::<api>`.
fn method_doc(provider: &str, api: &str, name: &str) -> Option<String> {
    let p = GENERATED.find(&format!("pub mod {provider} {{"))?;
    let a = p + GENERATED[p..].find(&format!("pub mod {api} {{"))?;
    let f = a + GENERATED[a..].find(&format!("pub fn {name}("))?;
    let before: Vec<&str> = GENERATED[..f].lines().collect();
    let doc: Vec<&str> = before
        .iter()
        .rev()
        .skip(1) // the (indented) start of the `pub fn` line
        .map(|l| l.trim())
        .take_while(|l| l.starts_with("///") || l.starts_with("#["))
        .filter_map(|l| l.strip_prefix("///"))
        .collect();
    Some(
        doc.into_iter()
            .rev()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn every_operation_documents_text_source_and_example() {
    for e in registry::APIS {
        for o in e.operations {
            let method = o.rust_path.rsplit("::").next().unwrap();
            let doc = method_doc(e.info.provider, e.info.api, method)
                .unwrap_or_else(|| panic!("no method {}", o.rust_path));
            // The provider's words (the summary's first words survive sanitising).
            let words: Vec<&str> = o.summary.split_whitespace().take(3).collect();
            assert!(!words.is_empty(), "{}: no provider text", o.rust_path);
            assert!(
                doc.contains(&words.join(" ")),
                "{}: summary missing:\n{doc}",
                o.rust_path
            );
            // Where it came from, with the line when known.
            let (file, line) = o.source.rsplit_once(':').unwrap_or((o.source, "0"));
            let expected = if line == "0" {
                format!("Source: `{file}`.")
            } else {
                format!("Source: `{file}`, line {line}.")
            };
            assert!(
                doc.contains(&expected),
                "{}: `{expected}` missing:\n{doc}",
                o.rust_path
            );
            assert!(doc.contains(&format!("`{} {}`", o.method, o.path)));
            // A compiled, not run, example calling this very method.
            assert!(doc.contains("```no_run"), "{}: no example", o.rust_path);
            assert!(
                doc.contains(&format!(".{method}()")),
                "{}: example does not call it",
                o.rust_path
            );
        }
    }
}

/// `codegen/tests/snapshots.rs` regenerates the seed snapshot with its own copy of this
/// crate's `build.rs` options; this is what holds the two to the same `Config`.
#[test]
fn the_compiled_seed_snapshot_is_what_build_rs_generates() {
    const SNAPSHOT: &str = include_str!("../codegen/tests/output/src/generated/seeds.rs");
    assert!(
        GENERATED == SNAPSHOT,
        "build.rs generated something else than codegen/tests/output/src/generated/seeds.rs: \
         give codegen/tests/snapshots.rs the options build.rs uses, then run \
         `CPAAS_UPDATE_SNAPSHOTS=1 cargo test -p cpaas-codegen --test snapshots`"
    );
}
