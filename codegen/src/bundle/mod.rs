//! Multi-file specifications: follows every `$ref` to a relative file and returns ONE
//! self-contained document, the way `redocly bundle` and `swagger-cli bundle` do.
//!
//! * A reference may be a whole file (`paths/users.yaml`) or a fragment of one
//!   (`../components/schemas/Order.yaml#/Order`, `./a/b.json#/components/schemas/X`), YAML or
//!   JSON, resolved relative to the file that holds it, at any depth. A reference local to an
//!   external file (`#/Foo` inside `Order.yaml`) resolves against that file.
//! * References are followed where OpenAPI (3.x, and Swagger 2.0) lets a reference stand: path
//!   items, operations' parameters, request bodies, responses, headers, schemas (and the values
//!   of a discriminator's `mapping`), examples, links, callbacks, webhooks and every
//!   `components` section. Literal data (`example`, `default`, `enum`, an Example's `value`) and
//!   extensions (`x-…`, such as `x-codeSamples` pointing at source files) are left as written.
//! * Schemas from other files become entries of the document's schema section
//!   (`components.schemas`, or `definitions` for `swagger: "2.0"`) under the names
//!   `names` gives, and references to them become `#/components/schemas/Name`; a schema
//!   that refers to itself through other files is therefore a reference cycle, not an endless
//!   inlining. A schema of the entry document that is only a reference to a file
//!   (`components.schemas.Pet: {$ref: schemas/Pet.yaml}`) is replaced by that file's schema,
//!   which keeps the name `Pet`. Everything else (path items, parameters, responses, …) is inlined where it is
//!   referenced, its `summary`/`description` siblings kept over the referenced ones.
//! * References of the entry document to itself (`#/components/…`) stay as they are; a
//!   reference from another file into the entry document becomes a local one.
//! * Refused, as an error naming the referring file, line and reference: URLs (`http:`,
//!   `https:`, `//host`), absolute paths and paths that leave the entry document's folder, or
//!   the bundle root given to [`bundle_within`] (also through a symbolic link). Missing files and fragments are errors too. Every error is
//!   reported, not only the first.

mod names;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::yaml::count_nodes;
use resolve::{Files, LoadError, Refused, Target};

/// Most external references inlined inside one another (a path item that references a
/// parameter that references …); deeper chains are refused rather than overflowing the stack.
const MAX_INLINE_DEPTH: usize = 64;

/// Most JSON nodes that inlining may copy, so a few files referencing each other many times
/// over cannot take unbounded time and memory.
const MAX_COPIED_NODES: usize = crate::frontend::yaml::MAX_ALIAS_NODES;

/// Marks a schema reference whose component name is chosen after the walk.
const PLACEHOLDER: &str = "\u{0}cpaas-bundle-schema:";

/// One self-contained document and what it took to make it.
#[derive(Debug, Clone)]
pub struct Bundled {
    /// The document, with no reference to another file left.
    pub doc: Value,
    /// Every file read, the entry document first, as paths under the entry's folder as given.
    pub files: Vec<PathBuf>,
}

/// True when `text` may hold a `$ref` to another file: a cheap test on the text, so documents
/// with only local references (`#/…`) are not parsed twice. False positives are fine.
pub fn may_hold_external_refs(text: &str) -> bool {
    text.match_indices("$ref").any(|(i, _)| {
        let rest = &text[i + 4..];
        let rest = rest.trim_start_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let rest = rest.trim_start_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        !rest.starts_with('#')
    })
}

