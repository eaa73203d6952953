//! Component names for schemas that came from other files.
//!
//! The rule (what `redocly bundle` and `swagger-cli bundle` do, made independent of the order
//! references are met in):
//! * the name is the fragment's last segment (`Order.yaml#/Order` -> `Order`,
//!   `common.yaml#/components/schemas/Error` -> `Error`), or the file's stem for a whole-file
//!   reference (`schemas/Pet.yaml` -> `Pet`); characters outside `A-Za-z0-9._-` become `_`;
//! * when two schemas would get the same name, or the name is already a schema of the entry
//!   document, every one of them is named by its place instead: the folders from the entry
//!   document's folder, the file's stem and the fragment's segments, joined by `_`
//!   (`a/Pet.yaml` -> `a_Pet`, `b/Pet.yaml` -> `b_Pet`);
//! * a name still taken after that gets `_2`, `_3`, … in the order of the schemas' places;
//! * except: a schema of the entry document that is nothing but a reference to another file
//!   (`components: {schemas: {Pet: {$ref: schemas/Pet.yaml}}}`, the usual layout) gives that
//!   file its name, and the file's schema takes the place of the reference.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::resolve::{Target, last_segment};

/// Keeps the characters a component name may hold (`^[a-zA-Z0-9._-]+$`).
fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() { "Schema".into() } else { out }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The short name of a schema target.
fn base_name(t: &Target) -> String {
    if t.pointer.is_empty() {
        sanitize(&stem(&t.file))
    } else {
        sanitize(&last_segment(&t.pointer))
    }
}

/// The qualified name of a schema target: its place under `root`.
fn qualified_name(t: &Target, root: &Path) -> String {
    let rel = t.file.strip_prefix(root).unwrap_or(&t.file);
    let mut parts: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.push(stem(&t.file));
    parts.extend(
        t.pointer
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~")),
    );
    sanitize(&parts.join("_"))
}

/// One name per target (same order as `targets`): `fixed[i]` when given (a schema of the entry
/// document that is only a reference to this target: the target takes its place), else none in
/// `taken` (the entry document's own schema names) and no two alike. Depends only on the set
/// of targets, not on their order.
pub(crate) fn assign(
    targets: &[Target],
    fixed: &[Option<String>],
    root: &Path,
    taken: &BTreeSet<String>,
) -> Vec<String> {
    let free = |i: usize| fixed.get(i).is_none_or(Option::is_none);
    let mut by_base: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        if free(i) {
            *by_base.entry(base_name(t)).or_default() += 1;
        }
    }
    let wanted: Vec<String> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if let Some(Some(name)) = fixed.get(i) {
                return name.clone();
            }
            let base = base_name(t);
            if by_base[&base] == 1 && !taken.contains(&base) {
                base
            } else {
                qualified_name(t, root)
            }
        })
        .collect();
    // Suffixes, if any are needed, go by the targets' places, so they are stable too.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by(|&a, &b| targets[a].cmp(&targets[b]));
    let mut used = taken.clone();
    let mut names = vec![String::new(); targets.len()];
    // First every name that is free as wanted, then the suffixed ones.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &wanted {
        *count.entry(w.as_str()).or_default() += 1;
    }
    for &i in &order {
        if !free(i) {
            names[i] = wanted[i].clone();
        } else if count[wanted[i].as_str()] == 1 && !used.contains(&wanted[i]) {
            used.insert(wanted[i].clone());
            names[i] = wanted[i].clone();
        }
    }
    for &i in &order {
        if !names[i].is_empty() {
            continue;
        }
        let mut n = 2;
        let mut name = format!("{}_{n}", wanted[i]);
        while used.contains(&name) {
            n += 1;
            name = format!("{}_{n}", wanted[i]);
        }
        used.insert(name.clone());
        names[i] = name;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn t(file: &str, pointer: &str) -> Target {
        Target {
            file: PathBuf::from(file),
            pointer: pointer.into(),
        }
    }

    #[test]
    fn short_names_from_fragment_or_stem() {
        let ts = [
            t("/r/schemas/Pet.yaml", ""),
            t("/r/common.yaml", "/components/schemas/Error"),
            t("/r/x.yaml", "/a~1b c"),
        ];
        assert_eq!(
            assign(&ts, &[], Path::new("/r"), &BTreeSet::new()),
            ["Pet", "Error", "a_b_c"]
        );
    }

    #[test]
    fn collisions_qualify_every_member_whatever_the_order() {
        let a = t("/r/a/Pet.yaml", "");
        let b = t("/r/b/Pet.yaml", "");
        let n1 = assign(
            &[a.clone(), b.clone()],
            &[],
            Path::new("/r"),
            &BTreeSet::new(),
        );
        let n2 = assign(&[b, a], &[], Path::new("/r"), &BTreeSet::new());
        assert_eq!(n1, ["a_Pet", "b_Pet"]);
        assert_eq!(n2, ["b_Pet", "a_Pet"]);
    }

    #[test]
    fn names_of_the_entry_document_are_not_reused() {
        let taken: BTreeSet<String> = ["Pet".to_string(), "x_Pet".to_string()].into();
        let names = assign(&[t("/r/x/Pet.yaml", "")], &[], Path::new("/r"), &taken);
        assert_eq!(names, ["x_Pet_2"]);
    }

    #[test]
    fn a_fixed_name_is_kept_and_not_given_twice() {
        let taken: BTreeSet<String> = ["Animal".to_string()].into();
        let ts = [t("/r/s/Pet.yaml", ""), t("/r/Animal.yaml", "")];
        let fixed = [Some("Animal".to_string()), None];
        let names = assign(&ts, &fixed, Path::new("/r"), &taken);
        assert_eq!(names, ["Animal", "Animal_2"]);
    }
}
