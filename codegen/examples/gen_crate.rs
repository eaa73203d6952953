//! Writes a standalone crate from API documents, the way `cpaas generate` does; used by
//! `bench/compare.sh` to time generation alone.
//!
//! `cargo run --release -p cpaas-codegen --example gen_crate -- OUT NAME RUNTIME_PATH FILE...`
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: gen_crate OUT NAME RUNTIME_PATH FILE...");
        std::process::exit(2);
    }
    let files: Vec<PathBuf> = args[3..].iter().map(PathBuf::from).collect();
    let t = std::time::Instant::now();
    match cpaas_codegen::standalone::generate_crate(
        &PathBuf::from(&args[0]),
        &args[1],
        &files,
        &PathBuf::from(&args[2]),
    ) {
        Ok(r) => eprintln!(
            "generated {} operations, {} lines in {:?} ({} warnings)",
            r.operations,
            r.lines,
            t.elapsed(),
            r.diagnostics.len()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