/// `path` made absolute and without `.` or `..`, for comparing paths named differently.
pub fn normalize_path(path: &Path) -> PathBuf {
    resolve::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Bundles the document `doc`, read from `entry`, following every reference to another file
/// under `entry`'s folder. `Err` holds every reference that could not be followed, each naming
/// the file and line that holds it.
pub fn bundle(entry: &Path, doc: Value) -> Result<Bundled, Vec<Diagnostic>> {
    bundle_within(entry, doc, None)
}

/// [`bundle`], with references allowed anywhere under `root` (a folder holding `entry`, such
/// as the top of a vendored tree whose entry document refers to `../common/Error.yaml`)
/// instead of only under `entry`'s folder. `None` is `entry`'s folder. A `root` that does not
/// hold `entry` is an error.
pub fn bundle_within(
    entry: &Path,
    doc: Value,
    root: Option<&Path>,
) -> Result<Bundled, Vec<Diagnostic>> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| resolve::normalize(&a))
            .map_err(|e| {
                vec![
                    Diagnostic::error("bundle.read", format!("cannot resolve the path: {e}"))
                        .in_file(p),
                ]
            })
    };
    let entry_abs = absolute(entry)?;
    let (root, shown_root) = match root {
        None => (
            entry_abs
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            entry.parent().map(Path::to_path_buf).unwrap_or_default(),
        ),
        Some(r) => {
            let abs = absolute(r)?;
            if !entry_abs.starts_with(&abs) {
                return Err(vec![
                    Diagnostic::error(
                        "bundle.root-outside",
                        format!(
                            "the bundle root `{}` does not hold this document: expected a \
                             folder that the entry document is inside",
                            r.display()
                        ),
                    )
                    .in_file(entry),
                ]);
            }
            (abs, r.to_path_buf())
        }
    };
    let swagger2 = doc.get("swagger").is_some();
    let mut b = Bundler {
        root,
        shown_root,
        entry: entry_abs.clone(),
        swagger2,
        files: Files::default(),
        schemas: Vec::new(),
        schema_index: HashMap::new(),
        pending: VecDeque::new(),
        inlining: Vec::new(),
        copied: 0,
        errors: Vec::new(),
    };
    b.files.insert(entry_abs.clone(), doc.clone());
    b.seed_named_schemas(&doc);
    let mut out = doc;
    let mut ptr = String::new();
    b.walk(&mut out, Kind::Root, &entry_abs, &mut ptr);
    while let Some(i) = b.pending.pop_front() {
        let (target, mut value) = {
            let s = &mut b.schemas[i];
            (s.target.clone(), s.value.take().unwrap_or(Value::Null))
        };
        let mut ptr = target.pointer.clone();
        b.walk(&mut value, Kind::Schema, &target.file, &mut ptr);
        b.schemas[i].value = Some(value);
    }
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    b.place_schemas(&mut out)?;
    let files = b.files.order.iter().map(|f| b.shown(f)).collect();
    Ok(Bundled { doc: out, files })
}

/// What an object found at some place of the document is, so only places where OpenAPI lets a
/// reference stand are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Response,
    Callback,
    Schema,
    /// Example, Link, Security Scheme: followed, with nothing inside to follow.
    Leaf,
}

