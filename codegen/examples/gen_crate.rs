//! Writes a standalone crate from API documents, the way `cpaas generate` does; used by
//! `bench/compare.sh` to time generation alone.
//!
//! `cargo run --release -p cpaas-codegen --example gen_crate -- OUT NAME RUNTIME_PATH FILE...`
//!
//! Prints each warning on stderr, then a summary line; `CPAAS_BUNDLE_ROOT=DIR` widens the
//! folder multi-file `$ref`s may reach, as `cpaas generate --root DIR` does.
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: gen_crate OUT NAME RUNTIME_PATH FILE...");
        std::process::exit(2);
    }
    let files: Vec<PathBuf> = args[3..].iter().map(PathBuf::from).collect();
    let t = std::time::Instant::now();
    // `CPAAS_BUNDLE_ROOT`: the folder multi-file `$ref`s may reach (`cpaas generate --root`).
    let root = std::env::var_os("CPAAS_BUNDLE_ROOT").map(PathBuf::from);
    match cpaas_codegen::standalone::generate_crate_within(
        &PathBuf::from(&args[0]),
        &args[1],
        &files,
        &PathBuf::from(&args[2]),
        root.as_deref(),
    ) {
        Ok(r) => {
            for d in &r.diagnostics {
                eprintln!("{d}");
            }
            eprintln!(
                "generated {} operations, {} lines in {:?} ({} warnings)",
                r.operations,
                r.lines,
                t.elapsed(),
                r.diagnostics.len()
            )
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
