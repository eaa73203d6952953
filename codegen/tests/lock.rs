//! The API lock end to end, through `Config` as a build script uses it: a missing lock is a
//! warning and is not written unasked; `update_lock` writes it; a renamed path parameter is a
//! breaking change naming the Rust method until the lock is updated; `lock_deny_breaking` makes
//! it a build error. And the repository's own locks (`specs/<provider>/<api>.lock.json`) match
//! what `build.rs` generates, so a clean build prints no lock warning.

use std::path::Path;

use cpaas_codegen::{Config, Diagnostic};

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Acme, version: "1"}
servers: [{url: "https://api.acme.test"}]
paths:
  /users/{userId}:
    get:
      operationId: getUser
      parameters:
        - {name: userId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the user
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: {type: string}
"#;

struct Dir {
    _tmp: tempfile::TempDir,
    root: std::path::PathBuf,
}

impl Dir {
    fn new() -> Dir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        std::fs::create_dir_all(root.join("specs/acme/v1")).unwrap();
        let d = Dir { _tmp: tmp, root };
        d.spec(SPEC);
        d
    }

    fn spec(&self, text: &str) {
        std::fs::write(self.root.join("specs/acme/v1/openapi.yaml"), text).unwrap();
    }

    fn lock(&self) -> std::path::PathBuf {
        self.root.join("specs/acme/v1.lock.json")
    }

    fn config(&self) -> Config {
        let mut c = Config::new();
        c.specs_dir(self.root.join("specs"))
            .lock_dir(self.root.join("specs"))
            .out_dir(self.root.join("out"))
            .update_lock(false)
            .cargo_directives(false);
        c
    }
}

/// The lock's diagnostics of a successful generation.
fn lock_diags(c: &Config) -> Vec<Diagnostic> {
    let g = c.generate().unwrap_or_else(|e| panic!("{e}"));
    g.diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("lock."))
        .collect()
}

fn codes(ds: &[Diagnostic]) -> Vec<&str> {
    ds.iter().map(|d| d.code).collect()
}

#[test]
fn a_renamed_path_parameter_warns_until_the_lock_is_updated_and_fails_under_deny() {
    let dir = Dir::new();
    // No lock: one warning, nothing written.
    let ds = lock_diags(&dir.config());
    assert_eq!(codes(&ds), ["lock.missing"], "{ds:#?}");
    assert!(ds[0].message.contains("CPAAS_UPDATE_LOCK=1 cargo build"));
    assert!(!dir.lock().exists());
    // Written on request; then a build prints nothing about it.
    let ds = lock_diags(dir.config().update_lock(true));
    assert_eq!(codes(&ds), ["lock.updated"], "{ds:#?}");
    let locked = std::fs::read_to_string(dir.lock()).unwrap();
    assert!(locked.contains("\"rust\": \"get_user\""), "{locked}");
    assert!(lock_diags(&dir.config()).is_empty());

    // The vendored document renames the path parameter.
    dir.spec(&SPEC.replace("userId", "id"));
    let ds = lock_diags(&dir.config());
    let breaking: Vec<String> = ds
        .iter()
        .filter(|d| d.code == "lock.breaking")
        .map(|d| d.to_string())
        .collect();
    assert!(
        breaking.iter().any(|w| w.contains("[get_user]")
            && w.contains("breaking change")
            && w.contains("path parameter userId: parameter-removed")),
        "{ds:#?}"
    );
    assert!(ds.iter().any(|d| d.code == "lock.outdated"), "{ds:#?}");
    // The lock is left as it was.
    assert_eq!(std::fs::read_to_string(dir.lock()).unwrap(), locked);

    // For CI: the same change is a build error.
    let err = dir
        .config()
        .lock_deny_breaking(true)
        .generate()
        .unwrap_err();
    let errors: Vec<&Diagnostic> = err.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|d| d.code == "lock.breaking"),
        "{err}"
    );
    assert!(err.to_string().contains("[get_user]"), "{err}");

    // Accepted: the lock is rewritten, the warnings stop, deny passes.
    let ds = lock_diags(dir.config().update_lock(true));
    assert_eq!(codes(&ds), ["lock.updated"], "{ds:#?}");
    assert!(lock_diags(&dir.config()).is_empty());
    assert!(lock_diags(dir.config().lock_deny_breaking(true)).is_empty());
}