/// How children of a key are laid out.
#[derive(Clone, Copy)]
enum Shape {
    One(Kind),
    List(Kind),
    /// A map of names to objects; `true`: `x-` keys are extensions, not names.
    Map(Kind, bool),
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where the children of a `kind` object that may hold references are.
fn child_shape(kind: Kind, key: &str, swagger2: bool) -> Option<Shape> {
    use Kind::*;
    use Shape::*;
    Some(match (kind, key) {
        (Root, "paths" | "webhooks") => Map(PathItem, true),
        (Root, "components") => One(Components),
        (Root, "definitions") if swagger2 => Map(Schema, false),
        (Root, "parameters") if swagger2 => Map(Parameter, false),
        (Root, "responses") if swagger2 => Map(Response, false),
        (Components, "schemas") => Map(Schema, false),
        (Components, "responses") => Map(Response, false),
        (Components, "parameters") => Map(Parameter, false),
        (Components, "requestBodies") => Map(RequestBody, false),
        (Components, "headers") => Map(Header, false),
        (Components, "callbacks") => Map(Callback, false),
        (Components, "pathItems") => Map(PathItem, false),
        (Components, "examples" | "links" | "securitySchemes") => Map(Leaf, false),
        (PathItem, m) if METHODS.contains(&m) => One(Operation),
        (Callback, expression) if !expression.starts_with("x-") => One(PathItem),
        (PathItem | Operation, "parameters") => List(Parameter),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => Map(Response, true),
        (Operation, "callbacks") => Map(Callback, false),
        (Parameter | Header | MediaType, "schema") => One(Schema),
        (Parameter | Header, "items") if swagger2 => One(Schema),
        (Parameter | Header | MediaType, "examples") if !swagger2 => Map(Leaf, false),
        (Parameter | Header | RequestBody | Response, "content") => Map(MediaType, false),
        (MediaType, "encoding") => Map(Encoding, false),
        (Encoding | Response, "headers") => Map(Header, false),
        (Response, "links") => Map(Leaf, false),
        (Response, "schema") if swagger2 => One(Schema),
        (
            Schema,
            "items"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "additionalItems"
            | "contentSchema",
        ) => One(Schema),
        (Schema, "allOf" | "anyOf" | "oneOf" | "prefixItems") => List(Schema),
        (
            Schema,
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
        ) => Map(Schema, false),
        _ => return None,
    })
}

/// A schema from another file, waiting for its component name.
#[derive(Debug)]
struct SchemaEntry {
    target: Target,
    /// The name of the entry document's schema that is only a reference to this one.
    fixed: Option<String>,
    /// The schema, bundled once taken off the queue.
    value: Option<Value>,
}

struct Bundler {
    /// The entry document's folder (or the bundle root), absolute: nothing outside it is read.
    root: PathBuf,
    /// The same folder as the caller named it, for messages and `files`.
    shown_root: PathBuf,
    entry: PathBuf,
    swagger2: bool,
    files: Files,
    schemas: Vec<SchemaEntry>,
    schema_index: HashMap<Target, usize>,
    /// Schemas whose own references are still to be followed.
    pending: VecDeque<usize>,
    /// External objects being inlined, innermost last (to find cycles).
    inlining: Vec<Target>,
    copied: usize,
    errors: Vec<Diagnostic>,
}

impl Bundler {
    /// `abs` as the caller would name it: under the entry's folder as given.
    fn shown(&self, abs: &Path) -> PathBuf {
        match abs.strip_prefix(&self.root) {
            Ok(rel) => self.shown_root.join(rel),
            Err(_) => abs.to_path_buf(),
        }
    }

    /// Records an error about the reference `raw` at `ptr` of `file`.
    fn fail(&mut self, code: &'static str, file: &Path, ptr: &str, raw: &str, what: String) {
        let (line, col) = resolve::ref_position(file, ptr, raw);
        let mut d = Diagnostic::error(code, what).in_file(&self.shown(file));
        if line > 0 {
            d = d.at(line, col);
        }
        if !ptr.is_empty() {
            d = d.pointer(ptr.to_string());
        }
        self.errors.push(d);
    }

    /// The schema section of the entry document (`components.schemas` or `definitions`).
    fn section(&self) -> &'static [&'static str] {
        if self.swagger2 {
            &["definitions"]
        } else {
            &["components", "schemas"]
        }
    }

    /// Registers every schema of the entry document that is only a reference to another
    /// file under that schema's name (first come, in document order). References that cannot
    /// be followed are left for the walk to report.
    fn seed_named_schemas(&mut self, doc: &Value) {
        let mut holder = Some(doc);
        for s in self.section() {
            holder = holder.and_then(|h| h.get(*s));
        }
        let Some(Value::Object(schemas)) = holder else {
            return;
        };
        for (name, schema) in schemas {
            let Some(Value::String(raw)) = schema.get("$ref") else {
                continue;
            };
            if raw.starts_with('#') || schema.as_object().is_some_and(|o| o.len() != 1) {
                continue;
            }
            let Ok(t) = resolve::parse_ref(raw, &self.entry, &self.root) else {
                continue;
            };
            if t.file == self.entry || self.schema_index.contains_key(&t) {
                continue;
            }
            let Ok(file) = self.files.load(&t.file, &self.root) else {
                continue;
            };
            let Some(v) = file.pointer(&t.pointer) else {
                continue;
            };
            let i = self.schemas.len();
            self.schemas.push(SchemaEntry {
                target: t.clone(),
                fixed: Some(name.clone()),
                value: Some(v.clone()),
            });
            self.schema_index.insert(t, i);
            self.pending.push_back(i);
        }
    }

