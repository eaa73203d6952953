//! The source tree keeps the shape ARCHITECTURE.md describes, checked on every source file of
//! the four crates (`codegen/src`, `runtime/src`, `src`, `cli/src` with its `cpaas` binary):
//!
//! * no source file is over [`MAX_LINES`] lines (test files apart: `tests.rs`, `tests/`);
//! * no import runs back up: a module never `use`s an item defined (or re-exported) by one of
//!   its ancestors, the crate root included (`use super::Item`, `use crate::Item`); siblings,
//!   children and other subtrees are fine;
//! * no import circle: the graph of `use` edges between modules has no cycle;
//! * ARCHITECTURE.md's tree has one line per source file, and names no file that is gone.
//!
//! Only `use` declarations count (paths written inline in code are not imports), and test
//! modules (`tests.rs` files, and everything from a `#[cfg(test)]` line on) are left out: a
//! test module reaching into its parent is what test modules are for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The size above which a source file is too large to hold in one's head.
const MAX_LINES: usize = 900;

/// One crate's sources: module path (`["emit", "plan"]`) to file.
struct CrateSrc {
    name: &'static str,
    modules: BTreeMap<Vec<String>, PathBuf>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `.rs` files under `dir`, leaving out the folders named in `skip` (another crate's).
fn rs_files(dir: &Path, skip: &[&str], out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() && p.file_name().is_some_and(|n| skip.iter().any(|s| n == *s)) {
            continue;
        }
        if p.is_dir() {
            rs_files(&p, skip, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn is_test_file(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "tests.rs")
        || p.components().any(|c| c.as_os_str() == "tests")
}

/// Module path of a file under `src`: `lib.rs`/`main.rs` is the root, `a/mod.rs` and `a.rs`
/// are `a`, `a/b.rs` is `a::b`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

fn crate_src(name: &'static str, src: &Path, skip: &[&str]) -> CrateSrc {
    let mut files = Vec::new();
    rs_files(src, skip, &mut files);
    let modules = files
        .into_iter()
        .filter(|f| !is_test_file(f))
        .map(|f| (module_path(src, &f), f))
        .collect();
    CrateSrc { name, modules }
}

/// The `use` declarations of a file, up to its first `#[cfg(test)]`, as full paths
/// (`super::a::{b, c::D}` gives `super::a::b` and `super::a::c::D`), with their line.
fn uses(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        let rest = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| t.strip_prefix(p));
        let Some(rest) = rest else { continue };
        let mut decl = rest.to_string();
        while !decl.contains(';') {
            let Some((_, more)) = lines.next() else { break };
            decl.push_str(more.trim());
        }
        let decl = decl.split(';').next().unwrap_or_default();
        for p in expand(decl) {
            out.push((i + 1, p.split("::").map(str::to_string).collect()));
        }
    }
    out
}

/// Expands a use tree into its leaf paths (`as` renames dropped).
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let leaf = tree.split(" as ").next().unwrap_or(tree);
        return vec![leaf.split_whitespace().collect()];
    };
    let prefix: String = tree[..open].split_whitespace().collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand(p).into_iter().map(|leaf| {
                if leaf == "self" {
                    prefix.trim_end_matches("::").to_string()
                } else {
                    format!("{prefix}{leaf}")
                }
            })
        })
        .collect()
}

/// The module a `use` path from `from` names, and whether it names the module itself (rather
/// than an item defined in it). `None` for paths outside the crate.
fn target(c: &CrateSrc, from: &[String], path: &[String]) -> Option<(Vec<String>, bool)> {
    let mut abs: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") => from.to_vec(),
        Some("self") => from.to_vec(),
        _ => return None,
    };
    let mut rest = path;
    while let Some(head) = rest.first() {
        match head.as_str() {
            "crate" | "self" => {}
            "super" => {
                abs.pop();
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    for seg in rest {
        let mut next = abs.clone();
        next.push(seg.clone());
        if c.modules.contains_key(&next) {
            abs = next;
        } else {
            return Some((abs, false));
        }
    }
    Some((abs, true))
}

fn crates() -> Vec<CrateSrc> {
    let r = root();
    vec![
        crate_src("cpaas-codegen", &r.join("codegen/src"), &[]),
        crate_src("cpaas-runtime", &r.join("runtime/src"), &[]),
        crate_src("cpaas-tokens", &r.join("src"), &[]),
        crate_src("cpaas-cli", &r.join("cli/src"), &["bin"]),
        crate_src("cpaas (the binary)", &r.join("cli/src/bin/cpaas"), &[]),
    ]
}

#[test]
fn no_source_file_is_over_the_size_limit() {
    let mut over = Vec::new();
    for c in crates() {
        for f in c.modules.values() {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            if n > MAX_LINES {
                over.push(format!("{} ({n} lines)", f.display()));
            }
        }
    }
    assert!(
        over.is_empty(),
        "split these by what they make (at most {MAX_LINES} lines a file): {over:#?}"
    );
}

/// The paths ARCHITECTURE.md's tree block names: the first word of each line inside the
/// fenced block that follows the `## The tree` heading (fences are lines starting with ```).
fn architecture_tree() -> BTreeSet<PathBuf> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let after = text
        .split_once("## The tree")
        .expect("ARCHITECTURE.md has a `## The tree` section")
        .1;
    after
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.ends_with(".rs"))
        .map(PathBuf::from)
        .collect()
}

