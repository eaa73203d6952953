//! Reading one reference: splitting `$ref` into file and fragment, refusing what may not be
//! followed (URLs, absolute paths, paths that leave the entry document's folder), reading and
//! parsing the referenced file once, looking the fragment up, and finding the line of a `$ref`
//! in the file that holds it for error messages.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::frontend::yaml;

/// Largest referenced file read (the entry document is read by the caller).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Where a reference points: a file (absolute, lexically normalised) and a JSON pointer into it
/// (`""` for the whole file), still escaped (`~1`, `~0`) as `Value::pointer` expects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Target {
    /// The file, absolute and without `.` or `..` components.
    pub(crate) file: PathBuf,
    /// The JSON pointer into it, `""` for the whole document.
    pub(crate) pointer: String,
}

/// Why a reference string was refused before any file was read.
#[derive(Debug)]
pub(crate) enum Refused {
    /// `http:`, `https:`, `//host` and any other scheme.
    Url,
    /// `/etc/passwd`, `C:\x`, `\\server\share`.
    Absolute,
    /// A relative path whose `..` climb out of the entry document's folder.
    Escapes,
    /// A fragment that is not a JSON pointer (`#anchor`).
    Fragment,
}

/// `a/./b/../c` -> `a/c`, without touching the file system; `..` at the root stays at the root.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Decodes `%XX` escapes (URI references); invalid escapes and non-UTF-8 results stay as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// True for `scheme:` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`) of two or more
/// characters; one letter and `:` is a Windows drive, refused as absolute instead.
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn is_absolute(s: &str) -> bool {
    let b = s.as_bytes();
    s.starts_with('/')
        || s.starts_with('\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
        || Path::new(s).is_absolute()
}

/// Splits `raw` (the `$ref` string found in `from`, an absolute normalised file) into a target
/// inside `root` (the entry document's folder, absolute and normalised).
pub(crate) fn parse_ref(raw: &str, from: &Path, root: &Path) -> Result<Target, Refused> {
    let (file_part, fragment) = match raw.split_once('#') {
        Some((f, frag)) => (f, frag),
        None => (raw, ""),
    };
    if file_part.starts_with("//") || has_scheme(file_part) {
        return Err(Refused::Url);
    }
    if is_absolute(file_part) {
        return Err(Refused::Absolute);
    }
    let fragment = percent_decode(fragment);
    let pointer = match fragment.as_str() {
        "" | "/" => String::new(),
        f if f.starts_with('/') => f.to_string(),
        // A file whose name holds `#`, written unescaped: Redocly's `split` names the path
        // item of `/flows/{id}#clone+json` `paths/flows_{id}#clone+json.yaml`. Taken as that
        // whole file when it exists inside the root; anything else is no JSON pointer.
        _ if !file_part.is_empty() => {
            let whole = normalize(&from.parent().unwrap_or(root).join(percent_decode(raw)));
            if whole.starts_with(root) && whole.is_file() {
                return Ok(Target {
                    file: whole,
                    pointer: String::new(),
                });
            }
            return Err(Refused::Fragment);
        }
        _ => return Err(Refused::Fragment),
    };
    let file = if file_part.is_empty() {
        from.to_path_buf()
    } else {
        let rel = percent_decode(file_part);
        let joined = normalize(&from.parent().unwrap_or(root).join(&rel));
        if !joined.starts_with(root) {
            return Err(Refused::Escapes);
        }
        joined
    };
    Ok(Target { file, pointer })
}

/// A JSON pointer's last segment, unescaped (`""` for the whole document).
pub(crate) fn last_segment(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Files read so far, parsed once each.
#[derive(Debug, Default)]
pub(crate) struct Files {
    /// Parsed documents by absolute normalised path.
    docs: HashMap<PathBuf, Rc<Value>>,
    /// Every file read, in the order first read.
    pub(crate) order: Vec<PathBuf>,
}

impl Files {
    /// Registers the entry document, already parsed by the caller.
    pub(crate) fn insert(&mut self, path: PathBuf, doc: Value) {
        self.order.push(path.clone());
        self.docs.insert(path, Rc::new(doc));
    }

    /// The parsed file, reading it on first use. `Err` is the reason, phrased to follow
    /// "cannot read `file`: ", or a parse diagnostic positioned in that file.
    pub(crate) fn load(&mut self, path: &Path, root: &Path) -> Result<Rc<Value>, LoadError> {
        if let Some(d) = self.docs.get(path) {
            return Ok(d.clone());
        }
        let meta = std::fs::metadata(path).map_err(|e| LoadError::Io(e.to_string()))?;
        if !meta.is_file() {
            return Err(LoadError::Io("not a file".into()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(LoadError::Io(format!(
                "larger than {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            )));
        }
        // A symbolic link may lead out of the folder the lexical check kept us in.
        let real = std::fs::canonicalize(path).map_err(|e| LoadError::Io(e.to_string()))?;
        let real_root = std::fs::canonicalize(root).map_err(|e| LoadError::Io(e.to_string()))?;
        if !real.starts_with(&real_root) {
            return Err(LoadError::Escapes(real));
        }
        let bytes = std::fs::read(path).map_err(|e| LoadError::Io(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| LoadError::Io("not UTF-8 text".into()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let doc = yaml::parse(text).map_err(LoadError::Parse)?;
        self.order.push(path.to_path_buf());
        let doc = Rc::new(doc);
        self.docs.insert(path.to_path_buf(), doc.clone());
        Ok(doc)
    }
}

/// Why a referenced file could not be used.
#[derive(Debug)]
pub(crate) enum LoadError {
    /// Missing, unreadable, not a file, too large, not UTF-8.
    Io(String),
    /// A symbolic link whose real path is outside the entry document's folder.
    Escapes(PathBuf),
    /// Not YAML or JSON: the parser's diagnostic, positioned in the referenced file.
    Parse(Diagnostic),
}

/// The 1-based line and column of the `$ref` whose value is `raw`, at `pointer` of the file
/// `path`: the nearest ancestor whose line the parser recorded, then the first line from there
/// that holds both `$ref` and `raw` (or `raw` alone, for discriminator mappings). `(0, 0)` when
/// the file cannot be read again.
pub(crate) fn ref_position(path: &Path, pointer: &str, raw: &str) -> (usize, usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (0, 0);
    };
    let locations = yaml::parse_with_locations(&text)
        .map(|p| p.locations)
        .unwrap_or_default();
    let mut start = 1;
    let mut p = pointer;
    loop {
        if let Some(&l) = locations.get(p) {
            start = l;
            break;
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => break,
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let find = |from: usize, needs_ref: bool| {
        lines
            .iter()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(raw) && (!needs_ref || l.contains("$ref")))
            .map(|(i, l)| {
                let at = if needs_ref {
                    l.find("$ref").unwrap_or(0)
                } else {
                    l.find(raw).unwrap_or(0)
                };
                (i + 1, l[..at].chars().count() + 1)
            })
    };
    find(start, true)
        .or_else(|| find(1, true))
        .or_else(|| find(start, false))
        .unwrap_or((start, 1))
}