    /// Resolves `raw`, found at `ptr` of `file`, to a target in a file that exists, with the
    /// fragment present, and the node it names. `None`: an error was recorded.
    fn target(&mut self, raw: &str, file: &Path, ptr: &str) -> Option<(Target, Value)> {
        let shown_root = self.shown_root.display().to_string();
        let folder = if shown_root.is_empty() {
            ".".to_string()
        } else {
            shown_root
        };
        let t = match resolve::parse_ref(raw, file, &self.root) {
            Ok(t) => t,
            Err(why) => {
                let (code, what) = match why {
                    Refused::Url => (
                        "bundle.ref-url",
                        format!(
                            "`$ref: {raw}` is a URL, which is not fetched: expected a relative \
                             path to a file inside `{folder}` (vendor the file beside the spec)"
                        ),
                    ),
                    Refused::Absolute => (
                        "bundle.ref-absolute",
                        format!(
                            "`$ref: {raw}` is an absolute path: expected a path relative to this \
                             file, inside `{folder}`"
                        ),
                    ),
                    Refused::Escapes => (
                        "bundle.ref-outside",
                        format!(
                            "`$ref: {raw}` leaves the folder references may reach: expected a \
                             file inside `{folder}` (the entry document's folder unless a wider \
                             bundle root is declared: `--root DIR`, `Config::bundle_root`)"
                        ),
                    ),
                    Refused::Fragment => (
                        "bundle.ref-fragment",
                        format!(
                            "`$ref: {raw}` has a fragment that is not a JSON pointer: expected \
                             `file#/path/to/node` or a whole file"
                        ),
                    ),
                };
                self.fail(code, file, ptr, raw, what);
                return None;
            }
        };
        let doc = match self.files.load(&t.file, &self.root) {
            Ok(d) => d,
            Err(e) => {
                let shown = self.shown(&t.file);
                let (code, what) = match e {
                    LoadError::Io(why) => (
                        "bundle.ref-missing-file",
                        format!(
                            "`$ref: {raw}`: cannot read `{}`: {why}; expected an existing YAML \
                             or JSON file",
                            shown.display()
                        ),
                    ),
                    LoadError::Escapes(real) => (
                        "bundle.ref-outside",
                        format!(
                            "`$ref: {raw}`: `{}` is a link to `{}`, outside the folder of the \
                             entry document: expected a file inside `{folder}`",
                            shown.display(),
                            real.display()
                        ),
                    ),
                    LoadError::Parse(d) => (
                        "bundle.ref-parse",
                        format!(
                            "`$ref: {raw}`: `{}` is not valid YAML or JSON (line {}, column \
                             {}: {})",
                            shown.display(),
                            d.line,
                            d.col,
                            d.message
                        ),
                    ),
                };
                self.fail(code, file, ptr, raw, what);
                return None;
            }
        };
        let Some(v) = doc.pointer(&t.pointer) else {
            let what = format!(
                "`$ref: {raw}`: `{}` has no node at `#{}`; expected the fragment to name one",
                self.shown(&t.file).display(),
                t.pointer
            );
            self.fail("bundle.ref-missing-fragment", file, ptr, raw, what);
            return None;
        };
        Some((t.clone(), v.clone()))
    }

    /// The new text of a schema reference `raw` at `ptr` of `file`: local in the entry
    /// document, else a placeholder for the component's name. `None`: an error was recorded.
    fn schema_ref(&mut self, raw: &str, file: &Path, ptr: &str) -> Option<String> {
        if file == self.entry && raw.starts_with('#') {
            return Some(raw.to_string());
        }
        let (t, v) = self.target(raw, file, ptr)?;
        if t.file == self.entry {
            return Some(format!("#{}", t.pointer));
        }
        let i = match self.schema_index.get(&t) {
            Some(&i) => i,
            None => {
                let i = self.schemas.len();
                self.schemas.push(SchemaEntry {
                    target: t.clone(),
                    fixed: None,
                    value: Some(v),
                });
                self.schema_index.insert(t, i);
                self.pending.push_back(i);
                i
            }
        };
        Some(format!("{PLACEHOLDER}{i}"))
    }

