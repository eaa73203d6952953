//! Generation cost per stage and as a whole, on the vendored corpus, and how it grows with the
//! number of operations.
//!
//! `cargo bench -p cpaas-codegen` runs a modest default set (a few seconds per benchmark);
//! `CPAAS_BENCH_FULL=1` runs every corpus spec (largest first: Telnyx's 4 MB, 1156 operations,
//! takes minutes) and the scaling series on larger specs. Stages:
//!
//! * `detect`: format detection by content;
//! * `load`: YAML/JSON text into `serde_json::Value` with node lines (`frontend::yaml`);
//! * `frontend/<format>`: each frontend present, on the corpus and seed pages it reads;
//! * `lower`: OpenAPI into the IR;
//! * `emit_tokens`: IR into a `proc_macro2::TokenStream`;
//! * `syn_parse`: tokens into a `syn::File`;
//! * `prettyplease`: `syn::File` into source text;
//! * `pipeline`: bytes to formatted code, everything above in a row.
//!
//! The `scaling/<spec>` group generates (bytes to code) the spec with its operations repeated
//! 1, 2, 4 and 8 times and prints each size's time against the 1x time of the same run.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cpaas_codegen::detect::Format;
use cpaas_codegen::emit::{self, EmitOptions};
use cpaas_codegen::frontend::{self, Outcome, Recovered};
use cpaas_codegen::lower::{self, Input};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};

fn full() -> bool {
    std::env::var("CPAAS_BENCH_FULL").is_ok_and(|v| v == "1")
}

fn config() -> Criterion {
    let c = Criterion::default().configure_from_args();
    if full() {
        c.sample_size(10)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(10))
    } else {
        c.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
    }
}

/// The corpus specs to measure, largest first.
fn specs(shared: &Path) -> Vec<PathBuf> {
    let all = common::files_largest_first(&shared.join("corpus/specs"));
    if full() {
        return all.into_iter().map(|(p, _)| p).collect();
    }
    // Default: two mid-sized real specs and one small one.
    let pick = [
        "twilio_conversations_v1.json",
        "progenitor/nexus.json",
        "progenitor/buildomat.json",
    ];
    all.into_iter()
        .map(|(p, _)| p)
        .filter(|p| pick.iter().any(|s| p.ends_with(s)))
        .collect()
}

fn label(shared: &Path, p: &Path) -> String {
    p.strip_prefix(shared.join("corpus/specs"))
        .or_else(|_| p.strip_prefix(shared))
        .unwrap_or(p)
        .display()
        .to_string()
}

fn input_of(path: &Path, rec: Recovered) -> Input {
    Input {
        path: path.to_path_buf(),
        format: "openapi".into(),
        recovered: rec,
    }
}

/// Bytes to formatted code, every stage in a row; `None` where a stage fails.
fn generate(path: &Path, text: &str, opts: &EmitOptions) -> Option<String> {
    let Ok((_, Outcome::Recovered(rec))) = frontend::recover(text) else {
        return None;
    };
    let (api, _) = lower::lower("bench", "api", &[input_of(path, rec)]).ok()?;
    emit::emit(&[api], opts).ok()
}

fn bench_stages(c: &mut Criterion, shared: &Path) {
    let opts = EmitOptions::default();
    for path in specs(shared) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = label(shared, &path);
        let Ok((_, Outcome::Recovered(rec))) = frontend::recover(&text) else {
            eprintln!("note: {name} is not an OpenAPI document the pipeline reads; skipped");
            continue;
        };
        let ops = common::count_ops(&rec.doc);
        let inputs = [input_of(&path, rec)];
        let Ok((api, _)) = lower::lower("bench", "api", &inputs) else {
            eprintln!("note: {name} does not lower; skipped");
            continue;
        };
        let apis = [api];
        let Ok(tokens) = emit::tokens(&apis, &opts) else {
            eprintln!("note: {name}: the emitter failed; skipped");
            continue;
        };
        let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) else {
            eprintln!("note: {name}: generated code does not parse; skipped");
            continue;
        };
        let lines = prettyplease::unparse(&file).lines().count();
        eprintln!(
            "{name}: {} bytes, {ops} operations, {} types, {lines} generated lines",
            text.len(),
            apis[0].types.len()
        );

        let mut g = c.benchmark_group(format!("stages/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("detect", |b| {
            b.iter(|| cpaas_codegen::detect::detect(black_box(&text)))
        });
        g.bench_function("load", |b| {
            b.iter(|| cpaas_codegen::frontend::yaml::parse_with_locations(black_box(&text)))
        });
        g.throughput(Throughput::Elements(ops as u64));
        g.bench_function("lower", |b| {
            b.iter(|| lower::lower("bench", "api", black_box(&inputs)))
        });
        g.bench_function("emit_tokens", |b| {
            b.iter(|| emit::tokens(black_box(&apis), &opts))
        });
        g.bench_function("syn_parse", |b| {
            b.iter_batched(
                || tokens.clone(),
                syn::parse2::<syn::File>,
                BatchSize::PerIteration,
            )
        });
        g.bench_function("prettyplease", |b| {
            b.iter(|| prettyplease::unparse(black_box(&file)))
        });
        g.bench_function("pipeline", |b| {
            b.iter(|| generate(&path, black_box(&text), &opts))
        });
        g.finish();
    }
}

