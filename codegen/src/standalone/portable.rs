//! Paths in a generated crate that stay valid when the crate moves: the `cpaas-runtime`
//! dependency relative to the crate's folder, and source files named relative to the inputs'
//! folder (never absolute, so no machine's folder layout leaks into generated files).

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against the current directory, with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path that leads from the folder `from` to `to` (both absolute), with `..` where it
/// climbs; `None` when there is none (different Windows drives or path prefixes).
pub fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let (from, to) = (absolute(from), absolute(to));
    let (f, t): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    if f.first() != t.first() {
        return None;
    }
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

/// The deepest folder that holds every file of `files` (absolute).
pub fn common_folder(files: &[PathBuf]) -> PathBuf {
    let mut dirs = files.iter().map(|f| {
        let f = absolute(f);
        f.parent().map(Path::to_path_buf).unwrap_or(f)
    });
    let Some(mut base) = dirs.next() else {
        return PathBuf::new();
    };
    for d in dirs {
        while !d.starts_with(&base) {
            if !base.pop() {
                break;
            }
        }
    }
    base
}

/// `file` named relative to the folder `base` when it lies under it, else its file name alone
/// (never the absolute path).
pub fn shown(file: &Path, base: &Path) -> PathBuf {
    let abs = absolute(file);
    match abs.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => abs.file_name().map(PathBuf::from).unwrap_or_default(),
    }
}

/// A path written in a generated file: `/` separators on every platform.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
        .replace("//", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        let r = relative(Path::new("/a/b/out"), Path::new("/a/runtime")).unwrap();
        assert_eq!(slashed(&r), "../../runtime");
        let r = relative(Path::new("/a"), Path::new("/a/x/y")).unwrap();
        assert_eq!(slashed(&r), "x/y");
        assert_eq!(
            slashed(&relative(Path::new("/a"), Path::new("/a")).unwrap()),
            "."
        );
    }

    #[test]
    fn shown_paths_are_never_absolute() {
        let files = [PathBuf::from("/t/x/a.yaml"), PathBuf::from("/t/y/b.yaml")];
        let base = common_folder(&files);
        assert_eq!(base, Path::new("/t"));
        assert_eq!(slashed(&shown(&files[0], &base)), "x/a.yaml");
        let one = common_folder(&files[..1]);
        assert_eq!(slashed(&shown(&files[0], &one)), "a.yaml");
        assert_eq!(slashed(&shown(Path::new("/else/c.yaml"), &one)), "c.yaml");
    }
}