    /// Follows the references in `v`, an object of kind `kind` standing at `ptr` of `file`.
    fn walk(&mut self, v: &mut Value, kind: Kind, file: &Path, ptr: &mut String) {
        let Value::Object(obj) = v else { return };
        if let Some(Value::String(raw)) = obj.get("$ref") {
            let raw = raw.clone();
            if kind == Kind::Schema {
                if let Some(new) = self.schema_ref(&raw, file, ptr) {
                    obj.insert("$ref".into(), Value::String(new));
                }
                // 3.1 lets a schema reference carry other keywords; they are walked below.
            } else {
                self.inline(v, kind, &raw, file, ptr);
                return;
            }
        }
        let Value::Object(obj) = v else { return };
        if kind == Kind::Schema {
            self.rewrite_mapping(obj, file, ptr);
        }
        for (key, child) in obj.iter_mut() {
            let Some(shape) = child_shape(kind, key, self.swagger2) else {
                continue;
            };
            let len = ptr.len();
            ptr.push('/');
            ptr.push_str(&pointer_token(key));
            match (shape, child) {
                (Shape::One(k), c) => self.walk(c, k, file, ptr),
                (Shape::List(k), Value::Array(items)) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        let l = ptr.len();
                        ptr.push_str(&format!("/{i}"));
                        self.walk(item, k, file, ptr);
                        ptr.truncate(l);
                    }
                }
                (Shape::Map(k, extensions), Value::Object(map)) => {
                    for (name, item) in map.iter_mut() {
                        if extensions && name.starts_with("x-") {
                            continue;
                        }
                        let l = ptr.len();
                        ptr.push('/');
                        ptr.push_str(&pointer_token(name));
                        self.walk(item, k, file, ptr);
                        ptr.truncate(l);
                    }
                }
                _ => {}
            }
            ptr.truncate(len);
        }
    }

    /// Rewrites a discriminator's `mapping` values that are references to files.
    fn rewrite_mapping(&mut self, obj: &mut Map<String, Value>, file: &Path, ptr: &str) {
        let Some(Value::Object(mapping)) = obj
            .get_mut("discriminator")
            .and_then(|d| d.get_mut("mapping"))
        else {
            return;
        };
        for (key, value) in mapping.iter_mut() {
            let Value::String(raw) = value else { continue };
            let is_ref = raw.contains('#')
                || raw.contains('/')
                || [".yaml", ".yml", ".json"].iter().any(|e| raw.ends_with(e));
            if !is_ref {
                continue;
            }
            let raw = raw.clone();
            let at = format!("{ptr}/discriminator/mapping/{}", pointer_token(key));
            if let Some(new) = self.schema_ref(&raw, file, &at) {
                *value = Value::String(new);
            }
        }
    }

    /// Replaces the reference object `v` (kind `kind`, not a schema) by what it points at.
    fn inline(&mut self, v: &mut Value, kind: Kind, raw: &str, file: &Path, ptr: &str) {
        if file == self.entry && raw.starts_with('#') {
            return;
        }
        let Some((t, mut target)) = self.target(raw, file, ptr) else {
            return;
        };
        if t.file == self.entry {
            if let Value::Object(o) = v {
                o.insert("$ref".into(), Value::String(format!("#{}", t.pointer)));
            }
            return;
        }
        if self.inlining.contains(&t) {
            let what = format!(
                "`$ref: {raw}` refers back to itself through other files; only schemas may be \
                 recursive (expected a path item, parameter, response, … that ends)"
            );
            self.fail("bundle.ref-cycle", file, ptr, raw, what);
            return;
        }
        if self.inlining.len() >= MAX_INLINE_DEPTH {
            let what = format!(
                "`$ref: {raw}` is nested more than {MAX_INLINE_DEPTH} references deep; expected \
                 a shallower tree of files"
            );
            self.fail("bundle.ref-too-deep", file, ptr, raw, what);
            return;
        }
        self.copied += count_nodes(&target, MAX_COPIED_NODES);
        if self.copied > MAX_COPIED_NODES {
            let what = format!(
                "`$ref: {raw}`: inlining would copy more than {MAX_COPIED_NODES} nodes; expected \
                 fewer references to large objects"
            );
            self.fail("bundle.too-large", file, ptr, raw, what);
            return;
        }
        self.inlining.push(t.clone());
        let mut at = t.pointer.clone();
        self.walk(&mut target, kind, &t.file, &mut at);
        self.inlining.pop();
        // Siblings of the reference (`summary`, `description`) win over the referenced ones.
        if let (Value::Object(siblings), Value::Object(inlined)) = (&*v, &mut target) {
            for (k, s) in siblings {
                if k != "$ref" {
                    inlined.insert(k.clone(), s.clone());
                }
            }
        }
        *v = target;
    }

    /// Names the external schemas and puts them into the document's schema section, replacing
    /// every placeholder by a reference to its component.
    fn place_schemas(&mut self, doc: &mut Value) -> Result<(), Vec<Diagnostic>> {
        if self.schemas.is_empty() {
            return Ok(());
        }
        let section = self.section();
        let prefix = format!("#/{}/", section.join("/"));
        let Some(root) = doc.as_object_mut() else {
            return Err(vec![
                Diagnostic::error("bundle.not-a-document", "expected a mapping at the root")
                    .in_file(&self.shown(&self.entry)),
            ]);
        };
        let mut taken = BTreeSet::new();
        let mut holder: Option<&Map<String, Value>> = Some(root);
        for s in section {
            holder = holder.and_then(|h| h.get(*s)).and_then(Value::as_object);
        }
        if let Some(h) = holder {
            taken.extend(h.keys().cloned());
        }
        let targets: Vec<Target> = self.schemas.iter().map(|s| s.target.clone()).collect();
        let fixed: Vec<Option<String>> = self.schemas.iter().map(|s| s.fixed.clone()).collect();
        let names = names::assign(&targets, &fixed, &self.root, &taken);
        let refs: Vec<String> = names
            .iter()
            .map(|n| format!("{prefix}{}", pointer_token(n)))
            .collect();
        let mut values: Vec<(String, Value)> = names
            .iter()
            .cloned()
            .zip(
                self.schemas
                    .iter_mut()
                    .map(|s| s.value.take().unwrap_or(Value::Null)),
            )
            .collect();
        for (_, v) in values.iter_mut() {
            replace_placeholders(v, &refs);
        }
        replace_placeholders(doc, &refs);
        values.sort_by(|a, b| a.0.cmp(&b.0));
        let mut at = doc;
        for s in section {
            let Value::Object(o) = at else {
                return Err(vec![
                    Diagnostic::error(
                        "bundle.not-a-document",
                        format!("expected `{s}` to be a mapping, to hold the bundled schemas"),
                    )
                    .in_file(&self.shown(&self.entry)),
                ]);
            };
            at = o
                .entry(s.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        let Value::Object(schemas) = at else {
            return Err(vec![
                Diagnostic::error(
                    "bundle.not-a-document",
                    format!("expected `{}` to be a mapping", section.join(".")),
                )
                .in_file(&self.shown(&self.entry)),
            ]);
        };
        for (name, value) in values {
            schemas.insert(name, value);
        }
        Ok(())
    }
}

/// Replaces every placeholder string left by [`Bundler::schema_ref`] with its reference.
fn replace_placeholders(v: &mut Value, refs: &[String]) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                if let Some(i) = s
                    .strip_prefix(PLACEHOLDER)
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| refs.get(i))
                {
                    *s = i.clone();
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            Value::Object(o) => stack.extend(o.values_mut()),
            _ => {}
        }
    }
}