/// Each frontend present, on every corpus/seed page it reads (default: the largest per format).
fn bench_frontends(c: &mut Criterion, shared: &Path) {
    let mut pages = common::files_largest_first(&shared.join("corpus/pages"));
    pages.extend(common::files_largest_first(&shared.join("seeds")));
    let mut by_format: BTreeMap<Format, Vec<(PathBuf, String)>> = BTreeMap::new();
    let mut skipped: BTreeMap<Format, usize> = BTreeMap::new();
    for (p, _) in pages {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        match frontend::recover(&text) {
            Ok((d, Outcome::Recovered(_))) if d.format != Format::OpenApi => {
                by_format.entry(d.format).or_default().push((p, text))
            }
            Ok((d, _)) => *skipped.entry(d.format).or_default() += 1,
            Err(_) => *skipped.entry(Format::Unknown).or_default() += 1,
        }
    }
    for (f, n) in &skipped {
        eprintln!(
            "note: {n} page(s) of format `{f}` not benchmarked (no frontend here, or not a page)"
        );
    }
    let mut g = c.benchmark_group("frontend");
    for (format, pages) in by_format {
        let take = if full() { pages.len() } else { 1 };
        for (p, text) in pages.into_iter().take(take) {
            g.throughput(Throughput::Bytes(text.len() as u64));
            let id = BenchmarkId::new(
                format.id(),
                p.file_name().unwrap_or_default().to_string_lossy(),
            );
            g.bench_with_input(id, &text, |b, text| {
                b.iter(|| frontend::recover(black_box(text)))
            });
        }
    }
    g.finish();
}

/// Bytes-to-code time at 1x, 2x, 4x, 8x the operations; prints ratios to the 1x time.
fn bench_scaling(c: &mut Criterion, shared: &Path) {
    let bases: &[&str] = if full() {
        &["twilio_conversations_v1.json", "progenitor/nexus.json"]
    } else {
        &["progenitor/buildomat.json"]
    };
    let opts = EmitOptions::default();
    for base in bases {
        let path = shared.join("corpus/specs").join(base);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("note: {base} missing; scaling skipped");
            continue;
        };
        let Ok(doc) = cpaas_codegen::frontend::yaml::parse(&text) else {
            continue;
        };
        // Per size: (operations, total time, iterations) as criterion measured them.
        let measured: RefCell<BTreeMap<usize, (usize, Duration, u64)>> = Default::default();
        let mut g = c.benchmark_group(format!("scaling/{base}"));
        for k in [1usize, 2, 4, 8] {
            let scaled = common::scale_ops(&doc, k);
            let ops = common::count_ops(&scaled);
            let scaled_text = serde_json::to_string(&scaled).unwrap_or_default();
            g.throughput(Throughput::Elements(ops as u64));
            g.bench_with_input(BenchmarkId::new("ops", ops), &scaled_text, |b, t| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    for _ in 0..iters {
                        black_box(generate(&path, t, &opts));
                    }
                    let d = start.elapsed();
                    let mut m = measured.borrow_mut();
                    let e = m.entry(k).or_insert((ops, Duration::ZERO, 0));
                    e.1 += d;
                    e.2 += iters;
                    d
                })
            });
        }
        g.finish();
        let m = measured.into_inner();
        let per_iter = |(_, d, n): &(usize, Duration, u64)| d.as_secs_f64() / (*n).max(1) as f64;
        if let Some(base_t) = m.get(&1).map(per_iter) {
            eprintln!(
                "\nscaling of {base} (mean over all iterations criterion ran, incl. warm-up):"
            );
            eprintln!("  size  operations   time/run   vs 1x   per-operation vs 1x");
            for (k, e) in &m {
                let t = per_iter(e);
                let ratio = t / base_t;
                eprintln!(
                    "  {k:>3}x  {:>10}   {:>8.1} ms  {:>5.2}x   {:>5.2}",
                    e.0,
                    t * 1e3,
                    ratio,
                    ratio / *k as f64
                );
            }
            eprintln!();
        }
    }
}

fn main() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("note: ../../shared (the corpus) is missing; nothing to benchmark");
        return;
    };
    let mut c = config();
    bench_stages(&mut c, &shared);
    bench_frontends(&mut c, &shared);
    bench_scaling(&mut c, &shared);
    c.final_summary();
}