#[test]
fn architecture_md_lists_every_module() {
    let r = root();
    let listed = architecture_tree();
    let mut files = BTreeSet::new();
    for c in crates() {
        for f in c.modules.values() {
            files.insert(
                f.strip_prefix(&r)
                    .unwrap()
                    .components()
                    .collect::<PathBuf>(),
            );
        }
    }
    let missing: Vec<_> = files.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&files).collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "ARCHITECTURE.md `## The tree` is out of date: add a line (path, then what the file \
         makes) for {missing:#?}; remove the lines of {gone:#?}"
    );
}

#[test]
fn no_import_runs_back_up_to_an_ancestor() {
    let mut bad = Vec::new();
    for c in crates() {
        for (m, f) in &c.modules {
            let text = std::fs::read_to_string(f).unwrap();
            for (line, path) in uses(&text) {
                let Some((t, is_module)) = target(&c, m, &path) else {
                    continue;
                };
                // An item of an ancestor module (or the ancestor itself through `self`-less
                // re-export chains): `t` is a strict prefix of `m`, and the path names an
                // item defined there, not a sibling module below it.
                if !is_module && t.len() < m.len() && m.starts_with(&t) {
                    bad.push(format!(
                        "{}:{line}: `{}` imports from its ancestor `{}`",
                        f.display(),
                        path.join("::"),
                        if t.is_empty() {
                            c.name.to_string()
                        } else {
                            t.join("::")
                        }
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "move what these import into a leaf module both can name: {bad:#?}"
    );
}

#[test]
fn the_module_import_graph_has_no_cycle() {
    let mut cycles = Vec::new();
    for c in crates() {
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (m, f) in &c.modules {
            let text = std::fs::read_to_string(f).unwrap();
            for (_, path) in uses(&text) {
                if let Some((t, _)) = target(&c, m, &path) {
                    // A parent naming its own children (declaring and re-exporting them) is
                    // the tree itself, not an import edge.
                    if t != *m && !t.starts_with(m) {
                        edges.entry(m.clone()).or_default().insert(t);
                    }
                }
            }
        }
        for cycle in find_cycles(&edges) {
            let names: Vec<String> = cycle
                .iter()
                .map(|m| {
                    if m.is_empty() {
                        "(root)".into()
                    } else {
                        m.join("::")
                    }
                })
                .collect();
            cycles.push(format!("{}: {}", c.name, names.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "import circles: {cycles:#?}");
}

/// One cycle per strongly connected component of more than one module (depth-first search).
fn find_cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    let mut found = Vec::new();
    let mut done: BTreeSet<Vec<String>> = BTreeSet::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(start.clone());
                    let key: BTreeSet<Vec<String>> = cycle.iter().cloned().collect();
                    if key.iter().all(|k| !done.contains(k)) {
                        found.push(cycle);
                        done.extend(key);
                    }
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    found
}

#[test]
fn the_checker_sees_what_it_looks_for() {
    // A checker that finds nothing because it reads nothing would pass the tests above.
    assert_eq!(
        expand("super::{a::B, c::{D as F, E}, self, assemble}"),
        [
            "super::a::B",
            "super::c::D",
            "super::c::E",
            "super",
            "super::assemble"
        ]
    );
    let c = CrateSrc {
        name: "t",
        modules: [vec![], vec!["a".into()], vec!["a".into(), "b".into()]]
            .into_iter()
            .map(|m| (m, PathBuf::new()))
            .collect(),
    };
    let from = vec!["a".to_string(), "b".to_string()];
    let p = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    assert_eq!(target(&c, &from, &p("super::Item")), Some((p("a"), false)));
    assert_eq!(target(&c, &from, &p("crate::Item")), Some((vec![], false)));
    assert_eq!(
        target(&c, &from, &p("crate::a::b")),
        Some((p("a::b"), true))
    );
    assert_eq!(target(&c, &from, &p("std::fmt")), None);
    let codegen = &crates()[0];
    assert!(codegen.modules.len() > 40, "{}", codegen.modules.len());
    let lib = std::fs::read_to_string(&codegen.modules[&Vec::<String>::new()]).unwrap();
    assert!(!uses(&lib).is_empty());
    let mut edges = BTreeMap::new();
    edges.insert(p("x"), BTreeSet::from([p("y")]));
    edges.insert(p("y"), BTreeSet::from([p("x")]));
    assert_eq!(find_cycles(&edges).len(), 1);
}