#[test]
fn a_non_breaking_change_warns_but_does_not_fail_under_deny_and_a_broken_lock_is_reported() {
    let dir = Dir::new();
    lock_diags(dir.config().update_lock(true));
    // A new operation breaks nobody.
    dir.spec(&format!(
        "{SPEC}  /users:\n    get:\n      operationId: listUsers\n      responses: {{\"200\": {{description: ok}}}}\n"
    ));
    let ds = lock_diags(dir.config().lock_deny_breaking(true));
    assert_eq!(codes(&ds), ["lock.change", "lock.outdated"], "{ds:#?}");
    assert!(ds[0].message.contains("[list_users]") && ds[0].message.contains("operation-added"));

    // A lock that does not parse is reported with its line, an error under deny.
    std::fs::write(dir.lock(), "{\n  \"api\": 3\n}\n").unwrap();
    let ds = lock_diags(&dir.config());
    assert_eq!(codes(&ds), ["lock.invalid"], "{ds:#?}");
    assert_eq!(ds[0].line, 2);
    let err = dir
        .config()
        .lock_deny_breaking(true)
        .generate()
        .unwrap_err();
    assert!(err.to_string().contains("lock.invalid"), "{err}");
}

/// The lock covers what is generated: under a selection, only the selected operations.
#[test]
fn the_lock_follows_the_selection() {
    let dir = Dir::new();
    dir.spec(&format!(
        "{SPEC}  /users:\n    get:\n      operationId: listUsers\n      responses: {{\"200\": {{description: ok}}}}\n"
    ));
    let select = cpaas_codegen::select::Selection::default().include(["getUser"]);
    lock_diags(dir.config().select(select.clone()).update_lock(true));
    let locked = std::fs::read_to_string(dir.lock()).unwrap();
    assert!(
        locked.contains("get_user") && !locked.contains("list_users"),
        "{locked}"
    );
    assert!(lock_diags(dir.config().select(select)).is_empty());
    // Selecting everything again adds an operation to the generated API.
    let ds = lock_diags(&dir.config());
    assert!(
        ds.iter().any(|d| d.message.contains("[list_users]")),
        "{ds:#?}"
    );
}

/// The repository's locks match what `build.rs` generates from `specs/` (no selection there),
/// so a clean `cargo build` prints no lock warning.
#[test]
fn the_vendored_apis_match_their_checked_in_locks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = tempfile::tempdir().unwrap();
    let mut c = Config::new();
    c.specs_dir(root.join("specs"))
        .lock_dir(root.join("specs"))
        .update_lock(false)
        .lock_deny_breaking(true)
        .out_dir(out.path())
        .cargo_directives(false);
    let ds = lock_diags(&c);
    assert!(
        ds.is_empty(),
        "the API locks under specs/ are out of date (run `CPAAS_UPDATE_LOCK=1 cargo build` and \
         review the diff): {ds:#?}"
    );
}

/// An API whose folder goes: its lock reports every operation removed (breaking) until the
/// update removes the lock.
#[test]
fn a_removed_api_is_breaking_until_its_lock_is_removed() {
    let dir = Dir::new();
    let other = dir.root.join("specs/acme/v2");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("openapi.yaml"), SPEC).unwrap();
    lock_diags(dir.config().update_lock(true));
    let gone = dir.root.join("specs/acme/v2.lock.json");
    assert!(gone.exists());
    std::fs::remove_dir_all(&other).unwrap();
    let ds = lock_diags(&dir.config());
    assert!(
        ds.iter().any(|d| d.code == "lock.breaking"
            && d.message.contains("`acme::v2`")
            && d.message.contains("[get_user]: operation-removed")),
        "{ds:#?}"
    );
    assert_eq!(
        codes(&lock_diags(dir.config().update_lock(true))),
        ["lock.updated"]
    );
    assert!(!gone.exists() && dir.lock().exists());
    assert!(lock_diags(&dir.config()).is_empty());
}

/// A paginated list (a `next_page_uri` beside the `users` array) and an event stream.
const STREAMING: &str = r##"openapi: 3.0.3
info: {title: Acme, version: "1"}
servers: [{url: "https://api.acme.test"}]
components:
  schemas:
    User: {type: object, required: [id], properties: {id: {type: string}}}
    Chunk: {type: object, properties: {text: {type: string}}}
paths:
  /users:
    get:
      operationId: listUsers
      responses:
        "200":
          description: a page
          content:
            application/json:
              schema:
                type: object
                properties:
                  users: {type: array, items: {$ref: "#/components/schemas/User"}}
                  next_page_uri: {type: string, nullable: true}
  /chat:
    post:
      operationId: chat
      responses:
        "200":
          description: the answer
          content:
            text/event-stream:
              schema: {$ref: "#/components/schemas/Chunk"}
"##;

fn messages(ds: &[Diagnostic], code: &str) -> Vec<String> {
    ds.iter()
        .filter(|d| d.code == code)
        .map(|d| d.to_string())
        .collect()
}

/// The lock records what `stream()`, `pages()` and `events()` walk and yield: a list that is no
/// longer recognised as paginated, or an event stream that goes, is a breaking change naming
/// the methods that go; their return is a non-breaking one.
#[test]
fn losing_pagination_or_an_event_stream_is_breaking_and_names_the_methods() {
    let dir = Dir::new();
    dir.spec(STREAMING);
    lock_diags(dir.config().update_lock(true));
    let locked = std::fs::read_to_string(dir.lock()).unwrap();
    assert!(
        locked.contains("\"format\": 2")
            && locked.contains("\"pattern\": \"next-uri\"")
            && locked.contains("\"item\": \"User\"")
            && locked.contains("\"events\": \"json Chunk\""),
        "{locked}"
    );
    assert!(lock_diags(&dir.config()).is_empty());

    // The next-page URI and the event stream both go from the vendored document.
    let plain = STREAMING
        .replace(
            "                  next_page_uri: {type: string, nullable: true}\n",
            "",
        )
        .replace("text/event-stream:", "application/json:");
    dir.spec(&plain);
    let ds = lock_diags(&dir.config());
    let breaking = messages(&ds, "lock.breaking");
    assert!(
        breaking.iter().any(|w| w.contains("[list_users]")
            && w.contains("pagination-removed")
            && w.contains("`stream()` and `pages()` go")),
        "{ds:#?}"
    );
    assert!(
        breaking.iter().any(|w| w.contains("[chat]")
            && w.contains("events-removed")
            && w.contains("`events()` goes")),
        "{ds:#?}"
    );
    assert!(
        dir.config().lock_deny_breaking(true).generate().is_err(),
        "losing `stream()` fails a build under deny"
    );

    // Accepted; then both come back: new methods, not breaking (the answer's media type
    // changing back is breaking on its own).
    lock_diags(dir.config().update_lock(true));
    dir.spec(STREAMING);
    let ds = lock_diags(&dir.config());
    assert!(
        !messages(&ds, "lock.breaking")
            .iter()
            .any(|w| w.contains("pagination") || w.contains("events")),
        "{ds:#?}"
    );
    let changes = messages(&ds, "lock.change");
    assert!(
        changes
            .iter()
            .any(|w| w.contains("[list_users]") && w.contains("pagination-added")),
        "{ds:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|w| w.contains("[chat]") && w.contains("events-added")),
        "{ds:#?}"
    );
}

/// Items of another type: what `stream()` yields changes, a breaking change.
#[test]
fn a_pagination_item_type_change_is_breaking() {
    let dir = Dir::new();
    dir.spec(STREAMING);
    lock_diags(dir.config().update_lock(true));
    dir.spec(&STREAMING.replace(
        "items: {$ref: \"#/components/schemas/User\"}",
        "items: {$ref: \"#/components/schemas/Chunk\"}",
    ));
    let ds = lock_diags(&dir.config());
    assert!(
        messages(&ds, "lock.breaking")
            .iter()
            .any(|w| w.contains("[list_users]: `stream()` item: type-changed")),
        "{ds:#?}"
    );
}

/// A lock written before pagination and event streams were recorded (format 1: no `format`
/// key) still reads: what it holds is compared, their absence is not taken for "none", and a
/// `lock.format` warning says they are not checked until the lock is rewritten.
#[test]
fn a_format_1_lock_reads_and_says_what_it_does_not_check() {
    let dir = Dir::new();
    dir.spec(STREAMING);
    lock_diags(dir.config().update_lock(true));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.lock()).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("format");
    for op in v["operations"].as_array_mut().unwrap() {
        let op = op.as_object_mut().unwrap();
        op.remove("pages");
        op.remove("events");
    }
    std::fs::write(dir.lock(), serde_json::to_string_pretty(&v).unwrap()).unwrap();

    let ds = lock_diags(dir.config().lock_deny_breaking(true));
    assert_eq!(codes(&ds), ["lock.format", "lock.outdated"], "{ds:#?}");
    assert!(
        ds[0].message.contains("lock format 1")
            && ds[0]
                .message
                .contains("`stream()`, `pages()` and `events()` are not checked")
            && ds[0].message.contains("CPAAS_UPDATE_LOCK=1 cargo build"),
        "{ds:#?}"
    );
    // What a format 1 lock holds is still checked.
    dir.spec(&STREAMING.replace("required: [id], ", ""));
    let ds = lock_diags(&dir.config());
    assert!(
        messages(&ds, "lock.breaking")
            .iter()
            .any(|w| w.contains("schema User") && w.contains("field id: made-optional")),
        "{ds:#?}"
    );
    // Rewriting it records them.
    dir.spec(STREAMING);
    lock_diags(dir.config().update_lock(true));
    assert!(lock_diags(&dir.config()).is_empty());
    assert!(
        std::fs::read_to_string(dir.lock())
            .unwrap()
            .contains("\"events\": \"json Chunk\"")
    );

    // A lock of a format this generator does not know is refused, not misread.
    let text = std::fs::read_to_string(dir.lock()).unwrap();
    std::fs::write(dir.lock(), text.replace("\"format\": 2", "\"format\": 3")).unwrap();
    let ds = lock_diags(&dir.config());
    assert_eq!(codes(&ds), ["lock.invalid"], "{ds:#?}");
    assert!(ds[0].message.contains("lock format 3 is newer"), "{ds:#?}");
}
